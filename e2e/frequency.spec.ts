import { distFile } from './server';
import { banner, decisionFor, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

test('seed: once an hour, events at 0, 20, 40 and 61 minutes with reloads: only the first and the fourth show', async ({ page, site }) => {
  const rules = site.ruleset('hourly', rulesetOf(banner('upload-done', { frequency: { every: '1h', max: null } })));
  const url = site.page('/app', { settings: { app_id: 'seed', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  const { errors } = watch(page);
  const outcomes: string[] = [];
  for (const minute of [0, 20, 40, 61]) {
    await page.clock.setFixedTime(T0 + minute * MIN);
    await page.goto(url);
    await sdkReady(page);
    await track(page, 'uploaded-file', { file_name: 'a.png' });
    const decision = await decisionFor(page, 'upload-done');
    outcomes.push(`${minute}:${decision.outcome}/${decision.reason}`);
    if (decision.outcome === 'shown') {
      await expect(message(page, 'upload-done')).toBeVisible();
      await message(page, 'upload-done').locator('[data-action="dismiss"]').click();
      await expect(message(page, 'upload-done')).toHaveCount(0);
    } else {
      await expect(message(page, 'upload-done')).toHaveCount(0);
      expect(decision.detail).toMatch(/sent \d+ minutes ago; next allowed at \d\d:\d\d/);
    }
  }
  expect(outcomes).toEqual(['0:shown/ok', '20:suppressed/frequency', '40:suppressed/frequency', '61:shown/ok']);
  expect(errors).toEqual([]);
});

test('max 3: three sends days apart, the fourth shows nothing', async ({ page, site }) => {
  const rules = site.ruleset('max', rulesetOf(banner('three-times', { frequency: { every: '1d', max: 3 } })));
  const url = site.page('/app', { settings: { app_id: 'max', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  const outcomes: string[] = [];
  for (const day of [0, 2, 4, 9]) {
    await page.clock.setFixedTime(T0 + day * DAY);
    await page.goto(url);
    await sdkReady(page);
    await track(page, 'uploaded-file');
    const decision = await decisionFor(page, 'three-times');
    outcomes.push(`${decision.outcome}/${decision.reason}`);
  }
  expect(outcomes).toEqual(['shown/ok', 'shown/ok', 'shown/ok', 'suppressed/max_sends']);
  await expect(message(page, 'three-times')).toHaveCount(0);
});

test('a stopped message never shows', async ({ page, site }) => {
  const rules = site.ruleset('stopped', rulesetOf(banner('paused', { state: 'stopped' })));
  await page.goto(site.page('/app', { settings: { app_id: 'stopped', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  const decision = await decisionFor(page, 'paused');
  expect(decision).toMatchObject({ outcome: 'suppressed', reason: 'stopped', event: 'uploaded-file' });
  await expect(message(page, 'paused')).toHaveCount(0);
});

test('live_at: an event before it never triggers; one after it does', async ({ page, site }) => {
  const liveAt = '2026-12-01T12:00:00Z';
  const rules = site.ruleset('live', rulesetOf(banner('launch', { live_at: liveAt })));
  const url = site.page('/app', { settings: { app_id: 'live', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  await page.clock.setFixedTime(Date.parse(liveAt) - MIN);
  await page.goto(url);
  await sdkReady(page);
  await track(page, 'uploaded-file', { created_at: Date.parse(liveAt) / 1000 + 3600 });
  expect(await decisionFor(page, 'launch')).toMatchObject({ outcome: 'suppressed', reason: 'not_live' });
  await expect(message(page, 'launch')).toHaveCount(0);

  await page.clock.setFixedTime(Date.parse(liveAt) + MIN);
  await page.goto(url);
  await sdkReady(page);
  await track(page, 'uploaded-file');
  expect(await decisionFor(page, 'launch')).toMatchObject({ outcome: 'shown', reason: 'ok' });
  await expect(message(page, 'launch')).toBeVisible();
});

test('two tabs tracking the same event at the same instant show a once-an-hour banner once in all', async ({ context, site }) => {
  const rules = site.ruleset('tabs', rulesetOf(banner('once', { frequency: { every: '1h' } })));
  const url = site.page('/app', { settings: { app_id: 'tabs', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  // The banner chunk is held until all three tabs ask for it, then sent to all at once:
  // the three claims of the send then race each other within a millisecond or two.
  let release!: () => void;
  const allAsked = new Promise<void>((resolve) => { release = resolve; });
  let asked = 0;
  site.routes.set('/sdk/widgets/banner.js', () => {
    if (++asked === 3) release();
    return { ...distFile('widgets/banner.js')!, holdBody: allAsked };
  });
  const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
  for (const tab of tabs) {
    await tab.clock.setFixedTime(T0);
    await tab.goto(url);
    await sdkReady(tab);
  }
  await Promise.all(tabs.map((tab) => track(tab, 'uploaded-file')));
  const outcomes = await Promise.all(tabs.map(async (tab) => (await decisionFor(tab, 'once')).outcome));
  expect(outcomes.filter((o) => o === 'shown')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'suppressed')).toHaveLength(2);
  const visible = await Promise.all(tabs.map((tab) => message(tab, 'once').count()));
  expect(visible.reduce((a, b) => a + b, 0)).toBe(1);
});
