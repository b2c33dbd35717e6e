// --destructive: logs a live test session out, and checks that the clearing cookies match the declared ones
// (a cookie is only replaced by one with the same name, domain and path: RFC 6265 §5.3 step 11).
import { BRIDGE_PATH } from '../../shared/protocol';
import { CONFIG_ELEMENT_ID } from '../../platform/auto-start';
import { LOGOUT_API_PATH, SESSION_API_PATH } from '../../platform/platform-api';
import { UNDECLARED_SESSION_COOKIE, type DeclaredSessionCookie } from '../../platform/session-cookie';
import { callApi } from './api-checks';
import { fail, jsonOf, pass, warn, type Check, type CheckContext } from './check';

const CITES = 'README "Platform integration" (Declare the session cookie); SECURITY.md B8';

/** The `sessionCookie` the bridge page declares to the runtime, with the runtime's defaults. */
async function declaredCookie(context: CheckContext): Promise<DeclaredSessionCookie | string> {
  const page = await context.probe.send(context.url(`${BRIDGE_PATH}?gateway=${encodeURIComponent(context.gateway)}&v=1`));
  const element = new RegExp(`<script[^>]*\\sid="${CONFIG_ELEMENT_ID}"[^>]*>([\\s\\S]*?)</script>`, 'i').exec(page.body);
  if (!element) return `The bridge page has no #${CONFIG_ELEMENT_ID} element to read the declared session cookie from.`;
  const config = jsonOf(element[1] as string);
  const declared = jsonOf(JSON.stringify(config?.sessionCookie ?? {})) ?? {};
  return { ...UNDECLARED_SESSION_COOKIE, ...declared } as DeclaredSessionCookie;
}

interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...rest] = header.split(';');
  const equals = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const [name = '', ...value] = part.split('=');
    attributes.set(name.trim().toLowerCase(), value.join('=').trim());
  }
  return { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), attributes };
}

const isClearing = (cookie: SetCookie) =>
  cookie.attributes.get('max-age') === '0' || Date.parse(cookie.attributes.get('expires') ?? '') < Date.now();

/** What differs between a clearing cookie and the declaration; empty when it matches. */
function mismatches(cookie: SetCookie, declared: DeclaredSessionCookie): string[] {
  const found: string[] = [];
  const { attributes } = cookie;
  if ((attributes.get('samesite') ?? '').toLowerCase() !== declared.sameSite.toLowerCase()) found.push(`SameSite=${attributes.get('samesite') ?? '(none)'} (declared ${declared.sameSite})`);
  if ((attributes.get('path') ?? '/') !== declared.path) found.push(`Path=${attributes.get('path') ?? '(none)'} (declared ${declared.path})`);
  const domain = attributes.get('domain')?.replace(/^\./, '').toLowerCase();
  if (domain !== declared.domain?.replace(/^\./, '').toLowerCase()) found.push(`Domain=${domain ?? '(host-only)'} (declared ${declared.domain ?? 'host-only'})`);
  if (attributes.has('partitioned') !== declared.partitioned) found.push(`Partitioned ${attributes.has('partitioned') ? 'set' : 'missing'} (declared ${declared.partitioned})`);
  return found;
}

const sessionOf = async (context: CheckContext, token: string, cookie: string) =>
  jsonOf((await callApi(context, SESSION_API_PATH, token, { ...context.sameOriginHeaders(), cookie })).body);

export const destructiveChecks: readonly Check[] = [
  {
    id: 'logout.clearing-cookies',
    title: 'Logout ends a live session and clears its cookies with the declared attributes',
    cites: CITES,
    async run(context) {
      const { destructive } = context;
      if (!destructive) return warn('Not run: destructive mode is off (--destructive with SCDK_TEST_SESSION_COOKIE).');
      const declared = await declaredCookie(context);
      if (typeof declared === 'string') return fail(declared);
      const token = await context.token();
      const cookie = destructive.sessionCookie;
      if ((await sessionOf(context, token, cookie))?.loggedIn !== true) return fail('SCDK_TEST_SESSION_COOKIE is not a live session: /scdk/v1/session says loggedIn is not true. Log a test account in and pass its Cookie header.');
      const answer = await callApi(context, LOGOUT_API_PATH, token, { ...context.sameOriginHeaders(), cookie });
      if (answer.status !== 200 || jsonOf(answer.body)?.hadSession !== true) return fail(`Logout answered ${answer.status} ${answer.body.slice(0, 120)}; expected 200 { "hadSession": true }.`);
      const clearing = answer.setCookies.map(parseSetCookie).filter(isClearing);
      if (!clearing.length) return fail('Logout set no clearing cookie (Max-Age=0 or a past Expires): the browser keeps the session cookie.');
      const wrong = clearing.flatMap((each) => mismatches(each, declared).map((what) => `${each.name}: ${what}`));
      if (wrong.length) return fail(`Clearing cookies differ from the declared session cookie, so the browser keeps the old one: ${wrong.join('; ')}.`);
      if ((await sessionOf(context, token, cookie))?.loggedIn !== false) return fail('After logout, /scdk/v1/session still reports the session: end it server-side too.');
      const sent = cookie.split(';').map((pair) => pair.split('=')[0]?.trim()).filter((name): name is string => Boolean(name));
      const kept = sent.filter((name) => !clearing.some((each) => each.name === name));
      if (kept.length) return warn(`Logged out and cleared ${clearing.map((each) => each.name).join(', ')}, but not ${kept.join(', ')} (sent in SCDK_TEST_SESSION_COOKIE).`);
      return pass(`logged out; cleared ${clearing.map((each) => each.name).join(', ')} as declared`);
    },
  },
];
