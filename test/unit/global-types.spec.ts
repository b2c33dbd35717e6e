// `window.scDK` is typed only for those who opt in with `scdk/global` (package.json: `exports` for
// Bundler/Node16 resolution, `typesVersions` for the older node10). Compiles the partner files in
// test/types/package/ in a folder of their own, with the package installed as node_modules/scdk (from
// its tarball), against the dist/types that `npm test` has just built. Each `@ts-expect-error` there
// fails the compile if the line below it compiles. consumer-types.spec.ts opts in under node16/nodenext.
import { expect, test } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { installScdkIn, PACKAGE_ROOT as ROOT } from './installed-package';
import { runTsc, TSC_TIMEOUT_MS } from './partner-tsc';

const FIXTURES = `${ROOT}test/types/package/`;

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
      // The compile's own limit, and time to pack (once per run) and unpack the package.
      test.setTimeout(2 * TSC_TIMEOUT_MS);
      const dir = testInfo.outputPath();
      partnerProject(dir, file);
      expect(await runTsc(dir, ['--noEmit', ...flags, file])).toBe('compiles');
    });
  }
}
