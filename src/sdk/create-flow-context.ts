import type { ScdkError } from '../shared/scdk-error';
import type { NormalizedOptions } from './config';
import type { Deadline } from './deadline';
import type { FlowContext } from './flows/context';
import { awaitDeparture, currentPageUrl, submitRedirectLogout } from './flows/redirect-logout';
import { isEmbedded } from './embedded';
import type { Lifetime } from './lifetime';
import { findNativeBridge, type LoadNativeCall, type NativeHostWindow } from './native-bridge';
import type { SessionState } from './session-state';
import { recallStorage, rememberStorage } from './storage-memory';
import type { TokenSource } from './token-source';
import { FrameConnector } from './transport/frame-connector';
import { PlatformWindow } from './transport/platform-window';
import { platformUrls } from './transport/urls';

export interface InstanceParts {
  options: NormalizedOptions;
  tokens: TokenSource;
  lifetime: Lifetime;
  state: SessionState;
  /** The UI chunk, where the native bridge's call and answer live. */
  loadUi: LoadNativeCall;
}

/** The flows' context in a browser page, plus what the switcher needs: closing the instance's open windows. */
export type PageFlowContext = FlowContext & { closeWindows(error: ScdkError): void };

/**
 * Whether the page is inside a user's click (or a few seconds after it, by the engine's rules). Without
 * one no window can open, so a call should not try; engines without the API are assumed to be in a click.
 */
function hasUserActivation(): boolean {
  return (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation?.isActive ?? true;
}

/**
 * Whether a click's permission to open a window outlives awaits: Chromium and Firefox keep the HTML
 * standard's transient activation for about 5 s; WebKit (Safari, every iOS browser, WKWebView: their user
 * agents carry AppleWebKit and no "Chrome/") allows a window only synchronously inside the handler
 * (TOOLCHAIN.md, measured with real clicks). No API tells the two apart without opening a window, so
 * this reads the engine from the user agent; an unknown engine is taken as WebKit, the safe side.
 */
function engineKeepsActivation(nav: { userAgent?: string } | undefined): boolean {
  const agent = nav?.userAgent ?? '';
  return /Chrome\/|Firefox\//.test(agent);
}

/** The flows' context for one instance: its transports, each registered with its lifetime. */
export function createFlowContext({ options, tokens, lifetime, state, loadUi }: InstanceParts): PageFlowContext {
  const { platformOrigin, gateway, log, timeoutMs, fallback } = options;
  const urls = platformUrls(platformOrigin, gateway);
  const windows = new Set<PlatformWindow>();
  let frame: FrameConnector | undefined;
  return {
    timeoutMs,
    fallback,
    log,
    lifetime,
    state,
    loginUrl: urls.login,
    frame() {
      if (!frame) {
        const connector = new FrameConnector({
          platformOrigin,
          gateway,
          log,
          bridgeUrl: urls.bridge,
          statusUrl: urls.status,
          onStorage: (storage) => rememberStorage(platformOrigin, storage),
        });
        lifetime.own((error) => connector.close(error));
        frame = connector;
      }
      return frame;
    },
    token: (left: Deadline) => tokens.fresh(left),
    openWindow() {
      lifetime.check();
      const platformWindow: PlatformWindow = new PlatformWindow(urls.window, {
        platformOrigin,
        gateway,
        log,
        onGone: () => {
          windows.delete(platformWindow);
          release();
        },
      });
      windows.add(platformWindow);
      const release = lifetime.own((error) => {
        platformWindow.close(error);
        platformWindow.stopClosing();
      });
      return platformWindow;
    },
    closeWindows: (error) => windows.forEach((platformWindow) => platformWindow.close(error)),
    // Read at each use, not when the instance is made: constructing touches no browser global (SSR).
    get embedded() {
      return isEmbedded(globalThis.navigator, options.embedded);
    },
    native: () => findNativeBridge(window as NativeHostWindow, options.nativeBridge, loadUi),
    inClick: hasUserActivation,
    get keepsActivation() {
      return engineKeepsActivation(globalThis.navigator);
    },
    rememberedStorage: () => recallStorage(platformOrigin),
    redirect(token, returnTo, left) {
      submitRedirectLogout({ platformOrigin, gateway, token, returnTo: returnTo ?? currentPageUrl() });
      const { departure, cancel } = awaitDeparture(window, left);
      const release = lifetime.own(cancel);
      departure.catch(release);
      return departure;
    },
  };
}
