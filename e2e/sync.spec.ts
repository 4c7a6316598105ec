import { banner, decisionFor, decisions, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { Page } from '@playwright/test';
import type { TestSite } from './fixtures';

/** What Herald keeps in IndexedDB under `key` (null for nothing). */
const stored = (page: Page, key: string) => page.evaluate((key) => new Promise<unknown>((resolve) => {
  const open = indexedDB.open('herald');
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('state')) return resolve(null);
    const get = db.transaction('state').objectStore('state').get(key);
    get.onsuccess = () => resolve(get.result ?? null);
  };
  open.onerror = () => resolve(null);
}), key);

/** The ETag of the ruleset cached in IndexedDB by the app `sync`. */
const cachedEtag = async (page: Page) => ((await stored(page, 'sync/ruleset')) as { etag?: string | null } | null)?.etag ?? null;

const T0 = Date.parse('2026-12-01T10:00:00Z');
const good = rulesetOf(banner('cached'));

function setup(site: TestSite) {
  const path = site.ruleset('sync', good, { etag: '"v1"' });
  const url = site.page('/app', { settings: { app_id: 'sync', sdk_url: '/sdk/messenger.js', ruleset_url: path } });
  const fetches = () => site.requests.filter((r) => r.path === path);
  return { path, url, fetches };
}

test('revalidates with If-None-Match and keeps using the cached ruleset on 304', async ({ page, site }) => {
  const { url, fetches } = setup(site);
  await page.clock.setFixedTime(T0);
  await page.goto(url);
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'cached')).toBeVisible();
  expect(fetches()[0]!.headers['if-none-match']).toBeUndefined();

  await page.clock.setFixedTime(T0 + 3_600_000);
  await page.reload();
  await sdkReady(page);
  await expect.poll(() => fetches().length).toBe(2);
  expect(fetches()[1]!.headers['if-none-match']).toBe('"v1"');
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'cached')).toMatchObject({ outcome: 'shown' });
});

test('the cached ruleset is used at once, before the network answers', async ({ page, site }) => {
  const { path, url } = setup(site);
  await page.goto(url);
  await sdkReady(page);
  await expect.poll(() => site.requests.some((r) => r.path === path)).toBe(true);
  // Once the first load has written its cache, every later fetch is held for good.
  await expect.poll(() => cachedEtag(page)).toBe('"v1"');
  site.routes.set(path, { hold: new Promise(() => {}) });
  await page.reload();
  await sdkReady(page);
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'cached')).toMatchObject({ outcome: 'shown' });
});

for (const [name, route] of [
  ['a network error', { destroy: true }],
  ['a 500', { status: 500, body: 'oops' }],
  ['invalid JSON', { body: '{"version": 1, "messages": [', type: 'application/json' }],
  ['an unknown version', { body: JSON.stringify({ version: 2, messages: [] }), type: 'application/json' }],
  ['a document that is not a ruleset', { body: '"hello"', type: 'application/json' }],
] as const) {
  test(`${name} never replaces the last good ruleset`, async ({ page, site }) => {
    const { path, url, fetches } = setup(site);
    await page.clock.setFixedTime(T0);
    await page.goto(url);
    await sdkReady(page);
    await track(page, 'uploaded-file');
    await expect(message(page, 'cached')).toBeVisible();

    site.routes.set(path, route);
    const { warnings } = watch(page);
    await page.clock.setFixedTime(T0 + 3_600_000);
    await page.reload();
    await sdkReady(page);
    // Chromium retries a GET once when the connection drops: two or three requests.
    await expect.poll(() => fetches().length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => warnings.some((w) => /last good ruleset stays in use/.test(w))).toBe(true);
    // And once more, with the network gone: the good ruleset is still the cached one.
    site.routes.set(path, { destroy: true });
    await page.clock.setFixedTime(T0 + 7_200_000);
    await page.reload();
    await sdkReady(page);
    await track(page, 'uploaded-file');
    expect(await decisionFor(page, 'cached')).toMatchObject({ outcome: 'shown' });
  });
}

test('events tracked before any ruleset is available are held, then evaluated', async ({ page, site }) => {
  let release!: () => void;
  const path = site.ruleset('slow', rulesetOf(banner('held')), { hold: new Promise<void>((r) => { release = r; }) });
  await page.goto(site.page('/app', { settings: { app_id: 'held', sdk_url: '/sdk/messenger.js', ruleset_url: path } }));
  await sdkReady(page);
  await track(page, 'uploaded-file', { file_name: 'late.png' });
  expect(await decisions(page)).toEqual([]);
  release();
  expect(await decisionFor(page, 'held')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(page, 'held')).toBeVisible();
});

