import type { Message } from '../src/ruleset/types';
import { banner, decisionFor, decisions, expect, message, sdkReady, test, track } from './fixtures';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const DAY = 864e5;

const post = (id: string, body: string): Message => ({ id, type: 'banner', content: { body: `<p>${body}</p>`, dismissible: true } });

test('a series: entered by an event, its first message, a one-day wait across reloads, its second message', async ({ page, site }) => {
  const rules = site.ruleset('series', {
    version: 1,
    messages: [post('welcome', 'Welcome, {{user.name | fallback: "friend"}}'), post('first-upload-tip', 'Upload your first file'), banner('unrelated')],
    series: [{
      id: 'onboarding',
      entry: { event: 'signed-up', metadata: [{ key: 'plan', op: 'is', value: 'trial' }] },
      exit: [{ attr: 'user.plan', op: 'is', value: 'paid' }],
      blocks: [{ message: 'welcome' }, { wait: '1d' }, { rule: [{ attr: 'user.uploads', op: 'lt', value: 1 }], for: '3d', otherwise: 'exit' }, { message: 'first-upload-tip' }],
    }],
  });
  const url = site.page('/app', { settings: { app_id: 'series', sdk_url: '/sdk/messenger.js', ruleset_url: rules, user_id: 'u7', name: 'Ada', uploads: 0 } });
  await page.clock.setFixedTime(T0);
  await page.goto(url);
  await sdkReady(page);
  await track(page, 'signed-up', { plan: 'free' });
  expect(await decisionFor(page, 'onboarding')).toMatchObject({ outcome: 'suppressed', reason: 'metadata' });
  await track(page, 'signed-up', { plan: 'trial' });
  expect(await decisionFor(page, 'onboarding', { outcome: 'pending', reason: 'ok' })).toMatchObject({ event: 'signed-up', detail: 'entered the series (4 blocks)' });
  await expect(message(page, 'welcome')).toContainText('Welcome, Ada');
  expect((await decisionFor(page, 'onboarding', { detail: 'block 2 of 4: waits 1d, until 2026-12-02T09:00:00Z' })).outcome).toBe('pending');
  // One run at a time.
  await track(page, 'signed-up', { plan: 'trial' });
  expect(await decisionFor(page, 'onboarding', { reason: 'frequency' })).toMatchObject({ outcome: 'suppressed' });

  // Half a day later: still waiting.
  await page.clock.setFixedTime(T0 + DAY / 2);
  await page.reload();
  await sdkReady(page);
  await decisionFor(page, 'onboarding', { outcome: 'pending' });
  await expect(message(page, 'first-upload-tip')).toHaveCount(0);

  // The next page view after the wait: the rule holds, the second message shows.
  await page.clock.setFixedTime(T0 + DAY + 60_000);
  await page.reload();
  await sdkReady(page);
  await expect(message(page, 'first-upload-tip')).toBeVisible();
  expect(await decisionFor(page, 'first-upload-tip')).toMatchObject({ outcome: 'shown', event: null });
  await decisionFor(page, 'onboarding', { detail: 'the series is complete' });
  // Series messages are never shown on their own.
  expect((await decisions(page)).some((d) => d.message_id === 'welcome')).toBe(false);
});

test('the exit rule ends a run; a series message using {{event.…}} is rejected by the validator', async ({ page, site }) => {
  const rules = site.ruleset('exit', {
    version: 1,
    messages: [post('hello', 'Hello'), post('bad', 'You uploaded {{event.file_name}}')],
    series: [{ id: 'nurture', entry: { event: 'signed-up' }, exit: [{ attr: 'user.plan', op: 'is', value: 'paid' }], blocks: [{ wait: '1h' }, { message: 'hello' }, { message: 'bad' }] }],
  });
  await page.clock.setFixedTime(T0);
  await page.goto(site.page('/app', { settings: { app_id: 'exit', sdk_url: '/sdk/messenger.js', ruleset_url: rules, user_id: 'u8', plan: 'trial' } }));
  await sdkReady(page);
  const bad = await decisionFor(page, 'bad', { reason: 'invalid' });
  expect(bad.detail).toMatch(/shown by the series "nurture", which carries no event/);
  await track(page, 'signed-up');
  await decisionFor(page, 'nurture', { outcome: 'pending', reason: 'ok' });
  // Becoming a paying user (update re-evaluates the runs) ends the run before its wait is over.
  await page.clock.setFixedTime(T0 + 2 * 3_600_000);
  await page.evaluate(() => (window as any).Intercom('update', { plan: 'paid' }));
  expect(await decisionFor(page, 'nurture', { outcome: 'suppressed' })).toMatchObject({ reason: 'audience', detail: 'exited the series: its exit rule holds' });
  await expect(message(page, 'hello')).toHaveCount(0);
});
