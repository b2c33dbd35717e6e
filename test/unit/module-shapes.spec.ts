// What partners get from the package in Node, as README's Install section promises it: `require('scdk')` is
// the constructor with the named exports on it, `import('scdk')` has the constructor as default, and
// `scdk/umd` loads in Node as the constructor too (package.json `exports`). Each check runs in a fresh Node
// process, in a partner's folder with the package installed as node_modules/scdk, so Node's own resolution
// of `exports` and of .js/.cjs files is what is tested. The types of each shape: consumer-types.spec.ts.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { installScdkIn, PACKAGE_ROOT } from './installed-package';
import { fakeJwt, nowSeconds } from './jwt-fixtures';

/** Starting Node and loading a bundle takes well under a second; a loaded 2-core machine gets 20× that. */
const CHILD_TIMEOUT_MS = 20_000;
const TOKEN_LIFETIME_SECONDS = 3600;
const CHILD_FILE = 'check-shape.cjs';

/**
 * The child process, a partner's CommonJS file (a file, not `node -e`, which defines `module` and `exports`
 * as globals that a UMD file loaded as ESM would then write to): loads one shape of the package and reports what it
 * is, whether `new` on it constructs, and what an invalid constructor call throws.
 */
const CHILD = String.raw`
const [how, token] = process.argv.slice(2);
const describe = (value) => (value === null ? 'null' : typeof value);
function tryConstruct(Ctor) {
  try {
    const sdk = new Ctor({ gateway: 'demo', smallcaseAuthToken: token });
    const ok = sdk instanceof Ctor && typeof sdk.brokerLogout === 'function';
    sdk.destroy();
    return ok ? 'constructed' : 'constructed something else';
  } catch (error) {
    return 'threw ' + String(error && error.message || error);
  }
}
/** What a missing gateway throws: the module's own ScdkError, with code 4001. */
function invalidCall(Ctor, ErrorClass) {
  try {
    new Ctor({ smallcaseAuthToken: token });
    return 'no error';
  } catch (error) {
    return { code: error && error.code, typed: typeof ErrorClass === 'function' && error instanceof ErrorClass };
  }
}
(async () => {
  const report = {};
  if (how === 'require') {
    const mod = require('scdk');
    const { scDK, ScdkError, ERROR_CODES, ERROR_NAMES } = mod;
    Object.assign(report, {
      type: describe(mod), constructs: tryConstruct(mod), invalid: invalidCall(mod, mod.ScdkError),
      scDKIsModule: scDK === mod, defaultIsModule: mod.default === mod,
      ScdkError: describe(ScdkError), ERROR_CODES: describe(ERROR_CODES), ERROR_NAMES: describe(ERROR_NAMES),
      namedTypes: {},
    });
    // Every named export of the ESM build is on require('scdk') too, as the same kind of value.
    const esm = await import('scdk');
    for (const name of Object.keys(esm)) report.namedTypes[name] = [describe(esm[name]), describe(mod[name])];
  } else if (how === 'import') {
    const mod = await import('scdk');
    Object.assign(report, {
      type: describe(mod.default), constructs: tryConstruct(mod.default), invalid: invalidCall(mod.default, mod.ScdkError),
    });
  } else if (how === 'require-umd') {
    const mod = require('scdk/umd');
    Object.assign(report, {
      type: describe(mod), constructs: tryConstruct(mod), invalid: invalidCall(mod, mod.ScdkError), global: describe(globalThis.scDK),
    });
  } else if (how === 'import-umd') {
    const mod = await import('scdk/umd');
    Object.assign(report, {
      type: describe(mod.default), constructs: tryConstruct(mod.default), invalid: invalidCall(mod.default, mod.default && mod.default.ScdkError),
      global: describe(globalThis.scDK),
    });
  } else if (how === 'platform') {
    // The platform's script: a server resolves its path to serve it; loading it as a module gives nothing.
    const { readFileSync } = require('node:fs');
    const script = (path) => readFileSync(path, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
    const requirePath = require.resolve('scdk/platform');
    const required = require('scdk/platform');
    const imported = await import('scdk/platform');
    Object.assign(report, {
      requirePath: requirePath.split('/node_modules/scdk/')[1],
      sameScript: script(requirePath) === script(require.resolve('scdk/package.json').replace(/package\.json$/, 'dist/scdk-platform.js')),
      required: describe(required), requiredKeys: Object.keys(required), importedKeys: Object.keys(imported),
      global: describe(globalThis.scdkPlatform),
    });
  }
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  process.stdout.write(JSON.stringify({ loadError: String(error && error.message || error) }));
});
`;

type How = 'require' | 'import' | 'require-umd' | 'import-umd' | 'platform';

