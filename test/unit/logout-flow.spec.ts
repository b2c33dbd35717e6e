import { expect, test } from '@playwright/test';
import { ACTIVATION_PROBE_MS, chooseLogoutPath, logout, type LogoutFacts } from '../../src/sdk/flows/logout';
import { readSession } from '../../src/sdk/flows/session';
import { ScdkError } from '../../src/shared/scdk-error';
import { MockChannel, MockFrame, MockWindow, TOKEN, isPending, mockInstance, outcome, settle } from './flow-mocks';

// The logout (src/sdk/flows/logout.ts) and the session read (flows/session.ts) against mock transports:
// which path a logout takes, what it sends, and how destroy() and deadlines end it.

const facts = (overrides: Partial<LogoutFacts>): LogoutFacts => ({
  storage: undefined,
  remembered: undefined,
  fallback: 'popup',
  inClick: true,
  windowRefused: false,
  native: false,
  embedded: false,
  keepsActivation: false,
  ...overrides,
});

test('the path choice: every branch', () => {
  expect(chooseLogoutPath(facts({ storage: 'available' }))).toBe('frame');
  expect(chooseLogoutPath(facts({ storage: 'available', windowRefused: true }))).toBe('frame');
  // Inside a click, nothing known or 'blocked' remembered: the window opens first.
  expect(chooseLogoutPath(facts({}))).toBe('window-first');
  expect(chooseLogoutPath(facts({ remembered: 'blocked' }))).toBe('window-first');
  // A remembered 'available', no click, or another fallback: learn the storage state first.
  expect(chooseLogoutPath(facts({ remembered: 'available' }))).toBe('connect');
  expect(chooseLogoutPath(facts({ inClick: false }))).toBe('connect');
  expect(chooseLogoutPath(facts({ fallback: 'redirect' }))).toBe('connect');
  expect(chooseLogoutPath(facts({ fallback: 'none' }))).toBe('connect');
  // Blocked: the fallback decides.
  expect(chooseLogoutPath(facts({ storage: 'blocked' }))).toBe('window');
  expect(chooseLogoutPath(facts({ storage: 'blocked', fallback: 'redirect' }))).toBe('redirect');
  expect(chooseLogoutPath(facts({ storage: 'blocked', fallback: 'none' }))).toBe('refuse');
  // A refused window: the frame if it can, else the refusal stands.
  expect(chooseLogoutPath(facts({ windowRefused: true }))).toBe('connect');
  expect(chooseLogoutPath(facts({ storage: 'blocked', windowRefused: true }))).toBe('give-up');
});

test('the path choice where a click outlives awaits (Chromium, Firefox): the frame is asked first, the window only after', () => {
  const keeps = (overrides: Partial<LogoutFacts>) => chooseLogoutPath(facts({ keepsActivation: true, ...overrides }));
  expect(keeps({})).toBe('probe');
  // Remembered as blocked on this partner: no asking, the window opens inside the click at once.
  expect(keeps({ remembered: 'blocked' })).toBe('window-first');
  expect(keeps({ fallback: 'auto' })).toBe('probe');
  // What the probe taught, or what was known already, decides as everywhere.
  expect(keeps({ storage: 'available' })).toBe('frame');
  expect(keeps({ storage: 'blocked' })).toBe('window');
  expect(keeps({ remembered: 'available' })).toBe('connect');
  expect(keeps({ inClick: false })).toBe('connect');
  expect(keeps({ fallback: 'redirect' })).toBe('connect');
  // In an app, 'auto' never calls window.open, probe or not.
  expect(keeps({ fallback: 'auto', embedded: true })).toBe('redirect');
  // The probe's bound leaves the window well inside the 5 s a click's activation lasts there.
  expect(ACTIVATION_PROBE_MS).toBeLessThanOrEqual(2500);
});

test('probe: a first click where the frame reaches the cookie logs out through it, and no window opens', async () => {
  const mock = mockInstance({ keepsActivation: true });
  const call = logout(mock.context, undefined);
  expect(mock.windows).toHaveLength(0); // nothing opened inside the click
  const channel = new MockChannel('available');
  mock.frame.connect(channel);
  await settle();
  channel.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
  expect(mock.windows).toHaveLength(0);
});

