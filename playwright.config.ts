import { defineConfig } from '@playwright/test';
import type { CookieWorld } from './e2e/fixtures';
import { tagsNotIn } from './e2e/world-tags';

/**
 * Pure-logic unit tests, and the e2e suite in three cookie worlds: third-party cookies allowed (most
 * desktop Chrome users), blocked (Safari, Firefox, incognito, this headless Chromium's default), and
 * blocked with Storage Access granted for the partner/platform pair.
 *
 * Workers run side by side, each with its own demo servers on free ports (e2e/fixtures.ts). Tags shape a run:
 * - The world tags (e2e/world-tags.ts): `@any-world` (the test's behaviour cannot depend on the cookie world,
 *   so it runs once, in the blocked world), `@blocked-only`, `@iframe-reaches-cookies`, `@allowed-only`. A
 *   project leaves out the tests not meant for its world; each tagged test says why in a comment.
 * - `@solo`: the test needs the machine, or a port, to itself. `npm test` (scripts/run-tests.mjs) runs
 *   the suite in two passes: SCDK_PASS=parallel leaves these out, SCDK_PASS=solo runs only them, on one
 *   worker. Without SCDK_PASS (a plain `npx playwright test`) everything runs in one parallel pass.
 */

/**
 * The suite is CPU-bound on a 2-core machine: one worker keeps about one core busy (Chromium makes a
 * context, pages and frames for every test). Measured: 2 workers, 15.4 min for the parallel pass on a fresh
 * clone, green; 3 workers, no faster and one failure; 4 workers (before e2e/chromium-args.ts), 23.4 min with
 * two timing tests past their margins. Again at 2026-12-08 (one project, cookies-allowed, alone): 180 s on
 * 2 workers, 193 s on 3.
 */
const DEFAULT_WORKERS = 2;
const SOLO = /@solo\b/;
const pass = process.env.SCDK_PASS;
if (pass !== undefined && pass !== 'parallel' && pass !== 'solo') {
  throw new Error(`SCDK_PASS must be "parallel" or "solo" (or unset); got "${pass}".`);
}

function workers(): number {
  if (pass === 'solo') return 1;
  const asked = process.env.PLAYWRIGHT_WORKERS;
  if (asked === undefined || asked === '') return DEFAULT_WORKERS;
  const count = Number(asked);
  if (!Number.isInteger(count) || count < 1) throw new Error(`PLAYWRIGHT_WORKERS must be a whole number from 1; got "${asked}".`);
  return count;
}

/** Which tests a project runs in this pass. */
function selection(world: CookieWorld | null): { grep?: RegExp; grepInvert?: RegExp[] } {
  const invert: RegExp[] = [];
  if (world !== null) invert.push(...tagsNotIn(world).map((tag) => new RegExp(`${tag}\\b`)));
  if (pass === 'parallel') invert.push(SOLO);
  return { ...(pass === 'solo' ? { grep: SOLO } : {}), ...(invert.length ? { grepInvert: invert } : {}) };
}

export default defineConfig<{ cookieWorld: CookieWorld }>({
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: workers(),
  // A hang catcher, not a time limit: with workers side by side on two cores a heavy test (20 logouts through
  // platform windows) can take 3x its time alone, so 60 s leaves room over the slowest seen (22 s alone).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [[process.env.CI ? 'line' : 'list'], ['./e2e/summary-reporter.ts']],
  // Each run empties its outputDir: the solo pass gets its own, so the parallel pass's failure evidence stays.
  outputDir: pass === 'solo' ? 'test-results/solo' : 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    // NOTE: no tracing. Its DOM snapshots run as script with a user gesture, which gives every page a
    // click it never had and makes "no click" tests (popup blocking, activation expiry) pass falsely.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'unit', testDir: 'test/unit', ...selection(null) },
    { name: 'cookies-allowed', testDir: 'e2e', use: { cookieWorld: 'allowed' }, ...selection('allowed') },
    { name: 'cookies-blocked', testDir: 'e2e', use: { cookieWorld: 'blocked' }, ...selection('blocked') },
    { name: 'storage-access', testDir: 'e2e', use: { cookieWorld: 'storage-access' }, ...selection('storage-access') },
  ],
});
