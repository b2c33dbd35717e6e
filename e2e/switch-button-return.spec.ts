import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { loginOnPlatform, mintToken, openPartnerPage } from './helpers';
import { resources, trackResources } from './resource-tracker';

// Issue 25: the switch button kept its state after the user logged in on the platform in another tab,
// until a reload. It now checks the session again, quietly, when the user comes back to the tab
// (visibilitychange to visible, debounced; src/sdk/on-tab-return.ts, whose timing is unit-tested in
// test/unit/on-tab-return.spec.ts). Headless Chromium never hides a page (another tab brought to the
// front, a minimized window: the page stays visible), so the page's visibility is set here, as a browser
// sets it: `document.visibilityState`, then the `visibilitychange` event.

interface Sdk {
  mountSwitchButton(target: string): () => void;
  on(event: string, listener: (payload: unknown) => void): () => void;
  getSession(): Promise<unknown>;
  destroy(): void;
}
interface Seen {
  sessions: unknown[];
  errors: unknown[];
}
declare global {
  interface Window {
    sdk: Sdk;
    seen: Seen;
    unmount: () => void;
  }
}

const TAB_LISTENER = 'visibilitychange on document';

/** What a browser does when the user leaves the tab or comes back to it. */
function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  return page.evaluate((next) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => next });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => next === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

const seen = (page: Page): Promise<Seen> => page.evaluate(() => window.seen);
const tabListeners = async (page: Page) => (await resources(page)).listeners.filter((listener) => listener === TAB_LISTENER);

test('the switch button checks the session again when the user comes back to the tab: a login in another tab shows', async ({ page, context, request, cookieWorld }) => {
  await trackResources(page);
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  await page.evaluate((t) => {
    window.seen = { sessions: [], errors: [] };
    window.sdk = harness.create(t);
    window.sdk.on('session', (session) => window.seen.sessions.push(session));
    window.sdk.on('error', (error) => window.seen.errors.push(error));
  }, token);
  // Zero cost: an instance, and its calls, listen to nothing until a button is mounted.
  await page.evaluate(() => window.sdk.getSession());
  expect(await tabListeners(page)).toEqual([]);

  await page.evaluate(() => (window.unmount = window.sdk.mountSwitchButton('main')));
  const button = page.locator('scdk-switch-button button');
  // The check the button makes when mounted: no session yet.
  await expect.poll(async () => (await seen(page)).sessions.length, { message: 'the mount check' }).toBe(2);
  await expect(button).toHaveText('Switch account');
  expect(await tabListeners(page)).toEqual([TAB_LISTENER]);

  // The user logs in on the platform in another tab, and comes back.
  await setVisibility(page, 'hidden');
  await loginOnPlatform(context, 'AB1234');
  await setVisibility(page, 'visible');
  await expect.poll(async () => (await seen(page)).sessions.length, { message: 'the check on return' }).toBe(3);
  const { sessions, errors } = await seen(page);
  if (iframeReachesCookies(cookieWorld)) {
    expect(sessions[2]).toMatchObject({ state: 'connected', accountId: 'AB••34', own: false });
    await expect(button).toHaveText('AB••34 Switch account');
  } else {
    // The bridge cannot see the session here: the check answers so, and the button shows no account.
    expect(sessions[2]).toMatchObject({ state: 'unknown' });
    await expect(button).toHaveText('Switch account');
  }
  expect(errors).toEqual([]);

  // Its removal removes the listener; a return to the tab then checks nothing.
  await page.evaluate(() => window.unmount());
  expect(await tabListeners(page)).toEqual([]);
});
