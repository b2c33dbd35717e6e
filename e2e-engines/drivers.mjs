// Drivers for the engines Playwright cannot drive: Debian's Firefox ESR through puppeteer-core over
// WebDriver BiDi, and WebKitGTK's MiniBrowser through selenium-webdriver and WebKitWebDriver (under Xvfb).
// Each one is launched with the defaults a user has: popup blocking on, the engine's own cookie policy.
// Clicks are real driver clicks. One fresh browser (profile) per journey, so no cookie or storage leaks across.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../demo/shared/free-port.mjs';
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
 * Firefox ESR with its default Total Cookie Protection.
 * @returns {Promise<Driver>}
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
  return puppeteerDriver(browser, await browser.newPage());
}

/** Chromium profile preference: 0 allows third-party cookies, 1 blocks them (no launch flag does this). */
const COOKIE_CONTROLS = { allowed: 0, blocked: 1, 'storage-access': 1 };

/**
 * Debian's Chromium in one cookie world: third-party cookies allowed, blocked, or blocked with Storage
 * Access granted for exactly the partner/platform pair. Puppeteer's `--disable-popup-blocking` is taken
 * out, so the popup blocker is on as for users.
 * @param {{ world: 'allowed' | 'blocked' | 'storage-access', partner: string, platform: string }} options
 * @returns {Promise<Driver>}
 */
export async function launchChromium({ world, partner, platform }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'scdk-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: COOKIE_CONTROLS[world] } }));
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      ignoreDefaultArgs: ['--disable-popup-blocking'],
      args: ['--no-sandbox'],
    });
    if (world === 'storage-access') {
      const session = await browser.target().createCDPSession();
      await session.send('Browser.setPermission', {
        permission: { name: 'storage-access' },
        setting: 'granted',
        origin: partner,
        embeddedOrigin: platform,
      });
    }
  } catch (error) {
    await browser?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const [page] = await browser.pages();
  const driver = puppeteerDriver(browser, page ?? (await browser.newPage()));
  return {
    ...driver,
    async quit() {
      try {
        await driver.quit();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** @returns {Driver} */
function puppeteerDriver(browser, firstPage) {
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
      return (await browser.pages()).length;
    },
    async useNewestWindow() {
      const pages = await until('a new window', async () => {
        const all = await browser.pages();
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
      await Promise.race([browser.close(), wait(QUIT_TIMEOUT_MS)]);
      browser.process()?.kill('SIGKILL');
    },
  };
}

/**
 * WebKitGTK's MiniBrowser, at its default cookie policy (no third-party cookies) or with Intelligent
 * Tracking Prevention on (`--enable-itp`, as in Safari). Needs a display: run under `xvfb-run -a`.
 * @param {{ itp: boolean }} options
 * @returns {Promise<Driver>}
 */
export async function launchWebKit({ itp }) {
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
