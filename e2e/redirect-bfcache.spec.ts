import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../scripts/chromium-path.mjs';
import { expect, test } from './fixtures';
import { mintToken, type Outcome } from './helpers';
import { PARTNER } from './origins';

declare global {
  interface Window {
    firstCall?: Promise<unknown>;
    firstOutcome?: Promise<Outcome>;
    restored?: boolean;
  }
}

// Issue 12 §3: the redirect fallback and the back-forward cache. Playwright launches Chromium with the
// cache off (--disable-back-forward-cache); users have it on, so this test launches its own Chromium
// with the default back on. Its default profile blocks third-party cookies: the redirect path.
// Blocked world only: runs once, in its own browser with the back-forward cache on.
test("fallback 'redirect': a page restored from the back-forward cache settles the call (5006), and the next call is a new one", { tag: '@blocked-only' }, async ({ request }) => {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    ignoreDefaultArgs: ['--disable-back-forward-cache', '--disable-popup-blocking'],
  });
  try {
    const page: Page = await browser.newPage();
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await page.goto(`${PARTNER}/e2e/blank.html`);
    await page.evaluate(() => addEventListener('pageshow', (event) => (window.restored = event.persisted)));
    const returnTo = `${PARTNER}/e2e/blank.html?returned=1`;
    // The page leaves for the platform, which logs out first-party and sends the user to returnTo.
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${returnTo}#`)),
      page.evaluate(
        ([t, to]) => {
          const sdk = harness.create(t, { fallback: 'redirect' });
          window.firstCall = sdk.brokerLogout({ returnTo: to });
          window.firstOutcome = harness.outcome(() => window.firstCall!);
          (window as unknown as { sdk: unknown }).sdk = sdk;
        },
        [token, returnTo] as const,
      ),
    ]);
    // Back: the first page comes back from the cache, its call still pending until pageshow says so.
    // A restore from the cache fires pageshow, not load.
    await page.goBack({ waitUntil: 'commit' });
    expect(page.url()).toBe(`${PARTNER}/e2e/blank.html`);
    expect(await page.evaluate(() => window.restored), 'restored from the back-forward cache').toBe(true);
    const outcome = await page.evaluate(() => window.firstOutcome!);
    expect(outcome.error?.code, JSON.stringify(outcome)).toBe(5006);
    expect(outcome.error?.message).toBe('redirect_incomplete');
    // The form that carried the token left the DOM at submit, before the page was cached.
    expect(await page.locator('form').count()).toBe(0);
    // The next call is a new one, not the dead promise: it leaves for the platform again.
    const [, isNewCall] = await Promise.all([
      page.waitForURL((url) => url.hash.includes('scdk_logout=')),
      page.evaluate(() => {
        const sdk = (window as unknown as { sdk: { brokerLogout(options?: object): Promise<unknown> } }).sdk;
        const next = sdk.brokerLogout();
        next.catch(() => {});
        return next !== window.firstCall;
      }),
    ]);
    expect(isNewCall).toBe(true);
  } finally {
    await browser.close();
  }
});
