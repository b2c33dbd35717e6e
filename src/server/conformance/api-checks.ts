// The status endpoint, and who the API answers: only the platform's own pages, never a partner's or another site's.
import { STATUS_PATH } from '../../shared/protocol';
import { LOGOUT_API_PATH, SESSION_API_PATH } from '../../platform/platform-api';
import { allOf, fail, jsonOf, pass, type Check, type CheckContext, type Outcome } from './check';
import type { Answer } from './probe';

/** An origin no platform trusts. */
export const FOREIGN_ORIGIN = 'https://scdk-conformance.invalid';
export const API_PATHS = [SESSION_API_PATH, LOGOUT_API_PATH] as const;
const ORIGIN_NOT_ALLOWED = 4005;

/** POSTs `{ gateway, token }` (plus `extra`) to an API path with `headers`. */
export function callApi(context: CheckContext, path: string, token: string, headers: Record<string, string>, extra: Record<string, unknown> = {}): Promise<Answer> {
  return context.probe.send(context.url(path), {
    method: 'POST',
    headers,
    body: JSON.stringify({ gateway: context.gateway, token: context.probe.sent(token), ...extra }),
  });
}

/** The code of an API error body, `{ "error": { "code", "message", "detail" } }`. */
function errorCodeOf(body: string): unknown {
  const error = jsonOf(body)?.error;
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>).code : undefined;
}

/** Is `answer` the error `code`, with a 4xx status and no cookie set? */
export function refusedWith(answer: Answer, code: number, what: string): Outcome {
  if (answer.status < 400 || answer.status >= 500 || errorCodeOf(answer.body) !== code) {
    return fail(`${what}: answered ${answer.status} ${answer.body.slice(0, 120)}; expected a 4xx with { "error": { "code": ${code} } }.`);
  }
  if (answer.setCookies.length) return fail(`${what}: refused with ${code} but set a cookie (${answer.setCookies.length} Set-Cookie); a refusal changes nothing.`);
  return pass(`${what}: ${answer.status}, code ${code}`);
}

export const apiChecks: readonly Check[] = [
  {
    id: 'status.no-credentials',
    title: 'The status endpoint answers without credentials, for any origin, and sets no cookie',
    cites: 'README "Platform integration" (GET /scdk/v1/status)',
    async run(context) {
      const [partner] = context.partnerOrigins;
      const url = context.url(`${STATUS_PATH}?gateway=${encodeURIComponent(context.gateway)}`);
      const answer = await context.probe.send(url, { headers: { origin: partner as string } });
      const body = jsonOf(answer.body);
      if (answer.status !== 200 || !body) return fail(`GET ${STATUS_PATH} answered ${answer.status}; expected 200 with JSON.`);
      if (answer.setCookies.length) return fail(`GET ${STATUS_PATH} set a cookie; it must need and change no session.`);
      const allowOrigin = answer.headers.get('access-control-allow-origin');
      if (allowOrigin !== '*' && allowOrigin !== partner) {
        return fail(`Access-Control-Allow-Origin is ${allowOrigin ?? 'missing'}: the SDK on ${partner} cannot read the answer. Send * (no credentials are involved).`);
      }
      if (body.gateway !== 'known' || body.originAllowed !== true || body.error !== undefined) {
        return fail(`For gateway "${context.gateway}" and Origin ${partner} it said ${answer.body}; expected { "gateway": "known", "originAllowed": true }.`);
      }
      // A foreign origin: the refusal the bridge would have sent, for the SDK to report (4005).
      const foreign = await context.probe.send(url, { headers: { origin: FOREIGN_ORIGIN } });
      const refusal = jsonOf(foreign.body)?.error as { code?: unknown } | undefined;
      if (foreign.status !== 200 || refusal?.code !== 4005) {
        return fail(`For Origin ${FOREIGN_ORIGIN} it said ${foreign.status} ${foreign.body}; expected "originAllowed": false with "error": { "code": 4005, ... }.`);
      }
      return pass(`200 ${answer.body}; for ${FOREIGN_ORIGIN}: 4005`);
    },
  },
  {
    id: 'api.foreign-origin',
    title: 'The API refuses a foreign Origin and a cross-site Sec-Fetch-Site (403, 4005, no Set-Cookie)',
    cites: 'README "Platform integration" (POST /scdk/v1/logout, /scdk/v1/session: called same-origin); SECURITY.md "What the bridge promises"',
    async run(context) {
      const token = await context.token();
      const outcomes: Outcome[] = [];
      for (const path of API_PATHS) {
        const callers: [string, Record<string, string>][] = [
          [`${path} from Origin ${FOREIGN_ORIGIN}`, { ...context.sameOriginHeaders(), origin: FOREIGN_ORIGIN, 'sec-fetch-site': 'cross-site' }],
          [`${path} from a partner Origin`, { ...context.sameOriginHeaders(), origin: context.partnerOrigins[0] as string, 'sec-fetch-site': 'cross-site' }],
          [`${path} with only Origin ${FOREIGN_ORIGIN}`, { 'content-type': 'application/json', origin: FOREIGN_ORIGIN }],
          [`${path} with only Sec-Fetch-Site: cross-site`, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
        ];
        for (const [what, headers] of callers) {
          const answer = await callApi(context, path, token, headers);
          const refused = refusedWith(answer, ORIGIN_NOT_ALLOWED, what);
          outcomes.push(refused.status === 'pass' && answer.status !== 403 ? fail(`${what}: ${answer.status}; expected 403.`) : refused);
        }
      }
      return allOf(outcomes, 'both endpoints: 403 with 4005 and no cookie, for a foreign or partner Origin and for Sec-Fetch-Site: cross-site');
    },
  },
];
