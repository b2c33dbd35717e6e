import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PLATFORM } from './origins';

const ROOT = new URL('..', import.meta.url);
const FILES: Record<string, { path: string; type: string }> = {
  '/page.html': { path: 'e2e/fixtures/blank.html', type: 'text/html; charset=utf-8' },
  '/scdk.umd.js': { path: 'dist/scdk.umd.js', type: 'application/javascript' },
  '/e2e/harness.js': { path: 'e2e/fixtures/harness.js', type: 'application/javascript' },
};

/**
 * A partner look-alike on an origin the platform does not trust (another port on localhost), serving
 * the same page and bundle. Started by the tests that need a hostile or unknown site.
 */
export async function startThirdSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const file = FILES[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    const body = readFileSync(new URL(file.path, ROOT), 'utf8');
    response.end(file.type.startsWith('text/html') ? body.replaceAll('__PLATFORM_ORIGIN__', PLATFORM) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
