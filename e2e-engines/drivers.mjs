// Drivers for the engines Playwright cannot drive: Debian's Firefox ESR through puppeteer-core over
// WebDriver BiDi, and WebKitGTK's MiniBrowser through selenium-webdriver and WebKitWebDriver (under Xvfb).
// Each one is launched with the defaults a user has: popup blocking on, the engine's own cookie policy.
// Clicks are real driver clicks. Each journey starts with no cookies or storage: a browser context of its own
// (Firefox, Chromium: one browser per configuration) or a fresh ephemeral WebKit session.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../demo/shared/free-port.mjs';
import { OMNIBOX_WEBUI_FEATURES } from '../e2e/chromium-cost.mjs';
import { findChromium } from '../scripts/chromium-path.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? findMiniBrowser();
/** How long closing a browser may take before its driver is killed: a hung browser must not stall the run. */
const QUIT_TIMEOUT_MS = 20_000;

/** Debian's libwebkit2gtk-4.1-0 puts MiniBrowser under the architecture's lib folder. */
function findMiniBrowser() {
  const candidates = ['/usr/lib', '/usr/libexec'].flatMap((base) => {
    try {
      return readdirSync(base).map((entry) => join(base, entry, 'webkit2gtk-4.1', 'MiniBrowser'));
    } catch {
      return [];
    }
  });
  return candidates.find((path) => existsSync(path)) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}
/** How long one driver step (a click, a navigation, a window appearing) may take on a loaded machine. */
const STEP_TIMEOUT_MS = 30_000;
const POLL_MS = 100;
const SWITCHER_HOST = 'scdk-account-switcher';

/**
 * Firefox prefs that puppeteer relaxes for automation, put back to Firefox's defaults, plus the JSON
 * viewer off so the platform's /api/session reads as plain text.
 */
const FIREFOX_USER_DEFAULTS = {
  'dom.disable_open_during_load': true, // the popup blocker
  'network.cookie.cookieBehavior': 5, // Total Cookie Protection (dynamic partitioning), Firefox's default
  'devtools.jsonview.enabled': false,
};

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy, or throws `what` after STEP_TIMEOUT_MS. */
async function until(what, check) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(POLL_MS);
  }
}

/** @typedef {{ open(url: string): Promise<void>, clickCss(css: string): Promise<void>, clickText(text: string): Promise<void>,
 *   clickInSwitcher(css: string): Promise<void>, waitInSwitcher(css: string): Promise<void>, pressEscape(): Promise<void>, windowCount(): Promise<number>,
 *   waitForUrl(part: string): Promise<void>, useNewestWindow(): Promise<void>, useFirstWindow(): Promise<void>, pageText(url: string): Promise<string>, quit(): Promise<void> }} Driver */

/**
 * An engine configuration, launched once for all its journeys: `newDriver()` gives each journey a fresh
 * driver with its own cookies and storage, `close()` ends the engine.
 * @typedef {{ newDriver(): Promise<Driver>, close(): Promise<void> }} Engine
 */

/**
 * Firefox ESR with its default Total Cookie Protection. One browser per configuration; each journey gets a
 * browser context of its own (a WebDriver BiDi user context: its own cookie jar and storage), so nothing
 * carries over between journeys and Firefox starts once (a start cost about 5 s of CPU per journey here).
 * @returns {Promise<Engine>}
 */
export async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: FIREFOX_USER_DEFAULTS,
  });
  return puppeteerEngine(browser, async () => async () => {}, () => {});
}

/** Chromium profile preference: 0 allows third-party cookies, 1 blocks them (no launch flag does this). */
const COOKIE_CONTROLS = { allowed: 0, blocked: 1, 'storage-access': 1 };

