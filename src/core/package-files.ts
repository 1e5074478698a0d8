/** Where the package's own files are, from source (src/) and compiled (dist/src/) code alike. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The orbitdc package root: the nearest folder upwards whose package.json is named "orbitdc". */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'orbitdc') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('orbitdc package root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const packagePath = (...parts: string[]): string => join(packageRoot(), ...parts);