async function loadInPartnerProject(how: How, dir: string): Promise<Record<string, unknown>> {
  installScdkIn(dir);
  const token = fakeJwt({ smallcaseAuthId: 'module-shapes-user', exp: nowSeconds() + TOKEN_LIFETIME_SECONDS });
  writeFileSync(join(dir, CHILD_FILE), CHILD);
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD_FILE, how, token], { cwd: dir, timeout: CHILD_TIMEOUT_MS });
  return JSON.parse(stdout) as Record<string, unknown>;
}

const CONSTRUCTOR = { type: 'function', constructs: 'constructed', invalid: { code: 4001, typed: true } };

test("new (require('scdk'))(…) constructs, and the named exports are properties of it", async ({}, testInfo) => {
  const report = await loadInPartnerProject('require', testInfo.outputPath());
  expect(report).toMatchObject({
    ...CONSTRUCTOR,
    scDKIsModule: true,
    defaultIsModule: true,
    ScdkError: 'function',
    ERROR_CODES: 'object',
    ERROR_NAMES: 'object',
  });
  const namedTypes = report.namedTypes as Record<string, [string, string]>;
  expect(Object.keys(namedTypes).sort()).toEqual(['ERROR_CODES', 'ERROR_NAMES', 'ScdkError', 'default', 'scDK']);
  for (const [name, [esm, cjs]] of Object.entries(namedTypes)) expect(cjs, `require('scdk').${name}`).toBe(esm);
});

test("(await import('scdk')).default is the constructor", async ({}, testInfo) => {
  expect(await loadInPartnerProject('import', testInfo.outputPath())).toMatchObject(CONSTRUCTOR);
});

test("require('scdk/umd') in Node is the constructor, and defines no global", async ({}, testInfo) => {
  expect(await loadInPartnerProject('require-umd', testInfo.outputPath())).toMatchObject({ ...CONSTRUCTOR, global: 'undefined' });
});

test("(await import('scdk/umd')).default in Node is the constructor, and defines no global", async ({}, testInfo) => {
  expect(await loadInPartnerProject('import-umd', testInfo.outputPath())).toMatchObject({ ...CONSTRUCTOR, global: 'undefined' });
});

test('scdk/umd gives bundlers and Node the script-tag bundle as a .cjs file (and an ES module that imports it)', () => {
  const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8'));
  expect(pkg.exports['./umd']).toEqual({
    import: { types: './dist/types/umd.d.ts', default: './dist/scdk.umd.mjs' },
    default: { types: './dist/types/umd.d.cts', default: './dist/scdk.umd.cjs' },
  });
});

/**
 * `require('scdk/platform')` and require.resolve() get a copy of the platform's script in a folder Node reads
 * as CommonJS: the path still ends in `.js`, which servers send as JavaScript, and the bytes are those of
 * dist/scdk-platform.js. Before, it was that ES module file, which `require()` cannot load before Node 20.19.
 */
test("require('scdk/platform') loads in Node as CommonJS, the same script under a .js name; neither form exports or defines anything", async ({}, testInfo) => {
  expect(await loadInPartnerProject('platform', testInfo.outputPath())).toEqual({
    requirePath: 'dist/platform-cjs/scdk-platform.js',
    sameScript: true,
    required: 'object',
    requiredKeys: [],
    importedKeys: [],
    global: 'undefined',
  });
});

/**
 * A bundler takes a .js file of this `"type": "module"` package for an ES module, where the UMD wrapper
 * exports nothing: esbuild stopped on scdk.umd.js with "No matching export ... for import default".
 */
test("esbuild bundles import scDK from 'scdk/umd' for the browser, and scDK is the constructor", async ({}, testInfo) => {
  const dir = testInfo.outputPath();
  installScdkIn(dir);
  const entry = join(dir, 'app.mjs');
  writeFileSync(
    entry,
    "import scDK from 'scdk/umd';\n" +
      "const sdk = new scDK({ gateway: 'demo', smallcaseAuthToken: process.argv[2] });\n" +
      'process.stdout.write(JSON.stringify({ type: typeof scDK, constructs: sdk instanceof scDK, global: typeof globalThis.scDK }));\n',
  );
  await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', outfile: join(dir, 'bundle.mjs'), logLevel: 'silent' });
  const token = fakeJwt({ smallcaseAuthId: 'module-shapes-user', exp: nowSeconds() + TOKEN_LIFETIME_SECONDS });
  const { stdout } = await promisify(execFile)(process.execPath, ['bundle.mjs', token], { cwd: dir, timeout: CHILD_TIMEOUT_MS });
  expect(JSON.parse(stdout)).toEqual({ type: 'function', constructs: true, global: 'undefined' });
});
