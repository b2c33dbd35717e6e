/**
 * One call's time budget: `config.timeoutMs` from the moment the call starts. Every step of the call
 * (frame load, handshake, request, window load and connect, the redirect's departure) draws on the same
 * budget, so a call never takes longer than `timeoutMs` in all, however many steps it has.
 * Returns the milliseconds left (0 once spent).
 */
export type Deadline = () => number;

export function startDeadline(timeoutMs: number): Deadline {
  const endsAt = Date.now() + timeoutMs;
  return () => Math.max(0, endsAt - Date.now());
}
