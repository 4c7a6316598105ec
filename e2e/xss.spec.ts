/**
 * The XSS corpus (issue 5, point 4): every payload through every input path of every
 * widget type, with the browser's built-in sanitizer and with DOMPurify. A payload that
 * ran would set `top.pwned` and open an alert; a payload that got through would leave a
 * dangerous element, attribute or URL in the shadow root. Both are checked after each one.
 */
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Message } from '../src/ruleset/types';
import { expect, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';

/** What a payload runs, if it ever runs: a flag and a dialog. */
const code = (n: number) => `top.pwned=${n};alert(${n})`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The corpus: `§` is replaced by the payload's code. */
const CORPUS: [kind: string, payload: string][] = [
  // Breaking out of an attribute or an element.
  ['attribute', '"><img src=x onerror="§">'],
  ['attribute', "'><img src=x onerror='§'>"],
  ['attribute', '" onmouseover="§" autofocus onfocus="§" x="'],
  ['attribute', '"/><svg/onload=§>'],
  ['attribute', '</p></div></section><script>§</script><p>'],
  ['attribute', '<img src=x onerror=§//'],
  ['attribute', '<img/src=x/onerror=§>'],
  ['handler', '<details open ontoggle=§>x</details><video><source onerror=§></video><input autofocus onfocus=§>'],
  ['handler', '<a href="/ok" onclick="§" onmouseover="§">overlay</a><p onanimationstart=§>p</p>'],
  ['handler', '<body onload=§><marquee onstart=§>m</marquee><isindex type=image src=1 onerror=§>'],
  // javascript: in every disguise.
  ['javascript:', 'javascript:§'],
  ['javascript:', ' JaVaScRiPt:§'],
  ['javascript:', '\u0001\u0002javascript:§'],
  ['javascript:', 'java\tscr\nipt:§'],
  ['javascript:', 'javascript://%0A§'],
  ['javascript:', 'javascript:javascript:§'],
  ['javascript:', '<a href="javascript:§">a</a><a href="JAVASCRIPT:§">b</a>'],
  ['javascript:', '<a href="  &#x0A;javascript:§">c</a><a href="java&#x09;script:§">d</a>'],
  ['javascript:', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;§">e</a>'],
  ['javascript:', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A§">f</a>'],
  ['javascript:', '<a href="jav&NewLine;ascript&colon;§">g</a><a href="javascript&colon;§">h</a>'],
  ['javascript:', '<a href="\u0001java\u0000script:§">i</a><a href="jajavascript:vascript:§">j</a>'],
  ['javascript:', '<img src="javascript:§"><video poster="javascript:§"></video><blockquote cite="javascript:§">q</blockquote>'],
  ['javascript:', '<iframe src="javascript:§"></iframe><object data="javascript:§"></object><embed src="javascript:§">'],
  ['javascript:', '<form action="javascript:§"><button formaction="javascript:§">go</button></form>'],
  ['javascript:', '<table background="javascript:§"><tr><td background="javascript:§">t</td></tr></table>'],
  ['javascript:', '<svg><a xlink:href="javascript:§"><text>x</text></a></svg><math href="javascript:§">m</math>'],
  ['other schemes', 'vbscript:§'],
  ['other schemes', '<a href="vbscript:§">v</a><a href="file:///etc/passwd">f</a><a href="blob:https://site.test/x">b</a>'],
  // data: URIs.
  ['data:', `data:text/html;base64,${b64('<script>top.pwned=1</script>')}`],
  ['data:', '<a href="data:text/html,<script>§</script>">d</a>'],
  ['data:', `<img src="data:image/svg+xml;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg" onload="top.pwned=2"/>')}"><a href="DATA:text/html,x">D</a>`],
  ['data:', `<iframe src="data:text/html;base64,${b64('<script>top.pwned=3</script>')}"></iframe>`],
  // srcdoc, meta refresh, base, styles.
  ['srcdoc', '<iframe srcdoc="<script>§</script>"></iframe>'],
  ['srcdoc', '<iframe srcdoc="&lt;img src=x onerror=§&gt;"></iframe>'],
  ['meta', '<meta http-equiv="refresh" content="0;url=javascript:§">'],
  ['base', '<base href="javascript:§//"><a href="/x">relative</a><img src="y">'],
  ['styles', '<link rel="stylesheet" href="data:text/css,*{color:red}"><style>*{display:none}</style><p style="background:url(javascript:§)">s</p>'],
  ['srcset', '<img src="/ok.png" srcset="javascript:§ 1x"><picture><source srcset="javascript:§"></picture>'],
  // Mutation XSS: namespace confusion and odd parsing contexts.
  ['mutation', '<noscript><p title="</noscript><img src=x onerror=§>"></noscript>'],
  ['mutation', '<textarea><img src=x onerror=§></textarea><title><img src=x onerror=§></title>'],
  ['mutation', '<math><mtext><table><mglyph><style><img src=x onerror=§>'],
  ['mutation', '<svg></p><style><a id="</style><img src=x onerror=§>">'],
  ['mutation', '<svg><p><style><g title="</style><img src=x onerror=§>">'],
  ['mutation', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=§>'],
  ['mutation', '<svg><foreignObject><img src=x onerror=§></foreignObject></svg>'],
  ['mutation', '<table><a href=x>x<img src=x onerror=§></table>'],
  ['mutation', '<select><template><img src=x onerror=§></template></select><template><img src=x onerror=§></template>'],
  ['mutation', '<div><template shadowrootmode="open"><img src=x onerror=§><style>*{color:red}</style></template></div>'],
  ['mutation', '<svg><script>§</script></svg><svg><animate onbegin=§ attributeName=x dur=1s></svg>'],
  // DOM clobbering, inside the shadow root.
  ['clobbering', '<form name="herald"><input name="attributes"></form><img name="getElementById" src="/c.png"><a id="herald-messenger" name="cookie">c</a>'],
  ['clobbering', '<img id="herald-post-title" name="shadowRoot"><a id="defaultView" href="/x">d</a><p class="dismiss" data-action="dismiss">fake</p>'],
  ['clobbering', '<slot></slot><p slot="x" is="x-foo">s</p><label for="herald-chat-ac0-reply">l</label><a href="/x" aria-owns="herald-post-title" tabindex="1" accesskey="x" popover>r</a>'],
  // Template injection: values are text, never templates.
  ['template', '{{user.secret}}{{event.secret}}'],
  ['template', "{{constructor.constructor('§')()}}"],
  ['template', '{{event.p | fallback: "<img src=x onerror=§>"}}'],
  // Reverse tabnabbing.
  ['tabnabbing', '<a href="/ok" target="_top" rel="opener">top</a><a href="https://other.test/" target="x" rel="opener">new</a>'],
];
const PAYLOADS = CORPUS.map(([kind, p], n) => ({ n: n + 1, kind, payload: p.replaceAll('§', code(n + 1)) }));

const HAS_SURVEY = existsSync('widgets/survey/index.tsx');
const TYPES = ['banner', 'chat', 'post', 'tour', ...(HAS_SURVEY ? ['survey'] : [])];
/** Where each widget puts authored HTML. */
const AUTHORED_HTML = '.banner .body, .chat .bubble, .post .content, .tour-body, .survey .body';

/** The secret a template injection would reveal. */
const SECRET = 'S3CR3T-never-shown';

/** Where a value comes from: written in the ruleset, or a template filled from the event or the user. */
type Source = 'authored' | 'event' | 'user';

/** The paths of one source: every text, HTML and URL field of every widget type (15, and 3 with surveys). */
const PATHS = [
  'banner.body', 'banner.action.label', 'banner.action.url',
  'chat.body', 'chat.from.name', 'chat.from.avatar_url',
  'post.body', 'post.title', 'post.header_image_url', 'post.from.name', 'post.from.avatar_url', 'post.actions.label', 'post.actions.url',
  'tour.step.title', 'tour.step.body',
  ...(HAS_SURVEY ? ['survey.intro.title', 'survey.intro.body', 'survey.question.text'] : []),
];

/** The messages (one per type) that carry payload `n` of source `source`, on every path. */
function messagesFor(source: Source, n: number, payload: string): Message[] {
  const v = source === 'authored' ? payload : `{{${source}.p}}`;
  // A template goes in as content, and in attributes, quoted both ways.
  const html = source === 'authored' ? payload : `<p title="${v}">${v}</p><a href="${v}" title='${v}'>${v}</a><img src="${v}" alt="${v}">`;
  const when = { event: `${source}-${n}` };
  return [
    { id: `${source}-banner-${n}`, type: 'banner', when, content: { body: html, position: 'top', style: 'floating', action: { label: v, url: v } } },
    { id: `${source}-chat-${n}`, type: 'chat', when, content: { from: { name: v, avatar_url: v }, body: html, reply: 'text' } },
    { id: `${source}-post-${n}`, type: 'post', when, content: { title: v, body: html, header_image_url: v, from: { name: v, avatar_url: v }, actions: [{ label: v, url: v }, { label: 'second', url: v }] } },
    { id: `${source}-tour-${n}`, type: 'tour', when, content: { steps: [{ title: v, body: html }] } },
    // The intro shows first; the question on the next screen.
    ...(HAS_SURVEY ? [{ id: `${source}-survey-${n}`, type: 'survey', when, content: { intro: { title: v, body: html }, questions: [{ id: 'q1', type: 'text', text: v }] } } as Message] : []),
  ];
}

/** URLs for the tour step test: none may be followed. */
const URL_PAYLOADS = PAYLOADS.filter(({ kind, payload }) => ['javascript:', 'data:', 'other schemes'].includes(kind) && !payload.includes('<')).map(({ payload }) => payload);

/**
 * A Trusted Types page loads messenger.js with a script tag: the snippet cannot, since it
 * sets `script.src` from a string (a TrustedScriptURL sink; reported in issue 5's note).
 */
const trustedTypesPage = (before: string, settings: Record<string, unknown>) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TT</title>
<script>${before}
window.pwned = undefined; window.violations = [];
document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.sample); });
window.intercomSettings = ${JSON.stringify(settings)};</script>
<script src="/sdk/messenger.js"></script>
</head><body><main><h1>Trusted Types</h1></main></body></html>`;

const SANITIZERS = [
  ['the built-in sanitizer', ''],
  // Chromium has Element.setHTML; without it Herald falls back to DOMPurify.
  ['DOMPurify', 'delete Element.prototype.setHTML;'],
] as const;

async function openPage(page: Page, site: TestSite, source: Source, before: string) {
  const rules = site.ruleset('xss', rulesetOf(...PAYLOADS.flatMap(({ n, payload }) => messagesFor(source, n, payload))));
  for (const file of ['x', 'y', 'ok.png', 'c.png', 'i']) site.routes.set(`/${file}`, { status: 404 });
  await page.goto(site.page('/app', {
    before: `${before} window.pwned = undefined;`,
    settings: { app_id: 'xss', sdk_url: '/sdk/messenger.js', ruleset_url: rules, name: 'Ada', secret: SECRET },
    body: '<main><h1>Host</h1><p id="host">The host page.</p></main>',
  }));
  await sdkReady(page);
}

/**
 * Everything in the shadow root that should never be there, empty when all is well.
 * `expectText`: a template value, which must show as text, exactly.
 */
const findProblems = (page: Page, expectText: string | undefined) => page.evaluate(async ({ expectText, secret, AUTHORED }) => {
  const root = document.getElementById('herald-messenger')!.shadowRoot!;
  // Images that load or fail fire their events; let them, then a task more.
  await new Promise<void>((resolve) => {
    const check = () => ([...root.querySelectorAll('img')].every((img) => img.complete) ? resolve() : setTimeout(check, 0));
    check();
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const problems: string[] = [];
  const NEVER = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'meta', 'base', 'link', 'svg', 'math', 'template', 'noscript', 'slot', 'portal', 'fencedframe', 'title']);
  // The widgets' own controls: never from authored HTML.
  const NEVER_AUTHORED = new Set(['form', 'input', 'button', 'textarea', 'select', 'option', 'dialog', 'label', 'fieldset', 'legend', 'body', 'html', 'head']);
  const URLS = ['href', 'src', 'poster', 'cite', 'background', 'action', 'formaction', 'data', 'xlink:href', 'lowsrc', 'dynsrc', 'longdesc', 'codebase'];
  const BAD_ATTRIBUTES = ['style', 'srcdoc', 'srcset', 'formaction', 'action', 'xlink:href', 'ping', 'is', 'slot'];
  const AUTHORED_BAD = ['id', 'class', 'name', 'tabindex', 'autofocus', 'accesskey', 'contenteditable', 'popover', 'for', 'form', 'aria-owns', 'aria-labelledby', 'aria-describedby', 'aria-controls'];
  const authored = new Set<Element>([...root.querySelectorAll(AUTHORED)].flatMap((c) => [...c.querySelectorAll('*')]));
  const ids = new Set<string>();
  for (const el of root.querySelectorAll('*')) {
    const where = `<${el.localName}>${authored.has(el) ? ' (authored)' : ''}`;
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`${where} is not HTML (${el.namespaceURI})`);
    if (NEVER.has(el.localName)) problems.push(`${where} survived`);
    if (authored.has(el) && NEVER_AUTHORED.has(el.localName)) problems.push(`${where} survived`);
    if (el.shadowRoot) problems.push(`${where} has a shadow root`);
    for (const { name, value } of el.attributes) {
      if (name.startsWith('on')) problems.push(`${where} has a handler ${name}`);
      if (BAD_ATTRIBUTES.includes(name)) problems.push(`${where} has ${name}`);
      if (authored.has(el) && AUTHORED_BAD.includes(name)) problems.push(`${where} has ${name}="${value}"`);
      if (URLS.includes(name)) {
        let protocol = 'unparsable:';
        try { protocol = new URL(value, document.baseURI).protocol; } catch { /* reported */ }
        if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`${where} ${name}=${JSON.stringify(value)}`);
      }
    }
    if (el.id) {
      if (ids.has(el.id)) problems.push(`${where} has the id ${el.id}, taken already`);
      ids.add(el.id);
    }
    if ((el.localName === 'a' || el.localName === 'area') && el.hasAttribute('target') && el.getAttribute('rel') !== 'noopener noreferrer') problems.push(`${where} opens a tab with rel=${el.getAttribute('rel')}`);
  }
  // Inline handlers would run on a synthetic event; links are kept from navigating.
  const stop = (e: Event) => e.preventDefault();
  root.addEventListener('click', stop, true);
  for (const el of authored) {
    for (const type of ['click', 'mouseover', 'focus', 'toggle', 'error', 'load', 'animationstart']) el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
  }
  root.removeEventListener('click', stop, true);
  const text = root.textContent ?? '';
  if (expectText !== undefined) {
    const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '');
    for (const c of root.querySelectorAll(AUTHORED)) {
      if (!norm(c.textContent ?? '').includes(norm(expectText))) problems.push(`the value is not shown as text in ${c.className}: ${JSON.stringify(c.textContent)}`);
    }
    if (text.includes(secret)) problems.push('a template value was expanded again: the secret shows');
  }
  if ((window as any).pwned !== undefined) problems.push(`payload ${(window as any).pwned} ran`);
  (window as any).pwned = undefined; // each payload is told apart
  return problems;
}, { expectText, secret: SECRET, AUTHORED: AUTHORED_HTML });

for (const [sanitizer, before] of SANITIZERS) {
  for (const source of ['authored', 'event', 'user'] as const) {
    test(`${sanitizer}, ${source === 'authored' ? 'authored content' : `{{${source}.KEY}} templates`}: ${PAYLOADS.length} payloads × ${PATHS.length} paths, nothing runs, nothing dangerous survives`, async ({ page, site }) => {
      test.setTimeout(180_000);
      const { errors } = watch(page);
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await openPage(page, site, source, before);
      for (const { n, kind, payload } of PAYLOADS) {
        if (source === 'user') await page.evaluate((p) => (window as any).Intercom('update', { p }), payload);
        await track(page, `${source}-${n}`, source === 'event' ? { p: payload, secret: SECRET } : undefined);
        for (const type of TYPES) {
          await expect(page.locator(`[data-message-id="${source}-${type}-${n}"]`), `payload ${n} (${kind}): the ${type} shows`).toBeVisible();
        }
        expect.soft(await findProblems(page, source === 'authored' ? undefined : payload), `payload ${n} (${kind}) ${JSON.stringify(payload)}`).toEqual([]);
        if (HAS_SURVEY) {
          // The survey's question, on its next screen (a synthetic click: the post's modal dialog makes the rest inert).
          const survey = page.locator(`[data-message-id="${source}-survey-${n}"]`);
          await survey.locator('[data-action="start"]').dispatchEvent('click');
          await expect(survey.locator('[data-question-id="q1"]')).toBeVisible();
          expect.soft(await findProblems(page, source === 'authored' ? undefined : payload), `payload ${n} (${kind}), survey question`).toEqual([]);
        }
        await page.evaluate(() => (window as any).Intercom('hide'));
        await expect(page.locator('[data-message-id]')).toHaveCount(0);
      }
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
      expect(errors).toEqual([]);
      // The fallback is really what ran: DOMPurify's chunk is fetched only without setHTML.
      expect(site.requests.some((r) => r.path === '/sdk/widgets/purify.js')).toBe(before !== '');
    });
  }
}

test(`a tour step URL in any disguise is never followed: Next stays on the page (${URL_PAYLOADS.length} URLs, authored and {{event.KEY}})`, async ({ page, site }) => {
  const { errors } = watch(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const messages: Message[] = URL_PAYLOADS.flatMap((url, n) => ['authored', 'event'].map((source): Message => ({
    id: `${source}-steps-${n}`, type: 'tour', when: { event: `${source}-steps-${n}` },
    content: { steps: [{ title: 'One', body: '<p>one</p>' }, { title: 'Two', body: '<p>two</p>', url: source === 'event' ? '{{event.p}}' : url }] },
  })));
  const rules = site.ruleset('steps', rulesetOf(...messages));
  const at = site.page('/app', { before: 'window.pwned = undefined;', settings: { app_id: 'steps', sdk_url: '/sdk/messenger.js', ruleset_url: rules } });
  await page.goto(at);
  await sdkReady(page);
  for (const [n, url] of URL_PAYLOADS.entries()) {
    for (const source of ['authored', 'event']) {
      await track(page, `${source}-steps-${n}`, { p: url });
      const tour = page.locator(`[data-message-id="${source}-steps-${n}"]`);
      await tour.locator('[data-action="next"]').click();
      // An unusable URL makes a step that shows anywhere: here, at once.
      await expect(tour.locator('[data-tour-step="1"]')).toBeVisible();
      await tour.locator('[data-action="done"]').click();
      await expect(tour).toHaveCount(0);
    }
  }
  expect(page.url()).toBe(at);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

/** One message of every type, each with sanitized HTML in it, triggered by `show-all`. */
function everyType(): Message[] {
  const when = { event: 'show-all' };
  const body = (type: string) => `<p>The <b>${type}</b> body <img src="/x" onerror="top.pwned=1"><a href="javascript:top.pwned=2">link</a></p>`;
  const messages: Message[] = [
    { id: 'tt-banner', type: 'banner', when, content: { body: body('banner'), action: { label: 'Go', url: '/go' } } },
    { id: 'tt-chat', type: 'chat', when, content: { from: { name: 'Ada' }, body: body('chat') } },
    { id: 'tt-post', type: 'post', when, content: { title: 'Post', body: body('post'), actions: [{ label: 'Try', url: '/try' }] } },
    { id: 'tt-tour', type: 'tour', when, content: { steps: [{ title: 'Tour', body: body('tour') }] } },
  ];
  if (HAS_SURVEY) {
    messages.push({ id: 'tt-survey', type: 'survey', when, content: { intro: { title: 'Survey', body: body('survey') }, questions: [{ id: 'q1', type: 'rating', text: 'How was it?' }] } } as Message);
  }
  return messages;
}

const TRUSTED_TYPES = [
  ['the built-in sanitizer', '', ''],
  // DOMPurify makes a policy named "dompurify": allowed by the page's CSP.
  ['DOMPurify', 'delete Element.prototype.setHTML;', ''],
  // The page uses DOMPurify too: with 'allow-duplicates', both make their policy.
  ['DOMPurify beside the page\'s own DOMPurify policy', "delete Element.prototype.setHTML; trustedTypes.createPolicy('dompurify', { createHTML: function (s) { return s; } });", " 'allow-duplicates'"],
] as const;

for (const [sanitizer, before, duplicates] of TRUSTED_TYPES) {
  test(`a page that enforces Trusted Types shows every widget type, ${sanitizer}: bodies sanitized, nothing throws, no violation`, async ({ page, site }) => {
    const { errors, warnings } = watch(page);
    const rules = site.ruleset('tt', rulesetOf(...everyType()));
    site.routes.set('/x', { status: 404 });
    site.routes.set('/tt', {
      body: trustedTypesPage(before, { app_id: 'tt', ruleset_url: rules }),
      headers: { 'content-security-policy': `require-trusted-types-for 'script'; trusted-types dompurify${duplicates}` },
    });
    await page.goto(site.url('/tt'));
    await sdkReady(page);
    await track(page, 'show-all');
    for (const m of everyType()) {
      const el = page.locator(`[data-message-id="${m.id}"]`);
      await expect(el, m.type).toBeVisible();
      await expect(el.locator('b'), m.type).toHaveText(m.type);
      await expect(el.locator('[onerror], a[href^="javascript"]'), m.type).toHaveCount(0);
    }
    await page.evaluate(() => (window as any).Intercom('hide'));
    await expect(page.locator('[data-message-id]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
}

test('Trusted Types with the "dompurify" policy name already taken (no \'allow-duplicates\'): DOMPurify cannot parse, bodies are left out with one warning, nothing throws', async ({ page, site }) => {
  const { errors, warnings } = watch(page);
  const rules = site.ruleset('tt', rulesetOf(...everyType()));
  site.routes.set('/tt', {
    body: trustedTypesPage("delete Element.prototype.setHTML; trustedTypes.createPolicy('dompurify', { createHTML: function (s) { return s; } });", { app_id: 'tt', ruleset_url: rules }),
    headers: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types dompurify" },
  });
  await page.goto(site.url('/tt'));
  await sdkReady(page);
  await track(page, 'show-all');
  for (const m of everyType()) {
    const el = page.locator(`[data-message-id="${m.id}"]`);
    await expect(el, m.type).toBeVisible();
    await expect(el.locator('b'), m.type).toHaveCount(0);
  }
  expect(warnings.filter((w) => /could not be sanitized/.test(w))).toHaveLength(1);
  expect(errors).toEqual([]);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
});
