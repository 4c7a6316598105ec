/**
 * What the panel's parts tell each other: `ruleset` (the one in use changed), `person`
 * (a switch or an update), `travel` (the SDK clock moved), `decision`, `history`
 * (something may have changed what storage holds).
 */
const target = new EventTarget();

/** Calls `fn(detail)` for each `name` signal. */
export const on = (name, fn) => target.addEventListener(name, (e) => fn(e.detail));

export const emit = (name, detail) => target.dispatchEvent(new CustomEvent(name, { detail }));
