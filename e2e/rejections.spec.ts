import { expect, test } from './fixtures';
import { mintToken, openPartnerPage } from './helpers';
import { PARTNER } from './origins';

// One rejection rule for every call (README: Errors): each returns a promise that rejects with an
// ScdkError, and a rejection the partner does not handle is reported by the browser as unhandled, like any
// promise's. Passing a failure callback (brokerLogout's onFailure, the button's onError) handles it.

interface Harness {
  create(token: string, config?: Record<string, unknown>): Record<string, (...args: unknown[]) => Promise<unknown>>;
}

// Any world: an expired token is refused before any request.
test('every call left without .catch reports its rejection as unhandled; onFailure handles brokerLogout', { tag: '@any-world' }, async ({ page, request }) => {
  const expired = await mintToken(request, 'smallcaseAuthId=user-1&expired=true');
  await openPartnerPage(page);
  await page.evaluate((token) => {
    const reported: unknown[] = [];
    (window as unknown as { reported: unknown[] }).reported = reported;
    window.addEventListener('unhandledrejection', (event) => {
      event.preventDefault(); // recorded here, not printed
      reported.push((event.reason as { code?: number })?.code ?? String(event.reason));
    });
    const sdk = (window as unknown as { harness: Harness }).harness.create(token);
    // Nothing handles these four.
    sdk.getSession();
    sdk.brokerLogout();
    sdk.switchAccount();
    sdk.openAccountSwitcher();
    // This one is handled by its callback.
    sdk.brokerLogout({ onFailure: () => reported.push('onFailure') });
  }, expired);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { reported: unknown[] }).reported.length))
    .toBe(5);
  const reported = await page.evaluate(() => (window as unknown as { reported: unknown[] }).reported);
  expect([...reported].sort()).toEqual([4003, 4003, 4003, 4003, 'onFailure'].sort());
});

// Any world: how a rejection is reported, not which screen led to it.
test('a dismissed switcher nobody handles is reported as unhandled (1010), like every other call', { tag: '@any-world' }, async ({ page }) => {
  await page.goto(`${PARTNER}/e2e/switcher.html`);
  await expect(page.getByRole('button', { name: 'Manage broker account' })).toBeEnabled();
  await page.evaluate(() => {
    const reported: unknown[] = [];
    (window as unknown as { reported: unknown[] }).reported = reported;
    window.addEventListener('unhandledrejection', (event) => {
      event.preventDefault();
      reported.push((event.reason as { code?: number })?.code);
    });
    (window as unknown as { scGateway: { openAccountSwitcher(): Promise<unknown> } }).scGateway.openAccountSwitcher();
  });
  const dialog = page.getByRole('dialog');
  // Past 'checking': the re-render to the ready screen must not move another button under the click.
  await expect(page.locator('scdk-account-switcher [role=dialog]')).toHaveAttribute('data-phase', 'ready');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { reported: unknown[] }).reported)).toEqual([1010]);
});

// Any world: an option check, then fallback 'none' refuses before any window.
test('switchAccount takes { onStep } or, as before, the step callback itself; anything else is 4000', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  const codes = await page.evaluate(async (t) => {
    const sdk = (window as unknown as { harness: Harness }).harness.create(t, { fallback: 'none' });
    const code = (call: Promise<unknown>) => call.then(() => 0, (error: { code: number }) => error.code);
    // fallback 'none' refuses any switch with 5004 once the options are accepted: no window opens here.
    return Promise.all([
      code(sdk.switchAccount({ onStep: () => {} })),
      code(sdk.switchAccount(() => {})),
      code(sdk.switchAccount()),
      code(sdk.switchAccount({ onStep: 'loud' })),
      code(sdk.switchAccount('steps')),
    ]);
  }, token);
  expect(codes).toEqual([5004, 5004, 5004, 4000, 4000]);
});
