/** The package version, written in by the build. */
declare const __HERALD_VERSION__: string;
