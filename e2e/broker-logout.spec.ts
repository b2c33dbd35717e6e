import { expect, iframeReachesCookies, test } from './fixtures';
import {
  loginOnPlatform,
  mintToken,
  openPartnerPage,
  platformSession,
  recordPlatformRequests,
  resetFaults,
  setFaults,
  signToken,
  waitForHeld,
  type Outcome,
} from './helpers';
import { GATEWAY_PLATFORM_ORIGINS } from '../src/sdk/platforms';
import { EXP_LEEWAY_IN_SECONDS } from '../demo/shared/jwt.mjs';
import { freePort } from '../demo/shared/free-port.mjs';
import { startDemo } from '../demo/start.mjs';
import { PARTNER, PARTNER_PORT, PLATFORM, PLATFORM_PORT, useDemoPorts } from './origins';
import { startThirdSite } from './third-site';


/**
 * The deadline for a bridge page that stays silent on a healthy platform. The 5001's detail says the
 * status was checked only if the grace period (1 s after load) and the status request end before it:
 * about 1.3 s here, so this leaves more than 3x.
 */
const DIAGNOSED_TIMEOUT_MS = 4500;
/** The deadline for a bridge that never loads: well below the default (5000), so the test proves config.timeoutMs applied. */
const HANG_TIMEOUT_MS = 1500;
/** For calls whose deadline must not be reached while the test holds their request. */
const PATIENT_TIMEOUT_MS = 60_000;
/** What happens "at once" (destroy() rejecting) may take this long on a busy machine: over 100x the usual few ms. */
const PROMPT_MS = 1000;
/** How late a deadline may be reported: timers, IPC and a busy 2-core machine (the bound only catches a hang). */
const MARGIN_MS = 3000;
/** Timers may fire a few ms early relative to the page's clock readings. */
const TIMER_SLACK_MS = 50;

test.afterEach(async ({ request }) => resetFaults(request));

// In the blocked world these calls still end the session: page.evaluate counts as a click, so the
// default 'popup' fallback opens a platform window. e2e/cookie-worlds.spec.ts covers the routes themselves.

// @solo: the verbatim snippet names only gateway 'demo', which the SDK's own table resolves to the
// platform's default port, and one process at a time can hold that port: so this test starts a platform
// there for itself (its partner on any free port), in the serial pass where no other test runs.
test('the partner snippet, verbatim, through the UMD in a script tag', { tag: '@solo' }, async ({ page, context }) => {
  const workerPorts = [PARTNER_PORT, PLATFORM_PORT] as const;
  const defaultPlatformPort = Number(new URL(GATEWAY_PLATFORM_ORIGINS.demo).port);
  const partnerPort = await freePort('localhost');
  const demo = await startDemo({ partnerPort, platformPort: defaultPlatformPort, quiet: true }).catch((error: { code?: string }) => {
    if (error?.code !== 'EADDRINUSE') throw error;
    throw new Error(`port ${defaultPlatformPort}, where gateway 'demo' finds its platform, is taken: stop \`npm start\` (or whatever holds it) and run again.`);
  });
  useDemoPorts(partnerPort, defaultPlatformPort);
  try {
    expect(PLATFORM).toBe(GATEWAY_PLATFORM_ORIGINS.demo);
    await loginOnPlatform(context, 'AB1234');
    expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
    await page.goto(`${PARTNER}/e2e/snippet.html`);
    await page.getByRole('button', { name: 'Log out from broker' }).click();
    await expect(page.locator('#result')).toHaveText('success {"success":true,"hadSession":true}');
    expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  } finally {
    useDemoPorts(...workerPorts);
    await demo.close();
  }
});

