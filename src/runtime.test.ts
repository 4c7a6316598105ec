import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Decision, TrackedEvent } from './engine/types';
import type { Message } from './ruleset/types';
import { createRuntime, FETCH_TIMEOUT_MS } from './runtime';
import { historyKey } from './storage/history';
import { cacheKey, fetchRuleset, fetchedKey } from './sync/ruleset';
import { memoryStore } from './storage/store';
import { createFakeEnv, createFakeWidgets, deferred, flush, jsonResponse } from './testing/fakes';
import { checkNow, extrasNow, recordResponseBodies } from './testing/fakes';

const T0 = Date.parse('2026-11-01T09:00:00Z');

afterEach(() => vi.restoreAllMocks());
const MINUTE = 6e4;
const RULESET_URL = 'https://rules.test/ruleset.json';
const SETTINGS = { app_id: 'app', ruleset_url: RULESET_URL };

const banner = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  type: 'banner',
  when: { event: 'uploaded-file' },
  content: { body: `<p>${id}</p>` },
  ...extra,
});
const rulesetOf = (...messages: Message[]) => ({ version: 1, messages });

/** A cache record as this version stores it: checked, split and compiled. */
async function cachedEntry(doc: unknown, url = RULESET_URL, checkedBy = 'test') {
  const prepared = await checkNow(doc);
  if (!prepared.ok) throw new Error(prepared.detail);
  return { url, etag: '"v1"', checkedBy, ...(await prepared.compile(async () => {})) };
}

const event = (name: string, at: number, metadata: TrackedEvent['metadata'] = {}): TrackedEvent => ({ name, metadata, at });

function setup(options: { ruleset?: unknown; fetch?: (url: string, init?: RequestInit) => Promise<Response> } = {}) {
  const fake = createFakeEnv({
    now: T0,
    fetch: options.fetch ?? (async () => jsonResponse(options.ruleset ?? rulesetOf())),
  });
  const widgets = createFakeWidgets();
  const runtime = createRuntime(fake.env, widgets.loadWidget, checkNow, extrasNow);
  const decisions: Decision[] = [];
  runtime.onDecision((d) => void decisions.push(d));
  const summary = () => decisions.map((d) => `${d.message_id} ${d.outcome} ${d.reason}`);
  return { fake, widgets, runtime, decisions, summary };
}

/** Another page of the same tab: its sessionStorage is `session`. */
function setupPage(options: { session: Map<string, string>; ruleset?: unknown; fetch?: (url: string) => Promise<Response> }) {
  const fake = createFakeEnv({ now: T0, session: options.session, fetch: options.fetch ?? (async () => jsonResponse(options.ruleset ?? rulesetOf())) });
  const runtime = createRuntime(fake.env, createFakeWidgets().loadWidget, checkNow, extrasNow);
  const decisions: Decision[] = [];
  runtime.onDecision((d) => void decisions.push(d));
  return { fake, runtime, decisions, summary: () => decisions.map((d) => `${d.message_id} ${d.outcome} ${d.reason}`) };
}

