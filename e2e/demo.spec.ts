import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { ERROR_CODES, ERROR_NAMES, type ErrorCode } from '../src/shared/error-codes';
import { auditPage, describeViolations, SIZES } from './audit';
import { expect, iframeReachesCookies, test, type CookieWorld } from './fixtures';
import { loginOnPlatform, resetFaults } from './helpers';
import { PARTNER } from './origins';

// The partner demo that `npm start` serves (demo/partner/public) as a visitor sees it: it fits a phone,
// each result shows where the buttons are, the embedded switch button survives the other demos and wears
// the page's colours, and its settings panel reaches every error code in the table.

const [PHONE, DESKTOP] = SIZES;
/** The page's own accent (demo/partner/public/styles.css), which it hands to scdk as --scdk-accent. */
const PAGE_PURPLE = 'rgb(91, 47, 193)';

test.afterEach(async ({ request }) => resetFaults(request));

/** The demo page (with `query`, its settings in the address bar), once its switch button is mounted. */
async function openDemo(page: Page, query = ''): Promise<void> {
  await page.goto(`${PARTNER}/${query}`);
  await expect(switchButton(page)).toBeVisible();
}

function switchButton(page: Page) {
  return page.locator('#switch-slot scdk-switch-button').getByRole('button');
}

/** The status line beside the buttons, where the newest result shows (and is announced). */
function statusLine(page: Page) {
  return page.locator('#status[role="status"]');
}

/** The first live region (in document order) that shows `text`: where a screen reader and the eye get the result. */
function liveResult(page: Page, text: string | RegExp) {
  return page.locator('[aria-live]').filter({ hasText: text }).first();
}

/**
 * The status line's text, read in the page. A locator would wait for the navigation the 5006 path leaves
 * pending for good (the form the page's CSP refused), and never look.
 */
function statusText(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.querySelector('#status[role="status"]')?.textContent);
}

function press(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true }).click();
}

/** Opens the account switcher and waits until it shows what the platform says (its buttons stop moving). */
async function openSwitcher(page: Page) {
  await press(page, 'Open account switcher');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAttribute('data-phase', 'ready');
  return dialog;
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: window.innerWidth }));
  expect(widths.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(widths.client);
}

// ---- the settings panel ----

interface DemoSettings {
  fallback?: 'popup' | 'redirect' | 'none' | 'auto';
  embedded?: 'detect' | 'yes';
  locale?: 'en' | 'hi';
  formAction?: 'any' | 'self';
  timeoutMs?: number;
  mistake?: 'unknown-gateway' | 'other-partner' | 'bad-signature' | 'not-a-jwt' | 'config-typo' | 'bad-ui-url';
  bridge?: 'ok' | '404' | '500' | 'hang' | 'silent' | 'down';
  api?: 'ok' | '500' | 'hang';
  frameAncestors?: 'on' | 'off';
}

/** Each setting's field, by the label a visitor reads. */
const SETTING_LABELS: Record<keyof DemoSettings, string> = {
  fallback: 'Fallback',
  embedded: 'In an app',
  locale: 'Language',
  formAction: "This page's CSP",
  timeoutMs: 'Timeout in ms',
  mistake: 'Make the buttons use',
  bridge: 'Bridge page',
  api: 'Platform API',
  frameAncestors: 'frame-ancestors header',
};

async function openSettings(page: Page): Promise<void> {
  if ((await page.locator('#settings[open]').count()) === 0) await page.locator('#settings > summary').click();
  await expect(page.getByRole('button', { name: 'Apply settings' })).toBeVisible();
}

/**
 * Sets the fields the way a visitor does and presses "Apply settings". A CSP change and a wrong uiUrl
 * reload the page (both come with a page load); otherwise the status line confirms.
 */
async function applySettings(page: Page, settings: DemoSettings): Promise<void> {
  await openSettings(page);
  for (const [name, value] of Object.entries(settings) as [keyof DemoSettings, string | number][]) {
    const field = page.getByLabel(SETTING_LABELS[name]);
    if (name === 'timeoutMs') await field.fill(String(value));
    else await field.selectOption(String(value));
  }
  const reloads = settings.formAction === 'self' || settings.mistake === 'bad-ui-url';
  if (reloads) {
    await Promise.all([page.waitForEvent('load'), press(page, 'Apply settings')]);
  } else {
    await press(page, 'Apply settings');
    await expect(statusLine(page)).toContainText('Settings: applied');
    await expect(switchButton(page)).toBeVisible();
  }
}

/** Presses a button that opens a platform window, and returns that window. */
async function pressForWindow(page: Page, context: BrowserContext, name: string): Promise<Page> {
  const [platformWindow] = await Promise.all([context.waitForEvent('page'), press(page, name)]);
  return platformWindow;
}

