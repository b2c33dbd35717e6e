import { REDIRECT_LOGOUT_PATH, REDIRECT_RESULT_KEY, PROTOCOL_VERSION, type LogoutResult } from '../../shared/protocol';
import { isErrorCode } from '../../shared/error-codes';
import { randomHex } from '../../shared/random-hex';
import { ScdkError } from '../../shared/scdk-error';
import { appendToBody } from '../append-to-body';
import type { Deadline } from '../deadline';

export interface RedirectLogoutRequest {
  platformOrigin: string;
  gateway: string;
  token: string;
  returnTo: string;
}

/** sessionStorage key of the one-time value that proves a redirect result came from our own logout. */
const STATE_KEY = 'scdk_logout_state';
/** Random bytes in that value. */
const STATE_BYTES = 16;
/**
 * The least time the page is given to leave once the form is submitted, whatever is left of the call's
 * deadline: the navigation is under way, and a call whose budget ran out just then must not report 5006
 * for a page that is leaving.
 */
export const DEPARTURE_FLOOR_MS = 1000;
/** A random value remembered for this tab, sent with the form and echoed back by the platform. */
function newState(): string {
  const state = randomHex(STATE_BYTES);
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
  // Into this page, whatever a <base target> on the partner's page says.
  form.target = '_self';
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
 * After the form went: the promise settles only if the page stays. 5006 when the navigation never
 * started within the deadline (CSP form-action, a sandbox), or when the page comes back from the
 * back-forward cache. Returns the wait and the function that ends it early (destroy()).
 */
export function awaitDeparture(
  page: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  left: Deadline,
  floorMs = DEPARTURE_FLOOR_MS,
): { departure: Promise<never>; cancel: (error: ScdkError) => void } {
  let cancel: (error: ScdkError) => void = () => {};
  const departure = new Promise<never>((_, reject) => {
    const end = (cancel = (error: ScdkError) => {
      clearTimeout(timer);
      page.removeEventListener('pagehide', onLeave);
      page.removeEventListener('pageshow', onBack);
      reject(error);
    });
    // The page is leaving for the platform: a slow answer must not be reported as a failure.
    const onLeave = () => clearTimeout(timer);
    // Restored from the back-forward cache: the redirect's result (if any) went to returnTo, not here.
    const onBack = (event: Event) =>
      (event as PageTransitionEvent).persisted && end(new ScdkError(5006, 'The user came back before the redirect logout finished; any result went to returnTo.'));
    const timer = setTimeout(() => end(new ScdkError(5006, 'The page did not leave for the redirect logout: check CSP form-action and sandbox flags.')), Math.max(left(), floorMs));
    page.addEventListener('pagehide', onLeave);
    page.addEventListener('pageshow', onBack);
  });
  return { departure, cancel };
}

/** The page-wide objects takeRedirectResult reads: the page's own in a browser, fakes in unit tests. */
export interface ReturnPage {
  location: Pick<Location, 'hash' | 'href'>;
  history: Pick<History, 'state' | 'replaceState'>;
  sessionStorage: Pick<Storage, 'getItem' | 'removeItem'>;
}

/**
 * A 4005 after a redirect logout has two causes: the platform does not trust this origin, or the page's
 * referrer policy sent the form with `Origin: null`, which the platform must refuse. A policy sent as a
 * header cannot be read from script, so the detail names both.
 */
const ORIGIN_REFUSED = " The platform refused this page's origin: ask it to add this origin, or if this page's referrer policy is no-referrer or same-origin (the form then sends Origin: null), use strict-origin-when-cross-origin.";

/**
 * After a redirect logout the platform comes back to `returnTo` with `#scdk_logout=success&had_session=1`
 * or `#scdk_logout=error&code=4002`. Reads that once, removes it from the address bar, and returns the
 * result, an `ScdkError`, or null when this page load is not a return from our own redirect logout
 * (the platform echoes a one-time `state` the SDK kept in sessionStorage).
 */
export function takeRedirectResult(): LogoutResult | ScdkError | null {
  return typeof location === 'undefined' ? null : readRedirectResult(window);
}

/** takeRedirectResult() on `page`. */
export function readRedirectResult(page: ReturnPage): LogoutResult | ScdkError | null {
  const fragment = new URLSearchParams(page.location.hash.slice(1));
  const outcome = fragment.get(REDIRECT_RESULT_KEY);
  if (outcome === null) return null;
  page.history.replaceState(page.history.state, '', page.location.href.split('#')[0]);
  let expected: string | null = null;
  try {
    expected = page.sessionStorage.getItem(STATE_KEY);
  } catch {
    // Storage disabled: nothing to compare with.
  }
  // A crafted link carrying "#scdk_logout=success" is not a result: only our own logout's state counts,
  // and such a link must not wipe the state a genuine logout under way will come back with.
  if (!expected || fragment.get('state') !== expected) return null;
  page.sessionStorage.removeItem(STATE_KEY);
  if (outcome === 'success') return { success: true, hadSession: fragment.get('had_session') === '1' };
  const code = Number(fragment.get('code'));
  return new ScdkError(isErrorCode(code) ? code : 3023, `The platform reported this after the redirect logout.${code === 4005 ? ORIGIN_REFUSED : ''}`);
}
