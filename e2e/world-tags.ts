import type { CookieWorld } from './fixtures';

/**
 * Tags that keep a test to some cookie worlds. playwright.config.ts leaves a tagged test out of the other
 * worlds' projects, so nothing is set up there only to skip it. A comment above each tagged test says why.
 * - `@any-world`: its behaviour cannot depend on the cookie world, so it runs once (in the blocked world).
 * - `@blocked-only`: what it checks happens only where the iframe cannot reach the platform's cookies.
 * - `@iframe-reaches-cookies`: what it checks happens only where the iframe reaches them (allowed, Storage Access).
 * - `@allowed-only`: it starts from what only the allowed world shows, and runs there once.
 */
export const WORLD_TAGS: Readonly<Record<string, readonly CookieWorld[]>> = {
  '@any-world': ['blocked'],
  '@blocked-only': ['blocked'],
  '@iframe-reaches-cookies': ['allowed', 'storage-access'],
  '@allowed-only': ['allowed'],
};

/** The tags whose tests do not run in `world`. */
export function tagsNotIn(world: CookieWorld): string[] {
  return Object.entries(WORLD_TAGS)
    .filter(([, worlds]) => !worlds.includes(world))
    .map(([tag]) => tag);
}
