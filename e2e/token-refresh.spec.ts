import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { iframeReachesCookies } from './fixtures';
import { loginOnPlatform, platformSession, setFaults, resetFaults, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Tokens that outlive the page (issue 14): config.getToken and setToken() on e2e/fixtures/token-refresh.html,
// in every cookie world. Clicks are real; results come from the console.

const PAGE = '/e2e/token-refresh.html';

interface TokenPage {
  tokenCalls: number;
  tokensGiven: number;
  opens: { inClick: boolean; tokensGiven: number }[];
  errorEvents: number[];
  giveToken(): void;
  mintToken(params: string): Promise<string>;
  scGateway: { setToken(token: unknown): void; getSession(): Promise<{ state: string }> };
}

async function openTokenPage(page: Page, query: string): Promise<void> {
  const ready = page.waitForEvent('console', { predicate: (m) => m.text() === 'scdk-ready' });
  await page.goto(`${PARTNER}${PAGE}?${query}`);
  await ready;
}

/** Reads the page's records: `read` runs in the page with its window. */
const tokenPage = <T>(page: Page, read: (w: TokenPage) => T): Promise<T> => page.evaluate(`(${read.toString()})(window)`) as Promise<T>;

const buttonHost = (page: Page) => page.locator('scdk-switch-button');

test.afterEach(async ({ request }) => {
  await resetFaults(request);
});

test('an expired token: the click opens the platform window before getToken answers, and the logout then uses the fresh token', async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  // A returning user whose iframe was found blocked: the window opens at once, inside the click, in every
  // engine (a first click in Chromium asks the iframe first: e2e/cookie-worlds.spec.ts). Set before the
  // page loads: no script runs in the page between its ready line and the click.
  await page.addInitScript((key) => localStorage.setItem(key, 'blocked'), `scdk:storage:${PLATFORM}`);
  // Listening from before the load: the mounted button's own session check, at the page's first idle
  // moment, may be what asks getToken first (the logout then shares that one call).
  const asked = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('scdk-token-asked') });
  await openTokenPage(page, 'start=expired&hold=1');
  const [platformWindow] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Log out from broker' }).click()]);
  await asked;
  // The window opened inside the click, with no token handed over yet: the refresh did not cost the click.
  expect(await tokenPage(page, (w) => w.opens)).toEqual([{ inClick: true, tokensGiven: 0 }]);
  expect(platformWindow.url()).toContain(`${PLATFORM}/scdk/v1/window`);
  const result = waitForResult(page);
  await tokenPage(page, (w) => w.giveToken());
  expect(await result).toBe('logout {"success":true,"hadSession":true}');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  expect(await tokenPage(page, (w) => [w.tokenCalls, w.tokensGiven])).toEqual([1, 1]);
});

// Any world: a switch runs in a first-party platform window in every world (flows/switch.ts); getToken is the partner's, on the page.
test('switchAccount({ onStep }) with an expired token: the window opens inside the click, getToken answers after, the switch completes', { tag: '@any-world' }, async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=expired&hold=1');
  const steps: string[] = [];
  page.on('console', (m) => m.text().startsWith('scdk-step ') && steps.push(m.text().slice('scdk-step '.length)));
  const [platformWindow] = await Promise.all([context.waitForEvent('page'), page.locator('#switch').click()]);
  expect(await tokenPage(page, (w) => w.opens)).toEqual([{ inClick: true, tokensGiven: 0 }]);
  const result = waitForResult(page);
  await tokenPage(page, (w) => w.giveToken());
  await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
  await platformWindow.getByRole('button', { name: /YZ5678/ }).click();
  expect(await result).toBe('switched YZ5678');
  expect(await tokenPage(page, (w) => w.tokenCalls)).toBe(1);
  expect(steps).toEqual(['logging-out', 'choosing-account']);
});

test('concurrent calls with an expired token share one getToken call; later calls reuse the fresh token', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=expired');
  const states = await page.evaluate(async () => {
    const sdk = (window as unknown as TokenPage).scGateway;
    const first = await Promise.all([sdk.getSession(), sdk.getSession(), sdk.getSession()]);
    const again = await sdk.getSession();
    return [...first, again].map((session) => session.state);
  });
  expect(states).toEqual(Array(4).fill(iframeReachesCookies(cookieWorld) ? 'connected' : 'unknown'));
  // The button's own check may be the first of them: still one call in all.
  expect(await tokenPage(page, (w) => w.tokenCalls)).toBe(1);
});

