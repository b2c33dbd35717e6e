/**
 * Exact-match set of trusted partner origins. No wildcards, no suffix matching: `https://partner.example`
 * does not admit `https://evil-partner.example` or `http://partner.example`.
 */
export function createOriginAllowlist(origins: readonly string[]): (origin: string) => boolean {
  const allowed = new Set<string>();
  for (const entry of origins) {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new Error(`scdk bridge: allowed origin ${JSON.stringify(entry)} is not a URL like https://partner.example`);
    }
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      throw new Error(`scdk bridge: allowed origin ${JSON.stringify(entry)} must be a bare origin like https://partner.example`);
    }
    allowed.add(origin);
  }
  return (origin) => allowed.has(origin);
}
