import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test, type CookieWorld } from './fixtures';
import { bridgeUrl, appendFrame, connectAsParent } from './frames';
import {
  loginOnPlatform,
  mintToken,
  openClickPage,
  openPartnerPage,
  platformSession,
  recordPlatformRequests,
  recordWindows,
  resetFaults,
  setFaults,
  startSwitch,
  waitForResult,
  type Faults,
} from './helpers';
import { PARTNER, PLATFORM } from './origins';

// The platform's session cookie decides where a logout can work, not the bridge's own probe cookie: a
// SameSite=Lax or Strict session cookie never travels with a cross-site iframe's request, whatever the
// browser's third-party cookie setting. The mock platform sets its login cookies with the SameSite each
// test asks for (POST /__test/faults { sessionSameSite }) and declares it to the runtime on its pages.
// Every journey checks the platform's truth, read top-level: success while the session lives is a failure.
// Logouts are driven by real clicks, and results read from the page, as in e2e/cookie-worlds.spec.ts.


type SameSite = NonNullable<Faults['sessionSameSite']>;
const SAME_SITE_SETTINGS: readonly SameSite[] = ['None', 'Lax', 'Strict'];
const LOGGED_OUT = { loggedIn: false, accountId: null };
const LOGGED_IN = { loggedIn: true, accountId: 'AB1234' };
/** Where the SDK remembers whether the iframe reached the platform's cookies (src/sdk/storage-memory.ts). */
const storageKey = (): string => `scdk:storage:${PLATFORM}`;
/** For replies from the bridge: a cap that only turns a hang into a readable failure; a reply takes well under a second. */
const REPLY_CAP_MS = 10_000;

/** Whether the hidden bridge iframe can carry the session cookie: only SameSite=None, and only where the world lets frames have cookies. */
function iframeCarriesSession(sameSite: SameSite, world: CookieWorld): boolean {
  return sameSite === 'None' && iframeReachesCookies(world);
}

/** As if an earlier handshake had seen the iframe reach the platform's cookies, e.g. while the platform's cookie was SameSite=None. */
async function rememberAvailable(page: Page): Promise<void> {
  await page.evaluate(([key]) => localStorage.setItem(key, 'available'), [storageKey()]);
}

/** On the partner page: sends one request on the port connectAsParent opened, and resolves with its reply. */
function requestOnPort(page: Page, method: 'logout' | 'session', token: string): Promise<unknown> {
  return page.evaluate(
    ([m, t, capMs]) =>
      new Promise((resolve) => {
        const { port } = (window as unknown as { trustedBridge: { port: MessagePort } }).trustedBridge;
        port.onmessage = (event) => resolve(event.data);
        port.postMessage({ ns: 'scdk', v: 1, type: 'request', id: 7, method: m, token: t });
        setTimeout(() => resolve(null), capMs as number);
      }),
    [method, token, REPLY_CAP_MS] as const,
  );
}

test.afterEach(async ({ request }) => resetFaults(request));

