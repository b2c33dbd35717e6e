import type { DebugLog } from '../../shared/debug-log';
import { ScdkError, timedOut } from '../../shared/scdk-error';
import {
  MESSAGE_TYPES,
  isReadyMessage,
  isRefusedMessage,
  isResponseMessage,
  message,
  type BridgeMethod,
  type ConnectMessage,
  type ReadyMessage,
  type RequestMessage,
} from '../../shared/protocol';

interface PendingRequest {
  resolve: (result: unknown) => void;
  reject: (error: ScdkError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Posts `connect` (with a fresh MessagePort) to a platform window or frame, exact `targetOrigin` only,
 * and calls `onReply` with the bridge's `ready` or `refused` answer. Returns a function that cancels.
 * Replies on a port cannot be read by other scripts on the partner page.
 */
export function sendConnect(
  target: Window,
  platformOrigin: string,
  gateway: string,
  log: DebugLog,
  onReply: (outcome: PortChannel | ScdkError, ready?: ReadyMessage) => void,
): () => void {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isReadyMessage(data)) {
      port1.onmessage = null;
      onReply(new PortChannel(port1, log), data);
    } else if (isRefusedMessage(data)) {
      port1.onmessage = null;
      port1.close();
      onReply(ScdkError.fromPayload(data.error));
    } else {
      log('dropped bad reply');
    }
  };
  target.postMessage(message<ConnectMessage>({ type: MESSAGE_TYPES.connect, gateway }), platformOrigin, [port2]);
  return () => {
    port1.onmessage = null;
    port1.close();
  };
}

/** Requests with ids and timeouts over a connected MessagePort. */
export class PortChannel {
  private readonly _pending = new Map<number, PendingRequest>();
  private _nextId = 1;

  constructor(
    private readonly _port: MessagePort,
    private readonly _log: DebugLog,
  ) {
    _port.onmessage = this._onMessage;
  }

  request(method: BridgeMethod, token: string, timeoutMs: number): Promise<unknown> {
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        this._log('timeout', method);
        reject(timedOut(`The platform's "${method}"`));
      }, timeoutMs); // negative (the handshake took it all) fires at once
      this._pending.set(id, { resolve, reject, timer });
      this._port.postMessage(message<RequestMessage>({ type: MESSAGE_TYPES.request, id, method, token }));
    });
  }

  /** Rejects every request in flight with `error` and closes the port. */
  close(error: ScdkError): void {
    this._pending.forEach((request) => {
      clearTimeout(request.timer);
      request.reject(error);
    });
    this._pending.clear();
    this._port.onmessage = null;
    this._port.close();
  }

  private readonly _onMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isResponseMessage(data)) {
      this._log('dropped bad reply');
      return;
    }
    const request = this._pending.get(data.id);
    if (!request) return;
    this._pending.delete(data.id);
    clearTimeout(request.timer);
    if (data.ok) request.resolve(data.result);
    else request.reject(ScdkError.fromPayload(data.error));
  };
}
