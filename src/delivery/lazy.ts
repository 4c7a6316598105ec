import type { Env } from '../browser/env';
import type { Outbox, OutboxRecord, Sender } from './outbox';

type Target = () => { url?: string; sender: Sender };
type Create = (env: Env, target: Target) => Outbox;

/**
 * The outbox in the SDK entry: records are kept at once (per tab, in sessionStorage, so
 * a reload loses none) while the durable outbox itself, with its batching, retries and
 * leases, loads as part of the extras chunk: only sites with an `events_url` fetch it.
 * Each record keeps the person it was recorded for, whoever is booted when it loads.
 */
export function lazyOutbox(env: Env, target: Target, load: () => Promise<{ createOutbox: Create }>): Outbox {
  let real: Outbox | undefined;
  let loading: Promise<void> | undefined;
  let pending: [Omit<OutboxRecord, 'id'>, Sender][] = [];
  let keeping = false;
  const key = () => `herald/${target().sender.app_id}/outbox-pending`;
  const keep = () => {
    keeping = false;
    if (pending.length) env.session.set(key(), JSON.stringify(pending));
    else env.session.del(key());
  };

  const ensure = () => {
    loading ??= load().then(({ createOutbox }) => {
      real = createOutbox(env, target);
      for (const [record, sender] of pending) real.add(record, sender);
      pending = [];
      keep();
      real.flush();
    }, (error) => {
      loading = undefined;
      env.warn(`the outbox could not be loaded (${String(error)}); records wait in this tab`);
    });
  };

  return {
    add(record, sender = target().sender) {
      if (real) return real.add(record, sender); // which checks events_url itself
      if (!target().url) return;
      pending.push([record, sender]);
      // Written once per task: a burst would otherwise write the whole list on every call.
      if (!keeping) queueMicrotask(keep);
      keeping = true;
      ensure();
    },
    flush() {
      if (real) return real.flush();
      if (!target().url) return;
      // Records kept by an earlier page of this tab, before its outbox had loaded.
      try {
        const saved = JSON.parse(env.session.get(key()) ?? '[]');
        if (Array.isArray(saved) && saved.length && !pending.length) pending = saved.filter(Array.isArray) as typeof pending;
      } catch {
        env.session.del(key());
      }
      ensure();
    },
  };
}
