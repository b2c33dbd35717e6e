// Entry of dist/scdk.cjs. Its `module.exports` is the constructor itself, so `new` works on what `require`
// returns, and it carries the named exports of src/index.ts as properties, so destructuring `scDK` or
// `ScdkError` from it works too. `default` points back to the constructor for tools that read `.default`.
// The ESM build (src/index.ts) is not affected: this file is the CommonJS build's input only.
import { ScDK } from './sdk/client';
import { ERROR_CODES, ERROR_NAMES } from './shared/error-codes';
import { ScdkError } from './shared/scdk-error';

export default Object.assign(ScDK, { default: ScDK, scDK: ScDK, ScdkError, ERROR_CODES, ERROR_NAMES });