test('probe: a blocked frame opens the window after the handshake, and the window logs out', async () => {
  const mock = mockInstance({ keepsActivation: true });
  const call = logout(mock.context, undefined);
  mock.frame.connect(new MockChannel('blocked'));
  await settle();
  expect(mock.windows).toHaveLength(1);
  const page = new MockChannel('available');
  mock.windows[0].connect(page);
  await settle();
  page.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
});

test('probe: a frame silent past the probe counts as blocked, and the window opens while the click counts', async () => {
  // A 300 ms budget bounds the probe here (min of ACTIVATION_PROBE_MS and what is left).
  const mock = mockInstance({ keepsActivation: true, timeoutMs: 300 });
  const call = logout(mock.context, undefined);
  await settle();
  expect(mock.windows).toHaveLength(0);
  const result = outcome(call);
  await new Promise<void>((resolve) => {
    const check = () => (mock.windows.length ? resolve() : setTimeout(check, 20));
    check();
  });
  expect(mock.windows).toHaveLength(1);
  expect(await result).toBe(5001); // the whole budget went on the silence: the window's wait is what is left
});

test('probe: a platform that refuses this origin ends the call with its 4005, and no window opens', async () => {
  const mock = mockInstance({ keepsActivation: true });
  const call = logout(mock.context, undefined);
  mock.frame.refuse(new ScdkError(4005, 'not trusted'));
  expect(await outcome(call)).toBe(4005);
  expect(mock.windows).toHaveLength(0);
});

test('a warm bridge that reaches the cookie: the logout goes through the frame, no window', async () => {
  const channel = new MockChannel('available');
  const mock = mockInstance({ frame: new MockFrame(channel) });
  const call = logout(mock.context, undefined);
  await settle();
  expect(channel.requests.map((request) => [request.method, request.token])).toEqual([['logout', TOKEN]]);
  channel.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
  expect(mock.windows).toHaveLength(0);
});

test('window first: the window opens before the first await, and its logout answers the call', async () => {
  const mock = mockInstance();
  const call = logout(mock.context, undefined);
  // Synchronously, inside the click: no microtask has run yet.
  expect(mock.windows).toHaveLength(1);
  const page = new MockChannel('available');
  mock.windows[0].connect(page);
  await settle();
  page.requests[0].answer({ hadSession: false });
  expect(await call).toEqual({ hadSession: false });
  expect(mock.windows[0].closedWith?.code).toBe(5005); // closed once done
});

test('window first, refused by the browser: the frame does it where it reaches the cookie', async () => {
  const mock = mockInstance({ openWindow: () => null });
  const call = logout(mock.context, undefined);
  const channel = new MockChannel('available');
  mock.frame.connect(channel);
  await settle();
  channel.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
});

test("window first, refused, and the frame is blocked: the window's 5004 stands", async () => {
  const mock = mockInstance({ openWindow: () => null });
  const call = logout(mock.context, undefined);
  mock.frame.connect(new MockChannel('blocked'));
  expect(await outcome(call)).toBe(5004);
});

test('window first: a handshake refusal (4005) ends the wait for the window with its clearer error', async () => {
  const mock = mockInstance();
  const call = logout(mock.context, undefined);
  mock.frame.refuse(new ScdkError(4005, 'not trusted'));
  expect(await outcome(call)).toBe(4005);
  expect(mock.windows[0].closedWith).toBeDefined();
});

test("blocked: fallback 'none' refuses with 5003, 'redirect' submits the form with the token and returnTo", async () => {
  const none = mockInstance({ fallback: 'none', frame: new MockFrame(new MockChannel('blocked')) });
  expect(await outcome(logout(none.context, undefined))).toBe(5003);
  const redirect = mockInstance({ fallback: 'redirect', frame: new MockFrame(new MockChannel('blocked')) });
  const call = logout(redirect.context, 'https://partner.test/back');
  await settle();
  expect(redirect.redirects).toEqual([{ token: TOKEN, returnTo: 'https://partner.test/back' }]);
  expect(await isPending(call)).toBe(true); // the page is leaving: nothing to report
});

test('no click: the frame connects first; blocked, then a window', async () => {
  const mock = mockInstance({ inClick: false });
  const call = logout(mock.context, undefined);
  expect(mock.windows).toHaveLength(0);
  mock.frame.connect(new MockChannel('blocked'));
  await settle();
  expect(mock.windows).toHaveLength(1);
  const page = new MockChannel('available');
  mock.windows[0].connect(page);
  await settle();
  page.requests[0].answer({ hadSession: true });
  expect(await call).toEqual({ hadSession: true });
});

