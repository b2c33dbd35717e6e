// Where to find a Chromium for Playwright on this machine. CHROMIUM_PATH wins; then Debian's package;
// undefined means "use Playwright's own browser if it has one installed".
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string | undefined} */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}
