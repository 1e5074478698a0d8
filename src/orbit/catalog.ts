/**
 * Catalog files: guess the format from the content (not the file name, which users get wrong),
 * parse, and report what was skipped. Formats: TLE (2-/3-line), CCSDS OMM as CelesTrak's JSON,
 * XML and CSV. A whole catalog (15k objects, a few MB) is read into memory at once: small.
 */
import { readFileSync } from 'node:fs';
import { InputError, quoteFound } from '../core/errors.js';
import { parseOmmCsv, parseOmmJson, parseOmmXml } from './omm.js';
import type { Catalog, OrbitRecord } from './record.js';
import { parseTle, type TleParseOptions } from './tle.js';

export type CatalogFormat = Catalog['format'];

/** Guess a catalog's format from its first non-blank characters. */
export function sniffCatalogFormat(text: string): CatalogFormat {
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  const c = src[0];
  if (c === '[' || c === '{') return 'omm-json';
  if (c === '<') return 'omm-xml';
  const firstLine = src.slice(0, src.search(/\r|\n/) >>> 0).toUpperCase();
  if (firstLine.includes(',') && /\b(OBJECT_NAME|NORAD_CAT_ID|EPOCH|MEAN_MOTION)\b/.test(firstLine)) return 'omm-csv';
  return 'tle';
}

/**
 * Parse catalog text of any supported format. Bad records are skipped and listed; a text with no
 * usable record throws `InputError` E_CATALOG_EMPTY naming the file (and the first problem).
 */
export function parseCatalog(text: string, file = '<catalog>', options: { format?: CatalogFormat; tle?: TleParseOptions } = {}): Catalog {
  const format = options.format ?? sniffCatalogFormat(text);
  const parsed =
    format === 'omm-json' ? parseOmmJson(text, file)
    : format === 'omm-xml' ? parseOmmXml(text, file)
    : format === 'omm-csv' ? parseOmmCsv(text, file)
    : parseTle(text, file, options.tle ?? {});
  if (parsed.records.length === 0) {
    const first = parsed.skipped[0];
    throw new InputError(
      `catalog holds no usable record (${parsed.skipped.length} skipped${first ? ', first shown' : ''})`,
      first
        ? { file, line: first.line, field: first.field, expected: `at least one ${format} record`, found: first.message }
        : { file, expected: `at least one ${format} record`, found: quoteFound(text.slice(0, 40)) },
      'E_CATALOG_EMPTY',
    );
  }
  return { records: parsed.records, skipped: parsed.skipped, file, format };
}

/** Read and parse a catalog file (TLE or OMM JSON/XML/CSV, sniffed from content). */
export function loadCatalog(file: string, options: { format?: CatalogFormat; tle?: TleParseOptions } = {}): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    throw new InputError('cannot read catalog file', { file, expected: 'a readable file', found: code }, 'E_FILE', { cause: e });
  }
  return parseCatalog(text, file, options);
}

/** The records of a catalog file (skipped ones dropped; use `loadCatalog` to see them). */
export function readCatalogRecords(file: string): OrbitRecord[] {
  return loadCatalog(file).records;
}
