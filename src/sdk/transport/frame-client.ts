import type { DebugLog } from '../../shared/debug-log';
import { ScdkError, connectionLost, timedOut } from '../../shared/scdk-error';
import { createBridgeFrame, pageUrl } from './bridge-frame';
import { appendToBody } from '../append-to-body';
import { diagnoseHandshake } from './diagnose-handshake';
import { PortChannel, sendConnect } from './port-channel';
import { BRIDGE_PATH, PROTOCOL_VERSION, type BridgeMethod, type StorageState } from '../../shared/protocol';
import { HANDSHAKE_GRACE_MS } from './timeouts';

export interface FrameClientOptions {
  platformOrigin: string;
  gateway: string;
  log: DebugLog;
  /** Told the storage state each time a handshake succeeds. */
  onStorage?: (storage: StorageState) => void;
}

/**
 * The host half of the transport through a hidden iframe: one frame, one MessagePort, many requests.
 * The handshake is shared by concurrent callers and started again after a failure, so a retry works.
 */
export class FrameClient {
  private _storage?: StorageState;
  private _handshake?: Promise<StorageState>;
  private _abortHandshake?: (error: ScdkError) => void;
  private _frame?: HTMLIFrameElement;
  private _channel?: PortChannel;

  constructor(private readonly _options: FrameClientOptions) {}

  /** What the connected bridge reported; null until connected (or once its iframe left the page). Lets callers decide synchronously. */
  get storage(): StorageState | undefined {
    return this._frame?.isConnected ? this._storage : undefined;
  }

  /**
   * Connects (or joins the connection in progress) and resolves with the bridge's storage state, or
   * rejects 5001 once `timeoutMs` (what is left of the caller's deadline) has passed.
   */
  connect(timeoutMs: number): Promise<StorageState> {
    if (!this._handshake) return (this._handshake = this._startHandshake(timeoutMs));
    // Connected already (every request after the first): nothing to wait for.
    if (this._storage) return this._handshake;
    // Joining a handshake another call started: it has its own deadline, and this caller keeps its own.
    const handshake = this._handshake;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(timedOut(`The bridge at ${this._options.platformOrigin}`)), timeoutMs);
      const done = () => clearTimeout(timer);
      handshake.then(resolve, reject).then(done);
    });
  }

  /** Sends one request; the whole call, handshake included, settles within `timeoutMs` (the caller's time left). */
  request(method: BridgeMethod, token: string, timeoutMs: number): Promise<unknown> {
    // A frame removed from the page (a framework re-rendering <body>) fires no event: start over.
    if (this._frame && !this._frame.isConnected) this.close(connectionLost());
    const startedAt = Date.now();
    return this.connect(timeoutMs).then(() => {
      if (!this._channel) throw connectionLost();
      return this._channel.request(method, token, timeoutMs - (Date.now() - startedAt));
    });
  }

  /** Rejects everything in flight with `error` and removes the iframe, port and listeners. Reusable afterwards. */
  close(error: ScdkError): void {
    if (this._abortHandshake) this._abortHandshake(error);
    if (this._channel) {
      this._channel.close(error);
      this._channel = undefined;
    }
    if (this._frame) {
      this._frame.removeEventListener('load', this._onFrameReload);
      this._frame.remove();
      this._frame = undefined;
    }
    this._handshake = undefined;
    this._storage = undefined;
  }

  /** A second `load` means the bridge document was replaced: its port is dead, so start over next call. */
  private readonly _onFrameReload = (): void => {
    this._options.log('bridge reloaded');
    this.close(connectionLost());
  };

  private _startHandshake(timeoutMs: number): Promise<StorageState> {
    const { platformOrigin, gateway, log } = this._options;
    return new Promise<StorageState>((resolve, reject) => {
      const frame = createBridgeFrame(`${pageUrl(platformOrigin, BRIDGE_PATH, gateway)}&v=${PROTOCOL_VERSION}`);
      const diagnosis = new AbortController();
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      let cancelConnect = (): void => {};
      let settled = false;
      let healthy = false;

      const settle = (outcome: PortChannel | ScdkError, storage?: StorageState): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(graceTimer);
        diagnosis.abort();
        frame.removeEventListener('load', onFirstLoad);
        this._abortHandshake = undefined;
        if (outcome instanceof ScdkError) {
          log('handshake failed', outcome.message);
          cancelConnect();
          frame.remove();
          if (this._frame === frame) this._frame = undefined;
          this._handshake = undefined;
          reject(outcome);
          return;
        }
        log('connected', `storage ${storage}`);
        this._channel = outcome;
        this._storage = storage ?? 'blocked';
        frame.addEventListener('load', this._onFrameReload);
        this._options.onStorage?.(this._storage);
        resolve(this._storage);
      };

      const onFirstLoad = (): void => {
        frame.removeEventListener('load', onFirstLoad);
        if (!frame.contentWindow) return;
        // Exact targetOrigin: if the frame holds anything but the platform's page, the message is dropped.
        cancelConnect = sendConnect(frame.contentWindow, platformOrigin, gateway, log, (outcome, ready) => settle(outcome, ready?.storage));
        graceTimer = setTimeout(() => {
          diagnoseHandshake(platformOrigin, gateway, diagnosis.signal).then((error) => {
            if (error) settle(error);
            // A healthy platform: the bridge is slow (or its page is not the bridge); the deadline decides.
            else healthy = true;
          });
        }, HANDSHAKE_GRACE_MS);
      };

      const deadline = setTimeout(
        () => settle(healthy ? new ScdkError(5001, slowBridge(platformOrigin)) : timedOut(`The bridge at ${platformOrigin}`)),
        timeoutMs,
      );
      this._abortHandshake = settle;
      frame.addEventListener('load', onFirstLoad);
      this._frame = frame;
      appendToBody(frame);
    });
  }
}

/** The detail of a 5001 from a bridge page that loaded on a healthy platform but never said ready. */
const slowBridge = (platformOrigin: string): string =>
  `The bridge page ${platformOrigin}${BRIDGE_PATH} loaded but did not answer in time: check it is the bridge, not an HTTP error, or raise config.timeoutMs.`;
