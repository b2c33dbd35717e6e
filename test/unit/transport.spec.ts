import { expect, test } from '@playwright/test';
import { startDeadline } from '../../src/sdk/deadline';
import { PlatformWindow, WINDOW_CLOSED_POLL_MS, type WindowHost } from '../../src/sdk/transport/platform-window';
import { PortChannel } from '../../src/sdk/transport/port-channel';
import { ScdkError } from '../../src/shared/scdk-error';
import { outcome, settle } from './flow-mocks';

// The transport (src/sdk/transport/) on Node's own MessageChannel and a fake window host: requests and
// their deadlines on a port, and a platform window's name, closing and teardown.

const OPTIONS = { platformOrigin: 'https://platform.test', gateway: 'demo', log: () => {} };

/** A PortChannel and the platform page's end of its port, which answers as the test says. */
function connectedPort() {
  const { port1, port2 } = new MessageChannel();
  const received: { id: number; method: string }[] = [];
  port2.onmessage = (event) => received.push(event.data);
  const reply = (id: number, result: unknown) => port2.postMessage({ ns: 'scdk', v: 1, type: 'response', id, ok: true, result });
  const channel = new PortChannel(port1, () => {}, 'available');
  return { channel, received, reply, close: () => port2.close() };
}

test('a request is answered on its port; a late answer after the deadline is dropped', async () => {
  const { channel, received, reply, close } = connectedPort();
  const answered = channel.request('session', 't', startDeadline(1000));
  await expect.poll(() => received.length).toBe(1);
  reply(received[0].id, { state: 'unknown', broker: '' });
  expect(await answered).toEqual({ state: 'unknown', broker: '' });
  const late = channel.request('logout', 't', startDeadline(20));
  expect(await outcome(late)).toBe(5001);
  await expect.poll(() => received.length).toBe(2);
  reply(received[1].id, { hadSession: true }); // nobody waits for it: nothing breaks
  await settle();
  channel.close(new ScdkError(5005, 'done'));
  close();
});

test('close() rejects requests in flight, and later ones at once with the same error, not at their deadline', async () => {
  const { channel, close } = connectedPort();
  const inFlight = channel.request('logout', 't', startDeadline(60_000));
  channel.close(new ScdkError(5005, 'destroyed'));
  expect(await outcome(inFlight)).toBe(5005);
  const startedAt = Date.now();
  expect(await outcome(channel.request('logout', 't', startDeadline(60_000)))).toBe(5005);
  expect(Date.now() - startedAt).toBeLessThan(1000);
  close();
});

/** A window host whose windows ignore close() `ignoredCloses` times (as Chromium may while one navigates). */
function fakeHost(ignoredCloses = 0) {
  const names: string[] = [];
  const windows: { closed: boolean; closes: number }[] = [];
  const host: WindowHost = {
    open: ((_url: string, name: string) => {
      names.push(name);
      const win = {
        closed: false,
        closes: 0,
        close() {
          win.closes++;
          if (win.closes > ignoredCloses) win.closed = true;
        },
        location: { replace() {} },
        postMessage() {},
      };
      windows.push(win);
      return win as unknown as Window;
    }) as WindowHost['open'],
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  return { host, names, windows };
}

test("each platform window's name comes from the CSPRNG, not Math.random", () => {
  const { host, names } = fakeHost();
  const random = Math.random;
  Math.random = () => 0.5;
  try {
    for (let i = 0; i < 2; i++) new PlatformWindow('https://platform.test/w', OPTIONS, host).close(new ScdkError(5005, 'done'));
  } finally {
    Math.random = random;
  }
  expect(names[0]).toMatch(/^scdk_[0-9a-f]{32}$/);
  expect(names[0]).not.toBe(names[1]);
});

test('a window closed by destroy(): its wait rejects 5005 (not 1011), and no close retry outlives stopClosing()', async () => {
  const { host, windows } = fakeHost(3);
  let gone = 0;
  const platformWindow = new PlatformWindow('https://platform.test/w', { ...OPTIONS, onGone: () => gone++ }, host);
  const waiting = platformWindow.connection();
  platformWindow.close(new ScdkError(5005, 'destroyed'));
  platformWindow.stopClosing();
  expect(await outcome(waiting)).toBe(5005);
  expect(await outcome(platformWindow.connection())).toBe(5005);
  const closes = windows[0].closes;
  await new Promise((resolve) => setTimeout(resolve, WINDOW_CLOSED_POLL_MS * 2));
  expect(windows[0].closes).toBe(closes); // no retry ran after stopClosing()
  expect(gone).toBeGreaterThan(0);
});

test('a window that ignores close(): retried until it closes, then gone', async () => {
  const { host, windows } = fakeHost(2);
  let gone = 0;
  new PlatformWindow('https://platform.test/w', { ...OPTIONS, onGone: () => gone++ }, host).close(new ScdkError(5005, 'done'));
  await expect.poll(() => windows[0].closed, { timeout: WINDOW_CLOSED_POLL_MS * 8 }).toBe(true);
  expect(windows[0].closes).toBe(3);
  expect(gone).toBe(1);
});
