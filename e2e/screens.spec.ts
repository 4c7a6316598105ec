import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, run by `npm start`.
import { startDemo } from '../demo/serve.mjs';

// Each widget type on the demo page, and the QA page as a whole. The README's pictures
// come from `UPDATE_SCREENS=1 npx playwright test e2e/screens.spec.ts` (docs/screens/);
// a plain run writes them to test-results/screens/.
const out = process.env.UPDATE_SCREENS ? 'docs/screens' : 'test-results/screens';

let server: Server;
let origin: string;
test.beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  server = await startDemo(0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const T0 = Date.parse('2026-12-01T10:00:00Z');
const slowUpload = (page: Page) => page.locator('#presets').getByRole('button', { name: /Slow upload, left the page/ }).click();

/** Clicks scroll the panel; the pictures show it from its top. */
const scrollPanelToTop = (page: Page) => page.evaluate(() => {
  for (const el of document.querySelectorAll('#qa, #qa .controls, #qa .inspect')) el.scrollTop = 0;
});

type Case = [type: string, ruleset: string, id: string, act: (page: Page) => Promise<void>];
const cases: Case[] = [
  ['banner', 'upload', 'upload-finished', slowUpload],
  ['chat', 'chat', 'slow-upload-chat', slowUpload],
  ['post', 'post', 'shared-folders', async () => {}],
  ['tour', 'tour', 'filebox-tour', async (page) => {
    await expect(page.locator('[data-tour-step="0"]')).toBeVisible();
    await page.locator('[data-action="next"]').click();
  }],
];
// Surveys, once demo/rulesets/survey.json is there: started from the panel.
const surveyFile = 'demo/rulesets/survey.json';
if (existsSync(surveyFile)) {
  const doc = JSON.parse(readFileSync(surveyFile, 'utf8')) as { messages: { id: string; type: string }[] };
  const survey = doc.messages.find((m) => m.type === 'survey');
  if (survey) cases.push(['survey', 'survey', survey.id, (page) => page.locator('#starters').getByRole('button', { name: new RegExp(`survey ${survey.id}`) }).click()]);
}

for (const [type, ruleset, id, act] of cases) {
  test(`a ${type} on the demo page`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.clock.setFixedTime(T0);
    await page.goto(`${origin}/?ruleset=${ruleset}`);
    await expect(page.locator('#ruleset-state')).toContainText(`${ruleset}.json`);
    await act(page);
    await expect(page.locator(`[data-message-id="${id}"]`).first()).toBeVisible();
    await scrollPanelToTop(page);
    await page.screenshot({ path: `${out}/${type}.png` });
  });
}

test('the QA page as a whole', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.clock.setFixedTime(T0);
  await page.goto(origin);
  await expect(page.locator('#ruleset-state')).toContainText('upload.json');
  const presets = page.locator('#presets');
  await presets.getByRole('button', { name: /Quick upload/ }).click();
  await expect(page.locator('#decisions > li')).toHaveCount(1);
  await slowUpload(page);
  await expect(page.locator('[data-message-id="upload-finished"]')).toBeVisible();
  await page.locator('[data-message-id="upload-finished"] [data-action="dismiss"]').click();
  await slowUpload(page);
  await expect(page.locator('#decisions > li')).toHaveCount(3);
  await page.getByRole('button', { name: '+1 hour' }).click();
  await slowUpload(page);
  await expect(page.locator('#decisions > li')).toHaveCount(4);
  await expect(page.locator('[data-message-id="upload-finished"]')).toBeVisible();
  // The frequency decision and the metadata one, opened onto their rules.
  await page.locator('#decisions > li').nth(1).getByRole('button', { name: /Rules/ }).click();
  await page.locator('#decisions > li').nth(3).getByRole('button', { name: /Rules/ }).click();
  await scrollPanelToTop(page);
  await page.screenshot({ path: `${out}/demo.png` });
});
