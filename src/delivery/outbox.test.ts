import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeEnv, flush as settle } from '../testing/fakes';
import { memoryStore, type Store } from '../storage/store';
import { BATCH_CHARS, BOUND_CHARS, DELAY_MS, LEASE_MS, REQUEST_CHARS, createOutbox, type Batch, type Sender } from './outbox';

const URL = 'https://collect.test/events';
const ADA: Sender = { app_id: 'app', user_id: 'ada', email: 'ada@example.com', visitor_id: 'v-ada' };
const ok = () => Promise.resolve(new Response(null, { status: 204 }));
const status = (code: number, headers: Record<string, string> = {}) => () => Promise.resolve(new Response(null, { status: code, headers }));

/** One tab, once its outbox has looked at the store: a fake env whose ids are its own (tabs share the store). */
async function tab(name = 'tab', options: { store?: Store; url?: string; session?: Map<string, string> } = {}) {
  const fake = createFakeEnv({ now: 1_000_000, store: options.store, session: options.session, fetch: ok });
  let n = 0;
  fake.env.randomId = () => `${name}-${++n}`;
  const target = { url: 'url' in options ? options.url : URL, sender: ADA };
  const outbox = createOutbox(fake.env, () => target);
  const bodies = (): Batch[] => fake.fetches.map((f) => JSON.parse(String(f.init!.body)));
  const ids = () => bodies().flatMap((b) => b.records.map((r) => r.id));
  const event = (name = 'uploaded-file', metadata?: Record<string, string>) => outbox.add({ kind: 'event', name, at: fake.env.now(), ...(metadata ? { metadata } : {}) });
  await settle();
  return { ...fake, outbox, target, bodies, ids, event };
}

/** What the store holds for app `app`: the index, and each batch's records. */
async function stored(store: Store, app = 'app') {
  const index = (await store.get<{ k: string; o: string; l: number }[]>(`${app}/outbox`)) ?? [];
  const batches = await Promise.all(index.map((e) => store.get<Batch>(`${app}/outbox/${e.k}`)));
  return { index, records: batches.flatMap((b) => b?.records ?? []) };
}

afterEach(() => vi.restoreAllMocks());

