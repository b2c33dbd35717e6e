// Drives the redirect logout as a partner's form and the platform's own hop page would: the cross-site form POST,
// then, where the platform answers with its hop page (a Lax or Strict session cookie), that page's same-origin POST.
import { REDIRECT_LOGOUT_PATH, REDIRECT_RESULT_KEY } from '../../shared/protocol';
import type { CheckContext } from './check';
import type { Answer } from './probe';

/** A `state` the SDK could have sent: echoed in the fragment. */
export const VALID_STATE = 'scdkConformance_state-1';
/** Not a state the SDK sends (a space and "!"): dropped from the fragment. */
export const INVALID_STATE = 'not a state!';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const SEE_OTHER = 303;

export interface LogoutForm {
  token: string;
  returnTo: string;
  state?: string;
  /** The form's Origin header; null sends none. Default: the first partner origin. */
  origin?: string | null;
  /** The instance to post to (default: the platform). */
  base?: string;
}

/** POSTs the redirect logout form cross-site, as a partner page's form submission does. */
export function postLogoutForm(context: CheckContext, form: LogoutForm): Promise<Answer> {
  const fields = new URLSearchParams({ gateway: context.gateway, token: context.probe.sent(form.token), returnTo: form.returnTo });
  if (form.state !== undefined) fields.set('state', form.state);
  const origin = form.origin === undefined ? (context.partnerOrigins[0] as string) : form.origin;
  const headers: Record<string, string> = { 'content-type': FORM_TYPE, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };
  if (origin !== null) headers.origin = origin;
  return context.probe.send(context.url(REDIRECT_LOGOUT_PATH, form.base), { method: 'POST', headers, body: fields.toString() });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };
const unescapeHtml = (text: string) => text.replace(/&(?:amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? unescapeHtml(match[1] ?? match[2] ?? '') : undefined;
};

/** The hop page's form: where it posts and what. Undefined when the answer is no such page. */
export function hopForm(answer: Answer): { action: string; fields: URLSearchParams } | undefined {
  if (answer.status !== 200) return undefined;
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(answer.body);
  if (!form) return undefined;
  const action = attribute(form[1] as string, 'action');
  if (action === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const [input] of (form[2] as string).matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input, 'name');
    if (name) fields.append(name, attribute(input, 'value') ?? '');
  }
  const target = new URL(action, answer.url);
  return { action: `${target.pathname}${target.search}`, fields };
}

/** Submits the hop page's form from the platform's own page (same-origin), to `base` (default: the platform). */
export function submitHop(context: CheckContext, hop: { action: string; fields: URLSearchParams }, base?: string): Promise<Answer> {
  return context.probe.send(context.url(hop.action, base), {
    method: 'POST',
    headers: { 'content-type': FORM_TYPE, origin: context.platform, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' },
    body: hop.fields.toString(),
  });
}

export interface RedirectOutcome {
  /** The last answer: the 303 to returnTo when it worked. */
  answer: Answer;
  /** The hop page, when the platform answered with one. */
  hop?: Answer;
}

/** Posts the form, then the hop page's form if one came back. */
export async function redirectLogout(context: CheckContext, form: LogoutForm, finishOn?: string): Promise<RedirectOutcome> {
  const first = await postLogoutForm(context, form);
  const hop = hopForm(first);
  if (!hop) return { answer: first };
  return { answer: await submitHop(context, hop, finishOn ?? form.base), hop: first };
}

export interface ReturnResult {
  /** returnTo as the 303 sends the browser back, without its fragment. */
  url: string;
  /** The fragment's parameters. */
  fragment: URLSearchParams;
}

/** The 303's target split into the URL and the fragment; undefined when the answer is no 303 carrying the result. */
export function returnResult(answer: Answer): ReturnResult | undefined {
  if (answer.status !== SEE_OTHER || !answer.location) return undefined;
  const target = new URL(answer.location, answer.url);
  const fragment = new URLSearchParams(target.hash.slice(1));
  if (!fragment.has(REDIRECT_RESULT_KEY)) return undefined;
  target.hash = '';
  return { url: target.href, fragment };
}

/** A one-line account of an answer for a detail. */
export const described = (answer: Answer): string =>
  `${answer.status}${answer.location ? ` Location: ${answer.location.replace(/#.*/, '#…')}` : ''}`;
