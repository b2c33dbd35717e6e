// Counts what scdk's own code leaves running on the partner page: timers, event listeners and
// MessagePorts with a handler. Installed with page.addInitScript before the page's scripts; a call is
// attributed to the SDK when its stack runs through an scdk bundle (SDK_SCRIPT_PATTERN).
import type { Page } from '@playwright/test';
import { SDK_SCRIPT_PATTERN } from './token-hygiene';

export interface Resources {
  /** Timers the SDK set that have neither fired nor been cleared (intervals until cleared). */
  timers: string[];
  /** Listeners the SDK added, not removed, on window, document, connected nodes or other live targets. */
  listeners: string[];
  /** MessagePorts the SDK gave an onmessage handler and never closed or unhooked. */
  ports: number;
  iframes: number;
}

const RESOURCES_KEY = 'scdk-e2e.resources';

/** Runs in the page (serialized by Playwright: no closures). Top frame only: that is the partner's page. */
function installResourceTracker({ sdkScript, key }: { sdkScript: string; key: string }): void {
  if (window !== window.top) return;
  const sdkFrame = new RegExp(sdkScript);
  const fromSdk = () => sdkFrame.test(new Error().stack ?? '');
  const win = window as unknown as Record<string, (...args: unknown[]) => number>;

  const timers = new Map<number, string>();
  const wrapTimer = (setName: string, clearName: string, repeats: boolean) => {
    const set = win[setName];
    const clear = win[clearName];
    win[setName] = function (handler: unknown, ms?: unknown, ...rest: unknown[]) {
      if (!fromSdk() || typeof handler !== 'function') return set.call(window, handler, ms, ...rest);
      const id: number = set.call(
        window,
        function (this: unknown, ...args: unknown[]) {
          if (!repeats) timers.delete(id);
          return (handler as (...a: unknown[]) => unknown).apply(this, args);
        },
        ms,
        ...rest,
      );
      timers.set(id, `${setName}(${String(ms)})`);
      return id;
    };
    win[clearName] = function (id: unknown) {
      timers.delete(id as number);
      return clear.call(window, id);
    };
  };
  wrapTimer('setTimeout', 'clearTimeout', false);
  wrapTimer('setInterval', 'clearInterval', true);

  // Held weakly: a listener left on a node that is gone with its listeners (Preact never removes the ones
  // it adds) is no leak, and a strong reference here would keep that node alive and make it one.
  interface Registration {
    target: WeakRef<EventTarget>;
    type: string;
    listener: WeakRef<object>;
    capture: boolean;
  }
  const listeners = new Set<Registration>();
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const captureOf = (options: unknown) =>
    typeof options === 'boolean' ? options : Boolean(options && (options as AddEventListenerOptions).capture);
  /** Drops the registrations whose target or listener has been collected. */
  const prune = () =>
    listeners.forEach((r) => (r.target.deref() && r.listener.deref() ? undefined : listeners.delete(r)));
  const find = (target: EventTarget, type: string, listener: unknown, capture: boolean) => {
    prune();
    return [...listeners].find(
      (r) => r.target.deref() === target && r.type === type && r.listener.deref() === listener && r.capture === capture,
    );
  };
  proto.addEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    const capture = captureOf(options);
    if (listener && fromSdk() && !find(this, type, listener, capture)) {
      const registration = { target: new WeakRef(this), type, listener: new WeakRef(listener as object), capture };
      listeners.add(registration);
      const settings = (options ?? {}) as AddEventListenerOptions;
      if (settings.once) add.call(this, type, () => listeners.delete(registration), { once: true, capture });
      if (settings.signal) add.call(settings.signal, 'abort', () => listeners.delete(registration), { once: true });
    }
    return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  };
  proto.removeEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
    const registration = find(this, type, listener, captureOf(options));
    if (registration) listeners.delete(registration);
    return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
  };

  const ports = new Set<MessagePort>();
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(this: MessagePort, handler: unknown) {
      if (!handler) ports.delete(this);
      else if (fromSdk()) ports.add(this);
      onmessage.set!.call(this, handler);
    },
  });
  const close = MessagePort.prototype.close;
  MessagePort.prototype.close = function (this: MessagePort) {
    ports.delete(this);
    return close.call(this);
  };

  const describe = (target: EventTarget) =>
    target === window ? 'window' : target === document ? 'document' : Object.prototype.toString.call(target).slice(8, -1);
  const isLive = (target: EventTarget) => !(target instanceof Node) || target.isConnected;
  Object.defineProperty(window, Symbol.for(key), {
    value: (): Resources => ({
      timers: [...timers.values()],
      listeners: [...listeners].flatMap((r) => {
        const target = r.target.deref();
        return target && r.listener.deref() && isLive(target) ? [`${r.type} on ${describe(target)}`] : [];
      }),
      ports: ports.size,
      iframes: document.querySelectorAll('iframe').length,
    }),
  });
}

export async function trackResources(page: Page): Promise<void> {
  await page.addInitScript(installResourceTracker, { sdkScript: SDK_SCRIPT_PATTERN, key: RESOURCES_KEY });
}

export async function resources(page: Page): Promise<Resources> {
  return page.evaluate((key) => (window as unknown as Record<symbol, () => Resources>)[Symbol.for(key)](), RESOURCES_KEY);
}

/** Nothing of the SDK's left running. */
export const NOTHING_LEFT: Resources = { timers: [], listeners: [], ports: 0, iframes: 0 };
