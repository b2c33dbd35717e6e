// Launch switches for the suite's Chromium that change what it costs, not how pages behave.
import type { BrowserContext } from '@playwright/test';
import { OMNIBOX_WEBUI_FEATURES } from './chromium-cost.mjs';

/**
 * Playwright 1.65's own `--disable-features` list. Chromium reads only the last `--disable-features`
 * switch, so ours must repeat it; assertOwnFeaturesKept() fails the run if Playwright's list changes.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

const DISABLE_FEATURES = '--disable-features=';

/** The switches the suite adds to Playwright's. */
export const SUITE_CHROMIUM_ARGS = [`${DISABLE_FEATURES}${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_WEBUI_FEATURES].join(',')}`];

/**
 * Checks, on the launched browser's own command line (chrome://version, in a page of the persistent
 * context), that the `--disable-features` Chromium reads (the last) still holds every feature Playwright
 * disables: a Playwright upgrade that adds one must not have it silently turned back on by our switch.
 */
export async function assertOwnFeaturesKept(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://version');
  const commandLine = (await page.locator('#command_line').textContent()) ?? '';
  await page.close();
  const lists = commandLine
    .split(/\s+/)
    .filter((arg) => arg.startsWith(DISABLE_FEATURES))
    .map((arg) => arg.slice(DISABLE_FEATURES.length).split(','));
  if (!lists.length) throw new Error('e2e/chromium-args.ts: chrome://version shows no --disable-features; cannot check them.');
  const effective = new Set(lists.at(-1));
  const dropped = [...new Set(lists.flat())].filter((feature) => !effective.has(feature));
  if (dropped.length) {
    throw new Error(`e2e/chromium-args.ts: Playwright now also disables ${dropped.join(', ')}; add them to PLAYWRIGHT_DISABLED_FEATURES.`);
  }
}
