import { expect, test } from '@playwright/test';
import { chooseLogoutPath, logout, type LogoutFacts } from '../../src/sdk/flows/logout';
import { switchAccount, switchRefusal } from '../../src/sdk/flows/switch';
import { findNativeBridge, type NativeBridgeConfig } from '../../src/sdk/native-bridge';
import { askNativeHost } from '../../src/ui/ask-native-host';
import { MockChannel, MockFrame, TOKEN, deferred, isPending, mockInstance, outcome, settle } from './flow-mocks';

// fallback 'auto', config.embedded and the native bridge in the logout and switch flows (issue 22):
// which path a call takes in an app, and that no path strands the user or reports a success the host or
// the platform did not confirm.

const facts = (overrides: Partial<LogoutFacts>): LogoutFacts => ({
  storage: undefined,
  remembered: undefined,
  fallback: 'auto',
  inClick: true,
  windowRefused: false,
  native: false,
  embedded: false,
  keepsActivation: false,
  ...overrides,
});

/** A host app's bridge over config.nativeBridge, whose answers the test gives. */
function host(config: Partial<NativeBridgeConfig> = {}) {
  const answer = deferred<{ hadSession: boolean }>();
  const bridge: NativeBridgeConfig = { logout: () => answer.promise, ...config };
  return { native: findNativeBridge({}, bridge, () => Promise.resolve({ askNativeHost })), answer };
}

test("the path choice under 'auto': every branch", () => {
  // A native bridge wins over everything, under any fallback.
  expect(chooseLogoutPath(facts({ native: true, storage: 'available' }))).toBe('native');
  expect(chooseLogoutPath(facts({ native: true, fallback: 'popup' }))).toBe('native');
  expect(chooseLogoutPath(facts({ storage: 'available' }))).toBe('frame');
  // Cookies last seen reachable, or no click: the frame is tried first.
  expect(chooseLogoutPath(facts({ remembered: 'available' }))).toBe('connect');
  expect(chooseLogoutPath(facts({ remembered: 'available', embedded: true }))).toBe('connect');
  expect(chooseLogoutPath(facts({ inClick: false, embedded: true }))).toBe('connect');
  // In a click: embedded redirects at once, never calling window.open; elsewhere the window first.
  expect(chooseLogoutPath(facts({ embedded: true }))).toBe('redirect');
  expect(chooseLogoutPath(facts({ remembered: 'blocked', embedded: true }))).toBe('redirect');
  expect(chooseLogoutPath(facts({}))).toBe('window-first');
  // A refused window: the redirect at once, not 5004 (an app may be loading the window in place).
  expect(chooseLogoutPath(facts({ windowRefused: true }))).toBe('redirect');
  expect(chooseLogoutPath(facts({ windowRefused: true, fallback: 'popup' }))).toBe('connect');
  expect(chooseLogoutPath(facts({ storage: 'blocked', windowRefused: true }))).toBe('redirect');
  // Blocked: a window in a browser, the redirect in an app, and without a click neither (5004).
  expect(chooseLogoutPath(facts({ storage: 'blocked' }))).toBe('window');
  expect(chooseLogoutPath(facts({ storage: 'blocked', embedded: true }))).toBe('redirect');
  expect(chooseLogoutPath(facts({ storage: 'blocked', inClick: false }))).toBe('no-click');
  expect(chooseLogoutPath(facts({ storage: 'blocked', inClick: false, embedded: true }))).toBe('no-click');
  // 'embedded' changes nothing for the other fallbacks.
  expect(chooseLogoutPath(facts({ fallback: 'popup', embedded: true }))).toBe('window-first');
  expect(chooseLogoutPath(facts({ fallback: 'popup', storage: 'blocked', windowRefused: true }))).toBe('give-up');
});

test("'auto' in an app, in a click: the redirect with the token, window.open never called", async () => {
  const mock = mockInstance({ fallback: 'auto', embedded: true, openWindow: () => { throw new Error('window.open called'); } });
  const call = logout(mock.context, 'https://partner.test/back');
  await settle();
  expect(mock.redirects).toEqual([{ token: TOKEN, returnTo: 'https://partner.test/back' }]);
  expect(mock.frame.connections).toBe(0);
  expect(await isPending(call)).toBe(true); // the page is leaving
});

