// Who may frame the platform's pages: the bridge only under the gateway's partner origins, nothing else at all.
import { BRIDGE_PATH, WINDOW_PATH } from '../../shared/protocol';
import { fail, pass, warn, type Check, type CheckContext } from './check';
import { frameAncestors, namesExactly } from './csp';

const PROTOCOL_QUERY = 'v=1';
/** A gateway name no platform registers. */
export const UNKNOWN_GATEWAY = 'scdk-conformance-unknown-gateway';
/** Opener policies that keep a cross-origin opener's link to the window (HTML's COOP values). */
const OPENER_KEEPING_POLICIES = ['unsafe-none'];

const pageUrl = (context: CheckContext, path: string, gateway = context.gateway) =>
  context.url(`${path}?gateway=${encodeURIComponent(gateway)}&${PROTOCOL_QUERY}`);

export const framingChecks: readonly Check[] = [
  {
    id: 'bridge.frame-ancestors',
    title: 'The bridge page may be framed by exactly the gateway\'s partner origins',
    cites: 'README "Platform integration" (GET /scdk/v1/bridge); SECURITY.md B3',
    async run(context) {
      const answer = await context.probe.send(pageUrl(context, BRIDGE_PATH));
      if (answer.status !== 200) return fail(`GET ${BRIDGE_PATH} answered ${answer.status}; expected 200 for gateway "${context.gateway}".`);
      const directives = frameAncestors(answer.headers.get('content-security-policy'));
      if (!directives) return fail('No Content-Security-Policy frame-ancestors on the bridge page: any site can frame it. Send frame-ancestors with the gateway\'s partner origins.');
      const wrong = directives.find((sources) => !namesExactly(sources, context.partnerOrigins));
      if (wrong) return fail(`frame-ancestors is "${wrong.join(' ')}"; expected exactly "${context.partnerOrigins.join(' ')}" (no wildcards, no other origins).`);
      const xfo = answer.headers.get('x-frame-options');
      if (xfo) return fail(`X-Frame-Options: ${xfo} keeps partners from framing the bridge (browsers obey it besides CSP); exempt ${BRIDGE_PATH} from it.`);
      return pass(`frame-ancestors ${context.partnerOrigins.join(' ')}`);
    },
  },
  {
    id: 'bridge.unknown-gateway',
    title: 'An unknown gateway\'s bridge page is 404 and framable by nobody',
    cites: 'README "Platform integration" (GET /scdk/v1/bridge); SECURITY.md B3',
    async run(context) {
      const answer = await context.probe.send(pageUrl(context, BRIDGE_PATH, UNKNOWN_GATEWAY));
      if (answer.status !== 404) return fail(`An unknown gateway's bridge page answered ${answer.status}; expected 404 (the SDK reports 4001).`);
      const directives = frameAncestors(answer.headers.get('content-security-policy'));
      if (!directives?.every((sources) => namesExactly(sources, ["'none'"]))) {
        return fail(`An unknown gateway's bridge page must send frame-ancestors 'none'; it sent ${directives ? `"${directives.map((each) => each.join(' ')).join('", "')}"` : 'none'}.`);
      }
      return pass("404 with frame-ancestors 'none'");
    },
  },
  {
    id: 'window.not-framable',
    title: 'The platform window cannot be framed',
    cites: 'README "Platform integration" (GET /scdk/v1/window)',
    async run(context) {
      const answer = await context.probe.send(pageUrl(context, WINDOW_PATH));
      if (answer.status !== 200) return fail(`GET ${WINDOW_PATH} answered ${answer.status}; expected 200 for gateway "${context.gateway}".`);
      const directives = frameAncestors(answer.headers.get('content-security-policy'));
      const xfo = answer.headers.get('x-frame-options')?.trim().toUpperCase();
      if (directives?.some((sources) => namesExactly(sources, ["'none'"]))) return pass("frame-ancestors 'none'");
      if (!directives && xfo === 'DENY') return warn("Only X-Frame-Options: DENY; send Content-Security-Policy: frame-ancestors 'none' too.");
      return fail(`The window page can be framed (frame-ancestors ${directives ? directives.map((each) => each.join(' ')).join(', ') : 'missing'}): send frame-ancestors 'none'.`);
    },
  },
  {
    id: 'window.opener-kept',
    title: 'The platform window keeps its opener: no Cross-Origin-Opener-Policy that cuts it',
    cites: 'README "Platform integration" (GET /scdk/v1/window: never Cross-Origin-Opener-Policy: same-origin)',
    async run(context) {
      const answer = await context.probe.send(pageUrl(context, WINDOW_PATH));
      const policy = answer.headers.get('cross-origin-opener-policy');
      const value = policy?.split(';')[0]?.trim().toLowerCase();
      if (!value || OPENER_KEEPING_POLICIES.includes(value)) return pass(policy ? `Cross-Origin-Opener-Policy: ${policy}` : 'no Cross-Origin-Opener-Policy');
      return fail(`Cross-Origin-Opener-Policy: ${policy} puts the window in a browsing context group of its own: the partner page never hears back (5002 or 1011). Exempt ${WINDOW_PATH} and the login-done page from it (helmet sets same-origin by default).`);
    },
  },
];
