import { expect, test } from '@playwright/test';
import { startDeadline } from '../../src/sdk/deadline';
import {
  findNativeBridge as findWith,
  isNativeBridgeConfig,
  NATIVE_NAMESPACE,
  NATIVE_VERSION,
  type NativeBridge,
  type NativeBridgeConfig,
  type NativeHostWindow,
} from '../../src/sdk/native-bridge';
import { ScdkError } from '../../src/shared/scdk-error';
import { askNativeHost } from '../../src/ui/ask-native-host';

// src/sdk/native-bridge.ts against fake hosts: a page-given object (config.nativeBridge), a WKWebView
// handler with a reply (window.webkit.messageHandlers.scdk) and Android's addWebMessageListener object
// (a global scdk). Success only on the host's confirmed answer; one deadline; scdk's codes.

/** The call's half, as the UI chunk hands it over. */
const loadChunk = () => Promise.resolve({ askNativeHost });
const findNativeBridge = (win: NativeHostWindow, config?: NativeBridgeConfig) => findWith(win, config, loadChunk);

/** Short deadlines keep the suite fast; the long one is never reached by a call that settles. */
const SHORT_MS = 60;
const LONG_MS = 5_000;

async function outcome(promise: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; code: number; detail: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    return { ok: false, code: (error as ScdkError).code, detail: (error as ScdkError).detail };
  }
}

type Reply = (request: Record<string, unknown>) => unknown;

/** A WKWebView host: postMessage returns the reply's promise (WKScriptMessageHandlerWithReply). */
function webkitHost(reply: Reply): { win: NativeHostWindow; bodies: unknown[] } {
  const bodies: unknown[] = [];
  const handler = {
    postMessage(body: unknown) {
      bodies.push(body);
      return Promise.resolve().then(() => reply(JSON.parse(body as string)));
    },
  };
  return { win: { webkit: { messageHandlers: { scdk: handler } } }, bodies };
}

/** An Android host: a global scdk object; the host answers by dispatching message events to its listeners. */
function androidHost(reply: (request: Record<string, unknown>, send: (data: unknown) => void) => void) {
  const listeners = new Set<(event: { data: unknown }) => void>();
  const bodies: unknown[] = [];
  const send = (data: unknown): void => {
    for (const listener of [...listeners]) listener({ data });
  };
  const scdk = {
    postMessage(body: string) {
      bodies.push(body);
      queueMicrotask(() => reply(JSON.parse(body), send));
    },
    addEventListener: (_type: 'message', fn: (event: { data: unknown }) => void) => listeners.add(fn),
    removeEventListener: (_type: 'message', fn: (event: { data: unknown }) => void) => listeners.delete(fn),
  };
  return { win: { scdk } as NativeHostWindow, bodies, listeners, send };
}

const answer = (request: Record<string, unknown>, fields: Record<string, unknown>) =>
  JSON.stringify({ ns: NATIVE_NAMESPACE, v: NATIVE_VERSION, id: request.id, ...fields });

function found(win: NativeHostWindow, config?: NativeBridgeConfig): NativeBridge {
  const bridge = findNativeBridge(win, config);
  expect(bridge).not.toBeNull();
  return bridge as NativeBridge;
}

test.describe('finding a bridge', () => {
  test('none in a browser, nor from look-alikes; finding sends nothing', () => {
    expect(findNativeBridge({})).toBeNull();
    expect(findNativeBridge({ webkit: { messageHandlers: {} } })).toBeNull();
    expect(findNativeBridge({ webkit: { messageHandlers: { other: { postMessage: () => undefined } } } })).toBeNull();
    expect(findNativeBridge({ scdk: { postMessage: () => undefined } })).toBeNull(); // no way to hear an answer
    expect(findNativeBridge({ scdk: 'scdk' })).toBeNull();
    const { win, bodies } = webkitHost(() => null);
    expect(findNativeBridge(win)?.via).toBe('webkit');
    expect(bodies).toEqual([]);
  });

  test("config.nativeBridge comes first, then WKWebView's handler, then Android's object", () => {
    const config: NativeBridgeConfig = { logout: async () => ({ hadSession: true }) };
    const webkit = webkitHost(() => null).win;
    const android = androidHost(() => {}).win;
    expect(findNativeBridge({ ...webkit, ...android }, config)?.via).toBe('config');
    expect(findNativeBridge({ ...webkit, ...android })?.via).toBe('webkit');
    expect(findNativeBridge(android)?.via).toBe('android');
  });
});

