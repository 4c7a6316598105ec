import type { BrowserContext, Page } from '@playwright/test';
import type { Batch, OutboxRecord } from '../src/delivery/outbox';
import type { Message } from '../src/ruleset/types';
import { banner, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';
import { distFile, type Route } from './server';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const LEASE_MS = 30_000;

/** A collector at /collect: every batch POSTed, with the status it was answered. */
function collector(site: TestSite, answer: (batch: Batch) => Route = () => ({ status: 204 })) {
  const batches: { batch: Batch; status: number }[] = [];
  const c = {
    batches,
    answer,
    /** Records of batches answered 2xx: what the collector kept. */
    delivered: (): OutboxRecord[] => batches.filter((b) => b.status < 300).flatMap((b) => b.batch.records),
    names: () => c.delivered().map((r) => r.name),
  };
  site.routes.set('/collect', (req) => {
    const batch = JSON.parse(req.body) as Batch;
    const route = c.answer(batch);
    batches.push({ batch, status: route.status ?? 200 });
    return route;
  });
  return c;
}

const settings = (site: TestSite, messages: Message[] = []) => ({
  app_id: 'delivery', sdk_url: '/sdk/messenger.js', ruleset_url: site.ruleset('delivery', rulesetOf(...messages)), events_url: '/collect',
});

/** The outbox's index in IndexedDB (undefined until the outbox has loaded and looked). Call after sdkReady: Herald creates the database. */
const storedIndex = (page: Page) => page.evaluate(() => new Promise<unknown>((resolve) => {
  const open = indexedDB.open('herald');
  open.onerror = () => resolve(undefined);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('state')) return resolve(undefined);
    const get = db.transaction('state').objectStore('state').get('delivery/outbox');
    get.onsuccess = () => {
      db.close();
      resolve(get.result);
    };
  };
}));

/** The outbox loads with the extras chunk after boot; until then records wait in sessionStorage (another test). */
const outboxReady = (page: Page) => expect.poll(async () => (await storedIndex(page)) !== undefined).toBe(true);

async function open(page: Page, site: TestSite, messages: Message[] = []) {
  await page.goto(site.page('/app', { settings: settings(site, messages) }));
  await sdkReady(page);
  await outboxReady(page);
}

/** A page whose clock moves only when the test says (runFor): the outbox waits, backs off and leases by it. */
async function openPaused(page: Page, site: TestSite) {
  await page.clock.install({ time: T0 });
  await page.clock.pauseAt(T0 + 1_000);
  await open(page, site);
}

/** The page's requests to the collector that have not been answered yet, watched from the first runUntil. */
const pending = new WeakMap<Page, Set<unknown>>();
function inFlight(page: Page) {
  const known = pending.get(page);
  if (known) return known;
  const requests = new Set<unknown>();
  pending.set(page, requests);
  page.on('request', (r) => { if (r.url().endsWith('/collect')) requests.add(r); });
  page.on('requestfinished', (r) => void requests.delete(r));
  page.on('requestfailed', (r) => void requests.delete(r));
  return requests;
}

/**
 * Moves the page's clock on in steps until `done()`; returns how far it moved. After each
 * step, the requests the page sent meanwhile are let arrive (on a busy machine they take
 * longer, in real time, than several steps of the page's clock).
 */
async function runUntil(page: Page, done: () => boolean, step = 1_000, max = 600_000) {
  const requests = inFlight(page);
  let ran = 0;
  while (!done() && ran < max) {
    await page.clock.runFor(step);
    ran += step;
    await expect.poll(() => requests.size).toBe(0);
  }
  expect(done(), `still not done after ${ran} ms of page time`).toBe(true);
  return ran;
}

const trackMany = (page: Page, prefix: string, count: number) =>
  page.evaluate(([p, n]) => { for (let i = 0; i < n; i++) (window as any).Intercom('trackEvent', `${p}${i}`); }, [prefix, count] as const);

