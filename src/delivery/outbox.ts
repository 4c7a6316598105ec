import type { Env } from '../browser/env';
import type { Primitive } from '../ruleset/types';
import { backoff, retryAfter } from './retry';

/** One thing Herald reports to `events_url`: a tracked event or a message stat. */
export interface OutboxRecord {
  /** Unique, so that a collector can drop a record it has seen. */
  id: string;
  kind: 'event' | 'stat';
  /** The event name, or the stat: shown, dismissed, clicked, replied, completed, answered, goal. */
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

/** One person's records: what is stored under one key, and what is POSTed. */
export interface Batch extends Sender {
  records: OutboxRecord[];
}

export interface Outbox {
  /** Stores a record for `sender`: by default, the person of the moment. */
  add(record: Omit<OutboxRecord, 'id'>, sender?: Sender): void;
  /** Sends what is due now, records left by earlier pages included (at boot). */
  flush(): void;
}

/** Records wait this long for others to travel with them. */
export const DELAY_MS = 1_000;
/** A claim on stored records lasts this long: a tab that dies mid-send frees them after it. */
export const LEASE_MS = 30_000;
/** Characters of records per stored batch: one batch is a keepalive request (under 64 KB), at pagehide. */
export const BATCH_CHARS = 50_000;
/** Characters of records per request otherwise (several stored batches of one person). */
export const REQUEST_CHARS = 250_000;
/** Characters of records stored at most, per app (about 5 MB); beyond, the oldest batches go. */
export const BOUND_CHARS = 5_000_000;

/** The index, `${app_id}/outbox`: the stored batches, oldest first; tab `o` holds batch `k` until `l`. */
interface Entry {
  k: string;
  /** Characters of its records. */
  n: number;
  o: string;
  l: number;
}

/** A batch this tab holds: stored at `${i}/${k}`, claimed until `l`, for the person `s`. */
interface Held {
  i: string;
  k: string;
  n: number;
  l: number;
  s: string;
  b: Batch;
}

const indexKey = (app: string) => `${app}/outbox`;
/** This tab's batches whose writes have not completed yet (sessionStorage): `[index key, k, n, batch]`. */
const UNSAVED = 'herald/outbox-unsaved';
type Unsaved = [string, string, number, Batch];
const isUnsaved = (u: unknown): u is Unsaved =>
  Array.isArray(u) && typeof u[0] === 'string' && typeof u[1] === 'string' && typeof u[2] === 'number' && Array.isArray(u[3]?.records);
const who = ({ app_id, user_id, email, visitor_id }: Sender) => JSON.stringify([app_id, user_id, email, visitor_id]);
const entries = (old: Entry[] | undefined) => (Array.isArray(old) ? old.filter((e) => typeof e?.k === 'string' && e.n >= 0) : []);

/**
 * The durable outbox to `events_url` (docs/delivery.md). A record is stored in IndexedDB
 * (env.store) the moment it is added, and deleted once the collector answers 2xx (or a 4xx
 * that a retry would not change). Tabs share the store: a batch belongs to the tab that
 * wrote or claimed it until its lease runs out, and claims are one atomic update, so two
 * live tabs never send the same record. Without an `events_url` nothing is stored.
 */
export function createOutbox(env: Env, target: () => { url?: string; sender: Sender }): Outbox {
  const { store } = env;
  /** This tab, in the index; drawn when first needed (no id is spent without events_url). */
  let me: string | undefined;
  /** Record and batch ids are `${me}-${seq}`: unique across tabs and pages, and cheap in a burst. */
  let seq = 0;
  /** Batches this tab holds (wrote or claimed), oldest first, until delivered. */
  const held = new Map<string, Held>();
  /** Batches added in this task, stored at its end. */
  let pending: Held[] = [];
  let busy = false;
  let attempts = 0;
  /** No request before this (backoff, Retry-After). */
  let until = 0;
  let timer: unknown;
  let timerAt = Infinity;
  let warnedFull = false;

  /** Runs flush in `ms`, unless it is already due sooner. */
  function later(ms: number) {
    const at = env.now() + ms;
    if (at >= timerAt) return;
    env.clearTimeout(timer);
    timerAt = at;
    timer = env.setTimeout(() => {
      timerAt = Infinity;
      void flush();
    }, ms);
  }

  /** Drops batches from the store: records first, then the index (a crash between leaves an entry that claim clears). */
  function forget(i: string, keys: string[]) {
    for (const k of keys) {
      held.delete(k);
      void store.del(`${i}/${k}`);
    }
    void store.update<Entry[]>(i, (old) => entries(old).filter((e) => !keys.includes(e.k)));
  }

  /**
   * Batches whose two writes (the batch, its index entry) have not both completed. When the
   * page is hidden or left, they are kept in sessionStorage too, synchronously, so that a
   * reload right after the events (before IndexedDB has committed) loses none; the tab's
   * next page stores them again. While the page is shown nothing is written there: a burst
   * would rewrite its whole list at each commit (10,000 events: a dozen tasks of 100 ms).
   */
  const unsaved = new Map<string, Unsaved>();
  /** sessionStorage holds a list (this page was hidden, or an earlier page's was found): kept up to date. */
  let kept = false;
  /**
   * The page is hidden, or going (`pagehide`): records are stored, and listed in
   * sessionStorage, at the end of the task that made them, as no later task may come.
   */
  let hidden = false;
  let noting = false;
  const note = () => {
    noting = false;
    kept = unsaved.size > 0;
    if (kept) env.session.set(UNSAVED, JSON.stringify([...unsaved.values()]));
    else env.session.del(UNSAVED);
  };

  /**
   * Writes batch `k` and, unless the index has it already, its entry (owner `o` until `l`).
   * One tab's transactions run in order, so the batch is written before its entry.
   */
  function put(i: string, k: string, n: number, b: Batch, o: string, l: number) {
    unsaved.set(k, [i, k, n, b]);
    void store.set(`${i}/${k}`, b);
    let dropped: string[] = [];
    void store.update<Entry[]>(i, (old) => {
      const index = entries(old);
      if (!index.some((e) => e.k === k)) index.push({ k, n, o, l });
      let total = index.reduce((sum, e) => sum + e.n, 0);
      dropped = [];
      while (total > BOUND_CHARS) {
        const e = index.shift()!;
        total -= e.n;
        dropped.push(e.k);
      }
      return index;
    }).then(() => {
      unsaved.delete(k);
      if (kept && !noting) {
        queueMicrotask(note);
        noting = true;
      }
      if (!dropped.length) return;
      if (!warnedFull) env.warn(`the outbox to events_url is full (${BOUND_CHARS / 1e6} MB): the oldest records were dropped`);
      warnedFull = true;
      for (const d of dropped) {
        held.delete(d);
        void store.del(`${i}/${d}`);
      }
    });
  }

  /** Stores the batches of this task, held by this tab; while the page is hidden, lists what is not stored yet in sessionStorage. */
  function save() {
    const now = env.now();
    me ??= env.randomId();
    for (const h of pending) {
      h.l = now + LEASE_MS;
      held.set(h.k, h);
      put(h.i, h.k, h.n, h.b, me, h.l);
    }
    if (pending.length) later(DELAY_MS);
    if (hidden) note();
    pending = [];
  }

  // What an earlier page of this tab could not finish storing: stored now, free to claim
  // at once (that page is gone); already stored, it is left as it is.
  try {
    const found = env.session.get(UNSAVED);
    kept = !!found;
    const list: unknown = JSON.parse(found ?? '[]');
    if (Array.isArray(list)) for (const u of list.filter(isUnsaved)) put(u[0], u[1], u[2], u[3], '', 0);
  } catch {
    env.session.del(UNSAVED);
  }

  /** The oldest batches of one person that this tab holds with time left on the lease, up to `max` characters. */
  function pick(now: number, max: number) {
    const out: Held[] = [];
    let n = 0;
    for (const h of held.values()) {
      if (h.l - now < LEASE_MS / 2) {
        // Another tab may take it after the lease: the store says who holds it now.
        if (h.l <= now) held.delete(h.k);
      } else if (!out[0] || (h.s === out[0].s && n + h.n <= max)) {
        out.push(h);
        n += h.n;
      }
    }
    return out;
  }

  /**
   * In one transaction, claims this tab's batches and those whose lease ran out (a closed
   * tab, an earlier page). Returns how many it claimed.
   */
  async function claim(i: string, max: number): Promise<number> {
    const now = env.now();
    me ??= env.randomId();
    let got: Entry[] = [];
    let next = Infinity;
    await store.update<Entry[]>(i, (old) => {
      const index = entries(old);
      let n = 0;
      got = [];
      next = Infinity;
      for (const e of index) {
        if (e.o !== me && e.l > now) next = Math.min(next, e.l);
        else if (n < max) {
          e.o = me!;
          e.l = now + LEASE_MS;
          n += e.n;
          got.push({ ...e });
        }
      }
      return index;
    });
    for (const e of got) {
      const h = held.get(e.k);
      const b = h?.b ?? await store.get<Batch>(`${i}/${e.k}`);
      if (Array.isArray(b?.records)) held.set(e.k, { i, k: e.k, n: e.n, l: e.l, s: who(b), b });
      else forget(i, [e.k]);
    }
    // Batches another tab holds: look again when its lease ends, in case that tab is gone.
    if (next < Infinity) later(next - now);
    return got.length;
  }

  function fail(ms?: number) {
    busy = false;
    const wait = ms ?? backoff(attempts);
    attempts++;
    until = env.now() + wait;
    later(wait);
  }

  function send(url: string, batch: Held[]) {
    const records = batch.flatMap((h) => h.b.records);
    const body = JSON.stringify({ ...batch[0]!.b, records });
    let answer: Promise<Pick<Response, 'ok' | 'status' | 'headers'>>;
    try {
      // keepalive lets the request outlive the page (pagehide) if the body is under 64 KB.
      answer = env.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: new Blob([body]).size < 64_000 });
    } catch {
      answer = env.beacon(url, body) ? Promise.resolve({ ok: true } as Response) : Promise.reject();
    }
    answer.then((response) => {
      const { ok, status } = response;
      // A 4xx other than 429 would be the same on every retry.
      if (ok || (status >= 400 && status < 500 && status !== 429)) {
        if (!ok) env.warn(`events_url answered ${status}: ${records.length} records were dropped`);
        forget(batch[0]!.i, batch.map((h) => h.k));
        attempts = 0;
        busy = false;
        void flush();
      } else fail(retryAfter(response.headers.get('retry-after'), env.now()));
    }, () => fail());
  }

  /**
   * Sends one request, if online and not backing off. Synchronous up to the request when
   * this tab holds a batch, so that pagehide sends it (in one keepalive request, `max`).
   */
  async function flush(max = REQUEST_CHARS) {
    const { url, sender } = target();
    const now = env.now();
    if (busy || !url || !env.online()) return;
    if (now < until) return later(until - now);
    busy = true;
    let batch = pick(now, max);
    if (!batch.length) {
      const claimed = await claim(indexKey(sender.app_id), max).catch(() => 0);
      batch = pick(env.now(), max);
      // Claimed, but the lease ran short meanwhile (a tab frozen mid-claim): claimed afresh soon.
      if (claimed && !batch.length) later(DELAY_MS);
    }
    if (batch.length) send(url, batch);
    else busy = false;
  }

  env.onLifecycle((what) => {
    if (what === 'online') until = attempts = 0;
    if (what !== 'online') hidden = what === 'hidden';
    save();
    void flush(what === 'hidden' ? BATCH_CHARS : REQUEST_CHARS);
  });
  // Records left by earlier pages: the runtime boots in the task that created the outbox.
  queueMicrotask(() => void flush());

  return {
    add(record, sender) {
      const now = target();
      if (!now.url) return;
      sender ??= now.sender;
      me ??= env.randomId();
      const r = { ...record, id: `${me}-${++seq}` };
      const n = JSON.stringify(r).length + 1;
      const s = who(sender);
      let h = pending[pending.length - 1];
      if (!h || h.s !== s || h.n + n > BATCH_CHARS) {
        if (!pending.length) (hidden ? queueMicrotask : env.nextTask)(save);
        pending.push(h = { i: indexKey(sender.app_id), k: `${me}-${++seq}`, n: 0, l: 0, s, b: { ...sender, records: [] } });
      }
      h.b.records.push(r);
      h.n += n;
    },
    flush: () => void flush(),
  };
}
