import { errorPayload } from '../shared/error-codes';
import type { Gateway } from './gateway-registry';
import { GatewayLookupError } from './gateway-registry';
import type { KitContext } from './kit-context';
import { escapeHtml, html, json, script, text } from './responses';
import { IMMUTABLE } from './runtime-asset';
import { bridgeHeaders, bridgePageHtml, inlineRuntimeTags, runtimeConfig, runtimeTags, UNKNOWN_GATEWAY_HEADERS, WINDOW_HEADERS } from './runtime-page';

/** The status endpoint is read without credentials from any partner page. */
const PUBLIC_READ = Object.freeze({ 'access-control-allow-origin': '*' });

/** The gateway a page's `?gateway=` names; a resolver's failure is answered by the caller. */
async function gatewayOf<C>(kit: KitContext<C>, url: URL): Promise<Gateway | undefined> {
  return kit.lookup(url.searchParams.get('gateway') ?? '');
}

/** The runtime's tags for `gateway`: what the bridge, the window and the platform's login-done page carry. */
export async function tagsFor<C>(kit: KitContext<C>, gateway: Gateway): Promise<string> {
  return runtimeTags(runtimeConfig(gateway, kit.sessionCookie, kit.clientCookies), await kit.runtime.url());
}

const lookupFailed = () => text(503, 'The platform could not look up the gateway right now. Try again.\n', { 'retry-after': '5' });

/** GET /scdk/v1/bridge?gateway=G: the page in the SDK's hidden iframe. */
export async function bridge<C>(kit: KitContext<C>, url: URL): Promise<Response> {
  let gateway: Gateway | undefined;
  try {
    gateway = await gatewayOf(kit, url);
  } catch (error) {
    if (error instanceof GatewayLookupError) return lookupFailed();
    throw error;
  }
  if (!gateway) return text(404, 'Unknown gateway: this platform has no bridge for it. Check config.gateway.\n', UNKNOWN_GATEWAY_HEADERS);
  if (kit.inlineRuntime) {
    const tags = inlineRuntimeTags(runtimeConfig(gateway, kit.sessionCookie, kit.clientCookies), kit.runtime.text);
    return html(200, bridgePageHtml(tags), bridgeHeaders(gateway.partnerOrigins, await kit.runtime.cspHash()));
  }
  return html(200, bridgePageHtml(await tagsFor(kit, gateway)), bridgeHeaders(gateway.partnerOrigins));
}

/** GET /scdk/v1/window?gateway=G: the runtime in a window the SDK opened from a click. */
export async function platformWindow<C>(kit: KitContext<C>, url: URL): Promise<Response> {
  let gateway: Gateway | undefined;
  try {
    gateway = await gatewayOf(kit, url);
  } catch (error) {
    if (error instanceof GatewayLookupError) return lookupFailed();
    throw error;
  }
  if (!gateway) {
    return html(404, kit.page('Unknown gateway', '<h1>Unknown gateway</h1>\n<p>This platform has no gateway by that name. Check config.gateway.</p>'), WINDOW_HEADERS);
  }
  const body = `<h1>${escapeHtml(gateway.broker)}</h1>\n<p role="status">Signing you out of ${escapeHtml(gateway.broker)}… This window closes by itself.</p>\n${await tagsFor(kit, gateway)}`;
  return html(200, kit.page(gateway.broker, body), WINDOW_HEADERS);
}

/**
 * GET /scdk/v1/status?gateway=G: diagnostics for the SDK after a silent handshake, read without
 * credentials. `originAllowed` is null when the gateway is unknown or the request has no `Origin`; `error`
 * is what the bridge would have refused with (4001 an unknown gateway, 4005 an untrusted `Origin`).
 */
export async function status<C>(kit: KitContext<C>, request: Request, url: URL): Promise<Response> {
  let gateway: Gateway | undefined;
  try {
    gateway = await gatewayOf(kit, url);
  } catch (error) {
    if (!(error instanceof GatewayLookupError)) throw error;
    return json(503, { error: { code: 5002, message: 'bridge_unavailable', detail: 'The platform could not look up the gateway right now.' } }, PUBLIC_READ);
  }
  const origin = request.headers.get('origin');
  const originAllowed = gateway && origin !== null ? gateway.partnerOrigins.includes(origin) : null;
  // What the bridge would refuse with, had the browser let it answer: the SDK reports it as it is.
  const error = !gateway
    ? errorPayload(4001, `The platform does not know gateway "${url.searchParams.get('gateway')}": use the name it registered for you.`)
    : originAllowed === false
      ? errorPayload(4005, `The platform does not trust ${origin} for gateway "${gateway.name}": ask it to add this origin.`)
      : undefined;
  return json(200, { gateway: gateway ? 'known' : 'unknown', originAllowed, ...(error && { error }) }, PUBLIC_READ);
}

/** GET /scdk/v1/scdk-platform.js: the runtime; the copy whose `?v=` names its content is cacheable forever. */
export async function runtimeScript<C>(kit: KitContext<C>, url: URL): Promise<Response> {
  const versioned = url.searchParams.get('v') === (await kit.runtime.version());
  return script(kit.runtime.text, versioned ? IMMUTABLE : 'no-cache');
}
