import type { Page } from '@playwright/test';
import { expect, test, type CookieWorld } from './fixtures';
import { loginOnPlatform, platformSession, releaseHeld, resetFaults, setFaults, switchButtonShown, waitForHeld, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// openAccountSwitcher() and mountSwitchButton() on a partner page (e2e/fixtures/switcher.html) that
// loads the UMD with a <script> tag and has hostile CSS of its own. Results come from the console.

const SWITCHER = '/e2e/switcher.html';
/**
 * For tests that hold the platform's answers (api: 'hold') as long as their steps take: a deadline no
 * step comes near, so only the test's release (never the SDK's 5 s default timer) moves the flow on.
 */
const PATIENT = `${SWITCHER}?timeoutMs=120000`;

/**
 * Opens the switcher from the partner's button (after `beforeOpen`, if given); `result` is what the page
 * later prints (not awaited here).
 */
async function openSwitcher(page: Page, path = SWITCHER, beforeOpen?: () => Promise<void>): Promise<{ result: Promise<string> }> {
  await page.goto(`${PARTNER}${path}`);
  const open = page.getByRole('button', { name: 'Manage broker account' });
  await expect(open).toBeEnabled();
  await switchButtonShown(page);
  await beforeOpen?.();
  const result = waitForResult(page, 30_000);
  result.catch(() => {}); // tests that never await it must not fail when the page goes away
  await open.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  return { result };
}

/**
 * AB1234 as a page sees it after loginOnPlatform(context, 'AB1234'): that session belongs to no partner
 * user, so the platform masks its id for this page's user (user-1). Only a session linked to user-1 shows in full.
 */
const MASKED_AB = 'AB••34';

const dialog = (page: Page) => page.getByRole('dialog');
const action = (page: Page, name: string) => dialog(page).getByRole('button', { name, exact: true });
const phase = (page: Page) => page.locator('scdk-account-switcher [role=dialog]');

async function switchInWindow(page: Page, accountId: string): Promise<Page> {
  const [platformWindow] = await Promise.all([page.context().waitForEvent('page'), action(page, 'Switch account').click()]);
  await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
  await expect(phase(page)).toHaveAttribute('data-phase', 'waiting');
  await expect(dialog(page)).toContainText('Choose the account in the window that opened.');
  await platformWindow.getByRole('button', { name: new RegExp(accountId) }).click();
  return platformWindow;
}

test.afterEach(async ({ request }) => resetFaults(request));

test('switch AB1234 -> YZ5678 from the modal: every step shown, the page and the platform agree', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  const { result } = await openSwitcher(page);
  // The hidden iframe sees the account where it can reach the cookies; elsewhere the modal says it cannot.
  if (cookieWorld === 'blocked') await expect(dialog(page)).toContainText('does not let this site see which account is connected');
  // Masked: that login is linked to no partner user, so the platform does not show this token's user its id.
  else await expect(dialog(page)).toContainText(MASKED_AB);
  const platformWindow = await switchInWindow(page, 'YZ5678');
  await expect(phase(page)).toHaveAttribute('data-phase', 'done');
  await expect(dialog(page)).toContainText('Now connected · Demo Broker');
  await expect(dialog(page)).toContainText('YZ5678');
  await expect.poll(() => platformWindow.isClosed()).toBe(true);
  // The mounted button follows the session events.
  await expect(page.locator('scdk-switch-button').getByRole('button')).toHaveText(/YZ5678/);
  await action(page, 'Done').click();
  expect(await result).toBe('resolved {"status":"switched","accountId":"YZ5678"}');
  await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
  expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'YZ5678' });
  // The platform window opened synchronously inside the click on Switch account, nothing awaited first.
  expect(await page.evaluate(() => (window as unknown as { opensInClick: boolean[] }).opensInClick)).toEqual([true]);
  expect(await page.evaluate(() => (window as unknown as { switcherEvents: string[] }).switcherEvents)).toEqual([
    'logout:{"success":true,"hadSession":true}',
    'switch:{"accountId":"YZ5678"}',
  ]);
});