test('logout ends the session; a second logout finds none', async ({ page, context, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await loginOnPlatform(context, 'YZ5678');
  await openPartnerPage(page);
  const first = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
  expect(first).toMatchObject({ ok: true, value: { success: true, hadSession: true } });
  expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  // The client-visible cookie is gone too, checked first-party on the platform.
  const platformPage = await context.newPage();
  await platformPage.goto(`${PLATFORM}/`);
  expect(await platformPage.evaluate(() => document.cookie)).not.toContain('scdk_account');
  await platformPage.close();
  const second = await page.evaluate(() => harness.outcome(harness.instances[0].brokerLogout()));
  expect(second).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
});

// Any world: the SDK refuses these tokens before anything reaches the platform.
test('guest and expired tokens are refused before any iframe or request', { tag: '@any-world' }, async ({ page, request, context }) => {
  const guest = await mintToken(request, 'guest=true');
  const expired = await mintToken(request, 'smallcaseAuthId=user-1&expired=true');
  await openPartnerPage(page);
  const platformRequests = recordPlatformRequests(context);
  const guestOutcome = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), guest);
  expect(guestOutcome.error).toMatchObject({ code: 4004, message: 'not_connected', isScdkError: true });
  const expiredOutcome = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), expired);
  expect(expiredOutcome.error).toMatchObject({ code: 4003, message: 'token_expired' });
  expect(expiredOutcome.error!.detail).toContain('Fetch a fresh token');
  expect(await page.evaluate(() => harness.frames())).toBe(0);
  expect(platformRequests).toEqual([]);
});

// Between the SDK's leeway (30 s) and the old one (60 s): with a leeway above the platform's, this token
// went to the platform and came back 4003 after a request.
const EXPIRED_PAST_PLATFORM_LEEWAY_IN_SECONDS = 45;

// Any world: refused before anything reaches the platform.
test('a token expired past the platform\'s leeway (45 s ago) gives 4003 before any iframe or request', { tag: '@any-world' }, async ({ page, context }) => {
  expect(EXPIRED_PAST_PLATFORM_LEEWAY_IN_SECONDS).toBeGreaterThan(EXP_LEEWAY_IN_SECONDS);
  const now = Math.floor(Date.now() / 1000);
  const exp = now - EXPIRED_PAST_PLATFORM_LEEWAY_IN_SECONDS;
  const token = signToken({ smallcaseAuthId: 'user-1', iat: exp - 3600, exp });
  await openPartnerPage(page);
  const platformRequests = recordPlatformRequests(context);
  const outcome = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
  expect(outcome.error).toMatchObject({ code: 4003, message: 'token_expired', isScdkError: true });
  expect(outcome.error!.detail).toContain(new Date(exp * 1000).toISOString());
  expect(await page.evaluate(() => harness.frames())).toBe(0);
  expect(platformRequests).toEqual([]);
});

// Any world: the constructor throws before anything loads.
test('a token without exp, an unknown gateway with no platformUrl, an unknown config key: thrown by the constructor, nothing loads', { tag: '@any-world' }, async ({ page, context }) => {
  const noExp = signToken({ smallcaseAuthId: 'user-1', iat: Math.floor(Date.now() / 1000) });
  const token = signToken({ smallcaseAuthId: 'user-1', exp: Math.floor(Date.now() / 1000) + 3600 });
  await openPartnerPage(page);
  const platformRequests = recordPlatformRequests(context);
  const outcomes = await page.evaluate(
    ([noExpToken, t]) => ({
      noExp: harness.attempt(() => harness.create(noExpToken)),
      // platformUrl: undefined keeps the harness from filling in the mock platform: the gateway alone decides.
      unknownGateway: harness.attempt(() => harness.create(t, { platformUrl: undefined }, 'acme')),
      demoGateway: harness.attempt(() => void harness.create(t, { platformUrl: undefined })),
      unknownKey: harness.attempt(() => harness.create(t, { timeout: 3000 })),
    }),
    [noExp, token],
  );
  expect(outcomes.noExp.error).toMatchObject({ code: 4002, message: 'invalid_jwt', isScdkError: true });
  expect(outcomes.noExp.error!.detail).toContain('sign it with exp');
  expect(outcomes.unknownGateway.error).toMatchObject({ code: 4001, message: 'invalid_gateway', isScdkError: true });
  expect(outcomes.unknownGateway.error!.detail).toBe('gateway "acme" has no known platform: pass config.platformUrl.');
  // The bundle carries the gateway table: demo, the mock platform, is known without platformUrl.
  expect(outcomes.demoGateway).toEqual({ ok: true });
  expect(outcomes.unknownKey.error).toMatchObject({ code: 4000, message: 'invalid_options' });
  expect(outcomes.unknownKey.error!.detail).toBe('config.timeout is not an option; did you mean config.timeoutMs?');
  expect(await page.evaluate(() => harness.frames())).toBe(0);
  expect(platformRequests).toEqual([]);
});

