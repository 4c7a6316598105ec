import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { decisionFor, decisions, expect, message, rulesetOf, sdkReady, sitePage, test, track, watch } from './fixtures';
import type { PageOptions, TestSite } from './fixtures';
import type { Message } from '../src/ruleset/types';

/** A host page with targets at known places (1280×720 viewport). */
const HEAD = `<style>
  body { margin: 0; font: 16px/1.4 sans-serif; }
  #upload { position: absolute; left: 500px; top: 250px; width: 140px; height: 40px; }
  #share { position: absolute; left: 200px; top: 450px; width: 100px; height: 40px; }
  #scroller { position: absolute; left: 700px; top: 60px; width: 300px; height: 200px; overflow: auto; border: 1px solid #999; }
  #scroller .inner { height: 1200px; padding-top: 500px; }
</style>`;
const BODY = `<main>
  <h1 id="title">Files</h1>
  <button id="start" onclick="Intercom('startTour', 'tour')">Start the tour</button>
  <button id="upload">Upload</button>
  <button id="share">Share</button>
  <nav>
    <button id="to-settings" onclick="history.pushState({}, '', '/app/settings'); document.getElementById('panel').hidden = false">Settings</button>
    <button id="to-app" onclick="history.pushState({}, '', '/app'); document.getElementById('panel').hidden = true">Back to files</button>
  </nav>
  <section id="panel" hidden><h2>Settings</h2><button id="save">Save</button></section>
  <div id="scroller"><div class="inner"><button id="deep">Deep inside</button></div></div>
</main>`;

const THREE = [
  { selector: '#upload', title: 'Upload here', body: '<p>Drop files on <b>Upload</b>, {{user.name | fallback: "friend"}}.</p>' },
  { selector: '#share', title: 'Share', body: '<p>Send a link.</p>', placement: 'right' },
  { title: 'That is all', body: '<p>Enjoy Filebox.</p>' },
];

/** Triggered by an event no test tracks: without `when` it would be a page message, shown on load. */
const tourMessage = (steps: unknown[], overrides: Partial<Message> = {}): Message => ({ id: 'tour', type: 'tour', when: { event: 'never-tracked' }, content: { steps }, ...overrides });

async function openSite(page: Page, site: TestSite, steps: unknown[], options: Partial<PageOptions> & { path?: string; paths?: string[] } = {}) {
  const rules = site.ruleset('tour', rulesetOf(tourMessage(steps)));
  const pageOptions: PageOptions = { settings: { app_id: 'tours', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, body: BODY, head: HEAD, ...options };
  for (const p of options.paths ?? []) site.page(p, pageOptions);
  await page.goto(site.page(options.path ?? '/app', pageOptions));
  await sdkReady(page);
}

const startTour = (page: Page, id = 'tour') => page.evaluate((i) => (window as any).Intercom('startTour', i), id);
const step = (page: Page, n: number) => page.locator(`[data-tour-step="${n}"]`);
const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;
const saved = (page: Page) => page.evaluate(() => sessionStorage.getItem('herald/tours/tour'));

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // boxes measured where they rest
});

