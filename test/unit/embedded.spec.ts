import { expect, test } from '@playwright/test';
import { isEmbedded } from '../../src/sdk/embedded';

// src/sdk/embedded.ts: which user agents are an app's web view or an in-app browser. The strings are the
// shapes each app sends (versions shortened); a browser must never read as embedded, or 'auto' would
// give up on windows where they work.

const EMBEDDED = {
  'Android WebView': 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.0.0 Mobile Safari/537.36',
  'iOS WKWebView': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'iPadOS WKWebView (desktop mode)': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  'Facebook on iOS': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.108;FBBV/1]',
  'Facebook on Android': 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/470.0.0.43.108;]',
  'Instagram on iOS': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 340.0.0.22.109 (iPhone15,2; iOS 17_5; en_US)',
  'LinkedIn on iOS': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1',
  'TikTok on Android': 'Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 musical_ly_2023400030 BytedanceWebview/d8a21c6',
};
const BROWSERS = {
  'Chrome on Android': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Safari on iOS (and SFSafariViewController)': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Chrome on iOS': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  'Safari on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Firefox on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Chrome on Windows': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'WebKitGTK (the host-app journeys)': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
};

for (const [name, userAgent] of Object.entries(EMBEDDED)) {
  test(`embedded: ${name}`, () => {
    expect(isEmbedded({ userAgent })).toBe(true);
  });
}

for (const [name, userAgent] of Object.entries(BROWSERS)) {
  test(`a browser, not embedded: ${name}`, () => {
    expect(isEmbedded({ userAgent })).toBe(false);
  });
}

test("the host app's config.embedded wins over the user agent, either way", () => {
  expect(isEmbedded({ userAgent: BROWSERS['Chrome on Windows'] }, true)).toBe(true);
  expect(isEmbedded({ userAgent: EMBEDDED['Android WebView'] }, false)).toBe(false);
});

test('no navigator (server rendering) or no user agent: not embedded', () => {
  expect(isEmbedded(undefined)).toBe(false);
  expect(isEmbedded({})).toBe(false);
});
