// Server-side rendering: importing the ESM (or CJS) build in Node, where there is no window or document,
// must throw nothing and touch no browser global until something is called. Each check runs in a fresh
// Node process, so nothing another test loaded or defined can hide a problem.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = new URL('../../dist/', import.meta.url);
const BUILDS = { esm: 'scdk.esm.js', cjs: 'scdk.cjs' } as const;
/** Browser globals a bundle might reach for at import time. Node 20 has none of them; newer Node has navigator. */
const BROWSER_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'self', 'history', 'localStorage', 'sessionStorage',
  'customElements', 'HTMLElement', 'requestAnimationFrame', 'addEventListener',
];
const CHILD_TIMEOUT_MS = 20_000;

interface Report {
  importError: string | null;
  touchedOnImport: string[];
  newGlobals: string[];
  changedGlobals: string[];
  exports: string[];
  constructed: string | null;
  touchedByConstructor: string[];
  logoutSettled: { code?: unknown; typed: boolean } | string;
}

/**
 * The child process: replaces each browser global with a getter that records the access, loads the build,
 * then constructs an instance and calls brokerLogout() (the first point where the browser is needed).
 */
const CHILD = String.raw`
const [url, kind, names] = [process.argv[1], process.argv[2], JSON.parse(process.argv[3])];
const touched = [];
for (const name of names) {
  const original = Object.getOwnPropertyDescriptor(globalThis, name);
  if (original && !original.configurable) continue;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() { touched.push(name); return original ? (original.get ? original.get.call(globalThis) : original.value) : undefined; },
  });
}
const before = new Map(Object.getOwnPropertyNames(globalThis).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)]));
const report = { importError: null, touchedOnImport: [], newGlobals: [], changedGlobals: [], exports: [], constructed: null, touchedByConstructor: [], logoutSettled: 'pending' };
let mod;
try {
  mod = kind === 'esm' ? await import(url) : (await import('node:module')).createRequire(import.meta.url)(new URL(url).pathname);
} catch (error) {
  report.importError = String(error && error.stack || error);
}
report.touchedOnImport = touched.splice(0);
for (const key of Object.getOwnPropertyNames(globalThis)) {
  if (!before.has(key)) report.newGlobals.push(key);
  else {
    const was = before.get(key);
    const now = Object.getOwnPropertyDescriptor(globalThis, key);
    if (!Object.is(was.value, now.value) || was.get !== now.get || was.set !== now.set) report.changedGlobals.push(key);
  }
}
if (mod) {
  report.exports = Object.keys(mod).sort();
  const segment = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = segment({ alg: 'HS256', typ: 'JWT' }) + '.' + segment({ smallcaseAuthId: 'ssr-user', exp: Math.floor(Date.now() / 1000) + 3600 }) + '.c2ln';
  try {
    const sdk = new mod.scDK({ gateway: 'demo', smallcaseAuthToken: token });
    report.constructed = typeof sdk.brokerLogout;
    report.touchedByConstructor = touched.splice(0);
    await sdk.brokerLogout().then(
      () => { report.logoutSettled = 'resolved'; },
      (error) => { report.logoutSettled = { code: error && error.code, typed: error instanceof mod.ScdkError }; },
    );
    sdk.destroy();
  } catch (error) {
    report.constructed = 'threw ' + String(error && error.stack || error);
  }
}
process.stdout.write(JSON.stringify(report));
`;

function runInFreshNode(kind: keyof typeof BUILDS): Report {
  const url = new URL(BUILDS[kind], DIST).href;
  if (!existsSync(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} is missing: run npm run build first.`);
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, url, kind, JSON.stringify(BROWSER_GLOBALS)], {
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
  });
  if (child.status !== 0) throw new Error(`node exited with ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as Report;
}

for (const kind of Object.keys(BUILDS) as (keyof typeof BUILDS)[]) {
  test(`importing the ${kind} build in Node touches no browser global until used`, () => {
    const report = runInFreshNode(kind);
    expect(report.importError).toBeNull();
    expect(report.touchedOnImport).toEqual([]);
    expect(report.newGlobals).toEqual([]);
    expect(report.changedGlobals).toEqual([]);
    expect(report.exports).toEqual(expect.arrayContaining(['scDK', 'ScdkError', 'ERROR_CODES']));
    // Constructing validates only: still no browser global.
    expect(report.constructed).toBe('function');
    expect(report.touchedByConstructor).toEqual([]);
    // The first real call needs a browser; in Node it must fail as a typed error, not crash or hang.
    expect(report.logoutSettled).toMatchObject({ typed: true, code: 5002 });
  });
}
