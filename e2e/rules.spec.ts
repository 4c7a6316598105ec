import { banner, decisionFor, decisions, expect, message, rulesetOf, sdkReady, test, track } from './fixtures';

const T0 = Date.parse('2026-12-01T10:00:00Z');

const SPA = `<nav>
  <button id="to-pricing" onclick="history.pushState({}, '', '/pricing')">Pricing</button>
  <button id="to-files" onclick="history.pushState({}, '', '/files')">Files</button>
  <button id="same" onclick="history.replaceState({ n: 1 }, '', location.href)">Same URL</button>
  <button id="hash" onclick="location.hash = 'plans'">Plans</button>
</nav>`;

test('a message held back only by time on the page waits, pending, then shows when the time is reached', async ({ page, site }) => {
  const rules = site.ruleset('time', rulesetOf(banner('patient', { where: [{ attr: 'time_on_page', op: 'gte', value: 30 }] })));
  await page.clock.install({ time: T0 });
  await page.goto(site.page('/files', { settings: { app_id: 'time', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await page.clock.runFor(10_000);
  await track(page, 'uploaded-file');
  const pending = await decisionFor(page, 'patient', { outcome: 'pending' });
  expect(pending).toMatchObject({ reason: 'where' });
  expect(pending.detail).toContain('30 seconds on the page');
  await page.clock.runFor(19_000);
  await expect(message(page, 'patient')).toHaveCount(0);
  await page.clock.runFor(1_000);
  await expect(message(page, 'patient')).toBeVisible();
  expect(await decisionFor(page, 'patient', { outcome: 'shown' })).toMatchObject({ event: 'uploaded-file' });
});

test('a wait for time on the page ends when the page changes first', async ({ page, site }) => {
  const rules = site.ruleset('time-nav', rulesetOf(banner('patient', { where: [{ attr: 'time_on_page', op: 'gte', value: 30 }] })));
  await page.clock.install({ time: T0 });
  await page.goto(site.page('/files', { settings: { app_id: 'timenav', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, body: SPA }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await decisionFor(page, 'patient', { outcome: 'pending' });
  await page.click('#to-pricing');
  expect((await decisionFor(page, 'patient', { outcome: 'suppressed' })).detail).toMatch(/page changed/);
  await page.clock.runFor(60_000);
  await expect(message(page, 'patient')).toHaveCount(0);
});

test('single-page-app navigation is a new page: page messages run again with the new URL, time on page restarts', async ({ page, site }) => {
  const rules = site.ruleset('spa', rulesetOf(
    banner('pricing-help', { when: undefined, where: [{ attr: 'current_url', op: 'contains', value: '/pricing' }] }),
    banner('files-tip', { when: undefined, where: [{ attr: 'current_url', op: 'ends_with', value: '/files' }, { attr: 'time_on_page', op: 'gte', value: 5 }] }),
    banner('plans-anchor', { type: 'banner', when: undefined, where: [{ attr: 'current_url', op: 'ends_with', value: '#plans' }], frequency: { every: '1s' } }),
  ));
  await page.clock.install({ time: T0 });
  await page.goto(site.page('/home', { settings: { app_id: 'spa', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, body: SPA }));
  await sdkReady(page);
  expect(await decisionFor(page, 'pricing-help')).toMatchObject({ outcome: 'suppressed', reason: 'where', event: null });

  await page.click('#to-pricing');
  await expect(message(page, 'pricing-help')).toBeVisible();
  await message(page, 'pricing-help').locator('[data-action="dismiss"]').click();

  // replaceState that keeps the URL is not a new page.
  const before = (await decisions(page)).length;
  await page.click('#same');
  await page.clock.runFor(1_000);
  expect((await decisions(page)).length).toBe(before);

  // After 20 s on /pricing, /files still needs 5 s of its own: time on page restarted.
  await page.clock.runFor(20_000);
  await page.click('#to-files');
  expect(await decisionFor(page, 'files-tip', { outcome: 'pending' })).toMatchObject({ reason: 'where' });
  await page.clock.runFor(5_000);
  await expect(message(page, 'files-tip')).toBeVisible();
  await message(page, 'files-tip').locator('[data-action="dismiss"]').click();

  // hashchange and Back (popstate) are page changes too.
  await page.click('#hash');
  await expect(message(page, 'plans-anchor')).toBeVisible();
  await message(page, 'plans-anchor').locator('[data-action="dismiss"]').click();
  await page.goBack();
  await expect.poll(() => page.evaluate(() => location.pathname + location.hash)).toBe('/files');
  await page.clock.runFor(2_000);
  await page.goForward();
  await expect(message(page, 'plans-anchor')).toBeVisible();
});

test('update re-evaluates page messages against the new attributes', async ({ page, site }) => {
  const rules = site.ruleset('upd', rulesetOf(banner('pro-welcome', { when: undefined, audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }] })));
  await page.goto(site.page('/app', { settings: { app_id: 'upd', sdk_url: '/sdk/messenger.js', ruleset_url: rules, plan: 'free' } }));
  await sdkReady(page);
  const first = await decisionFor(page, 'pro-welcome');
  expect(first).toMatchObject({ outcome: 'suppressed', reason: 'audience', detail: 'user.plan is "free", needs to be "pro"' });
  await page.evaluate(() => (window as any).Intercom('update', { plan: 'pro' }));
  await expect(message(page, 'pro-welcome')).toBeVisible();
});

test('a goal event within its window after a showing gives one goal decision', async ({ page, site }) => {
  const rules = site.ruleset('goal', rulesetOf(banner('share-nudge', { goal: { event: 'shared-file', within: '1d' } })));
  await page.clock.setFixedTime(T0);
  await page.goto(site.page('/app', { settings: { app_id: 'goal', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'share-nudge')).toBeVisible();
  await page.clock.setFixedTime(T0 + 3 * 3_600_000);
  await page.reload();
  await sdkReady(page);
  await track(page, 'shared-file');
  const goal = await decisionFor(page, 'share-nudge', { outcome: 'goal' });
  expect(goal).toMatchObject({ reason: 'ok', event: 'shared-file', detail: 'shared-file came 3 hours after the message was shown' });
  // Once per showing: a second shared-file reaches nothing; after the next showing, it does.
  await track(page, 'shared-file');
  await track(page, 'uploaded-file');
  await decisionFor(page, 'share-nudge', { outcome: 'shown' });
  const goals = async () => (await decisions(page)).filter((d) => d.outcome === 'goal').length;
  expect(await goals()).toBe(1);
  await track(page, 'shared-file');
  await expect.poll(goals).toBe(2);
});

test('debug: true writes the decisions of each event to the console, grouped', async ({ page, site }) => {
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`${m.type()} ${m.text()}`));
  const rules = site.ruleset('debug', rulesetOf(banner('one'), banner('two', { audience: [{ attr: 'user.plan', op: 'is', value: 'pro' }] })));
  await page.goto(site.page('/app', { settings: { app_id: 'debug', sdk_url: '/sdk/messenger.js', ruleset_url: rules, debug: true } }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect.poll(() => lines.find((l) => l.startsWith('startGroupCollapsed [herald] uploaded-file: 2 decisions'))).toBeTruthy();
  const group = lines.indexOf(lines.find((l) => l.includes('uploaded-file: 2 decisions'))!);
  expect(lines.slice(group + 1, group + 4)).toEqual([
    expect.stringMatching(/^info (shown one \(ok\)|suppressed two \(audience\))/),
    expect.stringMatching(/^info (shown one \(ok\)|suppressed two \(audience\))/),
    'endGroup console.groupEnd',
  ]);
});
