import type { GatewayConfig, ScdkPlatformConfig } from './config';

/** A gateway after its checks: secrets as a list, origins and prefixes parsed once. */
export interface Gateway {
  name: string;
  secrets: readonly string[];
  partnerOrigins: readonly string[];
  returnTo: readonly URL[];
  broker: string;
}

/** Thrown by the lookup when the platform's resolver failed: answered 503, never as an unknown gateway. */
export class GatewayLookupError extends Error {
  constructor(readonly reason: unknown) {
    super('scdk/server: the gateway resolver failed');
  }
}

const GATEWAY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fail(name: string, problem: string): never {
  throw new Error(`scdk/server: gateway ${JSON.stringify(name)}: ${problem}`);
}

function exactOrigin(gateway: string, entry: unknown): string {
  let origin: string | undefined;
  try {
    origin = typeof entry === 'string' ? new URL(entry).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (!origin || origin === 'null' || origin !== entry || !/^https?:$/.test(new URL(origin).protocol)) {
    fail(gateway, `partnerOrigins entry ${JSON.stringify(entry)} must be an exact http(s) origin like https://partner.example (no path, no trailing slash).`);
  }
  return origin;
}

/** Checks one gateway as the platform registered it; throws an Error saying what to fix. */
export function checkGateway(input: GatewayConfig): Gateway {
  const name = input?.name;
  if (typeof name !== 'string' || !GATEWAY_NAME.test(name)) fail(String(name), 'name must be 1 to 64 letters, digits, "_" or "-".');
  const secrets = typeof input.secret === 'string' ? [input.secret] : Array.isArray(input.secret) ? [...input.secret] : [];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.length === 0)) {
    fail(name, 'secret must be a non-empty string, or a non-empty list of them while rotating.');
  }
  if (!Array.isArray(input.partnerOrigins)) fail(name, 'partnerOrigins must be a list of origins.');
  const partnerOrigins = input.partnerOrigins.map((entry) => exactOrigin(name, entry));
  if (!Array.isArray(input.returnTo)) fail(name, 'returnTo must be a list of absolute URL prefixes (may be empty).');
  const returnTo = input.returnTo.map((prefix) => {
    let url: URL | undefined;
    try {
      url = new URL(prefix);
    } catch {
      url = undefined;
    }
    if (!url || !partnerOrigins.includes(url.origin) || url.username || url.password) {
      fail(name, `returnTo prefix ${JSON.stringify(prefix)} must be an absolute URL on one of partnerOrigins, without user info.`);
    }
    return url;
  });
  if (typeof input.broker !== 'string' || input.broker.length === 0) fail(name, 'broker must be the broker name shown to users.');
  return Object.freeze({ name, secrets: Object.freeze(secrets), partnerOrigins: Object.freeze(partnerOrigins), returnTo: Object.freeze(returnTo), broker: input.broker });
}

/**
 * The lookup by name. A list is checked at once (a mistake throws when the platform starts); a resolver's
 * answers are checked as they come, and a malformed answer or a throw becomes a GatewayLookupError.
 */
export function createGatewayLookup(gateways: ScdkPlatformConfig['gateways']): (name: string) => Promise<Gateway | undefined> {
  if (typeof gateways === 'function') {
    return async (name) => {
      if (!GATEWAY_NAME.test(name)) return undefined;
      let found: GatewayConfig | undefined;
      try {
        found = await gateways(name);
        return found === undefined ? undefined : checkGateway(found);
      } catch (error) {
        throw new GatewayLookupError(error);
      }
    };
  }
  if (!Array.isArray(gateways)) throw new Error('scdk/server: gateways must be a list of gateways or an async function of a name.');
  // A Map, so names such as "__proto__" are simply unknown.
  const byName = new Map<string, Gateway>();
  for (const input of gateways) {
    const gateway = checkGateway(input);
    if (byName.has(gateway.name)) fail(gateway.name, 'is registered twice.');
    byName.set(gateway.name, gateway);
  }
  return async (name) => byName.get(name);
}
