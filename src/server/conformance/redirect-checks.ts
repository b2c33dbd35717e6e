// The redirect logout: which returnTo it accepts, whose form, what comes back and where.
import { REDIRECT_RESULT_KEY } from '../../shared/protocol';
import { FOREIGN_ORIGIN } from './api-checks';
import { allOf, fail, pass, warn, type Check, type CheckContext, type Outcome } from './check';
import { described, INVALID_STATE, postLogoutForm, redirectLogout, returnResult, VALID_STATE } from './redirect-flow';
import { connectedClaims } from './test-tokens';

const CITES = 'README "Platform integration" (POST /scdk/v1/logout-redirect: check Origin and the returnTo allowlist)';
const STATE_CITES = 'README "Platform integration" (the redirect: `state`)';
const BAD_REQUEST = 400;
const ORIGIN_NOT_ALLOWED = '4005';
const NOT_CONNECTED = '4004';
const FOREIGN_HOST = new URL(FOREIGN_ORIGIN).hostname;

/** Each returnTo must get 400 and no Location: nothing may send the browser there. */
async function refusedReturnTos(context: CheckContext, returnTos: readonly string[]): Promise<Outcome> {
  const token = await context.token();
  const outcomes: Outcome[] = [];
  for (const returnTo of returnTos) {
    const answer = await postLogoutForm(context, { token, returnTo, state: VALID_STATE });
    outcomes.push(answer.status === BAD_REQUEST && !answer.location
      ? pass(returnTo)
      : fail(`returnTo ${JSON.stringify(returnTo)} got ${described(answer)}; expected 400 with no Location.`));
  }
  return allOf(outcomes, `400 with no Location for ${returnTos.map((each) => JSON.stringify(each)).join(', ')}`);
}

function returnToCheck(id: string, title: string, variants: (allowed: URL) => string[] | string): Check {
  return {
    id,
    title,
    cites: CITES,
    run: async (context) => {
      const found = variants(new URL(context.returnTo));
      return typeof found === 'string' ? warn(found) : refusedReturnTos(context, found);
    },
  };
}

const port = (url: URL) => (url.port ? `:${url.port}` : '');
const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '');

/** The fragment of a redirect that ends in a 303 carrying a result; a fail when it does not. */
async function resultOf(context: CheckContext, state: string, token?: string) {
  const outcome = await redirectLogout(context, { token: token ?? (await context.token()), returnTo: context.returnTo, state });
  return { result: returnResult(outcome.answer), answer: outcome.answer };
}

