/**
 * The native bridge's protocol, shared by its two halves: the detection in the SDK (src/sdk/native-bridge.ts,
 * synchronous, in the script tag) and the call and answer (src/ui/ask-native-host.ts, in the lazily loaded
 * UI chunk: the native path opens no window, so it may await the chunk). docs/native-bridge.md is the
 * protocol for host-app developers; keep the three in step. Types and constants only: the SDK reads no
 * constant here, so the chunk and the SDK share no module.
 */
import type { isErrorCode } from './error-codes';
import type { isRecord } from './is-record';
import type { ScdkError, timedOut } from './scdk-error';

/** Every message on the bridge carries this namespace and version. */
export const NATIVE_NAMESPACE = 'scdk-native';
export const NATIVE_VERSION = 1;
/** What a host answers for a method it does not implement. */
export const UNSUPPORTED = 'unsupported';

export interface NativeLogoutResult {
  hadSession: boolean;
}
/** `switched: false` when the user logged out but chose no other account. */
export interface NativeSwitchResult {
  switched: boolean;
}
export interface NativeResults {
  logout: NativeLogoutResult;
  switchAccount: NativeSwitchResult;
}
export type NativeMethod = keyof NativeResults;

/** `config.nativeBridge`: what a page's host app hands it directly. */
export interface NativeBridgeConfig {
  logout(): Promise<NativeLogoutResult>;
  switchAccount?(): Promise<NativeSwitchResult>;
}

/** page -> host, as a JSON string (Android's WebMessage carries strings). */
export interface NativeRequest {
  ns: typeof NATIVE_NAMESPACE;
  v: typeof NATIVE_VERSION;
  id: string;
  method: NativeMethod;
}
/** host -> page: the result, or an error whose code is one of scdk's (or 'unsupported'). */
export type NativeResponse =
  | { ns: typeof NATIVE_NAMESPACE; v: number; id: string; ok: true; result: unknown }
  | { ns: typeof NATIVE_NAMESPACE; v: number; id: string; ok: false; error: { code: unknown; detail?: unknown } };

/** Android's `addWebMessageListener` object. */
export interface AndroidListener {
  postMessage(data: string): void;
  addEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
}

/** A host the SDK found on the page, and the object to speak to there. */
export type NativeHost =
  | { via: 'config'; target: NativeBridgeConfig }
  | { via: 'webkit'; target: { postMessage(body: unknown): unknown } }
  | { via: 'android'; target: AndroidListener };

/**
 * The SDK's helpers, handed to the UI chunk's half at each call. The chunk shares no module with the
 * SDK (in the ESM build a shared module would become a third file), and bundles no ScdkError of its own:
 * the SDK's class must be the one partners test with instanceof.
 */
export interface SdkHelpers {
  ScdkError: typeof ScdkError;
  isErrorCode: typeof isErrorCode;
  timedOut: typeof timedOut;
  isRecord: typeof isRecord;
}
