import { describe, expect, it } from 'vitest';
import type { Frequency } from '../ruleset/types';
import { checkFrequency, DEFAULT_EVERY, recordSend, type SendHistory } from './frequency';

const T = Date.parse('2026-06-15T12:00:00Z');
const SECOND = 1e3;
const MINUTE = 6e4;
const HOUR = 36e5;
const DAY = 864e5;

/** Clock time of day, as a person reads it, in the local time zone: "14:05". */
const hhmm = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

describe('checkFrequency: every', () => {
  const hourly: Frequency = { every: '1h', max: null };

  it('holds a send made 59:59 ago with every "1h"', () => {
    const last = T - HOUR + SECOND;
    const verdict = checkFrequency(hourly, { count: 1, last }, T);
    expect(verdict).toEqual({
      ok: false,
      reason: 'frequency',
      detail: `sent 59 minutes ago; next allowed at ${hhmm(last + HOUR)}`,
      nextAt: last + HOUR,
    });
  });

  it('holds a send made 1 ms short of an hour ago', () => {
    expect(checkFrequency(hourly, { count: 1, last: T - HOUR + 1 }, T).ok).toBe(false);
  });

  it('allows a send exactly 1h after the last', () => {
    expect(checkFrequency(hourly, { count: 1, last: T - HOUR }, T)).toEqual({ ok: true });
  });

  it('allows a send more than 1h after the last', () => {
    expect(checkFrequency(hourly, { count: 7, last: T - 3 * DAY }, T)).toEqual({ ok: true });
  });

  it('allows the first send at once', () => {
    expect(checkFrequency(hourly, undefined, T)).toEqual({ ok: true });
    expect(checkFrequency(hourly, { count: 0, last: T }, T)).toEqual({ ok: true });
  });

  it.each<[string, Frequency | undefined]>([
    ['frequency absent', undefined],
    ['every absent', { max: null }],
    ['every absent, max set', { max: 10 }],
    ['an empty frequency', {}],
  ])('defaults to one send a minute with %s', (_name, frequency) => {
    expect(DEFAULT_EVERY).toBe('1m');
    expect(checkFrequency(frequency, { count: 1, last: T - MINUTE + 1 }, T)).toMatchObject({ ok: false, reason: 'frequency', nextAt: T + 1 });
    expect(checkFrequency(frequency, { count: 1, last: T - MINUTE }, T)).toEqual({ ok: true });
  });

  it('falls back to one minute for an every that is not a duration', () => {
    const bad = { every: 'soon' };
    expect(checkFrequency(bad, { count: 1, last: T - 30 * SECOND }, T).ok).toBe(false);
    expect(checkFrequency(bad, { count: 1, last: T - MINUTE }, T).ok).toBe(true);
  });

  it.each<[string, number, string]>([
    ['1d', 12 * MINUTE, 'sent 12 minutes ago'],
    ['1d', 3 * HOUR + 5 * MINUTE, 'sent 3 hours ago'],
    ['1w', 2 * DAY, 'sent 2 days ago'],
    ['1h', 1 * SECOND, 'sent 1 second ago'],
    ['1h', 999, 'sent just now'],
    ['1h', 0, 'sent just now'],
  ])('with every %j, a send %d ms ago reads "%s; next allowed at HH:MM"', (every, ago, text) => {
    const last = T - ago;
    const verdict = checkFrequency({ every }, { count: 1, last }, T);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.detail).toBe(`${text}; next allowed at ${hhmm(verdict.nextAt!)}`);
    expect(verdict.detail).toMatch(/next allowed at \d\d:\d\d$/);
  });

  it('says "ago" in its detail', () => {
    const verdict = checkFrequency({ every: '1h' }, { count: 1, last: T - 20 * MINUTE }, T);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.detail).toContain('20 minutes ago');
  });

  it('treats a last send in the future (clock skew) as just now, and still holds', () => {
    const verdict = checkFrequency({ every: '1h' }, { count: 1, last: T + 5 * MINUTE }, T);
    expect(verdict).toMatchObject({ ok: false, reason: 'frequency', nextAt: T + 65 * MINUTE });
    if (!verdict.ok) expect(verdict.detail.startsWith('sent just now;')).toBe(true);
  });
});

describe('checkFrequency: max', () => {
  const long = T - 30 * DAY;

  it.each<[number, number, boolean]>([
    [3, 1, true],
    [3, 2, true],
    [3, 3, false],
    [3, 4, false],
    [1, 1, false],
  ])('max %d with %d sends so far: ok is %s', (max, count, ok) => {
    const verdict = checkFrequency({ every: '1m', max }, { count, last: long }, T);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) {
      expect(verdict.reason).toBe('max_sends');
      expect(verdict.detail).toBe(`shown ${count} of at most ${max} times`);
    }
  });

  it.each<[string, Frequency]>([
    ['null', { every: '1m', max: null }],
    ['undefined', { every: '1m', max: undefined }],
    ['absent', { every: '1m' }],
  ])('max %s is unlimited', (_name, frequency) => {
    expect(checkFrequency(frequency, { count: 1_000_000, last: long }, T)).toEqual({ ok: true });
  });

  it('max 0 never sends, not even the first time', () => {
    expect(checkFrequency({ max: 0 }, undefined, T)).toMatchObject({ ok: false, reason: 'max_sends' });
    expect(checkFrequency({ max: 0 }, { count: 0, last: 0 }, T)).toMatchObject({ ok: false, reason: 'max_sends' });
  });

  it('max 0 after a send is max_sends', () => {
    expect(checkFrequency({ max: 0 }, { count: 1, last: long }, T)).toMatchObject({ ok: false, reason: 'max_sends' });
  });

  it('max_sends is reported before frequency when both hold the send back', () => {
    const verdict = checkFrequency({ every: '1h', max: 2 }, { count: 2, last: T - MINUTE }, T);
    expect(verdict).toMatchObject({ ok: false, reason: 'max_sends' });
  });
});

describe('recordSend', () => {
  it('starts a history at one send', () => {
    expect(recordSend(undefined, T)).toEqual({ count: 1, last: T });
  });

  it('counts one more send and moves last to now, without changing the old history', () => {
    const old: SendHistory = { count: 2, last: T - DAY };
    expect(recordSend(old, T)).toEqual({ count: 3, last: T });
    expect(old).toEqual({ count: 2, last: T - DAY });
  });

  it('a recorded send then holds the next one for every', () => {
    const history = recordSend(undefined, T);
    expect(checkFrequency({ every: '1h' }, history, T + HOUR - 1).ok).toBe(false);
    expect(checkFrequency({ every: '1h' }, history, T + HOUR).ok).toBe(true);
  });
});
