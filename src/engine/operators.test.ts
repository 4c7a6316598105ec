import { describe, expect, it } from 'vitest';
import { OPERATORS, toEpochMs } from './operators';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const HOUR = 36e5;
const DAY = 864e5;
const iso = (ms: number) => new Date(ms).toISOString();
const unix = (ms: number) => ms / 1000;

type Row = [actual: unknown, expected: unknown, result: boolean];

const run = (op: string, actual: unknown, expected: unknown) => {
  const operator = OPERATORS[op];
  if (!operator) throw new Error(`no operator ${op}`);
  return operator(actual, expected, NOW);
};

const table = (op: string, rows: Row[]) =>
  it.each(rows)(`${op}(%j, %j) is %s`, (actual, expected, result) => {
    expect(run(op, actual, expected)).toBe(result);
  });

describe('the operator set', () => {
  it('is exactly the operators of SPEC section 4', () => {
    expect(Object.keys(OPERATORS).sort()).toEqual([
      'after', 'before', 'contains', 'ends_with', 'exists', 'gt', 'gte', 'in_less_than', 'in_more_than',
      'is', 'is_not', 'less_than_ago', 'lt', 'lte', 'more_than_ago', 'not_contains', 'not_exists', 'starts_with',
    ]);
  });
});

describe('string operators (case-insensitive)', () => {
  describe('is', () => table('is', [
    ['pro', 'pro', true],
    ['Pro', 'pRO', true],
    ['pro', 'free', false],
    ['pro ', 'pro', false],
    ['', '', true],
    ['', 'pro', false],
  ]));
  describe('is_not', () => table('is_not', [
    ['pro', 'free', true],
    ['PRO', 'pro', false],
    ['pro', 'pro', false],
    ['', 'pro', true],
  ]));
  describe('contains', () => table('contains', [
    ['https://site.test/files/1', '/files', true],
    ['https://site.test/FILES/1', '/files', true],
    ['https://site.test/files/1', '/Files', true],
    ['https://site.test/docs', '/files', false],
    ['abc', '', true],
    ['', 'a', false],
  ]));
  describe('not_contains', () => table('not_contains', [
    ['https://site.test/docs', '/files', true],
    ['https://site.test/Files', '/files', false],
    ['', 'a', true],
  ]));
  describe('starts_with', () => table('starts_with', [
    ['https://site.test/x', 'HTTPS://', true],
    ['https://site.test/x', 'site', false],
    ['ab', 'abc', false],
  ]));
  describe('ends_with', () => table('ends_with', [
    ['report.PDF', '.pdf', true],
    ['report.pdf', '.doc', false],
    ['df', 'pdf', false],
  ]));
  describe('exists', () => table('exists', [
    ['x', undefined, true],
    [0, undefined, true],
    [false, undefined, true],
    ['', undefined, false],
    [null, undefined, false],
    [undefined, undefined, false],
  ]));
  describe('not_exists', () => table('not_exists', [
    ['x', undefined, false],
    [0, undefined, false],
    [false, undefined, false],
    ['', undefined, true],
    [null, undefined, true],
    [undefined, undefined, true],
  ]));

  it.each(['contains', 'not_contains', 'starts_with', 'ends_with'])('%s is false when either side is not a string', (op) => {
    for (const [actual, expected] of [[150, '15'], ['150', 15], [null, 'a'], [undefined, 'a'], [['a'], 'a'], [{ a: 1 }, 'a'], [true, 'true'], ['a', null], ['a', undefined]]) {
      expect(run(op, actual, expected), `${op}(${String(actual)}, ${String(expected)})`).toBe(false);
    }
  });
});

describe('number operators', () => {
  describe('is', () => table('is', [
    [120, 120, true],
    [120, 121, false],
    [0, -0, true],
    [0.1 + 0.2, 0.3, false],
    ['120', 120, false],
    [120, '120', false],
    [NaN, NaN, false],
    [Infinity, Infinity, false],
  ]));
  describe('is_not', () => table('is_not', [
    [120, 121, true],
    [120, 120, false],
    // A wrong type is false for is_not too, not "different, so true".
    ['121', 120, false],
    [121, '120', false],
    [NaN, 120, false],
    [null, 120, false],
    [undefined, 120, false],
  ]));
  describe('gt', () => table('gt', [
    [121, 120, true],
    [120.0001, 120, true],
    [120, 120, false],
    [119, 120, false],
    [-1, -2, true],
    ['150', 120, false],
    [150, '120', false],
    [NaN, 120, false],
    [150, NaN, false],
    [Infinity, 120, false],
    [150, -Infinity, false],
    [true, 0, false],
    [null, -1, false],
    ['', -1, false],
  ]));
  describe('gte', () => table('gte', [
    [120, 120, true],
    [121, 120, true],
    [119.999, 120, false],
    ['120', 120, false],
    [NaN, NaN, false],
  ]));
  describe('lt', () => table('lt', [
    [119, 120, true],
    [120, 120, false],
    [121, 120, false],
    ['1', 120, false],
    [-Infinity, 120, false],
    [null, 1, false],
  ]));
  describe('lte', () => table('lte', [
    [120, 120, true],
    [119, 120, true],
    [120.0001, 120, false],
    ['120', 120, false],
    [undefined, 120, false],
  ]));
});

