import type { Locator, Page, TestInfo } from '@playwright/test';
import { auditPage, describeViolations, SIZES } from './audit';
import { expect, test } from './fixtures';
import { loginOnPlatform, resetFaults, setFaults, waitForResult } from './helpers';
import { PARTNER, PLATFORM } from './origins';

// Accessibility of the account switcher (openAccountSwitcher) and the switch button (mountSwitchButton):
// axe on the whole page in every modal state, screenshots of each state at phone and desktop sizes, a
// keyboard-only switch journey, Escape, the inert background, and prefers-reduced-motion.

/**
 * For the states that wait on the platform: its answers are held (api: 'hold', released by resetFaults
 * after the test), and the SDK's deadline is far beyond the audit (viewport changes, screenshots and axe
 * runs, many seconds on a loaded machine), so only the test decides when the state ends.
 */
const PATIENT = '?timeoutMs=120000';

/**
 * AB1234 as the page sees it after loginOnPlatform(context, 'AB1234'): that session belongs to no partner
 * user, so the platform masks its id for this page's user (only a session linked to them shows in full).
 */
const MASKED_AB = 'AB••34';

function dialogOf(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Broker account' });
}

/** The partner page with the switcher open (through its "Manage broker account" button). */
async function openSwitcher(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${PARTNER}/e2e/switcher.html${query}`);
  const open = page.getByRole('button', { name: 'Manage broker account' });
  await expect(open).toBeEnabled();
  await open.click();
  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Lets the modal's enter animations finish (the spinner runs forever and is left alone). */
async function settleAnimations(page: Page): Promise<void> {
  await page.locator('scdk-account-switcher').evaluate((host) =>
    Promise.all(
      (host.shadowRoot?.getAnimations() ?? [])
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
}

/**
 * Checks the state the modal is in: axe on the whole page (no violations) and a screenshot, at each
 * size. Screenshots are saved in the test's output folder and attached to the report.
 */
async function auditState(page: Page, testInfo: TestInfo, state: string, phase: string): Promise<void> {
  const dialog = dialogOf(page);
  await expect(dialog).toHaveAttribute('data-phase', phase);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await settleAnimations(page);
    // The screenshot first, so a state with violations still has its picture in the report.
    const path = testInfo.outputPath(`${state}-${size.name}.png`);
    await page.screenshot({ path, animations: 'disabled' });
    await testInfo.attach(`${state}-${size.name}`, { path, contentType: 'image/png' });
    const { violations, passes, incomplete } = await auditPage(page);
    // Soft, so both sizes are checked and pictured even when one fails.
    expect.soft(violations.map((v) => v.id), `axe violations in "${state}" at ${size.name} size:\n${describeViolations(violations)}`).toEqual([]);
    // axe really looked inside the switcher's shadow root (the dialog is among the nodes it checked).
    const checkedInSwitcher = passes.flatMap((r) => r.nodes).filter((n) => JSON.stringify(n.target).includes('scdk-account-switcher'));
    expect(checkedInSwitcher.length, 'axe checked no node inside <scdk-account-switcher>').toBeGreaterThan(0);
    // What axe could not decide (needs a human look) goes into the report, not into the verdict.
    if (incomplete.length) {
      await testInfo.attach(`axe-needs-review-${state}-${size.name}.txt`, { body: describeViolations(incomplete), contentType: 'text/plain' });
    }
  }
  // Still in the same state after the checks (a slow platform answer must not have moved it on).
  await expect(dialog).toHaveAttribute('data-phase', phase);
}

/** The focused element through open shadow roots: the shadow hosts on the way, then the element's name. */
async function deepFocus(page: Page): Promise<{ hosts: string[]; tag: string; name: string }> {
  return page.evaluate(() => {
    const hosts: string[] = [];
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      hosts.push(active.localName);
      active = active.shadowRoot.activeElement;
    }
    const name = active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
    return { hosts, tag: active?.localName ?? '', name };
  });
}

test.describe('account switcher: axe and screenshots in every state', () => {
  test.afterEach(async ({ request }) => {
    await resetFaults(request);
  });

  test('checking', async ({ page, request }, testInfo) => {
    // No session answer until the test is over.
    await setFaults(request, { api: 'hold' });
    await openSwitcher(page, PATIENT);
    await expect(dialogOf(page)).toContainText('Checking your broker account');
    await auditState(page, testInfo, 'checking', 'checking');
  });

  test('ready, connected', async ({ page, context, cookieWorld }, testInfo) => {
    test.skip(cookieWorld !== 'allowed', 'the account is only visible where the iframe reaches the cookies');
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('Connected account · Demo Broker');
    await expect(dialog).toContainText(MASKED_AB);
    await auditState(page, testInfo, 'ready-connected', 'ready');
  });

  test('ready, state unknown (cookies blocked)', async ({ page, context, cookieWorld }, testInfo) => {
    test.skip(cookieWorld !== 'blocked', 'only the blocked world cannot tell the account');
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('does not let this site see');
    await auditState(page, testInfo, 'ready-unknown', 'ready');
  });

  test('ready, disconnected', async ({ page, cookieWorld }, testInfo) => {
    test.skip(cookieWorld !== 'allowed', 'only a world that reaches the cookies can tell there is no session');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText('No broker account is connected.');
    await expect(dialog.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await auditState(page, testInfo, 'ready-disconnected', 'ready');
  });

  test('logging out', async ({ page, context, request }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page, PATIENT);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    // No logout answer until the test is over.
    await setFaults(request, { api: 'hold' });
    // Where cookies are blocked this opens the platform window (the popup fallback); it stays on its held logout.
    await dialog.getByRole('button', { name: 'Log out' }).click();
    await expect(dialog).toContainText('Logging out');
    await auditState(page, testInfo, 'logging-out', 'logging-out');
  });

  test('waiting for the account choice, then switched', async ({ page, context }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    const [platformWindow] = await Promise.all([
      context.waitForEvent('page'),
      dialog.getByRole('button', { name: 'Switch account' }).click(),
    ]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await expect(dialog).toContainText('Choose the account in the window that opened.');
    await auditState(page, testInfo, 'waiting', 'waiting');

    await platformWindow.getByRole('button', { name: /YZ5678/ }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('Now connected · Demo Broker');
    await expect(dialog).toContainText('YZ5678');
    await auditState(page, testInfo, 'done-switched', 'done');
  });

  test('logged out', async ({ page, context }, testInfo) => {
    await loginOnPlatform(context, 'AB1234');
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await dialog.getByRole('button', { name: 'Log out' }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('You are logged out of your broker account.');
    await auditState(page, testInfo, 'done-logged-out', 'done');
  });

  test('error', async ({ page, request }, testInfo) => {
    await setFaults(request, { api: '500' });
    const dialog = await openSwitcher(page);
    await expect(dialog).toHaveAttribute('data-phase', 'error');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(dialog).toContainText(/\(\d{4}\)/);
    await auditState(page, testInfo, 'error', 'error');
  });
});

test.describe('account switcher: keyboard', () => {
  test('keyboard only: Tab to the switch button, switch to YZ5678 in the platform window, focus comes back', async ({ page, context, cookieWorld }) => {
    test.skip(cookieWorld !== 'allowed', 'the journey starts from a visible, connected account');
    await loginOnPlatform(context, 'AB1234');
    await page.goto(`${PARTNER}/e2e/switcher.html`);
    await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
    const switchButton = page.locator('scdk-switch-button').getByRole('button');
    // The button learns the account: wait for it so its label does not change under the keyboard.
    await expect(switchButton).toHaveAccessibleName(`${MASKED_AB} Switch account`);
    expect((await deepFocus(page)).tag).toBe('body');

    // From the top of the page, the first Tab reaches the mounted switch button.
    await page.keyboard.press('Tab');
    await expect(switchButton).toBeFocused();
    expect(await deepFocus(page)).toMatchObject({ hosts: ['scdk-switch-button'], tag: 'button' });

    await page.keyboard.press('Enter');
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    await expect(dialog).toContainText(MASKED_AB);
    // The switch button drops its own promise; while the dialog is open openAccountSwitcher() returns
    // that same promise, so report it on the console the way the fixture page reports its own calls.
    await page.evaluate(() => {
      const sdk = (window as unknown as { scGateway: { openAccountSwitcher(): Promise<{ status: string; accountId?: string; hadSession?: boolean }> } }).scGateway;
      sdk.openAccountSwitcher().then(
        (r) => console.info('scdk-result resolved ' + JSON.stringify({ status: r.status, accountId: r.accountId, hadSession: r.hadSession })),
        (e: { code: number; message: string }) => console.info('scdk-result rejected ' + e.code + ' ' + e.message),
      );
    });
    await expect(dialogOf(page)).toHaveCount(1);
    const primary = dialog.getByRole('button', { name: 'Switch account' });
    await expect(primary).toBeFocused();
    expect(await deepFocus(page)).toEqual({ hosts: ['scdk-account-switcher'], tag: 'button', name: 'Switch account' });

    // Tab and Shift+Tab go round the dialog's buttons and never reach the page behind.
    const forward: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focus = await deepFocus(page);
      expect(focus.hosts, `Tab ${i + 1} left the dialog: ${JSON.stringify(focus)}`).toEqual(['scdk-account-switcher']);
      forward.push(focus.name);
    }
    expect(forward).toEqual(['Log out', 'Cancel', 'Close', 'Switch account', 'Log out', 'Cancel', 'Close', 'Switch account']);
    const backward: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      const focus = await deepFocus(page);
      expect(focus.hosts, `Shift+Tab ${i + 1} left the dialog: ${JSON.stringify(focus)}`).toEqual(['scdk-account-switcher']);
      backward.push(focus.name);
    }
    expect(backward).toEqual(['Close', 'Cancel', 'Log out', 'Switch account', 'Close', 'Cancel', 'Log out', 'Switch account']);
    await expect(primary).toBeFocused();

    // Enter on "Switch account" opens the platform window.
    const [platformWindow] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
    await expect(dialog).toHaveAttribute('data-phase', 'waiting');

    // In the platform window: Tab to the YZ5678 account, Enter.
    const pick = platformWindow.getByRole('button', { name: /YZ5678/ });
    await expect(pick).toBeVisible();
    let presses = 0;
    while (!(await pick.evaluate((el) => el === document.activeElement))) {
      expect(++presses, 'Tab never reached the YZ5678 account button').toBeLessThanOrEqual(10);
      await platformWindow.keyboard.press('Tab');
    }
    await platformWindow.keyboard.press('Enter');

    // Back on the partner page: the done screen, its "Done" button focused.
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog).toContainText('Now connected · Demo Broker');
    await expect(dialog).toContainText('YZ5678');
    const done = dialog.getByRole('button', { name: 'Done' });
    await expect(done).toBeFocused();
    await expect.poll(() => platformWindow.isClosed()).toBe(true);

    const result = waitForResult(page);
    await page.keyboard.press('Enter');
    expect(await result).toBe('resolved {"status":"switched","accountId":"YZ5678"}');
    await expect(dialog).toHaveCount(0);
    // Focus is back on the switch button that opened the dialog, inside its shadow root.
    await expect(switchButton).toBeFocused();
    expect(await deepFocus(page)).toMatchObject({ hosts: ['scdk-switch-button'], tag: 'button' });
  });

  test('Escape closes with 1010 and returns focus; the page behind is inert while open', async ({ page }) => {
    await page.goto(`${PARTNER}/e2e/switcher.html`);
    const open = page.getByRole('button', { name: 'Manage broker account' });
    await expect(open).toBeEnabled();
    await open.click();
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');

    // Everything but the switcher is inert: no focus, no pointer, hidden from assistive tech.
    for (const selector of ['header', 'main']) {
      await expect(page.locator(selector)).toHaveJSProperty('inert', true);
    }
    const box = (await open.boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(hit).toBe('scdk-account-switcher');

    const result = waitForResult(page);
    await page.keyboard.press('Escape');
    expect(await result).toBe('rejected 1010 user_cancelled');
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();
    for (const selector of ['header', 'main']) {
      await expect(page.locator(selector)).toHaveJSProperty('inert', false);
    }
  });
});

test.describe('account switcher: prefers-reduced-motion', () => {
  async function animationNames(page: Page): Promise<{ dialog: string; backdrop: string }> {
    const dialog = dialogOf(page);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');
    return {
      dialog: await dialog.evaluate((el) => getComputedStyle(el).animationName),
      backdrop: await page.locator('scdk-account-switcher .b').evaluate((el) => getComputedStyle(el).animationName),
    };
  }

  test('animates in without a preference', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openSwitcher(page);
    const names = await animationNames(page);
    expect(names.dialog).not.toBe('none');
    expect(names.backdrop).not.toBe('none');
  });

  test('no animation with reducedMotion: reduce', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openSwitcher(page);
    expect(await animationNames(page)).toEqual({ dialog: 'none', backdrop: 'none' });
  });
});