describe('outbox: storing and sending', () => {
  it('stores a record before sending it, sends it after a short delay, and deletes it once delivered', async () => {
    const t = await tab();
    t.event('uploaded-file', { file: 'a.pdf' });
    await settle();
    const before = await stored(t.store);
    const key = `app/outbox/${before.index[0]!.k}`;
    expect(before.records).toEqual([{ id: expect.any(String), kind: 'event', name: 'uploaded-file', at: 1_000_000, metadata: { file: 'a.pdf' } }]);
    expect(t.fetches).toHaveLength(0);
    t.advance(DELAY_MS - 1);
    expect(t.fetches).toHaveLength(0);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(1);
    expect(t.fetches[0]!.url).toBe(URL);
    expect(t.fetches[0]!.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' }, keepalive: true });
    expect(t.bodies()).toEqual([{ ...ADA, records: before.records }]);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
    expect(await t.store.get(key)).toBeUndefined();
  });

  it('stores the records of a task in a task of its own, after it: a click that tracks an event pays nothing for IndexedDB', async () => {
    const t = await tab();
    const writes: string[] = [];
    const set = t.store.set.bind(t.store);
    t.store.set = (key, value) => {
      writes.push(key);
      return set(key, value);
    };
    t.event('clicked');
    // The tracking task's microtasks run: nothing is written yet.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(writes).toEqual([]);
    await settle();
    expect(writes).toHaveLength(1);
    expect((await stored(t.store)).records.map((r) => r.name)).toEqual(['clicked']);
  });

  it('while the page is hidden or going (a pagehide listener of the site\'s own), a record is stored and listed in sessionStorage in its own task; shown again, in the next task', async () => {
    const session = new Map<string, string>();
    const writes: string[] = [];
    // Writes that never complete: the page goes first.
    const store: Store = { ...memoryStore(), set: async (key) => void writes.push(key), update: () => new Promise(() => {}) };
    const t = await tab('t', { session, store });
    t.setOnline(false);
    t.lifecycle('hidden');
    t.event('in-pagehide');
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(writes).toHaveLength(1);
    expect(session.get('herald/outbox-unsaved')).toContain('in-pagehide');
    t.lifecycle('shown');
    t.event('visible-again');
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(writes).toHaveLength(1);
    await settle();
    expect(writes).toHaveLength(2);
  });

  it('records not yet stored when the page is hidden are stored at once, and sent', async () => {
    const t = await tab();
    const listed: string[] = [];
    const set = t.env.session.set;
    t.env.session.set = (key, value) => {
      listed.push(key);
      set(key, value);
    };
    t.event('tracked-then-hidden');
    t.lifecycle('hidden');
    expect(t.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['tracked-then-hidden']]);
    expect(listed).toEqual(['herald/outbox-unsaved']); // listed once, not once by the store and once by the page's going
    await settle();
    expect(t.fetches).toHaveLength(1);
  });

  it('sends records tracked together in one request, each with its own id', async () => {
    const t = await tab();
    for (let i = 0; i < 50; i++) t.event(`e${i}`);
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.fetches).toHaveLength(1);
    expect(t.bodies()[0]!.records.map((r) => r.name)).toEqual(Array.from({ length: 50 }, (_, i) => `e${i}`));
    expect(new Set(t.ids()).size).toBe(50);
  });

  it('splits a large burst into requests, sent one after another, every record once', async () => {
    const t = await tab();
    for (let i = 0; i < 6000; i++) t.event('uploaded-file', { file_name: `file-${i}.png`, folder: 'Reports 2026' });
    await settle();
    expect((await t.store.get<unknown[]>('app/outbox'))!.length).toBeGreaterThan(8); // stored in batches of BATCH_CHARS
    t.advance(DELAY_MS);
    await settle(60);
    expect(t.fetches.length).toBeGreaterThan(1);
    for (const f of t.fetches) {
      const size = new Blob([String(f.init!.body)]).size;
      expect(size).toBeLessThan(REQUEST_CHARS + 1000);
      // keepalive only where Chromium takes it.
      expect(f.init!.keepalive).toBe(size < 64_000);
    }
    expect(t.ids()).toHaveLength(6000);
    expect(new Set(t.ids()).size).toBe(6000);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
  });

  it('at pagehide, sends what fits one keepalive request (under 64 KB) at once', async () => {
    const t = await tab();
    for (let i = 0; i < 2000; i++) t.event('uploaded-file', { file_name: `file-${i}.png`, folder: 'Reports 2026' });
    t.lifecycle('hidden');
    expect(t.fetches).toHaveLength(1);
    expect(t.fetches[0]!.init!.keepalive).toBe(true);
    expect(new Blob([String(t.fetches[0]!.init!.body)]).size).toBeLessThan(64_000);
    expect(new Blob([String(t.fetches[0]!.init!.body)]).size).toBeGreaterThan(BATCH_CHARS * 0.9);
  });

  it('stores nothing, sends nothing and sets no timer without an events_url', async () => {
    const t = await tab('tab', { url: undefined });
    const set = vi.spyOn(t.store, 'set');
    const update = vi.spyOn(t.store, 'update');
    t.event();
    t.outbox.flush();
    t.lifecycle('hidden');
    t.lifecycle('online');
    await settle();
    t.advance(LEASE_MS * 2);
    await settle();
    expect(set).not.toHaveBeenCalled();
    expect(update).not.toHaveBeenCalled();
    expect(t.fetches).toHaveLength(0);
    expect(t.timers()).toBe(0);
  });
});

