import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { loginOnPlatform, openClickPage, platformSession, recordWindows, resetFaults, setFaults, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Every logout here is driven by a real click on the partner page (or by no click at all): no
// page.evaluate stands in for the user, because evaluate counts as a click in Chromium. For the same
// reason results are awaited on the console (waitForResult), never by polling the page, until the call is done.
// No test waits for time: a platform answer that must not come yet is held ('hang'), and "nothing was
// reported" is read after an event that proves it would have been (the page's "scdk-ready" line).

/** A deadline no test step comes near: results here must come from what the test does, never from a timer. */
const PATIENT = 120_000;

test.afterEach(async ({ request }) => resetFaults(request));

/** Every console line the page prints from now on, in order. */
function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(message.text()));
  return lines;
}

test('a click logs out by the route the world allows, and the session is really gone', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page);
  const windows = recordWindows(context);
  const reaches = iframeReachesCookies(cookieWorld);
  // Nothing is remembered yet about this partner/platform pair. Chromium keeps a click's activation across
  // awaits, so the first click asks the hidden iframe first (issue 22, 1b): where it reaches the cookies no
  // window opens at all (no flash); where it does not, the window opens after the handshake, still allowed.
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  expect(windows).toHaveLength(reaches ? 0 : 1);
  if (!reaches) {
    // The platform window, on the window page, with no token in its URL; closed once it answered.
    expect(windows[0].url()).toBe(`${PLATFORM}/scdk/v1/window?gateway=demo&v=1`);
    await expect.poll(() => windows[0].isClosed()).toBe(true);
  }

  // The handshake taught the page what this world allows (src/sdk/storage-memory.ts): the next click uses
  // the iframe where it reaches the cookies, and the window again where it does not.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `scdk:storage:${PLATFORM}`)).toBe(reaches ? 'available' : 'blocked');
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  expect(windows).toHaveLength(reaches ? 0 : 2);
});

test('without a click, the blocked world ends quickly with a clear error and no window', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  const windows = recordWindows(context);
  // A deadline far away: a 5004 that came from waiting for one would not come in this test's time.
  const [result] = await Promise.all([waitForResult(page, 25_000), page.goto(`${PARTNER}/e2e/click-logout.html?auto=1&timeoutMs=${PATIENT}`)]);
  if (iframeReachesCookies(cookieWorld)) {
    expect(result).toBe('success {"success":true,"hadSession":true}');
    return;
  }
  expect(result).toMatch(/^error 5004 popup_blocked after \d+ ms$/);
  const ms = Number(result.match(/after (\d+) ms/)![1]);
  // Quick = no deadline waited for (the call's is 120 s away): only the cold handshake comes before the
  // refused window.open (70-120 ms measured on 2 loaded cores); 10 s is far over 3x that, far under 120 s.
  expect(ms).toBeLessThan(10_000);
  expect(windows).toHaveLength(0);
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
});

// Blocked world only: needs no window where the iframe reaches the cookies.
test('a click whose activation has expired (call made once it lapsed) is refused, not hung', { tag: '@blocked-only' }, async ({ page, context }) => {
  test.setTimeout(30_000);
  await loginOnPlatform(context, 'AB1234');
  // The page calls brokerLogout() as soon as navigator.userActivation says the click's activation (and
  // any Playwright gave it) has lapsed: Chromium's 5 s, not a guessed delay.
  await openClickPage(page, `?delay=expired&timeoutMs=${PATIENT}`);
  const lines = recordConsole(page);
  const windows = recordWindows(context);
  const [result] = await Promise.all([waitForResult(page), page.getByRole('button', { name: 'Log out from broker' }).click()]);
  // The click did count as a user activation; only its expiry made the difference.
  expect(lines).toContain('scdk-activation lapsed');
  expect(result).toMatch(/^error 5004 popup_blocked/);
  expect(windows).toHaveLength(0);
  expect((await platformSession(context)).loggedIn).toBe(true);
});

// Blocked world only: no window is used where the iframe reaches the cookies.
test('closing the platform window before it finishes gives 1011 and leaves the session', { tag: '@blocked-only' }, async ({ page, context, request }) => {
  await loginOnPlatform(context, 'AB1234');
  // A patient deadline: only the closed window may end the call, however long closing it takes.
  await openClickPage(page, `?timeoutMs=${PATIENT}`);
  // The window's logout request never gets an answer, and 'hang' stops it before any side effect: the
  // window cannot finish, and whatever the session is afterwards, the window did not do it.
  await setFaults(request, { api: 'hang' });
  const logoutSent = context.waitForEvent('request', (r) => r.method() === 'POST' && r.url() === `${PLATFORM}/scdk/v1/logout`);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Log out from broker' }).click()]);
  // Closed mid-logout: the window is connected and its request is on its way.
  expect((await logoutSent).frame().page()).toBe(popup);
  await popup.close();
  await expect(page.locator('#result')).toHaveText(/^error 1011 user_cancelled/);
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

// Blocked world only: the redirect is only used where the iframe cannot reach the cookies.
test('a returnTo that is not on the allowlist is refused by the platform with a clear page', { tag: '@blocked-only' }, async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  await openClickPage(page, `?fallback=redirect&returnTo=${encodeURIComponent('http://localhost:1/phishing')}`);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  await page.waitForURL(`${PLATFORM}/scdk/v1/logout-redirect`);
  await expect(page.getByRole('heading')).toContainText(/not allowed/i);
  await expect(page.locator('body')).toContainText('http://localhost:1/phishing');
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
});

test('a crafted link carrying a logout result is not taken for one', async ({ page }) => {
  const lines = recordConsole(page);
  // "scdk-ready" comes after takeRedirectResult() ran and any result it returned was printed: the
  // console keeps order, so every result line the page will ever print for the fragment is in by then.
  await Promise.all([
    page.waitForEvent('console', (m) => m.text() === 'scdk-ready'),
    page.goto(`${PARTNER}/e2e/click-logout.html#scdk_logout=success&had_session=1`),
  ]);
  expect(lines.filter((line) => line.startsWith('scdk-result '))).toEqual([]);
  // The fragment is still removed from the address bar.
  await expect(page.getByRole('button', { name: 'Log out from broker' })).toBeEnabled();
  expect(page.url()).toBe(`${PARTNER}/e2e/click-logout.html`);
});
