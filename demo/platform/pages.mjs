// Server-rendered HTML for the platform's human pages (home, login, login done, errors), and the layout the
// scdk kit's pages are rendered in. Every dynamic value goes through escapeHtml; the pages run no inline script.
import { escapeHtml } from '../shared/http.mjs';

/** URL of the stylesheet the platform serves for its pages. */
export const PLATFORM_STYLESHEET_PATH = '/assets/platform.css';
const PLATFORM_TITLE = 'Demo Broker platform';

/**
 * @param {{ title: string, main: string }} parts `main` is already-escaped HTML
 * @returns {string}
 */
function layout({ title, main }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${PLATFORM_TITLE}</title>
<link rel="stylesheet" href="${PLATFORM_STYLESHEET_PATH}">
</head>
<body>
<header class="masthead"><a href="/">${PLATFORM_TITLE}</a> <span class="tag">mock, for the scdk demo</span></header>
<main>
${main}
</main>
</body>
</html>
`;
}

/**
 * The platform home: who is logged in, a login link and a first-party logout form.
 * @param {{ accountId: string | null, loginHref: string }} state
 * @returns {string}
 */
export function homePage({ accountId, loginHref }) {
  const status = accountId
    ? `<p class="status status-in">You are logged in as <strong>${escapeHtml(accountId)}</strong>.</p>
<form method="post" action="/logout"><button type="submit">Log out</button></form>`
    : '<p class="status status-out">You are not logged in.</p>';
  return layout({
    title: 'Home',
    main: `<h1>${PLATFORM_TITLE}</h1>
${status}
<p><a href="${escapeHtml(loginHref)}">${accountId ? 'Log in with another account' : 'Log in'}</a></p>`,
  });
}

/**
 * The login page: one submit button per account.
 * @param {{ gateway: string, broker: string, accounts: readonly string[], currentAccountId: string | null,
 *   smallcaseAuthId: string | null }} state
 * @returns {string}
 */
export function loginPage({ gateway, broker, accounts, currentAccountId, smallcaseAuthId }) {
  const buttons = accounts
    .map((account) => `<button type="submit" name="account" value="${escapeHtml(account)}">Continue as ${escapeHtml(account)}</button>`)
    .join('\n');
  const linkedUser = smallcaseAuthId
    ? `<input type="hidden" name="smallcaseAuthId" value="${escapeHtml(smallcaseAuthId)}">`
    : '';
  const current = currentAccountId
    ? `<p class="status status-in">You are logged in as <strong>${escapeHtml(currentAccountId)}</strong>; choosing an account replaces that session.</p>`
    : '';
  return layout({
    title: 'Log in',
    main: `<h1>Log in to ${escapeHtml(broker)}</h1>
${current}
<form method="post" action="/login" class="accounts">
<input type="hidden" name="gateway" value="${escapeHtml(gateway)}">
${linkedUser}
<fieldset>
<legend>Choose a demo account</legend>
${buttons}
</fieldset>
</form>`,
  });
}

/**
 * The page shown after a login.
 * @param {{ broker: string, accountId: string | null, loginHref: string, reporter?: string }} state
 * @returns {string}
 */
export function loginDonePage({ broker, accountId, loginHref, reporter = '' }) {
  const message = accountId
    ? `<h1>You are logged in to ${escapeHtml(broker)} as ${escapeHtml(accountId)}</h1>`
    : `<h1>You are not logged in to ${escapeHtml(broker)}</h1>
<p><a href="${escapeHtml(loginHref)}">Log in</a></p>`;
  return layout({
    title: 'Logged in',
    main: `${message}
<p><a href="/">Back to the platform home</a></p>
${reporter}`,
  });
}

/**
 * The scdk kit's visible pages (the platform window, the redirect hop, refusals) in the platform's layout.
 * @param {{ title: string, body: string }} page `body` is HTML the kit escaped
 * @returns {string}
 */
export function scdkPage({ title, body }) {
  return layout({ title, main: body });
}

/**
 * A short page for errors such as an unknown gateway.
 * @param {{ title: string, message: string }} content plain text
 * @returns {string}
 */
export function messagePage({ title, message }) {
  return layout({
    title,
    main: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Back to the platform home</a></p>`,
  });
}
