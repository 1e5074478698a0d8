/**
 * Built-in presets: the YAML files in the repository's `presets/` folder, loaded by
 * `loadScenario('preset:NAME')`. Each file cites its sources in comments and labels what is an
 * orbitdc assumption. The folder is found from this module's own location, in the source tree
 * (`src/twin/scenario/` → `../../../presets`) and in the build (`dist/src/twin/scenario/` →
 * `../../../../presets`); the package must ship `presets/` next to `dist/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { didYouMean, ScenarioError } from './errors.js';

export const PRESET_PREFIX = 'preset:';

export interface PresetInfo {
  /** Name as used in `preset:NAME`. */
  name: string;
  /** The preset's `description` line. */
  description: string;
  /** Absolute path of its YAML file. */
  path: string;
}

let cachedDir: string | undefined;

/** Absolute path of the presets folder. */
export function presetsDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  for (const rel of ['../../../presets/', '../../../../presets/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      cachedDir = dir;
      return dir;
    }
  }
  throw new ScenarioError([{ message: 'presets folder not found next to the orbitdc installation', expected: 'a presets/ folder at the package root' }], 'presets', 'E_FILE');
}

/** All presets, sorted by name. */
export function listPresets(): PresetInfo[] {
  const dir = presetsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const doc = parseDocument(readFileSync(path, 'utf8'));
      const d: unknown = doc.get('description');
      return { name: basename(f, '.yaml'), description: typeof d === 'string' ? d : '', path };
    });
}

/** The file of preset `name` (without the `preset:` prefix); a ScenarioError with a suggestion if none. */
export function presetPath(name: string): string {
  const presets = listPresets();
  const hit = presets.find((p) => p.name === name);
  if (hit) return hit.path;
  const guess = didYouMean(name, presets.map((p) => p.name));
  throw new ScenarioError(
    [
      {
        file: `${PRESET_PREFIX}${name}`,
        message: `no preset named "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        expected: `one of ${presets.map((p) => p.name).join(', ')}`,
        found: JSON.stringify(name),
      },
    ],
    `${PRESET_PREFIX}${name}`,
  );
}