describe('runtime: events before the ruleset', () => {
  it('holds an event tracked before the ruleset arrives, then evaluates it as of its original time', async () => {
    const response = deferred<Response>();
    const { fake, widgets, runtime, decisions, summary } = setup({ fetch: () => response.promise });
    runtime.boot(SETTINGS);
    // The message goes live at T0 + 5 min; the event is tracked at T0 + 1 s.
    runtime.track(event('uploaded-file', T0 + 1000));
    await flush();
    expect(decisions).toEqual([]);
    expect(widgets.loads).toEqual([]);

    fake.setNow(T0 + 10 * MINUTE);
    response.resolve(jsonResponse(rulesetOf(
      banner('live-later', { live_at: new Date(T0 + 5 * MINUTE).toISOString() }),
      { ...banner('always'), type: 'post' },
    )));
    await flush();
    // Judged at T0 + 10 min, live-later would show; judged at the event's time it does not.
    expect(summary()).toEqual(['live-later suppressed not_live', 'always shown ok']);
    expect(widgets.shownIds()).toEqual(['always']);
    expect(decisions.every((d) => d.at === T0 + 10 * MINUTE && d.event === 'uploaded-file')).toBe(true);
  });

  it('held events stay in memory while the page shows; hidden, they are written to the tab\'s list, removed when the ruleset comes', async () => {
    const response = deferred<Response>();
    const { fake, runtime, summary } = setup({ fetch: () => response.promise });
    runtime.boot(SETTINGS);
    for (let i = 0; i < 1_000; i++) runtime.track(event('uploaded-file', T0 + i));
    await flush();
    expect(fake.session.has('herald/app/held')).toBe(false);
    fake.lifecycle('hidden');
    expect(JSON.parse(fake.session.get('herald/app/held')!)).toHaveLength(1_000);
    fake.lifecycle('shown');
    response.resolve(jsonResponse(rulesetOf(banner('hello', { state: 'stopped' }))));
    await flush(100);
    expect(summary()).toHaveLength(1_000);
    expect(fake.session.has('herald/app/held')).toBe(false);
  });

  it('a reload keeps the held events: the next page evaluates them as of their time, after its first decisions, having read no sessionStorage before', async () => {
    const session = new Map<string, string>();
    const first = setupPage({ session, fetch: () => new Promise<Response>(() => {}) });
    first.runtime.boot(SETTINGS);
    first.runtime.track(event('a', T0 + 1_000));
    await flush();
    first.fake.lifecycle('hidden'); // the reload's pagehide
    expect(JSON.parse(session.get('herald/app/held')!)).toHaveLength(1);

    const second = setupPage({ session, ruleset: rulesetOf(
      banner('page', { when: undefined, state: 'stopped' }),
      banner('for-a', { when: { event: 'a' }, live_at: new Date(T0 + 5 * MINUTE).toISOString() }),
      { ...banner('for-b', { when: { event: 'b' } }), type: 'post' },
    ) });
    const reads: string[] = [];
    const { get } = second.fake.env.session;
    second.fake.env.session.get = (key) => (reads.push(key), get(key));
    const readBefore: number[] = [];
    second.runtime.onDecision(() => void readBefore.push(reads.length));
    second.fake.setNow(T0 + 10 * MINUTE);
    second.runtime.boot(SETTINGS);
    second.runtime.track(event('b', T0 + 10 * MINUTE));
    await flush(100);
    // Judged as of its time (T0 + 1 s), a came before for-a went live; b shows.
    expect(second.summary()).toEqual(['page suppressed stopped', 'for-b shown ok', 'for-a suppressed not_live']);
    expect(readBefore.slice(0, 2)).toEqual([0, 0]);
    expect(reads).toEqual(['herald/app/held']);
    expect(session.has('herald/app/held')).toBe(false);
  });

  it('a page that gets no ruleset keeps the earlier page\'s held events with its own, for the next page', async () => {
    const session = new Map<string, string>();
    const never = () => new Promise<Response>(() => {});
    const first = setupPage({ session, fetch: never });
    first.runtime.boot(SETTINGS);
    first.runtime.track(event('a', T0 + 1));
    await flush();
    first.fake.lifecycle('hidden');
    const second = setupPage({ session, fetch: never });
    second.runtime.boot(SETTINGS);
    second.runtime.track(event('b', T0 + 2));
    await flush();
    second.fake.lifecycle('hidden');
    expect(JSON.parse(session.get('herald/app/held')!).map((e: TrackedEvent) => e.name)).toEqual(['a', 'b']);
    const third = setupPage({ session, ruleset: rulesetOf(banner('for-a', { when: { event: 'a' }, state: 'stopped' }), banner('for-b', { when: { event: 'b' }, state: 'stopped' })) });
    third.runtime.boot(SETTINGS);
    await flush(100);
    expect(third.summary()).toEqual(['for-a suppressed stopped', 'for-b suppressed stopped']);
    expect(session.has('herald/app/held')).toBe(false);
  });

  it('holds several events and evaluates each, in order', async () => {
    const response = deferred<Response>();
    const { runtime, summary } = setup({ fetch: () => response.promise });
    runtime.boot(SETTINGS);
    runtime.track(event('a', T0 + 1));
    runtime.track(event('b', T0 + 2));
    response.resolve(jsonResponse(rulesetOf(
      banner('for-a', { when: { event: 'a' }, state: 'stopped' }),
      banner('for-b', { when: { event: 'b' }, state: 'stopped' }),
    )));
    await flush();
    expect(summary()).toEqual(['for-a suppressed stopped', 'for-b suppressed stopped']);
  });
});

