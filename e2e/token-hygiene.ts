// Token hygiene over the whole e2e suite: an auto fixture (wired in e2e/fixtures.ts) watches every
// test's browser context and fails the test if an auth token shows up in a request URL or in console
// output (any page or frame), or if SDK or bridge code posts a message with targetOrigin '*'.
import type { Browser, BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import { registerToken, tokenSecrets } from './token-registry';

/** What a test can ask the fixture. Only the self-test in e2e/token-hygiene.spec.ts needs it. */
export interface TokenHygiene {
  /** Everything recorded so far that breaks a rule, one line each. */
  leaks(): Promise<string[]>;
  /** Drops what was recorded so far (the self-test leaks on purpose, then forgives). */
  forgive(): void;
}

/** The exposed function the in-page recorder reports '*' posts to. */
const STAR_POST_BINDING = '__e2eReportStarPost';
/**
 * Stack frames that belong to code scdk ships: the UMD/ESM/CJS bundles, the platform runtime and the
 * platform's /scdk/vN/ scripts. Test code (page.evaluate, harness.js, the hostile site) does not match,
 * so attacker posts made on purpose by the forged-message and fuzz tests are not counted.
 */
export const SDK_SCRIPT_PATTERN = String.raw`/scdk[\w.-]*\.(?:m?js|cjs)\b|/scdk/v\d+/[\w.-]+\.js\b`;
/** The partner's token endpoint; tokens it hands to pages are registered from its responses. */
const TOKEN_ENDPOINT_PATH = '/api/token';
/** What drain() logs in each open page at the end of a test (no token, so never a finding itself). */
const DRAIN_MESSAGE = 'scdk-e2e token-hygiene drain';
const MAX_QUOTED_CHARS = 160;

const quote = (text: string) => (text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text);

/**
 * Runs in every frame of the context before its scripts (serialized by Playwright: no closures).
 *
 * Wrapping `window.postMessage` only sees posts to the page's own window: a call on a *cross-origin*
 * window (the bridge iframe, a platform popup, `parent` inside the bridge) uses the browser's original
 * method whatever this realm patched. So every other window this realm can get hold of
 * (`iframe.contentWindow`, `window.open()`, `parent`, `opener`, `event.source`) is handed out as one
 * cached Proxy per window whose `postMessage` is recorded. Identity comparisons such as
 * `event.source === frame.contentWindow` still hold because both sides return the same Proxy.
 * Not covered: `window.top` (unforgeable) and `window.frames[i]`.
 */
export function installStarPostRecorder({ binding, sdkScript }: { binding: string; sdkScript: string }): void {
  const win = window as unknown as Record<string | symbol, unknown>;
  const installed = Symbol.for('scdk-e2e.star-post-recorder');
  if (win[installed]) return;
  Object.defineProperty(win, installed, { value: true });

  const sdkFrame = new RegExp(sdkScript);
  const targetOriginOf = (options: unknown): string => {
    if (typeof options === 'string') return options;
    const fromObject = options !== null && typeof options === 'object' ? (options as { targetOrigin?: unknown }).targetOrigin : undefined;
    return typeof fromObject === 'string' ? fromObject : '/';
  };
  const describe = (message: unknown): string =>
    message !== null && typeof message === 'object' ? `{${Object.keys(message).slice(0, 8).join(', ')}}` : typeof message;
  const check = (message: unknown, options: unknown): void => {
    if (targetOriginOf(options) !== '*' || message === undefined || message === null || message === '') return;
    const sdkLine = (new Error().stack ?? '').split('\n').find((line) => sdkFrame.test(line));
    if (!sdkLine) return;
    const report = win[binding];
    if (typeof report === 'function') {
      (report as (line: string) => Promise<void>)(`${describe(message)} posted with targetOrigin '*' in ${location.origin} ${sdkLine.trim()}`).catch(() => {});
    }
  };

  const ownPost = window.postMessage;
  const ownDescriptor = Object.getOwnPropertyDescriptor(window, 'postMessage');
  Object.defineProperty(window, 'postMessage', {
    ...ownDescriptor,
    value: function postMessage(this: unknown, message: unknown, options?: unknown) {
      check(message, options);
      // eslint-disable-next-line prefer-rest-params
      return ownPost.apply(this ?? window, arguments as unknown as Parameters<typeof ownPost>);
    },
  });

  const proxies = new WeakMap<object, object>();
  const isOtherWindow = (value: unknown): value is Window => {
    if (value === null || typeof value !== 'object' || value === window) return false;
    try {
      return (value as Window).window === value;
    } catch {
      return false;
    }
  };
  const wrap = <T>(value: T): T => {
    if (!isOtherWindow(value)) return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      const target = value as unknown as Record<string | symbol, unknown>;
      const post = function postMessage(message: unknown, options?: unknown) {
        check(message, options);
        // eslint-disable-next-line prefer-rest-params
        return (target.postMessage as (...args: unknown[]) => void).apply(target, arguments as unknown as unknown[]);
      };
      proxy = new Proxy(target, {
        get(t, key) {
          if (key === 'postMessage') return post;
          const property = Reflect.get(t, key);
          // Methods (close, focus, addEventListener...) need the real window as `this`; constructors keep `prototype`.
          const callable = property as (...args: unknown[]) => unknown;
          return typeof property === 'function' && !('prototype' in property) ? callable.bind(t) : property;
        },
        set: (t, key, property) => Reflect.set(t, key, property),
      });
      proxies.set(value, proxy);
    }
    return proxy as T;
  };
  const wrapGetter = (owner: object, key: string): void => {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (!descriptor || !descriptor.get || !descriptor.configurable) return;
    const get = descriptor.get;
    Object.defineProperty(owner, key, {
      ...descriptor,
      get() {
        return wrap(get.call(this));
      },
    });
  };
  wrapGetter(HTMLIFrameElement.prototype, 'contentWindow');
  wrapGetter(HTMLObjectElement.prototype, 'contentWindow');
  wrapGetter(MessageEvent.prototype, 'source');
  wrapGetter(window, 'parent');
  wrapGetter(window, 'opener');
  const open = window.open;
  window.open = function (this: unknown, ...args: Parameters<typeof open>) {
    return wrap(open.apply(this ?? window, args));
  };
}