// Any world: the constructor throws before anything loads.
test('a malformed token or gateway throws synchronously from the constructor', { tag: '@any-world' }, async ({ page }) => {
  await openPartnerPage(page);
  const outcomes = await page.evaluate(() => [
    harness.attempt(() => harness.create('not.a.jwt')),
    harness.attempt(() => harness.create('')),
    harness.attempt(() => harness.create('a.b.c', {}, 'bad gateway!')),
    harness.attempt(() => new (window as any).scDK()),
  ]);
  expect(outcomes.map((o) => o.error?.code)).toEqual([4002, 4002, 4001, 4001]);
  expect(outcomes.every((o) => o.error?.isScdkError && o.error.detail.length > 20)).toBe(true);
  expect(await page.evaluate(() => harness.frames())).toBe(0);
});

test('a token with a wrong signature is refused by the platform with 4002', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const [header, payload] = token.split('.');
  const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  await loginOnPlatform(context, 'AB1234');
  await openPartnerPage(page);
  const outcome = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), forged);
  expect(outcome.error).toMatchObject({ code: 4002, message: 'invalid_jwt' });
  expect((await platformSession(context)).loggedIn).toBe(true);
});

// Any world: the bridge refuses the connect (or the platform the framing) before it says whether it reaches the cookies.
test('an unknown gateway gives 4001', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  const outcome = await page.evaluate(
    ([t, platformUrl]) => harness.outcome(harness.create(t, { platformUrl }, 'no-such-gateway').brokerLogout()),
    [token, PLATFORM],
  );
  expect(outcome.error).toMatchObject({ code: 4001, message: 'invalid_gateway' });
  expect(outcome.error!.detail).toContain('no-such-gateway');
  expect(await page.evaluate(() => harness.frames())).toBe(0);
});

// Any world: the platform refuses the framing, or the bridge the connect, before it says whether it reaches the cookies.
test('an untrusted partner origin gives 4005, whether framing is refused or the bridge refuses', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const site = await startThirdSite();
  try {
    await page.goto(`${site.origin}/page.html`);
    const refusedFrame = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
    expect(refusedFrame.error).toMatchObject({ code: 4005, message: 'origin_not_allowed' });
    expect(refusedFrame.error!.detail).toContain(site.origin);
    // Without the frame-ancestors header the page loads, and the bridge itself refuses the origin: the
    // refusal comes from the bridge (its detail, no status request), not from the diagnosis after a silence.
    await setFaults(request, { frameAncestors: 'off' });
    const platformRequests = recordPlatformRequests(page.context());
    const refusedByBridge = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
    expect(refusedByBridge.error).toMatchObject({ code: 4005, message: 'origin_not_allowed' });
    expect(refusedByBridge.error!.detail).not.toContain('ask it to add this origin');
    expect(platformRequests).not.toContain('GET /scdk/v1/status');
  } finally {
    await site.close();
  }
});

