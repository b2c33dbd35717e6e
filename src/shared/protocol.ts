/**
 * The wire protocol between the SDK (host) and the platform's bridge page: one tagged union, versioned.
 * Every message carries `ns` and `v`; everything that arrives is `unknown` until a guard below accepts it.
 *
 * Flow: [window only] platform window --hello (to each trusted partner origin, no data)--> opener
 *       host --connect (window.postMessage, exact targetOrigin, transfers a MessagePort)--> bridge
 *       bridge --ready | refused (on the port)--> host
 *       host --request (on the port)--> bridge --response (on the port)--> host
 */
import { isErrorCode, type ErrorPayload } from './error-codes';
import { isRecord } from './is-record';
import { ScdkError } from './scdk-error';

export const PROTOCOL_NAMESPACE = 'scdk';
export const PROTOCOL_VERSION = 1;

/** Path of the bridge page on the platform origin. */
export const BRIDGE_PATH = '/scdk/v1/bridge';
/** Path of the platform window page (logout fallback); login pages report back the same way. */
export const WINDOW_PATH = '/scdk/v1/window';
/** The platform's login page; after a login it lands on a page that reports to the window's opener. */
export const LOGIN_PATH = '/login';
/** Where the redirect fallback POSTs the logout form. */
export const REDIRECT_LOGOUT_PATH = '/scdk/v1/logout-redirect';
/** Fragment key the platform adds to `returnTo` after a redirect logout. */
export const REDIRECT_RESULT_KEY = 'scdk_logout';
/** Diagnostics endpoint the SDK asks (without credentials) only after a handshake failed. */
export const STATUS_PATH = '/scdk/v1/status';

export const MESSAGE_TYPES = {
  hello: 'hello',
  connect: 'connect',
  ready: 'ready',
  refused: 'refused',
  request: 'request',
  response: 'response',
} as const;

/** Whether the bridge can reach the platform's cookies (third-party cookies allowed or storage access granted). */
export type StorageState = 'available' | 'blocked';

export type BridgeMethod = 'logout' | 'session';

interface Envelope<T extends string> {
  ns: typeof PROTOCOL_NAMESPACE;
  v: typeof PROTOCOL_VERSION;
  type: T;
}

/** A platform window announcing that its page is ready to be connected (carries nothing secret). */
export interface HelloMessage extends Envelope<'hello'> {
  gateway: string;
}
export interface ConnectMessage extends Envelope<'connect'> {
  gateway: string;
}
export interface ReadyMessage extends Envelope<'ready'> {
  storage: StorageState;
}
export interface RefusedMessage extends Envelope<'refused'> {
  error: ErrorPayload;
}
export interface RequestMessage extends Envelope<'request'> {
  id: number;
  method: BridgeMethod;
  token: string;
}
export type ResponseMessage = Envelope<'response'> & { id: number } & (
    | { ok: true; result: unknown }
    | { ok: false; error: ErrorPayload }
  );

export type BridgeMessage = HelloMessage | ConnectMessage | ReadyMessage | RefusedMessage | RequestMessage | ResponseMessage;

export interface LogoutResult {
  success: true;
  hadSession: boolean;
}

/** What the platform says about the session. `unknown` when the bridge cannot reach the platform's cookies. */
export type SessionInfo =
  | { state: 'connected'; broker: string; accountId: string; own: boolean }
  | { state: 'disconnected'; broker: string }
  | { state: 'unknown'; broker: string };

type Loose = Record<string, unknown>;

function isEnvelope(data: unknown, type: string): data is Loose {
  return isRecord(data) && data.ns === PROTOCOL_NAMESPACE && data.v === PROTOCOL_VERSION && data.type === type;
}

const MAX_STRING_LENGTH = 8192;
function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STRING_LENGTH;
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return isRecord(value) && isErrorCode(value.code) && typeof value.message === 'string' && typeof value.detail === 'string';
}

export function isHelloMessage(data: unknown): data is HelloMessage {
  return isEnvelope(data, MESSAGE_TYPES.hello) && isShortString(data.gateway);
}

export function isConnectMessage(data: unknown): data is ConnectMessage {
  return isEnvelope(data, MESSAGE_TYPES.connect) && isShortString(data.gateway);
}

export function isReadyMessage(data: unknown): data is ReadyMessage {
  return isEnvelope(data, MESSAGE_TYPES.ready) && (data.storage === 'available' || data.storage === 'blocked');
}

export function isRefusedMessage(data: unknown): data is RefusedMessage {
  return isEnvelope(data, MESSAGE_TYPES.refused) && isErrorPayload(data.error);
}

export function isRequestMessage(data: unknown): data is RequestMessage {
  return (
    isEnvelope(data, MESSAGE_TYPES.request) &&
    isRequestId(data.id) &&
    (data.method === 'logout' || data.method === 'session') &&
    isShortString(data.token)
  );
}

export function isResponseMessage(data: unknown): data is ResponseMessage {
  if (!isEnvelope(data, MESSAGE_TYPES.response) || !isRequestId(data.id)) return false;
  return data.ok === true ? 'result' in data : data.ok === false && isErrorPayload(data.error);
}

export function isLogoutResult(value: unknown): value is { hadSession: boolean } {
  return isRecord(value) && typeof value.hadSession === 'boolean';
}

export function isSessionInfo(value: unknown): value is SessionInfo {
  if (!isRecord(value) || typeof value.broker !== 'string') return false;
  if (value.state === 'connected') return isShortString(value.accountId) && typeof value.own === 'boolean';
  return value.state === 'disconnected' || value.state === 'unknown';
}

/** An answer from the platform that failed its shape check: 3023 for a logout's, 2000 for any other. */
export function badAnswer(code: 2000 | 3023): ScdkError {
  return new ScdkError(code, 'The platform answered in an unexpected shape.');
}

export function expectLogoutResult(result: unknown): { hadSession: boolean } {
  if (!isLogoutResult(result)) throw badAnswer(3023);
  return result;
}

export function expectSessionInfo(result: unknown): SessionInfo {
  if (!isSessionInfo(result)) throw badAnswer(2000);
  return result;
}

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'ns' | 'v'> : never;

/** Builds a message with the envelope filled in. */
export function message<T extends BridgeMessage>(body: WithoutEnvelope<T>): T {
  return { ns: PROTOCOL_NAMESPACE, v: PROTOCOL_VERSION, ...body } as unknown as T;
}
