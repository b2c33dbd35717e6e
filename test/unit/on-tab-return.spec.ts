import { expect, test } from '@playwright/test';
import { TAB_RETURN_DEBOUNCE_IN_MS, onTabReturn } from '../../src/ui/on-tab-return';

// When the switch button checks the session again (src/ui/on-tab-return.ts): once the tab has stayed
// visible for the debounce, never while hidden. A stand-in document and timers that run only when the
// test says so: no clock is waited on. e2e/switch-button-return.spec.ts covers it on a real page.

interface Timer {
  run: () => void;
  ms: number;
}

function world() {
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const timers = new Map<number, Timer>();
  let nextId = 1;
  const fakes = {
    setTimeout: (run: () => void, ms: number) => (timers.set(nextId, { run, ms }), nextId++),
    clearTimeout: (id: number | undefined) => id !== undefined && timers.delete(id),
  };
  /** Runs `fn` with the stand-in timers (only then: the test runner keeps its own). */
  const faked = <T>(fn: () => T): T => {
    const saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    Object.assign(globalThis, fakes);
    try {
      return fn();
    } finally {
      Object.assign(globalThis, saved);
    }
  };
  const savedDocument = globalThis.document;
  Object.assign(globalThis, { document: doc });
  let checks = 0;
  return {
    start: () => {
      const stop = faked(() => onTabReturn(() => checks++));
      return () => faked(stop);
    },
    checks: () => checks,
    /** The user leaves or comes back: what a browser sets and fires. */
    become(state: DocumentVisibilityState) {
      doc.visibilityState = state;
      faked(() => doc.dispatchEvent(new Event('visibilitychange')));
    },
    pending: () => [...timers.values()].map((timer) => timer.ms),
    /** Time passes: every pending timer fires. */
    elapse() {
      const due = [...timers.values()];
      timers.clear();
      faked(() => due.forEach((timer) => timer.run()));
    },
    restore: () => Object.assign(globalThis, { document: savedDocument }),
  };
}

let w: ReturnType<typeof world>;
test.beforeEach(() => (w = world()));
test.afterEach(() => w.restore());

test('coming back to the tab checks once, after the debounce', () => {
  const stop = w.start();
  w.become('hidden');
  expect(w.pending()).toEqual([]);
  w.become('visible');
  expect(w.pending()).toEqual([TAB_RETURN_DEBOUNCE_IN_MS]);
  expect(w.checks()).toBe(0);
  w.elapse();
  expect(w.checks()).toBe(1);
  stop();
});

test('nothing while hidden: leaving again before the debounce cancels the check', () => {
  const stop = w.start();
  w.become('visible');
  w.become('hidden');
  expect(w.pending()).toEqual([]);
  w.elapse();
  expect(w.checks()).toBe(0);
  stop();
});

test('flicking through tabs makes one check, not one per return', () => {
  const stop = w.start();
  for (const state of ['hidden', 'visible', 'hidden', 'visible', 'hidden', 'visible'] as const) w.become(state);
  expect(w.pending()).toEqual([TAB_RETURN_DEBOUNCE_IN_MS]);
  w.elapse();
  expect(w.checks()).toBe(1);
  stop();
});

test('its removal takes the listener and a pending check with it', () => {
  const stop = w.start();
  w.become('visible');
  stop();
  expect(w.pending()).toEqual([]);
  w.become('hidden');
  w.become('visible');
  w.elapse();
  expect(w.checks()).toBe(0);
});
