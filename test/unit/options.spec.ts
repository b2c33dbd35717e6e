import { expect, test } from '@playwright/test';
import { normalizeOptions } from '../../src/sdk/options';
import { DEFAULT_PLATFORM_ORIGIN, GATEWAY_PLATFORM_ORIGINS } from '../../src/sdk/platforms';
import { ScdkError } from '../../src/shared/scdk-error';

function codeOf(options: unknown): number | undefined {
  try {
    normalizeOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScdkError);
    expect((error as ScdkError).detail.length).toBeGreaterThan(10);
    return (error as ScdkError).code;
  }
  return undefined;
}

test('defaults and platform resolution', () => {
  const demo = normalizeOptions({ gateway: 'demo', config: { amo: true } });
  expect(demo.platformOrigin).toBe(GATEWAY_PLATFORM_ORIGINS.demo);
  expect(demo.timeoutMs).toBe(5000);
  expect(demo.fallback).toBe('popup');
  expect(normalizeOptions({ gateway: 'acme' }).platformOrigin).toBe(DEFAULT_PLATFORM_ORIGIN);
  // Inherited keys are not gateways.
  expect(normalizeOptions({ gateway: 'constructor' }).platformOrigin).toBe(DEFAULT_PLATFORM_ORIGIN);
  expect(normalizeOptions({ gateway: 'acme', config: { platformUrl: 'https://broker.example/some/path' } }).platformOrigin).toBe(
    'https://broker.example',
  );
  expect(normalizeOptions({ gateway: 'acme', config: { platformUrl: 'http://127.0.0.1:9999' } }).platformOrigin).toBe('http://127.0.0.1:9999');
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
