import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { loginOnPlatform } from './helpers';
import { PARTNER } from './origins';

// Issue 25, items 5 and 7: on the partner demo (demo/partner/public), the hint under the switch button
// says what the button shows now (an account masked or in full, none, or none because the browser hides
// it), and the results of the switcher the button opened reach "3. Results" like any call's.

function switchButton(page: Page) {
  return page.locator('#switch-slot scdk-switch-button').getByRole('button');
}

const hint = (page: Page) => page.locator('#session-hint');

/** The demo page once the switch button has made its first check (the hint has left its first words). */
async function openDemo(page: Page): Promise<void> {
  await page.goto(`${PARTNER}/`);
  await expect(switchButton(page)).toBeVisible();
  await expect(hint(page)).not.toHaveText(/once the platform has answered/);
}

test('the hint under the switch button follows what the button shows, and names "Check session" for own', async ({ page, context, cookieWorld }) => {
  await openDemo(page);
  if (!iframeReachesCookies(cookieWorld)) {
    await loginOnPlatform(context, 'AB1234');
    await page.reload();
    await expect(switchButton(page)).toHaveText('Switch account');
    await expect(hint(page)).toContainText("third-party cookies blocked), so the switch button shows no account and \"Check session\" reports state: 'unknown'");
    await expect(hint(page)).not.toContainText('AB');
    return;
  }
  await expect(switchButton(page)).toHaveText('Switch account');
  await expect(hint(page)).toContainText('No account is logged in on the platform');

  // A plain platform login: the account is masked, and the hint says why.
  await loginOnPlatform(context, 'AB1234');
  await page.reload();
  await expect(switchButton(page)).toHaveText('AB••34 Switch account');
  await expect(hint(page)).toContainText('Why does the switch button show AB••34?');
  await expect(hint(page)).toContainText('("Check session" reports own: false)');

  // A login linked to the page's user: the full id, and the hint no longer asks why it is masked.
  await loginOnPlatform(context, 'AB1234', 'user-1');
  await page.reload();
  await expect(switchButton(page)).toHaveText('AB1234 Switch account');
  await expect(hint(page)).toHaveText(
    'The switch button shows AB1234 in full: this platform session is linked to the user in the field above ("Check session" reports own: true).',
  );
  await page.getByRole('button', { name: 'Check session', exact: true }).click();
  await expect(page.locator('#status')).toContainText('"own":true');
});

test('the switch button reports what its switcher ended with in "3. Results" (onResult / onError)', { tag: '@any-world' }, async ({ page }) => {
  // @any-world: a dismissed switcher rejects 1010 in every cookie world, and the page only reports it.
  await openDemo(page);
  await switchButton(page).click();
  await expect(page.getByRole('dialog')).toHaveAttribute('data-phase', 'ready');
  await page.keyboard.press('Escape');
  await expect(page.locator('#status')).toHaveText('Switch button: error 1010 user_cancelled');
  await expect(page.locator('#log li').first()).toContainText('Switch button');
  // Focus is back on the switch button that opened it.
  await expect(switchButton(page)).toBeFocused();
});