// ---- every error code from the demo's own controls ----

const EVERY_WORLD: readonly CookieWorld[] = ['allowed', 'blocked', 'storage-access'];
/** Where the hidden iframe cannot reach the platform's cookies; elsewhere the iframe simply logs out. */
const BLOCKED_ONLY: readonly CookieWorld[] = ['blocked'];

/** A path whose code is settled before the cookie world can matter, and why: it runs once (@any-world). */
interface AnyWorld {
  why: string;
}
/** Settled by the SDK in the page (options, token, UI file, config), before any frame or window. */
const IN_THE_PAGE: AnyWorld = { why: 'the SDK settles it in the page, before any frame or window' };
/**
 * The bridge refuses the connect, never loads or is down, so it never says whether it reaches the cookies
 * (the partner page cannot tell otherwise; the status endpoint is asked without credentials).
 */
const BRIDGE_NEVER_READY: AnyWorld = { why: 'the bridge never gets to say whether it reaches the cookies' };
/** switchAccount() logs out and lets the user pick in the platform's own window, first party in every world (flows/switch.ts). */
const IN_THE_WINDOW: AnyWorld = { why: 'the switch happens in a first-party platform window in every world' };

interface DemoPath {
  code: ErrorCode;
  /** The cookie worlds (Playwright projects) that run this path: where the code happens, or any world and why. */
  worlds: readonly CookieWorld[] | AnyWorld;
  /** The status line's title for the call that fails. */
  title: string;
  /** What a visitor does, as the page's "How to see each error code" list says. */
  reach(page: Page, context: BrowserContext): Promise<void>;
}

/** The common path: set these in the panel, apply, then press this button. */
function settingsThen(settings: DemoSettings, button: string): DemoPath['reach'] {
  return async (page) => {
    await applySettings(page, settings);
    await press(page, button);
  };
}

const DEMO_PATHS: DemoPath[] = [
  {
    code: 1010, worlds: EVERY_WORLD, title: 'Account switcher',
    reach: async (page) => {
      const dialog = await openSwitcher(page);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    },
  },
  {
    code: 1011, worlds: IN_THE_WINDOW, title: 'Switch account without the modal',
    reach: async (page, context) => {
      await applySettings(page, { api: 'hang', timeoutMs: 30_000 });
      const loggingOut = context.waitForEvent('request', (request) => request.url().endsWith('/scdk/v1/logout'));
      const platformWindow = await pressForWindow(page, context, 'Switch account without the modal');
      await loggingOut; // the window asked the platform to log out, which never answers: the user gives up
      await platformWindow.close();
    },
  },
  {
    code: 1012, worlds: IN_THE_WINDOW, title: 'Switch account without the modal',
    reach: async (page, context) => {
      const platformWindow = await pressForWindow(page, context, 'Switch account without the modal');
      await platformWindow.waitForURL(/\/login\?/); // logged out; the platform's login page asks for an account
      await platformWindow.close();
    },
  },
  { code: 2000, worlds: EVERY_WORLD, title: 'Check session', reach: settingsThen({ api: '500' }, 'Check session') },
  { code: 3023, worlds: EVERY_WORLD, title: 'Log out from broker', reach: settingsThen({ api: '500' }, 'Log out from broker') },
  { code: 4000, worlds: IN_THE_PAGE, title: 'Log out from broker', reach: settingsThen({ mistake: 'config-typo' }, 'Log out from broker') },
  { code: 4001, worlds: BRIDGE_NEVER_READY, title: 'Check session', reach: settingsThen({ mistake: 'unknown-gateway' }, 'Check session') },
  { code: 4002, worlds: EVERY_WORLD, title: 'Log out from broker', reach: settingsThen({ mistake: 'bad-signature' }, 'Log out from broker') },
  { code: 4003, worlds: IN_THE_PAGE, title: 'Log out with an expired token', reach: (page) => press(page, 'Log out with an expired token') },
  { code: 4004, worlds: IN_THE_PAGE, title: 'Log out as guest', reach: (page) => press(page, 'Log out as guest') },
  { code: 4005, worlds: BRIDGE_NEVER_READY, title: 'Check session', reach: settingsThen({ mistake: 'other-partner' }, 'Check session') },
  { code: 5001, worlds: BRIDGE_NEVER_READY, title: 'Check session', reach: settingsThen({ bridge: 'hang', timeoutMs: 1000 }, 'Check session') },
  { code: 5002, worlds: BRIDGE_NEVER_READY, title: 'Check session', reach: settingsThen({ bridge: 'down' }, 'Check session') },
  { code: 5003, worlds: BLOCKED_ONLY, title: 'Log out from broker', reach: settingsThen({ fallback: 'none' }, 'Log out from broker') },
  { code: 5004, worlds: IN_THE_PAGE, title: 'Switch account without the modal', reach: settingsThen({ fallback: 'none' }, 'Switch account without the modal') },
  { code: 5005, worlds: EVERY_WORLD, title: 'Log out, then destroy()', reach: (page) => press(page, 'Log out, then destroy()') },
  {
    code: 5006, worlds: BLOCKED_ONLY, title: 'Log out from broker',
    reach: async (page) => {
      await applySettings(page, { fallback: 'redirect', formAction: 'self', timeoutMs: 1000 });
      await expect(switchButton(page)).toBeVisible();
      // The page's CSP refuses the form to the platform, so the navigation Playwright would wait for never comes.
      await page.getByRole('button', { name: 'Log out from broker', exact: true }).click({ noWaitAfter: true });
    },
  },
  {
    code: 5007, worlds: IN_THE_PAGE, title: 'Account switcher',
    reach: async (page) => {
      await applySettings(page, { mistake: 'bad-ui-url' });
      // The page loads its UI file once, for every instance: the switch button reports it first.
      await expect(statusLine(page)).toHaveText('Switch button: error 5007 ui_unavailable');
      await press(page, 'Open account switcher');
    },
  },
  { code: 5008, worlds: IN_THE_PAGE, title: 'Switch account without the modal', reach: settingsThen({ embedded: 'yes' }, 'Switch account without the modal') },
];