test('no token at construction: getToken supplies the first one', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=none');
  const state = await page.evaluate(async () => (await (window as unknown as TokenPage).scGateway.getSession()).state);
  expect(state).toBe(iframeReachesCookies(cookieWorld) ? 'connected' : 'unknown');
  expect(await tokenPage(page, (w) => w.tokenCalls)).toBe(1);
});

test('the mounted button survives setToken() and a getToken refresh: same element, still opens the switcher, result to onError/onResult', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=expired');
  const button = buttonHost(page).getByRole('button');
  await expect(button).toBeVisible();
  // Its own session check fetched a token through getToken; where the iframe sees the session, it shows the account.
  if (iframeReachesCookies(cookieWorld)) await expect(button).toContainText('AB••34');
  await expect.poll(() => tokenPage(page, (w) => w.tokenCalls)).toBe(1);
  await buttonHost(page).evaluate((host) => ((host as HTMLElement & { mark?: number }).mark = 1));
  await page.evaluate(async () => {
    const w = window as unknown as TokenPage;
    w.scGateway.setToken(await w.mintToken('smallcaseAuthId=user-1'));
  });
  await expect(buttonHost(page)).toHaveCount(1);
  expect(await buttonHost(page).evaluate((host) => (host as HTMLElement & { mark?: number }).mark)).toBe(1);
  await expect(button).toBeVisible();
  if (iframeReachesCookies(cookieWorld)) await expect(button).toContainText('AB••34');
  // It still opens the switcher; a dismiss reaches the partner through onError.
  const result = waitForResult(page);
  await button.click();
  const dialog = page.getByRole('dialog');
  // Past 'checking': the re-render to the ready screen must not move another button under the click.
  await expect(page.locator('scdk-account-switcher [role=dialog]')).toHaveAttribute('data-phase', 'ready');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await result).toBe('button rejected 1010');
  expect(await tokenPage(page, (w) => w.errorEvents)).toEqual([]);
});

test("the button's switcher result reaches onResult after a logout from the modal", async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=fresh&getToken=0');
  const button = buttonHost(page).getByRole('button');
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Log out' }).click();
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeVisible();
  const result = waitForResult(page);
  await dialog.getByRole('button', { name: 'Done' }).click();
  expect(await result).toBe('button resolved logged_out');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
});

for (const start of ['guest', 'expired'] as const) {
  // Any world: a guest or expired token hides the button before any session check.
  test(`a ${start} token without getToken: mounting throws nothing and the button stays hidden, with no error event; setToken() with a connected token shows it`, { tag: '@any-world' }, async ({ page }) => {
    await openTokenPage(page, `start=${start}&getToken=0`);
    // The button's host is in the page, hidden: it was mounted (the UI loaded), and shows nothing.
    await expect(buttonHost(page)).toHaveCount(1);
    await expect(buttonHost(page)).toBeHidden();
    await page.evaluate(async () => {
      const w = window as unknown as TokenPage;
      w.scGateway.setToken(await w.mintToken('smallcaseAuthId=user-1'));
    });
    await expect(buttonHost(page).getByRole('button')).toBeVisible();
    expect(await tokenPage(page, (w) => w.errorEvents)).toEqual([]);
  });
}

test("the button's own session checks emit no error event when the platform fails", async ({ page, request }) => {
  await setFaults(request, { api: '500' });
  const failed = page.waitForEvent('console', { predicate: (m) => m.text().includes('call failed') });
  await openTokenPage(page, 'start=fresh&getToken=0&debug=1');
  await failed;
  await expect(buttonHost(page).getByRole('button')).toBeVisible();
  expect(await tokenPage(page, (w) => w.errorEvents)).toEqual([]);
});

test('setToken() refuses what is not a JWT with 4002 and keeps the old token', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  await openTokenPage(page, 'start=fresh&getToken=0');
  const outcome = await page.evaluate(async () => {
    const sdk = (window as unknown as TokenPage).scGateway;
    let code: unknown;
    try {
      sdk.setToken('not a token');
    } catch (error) {
      code = (error as { code: number }).code;
    }
    return { code, state: (await sdk.getSession()).state };
  });
  expect(outcome).toEqual({ code: 4002, state: iframeReachesCookies(cookieWorld) ? 'connected' : 'unknown' });
});
