import { banner, expect, message, rulesetOf, sdkReady, sitePage, test, track } from './fixtures';

test('works under a strict Content-Security-Policy with zero violations', async ({ page, site }) => {
  const rules = site.ruleset('csp', rulesetOf(banner('csp', {
    content: { body: '<style>p { color: red }</style><p style="color: red">Strict <b style=\'font-weight:900\'>CSP</b></p><p STYLE = color:red>x</p>', position: 'top', style: 'inline', action: { label: 'Go', url: '/go' } },
  })));
  const nonce = 'n0nc3';
  site.routes.set('/csp', {
    body: sitePage({
      nonce,
      settings: { app_id: 'csp', sdk_url: '/sdk/messenger.js', ruleset_url: rules, action_color: '#00aa55' },
      before: "window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });",
    }),
    headers: { 'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self'` },
  });
  await page.goto(site.url('/csp'));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'csp')).toBeVisible();
  await expect(message(page, 'csp').locator('[data-action="primary"]')).toHaveCSS('background-color', 'rgb(0, 170, 85)');
  await message(page, 'csp').locator('[data-action="dismiss"]').click();
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
});

test('the snippet installs Herald on a page that enforces Trusted Types (policy "herald")', async ({ page, site }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const rules = site.ruleset('tt', rulesetOf(banner('tt', { content: { body: '<p>Trusted <b>types</b></p>' } })));
  const nonce = 'tt0nce';
  site.routes.set('/tt', {
    body: sitePage({ nonce, settings: { app_id: 'tt', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }),
    headers: { 'content-security-policy': `script-src 'self' 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types herald dompurify` },
  });
  await page.goto(site.url('/tt'));
  await sdkReady(page);
  await track(page, 'uploaded-file');
  await expect(message(page, 'tt').locator('b')).toHaveText('types');
  expect(errors).toEqual([]);
});
