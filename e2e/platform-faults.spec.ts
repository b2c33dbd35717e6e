// Platform faults the mock platform can switch on (POST /__test/faults), plus the ones only a test can
// cause (the bridge iframe reloaded or removed mid-request, the platform server down). Each call must
// end in the right typed error within its timeout plus a small margin; no promise may stay pending; a
// retry must work once the fault is gone. broker-logout.spec.ts already covers bridge 404, hang, silent,
// API hang and the API's 500 on logout; this file adds the rest.
import type { Page } from '@playwright/test';
import { expect, iframeReachesCookies, test } from './fixtures';
import { recordPageErrors } from './frames';
import {
  loginOnPlatform,
  mintToken,
  openPartnerPage,
  platformSession,
  releaseHeld,
  resetFaults,
  setFaults,
  waitForHeld,
  type Outcome,
} from './helpers';
import { PlatformRelay, closedLoopbackPort } from './platform-relay';

type Settled = Outcome & { pending?: true };
declare function settleWithin(call: Promise<unknown> | (() => Promise<unknown>), ms: number): Promise<Settled>;

/** The SDK timeout these tests run with. */
const TIMEOUT_MS = 5000;
/** "A small margin" over the timeout: timers, IPC and a busy 2-core machine. */
const MARGIN_MS = 1500;
/** Timers may fire a few ms early relative to the page's clock readings. */
const TIMER_SLACK_MS = 50;
/**
 * An API delay well inside the timeout: the answer must be taken. Half of it leaves 2.5 s for the request
 * and the answer to cross the processes, over 8x what a loaded machine needs. "No answer in time" is a
 * held request instead of a longer delay, so nothing races the deadline.
 */
const ANSWER_DELAY_MS = TIMEOUT_MS / 2;
const OPEN_FRAMES_PAGE = '/e2e/open-frames.html';

/**
 * An init script: `settleWithin(call, ms)` resolves with harness.outcome(call), or `{ pending: true }` after
 * `ms`. Pass a function where `ms` is compared with the deadline from below: the clock then starts before
 * the call does (a call's synchronous part can take tens of ms on a busy machine).
 */
function defineSettleWithin(): void {
  (window as unknown as { settleWithin: typeof settleWithin }).settleWithin = (call, ms) =>
    Promise.race([
      (window as unknown as { harness: { outcome(c: Promise<unknown> | (() => Promise<unknown>)): Promise<Settled> } }).harness.outcome(call),
      new Promise<Settled>((resolve) => setTimeout(() => resolve({ ok: false, pending: true, ms }), ms)),
    ]);
}

async function openPage(page: Page, path?: string): Promise<void> {
  await page.addInitScript(defineSettleWithin);
  await openPartnerPage(page, path);
}

function expectTypedError(outcome: Settled, code: number, withinMs: number): void {
  expect(outcome.pending, 'the call was still pending').toBeUndefined();
  expect(outcome.error).toMatchObject({ code, isScdkError: true });
  expect(outcome.ms).toBeLessThan(withinMs);
}

function expectSession(outcome: Settled): void {
  expect(outcome.pending, 'the call was still pending').toBeUndefined();
  expect(outcome, `failed with ${JSON.stringify(outcome.error)}`).toMatchObject({ ok: true, value: { broker: 'Demo Broker' } });
}

test.afterEach(async ({ request }) => resetFaults(request));

test('a bridge page answering HTTP 500 on a healthy platform gives 5001 at the deadline, never early; a retry works once fixed', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await setFaults(request, { bridge: '500' });
  await openPage(page);
  const failed = await page.evaluate(
    ([t, timeoutMs, limit]) => {
      // About the iframe: as after an earlier handshake that reached the cookies, so no window opens first.
      harness.rememberIframeReachesCookies();
      return settleWithin(() => harness.create(t, { timeoutMs }).brokerLogout(), limit);
    },
    [token, TIMEOUT_MS, TIMEOUT_MS + MARGIN_MS] as const,
  );
  // The status endpoint says the platform is fine, so this looks like a slow bridge: only the deadline ends it.
  expectTypedError(failed, 5001, TIMEOUT_MS + MARGIN_MS);
  expect(failed.ms).toBeGreaterThan(TIMEOUT_MS - TIMER_SLACK_MS);
  expect(failed.error!.detail).toContain('/scdk/v1/bridge');
  expect(await page.evaluate(() => harness.frames())).toBe(0);
  await resetFaults(request);
  const retry = await page.evaluate((limit) => settleWithin(harness.instances[0].brokerLogout(), limit), TIMEOUT_MS + MARGIN_MS);
  expect(retry).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
});

