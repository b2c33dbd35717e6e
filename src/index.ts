export { ScDK as default, ScDK as scDK } from './sdk/scdk';
export type { LogoutCallbacks, LogoutOptions, ScdkEvents, SwitchResult, SwitchStep } from './sdk/scdk';
export type { ScdkConfig, ScdkOptions, FallbackMode } from './sdk/options';
export type { SwitcherResult } from './ui/switcher-state';
export type { Locale, SwitcherTexts } from './ui/texts';
export type { LogoutResult, SessionInfo, StorageState } from './shared/protocol';
export { ScdkError } from './shared/scdk-error';
export { ERROR_CODES, ERROR_NAMES } from './shared/error-codes';
export type { ErrorCode, ErrorPayload } from './shared/error-codes';
