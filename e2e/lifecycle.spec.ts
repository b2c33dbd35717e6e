// Lifecycle on a real partner page: several instances side by side, the script loaded twice, destroy()
// at every stage of a call, and repeated create/logout/destroy cycles. "Nothing left" is measured with
// e2e/resource-tracker.ts: timers, listeners and ports that scdk's own code created and never released.
// The leak checks (100 switcher cycles, 100 getSession/brokerLogout pairs) require DOM nodes, documents,
// listeners, frames and windows to stay exactly where the first cycle left them (e2e/page-counts.ts).
// The 1,000-cycle figures, heap included, come from `npm run leaks` (bench/leaks.mjs).
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, iframeReachesCookies, test } from './fixtures';
import { recordPageErrors } from './frames';
import { loginOnPlatform, mintToken, openPartnerPage, releaseHeld, resetFaults, setFaults, waitForHeld, type Outcome } from './helpers';
import { startHostileSite, type HostileSite } from './hostile-site';
import { PARTNER } from './origins';
import { pageCounts } from './page-counts';
import { NOTHING_LEFT, resources, trackResources } from './resource-tracker';


const OPEN_FRAMES_PAGE = '/e2e/open-frames.html';
/** 'hang' only: lets the call go out before destroy() (the bridge page never loads, so any moment is "before load"). */
const DESTROY_AFTER_MS = 400;
/** destroy() rejects what is in flight at once; this only allows for a busy machine. */
const PROMPT_MS = 1000;
/** For instances whose calls must not race their deadline: 1 s of API delay, or a held request, plus cold frames on a loaded machine. */
const PATIENT_TIMEOUT_MS = 15_000;
const CYCLES = 20;
/** Leak checks: after the first cycle, this many more must leave every count exactly where the first left it. */
const MODAL_CYCLES = 100;
const CALL_CYCLES = 100;
/**
 * For the leak checks' 100 cycles: on a loaded 2-core machine (load average 12) the switcher test took
 * 22-27 s (~0.2 s a cycle) and the calls test 5-7 s; 120 s is over 4x the slower one.
 */
const LEAK_CHECK_TIMEOUT_MS = 120_000;
const FAKE_RESULT = { state: 'connected', broker: 'Fake Broker', accountId: 'FAKE01', own: true };

let hostile: HostileSite;
test.beforeAll(async () => {
  hostile = await startHostileSite();
});
test.afterAll(async () => hostile.close());
test.afterEach(async ({ request }) => {
  hostile.answerEveryRequest(null);
  await resetFaults(request);
});

/** The ids of the requests the fake bridge in `frame` received, in order. */
function fakeRequestIds(frame: Frame): Promise<number[]> {
  return frame.evaluate(() =>
    (window as unknown as { fakeBridge: { received: { type?: string; id: number }[] } }).fakeBridge.received
      .filter((message) => message && message.type === 'request')
      .map((message) => message.id),
  );
}

async function expectNothingLeft(page: Page, context: BrowserContext): Promise<void> {
  expect(await resources(page)).toEqual(NOTHING_LEFT);
  await expect.poll(() => context.pages().length, { message: 'platform windows left open' }).toBe(1);
}

