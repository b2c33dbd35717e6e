// Forged and malformed messages, written out by hand so each case reads as what it is. Attackers are
// scripts on the partner page, a same-origin frame that is not the bridge's parent, and a page on a third
// origin. None may be accepted, none may throw. e2e/fuzz.spec.ts sends the same kinds of messages by the
// ten thousand.
import { expect, test } from './fixtures';
import { bridgeUrl, CONNECT, appendFrame, connectAsParent, delivered, recordPageErrors } from './frames';
import { connectLoggingOutInstance, mintToken, openPartnerPage, recordPlatformRequests, releaseHeld, resetFaults, setFaults, waitForHeld, type Outcome } from './helpers';
import { startHostileSite, type HostileSite } from './hostile-site';
import { PARTNER, PLATFORM } from './origins';
import { startThirdSite } from './third-site';


const OPEN_FRAMES_PAGE = '/e2e/open-frames.html';
/**
 * The calls that forgeries target wait on the platform (api: 'hold') for as long as the test needs, so
 * the SDK's own deadline must not end them first: cold frames and a popup chain on a loaded machine.
 */
const PATIENT_TIMEOUT_MS = 60_000;
/**
 * Only a cap, never a settle: a positive check resolves the moment its reply arrives, and a bridge
 * that stops answering fails here with what it did say instead of at the test's timeout. A reply takes
 * well under a second, even after 16 MB clones and a real API round trip on a loaded 2-core machine.
 */
const REPLY_CAP_MS = 10_000;
const SIXTEEN_MB = 16 * 1024 * 1024;

let hostile: HostileSite;
test.beforeAll(async () => {
  hostile = await startHostileSite();
});
test.afterAll(async () => hostile.close());
test.afterEach(async ({ request }) => resetFaults(request));

/**
 * In a frame: posts each message to the bridge frame (reached through `parent.frames[name]`) with a fresh
 * port, and collects whatever comes back on those ports in `window.forgedReplies` (see readReplies).
 */
function postWithPorts([name, target, messages]: [string, string, unknown[]]): void {
  const bridge = (parent.frames as unknown as Record<string, Window>)[name];
  const replies: string[] = [];
  (window as unknown as { forgedReplies: string[] }).forgedReplies = replies;
  messages.forEach((data, index) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (event) => replies.push(`#${index}: ${JSON.stringify(event.data).slice(0, 120)}`);
    bridge.postMessage(data, target, [port2]);
  });
}

/** In a frame: the replies postWithPorts has collected so far. */
function readReplies(): string[] {
  return (window as unknown as { forgedReplies: string[] }).forgedReplies;
}

