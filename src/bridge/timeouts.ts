/** Default time a call may take, handshake included, before it rejects with 5001 bridge_timeout. */
export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * After the bridge iframe fires `load`, its script has already run, so a healthy bridge answers the
 * `connect` message within milliseconds. Silence this long after `load` means the page is not the
 * bridge (404, 5xx, framing refused, offline) and the SDK reports 5002 instead of waiting for the timeout.
 */
export const HANDSHAKE_GRACE_MS = 1000;
