/**
 * Code the SDK needs only on some sites, in a chunk of its own (dist/extras.js): series
 * (loaded when a ruleset has any) and the rule traces of the QA page's debug tools.
 */
export { advanceSeries, entryProblem } from './engine/series';
export { explainMessage } from './engine/explain';
