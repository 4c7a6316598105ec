import type { Page } from '@playwright/test';
import { banner, decisionFor, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';
import type { Message } from '../src/ruleset/types';

async function showBanner(page: Page, site: TestSite, m: Message, settings: Record<string, unknown> & { before?: string } = {}, metadata?: Record<string, unknown>) {
  // A ruleset URL per message: a cached ruleset of an earlier page of the test is never in the way.
  const rules = site.ruleset(`banner-${m.id}`, rulesetOf(m));
  const body = '<main><h1 id="title">Uploads</h1><p>Content of the host page.</p></main>';
  const { before = '', ...rest } = settings;
  await page.goto(site.page('/app', { before, settings: { app_id: 'banner', sdk_url: '/sdk/messenger.js', ruleset_url: rules, ...rest }, body }));
  await sdkReady(page);
  await track(page, 'uploaded-file', metadata);
  await expect(message(page, m.id)).toBeVisible();
  return message(page, m.id);
}

test('renders inside the open shadow root of #herald-messenger, with the SPEC hooks', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('hooks', { content: { body: '<p>Hi</p>', action: { label: 'Open', url: '/files' } } }));
  await expect(el).toHaveAttribute('data-message-type', 'banner');
  const inShadow = await page.evaluate(() => {
    const host = document.getElementById('herald-messenger')!;
    return { parent: host.parentElement === document.body, shadow: !!host.shadowRoot?.querySelector('[data-message-id="hooks"]'), light: !!document.querySelector('[data-message-id="hooks"]') };
  });
  expect(inShadow).toEqual({ parent: true, shadow: true, light: false });
  await expect(el.locator('[data-action="primary"]')).toHaveAttribute('href', `${site.origin}/files`);
  await expect(el.locator('[data-action="dismiss"]')).toHaveAccessibleName('Dismiss');
});

test('floating banners overlay the page at the top or the bottom', async ({ page, site }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // measured where it rests, not while sliding in
  const top = await showBanner(page, site, banner('top', { content: { body: '<p>Top</p>', position: 'top', style: 'floating' } }));
  const before = await page.locator('#title').boundingBox();
  const box = await top.boundingBox();
  expect(box!.y).toBe(0);
  expect(before!.y).toBeLessThan(box!.height); // the page did not move: the banner covers it
  const bottom = await showBanner(page, site, banner('bottom', { content: { body: '<p>Bottom</p>', position: 'bottom', style: 'floating' } }));
  const viewport = page.viewportSize()!;
  const b = await bottom.boundingBox();
  expect(Math.round(b!.y + b!.height)).toBe(viewport.height);
});

test('an inline top banner pushes the page down, and gives the space back when dismissed', async ({ page, site }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const rules = site.ruleset('inline', rulesetOf(banner('inline', { content: { body: '<p>Inline</p>', position: 'top', style: 'inline' } })));
  await page.goto(site.page('/app', { settings: { app_id: 'inline', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, body: '<h1 id="title">Uploads</h1>' }));
  await sdkReady(page);
  const before = (await page.locator('#title').boundingBox())!.y;
  await track(page, 'uploaded-file');
  const el = message(page, 'inline');
  await expect(el).toBeVisible();
  const box = (await el.boundingBox())!;
  const after = (await page.locator('#title').boundingBox())!.y;
  // In the flow of the body, above its content: the page moved down by at least its height.
  expect(after - before).toBeGreaterThanOrEqual(box.height - 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(after);
  await el.locator('[data-action="dismiss"]').click();
  await expect(el).toHaveCount(0);
  expect((await page.locator('#title').boundingBox())!.y).toBe(before);
});

test('templates insert event and user values as text, exactly as tracked, with fallbacks', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('tpl', {
    content: {
      body: '<p>Hi {{user.name | fallback: "there"}}, {{event.file_name}} ({{event.size_mb}} MB) is up. {{event.missing}}|{{user.plan | fallback: \'free\'}}</p>',
      action: { label: 'Share {{event.file_name}}', url: '{{event.file_url}}' },
    },
  }), {}, { file_name: '<img src=x onerror="window.pwned=1">.png', size_mb: 1.50, file_url: 'https://files.example/a b' });
  await expect(el.locator('p')).toHaveText('Hi there, <img src=x onerror="window.pwned=1">.png (1.5 MB) is up. |free');
  await expect(el.locator('img')).toHaveCount(0);
  await expect(el.locator('[data-action="primary"]')).toHaveText('Share <img src=x onerror="window.pwned=1">.png');
  await expect(el.locator('[data-action="primary"]')).toHaveAttribute('href', 'https://files.example/a%20b');
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
});

