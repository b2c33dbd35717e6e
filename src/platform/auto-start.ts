import { startBridge, type BridgeConfig } from './start-bridge';

/** The id of the inert JSON element a bridge or window page renders its config into. */
export const CONFIG_ELEMENT_ID = 'scdk-bridge-config';

/**
 * Starts the bridge from the page's own config element, so a bridge page loads one script (cacheable
 * forever under a content hash) instead of the runtime plus a boot script. Pages without the element
 * (a platform calling `startBridge` itself) are left alone.
 */
export function autoStart(): void {
  if (typeof document === 'undefined') return;
  const element = document.getElementById(CONFIG_ELEMENT_ID);
  if (!element) return;
  let config: BridgeConfig;
  try {
    config = JSON.parse(element.textContent || '') as BridgeConfig;
  } catch {
    console.error(`[scdk bridge] #${CONFIG_ELEMENT_ID} is not valid JSON; the platform must render the gateway config into it.`);
    return;
  }
  startBridge(config);
}