/**
 * Debian's Chromium in one cookie world: third-party cookies allowed, blocked, or blocked with Storage
 * Access granted for exactly the partner/platform pair. Puppeteer's `--disable-popup-blocking` is taken
 * out, so the popup blocker is on as for users. One browser per configuration, on a profile whose
 * preference sets the world; each journey gets a browser context of its own, which inherits that
 * preference (as the Playwright suite's contexts do), and, in the storage-access world, its own grant.
 * @param {{ world: 'allowed' | 'blocked' | 'storage-access', partner: string, platform: string }} options
 * @returns {Promise<Engine>}
 */
export async function launchChromium({ world, partner, platform }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'scdk-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: COOKIE_CONTROLS[world] } }));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      ignoreDefaultArgs: ['--disable-popup-blocking'],
      // Puppeteer merges this list into its own --disable-features (e2e/chromium-cost.mjs says what it saves).
      args: ['--no-sandbox', `--disable-features=${OMNIBOX_WEBUI_FEATURES.join(',')}`],
    });
  } catch (error) {
    removeProfile();
    throw error;
  }
  // The grant lives as long as the CDP session that made it: it is detached when the journey's context closes.
  const grant = async (context) => {
    if (world !== 'storage-access') return async () => {};
    const session = await browser.target().createCDPSession();
    const release = () => session.detach().catch(() => {});
    try {
      await session.send('Browser.setPermission', {
        permission: { name: 'storage-access' },
        setting: 'granted',
        origin: partner,
        embeddedOrigin: platform,
        browserContextId: context.id,
      });
    } catch (error) {
      await release();
      throw error;
    }
    return release;
  };
  return puppeteerEngine(browser, grant, removeProfile);
}

/**
 * One puppeteer browser for a configuration's journeys, a browser context per journey. `prepare(context)`
 * sets a new context up and resolves with what undoes it, run when the journey's driver quits.
 * @returns {Engine}
 */
function puppeteerEngine(browser, prepare, cleanup) {
  return {
    async newDriver() {
      const context = await browser.createBrowserContext();
      let undo = async () => {};
      try {
        undo = await prepare(context);
        return puppeteerDriver(context, await context.newPage(), undo);
      } catch (error) {
        await undo();
        await context.close().catch(() => {});
        throw error;
      }
    },
    async close() {
      try {
        await Promise.race([browser.close(), wait(QUIT_TIMEOUT_MS)]);
        browser.process()?.kill('SIGKILL');
      } finally {
        cleanup();
      }
    },
  };
}

/**
 * A journey's driver in its own browser context: windows are that context's pages, quitting closes it.
 * @returns {Driver}
 */
function puppeteerDriver(context, firstPage, undo) {
  let page = firstPage;
  // A query from the host each time: the switcher's host element appears only after the click.
  const findInSwitcher = (css) => until(`${css} in the switcher`, () => page.$(`${SWITCHER_HOST} >>> ${css}`));
  return {
    async open(url) {
      await page.goto(url);
    },
    async clickCss(css) {
      await page.locator(css).setTimeout(STEP_TIMEOUT_MS).click();
    },
    async clickText(text) {
      await page.locator(`::-p-text(${text})`).setTimeout(STEP_TIMEOUT_MS).click();
    },
    async clickInSwitcher(css) {
      await (await findInSwitcher(css)).click();
    },
    async waitInSwitcher(css) {
      await findInSwitcher(css);
    },
    async pressEscape() {
      await page.keyboard.press('Escape');
    },
    async waitForUrl(part) {
      await until(`a URL with ${part}`, () => page.url().includes(part));
    },
    async windowCount() {
      return (await context.pages()).length;
    },
    async useNewestWindow() {
      const pages = await until('a new window', async () => {
        const all = await context.pages();
        return all.length > 1 ? all : null;
      });
      page = pages[pages.length - 1];
    },
    async useFirstWindow() {
      page = firstPage;
    },
    async pageText(url) {
      await page.goto(url);
      return page.evaluate(() => document.body.textContent ?? '');
    },
    async quit() {
      await Promise.race([context.close(), wait(QUIT_TIMEOUT_MS)]);
      await undo();
    },
  };
}

