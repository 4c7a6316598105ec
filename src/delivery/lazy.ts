import type { Env } from '../browser/env';
import { tabList } from '../storage/tab';
import type { Outbox, OutboxRecord, Sender } from './outbox';

type Target = () => { url?: string; sender: Sender };
type Create = (env: Env, target: Target) => Outbox;

/**
 * The outbox in the SDK entry: records are kept for the tab's next page (a tabList, so a
 * reload loses none) while the durable outbox itself, with its batching, retries and
 * leases, loads as part of the extras chunk: only sites with an `events_url` fetch it.
 * Each record keeps the person it was recorded for, whoever is booted when it loads.
 */
export function lazyOutbox(env: Env, target: Target, load: () => Promise<{ createOutbox: Create }>): Outbox {
  let real: Outbox | undefined;
  let loading: Promise<void> | undefined;
  const pending = tabList<[Omit<OutboxRecord, 'id'>, Sender]>(env, () => `herald/${target().sender.app_id}/outbox-pending`, Array.isArray);

  const ensure = () => {
    loading ??= load().then(({ createOutbox }) => {
      real = createOutbox(env, target);
      // Records kept by an earlier page of this tab, before its outbox had loaded, then this page's.
      for (const [record, sender] of pending.earlier().concat(pending.take())) real.add(record, sender);
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
      ensure();
    },
    flush() {
      if (real) return real.flush();
      if (target().url) ensure();
    },
  };
}
