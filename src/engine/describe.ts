import type { Rule } from '../ruleset/types';

/** What each operator asks of a value, as a person would say it. */
const NEEDS: Record<string, string> = {
  is: 'needs to be',
  is_not: 'needs not to be',
  contains: 'needs to contain',
  not_contains: 'needs not to contain',
  starts_with: 'needs to start with',
  ends_with: 'needs to end with',
  exists: 'needs a value',
  not_exists: 'needs no value',
  gt: 'needs more than',
  gte: 'needs at least',
  lt: 'needs less than',
  lte: 'needs at most',
  before: 'needs a date before',
  after: 'needs a date after',
  more_than_ago: 'needs a date more than this long ago:',
  less_than_ago: 'needs a date less than this long ago:',
  in_more_than: 'needs a date further ahead than',
  in_less_than: 'needs a date within the next',
};

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Why a rule failed, naming the value it saw: "duration_s is 90, needs more than 120";
 * "plan is missing, needs to be "pro"".
 */
export function describeFailure(rule: Rule, actual: unknown): string {
  const name = rule.key ?? rule.attr ?? '?';
  const seen = actual === undefined ? 'is missing' : `is ${show(actual)}`;
  const needs = NEEDS[rule.op] ?? `fails ${rule.op}`;
  const wanted = rule.op === 'exists' || rule.op === 'not_exists' || rule.value === undefined ? '' : ` ${show(rule.value)}`;
  const mismatch = actual !== undefined && actual !== null && rule.value !== undefined && rule.value !== null
    && typeof actual !== typeof rule.value && !/ago|in_|before|after/.test(rule.op)
    ? ` (a ${typeof actual}, not a ${typeof rule.value})` : '';
  return `${name} ${seen}, ${needs}${wanted}${mismatch}`;
}
