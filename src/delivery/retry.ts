/** The first retry waits about this long; each failure doubles it. */
export const BACKOFF_MS = 1_000;
/** No backoff is longer than this. */
export const BACKOFF_CAP_MS = 300_000;
/** A Retry-After longer than this is cut to it (and a timer cannot hold more than 24 days). */
export const RETRY_AFTER_CAP_MS = 3_600_000;

/**
 * How long to wait after `attempt` failures in a row (0 for the first): exponential, capped,
 * with "equal jitter" (between half and all of it) so that tabs and visitors that failed
 * together do not all come back together.
 */
export const backoff = (attempt: number, random = Math.random) =>
  Math.min(BACKOFF_CAP_MS, BACKOFF_MS * 2 ** attempt) * (0.5 + random() / 2);

/**
 * A Retry-After header as a wait in ms: delay-seconds or an HTTP date. Undefined when it is
 * missing, unreadable or a past date (clock skew), so that the backoff applies instead.
 */
export function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return ms >= 0 ? Math.min(ms, RETRY_AFTER_CAP_MS) : undefined;
}
