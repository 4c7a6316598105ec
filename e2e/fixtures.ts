import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Decision } from '../src/engine/types';
import type { Message, Ruleset } from '../src/ruleset/types';
import { DIST, startSite, type Route, type Site } from './server';

export { expect };

/** The install snippet, as the README tells site owners to paste it. */
export const snippet = () => readFileSync(path.join(DIST, 'snippet.js'), 'utf8');

export interface PageOptions {
  settings: Record<string, unknown>;
  /** Script run before the settings (inline, as the site's own code). */
  before?: string;
  /** Script run right after the snippet, before the SDK has loaded. */
  after?: string;
  body?: string;
  head?: string;
  nonce?: string;
}

/** Records every decision into `window.heraldDecisions`, queued before the SDK loads. */
export const RECORD_DECISIONS = `window.heraldDecisions = []; Intercom('onDecision', function (d) { heraldDecisions.push(d); });`;

/** A page that installs Herald the documented way: settings, then the inline snippet. */
export function sitePage({ settings, before = '', after = RECORD_DECISIONS, body = '<main><h1>Test site</h1><p>Content</p></main>', head = '', nonce }: PageOptions): string {
  const n = nonce ? ` nonce="${nonce}"` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test site</title>${head}
<script${n}>${before}
window.intercomSettings = ${JSON.stringify(settings)};</script>
<script${n}>${snippet()}</script>
<script${n}>${after}</script>
</head><body>${body}</body></html>`;
}

export interface TestSite extends Site {
  /** Serves a ruleset at /rules/NAME.json and returns its path. */
  ruleset(name: string, doc: Ruleset | unknown, extra?: Route): string;
  /** Serves a site page and returns its URL. */
  page(p: string, options: PageOptions): string;
}

export const test = base.extend<{ site: TestSite; diagnostics: void }>({
  /**
   * On every test: what the page said (warnings, errors, uncaught exceptions, failed
   * requests), printed when the test fails, so a failure on CI explains itself.
   */
  diagnostics: [async ({ page }, use, testInfo) => {
    const lines: string[] = [];
    const at = () => `${Math.round(performance.now() - started)}ms`;
    const started = performance.now();
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') lines.push(`${at()} console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => lines.push(`${at()} uncaught: ${String(e)}`));
    page.on('requestfailed', (r) => lines.push(`${at()} request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => { if (r.status() >= 400) lines.push(`${at()} ${r.status()} ${r.url()}`); });
    await use();
    if (testInfo.status !== testInfo.expectedStatus && lines.length) {
      console.log(`--- what the page said (${testInfo.title}) ---\n${lines.join('\n')}`);
    }
  }, { auto: true }],
  site: async ({}, use) => {
    const site = await startSite();
    const extended: TestSite = Object.assign(site, {
      ruleset(name: string, doc: unknown, extra: Route = {}) {
        const p = `/rules/${name}.json`;
        site.routes.set(p, { body: JSON.stringify(doc), type: 'application/json', ...extra });
        return p;
      },
      page(p: string, options: PageOptions) {
        site.routes.set(p, { body: sitePage(options) });
        return site.url(p);
      },
    });
    await use(extended);
    await site.close();
  },
});

/** A banner triggered by `uploaded-file`, as in the seed scenario. */
export function banner(id: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    type: 'banner',
    when: { event: 'uploaded-file' },
    content: { body: `<p>Banner ${id}</p>`, position: 'top', style: 'floating', dismissible: true },
    ...overrides,
  };
}

export const rulesetOf = (...messages: Message[]): Ruleset => ({ version: 1, messages });

export const message = (page: Page, id: string) => page.locator(`[data-message-id="${id}"]`);

/** Waits until the SDK has replaced the snippet's queue and answers calls. */
export async function sdkReady(page: Page) {
  await expect.poll(() => page.evaluate(() => typeof (window as any).Intercom?.herald === 'string'), { timeout: 10_000 }).toBe(true);
}

export const track = (page: Page, name: string, metadata?: Record<string, unknown>) =>
  page.evaluate(([n, m]) => (window as any).Intercom('trackEvent', n, m), [name, metadata] as const);

export const decisions = (page: Page): Promise<Decision[]> => page.evaluate(() => (window as any).heraldDecisions ?? []);

/** Waits for a decision about `messageId` and returns it. */
export async function decisionFor(page: Page, messageId: string, match: Partial<Decision> = {}): Promise<Decision> {
  let found: Decision | undefined;
  await expect.poll(async () => {
    found = (await decisions(page)).find((d) => d.message_id === messageId && Object.entries(match).every(([k, v]) => (d as any)[k] === v));
    return !!found;
  }, { message: `a decision for ${messageId} like ${JSON.stringify(match)}` }).toBe(true);
  return found!;
}

/** Collects uncaught errors and `[herald]` warnings of a page. */
export function watch(page: Page) {
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'warning' && m.text().startsWith('[herald]')) warnings.push(m.text()); });
  return { errors, warnings };
}
