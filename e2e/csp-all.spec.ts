/**
 * Strict CSP (issue 5, point 5): every widget type, shown and used on a page served with
 * `default-src 'self'; script-src 'self' 'nonce-…'; style-src 'self'`, with each
 * sanitizer, raises no `securitypolicyviolation` at all. (e2e/csp.spec.ts: the banner.)
 */
import { existsSync } from 'node:fs';
import type { Message } from '../src/ruleset/types';
import { expect, message, rulesetOf, sdkReady, sitePage, test, track, watch } from './fixtures';

/** A 1×1 PNG, same origin: `img-src` falls back to `default-src 'self'`. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const HAS_SURVEY = existsSync('widgets/survey/index.tsx');

/** Authored HTML with what a strict CSP would report if it reached the page: styles of both kinds. */
const body = (type: string) => `<style>p { color: red }</style><p style="color: red">The <b style='font-weight:900'>${type}</b>, {{user.name}}.</p><p STYLE = color:red><img src="/img/a.png" alt="a picture"></p>`;

function messages(): Message[] {
  const list: Message[] = [
    { id: 'csp-banner', type: 'banner', when: { event: 'first' }, content: { body: body('banner'), position: 'top', style: 'inline', action: { label: 'Go', url: '/go' } } },
    {
      id: 'csp-post', type: 'post', when: { event: 'first' },
      content: { title: 'News', header_image_url: '/img/a.png', from: { name: 'Maya', avatar_url: '/img/a.png' }, body: body('post'), actions: [{ label: 'Try', url: '/try' }, { label: 'Later' }] },
    },
    {
      id: 'csp-tour', type: 'tour', when: { event: 'first' },
      content: { steps: [{ selector: '#target', title: 'Here', body: body('tour'), placement: 'right' }, { title: 'Centred', body: '<p>Last</p>' }] },
    },
    { id: 'csp-chat', type: 'chat', when: { event: 'second' }, content: { from: { name: 'Ada', avatar_url: '/img/a.png' }, body: body('chat'), reply: 'text' } },
  ];
  if (HAS_SURVEY) {
    list.push({
      id: 'csp-survey', type: 'survey', when: { event: 'third' },
      content: {
        intro: { title: 'Quick question', body: body('survey') },
        questions: [{ id: 'q1', type: 'rating', text: 'How was it?', scale: 5 }, { id: 'q2', type: 'text', text: 'Why?' }],
        thanks: { title: 'Thanks', body: '<p style="color:red">Thank you</p>' },
      },
    } as Message);
  }
  return list;
}

for (const [sanitizer, before] of [['the built-in sanitizer', ''], ['DOMPurify', 'delete Element.prototype.setHTML;']] as const) {
  test(`every widget type, shown and used under a strict CSP with ${sanitizer}: zero violations`, async ({ page, site }) => {
    const { errors } = watch(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const nonce = 'n0nc3-4ll';
    site.routes.set('/img/a.png', { body: PNG, type: 'image/png' });
    site.routes.set('/events', { status: 204 });
    const rules = site.ruleset('csp-all', rulesetOf(...messages()));
    site.routes.set('/csp', {
      body: sitePage({
        nonce,
        settings: { app_id: 'csp-all', sdk_url: '/sdk/messenger.js', ruleset_url: rules, events_url: '/events', name: 'Ada', action_color: '#00aa55', background_color: '#fafafa', z_index: 9000, alignment: 'left' },
        before: `${before} window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample); });`,
        body: '<main><h1>Strict</h1><p>Host page.</p><button id="target">Target</button></main>',
      }),
      headers: { 'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'` },
    });
    const violations = () => page.evaluate(() => (window as any).violations as string[]);
    await page.goto(site.url('/csp'));
    await sdkReady(page);

    // A banner, a post and a tour at once.
    await track(page, 'first');
    for (const id of ['csp-banner', 'csp-post', 'csp-tour']) await expect(message(page, id)).toBeVisible();
    for (const id of ['csp-banner', 'csp-post', 'csp-tour']) await expect(message(page, id).locator('b')).toHaveCount(1);
    await expect(message(page, 'csp-post').locator('.image')).toBeVisible();
    await expect(message(page, 'csp-banner').locator('[data-action="primary"]')).toHaveCSS('background-color', 'rgb(0, 170, 85)');
    // The post is modal: it goes first.
    await message(page, 'csp-post').locator('[data-action="secondary"]').click();
    await expect(message(page, 'csp-post')).toHaveCount(0);
    // The tour's first step is placed by Floating UI (inline style properties, allowed by CSP).
    const step = message(page, 'csp-tour').locator('[data-tour-step="0"]');
    await expect(step).toBeVisible();
    const target = (await page.locator('#target').boundingBox())!;
    const card = (await step.boundingBox())!;
    expect(card.x).toBeGreaterThan(target.x + target.width); // placed on the right of its target
    await step.locator('[data-action="next"]').click();
    await message(page, 'csp-tour').locator('[data-tour-step="1"] [data-action="done"]').click();
    await expect(message(page, 'csp-tour')).toHaveCount(0);
    await message(page, 'csp-banner').locator('[data-action="dismiss"]').click();
    await expect(message(page, 'csp-banner')).toHaveCount(0);

    // A chat, and a reply.
    await track(page, 'second');
    const chat = message(page, 'csp-chat');
    await expect(chat).toBeVisible();
    await expect(chat.locator('.avatar')).toBeVisible();
    await chat.locator('[data-part="reply"]').fill('Fine, thanks');
    await chat.locator('[data-action="send"]').click();
    await expect(chat.locator('.sent')).toContainText('Fine, thanks');
    await chat.locator('[data-action="dismiss"]').click();

    // A survey, answered to the end.
    if (HAS_SURVEY) {
      await track(page, 'third');
      const survey = message(page, 'csp-survey');
      await expect(survey).toBeVisible();
      await expect(survey.locator('b')).toHaveText('survey');
      await survey.locator('[data-action="start"]').click();
      await survey.locator('[data-answer="4"]').check({ force: true });
      await survey.locator('[data-action="next"]').click();
      await survey.locator('[data-part="answer"]').fill('Because');
      await survey.locator('[data-action="submit"]').click();
      await expect(survey).toContainText('Thank you');
      await survey.locator('[data-action="dismiss"]').click();
      await expect(survey).toHaveCount(0);
    }

    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    // Nothing in the page or the shadow root is styled by an attribute or a <style>.
    expect(await page.evaluate(() => {
      const root = document.getElementById('herald-messenger')!.shadowRoot!;
      return document.querySelectorAll('style, [style]').length + root.querySelectorAll('style').length;
    })).toBe(0);
    expect(site.requests.some((r) => r.path === '/sdk/widgets/purify.js')).toBe(before !== '');
  });
}
