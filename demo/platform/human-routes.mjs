// The platform's first-party pages: home, login, login done, logout, and the cookie-based /api/session.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readBody, redirect, sendHtml, sendJson, sendNoContent, sendText } from '../shared/http.mjs';
import { DEMO_ACCOUNTS, isDemoAccount } from './accounts.mjs';
import { homePage, loginDonePage, loginPage, messagePage, PLATFORM_STYLESHEET_PATH } from './pages.mjs';
import { isSameOriginRequest } from './same-origin.mjs';
import { clearingCookies, loginCookies, sessionIdOf } from './session-cookies.mjs';

const PAGE_HEADERS = Object.freeze({
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; " +
    "form-action 'self'; frame-ancestors 'none'",
});
const MAX_FORM_BYTES = 16 * 1024;
const SMALLCASE_AUTH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const DEFAULT_GATEWAY_FOR_LINKS = 'demo';

/**
 * @param {string} gateway
 * @returns {string}
 */
function loginHrefFor(gateway) {
  return `/login?gateway=${encodeURIComponent(gateway)}`;
}

/**
 * Builds the first-party routes.
 * @param {{ gateways: { get(name: string): import('../shared/gateways.mjs').Gateway | undefined },
 *   sessions: ReturnType<typeof import('./sessions.mjs').createSessionStore>,
 *   cookieSetting: ReturnType<typeof import('./cookie-setting.mjs').createCookieSetting>, publicDir: string,
 *   publicOrigin: string, scdk(): import('scdk/server').ScdkPlatform }} context `scdk` is the kit in force
 * @returns {Map<string, Record<string, (req: import('node:http').IncomingMessage,
 *   res: import('node:http').ServerResponse, url: URL) => unknown>>}
 */
export function createHumanRoutes({ gateways, sessions, cookieSetting, publicDir, publicOrigin, scdk }) {
  const sameSite = () => cookieSetting.current();
  const isSameOrigin = (req) => isSameOriginRequest(req, publicOrigin);
  const currentSession = (req) => sessions.get(sessionIdOf(req.headers.cookie));
  const page = (res, status, html) => sendHtml(res, status, html, PAGE_HEADERS);
  const badRequest = (res, message) => page(res, 400, messagePage({ title: 'Bad request', message }));
  const crossSite = (res) =>
    page(res, 403, messagePage({ title: 'Forbidden', message: 'This form only accepts submissions from the platform\'s own pages.' }));

  function home(req, res) {
    const session = currentSession(req);
    page(res, 200, homePage({ accountId: session?.accountId ?? null, loginHref: loginHrefFor(DEFAULT_GATEWAY_FOR_LINKS) }));
  }

  function showLogin(req, res, url) {
    const name = url.searchParams.get('gateway');
    const gateway = name ? gateways.get(name) : undefined;
    if (!gateway) {
      badRequest(res, name
        ? `The gateway "${name}" is not registered with this platform. Use /login?gateway=demo.`
        : 'The gateway query parameter is missing. Use /login?gateway=demo.');
      return;
    }
    const smallcaseAuthId = url.searchParams.get('smallcaseAuthId');
    if (smallcaseAuthId !== null && !SMALLCASE_AUTH_ID_PATTERN.test(smallcaseAuthId)) {
      badRequest(res, 'smallcaseAuthId must be 1 to 64 letters, digits, "_" or "-".');
      return;
    }
    page(res, 200, loginPage({
      gateway: gateway.name,
      broker: gateway.broker,
      accounts: DEMO_ACCOUNTS,
      currentAccountId: currentSession(req)?.accountId ?? null,
      smallcaseAuthId,
    }));
  }

  async function logIn(req, res) {
    if (!isSameOrigin(req)) return crossSite(res);
    const body = await readBody(req, MAX_FORM_BYTES);
    if (!body.ok) return badRequest(res, 'The login form could not be read (too large or interrupted).');
    const form = new URLSearchParams(body.text);
    const gateway = gateways.get(form.get('gateway') ?? '');
    if (!gateway) return badRequest(res, 'The form has no registered gateway. Start again from /login?gateway=demo.');
    const account = form.get('account');
    if (!isDemoAccount(account)) return badRequest(res, `Choose one of the demo accounts: ${DEMO_ACCOUNTS.join(', ')}.`);
    const smallcaseAuthId = form.get('smallcaseAuthId');
    if (smallcaseAuthId !== null && !SMALLCASE_AUTH_ID_PATTERN.test(smallcaseAuthId)) {
      return badRequest(res, 'smallcaseAuthId must be 1 to 64 letters, digits, "_" or "-".');
    }
    sessions.delete(sessionIdOf(req.headers.cookie));
    const { id } = sessions.create({ accountId: account, gateway: gateway.name, smallcaseAuthId });
    redirect(res, `/login/done?gateway=${encodeURIComponent(gateway.name)}`, { 'set-cookie': loginCookies(id, account, sameSite()) });
  }

  async function loginDone(req, res, url) {
    const session = currentSession(req);
    const gateway = gateways.get(session?.gateway ?? url.searchParams.get('gateway') ?? '') ??
      gateways.get(DEFAULT_GATEWAY_FOR_LINKS);
    // In a login window the SDK opened, the runtime reports to the opener (hello, then the session query);
    // in a plain tab it finds no opener and does nothing. The kit gives its tags and the headers they need.
    const runtime = await scdk().runtimeTags(gateway.name);
    for (const [name, value] of Object.entries(runtime?.headers ?? {})) res.setHeader(name, value);
    const reporter = runtime?.html ?? '';
    page(res, 200, loginDonePage({
      broker: gateway.broker,
      accountId: session?.accountId ?? null,
      loginHref: loginHrefFor(gateway.name),
      reporter,
    }));
  }

  function logOut(req, res) {
    if (!isSameOrigin(req)) return crossSite(res);
    sessions.delete(sessionIdOf(req.headers.cookie));
    redirect(res, '/', { 'set-cookie': clearingCookies(sameSite()) });
  }

  function apiSession(req, res) {
    const session = currentSession(req);
    sendJson(res, 200, { loggedIn: Boolean(session), accountId: session?.accountId ?? null });
  }

  async function stylesheet(_req, res) {
    const css = await readFile(path.join(publicDir, 'platform.css'));
    sendText(res, 200, css.toString('utf8'), { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
  }

  return new Map([
    ['/', { GET: home }],
    ['/login', { GET: showLogin, POST: logIn }],
    ['/login/done', { GET: loginDone }],
    ['/logout', { POST: logOut }],
    ['/api/session', { GET: apiSession }],
    [PLATFORM_STYLESHEET_PATH, { GET: stylesheet }],
    ['/favicon.ico', { GET: sendNoContent }],
  ]);
}
