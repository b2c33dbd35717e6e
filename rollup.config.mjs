import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { dtsModuleShape } from './scripts/dts-module-shape.mjs';
import { gatewayPlatforms } from './scripts/gateway-platforms.mjs';
import { MANGLED_PROPERTIES } from './scripts/internal-names.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const UI_CHUNK = 'dist/scdk-ui.js';

/**
 * This build's id: the version and a hash of every source file. The script-tag UI chunk runs only for a
 * loader with the same id, so a chunk never runs for a loader of another build.
 */
function buildId() {
  const hash = createHash('sha256').update(pkg.version);
  const srcDir = fileURLToPath(new URL('./src/', import.meta.url));
  for (const file of readdirSync(srcDir, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.ts')) hash.update(file).update(readFileSync(srcDir + file));
  }
  return `${pkg.version}-${hash.digest('hex').slice(0, 12)}`;
}
const BUILD_ID = buildId();

/** The SRI value of the UI chunk, read once it is built (configs build in order, the chunk first). */
const uiIntegrity = () => `sha384-${createHash('sha384').update(readFileSync(UI_CHUNK)).digest('base64')}`;

/** Replaces the build-time constants. `map: null` keeps the incoming sourcemap: no lines move. */
const defines = () => ({
  name: 'scdk-defines',
  transform(code) {
    if (!code.includes('__SCDK_')) return null;
    const values = { __SCDK_VERSION__: pkg.version, __SCDK_BUILD__: BUILD_ID };
    if (code.includes('__SCDK_UI_INTEGRITY__')) values.__SCDK_UI_INTEGRITY__ = uiIntegrity();
    let out = code;
    for (const [name, value] of Object.entries(values)) out = out.replaceAll(name, JSON.stringify(value));
    return { code: out, map: null };
  },
});

/** The script-tag build loads the UI as dist/scdk-ui.js instead of a dynamic import(). */
const scriptTagUiLoader = () => ({
  name: 'scdk-script-tag-ui-loader',
  async resolveId(source, importer, options) {
    if (source !== './load-ui' || !importer?.includes('/src/sdk/')) return null;
    return this.resolve('./load-ui-script', importer, { ...options, skipSelf: true });
  },
});

/**
 * `import('scdk/umd')` in Node and bundlers: an ES module whose default is the UMD bundle's module.exports.
 * Node gives a CommonJS file's module.exports as the default, and bundlers do the same.
 */
const umdModuleWrapper = () => ({
  name: 'scdk-umd-module-wrapper',
  generateBundle(options) {
    if (!options.file?.endsWith('.cjs')) return;
    this.emitFile({ type: 'asset', fileName: 'scdk.umd.mjs', source: "export { default } from './scdk.umd.cjs';\n" });
  },
});

// Private members are named `_x` so they can be mangled; Preact's own internals are `__x` and stay.
const PRIVATE_MEMBERS = { properties: { regex: /^_[a-z]/ } };
/**
 * The SDK bundles (script tag, ESM, CJS) also shorten the property names of the SDK's internal interfaces
 * (scripts/internal-names.mjs, checked by test/unit/internal-names.spec.ts). The script-tag UI chunk and
 * the platform runtime keep PRIVATE_MEMBERS alone.
 */
const SDK_MEMBERS = { properties: { regex: MANGLED_PROPERTIES } };

/**
 * `minify`: the script-tag files, minified in full. `private`: the ESM and CJS builds, which a partner's
 * bundler minifies, but no bundler renames properties: their private members are shortened here (about
 * 200 B gzip off the esbuild logout-only entry chunk), and the rest stays as written, formatted, for
 * readers (locals get short names too: terser renames properties only together with variables).
 */
const plugins = ({ minify, members = PRIVATE_MEMBERS }) => [
  defines(),
  // The gateway table, with the operator's SCDK_GATEWAY_PLATFORMS file merged in (README: Platform integration).
  gatewayPlatforms(),
  nodeResolve({ browser: true }),
  // noCheck: the build only emits (the same bytes, checked with sha256 over dist/); `npm run typecheck` does
  // the checking. Seven type checks of src/ here took about a fifth of the build (38 s to 30 s).
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false, noEmitOnError: true, noCheck: true } }),
  minify === true &&
    terser({
      format: { ascii_only: true, comments: false },
      compress: { passes: 3, pure_getters: true },
      mangle: members,
    }),
  minify === 'private' &&
    terser({
      compress: false,
      mangle: { ...members, keep_fnames: true, keep_classnames: true },
      format: { beautify: true, comments: false },
    }),
];

/**
 * Declaration bundles: one self-contained file per entry and module format, with no relative import left
 * to resolve, so the types load under every moduleResolution (README: Install). A .d.ts of this
 * `"type": "module"` package is ESM to TypeScript, and a .d.cts is CommonJS.
 */
const MAIN_ENTRY = fileURLToPath(new URL('./src/index.ts', import.meta.url));
/** `require('scdk/platform')`'s copy of the platform script (package.json `exports`). */
const PLATFORM_CJS_COPY = 'dist/platform-cjs/scdk-platform.js';
/** Writes a package.json beside the output that makes Node read its `.js` files as CommonJS. */
const commonJsFolder = () => ({
  name: 'commonjs-folder',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' });
  },
});

