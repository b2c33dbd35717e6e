// The platform's side of the SDK's fallbacks for browsers that keep its cookies from the bridge iframe:
// the platform window (a first-party page the SDK opens from the user's click) and the redirect logout
// (a full-page POST that comes back to the partner's returnTo, through a same-site hop where the session cookie is Lax or Strict).
import { readBody, redirect, sendHtml, sendText } from '../shared/http.mjs';
import { isConnectedPayload, verifyJwt } from '../shared/jwt.mjs';
import { bridgePageHtml, runtimeConfig } from './bridge-page.mjs';
import { logoutHopPage, messagePage, PLATFORM_STYLESHEET_PATH } from './pages.mjs';
import { createPendingLogouts, HOP_FIELD, HOP_FORM_ID, HOP_PATH, HOP_SCRIPT, HOP_SCRIPT_PATH } from './redirect-hop.mjs';
import { createRuntimeAsset } from './runtime-asset.mjs';
import { isSameOriginRequest } from './same-origin.mjs';
import { clearingCookies, sessionIdOf } from './session-cookies.mjs';

const WINDOW_PATH = '/scdk/v1/window';
const REDIRECT_LOGOUT_PATH = '/scdk/v1/logout-redirect';
/** Fragment key the SDK's scDK.takeRedirectResult() reads on the partner page. */
const RESULT_KEY = 'scdk_logout';
const MAX_FORM_BYTES = 16 * 1024;
const NOT_CONNECTED = 4004;
const ORIGIN_NOT_ALLOWED = 4005;
/** The SDK's one-time value, echoed back so the partner page can tell a real result from a crafted link. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

// A window, so nobody may frame it. No Cross-Origin-Opener-Policy: same-origin, which would cut the
// opener link the page reports back on.
const WINDOW_HEADERS = Object.freeze({
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
});
const PAGE_HEADERS = Object.freeze({
  'content-security-policy': "default-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
});

/**
 * Is `returnTo` an absolute URL inside one of the gateway's allowlisted prefixes? Compared parsed,
 * origin first, so `http://partner.example.evil.test/` cannot pass for `http://partner.example/`.
 * @param {string} returnTo
 * @param {readonly string[]} allowed
 */
export function isAllowedReturnTo(returnTo, allowed) {
  let url;
  try {
    url = new URL(returnTo);
  } catch {
    return false;
  }
  return allowed.some((prefix) => {
    const base = new URL(prefix);
    return url.origin === base.origin && url.pathname.startsWith(base.pathname);
  });
}

/**
 * `returnTo` with the outcome in its fragment (fragments never reach the partner's server logs).
 * @param {string} returnTo
 * @param {Record<string, string>} outcome
 */
function withOutcome(returnTo, outcome, state) {
  const url = new URL(returnTo);
  const echoed = typeof state === 'string' && STATE_PATTERN.test(state) ? { state } : {};
  url.hash = new URLSearchParams({ [RESULT_KEY]: 'success', ...outcome, ...echoed }).toString();
  return url.toString();
}

/**
 * @param {{ gateways: { get(name: string): import('../shared/gateways.mjs').Gateway | undefined },
 *   sessions: ReturnType<typeof import('./sessions.mjs').createSessionStore>,
 *   faults: ReturnType<typeof import('./faults.mjs').createFaultState>, wait(ms: number): Promise<void>,
 *   platformBundlePath: string }} context
 * @returns {Map<string, Record<string, Function>>}
 */
