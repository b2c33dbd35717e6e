// The user journeys every engine must pass, each checked against the platform's own truth
// (/api/session, read top-level on the platform). "Success while the session lives" is always a failure.
// A journey returns a short note for the support table (which route the engine took), or throws.

/** @typedef {import('./drivers.mjs').Driver} Driver */
/** @typedef {{ driver: Driver, config: string, partner: string, platform: string, nextReport(kind: string): Promise<any>, url(mode: string, extra?: string): string }} Ctx */

const LOGGED_OUT = { loggedIn: false, accountId: null };
/**
 * The configurations whose hidden iframe reaches the platform's cookies (third-party cookies allowed, or a
 * Storage Access grant): there getSession() must name the account and the first click must open no window.
 * A grant that silently stopped applying would otherwise pass as the blocked world's honest "unknown".
 */
const IFRAME_REACHES_COOKIES = new Set(['chromium-allowed', 'chromium-storage-access']);

async function truth(ctx) {
  const text = await ctx.driver.pageText(`${ctx.platform}/api/session`);
  return JSON.parse(text);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, expected, what) {
  check(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function login(ctx, accountId = 'AB1234') {
  await ctx.driver.open(`${ctx.platform}/login?gateway=demo`);
  await ctx.driver.clickText(accountId);
  await ctx.driver.waitForUrl('/login/done');
  same(await truth(ctx), { loggedIn: true, accountId }, 'platform session after login');
}

/** Opens the journey page and waits until it says it is ready for a click. */
async function openJourney(ctx, mode, extra = '') {
  const ready = ctx.nextReport('ready');
  await ctx.driver.open(ctx.url(mode, extra));
  await ready;
}

/** Clicks the page's button (a real driver click) and waits for the call's result. */
async function clickForResult(ctx) {
  const result = ctx.nextReport('result');
  await ctx.driver.clickCss('#go:not([disabled])');
  return result;
}

/** A logout result: success and the session gone, or one of `allowedErrors` and the session untouched. */
async function expectLogoutOutcome(ctx, result, allowedErrors, accountId = 'AB1234') {
  const session = await truth(ctx);
  if (result.ok) {
    same(result.value, { success: true, hadSession: true }, 'logout result');
    same(session, LOGGED_OUT, 'platform session after a reported logout');
    return 'logged out';
  }
  check(allowedErrors.includes(result.error?.code), `logout failed: ${JSON.stringify(result.error)}`);
  same(session, { loggedIn: true, accountId }, `platform session after error ${result.error.code}`);
  return `${result.error.code} ${result.error.message}, session kept`;
}

/** @type {{ name: string, run(ctx: Ctx): Promise<string> }[]} */
export const JOURNEYS = [
  {
    name: 'login on the platform',
    async run(ctx) {
      await login(ctx);
      return 'logged in';
    },
  },
  {
    name: 'getSession()',
    async run(ctx) {
      await login(ctx);
      const result = ctx.nextReport('result');
      await ctx.driver.open(ctx.url('session'));
      const { ok, value, error } = await result;
      check(ok, `getSession failed: ${JSON.stringify(error)}`);
      // Logged in: "disconnected" would be a lie; "unknown" is honest where the iframe cannot see cookies.
      check(value.state === 'connected' || value.state === 'unknown', `getSession said ${value.state} while logged in`);
      if (IFRAME_REACHES_COOKIES.has(ctx.config)) check(value.state === 'connected', `getSession said ${value.state} where the iframe reaches the cookies`);
      if (value.state === 'connected') check(/^AB(1234|••34)$/.test(value.accountId), `account ${value.accountId}`);
      return value.state;
    },
  },
  {
    // A fresh browser context (or WebKit session) for each journey: nothing is remembered, so this is the partner's first click.
    name: 'click: brokerLogout()',
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'logout');
      const result = await clickForResult(ctx);
      const note = await expectLogoutOutcome(ctx, result, []);
      // Issue 22 (1b): Chromium keeps a click's activation across awaits, so the frame is asked first and,
      // where it reaches the cookies, no window flashes. WebKit opens the window at once; Firefox after the
      // handshake. Each must still log out.
      if (IFRAME_REACHES_COOKIES.has(ctx.config)) check(result.opens === 0, `the first click opened ${result.opens} window(s) where the iframe reaches the cookies`);
      return `${note}, ${result.opens ? 'in a window' : 'no window'}`;
    },
  },
  {
    name: 'click: brokerLogout(), preload',
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'logout', '&preload=1');
      return expectLogoutOutcome(ctx, await clickForResult(ctx), []);
    },
  },
  {
    name: 'no click: brokerLogout()',
    async run(ctx) {
      await login(ctx);
      const result = ctx.nextReport('result');
      await ctx.driver.open(ctx.url('auto-logout'));
      // Without a click no window may open: the iframe route, or a clear 5004.
      return expectLogoutOutcome(ctx, await result, [5004]);
    },
  },
  {
    name: "click: fallback 'none'",
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'logout', '&fallback=none');
      return expectLogoutOutcome(ctx, await clickForResult(ctx), [5003]);
    },
  },
  {
    name: "click: fallback 'redirect' and back",
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'logout', '&fallback=redirect');
      return expectLogoutOutcome(ctx, await clickForResult(ctx), []);
    },
  },
  {
    name: 'switch AB1234 → YZ5678 in the modal',
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'switcher');
      const result = ctx.nextReport('result');
      await ctx.driver.clickCss('#go:not([disabled])');
      await ctx.driver.clickInSwitcher('[data-phase="ready"] button[data-primary]');
      await ctx.driver.useNewestWindow();
      await ctx.driver.waitForUrl('/login?');
      await ctx.driver.clickText('YZ5678');
      await ctx.driver.useFirstWindow();
      await ctx.driver.clickInSwitcher('[data-phase="done"] button[data-primary]');
      const { ok, value, error } = await result;
      check(ok, `switch failed: ${JSON.stringify(error)}`);
      check(value.status === 'switched', `switcher resolved ${JSON.stringify(value)}`);
      same(await truth(ctx), { loggedIn: true, accountId: 'YZ5678' }, 'platform session after the switch');
      return 'switched';
    },
  },
  {
    name: 'Escape on the modal',
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'switcher');
      const result = ctx.nextReport('result');
      await ctx.driver.clickCss('#go:not([disabled])');
      await ctx.driver.waitInSwitcher('[role="dialog"][data-phase="ready"]');
      await ctx.driver.pressEscape();
      const { ok, error } = await result;
      check(!ok && error.code === 1010, `Escape gave ${JSON.stringify(error)}`);
      same(await truth(ctx), { loggedIn: true, accountId: 'AB1234' }, 'platform session after Escape');
      return '1010, session kept';
    },
  },
  {
    name: 'a second logout after a popup logout',
    async run(ctx) {
      await login(ctx);
      await openJourney(ctx, 'logout');
      await expectLogoutOutcome(ctx, await clickForResult(ctx), []);
      await login(ctx);
      await openJourney(ctx, 'logout');
      return expectLogoutOutcome(ctx, await clickForResult(ctx), []);
    },
  },
];