describe('runtime: decisions', () => {
  it('gives every decision to onDecision, in the SPEC shape', async () => {
    const { fake, runtime, decisions } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot(SETTINGS);
    await flush();
    fake.setNow(T0 + 5000);
    runtime.track(event('uploaded-file', T0 + 5000, { file: 'a.png' }));
    await flush();
    expect(decisions).toEqual([
      { at: T0 + 5000, message_id: 'hello', event: 'uploaded-file', outcome: 'shown', reason: 'ok', detail: expect.any(String) },
    ]);
  });

  it('every listener hears every decision', async () => {
    const { runtime, decisions } = setup({ ruleset: rulesetOf(banner('hello')) });
    const second: Decision[] = [];
    runtime.onDecision((d) => void second.push(d));
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(second).toEqual(decisions);
    expect(second).toHaveLength(1);
  });

  it('an event no message listens for decides nothing', async () => {
    const { runtime, decisions, widgets } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('something-else', T0));
    await flush();
    expect(decisions).toEqual([]);
    expect(widgets.loads).toEqual([]);
  });

  it('a stopped message is suppressed with reason stopped, and never loads a widget', async () => {
    const { runtime, decisions, widgets } = setup({ ruleset: rulesetOf(banner('old', { state: 'stopped' })) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(decisions).toMatchObject([{ message_id: 'old', outcome: 'suppressed', reason: 'stopped', event: 'uploaded-file' }]);
    expect(widgets.loads).toEqual([]);
  });

  it('an invalid message gives one invalid decision, and the valid ones still work', async () => {
    const { runtime, summary, widgets } = setup({
      ruleset: { version: 1, messages: [{ id: 'broken', type: 'modal', content: {} }, banner('fine')] },
    });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['broken suppressed invalid', 'fine shown ok']);
    expect(widgets.shownIds()).toEqual(['fine']);
  });

  it('a rule with an inherited name as its operator is invalid, not an exception in the page', async () => {
    const { runtime, summary, widgets } = setup({
      ruleset: rulesetOf(banner('odd', { where: [{ attr: 'current_url', op: 'valueOf' }] }), { ...banner('fine'), type: 'post' }),
    });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['odd suppressed invalid', 'fine shown ok']);
    expect(widgets.shownIds()).toEqual(['fine']);
  });

  it('writes decisions to the log when debug is true', async () => {
    const { fake, runtime } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot({ ...SETTINGS, debug: true });
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(fake.logs.map((l) => l.text)).toEqual(['uploaded-file: 1 decision']);
    expect(fake.logs[0]!.data).toEqual([expect.objectContaining({ message_id: 'hello', outcome: 'shown', reason: 'ok' })]);
  });

  it('gives the widget the event metadata and the user', async () => {
    const { runtime, widgets } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot({ ...SETTINGS, name: 'Ann', plan: 'pro' });
    await flush();
    runtime.track(event('uploaded-file', T0, { file: 'a.png' }));
    await flush();
    expect(widgets.shown[0]!.view.event).toEqual({ file: 'a.png' });
    expect(widgets.shown[0]!.view.user).toEqual({ name: 'Ann', plan: 'pro', type: 'visitor' });
  });
});

