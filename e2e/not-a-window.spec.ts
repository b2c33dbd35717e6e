import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loginOnPlatform, openClickPage, openPartnerPage, platformSession } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// The platform window page loaded without an opener: what an app's web view does with a requested
// window's URL when it has no window handler of its own (Android WebView's default loads it in place of
// the partner page). The page must say that nothing happened, offer the way back, and change nothing.
// What this cannot prove: how a real Android WebView or WKWebView behaves (see e2e-apps/ for WebKitGTK,
// WKWebView's engine, in a real host app); here Chromium stands in, with window.open replaced below.

const LOGGED_IN = { loggedIn: true, accountId: 'AB1234' };
const windowUrl = (query = ''): string => `${PLATFORM}/scdk/v1/window?gateway=demo${query}`;
const NOTICE = /cannot open the Demo Broker window, so nothing was changed: you were not logged out/;
/** What the page says while it works as a real window: it must not say this when it has no opener. */
const WORKING = /closes by itself/;

/** The partner page navigates itself to the window page (as a web view does with window.open), no opener. */
async function navigateInPlace(page: Page, url: string): Promise<void> {
  await openPartnerPage(page);
  await page.evaluate((target) => location.assign(target), url);
  await page.waitForURL(`${PLATFORM}/scdk/v1/window**`);
}

test('without an opener, the window page says nothing was changed, goes back to the partner page, and keeps the session', { tag: '@any-world' }, async ({ page, context }) => {
  // Any world: the window page is first party on the platform, and no bridge or iframe is involved.
  await loginOnPlatform(context, 'AB1234');
  await navigateInPlace(page, windowUrl());
  await expect(page.getByRole('status')).toHaveText(NOTICE);
  await expect(page.getByText(WORKING)).toHaveCount(0);
  await page.getByRole('button', { name: 'Go back' }).click();
  await expect(page).toHaveURL(`${PARTNER}/e2e/blank.html`);
  expect(await platformSession(context)).toEqual(LOGGED_IN);
});

test('without an opener, a trusted returnTo is the way back, an untrusted one is ignored', { tag: '@any-world' }, async ({ page }) => {
  // Any world: as above.
  const trusted = `${PARTNER}/e2e/blank.html?back=1`;
  await navigateInPlace(page, windowUrl(`&returnTo=${encodeURIComponent(trusted)}`));
  await expect(page.getByRole('link', { name: 'Back to the previous page' })).toHaveAttribute('href', trusted);
  await page.getByRole('link', { name: 'Back to the previous page' }).click();
  await page.waitForURL(trusted);

  await navigateInPlace(page, windowUrl(`&returnTo=${encodeURIComponent('https://evil.example/')}`));
  await expect(page.getByRole('status')).toHaveText(NOTICE);
  // The way back only: the platform's own page layout may hold links of its own (the mock's banner does).
  await expect(page.getByRole('link', { name: 'Back to the previous page' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Go back' })).toBeVisible();
});

test('a window page anyone can link to logs nobody out', { tag: '@any-world' }, async ({ page, context }) => {
  // Any world: as above.
  await loginOnPlatform(context, 'AB1234');
  await page.goto(windowUrl());
  await expect(page.getByRole('status')).toHaveText(NOTICE);
  expect(await platformSession(context)).toEqual(LOGGED_IN);
});

// Blocked world only: where the iframe reaches the cookies the logout may need no window at all.
test("a default ('popup') logout in a view that loads windows in place ends on the notice, goes back, session kept", { tag: '@blocked-only' }, async ({ page, context }) => {
  // The stand-in for Android WebView's default: window.open navigates the page itself and gives no window.
  await page.addInitScript(() => {
    window.open = (url?: string | URL) => {
      if (url !== undefined) location.assign(url);
      return null;
    };
  });
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await page.waitForURL(`${PLATFORM}/scdk/v1/window**`);
  await expect(page.getByRole('status')).toHaveText(NOTICE);
  // NOTE: by keyboard, not a mouse click: after this cross-site navigation from inside a click, headless
  // Chromium sometimes lays the new page out in a viewport a few pixels wide, so the button sits off screen
  // and a mouse cannot reach it (the first test above clicks it; e2e-apps/ clicks it with real X input).
  await page.getByRole('button', { name: 'Go back' }).focus();
  await page.keyboard.press('Enter');
  // toHaveURL, not waitForURL: a page restored from the back-forward cache fires no load event.
  await expect(page).toHaveURL(`${PARTNER}/e2e/click-logout.html`);
  await expect(page.getByRole('button', { name: 'Log out from broker' })).toBeEnabled();
  expect(await platformSession(context)).toEqual(LOGGED_IN);
});
