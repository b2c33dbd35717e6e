// Entry of dist/scdk.umd.js: the global `scDK` is the constructor itself. Loading defines it and nothing else.
import { ScDK } from './scdk';

export default ScDK;
