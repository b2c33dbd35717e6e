import type { ScdkError } from '../shared/scdk-error';

/**
 * One call's time budget: `config.timeoutMs` from the moment the call starts. Every step of the call
 * (token, frame load, handshake, request, window load and connect, the redirect's departure) draws on the
 * same budget, so a call never takes longer than `timeoutMs` in all, however many steps it has.
 * Returns the milliseconds left (0 once spent). The one way time limits travel in the SDK.
 */
export type Deadline = () => number;

export function startDeadline(timeoutMs: number): Deadline {
  const endsAt = Date.now() + timeoutMs;
  return () => Math.max(0, endsAt - Date.now());
}

/**
 * `promise`, or `timedOut()` once `left` has run out, whichever comes first. Its one timer is cleared
 * when `promise` settles: the SDK's one "timer per promise".
 */
export function within<T>(promise: Promise<T>, left: Deadline, timedOut: () => ScdkError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), left());
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
