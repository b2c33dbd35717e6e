// The type of the page harness (e2e/fixtures/harness.js) that partner pages in the e2e suite load: one
// declaration for every spec, instead of one restated in each. It runs inside the page, so specs use it
// only within page.evaluate(); the instances it makes are typed loosely on purpose, as tests call them with
// wrong arguments too.
import type { Outcome } from './helpers';

/** An scDK instance as the specs drive it. */
export interface HarnessSdk {
  brokerLogout(options?: unknown): Promise<unknown>;
  getSession(): Promise<unknown>;
  switchAccount(options?: unknown): Promise<unknown>;
  openAccountSwitcher(): Promise<unknown>;
  mountSwitchButton(target: unknown, options?: unknown): () => void;
  setToken(token: unknown): void;
  on(event: string, listener: (payload: unknown) => void): () => void;
  destroy(): void;
}

export interface Harness {
  /** A new scDK for gateway `demo` (or `gateway`) on this run's mock platform. */
  create(token: string, config?: object, gateway?: string): HarnessSdk;
  /** Every instance `create` made, in order. */
  instances: HarnessSdk[];
  /** A function starts the clock before the call: `ms` then compares with the deadline from below. */
  outcome(call: Promise<unknown> | (() => Promise<unknown>)): Promise<Outcome>;
  attempt(fn: () => unknown): Omit<Outcome, 'ms'>;
  /** As if an earlier handshake had seen the frame reach the platform's cookies. */
  rememberIframeReachesCookies(platformOrigin?: string): void;
  loadScript(src: string): Promise<unknown>;
  /** How many iframes the page holds. */
  frames(): number;
}

declare global {
  // eslint-disable-next-line no-var
  var harness: Harness;
}
