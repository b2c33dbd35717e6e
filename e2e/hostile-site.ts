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
/** Served where the SDK expects the bridge (`/scdk/v1/bridge`), so an SDK pointed here loads it. */
const FAKE_BRIDGE_PAGE =
  '<!doctype html><title>scdk bridge</title><script src="/fuzz-messages.js"></script><script src="/hostile/fake-bridge.js"></script>';
const FAKE_BRIDGE_PATH = '/scdk/v1/bridge';
/** The SDK asks this after a silent handshake; it never answers, so only the SDK's own deadline decides. */
const STATUS_PATH = '/scdk/v1/status';

export interface HostileSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * A site on an origin nobody trusts (another port on `host`): an attacker page, and a fake bridge for
 * SDK instances pointed at it. No CSP, so nothing stops its scripts.
 */
export async function startHostileSite(host = 'localhost'): Promise<HostileSite> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === STATUS_PATH) return; // left hanging; close() destroys the socket
    const file = FILES[path];
    const html = path === '/attacker.html' ? ATTACKER_PAGE : path === FAKE_BRIDGE_PATH ? FAKE_BRIDGE_PAGE : null;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
