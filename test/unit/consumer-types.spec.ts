// The package's types as partners' TypeScript resolves them, in each module mode (README: Install): a
// partner's ES module (test/types/package/consumer.mts) and CommonJS module (consumer.cts) are compiled
// against the installed tarball, with the library's own .d.ts checked too (no skipLibCheck), then run with
// Node. The compile fails if any import is `any` (their `NotAny` and `@ts-expect-error` lines); the run
// shows that what resolved is what the types say: the constructor, ScdkError and ERROR_CODES.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installScdkIn, PACKAGE_ROOT } from './installed-package';
import { fakeJwt, nowSeconds } from './jwt-fixtures';
import { runTsc, TSC_TIMEOUT_MS } from './partner-tsc';

/** Starting Node and loading the bundles takes well under a second; a loaded 2-core machine gets 20× that. */
const RUN_TIMEOUT_MS = 20_000;
const TOKEN_LIFETIME_SECONDS = 3600;
/** Packing (once per run) and unpacking the package into the partner's folder. */
const SETUP_MS = 60_000;

/**
 * Module modes. tsc refuses CommonJS output under bundler resolution with `module: esnext`, so the
 * CommonJS file under bundler resolution uses `module: preserve`, where a .cts file is CommonJS and
 * `import x = require()` resolves with the `require` condition, as a bundler does.
 */
const MODES = [
  { name: 'ESM, bundler', file: 'consumer.mts', flags: ['--moduleResolution', 'bundler', '--module', 'esnext'] },
  { name: 'CJS, bundler (module preserve)', file: 'consumer.cts', flags: ['--moduleResolution', 'bundler', '--module', 'preserve'] },
  { name: 'ESM, node16', file: 'consumer.mts', flags: ['--moduleResolution', 'node16', '--module', 'node16'] },
  { name: 'CJS, node16', file: 'consumer.cts', flags: ['--moduleResolution', 'node16', '--module', 'node16'] },
  { name: 'ESM, nodenext', file: 'consumer.mts', flags: ['--moduleResolution', 'nodenext', '--module', 'nodenext'] },
  { name: 'CJS, nodenext', file: 'consumer.cts', flags: ['--moduleResolution', 'nodenext', '--module', 'nodenext'] },
];

/** What each consumer prints: see the last statement of consumer.mts and consumer.cts. */
const EXPECTED_RUN = {
  constructs: true,
  sameClass: true,
  umdConstructs: true,
  umdScdkError: 'function',
  invalid: { code: 4001, name: 'invalid_gateway', typed: true },
  gatewayCode: 4001,
  errorName: 'invalid_gateway',
  bridgeGateway: 'demo',
};

for (const { name, file, flags } of MODES) {
  test(`${name}: ${file} type-checks with no any, and runs as typed`, async ({}, testInfo) => {
    test.setTimeout(TSC_TIMEOUT_MS + RUN_TIMEOUT_MS + SETUP_MS);
    const dir = testInfo.outputPath();
    installScdkIn(dir);
    copyFileSync(`${PACKAGE_ROOT}test/types/package/${file}`, join(dir, file));
    expect(await runTsc(dir, [...flags, '--outDir', 'out', file])).toBe('compiles');

    const output = join('out', file.replace(/\.([mc])ts$/, '.$1js'));
    const token = fakeJwt({ smallcaseAuthId: 'consumer-types-user', exp: nowSeconds() + TOKEN_LIFETIME_SECONDS });
    const { stdout } = await promisify(execFile)(process.execPath, [output, token], { cwd: dir, timeout: RUN_TIMEOUT_MS });
    expect(JSON.parse(stdout)).toEqual(EXPECTED_RUN);
  });
}
