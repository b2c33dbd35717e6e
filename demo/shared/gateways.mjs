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
 * A second registered gateway, for another partner: the demo page's origin is not on its allowlist, so
 * the partner demo uses it to show 4005 origin_not_allowed (its settings panel, "a gateway of another partner").
 */
export const OTHER_PARTNER_GATEWAY = 'partner-b';
/** The only origin OTHER_PARTNER_GATEWAY trusts: a site no demo or test serves. */
export const OTHER_PARTNER_ORIGIN = 'https://partner-b.example';

/**
 * @typedef {object} Gateway
 * @property {string} name gateway name, as in `config.gateway`
 * @property {string} secret HS256 signing secret shared with the partner's backend
 * @property {string} broker broker name shown to users
 * @property {readonly string[]} partnerOrigins origins allowed to frame the bridge and talk to it
 * @property {readonly string[]} returnTo allowlisted return-URL prefixes (a URL is allowed if it starts with one)
 */

/**
 * @param {string} name
 * @param {readonly string[]} partnerOrigins
 * @returns {Gateway}
 */
function gatewayTrusting(name, partnerOrigins) {
  const origins = Object.freeze([...partnerOrigins]);
  return Object.freeze({
    name,
    // DEMO ONLY: both gateways share the demo secret; a real platform gives each gateway its own.
    secret: DEMO_GATEWAY_SECRET,
    broker: DEMO_BROKER,
    partnerOrigins: origins,
    returnTo: Object.freeze(origins.map((origin) => `${origin}/`)),
  });
}

/**
 * Builds the demo's gateway registry: `demo`, trusting exactly `partnerOrigins`, and `partner-b`,
 * trusting only OTHER_PARTNER_ORIGIN.
 * @param {{ partnerOrigins: string[] }} options
 * @returns {{ get(name: string): Gateway | undefined, has(name: string): boolean, list(): Gateway[] }}
 */
export function createGatewayRegistry({ partnerOrigins }) {
  const demo = gatewayTrusting(DEMO_GATEWAY, partnerOrigins);
  const other = gatewayTrusting(OTHER_PARTNER_GATEWAY, [OTHER_PARTNER_ORIGIN]);
  // A Map, not an object literal, so names such as "__proto__" or "toString" are simply unknown.
  const gateways = new Map([[demo.name, demo], [other.name, other]]);
  return Object.freeze({
    get: (name) => gateways.get(name),
    has: (name) => gateways.has(name),
    list: () => [...gateways.values()],
  });
}
