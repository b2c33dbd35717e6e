// A partner's project folder with scdk installed as node_modules/scdk from the tarball `npm pack` makes of
// this checkout, so what the partner's tools resolve is what the registry would serve: package.json
// `exports`, and only the files that are packed, from the dist/ that `npm test` has just built.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Playwright's outputDir, emptied at the start of each run: the tarball is made once per run. */
const PACK_DIR = join(PACKAGE_ROOT, 'test-results', 'packed-scdk');
/** Packing the dist/ that is already built takes a second or two; a loaded 2-core machine gets much more. */
const PACK_TIMEOUT_MS = 60_000;

/**
 * The path of this checkout's tarball. `--ignore-scripts`: prepack would rebuild dist/, which `npm test`
 * has just done (package-files.spec.ts checks that prepack builds). Workers run side by side, so each packs
 * into a folder of its own and renames the tarball into place: a rename is atomic, and another worker
 * sees either no tarball or a whole one.
 */
export function packedTarball(): string {
  mkdirSync(PACK_DIR, { recursive: true });
  const existing = readdirSync(PACK_DIR, { withFileTypes: true }).find((entry) => entry.isFile() && entry.name.endsWith('.tgz'));
  if (existing) return join(PACK_DIR, existing.name);
  const own = mkdtempSync(join(PACK_DIR, 'packing-'));
  try {
    const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', own], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      timeout: PACK_TIMEOUT_MS,
    });
    const [pack] = JSON.parse(output) as { filename: string }[];
    const tarball = join(PACK_DIR, pack.filename);
    renameSync(join(own, pack.filename), tarball);
    return tarball;
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}

export function installScdkIn(dir: string): void {
  const target = join(dir, 'node_modules', 'scdk');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', packedTarball(), '-C', target, '--strip-components=1'], { timeout: PACK_TIMEOUT_MS });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'partner-app', private: true }));
}