test("'auto' in a browser that gives no window inside the click: the redirect at once instead of 5004", async () => {
  const mock = mockInstance({ fallback: 'auto', openWindow: () => null });
  const call = logout(mock.context, undefined);
  await settle();
  expect(mock.redirects).toEqual([{ token: TOKEN, returnTo: undefined }]);
  expect(await isPending(call)).toBe(true);
});

test("'auto' where the window opens: it logs out in the window, no redirect", async () => {
  const mock = mockInstance({ fallback: 'auto' });
  const call = logout(mock.context, undefined);
  expect(mock.windows).toHaveLength(1);
  const page = new MockChannel('available');
  mock.windows[0].connect(page);
  await settle();
  page.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
  expect(mock.redirects).toHaveLength(0);
});

test("'auto' without a click, frame blocked: 5004, no window, no navigation", async () => {
  for (const embedded of [false, true]) {
    const mock = mockInstance({ fallback: 'auto', inClick: false, embedded });
    const call = logout(mock.context, undefined);
    mock.frame.connect(new MockChannel('blocked'));
    expect(await outcome(call)).toBe(5004);
    expect(mock.windows).toHaveLength(0);
    expect(mock.redirects).toHaveLength(0);
  }
});

test("'auto' in an app where the cookies were last seen reachable: the frame, no redirect", async () => {
  const mock = mockInstance({ fallback: 'auto', embedded: true, remembered: 'available' });
  const call = logout(mock.context, undefined);
  const channel = new MockChannel('available');
  mock.frame.connect(channel);
  await settle();
  channel.requests[0].answer({ hadSession: false });
  expect(await call).toEqual({ hadSession: false });
  expect(mock.redirects).toHaveLength(0);
});

test('the native bridge: the host ends the session, no token, no frame, no window; its answer is the result', async () => {
  const { native, answer } = host();
  const mock = mockInstance({ fallback: 'auto', native, embedded: true });
  const call = logout(mock.context, undefined);
  await settle();
  expect([mock.frame.connections, mock.windows.length, mock.redirects.length, mock.tokens.length]).toEqual([0, 0, 0, 0]);
  answer.resolve({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
});

test('the native bridge: a host that never answers gives 5001 at the deadline; destroy() gives 5005 at once', async () => {
  const silent = mockInstance({ native: host().native, timeoutMs: 150 });
  expect(await outcome(logout(silent.context, undefined))).toBe(5001);
  const destroyed = mockInstance({ native: host().native });
  const call = logout(destroyed.context, undefined);
  destroyed.lifetime.end();
  expect(await outcome(call)).toBe(5005);
});

test("switching in an app: 5008 at once without a native switch; the host's switchAccount when it has one", async () => {
  const refused = mockInstance({ embedded: true, native: host().native });
  expect(switchRefusal(refused.context)?.code).toBe(5008);
  expect(await outcome(switchAccount(refused.context, () => {}))).toBe(5008);
  expect(refused.windows).toHaveLength(0);
  expect(switchRefusal(mockInstance().context)).toBeUndefined();
  expect(switchRefusal(mockInstance({ fallback: 'none' }).context)?.code).toBe(5004);

  const channel = new MockChannel('blocked');
  const { native } = host({ switchAccount: () => Promise.resolve({ switched: true }) });
  const mock = mockInstance({ embedded: true, native, fallback: 'none', frame: new MockFrame(channel) });
  expect(switchRefusal(mock.context)).toBeUndefined();
  const call = switchAccount(mock.context, () => {});
  await settle();
  const session = { state: 'connected', broker: 'Demo', accountId: 'YZ5678', own: true };
  channel.requests[0].answer(session);
  expect(await call).toEqual({ accountId: 'YZ5678', session });
  expect(mock.windows).toHaveLength(0);
  expect(mock.events).toEqual(['logout:true', 'session:connected', 'switch:YZ5678']);
});

test('a native switch the host reports as not switched: 1012, no false success', async () => {
  const { native } = host({ switchAccount: () => Promise.resolve({ switched: false }) });
  const mock = mockInstance({ native });
  expect(await outcome(switchAccount(mock.context, () => {}))).toBe(1012);
  expect(mock.windows).toHaveLength(0);
});
