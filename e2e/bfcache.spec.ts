import type { Page } from '@playwright/test';
import { launchOptions } from '../playwright.config';
import { banner, decisionFor, expect, message, rulesetOf, sdkReady, sitePage, test, track, type TestSite } from './fixtures';

/**
 * The back/forward cache keeps a page that is left, frozen, and shows it again on Back
 * without loading it. Herald must not cost the site that: a page is evicted from the cache
 * when a BroadcastChannel message reaches it, or when another page waits for a Web Lock it
 * holds. Playwright launches Chromium without the cache; these tests turn it back on.
 */
test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

const T0 = Date.parse('2026-12-01T10:00:00Z');

/** A page of the site that the cache may keep (no `no-store`), noting whether it came from it. */
function cacheablePage(site: TestSite, path: string, rules: string) {
  site.routes.set(path, {
    body: sitePage({
      settings: { app_id: 'bfcache', sdk_url: '/sdk/messenger.js', ruleset_url: rules },
      before: "addEventListener('pageshow', function (e) { window.fromCache = e.persisted; });",
    }),
    headers: { 'cache-control': 'private, max-age=0' },
  });
  return site.url(path);
}

const fromCache = (page: Page) => page.evaluate(() => (window as any).fromCache);

test('a dismissal on the next page: Back restores the last page from the cache, and the banner is gone there too', async ({ page, site }) => {
  const rules = site.ruleset('bfcache', rulesetOf(banner('hello', { frequency: { every: '1s' } })));
  const first = cacheablePage(site, '/first', rules);
  const second = cacheablePage(site, '/second', rules);
  await page.clock.setFixedTime(T0);
  await page.goto(first);
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'hello')).toBeVisible();

  await page.clock.setFixedTime(T0 + 5_000);
  await page.goto(second);
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'hello')).toBeVisible();
  // Told to the site's other pages, the cached one included.
  await message(page, 'hello').locator('[data-action="dismiss"]').click();
  await expect(message(page, 'hello')).toHaveCount(0);

  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => fromCache(page)).toBe(true);
  expect(await page.evaluate(() => location.pathname)).toBe('/first');
  // It hears the dismissal once it is back: a dismissal in one page is one in all.
  await expect(message(page, 'hello')).toHaveCount(0);
});

test('a page left while it syncs the ruleset lets the next page sync, and Back restores it from the cache', async ({ page, site }) => {
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  const rules = site.ruleset('bfcache-slow', rulesetOf(banner('hello')), { hold: held });
  const first = cacheablePage(site, '/first', rules);
  const second = cacheablePage(site, '/second', rules);
  await page.goto(first);
  await sdkReady(page);
  // The first page holds the tabs' sync lock while its ruleset request waits for an answer.
  await expect.poll(() => site.requests.filter((r) => r.path === rules).length).toBe(1);
  await page.goto(second);
  await sdkReady(page);
  answer();
  await track(page, 'uploaded-file');
  await expect(message(page, 'hello')).toBeVisible();

  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => fromCache(page)).toBe(true);
  expect(await page.evaluate(() => location.pathname)).toBe('/first');
  // It finishes its sync there: its ruleset is in use, and the limit holds (shown next door).
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'hello')).toMatchObject({ outcome: 'suppressed', reason: 'frequency' });
});
