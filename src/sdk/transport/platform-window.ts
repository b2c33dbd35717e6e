import type { DebugLog } from '../../shared/debug-log';
import { ScdkError, connectionLost, timedOut } from '../../shared/scdk-error';
import { isHelloMessage } from '../../shared/protocol';
import { randomHex } from '../../shared/random-hex';
import { within, type Deadline } from '../deadline';
import type { Channel, WindowConnection } from './channel';
import { PortChannel, sendConnect } from './port-channel';

/** How often the SDK checks whether the user closed the platform window (there is no event for it). */
export const WINDOW_CLOSED_POLL_MS = 250;
/**
 * Prefix of each platform window's name. Every window gets a fresh name from the CSPRNG: a fixed or
 * guessable name would let two flows share (and close) one window, and let any frame on the page navigate it.
 */
export const WINDOW_NAME_PREFIX = 'scdk_';
export const WINDOW_FEATURES = 'popup,width=480,height=680';
/** Random bytes in a window's name. */
const WINDOW_NAME_BYTES = 16;

/** How many times close() asks a window to close (one poll interval apart) before giving up. */
const CLOSE_TRIES = 8;

const windowClosed = (): ScdkError => new ScdkError(1011, 'The user closed the platform window.');

/** The page-wide calls a platform window needs: `window` in a browser, a fake in unit tests. */
export type WindowHost = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;

export interface PlatformWindowOptions {
  platformOrigin: string;
  gateway: string;
  log: DebugLog;
  /** Called once the window is closed and no close retry is pending. */
  onGone?: () => void;
}

/**
 * A platform page in a window the SDK opened from the user's click. The page says `hello` to its opener;
 * the SDK checks source window, origin and shape, then connects over a MessagePort exactly like the iframe.
 * The token is only ever sent on that port, never in the window's URL.
 */
export class PlatformWindow implements WindowConnection {
  private readonly _win: Window;
  private _channel?: PortChannel;
  /** Settles the pending connection() call: with the channel, or an error. */
  private _waiting?: (outcome: PortChannel | ScdkError) => void;
  private _cancelConnect: () => void = () => {};
  private readonly _closedPoll: ReturnType<typeof setInterval>;
  private _closeRetry?: ReturnType<typeof setTimeout>;
  /** Set by close(): what every later wait rejects with. */
  private _closedWith?: ScdkError;

  /** Opens synchronously, so call it while the user's click still counts. Throws 5004 if the browser refuses. */
  constructor(
    url: string,
    private readonly _options: PlatformWindowOptions,
    private readonly _host: WindowHost = window,
  ) {
    // NOTE: no 'noopener': with it window.open returns null even when the window opened, and the page has no opener to report to.
    const win = _host.open(url, WINDOW_NAME_PREFIX + randomHex(WINDOW_NAME_BYTES), WINDOW_FEATURES);
    if (!win) {
      throw new ScdkError(5004, "The browser blocked the platform window: call this from a click, or set config.fallback 'redirect'.");
    }
    this._win = win;
    _host.addEventListener('message', this._onMessage);
    this._closedPoll = setInterval(() => {
      if (win.closed) this.close(windowClosed());
    }, WINDOW_CLOSED_POLL_MS);
  }

  /** Resolves once the page in the window is connected; rejects 1011 if the user closes it, 5001 once `left` runs out if given. */
  connection(left?: Deadline): Promise<Channel> {
    if (this._closedWith) return Promise.reject(this._closedWith);
    if (this._channel) return Promise.resolve(this._channel);
    const connected = new Promise<PortChannel>((resolve, reject) => {
      this._waiting = (outcome) => {
        this._waiting = undefined;
        if (outcome instanceof ScdkError) reject(outcome);
        else resolve(outcome);
      };
    });
    return left ? within(connected, left, () => timedOut(`The platform window at ${this._options.platformOrigin}`)) : connected;
  }

  navigate(url: string): void {
    if (this._closedWith) return; // closed: never move a window the SDK let go of
    this._dropChannel(connectionLost());
    this._win.location.replace(url);
  }

  /** Closes the window and rejects whatever waits on it with `error`. Idempotent. */
  close(error: ScdkError): void {
    if (this._closedWith) return;
    this._closedWith = error;
    clearInterval(this._closedPoll);
    this._host.removeEventListener('message', this._onMessage);
    this._dropChannel(error);
    this._waiting?.(error);
    this._closeFor(CLOSE_TRIES);
  }

  /** Stops asking the window to close: destroy() leaves no timer behind, even at the cost of a retry. */
  stopClosing(): void {
    clearTimeout(this._closeRetry);
    this._closeRetry = undefined;
    this._options.onGone?.();
  }

  /**
   * Asks the window to close until it says it is closed. Chromium now and then ignores close() on a window
   * that is in the middle of opening or navigating; a window it did close reports `closed` at once, so
   * the usual path sets no timer.
   */
  private _closeFor(tries: number): void {
    if (!this._win.closed) this._win.close();
    if (!this._win.closed && tries > 1) this._closeRetry = setTimeout(() => this._closeFor(tries - 1), WINDOW_CLOSED_POLL_MS);
    else this.stopClosing();
  }

  private _dropChannel(error: ScdkError): void {
    this._cancelConnect();
    this._cancelConnect = () => {};
    this._channel?.close(error);
    this._channel = undefined;
  }

  private readonly _onMessage = (event: MessageEvent): void => {
    const { platformOrigin, gateway, log } = this._options;
    // source window, then origin, then shape.
    if (event.source !== this._win || event.origin !== platformOrigin) return;
    const data: unknown = event.data;
    if (!isHelloMessage(data) || data.gateway !== gateway) return;
    // A new document said hello: any previous port belonged to the page before it.
    this._dropChannel(connectionLost());
    this._cancelConnect = sendConnect(this._win, platformOrigin, gateway, log, (outcome) => {
      this._cancelConnect = () => {};
      if (outcome instanceof ScdkError) {
        // A refusal for an extra connect must not break a channel that already works.
        if (this._channel) return;
      } else {
        this._channel = outcome;
      }
      this._waiting?.(outcome);
    });
  };
}
