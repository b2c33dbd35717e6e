import type { ErrorCode } from '../shared/error-codes';
import { HOP_FIELD, HOP_FORM_ID, REDIRECT_FRAGMENT, SCDK_PATHS } from '../shared/platform-endpoints';
import type { Gateway } from './gateway-registry';
import { GatewayLookupError } from './gateway-registry';
import { callHook, HookFailure, type KitContext } from './kit-context';
import { readBodyText } from './read-body';
import { escapeHtml, html, script, seeOther } from './responses';
import { isAllowedReturnTo } from './return-to';
import { WINDOW_HEADERS } from './runtime-page';
import { isSameOriginRequest } from './same-origin';
import { connectedUserOf, verifyToken } from './verify-token';

/** The hop page submits at once; a user without script has this long to press its button. */
export const HOP_LIFETIME_MS = 5 * 60 * 1000;
/** The SDK's one-time value, echoed so the partner page can tell a real result from a crafted link. */
const STATE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ID_BYTES = 24;
/** Submits the hop form once the page has parsed it; the button is there for pages without script. */
const HOP_SCRIPT = `document.getElementById(${JSON.stringify(HOP_FORM_ID)}).submit();\n`;

interface PendingLogout {
  gateway: string;
  returnTo: string;
  state: string | null;
}

/** `returnTo` with the outcome in its fragment (fragments never reach the partner's server logs). */
function withOutcome(returnTo: string, outcome: Record<string, string>, state: string | null): string {
  const url = new URL(returnTo);
  const echoed: Record<string, string> = state !== null && STATE_PATTERN.test(state) ? { [REDIRECT_FRAGMENT.state]: state } : {};
  url.hash = new URLSearchParams({ [REDIRECT_FRAGMENT.result]: 'success', ...outcome, ...echoed }).toString();
  return url.toString();
}

