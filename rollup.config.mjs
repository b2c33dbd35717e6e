import { readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { gatewayPlatforms } from './scripts/gateway-platforms.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Replaces __SCDK_VERSION__ with the package version at build time. */
const injectVersion = () => ({
  name: 'inject-version',
  // map: null keeps the incoming sourcemap: the replacement moves no lines.
  transform: (code) =>
    code.includes('__SCDK_VERSION__') ? { code: code.replaceAll('__SCDK_VERSION__', JSON.stringify(pkg.version)), map: null } : null,
});

const plugins = ({ minify }) => [
  injectVersion(),
  // The gateway table, with the operator's SCDK_GATEWAY_PLATFORMS file merged in (README: Platform integration).
  gatewayPlatforms(),
  nodeResolve({ browser: true }),
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false, noEmitOnError: true } }),
  minify &&
    terser({
      format: { ascii_only: true, comments: false },
      compress: { passes: 3, pure_getters: true },
      // Private members are named `_x` so they can be mangled; Preact's own internals are `__x` and stay.
      mangle: { properties: { regex: /^_[a-z]/ } },
    }),
];

const external = Object.keys(pkg.dependencies ?? {});
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`));

export default [
  {
    // What partners load with a <script> tag: everything bundled, the global is the constructor.
    input: 'src/sdk/umd.ts',
    output: { file: 'dist/scdk.umd.js', format: 'umd', name: 'scDK', exports: 'default', sourcemap: true },
    plugins: plugins({ minify: true }),
  },
  {
    // For bundler users: dependencies stay external.
    input: 'src/index.ts',
    external: isExternal,
    output: [
      { file: 'dist/scdk.esm.js', format: 'es', sourcemap: true },
      { file: 'dist/scdk.cjs', format: 'cjs', exports: 'named', sourcemap: true },
    ],
    plugins: plugins({ minify: false }),
  },
  {
    // What the platform serves on its bridge page.
    input: 'src/platform/index.ts',
    output: { file: 'dist/scdk-platform.js', format: 'iife', name: 'scdkPlatform', sourcemap: true },
    plugins: plugins({ minify: true }),
  },
];
