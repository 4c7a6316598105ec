import type { Rule } from '../ruleset/types';

/** What each operator asks of a value, as a person would say it. */
const NEEDS: Record<string, string> = {
  is: 'to be',
  is_not: 'not to be',
  contains: 'to contain',
  not_contains: 'not to contain',
  starts_with: 'to start with',
  ends_with: 'to end with',
  exists: 'a value',
  not_exists: 'no value',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  before: 'a date before',
  after: 'a date after',
  more_than_ago: 'a date more than this long ago:',
  less_than_ago: 'a date less than this long ago:',
  in_more_than: 'a date further ahead than',
  in_less_than: 'a date within the next',
};

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Why a rule failed, naming the value it saw: "duration_s is 90, needs more than 120";
 * "plan is missing, needs to be "pro"".
 */
export function describeFailure(rule: Rule, actual: unknown): string {
  const name = rule.key ?? rule.attr ?? '?';
  const seen = actual === undefined ? 'is missing' : `is ${show(actual)}`;
  const need = NEEDS[rule.op];
  const needs = need ? `needs ${need}` : `fails ${rule.op}`;
  const wanted = rule.op === 'exists' || rule.op === 'not_exists' || rule.value === undefined ? '' : ` ${show(rule.value)}`;
  const mismatch = actual !== undefined && actual !== null && rule.value !== undefined && rule.value !== null
    && typeof actual !== typeof rule.value && !/ago|in_|before|after/.test(rule.op)
    ? ` (a ${typeof actual}, not a ${typeof rule.value})` : '';
  return `${name} ${seen}, ${needs}${wanted}${mismatch}`;
}
