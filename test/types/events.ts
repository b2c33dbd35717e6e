// Type-level test, checked by `npm run typecheck` (tsconfig.test.json): on() and off() take only the SDK's
// event names, each with its own payload type. Each `@ts-expect-error` fails the typecheck if the line
// below it compiles. Never run: the function is not called.
import { scDK, type ScdkError, type ScdkEvents } from 'scdk';

export function eventNamesAreChecked(sdk: scDK): void {
  // Every event the SDK emits, with its payload.
  const stop = sdk.on('session', (session) => session.state satisfies 'connected' | 'disconnected' | 'unknown');
  stop();
  sdk.on('logout', (result) => result.hadSession satisfies boolean);
  sdk.on('switch', ({ accountId }) => accountId satisfies string);
  const onError = (error: ScdkError) => error.code satisfies number;
  sdk.on('error', onError);
  sdk.off('error', onError);
  // A name taken from the map's keys is fine.
  const name: keyof ScdkEvents = 'logout';
  sdk.on(name, () => {});

  // A misspelt name is a type error, not a 4000 at runtime.
  // @ts-expect-error 'sesion' is not an event
  sdk.on('sesion', () => {});
  // @ts-expect-error 'Session' is not an event (names are case-sensitive)
  sdk.off('Session', () => {});
  // @ts-expect-error any string is not an event name
  sdk.on('session' as string, () => {});
  // @ts-expect-error the listener gets the event's payload: a logout result has no accountId
  sdk.on('logout', (result: { accountId: string }) => result);
}
