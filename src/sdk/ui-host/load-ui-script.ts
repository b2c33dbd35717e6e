import { ScdkError } from '../../shared/scdk-error';
import { UI_BUILD_ATTRIBUTE, UI_EXPANDO, type UiLoadOptions, type UiModule } from '../../shared/ui-module';

declare const __SCDK_BUILD__: string;
declare const __SCDK_UI_INTEGRITY__: string;

/** The chunk's file name, beside scdk.umd.js. */
export const UI_FILE = 'scdk-ui.js';

// Read while this script evaluates (the only moment the browser says which <script> it is): where the
// chunk lives by default, and the nonce a strict CSP gave this script. Reading them does no work.
const ownScript = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
const ownSrc = ownScript?.src;
const ownNonce = ownScript?.nonce;

/** The one load in flight or done, shared by every instance of this build; cleared on failure so a retry loads again. */
let loading: Promise<UiModule> | undefined;

/** Where the chunk is: config.uiUrl, else beside this script. */
function chunkUrl(uiUrl: string | undefined): string {
  if (uiUrl) return uiUrl;
  if (!ownSrc) throw uiError('(no script src to find it beside)', 'inline');
  return new URL(UI_FILE, ownSrc).href;
}

/** 5007, with what went wrong and the one fix for every case. */
const uiError = (url: string, why: string): ScdkError =>
  new ScdkError(5007, `The UI file ${url} could not load (${why}): serve the scdk-ui.js of this build beside scdk.umd.js, or set config.uiUrl.`);

/**
 * The UI half for the script tag: dist/scdk-ui.js, loaded with the SHA-384 this build was made with
 * (`integrity`, `crossorigin`) and the page's nonce, so SRI on the main script pins the UI too and a strict
 * CSP keeps working. Rejects 5007 on a 404, a tampered or foreign chunk, or no answer within `timeoutMs`,
 * and leaves no element behind.
 */
export function loadUi({ uiUrl, nonce, timeoutMs }: UiLoadOptions): Promise<UiModule> {
  let url: string;
  try {
    url = chunkUrl(uiUrl);
  } catch (error) {
    return Promise.reject(error);
  }
  return (loading ??= new Promise<UiModule>((resolve, reject) => {
    const script = document.createElement('script') as HTMLScriptElement & Record<string, unknown>;
    const end = (outcome: UiModule | ScdkError) => {
      clearTimeout(timer);
      script.onload = script.onerror = null;
      script.remove();
      if (outcome instanceof ScdkError) {
        loading = undefined;
        reject(outcome);
      } else resolve(outcome);
    };
    const timer = setTimeout(() => end(uiError(url, 'not within config.timeoutMs')), timeoutMs);
    script.onload = () => {
      const ui = script[UI_EXPANDO] as UiModule | undefined;
      end(ui ?? uiError(url, `not the UI of build ${__SCDK_BUILD__}`));
    };
    script.onerror = () => end(uiError(url, '404, blocked, or integrity mismatch'));
    script.src = url;
    script.integrity = __SCDK_UI_INTEGRITY__;
    script.crossOrigin = 'anonymous';
    script.async = true;
    const scriptNonce = nonce ?? ownNonce;
    if (scriptNonce) script.nonce = scriptNonce;
    script.dataset[UI_BUILD_ATTRIBUTE] = __SCDK_BUILD__;
    (document.head || document.documentElement).appendChild(script);
  }));
}
