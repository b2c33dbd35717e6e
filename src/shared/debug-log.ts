export type DebugLog = (event: string, detail?: string) => void;

const noop: DebugLog = () => {};

/** `config.debug` logging. Callers pass event names and details only, never a token or a message payload. */
export function createDebugLog(enabled: boolean, scope: string): DebugLog {
  if (!enabled) return noop;
  return (event, detail) => {
    // eslint-disable-next-line no-console
    console.debug(`[scdk:${scope}] ${event}${detail ? `: ${detail}` : ''}`);
  };
}
