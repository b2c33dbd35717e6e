import { expect, test } from '@playwright/test';
import {
  PROTOCOL_VERSION,
  isConnectMessage,
  isReadyMessage,
  isRequestMessage,
  isResponseMessage,
  isSessionInfo,
  message,
  type ConnectMessage,
  type RequestMessage,
} from '../../src/shared/protocol';
import { ERROR_CODES, ERROR_NAMES } from '../../src/shared/error-codes';
import { ScdkError } from '../../src/shared/scdk-error';

test('messages built by message() pass their guards', () => {
  expect(isConnectMessage(message<ConnectMessage>({ type: 'connect', gateway: 'demo' }))).toBe(true);
  expect(isRequestMessage(message<RequestMessage>({ type: 'request', id: 1, method: 'logout', token: 't' }))).toBe(true);
  expect(isReadyMessage({ ns: 'scdk', v: PROTOCOL_VERSION, type: 'ready', storage: 'blocked' })).toBe(true);
});

test('look-alikes are refused', () => {
  const connect = message<ConnectMessage>({ type: 'connect', gateway: 'demo' });
  const lookAlikes: unknown[] = [
    null,
    'connect',
    [connect],
    { ...connect, v: 2 },
    { ...connect, ns: 'penpal' },
    { ...connect, type: 'Connect' },
    { ...connect, gateway: '' },
    { ...connect, gateway: 'x'.repeat(10000) },
    JSON.parse('{"__proto__":{"ns":"scdk","v":1,"type":"connect","gateway":"demo"}}'),
  ];
  for (const data of lookAlikes) expect(isConnectMessage(data)).toBe(false);
  const request = { ns: 'scdk', v: 1, type: 'request', id: 1, method: 'logout', token: 't' };
  for (const data of [
    { ...request, id: 0 },
    { ...request, id: 1.5 },
    { ...request, id: '1' },
    { ...request, method: 'constructor' },
    { ...request, method: '__proto__' },
    { ...request, token: 5 },
  ]) {
    expect(isRequestMessage(data)).toBe(false);
  }
  expect(isResponseMessage({ ns: 'scdk', v: 1, type: 'response', id: 1, ok: false, error: { code: 999, message: 'x', detail: '' } })).toBe(false);
  expect(isResponseMessage({ ns: 'scdk', v: 1, type: 'response', id: 1, ok: 'yes', result: {} })).toBe(false);
  expect(isSessionInfo({ state: 'connected', broker: 'B', accountId: '', own: false })).toBe(false);
  expect(isSessionInfo({ state: 'unknown', broker: 'B' })).toBe(true);
});

test('error table: every code has its snake_case name and survives a round trip', () => {
  for (const code of Object.values(ERROR_CODES)) {
    expect(ERROR_NAMES[code]).toMatch(/^[a-z_]+$/);
    const error = ScdkError.fromPayload(new ScdkError(code, 'why').toJSON());
    expect([error.code, error.message, error.detail]).toEqual([code, ERROR_NAMES[code], 'why']);
  }
  expect(ScdkError.fromPayload({ code: 1234 }).code).toBe(2000);
});