// Where the iframe reaches the cookies: the account is only visible where the iframe reaches the cookies.
test("a session linked to this page's user shows its account id in full, in the modal and on the button", { tag: '@iframe-reaches-cookies' }, async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234', 'user-1'); // the user switcher.html's token is for
  await openSwitcher(page);
  await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
  await expect(dialog(page)).toContainText('AB1234');
  await expect(page.locator('scdk-switch-button').getByRole('button')).toHaveText('AB1234 Switch account');
});

test('log out from the modal resolves logged_out once the user closes it', async ({ page, context, cookieWorld }) => {
  await loginOnPlatform(context, 'AB1234');
  const { result } = await openSwitcher(page);
  await action(page, 'Log out').click();
  await expect(dialog(page)).toContainText('You are logged out of your broker account.');
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  // Where cookies are blocked the logout needs a platform window: opened inside the click too.
  const opens = await page.evaluate(() => (window as unknown as { opensInClick: boolean[] }).opensInClick);
  expect(opens).toEqual(cookieWorld === 'blocked' ? [true] : []);
  await action(page, 'Done').click();
  expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');

  // Opened again right after: no account, so no Log out, in every world. Where the iframe cannot see the
  // session (blocked), the modal goes by the logout this instance just saw instead of "cannot see".
  await page.getByRole('button', { name: 'Manage broker account' }).click();
  await expect(action(page, 'Switch account')).toBeVisible();
  await expect(dialog(page)).toContainText('No broker account is connected.');
  await expect(action(page, 'Log out')).toHaveCount(0);
});

test.describe('cancel paths', () => {
  for (const [how, dismiss] of [
    ['Cancel', (page: Page) => action(page, 'Cancel').click()],
    ['the × button', (page: Page) => action(page, 'Close').click()],
    ['a click on the backdrop', (page: Page) => page.mouse.click(5, 5)],
    ['Escape', (page: Page) => page.keyboard.press('Escape')],
  ] as const) {
    test(`${how} rejects 1010 and leaves nothing behind`, async ({ page }) => {
      const { result } = await openSwitcher(page);
      await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
      await dismiss(page);
      expect(await result).toBe('rejected 1010 user_cancelled');
      await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
      expect(await page.locator('body > *').evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).inert).length)).toBe(0);
    });
  }

  // Any world: a switch runs in a first-party platform window in every world (flows/switch.ts); the world changes only the 'ready' screen the modal starts from.
  test('dismissing while the user picks an account closes the platform window and says the session ended', { tag: '@any-world' }, async ({ page, context }) => {
    await loginOnPlatform(context, 'AB1234');
    const { result } = await openSwitcher(page);
    const [platformWindow] = await Promise.all([context.waitForEvent('page'), action(page, 'Switch account').click()]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await page.bringToFront();
    await action(page, 'Cancel').click();
    // The logout step already ran: that is what happened, not a cancel.
    expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
    await expect.poll(() => platformWindow.isClosed()).toBe(true);
    expect((await platformSession(context)).loggedIn).toBe(false);
  });

  // Where the iframe reaches the cookies: the iframe logout needs the cookies.
  test('Escape during a hidden-iframe logout waits for it and resolves logged_out', { tag: '@iframe-reaches-cookies' }, async ({ page, context, request }) => {
    await loginOnPlatform(context, 'AB1234');
    // The mounted button's own session check is answered once it shows the account: after that, and the
    // modal's check ('ready'), no API request but the logout's can be in flight and get held below.
    const { result } = await openSwitcher(page, PATIENT, () =>
      expect(page.locator('scdk-switch-button').getByRole('button')).toHaveText(`${MASKED_AB} Switch account`),
    );
    await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
    const lines: string[] = [];
    page.on('console', (m) => lines.push(m.text()));
    // The logout stays unanswered until the modal is gone: the Escape lands in 'logging-out' for sure.
    await setFaults(request, { api: 'hold' });
    await action(page, 'Log out').click();
    await waitForHeld(request, 1);
    await expect(phase(page)).toHaveAttribute('data-phase', 'logging-out');
    await page.keyboard.press('Escape');
    await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
    // Closed at once, but the result waits for the logout (the switcher settles synchronously otherwise,
    // inside the Escape's dispatch, so its line would be in by the time the modal is seen gone).
    expect(lines.filter((line) => line.startsWith('scdk-result '))).toEqual([]);
    await setFaults(request, { api: 'ok' });
    expect(await releaseHeld(request)).toBe(1);
    expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
    expect((await platformSession(context)).loggedIn).toBe(false);
  });

  // Where the iframe reaches the cookies: the session check reaches the platform API only where the iframe has its cookies.
  test('an answer arriving does not move focus the user already moved', { tag: '@iframe-reaches-cookies' }, async ({ page, request }) => {
    // Every session answer is held until the Tab has landed: the answer arrives after it, for sure.
    await setFaults(request, { api: 'hold' });
    await openSwitcher(page, PATIENT);
    await expect(phase(page)).toHaveAttribute('data-phase', 'checking');
    await page.keyboard.press('Tab'); // onto the × button
    await expect(action(page, 'Close')).toBeFocused();
    // Held: the mounted button's session check and the modal's.
    await waitForHeld(request, 2);
    await expect(phase(page)).toHaveAttribute('data-phase', 'checking');
    await setFaults(request, { api: 'ok' });
    expect(await releaseHeld(request)).toBe(2);
    await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
    await expect(action(page, 'Close')).toBeFocused();
  });

  // Any world: a switch runs in a first-party platform window in every world (flows/switch.ts); the world changes only the 'ready' screen the modal starts from.
  test('closing the platform window while the user picks an account resolves logged_out: the logout happened', { tag: '@any-world' }, async ({ page, context }) => {
    await loginOnPlatform(context, 'AB1234');
    const { result } = await openSwitcher(page);
    const [platformWindow] = await Promise.all([context.waitForEvent('page'), action(page, 'Switch account').click()]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await platformWindow.close();
    expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
    await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
    expect((await platformSession(context)).loggedIn).toBe(false);
  });
});

