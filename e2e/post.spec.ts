import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Message } from '../src/ruleset/types';
import { expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';

/** A 1×1 PNG, for the header image and the avatar. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const post = (id: string, content: Record<string, unknown> = {}, overrides: Partial<Message> = {}): Message => ({
  id,
  type: 'post',
  when: { event: 'released' },
  content: {
    title: 'Shared folders are here',
    from: { name: 'Maya from Filebox', avatar_url: '/img/avatar.png' },
    header_image_url: '/img/header.png',
    body: '<p>Share a whole folder, {{user.name | fallback: "friend"}}. <a href="/help">Learn more</a></p>',
    actions: [{ label: 'Try it', url: '/folders/new' }, { label: 'Later' }],
    ...content,
  },
  ...overrides,
});

const BODY = '<main><h1>Files</h1><button id="opener">Open menu</button> <button id="behind">Behind</button></main>';

async function open(page: Page, site: TestSite, m: Message, settings: Record<string, unknown> = {}, metadata?: Record<string, unknown>) {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // measured at rest, not mid-animation
  site.routes.set('/img/header.png', { body: PNG, type: 'image/png' });
  site.routes.set('/img/avatar.png', { body: PNG, type: 'image/png' });
  site.routes.set('/events', { status: 204 });
  const rules = site.ruleset('post', rulesetOf(m));
  await page.goto(site.page('/app', { settings: { app_id: 'post', sdk_url: '/sdk/messenger.js', ruleset_url: rules, events_url: '/events', ...settings }, body: BODY }));
  await sdkReady(page);
  await page.locator('#opener').focus();
  await track(page, 'released', metadata);
  const el = message(page, m.id);
  await expect(el).toBeVisible();
  return el;
}

const stats = (site: TestSite, name: string) => site.requests.filter((r) => r.path === '/events')
  .flatMap((r) => JSON.parse(r.body).records).filter((r: any) => r.kind === 'stat' && r.name === name);

/** Whether focus is inside the post's dialog (looking into the shadow root). */
const focusInside = (page: Page) => page.evaluate(() => {
  const root = document.getElementById('herald-messenger')!.shadowRoot!;
  const active = root.activeElement;
  return !!active && !!root.querySelector('dialog')?.contains(active);
});

test('a modal dialog in the shadow root with the SPEC hooks, image, title, sender and body', async ({ page, site }) => {
  const el = await open(page, site, post('hooks'), { name: 'Grace' });
  await expect(el).toHaveAttribute('data-message-type', 'post');
  expect(await page.evaluate(() => {
    const root = document.getElementById('herald-messenger')!.shadowRoot!;
    const dialog = root.querySelector('[data-message-id="hooks"]') as HTMLDialogElement;
    return { tag: dialog.tagName, modal: dialog.matches(':modal'), light: !!document.querySelector('[data-message-id]') };
  })).toEqual({ tag: 'DIALOG', modal: true, light: false });
  await expect(page.getByRole('dialog', { name: 'Shared folders are here' })).toBeVisible();
  await expect(el.locator('h2')).toHaveText('Shared folders are here');
  await expect(el.locator('.from')).toHaveText('Maya from Filebox');
  await expect(el.locator('.avatar')).toHaveAttribute('src', `${site.origin}/img/avatar.png`);
  await expect(el.locator('.image')).toHaveAttribute('src', `${site.origin}/img/header.png`);
  await expect(el.locator('.body')).toHaveText('Share a whole folder, Grace. Learn more');
  await expect(el.locator('[data-action="primary"]')).toHaveText('Try it');
  await expect(el.locator('[data-action="secondary"]')).toHaveText('Later');
  await expect(el.locator('[data-action="dismiss"]')).toHaveAccessibleName('Close');
  // Styled by constructed sheets only.
  expect(await page.evaluate(() => {
    const root = document.getElementById('herald-messenger')!.shadowRoot!;
    return document.querySelectorAll('[style], style').length + root.querySelectorAll('[style], style').length;
  })).toBe(0);
});

test('the body is sanitized and template values stay text, in the body and the title', async ({ page, site }) => {
  const { errors } = watch(page);
  const el = await open(page, site, post('xss', {
    title: 'About {{event.name}}',
    header_image_url: 'javascript:alert(1)',
    from: { name: 'Maya', avatar_url: '{{event.link}}' },
    body: '<p>{{event.name}} <b>bold</b></p><img src="x" onerror="window.pwned=1"><script>window.pwned=2</script><p onclick="window.pwned=3" style="color:red">styled</p>',
  }), {}, { name: '<img src=x onerror="window.pwned=4">', link: 'javascript:alert(1)' });
  await expect(el.locator('h2')).toHaveText('About <img src=x onerror="window.pwned=4">');
  await expect(el.locator('.body p').first()).toHaveText('<img src=x onerror="window.pwned=4"> bold');
  await expect(el.locator('.body b')).toHaveText('bold');
  await expect(el.locator('.body script, [onerror], [onclick], [style]')).toHaveCount(0);
  // No header image or avatar from a javascript: URL, written or filled in.
  await expect(el.locator('.image, .avatar')).toHaveCount(0);
  await el.locator('p', { hasText: 'styled' }).click();
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('focus moves into the post and Tab stays inside it, both ways', async ({ page, site }) => {
  const el = await open(page, site, post('trap'));
  await expect.poll(() => focusInside(page)).toBe(true);
  const seen = new Set<string>();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(page)).toBe(true);
    seen.add(await page.evaluate(() => document.getElementById('herald-messenger')!.shadowRoot!.activeElement!.textContent!));
  }
  // Every control was reached: close, the body's link, both actions.
  expect([...seen].sort()).toEqual(['Later', 'Learn more', 'Try it', '×']);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(page)).toBe(true);
  }
  await expect(el).toBeVisible();
});

