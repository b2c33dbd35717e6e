// Mock transports for the flows' unit tests (test/unit/*-flow.spec.ts), in the manner of penpal's mock
// messenger: each mock implements the interface a flow speaks (src/sdk/transport/channel.ts) and records
// what the flow asked of it, and the test answers, refuses or lets time run out, step by step.
import type { BridgeMethod, StorageState } from '../../src/shared/protocol';
import { ScdkError, timedOut } from '../../src/shared/scdk-error';
import { within, type Deadline } from '../../src/sdk/deadline';
import type { FlowContext } from '../../src/sdk/flows/context';
import { Lifetime } from '../../src/sdk/lifetime';
import { Emitter } from '../../src/sdk/emitter';
import { SessionState } from '../../src/sdk/session-state';
import type { Channel, FrameConnection, WindowConnection } from '../../src/sdk/transport/channel';
import type { ScdkEvents } from '../../src/sdk/types';
import type { NativeBridge } from '../../src/sdk/native-bridge';

/** A promise the test settles by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run (a macrotask turn). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface SentRequest {
  method: BridgeMethod;
  token: string;
  answer: (result: unknown) => void;
  fail: (error: ScdkError) => void;
}

/** A connected page: records requests; each waits for the test, within the caller's deadline (as PortChannel). */
export class MockChannel implements Channel {
  readonly requests: SentRequest[] = [];
  closedWith?: ScdkError;

  constructor(readonly storage: StorageState) {}

  request(method: BridgeMethod, token: string, left: Deadline): Promise<unknown> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const answer = deferred<unknown>();
    this.requests.push({ method, token, answer: answer.resolve, fail: answer.reject });
    return within(answer.promise, left, () => timedOut(`The platform's "${method}"`));
  }

  close(error: ScdkError): void {
    this.closedWith ??= error;
    this.requests.forEach((request) => request.fail(error));
  }
}

/** The hidden frame's connector: connects when the test says so, with the storage state it gives. */
export class MockFrame implements FrameConnection {
  storage: StorageState | undefined;
  connections = 0;
  closedWith?: ScdkError;
  private _handshake = deferred<Channel>();

  constructor(readonly channel: MockChannel | null = null) {
    // A frame already connected (a warm bridge).
    if (channel) {
      this.storage = channel.storage;
      this._handshake.resolve(channel);
    }
  }

  connection(left: Deadline): Promise<Channel> {
    this.connections++;
    return within(this._handshake.promise, left, () => timedOut('The bridge'));
  }

  /** The bridge said ready. */
  connect(channel: MockChannel): void {
    this.storage = channel.storage;
    this._handshake.resolve(channel);
  }

  /** The bridge refused (4005, 4001) or could not load (5002). */
  refuse(error: ScdkError): void {
    this._handshake.reject(error);
    this._handshake.promise.catch(() => {});
  }

  close(error: ScdkError): void {
    this.closedWith ??= error;
    this.storage = undefined;
    this.refuse(error);
    this.channel?.close(error);
  }
}

/** A platform window: its page connects when the test says so; after close() every wait rejects with `whyClosed`. */
export class MockWindow implements WindowConnection {
  readonly navigations: string[] = [];
  closedWith?: ScdkError;
  private _page = deferred<Channel>();
  private _connected?: MockChannel;

  constructor(private readonly _whyClosed: (error: ScdkError) => ScdkError = (error) => error) {}

  connection(left?: Deadline): Promise<Channel> {
    if (this.closedWith) return Promise.reject(this._whyClosed(this.closedWith));
    return left ? within(this._page.promise, left, () => timedOut('The platform window')) : this._page.promise;
  }

  /** The page in the window said hello and connected. */
  connect(channel: MockChannel): void {
    this._connected = channel;
    this._page.resolve(channel);
  }

  navigate(url: string): void {
    if (this.closedWith) return;
    this.navigations.push(url);
    this._connected?.close(new ScdkError(5002, 'navigated'));
    this._page = deferred<Channel>();
  }

