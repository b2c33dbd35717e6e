import { expect, test } from '@playwright/test';
import { switchAccount } from '../../src/sdk/flows/switch';
import { ScdkError } from '../../src/shared/scdk-error';
import type { SwitchStep } from '../../src/sdk/types';
import { MockChannel, MockWindow, mockInstance, outcome, settle } from './flow-mocks';

// The switch (src/sdk/flows/switch.ts) against mock transports: its steps, its events, and how a closed
// window, destroy() and the deadline end it.

const CONNECTED = { state: 'connected', broker: 'Demo', accountId: 'YZ5678', own: true };
/** A window that, once closed, says only "the user closed it", whatever the reason (as a connector may). */
const forgetfulWindow = () => new MockWindow(() => new ScdkError(1011, 'closed'));

/** Runs a switch up to the login page's connection. */
async function toLoginPage(mock: ReturnType<typeof mockInstance>, steps: SwitchStep[] = []) {
  const call = switchAccount(mock.context, (step) => steps.push(step));
  const platformWindow = mock.windows[0];
  const windowPage = new MockChannel('available');
  platformWindow.connect(windowPage);
  await settle();
  windowPage.requests[0].answer({ hadSession: true });
  await settle();
  await settle(); // the flow waits a task before it navigates
  return { call, platformWindow };
}

test('the steps: window at once, logout in it, then the login page; switch and session events', async () => {
  const steps: SwitchStep[] = [];
  const mock = mockInstance();
  const { call, platformWindow } = await toLoginPage(mock, steps);
  expect(platformWindow.navigations).toEqual(['https://platform.test/login']);
  const loginPage = new MockChannel('available');
  platformWindow.connect(loginPage);
  await settle();
  expect(loginPage.requests.map((request) => request.method)).toEqual(['session']);
  loginPage.requests[0].answer(CONNECTED);
  expect(await call).toEqual({ accountId: 'YZ5678', session: CONNECTED });
  expect(steps).toEqual(['logging-out', 'choosing-account']);
  expect(mock.events).toEqual(['logout:true', 'session:connected', 'switch:YZ5678']);
  expect(platformWindow.closedWith?.code).toBe(5005); // closed once done
});

test('the window opens before the first await (inside the click)', () => {
  const mock = mockInstance();
  switchAccount(mock.context, () => {}).catch(() => {});
  expect(mock.windows).toHaveLength(1);
});

test("fallback 'none': 5004, no window", async () => {
  const mock = mockInstance({ fallback: 'none' });
  expect(await outcome(switchAccount(mock.context, () => {}))).toBe(5004);
  expect(mock.windows).toHaveLength(0);
});

test('the user closes the window before the logout: 1011; after it: 1012 (the logout stands)', async () => {
  const before = mockInstance({ openWindow: forgetfulWindow });
  const early = switchAccount(before.context, () => {});
  before.windows[0].close(new ScdkError(1011, 'closed'));
  expect(await outcome(early)).toBe(1011);

  const after = mockInstance({ openWindow: forgetfulWindow });
  const { call, platformWindow } = await toLoginPage(after);
  platformWindow.close(new ScdkError(1011, 'closed'));
  expect(await outcome(call)).toBe(1012);
});

test("destroy() in the gap between the logout and the login page: 5005, not 1012", async () => {
  const mock = mockInstance({ openWindow: forgetfulWindow });
  const call = switchAccount(mock.context, () => {});
  const windowPage = new MockChannel('available');
  mock.windows[0].connect(windowPage);
  await settle();
  windowPage.requests[0].answer({ hadSession: true });
  // The logout answer's microtasks run; the flow now waits a task before it navigates.
  await Promise.resolve();
  await Promise.resolve();
  mock.lifetime.end();
  expect(await outcome(call)).toBe(5005);
  expect(mock.windows[0].navigations).toEqual([]);
});

test('destroy() while the user chooses, and during the final session read: 5005', async () => {
  const choosing = mockInstance({ openWindow: forgetfulWindow });
  const { call } = await toLoginPage(choosing);
  choosing.lifetime.end();
  expect(await outcome(call)).toBe(5005);

  const reading = mockInstance();
  const second = await toLoginPage(reading);
  const loginPage = new MockChannel('available');
  second.platformWindow.connect(loginPage);
  await settle();
  reading.lifetime.end();
  expect(await outcome(second.call)).toBe(5005);
});

test('the window and its logout share one deadline; the user choosing has none', async () => {
  const slow = mockInstance({ timeoutMs: 150 });
  const startedAt = Date.now();
  const call = switchAccount(slow.context, () => {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  const windowPage = new MockChannel('available');
  slow.windows[0].connect(windowPage);
  expect(await outcome(call)).toBe(5001); // the logout got the 50 ms left
  expect(Date.now() - startedAt).toBeLessThan(500);

  const patient = mockInstance({ timeoutMs: 100 });
  const { call: choosing, platformWindow } = await toLoginPage(patient);
  await new Promise((resolve) => setTimeout(resolve, 200)); // longer than timeoutMs: still choosing
  const loginPage = new MockChannel('available');
  platformWindow.connect(loginPage);
  await settle();
  loginPage.requests[0].answer(CONNECTED);
  expect(await choosing).toMatchObject({ accountId: 'YZ5678' });
});

test('the login page reports no connected account: 1012', async () => {
  const mock = mockInstance();
  const { call, platformWindow } = await toLoginPage(mock);
  const loginPage = new MockChannel('available');
  platformWindow.connect(loginPage);
  await settle();
  loginPage.requests[0].answer({ state: 'disconnected', broker: 'Demo' });
  expect(await outcome(call)).toBe(1012);
});