describe('outbox: failures', () => {
  it('retries a 5xx with exponential backoff, and new records wait for the retry', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1); // no jitter: waits of 1 s, 2 s, 4 s
    const t = await tab();
    t.respond(status(503));
    t.event('first');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.fetches).toHaveLength(1);
    t.event('second');
    await settle();
    t.advance(999);
    await settle();
    expect(t.fetches).toHaveLength(1);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(2);
    t.advance(1999);
    await settle();
    expect(t.fetches).toHaveLength(2);
    t.respond(ok);
    t.advance(1);
    await settle();
    // The record tracked meanwhile goes with the retries, never ahead of the backoff.
    expect(t.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['first'], ['first', 'second'], ['first', 'second']]);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
    expect(t.warnings).toEqual([]);
  });

  it('retries a network error, and starts the backoff again after a success', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // waits of 0.5 s, 1 s, 2 s
    const t = await tab();
    t.respond(() => Promise.reject(new TypeError('Failed to fetch')));
    t.event('a');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    t.advance(500);
    await settle();
    t.advance(1000);
    await settle();
    expect(t.fetches).toHaveLength(3);
    t.respond(ok);
    t.advance(2000);
    await settle();
    expect(t.fetches).toHaveLength(4);
    t.respond(status(500));
    t.event('b');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.fetches).toHaveLength(5);
    t.advance(499);
    await settle();
    expect(t.fetches).toHaveLength(5);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(6);
  });

  it('honours a 429 Retry-After in seconds', async () => {
    const t = await tab();
    t.respond(status(429, { 'Retry-After': '30' }));
    t.event();
    await settle();
    t.advance(DELAY_MS);
    await settle();
    t.respond(ok);
    t.advance(29_999);
    await settle();
    expect(t.fetches).toHaveLength(1);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(2);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
  });

  it('honours a 429 Retry-After date, and a 503 one', async () => {
    const t = await tab();
    t.respond(status(429, { 'Retry-After': new Date(1_000_000 + DELAY_MS + 45_000).toUTCString() }));
    t.event();
    await settle();
    t.advance(DELAY_MS);
    await settle();
    t.respond(status(503, { 'Retry-After': '10' }));
    t.advance(44_999);
    await settle();
    expect(t.fetches).toHaveLength(1);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(2);
    t.respond(ok);
    t.advance(9_999);
    await settle();
    expect(t.fetches).toHaveLength(2);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(3);
  });

  it('a 429 without Retry-After backs off', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const t = await tab();
    t.respond(status(429));
    t.event();
    await settle();
    t.advance(DELAY_MS);
    await settle();
    t.advance(999);
    await settle();
    expect(t.fetches).toHaveLength(1);
    t.advance(1);
    await settle();
    expect(t.fetches).toHaveLength(2);
  });

  it('drops a batch answered with a 4xx other than 429, with one warning, and goes on with the next', async () => {
    const t = await tab();
    t.respond(status(400));
    t.event('rejected');
    t.event('rejected-too');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.warnings).toEqual(['events_url answered 400: 2 records were dropped']);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
    t.respond(ok);
    t.event('accepted');
    await settle();
    t.advance(LEASE_MS * 4);
    await settle();
    expect(t.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['rejected', 'rejected-too'], ['accepted']]);
    expect(t.warnings).toHaveLength(1);
  });
});

describe('outbox: page life', () => {
  it('offline pauses; coming back online sends at once, without the backoff', async () => {
    const t = await tab();
    t.setOnline(false);
    t.event('while-offline');
    await settle();
    t.advance(LEASE_MS * 3);
    await settle();
    expect(t.fetches).toHaveLength(0);
    expect((await stored(t.store)).records.map((r) => r.name)).toEqual(['while-offline']);
    t.lifecycle('online');
    await settle();
    expect(t.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['while-offline']]);
  });

  it('on hidden, sends at once, in the same task, with keepalive, what was just tracked', async () => {
    const t = await tab();
    t.event('just-before-leaving');
    t.lifecycle('hidden');
    // No await between: pagehide is the last task the page runs.
    expect(t.fetches).toHaveLength(1);
    expect(t.fetches[0]!.init!.keepalive).toBe(true);
    expect(t.bodies()[0]!.records.map((r) => r.name)).toEqual(['just-before-leaving']);
  });

  it('on hidden, keeps the records until the answer: a page that survives hiding retries a failure', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const t = await tab();
    t.respond(status(502));
    t.event('a');
    t.lifecycle('hidden');
    await settle();
    expect((await stored(t.store)).records.map((r) => r.name)).toEqual(['a']);
    t.respond(ok);
    t.advance(1000);
    await settle();
    expect(t.fetches).toHaveLength(2);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
  });

  it('falls back to sendBeacon where fetch throws', async () => {
    const t = await tab();
    t.respond(() => { throw new Error('no fetch here'); });
    t.event('a');
    t.lifecycle('hidden');
    expect(t.beacons).toHaveLength(1);
    expect(JSON.parse(t.beacons[0]!.body).records.map((r: { name: string }) => r.name)).toEqual(['a']);
    await settle();
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
    // A beacon refused is retried.
    t.setBeaconAccepts(false);
    t.event('b');
    t.lifecycle('hidden');
    await settle();
    expect((await stored(t.store)).records.map((r) => r.name)).toEqual(['b']);
    t.setBeaconAccepts(true);
    t.advance(1000);
    await settle();
    expect(t.beacons).toHaveLength(3);
    expect(await stored(t.store)).toEqual({ index: [], records: [] });
  });
});

