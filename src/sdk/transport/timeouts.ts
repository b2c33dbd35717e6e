/** Default time a call may take, handshake included, before it rejects with 5001 bridge_timeout. */
export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * After the bridge iframe fires `load`, its script has already run, so a healthy bridge usually answers
 * the `connect` message within milliseconds. Silence this long after `load` makes the SDK ask the
 * platform's status endpoint why: an unknown gateway (4001), an untrusted origin (4005) or an unreachable
 * platform (5002) end the call early. A healthy status never does: a slow bridge is not an unavailable
 * one, and only the call's deadline (5001) ends that wait.
 */
export const HANDSHAKE_GRACE_MS = 1000;