// The README's outcome table (user action x step reached -> result): the cells the tests above do not cover.
// Cancel, ×, the backdrop and Escape share one handler; each is tested on 'ready' above, and the rows
// below use one each.
test.describe('outcome table', () => {
  /**
   * Opens the modal with the session shown and nothing of it left in flight: where the iframe reaches the
   * cookies, the button's check has shown the account; elsewhere the checks never reach the platform API.
   */
  async function openReady(page: Page, cookieWorld: CookieWorld, path = PATIENT) {
    const button = page.locator('scdk-switch-button').getByRole('button');
    const opened = await openSwitcher(page, path, () => (cookieWorld === 'blocked' ? Promise.resolve() : expect(button).toHaveText(/AB/)));
    await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
    return opened;
  }
  const lines = (page: Page) => {
    const seen: string[] = [];
    page.on('console', (m) => m.text().startsWith('scdk-result ') && seen.push(m.text()));
    return seen;
  };

  // Where the iframe reaches the cookies: the session check reaches the platform API only where the iframe has its cookies.
  test('checking: × rejects 1010', { tag: '@iframe-reaches-cookies' }, async ({ page, request }) => {
    await setFaults(request, { api: 'hold' });
    const { result } = await openSwitcher(page, PATIENT);
    await waitForHeld(request, 2); // the button's check and the modal's
    await expect(phase(page)).toHaveAttribute('data-phase', 'checking');
    await action(page, 'Close').click();
    expect(await result).toBe('rejected 1010 user_cancelled');
  });

  for (const outcome of ['ends the session', 'fails'] as const) {
    test(`logging out in the platform window, the backdrop clicked: the result waits for the logout, which ${outcome}`, async ({ page, context, request, cookieWorld }) => {
      await loginOnPlatform(context, 'AB1234');
      const { result } = await openReady(page, cookieWorld);
      const seen = lines(page);
      await setFaults(request, { api: 'hold' });
      const [platformWindow] = await Promise.all([context.waitForEvent('page'), action(page, 'Switch account').click()]);
      await waitForHeld(request, 1); // the window's logout reached the platform
      await page.bringToFront();
      await page.mouse.click(5, 5);
      await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
      // The modal is gone, the window stays until the platform answers: no result yet.
      expect(platformWindow.isClosed()).toBe(false);
      expect(seen).toEqual([]);
      await setFaults(request, { api: outcome === 'fails' ? '500' : 'ok' });
      expect(await releaseHeld(request)).toBe(1);
      if (outcome === 'fails') {
        expect(await result).toBe('rejected 1010 user_cancelled');
        expect((await platformSession(context)).loggedIn).toBe(true);
      } else {
        expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
        expect((await platformSession(context)).loggedIn).toBe(false);
      }
      await expect.poll(() => platformWindow.isClosed()).toBe(true);
    });
  }

  test('logging out, the platform window closed by the user before the platform confirmed: 1011', async ({ page, context, request, cookieWorld }) => {
    await loginOnPlatform(context, 'AB1234');
    const { result } = await openReady(page, cookieWorld);
    await setFaults(request, { api: 'hold' });
    const [platformWindow] = await Promise.all([context.waitForEvent('page'), action(page, 'Switch account').click()]);
    await waitForHeld(request, 1); // the window's logout reached the platform, unanswered
    await platformWindow.close();
    expect(await result).toBe('rejected 1011 user_cancelled');
    await expect(page.locator('scdk-account-switcher')).toHaveCount(0);
    // The platform then fails it: nothing ended, and nothing said otherwise.
    await setFaults(request, { api: '500' });
    expect(await releaseHeld(request)).toBe(1);
    expect((await platformSession(context)).loggedIn).toBe(true);
  });

  test('done: Escape resolves the result, as Done does', async ({ page, context, cookieWorld }) => {
    await loginOnPlatform(context, 'AB1234');
    const { result } = await openReady(page, cookieWorld);
    await action(page, 'Log out').click();
    await expect(phase(page)).toHaveAttribute('data-phase', 'done');
    await page.keyboard.press('Escape');
    expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
  });
});