test('user attributes fill {{user.KEY}}', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('user-tpl', { content: { body: '<p>Hi {{user.name | fallback: "there"}} on {{user.plan}}</p>' } }), { name: 'Ada', plan: 'pro' });
  await expect(el.locator('p')).toHaveText('Hi Ada on pro');
});

test('without a built-in sanitizer, a body of plain HTML shows without DOMPurify, its values as text', async ({ page, site }) => {
  const { errors } = watch(page);
  const el = await showBanner(page, site, banner('plain', {
    content: { body: '<p>Your file <strong>{{event.file_name}}</strong> is up.<br>Q&amp;A</p>' },
  }), { before: 'delete Element.prototype.setHTML;' }, { file_name: '<img src=x onerror="window.pwned=1">' });
  await expect(el.locator('.body p strong')).toHaveText('<img src=x onerror="window.pwned=1">');
  await expect(el.locator('.body')).toHaveText('Your file <img src=x onerror="window.pwned=1"> is up.Q&A');
  await expect(el.locator('.body img, .body br')).toHaveCount(1); // the <br>, no <img>
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(errors).toEqual([]);
  expect(site.requests.some((r) => r.path === '/sdk/widgets/plain.js')).toBe(true);
  expect(site.requests.some((r) => r.path === '/sdk/widgets/purify.js')).toBe(false);
});

test('without a built-in sanitizer, a sanitizer chunk that cannot load leaves the body empty, and nothing reaches the page', async ({ page, site }) => {
  const { errors } = watch(page);
  site.routes.set('/sdk/widgets/plain.js', { status: 503, body: 'down' });
  const el = await showBanner(page, site, banner('down', { content: { body: '<p>Hello</p>', action: { label: 'Open' } } }), { before: 'delete Element.prototype.setHTML;' });
  await expect(el.locator('[data-action="primary"]')).toHaveText('Open');
  await expect(el.locator('.body')).toHaveText('');
  expect(errors).toEqual([]);
});

test('plain HTML is built as DOMPurify would parse it, and anything more is left to DOMPurify', async ({ page, site }) => {
  await page.goto(site.page('/app', { settings: {}, after: '' }));
  const result = await page.evaluate(async () => {
    const { plainHtml } = await import('/sdk/widgets/plain.js' as string);
    const { purifyHtml } = await import('/sdk/widgets/purify.js' as string);
    const html = (fragment: DocumentFragment) => {
      const div = document.createElement('div');
      div.append(fragment);
      return div.innerHTML;
    };
    const plain = ['', 'Only text', '<p>Your file <strong>a.png</strong> is up.</p>', '<p>one</p><p>two<br>three</p>',
      '<p>Q&amp;A &lt;tag&gt; &quot;q&quot; &#39;s</p>', '<b>b</b><i>i</i><u>u</u><em>e</em>', '<p><strong><em>nested</em></strong> x</p>',
      ' spaced \n <p> x </p> ', '<p>left open', '<strong>bold <em>both'];
    const more = ['<p class="x">a</p>', '<a href="/x">a</a>', '<P>a</P>', '<p>a &nbsp; b</p>', 'Q&A', '<strong><p>a</p></strong>',
      '<p>a</strong>', '</p>', '<br/>', '<p>a<p>b</p>', '<script>x</script>', 'a < b', '<p>a</p></p>', '<img src=x onerror=alert(1)>'];
    return {
      same: plain.map((body) => [body, plainHtml(body) ? html(plainHtml(body)) : 'not plain', html(purifyHtml(body))]),
      more: more.filter((body) => plainHtml(body) !== undefined),
    };
  });
  for (const [body, built, purified] of result.same) expect(built, `plain HTML ${JSON.stringify(body)}`).toBe(purified);
  expect(result.more).toEqual([]);
});

