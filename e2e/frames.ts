import type { Frame, Page } from '@playwright/test';
import { BRIDGE_PATH, PROTOCOL_VERSION } from '../src/shared/protocol';
import { PLATFORM } from './origins';

/** The real bridge page, as the SDK loads it for gateway 'demo', on this worker's platform. */
export function bridgeUrl(): string {
  return `${PLATFORM}${BRIDGE_PATH}?gateway=demo&v=${PROTOCOL_VERSION}`;
}
/** A well-formed connect for gateway 'demo', as the SDK sends it. */
export const CONNECT = { ns: 'scdk', v: PROTOCOL_VERSION, type: 'connect', gateway: 'demo' } as const;
/** How long a test waits for the bridge's first reply to a connect before calling it silence. */
const CONNECT_REPLY_TIMEOUT_MS = 10_000;
/**
 * How long appendFrame waits for the frame to load and for Playwright to report its commit. It waits on
 * events, so this only decides how soon a frame that never loads fails the test: a cold cross-process frame
 * loads in 1-3 s on a loaded 2-core machine, so 20 s is over 6x headroom (and the suite's HELD_WAIT_MS).
 */
const FRAME_LOAD_TIMEOUT_MS = 20_000;

/**
 * Appends a named iframe inside `parent` (the page's main frame by default) and resolves with its
 * Playwright Frame once it has loaded. The name lets other frames reach it as `parent.frames[name]`.
 */
export async function appendFrame(page: Page, src: string, name: string, parent: Frame = page.mainFrame()): Promise<Frame> {
  // Playwright learns a frame's name from its commit ('framenavigated'), which may reach the test a moment
  // after the page saw `load`; so the wait starts before the frame exists. A cross-origin frame first
  // reports its initial about:blank: only a commit of something else (`src`, or an error page such as
  // chrome-error:// when framing is refused) is the frame we asked for.
  const committed = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame.name() === name && (src === 'about:blank' || frame.url() !== 'about:blank'),
    timeout: FRAME_LOAD_TIMEOUT_MS,
  });
  const loaded = parent.evaluate(
    ([url, frameName]) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = frameName;
        frame.onload = () => resolve();
        frame.src = url;
        document.body.append(frame);
      }),
    [src, name],
  );
  const [frame] = await Promise.all([
    committed.catch((error: Error) => {
      throw new Error(`frame ${name} (${src}) did not commit: ${error.message}`);
    }),
    loaded,
  ]);
  return frame;
}

/** Collects uncaught errors from the page and every frame in it (the bridge runs out of process). */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return errors;
}

/**
 * From the page itself (the bridge's parent, on the trusted partner origin): sends `connect` to the bridge
 * frame named `name` with a fresh port and resolves with the first reply, or null if none comes. The port
 * and every reply on it stay on `window.trustedBridge` for later requests.
 */
export function connectAsParent(page: Page, connect: object = CONNECT, name = 'bridge', timeoutMs = CONNECT_REPLY_TIMEOUT_MS): Promise<unknown> {
  return page.evaluate(
    ({ frameName, message, platform, timeoutMs }) =>
      new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        const replies: unknown[] = [];
        (window as unknown as { trustedBridge: object }).trustedBridge = { port: port1, replies };
        port1.onmessage = (event) => {
          replies.push(event.data);
          resolve(event.data);
        };
        const frame = document.querySelector(`iframe[name="${frameName}"]`) as HTMLIFrameElement;
        frame.contentWindow!.postMessage(message, platform, [port2]);
        setTimeout(() => resolve(null), timeoutMs);
      }),
    { frameName: name, message: connect, platform: PLATFORM, timeoutMs },
  );
}

/**
 * Resolves once `receiver` has been handed a marker that `sender` posts to it now (`sender` is the
 * receiver's own frame, posting to itself, or a child frame, posting to its parent). Messages from one
 * sender to one window are delivered in the order they were posted, so every message `sender` posted
 * before has been dispatched to the receiver's listeners (the SDK's among them) by then.
 */
export async function delivered(receiver: Page, sender: Frame): Promise<void> {
  const marker = `scdk-e2e-fence-${Math.random().toString(36).slice(2)}`;
  await receiver.evaluate((m) => {
    const fences = ((window as unknown as { fences?: Record<string, Promise<void>> }).fences ??= {});
    fences[m] = new Promise<void>((resolve) => {
      const listener = (event: MessageEvent) => {
        if (event.data !== m) return;
        window.removeEventListener('message', listener);
        resolve();
      };
      window.addEventListener('message', listener);
    });
  }, marker);
  await sender.evaluate((m) => (parent === window ? window : parent).postMessage(m, '*'), marker);
  await receiver.evaluate((m) => (window as unknown as { fences: Record<string, Promise<void>> }).fences[m], marker);
}
