import { expect, test } from '@playwright/test';
import { normalizeOptions } from '../../src/sdk/config';
import { GATEWAY_PLATFORM_ORIGINS } from '../../src/sdk/platforms';
import { nearestKey } from '../../src/sdk/unknown-keys';
import { ScdkError, badOption } from '../../src/shared/scdk-error';
import { normalizeUiOptions } from '../../src/ui/ui-options';
import { resolveUi } from '../../src/ui/resolve-ui';

function errorOf(fn: () => unknown): ScdkError | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    expect((error as ScdkError).detail.length).toBeGreaterThan(10);
    return error as ScdkError;
  }
  return undefined;
}

const codeOf = (options: unknown): number | undefined => errorOf(() => normalizeOptions(options))?.code;
/** `code detail` of what normalizeOptions throws for `options`, or 'no error'. */
const refusal = (options: unknown): string => {
  const error = errorOf(() => normalizeOptions(options));
  return error ? `${error.code} ${error.detail}` : 'no error';
};

test('defaults and platform resolution', () => {
  const demo = normalizeOptions({ gateway: 'demo', config: { amo: true } });
  expect(demo.platformOrigin).toBe(GATEWAY_PLATFORM_ORIGINS.demo);
  expect(demo.timeoutMs).toBe(5000);
  expect(demo.fallback).toBe('popup');
  expect(normalizeOptions({ gateway: 'acme', config: { platformUrl: 'https://broker.example/some/path' } }).platformOrigin).toBe(
    'https://broker.example',
  );
  expect(normalizeOptions({ gateway: 'acme', config: { platformUrl: 'http://127.0.0.1:9999' } }).platformOrigin).toBe('http://127.0.0.1:9999');
});

test('plain http is for loopback only, and the refusal names every loopback host it takes (README: config.platformUrl)', () => {
  for (const platformUrl of ['http://localhost:9999', 'http://127.0.0.1:9999', 'http://[::1]:9999']) {
    expect(normalizeOptions({ gateway: 'acme', config: { platformUrl } }).platformOrigin).toBe(platformUrl);
  }
  expect(refusal({ gateway: 'acme', config: { platformUrl: 'http://10.0.0.1' } })).toBe(
    '4000 config.platformUrl: an https URL (http on loopback only: localhost, 127.0.0.1, [::1]), got "http://10.0.0.1".',
  );
});

test('bad gateway is 4001', () => {
  for (const options of [undefined, null, 'demo', {}, { gateway: '' }, { gateway: 'has space' }, { gateway: '../x' }, { gateway: 7 }]) {
    expect(codeOf(options), JSON.stringify(options)).toBe(4001);
  }
});

test('bad config is 4000 and names the option', () => {
  const bad = [
    { platformUrl: 'http://broker.example' },
    { platformUrl: 'javascript:alert(1)' },
    { platformUrl: 'not a url' },
    { timeoutMs: 0 },
    { timeoutMs: '5000' },
    { timeoutMs: Number.NaN },
    { fallback: 'iframe' },
    { debug: 'yes' },
  ];
  for (const config of bad) expect(codeOf({ gateway: 'demo', config }), JSON.stringify(config)).toBe(4000);
  expect(codeOf({ gateway: 'demo', config: [] })).toBe(4000);
});

test('a gateway with no known platform and no config.platformUrl is 4001 at construction, saying to pass platformUrl', () => {
  expect(refusal({ gateway: 'acme' })).toBe('4001 gateway "acme" has no known platform: pass config.platformUrl.');
  // Inherited keys are not gateways.
  for (const gateway of ['constructor', 'toString', 'hasOwnProperty']) expect(codeOf({ gateway }), gateway).toBe(4001);
  expect(codeOf({ gateway: 'acme', config: { platformUrl: undefined } })).toBe(4001);
  // The table holds no production platform this repository cannot vouch for: the mock platform only.
  expect(GATEWAY_PLATFORM_ORIGINS).toEqual({ demo: 'http://127.0.0.1:5174' });
});

test('every documented config key is accepted, amo included', () => {
  const config = {
    platformUrl: 'https://broker.example', timeoutMs: 3000, debug: false, fallback: 'none', preload: false,
    locale: 'hi', texts: { switch: 'x' }, nonce: 'n', uiUrl: 'https://cdn.example/scdk-ui.js', amo: true,
    getToken: () => 'x',
  };
  expect(codeOf({ gateway: 'demo', smallcaseAuthToken: 'x', config })).toBeUndefined();
  expect(codeOf({ gateway: 'demo', config: { getToken: 'a token' } })).toBe(4000);
});

