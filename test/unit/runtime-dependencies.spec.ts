// The package's `dependencies` are what a partner's install pulls in: exactly the packages the ESM and CJS
// builds leave as imports (rollup.config.mjs keeps every dependency external and bundles the rest). A
// package that only the script-tag or platform bundles use is bundled there, so it is a devDependency.
// Reads the dist/ that `npm test` has just built.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));

/** The specifiers a built file imports: static and dynamic import, re-exports, and require(). */
const IMPORTED = /(?:\bimport\s*\(|\brequire\(|\bfrom\s*|\bimport\s*)['"]([^'"]+)['"]/g;

/** The package a bare specifier names (`preact/hooks` → `preact`, `@scope/name/x` → `@scope/name`). */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** A build's entry (from the `exports` map) and every chunk it loads, each with the packages it imports. */
function buildImports(entry: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    const packages: string[] = [];
    found.set(file, packages);
    for (const [, specifier] of readFileSync(`${ROOT}${file}`, 'utf8').matchAll(IMPORTED)) {
      if (specifier.startsWith('./')) visit(posix.join(posix.dirname(file), specifier));
      else packages.push(packageOf(specifier));
    }
  };
  visit(posix.normalize(entry));
  return found;
}

/** The JavaScript each condition of the main entry names (beside it, under `types`, its declarations). */
const BUILDS = { esm: pkg.exports['.'].import.default as string, cjs: pkg.exports['.'].require.default as string };
const dependencies = Object.keys(pkg.dependencies ?? {});

for (const [format, entry] of Object.entries(BUILDS)) {
  test(`${format} build (${entry}): it imports every runtime dependency, and no other package`, () => {
    const files = buildImports(entry);
    expect(files.size, `${entry} and the chunks it loads`).toBeGreaterThan(1);
    const imported = new Set([...files.values()].flat());
    // A dependency no file imports costs every partner an install for nothing: make it a devDependency.
    for (const name of dependencies) expect(imported, `dependency ${name} is imported by the ${format} build`).toContain(name);
    // A package imported but not a dependency would be missing from a partner's install.
    expect([...imported].filter((name) => !dependencies.includes(name)), 'imported packages that are not dependencies').toEqual([]);
  });
}
