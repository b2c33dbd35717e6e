// TypeScript's compiler run on a partner's files, in the partner's folder (installed-package.ts), with no
// tsconfig: each caller passes the module mode it tests. Resolves with 'compiles' or with tsc's errors.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from './installed-package';

const TSC = `${PACKAGE_ROOT}node_modules/typescript/bin/tsc`;
/** A compile of one small file takes a few seconds on a loaded 2-core machine. */
export const TSC_TIMEOUT_MS = 60_000;
/**
 * What every partner program here is compiled with; the caller adds its module mode and files.
 * `--skipDefaultLibCheck` skips checking TypeScript's own lib.*.d.ts (lib.dom.d.ts above all), which scdk
 * cannot change: scdk's declarations and the partner's files are checked in full as before, in a third of
 * the time (3.7 s to 1.2 s a compile here).
 */
const BASE = ['--ignoreConfig', '--pretty', 'false', '--strict', '--skipDefaultLibCheck', '--target', 'es2022', '--lib', 'es2022,dom'];

export function runTsc(dir: string, args: string[]): Promise<string> {
  return promisify(execFile)(process.execPath, [TSC, ...BASE, ...args], { cwd: dir, timeout: TSC_TIMEOUT_MS }).then(
    () => 'compiles',
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  );
}