describe('boolean operators', () => {
  describe('is', () => table('is', [
    [true, true, true],
    [false, false, true],
    [true, false, false],
    ['true', true, false],
    [1, true, false],
    [0, false, false],
    [null, false, false],
    [undefined, false, false],
  ]));
  describe('is_not', () => table('is_not', [
    [true, false, true],
    [false, true, true],
    [true, true, false],
    ['false', true, false],
    [0, true, false],
  ]));
});

describe('is / is_not with an expected value of no supported type', () => {
  it.each([null, undefined, {}, [], NaN])('is and is_not are both false for expected %j', (expected) => {
    expect(run('is', expected, expected)).toBe(false);
    expect(run('is_not', 'x', expected)).toBe(false);
  });
});

describe('date operators', () => {
  const earlier = NOW - DAY;
  const later = NOW + DAY;
  describe('before', () => table('before', [
    [iso(earlier), iso(NOW), true],
    [iso(NOW), iso(NOW), false],
    [iso(later), iso(NOW), false],
    [unix(earlier), unix(NOW), true],
    [unix(later), unix(NOW), false],
    [unix(earlier), iso(NOW), true],
    [iso(earlier), unix(NOW), true],
    ['2026-06-14', '2026-06-15', true],
    ['2026-06-15T11:59:59Z', '2026-06-15T12:00:00Z', true],
    ['2026-06-15T13:00:00+02:00', '2026-06-15T12:00:00Z', true],
  ]));
  describe('after', () => table('after', [
    [iso(later), iso(NOW), true],
    [iso(NOW), iso(NOW), false],
    [iso(earlier), iso(NOW), false],
    [unix(later), unix(NOW), true],
    [unix(later), iso(NOW), true],
    ['2026-06-15T12:00:01Z', unix(NOW), true],
  ]));
  it.each(['before', 'after'])('%s is false for values that are not dates', (op) => {
    const notDates = ['yesterday', '', '15/06/2026', '1781524800', '2026-13-45', null, undefined, {}, [], true, NaN, Infinity, -Infinity];
    for (const bad of notDates) {
      expect(run(op, bad, iso(NOW)), `${op}(${String(bad)}, now)`).toBe(false);
      expect(run(op, iso(NOW), bad), `${op}(now, ${String(bad)})`).toBe(false);
    }
  });

  describe('more_than_ago (2d)', () => table('more_than_ago', [
    [iso(NOW - 3 * DAY), '2d', true],
    [unix(NOW - 3 * DAY), '2d', true],
    [iso(NOW - 2 * DAY - 1000), '2d', true],
    [iso(NOW - 2 * DAY), '2d', false],
    [iso(NOW - DAY), '2d', false],
    [iso(NOW + 3 * DAY), '2d', false],
  ]));
  describe('less_than_ago (2d)', () => table('less_than_ago', [
    [iso(NOW - DAY), '2d', true],
    [unix(NOW - HOUR), '2d', true],
    [iso(NOW), '2d', true],
    [iso(NOW - 2 * DAY + 1000), '2d', true],
    [iso(NOW - 2 * DAY), '2d', false],
    [iso(NOW - 3 * DAY), '2d', false],
    // In the future is not "ago" at all.
    [iso(NOW + HOUR), '2d', false],
  ]));
  describe('in_more_than (2d)', () => table('in_more_than', [
    [iso(NOW + 3 * DAY), '2d', true],
    [unix(NOW + 3 * DAY), '2d', true],
    [iso(NOW + 2 * DAY + 1000), '2d', true],
    [iso(NOW + 2 * DAY), '2d', false],
    [iso(NOW + DAY), '2d', false],
    [iso(NOW - 3 * DAY), '2d', false],
  ]));
  describe('in_less_than (2d)', () => table('in_less_than', [
    [iso(NOW + DAY), '2d', true],
    [unix(NOW + HOUR), '2d', true],
    [iso(NOW), '2d', true],
    [iso(NOW + 2 * DAY - 1000), '2d', true],
    [iso(NOW + 2 * DAY), '2d', false],
    [iso(NOW + 3 * DAY), '2d', false],
    // In the past is not "in" anything.
    [iso(NOW - HOUR), '2d', false],
  ]));
  it('relative operators use the now they are given', () => {
    const date = iso(NOW - 90 * 60e3);
    expect(OPERATORS.less_than_ago!(date, '2h', NOW)).toBe(true);
    expect(OPERATORS.less_than_ago!(date, '2h', NOW + HOUR)).toBe(false);
    expect(OPERATORS.more_than_ago!(date, '1h', NOW)).toBe(true);
    expect(OPERATORS.more_than_ago!(date, '1h', NOW - HOUR)).toBe(false);
  });
  it.each(['more_than_ago', 'less_than_ago', 'in_more_than', 'in_less_than'])('%s is false for a value that is not a duration, or an actual value that is not a date', (op) => {
    for (const span of ['2 days', 'soon', 2, '', '2D', '-2d', null, undefined, {}]) {
      expect(run(op, iso(NOW - 3 * DAY), span), `${op}(-3d, ${String(span)})`).toBe(false);
      expect(run(op, iso(NOW + 3 * DAY), span), `${op}(+3d, ${String(span)})`).toBe(false);
      expect(run(op, iso(NOW), span), `${op}(now, ${String(span)})`).toBe(false);
    }
    for (const actual of ['yesterday', '', null, undefined, {}, [], NaN, Infinity, true]) {
      expect(run(op, actual, '2d'), `${op}(${String(actual)}, 2d)`).toBe(false);
    }
  });
});

