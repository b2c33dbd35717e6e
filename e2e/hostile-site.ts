import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const ROOT = new URL('..', import.meta.url);
const FILES: Record<string, string> = {
  '/fuzz-messages.js': 'e2e/fixtures/fuzz-messages.js',
  '/hostile/fake-bridge.js': 'e2e/hostile/fake-bridge.js',
};
/** A blank page that only loads the message generator: tests drive it with frame.evaluate. */
const ATTACKER_PAGE = '<!doctype html><title>attacker</title><script src="/fuzz-messages.js"></script>';
/**
 * Served where the SDK expects the bridge (`/scdk/v1/bridge`), so an SDK pointed here loads it. With an
 * answer set (`answerEveryRequest`), the page carries it and the fake answers on its own, the moment it is
 * connected: a test that answered by hand would race the SDK's handshake deadline on a loaded machine.
 */
const fakeBridgePage = (answer: object | null) =>
  '<!doctype html><title>scdk bridge</title>' +
  (answer ? `<script>window.fakeBridgeAnswer = ${JSON.stringify(answer)};</script>` : '') +
  '<script src="/fuzz-messages.js"></script><script src="/hostile/fake-bridge.js"></script>';
const FAKE_BRIDGE_PATH = '/scdk/v1/bridge';
/** The SDK asks this after a silent handshake; it never answers, so only the SDK's own deadline decides. */
const STATUS_PATH = '/scdk/v1/status';

export interface HostileSite {
  origin: string;
  /** From now on, fake bridges loaded from this site say ready and answer every request with `result`; null: tests answer by hand. */
  answerEveryRequest(result: object | null): void;
  close(): Promise<void>;
}

/**
 * A site on an origin nobody trusts (another port on `host`): an attacker page, and a fake bridge for
 * SDK instances pointed at it. No CSP, so nothing stops its scripts.
 */
export async function startHostileSite(host = 'localhost'): Promise<HostileSite> {
  let answer: object | null = null;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === STATUS_PATH) return; // left hanging; close() destroys the socket
    const file = FILES[path];
    const html = path === '/attacker.html' ? ATTACKER_PAGE : path === FAKE_BRIDGE_PATH ? fakeBridgePage(answer) : null;
    if (!file && html === null) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': file ? 'application/javascript' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(file ? readFileSync(new URL(file, ROOT), 'utf8') : html);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    answerEveryRequest: (result) => {
      answer = result;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
