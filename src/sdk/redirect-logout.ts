import { REDIRECT_LOGOUT_PATH, REDIRECT_RESULT_KEY, PROTOCOL_VERSION, type LogoutResult } from '../shared/protocol';
import { isErrorCode } from '../shared/error-codes';
import type { Deadline } from './deadline';
import { ScdkError } from '../shared/scdk-error';
import { appendToBody } from './append-to-body';

export interface RedirectLogoutRequest {
  platformOrigin: string;
  gateway: string;
  token: string;
  returnTo: string;
}

/** sessionStorage key of the one-time value that proves a redirect result came from our own logout. */
const STATE_KEY = 'scdk_logout_state';

/** A random value remembered for this tab, sent with the form and echoed back by the platform. */
function newState(): string {
  const state = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  try {
    sessionStorage.setItem(STATE_KEY, state);
  } catch {
    // Storage disabled: the logout still happens; takeRedirectResult() will report nothing.
  }
  return state;
}

/** This page without its fragment: where the platform sends the user back by default. */
export function currentPageUrl(): string {
  return location.href.split('#')[0];
}

/**
 * Full-page logout on the platform, like an OAuth provider's logout with `returnTo`: the gateway plays
 * the part of `client_id`. The token travels in the POST body, never in a URL; the platform ends the
 * session first-party and answers 303 to `returnTo` (which must be on the gateway's allowlist).
 * The form (which holds the token) leaves the DOM right after submit: the navigation it planned goes on.
 */
export function submitRedirectLogout({ platformOrigin, gateway, token, returnTo }: RedirectLogoutRequest): void {
  const state = newState();
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = `${platformOrigin}${REDIRECT_LOGOUT_PATH}`;
  form.hidden = true;
  const fields: Record<string, string> = { gateway, token, returnTo, state, v: String(PROTOCOL_VERSION) };
  for (const name of Object.keys(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = fields[name];
    form.appendChild(input);
  }
  appendToBody(form);
  form.submit();
  form.remove();
}

/**
 * The redirect fallback: submits the logout form, and the page navigates away; the result arrives on
 * `returnTo` (takeRedirectResult). The promise settles only if the page stays: 5006 when the navigation
 * never started within the deadline (CSP form-action, a sandbox), or when the page comes back from the
 * back-forward cache. `onCancel` receives the function that ends it early (destroy()), then undefined.
 */
export function logoutByRedirect(
  request: RedirectLogoutRequest,
  left: Deadline,
  onCancel: (cancel: ((error: ScdkError) => void) | undefined) => void,
): Promise<never> {
  submitRedirectLogout(request);
  return new Promise<never>((_, reject) => {
    const end = (error: ScdkError) => {
      clearTimeout(timer);
      removeEventListener('pagehide', onLeave);
      removeEventListener('pageshow', onBack);
      onCancel(undefined);
      reject(error);
    };
    // The page is leaving for the platform: a slow answer must not be reported as a failure.
    const onLeave = () => clearTimeout(timer);
    // Restored from the back-forward cache: the redirect's result (if any) went to returnTo, not here.
    const onBack = (event: PageTransitionEvent) =>
      event.persisted && end(new ScdkError(5006, 'The user came back before the redirect logout finished; any result went to returnTo.'));
    const timer = setTimeout(() => end(new ScdkError(5006, 'The page did not leave for the redirect logout: check CSP form-action and sandbox flags.')), left());
    addEventListener('pagehide', onLeave);
    addEventListener('pageshow', onBack);
    onCancel(end);
  });
}

/**
 * After a redirect logout the platform comes back to `returnTo` with `#scdk_logout=success&had_session=1`
 * or `#scdk_logout=error&code=4002`. Reads that once, removes it from the address bar, and returns the
 * result, an `ScdkError`, or null when this page load is not a return from our own redirect logout
 * (the platform echoes a one-time `state` the SDK kept in sessionStorage).
 */
export function takeRedirectResult(): LogoutResult | ScdkError | null {
  if (typeof location === 'undefined') return null;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const outcome = fragment.get(REDIRECT_RESULT_KEY);
  if (outcome === null) return null;
  history.replaceState(history.state, '', currentPageUrl());
  let expected: string | null = null;
  try {
    expected = sessionStorage.getItem(STATE_KEY);
    sessionStorage.removeItem(STATE_KEY);
  } catch {
    // Storage disabled: nothing to compare with.
  }
  // A crafted link carrying "#scdk_logout=success" is not a result: only our own logout's state counts.
  if (!expected || fragment.get('state') !== expected) return null;
  if (outcome === 'success') return { success: true, hadSession: fragment.get('had_session') === '1' };
  const code = Number(fragment.get('code'));
  return new ScdkError(isErrorCode(code) ? code : 3023, 'The platform reported this after the redirect logout.');
}
