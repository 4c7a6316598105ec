/**
 * Storage faults (issue 5, point 3), beyond e2e/storage.spec.ts (IndexedDB missing,
 * open throwing, open failing): IndexedDB throwing on access, failing to read, aborting
 * transactions, over quota, and holding records of an older or corrupt shape. Herald
 * keeps working with one warning, and never loses a good ruleset or history to them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Message } from '../src/ruleset/types';
import { banner, decisions, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';

const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const APP = 'faults';
const USER = 'u1';
const historyKey = (id: string) => `${APP}/sends/user:${USER}/${id}`;
const CACHE_KEY = `${APP}/ruleset`;

/** Three banners, each on its own event: once ever, once an hour, and one never shown before. */
const MESSAGES: Message[] = [
  banner('once', { when: { event: 'once' }, frequency: { max: 1 } }),
  banner('hourly', { when: { event: 'hourly' }, frequency: { every: '1h' } }),
  banner('fresh', { when: { event: 'fresh' }, frequency: { every: '1h' } }),
];

/** Faults injected before the SDK loads. */
const ABORT_WRITES = `(function () {
  ['put', 'delete'].forEach(function (name) {
    var original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function () {
      var request = original.apply(this, arguments);
      this.transaction.abort();
      return request;
    };
  });
})();`;
const OVER_QUOTA = `(function () {
  var put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    var request = put.apply(this, arguments);
    var tx = this.transaction;
    // As a browser over quota does: the transaction aborts with a QuotaExceededError.
    Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    tx.abort();
    return request;
  };
})();`;

/** The page, with the fault (if any) and the ruleset route as given. */
async function open(page: Page, site: TestSite, fault = '', rules = rulesetOf(...MESSAGES)) {
  const path = site.ruleset('faults', rules);
  await page.goto(site.page('/app', { before: fault, settings: { app_id: APP, sdk_url: '/sdk/messenger.js', ruleset_url: path, user_id: USER } }));
  await sdkReady(page);
  return path;
}

/** Tracks `event`, and dismisses its banner when one shows; resolves to the decision. */
async function show(page: Page, id: string) {
  const before = (await decisions(page)).filter((d) => d.message_id === id).length;
  await track(page, id);
  await expect.poll(async () => (await decisions(page)).filter((d) => d.message_id === id).length).toBe(before + 1);
  const decision = (await decisions(page)).filter((d) => d.message_id === id)[before]!;
  if (decision.outcome === 'shown') {
    await message(page, id).locator('[data-action="dismiss"]').click();
    await expect(message(page, id)).toHaveCount(0);
  }
  return decision;
}

/**
 * Raw IndexedDB of the origin (the database and store idb-keyval makes), read or written by
 * the test. A Blob in a record read (the cached ruleset's lists) comes back as `{ blob: its text }`.
 */
const idb = (page: Page, write: Record<string, unknown> | null, read: string[] = []) => page.evaluate(([entries, keys]) => new Promise<Record<string, unknown>>((resolve, reject) => {
  const request = indexedDB.open('herald');
  request.onupgradeneeded = () => request.result.createObjectStore('state');
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction('state', 'readwrite');
    const store = tx.objectStore('state');
    for (const [key, value] of Object.entries(entries ?? {})) store.put(value, key);
    const out: Record<string, unknown> = {};
    for (const key of keys) store.get(key).onsuccess = (e) => { out[key] = (e.target as IDBRequest).result; };
    tx.oncomplete = () => {
      db.close();
      const blobs = Object.values(out).flatMap((record) => (record && typeof record === 'object' ? Object.entries(record) : [])
        .filter(([, value]) => value instanceof Blob)
        .map(async ([field, value]) => { (record as Record<string, unknown>)[field] = { blob: await (value as Blob).text() }; }));
      void Promise.all(blobs).then(() => resolve(out), reject);
    };
    tx.onerror = () => reject(tx.error);
  };
}), [write, read] as const);

/** A same-origin page without Herald, to seed IndexedDB before the SDK first opens it. */
async function seed(page: Page, site: TestSite, records: Record<string, unknown>) {
  site.routes.set('/blank', { body: '<!doctype html><title>blank</title>' });
  await page.goto(site.url('/blank'));
  await idb(page, records);
}

const idbWarnings = (warnings: string[]) => warnings.filter((w) => /IndexedDB/.test(w));

test.describe('IndexedDB that cannot be used', () => {
  const FAULTS = {
    'throws on access (a throwing getter)': "Object.defineProperty(window, 'indexedDB', { configurable: true, get: function () { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    'opens but fails every read': "IDBObjectStore.prototype.get = function () { throw new DOMException('broken', 'UnknownError'); };",
  };
  for (const [fault, script] of Object.entries(FAULTS)) {
    test(`IndexedDB ${fault}: Herald keeps working in memory, with one warning`, async ({ page, site }) => {
      const { errors, warnings } = watch(page);
      await open(page, site, script);
      expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
      expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
      expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
      expect(await show(page, 'once')).toMatchObject({ outcome: 'suppressed', reason: 'max_sends' });
      expect(idbWarnings(warnings)).toHaveLength(1);
      expect(idbWarnings(warnings)[0]).toMatch(/unavailable \((SecurityError|UnknownError)\)/);
      expect(errors).toEqual([]);
    });
  }
});