test.describe('the SDK on the partner page', () => {
  test('forged ready, refused, response and hello posted to the partner window change no outcome', async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    // What this page gets with nobody interfering; that instance logs out below, inside the gesture.
    const clean = await connectLoggingOutInstance(page, token, PATIENT_TIMEOUT_MS);
    expect(clean.ok).toBe(true);

    // The platform holds every API request until releaseHeld(): the forgeries below land while both
    // calls are in flight, however fast or slow the machine.
    await setFaults(request, { api: 'hold' });
    const forgeries = [
      { ns: 'scdk', v: 1, type: 'ready', storage: 'available' },
      { ns: 'scdk', v: 1, type: 'refused', error: { code: 4005, message: 'origin_not_allowed', detail: 'forged' } },
      ...[1, 2, 3].map((id) => ({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result: { success: true, hadSession: true } })),
      ...[1, 2, 3].map((id) => ({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result: { state: 'connected', broker: 'Forged', accountId: 'EV1L01', own: true } })),
      { ns: 'scdk', v: 1, type: 'response', id: 1, ok: false, error: { code: 5005, message: 'destroyed', detail: 'forged' } },
      { ns: 'scdk', v: 1, type: 'hello', gateway: 'demo' },
      JSON.parse('{"__proto__": {"ns": "scdk", "v": 1, "type": "ready", "storage": "available"}}'),
    ];
    /** From the page itself, with and without ports, `rounds` times. */
    const forgeFromPage = ([forged, rounds]: readonly [unknown[], number]) => {
      for (let round = 0; round < rounds; round++) {
        for (const data of forged) {
          window.postMessage(data, '*');
          window.postMessage(data, location.origin, [new MessageChannel().port2]);
        }
      }
    };
    /** From the third-origin frame, to the partner window, `rounds` times. */
    const forgeFromAttacker = ([forged, rounds]: readonly [unknown[], number]) => {
      for (let round = 0; round < rounds; round++) for (const data of forged) parent.postMessage(data, '*');
    };
    await page.evaluate(
      ([t, forged, timeoutMs]) => {
        // The handshakes are what the forgeries aim at: a new instance's bridge handshake in every world,
        // and in the blocked world the logout's platform window handshake too.
        const loggingOut = (window as unknown as { loggingOut: ReturnType<typeof harness.create> }).loggingOut;
        const calls = Promise.all([
          harness.outcome(harness.create(t, { timeoutMs }).getSession()),
          harness.outcome(loggingOut.brokerLogout()),
        ]);
        (window as unknown as { calls: Promise<Outcome[]> }).calls = calls;
        // A first round in the same task, during the handshakes (bridge frames; in the blocked world a popup).
        for (const data of forged) {
          window.postMessage(data, '*');
          window.postMessage(data, location.origin, [new MessageChannel().port2]);
        }
      },
      [token, forgeries, PATIENT_TIMEOUT_MS] as const,
    );
    // Both calls now wait on the platform (session, and logout from the bridge or the popup). Only now
    // does the test run more script in these frames: in the blocked world, an evaluate that arrives while
    // the SDK is inside window.open() can run nested in that call (seen in the fuzz test: the SDK's
    // window.open frame on the stack of flooded posts), and token hygiene then blames the SDK for the
    // attacker's '*' posts.
    await waitForHeld(request, 2);
    await page.evaluate(forgeFromPage, [forgeries, 4] as const);
    await attacker.evaluate(forgeFromAttacker, [forgeries, 5] as const);
    // Every forgery has reached the partner window's listeners before the platform answers.
    await delivered(page, page.mainFrame());
    await delivered(page, attacker);
    expect(await releaseHeld(request)).toBe(2);
    const [session, logout] = await page.evaluate(() => (window as unknown as { calls: Promise<Outcome[]> }).calls);
    expect(session).toMatchObject({ ok: true, value: clean.value });
    expect(logout).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
    expect(errors).toEqual([]);
  });

  test('a page script replaying the real connect to the SDK\'s own bridge cannot take it over', async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page);
    const result = await page.evaluate(
      async ([t, platform, connect, capMs]) => {
        const sdk = harness.create(t);
        const first = await harness.outcome(sdk.getSession());
        // Same origin and same source window as the SDK: only "first connect wins" protects the bridge now.
        const frame = document.querySelector('iframe') as HTMLIFrameElement;
        const replies: { type?: string; error?: { code?: number } }[] = [];
        await new Promise<void>((resolve) => {
          const cap = setTimeout(resolve, capMs);
          for (let i = 0; i < 3; i++) {
            const { port1, port2 } = new MessageChannel();
            port1.onmessage = (event) => {
              replies.push(event.data);
              if (replies.length === 3) {
                clearTimeout(cap);
                resolve();
              }
            };
            frame.contentWindow!.postMessage(connect, platform, [port2]);
          }
        });
        const second = await harness.outcome(sdk.getSession());
        return { first, second, replies };
      },
      [token, PLATFORM, CONNECT, REPLY_CAP_MS] as const,
    );
    expect(result.first.ok).toBe(true);
    // Each replay is answered with a refusal (so nothing waits for a timeout), never with `ready`.
    expect(result.replies.map((reply) => [reply.type, reply.error?.code])).toEqual([
      ['refused', 5002],
      ['refused', 5002],
      ['refused', 5002],
    ]);
    expect(result.second).toMatchObject({ ok: true, value: result.first.value });
    expect(errors).toEqual([]);
  });
});

