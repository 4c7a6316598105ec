import type { Condition, Conditions, Rule } from '../ruleset/types';
import { OPERATORS } from './operators';

/** Looks up the value a rule names (`key` or `attr`); undefined when there is none. */
export type Resolve = (name: string) => unknown;

/** The outcome of a condition tree: the first rule that failed, when one did. */
export interface ConditionResult {
  ok: boolean;
  /** The failing rule, for the decision's detail (absent when `ok`). */
  failed?: Rule;
}

const isGroup = (c: Condition): c is { any: Condition[] } | { all: Condition[] } =>
  Array.isArray((c as { any?: unknown }).any) || Array.isArray((c as { all?: unknown }).all);

/** Evaluates one rule against its resolved value. Unknown operators are false. */
export function testRule(rule: Rule, resolve: Resolve, now: number): boolean {
  const operator = Object.hasOwn(OPERATORS, rule.op) ? OPERATORS[rule.op] : undefined;
  const name = rule.key ?? rule.attr;
  return !!operator && typeof name === 'string' && operator(resolve(name), rule.value, now);
}

/**
 * Evaluates a condition tree: a list means all must hold; `{ any }` and `{ all }` nest.
 * No conditions at all hold.
 */
export function evaluateConditions(conditions: Conditions | undefined, resolve: Resolve, now: number): ConditionResult {
  if (!conditions) return { ok: true };
  if (Array.isArray(conditions)) return every(conditions, resolve, now);
  return evaluateCondition(conditions, resolve, now);
}

function evaluateCondition(condition: Condition, resolve: Resolve, now: number): ConditionResult {
  if (!isGroup(condition)) return testRule(condition, resolve, now) ? { ok: true } : { ok: false, failed: condition };
  if ('all' in condition) return every(condition.all, resolve, now);
  let failed: Rule | undefined;
  for (const c of condition.any) {
    const result = evaluateCondition(c, resolve, now);
    if (result.ok) return result;
    failed ??= result.failed;
  }
  return failed ? { ok: false, failed } : { ok: condition.any.length === 0 };
}

function every(list: Condition[], resolve: Resolve, now: number): ConditionResult {
  for (const c of list) {
    const result = evaluateCondition(c, resolve, now);
    if (!result.ok) return result;
  }
  return { ok: true };
}

/** A rule as a person reads it: `duration_s gt 120`. */
export const describeRule = (rule: Rule): string =>
  `${rule.key ?? rule.attr} ${rule.op}${rule.value === undefined ? '' : ` ${JSON.stringify(rule.value)}`}`;