test('events held before any ruleset survive a reload, and trigger once the next page has one; a page that shows makes no sessionStorage call before its first decisions', async ({ page, site }) => {
  const path = '/rules/held-reload.json';
  let answered = 0;
  // A page message makes the reloaded page's first decision, at load.
  const ruleset = rulesetOf(banner('held'), banner('page', { when: undefined, audience: [{ attr: 'user.plan', op: 'is', value: 'nobody' }] }));
  // The first page's request never gets an answer; the reloaded page's does.
  site.routes.set(path, () => (answered++ ? { body: JSON.stringify(ruleset), type: 'application/json' } : { hold: new Promise<void>(() => {}) }));
  // Counts the page's sessionStorage calls before its first decision (Storage.prototype is shared with localStorage).
  const counting = `window.heraldSessionCalls = 0; for (const m of ['getItem', 'setItem', 'removeItem']) { const f = Storage.prototype[m]; Storage.prototype[m] = function () { if (this === sessionStorage && !(window.heraldDecisions || []).length) heraldSessionCalls++; return f.apply(this, arguments); }; }`;
  await page.goto(site.page('/app', { before: counting, settings: { app_id: 'held-reload', sdk_url: '/sdk/messenger.js', ruleset_url: path } }));
  await sdkReady(page);
  await track(page, 'uploaded-file', { file_name: 'before-reload.png' });
  await expect.poll(() => answered).toBe(1);
  await page.reload();
  expect(await decisionFor(page, 'held')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(page, 'held')).toBeVisible();
  expect((await decisions(page))[0]).toMatchObject({ message_id: 'page', outcome: 'suppressed' });
  expect(await page.evaluate(() => (window as any).heraldSessionCalls)).toBe(0);
  // Evaluated once: the tab's list is gone, and the next page evaluates it no more.
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('herald/held-reload/held'))).toBeNull();
  expect((await decisions(page)).filter((d) => d.message_id === 'held')).toHaveLength(1);
});

test('a page opened while the ruleset server is down gets its messages once it answers: retried with backoff, and at once when back online', async ({ page, site }) => {
  const path = site.ruleset('down', { error: 'down' }, { status: 503 });
  await page.clock.install({ time: T0 });
  const { warnings } = watch(page);
  await page.goto(site.page('/app', { settings: { app_id: 'down', sdk_url: '/sdk/messenger.js', ruleset_url: path } }));
  await sdkReady(page);
  await track(page, 'uploaded-file', { file_name: 'during-outage.png' });
  const tries = () => site.requests.filter((r) => r.path === path).length;
  await expect.poll(tries).toBe(1);
  await page.clock.runFor(1_000); // the first retry, within 1 s
  await expect.poll(tries).toBe(2);
  // Back online: a try at once, without waiting for the backoff.
  site.ruleset('down', rulesetOf(banner('held')));
  await page.evaluate(() => dispatchEvent(new Event('online')));
  expect(await decisionFor(page, 'held')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(page, 'held')).toBeVisible();
  expect(tries()).toBe(3);
  // The outage is warned once, at the first failure, however many tries it took.
  expect(warnings).toEqual(['[herald] the ruleset server answered 503; events are held until a ruleset loads']);
});

test('update re-fetches the ruleset, at most once a minute', async ({ page, site }) => {
  const { url, fetches } = setup(site);
  await page.clock.setFixedTime(T0);
  await page.goto(url);
  await sdkReady(page);
  await expect.poll(() => fetches().length).toBe(1);
  // The first sync ends once it has stored the ruleset and noted the fetch: an update before
  // that finds it still running (on a loaded machine, past the clock's next minute).
  await expect.poll(async () => (await stored(page, 'sync/ruleset-fetched')) !== null).toBe(true);
  const update = () => page.evaluate(() => (window as any).Intercom('update', { plan: 'pro' }));
  // A request made after the updates: by the time it arrives, any fetch they started has too.
  const settled = async () => {
    site.routes.set('/marker', { body: 'ok' });
    await page.evaluate(() => fetch('/marker'));
  };
  await update();
  await page.clock.setFixedTime(T0 + 30_000);
  await update();
  await settled();
  expect(fetches()).toHaveLength(1);
  await page.clock.setFixedTime(T0 + 61_000);
  await update();
  await expect.poll(() => fetches().length).toBe(2);
  expect(fetches()[1]!.headers['if-none-match']).toBe('"v1"');
  await update();
  await settled();
  expect(fetches()).toHaveLength(2);
});

test('an invalid message is skipped alone, with a decision that says why', async ({ page, site }) => {
  const path = site.ruleset('mixed', {
    version: 1,
    messages: [
      banner('broken', { frequency: { every: 'soon' } }),
      { id: 'no type', content: {} },
      banner('works'),
    ],
  });
  await page.goto(site.page('/app', { settings: { app_id: 'mixed', sdk_url: '/sdk/messenger.js', ruleset_url: path } }));
  await sdkReady(page);
  const broken = await decisionFor(page, 'broken', { reason: 'invalid' });
  expect(broken).toMatchObject({ outcome: 'suppressed', event: null });
  expect(broken.detail).toContain('"soon"');
  await decisionFor(page, 'no type', { reason: 'invalid' });
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'works')).toMatchObject({ outcome: 'shown' });
});

