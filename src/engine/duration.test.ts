import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';
import { describeSpan } from './span';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['90s', 90_000],
    ['1s', 1_000],
    ['1m', 60_000],
    ['45m', 2_700_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['2w', 1_209_600_000],
    ['0s', 0],
  ])('parses %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each<unknown>([
    'soon', '1.5h', '-1h', '+1h', '1H', '1D', '', ' 1h', '1h ', '1 h', '1hr', 'h', '1', '1ms', '1y', '1h30m', '１h',
    90, 0, NaN, null, undefined, {}, ['1h'], true,
  ])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('describeSpan', () => {
  it.each<[number, string]>([
    [0, 'less than a second'],
    [999, 'less than a second'],
    [-5000, 'less than a second'],
    [1_000, '1 second'],
    [1_999, '1 second'],
    [59_999, '59 seconds'],
    [60_000, '1 minute'],
    [12 * 60_000 + 30_000, '12 minutes'],
    [3_599_999, '59 minutes'],
    [3_600_000, '1 hour'],
    [2 * 3_600_000 + 59 * 60_000, '2 hours'],
    [86_400_000, '1 day'],
    [3 * 86_400_000 + 5 * 3_600_000, '3 days'],
    [14 * 86_400_000, '14 days'],
  ])('describes %d ms as %j', (ms, text) => {
    expect(describeSpan(ms)).toBe(text);
  });
});
