// Generated-message fuzzing of both ends of the protocol: at least 10,000 look-alike messages to the
// platform's bridge and 10,000 to the SDK host, from e2e/fixtures/fuzz-messages.js (seeded, so a failure
// replays exactly; FUZZ_SEED=<n> explores other seeds). Every generated message is invalid by
// construction, so "accepted" is observable: the bridge answers it (ready/response), or an SDK call ends
// differently from a clean run. Uncaught errors are collected from every frame.
import type { Frame } from '@playwright/test';
import { expect, test } from './fixtures';
import { bridgeUrl, CONNECT, appendFrame, connectAsParent, delivered, recordPageErrors } from './frames';
import { connectLoggingOutInstance, mintToken, openPartnerPage, releaseHeld, resetFaults, setFaults, waitForHeld, type Outcome } from './helpers';
import { startHostileSite, type HostileSite } from './hostile-site';
import { PLATFORM } from './origins';

interface FloodReport {
  posted: number;
  postErrors: number;
  replies: string[];
}
interface FloodOptions {
  seed: number;
  count: number;
  kind: string;
  ctx?: Record<string, unknown>;
  replays?: unknown[];
}
declare const fuzzMessages: {
  valid(kind: string, ctx?: Record<string, unknown>): Record<string, unknown>;
  flood(options: FloodOptions & { post(data: unknown, transfer: Transferable[]): void }): FloodReport & { kept: MessagePort[] };
  closeAll(report: { kept: MessagePort[] }): void;
};

const SEED = Number(process.env.FUZZ_SEED ?? 0x5cd4);
/** The bar: at least this many generated messages per side. */
const MESSAGES_PER_SIDE = Math.max(10_000, Number(process.env.FUZZ_COUNT ?? 0));
const OPEN_FRAMES_PAGE = '/e2e/open-frames.html';
/** Generous: ten thousand cross-process messages, some megabytes large, on a loaded 2-core machine. */
const FUZZ_TEST_TIMEOUT_MS = 180_000;
/** SDK instances must not time out while they are flooded (or the platform holds their requests). */
const PATIENT_TIMEOUT_MS = 90_000;
/**
 * Only a cap, never a settle: a check resolves the moment its reply arrives. It exists so that a bridge
 * that stopped answering fails with what it did say, not at the test's timeout. A reply that follows a
 * flood waits for the receiver to read the whole flood first: about 3 s for 10,000 connect look-alikes
 * from the trusted parent (the slowest case), 1 s for 10,000 requests on a port, unloaded. 60 s leaves
 * room for a machine many times slower.
 */
const FLOOD_REPLY_CAP_MS = 60_000;
/** The bridge iframe is hidden, where requestAnimationFrame (waitForFunction's default polling) never fires. */
const HIDDEN_FRAME_POLLING = { polling: 100 };

let hostile: HostileSite;
test.beforeAll(async () => {
  hostile = await startHostileSite();
});
test.afterAll(async () => hostile.close());
test.afterEach(async ({ request }) => resetFaults(request));
test.beforeEach(() => test.setTimeout(FUZZ_TEST_TIMEOUT_MS));

/**
 * Floods a window from `frame`; the flood's ports stay open and collect replies until collectFlood.
 * `target` names the window as seen from `frame` (the bridge as its child or sibling, its parent, itself),
 * so one function serves the page, nested frames and third-origin frames.
 */
async function startFlood(frame: Frame, target: string, targetOrigin: string, options: FloodOptions): Promise<void> {
  await frame.evaluate(
    ({ targetExpression, origin, flood }) => {
      const resolveTarget: Record<string, () => Window> = {
        bridgeChild: () => (document.querySelector('iframe[name="bridge"]') as HTMLIFrameElement).contentWindow!,
        bridgeSibling: () => (parent.frames as unknown as Record<string, Window>).bridge,
        parent: () => parent,
        self: () => window,
      };
      const win = resolveTarget[targetExpression]();
      const floods = ((window as unknown as { floods?: Record<number, unknown> }).floods ??= {});
      floods[flood.seed] = fuzzMessages.flood({ ...flood, post: (data, transfer) => win.postMessage(data, origin, transfer) });
    },
    { targetExpression: target, origin: targetOrigin, flood: options },
  );
}