test.describe('fallbacks in the switcher', () => {
  test("fallback 'none': no switch is offered, switchAccount() rejects 5004 without a window", async ({ page, context, cookieWorld }) => {
    await loginOnPlatform(context, 'AB1234');
    await openSwitcher(page, `${SWITCHER}?fallback=none`);
    await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
    const windows: Page[] = [];
    context.on('page', (p) => windows.push(p));
    await expect(action(page, 'Switch account')).toHaveCount(0);
    // Log out is the main action now (it may still work through the iframe).
    await expect(action(page, 'Log out')).toBeFocused();
    const code = await page.evaluate(() =>
      (window as unknown as { scGateway: { switchAccount(): Promise<unknown> } }).scGateway.switchAccount().then(
        () => 'resolved',
        (error: { code: number }) => error.code,
      ),
    );
    expect(code).toBe(5004);
    await action(page, 'Log out').click();
    if (cookieWorld === 'blocked') await expect(dialog(page)).toContainText('(5003)');
    else await expect(phase(page)).toHaveAttribute('data-phase', 'done');
    expect(windows).toHaveLength(0);
    expect((await platformSession(context)).loggedIn).toBe(cookieWorld === 'blocked');
  });

  // Blocked world only: the redirect is only used where the iframe cannot reach the cookies.
  test("fallback 'redirect': Log out where the iframe cannot reach the cookies leaves for the platform and comes back with the result", { tag: '@blocked-only' }, async ({ page, context }) => {
    await loginOnPlatform(context, 'AB1234');
    await openSwitcher(page, `${SWITCHER}?fallback=redirect`);
    await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
    await Promise.all([page.waitForURL((url) => url.hash.includes('scdk_logout=')), action(page, 'Log out').click()]);
    const returned = await page.evaluate(() => (window as unknown as { scDK: { takeRedirectResult(): unknown } }).scDK.takeRedirectResult());
    expect(returned).toEqual({ success: true, hadSession: true });
    expect((await platformSession(context)).loggedIn).toBe(false);
  });
});