// Solo: the held retry must be released inside the SDK's 5 s deadline, after five round trips to the
// platform; with other tests loading both cores those took longer, and the retry timed out instead.
// Any world: the bridge asks the platform's API for every session request in every world (request-handlers.ts)
// and only then maps the answer to the world; what is tested is the SDK's port channel matching each answer
// to its request id, and each answer is compared with this world's own first one.
test('an answer before the deadline arrives; none gives 5001 at the deadline; the late answer is not taken for the pending retry', { tag: ['@solo', '@any-world'] }, async ({
  page,
  request,
}) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const errors = recordPageErrors(page);
  await openPage(page);
  const limit = TIMEOUT_MS + MARGIN_MS;
  const call = () => page.evaluate((ms) => settleWithin(harness.instances[0].getSession(), ms), limit);
  await page.evaluate(([t, timeoutMs]) => harness.create(t, { timeoutMs }), [token, TIMEOUT_MS] as const);
  const warm = await call();
  expectSession(warm);

  await setFaults(request, { apiDelayMs: ANSWER_DELAY_MS });
  const under = await call();
  expect(under).toMatchObject({ ok: true, value: warm.value });

  // No answer: the platform holds the request past the deadline.
  await setFaults(request, { api: 'hold' });
  const over = await page.evaluate(() => harness.outcome(() => harness.instances[0].getSession()));
  expect(over.error).toMatchObject({ code: 5001, isScdkError: true });
  expect(over.ms).toBeGreaterThan(TIMEOUT_MS - TIMER_SLACK_MS);
  expect(over.ms).toBeLessThan(limit);

  // The retry (same port, next request id) is pending while the late answer to the timed-out request
  // arrives. The two answers differ: the late one is an error, the retry's a session. A channel that
  // matched answers by arrival instead of by id would reject the retry with the late 2000.
  await page.evaluate((ms) => {
    (window as unknown as { retry: Promise<Settled> }).retry = settleWithin(harness.instances[0].getSession(), ms);
  }, limit);
  await waitForHeld(request, 2);
  const lateAnswer = page.context().waitForEvent('requestfinished', (r) => r.url().endsWith('/scdk/v1/session'));
  await setFaults(request, { api: '500' });
  expect(await releaseHeld(request, 1)).toBe(1);
  expect((await (await lateAnswer).response())?.status()).toBe(500);
  await setFaults(request, { api: 'ok' });
  expect(await releaseHeld(request)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { retry: Promise<Settled> }).retry)).toMatchObject({ ok: true, value: warm.value });
  expect(await call()).toMatchObject({ ok: true, value: warm.value });
  expect(errors).toEqual([]);
});

// Where the iframe reaches the cookies: here logout goes through a platform window, timed separately.
test('a logout answered before the deadline succeeds; one held past it gives 5001 though the platform may still end the session', { tag: '@iframe-reaches-cookies' }, async ({
  page,
  request,
  context,
}) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPage(page);
  const limit = TIMEOUT_MS + MARGIN_MS;
  const logout = () => page.evaluate((ms) => settleWithin(harness.instances[0].brokerLogout(), ms), limit);
  await page.evaluate(([t, timeoutMs]) => harness.create(t, { timeoutMs }).getSession(), [token, TIMEOUT_MS] as const);

  await loginOnPlatform(context, 'AB1234');
  await setFaults(request, { apiDelayMs: ANSWER_DELAY_MS });
  expect(await logout()).toMatchObject({ ok: true, value: { success: true, hadSession: true } });

  await loginOnPlatform(context, 'AB1234');
  await setFaults(request, { api: 'hold' });
  expectTypedError(await logout(), 5001, limit);
  expect((await platformSession(context)).loggedIn).toBe(true);
  // NOTE: a timeout says "no answer in time", not "nothing happened": the platform ends the session late.
  expect(await releaseHeld(request)).toBe(1);
  await expect.poll(async () => (await platformSession(context)).loggedIn).toBe(false);
  await resetFaults(request);
  expect(await logout()).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
});

test('a platform API error gives 3023 on logout and 2000 on getSession; a retry works once fixed', async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPage(page);
  await setFaults(request, { api: '500' });
  const [logout, session] = await page.evaluate(
    ([t, timeoutMs, limit]) => {
      const sdk = harness.create(t, { timeoutMs });
      return Promise.all([settleWithin(sdk.brokerLogout(), limit), settleWithin(sdk.getSession(), limit)]);
    },
    [token, TIMEOUT_MS, 2 * TIMEOUT_MS + MARGIN_MS] as const,
  );
  // Where logout needs a platform window, that window has its own timeout: at most two.
  expectTypedError(logout, 3023, 2 * TIMEOUT_MS + MARGIN_MS);
  expectTypedError(session, 2000, TIMEOUT_MS + MARGIN_MS);
  await resetFaults(request);
  const [retryLogout, retrySession] = await page.evaluate(
    (limit) => Promise.all([settleWithin(harness.instances[0].brokerLogout(), limit), settleWithin(harness.instances[0].getSession(), limit)]),
    2 * TIMEOUT_MS + MARGIN_MS,
  );
  expect(retryLogout).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
  expectSession(retrySession);
});