test('Escape dismisses once and gives focus back to where it was', async ({ page, site }) => {
  const el = await open(page, site, post('escape'));
  await expect.poll(() => focusInside(page)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(el).toHaveCount(0);
  await expect(page.locator('#opener')).toBeFocused();
  await expect.poll(() => stats(site, 'dismissed')).toHaveLength(1);
  await page.keyboard.press('Escape');
  expect(stats(site, 'clicked')).toHaveLength(0);
});

test('the close control dismisses the post', async ({ page, site }) => {
  const el = await open(page, site, post('close'));
  await el.locator('[data-action="dismiss"]').click();
  await expect(el).toHaveCount(0);
  await expect(page.locator('#opener')).toBeFocused();
  await expect.poll(() => stats(site, 'dismissed').map((s: any) => s.message_id)).toEqual(['close']);
});

test('actions: links only for safe URLs; a button action closes the post and counts its index', async ({ page, site }) => {
  const el = await open(page, site, post('actions', {
    actions: [{ label: 'Open {{event.what}}', url: '/folders/{{event.what}}' }, { label: 'Bad', url: 'javascript:alert(1)' }, { label: 'Mail', url: 'mailto:help@example.com' }],
  }), {}, { what: 'new' });
  const primary = el.locator('[data-action="primary"]');
  await expect(primary).toHaveText('Open new');
  await expect(primary).toHaveAttribute('href', `${site.origin}/folders/new`);
  const secondary = el.locator('[data-action="secondary"]');
  await expect(secondary).toHaveText(['Bad', 'Mail']);
  expect(await secondary.nth(0).evaluate((e) => e.tagName)).toBe('BUTTON');
  await expect(secondary.nth(1)).toHaveAttribute('href', 'mailto:help@example.com');
  await secondary.nth(0).click();
  await expect(el).toHaveCount(0);
  await expect.poll(() => stats(site, 'clicked').map((s: any) => s.data)).toEqual([{ action: 1 }]);
  await expect.poll(() => stats(site, 'dismissed')).toHaveLength(1);
});

test('a link action is followed, then the post gets out of the way', async ({ page, site }) => {
  const el = await open(page, site, post('link', { actions: [{ label: 'Read on', url: '#news' }] }));
  await el.locator('[data-action="primary"]').click();
  await expect(page).toHaveURL(/#news$/);
  await expect(el).toHaveCount(0);
  await expect.poll(() => stats(site, 'clicked').map((s: any) => s.data)).toEqual([{ action: 0 }]);
});

test('a long body scrolls inside the post; title and actions stay visible', async ({ page, site }) => {
  // Error events too (a ResizeObserver loop is reported there, not as an exception).
  await page.addInitScript(() => { (window as any).errors = []; addEventListener('error', (e) => (window as any).errors.push(e.message)); });
  const long = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1} of the release notes.</p>`).join('');
  const el = await open(page, site, post('long', { body: long }));
  const body = el.locator('.body');
  const { scrollHeight, clientHeight } = await body.evaluate((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }));
  expect(scrollHeight).toBeGreaterThan(clientHeight);
  await expect(el.locator('h2')).toBeInViewport({ ratio: 1 });
  await expect(el.locator('[data-action="primary"]')).toBeInViewport({ ratio: 1 });
  await expect(el.locator('[data-action="dismiss"]')).toBeInViewport({ ratio: 1 });
  const box = (await el.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  // The scrolling region can be reached and scrolled with the keyboard.
  await expect(body).toHaveAttribute('tabindex', '0');
  await body.focus();
  await page.keyboard.press('End');
  await expect.poll(() => body.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).errors)).toEqual([]);
});

test('the page behind is inert while the post is open', async ({ page, site }) => {
  const el = await open(page, site, post('inert'));
  await page.evaluate(() => {
    (window as any).behindClicks = 0;
    document.getElementById('behind')!.addEventListener('click', () => (window as any).behindClicks++);
  });
  const box = (await page.locator('#behind').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('#behind').focus();
  await expect(page.locator('#behind')).not.toBeFocused();
  expect(await page.evaluate(() => (window as any).behindClicks)).toBe(0);
  await expect(el).toBeVisible();
  // Once the post is gone the page works again.
  await el.locator('[data-action="dismiss"]').click();
  await page.locator('#behind').click();
  expect(await page.evaluate(() => (window as any).behindClicks)).toBe(1);
});

test('Intercom("hide") takes the post down without counting a dismissal', async ({ page, site }) => {
  const el = await open(page, site, post('hidden'));
  await page.evaluate(() => (window as any).Intercom('hide'));
  await expect(el).toHaveCount(0);
  await expect(page.locator('#opener')).toBeFocused();
  // An event tracked afterwards goes out after any stat of the hiding would have.
  await track(page, 'after-hide');
  await expect.poll(() => site.requests.filter((r) => r.path === '/events').flatMap((r) => JSON.parse(r.body).records).some((r: any) => r.name === 'after-hide')).toBe(true);
  expect(stats(site, 'dismissed')).toHaveLength(0);
});

test('right-to-left pages get a mirrored post', async ({ page, site }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const rules = site.ruleset('rtl', rulesetOf(post('rtl')));
  await page.goto(site.page('/app', { settings: { app_id: 'rtl', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, before: 'document.documentElement.dir = "rtl";' }));
  await sdkReady(page);
  await track(page, 'released');
  const el = message(page, 'rtl');
  await expect(el).toBeVisible();
  const dialog = (await el.boundingBox())!;
  const close = (await el.locator('[data-action="dismiss"]').boundingBox())!;
  expect(close.x + close.width / 2).toBeLessThan(dialog.x + dialog.width / 2);
});

for (const [name, colorScheme, body] of [
  ['light', 'light', undefined],
  ['dark', 'dark', undefined],
  ['a long body', 'light', Array.from({ length: 40 }, (_, i) => `<p>Line ${i}</p>`).join('')],
] as const) {
  test(`axe-core finds no serious or critical violation (${name})`, async ({ page, site }) => {
    await page.emulateMedia({ colorScheme });
    const el = await open(page, site, post('axe', body ? { body } : {}));
    if (body) await expect(el.locator('.body')).toHaveAttribute('tabindex', '0');
    const results = await new AxeBuilder({ page }).include('#herald-messenger').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