// A bridge page that loads as an HTTP error or stays silent, on a platform whose status endpoint says the
// gateway and the origin are fine, looks exactly like a slow bridge from the partner page: the SDK keeps
// waiting until the call's deadline and then says 5001 with a detail that names both causes. It never
// gives up early with 5002, which would race a slow but healthy bridge.
for (const fault of ['404', 'silent'] as const) {
  test(`a bridge page that ${fault === '404' ? 'answers 404' : 'loads but stays silent'} on a healthy platform gives 5001 at the deadline, and a retry works once fixed`, async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await setFaults(request, { bridge: fault });
    await openPartnerPage(page);
    const outcome = await page.evaluate(
      ([t, timeoutMs]) => {
        harness.rememberIframeReachesCookies();
        return harness.outcome(() => harness.create(t, { timeoutMs }).brokerLogout());
      },
      [token, DIAGNOSED_TIMEOUT_MS] as const,
    );
    expect(outcome.error).toMatchObject({ code: 5001, message: 'bridge_timeout' });
    // The status endpoint was asked after the grace period and said the platform is fine.
    expect(outcome.error!.detail).toContain('not an HTTP error');
    // Not before the deadline (the clock started before the call, and a timer never fires early), and not long after.
    expect(outcome.ms).toBeGreaterThan(DIAGNOSED_TIMEOUT_MS - TIMER_SLACK_MS);
    expect(outcome.ms).toBeLessThan(DIAGNOSED_TIMEOUT_MS + MARGIN_MS);
    expect(await page.evaluate(() => harness.frames())).toBe(0);
    await resetFaults(request);
    const retry = await page.evaluate(() => harness.outcome(harness.instances[0].brokerLogout()));
    expect(retry).toMatchObject({ ok: true, value: { hadSession: false } });
  });
}

// Any world: the bridge page never loads, so it never says whether it reaches the cookies, and nothing comes after.
test('a bridge that never answers gives 5001 at the timeout', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await setFaults(request, { bridge: 'hang' });
  await openPartnerPage(page);
  const outcome = await page.evaluate(
    ([t, timeoutMs]) => {
      harness.rememberIframeReachesCookies();
      return harness.outcome(() => harness.create(t, { timeoutMs }).brokerLogout());
    },
    [token, HANG_TIMEOUT_MS] as const,
  );
  expect(outcome.error).toMatchObject({ code: 5001, message: 'bridge_timeout' });
  // config.timeoutMs applied: not before it, and well before the default (5000) would have fired.
  expect(outcome.ms).toBeGreaterThan(HANG_TIMEOUT_MS - TIMER_SLACK_MS);
  expect(outcome.ms).toBeLessThan(HANG_TIMEOUT_MS + MARGIN_MS);
  expect(await page.evaluate(() => harness.frames())).toBe(0);
});

test('an API that never answers gives 5001 within the timeout', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await setFaults(request, { api: 'hang' });
  await openPartnerPage(page);
  const outcome = await page.evaluate((t) => harness.outcome(harness.create(t, { timeoutMs: 2000 }).brokerLogout()), token);
  expect(outcome.error).toMatchObject({ code: 5001 });
  // Never a hang: one deadline covers the whole call, window or iframe (e2e/deadline.spec.ts pins it closer).
  expect(outcome.ms).toBeLessThan(2000 + MARGIN_MS);
  await expect.poll(() => context.pages().length).toBe(1);
});

test('a platform error during logout gives 3023 logout_failed', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await setFaults(request, { api: '500' });
  await openPartnerPage(page);
  const outcome = await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
  expect(outcome.error).toMatchObject({ code: 3023, message: 'logout_failed' });
});

