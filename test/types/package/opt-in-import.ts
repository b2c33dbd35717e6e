// A script-tag user opts in with a type-only import: `window.scDK` and the global `scDK` are the constructor.
import type {} from 'scdk/global';

export const fromWindow = new window.scDK({ gateway: 'demo', smallcaseAuthToken: 'token' });
export const version: string = scDK.version;
// @ts-expect-error the options are typed: `gateway` is required
new window.scDK({ smallcaseAuthToken: 'token' });