test.describe('config.nativeBridge', () => {
  test("logout resolves with the host's hadSession; has() follows the object's methods", async () => {
    const bridge = found({}, { logout: async () => ({ hadSession: false }) });
    expect(await outcome(bridge.call('logout', startDeadline(LONG_MS)))).toEqual({ ok: true, value: { hadSession: false } });
    expect(bridge.has('logout')).toBe(true);
    expect(bridge.has('switchAccount')).toBe(false);
  });

  test('a method the object lacks is 2000; a failure is 3023, or its own ScdkError; a wrong shape is no success', async () => {
    const failing = found({}, { logout: () => Promise.reject(new Error('native SDK said no')) });
    expect(await outcome(failing.call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 3023 });
    const typed = found({}, { logout: () => Promise.reject(new ScdkError(1011, 'closed')) });
    expect(await outcome(typed.call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 1011, detail: 'closed' });
    const lacking = found({}, { logout: async () => ({ hadSession: true }) });
    expect(await outcome(lacking.call('switchAccount', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 2000 });
    const sloppy = found({}, { logout: async () => ({ success: true }) as never });
    expect(await outcome(sloppy.call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 3023 });
  });

  test('a host that never answers: 5001 at the deadline, not before; a late answer changes nothing', async () => {
    let answerLate: (value: { hadSession: boolean }) => void = () => {};
    const bridge = found({}, { logout: () => new Promise((resolve) => (answerLate = resolve)) });
    const startedAt = Date.now();
    const result = await outcome(bridge.call('logout', startDeadline(SHORT_MS)));
    expect(result).toMatchObject({ ok: false, code: 5001 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(SHORT_MS - 5);
    answerLate({ hadSession: true });
  });
});

test.describe("WKWebView's scdk handler", () => {
  test('asks with a versioned request that carries no token, and resolves on the confirmed answer', async () => {
    const { win, bodies } = webkitHost((request) => answer(request, { ok: true, result: { hadSession: true } }));
    expect(await outcome(found(win).call('logout', startDeadline(LONG_MS)))).toEqual({ ok: true, value: { hadSession: true } });
    expect(bodies).toHaveLength(1);
    const request = JSON.parse(bodies[0] as string);
    expect(Object.keys(request).sort()).toEqual(['id', 'method', 'ns', 'v']);
    expect(request).toMatchObject({ ns: NATIVE_NAMESPACE, v: NATIVE_VERSION, method: 'logout' });
    expect(request.id).toEqual(expect.any(String));
  });

  test('an answer as an object (not a JSON string) is read alike', async () => {
    const { win } = webkitHost((request) => JSON.parse(answer(request, { ok: true, result: { switched: true } })));
    expect(await outcome(found(win).call('switchAccount', startDeadline(LONG_MS)))).toEqual({ ok: true, value: { switched: true } });
  });

  test("the host's error codes: scdk's own pass through, 'unsupported' is 2000, others the method's failure code", async () => {
    const withError = (error: unknown) => found(webkitHost((request) => answer(request, { ok: false, error })).win);
    expect(await outcome(withError({ code: 1011, detail: 'user closed the sheet' }).call('logout', startDeadline(LONG_MS))))
      .toMatchObject({ ok: false, code: 1011, detail: expect.stringContaining('user closed the sheet') });
    expect(await outcome(withError({ code: 'unsupported' }).call('switchAccount', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 2000 });
    expect(await outcome(withError({ code: 'E_NATIVE' }).call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 3023 });
    expect(await outcome(withError({ code: 9999 }).call('switchAccount', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 2000 });
  });

  test('no success without the right answer: another id, another namespace, a wrong shape, a refusal, or no reply', async () => {
    const cases: Reply[] = [
      (request) => answer({ ...request, id: 'someone-else' }, { ok: true, result: { hadSession: true } }),
      (request) => JSON.stringify({ ns: 'other', v: 1, id: request.id, ok: true, result: { hadSession: true } }),
      () => 'not json',
      () => undefined, // a handler registered without a reply
    ];
    for (const reply of cases) {
      expect(await outcome(found(webkitHost(reply).win).call('logout', startDeadline(SHORT_MS)))).toMatchObject({ ok: false, code: 5001 });
    }
    const shapeless = found(webkitHost((request) => answer(request, { ok: true, result: { hadSession: 'yes' } })).win);
    expect(await outcome(shapeless.call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 3023 });
    const refusing = found(webkitHost(() => Promise.reject('logoutUser failed')).win);
    expect(await outcome(refusing.call('logout', startDeadline(LONG_MS)))).toMatchObject({ ok: false, code: 3023, detail: expect.stringContaining('logoutUser failed') });
  });
});

test.describe("Android's scdk object", () => {
  test('answers arrive as message events; the listener is removed once the call settles', async () => {
    const host = androidHost((request, send) => {
      send('unrelated noise');
      send(answer(request, { ok: true, result: { hadSession: true } }));
    });
    expect(await outcome(found(host.win).call('logout', startDeadline(LONG_MS)))).toEqual({ ok: true, value: { hadSession: true } });
    expect(host.listeners.size).toBe(0);
  });

  test('two calls at once each get their own answer, by request id', async () => {
    const pending: Record<string, unknown>[] = [];
    const host = androidHost((request) => pending.push(request));
    const bridge = found(host.win);
    const first = outcome(bridge.call('logout', startDeadline(LONG_MS)));
    const second = outcome(bridge.call('switchAccount', startDeadline(LONG_MS)));
    await expect.poll(() => pending.length).toBe(2);
    expect(pending[0].id).not.toBe(pending[1].id);
    host.send(answer(pending[1], { ok: true, result: { switched: false } }));
    host.send(answer(pending[0], { ok: true, result: { hadSession: false } }));
    expect(await first).toEqual({ ok: true, value: { hadSession: false } });
    expect(await second).toEqual({ ok: true, value: { switched: false } });
  });

  test('silence: 5001 at the deadline, the listener removed, and a late answer ignored', async () => {
    const requests: Record<string, unknown>[] = [];
    const host = androidHost((request) => requests.push(request));
    expect(await outcome(found(host.win).call('logout', startDeadline(SHORT_MS)))).toMatchObject({ ok: false, code: 5001 });
    expect(host.listeners.size).toBe(0);
    host.send(answer(requests[0], { ok: true, result: { hadSession: true } }));
  });
});

test("the call's half comes with the UI chunk: asked for at the call, not when found; its failure is the call's", async () => {
  const { win, bodies } = webkitHost((request) => answer(request, { ok: true, result: { hadSession: true } }));
  let loads = 0;
  const refused = new ScdkError(5007, 'The UI could not load.');
  const bridge = findWith(win, undefined, () => {
    loads += 1;
    return Promise.reject(refused);
  }) as NativeBridge;
  expect(loads).toBe(0);
  expect(await outcome(bridge.call('logout', startDeadline(LONG_MS)))).toEqual({ ok: false, code: 5007, detail: refused.detail });
  expect(loads).toBe(1);
  expect(bodies).toEqual([]);
});

test('isNativeBridgeConfig: an object with logout(), and switchAccount() a function when given', () => {
  expect(isNativeBridgeConfig({ logout: async () => ({ hadSession: true }) })).toBe(true);
  expect(isNativeBridgeConfig({ logout: async () => ({ hadSession: true }), switchAccount: async () => ({ switched: true }) })).toBe(true);
  expect(isNativeBridgeConfig({ logout: true })).toBe(false);
  expect(isNativeBridgeConfig({ logout: async () => ({ hadSession: true }), switchAccount: 'yes' })).toBe(false);
  expect(isNativeBridgeConfig(null)).toBe(false);
});
