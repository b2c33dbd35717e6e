// "Are the types wrong?" (@arethetypeswrong/cli) on the tarball `npm pack` makes: for every entry of
// package.json `exports`, under node10, node16 from CommonJS, node16 from ESM and bundler resolution, the
// types resolve, and they are in the module format of the JavaScript they describe. Offline: a local
// tarball, and `--no-definitely-typed`, without which attw asks the registry for an @types/scdk.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { packedTarball, PACKAGE_ROOT } from './installed-package';

const ATTW = `${PACKAGE_ROOT}node_modules/@arethetypeswrong/cli/dist/index.js`;
/** attw loads its own TypeScript and checks five entries four ways: seconds, more on a loaded machine. */
const ATTW_TIMEOUT_MS = 120_000;

interface Problem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

/**
 * The one problem left, on purpose: `scdk/platform` is dist/scdk-platform.js, the script a platform serves
 * on its bridge and window pages. It is an ES module file by its extension (this package is
 * `"type": "module"`) that exports nothing, so `require()` of it is an error before Node 20.19 and an empty
 * object after. Node servers resolve it only for its path (`require.resolve('scdk/platform')`, which
 * works), and a CommonJS file takes its config types with `resolution-mode: 'import'` (consumer.cts).
 * A .cjs copy would make require() pass but serve no page: servers map .cjs to a type browsers refuse to run.
 */
const ACCEPTED: Problem[] = [{ kind: 'CJSResolvesToESM', entrypoint: './platform', resolutionKind: 'node16-cjs' }];

test('attw finds no problem in any entry point, but the platform script that CommonJS cannot require', async () => {
  test.setTimeout(ATTW_TIMEOUT_MS + 30_000);
  const args = [ATTW, packedTarball(), '--format', 'json', '--no-definitely-typed'];
  // attw exits 1 when it finds a problem; the JSON it prints says which.
  const stdout = await promisify(execFile)(process.execPath, args, { timeout: ATTW_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  );
  const report = JSON.parse(stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: Problem[] } };

  const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { exports: Record<string, unknown> };
  expect(Object.keys(report.analysis.entrypoints).sort(), 'attw checked every exports entry').toEqual(Object.keys(pkg.exports).sort());
  const problems = report.analysis.problems.map(({ kind, entrypoint, resolutionKind }) => ({ kind, entrypoint, resolutionKind }));
  expect(problems).toEqual(ACCEPTED);
});
