// Reads `frame-ancestors` out of Content-Security-Policy headers (CSP 3 §6.4.2).

/**
 * The sources of every `frame-ancestors` directive in `header` (Headers.get joins several policies with ", ";
 * each one applies). Undefined when no policy has the directive.
 */
export function frameAncestors(header: string | null): string[][] | undefined {
  if (!header) return undefined;
  const found: string[][] = [];
  for (const policy of header.split(',')) {
    for (const directive of policy.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name?.toLowerCase() === 'frame-ancestors') found.push(sources);
    }
  }
  return found.length ? found : undefined;
}

/** Does `sources` name exactly `origins` (in any order)? */
export const namesExactly = (sources: readonly string[], origins: readonly string[]): boolean =>
  sources.length === origins.length && origins.every((origin) => sources.includes(origin));
