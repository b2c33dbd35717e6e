// The SDK bundles shorten the property names on INTERNAL_NAMES (rollup.config.mjs). A renamed property
// breaks whatever reads it by its written name: a partner (the public types), the platform (the wire
// protocol), the UI chunk (a bundle minified on its own), the browser (DOM and built-in names). These
// tests fail for a name on the list that any of them could read.
import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { minify } from 'terser';
import ts from 'typescript';
import { propertyNameUses } from '../../scripts/internal-name-uses.mjs';
import { INTERNAL_NAMES, MANGLED_PROPERTIES } from '../../scripts/internal-names.mjs';

/** The code of the TypeScript files under `dir`, without comments (which name things in prose). */
const codeUnder = (dir: string, ending: RegExp) => {
  const printer = ts.createPrinter({ removeComments: true });
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => ending.test(file))
    .map((file) => printer.printFile(ts.createSourceFile(file, readFileSync(`${dir}/${file}`, 'utf8'), ts.ScriptTarget.Latest)))
    .join('\n');
};
/**
 * `name` as a property: `.name`, a member or key `name:` / `name?:` / `name(`, shorthand `{ name }`, or a
 * string `"name"`. Also matches parameters and locals written the same way: the checks err on the safe side.
 */
const asProperty = (name: string) => new RegExp(`(\\.|^|[^\\w$])${name}\\s*(\\?\\s*:|[:(,}=;])|["'\`]${name}["'\`]|\\.${name}\\b`, 'm');

test('every use of a name on the list is a property the SDK declares for itself', () => {
  const external = propertyNameUses().filter(({ name, reason }) => INTERNAL_NAMES.includes(name) && reason !== undefined);
  expect(external.map(({ name, where, reason }) => `${name} at ${where}: ${reason}`)).toEqual([]);
});

test('no name on the list is in the public API (dist/types)', () => {
  const declarations = codeUnder('dist/types', /\.d\.c?ts$/);
  expect(declarations).toMatch(asProperty('smallcaseAuthToken')); // the check sees a public name
  expect(INTERNAL_NAMES.filter((name) => asProperty(name).test(declarations))).toEqual([]);
});

test("no name on the list is read by the platform's side of the wire (src/platform, src/server)", () => {
  const otherSide = codeUnder('src/platform', /\.ts$/) + codeUnder('src/server', /\.ts$/);
  expect(otherSide).toMatch(asProperty('hadSession')); // the check sees a protocol field
  expect(INTERNAL_NAMES.filter((name) => asProperty(name).test(otherSide))).toEqual([]);
});

test('no name on the list is a property in the script-tag UI chunk (the hand-over is not renamed there)', () => {
  const chunk = readFileSync('dist/scdk-ui.js', 'utf8');
  expect(chunk).toContain('scdkUi'); // the chunk's hand-over property, kept as written: the check can see names
  expect(INTERNAL_NAMES.filter((name) => asProperty(name).test(chunk))).toEqual([]);
});

test('terser renames every name on the list: none is a DOM or built-in name it keeps', async () => {
  for (const name of INTERNAL_NAMES) {
    const { code } = await minify(`var x={};x.${name}=1`, { compress: false, mangle: { properties: { regex: MANGLED_PROPERTIES } } });
    expect(code, name).not.toContain(name);
  }
});

test('the SDK bundles hold no name on the list as a property: the renaming ran', () => {
  for (const file of ['dist/scdk.umd.js', 'dist/scdk.esm.js', 'dist/scdk.cjs']) {
    const code = readFileSync(file, 'utf8');
    expect(INTERNAL_NAMES.filter((name) => asProperty(name).test(code)), file).toEqual([]);
  }
});
