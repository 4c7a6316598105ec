import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { banner, decisionFor, expect, message, rulesetOf, sdkReady, test } from './fixtures';
import { DIST } from './server';

/** Bundles a loader page's script the way the site's own build would. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join('e2e/loaders', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
    // The package as npm would install it: its built ESM entry.
    alias: { 'herald-messenger': path.resolve('dist/esm/index.js') },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const page = (script: string, config: object) => `<!doctype html><html><head><title>loader</title></head>
<body><div id="root"></div><script>window.loaderConfig = ${JSON.stringify(config)};</script>
<script src="/app.js"></script></body></html>`;

const personalised = (id: string) => banner(id, {
  content: { body: '<p>{{event.file_name}} for {{user.name | fallback: "you"}}</p>', position: 'top', style: 'floating', dismissible: true },
});

test('@intercom/messenger-js-sdk loads Herald from widgetUrl and its queued calls reach it', async ({ page: tab, site }) => {
  const rules = site.ruleset('npm', rulesetOf(personalised('from-npm')));
  site.routes.set('/app.js', { body: await bundle('messenger-js-sdk.ts'), type: 'text/javascript' });
  site.routes.set('/', { body: page('/app.js', { ruleset_url: rules, widgetUrl: '/sdk/messenger.js' }) });
  await tab.goto(site.url('/'));
  await sdkReady(tab);
  expect(await decisionFor(tab, 'from-npm')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(tab, 'from-npm').locator('p')).toHaveText('from-npm.png for you');
  expect(await tab.evaluate(() => (window as any).viaPackage.getVisitorId())).toMatch(/^[0-9a-f]{32}$/);
});

test('react-use-intercom boots Herald served in place of Intercom\'s widget URL', async ({ page: tab, site }) => {
  const rules = site.ruleset('react', rulesetOf(personalised('from-react')));
  const warnings: string[] = [];
  tab.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  // The package always loads https://widget.intercom.io/widget/APP_ID: serve Herald there,
  // with its chunks beside it (cross-origin modules need CORS).
  await tab.route('https://widget.intercom.io/widget/**', (route) => {
    const rest = new URL(route.request().url()).pathname.replace(/^\/widget\//, '');
    const file = rest === 'react-app' ? 'messenger.js' : rest;
    route.fulfill({ body: readFileSync(path.join(DIST, file)), contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' } });
  });
  site.routes.set('/app.js', { body: await bundle('react-use-intercom.tsx'), type: 'text/javascript' });
  site.routes.set('/', { body: page('/app.js', { ruleset_url: site.url(rules) }) });
  await tab.goto(site.url('/'));
  await sdkReady(tab);
  expect(await decisionFor(tab, 'from-react')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(tab, 'from-react').locator('p')).toHaveText('from-react.png for Ada');
  expect(await tab.evaluate(() => (window as any).viaHook.getVisitorId())).toMatch(/^[0-9a-f]{32}$/);
  expect(warnings.filter((w) => w.startsWith('[herald]'))).toEqual([]);
});

test('the npm package: `import { Intercom }` from the ESM build, bundled by the site', async ({ page: tab, site }) => {
  const rules = site.ruleset('esm', rulesetOf(personalised('from-esm')));
  site.routes.set('/app.js', { body: await bundle('esm-import.ts'), type: 'text/javascript' });
  site.routes.set('/', { body: page('/app.js', { ruleset_url: rules }) });
  await tab.goto(site.url('/'));
  await expect.poll(() => tab.evaluate(() => (window as any).heraldDecisions?.length ?? 0)).toBeGreaterThan(0);
  expect(await decisionFor(tab, 'from-esm')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(tab, 'from-esm').locator('p')).toHaveText('esm.png for Grace');
  // The bundler's copy is its own: it does not take over window.Intercom.
  expect(await tab.evaluate(() => typeof (window as any).Intercom)).toBe('undefined');
});
