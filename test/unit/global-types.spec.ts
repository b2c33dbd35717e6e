// `window.scDK` is typed only for those who opt in with `scdk/global` (package.json: `exports` for
// Bundler/Node16 resolution, `typesVersions` for the older node10). Compiles the partner files in
// test/types/package/ in a folder of their own, with the package installed as node_modules/scdk (a link
// to this checkout), against the dist/types that `npm test` has just built. Each `@ts-expect-error`
// there fails the compile if the line below it compiles.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installScdkIn, PACKAGE_ROOT as ROOT } from './installed-package';

const FIXTURES = `${ROOT}test/types/package/`;
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;
/** A compile of one small file takes a few seconds on a loaded 2-core machine. */
const TSC_TIMEOUT_MS = 60_000;

/** How partners' projects resolve packages; node10 (deprecated in TypeScript 6) reads only `typesVersions`. */
const RESOLUTIONS = {
  bundler: ['--moduleResolution', 'bundler', '--module', 'esnext'],
  node10: ['--moduleResolution', 'node10', '--module', 'commonjs', '--ignoreDeprecations', '6.0'],
};
/** Each file is its own program: one that opts in declares the global for every file beside it. */
const CASES = {
  'main-entry.ts': 'the main entry alone declares no window.scDK',
  'opt-in-import.ts': "import type {} from 'scdk/global' declares it",
  'opt-in-reference.ts': '/// <reference types="scdk/global" /> declares it',
};

/** A partner's project folder with the package installed, and the one file under test. */
function partnerProject(dir: string, file: string): void {
  installScdkIn(dir);
  copyFileSync(join(FIXTURES, file), join(dir, file));
}

for (const [resolution, flags] of Object.entries(RESOLUTIONS)) {
  for (const [file, what] of Object.entries(CASES)) {
    test(`${resolution}: ${what} (${file})`, async ({}, testInfo) => {
      const dir = testInfo.outputPath();
      partnerProject(dir, file);
      const args = [TSC, '--ignoreConfig', '--noEmit', '--pretty', 'false', '--strict', '--target', 'es2020', '--lib', 'es2020,dom', ...flags, file];
      const result = await promisify(execFile)(process.execPath, args, { cwd: dir, timeout: TSC_TIMEOUT_MS }).then(
        () => 'compiles',
        (error: { stdout?: string; message: string }) => error.stdout || error.message,
      );
      expect(result).toBe('compiles');
    });
  }
}
