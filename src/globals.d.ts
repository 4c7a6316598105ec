/** The package version, written in by the build. */
declare const __HERALD_VERSION__: string;

/** True in the CLI and the tests: the validator's hints and typo suggestions. */
declare const __HINTS__: boolean;
