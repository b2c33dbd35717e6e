// How the mock platform sets its login cookies: their SameSite attribute. A platform option
// (PLATFORM_SESSION_SAMESITE, createPlatformServer({ sessionSameSite })), which the tests may change per test
// through POST /__test/faults { sessionSameSite } so no test needs a restart; not a fault.
import { DEFAULT_SESSION_SAMESITE } from './session-cookies.mjs';

/**
 * @param {import('./session-cookies.mjs').SameSite} [configured] the server's configured value
 * @returns {{ current(): import('./session-cookies.mjs').SameSite, set(value: import('./session-cookies.mjs').SameSite): void, reset(): void }}
 */
export function createCookieSetting(configured = DEFAULT_SESSION_SAMESITE) {
  let sameSite = configured;
  return Object.freeze({
    current: () => sameSite,
    set(value) {
      sameSite = value;
    },
    reset() {
      sameSite = configured;
    },
  });
}