test('a return visit parses the cached ruleset\'s head, and an event\'s messages only when that event comes, never the whole ruleset', async ({ page, site }) => {
  const many = rulesetOf(
    ...Array.from({ length: 300 }, (_, i) => banner(`m${i}`, { when: { event: `event-${i}` }, content: { body: `<p>Message ${i}, with some text to make it weigh what a real one does</p>` } })),
    banner('page', { when: undefined, audience: [{ attr: 'user.plan', op: 'is', value: 'nobody' }] }),
  );
  const size = JSON.stringify(many).length;
  const path = site.ruleset('sync', many, { etag: '"v1"' });
  // Every JSON.parse of more than 1,000 characters, by length.
  const url = site.page('/app', {
    before: 'window.parsed = []; var parse = JSON.parse; JSON.parse = function (text) { if (typeof text === "string" && text.length > 1000) window.parsed.push(text.length); return parse.apply(this, arguments); };',
    settings: { app_id: 'sync', sdk_url: '/sdk/messenger.js', ruleset_url: path },
  });
  const parsed = () => page.evaluate(() => (window as unknown as { parsed: number[] }).parsed);
  await page.goto(url);
  await sdkReady(page);
  await decisionFor(page, 'page');
  // The first visit parses what it fetched, once.
  expect((await parsed()).filter((n) => n >= size)).toHaveLength(1);
  await expect.poll(() => cachedEtag(page)).toBe('"v1"');

  await page.reload();
  await sdkReady(page);
  await decisionFor(page, 'page');
  await track(page, 'event-7');
  expect(await decisionFor(page, 'm7')).toMatchObject({ outcome: 'shown' });
  // The head and the index of the event lists, and no list of 300 messages' size.
  const lengths = await parsed();
  expect(Math.max(0, ...lengths)).toBeLessThan(size / 4);
});

/** Counts, in the page, the bodies read through a Response that are Blobs: the cached lists of messages. */
const COUNT_BLOB_READS = 'window.blobReads = 0; var R = window.Response; window.Response = function (body, init) { if (body instanceof Blob) window.blobReads += 1; return new R(body, init); }; window.Response.prototype = R.prototype;';

test('a return visit reads the cached lists of messages at the first event that has some, once, and not at boot', async ({ page, site }) => {
  const path = site.ruleset('sync', rulesetOf(banner('cached'), { ...banner('other', { when: { event: 'shared-file' } }), type: 'post' }), { etag: '"v1"' });
  const url = site.page('/app', { before: COUNT_BLOB_READS, settings: { app_id: 'sync', sdk_url: '/sdk/messenger.js', ruleset_url: path } });
  const blobReads = () => page.evaluate(() => (window as unknown as { blobReads: number }).blobReads);
  await page.goto(url);
  await sdkReady(page);
  await expect.poll(() => cachedEtag(page)).toBe('"v1"');
  await page.reload();
  await sdkReady(page);
  await track(page, 'signed-up');
  await expect.poll(() => site.requests.filter((r) => r.path === path).length).toBe(2);
  expect(await blobReads()).toBe(0);
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'cached')).toMatchObject({ outcome: 'shown' });
  await track(page, 'shared-file');
  expect(await decisionFor(page, 'other')).toMatchObject({ outcome: 'shown' });
  expect(await blobReads()).toBe(1);
});

test('a tab that booted from the cache still finds its events\' messages after another tab stored a newer ruleset', async ({ context, site }) => {
  const path = site.ruleset('sync', rulesetOf(banner('old')), { etag: '"v1"' });
  const url = site.page('/app', { settings: { app_id: 'sync', sdk_url: '/sdk/messenger.js', ruleset_url: path } });
  const a = await context.newPage();
  const { errors } = watch(a);
  await a.goto(url);
  await sdkReady(a);
  await expect.poll(() => cachedEtag(a)).toBe('"v1"');
  // Tab a boots from the cache (a 304 keeps it), its lists of messages not read yet.
  await a.reload();
  await sdkReady(a);
  await expect.poll(() => site.requests.filter((r) => r.path === path).length).toBe(2);
  // The ruleset changes; tab b fetches it and stores it in place of the one tab a booted from.
  site.ruleset('sync', rulesetOf(banner('new')), { etag: '"v2"' });
  const b = await context.newPage();
  await b.goto(url);
  await sdkReady(b);
  await expect.poll(() => cachedEtag(b)).toBe('"v2"');
  // Tab a's record is gone from IndexedDB, but the Blob it was handed still reads.
  await track(a, 'uploaded-file');
  expect(await decisionFor(a, 'old')).toMatchObject({ outcome: 'shown' });
  expect(errors).toEqual([]);
});
