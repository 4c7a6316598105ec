import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, run by `npm start`.
import { startDemo } from '../demo/serve.mjs';

// Each widget type on the demo page. The README's pictures come from
// `UPDATE_SCREENS=1 npx playwright test e2e/screens.spec.ts` (docs/screens/);
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

const cases: [string, string, string, (page: import('@playwright/test').Page) => Promise<void>][] = [
  ['banner', 'upload', 'upload-finished', (page) => page.getByRole('button', { name: /Slow upload: a.png/ }).click()],
  ['chat', 'chat', 'slow-upload-chat', (page) => page.getByRole('button', { name: /Slow upload: a.png/ }).click()],
  ['post', 'post', 'shared-folders', async () => {}],
  ['tour', 'tour', 'filebox-tour', async (page) => {
    await expect(page.locator('[data-tour-step="0"]')).toBeVisible();
    await page.locator('[data-action="next"]').click();
  }],
];

for (const [type, ruleset, id, act] of cases) {
  test(`a ${type} on the demo page`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${origin}/?ruleset=${ruleset}`);
    await act(page);
    await expect(page.locator(`[data-message-id="${id}"]`).first()).toBeVisible();
    await page.screenshot({ path: `${out}/${type}.png` });
  });
}
