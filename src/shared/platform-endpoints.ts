/**
 * Every path and fragment key of the platform's side of the protocol, in one table: the SDK, the platform
 * runtime, the server kit (`scdk/server`) and the mock platform all take them from here.
 */
import { BRIDGE_PATH, LOGIN_PATH, REDIRECT_LOGOUT_PATH, REDIRECT_RESULT_KEY, STATUS_PATH, WINDOW_PATH } from './protocol';

/** Every path scdk owns starts with this. */
export const SCDK_PATH_PREFIX = '/scdk/v1/';

export const SCDK_PATHS = {
  /** GET: the bridge page the SDK loads in a hidden iframe. */
  bridge: BRIDGE_PATH,
  /** GET: the same runtime in a platform window (the popup fallback). */
  window: WINDOW_PATH,
  /** GET: the platform runtime script (dist/scdk-platform.js), `?v=<content hash>` for a cacheable copy. */
  runtime: '/scdk/v1/scdk-platform.js',
  /** GET: diagnostics the SDK asks, without credentials, after a silent handshake. */
  status: STATUS_PATH,
  /** POST: ends the session, called same-origin by the runtime. */
  logout: '/scdk/v1/logout',
  /** POST: reads the session, called same-origin by the runtime. */
  session: '/scdk/v1/session',
  /** POST: the redirect fallback's cross-site form. */
  logoutRedirect: REDIRECT_LOGOUT_PATH,
  /** POST: the same-site hop of the redirect logout, carrying a one-time id. */
  logoutRedirectFinish: '/scdk/v1/logout-redirect/finish',
  /** GET: the hop page's script, which submits its form. */
  logoutRedirectScript: '/scdk/v1/logout-redirect.js',
  /** The platform's own login page (not served by scdk), opened by switchAccount(). */
  login: LOGIN_PATH,
} as const;

/** Fragment keys the redirect logout adds to `returnTo` (read by scDK.takeRedirectResult()). */
export const REDIRECT_FRAGMENT = {
  /** `success` or `error`. */
  result: REDIRECT_RESULT_KEY,
  /** `1` or `0` on success. */
  hadSession: 'had_session',
  /** The error code on failure. */
  code: 'code',
  /** The SDK's one-time value, echoed. */
  state: 'state',
} as const;

/** The id of the JSON element the runtime reads its config from. */
export const BRIDGE_CONFIG_ELEMENT_ID = 'scdk-bridge-config';
/** The form field of the redirect hop that carries the one-time id. */
export const HOP_FIELD = 'logout';
/** The hop page's form, found by its script. */
export const HOP_FORM_ID = 'scdk-logout-hop';
