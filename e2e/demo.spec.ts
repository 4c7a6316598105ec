import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, run by `npm start`.
import { startDemo } from '../demo/serve.mjs';

let server: Server;
let origin: string;
test.beforeAll(async () => {
  server = await startDemo(0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const T0 = Date.parse('2026-12-01T10:00:00Z');

test('the demo shows the upload banner, then the hourly limit holding it back, across a reload', async ({ page }) => {
  await page.clock.setFixedTime(T0);
  await page.goto(origin);
  const banner = page.locator('[data-message-id="upload-finished"]');
  const decisions = page.locator('#decisions li');

  await page.getByRole('button', { name: /Quick upload/ }).click();
  await expect(decisions.first()).toHaveAttribute('data-reason', 'metadata');
  await expect(banner).toHaveCount(0);

  await page.getByRole('button', { name: /Slow upload: a.png/ }).click();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('a.png is uploaded. Thanks for waiting, Ada!');
  await expect(decisions.first()).toHaveAttribute('data-outcome', 'shown');
  await banner.locator('[data-action="dismiss"]').click();

  await page.clock.setFixedTime(T0 + 20 * 60_000);
  await page.reload();
  await page.getByRole('button', { name: /Slow upload: a.png/ }).click();
  await expect(decisions.first()).toHaveAttribute('data-reason', 'frequency');
  await expect(decisions.first()).toContainText('sent 20 minutes ago');
  await expect(banner).toHaveCount(0);

  await page.getByRole('button', { name: /new visitor/ }).click();
  await page.getByRole('button', { name: /Slow upload: a.png/ }).click();
  await expect(banner).toBeVisible();
});