for (const [sanitizer, before] of [['the built-in sanitizer', ''], ['DOMPurify, where there is no built-in sanitizer', 'delete Element.prototype.setHTML;']] as const) {
test(`authored HTML is sanitized by ${sanitizer}: no script runs, no handler or style survives`, async ({ page, site }) => {
  const { errors } = watch(page);
  const el = await showBanner(page, site, banner('xss', {
    content: { body: '<p id="ok" class="dismiss">Safe <b>bold</b> <img src="/pic.png" alt="a picture"> <img src="javascript:alert(1)" alt="bad"> <a href="javascript:window.pwned=1">bad link</a> <a href="/help" target="_blank" rel="opener">help</a></p><img src="x" onerror="window.pwned=2"><script>window.pwned=3</script><p style="color:red" onclick="window.pwned=4">styled</p><iframe src="/x"></iframe>' },
  }), { before });
  await expect(el.locator('b')).toHaveText('bold');
  await expect(el.locator('script, iframe, [onerror], [onclick], [style], .body [id], .body [class]')).toHaveCount(0);
  await expect(el.locator('img[alt="a picture"]')).toHaveAttribute('src', '/pic.png');
  await expect(el.locator('img[alt="bad"]')).not.toHaveAttribute('src', /javascript/);
  await expect(el.locator('a', { hasText: 'bad link' })).not.toHaveAttribute('href', /javascript/);
  await expect(el.locator('a', { hasText: 'help' })).toHaveAttribute('rel', 'noopener noreferrer');
  await el.locator('p', { hasText: 'styled' }).click();
  await el.locator('a', { hasText: 'bad link' }).click();
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(errors).toEqual([]);
  // DOMPurify's chunk is fetched only where the browser has no sanitizer of its own.
  expect(site.requests.some((r) => r.path === '/sdk/widgets/purify.js')).toBe(before !== '');
});
}

for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '{{event.link}}']) {
  test(`an action URL ${JSON.stringify(url)} does not survive`, async ({ page, site }) => {
    const el = await showBanner(page, site, banner('url', { content: { body: '<p>x</p>', action: { label: 'Go', url } } }), {}, { link: 'javascript:alert(1)' });
    const action = el.locator('[data-action="primary"]');
    await expect(action).toBeVisible();
    expect(await action.getAttribute('href')).toBeNull();
    // Without a safe URL the action acknowledges and closes the banner.
    await action.click();
    await expect(el).toHaveCount(0);
  });
}

test('mailto and relative action URLs survive', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('mail', { content: { body: '<p>x</p>', action: { label: 'Write', url: 'mailto:help@example.com' } } }));
  await expect(el.locator('[data-action="primary"]')).toHaveAttribute('href', 'mailto:help@example.com');
});

test('a banner that is not dismissible has no dismiss control', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('sticky', { content: { body: '<p>x</p>', dismissible: false } }));
  await expect(el.locator('[data-action="dismiss"]')).toHaveCount(0);
});

test('a second banner waits while one is on screen, then shows', async ({ page, site }) => {
  const rules = site.ruleset('two', rulesetOf(banner('first'), banner('second', { when: { event: 'shared-file' } })));
  await page.goto(site.page('/app', { settings: { app_id: 'two', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'first')).toBeVisible();
  await track(page, 'shared-file');
  expect(await decisionFor(page, 'second')).toMatchObject({ outcome: 'pending', reason: 'busy' });
  await expect(message(page, 'second')).toHaveCount(0);
  await message(page, 'first').locator('[data-action="dismiss"]').click();
  await expect(message(page, 'second')).toBeVisible();
  expect(await decisionFor(page, 'second', { outcome: 'shown' })).toMatchObject({ event: 'shared-file' });
});

test('appearance settings colour the banner', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('brand', { content: { body: '<p>x</p>', action: { label: 'Go', url: '/go' } } }), { action_color: '#ff0066', background_color: 'rgb(10, 20, 30)', z_index: 5 });
  await expect(el.locator('[data-action="primary"]')).toHaveCSS('background-color', 'rgb(255, 0, 102)');
  await expect(el).toHaveCSS('background-color', 'rgb(10, 20, 30)');
  await expect(el).toHaveCSS('z-index', '5');
  // Styled by constructed sheets only: no style attribute or element, in the page or the shadow root.
  expect(await page.evaluate(() => {
    const shadow = document.getElementById('herald-messenger')!.shadowRoot!;
    return document.querySelectorAll('[style], style').length + shadow.querySelectorAll('[style], style').length;
  })).toBe(0);
});

test('appearance values that are not colours never reach the CSS', async ({ page, site }) => {
  const el = await showBanner(page, site, banner('inject', { content: { body: '<p>x</p>' } }), { background_color: 'red; } :host { display: none', z_index: '9; display: none' });
  await expect(el).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});

test('the widget code is loaded only when a banner first shows', async ({ page, site }) => {
  const rules = site.ruleset('lazy', rulesetOf(banner('lazy')));
  await page.goto(site.page('/app', { settings: { app_id: 'lazy', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
  await sdkReady(page);
  await expect.poll(() => site.requests.some((r) => r.path === rules)).toBe(true);
  expect(site.requests.filter((r) => r.path.startsWith('/sdk/widgets/'))).toHaveLength(0);
  await track(page, 'uploaded-file');
  await expect(message(page, 'lazy')).toBeVisible();
  expect(site.requests.some((r) => r.path === '/sdk/widgets/banner.js')).toBe(true);
});
