import type { DebugLog } from '../../shared/debug-log';
import { ScdkError, connectionLost, timedOut } from '../../shared/scdk-error';
import { BRIDGE_PATH, type StorageState } from '../../shared/protocol';
import { appendToBody } from '../append-to-body';
import { within, type Deadline } from '../deadline';
import { createBridgeFrame } from './bridge-frame';
import type { Channel, FrameConnection } from './channel';
import { diagnoseHandshake } from './diagnose-handshake';
import { PortChannel, sendConnect } from './port-channel';
import { HANDSHAKE_GRACE_MS } from './timeouts';

export interface FrameConnectorOptions {
  platformOrigin: string;
  gateway: string;
  /** The bridge page's URL (urls.ts). */
  bridgeUrl: string;
  /** The status endpoint asked after a silent handshake (urls.ts). */
  statusUrl: string;
  log: DebugLog;
  /** Told the storage state each time a handshake succeeds. */
  onStorage: (storage: StorageState) => void;
}

/**
 * The frame connector: the partner's end of the bridge, in a hidden iframe. One frame, one MessagePort,
 * many requests. The handshake is shared by concurrent callers and started again after a failure, so a
 * retry works.
 */
export class FrameConnector implements FrameConnection {
  private _handshake?: Promise<PortChannel>;
  private _abortHandshake?: (error: ScdkError) => void;
  private _frame?: HTMLIFrameElement;
  private _channel?: PortChannel;

  constructor(private readonly _options: FrameConnectorOptions) {}

  get storage(): StorageState | undefined {
    return this._frame?.isConnected ? this._channel?.storage : undefined;
  }

  /**
   * The connected bridge (or the handshake in progress, joined). The first caller's deadline bounds the
   * handshake itself; a caller who joins it keeps its own.
   */
  connection(left: Deadline): Promise<Channel> {
    // A frame removed from the page (a framework re-rendering <body>) fires no event: start over.
    if (this._frame && !this._frame.isConnected) this.close(connectionLost());
    if (this._channel) return Promise.resolve(this._channel);
    if (!this._handshake) return (this._handshake = this._startHandshake(left()));
    return within(this._handshake, left, () => timedOut(`The bridge at ${this._options.platformOrigin}`));
  }

  /** Rejects everything in flight with `error` and removes the iframe, port and listeners. Reusable afterwards. */
  close(error: ScdkError): void {
    this._abortHandshake?.(error);
    this._channel?.close(error);
    this._channel = undefined;
    if (this._frame) {
      this._frame.removeEventListener('load', this._onFrameReload);
      this._frame.remove();
      this._frame = undefined;
    }
    this._handshake = undefined;
  }

  /** A second `load` means the bridge document was replaced: its port is dead, so start over next call. */
  private readonly _onFrameReload = (): void => {
    this._options.log('bridge reloaded');
    this.close(connectionLost());
  };

  private _startHandshake(timeoutMs: number): Promise<PortChannel> {
    const { platformOrigin, gateway, log, bridgeUrl, statusUrl } = this._options;
    return new Promise<PortChannel>((resolve, reject) => {
      const frame = createBridgeFrame(bridgeUrl);
      const diagnosis = new AbortController();
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      let cancelConnect = (): void => {};
      let settled = false;
      let healthy = false;

      const settle = (outcome: PortChannel | ScdkError): void => {
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
        log('connected', `storage ${outcome.storage}`);
        this._channel = outcome;
        frame.addEventListener('load', this._onFrameReload);
        this._options.onStorage(outcome.storage);
        resolve(outcome);
      };

      const onFirstLoad = (): void => {
        frame.removeEventListener('load', onFirstLoad);
        if (!frame.contentWindow) return;
        // Exact targetOrigin: if the frame holds anything but the platform's page, the message is dropped.
        cancelConnect = sendConnect(frame.contentWindow, platformOrigin, gateway, log, settle);
        graceTimer = setTimeout(() => {
          diagnoseHandshake(statusUrl, platformOrigin, diagnosis.signal).then((error) => {
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