  close(error: ScdkError): void {
    if (this.closedWith) return;
    this.closedWith = error;
    this._connected?.close(error);
    this._page.reject(this._whyClosed(error));
    this._page.promise.catch(() => {});
  }
}

export interface MockInstance {
  context: FlowContext;
  lifetime: Lifetime;
  frame: MockFrame;
  /** Windows the flow opened, in order. */
  windows: MockWindow[];
  /** Events emitted, as `name` or `name:detail`. */
  events: string[];
  /** Tokens asked for: each resolves when the test says so (or at once with `token: 'ready'`). */
  tokens: ReturnType<typeof deferred<string>>[];
  redirects: { token: string; returnTo: string | undefined }[];
}

export interface MockOptions {
  timeoutMs?: number;
  fallback?: FlowContext['fallback'];
  frame?: MockFrame;
  inClick?: boolean;
  remembered?: StorageState;
  /** 'ready': every token is there at once; 'held': the test resolves each. */
  token?: 'ready' | 'held';
  /** What a window does when opened: a MockWindow, or null when the browser refuses it (5004). */
  openWindow?: () => MockWindow | null;
  /** The page runs in an app (embedded.ts's answer). */
  embedded?: boolean;
  /** The engine keeps a click's activation across awaits (Chromium, Firefox); default false, as WebKit. */
  keepsActivation?: boolean;
  /** The host app's bridge, e.g. findNativeBridge over a fake host. */
  native?: NativeBridge | null;
}

export const TOKEN = 'header.payload.signature';

/** A flow context over mocks, with a real Lifetime and SessionState. */
export function mockInstance(options: MockOptions = {}): MockInstance {
  const lifetime = new Lifetime();
  const events = new Emitter<ScdkEvents>(['session', 'logout', 'switch', 'error']);
  const seen: string[] = [];
  events.on('session', (session) => seen.push(`session:${session.state}`));
  events.on('logout', (result) => seen.push(`logout:${result.hadSession}`));
  events.on('switch', ({ accountId }) => seen.push(`switch:${accountId}`));
  const frame = options.frame ?? new MockFrame();
  lifetime.own((error) => frame.close(error));
  const windows: MockWindow[] = [];
  const tokens: MockInstance['tokens'] = [];
  const redirects: MockInstance['redirects'] = [];
  const context: FlowContext = {
    timeoutMs: options.timeoutMs ?? 5000,
    fallback: options.fallback ?? 'popup',
    log: () => {},
    lifetime,
    state: new SessionState(events),
    frame: () => frame,
    token: () => {
      const token = deferred<string>();
      tokens.push(token);
      if (options.token !== 'held') token.resolve(TOKEN);
      return token.promise;
    },
    openWindow: () => {
      lifetime.check();
      const platformWindow = options.openWindow ? options.openWindow() : new MockWindow();
      if (!platformWindow) throw new ScdkError(5004, 'refused');
      windows.push(platformWindow);
      lifetime.own((error) => platformWindow.close(error));
      return platformWindow;
    },
    loginUrl: 'https://platform.test/login',
    embedded: options.embedded ?? false,
    keepsActivation: options.keepsActivation ?? false,
    native: () => options.native ?? null,
    inClick: () => options.inClick ?? true,
    rememberedStorage: () => options.remembered,
    redirect: (token, returnTo) => {
      redirects.push({ token, returnTo });
      return new Promise<never>(() => {});
    },
  };
  return { context, lifetime, frame, windows, events: seen, tokens, redirects };
}

/** The ScdkError code a promise rejects with, or 'resolved'. */
export async function outcome(promise: Promise<unknown>): Promise<number | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (!(error instanceof ScdkError)) throw error;
    return error.code;
  }
}

/** Whether `promise` is still pending after pending callbacks ran. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  promise.catch(() => {});
  await settle();
  return (await Promise.race([promise.catch(() => 'settled'), Promise.resolve(marker)])) === marker;
}
