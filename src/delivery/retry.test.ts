import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, backoff, retryAfter } from './retry';

describe('backoff', () => {
  it('doubles from 1 s, with jitter between half and all of it', () => {
    expect([0, 1, 2, 3].map((n) => backoff(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([0, 1, 2, 3].map((n) => backoff(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    for (let i = 0; i < 100; i++) {
      const ms = backoff(4);
      expect(ms).toBeGreaterThanOrEqual(8000);
      expect(ms).toBeLessThanOrEqual(16000);
    }
  });

  it('is capped at 5 minutes, even after very many failures', () => {
    expect(backoff(30, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoff(5000, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoff(5000, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });
});

describe('retryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfter('30', now)).toBe(30_000);
    expect(retryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, relative to now', () => {
    expect(retryAfter('Mon, 02 Mar 2026 10:00:45 GMT', now)).toBe(45_000);
    expect(retryAfter('Mon, 02 Mar 2026 10:00:00 GMT', now)).toBe(0);
  });

  it('is undefined when missing, unreadable or in the past (clock skew), so that the backoff applies', () => {
    // Date.parse reads "-5" and "1.5" as dates in 2001: in the past, so the backoff applies too.
    for (const value of [null, '', 'soon', '-5', '1.5', 'NaN', 'Mon, 02 Mar 2026 09:00:00 GMT']) expect(retryAfter(value, now)).toBeUndefined();
  });

  it('is capped at an hour (a timer cannot hold a huge wait)', () => {
    expect(retryAfter('99999999999', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(retryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(RETRY_AFTER_CAP_MS);
  });
});