test('the callbacks style: onSuccess or onFailure, and no unhandled rejection', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const guest = await mintToken(request, 'guest=true');
  await loginOnPlatform(context, 'AB1234');
  await openPartnerPage(page);
  const unhandled: string[] = [];
  page.on('pageerror', (error) => unhandled.push(error.message));
  const calls = await page.evaluate(
    ([t, g]) => {
      const settle = (token: string) =>
        new Promise((resolve) => {
          harness.create(token).brokerLogout({
            onSuccess: (result: unknown) => resolve({ onSuccess: result }),
            onFailure: (error: { code: number }) => resolve({ onFailure: error.code }),
          });
        });
      return Promise.all([settle(t), settle(g)]);
    },
    [token, guest],
  );
  expect(calls[0]).toEqual({ onSuccess: { success: true, hadSession: true } });
  expect(calls[1]).toEqual({ onFailure: 4004 });
  // A barrier instead of a wait: a rejection left unhandled in a later task is reported after any from the calls above.
  const sentinel = page.waitForEvent('pageerror', { predicate: (error) => error.message === 'sentinel' });
  await page.evaluate(() => {
    setTimeout(() => Promise.reject(new Error('sentinel')));
  });
  await sentinel;
  expect(unhandled).toEqual(['sentinel']);
});

test('concurrent calls on one instance share one request', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await loginOnPlatform(context, 'AB1234');
  await openPartnerPage(page);
  const platformRequests = recordPlatformRequests(context);
  const result = await page.evaluate(async (t) => {
    const sdk = harness.create(t);
    const calls = [sdk.brokerLogout(), sdk.brokerLogout(), sdk.brokerLogout()];
    const outcomes = await Promise.all(calls.map((call) => harness.outcome(call)));
    return { same: calls[0] === calls[1] && calls[1] === calls[2], outcomes, frames: harness.frames() };
  }, token);
  expect(result.same).toBe(true);
  expect(result.frames).toBe(1);
  expect(platformRequests.filter((r) => r === 'POST /scdk/v1/logout')).toHaveLength(1);
  expect(platformRequests.filter((r) => r === 'GET /scdk/v1/bridge')).toHaveLength(1);
  for (const outcome of result.outcomes) expect(outcome).toMatchObject({ ok: true, value: { hadSession: true } });
});

test('destroy() mid-call rejects with 5005 and leaves no iframe or window; calls after it reject too', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await loginOnPlatform(context, 'AB1234');
  // The platform holds the logout request: destroy() lands while it is in flight, whatever the machine's speed.
  await setFaults(request, { api: 'hold' });
  await openPartnerPage(page);
  await page.evaluate(
    ([t, timeoutMs]) => {
      const sdk = harness.create(t, { timeoutMs });
      (window as unknown as { pending: Promise<Outcome> }).pending = harness.outcome(sdk.brokerLogout());
    },
    [token, PATIENT_TIMEOUT_MS] as const,
  );
  await waitForHeld(request);
  const result = await page.evaluate(async () => {
    const sdk = harness.instances[0];
    const destroyedAt = performance.now();
    sdk.destroy();
    sdk.destroy();
    const inFlight = await (window as unknown as { pending: Promise<Outcome> }).pending;
    const afterDestroyMs = performance.now() - destroyedAt;
    const after = await harness.outcome(sdk.brokerLogout());
    return { inFlight, afterDestroyMs, after, frames: harness.frames() };
  });
  expect(result.inFlight.error).toMatchObject({ code: 5005, message: 'destroyed' });
  // destroy() rejects at once; the bound only allows for a busy machine (the request itself is still held).
  expect(result.afterDestroyMs).toBeLessThan(PROMPT_MS);
  expect(result.after.error).toMatchObject({ code: 5005 });
  expect(result.frames).toBe(0);
  await expect.poll(() => context.pages().length).toBe(1);
});

test('after a completed call and destroy() no iframe is left behind', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  const frames = await page.evaluate(async (t) => {
    const sdk = harness.create(t);
    await harness.outcome(sdk.brokerLogout());
    const during = harness.frames();
    sdk.destroy();
    return { during, after: harness.frames() };
  }, token);
  expect(frames).toEqual({ during: 1, after: 0 });
});

