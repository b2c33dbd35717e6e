/**
 * Whether `key` is `object`'s own property: `toString` or `constructor` is `in` every object, and is no
 * gateway or text name. (Object.hasOwn is ES2022; the SDK targets ES2020.)
 */
export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