test('events and stats reach events_url in batches of one person, each record with a unique id', async ({ page, site }) => {
  const c = collector(site);
  await open(page, site, [banner('welcome')]);
  await track(page, 'uploaded-file', { file: 'a.pdf' });
  await expect(message(page, 'welcome')).toBeVisible();
  await message(page, 'welcome').locator('[data-action="dismiss"]').click();
  await expect.poll(() => c.names()).toEqual(expect.arrayContaining(['uploaded-file', 'shown', 'dismissed']));
  const visitor = await page.evaluate(() => (window as any).Intercom('getVisitorId'));
  for (const { batch } of c.batches) expect(batch).toEqual({ app_id: 'delivery', visitor_id: visitor, records: expect.any(Array) });
  const records = c.delivered();
  expect(records.find((r) => r.name === 'uploaded-file')).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}-\d+$/), kind: 'event', name: 'uploaded-file', at: expect.any(Number), metadata: { file: 'a.pdf' } });
  expect(records.find((r) => r.name === 'shown')).toMatchObject({ kind: 'stat', message_id: 'welcome' });
  expect(records.find((r) => r.name === 'dismissed')).toMatchObject({ kind: 'stat', message_id: 'welcome' });
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  // Nothing is left in the outbox once delivered.
  await expect.poll(() => storedIndex(page)).toEqual([]);
});

test('a 500 is retried with backoff until it succeeds, with the same ids', async ({ page, site }) => {
  let failures = 2;
  const c = collector(site, () => (failures-- > 0 ? { status: 500 } : { status: 204 }));
  await openPaused(page, site);
  await trackMany(page, 'retried-', 3);
  await runUntil(page, () => c.delivered().length === 3, 250);
  expect(c.batches.map((b) => b.status)).toEqual([500, 500, 204]);
  const ids = c.batches.map((b) => b.batch.records.map((r) => r.id).join());
  expect(new Set(ids).size).toBe(1);
});

test('a 429 with Retry-After is honoured before the next try', async ({ page, site }) => {
  let first = true;
  const c = collector(site, () => (first ? ((first = false), { status: 429, headers: { 'Retry-After': '30' } }) : { status: 204 }));
  await openPaused(page, site);
  await track(page, 'rate-limited');
  await runUntil(page, () => c.batches.length === 1, 250);
  // Without Retry-After the first retry would come within a second.
  const waited = await runUntil(page, () => c.batches.length === 2, 1_000);
  expect(waited).toBeGreaterThanOrEqual(29_000);
  expect(waited).toBeLessThanOrEqual(40_000);
  expect(c.names()).toEqual(['rate-limited']);
});

test('a 400 drops that batch with one warning; later records still go, the dropped ones never again', async ({ page, site }) => {
  const seen = watch(page);
  const c = collector(site, (batch) => (batch.records.some((r) => r.name === 'refused') ? { status: 400 } : { status: 204 }));
  await openPaused(page, site);
  await track(page, 'refused');
  await runUntil(page, () => c.batches.length === 1, 250);
  await expect.poll(() => seen.warnings).toEqual([expect.stringMatching(/^\[herald\] events_url answered 400: 1 records were dropped/)]);
  await track(page, 'accepted');
  await runUntil(page, () => c.names().includes('accepted'), 250);
  await page.clock.runFor(10 * 60_000);
  expect(c.batches.filter((b) => b.batch.records.some((r) => r.name === 'refused'))).toHaveLength(1);
  expect(seen.warnings).toHaveLength(1);
  expect(seen.errors).toEqual([]);
});

