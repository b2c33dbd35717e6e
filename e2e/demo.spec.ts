import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { loginOnPlatform } from './helpers';
import { PARTNER } from './origins';

// The partner demo that `npm start` serves (demo/partner/public) as a visitor sees it: it fits a phone,
// each result shows where the buttons are, and the embedded switch button survives the other demos.

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** The demo page, once its switch button is mounted (the layout is complete then). */
async function openDemo(page: Page): Promise<void> {
  await page.goto(`${PARTNER}/`);
  await expect(switchButton(page)).toBeVisible();
}

function switchButton(page: Page) {
  return page.locator('#switch-slot scdk-switch-button').getByRole('button');
}

/** The first live region (in document order) that shows `text`: where a screen reader and the eye get the result. */
function liveResult(page: Page, text: string | RegExp) {
  return page.locator('[aria-live]').filter({ hasText: text }).first();
}

test('at 360 px the demo page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openDemo(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: window.innerWidth }));
  expect(widths.client).toBe(PHONE.width);
  expect(widths.scroll).toBeLessThanOrEqual(PHONE.width);
});

test('at 1280×800 the result of "Log out from broker" shows inside the viewport', async ({ page, context }) => {
  await page.setViewportSize(DESKTOP);
  await loginOnPlatform(context, 'AB1234');
  await openDemo(page);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  // Without third-party cookies the click opens a platform window that logs out and closes itself.
  const result = liveResult(page, 'Log out from broker: ok');
  await expect(result).toBeVisible();
  const box = await result.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(DESKTOP.height);
});

test('the switch button stays mounted through the guest and expired-token demos', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Log out as guest' }).click();
  await expect(liveResult(page, 'Log out as guest: error 4004')).toBeVisible();
  await expect(switchButton(page)).toBeVisible();
  await page.getByRole('button', { name: 'Log out with an expired token' }).click();
  await expect(liveResult(page, 'Log out with an expired token: error 4003')).toBeVisible();
  await expect(switchButton(page)).toBeVisible();
  await expect(switchButton(page)).toContainText('Switch account');
});

test("the demo's linked login makes the session the demo user's own (full id, own: true)", async ({ page, context, cookieWorld }) => {
  await openDemo(page);
  const [platformTab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: /Log in as user-1's session/ }).click(),
  ]);
  await platformTab.getByRole('button', { name: /AB1234/ }).click();
  await platformTab.waitForURL(/\/login\/done/);
  await platformTab.close();
  await page.getByRole('button', { name: 'Check session' }).click();
  // Without third-party cookies the bridge cannot see any session: the SDK says 'unknown', never a guess.
  const expected = iframeReachesCookies(cookieWorld) ? '"accountId":"AB1234","own":true' : '"state":"unknown"';
  await expect(liveResult(page, 'Check session: ok')).toContainText(expected);
});
