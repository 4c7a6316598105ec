import type { Env } from '../browser/env';
import type { Outbox, OutboxRecord, Sender } from './outbox';

type Target = () => { url?: string; sender: Sender };
type Create = (env: Env, target: Target) => Outbox;

/**
 * The outbox in the SDK entry: records are kept at once (per tab, in sessionStorage, so
 * a reload loses none) while the durable outbox itself, with its batching, retries and
 * leases, loads as part of the extras chunk: only sites with an `events_url` fetch it.
 */
export function lazyOutbox(env: Env, target: Target, load: () => Promise<{ createOutbox: Create }>): Outbox {
  let real: Outbox | undefined;
  let loading: Promise<void> | undefined;
  let pending: Omit<OutboxRecord, 'id'>[] = [];
  const key = () => `herald/${target().sender.app_id}/outbox-pending`;
  const keep = () => (pending.length ? env.session.set(key(), JSON.stringify(pending)) : env.session.del(key()));

  const ensure = () => {
    loading ??= load().then(({ createOutbox }) => {
      real = createOutbox(env, target);
      for (const record of pending) real.add(record);
      pending = [];
      keep();
      real.flush();
    }, (error) => {
      loading = undefined;
      env.warn(`the outbox could not be loaded (${String(error)}); records wait in this tab`);
    });
  };

  return {
    add(record) {
      if (!target().url) return;
      if (real) return real.add(record);
      pending.push(record);
      keep();
      ensure();
    },
    flush() {
      if (real) return real.flush();
      if (!target().url) return;
      // Records kept by an earlier page of this tab, before its outbox had loaded.
      try {
        const saved = JSON.parse(env.session.get(key()) ?? '[]');
        if (Array.isArray(saved) && saved.length && !pending.length) pending = saved;
      } catch {
        env.session.del(key());
      }
      ensure();
    },
  };
}