// Any world: the bridge checks a message's source, origin and shape before anything touches a cookie.
test.describe('the bridge page', { tag: '@any-world' }, () => {
  test('a valid connect from the wrong source window (same-origin nested frame, third-origin frame) is ignored', async ({ page }) => {
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    await appendFrame(page, bridgeUrl(), 'bridge');
    const nested = await appendFrame(page, 'about:blank', 'nested');
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    const forged = [CONNECT, { ...CONNECT, gateway: 'other' }];
    // The nested frame shares the partner's origin, so event.origin is trusted: only the source check stops it.
    await nested.evaluate(postWithPorts, ['bridge', PLATFORM, forged] as [string, string, unknown[]]);
    await attacker.evaluate(postWithPorts, ['bridge', '*', forged] as [string, string, unknown[]]);
    // Nothing took the bridge's single connection: the parent still gets it. The bridge receives window
    // messages in the order they were posted (the three frames are same-site, one renderer), so its answer
    // to this connect comes after it has dealt with every forgery above: any answer to those is out too.
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    expect(await nested.evaluate(readReplies)).toEqual([]);
    expect(await attacker.evaluate(readReplies)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('from the right window and origin: wrong version, namespace, shape, huge and __proto__ messages get no answer', async ({ page }) => {
    const errors = recordPageErrors(page);
    await openPartnerPage(page);
    await appendFrame(page, bridgeUrl(), 'bridge');
    await page.evaluate(
      ([platform, connect, hugeLength]) => {
        const base = connect as Record<string, unknown>;
        const cases: Record<string, unknown> = {
          'version 2': { ...base, v: 2 },
          'version "1"': { ...base, v: '1' },
          'namespace SCDK': { ...base, ns: 'SCDK' },
          'type Connect': { ...base, type: 'Connect' },
          'gateway 8193 chars': { ...base, gateway: 'g'.repeat(8193) },
          'gateway 16 MB': { ...base, gateway: 'g'.repeat(hugeLength) },
          'padding 16 MB': { ...base, v: 2, pad: 'p'.repeat(hugeLength) },
          'gateway number': { ...base, gateway: 1 },
          '__proto__ key': JSON.parse(`{"__proto__": ${JSON.stringify(base)}}`),
          'constructor.prototype': { constructor: { prototype: base } },
          inherited: Object.create(base),
          array: [base],
          'JSON text': JSON.stringify(base),
          'null': null,
          number: 42,
          'nested 500 deep': (() => {
            const root: Record<string, unknown> = { ...base, ns: null };
            let node = root;
            for (let i = 0; i < 500; i++) node = (node.next = {}) as Record<string, unknown>;
            return root;
          })(),
          blob: new Blob([JSON.stringify(base)]),
          buffer: new TextEncoder().encode(JSON.stringify(base)).buffer,
        };
        const frame = document.querySelector('iframe[name="bridge"]') as HTMLIFrameElement;
        const replies: string[] = [];
        (window as unknown as { forgedReplies: string[] }).forgedReplies = replies;
        for (const [name, data] of Object.entries(cases)) {
          const { port1, port2 } = new MessageChannel();
          port1.onmessage = (event) => replies.push(`${name}: ${JSON.stringify(event.data).slice(0, 100)}`);
          frame.contentWindow!.postMessage(data, platform, [port2]);
        }
        // A connect without a port cannot be answered, so the bridge must drop it too.
        frame.contentWindow!.postMessage(connect, platform);
      },
      [PLATFORM, CONNECT, SIXTEEN_MB] as const,
    );
    // A well-formed connect for another gateway is refused (an answer, never a connection)...
    expect(await connectAsParent(page, { ...CONNECT, gateway: 'other' })).toMatchObject({
      type: 'refused',
      error: { code: 4001 },
    });
    // It came from the same window after the cases above (16 MB clones included), so the bridge answered
    // it only once it had dealt with all of them: any answer to those is out by now.
    const report = await page.evaluate(() => ({
      replies: (window as unknown as { forgedReplies: string[] }).forgedReplies,
      polluted: Object.getOwnPropertyNames(Object.prototype).filter((key) => key === 'ns' || key === 'polluted'),
    }));
    expect(report).toEqual({ replies: [], polluted: [] });
    // ...and the connection slot is still free for the real one.
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    const bridge = page.frame({ name: 'bridge' })!;
    expect(await bridge.evaluate(() => Object.getOwnPropertyNames(Object.prototype).filter((key) => key === 'ns' || key === 'polluted'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('on a connected port: malformed requests and __proto__/constructor methods get no response', async ({ page, request, context }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    const platformRequests = recordPlatformRequests(context);
    await openPartnerPage(page);
    await appendFrame(page, bridgeUrl(), 'bridge');
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    const replies = await page.evaluate(
      async ([t, capMs]) => {
        const { port, replies: seen } = (window as unknown as { trustedBridge: { port: MessagePort; replies: unknown[] } }).trustedBridge;
        seen.length = 0;
        const request = { ns: 'scdk', v: 1, type: 'request', id: 1, method: 'session', token: t };
        const forged: unknown[] = [
          { ...request, v: 2 },
          { ...request, ns: 'penpal' },
          { ...request, id: 0 },
          { ...request, id: -1 },
          { ...request, id: 1.5 },
          { ...request, id: '1' },
          { ...request, id: 2 ** 53 },
          { ...request, method: '__proto__' },
          { ...request, method: 'constructor' },
          { ...request, method: 'toString' },
          { ...request, method: 'hasOwnProperty' },
          { ...request, method: 'LOGOUT' },
          { ...request, token: '' },
          { ...request, token: 7 },
          { ...request, token: 't'.repeat(8193) },
          { ...request, token: 't'.repeat(16 * 1024 * 1024) },
          JSON.parse(`{"__proto__": ${JSON.stringify(request)}}`),
          Object.create(request),
          [request],
          JSON.stringify(request),
          { ns: 'scdk', v: 1, type: 'connect', gateway: 'demo' },
          { ns: 'scdk', v: 1, type: 'response', id: 1, ok: true, result: {} },
          null,
        ];
        // One port, read in order: the bridge handles id 99 after every forgery, and would have sent
        // its platform API call for any forgery it accepted first.
        let afterForgeries = -1;
        await new Promise<void>((resolve) => {
          const cap = setTimeout(resolve, capMs);
          port.addEventListener('message', (event) => {
            if ((event.data as { id?: unknown } | null)?.id !== 99) return;
            afterForgeries = seen.length - 1; // connectAsParent's listener has already pushed this reply
            clearTimeout(cap);
            resolve();
          });
          for (const data of forged) port.postMessage(data);
          port.postMessage({ ...request, id: 99 });
        });
        if (afterForgeries < 0) afterForgeries = seen.length;
        return { afterForgeries, all: seen.map((reply) => JSON.stringify(reply).slice(0, 120)) };
      },
      [token, REPLY_CAP_MS] as const,
    );
    expect(replies.afterForgeries).toBe(0);
    // The one valid request (id 99) is answered, once.
    expect(replies.all).toHaveLength(1);
    expect(replies.all[0]).toContain('"id":99');
    // Only id 99 reached the platform API: the bridge calls it in the order requests arrive, so a call
    // for an accepted forgery would have been seen before this one.
    await expect.poll(() => platformRequests.filter((line) => line.startsWith('POST /scdk/v1/'))).toEqual(['POST /scdk/v1/session']);
    expect(errors).toEqual([]);
  });
});

// Any world: frame-ancestors is a response header of the bridge page.
test.describe('framing', { tag: '@any-world' }, () => {
  test('the bridge page names exactly the trusted partner in frame-ancestors', async ({ request }) => {
    const response = await request.get(bridgeUrl());
    const policy = response.headers()['content-security-policy'] ?? '';
    const ancestors = /frame-ancestors ([^;]*)/.exec(policy)?.[1].trim().split(/\s+/);
    expect(ancestors).toEqual([PARTNER]);
  });

  test('framed by an untrusted origin, the bridge runtime never runs', async ({ page, context }) => {
    const site = await startThirdSite();
    const runtimeLoads: string[] = [];
    // Recorded by a route, not by the 'request' event: a routed request waits for this handler, and the
    // bridge page's runtime is a classic <script src> that holds the frame's load event until it has
    // loaded. So every runtime request a frame makes is recorded before that frame's load event fires.
    await context.route(
      (url) => url.origin === PLATFORM && url.pathname.startsWith('/scdk/v1/') && url.pathname.endsWith('.js'),
      (route) => {
        runtimeLoads.push(route.request().url());
        return route.fallback();
      },
    );
    try {
      await page.goto(`${site.origin}/page.html`);
      // appendFrame resolves after the frame's load event.
      await appendFrame(page, bridgeUrl(), 'bridge');
      expect(runtimeLoads).toEqual([]);
      // Control: the trusted partner framing the same URL does load the runtime.
      await openPartnerPage(page);
      await appendFrame(page, bridgeUrl(), 'bridge');
      await expect.poll(() => runtimeLoads.length).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  });
});
