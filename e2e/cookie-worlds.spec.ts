import type { BrowserContext, Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { loginOnPlatform, platformSession, resetFaults, setFaults, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Every logout here is driven by a real click on the partner page (or by no click at all): no
// page.evaluate stands in for the user, because evaluate counts as a click in Chromium. For the same
// reason results are awaited on the console (waitForResult), never by polling the page, until the call is done.

test.afterEach(async ({ request }) => resetFaults(request));

async function openClickPage(page: Page, query = ''): Promise<void> {
  await page.goto(`${PARTNER}/e2e/click-logout.html${query}`);
  await expect(page.getByRole('button', { name: 'Log out from broker' })).toBeEnabled();
}

/** Windows the partner page opens from now on (pages the test itself opens are not popups). */
function recordWindows(context: BrowserContext): Page[] {
  const opened: Page[] = [];
  context.on('page', async (page) => {
    if (await page.opener()) opened.push(page);
  });
  return opened;
}

test('a click logs out by the route the world allows, and the session is really gone', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page);
  const windows = recordWindows(context);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  if (iframeReachesCookies(cookieWorld)) {
    expect(windows).toHaveLength(0);
  } else {
    // One platform window, on the window page, with no token in its URL; closed once it answered.
    expect(windows).toHaveLength(1);
    expect(windows[0].url()).toBe(`${PLATFORM}/scdk/v1/window?gateway=demo&v=1`);
    await expect.poll(() => windows[0].isClosed()).toBe(true);
  }
});

test('without a click, the blocked world ends quickly with a clear error and no window', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  const windows = recordWindows(context);
  const [result] = await Promise.all([waitForResult(page), page.goto(`${PARTNER}/e2e/click-logout.html?auto=1`)]);
  if (iframeReachesCookies(cookieWorld)) {
    expect(result).toBe('success {"success":true,"hadSession":true}');
    return;
  }
  expect(result).toMatch(/^error 5004 popup_blocked after \d+ ms$/);
  const ms = Number(result.match(/after (\d+) ms/)![1]);
  expect(ms).toBeLessThan(3000);
  expect(windows).toHaveLength(0);
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
});

test('a click whose activation has expired (call 6 s later) is refused, not hung', async ({ page, context, cookieWorld }) => {
  test.skip(iframeReachesCookies(cookieWorld), 'needs no window where the iframe reaches the cookies');
  test.setTimeout(30_000);
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page, '?delay=6000');
  const windows = recordWindows(context);
  const [result] = await Promise.all([waitForResult(page), page.getByRole('button', { name: 'Log out from broker' }).click()]);
  expect(result).toMatch(/^error 5004 popup_blocked/);
  expect(windows).toHaveLength(0);
  expect((await platformSession(context)).loggedIn).toBe(true);
});

test('closing the platform window before it finishes gives 1011 and leaves the session', async ({ page, context, request, cookieWorld }) => {
  test.skip(iframeReachesCookies(cookieWorld), 'no window is used where the iframe reaches the cookies');
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page);
  await setFaults(request, { apiDelayMs: 4000 });
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Log out from broker' }).click()]);
  await popup.waitForLoadState('domcontentloaded');
  await popup.close();
  await expect(page.locator('#result')).toHaveText(/^error 1011 user_cancelled/);
  await resetFaults(request);
  expect((await platformSession(context)).loggedIn).toBe(true);
});

test("fallback 'none' rejects with 5003 and touches nothing", async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page, '?fallback=none');
  const windows = recordWindows(context);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  if (iframeReachesCookies(cookieWorld)) {
    await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
    return;
  }
  await expect(page.locator('#result')).toHaveText(/^error 5003 storage_blocked/);
  expect(windows).toHaveLength(0);
  expect(page.url()).toContain('/e2e/click-logout.html');
  expect((await platformSession(context)).loggedIn).toBe(true);
});

test("fallback 'redirect' logs out on the platform and comes back with the result", async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'YZ5678');
  await openClickPage(page, '?fallback=redirect');
  const posts: { url: string; body: string | null }[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && r.url().startsWith(PLATFORM)) posts.push({ url: r.url(), body: r.postData() });
  });
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  if (iframeReachesCookies(cookieWorld)) {
    await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
  } else {
    await expect(page.locator('#result')).toHaveText('returned success {"success":true,"hadSession":true}');
    // Back on the partner page, the fragment was read once and removed.
    expect(page.url()).toBe(`${PARTNER}/e2e/click-logout.html?fallback=redirect`);
    const redirectPost = posts.find((p) => p.url === `${PLATFORM}/scdk/v1/logout-redirect`);
    expect(redirectPost?.body).toContain('token=');
  }
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
});

test('a returnTo that is not on the allowlist is refused by the platform with a clear page', async ({ page, context, cookieWorld }) => {
  test.skip(iframeReachesCookies(cookieWorld), 'the redirect is only used where the iframe cannot reach the cookies');
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page, `?fallback=redirect&returnTo=${encodeURIComponent('http://localhost:1/phishing')}`);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await page.waitForURL(`${PLATFORM}/scdk/v1/logout-redirect`);
  await expect(page.getByRole('heading')).toContainText(/not allowed/i);
  await expect(page.locator('body')).toContainText('http://localhost:1/phishing');
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
});

test('a crafted link carrying a logout result is not taken for one', async ({ page }) => {
  const [result] = await Promise.all([
    waitForResult(page, 5000).catch(() => 'no result'),
    page.goto(`${PARTNER}/e2e/click-logout.html#scdk_logout=success&had_session=1`),
  ]);
  expect(result).toBe('no result');
  // The fragment is still removed from the address bar.
  await expect(page.getByRole('button', { name: 'Log out from broker' })).toBeEnabled();
  expect(page.url()).toBe(`${PARTNER}/e2e/click-logout.html`);
});
