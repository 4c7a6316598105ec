import { banner, decisionFor, expect, message, RECORD_DECISIONS, rulesetOf, sdkReady, snippet, test, track, watch } from './fixtures';
import { distFile } from './server';

const T0 = Date.parse('2026-12-01T10:00:00Z');

test('an event queued by the page before the SDK loaded triggers, as of the time it was tracked', async ({ page, site }) => {
  // The SDK is held back until the page has queued its calls and the clock has moved on.
  let releaseSdk!: () => void;
  const sdkHeld = new Promise<void>((resolve) => { releaseSdk = resolve; });
  site.routes.set('/sdk/messenger.js', { ...distFile('messenger.js')!, hold: sdkHeld });
  const liveAt = T0 + 30_000;
  const rules = site.ruleset('queued', rulesetOf(
    banner('early-bird', { when: { event: 'early' } }),
    banner('after-launch', { when: { event: 'late' }, live_at: new Date(liveAt).toISOString() }),
  ));
  await page.clock.setFixedTime(T0);
  await page.goto(site.page('/app', {
    settings: { app_id: 'queue', sdk_url: '/sdk/messenger.js', ruleset_url: rules },
    after: `${RECORD_DECISIONS} Intercom('trackEvent', 'early'); Intercom('trackEvent', 'late');`,
  }), { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => (window as any).Intercom.q.length)).toBe(3);
  // The SDK arrives a minute later, after live_at: the queued event still counts as
  // tracked before launch, so it cannot trigger the message.
  await page.clock.setFixedTime(T0 + 60_000);
  releaseSdk();
  await sdkReady(page);
  expect(await decisionFor(page, 'early-bird')).toMatchObject({ outcome: 'shown', event: 'early' });
  expect(await decisionFor(page, 'after-launch')).toMatchObject({ outcome: 'suppressed', reason: 'not_live' });
  await expect(message(page, 'early-bird')).toBeVisible();
});

test('a snippet injected after the window load event (as Google Tag Manager does) still loads the SDK', async ({ page, site }) => {
  const rules = site.ruleset('late', rulesetOf(banner('late-tag')));
  const settings = { app_id: 'gtm', sdk_url: '/sdk/messenger.js', ruleset_url: rules };
  site.routes.set('/gtm', {
    body: `<!doctype html><html><head><title>gtm</title></head><body><p>page</p><script>
      window.addEventListener('load', function () {
        setTimeout(function () {
          var tag = document.createElement('script');
          tag.text = 'window.intercomSettings = ' + ${JSON.stringify(JSON.stringify(settings))} + ';' + ${JSON.stringify(snippet())}
            + ${JSON.stringify(RECORD_DECISIONS)} + "Intercom('trackEvent', 'uploaded-file');";
          document.body.appendChild(tag);
        }, 50);
      });
    </script></body></html>`,
  });
  await page.goto(site.url('/gtm'));
  await sdkReady(page);
  expect(await decisionFor(page, 'late-tag')).toMatchObject({ outcome: 'shown' });
  await expect(message(page, 'late-tag')).toBeVisible();
});

test('a snippet that runs twice loads the SDK once; run again after load, it updates the SDK', async ({ page, site }) => {
  const rules = site.ruleset('twice', rulesetOf(banner('pro-only', { audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }] })));
  const settings = { app_id: 'twice', sdk_url: '/sdk/messenger.js', ruleset_url: rules, plan: 'free' };
  await page.goto(site.page('/app', { settings, after: `${RECORD_DECISIONS} ${snippet()}` }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'pro-only')).toMatchObject({ outcome: 'suppressed', reason: 'audience' });
  // Once more after load, with new settings: window.Intercom is now the SDK itself.
  await page.evaluate(`window.intercomSettings = Object.assign({}, window.intercomSettings, { plan: 'pro' }); heraldDecisions.length = 0; ${snippet()}`);
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'pro-only')).toMatchObject({ outcome: 'shown' });
  expect(site.requests.filter((r) => r.path === '/sdk/messenger.js')).toHaveLength(1);
  expect(await page.locator('script[src="/sdk/messenger.js"]').count()).toBe(1);
});

test('bad calls warn once with [herald] and never throw into the page', async ({ page, site }) => {
  const rules = site.ruleset('bad', rulesetOf(banner('fine')));
  await page.goto(site.page('/app', { settings: { app_id: 'bad', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  const { errors, warnings } = watch(page);
  const results = await page.evaluate(() => {
    const I = (window as any).Intercom;
    const calls: unknown[][] = [
      ['fly'], [42], [], ['trackEvent'], ['trackEvent', ''], ['trackEvent', 'x'.repeat(256)], ['trackEvent', 'ok', 'meta'],
      ['trackEvent', 'ok', [1, 2]], ['update', 'plan'], ['boot', 7], ['onDecision', 'not a function'], ['hide', 1], ['show'],
    ];
    return calls.map((args) => { try { I(...args); return 'returned'; } catch (e) { return `threw ${e}`; } });
  });
  expect(results.every((r) => r === 'returned')).toBe(true);
  await expect.poll(() => warnings.length).toBe(13);
  expect(warnings.every((w) => w.startsWith('[herald] '))).toBe(true);
  // A listener that throws does not reach the page, nor stop the other listeners.
  await page.evaluate(() => {
    (window as any).Intercom('onDecision', () => { throw new Error('listener bug'); });
    (window as any).Intercom('onDecision', (d: unknown) => ((window as any).second = d));
  });
  await track(page, 'uploaded-file');
  await expect.poll(() => page.evaluate(() => !!(window as any).second)).toBe(true);
  await expect(message(page, 'fine')).toBeVisible();
  expect(errors).toEqual([]);
});

test('shutdown hides everything and forgets the visitor: the next boot is a new visitor', async ({ page, site }) => {
  const rules = site.ruleset('bye', rulesetOf(banner('hello')));
  await page.goto(site.page('/app', { settings: { app_id: 'bye', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  const first = await page.evaluate(() => (window as any).Intercom('getVisitorId'));
  expect(first).toMatch(/^[0-9a-f]{32}$/);
  await page.reload();
  await sdkReady(page);
  expect(await page.evaluate(() => (window as any).Intercom('getVisitorId'))).toBe(first);
  await track(page, 'uploaded-file');
  await expect(message(page, 'hello')).toBeVisible();
  await page.evaluate(() => (window as any).Intercom('shutdown'));
  await expect(message(page, 'hello')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).Intercom('getVisitorId'))).toBeUndefined();
  // Calls before the next boot wait for it.
  await track(page, 'uploaded-file');
  await page.evaluate((r) => (window as any).Intercom('boot', { app_id: 'bye', ruleset_url: r }), rules);
  const second = await page.evaluate(() => (window as any).Intercom('getVisitorId'));
  expect(second).toMatch(/^[0-9a-f]{32}$/);
  expect(second).not.toBe(first);
  // A new visitor has no history: the event held until boot shows the banner again.
  await expect(message(page, 'hello')).toBeVisible();
});

test('hide() dismisses every visible message', async ({ page, site }) => {
  const rules = site.ruleset('hide', rulesetOf(banner('hideme')));
  await page.goto(site.page('/app', { settings: { app_id: 'hide', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'hideme')).toBeVisible();
  await page.evaluate(() => (window as any).Intercom('hide'));
  await expect(message(page, 'hideme')).toHaveCount(0);
});