test('the bridge iframe reloaded or navigated mid-request gives 5002 at once; the next call reconnects', async ({ page, request, cookieWorld }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const errors = recordPageErrors(page);
  await openPage(page);
  const limit = TIMEOUT_MS + MARGIN_MS;
  await page.evaluate(([t, timeoutMs]) => harness.create(t, { timeoutMs }).getSession(), [token, TIMEOUT_MS] as const);
  // Where the iframe itself logs out, a logout is in flight too.
  const withLogout = iframeReachesCookies(cookieWorld);
  const inFlight = () =>
    page.evaluate(
      ([ms, logoutToo]) => {
        const sdk = harness.instances[0];
        const pending = [settleWithin(sdk.getSession(), ms)];
        if (logoutToo) pending.push(settleWithin(sdk.brokerLogout(), ms));
        (window as unknown as { inFlight: Promise<Settled[]> }).inFlight = Promise.all(pending);
      },
      [limit, withLogout] as const,
    );
  const results = () => page.evaluate(() => (window as unknown as { inFlight: Promise<Settled[]> }).inFlight);

  // The platform holds the requests, so each change below lands mid-request whatever the machine's speed;
  // a change the SDK missed would end in 5001 at the deadline, not 5002.
  // 1. The platform's page reloads itself (a deploy, a redirect): a second `load` on the iframe.
  await setFaults(request, { api: 'hold' });
  await inFlight();
  await waitForHeld(request, withLogout ? 2 : 1);
  const bridge = page.frames().find((frame) => frame.url().includes('/scdk/v1/bridge'))!;
  await bridge.evaluate(() => location.reload());
  for (const outcome of await results()) expectTypedError(outcome, 5002, limit);
  expect(await page.evaluate(() => harness.frames())).toBe(0);
  await resetFaults(request);
  expectSession(await page.evaluate((ms) => settleWithin(harness.instances[0].getSession(), ms), limit));
  expect(await page.evaluate(() => harness.frames())).toBe(1);

  // 2. A page script points the iframe somewhere else.
  await setFaults(request, { api: 'hold' });
  await inFlight();
  await waitForHeld(request, withLogout ? 2 : 1);
  await page.evaluate(() => (document.querySelector('iframe') as HTMLIFrameElement).setAttribute('src', 'about:blank'));
  for (const outcome of await results()) expectTypedError(outcome, 5002, limit);
  await resetFaults(request);
  expectSession(await page.evaluate((ms) => settleWithin(harness.instances[0].getSession(), ms), limit));
  expect(errors).toEqual([]);
});

// Removed while a request is in flight (broker-logout.spec.ts removes it between calls): no event tells
// the SDK, so the call ends at its timeout; the next call must notice and make a new iframe.
test('the bridge iframe removed by a page script mid-request: a typed error within the timeout, and the next call reconnects', async ({
  page,
  request,
}) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  await openPage(page);
  const limit = TIMEOUT_MS + MARGIN_MS;
  await page.evaluate(([t, timeoutMs]) => harness.create(t, { timeoutMs }).getSession(), [token, TIMEOUT_MS] as const);
  await setFaults(request, { api: 'hold' });
  await page.evaluate((ms) => {
    (window as unknown as { removed: Promise<Settled> }).removed = settleWithin(harness.instances[0].getSession(), ms);
  }, limit);
  await waitForHeld(request);
  const removed = await page.evaluate(() => {
    document.querySelector('iframe')!.remove();
    return (window as unknown as { removed: Promise<Settled> }).removed;
  });
  expect(removed.pending, 'the call was still pending').toBeUndefined();
  expect([5001, 5002]).toContain(removed.error?.code);
  await resetFaults(request);
  expectSession(await page.evaluate((ms) => settleWithin(harness.instances[0].getSession(), ms), limit));
  expect(await page.evaluate(() => harness.frames())).toBe(1);
});

// Solo: it takes a loopback port nothing listens on and later listens there itself; a server another
// worker starts in between could take that port.
// Any world: a server that is down answers nothing in any world, and the bridge's session call reaches the
// platform's API in every world (request-handlers.ts); the sessions in between are checked only for the broker.
test('the platform server down: 5002 within the timeout; back up, a retry works; down mid-session, 2000', { tag: ['@solo', '@any-world'] }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const errors = recordPageErrors(page);
  // This partner page's CSP admits frames from any loopback port, so only the dead server stops the bridge.
  await openPage(page, OPEN_FRAMES_PAGE);
  const relay = new PlatformRelay(await closedLoopbackPort());
  const limit = TIMEOUT_MS + MARGIN_MS;
  const call = () => page.evaluate((ms) => settleWithin(harness.instances[0].getSession(), ms), limit);
  try {
    await page.evaluate(([t, platformUrl, timeoutMs]) => harness.create(t, { platformUrl, timeoutMs }), [token, relay.origin, TIMEOUT_MS] as const);
    const down = await call();
    expectTypedError(down, 5002, limit);
    expect(down.error!.detail).toContain("status check got no answer");
    expect(await page.evaluate(() => harness.frames())).toBe(0);

    await relay.up();
    expectSession(await call());

    // The bridge page is loaded, but the server behind it is gone: its API call fails.
    await relay.down();
    expectTypedError(await call(), 2000, limit);
    await relay.up();
    expectSession(await call());
  } finally {
    await relay.down();
  }
  expect(errors).toEqual([]);
});