test('several instances on one page, same request ids, different tokens and platforms: no cross-talk', async ({ page, context, request, cookieWorld }) => {
  const user1 = await mintToken(request, 'smallcaseAuthId=user-1');
  const user2 = await mintToken(request, 'smallcaseAuthId=user-2');
  const errors = recordPageErrors(page);
  await loginOnPlatform(context, 'AB1234', 'user-1');
  await openPartnerPage(page, OPEN_FRAMES_PAGE);
  await setFaults(request, { apiDelayMs: 1000 });
  // The fake answers on its own the moment it is connected: nothing here races the SDK's deadline.
  hostile.answerEveryRequest(FAKE_RESULT);
  // Three instances, each about to send its request id 1: two to the platform, one to a fake bridge.
  // A patient timeout: 1 s of API delay plus three cold iframes must not race the deadline on a loaded machine.
  const [a, b, c] = await page.evaluate(
    ([t1, t2, fakeUrl, timeoutMs]) => {
      const a = harness.create(t1, { timeoutMs });
      const b = harness.create(t2, { timeoutMs });
      const c = harness.create(t1, { platformUrl: fakeUrl, timeoutMs });
      return Promise.all([a, b, c].map((sdk) => harness.outcome(sdk.getSession())));
    },
    [user1, user2, hostile.origin, PATIENT_TIMEOUT_MS] as const,
  );
  const fake = page.frames().find((f) => f.url().startsWith(hostile.origin))!;
  expect(await fakeRequestIds(fake)).toEqual([1]);
  if (iframeReachesCookies(cookieWorld)) {
    expect(a).toMatchObject({ ok: true, value: { state: 'connected', accountId: 'AB1234', own: true } });
    expect(b).toMatchObject({ ok: true, value: { state: 'connected', accountId: 'AB••34', own: false } });
  } else {
    expect(a).toMatchObject({ ok: true, value: { state: 'unknown', broker: 'Demo Broker' } });
    expect(b).toMatchObject({ ok: true, value: { state: 'unknown', broker: 'Demo Broker' } });
  }
  expect(c).toMatchObject({ ok: true, value: FAKE_RESULT });
  expect(await page.evaluate(() => harness.frames())).toBe(3);

  // Destroying one instance mid-request leaves the other's request alone. The platform holds both
  // requests until the first instance is destroyed, so "mid-request" holds whatever the machine's speed.
  await setFaults(request, { api: 'hold' });
  await page.evaluate(() => {
    const [first, second] = harness.instances;
    (window as unknown as { calls: Promise<Outcome[]> }).calls = Promise.all([harness.outcome(first.getSession()), harness.outcome(second.getSession())]);
  });
  await waitForHeld(request, 2);
  await page.evaluate(() => harness.instances[0].destroy());
  expect(await releaseHeld(request)).toBe(2);
  const [destroyed, survivor] = await page.evaluate(() => (window as unknown as { calls: Promise<Outcome[]> }).calls);
  expect(destroyed.error).toMatchObject({ code: 5005 });
  expect(survivor).toMatchObject({ ok: true, value: b.value });
  expect(await page.evaluate(() => harness.frames())).toBe(2);
  expect(errors).toEqual([]);
});

// Any world: what a second script does to the global and to instances; getSession() takes the same route before and after.
test('the script loaded twice: one global, and instances from before and after both work', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const guest = await mintToken(request, 'guest=true');
  const errors = recordPageErrors(page);
  await openPartnerPage(page);
  const result = await page.evaluate(
    async ([t, g]) => {
      const first = window.scDK;
      const early = harness.create(t);
      const earlyGuest = harness.create(g);
      await harness.loadScript('/scdk.umd.js');
      const late = harness.create(t);
      const outcomes = await Promise.all([early, late].map((sdk) => harness.outcome(sdk.getSession())));
      return {
        sameGlobal: window.scDK === first,
        earlyIsInstance: early instanceof window.scDK,
        outcomes,
        // describe() checks `instanceof scDK.ScdkError` against the global as it is now.
        earlyGuest: await harness.outcome(earlyGuest.getSession()),
        frames: harness.frames(),
      };
    },
    [token, guest] as const,
  );
  expect(result.sameGlobal).toBe(true);
  expect(result.earlyIsInstance).toBe(true);
  for (const outcome of result.outcomes) expect(outcome).toMatchObject({ ok: true, value: { broker: 'Demo Broker' } });
  expect(result.earlyGuest.error).toMatchObject({ code: 4004, isScdkError: true });
  expect(result.frames).toBe(2);
  expect(errors).toEqual([]);
});

// Any world: what a second script does to the global and to instances.
test('a second script of another version takes the global; instances of the first keep working', { tag: '@any-world' }, async ({ page, request }) => {
  const token = await mintToken(request, 'smallcaseAuthId=user-1');
  const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string;
  const other = readFileSync(new URL('../dist/scdk.umd.js', import.meta.url), 'utf8').replaceAll(JSON.stringify(version), '"999.0.0"');
  await page.route(`${PARTNER}/scdk.umd.js?other`, (route) => route.fulfill({ body: other, contentType: 'application/javascript' }));
  await openPartnerPage(page);
  const result = await page.evaluate(async (t) => {
    const first = window.scDK;
    const early = harness.create(t);
    await harness.loadScript('/scdk.umd.js?other');
    return { replaced: window.scDK !== first, version: window.scDK.version, early: await harness.outcome(early.getSession()) };
  }, token);
  expect(result).toMatchObject({ replaced: true, version: '999.0.0', early: { ok: true } });
});

