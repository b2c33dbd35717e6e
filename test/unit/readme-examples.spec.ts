// README "Platform integration" shows the server examples exactly as test/types/server/ has them, where
// `npm run typecheck` compiles them against scdk/server's types.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const EXAMPLES = new URL('../types/server/', import.meta.url);

test('every server example in the README is the typechecked file, and every file is shown', () => {
  const shown = new Map([...README.matchAll(/<!-- server-example:([\w-]+):start -->\n```ts\n([\s\S]*?)```\n<!-- server-example:\1:end -->/g)].map((match) => [match[1], match[2]]));
  const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.ts'));
  expect([...shown.keys()].sort()).toEqual(files.map((file) => file.replace(/\.ts$/, '')).sort());
  for (const file of files) expect(shown.get(file.replace(/\.ts$/, '')), file).toBe(readFileSync(new URL(file, EXAMPLES), 'utf8'));
});