/** Records what one context does. */
function watchContext(context: BrowserContext, sink: { lines: string[]; pending: Promise<unknown>[] }): Promise<void> {
  const { lines, pending } = sink;
  context.on('request', (request) => lines.push(`request URL ${request.url()}`));
  context.on('console', (message: ConsoleMessage) => {
    lines.push(`console.${message.type()} ${message.text()}`);
    // Object previews in text() are shortened; the values themselves are read too.
    for (const arg of message.args()) {
      pending.push(
        arg.jsonValue().then(
          (value) => typeof value === 'object' && value !== null && lines.push(`console.${message.type()} argument ${JSON.stringify(value)}`),
          () => {},
        ),
      );
    }
  });
  context.on('weberror', (error) => lines.push(`uncaught error ${error.error().stack ?? error.error().message}`));
  context.on('response', (response) => {
    if (new URL(response.url()).pathname !== TOKEN_ENDPOINT_PATH) return;
    pending.push(response.json().then((body: { token?: unknown }) => registerToken(body?.token), () => {}));
  });
  return Promise.all([
    context.exposeBinding(STAR_POST_BINDING, (_source, line: string) => {
      lines.push(`star post ${line}`);
    }),
    context.addInitScript(installStarPostRecorder, { binding: STAR_POST_BINDING, sdkScript: SDK_SCRIPT_PATTERN }),
  ]).then(() => {});
}

/**
 * At the end of a test, lets what a still-open page sent reach the handlers in watchContext: the page's main
 * frame logs DRAIN_MESSAGE and the fixture waits for that console event. The frame's earlier console messages,
 * star-post binding calls and the request events its renderer reports come down the same protocol session
 * before it. Not covered: child frames in other processes (the bridge iframe; evaluating in a frame that
 * never committed, a hung bridge load, can wait forever, and a time limit would make the check depend on
 * time again) and requests the browser itself starts (navigations). A page that closes or navigates away
 * meanwhile is skipped: what it sent before was delivered before it went.
 */
async function drain(page: Page): Promise<void> {
  if (page.isClosed()) return;
  let heard = false;
  const drained = page
    .waitForEvent('console', { predicate: (message) => message.text() === DRAIN_MESSAGE, timeout: 0 })
    .then(() => { heard = true; }, () => {});
  try {
    await page.mainFrame().evaluate((text) => console.debug(text), DRAIN_MESSAGE);
  } catch {
    return; // closed, crashed or navigated away: nothing more will come from this document
  }
  if (!heard) await drained;
}

/** The recorded lines that break a rule. */
function findLeaks(lines: readonly string[]): string[] {
  const secrets = tokenSecrets();
  const leaks: string[] = [];
  for (const line of lines) {
    if (line.startsWith('star post ')) leaks.push(`an SDK or bridge message was ${quote(line.slice('star post '.length))}`);
    else if (secrets.some((secret) => line.includes(secret))) leaks.push(`a token appears in ${quote(line)}`);
  }
  return leaks;
}

/**
 * The fixture body: watches `context` (and any context the test makes with `browser.newContext()`),
 * runs the test, then fails it if anything leaked.
 */
export async function tokenHygieneFixture(
  { context, browser }: { context: BrowserContext; browser: Browser },
  use: (hygiene: TokenHygiene) => Promise<void>,
): Promise<void> {
  const sink = { lines: [] as string[], pending: [] as Promise<unknown>[] };
  const watched = [context];
  await watchContext(context, sink);
  const newContext = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const made = await newContext.apply(browser, args);
    watched.push(made);
    await watchContext(made, sink);
    return made;
  };
  const leaks = async () => {
    await Promise.allSettled(sink.pending);
    return findLeaks(sink.lines);
  };
  try {
    await use({
      leaks,
      forgive: () => {
        sink.lines.length = 0;
      },
    });
  } finally {
    browser.newContext = newContext;
  }
  // Pages still open (a closed context has none) may have console output or requests in flight.
  await Promise.all(watched.flatMap((watchedContext) => watchedContext.pages()).map(drain));
  const found = await leaks();
  if (found.length > 0) throw new Error(`Token hygiene: ${found.length} problem(s):\n- ${found.join('\n- ')}`);
}
