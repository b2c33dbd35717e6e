import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loginOnPlatform, openClickPage, platformSession } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Chromium stand-ins for a partner page inside an app (issue 22), beside the WebKitGTK host-app journeys
// (e2e-apps/). They stand for what apps do with window.open, as documented by the platforms: an app's
// user agent, and init scripts that make window.open behave as an app's web view does. They cannot prove
// what a real Android WebView or in-app browser does beyond that. Each checks the platform's own session:
// no path may end with a success while it lives, or with the user left on a platform page.

/** Android System WebView's user agent: "; wv)" marks it (src/sdk/embedded.ts). */
const ANDROID_WEBVIEW_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.0.0 Mobile Safari/537.36';
const LOGGED_OUT = { loggedIn: false, accountId: null };
const LOGGED_IN = { loggedIn: true, accountId: 'AB1234' };
const SUCCESS = /^(returned )?success \{"success":true,"hadSession":true\}$/;

/** Where the stand-in counts window.open calls: sessionStorage, so the count survives the redirect's round trip. */
const OPENS_KEY = 'scdk-e2e-opens';

/** What window.open does in the app this stands for; each call is counted under OPENS_KEY. */
type OpenBehaviour = 'real' | 'null' | 'navigate-null' | 'navigate-window';

async function standIn(page: Page, behaviour: OpenBehaviour): Promise<void> {
  await page.addInitScript(([how, key]) => {
    const real = window.open.bind(window);
    window.open = (url?: string | URL, target?: string, features?: string) => {
      sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key)) + 1));
      if (how === 'real') return real(url, target, features);
      // An app that loads a window's URL in its own view (Android's default; some iOS apps).
      if (how !== 'null' && url) location.assign(String(url));
      return how === 'navigate-window' ? window : null;
    };
  }, [behaviour, OPENS_KEY] as const);
}

async function clickLogout(page: Page, fallback: string): Promise<void> {
  await openClickPage(page, `?fallback=${fallback}`);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
}

/** Logged out by the platform, and the user back on the partner page with the result. */
async function expectLoggedOutAndBack(page: Page): Promise<void> {
  await expect(page.locator('#result')).toHaveText(SUCCESS);
  expect(page.url().startsWith(`${PARTNER}/e2e/click-logout.html`)).toBe(true);
  expect(await platformSession(page.context())).toEqual(LOGGED_OUT);
}

test.describe('in an app, one world is enough', { tag: '@any-world' }, () => {
  test.beforeEach(async ({ context }) => loginOnPlatform(context, 'AB1234'));

  test.describe('the Android WebView user agent', () => {
    test.use({ userAgent: ANDROID_WEBVIEW_UA });

    test("'auto' redirects and never calls window.open; the platform session ends", async ({ page }) => {
      await standIn(page, 'real');
      await clickLogout(page, 'auto');
      await expectLoggedOutAndBack(page);
      expect(await page.evaluate((key) => sessionStorage.getItem(key), OPENS_KEY)).toBeNull();
    });
  });

  test("open returns null (popups refused): 'auto' logs out without a window, 'popup' says 5004 and keeps the session", async ({ page }) => {
    await standIn(page, 'null');
    await clickLogout(page, 'popup');
    await expect(page.locator('#result')).toHaveText(/^error 5004 popup_blocked/);
    expect(await platformSession(page.context())).toEqual(LOGGED_IN);
    await clickLogout(page, 'auto');
    await expectLoggedOutAndBack(page);
  });

  for (const behaviour of ['navigate-null', 'navigate-window'] as const) {
    test(`open navigates the page and returns ${behaviour === 'navigate-null' ? 'null' : 'a window'}: 'auto' never reports a false success or strands the user`, async ({ page }) => {
      await standIn(page, behaviour);
      await clickLogout(page, 'auto');
      // Wherever the page ends up: logged out and back on the partner page, or on the window page that
      // says nothing was changed (and offers the way back) with the session kept.
      // The page may start to navigate late (Chromium asks the frame first, then calls window.open), so
      // each look reads the page as it is at that moment, without waiting for an element that may be
      // navigating away; a look during a navigation says so and the poll looks again.
      await expect.poll(async () => {
        const seen = await page
          .evaluate(() => ({ url: location.href, main: document.querySelector('main')?.innerText ?? '', result: document.querySelector('#result')?.textContent ?? '' }))
          .catch(() => null);
        if (!seen) return 'navigating';
        const session = await platformSession(page.context());
        if (seen.url.startsWith(`${PLATFORM}/scdk/v1/window`)) {
          return /nothing was changed/.test(seen.main) && session.loggedIn ? 'not a window, session kept' : `window page: ${seen.main}`;
        }
        if (SUCCESS.test(seen.result)) return session.loggedIn ? 'false success' : 'logged out';
        return seen.result ? `${seen.result}, loggedIn ${session.loggedIn}` : 'waiting';
      }, { timeout: 15_000 }).toMatch(/^(logged out|not a window, session kept)$/);
    });
  }
});