describe('no operator throws, and each answers a boolean', () => {
  const odd: unknown[] = [
    undefined, null, '', 'x', 0, -0, NaN, Infinity, -Infinity, true, false, {}, [], ['x'], Object.create(null),
    () => 1, Symbol('s'), 10n, new Date(NOW), { toString: () => { throw new Error('toString'); } },
  ];
  it.each(Object.keys(OPERATORS))('%s', (op) => {
    for (const actual of odd) {
      for (const expected of odd) {
        expect(typeof OPERATORS[op]!(actual, expected, NOW)).toBe('boolean');
      }
    }
  });

  const validExpected: Record<string, unknown[]> = {
    is: ['x', 1, true], is_not: ['x', 1, true],
    contains: ['x'], not_contains: ['x'], starts_with: ['x'], ends_with: ['x'],
    gt: [1], gte: [1], lt: [1], lte: [1],
    before: [iso(NOW)], after: [iso(NOW)],
    more_than_ago: ['1d'], less_than_ago: ['1d'], in_more_than: ['1d'], in_less_than: ['1d'],
  };
  const wrongActuals: unknown[] = [null, undefined, {}, [], ['x'], NaN, Infinity, () => 'x', Object.create(null)];
  it.each(Object.keys(validExpected))('%s is false for a null, undefined, object, array, NaN or function value', (op) => {
    for (const expected of validExpected[op]!) {
      for (const actual of wrongActuals) {
        expect(run(op, actual, expected), `${op}(${typeof actual}, ${String(expected)})`).toBe(false);
      }
    }
  });
});

describe('toEpochMs', () => {
  it.each<[unknown, number | undefined]>([
    ['2026-06-15T12:00:00Z', NOW],
    ['2026-06-15T12:00:00.000Z', NOW],
    ['2026-06-15T14:00:00+02:00', NOW],
    ['2026-06-15', Date.parse('2026-06-15T00:00:00Z')],
    [unix(NOW), NOW],
    [0, 0],
    [1.5, 1500],
    [-86400, -DAY],
    ['2026-13-45', undefined],
    ['1781524800', undefined],
    ['June 15, 2026', undefined],
    ['', undefined],
    [NaN, undefined],
    [Infinity, undefined],
    [null, undefined],
    [undefined, undefined],
    [true, undefined],
    [{}, undefined],
    [[], undefined],
    [new Date(NOW), undefined],
  ])('toEpochMs(%j) is %s', (value, expected) => {
    expect(toEpochMs(value)).toBe(expected);
  });
});
