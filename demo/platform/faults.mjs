// Test-only fault switch: lets e2e tests make the mock platform misbehave on purpose.

const DEFAULT_FAULTS = Object.freeze({ bridge: 'ok', api: 'ok', apiDelayMs: 0, frameAncestors: 'on' });
const MAX_API_DELAY_IN_MS = 60_000;

/** @type {Record<string, (value: unknown) => boolean>} */
const VALIDATORS = Object.freeze({
  bridge: (value) => ['ok', '404', '500', 'hang', 'silent'].includes(value),
  api: (value) => ['ok', '500', 'hang'].includes(value),
  apiDelayMs: (value) => Number.isInteger(value) && value >= 0 && value <= MAX_API_DELAY_IN_MS,
  frameAncestors: (value) => ['on', 'off'].includes(value),
});

const EXPECTED = Object.freeze({
  bridge: "'ok' | '404' | '500' | 'hang' | 'silent'",
  api: "'ok' | '500' | 'hang'",
  apiDelayMs: `an integer from 0 to ${MAX_API_DELAY_IN_MS}`,
  frameAncestors: "'on' | 'off'",
});

/**
 * @typedef {{ bridge: 'ok'|'404'|'500'|'hang'|'silent', api: 'ok'|'500'|'hang', apiDelayMs: number,
 *   frameAncestors: 'on'|'off' }} Faults
 */

/**
 * Creates the fault state, initially all 'ok'.
 * @returns {{
 *   current(): Faults,
 *   merge(patch: unknown): { ok: true, faults: Faults } | { ok: false, detail: string },
 *   reset(): Faults,
 * }}
 */
export function createFaultState() {
  let faults = DEFAULT_FAULTS;
  return Object.freeze({
    current: () => faults,
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
      faults = DEFAULT_FAULTS;
      return faults;
    },
  });
}
