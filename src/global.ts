// Opt-in types for the script-tag build (`scdk/global` in package.json's exports): declares the global
// `scDK` that dist/scdk.umd.js defines. Not part of the main entry: ESM and CJS users have no such global.
// It takes the class from the main entry, so the declaration files it becomes name the same class as
// dist/types/index.d.ts (or .d.cts) rather than a copy of it (rollup.config.mjs).
import type { scDK } from './index';

/** Named outside `declare global`, where `scDK` is the global itself. */
type Constructor = typeof scDK;

declare global {
  interface Window {
    /** The constructor the UMD bundle defines: `new scDK({ gateway, smallcaseAuthToken, config })`. */
    scDK: Constructor;
  }
  // eslint-disable-next-line no-var
  var scDK: Constructor;
}

export {};
