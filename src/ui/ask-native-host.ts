import {
  NATIVE_NAMESPACE,
  NATIVE_VERSION,
  UNSUPPORTED,
  type SdkHelpers,
  type NativeHost,
  type NativeMethod,
  type NativeRequest,
  type NativeResponse,
  type NativeResults,
} from '../shared/native-protocol';

/**
 * Sends `request` to the host; calls `onAnswer` with each message back, `onRefusal` when the host refuses.
 * Returns the removal of what it attached. Once a call settled, later calls of either change nothing:
 * a promise settles once, and settling again only clears what is already cleared.
 */
type Send = (request: NativeRequest, onAnswer: (raw: unknown) => void, onRefusal: (reason: unknown) => void) => () => void;

const SENDERS: { [V in NativeHost['via']]: (target: Extract<NativeHost, { via: V }>['target']) => Send } = {
  // A page-given object, spoken to as if it were a host: the same checks on its answers.
  config: (config) => ({ id, method }, onAnswer, onRefusal) => {
    const fn = config[method] as ((this: typeof config) => Promise<unknown>) | undefined;
    Promise.resolve()
      .then(() => (fn ? fn.call(config) : Promise.reject({ code: UNSUPPORTED })))
      .then((result) => onAnswer({ ns: NATIVE_NAMESPACE, id, ok: true, result }), onRefusal);
    return () => {};
  },
  // WKScriptMessageHandlerWithReply: postMessage returns a promise of the host's reply, and the reply
  // handler's error rejects it. A handler without a reply answers nothing: the call ends at its deadline.
  webkit: (handler) => (request, onAnswer, onRefusal) => {
    Promise.resolve(handler.postMessage(JSON.stringify(request))).then(onAnswer, onRefusal);
    return () => {};
  },
  android: (host) => (request, onAnswer) => {
    const listener = (event: { data: unknown }): void => onAnswer(event.data);
    host.addEventListener('message', listener);
    host.postMessage(JSON.stringify(request));
    return () => host.removeEventListener('message', listener);
  },
};

let lastId = 0;

/** The boolean field that makes each method's result, so a result of the wrong shape is never a success. */
const RESULT_FIELD: { [M in NativeMethod]: keyof NativeResults[M] } = { logout: 'hadSession', switchAccount: 'switched' };

/** The answer to request `id` (a JSON string or an object), or undefined for anything else. */
function answerTo(id: string, raw: unknown, isRecord: SdkHelpers['isRecord']): NativeResponse | undefined {
  let data = raw;
  try {
    if (typeof raw === 'string') data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return isRecord(data) && data.ns === NATIVE_NAMESPACE && data.id === id ? (data as unknown as NativeResponse) : undefined;
}

/**
 * Asks the host; rejects 5001 when `ms` run out. Success only on the host's confirmed answer of the right
 * shape. The timer and listener go when the call settles; a caller that must stop early (destroy()) stops
 * waiting on the promise: a late answer changes nothing. `sdk`: the SDK's own helpers (SdkHelpers).
 */
export function askNativeHost<M extends NativeMethod>(host: NativeHost, method: M, ms: number, sdk: SdkHelpers): Promise<NativeResults[M]> {
  const { ScdkError, isErrorCode, timedOut, isRecord } = sdk;
  /** scdk's code when the host gave one; 2000 for a method it lacks; else the method's failure code (3023 for logout). */
  const hostError = (error: unknown): InstanceType<SdkHelpers['ScdkError']> => {
    if (error instanceof ScdkError) return error;
    const { code, detail } = isRecord(error) ? error : { code: undefined, detail: error };
    const said = detail ? `: ${String(detail)}` : '';
    return isErrorCode(code)
      ? new ScdkError(code, `The host app could not ${method}${said}`)
      : new ScdkError(code !== UNSUPPORTED && method === 'logout' ? 3023 : 2000, `The host app failed to ${method} (${String(code)})${said}`);
  };
  return new Promise((resolve, reject) => {
    const id = String(++lastId);
    const settle = (error: Error | null, result?: unknown): void => {
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve(result as NativeResults[M]);
    };
    let stop = (): void => {};
    const timer = setTimeout(() => settle(timedOut('The host app')), ms);
    stop = (SENDERS[host.via] as (target: NativeHost['target']) => Send)(host.target)(
      { ns: NATIVE_NAMESPACE, v: NATIVE_VERSION, id, method },
      (raw) => {
        const answer = answerTo(id, raw, isRecord);
        const result = answer?.ok && answer.result;
        if (!answer) return;
        if (!answer.ok) settle(hostError(answer.error));
        else if (isRecord(result) && typeof result[RESULT_FIELD[method]] === 'boolean') settle(null, result);
        else settle(hostError('an answer of an unexpected shape'));
      },
      (reason) => settle(hostError(reason)),
    );
  });
}