describe('outbox: durability and tabs', () => {
  it('records left by a page that died mid-send are sent by the next page once the lease has passed', async () => {
    const store = memoryStore();
    const old = await tab('old', { store });
    old.respond(() => new Promise(() => {})); // the page dies before any answer
    old.event('before-crash');
    await settle();
    old.advance(DELAY_MS);
    await settle();
    expect(old.fetches).toHaveLength(1);
    const left = (await stored(store)).records;
    expect(left.map((r) => r.name)).toEqual(['before-crash']);

    // The next page tracks nothing: its outbox looks at the store when it is created (boot).
    const next = await tab('next', { store });
    next.advance(LEASE_MS - 1);
    await settle();
    expect(next.fetches).toHaveLength(0);
    next.advance(1);
    await settle();
    // The same id: a collector that saw the first request drops this one.
    expect(next.ids()).toEqual(left.map((r) => r.id));
    expect(await stored(store)).toEqual({ index: [], records: [] });
  });

  it('records tracked by an earlier page that never sent them (no answer, a reload) are sent after the lease', async () => {
    const store = memoryStore();
    const old = await tab('old', { store });
    old.event('tracked-then-reload');
    await settle(); // stored; the page goes before the delay
    const next = await tab('next', { store });
    next.setNow(old.env.now() + 100);
    next.event('on-the-new-page');
    await settle();
    next.advance(DELAY_MS);
    await settle();
    expect(next.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['on-the-new-page']]);
    next.advance(LEASE_MS);
    await settle();
    expect(next.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['on-the-new-page'], ['tracked-then-reload']]);
  });

  it('records whose writes had not completed when the page reloaded are stored and sent by the next page of the tab', async () => {
    const store = memoryStore();
    const session = new Map<string, string>();
    // The first page's IndexedDB writes never complete: the reload cut them off.
    const cut: Store = { ...store, set: () => new Promise(() => {}), update: () => new Promise(() => {}) };
    const old = await tab('old', { store: cut, session });
    old.event('just-before-reload');
    await settle();
    expect(await stored(store)).toEqual({ index: [], records: [] });
    // The reload: pagehide (its keepalive request does not get through here).
    old.setOnline(false);
    old.lifecycle('hidden');
    expect(session.get('herald/outbox-unsaved')).toContain('just-before-reload');
    const next = await tab('next', { store, session });
    next.setNow(old.env.now() + 100);
    next.outbox.flush();
    await settle();
    // That page is gone: its records go at once, without waiting for a lease.
    expect(next.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['just-before-reload']]);
    expect(session.has('herald/outbox-unsaved')).toBe(false);
    expect(await stored(store)).toEqual({ index: [], records: [] });
  });

  it('while the page is shown, sessionStorage is not written; hidden, the batches not yet stored are, and each commit after updates the list', async () => {
    const session = new Map<string, string>();
    const store = memoryStore();
    // Transactions that complete when the test says, in order.
    const writes: (() => void)[] = [];
    const slow: Store = { ...store, update: (key, fn) => new Promise((resolve) => writes.push(() => void store.update(key, fn).then(resolve))) };
    const t = await tab('t', { store: slow, session });
    const written: string[] = [];
    const set = t.env.session.set;
    t.env.session.set = (key, value) => {
      written.push(key);
      set(key, value);
    };
    for (let i = 0; i < 2_000; i++) t.event(`burst-${i}`);
    await settle();
    expect(written).toEqual([]);
    // Hidden (a tab switch, a reload's pagehide): what is not stored yet goes to sessionStorage at once.
    t.setOnline(false);
    t.lifecycle('hidden');
    const listed = () => (JSON.parse(session.get('herald/outbox-unsaved') ?? '[]') as unknown[]).length;
    const counts = [listed()];
    expect(counts[0]).toBeGreaterThan(1);
    while (writes.length) {
      writes.shift()!();
      await settle();
      counts.push(listed());
    }
    // One batch fewer at each of its commits, down to none: the key is gone.
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(counts).size).toBe(counts[0]! + 1);
    expect(session.has('herald/outbox-unsaved')).toBe(false);
    // Nothing lost: each record was sent (by the flush begun before the page went offline) or is stored.
    const sent = t.bodies().flatMap((b) => b.records);
    expect(sent.length + (await stored(store)).records.length).toBe(2_000);
  });

  it('a batch the earlier page did store is left as it is: its lease holds, it goes once', async () => {
    const store = memoryStore();
    const session = new Map<string, string>();
    const old = await tab('old', { store, session });
    old.event('stored-in-time');
    await settle();
    // As if the page went between the commit and the note that it was done.
    const journal = session.get('herald/outbox-unsaved') ?? JSON.stringify([[`app/outbox`, (await stored(store)).index[0]!.k, 40, { ...ADA, records: (await stored(store)).records }]]);
    session.set('herald/outbox-unsaved', journal);
    const next = await tab('next', { store, session });
    next.setNow(old.env.now() + 100);
    next.advance(DELAY_MS);
    await settle();
    expect(next.fetches).toHaveLength(0); // the earlier page's lease still holds
    next.advance(LEASE_MS);
    await settle();
    expect(next.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['stored-in-time']]);
    next.advance(LEASE_MS * 3);
    await settle();
    expect(next.fetches).toHaveLength(1);
  });

  it('a tab frozen while it claims (its lease half gone before it could send) claims afresh and sends', async () => {
    const store = memoryStore();
    // `next` looks at the store first, while it is empty: no timer of its own waits for the lease.
    const next = await tab('next', { store });
    const old = await tab('old', { store });
    old.event('left-behind');
    await settle();
    next.setNow(old.env.now() + LEASE_MS + 1);
    // The claim's transaction ends 20 s later by the clock: too little lease is left to send on.
    const update = store.update.bind(store);
    let frozen = true;
    store.update = async <T>(key: string, fn: (old: T | undefined) => T) => {
      await update(key, fn);
      if (frozen && key === 'app/outbox') {
        frozen = false;
        next.setNow(next.env.now() + 20_000);
      }
    };
    next.outbox.flush();
    await settle();
    expect(next.fetches).toHaveLength(0);
    next.advance(DELAY_MS);
    await settle();
    expect(next.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['left-behind']]);
  });

  it('two live tabs each send their own records, never the other\'s', async () => {
    const store = memoryStore();
    const a = await tab('a', { store });
    const b = await tab('b', { store });
    for (let i = 0; i < 20; i++) {
      a.event(`a${i}`);
      b.event(`b${i}`);
      await settle(2);
      a.advance(700);
      b.advance(700);
    }
    a.advance(LEASE_MS * 3);
    b.advance(LEASE_MS * 3);
    await settle();
    const all = [...a.ids(), ...b.ids()];
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(a.bodies().flatMap((x) => x.records.map((r) => r.name)).every((n) => n.startsWith('a'))).toBe(true);
    expect(b.bodies().flatMap((x) => x.records.map((r) => r.name)).every((n) => n.startsWith('b'))).toBe(true);
  });

  it('records of a closed tab are claimed by exactly one of the tabs left, atomically', async () => {
    const store = memoryStore();
    const closed = await tab('closed', { store });
    closed.setOnline(false);
    for (let i = 0; i < 5; i++) closed.event(`orphan${i}`);
    await settle();
    const left = [await tab('b', { store }), await tab('c', { store }), await tab('d', { store })];
    for (const t of left) {
      t.setNow(closed.env.now() + LEASE_MS);
      t.outbox.flush();
    }
    await settle();
    const sent = left.flatMap((t) => t.ids());
    expect(sent).toHaveLength(5);
    expect(left.filter((t) => t.fetches.length)).toHaveLength(1);
    // A tab that claimed and then died frees the claim after its lease: another one takes it.
    const store2 = memoryStore();
    const first = await tab('first', { store: store2 });
    first.setOnline(false);
    first.event('x');
    await settle();
    const claimer = await tab('claimer', { store: store2 });
    claimer.respond(() => new Promise(() => {}));
    claimer.setNow(first.env.now() + LEASE_MS);
    claimer.outbox.flush();
    await settle();
    expect(claimer.fetches).toHaveLength(1);
    const other = await tab('other', { store: store2 });
    other.setNow(first.env.now() + LEASE_MS + 1000);
    other.outbox.flush();
    await settle();
    expect(other.fetches).toHaveLength(0);
    other.advance(LEASE_MS);
    await settle();
    expect(other.bodies().map((x) => x.records.map((r) => r.name))).toEqual([['x']]);
  });
});

