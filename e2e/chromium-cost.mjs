// Chromium features that change what a test costs, not how pages behave: shared by the Playwright suite
// (e2e/chromium-args.ts) and the engine journeys' Chromium (e2e-engines/drivers.mjs).

/**
 * Chromium 156 builds its address bar's popup as a WebUI page (chrome://omnibox-popup.top-chrome/) for every
 * new window, so every browser context started a renderer process for it: measured here, 0.38 s of CPU a
 * context in that renderer and more in the browser process, about 45 % of what an empty test costs. A
 * headless run never opens the address bar; pages, frames, cookies and windows are the same without it.
 */
export const OMNIBOX_WEBUI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];
