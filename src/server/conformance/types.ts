/** A check's outcome: `warn` where it could not verify the promise, or found something a partner may trip on. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  /** Stable name, e.g. `bridge.frame-ancestors`: CI logs and `--json` consumers key on it. */
  id: string;
  /** What the platform must do. */
  title: string;
  /** The README section or SECURITY.md promise the check verifies. */
  cites: string;
  status: CheckStatus;
  /** What was seen, and for a warn or fail, how to fix it. */
  detail: string;
}

export interface ConformanceOptions {
  /** The platform's public origin, as partners' pages reach it, e.g. `https://platform.example`. */
  platform: string;
  /** A gateway registered on it. */
  gateway: string;
  /** The gateway's partner origins, all of them: `frame-ancestors` must name exactly these. */
  partnerOrigins: readonly string[];
  /** The gateway's signing secret, to sign test tokens. Never printed. */
  secret: string;
  /** A `returnTo` prefix on the gateway's allowlist (default: the first partner origin + `/`). */
  returnTo?: string;
  /** Base URLs of two or more instances behind the platform's load balancer, each reached directly. */
  instances?: readonly string[];
  /** Logs a test session out: the `Cookie` header value of a live session on the platform. */
  destructive?: { sessionCookie: string };
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

export interface ConformanceReport {
  ok: boolean;
  platform: string;
  gateway: string;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}