/**
 * Closes the ports of the flood started in `frame` with `seed` and returns what came back on them. Call
 * it after a control message from the same sender was answered (or seen): the receiver handles a
 * sender's messages in order, so it has dealt with the whole flood by then.
 */
async function collectFlood(frame: Frame, seed: number): Promise<FloodReport> {
  return frame.evaluate((key) => {
    const report = (window as unknown as { floods: Record<number, FloodReport & { kept: MessagePort[] }> }).floods[key];
    fuzzMessages.closeAll(report);
    return { posted: report.posted, postErrors: report.postErrors, replies: report.replies };
  }, seed);
}

function expectAllDelivered(report: FloodReport, count: number): void {
  expect(report.postErrors, `seed ${SEED}: messages the browser could not even send`).toBe(0);
  expect(report.posted).toBe(count);
}

// Any world: the bridge drops look-alikes on their source, origin and shape, before anything touches a cookie.
test.describe('the platform bridge', { tag: '@any-world' }, () => {
  test(`${MESSAGES_PER_SIDE} connect look-alikes and ${MESSAGES_PER_SIDE} request look-alikes from the trusted parent: none answered`, async ({
    page,
    request,
  }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    await appendFrame(page, bridgeUrl(), 'bridge');

    // Right origin, right source window: only the shape checks stand between these and a connection.
    await startFlood(page.mainFrame(), 'bridgeChild', PLATFORM, { seed: SEED, count: MESSAGES_PER_SIDE, kind: 'connect' });
    // First connect wins: had any look-alike been accepted, this one would be ignored. Sent after the
    // flood from the same window, it is answered after the bridge has dealt with every look-alike.
    expect(await connectAsParent(page, CONNECT, 'bridge', FLOOD_REPLY_CAP_MS)).toMatchObject({ type: 'ready' });
    const connects = await collectFlood(page.mainFrame(), SEED);
    expectAllDelivered(connects, MESSAGES_PER_SIDE);
    expect(connects.replies, `seed ${SEED}`).toEqual([]);

    const requests = await page.evaluate(
      async ({ flood, capMs }) => {
        const port = (window as unknown as { trustedBridge: { port: MessagePort } }).trustedBridge.port;
        const responses: string[] = [];
        let afterFlood = -1;
        let report: FloodReport & { kept: MessagePort[] } = { posted: 0, postErrors: 0, replies: [], kept: [] };
        // One port, read in order: the valid request that follows the flood is answered after the bridge
        // has dealt with every look-alike (the bridge is alive and still listening).
        await new Promise<void>((resolve) => {
          const cap = setTimeout(resolve, capMs);
          port.onmessage = (event) => {
            responses.push(JSON.stringify(event.data).slice(0, 160));
            if ((event.data as { id?: unknown } | null)?.id !== 424242) return;
            afterFlood = responses.length - 1;
            clearTimeout(cap);
            resolve();
          };
          report = fuzzMessages.flood({ ...flood, post: (data, transfer) => port.postMessage(data, transfer) });
          port.postMessage({ ...fuzzMessages.valid('request', flood.ctx), id: 424242, method: 'session' });
        });
        if (afterFlood < 0) afterFlood = responses.length;
        fuzzMessages.closeAll(report);
        return { posted: report.posted, postErrors: report.postErrors, replies: report.replies, afterFlood, responses };
      },
      { flood: { seed: SEED + 1, count: MESSAGES_PER_SIDE, kind: 'request', ctx: { token, id: 1 } }, capMs: FLOOD_REPLY_CAP_MS },
    );
    expectAllDelivered(requests, MESSAGES_PER_SIDE);
    expect(requests.replies).toEqual([]);
    expect(requests.afterFlood, `seed ${SEED + 1}: responses to look-alikes`).toBe(0);
    expect(requests.responses).toHaveLength(1);
    expect(requests.responses[0]).toContain('"id":424242');
    expect(errors).toEqual([]);
  });

  test('look-alikes and replayed real connects from a nested same-origin frame and a third-origin frame: none answered', async ({ page }) => {
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    await appendFrame(page, bridgeUrl(), 'bridge');
    const nested = await appendFrame(page, `${page.url()}?nested`, 'nested');
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    const half = MESSAGES_PER_SIDE / 2;
    const replays = [CONNECT];
    await startFlood(nested, 'bridgeSibling', PLATFORM, { seed: SEED + 2, count: half, kind: 'connect', replays });
    await startFlood(attacker, 'bridgeSibling', '*', { seed: SEED + 3, count: half, kind: 'connect', replays });
    // The bridge receives window messages in the order they were posted (the three frames are same-site,
    // one renderer): it answers this connect after it has dealt with both floods.
    expect(await connectAsParent(page, CONNECT, 'bridge', FLOOD_REPLY_CAP_MS)).toMatchObject({ type: 'ready' });
    const fromNested = await collectFlood(nested, SEED + 2);
    const fromAttacker = await collectFlood(attacker, SEED + 3);
    for (const report of [fromNested, fromAttacker]) {
      expectAllDelivered(report, half);
      expect(report.replies).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  test('framed by an untrusted origin (frame-ancestors off): look-alikes unanswered, real connects refused with 4005', async ({ page, request }) => {
    const errors = recordPageErrors(page);
    await setFaults(request, { frameAncestors: 'off' });
    await page.goto(`${hostile.origin}/attacker.html`);
    await appendFrame(page, bridgeUrl(), 'bridge');
    await startFlood(page.mainFrame(), 'bridgeChild', '*', {
      seed: SEED + 4,
      count: MESSAGES_PER_SIDE / 5,
      kind: 'connect',
      replays: [CONNECT],
    });
    // One more replayed connect, on its own port, from the same window: its refusal comes after the
    // bridge has dealt with (and answered) the whole flood.
    expect(await connectAsParent(page, CONNECT, 'bridge', FLOOD_REPLY_CAP_MS)).toMatchObject({ type: 'refused', error: { code: 4005 } });
    const report = await collectFlood(page.mainFrame(), SEED + 4);
    expect(report.postErrors).toBe(0);
    // Only replayed well-formed connects are answered, and only with a refusal.
    expect(report.replies.length).toBeGreaterThan(0);
    for (const reply of report.replies) expect(reply).toBe('replay -> refused');
    expect(errors).toEqual([]);
  });
});

test.describe('the SDK host', () => {
  test(`${MESSAGES_PER_SIDE} look-alikes and forgeries posted to the partner window during calls change no outcome`, async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    // What this page gets with nobody interfering; that instance logs out below, inside the gesture.
    const clean = await connectLoggingOutInstance(page, token, PATIENT_TIMEOUT_MS);
    expect(clean.ok).toBe(true);

    // The platform holds every API request until releaseHeld(): the floods below land while both calls
    // are in flight, however long they take to post.
    await setFaults(request, { api: 'hold' });
    const forgedResults = [
      { ns: 'scdk', v: 1, type: 'ready', storage: 'available' },
      { ns: 'scdk', v: 1, type: 'refused', error: { code: 4005, message: 'origin_not_allowed', detail: 'forged' } },
      { ns: 'scdk', v: 1, type: 'response', id: 1, ok: true, result: { hadSession: true } },
      { ns: 'scdk', v: 1, type: 'response', id: 1, ok: true, result: { state: 'connected', broker: 'Forged', accountId: 'EV1L01', own: true } },
      { ns: 'scdk', v: 1, type: 'hello', gateway: 'demo' },
    ];
    const quarter = MESSAGES_PER_SIDE / 4;
    // Patient instances: the calls wait for the floods (on this same main thread) and for the release,
    // which the default 5 s deadline would not survive on a loaded machine.
    await page.evaluate(
      ([t, timeoutMs]) => {
        // A new instance's bridge handshake in every world, and in the blocked world the logout's
        // platform window handshake too; the floods come once both calls wait on the platform.
        const loggingOut = (window as unknown as { loggingOut: ReturnType<typeof harness.create> }).loggingOut;
        const calls = window as unknown as { calls: Promise<Outcome[]> };
        calls.calls = Promise.all([
          harness.outcome(harness.create(t, { timeoutMs }).getSession()),
          harness.outcome(loggingOut.brokerLogout()),
        ]);
      },
      [token, PATIENT_TIMEOUT_MS] as const,
    );
    // Both calls wait on the platform now (session, and logout from the bridge or the popup): their
    // handshakes are done, and the popup's listener for `hello` is still in place. Flooding before this
    // point could run the flood nested inside the SDK's window.open() (an evaluate arriving during that
    // call does), and token hygiene would then blame the SDK for the flood's '*' posts.
    await waitForHeld(request, 2);
    const floods: [Frame, string, FloodOptions][] = [
      [page.mainFrame(), 'self', { seed: SEED + 5, count: quarter, kind: 'ready', replays: forgedResults }],
      [page.mainFrame(), 'self', { seed: SEED + 6, count: quarter, kind: 'response', replays: forgedResults }],
      [attacker, 'parent', { seed: SEED + 7, count: quarter, kind: 'refused', replays: forgedResults }],
      [attacker, 'parent', { seed: SEED + 8, count: quarter, kind: 'hello', replays: forgedResults }],
    ];
    await Promise.all(floods.map(([frame, target, options]) => startFlood(frame, target, '*', options)));
    // Every flooded message has reached the partner window's listeners before the platform answers.
    await delivered(page, page.mainFrame());
    await delivered(page, attacker);
    expect(await releaseHeld(request)).toBe(2);
    const reports = await Promise.all(floods.map(([frame, , options]) => collectFlood(frame, options.seed)));
    for (const report of reports) expectAllDelivered(report, quarter);
    const [session, logout] = await page.evaluate(() => (window as unknown as { calls: Promise<Outcome[]> }).calls);
    expect(session).toMatchObject({ ok: true, value: clean.value });
    expect(logout).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
    expect(errors).toEqual([]);
  });

  // Any world: the fake bridge is on a hostile site; the platform and its cookies are never involved.
  test(`a fake bridge answering with ${MESSAGES_PER_SIDE} fuzzed replies: the call ends only on the valid answer`, { tag: '@any-world' }, async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    await page.evaluate(
      ([t, platformUrl, timeoutMs]) => {
        const state = window as unknown as { fake: { brokerLogout(): Promise<unknown>; getSession(): Promise<unknown> }; call: Promise<Outcome> };
        // The fake bridge is in the iframe: as after a handshake that reached the cookies, no window opens first.
        harness.rememberIframeReachesCookies(platformUrl);
        state.fake = harness.create(t, { platformUrl, timeoutMs });
        state.call = harness.outcome(state.fake.brokerLogout());
      },
      [token, hostile.origin, PATIENT_TIMEOUT_MS] as const,
    );
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${hostile.origin}/scdk/v1/bridge`))).toBe(true);
    const bridge = page.frames().find((f) => f.url().startsWith(`${hostile.origin}/scdk/v1/bridge`))!;
    await bridge.waitForFunction(() => (window as unknown as { fakeBridge: { port: unknown } }).fakeBridge.port !== null, null, HIDDEN_FRAME_POLLING);
    const callState = () =>
      page.evaluate(() =>
        Promise.race([(window as unknown as { call: Promise<Outcome> }).call, new Promise((resolve) => setTimeout(() => resolve('pending'), 0))]),
      );

    /** In the fake bridge: floods its port with `kind` look-alikes, then (optionally) sends one valid message. */
    const answer = (flood: FloodOptions, then: Record<string, unknown> | null) =>
      bridge.evaluate(
        async ({ options, valid }) => {
          const port = (window as unknown as { fakeBridge: { port: MessagePort } }).fakeBridge.port;
          const report = fuzzMessages.flood({ ...options, post: (data, transfer) => port.postMessage(data, transfer) });
          // Same port, so the SDK reads this after the whole flood: no wait needed.
          if (valid) port.postMessage(valid);
          fuzzMessages.closeAll(report);
          return { posted: report.posted, postErrors: report.postErrors, replies: report.replies };
        },
        { options: flood, valid: then },
      );
    const quarter = MESSAGES_PER_SIDE / 4;
    const response = (id: number) => ({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result: { hadSession: true } });

    // Handshake phase: broken ready/refused replies, and real responses that arrive before any request.
    const handshake = [
      await answer({ seed: SEED + 9, count: quarter, kind: 'ready', replays: [response(1)] }, null),
      await answer({ seed: SEED + 10, count: quarter, kind: 'refused', replays: [response(1)] }, null),
    ];
    expect(await callState()).toBe('pending');
    await answer({ seed: SEED + 11, count: 0, kind: 'ready' }, { ns: 'scdk', v: 1, type: 'ready', storage: 'available' });
    // Until the SDK sends its request, or the call ends (then the check below says how).
    const requestsReceived = () => bridge.evaluate(() => (window as unknown as { fakeBridge: { received: unknown[] } }).fakeBridge.received.length);
    await expect
      .poll(async () => (await requestsReceived()) > 0 || (await callState()) !== 'pending', { timeout: FLOOD_REPLY_CAP_MS })
      .toBe(true);
    // The SDK sent its request only after reading the valid ready, so after both handshake floods too:
    // the call is still pending now because it ignored them, not because it had not read them yet.
    expect(await callState()).toBe('pending');
    const id = await bridge.evaluate(() => (window as unknown as { fakeBridge: { received: { id: number }[] } }).fakeBridge.received[0].id);

    // Request phase: broken responses (wrong id, wrong shape) and replayed handshake messages.
    const replays = [{ ns: 'scdk', v: 1, type: 'ready', storage: 'blocked' }, { ns: 'scdk', v: 1, type: 'refused', error: { code: 4005, message: 'origin_not_allowed', detail: '' } }];
    const responses = [await answer({ seed: SEED + 12, count: quarter, kind: 'response', ctx: { id }, replays }, null)];
    expect(await callState()).toBe('pending');
    responses.push(await answer({ seed: SEED + 13, count: quarter, kind: 'response', ctx: { id }, replays }, response(id)));
    for (const report of [...handshake, ...responses]) expectAllDelivered(report, quarter);

    expect(await page.evaluate(() => (window as unknown as { call: Promise<Outcome> }).call)).toMatchObject({
      ok: true,
      value: { success: true, hadSession: true },
    });
    expect(await bridge.evaluate(() => (window as unknown as { fakeBridge: { received: unknown[] } }).fakeBridge.received.length)).toBe(1);

    // A well-formed response whose result is garbage ends in a typed error, never in the garbage.
    const garbage = page.evaluate(() => {
      const { fake } = window as unknown as { fake: { brokerLogout(): Promise<unknown>; getSession(): Promise<unknown> } };
      return Promise.all([harness.outcome(fake.brokerLogout()), harness.outcome(fake.getSession())]);
    });
    await bridge.waitForFunction(() => (window as unknown as { fakeBridge: { received: unknown[] } }).fakeBridge.received.length === 3, null, HIDDEN_FRAME_POLLING);
    await bridge.evaluate(() => {
      const { port, received } = (window as unknown as { fakeBridge: { port: MessagePort; received: { id: number }[] } }).fakeBridge;
      for (const { id: requestId } of received.slice(1)) {
        port.postMessage({ ns: 'scdk', v: 1, type: 'response', id: requestId, ok: true, result: { hadSession: 'yes', state: 'connected', __proto__: null } });
      }
    });
    const [logout, session] = await garbage;
    expect(logout.error).toMatchObject({ code: 3023, isScdkError: true });
    expect(session.error).toMatchObject({ code: 2000, isScdkError: true });
    expect(errors).toEqual([]);
  });
});
