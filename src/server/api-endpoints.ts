import type { ErrorCode } from '../shared/error-codes';
import { SCDK_PATHS } from '../shared/platform-endpoints';
import type { PlatformSession } from './config';
import type { Gateway } from './gateway-registry';
import { GatewayLookupError } from './gateway-registry';
import { callHook, type KitContext } from './kit-context';
import { maskAccountId } from './mask-account-id';
import { readBodyText, MAX_BODY_BYTES } from './read-body';
import { json, jsonError } from './responses';
import { isSameOriginRequest } from './same-origin';
import { connectedUserOf, verifyToken } from './verify-token';

/** Caller input quoted in a detail is cut to this, so a detail never carries a large body. */
const MAX_ECHOED_CHARS = 40;

const quote = (value: string) => JSON.stringify(value.length > MAX_ECHOED_CHARS ? `${value.slice(0, MAX_ECHOED_CHARS)}…` : value);

const isJsonType = (type: string | null) => type !== null && /^application\/json\s*(;|$)/i.test(type.trim());

interface Caller {
  gateway: Gateway;
  smallcaseAuthId: string;
  claim: boolean;
}

/**
 * The checks both API endpoints share, in this order: caller (same-origin), body type, body size, body
 * shape, gateway, token, connected user. Resolves with the caller, or with the refusal to send.
 */
async function authorize<C>(kit: KitContext<C>, request: Request, endpoint: string): Promise<Caller | Response> {
  let gatewayName: string | null = null;
  const refuse = (status: number, code: ErrorCode, detail: string, headers?: Record<string, string>): Response => {
    kit.emit({ type: 'refused', endpoint, gateway: gatewayName, code, status });
    return jsonError(status, code, detail, headers);
  };
  if (!isSameOriginRequest(request, kit.publicOrigin)) {
    return refuse(403, 4005, "This endpoint only answers the platform's own bridge page (same-origin requests).");
  }
  if (!isJsonType(request.headers.get('content-type'))) {
    return refuse(415, 2000, 'Send the body as application/json: { "gateway": string, "token": string }.');
  }
  const raw = await readBodyText(request);
  if (!raw.ok) {
    return raw.reason === 'too_large'
      ? refuse(413, 2000, `The request body is larger than ${MAX_BODY_BYTES} bytes; send only { gateway, token }.`, { connection: 'close' })
      : refuse(400, 2000, 'The request body could not be read.');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.text);
  } catch {
    body = undefined;
  }
  const fields = body as { gateway?: unknown; token?: unknown; claim?: unknown } | null | undefined;
  if (typeof fields !== 'object' || fields === null || typeof fields.gateway !== 'string' || typeof fields.token !== 'string') {
    return refuse(400, 2000, 'Send a JSON body { "gateway": string, "token": string }.');
  }
  gatewayName = fields.gateway;
  let gateway: Gateway | undefined;
  try {
    gateway = await kit.lookup(fields.gateway);
  } catch (error) {
    if (!(error instanceof GatewayLookupError)) throw error;
    return refuse(503, 5002, 'The platform could not look up the gateway right now. Try again.');
  }
  if (!gateway) {
    return refuse(404, 4001, `The gateway ${quote(fields.gateway)} is not registered with this platform; check config.gateway.`);
  }
  const verified = await verifyToken(fields.token, gateway.secrets, { leewaySeconds: kit.leewaySeconds, nowSeconds: Math.floor(kit.now() / 1000) });
  if (!verified.ok) return refuse(401, verified.code, verified.detail);
  const smallcaseAuthId = connectedUserOf(verified.payload);
  if (smallcaseAuthId === undefined) {
    return refuse(403, 4004, "The token is for a guest; a connected user's token (with smallcaseAuthId) is required.");
  }
  return { gateway, smallcaseAuthId, claim: fields.claim === true };
}

/** POST /scdk/v1/logout: ends the session the request's cookies carry. */
export async function logout<C>(kit: KitContext<C>, request: Request, context: C): Promise<Response> {
  const caller = await authorize(kit, request, SCDK_PATHS.logout);
  if (caller instanceof Response) return caller;
  const ended = await callHook('endSession', 3023, () => kit.hooks.endSession(request, context));
  kit.emit({ type: 'logout', gateway: caller.gateway.name, smallcaseAuthId: caller.smallcaseAuthId, hadSession: ended.hadSession, via: 'api' });
  return json(200, { hadSession: ended.hadSession }, {}, ended.setCookie);
}

/**
 * POST /scdk/v1/session: what the platform says about the session, for this partner user. The account id
 * is in full only for the user the session is linked to. A login finished in a window the partner's SDK
 * opened (the runtime asks with `claim: true`) belongs to that user: a fresh, unlinked session is linked.
 */
export async function session<C>(kit: KitContext<C>, request: Request, context: C): Promise<Response> {
  const caller = await authorize(kit, request, SCDK_PATHS.session);
  if (caller instanceof Response) return caller;
  let current: PlatformSession | null = await callHook('readSession', 2000, () => kit.hooks.readSession(request, context));
  const { linkLogin } = kit.hooks;
  if (current && current.smallcaseAuthId === null && caller.claim && linkLogin && kit.now() - current.loggedInAt < kit.claimWindowMs) {
    current = await callHook('linkLogin', 2000, () => linkLogin(request, context, caller.smallcaseAuthId));
    if (current?.smallcaseAuthId === caller.smallcaseAuthId) {
      kit.emit({ type: 'claim', gateway: caller.gateway.name, smallcaseAuthId: caller.smallcaseAuthId });
    }
  }
  const own = current !== null && current.smallcaseAuthId === caller.smallcaseAuthId;
  kit.emit({ type: 'session', gateway: caller.gateway.name, smallcaseAuthId: caller.smallcaseAuthId, loggedIn: current !== null, own });
  return json(200, {
    loggedIn: current !== null,
    broker: caller.gateway.broker,
    accountId: current ? (own ? current.accountId : maskAccountId(current.accountId)) : null,
    own,
  });
}
