import { describe, expect, it } from 'vitest';
import type { Rule } from '../ruleset/types';
import { describeFailure } from './describe';
import { OPERATORS } from './operators';

const rule = (op: string, value?: unknown, name = 'plan'): Rule => ({ key: name, op, ...(value === undefined ? {} : { value }) });

describe('describeFailure', () => {
  it.each<[string, unknown, unknown, string]>([
    ['is', 'pro', 'free', 'plan is "free", needs to be "pro"'],
    ['is_not', 'pro', 'pro', 'plan is "pro", needs not to be "pro"'],
    ['contains', 'pro', 'basic', 'plan is "basic", needs to contain "pro"'],
    ['not_contains', 'pro', 'pro-plus', 'plan is "pro-plus", needs not to contain "pro"'],
    ['starts_with', 'pro', 'free', 'plan is "free", needs to start with "pro"'],
    ['ends_with', 'plus', 'free', 'plan is "free", needs to end with "plus"'],
    ['exists', undefined, '', 'plan is "", needs a value'],
    ['not_exists', undefined, 'pro', 'plan is "pro", needs no value'],
    ['gt', 120, 90, 'plan is 90, needs more than 120'],
    ['gte', 120, 119, 'plan is 119, needs at least 120'],
    ['lt', 10, 11, 'plan is 11, needs less than 10'],
    ['lte', 10, 11, 'plan is 11, needs at most 10'],
    ['before', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', 'plan is "2026-06-01T00:00:00Z", needs a date before "2026-01-01T00:00:00Z"'],
    ['after', '2026-01-01T00:00:00Z', '2025-06-01T00:00:00Z', 'plan is "2025-06-01T00:00:00Z", needs a date after "2026-01-01T00:00:00Z"'],
    ['more_than_ago', '2d', '2026-06-01T00:00:00Z', 'plan is "2026-06-01T00:00:00Z", needs a date more than this long ago: "2d"'],
    ['less_than_ago', '2d', '2020-06-01T00:00:00Z', 'plan is "2020-06-01T00:00:00Z", needs a date less than this long ago: "2d"'],
    ['in_more_than', '1w', '2026-06-01T00:00:00Z', 'plan is "2026-06-01T00:00:00Z", needs a date further ahead than "1w"'],
    ['in_less_than', '1h', '2030-06-01T00:00:00Z', 'plan is "2030-06-01T00:00:00Z", needs a date within the next "1h"'],
  ])('%s', (op, value, actual, text) => {
    expect(describeFailure(rule(op, value), actual)).toBe(text);
  });

  it('has a sentence for every operator the engine knows', () => {
    for (const op of Object.keys(OPERATORS)) {
      const text = describeFailure(rule(op, 'x'), 'y');
      expect(text, op).not.toContain(`fails ${op}`);
      expect(text, op).toMatch(/needs/);
    }
  });

  it('an unknown operator is named as it is', () => {
    expect(describeFailure(rule('matches', 'p.*'), 'free')).toBe('plan is "free", fails matches "p.*"');
  });

  describe('missing, null and empty values are told apart', () => {
    it('undefined is missing', () => {
      expect(describeFailure(rule('is', 'pro'), undefined)).toBe('plan is missing, needs to be "pro"');
      expect(describeFailure(rule('exists'), undefined)).toBe('plan is missing, needs a value');
    });

    it('null is null', () => {
      expect(describeFailure(rule('is', 'pro'), null)).toBe('plan is null, needs to be "pro"');
      expect(describeFailure(rule('exists'), null)).toBe('plan is null, needs a value');
    });

    it('"" is the empty string', () => {
      expect(describeFailure(rule('is', 'pro'), '')).toBe('plan is "", needs to be "pro"');
      expect(describeFailure(rule('exists'), '')).toBe('plan is "", needs a value');
    });

    it('no type note for a missing or null value', () => {
      expect(describeFailure(rule('gt', 120), undefined)).not.toMatch(/\(a /);
      expect(describeFailure(rule('gt', 120), null)).not.toMatch(/\(a /);
    });
  });

  describe('a type mismatch gets a note', () => {
    it.each<[string, unknown, unknown, string]>([
      ['gt', 120, '150', ' (a string, not a number)'],
      ['is', 3, '3', ' (a string, not a number)'],
      ['is', true, 'true', ' (a string, not a boolean)'],
      ['is', 'pro', 1, ' (a number, not a string)'],
      ['contains', '5', 15, ' (a number, not a string)'],
      ['lte', 10, false, ' (a boolean, not a number)'],
    ])('%s %j against %j', (op, value, actual, note) => {
      const text = describeFailure(rule(op, value), actual);
      expect(text.endsWith(note)).toBe(true);
    });

    it('the whole sentence for a string that looks like a number', () => {
      expect(describeFailure(rule('gt', 120, 'duration_s'), '150')).toBe('duration_s is "150", needs more than 120 (a string, not a number)');
    });

    it('no note when the types agree', () => {
      expect(describeFailure(rule('gt', 120), 90)).not.toContain('(a ');
      expect(describeFailure(rule('is', 'pro'), 'free')).not.toContain('(a ');
    });

    it.each(['before', 'after', 'more_than_ago', 'less_than_ago', 'in_more_than', 'in_less_than'])(
      'date operator %s gets no note: unix seconds against an ISO date or a duration is fine',
      (op) => {
        const value = op === 'before' || op === 'after' ? '2026-01-01T00:00:00Z' : '2d';
        const text = describeFailure(rule(op, value), 1_700_000_000);
        expect(text).not.toContain('(a ');
        expect(text).toContain('is 1700000000');
      },
    );

    it('a date operator with an ISO value against an ISO actual gets no note either', () => {
      expect(describeFailure(rule('before', 1_700_000_000), '2026-06-01T00:00:00Z')).not.toContain('(a ');
    });
  });

  it('names the rule by key, else by attr', () => {
    expect(describeFailure({ key: 'duration_s', op: 'gt', value: 1 }, 0)).toMatch(/^duration_s /);
    expect(describeFailure({ attr: 'current_url', op: 'contains', value: '/files' }, 'https://a.test/')).toBe(
      'current_url is "https://a.test/", needs to contain "/files"',
    );
    expect(describeFailure({ attr: 'user.plan', op: 'is', value: 'pro' }, undefined)).toBe('user.plan is missing, needs to be "pro"');
  });

  it('shows numbers and booleans bare, strings quoted', () => {
    expect(describeFailure(rule('is', false), true)).toBe('plan is true, needs to be false');
    expect(describeFailure(rule('is', 0), 1)).toBe('plan is 1, needs to be 0');
  });
});
