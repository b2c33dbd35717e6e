// The build-time gateway table (scripts/gateway-platforms.mjs): the repository's table, extended by an
// operator's SCDK_GATEWAY_PLATFORMS file, every entry checked before it can reach a bundle.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGatewayPlatforms } from '../../scripts/gateway-platforms.mjs';
import { GATEWAY_PLATFORM_ORIGINS } from '../../src/sdk/platforms';

let folder = '';
test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'scdk-gateways-'));
});
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes `content` (JSON unless a string) to a file in the test's folder and returns its path. */
function tableFile(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

test('without an operator file the build uses the repository table, the one the sources import', () => {
  expect(readGatewayPlatforms()).toEqual(GATEWAY_PLATFORM_ORIGINS);
});

test("an operator's file adds gateways and may point demo elsewhere", () => {
  const extra = tableFile('extra.json', { acme: 'https://platform.acme.example', demo: 'http://localhost:6000', v4: 'http://127.0.0.1:6000', v6: 'http://[::1]:6000' });
  expect(readGatewayPlatforms(extra)).toEqual({
    demo: 'http://localhost:6000',
    acme: 'https://platform.acme.example',
    v4: 'http://127.0.0.1:6000',
    v6: 'http://[::1]:6000',
  });
});

test('a bad entry stops the build and says which and why', () => {
  const refused: [string, unknown, RegExp][] = [
    ['http.json', { acme: 'http://platform.acme.example' }, /"acme" must be an origin .*\(http on loopback only: localhost, 127\.0\.0\.1, \[::1\]\), got "http:\/\/platform\.acme\.example"/],
    ['path.json', { acme: 'https://platform.acme.example/scdk' }, /"acme" must be an origin/],
    ['number.json', { acme: 443 }, /"acme" must be an origin/],
    ['name.json', { 'bad name': 'https://platform.acme.example' }, /"bad name" is not a gateway name/],
    ['array.json', ['https://platform.acme.example'], /must be a JSON object of gateway name to platform origin/],
    ['broken.json', '{ "acme": ', /not a readable JSON file/],
  ];
  for (const [name, content, message] of refused) {
    const file = tableFile(name, content);
    expect(() => readGatewayPlatforms(file), name).toThrow(message);
  }
  expect(() => readGatewayPlatforms(join(folder, 'missing.json'))).toThrow(/not a readable JSON file/);
});
