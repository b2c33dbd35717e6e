import type { DeclaredSessionCookie } from '../platform/session-cookie';
import { BRIDGE_CONFIG_ELEMENT_ID } from '../shared/platform-endpoints';
import type { Gateway } from './gateway-registry';
import { escapeHtml, type HeaderList } from './responses';

/** The bridge's API calls are same-origin, so the runtime needs no base URL. */
const SAME_ORIGIN_API_BASE = '';
const BRIDGE_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

/** What the runtime reads from the page's config element (the runtime's BridgeConfig). */
export interface RuntimeConfig {
  gateway: string;
  allowedOrigins: readonly string[];
  broker: string;
  apiBase: string;
  sessionCookie: DeclaredSessionCookie;
  clientCookies?: readonly string[];
}

export function runtimeConfig(gateway: Gateway, sessionCookie: DeclaredSessionCookie, clientCookies?: readonly string[]): RuntimeConfig {
  return {
    gateway: gateway.name,
    allowedOrigins: gateway.partnerOrigins,
    broker: gateway.broker,
    apiBase: SAME_ORIGIN_API_BASE,
    sessionCookie,
    ...(clientCookies ? { clientCookies } : {}),
  };
}

/** The config element alone: the JSON the runtime starts from. */
function configElement(config: RuntimeConfig): string {
  // `<` is escaped so no value can close the <script> element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script id="${BRIDGE_CONFIG_ELEMENT_ID}" type="application/json">${json}</script>`;
}

/**
 * The config element and the runtime's own text inline, for a page whose CSP allows exactly that text by
 * its hash. Throws for a text the HTML parser would cut short (it never holds these with the build's minifier).
 */
export function inlineRuntimeTags(config: RuntimeConfig, runtimeText: string): string {
  if (/<\/script|<!--/i.test(runtimeText)) throw new Error('scdk/server: this runtime cannot be inlined (it contains </script or <!--).');
  return `${configElement(config)}\n<script>${runtimeText}</script>`;
}

/**
 * The gateway config as inert JSON plus the runtime, which starts itself from it. Every platform page
 * that reports to the SDK (the bridge, the platform window, the login-done page) carries these.
 */
export function runtimeTags(config: RuntimeConfig, runtimeUrl: string): string {
  return `${configElement(config)}\n<script src="${escapeHtml(runtimeUrl)}"></script>`;
}

/**
 * The bridge page's headers: only the gateway's partner origins may frame it. `inlineHash` replaces
 * `script-src 'self'` with exactly the inline runtime's hash.
 */
export function bridgeHeaders(partnerOrigins: readonly string[], inlineHash?: string): HeaderList {
  const ancestors = partnerOrigins.length > 0 ? partnerOrigins.join(' ') : "'none'";
  const policy = inlineHash ? BRIDGE_POLICY.replace("script-src 'self'", `script-src ${inlineHash}`) : BRIDGE_POLICY;
  return {
    'content-security-policy': `frame-ancestors ${ancestors}; ${policy}`,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

/** An unknown gateway's bridge URL: nobody may frame it. */
export const UNKNOWN_GATEWAY_HEADERS: HeaderList = Object.freeze({ 'content-security-policy': "frame-ancestors 'none'", 'cache-control': 'no-cache' });

/**
 * Pages a person sees (the platform window, the redirect hop, refusals): never framed. No
 * `Cross-Origin-Opener-Policy: same-origin`, which would cut the opener link the window reports back on.
 */
export const WINDOW_HEADERS: HeaderList = Object.freeze({
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'unsafe-none',
});

export function bridgePageHtml(tags: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>scdk bridge</title></head><body>\n${tags}</body></html>\n`;
}

/** A bare page for the kit's visible pages when the platform gives no layout. */
export function barePage({ title, body }: { title: string; body: string }, stylesheet?: string): string {
  const link = stylesheet ? `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title>${link}</head><body>\n<main>\n${body}\n</main>\n</body></html>\n`;
}
