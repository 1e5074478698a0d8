import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import type { OrbitRecord } from './record.js';
import { decodeAlpha5, encodeAlpha5, formatTle, formatTleExponent, formatTleText, parseTle, parseTleExponent, tleChecksum } from './tle.js';

const testdata = (f: string): string => fileURLToPath(new URL(`./testdata/${f}`, import.meta.url));
const catalog = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));

const ISS1 = '1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991';
const ISS2 = '2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798';

/** Records a TLE can print: fields inside their column ranges. */
export const tleRecordArb: fc.Arbitrary<OrbitRecord> = fc.record({
  name: fc.stringMatching(/^[A-Z][A-Z0-9 ()/-]{0,20}[A-Z0-9)]$|^$/),
  noradId: fc.integer({ min: 0, max: 339_999 }),
  objectId: fc.oneof(fc.constant(''), fc.tuple(fc.integer({ min: 1957, max: 2056 }), fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[A-Z]{1,3}$/))
    .map(([y, n, p]) => `${y}-${String(n).padStart(3, '0')}${p}`)),
  epochUtcMs: fc.double({ min: Date.UTC(1957, 0, 2), max: Date.UTC(2056, 11, 30), noNaN: true }),
  meanMotion_rev_day: fc.double({ min: 0.5, max: 17, noNaN: true }),
  eccentricity: fc.double({ min: 0, max: 0.999_999, noNaN: true }),
  inclination_deg: fc.double({ min: 0, max: 180, noNaN: true }),
  raan_deg: fc.double({ min: 0, max: 359.9999, noNaN: true }),
  argOfPericenter_deg: fc.double({ min: 0, max: 359.9999, noNaN: true }),
  meanAnomaly_deg: fc.double({ min: 0, max: 359.9999, noNaN: true }),
  bstar: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 0.9, noNaN: true }), fc.double({ min: -0.9, max: -1e-9, noNaN: true })),
  meanMotionDot: fc.double({ min: -0.99, max: 0.99, noNaN: true }),
  meanMotionDdot: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 0.9, noNaN: true }), fc.double({ min: -0.9, max: -1e-9, noNaN: true })),
  classification: fc.constantFrom('U', 'C', 'S'),
  elementSetNo: fc.integer({ min: 0, max: 9999 }),
  revAtEpoch: fc.integer({ min: 0, max: 99_999 }),
  ephemerisType: fc.integer({ min: 0, max: 9 }),
});

describe('TLE reader', () => {
  it('reads the ISS record as satellite.js does (same doubles SGP4 sees)', () => {
    const { records, skipped } = parseTle(`ISS (ZARYA)\n${ISS1}\n${ISS2}\n`);
    expect(skipped).toEqual([]);
    const r = records[0]!;
    expect(r).toMatchObject({ name: 'ISS (ZARYA)', noradId: 25544, objectId: '1998-067A', classification: 'U', elementSetNo: 999, revAtEpoch: 55779, ephemerisType: 0 });
    const s = twoline2satrec(ISS1, ISS2);
    expect(r.eccentricity).toBe(s.ecco);
    expect(r.bstar).toBe(s.bstar);
    expect(r.meanMotionDot).toBe(0.00009105);
    // Epoch 26078.12958500 = 2026-03-19 + 0.129585 d = 03:06:36.144 UTC (to float rounding).
    expect(Math.abs(r.epochUtcMs - Date.UTC(2026, 2, 19, 3, 6, 36, 144))).toBeLessThan(1e-3);
  });

  it('reads 2- and 3-line records mixed, with a byte-order mark, CRLF and an Alpha-5 number', () => {
    const { records, skipped } = parseTle(readFileSync(testdata('good-mixed-bom-crlf.tle'), 'utf8'), 'good');
    expect(skipped).toEqual([]);
    expect(records.map((r) => [r.name, r.noradId])).toEqual([['ISS (ZARYA)', 25544], ['', 900], ['ALPHA5 TEST', 270_000]]);
    expect(records[2]!.meanMotionDdot).toBe(0.12345e-5);
    expect(records[2]!.bstar).toBe(0.23456e-4);
  });

  it('skips bad records, naming file, line, field, expected and found; keeps the rest', () => {
    const { records, skipped } = parseTle(readFileSync(testdata('some-bad.tle'), 'utf8'), 'some-bad.tle');
    expect(records.map((r) => r.name)).toEqual(['CALSPHERE 1']);
    expect(skipped.map((s) => [s.line, s.field])).toEqual([[2, 'checksum'], [9, 'line 2'], [11, 'ECCENTRICITY']]);
    expect(skipped[0]!.message).toBe('bad TLE record (expected 1, found "5")');
    expect(skipped[0]!.text).toBe('some-bad.tle:2: checksum: bad TLE record (expected 1, found "5")');
    expect(skipped[2]!.text).toContain('found "00X4457"');
  });

  it('refuses mismatched catalog numbers, short lines and text past column 69', () => {
    const l2other = ISS2.replace('25544', '25545').slice(0, 68);
    const bad = [`${ISS1}\n${l2other}${tleChecksum(l2other)}`, `${ISS1}\n${ISS2.slice(0, 66)}`, `${ISS1}\n${ISS2} 0.0 1440.0 360.0`];
    const fields = bad.map((t) => parseTle(t).skipped[0]?.field);
    expect(fields).toEqual(['NORAD_CAT_ID', 'line length', 'line length']);
  });

  it('decodes and encodes Alpha-5 catalog numbers', () => {
    expect(decodeAlpha5('A0000')).toBe(100_000);
    expect(decodeAlpha5('E8493')).toBe(148_493);
    expect(decodeAlpha5('Z9999')).toBe(339_999);
    expect(decodeAlpha5('I0000')).toBeNaN();
    expect(decodeAlpha5('  900')).toBe(900);
    expect(encodeAlpha5(148_493)).toBe('E8493');
    expect(encodeAlpha5(5)).toBe('00005');
    expect(() => encodeAlpha5(340_000)).toThrow(/does not fit/);
  });

  it('reads every record of the 14,710-object active catalog with none skipped', () => {
    const { records, skipped } = parseTle(readFileSync(catalog, 'utf8'), 'active');
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(14_710);
  });
});

