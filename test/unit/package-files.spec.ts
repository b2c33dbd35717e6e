// What `npm pack` puts in the tarball: the bundles partners load, the types, the docs and the licence,
// and nothing from the repository's sources, tests or demo. Reads the list from npm itself, on the dist/
// that `npm test` has just built (`--ignore-scripts`: prepack would rebuild it; its presence is checked apart).
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
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
  // require('scdk/platform'): the same script in a folder Node reads as CommonJS (package.json exports).
  'dist/platform-cjs/scdk-platform.js',
  'dist/platform-cjs/package.json',
  'dist/scdk.umd.cjs',
  'dist/scdk.umd.mjs',
  // The UI half (issue 13): the script tag's chunk, loaded beside scdk.umd.js, and the chunks the ESM and
  // CJS builds import() (rollup.config.mjs).
  'dist/scdk-ui.js',
  'dist/scdk-ui.esm.js',
  'dist/scdk-ui.cjs',
  // One declaration bundle per entry and module format (consumer-types.spec.ts, types-resolve.spec.ts).
  'dist/types/index.d.ts',
  'dist/types/index.d.cts',
  'dist/types/umd.d.ts',
  'dist/types/umd.d.cts',
  'dist/types/global.d.ts',
  'dist/types/global.d.cts',
  'dist/types/platform.d.ts',
  'dist/types/platform.d.cts',
  // scdk/server (issue 23): the platform's server kit, ESM and CJS, with the runtime it serves inside.
  'dist/scdk-server.js',
  'dist/scdk-server.cjs',
  'dist/types/server.d.ts',
  'dist/types/server.d.cts',
  // The conformance check a platform runs on its own deployment (package.json bin).
  'dist/scdk-conformance.js',
];
/** What a bundle loads or names beside itself: relative import(), require() and static imports, and its source map. */
const LOCAL_REFERENCE = /(?:\bimport\(|\brequire\(|\bfrom\s*)['"](\.\/[^'"]+)['"]|sourceMappingURL=(\S+)/g;
/** Top-level folders that must never ship. */
const FORBIDDEN_PREFIXES = ['src/', 'e2e/', 'test/', 'demo/', 'bench/', 'scripts/', 'node_modules/', '.ci/'];

let packed: string[] | undefined;

/** The tarball's file list (npm is asked once per run). */
function packedFiles(): string[] {
  packed ??= packList();
  return packed;
}

function packList(): string[] {
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

test('every bin is packed and starts with a node shebang', () => {
  const files = packedFiles();
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin?: Record<string, string> };
  expect(Object.keys(pkg.bin ?? {})).toContain('scdk-conformance');
  for (const target of Object.values(pkg.bin ?? {})) {
    const file = posix.normalize(target);
    expect(files, `bin ${file} is packed`).toContain(file);
    expect(readFileSync(`${ROOT}${file}`, 'utf8').startsWith('#!/usr/bin/env node\n'), `${file} starts with a shebang`).toBe(true);
  }
});

test('every file a packed bundle imports or names as its source map is packed too', () => {
  const files = packedFiles();
  const bundles = files.filter((file) => /^dist\/[^/]+\.(?:js|cjs|mjs)$/.test(file));
  expect(bundles.length, 'the tarball has bundles').toBeGreaterThan(0);
  for (const bundle of bundles) {
    for (const [, module, map] of readFileSync(`${ROOT}${bundle}`, 'utf8').matchAll(LOCAL_REFERENCE)) {
      const target = posix.join(posix.dirname(bundle), module ?? map);
      expect(files, `${bundle} refers to ${target}`).toContain(target);
    }
  }
});

/**
 * Source maps (README: Package contents): the minified files that pages load by a script tag, and the
 * platform's script, ship theirs, with the sources inside, since src/ is not packed. The unminified ESM and
 * CJS builds ship none: they read as they are, and the partner's bundler maps its own output.
 */
const MINIFIED = ['dist/scdk.umd.js', 'dist/scdk.umd.cjs', 'dist/scdk-ui.js', 'dist/scdk-platform.js', 'dist/platform-cjs/scdk-platform.js'];

test('the minified bundles ship their source maps, with the sources inside; the other files ship none', () => {
  const files = packedFiles();
  const maps = files.filter((file) => file.endsWith('.map'));
  expect(maps.sort()).toEqual(MINIFIED.map((file) => `${file}.map`).sort());
  for (const map of maps) {
    const { sources, sourcesContent } = JSON.parse(readFileSync(`${ROOT}${map}`, 'utf8')) as { sources: string[]; sourcesContent?: unknown[] };
    expect(sourcesContent?.length, `${map} carries the text of each of its sources`).toBe(sources.length);
    expect(sourcesContent?.every((text) => typeof text === 'string' && text.length > 0), `${map} has no empty source`).toBe(true);
  }
});

test('prepack builds, so a fresh clone packs dist/', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  expect(pkg.scripts.prepack).toMatch(/npm run build/);
});
