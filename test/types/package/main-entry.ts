// The main entry alone: `window.scDK` is not declared, as an ESM or CJS user has no such global.
import { scDK } from 'scdk';

export const fromImport: typeof scDK = scDK;
// @ts-expect-error no global without `scdk/global`
export const fromWindow = window.scDK;
