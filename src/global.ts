// Opt-in types for the script-tag build (`scdk/global` in package.json's exports): declares the global
// `scDK` that dist/scdk.umd.js defines. Not part of the main entry: ESM and CJS users have no such global.
import type { ScDK } from './sdk/scdk';

declare global {
  interface Window {
    /** The constructor the UMD bundle defines: `new scDK({ gateway, smallcaseAuthToken, config })`. */
    scDK: typeof ScDK;
  }
  // eslint-disable-next-line no-var
  var scDK: typeof ScDK;
}

export {};
