import { test as base, type Browser } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoOnFreePorts } from '../demo/start.mjs';
import { findChromium } from '../scripts/chromium-path.mjs';
import { assertOwnFeaturesKept, SUITE_CHROMIUM_ARGS } from './chromium-args';
import { PARTNER, PLATFORM, useDemoPorts } from './origins';
import { grantStorageAccess } from './storage-access';
import { tokenHygieneFixture, type TokenHygiene } from './token-hygiene';

/**
 * - allowed: third-party cookies allowed (most desktop Chrome users): the hidden iframe reaches the session.
 * - blocked: blocked (Safari, Firefox, incognito, this headless Chromium's default): fallbacks must work.
 * - storage-access: blocked, but Storage Access was granted for the partner/platform pair.
 */
export type CookieWorld = 'allowed' | 'blocked' | 'storage-access';

/** Chromium profile preference: 0 allows third-party cookies, 1 blocks them (no launch flag does this). */
const COOKIE_CONTROLS = { allowed: 0, blocked: 1, 'storage-access': 1 } as const;

/** Whether the hidden bridge iframe can reach the platform's cookies in this world. */
export function iframeReachesCookies(world: CookieWorld): boolean {
  return world !== 'blocked';
}

/**
 * Token hygiene for every e2e test (auto): no token in a request URL or console output, no SDK or bridge
 * message posted with targetOrigin '*'. See e2e/token-hygiene.ts.
 */
const hygienic = base.extend<{ tokenHygiene: TokenHygiene }>({
  tokenHygiene: [tokenHygieneFixture, { auto: true }],
});

export const test = hygienic.extend<object, { cookieWorld: CookieWorld; demo: void }>({
  cookieWorld: ['blocked', { option: true, scope: 'worker' }],
  /**
   * This worker's own partner demo and mock platform, on free ports (auto: set up before the worker's
   * first test), so workers run side by side without sharing sessions, faults or held requests.
   */
  demo: [
    async ({}, use) => {
      const demo = await startDemoOnFreePorts();
      useDemoPorts(Number(new URL(demo.partner.origin).port), Number(new URL(demo.platform.origin).port));
      await use();
      await demo.close();
    },
    { scope: 'worker', auto: true },
  ],
  /**
   * Replaced per cookie world: a Chromium launched on a profile whose preferences allow or block
   * third-party cookies. Contexts made from it (`browser.newContext()`, the `page` fixture) inherit it.
   * Playwright turns Chromium's popup blocker off by default; it is back on here, as for real users.
   */
  browser: [
    async ({ playwright, cookieWorld }, use) => {
      const profile = mkdtempSync(join(tmpdir(), 'scdk-profile-'));
      mkdirSync(join(profile, 'Default'));
      const preferences = { profile: { cookie_controls_mode: COOKIE_CONTROLS[cookieWorld] } };
      writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
      const persistent = await playwright.chromium.launchPersistentContext(profile, {
        executablePath: findChromium(),
        headless: true,
        ignoreDefaultArgs: ['--disable-popup-blocking'],
        args: SUITE_CHROMIUM_ARGS,
      });
      await assertOwnFeaturesKept(persistent);
      const browser = persistent.browser() as Browser;
      await use(browser);
      await persistent.close();
      rmSync(profile, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  context: async ({ context, browser, cookieWorld }, use) => {
    const revoke = cookieWorld === 'storage-access' ? await grantStorageAccess(browser, context, PARTNER, PLATFORM) : null;
    await use(context);
    await revoke?.();
  },
});

export { expect } from '@playwright/test';