describe('runtime: frequency', () => {
  it('once per hour: a second event 20 minutes later is suppressed with reason frequency', async () => {
    const { fake, runtime, decisions, widgets } = setup({ ruleset: rulesetOf(banner('hourly', { frequency: { every: '1h' } })) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(widgets.shownIds()).toEqual(['hourly']);
    widgets.shown[0]!.handlers.dismissed();
    await flush();

    fake.setNow(T0 + 20 * MINUTE);
    runtime.track(event('uploaded-file', T0 + 20 * MINUTE));
    await flush();
    expect(decisions.map((d) => [d.outcome, d.reason])).toEqual([['shown', 'ok'], ['suppressed', 'frequency']]);
    expect(decisions[1]!.detail).toMatch(/^sent 20 minutes ago; next allowed at \d\d:\d\d$/);
    expect(widgets.shownIds()).toEqual(['hourly']);

    fake.setNow(T0 + 60 * MINUTE);
    runtime.track(event('uploaded-file', T0 + 60 * MINUTE));
    await flush();
    expect(widgets.shownIds()).toEqual(['hourly', 'hourly']);
  });

  it('records each send in the store, per person', async () => {
    const { fake, runtime } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot({ ...SETTINGS, user_id: 'u1' });
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(await fake.store.get(historyKey('app', 'user:u1', 'hello'))).toEqual({ count: 1, last: T0 });
  });

  it('respects a send recorded before (another tab, an earlier page)', async () => {
    const { fake, runtime, summary, widgets } = setup({ ruleset: rulesetOf(banner('once', { frequency: { max: 1 } })) });
    await fake.store.set(historyKey('app', 'user:u1', 'once'), { count: 1, last: T0 - 864e5 });
    runtime.boot({ ...SETTINGS, user_id: 'u1' });
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['once suppressed max_sends']);
    expect(widgets.loads).toEqual([]);
  });
});

describe('runtime: one message of a type on screen', () => {
  it('a second banner while one is on screen is pending (busy), and shows after the first is dismissed', async () => {
    const { fake, runtime, decisions, widgets } = setup({
      ruleset: rulesetOf(banner('first', { when: { event: 'a' } }), banner('second', { when: { event: 'b' } })),
    });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('a', T0));
    await flush();
    fake.setNow(T0 + 1000);
    runtime.track(event('b', T0 + 1000, { n: 2 }));
    await flush();
    expect(widgets.shownIds()).toEqual(['first']);
    expect(decisions.map((d) => [d.message_id, d.outcome, d.reason])).toEqual([
      ['first', 'shown', 'ok'],
      ['second', 'pending', 'busy'],
    ]);
    expect(decisions[1]!.detail).toContain('first');

    fake.setNow(T0 + 5000);
    widgets.shown[0]!.handlers.dismissed();
    await flush();
    expect(widgets.shownIds()).toEqual(['first', 'second']);
    expect(widgets.shown[1]!.view.event).toEqual({ n: 2 });
    expect(decisions.at(-1)).toMatchObject({ message_id: 'second', outcome: 'shown', reason: 'ok', event: 'b', at: T0 + 5000 });
  });

  it('hide() takes the banner off screen and drops the one waiting', async () => {
    const { runtime, decisions, widgets } = setup({
      ruleset: rulesetOf(banner('first', { when: { event: 'a' } }), banner('second', { when: { event: 'b' } })),
    });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('a', T0));
    await flush();
    runtime.track(event('b', T0));
    await flush();
    runtime.hide();
    await flush();
    expect(widgets.hidden).toEqual(['first']);
    expect(widgets.shownIds()).toEqual(['first']);
    expect(decisions.map((d) => d.outcome)).toEqual(['shown', 'pending']);
  });

  it('messages of different types show side by side', async () => {
    const { runtime, widgets, summary } = setup({ ruleset: rulesetOf(banner('b1'), { ...banner('p1'), type: 'post' }) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(widgets.shownIds().sort()).toEqual(['b1', 'p1']);
    expect(summary().sort()).toEqual(['b1 shown ok', 'p1 shown ok']);
  });

  it('a widget that cannot load frees the slot, with a warning, and nothing throws', async () => {
    const fake = createFakeEnv({ now: T0, fetch: async () => jsonResponse(rulesetOf(banner('hello'))) });
    const runtime = createRuntime(fake.env, async () => { throw new Error('chunk missing'); }, checkNow, extrasNow);
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(fake.warnings).toEqual(['the banner hello could not be shown: Error: chunk missing']);
  });
});

describe('runtime: ruleset sync and cache', () => {

  it('fetches the ruleset URL once at boot', async () => {
    const { fake, runtime } = setup();
    runtime.boot(SETTINGS);
    await flush();
    expect(fake.fetches.map((f) => f.url)).toEqual([RULESET_URL]);
  });

  it('uses the cached ruleset when the fetch fails', async () => {
    const { fake, runtime, summary, widgets } = setup({ fetch: async () => { throw new TypeError('offline'); } });
    await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf(banner('cached'))));
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['cached shown ok']);
    expect(widgets.shownIds()).toEqual(['cached']);
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toMatch(/could not be fetched.*offline.*last good ruleset stays in use/);
  });

  it('sends the cached ETag as If-None-Match, and a 304 keeps the cached ruleset', async () => {
    const { fake, runtime, summary } = setup({ fetch: async () => new Response(null, { status: 304 }) });
    await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf(banner('cached'))));
    runtime.boot(SETTINGS);
    await flush();
    expect(fake.fetches[0]!.init?.headers).toEqual({ 'If-None-Match': '"v1"' });
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['cached shown ok']);
    expect(fake.warnings).toEqual([]);
  });

  it('a newer ruleset from the network replaces the cached one, in use and in the store', async () => {
    const fresh = rulesetOf(banner('fresh'));
    const { fake, runtime, summary } = setup({ fetch: async () => jsonResponse(fresh, '"v2"') });
    await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf(banner('cached'))));
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['fresh shown ok']);
    expect(await fake.store.get(cacheKey('app'))).toEqual({ ...(await cachedEntry(fresh)), etag: '"v2"' });
    expect(await fake.store.get(fetchedKey('app'))).toEqual({ url: RULESET_URL, etag: '"v2"', at: T0 });
  });

  it('a tab that waited while another tab fetched uses that fetch: no request, and the ruleset is read from the store once', async () => {
    const { fake, runtime, summary } = setup({ fetch: async () => jsonResponse(rulesetOf(banner('network'))) });
    await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf(banner('cached'))));
    // The other tab's fetch (a 304 for the same ETag) ended after this tab started its sync.
    await fake.store.set(fetchedKey('app'), { url: RULESET_URL, etag: '"v1"', at: T0 + 5 });
    const get = fake.store.get.bind(fake.store);
    const reads: string[] = [];
    fake.store.get = <T>(key: string) => {
      reads.push(key);
      return get<T>(key);
    };
    fake.setNow(T0);
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(fake.fetches).toEqual([]);
    expect(summary()).toEqual(['cached shown ok']);
    expect(reads.filter((k) => k === cacheKey('app'))).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ['the parsed document (an older shape)', { url: RULESET_URL, etag: '"v1"', doc: rulesetOf(banner('old')), invalid: [], checkedBy: 'test' }],
    ['the server\'s text, not compiled (an older shape)', { url: RULESET_URL, etag: '"v1"', text: JSON.stringify(rulesetOf(banner('old'))), invalid: [], checkedBy: 'test' }],
    ['a head that is not JSON', { url: RULESET_URL, etag: '"v1"', head: '{"messages": [', events: new Map(), checkedBy: 'test' }],
  ])('a cache record holding %s is no cache: nothing throws, the events wait for the network', async (_name, record) => {
    const { fake, runtime, summary } = setup({ fetch: async () => { throw new TypeError('offline'); } });
    await fake.store.set(cacheKey('app'), record);
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual([]);
    expect(fake.warnings[0]).toMatch(/events are held until a ruleset loads/);
  });

  it('a fetched ruleset is parsed, checked and indexed, then compiled and stored, with the main thread given back between the steps', async () => {
    const doc = rulesetOf(banner('hello'));
    const store = memoryStore();
    const steps: string[] = [];
    const check = async (d: unknown) => {
      steps.push('check');
      return checkNow(d);
    };
    const pause = async () => void steps.push('pause');
    const result = await fetchRuleset(async () => jsonResponse(doc, '"v1"'), store, 'app', RULESET_URL, null, check, T0, pause);
    if (result.status !== 'updated') throw new Error(result.status);
    steps.push('in use');
    expect(await store.get(cacheKey('app'))).toBeUndefined();
    await result.save!();
    // Read, then parse; check; index and use; then compile and store (the next page's cache).
    expect(steps).toEqual(['pause', 'pause', 'check', 'pause', 'in use', 'pause']);
    expect(await store.get(cacheKey('app'))).toEqual({ ...(await cachedEntry(doc)), etag: '"v1"' });
    expect(await store.get(fetchedKey('app'))).toEqual({ url: RULESET_URL, etag: '"v1"', at: T0 });
  });

  it('a fetched ruleset is in use before it is stored: its decisions do not wait for the cache write', async () => {
    const { fake, runtime, summary } = setup({ ruleset: rulesetOf(banner('hello')) });
    const written = deferred<void>();
    const set = fake.store.set.bind(fake.store);
    fake.store.set = async (key, value) => {
      if (key === cacheKey('app')) await written.promise;
      return set(key, value);
    };
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['hello shown ok']);
    expect(await fake.store.get(cacheKey('app'))).toBeUndefined();
    written.resolve();
    await flush();
    expect(await fake.store.get(cacheKey('app'))).toMatchObject({ url: RULESET_URL, checkedBy: 'test' });
  });

  it('a cached ruleset\'s lists of messages are read at the first event that has some, not at boot', async () => {
    const reads = recordResponseBodies();
    try {
      const { fake, runtime, summary } = setup({ fetch: async () => new Response(null, { status: 304 }) });
      await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf({ ...banner('page', { when: undefined }), type: 'post' }, banner('cached'))));
      reads.length = 0;
      runtime.boot(SETTINGS);
      runtime.track(event('signed-up', T0));
      await flush();
      expect(summary()).toEqual(['page shown ok']);
      // The 304 itself is a Response too; the lists are not read.
      expect(reads.filter((body) => body instanceof Blob)).toEqual([]);
      runtime.track(event('uploaded-file', T0));
      await flush();
      expect(summary()).toEqual(['page shown ok', 'cached shown ok']);
      expect(reads.filter((body) => body instanceof Blob)).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('cached lists that cannot be read: the events wait, the ruleset is fetched anew in full, then they trigger', async () => {
    const fresh = rulesetOf(banner('fresh'), { ...banner('fresh-post'), type: 'post', when: { event: 'shared-file' } });
    const { fake, runtime, summary } = setup({
      fetch: async (_url, init) => ((init?.headers as Record<string, string>)['If-None-Match'] ? new Response(null, { status: 304 }) : jsonResponse(fresh, '"v2"')),
    });
    // A Blob whose file is gone: each read of the record hands out a body that fails to read.
    const record = await cachedEntry(rulesetOf(banner('cached')));
    const get = fake.store.get.bind(fake.store);
    fake.store.get = async <T>(key: string) => (key === cacheKey('app')
      ? { ...record, events: new ReadableStream({ pull: (c) => c.error(new DOMException('gone', 'NotReadableError')) }) } as T
      : get<T>(key));
    runtime.boot(SETTINGS);
    await flush();
    fake.setNow(T0 + 1000);
    runtime.track(event('uploaded-file', T0));
    runtime.track(event('shared-file', T0));
    await flush();
    expect(fake.fetches.map((f) => f.init?.headers)).toEqual([{ 'If-None-Match': '"v1"' }, {}]);
    // Neither event is lost, and they are judged in the order they came, by the new ruleset.
    expect(summary()).toEqual(['fresh shown ok', 'fresh-post shown ok']);
    expect(fake.warnings).toEqual([]);
  });

  it('a cached ruleset for another URL is not used', async () => {
    const { fake, runtime, decisions } = setup({ fetch: async () => { throw new TypeError('offline'); } });
    await fake.store.set(cacheKey('app'), await cachedEntry(rulesetOf(banner('cached')), 'https://rules.test/old.json'));
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(decisions).toEqual([]);
    expect(fake.warnings[0]).toMatch(/events are held until a ruleset loads/);
  });

  it.each<[string, () => Response]>([
    ['not JSON', () => new Response('<html>oops</html>', { status: 200 })],
    ['version 2', () => jsonResponse({ version: 2, messages: [banner('v2')] })],
    ['without messages', () => jsonResponse({ version: 1 })],
    ['a JSON array', () => jsonResponse([banner('arr')])],
    ['empty', () => new Response('', { status: 200 })],
  ])('a malformed 200 response (%s) never replaces the cached ruleset', async (_name, response) => {
    const cached = await cachedEntry(rulesetOf(banner('cached')));
    const { fake, runtime, summary } = setup({ fetch: async () => response() });
    await fake.store.set(cacheKey('app'), cached);
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['cached shown ok']);
    expect(await fake.store.get(cacheKey('app'))).toEqual(cached);
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toMatch(/the last good ruleset stays in use$/);
  });

  it('a server error keeps the cached ruleset', async () => {
    const cached = await cachedEntry(rulesetOf(banner('cached')));
    const { fake, runtime, summary } = setup({ fetch: async () => new Response('down', { status: 503 }) });
    await fake.store.set(cacheKey('app'), cached);
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(summary()).toEqual(['cached shown ok']);
    expect(await fake.store.get(cacheKey('app'))).toEqual(cached);
    expect(fake.warnings[0]).toMatch(/answered 503/);
  });

  it('a failed sync is tried again with a growing backoff, warned once; the held events show when it works', async () => {
    // The jitter at its largest: each wait is the whole of its backoff, 1 s, then 2 s.
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    let answer = async (): Promise<Response> => { throw new TypeError('offline'); };
    const { fake, runtime, summary } = setup({ fetch: () => answer() });
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    fake.advance(998);
    await flush();
    expect(fake.fetches.length).toBe(1);
    fake.advance(2);
    await flush();
    expect(fake.fetches.length).toBe(2);
    fake.advance(1_998);
    await flush();
    expect(fake.fetches.length).toBe(2);
    fake.advance(2);
    await flush();
    expect(fake.fetches.length).toBe(3);
    const tries = fake.fetches.length;
    answer = async () => jsonResponse(rulesetOf(banner('hello')));
    fake.advance(10_000);
    await flush();
    expect(summary()).toEqual(['hello shown ok']);
    expect(fake.warnings).toEqual(['the ruleset could not be fetched (offline); events are held until a ruleset loads']);
    // Once it works, no more tries.
    const after = fake.fetches.length;
    expect(after).toBeGreaterThan(tries);
    fake.advance(60 * MINUTE);
    await flush();
    expect(fake.fetches.length).toBe(after);
  });

  it('coming back online syncs at once after a failure, not before', async () => {
    let answer = async (): Promise<Response> => { throw new TypeError('offline'); };
    const { fake, runtime, summary } = setup({ fetch: () => answer() });
    runtime.boot(SETTINGS);
    await flush();
    answer = async () => jsonResponse(rulesetOf(banner('hello', { when: undefined })));
    fake.lifecycle('online');
    await flush();
    expect(fake.fetches.length).toBe(2);
    expect(summary()).toEqual(['hello shown ok']);
    fake.lifecycle('online'); // nothing failed since
    await flush();
    expect(fake.fetches.length).toBe(2);
  });

  it('a request that never answers is abandoned after FETCH_TIMEOUT_MS and tried again', async () => {
    let answer = (_url: string, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
    });
    const { fake, runtime, summary } = setup({ fetch: (url, init?: RequestInit) => answer(url, init) });
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(fake.fetches[0]!.init?.signal).toBeInstanceOf(AbortSignal);
    answer = async () => jsonResponse(rulesetOf(banner('hello')));
    fake.advance(FETCH_TIMEOUT_MS - 1);
    await flush();
    expect(fake.fetches.length).toBe(1);
    fake.advance(1);
    await flush();
    expect(fake.warnings).toEqual(['the ruleset could not be fetched (no answer within 15 seconds); events are held until a ruleset loads']);
    fake.advance(1_000);
    await flush();
    expect(summary()).toEqual(['hello shown ok']);
  });

  it('shutdown stops the retries', async () => {
    const { fake, runtime } = setup({ fetch: async () => { throw new TypeError('offline'); } });
    runtime.boot(SETTINGS);
    await flush();
    runtime.shutdown();
    fake.advance(60 * MINUTE);
    await flush();
    expect(fake.fetches.length).toBe(1);
  });

  it('without a ruleset_url, warns once and shows nothing', async () => {
    const { fake, runtime, decisions } = setup();
    runtime.boot({ app_id: 'app' });
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(fake.fetches).toEqual([]);
    expect(decisions).toEqual([]);
    expect(fake.warnings).toEqual(['no ruleset_url is set: no message can show']);
  });
});

