import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOmmCsv, formatOmmEpoch, formatOmmJson, formatOmmXml, parseOmmCsv, parseOmmEpoch, parseOmmJson, parseOmmXml, splitCsvLine } from './omm.js';
import type { OrbitRecord } from './record.js';
import { parseTle } from './tle.js';

const testdata = (f: string): string => fileURLToPath(new URL(`./testdata/${f}`, import.meta.url));
const ISS_TLE = '1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991\n2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798';

const ommRecordArb: fc.Arbitrary<OrbitRecord> = fc.record({
  name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,"'&<>()/-]{0,24}[A-Za-z0-9)]$|^$/),
  noradId: fc.integer({ min: 0, max: 999_999_999 }),
  objectId: fc.stringMatching(/^(\d{4}-\d{3}[A-Z]{1,3})?$/),
  epochUtcMs: fc.double({ min: Date.UTC(1957, 0, 1), max: Date.UTC(2100, 0, 1), noNaN: true }),
  meanMotion_rev_day: fc.double({ min: 0.01, max: 17, noNaN: true }),
  eccentricity: fc.double({ min: 0, max: 0.9999, noNaN: true }),
  inclination_deg: fc.double({ min: 0, max: 180, noNaN: true }),
  raan_deg: fc.double({ min: 0, max: 360, noNaN: true }),
  argOfPericenter_deg: fc.double({ min: 0, max: 360, noNaN: true }),
  meanAnomaly_deg: fc.double({ min: 0, max: 360, noNaN: true }),
  bstar: fc.double({ min: -1, max: 1, noNaN: true }),
  meanMotionDot: fc.double({ min: -1, max: 1, noNaN: true }),
  meanMotionDdot: fc.double({ min: -1, max: 1, noNaN: true }),
  classification: fc.constantFrom('U', 'C', 'S'),
  elementSetNo: fc.integer({ min: 0, max: 99_999 }),
  revAtEpoch: fc.integer({ min: 0, max: 999_999 }),
  ephemerisType: fc.integer({ min: 0, max: 9 }),
});

const iss = parseTle(ISS_TLE).records[0]!;

function expectSameIss(r: OrbitRecord | undefined): void {
  expect(r).toBeDefined();
  expect(r!.name).toBe('ISS (ZARYA)');
  expect(r!.noradId).toBe(25544);
  expect(r!.objectId).toBe('1998-067A');
  // CelesTrak prints the TLE epoch to the microsecond: equal within 1 µs.
  expect(Math.abs(r!.epochUtcMs - iss.epochUtcMs)).toBeLessThan(1e-3);
  for (const k of ['meanMotion_rev_day', 'eccentricity', 'inclination_deg', 'raan_deg', 'argOfPericenter_deg', 'meanAnomaly_deg', 'bstar', 'meanMotionDot', 'meanMotionDdot', 'revAtEpoch', 'elementSetNo'] as const) {
    expect(r![k], k).toBe(iss[k]);
  }
}

