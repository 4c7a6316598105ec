import { banner, decisionFor, expect, message, rulesetOf, sdkReady, test, track } from './fixtures';

const T0 = Date.parse('2026-12-01T10:00:00Z');

test('tabs opening together fetch the ruleset once', async ({ context, site }) => {
  const rules = site.ruleset('shared', rulesetOf(banner('hello')));
  const url = site.page('/app', { settings: { app_id: 'tabs1', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
  await Promise.all(tabs.map(async (tab) => {
    await tab.clock.setFixedTime(T0);
    await tab.goto(url);
    await sdkReady(tab);
  }));
  // Each tab has a ruleset: an event shows or decides in each.
  for (const tab of tabs) await track(tab, 'uploaded-file');
  for (const tab of tabs) await decisionFor(tab, 'hello');
  expect(site.requests.filter((r) => r.path === rules)).toHaveLength(1);
});

test('a message dismissed in one tab disappears in the others', async ({ context, site }) => {
  const rules = site.ruleset('dismiss', rulesetOf(banner('everywhere', { frequency: { every: '1s' } })));
  const url = site.page('/app', { settings: { app_id: 'tabs2', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
  await a.clock.setFixedTime(T0);
  await a.goto(url);
  await sdkReady(a);
  await track(a, 'uploaded-file');
  await expect(message(a, 'everywhere')).toBeVisible();
  await b.clock.setFixedTime(T0 + 5_000);
  await b.goto(url);
  await sdkReady(b);
  await track(b, 'uploaded-file');
  await expect(message(b, 'everywhere')).toBeVisible();
  await message(a, 'everywhere').locator('[data-action="dismiss"]').click();
  await expect(message(a, 'everywhere')).toHaveCount(0);
  await expect(message(b, 'everywhere')).toHaveCount(0);
  // The same dismissal again, the other way: heard again. The signal leaves nothing stored.
  await a.clock.setFixedTime(T0 + 10_000);
  await track(a, 'uploaded-file');
  await expect(message(a, 'everywhere')).toBeVisible();
  await b.clock.setFixedTime(T0 + 15_000);
  await track(b, 'uploaded-file');
  await expect(message(b, 'everywhere')).toBeVisible();
  await message(b, 'everywhere').locator('[data-action="dismiss"]').click();
  await expect(message(a, 'everywhere')).toHaveCount(0);
  expect(await a.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith('/signal')))).toEqual([]);
});

test('shutdown in one tab ends the session in every tab; the next person sees nothing of the last', async ({ context, site }) => {
  const rules = site.ruleset('bye', rulesetOf(banner('pro', { audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }] })));
  const url = site.page('/app', { settings: { app_id: 'tabs3', sdk_url: '/sdk/messenger.js', ruleset_url: rules, user_id: 'u1', plan: 'pro' } });
  const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
  for (const tab of [a, b]) {
    await tab.goto(url);
    await sdkReady(tab);
  }
  await track(b, 'uploaded-file');
  await expect(message(b, 'pro')).toBeVisible();
  await a.evaluate(() => (window as any).Intercom('shutdown'));
  await expect(message(b, 'pro')).toHaveCount(0);
  await expect.poll(() => b.evaluate(() => (window as any).Intercom('getVisitorId'))).toBeUndefined();
  // The next person, in tab b: a visitor without the last user's attributes.
  await b.evaluate((r) => {
    (window as any).heraldDecisions.length = 0;
    (window as any).Intercom('boot', { app_id: 'tabs3', ruleset_url: r });
    (window as any).Intercom('trackEvent', 'uploaded-file');
  }, rules);
  expect(await decisionFor(b, 'pro')).toMatchObject({ outcome: 'suppressed', reason: 'audience', detail: 'user.plan is missing, needs to be "pro"' });
  // Stored state is namespaced by app and person.
  const keys = await b.evaluate(() => new Promise<string[]>((resolve) => {
    const open = indexedDB.open('herald');
    open.onsuccess = () => {
      const request = open.result.transaction('state').objectStore('state').getAllKeys();
      request.onsuccess = () => resolve(request.result.map(String));
    };
  }));
  expect(keys.filter((k) => k.includes('/sends/'))).toEqual(['tabs3/sends/user:u1/pro']);
});
