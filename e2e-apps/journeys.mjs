// The host-app journeys: a partner page inside a WebKitGTK app (host-app.py) that handles windows the way
// real apps do, clicked with real X input. Every journey checks the platform's own view of the session in
// the app's cookie jar: a success while the session lives, or a user left on a platform page with nothing
// done, is a failure. A journey returns a short note for the README's table, or throws.
//
// What these stand for: WKWebView's engine with an app's window handling, ITP on or off, and the native
// bridge's page side. What they cannot prove: Android WebView (Chromium-based, its own cookie defaults),
// in-app browsers' own quirks, or the native SDKs' logoutUser on a device.
//
// `pending` marks a journey that needs code not wired in yet; the runner skips it and prints the reason.
// Remove the field to run it.

/** @typedef {import('./host.mjs').HostOptions} HostOptions */
/** @typedef {Awaited<ReturnType<typeof import('./host.mjs').launchHostApp>>} HostApp */
/** @typedef {{ app: HostApp, partner: string, platform: string, journeyUrl(query?: string): string,
 *   nextReport(kind: string, timeoutMs?: number): Promise<any> }} Ctx */

const LOGGED_OUT = { loggedIn: false, accountId: null };
const LOGGED_IN = { loggedIn: true, accountId: 'AB1234' };
const JOURNEY_PAGE = '/e2e/journey.html';
const WINDOW_PAGE = '/scdk/v1/window';
/** What the window page says when it has no opener (src/platform/not-a-window.ts). */
const NOT_A_WINDOW = /cannot open the .* window, so nothing was changed/;
/** What the window page says while it works as a window: a user left on it is stranded. */
const WORKING = /closes by itself/;
/** config.timeoutMs for the journey whose host never answers: short, so the run stays fast. */
const SILENT_HOST_TIMEOUT_MS = 3_000;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, expected, what) {
  check(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** The platform's truth, read in the app's own cookie jar. */
async function truth(ctx) {
  return JSON.parse(await ctx.app.readInAppJar(`${ctx.platform}/api/session`));
}

/** The app starts on the platform's login page: log in as AB1234 with a real click. */
async function login(ctx) {
  await ctx.app.waitForLoad('/login');
  await ctx.app.click('button[value="AB1234"]');
  await ctx.app.waitForLoad('/login/done');
  same(await truth(ctx), LOGGED_IN, 'platform session after login');
}

/** Loads the partner's journey page in the app and clicks its button: resolves with the page's report. */
async function clickLogout(ctx, query = '', timeoutMs) {
  const ready = ctx.nextReport('ready');
  ctx.app.load(ctx.journeyUrl(`&mode=logout${query}`));
  await ready;
  const result = ctx.nextReport('result', timeoutMs);
  await ctx.app.click('#go:not([disabled])');
  return result;
}

function windowOpens(ctx) {
  return ctx.app.events.filter((event) => event.event === 'create').length;
}

/** A logged-out result that the platform confirms, with the user back on the partner page. */
async function expectLoggedOutAndBack(ctx, result) {
  check(result.ok, `logout failed: ${JSON.stringify(result.error)}`);
  same(result.value, { success: true, hadSession: true }, 'logout result');
  same(await truth(ctx), LOGGED_OUT, 'platform session after a reported logout');
  await ctx.app.waitForUrl(`${ctx.partner}${JOURNEY_PAGE}`);
}

/** 5004 and the session kept: honest, the user stays on the partner page. */
async function expectPopupBlocked(ctx, result) {
  check(!result.ok && result.error?.code === 5004, `expected 5004, got ${JSON.stringify(result)}`);
  same(await truth(ctx), LOGGED_IN, 'platform session after 5004');
  await ctx.app.waitForUrl(`${ctx.partner}${JOURNEY_PAGE}`);
}

/**
 * The app loaded the window page in place of the partner page: it must say nothing was changed, the
 * session must live, Go back must return, and the page must never have reported a success.
 */
async function expectNotAWindowAndBack(ctx, query = '') {
  // The page is replaced by the window page, so its result report may or may not get out first.
  const result = clickLogout(ctx, query).catch(() => null);
  const page = await ctx.app.waitForUrl(`${ctx.platform}${WINDOW_PAGE}`);
  await ctx.app.waitForEvent('the window page to finish loading', (event) => event.event === 'load' && event.uri.includes(WINDOW_PAGE));
  const shown = await ctx.app.pageText();
  check(NOT_A_WINDOW.test(shown.text) && !WORKING.test(shown.text), `the window page in place says: ${JSON.stringify(shown.text)} (at ${page.url})`);
  same(await truth(ctx), LOGGED_IN, 'platform session on the window page');
  await ctx.app.click('main button');
  await ctx.app.waitForUrl(`${ctx.partner}${JOURNEY_PAGE}`);
  same(await truth(ctx), LOGGED_IN, 'platform session back on the partner page');
  // Whatever the page reports (before it leaves, or once restored from the back-forward cache), it must
  // not be a success: the session lives.
  const reported = await result;
  check(!reported?.ok, `the page reported ${JSON.stringify(reported)}`);
  return reported ? `${reported.error?.code}` : 'no result';
}

/** @type {{ name: string, host: HostOptions, pending?: string, run(ctx: Ctx): Promise<string> }[]} */
export const JOURNEYS = [
  {
    name: "fallback 'redirect'",
    host: { windows: 'none' },
    async run(ctx) {
      await login(ctx);
      await expectLoggedOutAndBack(ctx, await clickLogout(ctx, '&fallback=redirect'));
      return 'logged out, back on the partner page';
    },
  },
  {
    name: "default 'popup'",
    host: { windows: 'none' },
    async run(ctx) {
      await login(ctx);
      await expectPopupBlocked(ctx, await clickLogout(ctx));
      return '5004, session kept (the user cannot log out here)';
    },
  },
  {
    name: "fallback 'redirect'",
    host: { windows: 'in-place' },
    async run(ctx) {
      await login(ctx);
      await expectLoggedOutAndBack(ctx, await clickLogout(ctx, '&fallback=redirect'));
      return 'logged out, back on the partner page';
    },
  },
  {
    name: "default 'popup'",
    host: { windows: 'in-place' },
    async run(ctx) {
      await login(ctx);
      const code = await expectNotAWindowAndBack(ctx);
      return `the window page says nothing was changed, Go back returns; session kept (${code})`;
    },
  },
  {
    name: "default 'popup'",
    host: { windows: 'child' },
    async run(ctx) {
      await login(ctx);
      const result = await clickLogout(ctx);
      check(windowOpens(ctx) === 1, `window.open reached the app ${windowOpens(ctx)} times`);
      await ctx.app.waitForEvent('the child view to close itself', (event) => event.event === 'close');
      await expectLoggedOutAndBack(ctx, result);
      return 'logged out in a child view, which closed itself';
    },
  },
  {
    name: "fallback 'redirect'",
    host: { windows: 'none', itp: true },
    async run(ctx) {
      await login(ctx);
      await expectLoggedOutAndBack(ctx, await clickLogout(ctx, '&fallback=redirect'));
      return 'logged out, back on the partner page';
    },
  },
  {
    name: "default 'popup'",
    host: { windows: 'child', itp: true },
    async run(ctx) {
      await login(ctx);
      const result = await clickLogout(ctx);
      await ctx.app.waitForEvent('the child view to close itself', (event) => event.event === 'close');
      await expectLoggedOutAndBack(ctx, result);
      return 'logged out in a child view, which closed itself';
    },
  },
  {
    name: 'the window page opened by the app itself',
    host: { windows: 'none' },
    async run(ctx) {
      await login(ctx);
      ctx.app.load(`${ctx.platform}${WINDOW_PAGE}?gateway=demo`);
      await ctx.app.waitForLoad(WINDOW_PAGE);
      const shown = await ctx.app.pageText();
      check(NOT_A_WINDOW.test(shown.text) && !WORKING.test(shown.text), `the window page says: ${JSON.stringify(shown.text)}`);
      same(await truth(ctx), LOGGED_IN, 'platform session on the window page');
      return 'says nothing was changed; session kept';
    },
  },
  {
    name: "fallback 'auto'",
    host: { windows: 'none' },
    async run(ctx) {
      await login(ctx);
      await expectLoggedOutAndBack(ctx, await clickLogout(ctx, '&fallback=auto'));
      return 'logged out by redirect, back on the partner page';
    },
  },
  {
    name: "fallback 'auto'",
    host: { windows: 'in-place' },
    async run(ctx) {
      await login(ctx);
      // WebKitGTK's user agent carries `Safari/`, so nothing marks this view as embedded: the window is tried
      // first. The app's in-place load of the window page overtakes the redirect 'auto' then starts, so the
      // user lands on the window page, which says nothing was changed: never stranded, never a false
      // success. An app that declares itself (config.embedded, or an app user agent) gets the redirect.
      const code = await expectNotAWindowAndBack(ctx, '&fallback=auto');
      return `the window page says nothing was changed, Go back returns; session kept (${code})`;
    },
  },
  {
    name: "fallback 'auto', config.embedded",
    host: { windows: 'in-place' },
    async run(ctx) {
      await login(ctx);
      await expectLoggedOutAndBack(ctx, await clickLogout(ctx, '&fallback=auto&embedded=1'));
      check(windowOpens(ctx) === 0, 'window.open reached the app although the page is embedded');
      return 'logged out, back on the partner page';
    },
  },
  {
    name: 'native bridge: the host answers',
    host: { windows: 'none', bridge: 'answer' },
    async run(ctx) {
      await login(ctx);
      const result = await clickLogout(ctx);
      check(result.ok, `logout failed: ${JSON.stringify(result.error)}`);
      same(result.value, { success: true, hadSession: true }, 'logout result (the host said hadSession: true)');
      check(ctx.app.events.some((event) => event.event === 'bridge' && event.method === 'logout'), 'the host was never asked');
      check(windowOpens(ctx) === 0, 'window.open was called although the host has a bridge');
      // The host ended the session in its own jar, as the native SDK would: the platform agrees.
      same(await truth(ctx), LOGGED_OUT, 'platform session after the host said it logged out');
      return 'the host app logged out (hadSession: true); no window, no redirect';
    },
  },
  {
    name: 'native bridge: the host never answers',
    host: { windows: 'none', bridge: 'silent' },
    async run(ctx) {
      await login(ctx);
      const startedAt = Date.now();
      const result = await clickLogout(ctx, `&timeoutMs=${SILENT_HOST_TIMEOUT_MS}`);
      check(!result.ok && result.error?.code === 5001, `expected 5001, got ${JSON.stringify(result)}`);
      check(Date.now() - startedAt >= SILENT_HOST_TIMEOUT_MS, 'rejected before the deadline');
      check(ctx.app.events.some((event) => event.event === 'bridge'), 'the host was never asked');
      same(await truth(ctx), LOGGED_IN, 'platform session after 5001');
      return `5001 at the ${SILENT_HOST_TIMEOUT_MS / 1000} s deadline, no false success`;
    },
  },
];

/** How a host option set reads in the results and the README table. */
export function describeHost({ windows = 'none', itp = false, bridge = 'none' }) {
  const handling = { none: 'no window handler (open gives null)', 'in-place': 'loads windows in place', child: 'a real child view' }[windows];
  const extras = [itp ? 'ITP on' : null, bridge === 'answer' ? 'scdk handler answers' : bridge === 'silent' ? 'scdk handler never answers' : null];
  return [handling, ...extras.filter(Boolean)].join(', ');
}