describe('runtime: page messages', () => {
  it('evaluates page messages at boot, once per page, and again on update', async () => {
    const { runtime, summary } = setup({
      ruleset: rulesetOf({ id: 'page', type: 'banner', audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }], frequency: { every: '0s' }, content: {} }),
    });
    runtime.boot(SETTINGS);
    await flush();
    expect(summary()).toEqual(['page suppressed audience']);
    runtime.update({ plan: 'pro' });
    await flush();
    expect(summary()).toEqual(['page suppressed audience', 'page shown ok']);
  });
});

describe('runtime: identity', () => {
  it('keeps the visitor id across boots, and shutdown forgets it: the next boot is a new visitor', async () => {
    const { fake, runtime } = setup();
    expect(runtime.visitorId()).toBeUndefined();
    runtime.boot(SETTINGS);
    const first = runtime.visitorId();
    expect(first).toBe('visitor-1');
    expect([...fake.local.values()]).toEqual([first]);

    runtime.boot(SETTINGS);
    expect(runtime.visitorId()).toBe(first);

    runtime.shutdown();
    expect(runtime.booted).toBe(false);
    expect(runtime.visitorId()).toBeUndefined();
    expect([...fake.local.values()]).toEqual([]);

    runtime.boot(SETTINGS);
    const second = runtime.visitorId();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect([...fake.local.values()]).toEqual([second]);
  });

  it('a fresh runtime on the same storage (a reload) is the same visitor', () => {
    const { fake, runtime } = setup();
    runtime.boot(SETTINGS);
    expect(runtime.visitorId()).toBe('visitor-1');
    const reloaded = createRuntime(fake.env, createFakeWidgets().loadWidget, checkNow, extrasNow);
    reloaded.boot(SETTINGS);
    expect(reloaded.visitorId()).toBe(runtime.visitorId());
  });

  it('after shutdown, the new visitor has its own limits', async () => {
    const { runtime, widgets, summary } = setup({ ruleset: rulesetOf(banner('once', { frequency: { max: 1 } })) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    runtime.shutdown();
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0 + 1000));
    await flush();
    expect(widgets.shownIds()).toEqual(['once', 'once']);
    expect(summary()).toEqual(['once shown ok', 'once shown ok']);
  });

  it('shutdown hides what is on screen and drops held events', async () => {
    const response = deferred<Response>();
    const { fake, runtime, widgets, decisions } = setup({ ruleset: rulesetOf(banner('hello')) });
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0));
    await flush();
    expect(widgets.shownIds()).toEqual(['hello']);
    fake.respond(() => response.promise);
    runtime.shutdown();
    expect(widgets.hidden).toEqual(['hello']);

    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0 + 1));
    runtime.shutdown();
    response.resolve(jsonResponse(rulesetOf(banner('hello'))));
    await flush();
    expect(decisions).toHaveLength(1);
  });
});

