import type { Env } from '../browser/env';
import type { Primitive } from '../ruleset/types';

/** One thing Herald reports to `events_url`: a tracked event or a message stat. */
export interface OutboxRecord {
  /** Unique, so that a collector can drop a record it has seen. */
  id: string;
  kind: 'event' | 'stat';
  /** The event name, or the stat: shown, dismissed, clicked, replied, goal. */
  name: string;
  /** Epoch ms at which it happened. */
  at: number;
  message_id?: string;
  metadata?: Record<string, Primitive>;
  data?: Record<string, unknown>;
}

/** Who the records are about. */
export interface Sender {
  app_id: string;
  user_id?: string | number;
  email?: string;
  visitor_id?: string;
}

export interface Outbox {
  add(record: Omit<OutboxRecord, 'id'>): void;
}

/**
 * Sends records to `events_url` as JSON, batched per task:
 * `{ app_id, user_id?, email?, visitor_id, records: [...] }`. Without an `events_url`,
 * records are dropped.
 */
export function createOutbox(env: Env, target: () => { url?: string; sender: Sender }): Outbox {
  let batch: OutboxRecord[] = [];
  const flush = () => {
    const { url, sender } = target();
    const records = batch;
    batch = [];
    if (!url || !records.length) return;
    env.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...sender, records }),
      keepalive: true,
    }).then((response) => {
      if (!response.ok) env.warn(`events_url answered ${response.status}; ${records.length} records were not delivered`);
    }, (error) => env.warn(`events_url could not be reached (${String(error)}); ${records.length} records were not delivered`));
  };
  return {
    add(record) {
      if (!target().url) return;
      if (!batch.length) queueMicrotask(flush);
      batch.push({ ...record, id: env.randomId() });
    },
  };
}
