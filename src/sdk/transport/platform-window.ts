import type { DebugLog } from '../../shared/debug-log';
import { ScdkError, connectionLost, timedOut } from '../../shared/scdk-error';
import { PortChannel, sendConnect } from './port-channel';
import { isHelloMessage } from '../../shared/protocol';

/** How often the SDK checks whether the user closed the platform window (there is no event for it). */
export const WINDOW_CLOSED_POLL_MS = 250;
/**
 * Prefix of each platform window's name. Every window gets a fresh random name: a fixed, well-known name
 * would let two flows share (and close) one window, and let any frame on the page navigate it.
 */
export const WINDOW_NAME_PREFIX = 'scdk_';
export const WINDOW_FEATURES = 'popup,width=480,height=680';

/** How many times close() asks a window to close (one poll interval apart) before giving up. */
const CLOSE_TRIES = 8;

/**
 * Asks `win` to close until it says it is closed. Chromium now and then ignores close() on a window that
 * is in the middle of opening or navigating (seen in about 1 of 15 runs); a window it did close reports
 * `closed` at once, so the usual path sets no timer.
 */
function closeFor(win: Window, tries: number): void {
  if (win.closed) return;
  win.close();
  if (!win.closed && tries > 1) setTimeout(() => closeFor(win, tries - 1), WINDOW_CLOSED_POLL_MS);
}

const windowClosed = (): ScdkError => new ScdkError(1011, 'The user closed the platform window.');

export interface PlatformWindowOptions {
  platformOrigin: string;
  gateway: string;
  log: DebugLog;
}

/**
 * A platform page in a window the SDK opened from the user's click. The page says `hello` to its opener;
 * the SDK checks source window, origin and shape, then connects over a MessagePort exactly like the iframe.
 * The token is only ever sent on that port, never in the window's URL.
 */
export class PlatformWindow {
  private readonly _win: Window;
  private _channel?: PortChannel;
  /** Settles the pending connection() call: with the channel, or an error. */
  private _waiting?: (outcome: PortChannel | ScdkError) => void;
  private _cancelConnect: () => void = () => {};
  private readonly _closedPoll: ReturnType<typeof setInterval>;
  private _finished = false;

  /** Opens synchronously, so call it while the user's click still counts. Throws 5004 if the browser refuses. */
  constructor(
    url: string,
    private readonly _options: PlatformWindowOptions,
  ) {
    // NOTE: no 'noopener': with it window.open returns null even when the window opened, and the page has no opener to report to.
    const win = window.open(url, WINDOW_NAME_PREFIX + Math.random().toString(36).slice(2), WINDOW_FEATURES);
    if (!win) {
      throw new ScdkError(5004, "The browser blocked the platform window: call this from a click, or set config.fallback 'redirect'.");
    }
    this._win = win;
    window.addEventListener('message', this._onMessage);
    this._closedPoll = setInterval(() => {
      if (win.closed) this.close(windowClosed());
    }, WINDOW_CLOSED_POLL_MS);
  }

  /** Resolves once the page in the window is connected; rejects 1011 if the user closes it, 5001 after `timeoutMs` if given. */
  connection(timeoutMs?: number): Promise<PortChannel> {
    if (this._finished) return Promise.reject(windowClosed());
    if (this._channel) return Promise.resolve(this._channel);
    return new Promise((resolve, reject) => {
      const settle = (this._waiting = (outcome) => {
        clearTimeout(timer);
        this._waiting = undefined;
        if (outcome instanceof ScdkError) reject(outcome);
        else resolve(outcome);
      });
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => settle(timedOut(`The platform window at ${this._options.platformOrigin}`)), timeoutMs);
    });
  }

  /** Sends the window to another platform page; its next `hello` connects again. */
  navigate(url: string): void {
    if (this._finished) return; // closed: never move a window the SDK let go of
    this._dropChannel(connectionLost());
    this._win.location.replace(url);
  }

  /** Closes the window and rejects whatever waits on it with `error`. Idempotent. */
  close(error: ScdkError): void {
    if (this._finished) return;
    this._finished = true;
    clearInterval(this._closedPoll);
    window.removeEventListener('message', this._onMessage);
    this._dropChannel(error);
    this._waiting?.(error);
    closeFor(this._win, CLOSE_TRIES);
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
