import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Message } from '../src/ruleset/types';
import { decisionFor, expect, message, rulesetOf, sdkReady, test, track } from './fixtures';
import type { TestSite } from './fixtures';

const chat = (id: string, overrides: Partial<Message> = {}, content: Record<string, unknown> = {}): Message => ({
  id,
  type: 'chat',
  when: { event: 'uploaded-file' },
  content: { from: { name: 'Ada Lovelace' }, body: '<p>How did the upload go, {{user.name | fallback: "friend"}}?</p>', reply: 'text', ...content },
  ...overrides,
});

async function open(page: Page, site: TestSite, messages: Message[], settings: Record<string, unknown> = {}, body?: string) {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // boxes measured at rest, not mid-animation
  const rules = site.ruleset('chat', rulesetOf(...messages));
  site.routes.set('/events', { status: 204 });
  await page.goto(site.page('/app', { settings: { app_id: 'chat', sdk_url: '/sdk/messenger.js', ruleset_url: rules, events_url: '/events', ...settings }, ...(body ? { body } : {}) }));
  await sdkReady(page);
}

const posted = (site: TestSite) => site.requests.filter((r) => r.path === '/events').flatMap((r) => JSON.parse(r.body).records);

test('a chat bubble from a teammate, near the corner, with a reply that reaches onReply and events_url', async ({ page, site }) => {
  await open(page, site, [chat('hello')], { name: 'Grace' });
  await page.evaluate(() => { (window as any).replies = []; (window as any).Intercom('onReply', (r: unknown) => (window as any).replies.push(r)); });
  await track(page, 'uploaded-file');
  const el = message(page, 'hello');
  await expect(el).toBeVisible();
  await expect(el).toContainText('Ada Lovelace');
  await expect(el).toContainText('How did the upload go, Grace?');
  const box = (await el.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.round(viewport.width - (box.x + box.width))).toBe(20);
  expect(Math.round(viewport.height - (box.y + box.height))).toBe(20);

  const send = el.locator('[data-action="send"]');
  await expect(send).toBeDisabled();
  await el.locator('[data-part="reply"]').fill('It took ages <b>really</b>');
  await send.click();
  await expect(el.locator('.sent')).toContainText('It took ages <b>really</b>');
  await expect(el.locator('.sent')).toContainText('Sent');
  await expect(el.locator('[data-part="reply"]')).toHaveValue('');
  expect(await page.evaluate(() => (window as any).replies)).toEqual([{ message_id: 'hello', text: 'It took ages <b>really</b>' }]);
  await expect.poll(() => posted(site).filter((r: any) => r.name === 'replied')).toEqual([
    expect.objectContaining({ kind: 'stat', name: 'replied', message_id: 'hello', data: { text: 'It took ages <b>really</b>' } }),
  ]);
  // Enter sends too.
  await el.locator('[data-part="reply"]').fill('And again');
  await el.locator('[data-part="reply"]').press('Enter');
  await expect(el.locator('.sent')).toHaveCount(2);
});

test('reply "none" shows no field; the dismiss control closes the chat and counts as dismissed', async ({ page, site }) => {
  await open(page, site, [chat('quiet', {}, { reply: 'none' })]);
  await track(page, 'uploaded-file');
  const el = message(page, 'quiet');
  await expect(el).toBeVisible();
  await expect(el.locator('[data-part="reply"], [data-action="send"]')).toHaveCount(0);
  await el.locator('[data-action="dismiss"]').click();
  await expect(el).toHaveCount(0);
  await expect.poll(() => posted(site).map((r: any) => r.name)).toEqual(expect.arrayContaining(['uploaded-file', 'shown', 'dismissed']));
});

test('a new chat while one is open waits its turn', async ({ page, site }) => {
  await open(page, site, [chat('first'), chat('second', { when: { event: 'shared-file' } })]);
  await track(page, 'uploaded-file');
  await expect(message(page, 'first')).toBeVisible();
  await track(page, 'shared-file');
  expect(await decisionFor(page, 'second')).toMatchObject({ outcome: 'pending', reason: 'busy' });
  await message(page, 'first').locator('[data-action="dismiss"]').click();
  await expect(message(page, 'second')).toBeVisible();
});

test('the chat is announced in a live region and never takes focus', async ({ page, site }) => {
  await open(page, site, [chat('announce')], {}, '<main><input id="typing" aria-label="Search"></main>');
  await page.focus('#typing');
  await page.clock.install();
  await track(page, 'uploaded-file');
  await expect(message(page, 'announce')).toBeVisible();
  await page.clock.runFor(100);
  const live = page.locator('#herald-messenger [aria-live="polite"]');
  await expect(live).toContainText('Message from Ada Lovelace: How did the upload go, friend?');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('typing');
});

test('alignment and paddings place the chat; a right-to-left page mirrors it', async ({ page, site }) => {
  await open(page, site, [chat('left')], { alignment: 'left', horizontal_padding: 40, vertical_padding: 60 });
  await track(page, 'uploaded-file');
  const box = (await message(page, 'left').boundingBox())!;
  expect(Math.round(box.x)).toBe(40);
  expect(Math.round(page.viewportSize()!.height - (box.y + box.height))).toBe(60);

  const rules = site.ruleset('rtl', rulesetOf(chat('rtl')));
  site.routes.set('/rtl', { body: `<!doctype html><html dir="rtl" lang="ar"><head><title>rtl</title><script>window.intercomSettings = ${JSON.stringify({ app_id: 'rtl', sdk_url: '/sdk/messenger.js', ruleset_url: rules })};</script><script src="/snippet.js"></script></head><body><p>مرحبا</p></body></html>` });
  site.routes.set('/snippet.js', { body: (await import('./fixtures')).snippet(), type: 'text/javascript' });
  await page.goto(site.url('/rtl'));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  const rtl = (await message(page, 'rtl').boundingBox())!;
  expect(Math.round(rtl.x)).toBe(20);
  await expect(message(page, 'rtl').locator('xpath=..')).toHaveAttribute('dir', 'rtl');
});

test('axe finds no serious or critical violation in a chat', async ({ page, site }) => {
  await open(page, site, [chat('axe', {}, { from: { name: 'Ada', avatar_url: '/avatar.png' } })]);
  await track(page, 'uploaded-file');
  await expect(message(page, 'axe')).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('#herald-messenger').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