test('offline pauses delivery; back online, everything tracked meanwhile is delivered', async ({ page, context, site }) => {
  const c = collector(site);
  await openPaused(page, site);
  const tries: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/collect')) tries.push(r.url()); });
  await context.setOffline(true);
  await trackMany(page, 'offline-', 5);
  await page.clock.runFor(5 * 60_000);
  // Paused: not even a request that fails.
  expect(tries).toHaveLength(0);
  expect(c.batches).toHaveLength(0);
  await context.setOffline(false);
  await expect.poll(() => c.names().sort()).toEqual(['offline-0', 'offline-1', 'offline-2', 'offline-3', 'offline-4']);
  expect(c.batches).toHaveLength(1);
});

/**
 * `leave` ends with the page reloaded; until then the collector fails everything (the
 * keepalive at pagehide too): only what the first page stored, or listed in the tab, can
 * arrive, each record once. The first page's lease may have to run out first.
 */
async function deliveredAfterReload(page: Page, site: TestSite, leave: () => Promise<unknown>, names: string[]) {
  let reloaded = false;
  const c = collector(site, () => ({ status: reloaded ? 204 : 503 }));
  await openPaused(page, site);
  await leave();
  reloaded = true;
  await sdkReady(page);
  await runUntil(page, () => c.names().filter((n) => names.includes(n)).length === names.length, 1_000, LEASE_MS * 3);
  expect(c.batches.filter((b) => b.status === 204).flatMap((b) => b.batch.records.map((r) => r.name)).sort()).toEqual(names);
}

test('events tracked just before a reload are delivered after it, from IndexedDB', async ({ page, site }) => {
  await deliveredAfterReload(page, site, async () => {
    await trackMany(page, 'before-reload-', 3);
    await page.reload();
  }, ['before-reload-0', 'before-reload-1', 'before-reload-2']);
});

test('events tracked in the same task as a reload are delivered after it', async ({ page, site }) => {
  await deliveredAfterReload(page, site, async () => {
    const loaded = page.waitForEvent('load');
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) (window as any).Intercom('trackEvent', `same-task-${i}`);
      location.reload();
    }).catch(() => {}); // the page may go before evaluate answers
    await loaded;
  }, ['same-task-0', 'same-task-1', 'same-task-2']);
});

test('an event the site tracks in its own pagehide listener, added after Herald\'s, is delivered after the reload', async ({ page, site }) => {
  await deliveredAfterReload(page, site, async () => {
    await page.evaluate(() => addEventListener('pagehide', () => (window as any).Intercom('trackEvent', 'page-left')));
    await page.reload();
  }, ['page-left']);
});

test('events tracked before the outbox has loaded wait in the tab: a reload keeps them, and they are delivered', async ({ page, site }) => {
  const c = collector(site);
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  site.routes.set('/sdk/extras.js', () => ({ ...distFile('extras.js')!, hold: held }));
  await page.goto(site.page('/app', { settings: settings(site) }));
  await sdkReady(page);
  await trackMany(page, 'early-', 3);
  await page.reload();
  await sdkReady(page);
  release();
  await expect.poll(() => c.names().sort()).toEqual(['early-0', 'early-1', 'early-2']);
});

test('pagehide delivers: events tracked right before navigating away arrive', async ({ page, site }) => {
  const c = collector(site);
  site.routes.set('/elsewhere', { body: '<!doctype html><title>elsewhere</title><p>No Herald here</p>' });
  await openPaused(page, site); // the clock is paused: the batching delay never ends on this page
  await trackMany(page, 'leaving-', 3);
  await page.goto(site.url('/elsewhere'));
  await expect.poll(() => c.names().sort()).toEqual(['leaving-0', 'leaving-1', 'leaving-2']);
});

/** Tabs of one context: they share its clock (page.clock is the context's), as tabs share one in life. */
async function tabs(context: BrowserContext, site: TestSite, count: number) {
  const pages = await Promise.all(Array.from({ length: count }, () => context.newPage()));
  const url = site.page('/app', { settings: settings(site) });
  for (const tab of pages) {
    await tab.clock.install({ time: T0 });
    await tab.clock.pauseAt(T0 + 1_000);
    await tab.goto(url);
    await sdkReady(tab);
    await outboxReady(tab);
  }
  return pages;
}

