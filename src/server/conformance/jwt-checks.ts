// The token rules every API call applies: HS256 with the gateway secret only, a numeric exp, 30 s of leeway.
import { allOf, fail, pass, type Check, type CheckContext, type Outcome } from './check';
import { API_PATHS, callApi, refusedWith } from './api-checks';
import { connectedClaims, signTestToken, TOKEN_LIFETIME_S, withPayload } from './test-tokens';

const INVALID_JWT = 4002;
const TOKEN_EXPIRED = 4003;
const NOT_CONNECTED = 4004;
/** Inside the SDK's 30 s leeway with room for a second of clock reading on each side. */
const INSIDE_LEEWAY_S = 25;
/** Well past any leeway a platform should allow. */
const PAST_LEEWAY_S = 120;
const WRONG_SECRET = 'scdk-conformance-not-the-gateway-secret';
const CITES = 'README "Token format" and "Platform integration" (verify the JWT on every call); SECURITY.md B6';

/** Calls both API endpoints, same-origin, with the token `make` builds. */
async function eachEndpoint(context: CheckContext, make: () => Promise<string>, expect: (answer: Awaited<ReturnType<typeof callApi>>, what: string) => Outcome, passed: string) {
  const token = await make();
  const outcomes: Outcome[] = [];
  for (const path of API_PATHS) outcomes.push(expect(await callApi(context, path, token, context.sameOriginHeaders()), path));
  return allOf(outcomes, passed);
}

const accepted = (answer: Awaited<ReturnType<typeof callApi>>, what: string): Outcome =>
  answer.status === 200 ? pass(what) : fail(`${what}: answered ${answer.status} ${answer.body.slice(0, 160)}; expected 200.`);

function refusal(id: string, title: string, code: number, make: (context: CheckContext) => Promise<string>): Check {
  return {
    id,
    title,
    cites: CITES,
    run: (context) => eachEndpoint(context, () => make(context), (answer, what) => refusedWith(answer, code, what), `both endpoints refused it with ${code}`),
  };
}

const connected = (context: CheckContext, claims: Record<string, unknown> = {}) => connectedClaims(context.now(), claims);

export const jwtChecks: readonly Check[] = [
  {
    id: 'jwt.valid-accepted',
    title: 'A valid connected token is accepted (the baseline of every other check)',
    cites: CITES,
    run: (context) => eachEndpoint(context, () => context.token(), accepted, 'both endpoints answered 200'),
  },
  refusal('jwt.alg-none', 'alg "none" is refused (4002)', INVALID_JWT, (context) => signTestToken(connected(context), context.secret, 'none')),
  refusal('jwt.alg-hs384', 'HS384, even with the right secret, is refused (4002)', INVALID_JWT, (context) => signTestToken(connected(context), context.secret, 'HS384')),
  refusal('jwt.alg-rs256', 'RS256 is refused (4002)', INVALID_JWT, (context) => signTestToken(connected(context), context.secret, 'RS256')),
  refusal('jwt.wrong-secret', 'A token signed with another secret is refused (4002)', INVALID_JWT, (context) => signTestToken(connected(context), WRONG_SECRET)),
  refusal('jwt.tampered-payload', 'A payload changed after signing is refused (4002)', INVALID_JWT, async (context) =>
    withPayload(await context.token(), connected(context, { smallcaseAuthId: 'scdk-conformance-someone-else' }))),
  refusal('jwt.exp-missing', 'A token without exp is refused (4002)', INVALID_JWT, (context) => {
    const claims: Record<string, unknown> = connected(context);
    delete claims.exp;
    return context.token(claims);
  }),
  refusal('jwt.exp-string', 'A string exp is refused (4002)', INVALID_JWT, (context) => context.token(connected(context, { exp: String(context.now() + TOKEN_LIFETIME_S) }))),
  {
    id: 'jwt.leeway-accepted',
    title: `A token ${INSIDE_LEEWAY_S} s past exp is accepted (the SDK allows 30 s of leeway)`,
    cites: `${CITES}; README 4003 token_expired`,
    run: (context) => eachEndpoint(context, () => context.token(connected(context, { exp: context.now() - INSIDE_LEEWAY_S })), accepted, 'both endpoints answered 200'),
  },
  refusal('jwt.expired', `A token ${PAST_LEEWAY_S} s past exp is refused (4003)`, TOKEN_EXPIRED, (context) =>
    context.token(connected(context, { iat: context.now() - PAST_LEEWAY_S - TOKEN_LIFETIME_S, exp: context.now() - PAST_LEEWAY_S }))),
  refusal('jwt.guest', 'A guest token is refused (4004)', NOT_CONNECTED, (context) => {
    const now = context.now();
    return context.token({ guest: true, iat: now, exp: now + TOKEN_LIFETIME_S });
  }),
];
