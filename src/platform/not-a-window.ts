/**
 * The platform window page when it is not a window: an app's web view (Android WebView's default, some
 * iOS apps and in-app browsers) loads the URL of a requested window in place of the partner page, so the
 * page has no opener to report to. Nothing can be done from here, so the page says so plainly and offers
 * the way back; it never ends a session on its own (a page anyone can link to must not log users out).
 */

/** Query parameter of the window URL naming the partner page to go back to. */
export const RETURN_TO_PARAM = 'returnTo';
/** The page's own status line, where the window page says what it is doing. */
const STATUS_SELECTOR = '[role="status"]';

/**
 * `returnTo` from the page's URL when it is an http(s) URL on one of the gateway's trusted partner
 * origins (an untrusted one would make this page an open redirect), else null.
 */
export function trustedReturnTo(search: string, allowedOrigins: readonly string[]): string | null {
  const raw = new URLSearchParams(search).get(RETURN_TO_PARAM);
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return allowedOrigins.includes(url.origin) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Replaces the window page's status with the explanation and a way back: a link to a trusted
 * `returnTo`, else a button that goes back in history, else a plain hint. Returns its removal.
 */
export function showNotAWindow(broker: string, allowedOrigins: readonly string[]): () => void {
  const status = document.querySelector(STATUS_SELECTOR) ?? document.body.appendChild(document.createElement('p'));
  status.setAttribute('role', 'status');
  status.textContent =
    `This app cannot open the ${broker || 'platform'} window, so nothing was changed: you were not logged out. ` +
    'Go back and log out again; if it fails the same way, log out in the platform\u2019s own app or website.';
  const returnTo = trustedReturnTo(location.search, allowedOrigins);
  const action = document.createElement(returnTo ? 'a' : history.length > 1 ? 'button' : 'p');
  const goBack = (): void => history.back();
  if (returnTo) {
    (action as HTMLAnchorElement).href = returnTo;
    action.textContent = 'Back to the previous page';
  } else if (action instanceof HTMLButtonElement) {
    action.type = 'button';
    action.textContent = 'Go back';
    action.addEventListener('click', goBack);
  } else {
    action.textContent = 'Close this page to go back.';
  }
  status.after(action);
  return () => {
    action.removeEventListener('click', goBack);
    action.remove();
  };
}
