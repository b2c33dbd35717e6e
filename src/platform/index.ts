// Entry of dist/scdk-platform.js, the runtime a platform serves on its bridge page (global `scdkPlatform`).
export { startBridge } from './start-bridge';
export type { BridgeConfig } from './start-bridge';
