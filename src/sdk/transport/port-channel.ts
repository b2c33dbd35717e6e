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
  type RequestMessage,
  type StorageState,
} from '../../shared/protocol';
import { within, type Deadline } from '../deadline';
import type { Channel } from './channel';

interface PendingRequest {
  resolve: (result: unknown) => void;
  reject: (error: ScdkError) => void;
}

/**
 * Posts `connect` (with a fresh MessagePort) to a platform window or frame, exact `targetOrigin` only,
 * and calls `onReply` with a channel on the page's `ready`, or its `refused` error. Returns a function
 * that cancels. Replies on a port cannot be read by other scripts on the partner page.
 */
export function sendConnect(
  target: Window,
  platformOrigin: string,
  gateway: string,
  log: DebugLog,
  onReply: (outcome: PortChannel | ScdkError) => void,
): () => void {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isReadyMessage(data)) {
      port1.onmessage = null;
      onReply(new PortChannel(port1, log, data.storage));
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

/** The Channel over a connected MessagePort: requests with ids, each within the caller's deadline. */
export class PortChannel implements Channel {
  private readonly _pending = new Map<number, PendingRequest>();
  private _nextId = 1;
  private _closedWith?: ScdkError;

  constructor(
    private readonly _port: MessagePort,
    private readonly _log: DebugLog,
    readonly storage: StorageState,
  ) {
    _port.onmessage = this._onMessage;
  }

  request(method: BridgeMethod, token: string, left: Deadline): Promise<unknown> {
    // A closed port would swallow the request: the caller learns why at once, not at its deadline.
    if (this._closedWith) return Promise.reject(this._closedWith);
    const id = this._nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      this._port.postMessage(message<RequestMessage>({ type: MESSAGE_TYPES.request, id, method, token }));
    });
    return within(answer, left, () => {
      this._pending.delete(id);
      this._log('timeout', method);
      return timedOut(`The platform's "${method}"`);
    });
  }

  close(error: ScdkError): void {
    if (this._closedWith) return;
    this._closedWith = error;
    this._pending.forEach((request) => request.reject(error));
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
    if (data.ok) request.resolve(data.result);
    else request.reject(ScdkError.fromPayload(data.error));
  };
}
