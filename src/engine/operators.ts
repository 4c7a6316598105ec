import { parseDuration } from './duration';

/**
 * One function per operator of SPEC section 4. Each takes the actual value (from the
 * event, the page or the user), the rule's value and the evaluation time, and answers
 * true or false: a value of the wrong type is simply false, never an exception.
 *
 * Strings compare without regard to case, as Intercom's rules do.
 */
export type Operator = (actual: unknown, expected: unknown, now: number) => boolean;

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const lower = (v: string) => v.toLowerCase();

/** Both values are strings: compare them, lower-cased. */
const text = (test: (actual: string, expected: string) => boolean): Operator =>
  (actual, expected) => isText(actual) && isText(expected) && test(lower(actual), lower(expected));

/** Both values are finite numbers. */
const numeric = (test: (actual: number, expected: number) => boolean): Operator =>
  (actual, expected) => isNumber(actual) && isNumber(expected) && test(actual, expected);

/** Equality within one type: string (any case), number or boolean. */
const same = (actual: unknown, expected: unknown): boolean | undefined => {
  if (isText(expected)) return isText(actual) ? lower(actual) === lower(expected) : undefined;
  if (isNumber(expected)) return isNumber(actual) ? actual === expected : undefined;
  if (typeof expected === 'boolean') return typeof actual === 'boolean' ? actual === expected : undefined;
  return undefined;
};

/** A date as epoch ms: an ISO 8601 string or unix seconds; undefined otherwise. */
export function toEpochMs(value: unknown): number | undefined {
  if (isNumber(value)) return value * 1000;
  if (isText(value) && /^\d{4}-\d\d-\d\d/.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The actual value is a date; the expected one a date too. */
const date = (test: (actual: number, expected: number) => boolean): Operator => (actual, expected) => {
  const a = toEpochMs(actual);
  const e = toEpochMs(expected);
  return a !== undefined && e !== undefined && test(a, e);
};

/** The actual value is a date; the expected one a duration (`"2d"`), relative to now. */
const relative = (test: (actual: number, span: number, now: number) => boolean): Operator =>
  (actual, expected, now) => {
    const a = toEpochMs(actual);
    const span = parseDuration(expected);
    return a !== undefined && span !== undefined && test(a, span, now);
  };

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export const OPERATORS: Record<string, Operator> = {
  is: (a, e) => same(a, e) === true,
  is_not: (a, e) => same(a, e) === false,
  contains: text((a, e) => a.includes(e)),
  not_contains: text((a, e) => !a.includes(e)),
  starts_with: text((a, e) => a.startsWith(e)),
  ends_with: text((a, e) => a.endsWith(e)),
  exists: (a) => present(a),
  not_exists: (a) => !present(a),
  gt: numeric((a, e) => a > e),
  gte: numeric((a, e) => a >= e),
  lt: numeric((a, e) => a < e),
  lte: numeric((a, e) => a <= e),
  before: date((a, e) => a < e),
  after: date((a, e) => a > e),
  more_than_ago: relative((a, span, now) => a < now - span),
  less_than_ago: relative((a, span, now) => a > now - span && a <= now),
  in_more_than: relative((a, span, now) => a > now + span),
  in_less_than: relative((a, span, now) => a >= now && a < now + span),
};
