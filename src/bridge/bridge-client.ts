import type { DebugLog } from '../shared/debug-log';
import { ScdkError } from '../shared/scdk-error';
import { bridgeUrl, createBridgeFrame, mountFrame } from './bridge-frame';
import { diagnoseHandshake } from './diagnose-handshake';
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
} from './protocol';
import { HANDSHAKE_GRACE_MS } from './timeouts';

export interface BridgeClientOptions {
  platformOrigin: string;
  gateway: string;
  log: DebugLog;
}

interface PendingRequest {
  resolve: (result: unknown) => void;
  reject: (error: ScdkError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The host half of the transport: one hidden iframe, one MessagePort, many requests.
 * The handshake is shared by concurrent callers and started again after a failure, so a retry works.
 */
export class BridgeClient {
  private handshake: Promise<ReadyMessage> | null = null;
  private abortHandshake: ((error: ScdkError) => void) | null = null;
  private frame: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private readonly pending = new Map<number, PendingRequest>();
  private nextId = 1;

  constructor(private readonly options: BridgeClientOptions) {}

  /** Connects (or joins the connection in progress) and resolves with the bridge's `ready` message. */
  connect(timeoutMs: number): Promise<ReadyMessage> {
    if (!this.handshake) this.handshake = this.startHandshake(timeoutMs);
    return this.handshake;
  }

  /** Sends one request; the whole call, handshake included, settles within `timeoutMs`. */
  request(method: BridgeMethod, token: string, timeoutMs: number): Promise<unknown> {
    const startedAt = Date.now();
    return this.connect(timeoutMs).then(() => this.send(method, token, timeoutMs - (Date.now() - startedAt)));
  }

  /** Rejects everything in flight with `error` and removes the iframe, port and listeners. Reusable afterwards. */
  close(error: ScdkError): void {
    if (this.abortHandshake) this.abortHandshake(error);
    this.pending.forEach((request) => {
      clearTimeout(request.timer);
      request.reject(error);
    });
    this.pending.clear();
    if (this.port) {
      this.port.onmessage = null;
      this.port.close();
      this.port = null;
    }
    if (this.frame) {
      this.frame.removeEventListener('load', this.onFrameReload);
      this.frame.remove();
      this.frame = null;
    }
    this.handshake = null;
  }

  private send(method: BridgeMethod, token: string, timeoutMs: number): Promise<unknown> {
    const port = this.port;
    if (!port) return Promise.reject(new ScdkError(5002, 'The bridge connection was lost before the request was sent. Try again.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.options.log('request timed out', method);
        reject(new ScdkError(5001, `The platform did not answer "${method}" in time. Check the network and try again, or raise config.timeoutMs.`));
      }, Math.max(0, timeoutMs));
      this.pending.set(id, { resolve, reject, timer });
      port.postMessage(message<RequestMessage>({ type: MESSAGE_TYPES.request, id, method, token }));
    });
  }

  private readonly onPortMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isResponseMessage(data)) {
      this.options.log('dropped a malformed message on the bridge port');
      return;
    }
    const request = this.pending.get(data.id);
    if (!request) return;
    this.pending.delete(data.id);
    clearTimeout(request.timer);
    if (data.ok) request.resolve(data.result);
    else request.reject(ScdkError.fromPayload(data.error));
  };

  /** A second `load` means the bridge document was replaced: its port is dead, so start over next call. */
  private readonly onFrameReload = (): void => {
    this.options.log('bridge page reloaded');
    this.close(new ScdkError(5002, 'The bridge page reloaded while a request was in flight. Try again.'));
  };

  private startHandshake(timeoutMs: number): Promise<ReadyMessage> {
    const { platformOrigin, gateway, log } = this.options;
    return new Promise<ReadyMessage>((resolve, reject) => {
      const channel = new MessageChannel();
      const frame = createBridgeFrame(bridgeUrl(platformOrigin, gateway));
      const diagnosis = new AbortController();
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;

      const settle = (outcome: ReadyMessage | ScdkError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(graceTimer);
        diagnosis.abort();
        frame.removeEventListener('load', onFirstLoad);
        channel.port1.onmessage = null;
        this.abortHandshake = null;
        if (outcome instanceof ScdkError) {
          log('handshake failed', outcome.message);
          channel.port1.close();
          if (this.frame === frame) {
            frame.remove();
            this.frame = null;
            this.handshake = null;
          }
          reject(outcome);
          return;
        }
        log('connected', `storage ${outcome.storage}`);
        this.port = channel.port1;
        this.port.onmessage = this.onPortMessage;
        frame.addEventListener('load', this.onFrameReload);
        resolve(outcome);
      };

      const onFirstLoad = (): void => {
        frame.removeEventListener('load', onFirstLoad);
        // Exact targetOrigin: if the frame holds anything but the platform's page, the message is dropped.
        frame.contentWindow?.postMessage(message<ConnectMessage>({ type: MESSAGE_TYPES.connect, gateway }), platformOrigin, [channel.port2]);
        graceTimer = setTimeout(() => {
          diagnoseHandshake(platformOrigin, gateway, diagnosis.signal).then(settle);
        }, HANDSHAKE_GRACE_MS);
      };

      channel.port1.onmessage = (event: MessageEvent) => {
        const data: unknown = event.data;
        if (isReadyMessage(data)) settle(data);
        else if (isRefusedMessage(data)) settle(ScdkError.fromPayload(data.error));
        else log('dropped a malformed handshake reply');
      };

      const deadline = setTimeout(
        () => settle(new ScdkError(5001, `The bridge at ${platformOrigin} did not answer in time. Check the network and try again, or raise config.timeoutMs.`)),
        timeoutMs,
      );
      this.abortHandshake = settle;
      frame.addEventListener('load', onFirstLoad);
      this.frame = frame;
      mountFrame(frame);
    });
  }
}
