import { defineConfig, type LaunchOptions } from '@playwright/test';

/**
 * E2E tests run in Debian's Chromium (Playwright cannot download browsers here).
 * Every request that is not to loopback goes to a dead proxy and fails at once.
 * e2e/bfcache.spec.ts launches it with the back/forward cache, which Playwright turns off.
 */
export const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--proxy-server=http://127.0.0.1:9',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry on CI, where a loaded machine can starve a test: a test that passes on retry
  // is still listed as flaky, with what its page said the first time (e2e/fixtures.ts).
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    launchOptions,
  },
});
