/**
 * Whether the page runs inside an app rather than a browser: an app's web view or an in-app browser.
 * There, `window.open` often navigates the page itself or gives nothing, so a logout must not rely on a
 * window. No platform exposes this as an API: every SDK that cares (Firebase, Auth0, MSAL all tell
 * developers to use redirects there) leaves it to user-agent signals, so this list needs keeping up.
 * A host app that knows better says so with `config.embedded` (true or false), which wins.
 */
const EMBEDDED_SIGNALS = [
  // Android System WebView adds "; wv)" to its user agent (Android 5.0+):
  // https://developer.chrome.com/docs/multidevice/user-agent/#webview-user-agent
  '; wv\\)',
  // WKWebView on iOS and iPadOS (iPadOS 13+ may claim "Macintosh") keeps AppleWebKit but has no "Safari/"
  // token, which Safari and SFSafariViewController carry: https://developer.apple.com/documentation/webkit/wkwebview/customuseragent
  '(?:iPhone|iPad|iPod|Macintosh)(?!.*Safari/).*AppleWebKit',
  // Facebook and Messenger in-app browsers: FBAN/FBAV on iOS, FB_IAB on Android (firebase-js-sdk #4421, #6206).
  'FBAN/|FBAV/|FB_IAB',
  // Instagram's in-app browser: "Instagram <version>" (auth0-react #460).
  'Instagram ',
  // LinkedIn's in-app browser: "LinkedInApp" (vue-social-sharing #174).
  'LinkedInApp',
  // LINE, Snapchat and TikTok in-app browsers (their user agents as sent by the apps).
  ' Line/|Snapchat|musical_ly|BytedanceWebview',
];

/** The part of `navigator` this reads. */
export interface NavigatorLike {
  userAgent?: string;
}

/**
 * @param nav the page's `navigator` (or none, outside a browser)
 * @param declared `config.embedded`: the host app's own word, which wins over the user agent
 */
export function isEmbedded(nav: NavigatorLike | undefined, declared?: boolean): boolean {
  if (typeof declared === 'boolean') return declared;
  return new RegExp(EMBEDDED_SIGNALS.join('|')).test(nav?.userAgent ?? '');
}
