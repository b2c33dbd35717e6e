import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PARTNER } from './origins';
import { loginOnPlatform, releaseHeld, resetFaults, setFaults, switchButtonShown, waitForHeld, waitForResult } from './helpers';

// Issue 25, item 7: where focus goes in and out of the account switcher, and how the primary action shows
// under forced colours.
// @any-world: focus and styling follow the switcher's screens, which are the same whether or not the
// bridge reaches the platform's cookies (the "ready" screen's text differs; its buttons do not).

const SWITCHER = '/e2e/switcher.html';
/** A deadline no step comes near: a silent bridge keeps the switcher on "checking" as long as the test needs. */
const PATIENT = `${SWITCHER}?timeoutMs=120000`;

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Broker account' });
const openerOf = (page: Page) => page.getByRole('button', { name: 'Manage broker account' });

async function openSwitcher(page: Page, path: string): Promise<{ result: Promise<string> }> {
  await page.goto(`${PARTNER}${path}`);
  await expect(openerOf(page)).toBeEnabled();
  await switchButtonShown(page);
  const result = waitForResult(page, 30_000);
  result.catch(() => {}); // tests that never await it must not fail when the page goes away
  await openerOf(page).click();
  await expect(dialogOf(page)).toBeVisible();
  return { result };
}

test.describe('account switcher: focus', { tag: '@any-world' }, () => {
  test.afterEach(async ({ request }) => resetFaults(request));

  test('Escape returns focus to an opener the page disabled while the call ran, once the page enables it', async ({ page }) => {
    const { result } = await openSwitcher(page, `${SWITCHER}?disableOpener=1`);
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'ready');
    await expect(openerOf(page)).toBeDisabled();
    await page.keyboard.press('Escape');
    expect(await result).toBe('rejected 1010 user_cancelled');
    await expect(dialogOf(page)).toHaveCount(0);
    await expect(openerOf(page)).toBeEnabled();
    await expect(openerOf(page)).toBeFocused();
  });

  test('while it checks, focus is on Cancel, not on the dialog container', async ({ page, request }) => {
    await setFaults(request, { bridge: 'silent' });
    const { result } = await openSwitcher(page, PATIENT);
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'checking');
    await expect(dialogOf(page).getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    expect(await result).toBe('rejected 1010 user_cancelled');
  });

  test('Log out from the keyboard: its button goes with the screen, and focus lands on Cancel, not on the dialog container', async ({ page, context, request }) => {
    await loginOnPlatform(context, 'AB1234');
    const { result } = await openSwitcher(page, PATIENT);
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'ready');
    // The logout's request waits at the platform, so "logging out" stays on screen as long as the test needs.
    await setFaults(request, { api: 'hold' });
    await expect(dialogOf(page).getByRole('button', { name: 'Switch account' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialogOf(page).getByRole('button', { name: 'Log out' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialogOf(page)).toHaveAttribute('data-phase', 'logging-out');
    await expect(dialogOf(page).getByRole('button', { name: 'Cancel' })).toBeFocused();
    await waitForHeld(request);
    await page.keyboard.press('Escape');
    await setFaults(request, { api: 'ok' });
    expect(await releaseHeld(request)).toBe(1);
    expect(await result).toBe('resolved {"status":"logged_out","hadSession":true}');
  });
});

test('forced colours: the primary action has a thicker edge than the others, at the same size', { tag: '@any-world' }, async ({ page }) => {
  await openSwitcher(page, SWITCHER);
  await expect(dialogOf(page)).toHaveAttribute('data-phase', 'ready');
  const edges = () =>
    page.locator('scdk-account-switcher').evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll<HTMLElement>('.k button')].map((button) => ({
        primary: button.hasAttribute('data-primary'),
        edge: getComputedStyle(button).borderTopWidth,
        height: button.offsetHeight,
      })),
    );
  const normal = await edges();
  await page.emulateMedia({ forcedColors: 'active' });
  const forced = await edges();
  expect(forced.filter((button) => button.primary).map((button) => button.edge)).toEqual(['3px']);
  expect(new Set(forced.filter((button) => !button.primary).map((button) => button.edge))).toEqual(new Set(['1px']));
  expect(forced.map((button) => button.height)).toEqual(normal.map((button) => button.height));
});
