// Forged and malformed messages, written out by hand so each case reads as what it is. Attackers are
// scripts on the partner page, a same-origin frame that is not the bridge's parent, and a page on a third
// origin. None may be accepted, none may throw. e2e/fuzz.spec.ts sends the same kinds of messages by the
// ten thousand.
import { expect, test } from './fixtures';
import { BRIDGE_URL, CONNECT, SETTLE_MS, appendFrame, connectAsParent, recordPageErrors } from './frames';
import { mintToken, openPartnerPage, resetFaults, setFaults, type Outcome } from './helpers';
import { startHostileSite, type HostileSite } from './hostile-site';
import { PARTNER, PLATFORM } from './origins';
import { startThirdSite } from './third-site';

declare const harness: {
  create(token: string, config?: object): {
    brokerLogout(): Promise<unknown>;
    getSession(): Promise<unknown>;
    destroy(): void;
  };
  outcome(promise: Promise<unknown>): Promise<Outcome>;
};

const OPEN_FRAMES_PAGE = '/e2e/open-frames.html';
/** Long enough that forgeries land while the SDK's request waits on the platform. */
const API_DELAY_MS = 1500;
const SIXTEEN_MB = 16 * 1024 * 1024;

let hostile: HostileSite;
test.beforeAll(async () => {
  hostile = await startHostileSite();
});
test.afterAll(async () => hostile.close());
test.afterEach(async ({ request }) => resetFaults(request));

/**
 * In a frame: posts each message to the bridge frame (reached through `parent.frames[name]`) with a fresh
 * port, then counts the replies on those ports after `settleMs`.
 */
function postWithPorts([name, target, settleMs, messages]: [string, string, number, unknown[]]): Promise<string[]> {
  const bridge = (parent.frames as unknown as Record<string, Window>)[name];
  const replies: string[] = [];
  messages.forEach((data, index) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (event) => replies.push(`#${index}: ${JSON.stringify(event.data).slice(0, 120)}`);
    bridge.postMessage(data, target, [port2]);
  });
  return new Promise((resolve) => setTimeout(() => resolve(replies), settleMs));
}

