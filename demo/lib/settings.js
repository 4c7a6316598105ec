/**
 * The install's settings, as the page set them in `window.intercomSettings`, split into
 * Herald's own (kept on every boot) and the person's; and the ruleset URL in use, which
 * every later `boot` and `update` passes on, so a re-sync fetches the ruleset being tested.
 */
const initial = { ...(window.intercomSettings ?? {}) };
const OWN = ['app_id', 'sdk_url', 'ruleset_url', 'debug_tools', 'debug'];

/** Herald's settings of this install (app_id, ruleset_url, debug_tools, ...). */
export const base = Object.fromEntries(Object.entries(initial).filter(([k]) => OWN.includes(k)));

/** The person the page booted with. */
export const bootPerson = Object.fromEntries(Object.entries(initial).filter(([k]) => !OWN.includes(k)));

let rulesetUrl = base.ruleset_url;

/** The name of the example ruleset the page was served with (`?ruleset=NAME`). */
export const servedName = /\/([^/]+)\.json$/.exec(base.ruleset_url ?? '')?.[1] ?? 'upload';

export const currentRulesetUrl = () => rulesetUrl;
export const setRulesetUrl = (url) => { rulesetUrl = url; };
