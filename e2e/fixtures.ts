import { test as base, type Browser } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../scripts/chromium-path.mjs';

export type CookieWorld = 'allowed' | 'blocked';

/** Chromium profile preference: 0 allows third-party cookies, 1 blocks them (no launch flag does this). */
const COOKIE_CONTROLS = { allowed: 0, blocked: 1 } as const;

/**
 * `browser` is replaced per cookie world: a Chromium launched on a profile whose preferences allow or
 * block third-party cookies. Contexts made from it (`browser.newContext()`, the `page` fixture) inherit it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const test = base.extend<{}, { cookieWorld: CookieWorld }>({
  cookieWorld: ['blocked', { option: true, scope: 'worker' }],
  browser: [
    async ({ playwright, cookieWorld }, use) => {
      const profile = mkdtempSync(join(tmpdir(), 'scdk-profile-'));
      mkdirSync(join(profile, 'Default'));
      const preferences = { profile: { cookie_controls_mode: COOKIE_CONTROLS[cookieWorld] } };
      writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
      const persistent = await playwright.chromium.launchPersistentContext(profile, {
        executablePath: findChromium(),
        headless: true,
      });
      const browser = persistent.browser() as Browser;
      await use(browser);
      await persistent.close();
      rmSync(profile, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
