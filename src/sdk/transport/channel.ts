import type { BridgeMethod, StorageState } from '../../shared/protocol';
import type { ScdkError } from '../../shared/scdk-error';
import type { Deadline } from '../deadline';

/**
 * A connected platform page, whatever carries it: the bridge in the hidden frame or a platform window
 * (both a PortChannel today). Flows speak only this, so they are tested against a mock.
 */
export interface Channel {
  /** What the page said when it connected: whether it reaches the platform's session cookie. */
  readonly storage: StorageState;
  /** One request; rejects with the page's error, 5001 once `left` runs out, or what close() was given. */
  request(method: BridgeMethod, token: string, left: Deadline): Promise<unknown>;
  /** Rejects every request in flight with `error`; later requests reject with it at once. */
  close(error: ScdkError): void;
}

/** What makes a Channel: the frame connector, a platform window. */
export interface Connector {
  /** Resolves once the page is connected; rejects once `left` runs out (no limit without it) or on close(). */
  connection(left?: Deadline): Promise<Channel>;
  /** Removes the frame or closes the window; whatever waits on it rejects with `error`. */
  close(error: ScdkError): void;
}

/** The hidden frame's connector: also says, synchronously, what its connected bridge reported. */
export interface FrameConnection extends Connector {
  /** The connected bridge's storage state, or undefined until connected: lets a flow choose inside a click. */
  readonly storage: StorageState | undefined;
  connection(left: Deadline): Promise<Channel>;
}

/** A platform window the SDK opened: a connector that can also move to another platform page. */
export interface WindowConnection extends Connector {
  /** Sends the window to `url`; its page's next hello connects again. No-op once closed. */
  navigate(url: string): void;
}