// Any world: the URL is built the same way whatever cookies the iframe can reach.
test('the iframe URL carries no token', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token);
  const bridge = urls.find((u) => u.includes('/scdk/v1/bridge'));
  expect(bridge).toBe(`${PLATFORM}/scdk/v1/bridge?gateway=demo&v=1`);
  expect(urls.some((u) => u.includes(token) || u.includes(token.split('.')[1]))).toBe(false);
});

test('a bridge iframe removed from the page (a re-render) is made again on the next call', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPartnerPage(page);
  const result = await page.evaluate(async (t) => {
    // A frame still counted as connected would leave the second call unanswered: 5001, not a slow success.
    const sdk = harness.create(t, { timeoutMs: 10_000 }) as unknown as { getSession(): Promise<unknown> };
    const first = await harness.outcome(sdk.getSession());
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    const second = await harness.outcome(sdk.getSession());
    return { first, second, frames: harness.frames() };
  }, token);
  expect(result.first.ok).toBe(true);
  expect(result.second.ok).toBe(true);
  expect(result.frames).toBe(1);
});

// Any world: a guest token is refused before any request.
test('a rejected brokerLogout() nobody handles is reported as an unhandled rejection', { tag: '@any-world' }, async ({ page, request }) => {
  const guest = await mintToken(request, 'guest=true');
  await openPartnerPage(page);
  const reasons = await page.evaluate(async (t) => {
    const seen: string[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      seen.push((event.reason as { message?: string }).message ?? '');
      event.preventDefault();
    };
    addEventListener('unhandledrejection', onUnhandled);
    harness.create(t).brokerLogout();
    // A barrier, not a wait: a rejection left unhandled in a later task is reported after the call's.
    await new Promise<void>((resolve) => {
      addEventListener('unhandledrejection', function onSentinel(event) {
        if ((event.reason as { message?: string }).message !== 'sentinel') return;
        removeEventListener('unhandledrejection', onSentinel);
        resolve();
      });
      setTimeout(() => Promise.reject(new Error('sentinel')));
    });
    removeEventListener('unhandledrejection', onUnhandled);
    return seen;
  }, guest);
  expect(reasons).toEqual(['not_connected', 'sentinel']);
});

test('events: logout, then a disconnected session that keeps the broker name', async ({ page, request, context }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await loginOnPlatform(context, 'AB1234');
  await openPartnerPage(page);
  const events = await page.evaluate(async (t) => {
    const seen: unknown[] = [];
    const sdk = harness.create(t) as unknown as {
      on(event: string, fn: (payload: unknown) => void): () => void;
      getSession(): Promise<unknown>;
      brokerLogout(): Promise<unknown>;
    };
    sdk.on('session', (payload) => seen.push(['session', payload]));
    sdk.on('logout', (payload) => seen.push(['logout', payload]));
    await sdk.getSession();
    await sdk.brokerLogout();
    return seen;
  }, token);
  expect(events.slice(-2)).toEqual([
    ['logout', { success: true, hadSession: true }],
    ['session', { state: 'disconnected', broker: 'Demo Broker' }],
  ]);
});

test('a platform window the browser refuses (a blocker, an in-app browser) falls back to the iframe where it reaches the cookies, else 5004', async ({ page, request, context, cookieWorld }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await loginOnPlatform(context, 'AB1234');
  await openPartnerPage(page);
  // Nothing remembered and a click (evaluate counts as one): the SDK tries the window first, which a blocker refuses.
  const outcome = await page.evaluate((t) => {
    window.open = () => null;
    return harness.outcome(harness.create(t).brokerLogout());
  }, token);
  if (iframeReachesCookies(cookieWorld)) {
    expect(outcome).toMatchObject({ ok: true, value: { success: true, hadSession: true } });
    expect(await platformSession(context)).toEqual({ loggedIn: false, accountId: null });
  } else {
    expect(outcome.error).toMatchObject({ code: 5004, message: 'popup_blocked' });
    expect(await platformSession(context)).toEqual({ loggedIn: true, accountId: 'AB1234' });
  }
});
