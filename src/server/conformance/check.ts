// What a conformance check is, and what every check gets to run with.
import type { Probe } from './probe';
import type { CheckResult, CheckStatus } from './types';

export interface CheckContext {
  /** The platform's public origin. */
  platform: string;
  gateway: string;
  partnerOrigins: readonly string[];
  /** A `returnTo` prefix on the gateway's allowlist. */
  returnTo: string;
  secret: string;
  instances: readonly string[];
  destructive: { sessionCookie: string } | undefined;
  probe: Probe;
  /** The platform's clock in seconds since the epoch (the local one, corrected by the platform's `Date`). */
  now(): number;
  /** A token signed with the gateway secret, its `iat` and `exp` on the platform's clock unless `claims` says otherwise. */
  token(claims?: Record<string, unknown>): Promise<string>;
  /** `path` on the platform (or on `base`). */
  url(path: string, base?: string): string;
  /** What the platform's own bridge page sends with an API call (same-origin). */
  sameOriginHeaders(): Record<string, string>;
}

export type Outcome = Pick<CheckResult, 'status' | 'detail'>;

export interface Check {
  id: string;
  title: string;
  cites: string;
  run(context: CheckContext): Promise<Outcome>;
}

const outcome = (status: CheckStatus) => (detail: string): Outcome => ({ status, detail });
export const pass = outcome('pass');
export const warn = outcome('warn');
export const fail = outcome('fail');

/** The first failing outcome of several, else a pass naming them all. */
export function allOf(outcomes: readonly Outcome[], passed: string): Outcome {
  return outcomes.find((each) => each.status === 'fail') ?? outcomes.find((each) => each.status === 'warn') ?? pass(passed);
}

/** The JSON body of an answer, or undefined. */
export function jsonOf(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
