// "Are the types wrong?" (@arethetypeswrong/cli) on the tarball `npm pack` makes: for every entry of
// package.json `exports`, under node10, node16 from CommonJS, node16 from ESM and bundler resolution, the
// types resolve, and they are in the module format of the JavaScript they describe. Offline: a local
// tarball, and `--no-definitely-typed`, without which attw asks the registry for an @types/scdk.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { packedTarball, PACKAGE_ROOT } from './installed-package';

const ATTW = `${PACKAGE_ROOT}node_modules/@arethetypeswrong/cli/dist/index.js`;
/** attw loads its own TypeScript and checks five entries four ways: seconds, more on a loaded machine. */
const ATTW_TIMEOUT_MS = 120_000;

/** A problem as attw's JSON gives it: a kind, and where (the fields vary with the kind). */
interface Problem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  resolutionOption?: string;
  typesFileName?: string;
  fileName?: string;
  moduleSpecifier?: string;
}

/** One line per problem: its kind and where it is, without the traces and positions. */
const describe = (problem: Problem) =>
  [problem.kind, problem.entrypoint, problem.resolutionKind ?? problem.resolutionOption, problem.typesFileName ?? problem.fileName, problem.moduleSpecifier]
    .filter(Boolean)
    .join(' ');


test('attw finds no problem in any entry point', async ({}, testInfo) => {
  test.setTimeout(ATTW_TIMEOUT_MS + 30_000);
  // attw prints its JSON and exits: to a pipe, only the first 64 kB would arrive. A file takes it all.
  const reportFile = testInfo.outputPath('attw.json');
  const out = openSync(reportFile, 'w');
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [ATTW, packedTarball(), '--format', 'json', '--no-definitely-typed'], {
      stdio: ['ignore', out, 'inherit'],
      timeout: ATTW_TIMEOUT_MS,
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  closeSync(out);
  // attw exits 1 when it finds a problem; the JSON says which.
  expect([0, 1], 'attw ran to the end').toContain(exitCode);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { analysis: { entrypoints: Record<string, unknown>; problems: Problem[] } };

  const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { exports: Record<string, unknown> };
  expect(Object.keys(report.analysis.entrypoints).sort(), 'attw checked every exports entry').toEqual(Object.keys(pkg.exports).sort());
  expect(report.analysis.problems.map(describe)).toEqual([]);
});