test('two tabs tracking at once: every record delivered, none twice', async ({ context, site }) => {
  const c = collector(site);
  const [a, b] = await tabs(context, site, 2);
  for (let round = 0; round < 5; round++) {
    await Promise.all([trackMany(a!, `a${round}-`, 40), trackMany(b!, `b${round}-`, 40)]);
    await a!.clock.runFor(700);
  }
  await expect.poll(async () => {
    await a!.clock.runFor(1_000);
    return c.delivered().length;
  }).toBeGreaterThanOrEqual(400);
  // Past every lease: nothing is sent again.
  await a!.clock.runFor(LEASE_MS * 6);
  const ids = c.delivered().map((r) => r.id);
  expect(ids).toHaveLength(400);
  expect(new Set(ids).size).toBe(400);
});

// Flaky under CI load (the lease takeover timing): skipped until it is made deterministic; see the session note.
test('records of a tab closed before it could deliver are sent once, by one of the tabs left', async ({ context, site }) => {
  let failing = true;
  const c = collector(site, () => ({ status: failing ? 503 : 204 }));
  const [closing] = await tabs(context, site, 1);
  await trackMany(closing!, 'orphan-', 10);
  // Stored (the batch and its index entry) before the tab goes: what this test is about.
  const keys = async (tab: Page) => ((await storedIndex(tab)) as { k: string }[] | undefined ?? []).map((e) => e.k);
  await expect.poll(() => keys(closing!)).toHaveLength(1);
  const orphaned = await keys(closing!);
  await closing!.close({ runBeforeUnload: true });
  // Its keepalive request at pagehide is refused too (else its records would arrive twice: once
  // from the closing tab, once from the tab that takes them after the lease, as documented).
  await expect.poll(() => c.batches.some((b) => b.batch.records.some((r) => r.name.startsWith('orphan-')))).toBe(true);
  failing = false;
  const [a, b] = await tabs(context, site, 2);
  // One clock for the context's tabs (page.clock is the context's), as tabs share one in life.
  const runClock = (ms: number) => a!.clock.runFor(ms);
  const stored = async () => [...await keys(a!), ...await keys(b!)];
  // The clock moves past the closed tab's lease: one of the two tabs takes its batches, in
  // one transaction, and sends them. The clock then stands still until the collector has
  // them: a clock that raced past the lease of a request still in flight would let the
  // other tab send it too, a duplicate docs/delivery.md allows.
  await runClock(LEASE_MS + 5_000);
  await expect.poll(() => c.names().filter((n) => n.startsWith('orphan-')).length, { timeout: 15_000 }).toBe(10);
  await expect.poll(stored).toEqual([]);
  // The tabs left go on delivering their own records; and with every lease long past, nothing goes twice.
  await Promise.all([track(a!, 'from-a'), track(b!, 'from-b')]);
  await runClock(2_000);
  await expect.poll(() => c.names().filter((n) => n.startsWith('from-')).sort()).toEqual(['from-a', 'from-b']);
  await expect.poll(stored).toEqual([]);
  await runClock(LEASE_MS * 3);
  expect(c.names().filter((n) => n.startsWith('from-')).sort()).toEqual(['from-a', 'from-b']);
  const orphans = c.delivered().filter((r) => r.name.startsWith('orphan-'));
  expect(orphans).toHaveLength(10);
  expect(new Set(orphans.map((r) => r.id)).size).toBe(10);
});

/** The bench's ruleset (scripts/bench.mjs): `n` messages, 5 of them triggered by uploaded-file. */
function benchRuleset(n: number): Message[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    type: 'banner',
    when: { event: i < 5 ? 'uploaded-file' : `other-event-${i}`, metadata: [{ key: 'duration_s', op: 'gt', value: 120 }, { key: 'left_page', op: 'is', value: true }] },
    where: [{ attr: 'current_url', op: 'contains', value: '/' }],
    audience: { any: [{ attr: 'user.plan', op: 'is', value: 'pro' }, { attr: 'user.type', op: 'is', value: 'visitor' }] },
    frequency: { every: '1h' },
    content: { body: `<p>Message ${i}: {{event.file_name}}</p>`, position: 'top', style: 'floating' },
  }) as Message);
}

