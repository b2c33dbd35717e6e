import { defineConfig } from '@playwright/test';
import type { CookieWorld } from './e2e/fixtures';
import { PARTNER_PORT, PLATFORM_PORT } from './e2e/origins';

/**
 * Three projects: pure-logic unit tests, and the e2e suite twice — once in a browser that allows
 * third-party cookies (most desktop Chrome users) and once in one that blocks them (Safari, Firefox,
 * incognito, and this headless Chromium's default).
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
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'unit', testDir: 'test/unit' },
    { name: 'cookies-allowed', testDir: 'e2e', use: { cookieWorld: 'allowed' } },
    { name: 'cookies-blocked', testDir: 'e2e', use: { cookieWorld: 'blocked' } },
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
