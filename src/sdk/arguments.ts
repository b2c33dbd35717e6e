import { isRecord } from '../shared/is-record';
import { ScdkError } from '../shared/scdk-error';
import type { SwitchButtonOptions, SwitchOptions, SwitchStep } from './types';

const isOptionalFunction = (value: unknown): boolean => value === undefined || typeof value === 'function';

/** brokerLogout(options): null when they are fine, else the 4000 to reject with. */
export function checkLogoutOptions(options: unknown): ScdkError | null {
  if (options === undefined) return null;
  const { onSuccess, onFailure, returnTo } = (isRecord(options) ? options : {}) as Record<string, unknown>;
  return isRecord(options) &&
    isOptionalFunction(onSuccess) &&
    isOptionalFunction(onFailure) &&
    (returnTo === undefined || (typeof returnTo === 'string' && /^https?:\/\//.test(returnTo)))
    ? null
    : new ScdkError(4000, 'brokerLogout({ onSuccess, onFailure, returnTo }): functions, and an allowlisted http(s) URL.');
}

/** switchAccount(options): its step callback (the deprecated bare function too), or the 4000 to reject with. */
export function switchStepCallback(options: SwitchOptions | ((step: SwitchStep) => void) | undefined): ((step: SwitchStep) => void) | ScdkError {
  const onStep: unknown = typeof options === 'function' ? options : isRecord(options) ? options.onStep : undefined;
  if ((options !== undefined && typeof options !== 'function' && !isRecord(options)) || !isOptionalFunction(onStep)) {
    return new ScdkError(4000, 'switchAccount({ onStep }): onStep is a function, called with each step.');
  }
  return (onStep as ((step: SwitchStep) => void) | undefined) ?? (() => {});
}

/** mountSwitchButton(target, options): the element and the callbacks; throws 4000 for either malformed. */
export function switchButtonArguments(target: Element | string, options: unknown): { element: Element; callbacks: SwitchButtonOptions } {
  const element = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(element instanceof Element)) {
    throw new ScdkError(4000, `mountSwitchButton() needs an element, or a selector that matches one; got ${JSON.stringify(String(target))}.`);
  }
  const callbacks = (isRecord(options) ? options : {}) as SwitchButtonOptions;
  if ((options !== undefined && !isRecord(options)) || !isOptionalFunction(callbacks.onResult) || !isOptionalFunction(callbacks.onError)) {
    throw new ScdkError(4000, 'mountSwitchButton(target, { onResult, onError }): both are functions.');
  }
  return { element, callbacks };
}
