import type { ScDK } from './scdk';

declare global {
  interface Window {
    /** The constructor the UMD bundle defines: `new scDK({ gateway, smallcaseAuthToken, config })`. */
    scDK: typeof ScDK;
  }
  // eslint-disable-next-line no-var
  var scDK: typeof ScDK;
}

export {};
