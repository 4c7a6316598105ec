import { describe, expect, it } from 'vitest';
import type { Conditions, Rule } from '../ruleset/types';
import { describeRule, evaluateConditions, testRule, type Resolve } from './conditions';

const NOW = Date.parse('2026-06-15T12:00:00Z');

const values: Record<string, unknown> = {
  plan: 'pro',
  seats: 5,
  admin: true,
  'user.plan': 'pro',
  current_url: 'https://site.test/files/1',
};
const resolve: Resolve = (name) => (Object.hasOwn(values, name) ? values[name] : undefined);

const proPlan: Rule = { key: 'plan', op: 'is', value: 'pro' };
const freePlan: Rule = { key: 'plan', op: 'is', value: 'free' };
const manySeats: Rule = { key: 'seats', op: 'gt', value: 3 };
const fewSeats: Rule = { key: 'seats', op: 'lt', value: 3 };
const isAdmin: Rule = { key: 'admin', op: 'is', value: true };
const notAdmin: Rule = { key: 'admin', op: 'is', value: false };

describe('evaluateConditions', () => {
  it.each<[string, Conditions | undefined, boolean, Rule | undefined]>([
    ['absent conditions', undefined, true, undefined],
    ['an empty list', [], true, undefined],
    ['an empty all', { all: [] }, true, undefined],
    ['an empty any', { any: [] }, true, undefined],
    ['a list that all holds', [proPlan, manySeats, isAdmin], true, undefined],
    ['a list with one failing rule', [proPlan, fewSeats, isAdmin], false, fewSeats],
    ['a list with two failing rules reports the first', [proPlan, fewSeats, notAdmin], false, fewSeats],
    ['all that holds', { all: [proPlan, manySeats] }, true, undefined],
    ['all with a failing rule', { all: [proPlan, freePlan] }, false, freePlan],
    ['any with one rule that holds', { any: [freePlan, fewSeats, isAdmin] }, true, undefined],
    ['any where none holds reports the first', { any: [freePlan, fewSeats, notAdmin] }, false, freePlan],
    ['any nested in a list', [proPlan, { any: [freePlan, manySeats] }], true, undefined],
    ['failing any nested in a list', [proPlan, { any: [freePlan, fewSeats] }], false, freePlan],
    ['all nested in any', { any: [{ all: [proPlan, fewSeats] }, { all: [isAdmin, manySeats] }] }, true, undefined],
    ['failing all nested in any reports the first failure', { any: [{ all: [proPlan, fewSeats] }, { all: [notAdmin] }] }, false, fewSeats],
    ['any nested in all nested in a list', [{ all: [{ any: [freePlan, proPlan] }, manySeats] }], true, undefined],
    ['deep failure surfaces', [{ all: [{ any: [freePlan, { all: [notAdmin] }] }] }], false, freePlan],
    ['an empty any nested in a list holds', [proPlan, { any: [] }], true, undefined],
  ])('%s', (_name, conditions, ok, failed) => {
    const result = evaluateConditions(conditions, resolve, NOW);
    expect(result.ok).toBe(ok);
    expect(result.failed).toBe(failed);
  });

  it('an unknown operator makes its rule fail', () => {
    const unknown: Rule = { key: 'plan', op: 'matches', value: 'pro' };
    expect(evaluateConditions([unknown], resolve, NOW)).toEqual({ ok: false, failed: unknown });
    expect(evaluateConditions({ any: [unknown, proPlan] }, resolve, NOW).ok).toBe(true);
  });

  it('a rule for a value that is not there fails (but not_exists holds)', () => {
    expect(evaluateConditions([{ key: 'missing', op: 'is', value: 'x' }], resolve, NOW).ok).toBe(false);
    expect(evaluateConditions([{ key: 'missing', op: 'not_exists' }], resolve, NOW).ok).toBe(true);
  });

  it('passes its now to the operators', () => {
    const recent: Rule = { key: 'signed_up', op: 'less_than_ago', value: '1d' };
    const at = (name: string) => (name === 'signed_up' ? '2026-06-15T00:00:00Z' : undefined);
    expect(evaluateConditions([recent], at, NOW).ok).toBe(true);
    expect(evaluateConditions([recent], at, NOW + 864e5).ok).toBe(false);
  });
});

describe('testRule', () => {
  it('reads the value named by key (metadata rules) or attr (where and audience rules)', () => {
    const seen: string[] = [];
    const spy: Resolve = (name) => {
      seen.push(name);
      return resolve(name);
    };
    expect(testRule({ key: 'plan', op: 'is', value: 'pro' }, spy, NOW)).toBe(true);
    expect(testRule({ attr: 'user.plan', op: 'is', value: 'pro' }, spy, NOW)).toBe(true);
    expect(testRule({ attr: 'current_url', op: 'contains', value: '/files' }, spy, NOW)).toBe(true);
    expect(seen).toEqual(['plan', 'user.plan', 'current_url']);
  });

  it('prefers key when a rule has both', () => {
    expect(testRule({ key: 'plan', attr: 'seats', op: 'is', value: 'pro' }, resolve, NOW)).toBe(true);
  });

  it('fails a rule that names no value, even for not_exists', () => {
    expect(testRule({ op: 'not_exists' }, resolve, NOW)).toBe(false);
    expect(testRule({ key: 42 as unknown as string, op: 'not_exists' }, resolve, NOW)).toBe(false);
  });

  it.each(['matches', '', 'IS', 'equals'])('an unknown operator %j is false', (op) => {
    expect(testRule({ key: 'plan', op, value: 'pro' }, resolve, NOW)).toBe(false);
  });

  // Object.prototype's names are not operators: looked up on a plain object literal they
  // must not be found (constructor and toString would answer truthy; valueOf, hasOwnProperty
  // and __proto__ would throw).
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'])(
    'the inherited name %j is an unknown operator: false, and no exception',
    (op) => {
      let result: unknown;
      expect(() => { result = testRule({ key: 'plan', op, value: 'pro' }, resolve, NOW); }).not.toThrow();
      expect(result).toBe(false);
    },
  );
});

describe('describeRule', () => {
  it.each<[Rule, string]>([
    [{ key: 'duration_s', op: 'gt', value: 120 }, 'duration_s gt 120'],
    [{ attr: 'user.plan', op: 'is', value: 'pro' }, 'user.plan is "pro"'],
    [{ key: 'left_page', op: 'is', value: true }, 'left_page is true'],
    [{ key: 'email', op: 'exists' }, 'email exists'],
  ])('%j reads as %j', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });
});
