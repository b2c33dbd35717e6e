import { defineConfig } from '@playwright/test';
import type { CookieWorld } from './e2e/fixtures';
import { PARTNER_PORT, PLATFORM_PORT } from './e2e/origins';

/**
 * Pure-logic unit tests, and the e2e suite in three cookie worlds: third-party cookies allowed (most
 * desktop Chrome users), blocked (Safari, Firefox, incognito, this headless Chromium's default), and
 * blocked with Storage Access granted for the partner/platform pair.
 */
export default defineConfig<{ cookieWorld: CookieWorld }>({
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [[process.env.CI ? 'line' : 'list'], ['./e2e/summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    // NOTE: no tracing. Its DOM snapshots run as script with a user gesture, which gives every page a
    // click it never had and makes "no click" tests (popup blocking, activation expiry) pass falsely.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'unit', testDir: 'test/unit' },
    { name: 'cookies-allowed', testDir: 'e2e', use: { cookieWorld: 'allowed' } },
    { name: 'cookies-blocked', testDir: 'e2e', use: { cookieWorld: 'blocked' } },
    { name: 'storage-access', testDir: 'e2e', use: { cookieWorld: 'storage-access' } },
  ],
  webServer: {
    command: 'node demo/start.mjs',
    url: `http://127.0.0.1:${PLATFORM_PORT}/api/session`,
    env: { PARTNER_PORT: String(PARTNER_PORT), PLATFORM_PORT: String(PLATFORM_PORT) },
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