// Where the iframe reaches the cookies: the session check reaches the platform API only where the iframe has its cookies.
test('an error has its own screen, and Try again recovers once the platform does', { tag: '@iframe-reaches-cookies' }, async ({ page, request }) => {
  await setFaults(request, { api: '500' });
  const { result } = await openSwitcher(page);
  await expect(phase(page)).toHaveAttribute('data-phase', 'error');
  await expect(dialog(page)).toContainText('Something went wrong. (2000)');
  await expect(action(page, 'Try again')).toBeFocused();
  await resetFaults(request);
  await action(page, 'Try again').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'ready');
  await expect(dialog(page)).toContainText('No broker account is connected.');
  await action(page, 'Cancel').click();
  expect(await result).toBe('rejected 1010 user_cancelled');
});

// Blocked world only: only the blocked world keeps the cookies from the iframe.
test("with fallback 'none' where cookies are blocked, the modal says what it cannot do", { tag: '@blocked-only' }, async ({ page, context }) => {
  await loginOnPlatform(context, 'AB1234');
  const { result } = await openSwitcher(page, `${SWITCHER}?fallback=none`);
  await action(page, 'Log out').click();
  await expect(dialog(page)).toContainText('Your browser blocks the broker’s sign-in on this site. (5003)');
  expect((await platformSession(context)).loggedIn).toBe(true);
  await page.keyboard.press('Escape');
  expect(await result).toBe('rejected 1010 user_cancelled');
});

