// The conformance check: named checks against a deployed platform, each citing the promise it verifies.
import { STATUS_PATH } from '../../shared/protocol';
import { badOption } from '../../shared/scdk-error';
import { apiChecks } from './api-checks';
import type { Check, CheckContext } from './check';
import { destructiveChecks } from './destructive-checks';
import { framingChecks } from './framing-checks';
import { hopChecks } from './hop-checks';
import { hygieneChecks } from './hygiene-checks';
import { jwtChecks } from './jwt-checks';
import { createProbe } from './probe';
import { redirectChecks } from './redirect-checks';
import { connectedClaims, signTestToken } from './test-tokens';
import type { CheckResult, ConformanceOptions, ConformanceReport } from './types';

/** Every check, in the order they run; the token hygiene check last, over every answer before it. */
export const CONFORMANCE_CHECKS: readonly Check[] = [
  ...framingChecks,
  ...apiChecks,
  ...jwtChecks,
  ...redirectChecks,
  ...hopChecks,
  ...destructiveChecks,
  ...hygieneChecks,
];

const MS_PER_S = 1000;
/** `Date` has whole seconds: the platform's time is on average half a second past it. */
const DATE_HEADER_ROUNDING_MS = 500;
const REDACTED = '<token>';

/** `value` as an http(s) origin, or a 4000 naming the option. */
function originOf(name: string, value: unknown): string {
  try {
    const url = new URL(String(value));
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // reported below
  }
  throw badOption(name, 'an http(s) URL', value);
}

/** The platform's clock minus ours, in seconds, from the `Date` header of one answer (0 without one). */
async function clockOffset(send: () => Promise<{ headers: Headers }>): Promise<number> {
  const sentAt = Date.now();
  const { headers } = await send();
  const midpoint = (sentAt + Date.now()) / 2;
  const platformTime = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(platformTime) ? 0 : Math.round((platformTime + DATE_HEADER_ROUNDING_MS - midpoint) / MS_PER_S);
}

/** Removes every test token from a detail: a report is a log, and the token never goes in one. */
const redact = (text: string, tokens: readonly string[]) =>
  tokens.reduce((out, token) => out.split(token).join(REDACTED), text);

/**
 * Runs every check against `options.platform` and reports each one. Never throws for what the platform does:
 * a request that fails is that check's fail. Throws a 4000 ScdkError for malformed options.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const platform = originOf('platform', options.platform);
  const partnerOrigins = [...(options.partnerOrigins ?? [])].map((origin) => originOf('partnerOrigins', origin));
  if (!partnerOrigins.length) throw badOption('partnerOrigins', 'one or more origins the gateway trusts', options.partnerOrigins);
  if (typeof options.gateway !== 'string' || !options.gateway) throw badOption('gateway', 'a gateway name', options.gateway);
  if (typeof options.secret !== 'string' || !options.secret) throw badOption('secret', 'the gateway secret (SCDK_GATEWAY_SECRET)', typeof options.secret);
  const returnTo = options.returnTo ?? `${partnerOrigins[0]}/`;
  originOf('returnTo', returnTo);
  const instances = (options.instances ?? []).map((instance) => originOf('instances', instance));
  const probe = createProbe(options.fetch ?? fetch);
  const url = (path: string, base = platform) => new URL(path, base).href;
  const offset = await clockOffset(() => probe.send(url(`${STATUS_PATH}?gateway=${encodeURIComponent(options.gateway)}`))).catch(() => 0);
  const now = () => Math.floor(Date.now() / MS_PER_S) + offset;

  const context: CheckContext = {
    platform,
    gateway: options.gateway,
    partnerOrigins,
    returnTo,
    secret: options.secret,
    instances,
    destructive: options.destructive,
    probe,
    now,
    token: (claims) => signTestToken(claims ?? connectedClaims(now()), options.secret),
    url,
    sameOriginHeaders: () => ({ 'content-type': 'application/json', origin: platform, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }),
  };

  const checks: CheckResult[] = [];
  for (const check of CONFORMANCE_CHECKS) {
    let outcome;
    try {
      outcome = await check.run(context);
    } catch (error) {
      outcome = { status: 'fail' as const, detail: `The check could not run: ${error instanceof Error ? error.message : String(error)}` };
    }
    const detail = redact(redact(outcome.detail, probe.tokens), [options.secret]);
    checks.push({ id: check.id, title: check.title, cites: check.cites, status: outcome.status, detail });
  }
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const { status } of checks) counts[status] += 1;
  return { ok: counts.fail === 0, platform, gateway: options.gateway, counts, checks };
}
