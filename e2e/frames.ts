import type { Frame, Page } from '@playwright/test';
import { BRIDGE_PATH, PROTOCOL_VERSION } from '../src/bridge/protocol';
import { PLATFORM } from './origins';

/** The real bridge page, as the SDK loads it for gateway 'demo'. */
export const BRIDGE_URL = `${PLATFORM}${BRIDGE_PATH}?gateway=demo&v=${PROTOCOL_VERSION}`;
/** A well-formed connect for gateway 'demo', as the SDK sends it. */
export const CONNECT = { ns: 'scdk', v: PROTOCOL_VERSION, type: 'connect', gateway: 'demo' } as const;
/** How long a test waits for the bridge's first reply to a connect before calling it silence. */
const CONNECT_REPLY_TIMEOUT_MS = 10_000;
/** Long enough for a message to cross processes and an async reply to come back on a loaded 2-core machine. */
export const SETTLE_MS = 1000;
const FRAME_ATTACH_TIMEOUT_MS = 5000;
const FRAME_POLL_MS = 50;

/**
 * Appends a named iframe inside `parent` (the page's main frame by default) and resolves with its
 * Playwright Frame once it has loaded. The name lets other frames reach it as `parent.frames[name]`.
 */
export async function appendFrame(page: Page, src: string, name: string, parent: Frame = page.mainFrame()): Promise<Frame> {
  await parent.evaluate(
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
  // Playwright may learn about the frame (its name, an error page's commit) a moment after `load`.
  for (let waited = 0; waited < FRAME_ATTACH_TIMEOUT_MS; waited += FRAME_POLL_MS) {
    const frame = page.frame({ name });
    if (frame) return frame;
    await page.waitForTimeout(FRAME_POLL_MS);
  }
  throw new Error(`frame ${name} (${src}) did not attach`);
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
export function connectAsParent(page: Page, connect: object = CONNECT, name = 'bridge'): Promise<unknown> {
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
    { frameName: name, message: connect, platform: PLATFORM, timeoutMs: CONNECT_REPLY_TIMEOUT_MS },
  );
}