for (const [fault, script, name] of [['every write transaction aborts', ABORT_WRITES, 'AbortError'], ['IndexedDB is over quota', OVER_QUOTA, 'QuotaExceededError']] as const) {
  test(`${fault}: the stored ruleset and history still count, new sends are kept in memory, one warning`, async ({ page, site }) => {
    // A first visit without faults: the ruleset is cached, two banners are sent.
    await open(page, site);
    expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
    expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
    await expect.poll(async () => (await idb(page, null, [historyKey('hourly')]))[historyKey('hourly')]).toMatchObject({ count: 1 });

    // The next visit: writes fail, and the ruleset server is down.
    const { errors, warnings } = watch(page);
    site.routes.set('/rules/faults.json', { status: 500 });
    const path = '/rules/faults.json';
    await page.goto(site.page('/app', { before: script, settings: { app_id: APP, sdk_url: '/sdk/messenger.js', ruleset_url: path, user_id: USER } }));
    await sdkReady(page);
    // A new send first: its write is refused. The page remembers it...
    expect(await show(page, 'fresh')).toMatchObject({ outcome: 'shown' });
    expect(await show(page, 'fresh')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
    // ...and still reads the stored histories: no message shows beyond its limits.
    expect(await show(page, 'once')).toMatchObject({ outcome: 'suppressed', reason: 'max_sends' });
    expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
    expect(idbWarnings(warnings)).toHaveLength(1);
    expect(idbWarnings(warnings)[0]).toContain(name);
    expect(errors).toEqual([]);

    // Without the fault, the good records are all still there.
    const stored = await idb(page, null, [historyKey('once'), historyKey('hourly'), historyKey('fresh'), CACHE_KEY]);
    expect(stored[historyKey('once')]).toMatchObject({ count: 1 });
    expect(stored[historyKey('hourly')]).toMatchObject({ count: 1 });
    expect(stored[historyKey('fresh')]).toBeUndefined(); // kept in memory only, as the warning said
    expect(stored[CACHE_KEY]).toMatchObject({ url: path, checkedBy: VERSION, head: expect.any(String), events: { blob: expect.stringContaining('"once"') } });
    await page.goto(site.page('/app-again', { settings: { app_id: APP, sdk_url: '/sdk/messenger.js', ruleset_url: path, user_id: USER } }));
    await sdkReady(page);
    expect(await show(page, 'once')).toMatchObject({ outcome: 'suppressed', reason: 'max_sends' });
  });
}

test('over quota on the first visit: nothing can be cached, messages still show and limits hold on the page', async ({ page, site }) => {
  const { errors, warnings } = watch(page);
  await open(page, site, OVER_QUOTA);
  expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
  expect(await show(page, 'once')).toMatchObject({ outcome: 'suppressed', reason: 'max_sends' });
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
  expect(idbWarnings(warnings)).toEqual([expect.stringContaining('QuotaExceededError')]);
  expect(errors).toEqual([]);
});

/** As older Safari private modes did: a record holding a Blob cannot be stored (the cached ruleset's lists are one). */
const NO_BLOBS = `(function () {
  var put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value) {
    if (value && typeof value === 'object' && Object.keys(value).some(function (k) { return value[k] instanceof Blob; })) {
      throw new DOMException('Blobs are not supported here.', 'DataCloneError');
    }
    return put.apply(this, arguments);
  };
})();`;

test('a browser that cannot store Blobs in IndexedDB: one warning, messages and limits still work, and each page fetches the ruleset afresh', async ({ page, site }) => {
  const { errors, warnings } = watch(page);
  const path = site.ruleset('faults', rulesetOf(...MESSAGES), { etag: '"v1"' });
  await page.goto(site.page('/app', { before: NO_BLOBS, settings: { app_id: APP, sdk_url: '/sdk/messenger.js', ruleset_url: path, user_id: USER } }));
  await sdkReady(page);
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
  expect(idbWarnings(warnings)).toEqual([expect.stringMatching(/refused a write \(DataCloneError\)/)]);
  // The histories are stored as usual; the ruleset is not, so the next page fetches it in full
  // (a stored one would be revalidated with its ETag).
  await page.reload();
  await sdkReady(page);
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
  expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
  const fetches = site.requests.filter((r) => r.path === path);
  expect(fetches).toHaveLength(2);
  expect(fetches.every((r) => r.headers['if-none-match'] === undefined)).toBe(true);
  expect(errors).toEqual([]);
});

test('histories of an older or corrupt shape read as none, are replaced by good ones, and never spoil a good history beside them', async ({ page, site }) => {
  await seed(page, site, {
    [historyKey('once')]: { count: 'x', last: 'yesterday' },
    [historyKey('fresh')]: 'not a record',
    // A good record: sent a minute ago.
    [historyKey('hourly')]: { count: 1, last: Date.now() - 60_000 },
    [`${APP}/sends/user:${USER}/gone`]: [1, 2, 3],
  });
  const { errors } = watch(page);
  await open(page, site);
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
  expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
  expect(await show(page, 'fresh')).toMatchObject({ outcome: 'shown' });
  const stored = await idb(page, null, [historyKey('once'), historyKey('fresh')]);
  expect(stored[historyKey('once')]).toMatchObject({ count: 1, last: expect.any(Number) });
  expect(stored[historyKey('fresh')]).toMatchObject({ count: 1, last: expect.any(Number) });
  await page.reload();
  await sdkReady(page);
  expect(await show(page, 'once')).toMatchObject({ outcome: 'suppressed', reason: 'max_sends' });
  expect(errors).toEqual([]);
});

const EMPTY_HEAD = JSON.stringify({ messages: [], series: [], invalid: [] });
const BAD_CACHES: [string, (url: string) => unknown][] = [
  ['a string', () => 'not an object'],
  ['a number', () => 42],
  ['null', () => null],
  ['an array', () => [{ version: 1 }]],
  ['an entry without its compiled text', (url) => ({ url, etag: '"old"', checkedBy: VERSION })],
  ['an entry of an older shape (the parsed document)', (url) => ({ url, etag: '"old"', doc: { version: 1, messages: [] }, invalid: [], checkedBy: VERSION })],
  ['an entry of an older shape (the server\'s text)', (url) => ({ url, etag: '"old"', text: JSON.stringify({ version: 1, messages: [] }), invalid: [], checkedBy: VERSION })],
  ['an entry whose head is not JSON', (url) => ({ url, etag: '"old"', head: '{"messages":', events: '', index: '[]', checkedBy: VERSION })],
  ['an entry whose head is not text', (url) => ({ url, etag: '"old"', head: { messages: [] }, events: '', index: '[]', checkedBy: VERSION })],
  ['an entry whose events are not text', (url) => ({ url, etag: '"old"', head: EMPTY_HEAD, events: { 'uploaded-file': '[]' }, index: '[]', checkedBy: VERSION })],
  ['an entry compiled by another version', (url) => ({ url, etag: '"good"', head: EMPTY_HEAD, events: '', index: '[]', checkedBy: '0.0.1' })],
  ['an entry marked compiled by this version, holding junk messages', (url) => ({ url, etag: '"old"', head: JSON.stringify({ messages: [null, 42, { id: 7 }], series: [], invalid: [] }), events: '[null, 42, {"id": 7}, 0]', index: '[["once", 0, 24]]', checkedBy: VERSION })],
  ['an entry marked compiled by this version, with junk in its list of invalid messages', (url) => ({ url, etag: '"old"', head: JSON.stringify({ messages: [], series: [], invalid: [null] }), events: '', index: '[]', checkedBy: VERSION })],
  ['an entry marked compiled by this version, with a junk series', (url) => ({ url, etag: '"old"', head: JSON.stringify({ messages: [], series: [null, { id: 's' }], invalid: [] }), events: '', index: '[]', checkedBy: VERSION })],
  ['an entry marked compiled by this version, with junk events', (url) => ({ url, etag: '"old"', head: EMPTY_HEAD, events: '[null, 42, {"id": 7}]', index: '{"once": [0, 21], "hourly": [5], "fresh": "here"}', checkedBy: VERSION })],
];

for (const [shape, record] of BAD_CACHES) {
  test(`a cached ruleset that is ${shape}: the ruleset from the network is used, and replaces it`, async ({ page, site }) => {
    const path = site.ruleset('faults', rulesetOf(...MESSAGES), { etag: '"good"' });
    await seed(page, site, { [CACHE_KEY]: record(path) });
    const { errors } = watch(page);
    await open(page, site, '', rulesetOf(...MESSAGES));
    // The good ruleset replaces the bad record (an event tracked before would meet the cached one, if usable).
    await expect.poll(async () => (await idb(page, null, [CACHE_KEY]))[CACHE_KEY]).toMatchObject({ url: path, checkedBy: VERSION, events: { blob: expect.stringContaining('"id":"hourly"') } });
    expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
    expect(errors).toEqual([]);
  });
}

test('a corrupt history and a good cached ruleset, with the ruleset server down: the cached ruleset stays in use', async ({ page, site }) => {
  await open(page, site);
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'shown' });
  await expect.poll(async () => (await idb(page, null, [CACHE_KEY]))[CACHE_KEY]).toBeTruthy();
  await idb(page, { [historyKey('once')]: { count: null, last: {} } });
  site.routes.set('/rules/faults.json', { destroy: true });
  const { errors } = watch(page);
  await page.reload();
  await sdkReady(page);
  expect(await show(page, 'hourly')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
  expect(await show(page, 'once')).toMatchObject({ outcome: 'shown' });
  expect(errors).toEqual([]);
});
