// Issue 13: the ESM build loads the UI with import(), so a partner's bundler splits Preact and the switcher
// into a chunk of their own. Bundles the apps in test/bundler/ with esbuild (scripts/bundle-fixture.mjs,
// against the dist/ that `npm test` has just built) and checks what the chunks loaded at start hold.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleFixture, type BUILD_SETUPS, type FIXTURES } from '../../scripts/bundle-fixture.mjs';

/**
 * Where Preact's code comes from, as esbuild's metafile names the inputs of a chunk: relative to the
 * repository, and through the real path of a symlinked node_modules (a git worktree's: ../main/node_modules/…).
 */
const PREACT_INPUT = /(^|\/)node_modules\/preact\//;
/** Text that survives minification in any chunk holding Preact 11: the brand it puts on every vnode. */
const PREACT_MARKER = 'Symbol.for("pv")';
const BUILT_ESM = 'dist/scdk.esm.js';

type Chunk = Awaited<ReturnType<typeof bundleFixture>>['chunks'][number];

/** Whether a chunk holds Preact: by its inputs, and by its text (each alone could miss a change of the other). */
const preactIn = (chunk: Chunk) => ({
  input: chunk.inputs.some((input) => PREACT_INPUT.test(input)),
  marker: readFileSync(chunk.file, 'utf8').includes(PREACT_MARKER),
});

async function bundled(name: keyof typeof FIXTURES, outDir: string, setup: keyof typeof BUILD_SETUPS = 'split') {
  const bundle = await bundleFixture(name, outDir, setup);
  const entry = bundle.chunks.find((chunk) => chunk.file === bundle.entry);
  expect(entry?.inputs, `${name}: the entry chunk bundles the built package`).toContain(BUILT_ESM);
  return {
    initial: bundle.chunks.filter((chunk) => chunk.initial),
    lazy: bundle.chunks.filter((chunk) => !chunk.initial),
  };
}

for (const name of ['logout-only', 'open-switcher'] as const) {
  test(`esbuild: the ${name} app loads no Preact at start; Preact is in a chunk fetched by import()`, async ({}, testInfo) => {
    const { initial, lazy } = await bundled(name, testInfo.outputPath());
    // The entry chunk and every chunk it imports statically: what the page loads before the app runs.
    for (const chunk of initial) expect(preactIn(chunk), `${chunk.file} is loaded at start`).toEqual({ input: false, marker: false });
    // The marker is not just absent everywhere: it is in the chunk the SDK's import() reaches.
    expect(lazy.map(preactIn)).toContainEqual({ input: true, marker: true });
  });
}

test('esbuild, the control: with the UI imported statically, the check finds Preact among the chunks loaded at start', async ({}, testInfo) => {
  const { initial } = await bundled('static-ui', testInfo.outputPath());
  expect(initial.map(preactIn)).toContainEqual({ input: true, marker: true });
});

// README "Bundlers": the setups that do not split. esbuild inlines every import() unless it bundles ESM
// with --splitting, so an app that only logs out then carries Preact and the switcher in its one file.
const GZIP_LEVEL = 9;
for (const setup of ['esm-one-file', 'iife'] as const) {
  test(`esbuild, ${setup} (no --splitting): the logout-only app is one file, with Preact in it`, async ({}, testInfo) => {
    const { initial, lazy } = await bundled('logout-only', testInfo.outputPath(), setup);
    expect(lazy).toEqual([]);
    expect(initial.map(preactIn)).toEqual([{ input: true, marker: true }]);
    // What that costs, beside the split build's entry: the README's figures come from these two.
    const split = await bundled('logout-only', testInfo.outputPath('split'));
    const gzipOf = (chunks: Chunk[]) => chunks.reduce((sum, chunk) => sum + gzipSync(readFileSync(chunk.file), { level: GZIP_LEVEL }).length, 0);
    testInfo.annotations.push({ type: 'gzip', description: `${setup}: ${gzipOf(initial)} B at start; split: ${gzipOf(split.initial)} B` });
    expect(gzipOf(initial)).toBeGreaterThan(gzipOf(split.initial));
  });
}
