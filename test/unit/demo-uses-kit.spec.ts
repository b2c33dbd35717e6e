// The mock platform takes scdk's paths and codes from scdk/server (src/shared/platform-endpoints.ts and
// error-codes.ts), never declares them again: no demo file spells a /scdk/v1/ path or an error code.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../../src/shared/error-codes';
import { SCDK_PATHS } from '../../src/shared/platform-endpoints';

const DEMO = fileURLToPath(new URL('../../demo/', import.meta.url));
/** Source of the demo's servers (not the partner page's own script, which is partner code). */
const serverFiles = () =>
  readdirSync(DEMO, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => ({ file, code: readFileSync(DEMO + file, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '') }));

test('no demo server file spells a /scdk/v1/ path', () => {
  const spelled = serverFiles().filter(({ code }) => code.includes('/scdk/v1'));
  expect(spelled.map(({ file }) => file)).toEqual([]);
  // The table is whole: every path the platform's endpoints use is in it.
  expect(Object.values(SCDK_PATHS).filter((path) => path.startsWith('/scdk/v1/'))).toHaveLength(9);
});

test('no demo server file spells an error code as a number', () => {
  const codes = Object.values(ERROR_CODES).map(String);
  const spelled = serverFiles().flatMap(({ file, code }) => codes.filter((value) => new RegExp(`\\b${value}\\b`).test(code)).map((value) => `${file}: ${value}`));
  expect(spelled).toEqual([]);
});