describe('runtime: the cached ruleset and the validator', () => {
  const doc = rulesetOf(banner('cached'), { id: 'bad id', type: 'banner', content: {} } as unknown as Message);
  /** A runtime over a cache compiled by `checkedBy`, with the network down; counts the validator's calls. */
  async function bootOver(checkedBy: string) {
    const fake = createFakeEnv({ now: T0, fetch: async () => { throw new TypeError('offline'); } });
    await fake.store.set(cacheKey('app'), await cachedEntry(doc, RULESET_URL, checkedBy));
    let calls = 0;
    const runtime = createRuntime(fake.env, createFakeWidgets().loadWidget, async (d) => { calls += 1; return checkNow(d); }, extrasNow);
    const decisions: Decision[] = [];
    runtime.onDecision((d) => void decisions.push(d));
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    return { fake, calls, summary: decisions.map((d) => `${d.message_id} ${d.reason}`) };
  }

  it('a ruleset cached by this version is used without loading the validator', async () => {
    const { calls, summary } = await bootOver('test');
    expect(calls).toBe(0);
    expect(summary).toEqual(['bad id invalid', 'cached ok']);
  });

  it('one compiled by another version is no cache: the ruleset is fetched in full, and events wait for it', async () => {
    const { fake, summary } = await bootOver('0.0.1');
    expect(summary).toEqual([]);
    expect(fake.fetches[0]!.init?.headers).toEqual({});
    expect(fake.warnings[0]).toMatch(/events are held until a ruleset loads/);
  });
});

