// The types of `scdk/platform` (package.json `exports`, built into dist/types/platform.d.ts). That file,
// dist/scdk-platform.js, is a script for the platform's bridge and window pages: loaded as a module it
// exports nothing (it starts itself from the page's config element), so its types are the config's only.
export type { BridgeConfig } from './start-bridge';
export type { SessionCookie } from './session-cookie';
