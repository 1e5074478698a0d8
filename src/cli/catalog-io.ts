/** Loading a catalog for a command: clear errors, and a one-line note of what was skipped. */
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { loadCatalog } from '../orbit/catalog.js';
import type { Catalog } from '../orbit/record.js';

/** Load a catalog file; print "skipped N records" and the first few reasons on stderr. */
export function loadCatalogForCli(file: string, opts: { quiet?: boolean } = {}): Catalog {
  if (!existsSync(file)) {
    throw new InputError('catalog file not found', { file, expected: 'a TLE or OMM (JSON, XML, CSV) file' }, 'E_FILE');
  }
  const cat = loadCatalog(file);
  if (cat.skipped.length > 0 && !opts.quiet) {
    const shown = cat.skipped.slice(0, 5).map((s) => `  ${s.text}`).join('\n');
    const more = cat.skipped.length > 5 ? `\n  ... and ${cat.skipped.length - 5} more` : '';
    process.stderr.write(`orbitdc: loaded ${cat.records.length} records from ${file}, skipped ${cat.skipped.length}:\n${shown}${more}\n`);
  }
  return cat;
}
