import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { loadCatalog, parseCatalog, readCatalogRecords, sniffCatalogFormat } from './catalog.js';

const testdata = (f: string): string => fileURLToPath(new URL(`./testdata/${f}`, import.meta.url));
const starlink = fileURLToPath(new URL('../../../shared/data/catalogs/starlink-2026-02-24.tle', import.meta.url));

describe('catalog loading', () => {
  it('sniffs the format from content', () => {
    expect(sniffCatalogFormat('\ufeff  [{"EPOCH":1}]')).toBe('omm-json');
    expect(sniffCatalogFormat('<?xml version="1.0"?><ndm>')).toBe('omm-xml');
    expect(sniffCatalogFormat('OBJECT_NAME,OBJECT_ID,EPOCH\r\nX,Y,Z')).toBe('omm-csv');
    expect(sniffCatalogFormat('ISS (ZARYA)\n1 25544U')).toBe('tle');
  });

  it('loads each sample format with its records and skipped list', () => {
    const cases = [['good-mixed-bom-crlf.tle', 'tle', 3, 0], ['some-bad.tle', 'tle', 1, 3], ['gp.json', 'omm-json', 2, 1], ['gp.xml', 'omm-xml', 2, 1], ['gp.csv', 'omm-csv', 2, 1]] as const;
    for (const [file, format, nRec, nSkip] of cases) {
      const c = loadCatalog(testdata(file));
      expect([c.format, c.records.length, c.skipped.length], file).toEqual([format, nRec, nSkip]);
      expect(c.file).toBe(testdata(file));
      for (const s of c.skipped) expect(s.file).toBe(testdata(file));
    }
  });

  it('loads the 9,594-object Starlink catalog', () => {
    const records = readCatalogRecords(starlink);
    expect(records).toHaveLength(9594);
    expect(records.every((r) => r.name.startsWith('STARLINK'))).toBe(true);
  });

  it('throws E_CATALOG_EMPTY naming the file when nothing is usable', () => {
    const file = testdata('nothing-usable.tle');
    let err: unknown;
    try { loadCatalog(file); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const ie = err as InputError;
    expect(ie.code).toBe('E_CATALOG_EMPTY');
    expect(ie.context.file).toBe(file);
    expect(ie.toLine()).toContain(`${file}:3: checksum: catalog holds no usable record (1 skipped, first shown)`);
    expect(() => parseCatalog('', 'empty.tle')).toThrow(/no usable record/);
  });

  it('throws E_FILE for a missing file', () => {
    expect(() => loadCatalog('/nonexistent/x.tle')).toThrow(expect.objectContaining({ code: 'E_FILE', context: expect.objectContaining({ found: 'ENOENT' }) }));
  });
});
