// The gateways the mock platform knows. A real platform keeps these in its database; the demo has one.

/** The only registered gateway name in the demo. */
export const DEMO_GATEWAY = 'demo';

/**
 * DEMO ONLY — a fixed, public signing secret so the demo and the tests can sign tokens.
 * Never reuse it: a real gateway secret lives only on the partner's backend and the platform.
 */
export const DEMO_GATEWAY_SECRET = 'scdk-demo-only-gateway-secret--not-for-production';

/** The broker name the mock platform reports. */
export const DEMO_BROKER = 'Demo Broker';

/**
 * @typedef {object} Gateway
 * @property {string} name gateway name, as in `config.gateway`
 * @property {string} secret HS256 signing secret shared with the partner's backend
 * @property {string} broker broker name shown to users
 * @property {readonly string[]} partnerOrigins origins allowed to frame the bridge and talk to it
 * @property {readonly string[]} returnTo allowlisted return-URL prefixes (a URL is allowed if it starts with one)
 */

/**
 * Builds the demo's gateway registry: only `demo` exists, trusting exactly `partnerOrigins`.
 * @param {{ partnerOrigins: string[] }} options
 * @returns {{ get(name: string): Gateway | undefined, has(name: string): boolean }}
 */
export function createGatewayRegistry({ partnerOrigins }) {
  const origins = Object.freeze([...partnerOrigins]);
  /** @type {Gateway} */
  const demo = Object.freeze({
    name: DEMO_GATEWAY,
    secret: DEMO_GATEWAY_SECRET,
    broker: DEMO_BROKER,
    partnerOrigins: origins,
    returnTo: Object.freeze(origins.map((origin) => `${origin}/`)),
  });
  // A Map, not an object literal, so names such as "__proto__" or "toString" are simply unknown.
  const gateways = new Map([[demo.name, demo]]);
  return Object.freeze({
    get: (name) => gateways.get(name),
    has: (name) => gateways.has(name),
  });
}