test.describe('destroy() at every stage leaves no iframe, window, listener, timer or port', () => {
  test.beforeEach(async ({ page }) => trackResources(page));

  // Any world: destroyed before the bridge page loads, so before it can say whether it reaches the cookies.
  test('right after the call started (iframe not loaded yet)', { tag: '@any-world' }, async ({ page, context, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    const outcome = await page.evaluate((t) => {
      // The iframe stage: as after a handshake that reached the cookies, no window opens first.
      // NOTE: a platform window opened and closed by destroy() in the same task stayed open once in about
      // 15 Chromium runs (not understood yet), so this test keeps to the iframe stage it is named after.
      harness.rememberIframeReachesCookies();
      const sdk = harness.create(t);
      const call = harness.outcome(sdk.brokerLogout());
      sdk.destroy();
      return call;
    }, token);
    expect(outcome.error).toMatchObject({ code: 5005, message: 'destroyed' });
    await expectNothingLeft(page, context);
  });

  for (const [fault, stage] of [
    ['hang', 'while the bridge page never finishes loading'],
    ['silent', 'after the bridge page loaded but before it answered'],
  ] as const) {
    // Any world: destroyed before the bridge answers anything, so before it can say whether it reaches the cookies.
    test(stage, { tag: '@any-world' }, async ({ page, context, request }) => {
      const token = await mintToken(request, 'smallcaseAuthId=user-1');
      await setFaults(request, { bridge: fault });
      await openPartnerPage(page);
      const outcome = await page.evaluate(
        async ([t, delay, waitForLoad, timeoutMs]) => {
          // These stages belong to the iframe: as after a handshake that reached the cookies, no window opens first.
          harness.rememberIframeReachesCookies();
          const sdk = harness.create(t, { timeoutMs });
          const call = harness.outcome(sdk.brokerLogout());
          // The iframe is in the page as soon as the call starts. 'silent' destroys right after the frame's
          // load event, whose SDK listener (added first) has just sent connect and started the grace timer.
          // 'hang' never loads, so any moment is "before load"; a short wait lets the request go out.
          const frame = document.querySelector('iframe') as HTMLIFrameElement;
          if (waitForLoad) await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
          else await new Promise((resolve) => setTimeout(resolve, delay));
          const destroyedAt = performance.now();
          sdk.destroy();
          const result = await call;
          return { ...result, afterDestroyMs: performance.now() - destroyedAt };
        },
        [token, DESTROY_AFTER_MS, fault === 'silent', PATIENT_TIMEOUT_MS] as const,
      );
      expect(outcome.error).toMatchObject({ code: 5005 });
      expect(outcome.afterDestroyMs).toBeLessThan(PROMPT_MS);
      await expectNothingLeft(page, context);
    });
  }

  test('during a request (through the iframe or, where cookies are blocked, a platform window)', async ({ page, context, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    await page.evaluate(([t, timeoutMs]) => harness.create(t, { timeoutMs }).getSession(), [token, PATIENT_TIMEOUT_MS] as const);
    // The platform holds the logout request, so the call is surely in flight when the tracker looks.
    await setFaults(request, { api: 'hold' });
    await page.evaluate(() => {
      const sdk = harness.instances[0];
      (window as unknown as { call: Promise<Outcome> }).call = harness.outcome(sdk.brokerLogout());
    });
    await waitForHeld(request);
    // The tracker sees the call's timer and its port (or window listener): "nothing left" below means something.
    const during = await resources(page);
    expect(during.timers.length).toBeGreaterThan(0);
    expect(during.ports + during.listeners.length).toBeGreaterThan(0);
    const outcome = await page.evaluate(() => {
      harness.instances[0].destroy();
      return (window as unknown as { call: Promise<Outcome> }).call;
    });
    expect(outcome.error).toMatchObject({ code: 5005 });
    await expectNothingLeft(page, context);
  });

  test('while switchAccount() waits for the user in the platform login window', async ({ page, context, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    const loginWindow = context.waitForEvent('page');
    await page.evaluate((t) => {
      const sdk = harness.create(t);
      (window as unknown as { call: Promise<Outcome> }).call = harness.outcome(sdk.switchAccount!());
    }, token);
    await (await loginWindow).waitForURL(/\/login\?/);
    const outcome = await page.evaluate(() => {
      harness.instances[0].destroy();
      return (window as unknown as { call: Promise<Outcome> }).call;
    });
    expect(outcome.error).toMatchObject({ code: 5005 });
    await expectNothingLeft(page, context);
  });

  test(`${CYCLES} create/logout/destroy cycles`, async ({ page, context, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // One evaluate per cycle: each counts as a fresh click, which a platform-window logout needs.
      const outcome = await page.evaluate(async (t) => {
        const sdk = harness.create(t);
        const result = await harness.outcome(sdk.brokerLogout());
        sdk.destroy();
        harness.instances.length = 0;
        return result;
      }, token);
      expect(outcome, `cycle ${cycle}`).toMatchObject({ ok: true, value: { success: true } });
    }
    await expectNothingLeft(page, context);
  });

  test(`${MODAL_CYCLES} account-switcher open/close cycles leave the page exactly as the first one left it`, async ({ page, context, request }) => {
    test.setTimeout(LEAK_CHECK_TIMEOUT_MS);
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    const cdp = await context.newCDPSession(page);
    await page.evaluate((t) => harness.create(t), token);
    const bodyChildren = await page.evaluate(() => document.body.childElementCount);
    const dialog = page.getByRole('dialog');
    const cycle = async (n: number) => {
      await page.evaluate(() => {
        (window as unknown as { modal: Promise<Outcome> }).modal = harness.outcome(harness.instances[0].openAccountSwitcher!());
      });
      // The session answer is in (no request left in flight when the counts are taken), then Escape.
      await expect(dialog).toHaveAttribute('data-phase', 'ready');
      await page.keyboard.press('Escape');
      const closed = await page.evaluate(() => (window as unknown as { modal: Promise<Outcome> }).modal);
      // Escape before any logout or switch: the user cancelled, nothing happened.
      expect(closed, `cycle ${n}`).toMatchObject({ ok: false, error: { code: 1010, message: 'user_cancelled' } });
      await expect(dialog).toHaveCount(0);
    };
    // The first cycle sets up what stays for the instance's life (the bridge iframe, its port, the shared stylesheet).
    await cycle(0);
    const afterFirst = await pageCounts(page, cdp);
    for (let n = 1; n <= MODAL_CYCLES; n++) await cycle(n);
    expect(await pageCounts(page, cdp), `after ${MODAL_CYCLES} more cycles`).toEqual(afterFirst);
    await page.evaluate(() => harness.instances[0].destroy());
    expect(await page.evaluate(() => document.body.childElementCount)).toBe(bodyChildren);
    await expectNothingLeft(page, context);
  });

  test(`${CALL_CYCLES} getSession() and brokerLogout() calls on one instance leave the page exactly as the first pair left it`, async ({ page, context, request, cookieWorld }) => {
    test.setTimeout(LEAK_CHECK_TIMEOUT_MS);
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    await openPartnerPage(page);
    const cdp = await context.newCDPSession(page);
    // fallback 'none': where the cookies are blocked each logout ends in 5003 through the bridge, with no window.
    await page.evaluate((t) => harness.create(t, { fallback: 'none' }), token);
    /** Runs `count` getSession + brokerLogout pairs; resolves with how many pairs ended each way. */
    const pairs = (count: number) =>
      page.evaluate(async (n) => {
        const tally: Record<string, number> = {};
        for (let i = 0; i < n; i++) {
          const sdk = harness.instances[0];
          const session = await harness.outcome(sdk.getSession());
          const logout = await harness.outcome(sdk.brokerLogout());
          const key = JSON.stringify([session.ok ? session.value : session.error!.code, logout.ok ? logout.value : logout.error!.code]);
          tally[key] = (tally[key] ?? 0) + 1;
        }
        return tally;
      }, count);
    // Nobody is logged in: where the bridge reaches the cookies, no session and nothing to end; elsewhere unknown, and 5003.
    const expected = JSON.stringify(
      iframeReachesCookies(cookieWorld)
        ? [{ state: 'disconnected', broker: 'Demo Broker' }, { success: true, hadSession: false }]
        : [{ state: 'unknown', broker: 'Demo Broker' }, 5003],
    );
    expect(await pairs(1)).toEqual({ [expected]: 1 });
    const afterFirst = await pageCounts(page, cdp);
    expect(await pairs(CALL_CYCLES)).toEqual({ [expected]: CALL_CYCLES });
    expect(await pageCounts(page, cdp), `after ${CALL_CYCLES} more pairs`).toEqual(afterFirst);
    await page.evaluate(() => harness.instances[0].destroy());
    await expectNothingLeft(page, context);
  });
});
