import { ScdkError, badOption } from '../shared/scdk-error';
import { DEFAULT_TIMEOUT_MS } from './transport/timeouts';
import { resolvePlatformOrigin } from './platforms';
import { refuseUnknownKeys } from './unknown-keys';
import type { Locale, SwitcherTexts } from '../ui/texts';
import { createDebugLog, type DebugLog } from '../shared/debug-log';
import type { GetToken } from './token-source';
import { isRecord } from '../shared/is-record';
import { isNativeBridgeConfig, type NativeBridgeConfig } from './native-bridge';

export type FallbackMode = 'popup' | 'redirect' | 'none' | 'auto';

/** Optional settings, all of them. */
export interface ScdkConfig {
  /** Overrides the platform origin the gateway resolves to. https://, or http:// on loopback only (localhost, 127.0.0.1, [::1]). */
  platformUrl?: string;
  /** How long one call may take, handshake included, before it rejects with 5001. Default 5000. */
  timeoutMs?: number;
  /** Logs protocol events (never tokens or payloads) to `console.debug`. */
  debug?: boolean;
  /**
   * What to do when the browser keeps the platform's cookies from the bridge. Default `'popup'`.
   * `'auto'` picks per call, inside the click: the host app's native bridge, the hidden frame, a redirect
   * in an app's web view, else a window, and a redirect if the browser gives no window.
   */
  fallback?: FallbackMode;
  /** The page runs in an app's web view or in-app browser (true) or not (false): wins over user-agent signals. */
  embedded?: boolean;
  /** What your host app gives the page to log out (and switch) natively; a host's `scdk` handler is found by itself. */
  nativeBridge?: NativeBridgeConfig;
  /** Start the bridge handshake at construction instead of at the first call. */
  preload?: boolean;
  /** Language of the account switcher and the switch button: `'en'` (default) or `'hi'`. */
  locale?: Locale;
  /** Replaces any of the UI's texts, e.g. `{ switch: 'Change account' }`. */
  texts?: Partial<SwitcherTexts>;
  /**
   * Your CSP nonce: put on the UI chunk's `<script>` (default: the nonce of scdk's own script tag), and on
   * the UI's `<style>` where the browser has no constructable stylesheets.
   */
  nonce?: string;
  /** Script tag only: the absolute URL of `scdk-ui.js` (default: beside `scdk.umd.js`), for self-hosting and CDNs. */
  uiUrl?: string;
  /**
   * Returns a fresh token (your backend signs it). Called when a call needs a token and the current one
   * is missing or expires within 30 s; never before a platform window opens, so a click keeps its window.
   * Without it, an expired token fails every call with 4003 until `setToken()`.
   */
  getToken?: GetToken;
  /** Kept for compatibility with the platform's other SDKs; has no effect here. */
  amo?: boolean;
}

interface OptionsWithToken {
  /** The gateway name the platform registered for the partner, e.g. `'demo'`. */
  gateway: string;
  /** A JWT the partner's backend signed with the gateway secret. */
  smallcaseAuthToken: string;
  config?: ScdkConfig;
}

interface OptionsWithGetToken {
  gateway: string;
  /** May be left out when `config.getToken` is given: the first call fetches one. */
  smallcaseAuthToken?: string;
  config: ScdkConfig & { getToken: GetToken };
}

/** What `new scDK(...)` takes: a token, or `config.getToken` to fetch one (or both). */
export type ScdkOptions = OptionsWithToken | OptionsWithGetToken;

export interface NormalizedOptions {
  gateway: string;
  platformOrigin: string;
  timeoutMs: number;
  fallback: FallbackMode;
  preload: boolean;
  embedded: boolean | undefined;
  nativeBridge: NativeBridgeConfig | undefined;
  getToken: GetToken | undefined;
  /** `config.debug` logging, scoped to the gateway (a no-op when debug is off). */
  log: DebugLog;
}

/** Every `config` key, checked against ScdkConfig by the compiler so a new option cannot be left out. */
const CONFIG_KEYS = Object.keys({
  platformUrl: 0, timeoutMs: 0, debug: 0, fallback: 0, preload: 0, locale: 0, texts: 0, nonce: 0, uiUrl: 0, getToken: 0, amo: 0, embedded: 0, nativeBridge: 0,
} satisfies Record<keyof ScdkConfig, 0>);
const OPTION_KEYS = ['gateway', 'smallcaseAuthToken', 'config'];
/** What an unknown key may have meant: a config key passed at the top level is suggested as `config.<key>`. */
const CONFIG_SUGGESTIONS = CONFIG_KEYS.map((key) => `config.${key}`);

const GATEWAY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 120000;
const FALLBACK_MODES: readonly FallbackMode[] = ['popup', 'redirect', 'none', 'auto'];

/** Validates what the partner passed to `new scDK(...)` and fills in defaults. Throws `ScdkError`. */
export function normalizeOptions(options: unknown): NormalizedOptions {
  if (!isRecord(options)) {
    throw new ScdkError(4001, 'Call new scDK({ gateway, smallcaseAuthToken, config }).');
  }
  refuseUnknownKeys(options, OPTION_KEYS, '', [...OPTION_KEYS, ...CONFIG_SUGGESTIONS]);
  const { gateway, config = {} } = options;
  if (typeof gateway !== 'string' || !GATEWAY_NAME.test(gateway)) {
    throw badOption('gateway', 'the name your platform registered for you', gateway, 4001);
  }
  if (!isRecord(config)) throw badOption('config', 'an object', config);
  refuseUnknownKeys(config, CONFIG_KEYS, 'config.', CONFIG_SUGGESTIONS);
  const { timeoutMs = DEFAULT_TIMEOUT_MS, debug = false, fallback = 'popup', preload = false } = config;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= MIN_TIMEOUT_MS && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw badOption('config.timeoutMs', `${MIN_TIMEOUT_MS}..${MAX_TIMEOUT_MS} ms`, timeoutMs);
  }
  if (!FALLBACK_MODES.includes(fallback as FallbackMode)) throw badOption('config.fallback', FALLBACK_MODES.join(', '), fallback);
  if (typeof debug !== 'boolean') throw badOption('config.debug', 'true or false', debug);
  if (typeof preload !== 'boolean') throw badOption('config.preload', 'true or false', preload);
  const { getToken, embedded, nativeBridge } = config;
  if (embedded !== undefined && typeof embedded !== 'boolean') throw badOption('config.embedded', 'true or false', embedded);
  if (nativeBridge !== undefined && !isNativeBridgeConfig(nativeBridge)) throw badOption('config.nativeBridge', '{ logout(), switchAccount?() }', nativeBridge);
  if (getToken !== undefined && typeof getToken !== 'function') throw badOption('config.getToken', 'a function that returns a token or a promise of one', getToken);
  return {
    gateway,
    platformOrigin: resolvePlatformOrigin(gateway, config.platformUrl),
    timeoutMs,
    fallback: fallback as FallbackMode,
    preload,
    embedded: embedded as boolean | undefined,
    nativeBridge: nativeBridge as NativeBridgeConfig | undefined,
    getToken: getToken as GetToken | undefined,
    log: createDebugLog(debug, gateway),
  };
}
