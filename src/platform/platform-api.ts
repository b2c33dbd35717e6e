import { isErrorPayload } from '../shared/protocol';
import type { ErrorCode } from '../shared/error-codes';
import { ScdkError } from '../shared/scdk-error';
import { isRecord } from '../shared/is-record';

export const LOGOUT_API_PATH = '/scdk/v1/logout';
export const SESSION_API_PATH = '/scdk/v1/session';

export interface PlatformSession {
  loggedIn: boolean;
  broker: string;
  accountId: string | null;
  own: boolean;
}

export interface PlatformApi {
  logout(token: string): Promise<{ hadSession: boolean }>;
  /** `claim`: asked from a platform window the SDK opened, where a fresh login belongs to the token's user. */
  session(token: string, claim: boolean): Promise<PlatformSession>;
}

/**
 * Calls to the platform's own API, same-origin from the bridge page. The server verifies the token
 * (signature, exp, gateway) on every call: the bridge trusts nothing the partner page says about the user.
 */
export function createPlatformApi(apiBase: string, gateway: string): PlatformApi {
  async function post(path: string, token: string, failureCode: ErrorCode, claim = false): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(apiBase + path, {
        method: 'POST',
        credentials: 'include',
        cache: 'no-store',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claim ? { gateway, token, claim } : { gateway, token }),
      });
    } catch {
      throw new ScdkError(2000, 'The bridge could not reach the platform API. Check the network and try again.');
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // A non-JSON answer is handled below by its status.
    }
    if (response.ok && isRecord(body)) return body;
    if (isRecord(body) && isErrorPayload(body.error)) throw ScdkError.fromPayload(body.error);
    throw new ScdkError(failureCode, `The platform API answered HTTP ${response.status} to ${path}.`);
  }

  return {
    async logout(token) {
      const body = await post(LOGOUT_API_PATH, token, 3023);
      if (typeof body.hadSession !== 'boolean') throw new ScdkError(3023, 'The platform answered logout without saying whether a session existed.');
      return { hadSession: body.hadSession };
    },
    async session(token, claim) {
      const body = await post(SESSION_API_PATH, token, 2000, claim);
      if (typeof body.loggedIn !== 'boolean') throw new ScdkError(2000, 'The platform answered the session query in an unexpected shape.');
      return {
        loggedIn: body.loggedIn,
        broker: typeof body.broker === 'string' ? body.broker : '',
        accountId: typeof body.accountId === 'string' ? body.accountId : null,
        own: body.own === true,
      };
    },
  };
}