/** The platform runtime as built just before, for scdk/server to serve (its source map line dropped: no map beside it there). */
const PLATFORM_RUNTIME = 'dist/scdk-platform.js';
const embedPlatformRuntime = () => ({
  name: 'scdk-embed-platform-runtime',
  transform(code) {
    if (!code.includes('__SCDK_PLATFORM_RUNTIME__')) return null;
    const runtime = readFileSync(PLATFORM_RUNTIME, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    return { code: code.replaceAll('__SCDK_PLATFORM_RUNTIME__', JSON.stringify(runtime)), map: null };
  },
});

const declarations = (input, output, { external } = {}) => ({
  input,
  output: output.map(({ file, plugins = [], paths }) => ({ file, format: 'es', plugins, paths })),
  external,
  plugins: [dts({ tsconfig: './tsconfig.json' })],
});

const external = Object.keys(pkg.dependencies ?? {});
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`));

export default [
  {
    // The UI half of the script-tag build: Preact, the switcher and the button, loaded on first use.
    input: 'src/ui/script-entry.ts',
    output: { file: UI_CHUNK, format: 'iife', sourcemap: true },
    plugins: plugins({ minify: true }),
  },
  {
    // What partners load with a <script> tag: the SDK and the UI loader; the global is the constructor.
    input: 'src/sdk/umd.ts',
    // The same bundle again as scdk.umd.cjs, for Node's require() and import() of `scdk/umd` (package.json):
    // Node reads a .js file of this "type": "module" package as ESM, where the UMD wrapper exports nothing.
    output: ['dist/scdk.umd.js', 'dist/scdk.umd.cjs'].map((file) => ({ file, format: 'umd', name: 'scDK', exports: 'default', sourcemap: true })),
    plugins: [scriptTagUiLoader(), ...plugins({ minify: true, members: SDK_MEMBERS }), umdModuleWrapper()],
  },
  // Source maps: the minified script-tag and platform files ship theirs, with the sources inside (src/ is
  // not packed), for reading stack traces from production pages. The ESM and CJS builds are unminified,
  // with their comments, and the partner's bundler makes its own maps, so they ship none (README: Package contents).
  {
    // For bundler users: dependencies stay external, and the UI is a chunk of its own behind import().
    input: 'src/index.ts',
    external: isExternal,
    output: [
      { dir: 'dist', format: 'es', entryFileNames: 'scdk.esm.js', chunkFileNames: 'scdk-[name].esm.js' },
    ],
    plugins: plugins({ minify: 'private', members: SDK_MEMBERS }),
  },
  {
    // For require(): `module.exports` is the constructor, with the named exports on it (src/index.cjs.ts).
    input: 'src/index.cjs.ts',
    external: isExternal,
    output: { dir: 'dist', format: 'cjs', entryFileNames: 'scdk.cjs', chunkFileNames: 'scdk-[name].cjs', exports: 'default' },
    plugins: plugins({ minify: 'private', members: SDK_MEMBERS }),
  },
  {
    // What the platform serves on its bridge page. The copy in dist/platform-cjs/, a folder Node reads as
    // CommonJS, is what `require('scdk/platform')` and require.resolve() get: the same bytes under a `.js`
    // name that servers send as JavaScript, so a CommonJS server can serve the path it resolves.
    input: 'src/platform/index.ts',
    output: [
      { file: 'dist/scdk-platform.js', format: 'iife', name: 'scdkPlatform', sourcemap: true },
      { file: PLATFORM_CJS_COPY, format: 'iife', name: 'scdkPlatform', sourcemap: true, plugins: [commonJsFolder()] },
    ],
    plugins: plugins({ minify: true }),
  },
  {
    // scdk/server, for the platform's server: ESM and CJS, unminified, with the runtime above embedded
    // (so it must build after it). No dependency: the Fetch API and WebCrypto.
    input: 'src/server/index.ts',
    output: [
      { file: 'dist/scdk-server.js', format: 'es' },
      { file: 'dist/scdk-server.cjs', format: 'cjs' },
    ],
    plugins: [embedPlatformRuntime(), ...plugins({ minify: false })],
  },
  {
    // The `scdk-conformance` bin (package.json "bin"; README: Conformance check): Node only, unminified, so a
    // platform's security team can read what it sends. Its function is exported from scdk/server too.
    input: 'src/server/conformance/bin.ts',
    output: { file: 'dist/scdk-conformance.js', format: 'es', banner: '#!/usr/bin/env node' },
    plugins: plugins({ minify: false }),
  },
  declarations('src/index.ts', [
    { file: 'dist/types/index.d.ts' },
    // require('scdk'): the constructor, with the named exports on it (src/index.cjs.ts).
    { file: 'dist/types/index.d.cts', plugins: [dtsModuleShape({ format: 'cjs', values: true })] },
    // scdk/umd in Node and bundlers (dist/scdk.umd.cjs, and scdk.umd.mjs for import): the constructor and
    // its statics, nothing else.
    { file: 'dist/types/umd.d.cts', plugins: [dtsModuleShape({ format: 'cjs', values: false })] },
    { file: 'dist/types/umd.d.ts', plugins: [dtsModuleShape({ format: 'esm', values: false })] },
  ]),
  // scdk/global names the main entry's class, in the same module format as the file that opts in.
  declarations(
    'src/global.ts',
    [
      { file: 'dist/types/global.d.ts', paths: { [MAIN_ENTRY]: './index.js' } },
      { file: 'dist/types/global.d.cts', paths: { [MAIN_ENTRY]: './index.cjs' } },
    ],
    { external: [MAIN_ENTRY] },
  ),
  // Types only, so the same declarations serve both formats; .d.cts for the CommonJS copy.
  declarations('src/platform/types-entry.ts', [{ file: 'dist/types/platform.d.ts' }, { file: 'dist/types/platform.d.cts' }]),
  declarations('src/server/index.ts', [{ file: 'dist/types/server.d.ts' }, { file: 'dist/types/server.d.cts' }]),
];
