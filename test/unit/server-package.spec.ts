// scdk/server as published: no runtime dependency (not even a node: builtin, so it runs on Workers, Deno
// and Bun), loadable by import and by require, with the platform runtime it serves built in.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORTED = /(?:\bimport\s*\(|\brequire\(|\bfrom\s*|\bimport\s*)['"]([^'"]+)['"]/g;

test('the ESM and CJS builds import nothing', () => {
  for (const file of ['dist/scdk-server.js', 'dist/scdk-server.cjs']) {
    expect([...readFileSync(ROOT + file, 'utf8').matchAll(IMPORTED)].map((match) => match[1]), file).toEqual([]);
  }
});

test('import and require give the same API, serving the built runtime', async () => {
  const imported = await import('scdk/server');
  const required = createRequire(import.meta.url)('scdk/server');
  expect(Object.keys(imported).sort()).toEqual(Object.keys(required).sort());
  const kit = imported.createScdkPlatform({
    publicOrigin: 'https://platform.example',
    gateways: [{ name: 'demo', secret: 's', partnerOrigins: ['https://partner.example'], returnTo: [], broker: 'B' }],
    sessionCookie: { sameSite: 'Lax' },
    hooks: { readSession: () => null, endSession: () => ({ hadSession: false, setCookie: [] }) },
  });
  const runtime = await kit.fetch(new Request('https://platform.example/scdk/v1/scdk-platform.js'));
  const built = readFileSync(`${ROOT}dist/scdk-platform.js`, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
  expect(await runtime!.text()).toBe(built);
});