// Any world: a check of the demo's tables and of its static list.
test("the demo's paths cover every error code, each in a cookie world, and the page's list names each", { tag: '@any-world' }, async ({ page }) => {
  const codes = Object.values(ERROR_CODES).sort();
  expect(DEMO_PATHS.map((path) => path.code).sort(), 'one demo path per code in ERROR_CODES').toEqual(codes);
  for (const { code, worlds } of DEMO_PATHS) if (Array.isArray(worlds)) expect(worlds.length, `${code} runs in no cookie world`).toBeGreaterThan(0);
  await openDemo(page);
  const listed = await page.locator('#how-to > li > code:first-child').allTextContents();
  expect(listed).toEqual(codes.map((code) => `${code} ${ERROR_NAMES[code]}`));
});

for (const path of DEMO_PATHS) {
  const name = `${path.code} ${ERROR_NAMES[path.code]}`;
  const { worlds } = path;
  const where = !Array.isArray(worlds) ? 'any cookie world' : worlds.length === 3 ? 'every cookie world' : worlds.join(', ');
  // Any world, where the table says so, with its reason (IN_THE_PAGE, BRIDGE_NEVER_READY, IN_THE_WINDOW); blocked world
  // only where the code happens only where the iframe cannot reach the cookies (BLOCKED_ONLY).
  const details = !Array.isArray(worlds)
    ? { tag: '@any-world', annotation: { type: 'any-world', description: (worlds as AnyWorld).why } }
    : worlds === BLOCKED_ONLY ? { tag: '@blocked-only' } : {};
  test(`the demo's own controls show ${name} in the status line (${where})`, details, async ({ page, context }) => {
    await openDemo(page);
    await path.reach(page, context);
    await expect.poll(() => statusText(page), { message: 'the status line' }).toBe(`${path.title}: error ${name}`);
  });
}

// ---- layout, theming, accessibility ----

test('at 360 px the demo page does not scroll sideways, with the settings open too', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openDemo(page);
  expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
  await noSidewaysScroll(page);
  await openSettings(page);
  await noSidewaysScroll(page);
});

test('at 1280×800 the result of "Log out from broker" shows inside the viewport', async ({ page, context }) => {
  await page.setViewportSize(DESKTOP);
  await loginOnPlatform(context, 'AB1234');
  await openDemo(page);
  await page.getByRole('button', { name: 'Log out from broker' }).click();
  // Without third-party cookies the click opens a platform window that logs out and closes itself.
  const result = liveResult(page, 'Log out from broker: ok');
  await expect(result).toBeVisible();
  const box = await result.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(DESKTOP.height);
});

test('the switch button stays mounted through the guest and expired-token demos', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Log out as guest' }).click();
  await expect(liveResult(page, 'Log out as guest: error 4004')).toBeVisible();
  await expect(switchButton(page)).toBeVisible();
  await page.getByRole('button', { name: 'Log out with an expired token' }).click();
  await expect(liveResult(page, 'Log out with an expired token: error 4003')).toBeVisible();
  await expect(switchButton(page)).toBeVisible();
  await expect(switchButton(page)).toContainText('Switch account');
});