// Any world: CSP, styling, locale, option checks, a guest token and mounting involve no cookie access.
test.describe('one world is enough', { tag: '@any-world' }, () => {
  test('under a strict CSP (no unsafe-inline) the modal is styled and no violation is reported', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => m.text().startsWith('scdk-csp-violation') && violations.push(m.text()));
    const { result } = await openSwitcher(page, '/e2e/switcher-csp.html');
    const response = await page.request.get(`${PARTNER}/e2e/switcher-csp.html`);
    expect(response.headers()['content-security-policy']).toContain("style-src 'self';");
    await expectStyled(page);
    await page.keyboard.press('Escape');
    expect(await result).toBe('rejected 1010 user_cancelled');
    expect(violations).toEqual([]);
  });

  test('without constructable stylesheets, config.nonce lets the <style> fallback pass the CSP', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => m.text().startsWith('scdk-csp-violation') && violations.push(m.text()));
    await openSwitcher(page, '/e2e/switcher-nonce.html?noSheets=1&nonce=e2e-style-nonce');
    await expectStyled(page);
    expect(await page.locator('scdk-account-switcher').evaluate((host) => host.shadowRoot!.querySelector('style')?.nonce)).toBe(
      'e2e-style-nonce',
    );
    expect(violations).toEqual([]);
  });

  test('self-check: without the nonce the same page reports the violation the test above looks for', async ({ page }) => {
    const violation = page.waitForEvent('console', (m) => m.text().startsWith('scdk-csp-violation style-src'));
    await openSwitcher(page, '/e2e/switcher-nonce.html?noSheets=1');
    await violation;
  });

  test('partner CSS does not reach inside; the three custom properties theme it', async ({ page }) => {
    await openSwitcher(page);
    const primary = action(page, 'Switch account');
    expect(await primary.evaluate((b) => getComputedStyle(b).textTransform)).toBe('none');
    expect(await primary.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(33, 81, 201)');
    await page.keyboard.press('Escape');
    // The partner's page has a strict CSP, so its theme arrives through the CSSOM, as a stylesheet of its own would.
    await page.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--scdk-accent', 'rgb(0, 110, 60)');
      root.setProperty('--scdk-radius', '2px');
    });
    await page.getByRole('button', { name: 'Manage broker account' }).click();
    expect(await action(page, 'Switch account').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(0, 110, 60)');
    expect(await page.locator('scdk-account-switcher [role=dialog]').evaluate((d) => getComputedStyle(d).borderRadius)).toBe('2px');
  });

  test('Hindi with config.locale, and any text overridden with config.texts', async ({ page }) => {
    await openSwitcher(page, `${SWITCHER}?locale=hi`);
    await expect(dialog(page)).toHaveAccessibleName('ब्रोकर खाता');
    await expect(action(page, 'खाता बदलें')).toBeVisible();
    await page.keyboard.press('Escape');
    await openSwitcher(page, `${SWITCHER}?texts=${encodeURIComponent(JSON.stringify({ switch: 'Change account', title: 'Your broker' }))}`);
    await expect(dialog(page)).toHaveAccessibleName('Your broker');
    await expect(action(page, 'Change account')).toBeVisible();
    await expect(page.locator('scdk-switch-button').getByRole('button')).toHaveText('Change account');
  });

  test('bad UI options: config.nonce throws 4000 at construction; config.locale and config.texts, checked by the UI, reject the switcher and stop the button with 4000', async ({ page }) => {
    await page.goto(`${PARTNER}${SWITCHER}`);
    const construction = await page.evaluate(() => {
      try {
        new window.scDK({ gateway: 'demo', smallcaseAuthToken: 'x.y.z', config: { nonce: 1 } } as never);
        return 'no error';
      } catch (error) {
        const e = error as { code: number; detail: string };
        return `${e.code} ${e.detail}`;
      }
    });
    expect(construction).toBe('4000 config.nonce: the string of your CSP nonce, got 1.');
    const textsRefusal = /^4000 config\.texts: strings by text name \(title, checking, .*\), got /;
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ locale: 'fr' }, '4000 config.locale: en, hi, got "fr".'],
      [{ texts: { switch: 3 } }, textsRefusal],
      [{ texts: { nope: 'x' } }, textsRefusal],
      // Own names only: an inherited name is no text.
      [{ texts: { toString: 'x' } }, textsRefusal],
    ];
    for (const [config, refusal] of cases) {
      const outcome = await page.evaluate(async (config) => {
        const { token } = await (await fetch('/api/token?smallcaseAuthId=user-1')).json();
        const platformUrl = document.querySelector<HTMLMetaElement>('meta[name="scdk-e2e-platform"]')!.content;
        // Constructing takes them: only the UI reads them.
        const sdk = new window.scDK({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl, ...config } } as never);
        const said = (e: { code: number; detail: string }) => `${e.code} ${e.detail}`;
        const buttonError = new Promise<string>((resolve) => sdk.on('error', (e) => resolve(said(e as never))));
        const slot = document.body.appendChild(document.createElement('div'));
        sdk.mountSwitchButton(slot);
        const opened = await sdk.openAccountSwitcher().then(() => 'opened', said);
        const button = await buttonError;
        const left = slot.childElementCount + document.querySelectorAll('scdk-account-switcher').length;
        sdk.destroy();
        slot.remove();
        return { opened, button, left };
      }, config);
      expect(outcome.opened, JSON.stringify(config)).toMatch(refusal);
      expect(outcome.button, JSON.stringify(config)).toMatch(refusal);
      expect(outcome.left, JSON.stringify(config)).toBe(0);
    }
  });

  test('a guest token rejects 4004 without opening anything; two opens share one modal', async ({ page }) => {
    await page.goto(`${PARTNER}${SWITCHER}?guest=1`);
    await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
    const result = waitForResult(page);
    await page.getByRole('button', { name: 'Manage broker account' }).click();
    expect(await result).toBe('rejected 4004 not_connected');
    await expect(page.locator('scdk-account-switcher')).toHaveCount(0);

    await page.goto(`${PARTNER}${SWITCHER}`);
    await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
    const same = await page.evaluate(() => {
      const sdk = (window as unknown as { scGateway: { openAccountSwitcher(): Promise<unknown> } }).scGateway;
      const first = sdk.openAccountSwitcher();
      const second = sdk.openAccountSwitcher();
      first.catch(() => {});
      return first === second;
    });
    expect(same).toBe(true);
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.locator('scdk-account-switcher')).toHaveCount(1);
  });

  test('the button: unmount and destroy() remove it; destroy() closes an open modal with 5005; two script copies mount fine', async ({ page }) => {
    await page.goto(`${PARTNER}${SWITCHER}`);
    await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
    await expect(page.locator('scdk-switch-button')).toHaveCount(1);
    const outcome = await page.evaluate(async () => {
      const sdk = (window as unknown as { scGateway: { openAccountSwitcher(): Promise<unknown>; mountSwitchButton(t: string): () => void; destroy(): void } })
        .scGateway;
      // The button appears once the UI chunk is there (the browser's next idle moment).
      const until = (done: () => boolean) =>
        new Promise<void>((resolve) => {
          const check = () => (done() ? resolve() : requestAnimationFrame(check));
          check();
        });
      const unmount = sdk.mountSwitchButton('main');
      await until(() => document.querySelectorAll('scdk-switch-button').length === 2);
      const mounted = document.querySelectorAll('scdk-switch-button').length;
      unmount();
      unmount();
      const afterUnmount = document.querySelectorAll('scdk-switch-button').length;
      const modal = sdk.openAccountSwitcher().catch((e: { code: number }) => e.code);
      sdk.destroy();
      return { mounted, afterUnmount, modal: await modal, left: document.querySelectorAll('scdk-switch-button, scdk-account-switcher').length };
    });
    expect(outcome).toEqual({ mounted: 2, afterUnmount: 1, modal: 5005, left: 0 });

    // A second copy of the script of another version (a tag manager plus a hard-coded tag): one instance
    // from each copy mounts a button and opens a switcher; closing one keeps the page inert for the other.
    const outcomes = await page.evaluate(async () => {
      const First = window.scDK;
      (window as { scDK?: unknown }).scDK = undefined;
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/scdk.umd.js';
        script.onload = resolve;
        script.onerror = reject;
        document.body.append(script);
      });
      const Second = window.scDK;
      const { token } = await (await fetch('/api/token?smallcaseAuthId=user-1')).json();
      const platformUrl = document.querySelector<HTMLMetaElement>('meta[name="scdk-e2e-platform"]')!.content;
      const a = new First({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl } });
      const b = new Second({ gateway: 'demo', smallcaseAuthToken: token, config: { platformUrl } });
      const until = (done: () => boolean) =>
        new Promise<void>((resolve) => {
          const check = () => (done() ? resolve() : requestAnimationFrame(check));
          check();
        });
      a.mountSwitchButton('main');
      b.mountSwitchButton('main');
      await until(() => document.querySelectorAll('scdk-switch-button').length === 2);
      const buttons = document.querySelectorAll('scdk-switch-button').length;
      a.openAccountSwitcher().catch(() => {});
      b.openAccountSwitcher().catch(() => {});
      await until(() => document.querySelectorAll('scdk-account-switcher').length === 2);
      const main = document.querySelector('main')!;
      a.destroy();
      const inertWhileBOpen = main.inert;
      b.destroy();
      return { twoCopies: First !== Second, buttons, inertWhileBOpen, inertAfter: main.inert, left: document.querySelectorAll('[data-scdk-inert]').length };
    });
    expect(outcomes).toEqual({ twoCopies: true, buttons: 2, inertWhileBOpen: true, inertAfter: false, left: 0 });
  });
});

/** The switcher's own styles apply: a white rounded dialog with the primary colour on its main action. */
async function expectStyled(page: Page): Promise<void> {
  const look = await page.locator('scdk-account-switcher [role=dialog]').evaluate((d) => {
    const style = getComputedStyle(d);
    return { background: style.backgroundColor, radius: style.borderRadius, position: style.position };
  });
  expect(look).toEqual({ background: 'rgb(255, 255, 255)', radius: '14px', position: 'relative' });
  expect(await action(page, 'Switch account').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(33, 81, 201)');
}