describe('runtime: schedules (judged by extras.js)', () => {
  const scheduled = banner('weekdays', { schedule: { timezone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'] } } as Partial<Message>);

  function withExtras() {
    const extras = deferred<Awaited<ReturnType<typeof extrasNow>>>();
    const fake = createFakeEnv({ now: T0, fetch: async () => jsonResponse(rulesetOf(scheduled)) });
    const widgets = createFakeWidgets();
    const runtime = createRuntime(fake.env, widgets.loadWidget, checkNow, () => extras.promise);
    const decisions: Decision[] = [];
    runtime.onDecision((d) => void decisions.push(d));
    return { fake, runtime, decisions, extras };
  }

  it('a message with a schedule is judged once extras.js has loaded (fetched when the ruleset arrives)', async () => {
    const { runtime, decisions, extras } = withExtras();
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0)); // 2026-11-01 is a Sunday
    await flush();
    expect(decisions).toEqual([]);
    extras.resolve(await extrasNow());
    await flush();
    expect(decisions.map((d) => `${d.message_id} ${d.reason}`)).toEqual(['weekdays schedule']);
  });

  it('a shutdown while extras.js loads drops the event: nothing is decided for the person who left', async () => {
    const { runtime, decisions, extras } = withExtras();
    runtime.boot(SETTINGS);
    runtime.track(event('uploaded-file', T0));
    await flush();
    runtime.shutdown();
    extras.resolve(await extrasNow());
    await flush();
    expect(decisions).toEqual([]);
  });
});

describe('runtime: bursts', () => {
  /** A store that counts the reads of send histories. */
  function counted() {
    const store = memoryStore();
    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = <T>(key: string) => {
      if (key.includes('/sends/')) reads.push(key);
      return get<T>(key);
    };
    return { store, reads };
  }

  function burstSetup(...messages: Message[]) {
    const { store, reads } = counted();
    const fake = createFakeEnv({ now: T0, store, fetch: async () => jsonResponse(rulesetOf(...messages)) });
    const widgets = createFakeWidgets();
    const runtime = createRuntime(fake.env, widgets.loadWidget, checkNow, extrasNow);
    const decisions: Decision[] = [];
    runtime.onDecision((d) => void decisions.push(d));
    return { fake, widgets, runtime, decisions, reads, store };
  }
  const slow = (id: string) => banner(id, { when: { event: 'uploaded-file', metadata: [{ key: 'duration_s', op: 'gt', value: 120 }] } });

  it('a message its rules suppress is decided without reading its send history', async () => {
    const { runtime, decisions, reads } = burstSetup(slow('slow'));
    runtime.boot(SETTINGS);
    await flush();
    reads.length = 0;
    runtime.track(event('uploaded-file', T0, { duration_s: 10 }));
    await flush();
    expect(decisions.map((d) => `${d.message_id} ${d.reason}`)).toEqual(['slow metadata']);
    expect(reads.filter((k) => k === historyKey('app', 'visitor:visitor-1', 'slow'))).toEqual([]);
  });

  it('a message that would show reads its history before its widget first loads; after that the claim alone checks the limit, and it holds', async () => {
    const { runtime, decisions, reads, widgets } = burstSetup(slow('slow'));
    runtime.boot(SETTINGS);
    await flush();
    runtime.track(event('uploaded-file', T0, { duration_s: 200 }));
    await flush();
    expect(reads.filter((k) => k === historyKey('app', 'visitor:visitor-1', 'slow'))).toHaveLength(1);
    widgets.shown[0]!.handlers.dismissed();
    runtime.track(event('uploaded-file', T0 + 1, { duration_s: 200 }));
    await flush();
    expect(decisions.map((d) => `${d.message_id} ${d.reason}`)).toEqual(['slow ok', 'slow frequency']);
    expect(decisions[1]!.detail).toMatch(/^sent just now; next allowed at \d\d:\d\d$/);
    expect(reads.filter((k) => k === historyKey('app', 'visitor:visitor-1', 'slow'))).toHaveLength(1);
    expect(widgets.shownIds()).toEqual(['slow']);
  });

  it('10,000 events in a loop: each message\'s history is read a few times, not once an event; every event decided, in order', async () => {
    const { runtime, decisions, reads, widgets } = burstSetup(slow('slow'), slow('also'));
    runtime.boot(SETTINGS);
    await flush();
    reads.length = 0;
    for (let i = 0; i < 10_000; i++) runtime.track(event('uploaded-file', T0 + i, { duration_s: 200, n: i }));
    expect(decisions).toEqual([]); // nothing during the page's loop
    await flush(200);
    expect(decisions).toHaveLength(20_000);
    expect(decisions.filter((d) => d.outcome === 'shown').map((d) => d.message_id)).toEqual(['slow']);
    expect(widgets.shownIds()).toEqual(['slow']);
    // Reads are shared while one is in flight: a handful a slice, not 20,000.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThan(200);
  });
});