test('an unknown config or constructor key is 4000, naming the nearest valid key or listing them', () => {
  const expected: [unknown, string][] = [
    [{ gateway: 'demo', config: { timeout: 3000 } }, 'config.timeout is not an option; did you mean config.timeoutMs?'],
    [{ gateway: 'demo', config: { platformURL: 'https://broker.example' } }, 'config.platformURL is not an option; did you mean config.platformUrl?'],
    // A typo inside a name gets the list (the script tag carries no edit distance).
    [
      { gateway: 'demo', config: { fallbak: 'none' } },
      'config.fallbak is not an option; use platformUrl, timeoutMs, debug, fallback, preload, locale, texts, nonce, uiUrl, getToken, amo, embedded, nativeBridge.',
    ],
    [{ gateway: 'demo', config: { text: {} } }, 'config.text is not an option; did you mean config.texts?'],
    [
      { gateway: 'demo', config: { theme: 'dark' } },
      'config.theme is not an option; use platformUrl, timeoutMs, debug, fallback, preload, locale, texts, nonce, uiUrl, getToken, amo, embedded, nativeBridge.',
    ],
    // Undefined still names a key the partner meant to set.
    [{ gateway: 'demo', config: { timeOut: undefined } }, 'config.timeOut is not an option; did you mean config.timeoutMs?'],
    [{ gatway: 'demo', smallcaseAuthToken: 'x' }, 'gatway is not an option; use gateway, smallcaseAuthToken, config.'],
    [{ gateway: 'demo', config: { debugging: true } }, 'config.debugging is not an option; did you mean config.debug?'],
    [{ gateway: 'demo', smallcaseAuthtoken: 'x' }, 'smallcaseAuthtoken is not an option; did you mean smallcaseAuthToken?'],
    [{ gateway: 'demo', timeoutMs: 3000 }, 'timeoutMs is not an option; did you mean config.timeoutMs?'],
    [{ gateway: 'demo', amo: true }, 'amo is not an option; did you mean config.amo?'],
    [{ gateway: 'demo', token: 'x' }, 'token is not an option; use gateway, smallcaseAuthToken, config.'],
  ];
  for (const [options, detail] of expected) expect(refusal(options), JSON.stringify(options)).toBe(`4000 ${detail}`);
  // Inherited keys are not own keys: a config made from a prototype with extra names passes.
  expect(codeOf({ gateway: 'demo', config: Object.assign(Object.create({ inherited: 1 }), { amo: true }) })).toBeUndefined();
});

test('nearestKey: case, a missing unit, an extra ending; nothing for a typo inside a name or what is far from every key', () => {
  const keys = ['gateway', 'config.timeoutMs', 'config.amo'];
  expect(nearestKey('GATEWAY', keys)).toBe('gateway');
  expect(nearestKey('gateways', keys)).toBe('gateway');
  expect(nearestKey('gatewya', keys)).toBeUndefined();
  expect(nearestKey('timeout', keys)).toBe('config.timeoutMs');
  expect(nearestKey('am', keys)).toBeUndefined();
  expect(nearestKey('x', keys)).toBeUndefined();
  expect(nearestKey('timing', keys)).toBeUndefined();
});

test('config.texts takes own text names only, and config.locale a locale: the UI chunk refuses the rest with the SDK\'s 4000', () => {
  const textsError = (texts: unknown, locale: unknown = 'en') => errorOf(() => resolveUi({ locale, texts, nonce: undefined, uiUrl: undefined }, badOption));
  expect(textsError({ switch: 'Change account' })).toBeUndefined();
  expect(resolveUi({ locale: 'hi', texts: { switch: 'Change account' }, nonce: undefined, uiUrl: undefined }, badOption).texts.switch).toBe('Change account');
  for (const texts of [{ toString: 'x' }, { constructor: 'x' }, { hasOwnProperty: 'x' }, JSON.parse('{"__proto__": "x"}'), { nope: 'x' }, { switch: 3 }, null, 'x']) {
    expect(textsError(texts)?.code, JSON.stringify(texts)).toBe(4000);
    expect(textsError(texts)?.detail, JSON.stringify(texts)).toMatch(/^config\.texts: strings by text name \(title, /);
  }
  for (const locale of ['fr', 'toString', 3]) expect(textsError({}, locale)?.detail).toMatch(/^config\.locale: en, hi, got /);
  // Constructing takes them as they are: only the UI reads them.
  expect(normalizeUiOptions({ locale: 'fr', texts: { nope: 'x' } })).toMatchObject({ locale: 'fr', texts: { nope: 'x' } });
});