// Any world: settings, locale and their storage.
test('applied settings make a new instance: the switch button stays, speaks Hindi, and the settings survive a reload', { tag: '@any-world' }, async ({ page }) => {
  await openDemo(page);
  await applySettings(page, { locale: 'hi', fallback: 'none' });
  await expect(switchButton(page)).toContainText('खाता बदलें');
  expect(new URL(page.url()).search).toBe('?fallback=none&locale=hi');
  await page.reload();
  await expect(switchButton(page)).toContainText('खाता बदलें');
  await expect(page.getByLabel('Fallback')).toHaveValue('none');
  // The new instance has the new config: fallback 'none' forbids the switch's window.
  await press(page, 'Switch account without the modal');
  await expect(statusLine(page)).toHaveText('Switch account without the modal: error 5004 popup_blocked');
});

/** The contrast ratio of two computed `rgb(...)` colours (WCAG 2 relative luminance). */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+/g) ?? []).slice(0, 3).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// Any world: colours and contrast.
test("the switch button and the switcher wear the page's purple (--scdk-accent), with AA contrast", { tag: '@any-world' }, async ({ page }) => {
  await openDemo(page);
  const colours = (locator: ReturnType<typeof switchButton>) =>
    locator.evaluate((element) => ({ background: getComputedStyle(element).backgroundColor, text: getComputedStyle(element).color }));
  const button = await colours(switchButton(page));
  expect(button.background).toBe(PAGE_PURPLE);
  expect(contrast(button.background, button.text)).toBeGreaterThanOrEqual(4.5);
  // The switcher's primary action, once it knows what the platform says.
  const primary = (await openSwitcher(page)).getByRole('button', { name: /Log out|Switch account/ }).first();
  const modal = await colours(primary);
  expect(modal.background).toBe(PAGE_PURPLE);
  expect(contrast(modal.background, modal.text)).toBeGreaterThanOrEqual(4.5);
});

test('axe finds nothing on the demo page with the settings panel open, at both sizes', async ({ page }) => {
  test.setTimeout(90_000); // two full-page axe runs: many seconds each on a loaded 2-core machine
  await openDemo(page);
  await openSettings(page);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const { violations } = await auditPage(page);
    expect.soft(violations.map((v) => v.id), `axe violations at ${size.name} size:\n${describeViolations(violations)}`).toEqual([]);
  }
});

/** Screenshots of the page as it is now at both sizes, attached to the report; checks no sideways scroll at each. */
async function picture(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const path = testInfo.outputPath(`demo-${state}-${size.width}.png`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    await testInfo.attach(`demo-${state}-${size.width}px`, { path, contentType: 'image/png' });
    await noSidewaysScroll(page);
  }
}

// Allowed world only: once, in the world where the page sees the connected account.
test("screenshots of the demo's main states at 360 and 1280 px", { tag: '@allowed-only' }, async ({ page, context }, testInfo) => {
  test.setTimeout(90_000); // twelve full-page screenshots
  await openDemo(page);
  await picture(page, testInfo, 'initial');
  await openSettings(page);
  await picture(page, testInfo, 'settings-open');
  await page.locator('#settings > summary').click();

  await loginOnPlatform(context, 'AB1234');
  await openDemo(page);
  await expect(switchButton(page)).toContainText('AB••34');
  await picture(page, testInfo, 'connected');

  const dialog = await openSwitcher(page);
  await picture(page, testInfo, 'modal-open');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(statusLine(page)).toHaveText('Account switcher: error 1010 user_cancelled');
  await picture(page, testInfo, 'error-shown');

  await press(page, 'Log out from broker');
  await expect(statusLine(page)).toContainText('Log out from broker: ok');
  await expect(switchButton(page)).not.toContainText('AB••34');
  await picture(page, testInfo, 'after-logout');
});

test("the demo's linked login makes the session the demo user's own (full id, own: true)", async ({ page, context, cookieWorld }) => {
  await openDemo(page);
  const [platformTab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: /Log in as user-1's session/ }).click(),
  ]);
  await platformTab.getByRole('button', { name: /AB1234/ }).click();
  await platformTab.waitForURL(/\/login\/done/);
  await platformTab.close();
  await page.getByRole('button', { name: 'Check session' }).click();
  // Without third-party cookies the bridge cannot see any session: the SDK says 'unknown', never a guess.
  const expected = iframeReachesCookies(cookieWorld) ? '"accountId":"AB1234","own":true' : '"state":"unknown"';
  await expect(liveResult(page, 'Check session: ok')).toContainText(expected);
});
