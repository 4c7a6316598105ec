import type { Frequency } from '../ruleset/types';
import { parseDuration } from './duration';
import { describeSpan } from './span';

/** What a person has been shown of one message. */
export interface SendHistory {
  /** How many times it was shown. */
  count: number;
  /** When it was last shown, epoch ms. */
  last: number;
  /** The showing (its `last`) whose goal was reached, so a goal counts once per showing. */
  goal?: number;
}

export const DEFAULT_EVERY = '1m';

export type FrequencyVerdict =
  | { ok: true }
  | { ok: false; reason: 'frequency' | 'max_sends'; detail: string; nextAt?: number };

/** Clock time of day, as the decision's reader sees it: "14:05". */
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

/**
 * May the message be shown once more at `now`? At most one send per `every`
 * (default one minute) and at most `max` sends ever (null: no limit).
 */
export function checkFrequency(frequency: Frequency | undefined, history: SendHistory | undefined, now: number): FrequencyVerdict {
  const count = history?.count ?? 0;
  const max = frequency?.max;
  if (typeof max === 'number' && count >= max) {
    return { ok: false, reason: 'max_sends', detail: `shown ${count} of at most ${max} times` };
  }
  if (!history || count <= 0) return { ok: true };
  const every = parseDuration(frequency?.every ?? DEFAULT_EVERY) ?? parseDuration(DEFAULT_EVERY)!;
  const nextAt = history.last + every;
  if (now < nextAt) {
    const ago = Math.max(0, now - history.last);
    return {
      ok: false,
      reason: 'frequency',
      detail: `sent ${ago < 1000 ? 'just now' : `${describeSpan(ago)} ago`}; next allowed at ${clock(nextAt)}`,
      nextAt,
    };
  }
  return { ok: true };
}

/** The history after one more send at `now`. */
export const recordSend = (history: SendHistory | undefined, now: number): SendHistory => ({
  count: (history?.count ?? 0) + 1,
  last: now,
});