test.describe('the SDK on the partner page', () => {
  test('forged ready, refused, response and hello posted to the partner window change no outcome', async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    // What this page gets with nobody interfering.
    const clean = await page.evaluate((t) => harness.outcome(harness.create(t).getSession()), token);
    expect(clean.ok).toBe(true);

    await setFaults(request, { apiDelayMs: API_DELAY_MS });
    const forgeries = [
      { ns: 'scdk', v: 1, type: 'ready', storage: 'available' },
      { ns: 'scdk', v: 1, type: 'refused', error: { code: 4005, message: 'origin_not_allowed', detail: 'forged' } },
      ...[1, 2, 3].map((id) => ({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result: { success: true, hadSession: true } })),
      ...[1, 2, 3].map((id) => ({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result: { state: 'connected', broker: 'Forged', accountId: 'EV1L01', own: true } })),
      { ns: 'scdk', v: 1, type: 'response', id: 1, ok: false, error: { code: 5005, message: 'destroyed', detail: 'forged' } },
      { ns: 'scdk', v: 1, type: 'hello', gateway: 'demo' },
      JSON.parse('{"__proto__": {"ns": "scdk", "v": 1, "type": "ready", "storage": "available"}}'),
    ];
    const [session, logout] = await Promise.all([
      page.evaluate(
        async ([t, forged]) => {
          const sdk = harness.create(t);
          const call = harness.outcome(sdk.getSession());
          // From the page itself, with and without ports, repeatedly while the call is in flight.
          for (let round = 0; round < 5; round++) {
            for (const data of forged) {
              window.postMessage(data, '*');
              window.postMessage(data, location.origin, [new MessageChannel().port2]);
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          return call;
        },
        [token, forgeries] as const,
      ),
      page.evaluate((t) => harness.outcome(harness.create(t).brokerLogout()), token),
      attacker.evaluate(async (forged) => {
        for (let round = 0; round < 5; round++) {
          for (const data of forged) parent.postMessage(data, '*');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }, forgeries),
    ]);
    expect(session).toMatchObject({ ok: true, value: clean.value });
    expect(logout).toMatchObject({ ok: true, value: { success: true, hadSession: false } });
    expect(errors).toEqual([]);
  });

  test('a page script replaying the real connect to the SDK\'s own bridge cannot take it over', async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page);
    const result = await page.evaluate(
      async ([t, platform, connect, settleMs]) => {
        const sdk = harness.create(t);
        const first = await harness.outcome(sdk.getSession());
        // Same origin and same source window as the SDK: only "first connect wins" protects the bridge now.
        const frame = document.querySelector('iframe') as HTMLIFrameElement;
        const replies: { type?: string; error?: { code?: number } }[] = [];
        for (let i = 0; i < 3; i++) {
          const { port1, port2 } = new MessageChannel();
          port1.onmessage = (event) => replies.push(event.data);
          frame.contentWindow!.postMessage(connect, platform, [port2]);
        }
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        const second = await harness.outcome(sdk.getSession());
        return { first, second, replies };
      },
      [token, PLATFORM, CONNECT, SETTLE_MS] as const,
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

test.describe('the bridge page', () => {
  test('a valid connect from the wrong source window (same-origin nested frame, third-origin frame) is ignored', async ({ page }) => {
    const errors = recordPageErrors(page);
    await openPartnerPage(page, OPEN_FRAMES_PAGE);
    await appendFrame(page, BRIDGE_URL, 'bridge');
    const nested = await appendFrame(page, 'about:blank', 'nested');
    const attacker = await appendFrame(page, `${hostile.origin}/attacker.html`, 'attacker');
    const forged = [CONNECT, { ...CONNECT, gateway: 'other' }];
    // The nested frame shares the partner's origin, so event.origin is trusted: only the source check stops it.
    expect(await nested.evaluate(postWithPorts, ['bridge', PLATFORM, SETTLE_MS, forged] as [string, string, number, unknown[]])).toEqual([]);
    expect(await attacker.evaluate(postWithPorts, ['bridge', '*', SETTLE_MS, forged] as [string, string, number, unknown[]])).toEqual([]);
    // Nothing took the bridge's single connection: the parent still gets it.
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    expect(errors).toEqual([]);
  });

  test('from the right window and origin: wrong version, namespace, shape, huge and __proto__ messages get no answer', async ({ page }) => {
    const errors = recordPageErrors(page);
    await openPartnerPage(page);
    await appendFrame(page, BRIDGE_URL, 'bridge');
    const report = await page.evaluate(
      async ([platform, connect, settleMs, hugeLength]) => {
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
        for (const [name, data] of Object.entries(cases)) {
          const { port1, port2 } = new MessageChannel();
          port1.onmessage = (event) => replies.push(`${name}: ${JSON.stringify(event.data).slice(0, 100)}`);
          frame.contentWindow!.postMessage(data, platform, [port2]);
        }
        // A connect without a port cannot be answered, so the bridge must drop it too.
        frame.contentWindow!.postMessage(connect, platform);
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        return { replies, polluted: Object.getOwnPropertyNames(Object.prototype).filter((key) => key === 'ns' || key === 'polluted') };
      },
      [PLATFORM, CONNECT, SETTLE_MS, SIXTEEN_MB] as const,
    );
    expect(report).toEqual({ replies: [], polluted: [] });
    // A well-formed connect for another gateway is refused (an answer, never a connection)...
    expect(await connectAsParent(page, { ...CONNECT, gateway: 'other' })).toMatchObject({
      type: 'refused',
      error: { code: 4001 },
    });
    // ...and the connection slot is still free for the real one.
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    const bridge = page.frame({ name: 'bridge' })!;
    expect(await bridge.evaluate(() => Object.getOwnPropertyNames(Object.prototype).filter((key) => key === 'ns' || key === 'polluted'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('on a connected port: malformed requests and __proto__/constructor methods get no response', async ({ page, request }) => {
    const token = await mintToken(request, 'smallcaseAuthId=user-1');
    const errors = recordPageErrors(page);
    await openPartnerPage(page);
    await appendFrame(page, BRIDGE_URL, 'bridge');
    expect(await connectAsParent(page)).toMatchObject({ type: 'ready' });
    const replies = await page.evaluate(
      async ([t, settleMs]) => {
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
        for (const data of forged) port.postMessage(data);
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        const afterForgeries = seen.length;
        port.postMessage({ ...request, id: 99 });
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        return { afterForgeries, all: seen.map((reply) => JSON.stringify(reply).slice(0, 120)) };
      },
      [token, SETTLE_MS] as const,
    );
    expect(replies.afterForgeries).toBe(0);
    // The one valid request (id 99) is answered, once.
    expect(replies.all).toHaveLength(1);
    expect(replies.all[0]).toContain('"id":99');
    expect(errors).toEqual([]);
  });
});

test.describe('framing', () => {
  test('the bridge page names exactly the trusted partner in frame-ancestors', async ({ request }) => {
    const response = await request.get(BRIDGE_URL);
    const policy = response.headers()['content-security-policy'] ?? '';
    const ancestors = /frame-ancestors ([^;]*)/.exec(policy)?.[1].trim().split(/\s+/);
    expect(ancestors).toEqual([PARTNER]);
  });

  test('framed by an untrusted origin, the bridge runtime never runs', async ({ page, context }) => {
    const site = await startThirdSite();
    const runtimeLoads: string[] = [];
    context.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin === PLATFORM && url.pathname.startsWith('/scdk/v1/') && url.pathname.endsWith('.js')) runtimeLoads.push(r.url());
    });
    try {
      await page.goto(`${site.origin}/page.html`);
      await appendFrame(page, BRIDGE_URL, 'bridge');
      await page.waitForTimeout(SETTLE_MS);
      expect(runtimeLoads).toEqual([]);
      // Control: the trusted partner framing the same URL does load the runtime.
      await openPartnerPage(page);
      await appendFrame(page, BRIDGE_URL, 'bridge');
      await expect.poll(() => runtimeLoads.length).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  });
});