/**
 * WebKitGTK's MiniBrowser, at its default cookie policy (no third-party cookies) or with Intelligent
 * Tracking Prevention on (`--enable-itp`, as in Safari). Needs a display: run under `xvfb-run -a`.
 * Each journey gets a session of its own (WebKitWebDriver starts a fresh ephemeral MiniBrowser for it).
 * @param {{ itp: boolean }} options
 * @returns {Promise<Engine>}
 */
export async function launchWebKit({ itp }) {
  return { newDriver: () => launchWebKitSession({ itp }), close: async () => {} };
}

/** @returns {Promise<Driver>} */
async function launchWebKitSession({ itp }) {
  const { Builder, By, Key } = await import('selenium-webdriver');
  const port = await freePort();
  const service = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { stdio: 'ignore' });
  const driverUrl = `http://127.0.0.1:${port}`;
  try {
    await until('WebKitWebDriver to listen', async () => {
      try {
        return (await fetch(`${driverUrl}/status`)).ok;
      } catch {
        return false;
      }
    });
    // Automation mode runs an ephemeral session: no cookies or storage carry over between launches.
    const args = ['--automation'];
    if (itp) args.push('--enable-itp');
    const driver = await new Builder()
      .usingServer(driverUrl)
      .withCapabilities({
        browserName: 'MiniBrowser',
        acceptInsecureCerts: true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args },
      })
      .build();
    await driver.manage().setTimeouts({ implicit: STEP_TIMEOUT_MS, pageLoad: STEP_TIMEOUT_MS });
    const first = await driver.getWindowHandle();
    const findInSwitcher = async (css) => {
      const host = await driver.findElement(By.css(SWITCHER_HOST));
      return until(`${css} in the switcher`, async () => {
        const found = await (await host.getShadowRoot()).findElements(By.css(css));
        return found[0] ?? null;
      });
    };
    return {
      async open(url) {
        await driver.get(url);
      },
      async clickCss(css) {
        await (await driver.findElement(By.css(css))).click();
      },
      async clickText(text) {
        await (await driver.findElement(By.xpath(`//button[contains(., ${JSON.stringify(text)})]`))).click();
      },
      async clickInSwitcher(css) {
        await (await findInSwitcher(css)).click();
      },
      async waitInSwitcher(css) {
        await findInSwitcher(css);
      },
      async pressEscape() {
        await driver.actions().sendKeys(Key.ESCAPE).perform();
      },
      async waitForUrl(part) {
        await until(`a URL with ${part}`, async () => (await driver.getCurrentUrl()).includes(part));
      },
      async windowCount() {
        return (await driver.getAllWindowHandles()).length;
      },
      async useNewestWindow() {
        const handles = await until('a new window', async () => {
          const all = await driver.getAllWindowHandles();
          return all.length > 1 ? all : null;
        });
        await driver.switchTo().window(handles.find((handle) => handle !== first));
      },
      async useFirstWindow() {
        await driver.switchTo().window(first);
      },
      async pageText(url) {
        await driver.get(url);
        return driver.findElement(By.css('body')).getText();
      },
      async quit() {
        try {
          await Promise.race([driver.quit(), wait(QUIT_TIMEOUT_MS)]);
        } finally {
          service.kill();
        }
      },
    };
  } catch (error) {
    service.kill();
    throw error;
  }
}

/** The engines this machine can run, and why not where it cannot. */
export function engineAvailability() {
  return {
    chromium: findChromium() ? null : 'no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)',
    firefox: existsSync(FIREFOX_PATH) ? null : `${FIREFOX_PATH} not found (apt-get install firefox-esr)`,
    webkit: existsSync(WEBKIT_DRIVER_PATH) && existsSync(MINIBROWSER_PATH)
      ? null
      : `${WEBKIT_DRIVER_PATH} or ${MINIBROWSER_PATH} not found (apt-get install webkit2gtk-driver)`,
  };
}