describe('OMM readers (CelesTrak JSON, XML, CSV)', () => {
  it('JSON: numbers or numeric strings; a bad record is skipped by index', () => {
    const { records, skipped } = parseOmmJson(readFileSync(testdata('gp.json'), 'utf8'), 'gp.json');
    expectSameIss(records[0]);
    expect(records[1]!.name).toBe('CALSPHERE 1');
    expect(records[1]!.noradId).toBe(900);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.text).toBe('gp.json:2: EPOCH: bad OMM JSON record (expected YYYY-MM-DDTHH:MM:SS[.ffffff] (UTC), found "2026-03-19 6h")');
  });

  it('XML: one record per <omm>, entities decoded, a missing field is skipped with its line', () => {
    const { records, skipped } = parseOmmXml(readFileSync(testdata('gp.xml'), 'utf8'), 'gp.xml');
    expectSameIss(records[0]);
    expect(records[1]!.name).toBe('CALSPHERE 1 & CO');
    expect(skipped.map((s) => [s.line, s.field, s.message])).toEqual([[5, 'MEAN_MOTION', 'bad OMM XML record (expected revolutions per day, > 0, found nothing)']]);
  });

  it('CSV: quoted names with commas and quotes; an out-of-range field is skipped with its line', () => {
    const { records, skipped } = parseOmmCsv(readFileSync(testdata('gp.csv'), 'utf8'), 'gp.csv');
    expectSameIss(records[0]);
    expect(records[1]!.name).toBe('CALSPHERE 1, "THE FIRST"');
    expect(skipped.map((s) => [s.line, s.field])).toEqual([[4, 'INCLINATION']]);
    expect(skipped[0]!.message).toContain('found "190.2170"');
  });

  it('reads python-sgp4\'s sample OMM form (leading-dot numbers, E exponents)', () => {
    const csv = 'OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\nVANGUARD 1,1958-002B,2020-10-13T04:52:48.472320,10.84869164,.1845686,34.2443,225.5254,162.2516,205.2356,0,U,5,999,21814,-.22483E-4,-1.6E-7,0\n';
    const r = parseOmmCsv(csv).records[0]!;
    expect(r.bstar).toBe(-0.22483e-4);
    expect(r.eccentricity).toBe(0.1845686);
    expect(r.epochUtcMs).toBe(Date.UTC(2020, 9, 13, 4, 52, 48) + 472.32);
  });

  it('reports unparseable documents as one skipped entry', () => {
    expect(parseOmmJson('[{', 'x.json').skipped[0]!.field).toBe('(document)');
    expect(parseOmmXml('<ndm></ndm>', 'x.xml').skipped[0]!.field).toBe('<omm>');
    expect(parseOmmCsv('NAME,FOO\n1,2\n', 'x.csv').skipped[0]!.field).toBe('EPOCH');
  });

  it('splits CSV lines per RFC 4180', () => {
    expect(splitCsvLine('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });

  it('prints and reads epochs to the microsecond', () => {
    expect(formatOmmEpoch(Date.UTC(2026, 2, 19, 6, 0, 50) + 156.448)).toBe('2026-03-19T06:00:50.156448');
    // float64 ms near 1.8e12 are spaced 0.24 µs: equal within 1 µs.
    expect(Math.abs(parseOmmEpoch('2026-03-19T06:00:50.156448') - Date.UTC(2026, 2, 19, 6, 0, 50) - 156.448)).toBeLessThan(1e-3);
    expect(parseOmmEpoch('2026-02-30T00:00:00')).toBeNaN();
  });
});

describe('OMM writers round-trip (property)', () => {
  const formats = [
    ['JSON', formatOmmJson, parseOmmJson],
    ['XML', formatOmmXml, parseOmmXml],
    ['CSV', formatOmmCsv, parseOmmCsv],
  ] as const;
  for (const [label, format, parse] of formats) {
    it(`${label}: every field equal, epoch within 0.5 µs (printed to the microsecond)`, () => {
      fc.assert(fc.property(fc.array(ommRecordArb, { minLength: 1, maxLength: 4 }), (recs) => {
        const { records, skipped } = parse(format(recs), 'x');
        expect(skipped).toEqual([]);
        expect(records).toHaveLength(recs.length);
        records.forEach((b, k) => {
          const a = recs[k]!;
          // Half a printed microsecond, plus two float64 spacings of the ms value (0.5 µs at 2100).
          expect(Math.abs(b.epochUtcMs - a.epochUtcMs)).toBeLessThanOrEqual(0.5e-3 + 4.5e-16 * Math.abs(a.epochUtcMs));
          // −0 prints as 0: the same value at any printed precision.
          const plain = (r: OrbitRecord) => Object.fromEntries(Object.entries({ ...r, epochUtcMs: 0 }).map(([k, v]) => [k, v === 0 ? 0 : v]));
          expect(plain(b)).toEqual(plain(a));
        });
      }), { numRuns: 300 });
    });
  }
});
