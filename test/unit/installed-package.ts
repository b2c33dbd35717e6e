// A partner's project folder with this checkout installed as node_modules/scdk (a link, so its package.json
// `exports` and the dist/ that `npm test` has just built are what the partner's tools resolve).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function installScdkIn(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(PACKAGE_ROOT, join(dir, 'node_modules', 'scdk'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'partner-app', private: true }));
}
