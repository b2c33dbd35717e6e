// Routes the SDK's iframe uses: the bridge page, the platform runtime, and the status diagnostics.
import { sendHtml, sendJson, sendText } from '../shared/http.mjs';
import {
  bridgeHeaders,
  bridgePageHtml,
  PLATFORM_BUNDLE_PATH,
  runtimeConfig,
  silentBridgeHtml,
  unknownGatewayHeaders,
} from './bridge-page.mjs';
import { createRuntimeAsset } from './runtime-asset.mjs';

const BRIDGE_PATH = '/scdk/v1/bridge';
const STATUS_PATH = '/scdk/v1/status';

/**
 * Builds the bridge routes.
 * @param {{ gateways: { get(name: string): import('../shared/gateways.mjs').Gateway | undefined },
 *   faults: ReturnType<typeof import('./faults.mjs').createFaultState>, wait(ms: number): Promise<void>, platformBundlePath: string,
 *   publicDir: string }} context
 * @returns {Map<string, Record<string, Function>>}
 */
export function createBridgeRoutes({ gateways, faults, wait, platformBundlePath }) {
  const runtime = createRuntimeAsset(platformBundlePath);

  async function bridge(req, res, url) {
    const { bridge: fault, frameAncestors, sessionSameSite, pageDelayMs } = faults.current();
    if (pageDelayMs > 0) await wait(pageDelayMs);
    if (fault === 'hang') return; // keep the socket open and never answer; close() destroys it
    if (fault === 'down') return void req.socket.destroy();
    const gateway = gateways.get(url.searchParams.get('gateway') ?? '');
    // Fault pages carry the same headers as the real page so only their content differs.
    const headers = bridgeHeaders({ partnerOrigins: gateway?.partnerOrigins ?? [], frameAncestors: frameAncestors === 'on' });
    if (fault === '404' || fault === '500') {
      sendText(res, Number(fault), `Bridge unavailable (mock platform fault "${fault}").\n`, headers);
      return;
    }
    if (!gateway) {
      sendText(res, 404, 'Unknown gateway: this platform has no bridge for it. Check config.gateway.\n', unknownGatewayHeaders());
      return;
    }
    const html = fault === 'silent'
      ? silentBridgeHtml()
      : bridgePageHtml(runtimeConfig(gateway, sessionSameSite), undefined, await runtime.url());
    sendHtml(res, 200, html, headers);
  }

  function status(req, res, url) {
    if (faults.current().bridge === 'down') return void req.socket.destroy();
    const gateway = gateways.get(url.searchParams.get('gateway') ?? '');
    const origin = req.headers.origin;
    sendJson(res, 200, {
      gateway: gateway ? 'known' : 'unknown',
      originAllowed: gateway && typeof origin === 'string' ? gateway.partnerOrigins.includes(origin) : null,
    }, { 'access-control-allow-origin': '*' });
  }

  return new Map([
    [BRIDGE_PATH, { GET: bridge }],
    [STATUS_PATH, { GET: status }],
    [PLATFORM_BUNDLE_PATH, { GET: runtime.send }],
  ]);
}
