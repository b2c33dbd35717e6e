import type { DeclaredSessionCookie } from '../platform/session-cookie';
import type { ErrorCode } from '../shared/error-codes';
import type { ScdkEvent, ScdkHooks } from './config';
import type { Gateway } from './gateway-registry';
import type { OneTimeStore } from './one-time-store';
import type { RuntimeAsset } from './runtime-asset';

/** What every endpoint shares: the checked config. */
export interface KitContext<Context> {
  publicOrigin: string;
  lookup(name: string): Promise<Gateway | undefined>;
  sessionCookie: DeclaredSessionCookie;
  hooks: ScdkHooks<Context>;
  leewaySeconds: number;
  store: OneTimeStore;
  claimWindowMs: number;
  clientCookies: readonly string[] | undefined;
  runtime: RuntimeAsset;
  inlineRuntime: boolean;
  page(title: string, body: string): string;
  emit(event: ScdkEvent): void;
  now(): number;
}

/** A platform hook threw: answered 500 with `code`, and the platform's error is kept as `reason`. */
export class HookFailure extends Error {
  constructor(
    readonly hook: string,
    readonly code: ErrorCode,
    readonly reason: unknown,
  ) {
    super(`scdk/server: the ${hook} hook failed`);
  }
}

/** Runs a platform hook; a throw (or rejection) becomes a HookFailure with the code the endpoint answers. */
export async function callHook<T>(hook: string, code: ErrorCode, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new HookFailure(hook, code, error);
  }
}