describe('outbox: bound, attribution, bad state', () => {
  it('keeps at most BOUND_CHARS of records: the oldest go, with one warning', async () => {
    const t = await tab();
    t.setOnline(false);
    const big = 'x'.repeat(BATCH_CHARS - 200); // one record per stored batch
    const count = Math.ceil(BOUND_CHARS / BATCH_CHARS) + 5;
    for (let i = 0; i < count; i++) {
      t.event(`e${i}`, { big });
      await settle(2);
    }
    await settle();
    const { records } = await stored(t.store);
    expect(records.length).toBeLessThan(count);
    expect(records.length).toBeGreaterThanOrEqual(count - 7);
    expect(records.reduce((n, r) => n + JSON.stringify(r).length, 0)).toBeLessThanOrEqual(BOUND_CHARS);
    // The newest are kept.
    expect(records.at(-1)!.name).toBe(`e${count - 1}`);
    expect(records[0]!.name).not.toBe('e0');
    expect(t.warnings).toEqual(['the outbox to events_url is full (5 MB): the oldest records were dropped']);
    t.lifecycle('online');
    await settle(100);
    expect(t.ids()).toEqual(records.map((r) => r.id));
  });

  it('a record keeps the person it was recorded for, after a shutdown and a new visitor', async () => {
    const t = await tab();
    t.event('by-ada');
    t.target.sender = { app_id: 'app', visitor_id: 'v-new' };
    t.event('by-the-next-visitor');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.bodies()).toEqual([
      { ...ADA, records: [expect.objectContaining({ name: 'by-ada' })] },
      { app_id: 'app', visitor_id: 'v-new', records: [expect.objectContaining({ name: 'by-the-next-visitor' })] },
    ]);
  });

  it('keeps records of apps apart', async () => {
    const t = await tab();
    t.setOnline(false);
    t.event('in-app');
    t.target.sender = { app_id: 'other', visitor_id: 'v2' };
    t.event('in-other');
    await settle();
    expect((await stored(t.store, 'app')).records.map((r) => r.name)).toEqual(['in-app']);
    expect((await stored(t.store, 'other')).records.map((r) => r.name)).toEqual(['in-other']);
  });

  it('survives a corrupt index and missing batches', async () => {
    const store = memoryStore();
    await store.set('app/outbox', [null, 7, 'x', { k: 'gone', n: 10, o: 'dead', l: 0 }, { k: 5 }, { k: 'bad', n: 3, o: 'dead', l: 0 }]);
    await store.set('app/outbox/bad', { records: 'not a list' });
    const t = await tab('t', { store });
    t.outbox.flush();
    await settle();
    expect(await store.get('app/outbox')).toEqual([]);
    expect(await store.get('app/outbox/bad')).toBeUndefined();
    t.event('fine');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.bodies().map((b) => b.records.map((r) => r.name))).toEqual([['fine']]);
    await store.set('app/outbox', 'garbage');
    t.event('still-fine');
    await settle();
    t.advance(DELAY_MS);
    await settle();
    expect(t.bodies()).toHaveLength(2);
  });
});
