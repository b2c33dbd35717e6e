// What `npm pack` puts in the tarball: the bundles partners load, the types, the docs and the licence,
// and nothing from the repository's sources, tests or demo. Reads the list from npm itself, on the dist/
// that `npm test` has just built (`--ignore-scripts`: prepack would rebuild it; its presence is checked apart).
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACK_TIMEOUT_MS = 60_000;

/** Files partners and their tools need from the package. */
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'SECURITY.md',
  'LICENSE',
  'docs/performance.md',
  'dist/scdk.umd.js',
  'dist/scdk.esm.js',
  'dist/scdk.cjs',
  'dist/scdk-platform.js',
  'dist/types/index.d.ts',
];
/** Top-level folders that must never ship. */
const FORBIDDEN_PREFIXES = ['src/', 'e2e/', 'test/', 'demo/', 'bench/', 'scripts/', 'node_modules/', '.ci/'];

function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: PACK_TIMEOUT_MS,
  });
  const [pack] = JSON.parse(output) as { files: { path: string }[] }[];
  return pack.files.map((file) => file.path);
}

/** The file paths an `exports` map points at (its values, at any depth; the keys are subpaths). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

test('npm pack lists the bundles, the types, the docs and the licence, and nothing else of the repository', () => {
  const files = packedFiles();
  for (const file of REQUIRED) expect(files, `${file} is packed`).toContain(file);
  expect(files.filter((file) => FORBIDDEN_PREFIXES.some((prefix) => file.startsWith(prefix)))).toEqual([]);
  // Every file the exports map names is in the tarball.
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  for (const target of exportTargets(pkg.exports)) expect(files, `exports target ${target} is packed`).toContain(target.slice(2));
});

test('prepack builds, so a fresh clone packs dist/', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  expect(pkg.scripts.prepack).toMatch(/npm run build/);
});