test('one deadline across the steps: a slow handshake leaves the request only what is left', async () => {
  const mock = mockInstance({ inClick: false, timeoutMs: 400 });
  const startedAt = Date.now();
  const call = logout(mock.context, undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const channel = new MockChannel('available');
  mock.frame.connect(channel);
  expect(await outcome(call)).toBe(5001);
  // The request got the 100 ms left (the call ends at ~400 ms), not a budget of its own (~700 ms).
  expect(Date.now() - startedAt).toBeLessThan(600);
  expect(channel.requests).toHaveLength(1);
});

test('a late answer, after the deadline, changes nothing', async () => {
  const channel = new MockChannel('available');
  const mock = mockInstance({ frame: new MockFrame(channel), timeoutMs: 100 });
  const call = logout(mock.context, undefined);
  expect(await outcome(call)).toBe(5001);
  channel.requests[0].answer({ hadSession: true });
  await settle();
  expect(mock.events).toEqual([]);
});

test('destroy() while config.getToken is pending: 5005 at once, and nothing is sent with the late token', async () => {
  const channel = new MockChannel('available');
  const mock = mockInstance({ frame: new MockFrame(channel), token: 'held' });
  const call = logout(mock.context, undefined);
  await settle();
  mock.lifetime.end();
  expect(await outcome(call)).toBe(5005);
  mock.tokens[0].resolve(TOKEN);
  await settle();
  expect(channel.requests).toHaveLength(0);
});

test('destroy() while getToken is pending, redirect fallback: no form is submitted', async () => {
  const mock = mockInstance({ fallback: 'redirect', frame: new MockFrame(new MockChannel('blocked')), token: 'held' });
  const call = logout(mock.context, undefined);
  await settle();
  mock.lifetime.end();
  mock.tokens[0].resolve(TOKEN);
  expect(await outcome(call)).toBe(5005);
  expect(mock.redirects).toEqual([]);
});

test('destroy() with a connected platform window, while getToken is pending: 5005 at once, not 5001 at the deadline', async () => {
  const mock = mockInstance({ token: 'held', timeoutMs: 60_000 });
  const call = logout(mock.context, undefined);
  const page = new MockChannel('available');
  mock.windows[0].connect(page);
  await settle();
  mock.lifetime.end();
  expect(await Promise.race([outcome(call), new Promise((resolve) => setTimeout(() => resolve('still pending'), 200))])).toBe(5005);
  expect(mock.windows[0].closedWith?.code).toBe(5005);
});

test('destroy() during the handshake, the window and the request: 5005 each time', async () => {
  const connecting = mockInstance({ inClick: false });
  const first = logout(connecting.context, undefined);
  connecting.lifetime.end();
  expect(await outcome(first)).toBe(5005);

  const inWindow = mockInstance();
  const second = logout(inWindow.context, undefined);
  inWindow.lifetime.end();
  expect(await outcome(second)).toBe(5005);

  const channel = new MockChannel('available');
  const requesting = mockInstance({ frame: new MockFrame(channel) });
  const third = logout(requesting.context, undefined);
  await settle();
  requesting.lifetime.end();
  expect(await outcome(third)).toBe(5005);
});

test('the session read: token, then the frame, then one session event; destroy() while the token is pending builds no frame', async () => {
  const mock = mockInstance({ token: 'held' });
  const read = readSession(mock.context);
  await settle();
  mock.lifetime.end();
  mock.tokens[0].resolve(TOKEN);
  expect(await outcome(read)).toBe(5005);
  expect(mock.frame.connections).toBe(0);

  const channel = new MockChannel('available');
  const live = mockInstance({ frame: new MockFrame(channel) });
  const session = readSession(live.context);
  await settle();
  channel.requests[0].answer({ state: 'disconnected', broker: 'Demo' });
  expect(await session).toEqual({ state: 'disconnected', broker: 'Demo' });
  expect(live.events).toEqual(['session:disconnected']);
});

test('the window page that never connects: 5001 at the deadline, the window closed', async () => {
  const mock = mockInstance({ timeoutMs: 100, openWindow: () => new MockWindow() });
  expect(await outcome(logout(mock.context, undefined))).toBe(5001);
  expect(mock.windows[0].closedWith).toBeDefined();
});
