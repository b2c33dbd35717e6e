#!/usr/bin/env node
// Bundles the partner apps in test/bundler/ with esbuild the way a partner's build would (ESM, code
// splitting, minified, for the browser), against this repository's built package: `scdk` resolves to the
// repository root, so esbuild reads package.json "exports" and takes dist/scdk.esm.js. `npm run size`
// runs it before size-limit (the logout-only entry chunk has a budget); test/unit/bundle-split.spec.ts
// checks what each chunk holds.
//
// Usage: node scripts/bundle-fixture.mjs [outDir]   (default test-results/bundle-fixture/; run npm run build first)
import * as esbuild from 'esbuild';
import { existsSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES_DIR = path.join(ROOT, 'test', 'bundler');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'test-results', 'bundle-fixture');
const PACKAGE_NAME = 'scdk';
const BUILT_ENTRY = path.join(ROOT, 'dist', 'scdk.esm.js');

/** The apps, each bundled on its own (apart, no chunk is shared between them). */
export const FIXTURES = {
  /** Calls brokerLogout() only. */
  'logout-only': 'logout-only.ts',
  /** Calls openAccountSwitcher(). */
  'open-switcher': 'open-switcher.ts',
  /** The control: imports the UI statically, so Preact is in its entry chunk. */
  'static-ui': 'static-ui.mjs',
};

/**
 * How a partner's esbuild may be set up (README: Bundlers). `split` is the one that keeps Preact out of the
 * start: ESM with code splitting. Without `--splitting`, esbuild inlines every import(), so the one file
 * holds Preact; an IIFE cannot split at all.
 */
export const BUILD_SETUPS = {
  /** `--bundle --format=esm --splitting --minify`: the entry, and a chunk that import() fetches. */
  split: { format: 'esm', splitting: true },
  /** `--bundle --format=esm --minify`: one file. */
  'esm-one-file': { format: 'esm', splitting: false },
  /** `--bundle --minify`: esbuild bundles to an IIFE unless told otherwise; one file. */
  iife: { format: 'iife', splitting: false },
};

/**
 * @typedef {{ file: string, initial: boolean, inputs: string[], bytes: number }} Chunk `file` is absolute;
 *   `initial`: the entry chunk or one it imports statically, i.e. loaded before the app runs; `inputs` are
 *   the source files in it, relative to the repository (e.g. node_modules/preact/dist/preact.mjs)
 * @typedef {{ name: string, entry: string, chunks: Chunk[] }} FixtureBundle
 */

/**
 * The chunks an entry loads before it runs: itself and, transitively, its static imports (not import()).
 * @param {import('esbuild').Metafile} metafile
 * @param {string} entryOutput the entry's key in metafile.outputs
 * @returns {Set<string>}
 */
function initialOutputs(metafile, entryOutput) {
  const seen = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const edge of metafile.outputs[output]?.imports ?? []) {
      if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
    }
  };
  visit(entryOutput);
  return seen;
}

/**
 * Bundles one fixture into `outDir/<name>/` (emptied first; `<name>-<setup>/` for another setup than
 * `split`): `<name>.js` is the entry chunk.
 * @param {keyof typeof FIXTURES} name
 * @param {string} [outDir]
 * @param {keyof typeof BUILD_SETUPS} [setup]
 * @returns {Promise<FixtureBundle>}
 */
export async function bundleFixture(name, outDir = DEFAULT_OUT_DIR, setup = 'split') {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run npm run build first.`);
  const dir = path.join(outDir, setup === 'split' ? name : `${name}-${setup}`);
  rmSync(dir, { recursive: true, force: true });
  const { metafile } = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { [name]: path.join(FIXTURES_DIR, FIXTURES[name]) },
    alias: { [PACKAGE_NAME]: ROOT },
    bundle: true,
    ...BUILD_SETUPS[setup],
    minify: true,
    platform: 'browser',
    outdir: dir,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.keys(metafile.outputs).filter((output) => output.endsWith('.js'));
  const entryOutput = outputs.find((output) => metafile.outputs[output].entryPoint !== undefined && path.basename(output) === `${name}.js`);
  if (!entryOutput) throw new Error(`esbuild wrote no entry chunk ${name}.js for ${FIXTURES[name]}.`);
  const initial = initialOutputs(metafile, entryOutput);
  return {
    name,
    entry: path.join(ROOT, entryOutput),
    chunks: outputs.map((output) => ({
      file: path.join(ROOT, output),
      initial: initial.has(output),
      inputs: Object.keys(metafile.outputs[output].inputs),
      bytes: metafile.outputs[output].bytes,
    })),
  };
}

async function main() {
  const outDir = path.resolve(process.argv[2] ?? DEFAULT_OUT_DIR);
  for (const name of Object.keys(FIXTURES)) {
    const bundle = await bundleFixture(name, outDir);
    for (const chunk of bundle.chunks) {
      const role = chunk.file === bundle.entry ? 'entry' : chunk.initial ? 'static' : 'lazy';
      console.log(`${path.relative(ROOT, chunk.file)}  ${role}  ${chunk.bytes} B`);
    }
  }
}

const isDirectRun = process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (isDirectRun) {
  main().catch((error) => {
    console.error(`bundle-fixture: ${error?.message ?? error}`);
    process.exit(1);
  });
}