const failed = (returnTo: string, code: ErrorCode, state: string | null) =>
  seeOther(withOutcome(returnTo, { [REDIRECT_FRAGMENT.result]: 'error', [REDIRECT_FRAGMENT.code]: String(code) }, state));

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_BYTES));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function refusal<C>(kit: KitContext<C>, status: number, title: string, message: string): Response {
  return html(status, kit.page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`), WINDOW_HEADERS);
}

/** Ends the session the request's cookies carry and sends the user back to `returnTo` with the outcome. */
async function endSessionAndReturn<C>(kit: KitContext<C>, request: Request, context: C, pending: PendingLogout, smallcaseAuthId: string | null): Promise<Response> {
  try {
    const ended = await callHook('endSession', 3023, () => kit.hooks.endSession(request, context));
    if (smallcaseAuthId !== null) kit.emit({ type: 'logout', gateway: pending.gateway, smallcaseAuthId, hadSession: ended.hadSession, via: 'redirect' });
    return seeOther(withOutcome(pending.returnTo, { [REDIRECT_FRAGMENT.hadSession]: ended.hadSession ? '1' : '0' }, pending.state), ended.setCookie);
  } catch (error) {
    if (!(error instanceof HookFailure)) throw error;
    // The user goes back to the partner, told the logout failed, instead of staying on an error page.
    kit.emit({ type: 'refused', endpoint: SCDK_PATHS.logoutRedirect, gateway: pending.gateway, code: error.code, status: 303 });
    return failed(pending.returnTo, error.code, pending.state);
  }
}

/**
 * POST /scdk/v1/logout-redirect: the partner's cross-site form `{ gateway, token, returnTo, state }`.
 * Checks, in order: body, gateway, returnTo (refused on a platform page: it is not trusted to go back to),
 * then Origin, token, connected user (each sent back to returnTo with the code).
 */
export async function redirectLogout<C>(kit: KitContext<C>, request: Request, context: C): Promise<Response> {
  const endpoint = SCDK_PATHS.logoutRedirect;
  const raw = await readBodyText(request);
  if (!raw.ok) return refusal(kit, 400, 'Bad request', 'The logout form could not be read (too large or interrupted).');
  const form = new URLSearchParams(raw.text);
  let gateway: Gateway | undefined;
  try {
    gateway = await kit.lookup(form.get('gateway') ?? '');
  } catch (error) {
    if (!(error instanceof GatewayLookupError)) throw error;
    return refusal(kit, 503, 'Try again', 'The platform could not look up the gateway right now. Go back to the partner site and try again.');
  }
  if (!gateway) return refusal(kit, 400, 'Unknown gateway', 'The logout form names no gateway registered with this platform. Check config.gateway.');
  const returnTo = form.get('returnTo') ?? '';
  if (!isAllowedReturnTo(returnTo, gateway)) {
    kit.emit({ type: 'refused', endpoint, gateway: gateway.name, code: 4005, status: 400 });
    return refusal(
      kit,
      400,
      'Return address not allowed',
      `The logout was refused: ${returnTo || '(no returnTo)'} is not on the return-address allowlist of gateway "${gateway.name}". ` +
        'Ask the platform to add it, or pass an allowed returnTo. Your session was not changed.',
    );
  }
  const state = form.get('state');
  const refuse = (code: ErrorCode) => {
    kit.emit({ type: 'refused', endpoint, gateway: gateway.name, code, status: 303 });
    return failed(returnTo, code, state);
  };
  // The form must come from a trusted partner page (the browser sets Origin on a cross-site POST).
  const origin = request.headers.get('origin');
  if (origin === null || !gateway.partnerOrigins.includes(origin)) return refuse(4005);
  const verified = await verifyToken(form.get('token') ?? '', gateway.secrets, { leewaySeconds: kit.leewaySeconds, nowSeconds: Math.floor(kit.now() / 1000) });
  if (!verified.ok) return refuse(verified.code);
  const smallcaseAuthId = connectedUserOf(verified.payload);
  if (smallcaseAuthId === undefined) return refuse(4004);
  const pending: PendingLogout = { gateway: gateway.name, returnTo, state };
  // A SameSite=None session cookie travels with this cross-site POST. A Lax or Strict one does not, so
  // its absence proves nothing: a page of the platform's own posts back, same-site, with the cookies.
  if (kit.sessionCookie.sameSite === 'None') return endSessionAndReturn(kit, request, context, pending, smallcaseAuthId);
  const id = randomId();
  // The id is random (192 bits): a collision is as good as impossible, and put refuses rather than overwrite.
  if (!(await kit.store.put(id, JSON.stringify({ ...pending, smallcaseAuthId }), { ttlMs: HOP_LIFETIME_MS, group: gateway.name }))) {
    return refuse(3023);
  }
  const body = `<h1>Signing you out of ${escapeHtml(gateway.broker)}…</h1>
<form method="post" action="${SCDK_PATHS.logoutRedirectFinish}" id="${HOP_FORM_ID}">
<input type="hidden" name="${HOP_FIELD}" value="${escapeHtml(id)}">
<button type="submit">Continue</button>
</form>
<script src="${SCDK_PATHS.logoutRedirectScript}"></script>`;
  return html(200, kit.page('Signing out', body), { ...WINDOW_HEADERS, 'cache-control': 'no-store' });
}

/** POST /scdk/v1/logout-redirect/finish: the hop's same-origin POST, with every cookie; used once. */
export async function finishRedirectLogout<C>(kit: KitContext<C>, request: Request, context: C): Promise<Response> {
  if (!isSameOriginRequest(request, kit.publicOrigin)) {
    return refusal(kit, 403, 'Forbidden', "This form only accepts submissions from the platform's own pages.");
  }
  const raw = await readBodyText(request);
  if (!raw.ok) return refusal(kit, 400, 'Bad request', 'The sign-out form could not be read (too large or interrupted).');
  const id = new URLSearchParams(raw.text).get(HOP_FIELD);
  const stored = id ? await kit.store.take(id) : undefined;
  const pending = stored === undefined ? undefined : (JSON.parse(stored) as PendingLogout & { smallcaseAuthId: string });
  if (!pending) {
    return refusal(kit, 400, 'Sign-out expired', 'This sign-out was already used or has expired. Go back to the partner site and log out again.');
  }
  return endSessionAndReturn(kit, request, context, pending, pending.smallcaseAuthId);
}

/** GET /scdk/v1/logout-redirect.js: the hop page's script. */
export function hopScript(): Response {
  return script(HOP_SCRIPT, 'no-cache');
}
