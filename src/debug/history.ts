import { parseDuration } from '../engine/duration';
import { DEFAULT_EVERY } from '../engine/frequency';
import type { Message } from '../ruleset/types';
import { readHistory } from '../storage/history';
import type { Store } from '../storage/store';

/** The QA page's view of one person's history: sends, last send, next allowed time, max. */
export function historyOf(store: Store, keyOf: (messageId: string) => string, messages: Message[], now: number) {
  return Promise.all(messages.map(async (m) => {
    const h = await readHistory(store, keyOf(m.id));
    const every = parseDuration(m.frequency?.every ?? DEFAULT_EVERY) ?? 60_000;
    const max = typeof m.frequency?.max === 'number' ? m.frequency.max : null;
    const next = !h ? null : max !== null && h.count >= max ? null : Math.max(now, h.last + every);
    return { message_id: m.id, count: h?.count ?? 0, last: h?.last ?? null, next_allowed_at: next, max };
  }));
}
