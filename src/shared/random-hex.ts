/** `bytes` random bytes from the platform's CSPRNG, as lowercase hex: for values others must not guess. */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