describe('TLE writer', () => {
  it('prints real records back to the same lines, checksums included', () => {
    const text = readFileSync(catalog, 'utf8').split(/\r?\n/).slice(0, 3000);
    const { records } = parseTle(text.join('\n'));
    let same = 0;
    records.forEach((r, k) => {
      const [l1, l2] = formatTle(r);
      // CelesTrak prints the zero exponent of nddot as "00000+0" and a negative-zero exponent
      // as "-0"; both parse to the same value, so compare the lines with those normalised.
      const norm = (s: string) => s.slice(0, 68).replace(/([ -]\d{5})-0/g, '$1+0');
      expect(norm(l1)).toBe(norm(text[3 * k + 1]!));
      expect(l2).toBe(text[3 * k + 2]);
      expect(Number(l1[68])).toBe(tleChecksum(l1));
      same++;
    });
    expect(same).toBe(1000);
  });

  it('prints exponent fields in their fixed width', () => {
    expect(formatTleExponent(0, 'BSTAR')).toBe(' 00000+0');
    expect(formatTleExponent(0.00017698, 'BSTAR')).toBe(' 17698-3');
    expect(formatTleExponent(-0.76064e-3, 'BSTAR')).toBe('-76064-3');
    expect(formatTleExponent(0.99999999, 'BSTAR')).toBe(' 10000+1');
    expect(formatTleExponent(0.13519, 'BSTAR')).toBe(' 13519+0');
    expect(parseTleExponent(' 13519-0')).toBe(0.13519);
    expect(() => formatTleExponent(2e9, 'BSTAR')).toThrow(/fit/);
  });

  it('round-trips any printable record within the printed precision (property)', () => {
    fc.assert(fc.property(tleRecordArb, (r) => {
      const text = formatTleText([r]);
      const { records, skipped } = parseTle(text);
      expect(skipped).toEqual([]);
      const b = records[0]!;
      expect(b.name).toBe(r.name);
      expect([b.noradId, b.objectId, b.classification, b.elementSetNo, b.revAtEpoch, b.ephemerisType])
        .toEqual([r.noradId, r.objectId, r.classification, r.elementSetNo, r.revAtEpoch, r.ephemerisType]);
      // Epoch: 1e-8 day = 0.864 ms printed, so within half of it.
      expect(Math.abs(b.epochUtcMs - r.epochUtcMs)).toBeLessThanOrEqual(0.432 + 1e-6);
      expect(Math.abs(b.meanMotion_rev_day - r.meanMotion_rev_day)).toBeLessThanOrEqual(0.5e-8 + 1e-12);
      expect(Math.abs(b.eccentricity - r.eccentricity)).toBeLessThanOrEqual(0.5e-7 + 1e-15);
      for (const k of ['inclination_deg', 'raan_deg', 'argOfPericenter_deg', 'meanAnomaly_deg'] as const) {
        expect(Math.abs(b[k] - r[k])).toBeLessThanOrEqual(0.5e-4 + 1e-9);
      }
      expect(Math.abs(b.meanMotionDot - r.meanMotionDot)).toBeLessThanOrEqual(0.5e-8 + 1e-15);
      // 5 significant digits: relative 5e-5 at worst (mantissa 0.10000).
      for (const k of ['bstar', 'meanMotionDdot'] as const) expect(Math.abs(b[k] - r[k])).toBeLessThanOrEqual(5e-5 * Math.abs(r[k]));
    }), { numRuns: 1000 });
  });
});