test('the first step shows next to its target; next, back, done and the progress label', async ({ page, site }) => {
  await openSite(page, site, THREE);
  await startTour(page);
  const root = message(page, 'tour');
  await expect(root).toHaveAttribute('data-message-type', 'tour');
  await expect(root).toBeVisible(); // the message root itself, as SPEC-based tests look for it
  const first = root.locator('[data-tour-step="0"]');
  await expect(first).toBeVisible();
  await expect(first.locator('.tour-title')).toHaveText('Upload here');
  await expect(first.locator('.tour-body')).toHaveText('Drop files on Upload, friend.');
  await expect(first.locator('.tour-progress')).toHaveText('1 of 3');
  await expect(first.locator('[data-action="back"]')).toHaveCount(0);
  await expect(first.locator('[data-action="done"]')).toHaveCount(0);

  // Default placement: below the target, centred on it, the arrow between the two.
  const target = await box(page, '#upload');
  await expect.poll(async () => (await first.boundingBox())!.y).toBeGreaterThan(target.y + target.height);
  const card = (await first.boundingBox())!;
  expect(card.y - (target.y + target.height)).toBeLessThan(30);
  expect(Math.abs(card.x + card.width / 2 - (target.x + target.width / 2))).toBeLessThan(2);
  const arrow = (await first.locator('.tour-arrow').boundingBox())!;
  expect(arrow.y).toBeLessThan(card.y);
  expect(arrow.y + arrow.height).toBeGreaterThan(target.y + target.height);
  // The spotlight rings the target.
  const ring = (await root.locator('.tour-spotlight').boundingBox())!;
  expect(ring.x).toBeLessThan(target.x);
  expect(ring.x + ring.width).toBeGreaterThan(target.x + target.width);
  expect(await saved(page)).toBe(JSON.stringify({ id: 'tour', step: 0 }));

  // placement: right.
  await first.locator('[data-action="next"]').click();
  const second = step(page, 1);
  await expect(second.locator('.tour-progress')).toHaveText('2 of 3');
  const share = await box(page, '#share');
  await expect.poll(async () => (await second.boundingBox())!.x).toBeGreaterThan(share.x + share.width);
  const card2 = (await second.boundingBox())!;
  expect(card2.x - (share.x + share.width)).toBeLessThan(30);
  expect(Math.abs(card2.y + card2.height / 2 - (share.y + share.height / 2))).toBeLessThan(2);
  expect(await saved(page)).toBe(JSON.stringify({ id: 'tour', step: 1 }));

  await second.locator('[data-action="back"]').click();
  await expect(step(page, 0)).toBeVisible();
  await expect(step(page, 1)).toHaveCount(0);
  await step(page, 0).locator('[data-action="next"]').click();
  await step(page, 1).locator('[data-action="next"]').click();
  const last = step(page, 2);
  await expect(last.locator('.tour-progress')).toHaveText('3 of 3');
  await expect(last.locator('[data-action="next"]')).toHaveCount(0);
  await last.locator('[data-action="done"]').click();
  await expect(root).toHaveCount(0);
  expect(await saved(page)).toBeNull();
});