export function createWindowRoutes({ gateways, sessions, faults, wait, platformBundlePath }) {
  const runtime = createRuntimeAsset(platformBundlePath);
  const pendingLogouts = createPendingLogouts();
  const refusal = (res, status, title, message) => sendHtml(res, status, messagePage({ title, message }), PAGE_HEADERS);

  /** Ends the session the request's cookies carry and sends the user back to `returnTo` with the outcome. */
  function endSessionAndReturn(req, res, returnTo, state) {
    const { sessionSameSite } = faults.current();
    const hadSession = sessions.delete(sessionIdOf(req));
    redirect(res, withOutcome(returnTo, { had_session: hadSession ? '1' : '0' }, state), { 'set-cookie': clearingCookies(sessionSameSite) });
  }

  async function platformWindow(req, res, url) {
    const { pageDelayMs, windowPageDelayMs } = faults.current();
    const delayMs = windowPageDelayMs ?? pageDelayMs;
    if (delayMs > 0) await wait(delayMs);
    const gateway = gateways.get(url.searchParams.get('gateway') ?? '');
    if (!gateway) return refusal(res, 404, 'Unknown gateway', 'This platform has no gateway by that name. Check config.gateway.');
    const config = runtimeConfig(gateway, faults.current().sessionSameSite);
    const visible = {
      title: `${gateway.broker}`,
      message: `Signing you out of ${gateway.broker}… This window closes by itself.`,
      stylesheet: PLATFORM_STYLESHEET_PATH,
    };
    sendHtml(res, 200, bridgePageHtml(config, visible, await runtime.url()), WINDOW_HEADERS);
  }

  async function redirectLogout(req, res) {
    const raw = await readBody(req, MAX_FORM_BYTES);
    if (!raw.ok) return refusal(res, 400, 'Bad request', 'The logout form could not be read (too large or interrupted).');
    const form = new URLSearchParams(raw.text);
    const gateway = gateways.get(form.get('gateway') ?? '');
    if (!gateway) return refusal(res, 400, 'Unknown gateway', 'The logout form names no gateway registered with this platform. Check config.gateway.');
    const returnTo = form.get('returnTo') ?? '';
    if (!isAllowedReturnTo(returnTo, gateway.returnTo)) {
      return refusal(
        res,
        400,
        'Return address not allowed',
        `The logout was refused: ${returnTo || '(no returnTo)'} is not on the return-address allowlist of gateway "${gateway.name}". ` +
          'Ask the platform to add it, or pass an allowed returnTo. Your session was not changed.',
      );
    }
    // The form must come from a trusted partner page (the browser sets Origin on a cross-site POST).
    const state = form.get('state');
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !gateway.partnerOrigins.includes(origin)) {
      return redirect(res, withOutcome(returnTo, { [RESULT_KEY]: 'error', code: String(ORIGIN_NOT_ALLOWED) }, state));
    }
    const verified = verifyJwt(form.get('token') ?? '', gateway.secret);
    if (!verified.ok) return redirect(res, withOutcome(returnTo, { [RESULT_KEY]: 'error', code: String(verified.code) }, state));
    if (!isConnectedPayload(verified.payload)) {
      return redirect(res, withOutcome(returnTo, { [RESULT_KEY]: 'error', code: String(NOT_CONNECTED) }, state));
    }
    // A SameSite=None session cookie travels with this cross-site POST. A Lax or Strict one does not, so
    // its absence proves nothing: a page of the platform's own posts back, same-site, with the cookies.
    if (faults.current().sessionSameSite === 'None') return endSessionAndReturn(req, res, returnTo, state);
    const id = pendingLogouts.add({ returnTo, state });
    const hop = { broker: gateway.broker, action: HOP_PATH, field: HOP_FIELD, id, formId: HOP_FORM_ID, scriptSrc: HOP_SCRIPT_PATH };
    sendHtml(res, 200, logoutHopPage(hop), { ...WINDOW_HEADERS, 'cache-control': 'no-store' });
  }

  async function finishRedirectLogout(req, res) {
    if (!isSameOriginRequest(req)) return refusal(res, 403, 'Forbidden', 'This form only accepts submissions from the platform\'s own pages.');
    const raw = await readBody(req, MAX_FORM_BYTES);
    if (!raw.ok) return refusal(res, 400, 'Bad request', 'The sign-out form could not be read (too large or interrupted).');
    const pending = pendingLogouts.take(new URLSearchParams(raw.text).get(HOP_FIELD));
    if (!pending) {
      return refusal(res, 400, 'Sign-out expired', 'This sign-out was already used or has expired. Go back to the partner site and log out again.');
    }
    endSessionAndReturn(req, res, pending.returnTo, pending.state);
  }

  return new Map([
    [WINDOW_PATH, { GET: platformWindow }],
    [REDIRECT_LOGOUT_PATH, { POST: redirectLogout }],
    [HOP_PATH, { POST: finishRedirectLogout }],
    [HOP_SCRIPT_PATH, { GET: (_req, res) => sendText(res, 200, HOP_SCRIPT, { 'content-type': 'text/javascript; charset=utf-8' }) }],
  ]);
}
