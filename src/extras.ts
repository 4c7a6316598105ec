/**
 * Code the SDK needs only on some sites, in a chunk of its own (dist/extras.js): series,
 * schedules and goals (loaded when a ruleset has any), the durable outbox (with an
 * `events_url`), the dataLayer watcher (with `datalayer_events`), the console output of
 * `debug: true`, and the rule traces and history of the QA page's debug tools.
 */
export { enterRun, stepRun } from './storage/runs';
export { explainMessage } from './engine/explain';
export { outsideSchedule } from './engine/schedule';
export { claimGoal } from './storage/history';
export { historyOf } from './debug/history';
export { loadRuleset, resetHistory } from './debug/tools';
export { logDecisions } from './debug/log';
export { createOutbox } from './delivery/outbox';
export { watchDataLayer } from './browser/datalayer';
