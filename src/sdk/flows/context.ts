import type { DebugLog } from '../../shared/debug-log';
import type { StorageState } from '../../shared/protocol';
import type { FallbackMode } from '../config';
import type { Deadline } from '../deadline';
import type { Lifetime } from '../lifetime';
import type { NativeBridge } from '../native-bridge';
import type { SessionState } from '../session-state';
import type { FrameConnection, WindowConnection } from '../transport/channel';

/**
 * What a flow needs from its instance, built once by the client. Everything that touches the page (the
 * frame, windows, storage, the redirect form) comes through here, so flows run in unit tests against mocks.
 */
export interface FlowContext {
  timeoutMs: number;
  fallback: FallbackMode;
  log: DebugLog;
  lifetime: Lifetime;
  state: SessionState;
  /** The frame connector, made on first use. */
  frame(): FrameConnection;
  /** The token for a request, within what is left of `left` (TokenSource.fresh). Flows ask through tokenFor(). */
  token(left: Deadline): Promise<string>;
  /** Opens a platform window at its window page, synchronously (inside the click); throws 5004 if refused. */
  openWindow(): WindowConnection;
  /** The platform's login page, where a switch sends its window. */
  loginUrl: string;
  /** Whether the page runs in an app's web view or an in-app browser (embedded.ts; config.embedded wins). */
  embedded: boolean;
  /** The host app's native bridge (config.nativeBridge, or a detected `scdk` handler), or null. Looks, never calls. */
  native(): NativeBridge | null;
  /** Whether the page is inside a user's click, by the engine's rules. */
  inClick(): boolean;
  /** Whether the engine lets that click open a window after awaits (Chromium, Firefox), not only synchronously (WebKit). */
  keepsActivation: boolean;
  /** What the last handshake with this platform reported on this partner origin, if anything. */
  rememberedStorage(): StorageState | undefined;
  /** Submits the redirect logout form and waits for the page to leave (redirect-logout.ts). */
  redirect(token: string, returnTo: string | undefined, left: Deadline): Promise<never>;
}

/**
 * The token for a request: asked for after window.open, never before (a slow config.getToken must not
 * cost the click), and given up with 5005 the moment destroy() runs: the partner's getToken cannot be
 * cancelled, and nothing may be built or sent with its late answer.
 */
export const tokenFor = (context: FlowContext, left: Deadline): Promise<string> => context.lifetime.guard(context.token(left));
