// The bridge page the SDK loads in a hidden iframe, and its security headers.
import { escapeHtml } from '../shared/http.mjs';
import { sessionCookieDeclaration } from './session-cookies.mjs';

/** Where the bridge page loads the platform runtime from; it starts itself from the config element. */
export const PLATFORM_BUNDLE_PATH = '/scdk/v1/scdk-platform.js';
/** The id of the JSON config element the runtime reads. */
export const BRIDGE_CONFIG_ELEMENT_ID = 'scdk-bridge-config';
/** The bridge's API calls are same-origin, so the runtime needs no base URL. */
const SAME_ORIGIN_API_BASE = '';

/**
 * @typedef {{ gateway: string, allowedOrigins: readonly string[], broker: string, apiBase: string,
 *   sessionCookie: ReturnType<typeof sessionCookieDeclaration> }} RuntimeConfig
 */

/**
 * The config every platform page renders for the runtime (bridge, window, login done): the gateway, and
 * how the session cookie is set right now, so the runtime reports 'blocked' where that cookie cannot go.
 * @param {import('../shared/gateways.mjs').Gateway} gateway
 * @param {import('./session-cookies.mjs').SameSite} sessionSameSite
 * @returns {RuntimeConfig}
 */
export function runtimeConfig(gateway, sessionSameSite) {
  return {
    gateway: gateway.name,
    allowedOrigins: gateway.partnerOrigins,
    broker: gateway.broker,
    apiBase: SAME_ORIGIN_API_BASE,
    sessionCookie: sessionCookieDeclaration(sessionSameSite),
  };
}

const BRIDGE_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Headers for the bridge page. `frame-ancestors` lists exactly the gateway's partner origins, so
 * only they can frame it; `frameAncestors: false` drops the directive (a test fault).
 * @param {{ partnerOrigins: readonly string[], frameAncestors?: boolean }} options
 * @returns {Record<string, string>}
 */
export function bridgeHeaders({ partnerOrigins, frameAncestors = true }) {
  const ancestors = partnerOrigins.length > 0 ? partnerOrigins.join(' ') : "'none'";
  return {
    'content-security-policy': frameAncestors ? `frame-ancestors ${ancestors}; ${BRIDGE_POLICY}` : BRIDGE_POLICY,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * Headers for an unknown gateway's bridge URL: nobody may frame it.
 * @returns {Record<string, string>}
 */
export function unknownGatewayHeaders() {
  return { 'content-security-policy': "frame-ancestors 'none'", 'cache-control': 'no-cache' };
}

/**
 * The bridge page: the gateway's config as inert JSON, then the runtime and the boot script.
 * The same page, with a visible message, serves as the platform window (logout fallback): the runtime
 * sees it has an opener instead of a parent and reports to that.
 * @param {RuntimeConfig} config
 * @param {{ title: string, message: string, stylesheet: string }} [visible] for a window a person sees
 * @param {string} [runtimeUrl] the runtime's URL, with its content hash so browsers may cache it forever
 * @returns {string}
 */
export function bridgePageHtml(config, visible, runtimeUrl = PLATFORM_BUNDLE_PATH) {
  const head = visible
    ? `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(visible.title)}</title>` +
      `<link rel="stylesheet" href="${visible.stylesheet}">`
    : '<title>scdk bridge</title>';
  const body = visible ? `<main><h1>${escapeHtml(visible.title)}</h1><p role="status">${escapeHtml(visible.message)}</p></main>\n` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>
${body}${runtimeTags(config, runtimeUrl)}</body></html>
`;
}

/**
 * A page that looks like a bridge but runs nothing (test fault 'silent').
 * @returns {string}
 */
export function silentBridgeHtml() {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scdk bridge</title></head><body>
<p>Bridge page without scripts (mock platform fault "silent").</p></body></html>
`;
}

/**
 * The gateway config as inert JSON plus the runtime, which starts itself from it. Any platform page
 * that must report to the SDK (the bridge, the platform window, the login-done page) includes these.
 * @param {RuntimeConfig} config
 * @param {string} runtimeUrl
 * @returns {string}
 */
export function runtimeTags(config, runtimeUrl) {
  // `<` is escaped so no value can close the <script> element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script id="${BRIDGE_CONFIG_ELEMENT_ID}" type="application/json">${json}</script>
<script src="${escapeHtml(runtimeUrl)}"></script>`;
}
