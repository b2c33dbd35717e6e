export { ScDK as default, ScDK as scDK } from './sdk/client';
export type { LogoutCallbacks, LogoutOptions, ScdkEvents, SwitchButtonOptions, SwitcherResult, SwitchOptions, SwitchResult, SwitchStep } from './sdk/types';
export type { GetToken } from './sdk/token-source';
export type { ScdkConfig, ScdkOptions, FallbackMode } from './sdk/config';
export type { Locale, SwitcherTexts } from './ui/texts';
export type { LogoutResult, SessionInfo, StorageState } from './shared/protocol';
export { ScdkError } from './shared/scdk-error';
export { ERROR_CODES, ERROR_NAMES } from './shared/error-codes';
export type { ErrorCode, ErrorPayload } from './shared/error-codes';
