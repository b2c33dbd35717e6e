/// <reference types="scdk/global" />
// A script-tag user's other way to opt in: a triple-slash reference, in a file or a global.d.ts.
export const fromWindow = new window.scDK({ gateway: 'demo', smallcaseAuthToken: 'token' });
export const version: string = scDK.version;