test('a burst of 10,000 trackEvent calls: all 10,000 delivered, the page gets the main thread back between slices, memory back to its baseline', async ({ page, site }) => {
  test.setTimeout(120_000);
  const c = collector(site);
  await page.goto(site.page('/app', {
    settings: settings(site, benchRuleset(2000)),
    before: `window.longTasks = []; try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { longTasks.push({ start: e.startTime, duration: e.duration }); }); }).observe({ type: 'longtask' }); } catch (e) {}`,
  }));
  await sdkReady(page);
  // The ruleset in use (events tracked before it are held, another matter): five decisions for uploaded-file.
  await track(page, 'uploaded-file', { duration_s: 10, file_name: 'warm-up.png' });
  await expect.poll(() => page.evaluate(() => (window as any).heraldDecisions.length), { timeout: 15_000 }).toBe(5);
  await expect.poll(() => c.names()).toEqual(['uploaded-file']);
  c.batches.length = 0;
  // The page counts decisions from here on, and keeps none: what memory holds afterwards is Herald's.
  await page.evaluate(() => { const w = window as any; w.decided = 0; w.heraldDecisions.push = () => ++w.decided; });
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const baseline = await heap();
  const burst = await page.evaluate(() => {
    const w = window as any;
    w.longTasks.length = 0;
    const start = performance.now();
    for (let i = 0; i < 10000; i++) w.Intercom('trackEvent', 'uploaded-file', { duration_s: 10, file_name: `f${i}.png` });
    const end = performance.now();
    // The page's next task: it runs between Herald's slices, not after all of them.
    setTimeout(() => { w.decidedByNextTask = w.decided; }, 0);
    return { start, end, decidedInLoop: w.decided };
  });
  expect(burst.decidedInLoop).toBe(0); // the calls only queue the events
  await expect.poll(() => page.evaluate(() => (window as any).decided), { timeout: 30_000 }).toBe(50_000);
  const decidedByNextTask: number = await page.evaluate(() => (window as any).decidedByNextTask);
  expect(decidedByNextTask).toBeGreaterThan(0);
  expect(decidedByNextTask).toBeLessThan(50_000);
  await expect.poll(() => new Set(c.delivered().filter((r) => r.name === 'uploaded-file').map((r) => r.id)).size, { timeout: 60_000 }).toBe(10_000);
  expect(c.delivered().filter((r) => r.name === 'uploaded-file')).toHaveLength(10_000);
  // Delivered and forgotten: the last answers have reached the page, the outbox is empty.
  await expect.poll(async () => ((await storedIndex(page)) as unknown[] | undefined)?.length).toBe(0);
  const tasks: { start: number; duration: number }[] = await page.evaluate(() => (window as any).longTasks);
  const after = await heap();
  // Timings are the bench's to report (npm run bench, quoted in the README); here, on a
  // machine shared with other tests, they are only noted.
  const later = tasks.filter((t) => t.start >= burst.end + 1);
  const figures = {
    loop_ms: +(burst.end - burst.start).toFixed(1),
    decided_by_the_next_task: decidedByNextTask,
    longest_task_after_the_loop_ms: Math.max(0, ...later.map((t) => t.duration)),
    heap_before_kb: Math.round(baseline / 1024),
    heap_after_kb: Math.round(after / 1024),
    requests: c.batches.length,
  };
  test.info().annotations.push({ type: 'burst', description: JSON.stringify(figures) });
  expect(after).toBeLessThan(baseline + 512 * 1024);
});
