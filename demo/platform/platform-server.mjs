// The mock broker platform: login pages, real sessions and cookies (what a platform owns), with scdk's
// endpoints served by the kit, scdk/server, through the fault switch's wrapper.
import { fileURLToPath } from 'node:url';
import { SCDK_PATHS, toNodeHandler } from 'scdk/server';
import { createBenchHandler } from '../shared/bench-files.mjs';
import { createGatewayRegistry, DEMO_GATEWAY } from '../shared/gateways.mjs';
import { closeServer, createWebServer, listen } from '../shared/http.mjs';
import { createRouter } from '../shared/router.mjs';
import { createCookieSetting } from './cookie-setting.mjs';
import { createFaultState } from './faults.mjs';
import { createFaultRoutes } from './fault-routes.mjs';
import { createHumanRoutes } from './human-routes.mjs';
import { createScdkKits } from './scdk-kit.mjs';
import { withFaults } from './scdk-faults.mjs';
import { createSessionStore } from './sessions.mjs';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_HOST = '127.0.0.1';

/**
 * Starts the mock platform.
 * @param {object} options
 * @param {number} options.port port to listen on (a fixed one: the platform's public origin names it)
 * @param {string} [options.host] interface and origin host; the platform must be a different site
 *   from the partner, hence 127.0.0.1 next to the partner's localhost
 * @param {string[]} options.partnerOrigins origins the demo gateway trusts (frame-ancestors, allowlist)
 * @param {boolean} [options.bench] also serve bench/pages/platform/ under /bench/ (npm run bench), with the
 *   bridge page's headers so the baseline's child page is framed under the same policy
 * @param {{ key: Buffer, cert: Buffer }} [options.tls] serve https with this key and certificate
 * @param {import('./session-cookies.mjs').SameSite} [options.sessionSameSite] the SameSite of the login cookies
 *   (default 'None'); tests change it per test with POST /__test/faults { sessionSameSite }
 * @param {boolean} [options.inlineRuntime] the bridge page carries the runtime inline (the kit's option; the bench compares both)
 * @returns {Promise<{ server: import('node:http').Server, origin: string, close(): Promise<void> }>}
 */
export async function createPlatformServer({ port, host = DEFAULT_HOST, partnerOrigins, bench = false, tls, sessionSameSite, inlineRuntime = false }) {
  const publicOrigin = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const gateways = createGatewayRegistry({ partnerOrigins });
  const sessions = createSessionStore();
  const faults = createFaultState();
  const cookieSetting = createCookieSetting(sessionSameSite);
  const kits = createScdkKits({ publicOrigin, gateways: gateways.list(), sessions, inlineRuntime });
  /** The kit that declares the cookies as the platform sets them now. */
  const scdk = () => kits[cookieSetting.current()];

  // Delays asked for by the delay faults; cancelled on close so nothing outlives the server.
  const timers = new Set();
  const wait = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

  const serveScdk = toNodeHandler(withFaults((request, context) => scdk().fetch(request, context), { faults, wait }), { publicOrigin });
  const serveBench = bench ? createBenchHandler('platform', await benchHeaders(scdk(), publicOrigin)) : undefined;
  const context = { gateways, sessions, faults, cookieSetting, publicOrigin, scdk, publicDir: PUBLIC_DIR };
  const routes = new Map([...createHumanRoutes(context), ...createFaultRoutes(context)]);
  const fallback = async (req, res, url) => {
    if (await serveScdk(req, res)) return;
    if (serveBench) return serveBench(req, res, url);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found.\n');
  };
  const server = createWebServer(createRouter(routes, { fallback }), tls);
  const origin = await listen(server, port, host);
  if (origin !== publicOrigin) {
    await closeServer(server);
    throw new Error(`The mock platform listens on ${origin}, not on its public origin ${publicOrigin}: give it a fixed port.`);
  }

  return {
    server,
    origin,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await closeServer(server);
    },
  };
}

/** The bench's baseline child page loads its script from 'self', as the bridge page does by default. */
const BENCH_PAGE_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Headers for the bench's baseline child page, which must be framed under the bridge page's policy: its
 * frame-ancestors taken from the kit's own answer, so they cannot differ (its script-src may be a hash).
 * @param {import('scdk/server').ScdkPlatform} kit
 * @param {string} publicOrigin
 * @returns {Promise<Record<string, string>>}
 */
async function benchHeaders(kit, publicOrigin) {
  const response = await kit.fetch(new Request(`${publicOrigin}${SCDK_PATHS.bridge}?gateway=${DEMO_GATEWAY}`));
  const policy = response?.headers.get('content-security-policy') ?? '';
  const ancestors = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('frame-ancestors')) ?? "frame-ancestors 'none'";
  return { 'content-security-policy': `${ancestors}; ${BENCH_PAGE_POLICY}` };
}
