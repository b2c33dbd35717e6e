// Entry of dist/scdk-platform.js, the runtime a platform serves on its bridge and window pages
// (global `scdkPlatform`). It starts itself when the page carries a #scdk-bridge-config element.
import { autoStart } from './auto-start';

export { startBridge } from './start-bridge';
export type { BridgeConfig } from './start-bridge';

autoStart();
