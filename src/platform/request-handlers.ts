import { MESSAGE_TYPES, message, type RequestMessage, type ResponseMessage, type SessionInfo, type StorageState } from '../shared/protocol';
import { errorPayload } from '../shared/error-codes';
import { ScdkError } from '../shared/scdk-error';
import { clearClientCookies } from './client-cookies';
import type { PlatformApi } from './platform-api';
import { reachesCrossSiteFrames, type DeclaredSessionCookie } from './session-cookie';

/** What the bridge's request handlers need from its page. */
export interface RequestHandlerConfig {
  api: PlatformApi;
  sessionCookie: DeclaredSessionCookie;
  broker: string;
  clientCookies: readonly string[];
  /** In a frame (the hidden bridge), not a platform window. */
  framed: boolean;
  /** What this page found when it connected: whether its cookies reach the platform's session. */
  storage: () => StorageState;
}

/**
 * The bridge's request handlers: `logout` and `session`, each checked by the platform's API with the
 * token. Returns the function that answers one request (already shape-checked by the port server) with
 * its response message; errors cross as their payload.
 */
export function createRequestHandler({ api, sessionCookie, broker, clientCookies, framed, storage }: RequestHandlerConfig): (request: RequestMessage) => Promise<ResponseMessage> {
  async function logout(token: string): Promise<{ hadSession: boolean }> {
    if (storage() === 'blocked') {
      // Nothing that could end a session runs before this refusal. The read-only session call still checks
      // the token, so a bad token is reported as such (4002/4003/4004) in every cookie world.
      await api.session(token, false);
      const reason = reachesCrossSiteFrames(sessionCookie)
        ? "This browser keeps the platform's cookies from embedded pages"
        : `The platform's session cookie is ${sessionCookie.partitioned ? 'partitioned' : `SameSite=${sessionCookie.sameSite}`}, so no embedded page receives it`;
      throw new ScdkError(
        5003,
        `${reason}: the bridge cannot see or end the session. Call brokerLogout() from a click with config.fallback 'popup' or 'redirect'.`,
      );
    }
    const result = await api.logout(token);
    clearClientCookies(clientCookies);
    return result;
  }

  async function session(token: string): Promise<SessionInfo> {
    const result = await api.session(token, !framed);
    if (storage() === 'blocked') return { state: 'unknown', broker };
    if (result.loggedIn && result.accountId) {
      return { state: 'connected', broker: result.broker || broker, accountId: result.accountId, own: result.own };
    }
    return { state: 'disconnected', broker: result.broker || broker };
  }

  return async ({ id, method, token }) => {
    try {
      const result = method === 'logout' ? await logout(token) : await session(token);
      return message<ResponseMessage>({ type: MESSAGE_TYPES.response, id, ok: true, result });
    } catch (caught) {
      const error = caught instanceof ScdkError ? caught.toJSON() : errorPayload(2000, 'The bridge failed unexpectedly.');
      return message<ResponseMessage>({ type: MESSAGE_TYPES.response, id, ok: false, error });
    }
  };
}