test('arrow keys move between steps, Escape leaves the tour', async ({ page, site }) => {
  await openSite(page, site, THREE);
  await startTour(page);
  await expect(step(page, 0)).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // nothing before the first step
  await expect(step(page, 0)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(step(page, 1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(step(page, 2)).toBeFocused();
  await page.keyboard.press('ArrowRight'); // the last step ends only with Done
  await expect(step(page, 2)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(step(page, 1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(message(page, 'tour')).toHaveCount(0);
  expect(await saved(page)).toBeNull(); // left: a reload does not bring it back
});

test('on a right-to-left page the arrow keys and -start placements are mirrored', async ({ page, site }) => {
  await openSite(page, site, [{ selector: '#upload', title: 'One', placement: 'bottom-start' }, { selector: '#share', title: 'Two' }], {
    before: "document.documentElement.dir = 'rtl';",
  });
  await startTour(page);
  const first = step(page, 0);
  await expect(first).toBeFocused();
  const target = await box(page, '#upload');
  // -start is the inline start: the right edge on an RTL page.
  await expect.poll(async () => {
    const card = (await first.boundingBox())!;
    return Math.round(card.x + card.width);
  }).toBe(Math.round(target.x + target.width));
  await page.keyboard.press('ArrowRight'); // backwards in RTL: nothing before the first
  await expect(first).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(step(page, 1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(step(page, 0)).toBeFocused();
});

test('focus moves into the step, a labelled non-modal dialog, and returns when the tour ends', async ({ page, site }) => {
  await openSite(page, site, THREE);
  await page.click('#start');
  const dialog = page.getByRole('dialog', { name: 'Upload here' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'false');
  await expect(dialog).toHaveAttribute('data-tour-step', '0');
  await expect(dialog).toBeFocused();
  await expect(dialog.locator('[data-action="dismiss"]')).toHaveAccessibleName('Close tour');
  await page.keyboard.press('Tab');
  await expect(dialog.locator('[data-action="dismiss"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#start')).toBeFocused();

  // Done with the mouse, too; and the dismiss control.
  await page.click('#start');
  await step(page, 0).locator('[data-action="dismiss"]').click();
  await expect(message(page, 'tour')).toHaveCount(0);
  await expect(page.locator('#start')).toBeFocused();
});

test('a step without a selector is a centred card', async ({ page, site }) => {
  await openSite(page, site, [{ title: 'Welcome', body: '<p>A quick look around.</p>' }]);
  await startTour(page);
  const card = page.getByRole('dialog', { name: 'Welcome' });
  await expect(card).toBeVisible();
  const b = (await card.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.abs(b.x + b.width / 2 - viewport.width / 2)).toBeLessThan(2);
  expect(Math.abs(b.y + b.height / 2 - viewport.height / 2)).toBeLessThan(2);
  expect(b.width).toBeLessThanOrEqual(320);
  await expect(card.locator('.tour-arrow')).toHaveCount(0);
  await expect(message(page, 'tour').locator('.tour-dim')).toHaveCount(1);
  await expect(card.locator('[data-action="done"]')).toBeVisible();
  await card.locator('[data-action="done"]').click();
  await expect(message(page, 'tour')).toHaveCount(0);
});

test('a target that appears late is waited for', async ({ page, site }) => {
  await page.clock.install();
  await openSite(page, site, [{ selector: '#late', title: 'Late' }, { title: 'End' }]);
  await startTour(page);
  await page.clock.runFor(2_000);
  await expect(message(page, 'tour')).toHaveCount(0);
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'late';
    b.textContent = 'Arrived';
    document.body.append(b);
  });
  await expect(step(page, 0)).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(step(page, 0)).toBeVisible();
  expect((await decisions(page)).filter((d) => d.outcome === 'suppressed')).toEqual([]);
});

test('a target that never appears ends the tour after 5 seconds, with a decision naming the selector', async ({ page, site }) => {
  await page.clock.install();
  await openSite(page, site, [{ selector: '#upload', title: 'One' }, { selector: '.not-there', title: 'Two' }]);
  await startTour(page);
  await step(page, 0).locator('[data-action="next"]').click();
  await expect(step(page, 1)).toHaveCount(0);
  await page.clock.runFor(3_000);
  expect((await decisions(page)).filter((d) => d.outcome === 'suppressed')).toEqual([]);
  expect(await saved(page)).toBe(JSON.stringify({ id: 'tour', step: 1 }));
  await page.clock.runFor(2_000);
  const decision = await decisionFor(page, 'tour', { outcome: 'suppressed' });
  expect(decision.detail).toContain('.not-there');
  expect(decision.detail).toContain('step 2');
  expect(decision.detail).toContain('5 seconds');
  await expect(message(page, 'tour')).toHaveCount(0);
  expect(await saved(page)).toBeNull();
});

test('an off-screen target inside a scrolled container is scrolled into view, and the card follows the container\'s scrolling', async ({ page, site }) => {
  await openSite(page, site, [{ selector: '#deep', title: 'Deep', placement: 'left' }]);
  await startTour(page);
  const card = step(page, 0);
  await expect(card).toBeVisible();
  // It was 500px down a 200px-high container: now inside the container's view.
  const scroller = await box(page, '#scroller');
  const inView = await box(page, '#deep');
  expect(inView.y).toBeGreaterThanOrEqual(scroller.y);
  expect(inView.y + inView.height).toBeLessThanOrEqual(scroller.y + scroller.height);

  const offset = async () => {
    const t = await box(page, '#deep');
    const c = (await card.boundingBox())!;
    return { dx: Math.round(t.x - (c.x + c.width)), dy: Math.round(t.y + t.height / 2 - (c.y + c.height / 2)) };
  };
  await expect.poll(offset).toEqual({ dx: 18, dy: 0 });
  await page.locator('#scroller').evaluate((el) => { el.scrollTop -= 60; });
  const moved = await box(page, '#deep');
  expect(moved.y).toBeGreaterThan(inView.y + 50);
  await expect.poll(offset).toEqual({ dx: 18, dy: 0 });
});

test('a target off screen in the page is scrolled into view', async ({ page, site }) => {
  await openSite(page, site, [{ selector: '#far', title: 'Far away' }], { body: `${BODY}<div style="height: 3000px"></div><button id="far">Far</button><div style="height: 1000px"></div>` });
  await startTour(page);
  await expect(step(page, 0)).toBeVisible();
  const far = await box(page, '#far');
  const viewport = page.viewportSize()!;
  expect(far.y).toBeGreaterThan(0);
  expect(far.y + far.height).toBeLessThan(viewport.height);
  const card = (await step(page, 0).boundingBox())!;
  expect(card.y).toBeGreaterThan(far.y);
});

test('the tour resumes at the same step after a reload', async ({ page, site }) => {
  await openSite(page, site, THREE);
  await startTour(page);
  await step(page, 0).locator('[data-action="next"]').click();
  await expect(step(page, 1)).toBeVisible();
  await page.reload();
  await sdkReady(page);
  await expect(step(page, 1)).toBeVisible();
  await expect(step(page, 1).locator('.tour-progress')).toHaveText('2 of 3');
  await expect(step(page, 1)).toBeFocused();
  expect((await decisionFor(page, 'tour', { outcome: 'shown' })).detail).toContain('resumes at step 2');
});

test('a step with a url for another page: Next goes there and the tour goes on; Back comes back', async ({ page, site }) => {
  await openSite(page, site, [
    { selector: '#upload', title: 'Files', url: '/app' },
    { selector: '#share', title: 'Elsewhere', url: '/other?tab=share' },
  ], { paths: ['/other'] });
  await startTour(page);
  await step(page, 0).locator('[data-action="next"]').click();
  await page.waitForURL(/\/other\?tab=share$/);
  await sdkReady(page);
  await expect(step(page, 1)).toBeVisible();
  await expect(step(page, 1).locator('.tour-title')).toHaveText('Elsewhere');
  await step(page, 1).locator('[data-action="back"]').click();
  await page.waitForURL(/\/app$/);
  await sdkReady(page);
  await expect(step(page, 0)).toBeVisible();
});

test('a step with a url for another SPA route shows after history.pushState to that route', async ({ page, site }) => {
  await openSite(page, site, [{ selector: '#save', title: 'Save your settings', url: '/app/settings' }, { title: 'Done' }]);
  await startTour(page);
  await decisionFor(page, 'tour', { outcome: 'shown' });
  await expect(message(page, 'tour')).toHaveCount(0); // not this page
  await page.click('#to-settings');
  await expect(step(page, 0)).toBeVisible();
  await expect(step(page, 0).locator('.tour-title')).toHaveText('Save your settings');
  // Hash changes are the same page; another route hides the step again, without ending the tour.
  await page.evaluate(() => { location.hash = 'general'; });
  await expect(step(page, 0)).toBeVisible();
  await page.click('#to-app');
  await expect(message(page, 'tour')).toHaveCount(0);
  expect(await saved(page)).toBe(JSON.stringify({ id: 'tour', step: 0 }));
  await page.click('#to-settings');
  await expect(step(page, 0)).toBeVisible();
});

test('startTour with an unknown id warns and shows nothing', async ({ page, site }) => {
  const { warnings, errors } = watch(page);
  await openSite(page, site, THREE);
  await startTour(page, 'nope');
  await expect.poll(() => warnings.length).toBe(1);
  expect(warnings[0]).toMatch(/^\[herald\].*nope/);
  await expect(page.locator('[data-message-type="tour"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an event can start a tour; Intercom("hide") takes it off the screen', async ({ page, site }) => {
  const rules = site.ruleset('tour', rulesetOf(tourMessage(THREE, { when: { event: 'signed-up' } })));
  await page.goto(site.page('/app', { settings: { app_id: 'tours', sdk_url: '/sdk/messenger.js', ruleset_url: rules }, body: BODY, head: HEAD }));
  await sdkReady(page);
  await track(page, 'signed-up');
  await expect(step(page, 0)).toBeVisible();
  await page.evaluate(() => (window as any).Intercom('hide'));
  await expect(message(page, 'tour')).toHaveCount(0);
  expect(await saved(page)).toBeNull();
});

test('works under a strict Content-Security-Policy, styled by constructed sheets only', async ({ page, site }) => {
  const rules = site.ruleset('tour', rulesetOf(tourMessage(THREE)));
  const nonce = 'n0nc3';
  site.routes.set('/csp', {
    body: sitePage({
      nonce,
      settings: { app_id: 'tours', sdk_url: '/sdk/messenger.js', ruleset_url: rules },
      body: '<button id="upload">Upload</button><button id="share">Share</button>',
      before: "window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });",
    }),
    headers: { 'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'` },
  });
  await page.goto(site.url('/csp'));
  await sdkReady(page);
  await startTour(page);
  await expect(step(page, 0)).toBeVisible();
  await step(page, 0).locator('[data-action="next"]').click();
  await expect(step(page, 1)).toBeVisible();
  await expect(step(page, 1)).toHaveCSS('position', 'fixed');
  expect(await page.evaluate(() => document.getElementById('herald-messenger')!.shadowRoot!.querySelectorAll('style').length)).toBe(0);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
});

test('axe-core finds no serious or critical violation in an anchored or a centred step', async ({ page, site }) => {
  await openSite(page, site, THREE);
  await startTour(page);
  for (const n of [0, 1, 2]) {
    await expect(step(page, n)).toBeVisible();
    const results = await new AxeBuilder({ page }).include('#herald-messenger').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    if (n < 2) await step(page, n).locator('[data-action="next"]').click();
  }
});
