// The mock platform's fault switch: lets e2e tests (and the partner demo's settings panel) make the mock
// platform misbehave on purpose, so no test needs a server restart. A real platform has no such switch;
// the faults wrap the scdk kit from outside (scdk-faults.mjs), never inside it.

const DEFAULT_FAULTS = Object.freeze({
  bridge: 'ok', api: 'ok', apiDelayMs: 0, pageDelayMs: 0, windowPageDelayMs: null, frameAncestors: 'on',
});
const MAX_API_DELAY_IN_MS = 60_000;

/** @type {Record<string, (value: unknown) => boolean>} */
const VALIDATORS = Object.freeze({
  bridge: (value) => ['ok', '404', '500', 'hang', 'silent', 'down'].includes(value),
  api: (value) => ['ok', '500', 'hang', 'hold'].includes(value),
  apiDelayMs: (value) => Number.isInteger(value) && value >= 0 && value <= MAX_API_DELAY_IN_MS,
  pageDelayMs: (value) => Number.isInteger(value) && value >= 0 && value <= MAX_API_DELAY_IN_MS,
  windowPageDelayMs: (value) => value === null || (Number.isInteger(value) && value >= 0 && value <= MAX_API_DELAY_IN_MS),
  frameAncestors: (value) => ['on', 'off'].includes(value),
});

const EXPECTED = Object.freeze({
  bridge: "'ok' | '404' | '500' | 'hang' | 'silent' | 'down'",
  api: "'ok' | '500' | 'hang' | 'hold'",
  apiDelayMs: `an integer from 0 to ${MAX_API_DELAY_IN_MS}`,
  pageDelayMs: `an integer from 0 to ${MAX_API_DELAY_IN_MS}`,
  windowPageDelayMs: `null or an integer from 0 to ${MAX_API_DELAY_IN_MS}`,
  frameAncestors: "'on' | 'off'",
});

/**
 * @typedef {{ bridge: 'ok'|'404'|'500'|'hang'|'silent'|'down', api: 'ok'|'500'|'hang'|'hold', apiDelayMs: number,
 *   pageDelayMs: number, windowPageDelayMs: number|null, frameAncestors: 'on'|'off' }} Faults
 * `pageDelayMs` delays the bridge page and the platform window's page before they are sent;
 * `windowPageDelayMs`, when not null, is the platform window page's delay instead. `bridge: 'down'`
 * cuts every connection to the bridge page and the status endpoint without an answer, as a platform that
 * is down looks to the SDK (the other bridge faults answer, or keep the connection open).
 */

/**
 * Creates the fault state, initially all 'ok'. `api: 'hold'` parks each API request (after its body is
 * read, before any side effect) until a test releases it: tests wait for the event "the request arrived"
 * and decide when it is answered, instead of racing a delay against the SDK's timers.
 * @returns {{
 *   current(): Faults,
 *   merge(patch: unknown): { ok: true, faults: Faults } | { ok: false, detail: string },
 *   reset(): Faults,
 *   hold(): Promise<void>,
 *   held(): number,
 *   release(count?: number): number,
 * }}
 */
export function createFaultState() {
  const defaults = DEFAULT_FAULTS;
  let faults = defaults;
  /** @type {Set<() => void>} */
  const parked = new Set();
  /** Answers the `count` oldest held requests (all by default); returns how many it answered. */
  const release = (count = Infinity) => {
    let released = 0;
    for (const resume of parked) {
      if (released >= count) break;
      parked.delete(resume);
      resume();
      released++;
    }
    return released;
  };
  return Object.freeze({
    current: () => faults,
    hold: () => new Promise((resolve) => parked.add(resolve)),
    held: () => parked.size,
    release,
    merge(patch) {
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        return { ok: false, detail: `Send a JSON object with any of: ${Object.keys(DEFAULT_FAULTS).join(', ')}.` };
      }
      for (const [key, value] of Object.entries(patch)) {
        if (!Object.hasOwn(VALIDATORS, key)) {
          return { ok: false, detail: `Unknown fault "${key}"; known: ${Object.keys(DEFAULT_FAULTS).join(', ')}.` };
        }
        if (!VALIDATORS[key](value)) {
          return { ok: false, detail: `Fault "${key}" must be ${EXPECTED[key]}; got ${JSON.stringify(value)}.` };
        }
      }
      faults = Object.freeze({ ...faults, ...patch });
      return { ok: true, faults };
    },
    reset() {
      release();
      faults = defaults;
      return faults;
    },
  });
}