export const redirectChecks: readonly Check[] = [
  returnToCheck('redirect.return-to-foreign', 'A returnTo on another site is refused (400, no Location)', () => [
    `${FOREIGN_ORIGIN}/`,
    `//${FOREIGN_HOST}/`,
  ]),
  returnToCheck('redirect.return-to-look-alike', 'A look-alike of the partner\'s host is refused (400, no Location)', (allowed) => [
    `${allowed.protocol}//${allowed.hostname}.${FOREIGN_HOST}${port(allowed)}${allowed.pathname}`,
    `${allowed.origin}@${FOREIGN_HOST}${allowed.pathname}`,
  ]),
  returnToCheck('redirect.return-to-userinfo', 'A returnTo with userinfo is refused, even on the partner\'s origin (400, no Location)', (allowed) => [
    `${allowed.protocol}//scdk:conformance@${allowed.host}${allowed.pathname}`,
  ]),
  returnToCheck('redirect.return-to-javascript', 'A javascript: returnTo is refused (400, no Location)', (allowed) => [
    `javascript:alert(document.domain)//${allowed.href}`,
  ]),
  returnToCheck('redirect.return-to-relative', 'A relative returnTo is refused (400, no Location)', (allowed) => [
    allowed.pathname,
    `${allowed.pathname}scdk-conformance`,
  ]),
  returnToCheck('redirect.return-to-out-of-prefix', 'A returnTo outside the prefix, or past it without a path-segment boundary, is refused', (allowed) =>
    allowed.pathname === '/'
      ? `The returnTo prefix ${allowed.href} covers its whole origin, so nothing on it is out of prefix: pass --return-to with a path prefix (e.g. ${allowed.origin}/account/) to check path matching.`
      : [`${allowed.origin}/scdk-conformance-elsewhere/`, `${allowed.origin}${withoutTrailingSlash(allowed.pathname)}-scdk-conformance/`]),
  {
    id: 'redirect.origin-refused',
    title: 'A form from a foreign Origin, with no Origin or with Origin: null comes back with code=4005',
    cites: `${CITES}; README "The redirect has two more requirements" (Referrer policy)`,
    async run(context) {
      const token = await context.token();
      const outcomes: Outcome[] = [];
      for (const origin of [FOREIGN_ORIGIN, null, 'null']) {
        const answer = await postLogoutForm(context, { token, returnTo: context.returnTo, state: VALID_STATE, origin });
        const result = returnResult(answer);
        const what = `Origin ${origin ?? '(none)'}`;
        outcomes.push(result?.fragment.get(REDIRECT_RESULT_KEY) === 'error' && result.fragment.get('code') === ORIGIN_NOT_ALLOWED
          ? pass(what)
          : fail(`${what}: got ${described(answer)}; expected a 303 to returnTo with #${REDIRECT_RESULT_KEY}=error&code=${ORIGIN_NOT_ALLOWED}.`));
      }
      return allOf(outcomes, 'each came back with code=4005');
    },
  },
  {
    id: 'redirect.result-in-fragment',
    title: 'The result comes back in returnTo\'s fragment only: returnTo itself unchanged',
    cites: `${CITES}; SECURITY.md (fragments never reach the partner's server logs)`,
    async run(context) {
      const { result, answer } = await resultOf(context, VALID_STATE);
      if (!result) return fail(`A valid redirect logout got ${described(answer)}; expected a 303 to returnTo with #${REDIRECT_RESULT_KEY}=success.`);
      if (result.url !== new URL(context.returnTo).href) {
        return fail(`It sent the browser to ${result.url} (without the fragment); expected exactly ${context.returnTo}: the result goes in the fragment, nothing in the query.`);
      }
      if (result.fragment.get(REDIRECT_RESULT_KEY) !== 'success' || !['0', '1'].includes(result.fragment.get('had_session') ?? '')) {
        return fail(`The fragment is ${result.fragment.toString()}; expected ${REDIRECT_RESULT_KEY}=success and had_session=0 or 1.`);
      }
      return pass(`#${result.fragment.toString()}`);
    },
  },
  {
    id: 'redirect.state-echoed',
    title: 'A valid state is echoed in the fragment, on success and on error',
    cites: STATE_CITES,
    async run(context) {
      const success = await resultOf(context, VALID_STATE);
      const now = context.now();
      const guest = await resultOf(context, VALID_STATE, await context.token({ guest: true, iat: now, exp: connectedClaims(now).exp }));
      const outcomes = [
        success.result?.fragment.get('state') === VALID_STATE ? pass('success') : fail(`On success: ${described(success.answer)}; expected state=${VALID_STATE} in the fragment.`),
        guest.result?.fragment.get('code') === NOT_CONNECTED && guest.result.fragment.get('state') === VALID_STATE
          ? pass('error')
          : fail(`For a guest token: ${described(guest.answer)}; expected code=${NOT_CONNECTED} and state=${VALID_STATE} in the fragment.`),
      ];
      return allOf(outcomes, 'state came back on success and on error (4004)');
    },
  },
  {
    id: 'redirect.state-dropped',
    title: 'A state the SDK never sends is not echoed',
    cites: STATE_CITES,
    async run(context) {
      const { result, answer } = await resultOf(context, INVALID_STATE);
      if (!result) return fail(`A valid redirect logout got ${described(answer)}; expected a 303 to returnTo.`);
      return result.fragment.has('state')
        ? fail(`state ${JSON.stringify(INVALID_STATE)} came back as ${JSON.stringify(result.fragment.get('state'))}: echo only the SDK's form of state ([A-Za-z0-9_-]{1,64}).`)
        : pass('not echoed');
    },
  },
];
