// The redirect's same-site hop (a Lax or Strict session cookie): a one-time id, never the token, that works once
// and on every instance behind the load balancer.
import { fail, pass, warn, type Check, type CheckContext } from './check';
import { described, hopForm, postLogoutForm, returnResult, submitHop, VALID_STATE } from './redirect-flow';

const CITES = 'README "Platform integration" (The redirect with a Lax or Strict cookie: a one-time id, never the token)';
const MULTI_CITES = 'README "Several instances" (a shared one-time-id store)';
const NO_HOP = 'The platform answered the form with the 303 itself (its session cookie is SameSite=None), so there is no hop page to check.';

/** The hop page for a valid form posted to `base`, or the answer that was no hop page. */
async function hopPage(context: CheckContext, base?: string) {
  const token = await context.token();
  const answer = await postLogoutForm(context, { token, returnTo: context.returnTo, state: VALID_STATE, ...(base ? { base } : {}) });
  return { token, answer, hop: hopForm(answer) };
}

export const hopChecks: readonly Check[] = [
  {
    id: 'hop.no-token',
    title: 'The hop page carries a one-time id, not the token',
    cites: CITES,
    async run(context) {
      const { token, answer, hop } = await hopPage(context);
      if (!hop) return returnResult(answer) ? warn(NO_HOP) : fail(`A valid form got ${described(answer)}; expected the hop page or a 303 to returnTo.`);
      const [, , signature] = token.split('.');
      if (answer.body.includes(token) || (signature && answer.body.includes(signature))) return fail('The hop page holds the token: post a one-time id instead.');
      if (answer.headers.get('cache-control')?.includes('no-store') !== true) return warn('The hop page is cacheable: send Cache-Control: no-store, so its one-time id stays out of caches.');
      return pass(`a form to ${hop.action} with ${[...hop.fields.keys()].join(', ')}; no token`);
    },
  },
  {
    id: 'hop.once',
    title: 'A one-time id works once',
    cites: CITES,
    async run(context) {
      const { answer, hop } = await hopPage(context);
      if (!hop) return returnResult(answer) ? warn(NO_HOP) : fail(`A valid form got ${described(answer)}; expected the hop page or a 303 to returnTo.`);
      const first = await submitHop(context, hop);
      if (!returnResult(first)) return fail(`The hop's POST got ${described(first)}; expected a 303 to returnTo with the result.`);
      const second = await submitHop(context, hop);
      if (second.status < 400 || second.location) return fail(`The same id posted again got ${described(second)}; expected a 4xx with no Location.`);
      return pass(`first ${first.status}, again ${second.status}`);
    },
  },
  {
    id: 'hop.across-instances',
    title: 'An id minted by one instance finishes on another',
    cites: MULTI_CITES,
    async run(context) {
      const { instances } = context;
      if (instances.length < 2) return warn('Not checked: pass --instances A,B with two instances\' own base URLs to check that they share the one-time-id store.');
      for (const [index, minting] of instances.entries()) {
        const finishing = instances[(index + 1) % instances.length] as string;
        const { answer, hop } = await hopPage(context, minting);
        if (!hop) {
          if (returnResult(answer)) return warn(`${NO_HOP} Nothing crosses instances.`);
          return fail(`${minting}: a valid form got ${described(answer)}; expected the hop page.`);
        }
        const finished = await submitHop(context, hop, finishing);
        if (!returnResult(finished)) {
          return fail(`An id minted by ${minting} got ${described(finished)} from ${finishing}: the instances do not share one-time ids. Give every instance the same store (createRedisStore).`);
        }
      }
      return pass(`ids crossed ${instances.join(' -> ')} -> ${instances[0]}`);
    },
  },
];