for (const sameSite of SAME_SITE_SETTINGS) {
  test.describe(`the platform's session cookie is SameSite=${sameSite}`, () => {
    // Before any login: the cookie is set with the attributes in force when the user logs in.
    test.beforeEach(async ({ request }) => setFaults(request, { sessionSameSite: sameSite }));

    test('a click logs out, twice, and success comes only with the session gone', async ({ page, context, cookieWorld }) => {
      await loginOnPlatform(context, 'AB1234');
      await openClickPage(page);
      const windows = recordWindows(context);
      // Nothing remembered yet: Chromium keeps the click's activation, so the first click asks the iframe
      // first (a window only where it cannot carry the session), and the handshake is remembered.
      const carries = iframeCarriesSession(sameSite, cookieWorld);
      await page.getByRole('button', { name: 'Log out from broker' }).click();
      await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
      expect(await platformSession(context)).toEqual(LOGGED_OUT);
      expect(windows).toHaveLength(carries ? 0 : 1);
      const expected = carries ? 'available' : 'blocked';
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), storageKey())).toBe(expected);

      await loginOnPlatform(context, 'AB1234');
      await openClickPage(page);
      await page.getByRole('button', { name: 'Log out from broker' }).click();
      await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
      expect(await platformSession(context)).toEqual(LOGGED_OUT);
      expect(windows).toHaveLength(carries ? 0 : 2);
    });

    test("a remembered 'available' (from when the cookie was SameSite=None) does not let the iframe claim success", async ({ page, context, cookieWorld }) => {
      await loginOnPlatform(context, 'AB1234');
      await openClickPage(page);
      await rememberAvailable(page);
      const windows = recordWindows(context);
      await page.getByRole('button', { name: 'Log out from broker' }).click();
      await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
      expect(await platformSession(context)).toEqual(LOGGED_OUT);
      // The iframe went first; where it cannot carry the session, it said so and the window did the logout.
      expect(windows).toHaveLength(iframeCarriesSession(sameSite, cookieWorld) ? 0 : 1);
      expect(await page.evaluate((key) => localStorage.getItem(key), storageKey())).toBe(
        iframeCarriesSession(sameSite, cookieWorld) ? 'available' : 'blocked',
      );
    });

    test("fallback 'none': 5003 and the session kept, wherever the iframe cannot carry the session", async ({ page, context, cookieWorld }) => {
      await loginOnPlatform(context, 'AB1234');
      await openClickPage(page, '?fallback=none');
      await rememberAvailable(page);
      const windows = recordWindows(context);
      await page.getByRole('button', { name: 'Log out from broker' }).click();
      if (iframeCarriesSession(sameSite, cookieWorld)) {
        await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
        expect(await platformSession(context)).toEqual(LOGGED_OUT);
        return;
      }
      await expect(page.locator('#result')).toHaveText(/^error 5003 storage_blocked/);
      expect(windows).toHaveLength(0);
      expect(await platformSession(context)).toEqual(LOGGED_IN);
    });

    test('the bridge itself says blocked and refuses a logout with 5003 before anything could end the session', async ({ page, context, request, cookieWorld }) => {
      const token = await mintToken(request, 'smallcaseAuthId=user-1');
      await loginOnPlatform(context, 'AB1234');
      await openPartnerPage(page);
      await appendFrame(page, bridgeUrl(), 'bridge');
      const carries = iframeCarriesSession(sameSite, cookieWorld);
      expect(await connectAsParent(page)).toMatchObject({ type: 'ready', storage: carries ? 'available' : 'blocked' });
      test.skip(carries, 'the iframe carries the session here: its logout is the journeys above');
      // The SDK never sends this to a blocked bridge; the bridge must refuse it anyway (a stale or forged memory).
      const platformRequests = recordPlatformRequests(context);
      const reply = await requestOnPort(page, 'logout', token);
      expect(reply).toMatchObject({ type: 'response', id: 7, ok: false, error: { code: 5003, message: 'storage_blocked' } });
      // Only the read-only session query (which checks the token) reached the API.
      expect(platformRequests.filter((r) => r.startsWith('POST /scdk/v1/'))).toEqual(['POST /scdk/v1/session']);
      expect(await platformSession(context)).toEqual(LOGGED_IN);
    });

    test('getSession() never says disconnected while the session lives', async ({ page, context, request, cookieWorld }) => {
      const token = await mintToken(request, 'smallcaseAuthId=user-1');
      await loginOnPlatform(context, 'AB1234');
      await openPartnerPage(page);
      const outcome = await page.evaluate((t) => harness.outcome(harness.create(t).getSession()), token);
      // The session is not this user's (logged in on the platform directly), so the account is masked.
      const expected = iframeCarriesSession(sameSite, cookieWorld)
        ? { state: 'connected', accountId: 'AB••34', own: false }
        : { state: 'unknown' };
      expect(outcome).toMatchObject({ ok: true, value: expected });
    });

    test('switchAccount(): AB1234 -> YZ5678 in the platform window', async ({ page, context }) => {
      await loginOnPlatform(context, 'AB1234');
      const platformWindow = await startSwitch(page);
      const result = waitForResult(page);
      await platformWindow.waitForURL(`${PLATFORM}/login?gateway=demo`);
      // The old session is already gone, first-party, while the user chooses.
      expect(await platformSession(context)).toEqual(LOGGED_OUT);
      await platformWindow.getByRole('button', { name: /YZ5678/ }).click();
      expect(await result).toBe('switched {"accountId":"YZ5678","own":true,"events":["logout:true","switch:YZ5678"]}');
      expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'YZ5678' });
    });

    test("fallback 'redirect': a real logout and back, never a success with the session alive", async ({ page, context }) => {
      await loginOnPlatform(context, 'AB1234');
      await openClickPage(page, '?fallback=redirect');
      await page.getByRole('button', { name: 'Log out from broker' }).click();
      await expect(page.locator('#result')).toHaveText(/success \{"success":true,"hadSession":true\}$/);
      expect(page.url()).toBe(`${PARTNER}/e2e/click-logout.html?fallback=redirect`);
      expect(await platformSession(context)).toEqual(LOGGED_OUT);
    });
  });
}
