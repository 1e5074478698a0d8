import { describe, expect, it } from 'vitest';
import { gstime } from 'satellite.js';
import { InputError } from './errors.js';
import { formatIsoUtc, gmst_rad, jdTt, jdUtc, parseIsoUtc, taiMinusUtc_s, ttMinusUtc_s } from './time.js';

describe('time scales', () => {
  it('J2000.0 epoch: 2000-01-01T12:00:00 TT is JD 2451545.0 (Vallado 2013 §3.5)', () => {
    // 12:00 TT = 11:58:55.816 UTC on that day (ΔAT = 32 s, TT − TAI = 32.184 s).
    const utc = Date.UTC(2000, 0, 1, 11, 58, 55, 816);
    expect(Math.abs(jdTt(utc) - 2_451_545.0) * 86_400).toBeLessThan(1e-3); // within 1 ms
  });

  it('Julian date of the Unix epoch and of 2026-03-20T00:00Z', () => {
    expect(jdUtc(0)).toBe(2_440_587.5);
    // USNO: 2026-03-20 0h UT = JD 2461119.5.
    expect(jdUtc(Date.UTC(2026, 2, 20))).toBe(2_461_119.5);
  });

  it('leap seconds: ΔAT = 37 s since 2017, 36 s in late 2016, TT − UTC = 69.184 s in 2026', () => {
    expect(taiMinusUtc_s(Date.UTC(2016, 11, 31, 23, 59, 59))).toBe(36);
    expect(taiMinusUtc_s(Date.UTC(2017, 0, 1))).toBe(37);
    expect(ttMinusUtc_s(Date.UTC(2026, 5, 1))).toBeCloseTo(69.184, 9);
  });

  it('GMST agrees with satellite.js gstime (IAU 1982) within 1e-12 rad', () => {
    for (const jd of [2_451_545.0, 2_453_371.5, 2_461_119.5, 2_461_300.25]) {
      expect(Math.abs(gmst_rad(jd) - gstime(jd))).toBeLessThan(1e-12);
    }
  });

  it('GMST at J2000.0 UT1 is 280.46061837° (Vallado 2013 Example 3-5 constant)', () => {
    expect(Math.abs(gmst_rad(2_451_545.0) * 180 / Math.PI - 280.46061837)).toBeLessThan(1e-7);
  });
});

describe('ISO-8601 edges', () => {
  it('parses the forms users type, as UTC', () => {
    expect(parseIsoUtc('2026-03-20T00:00:00Z')).toBe(Date.UTC(2026, 2, 20));
    expect(parseIsoUtc('2026-03-20T00:00Z')).toBe(Date.UTC(2026, 2, 20));
    expect(parseIsoUtc('2026-03-20')).toBe(Date.UTC(2026, 2, 20));
    expect(parseIsoUtc('2026-03-20T06:30:15.250Z')).toBe(Date.UTC(2026, 2, 20, 6, 30, 15, 250));
  });

  it('refuses non-UTC zones and impossible dates with a clear error', () => {
    expect(() => parseIsoUtc('2026-03-20T00:00+02:00', '--start')).toThrow(InputError);
    expect(() => parseIsoUtc('2026-02-30T00:00Z', '--start')).toThrow(/no such calendar date/);
    try {
      parseIsoUtc('yesterday', '--from');
    } catch (e) {
      expect((e as InputError).toLine()).toBe('--from: not an ISO-8601 UTC time (expected YYYY-MM-DDTHH:MM[:SS[.fff]]Z, found "yesterday")');
    }
  });

  it('formats round-trip', () => {
    const t = Date.UTC(2026, 10, 23, 12, 45, 20, 500);
    expect(parseIsoUtc(formatIsoUtc(t))).toBe(t);
    expect(formatIsoUtc(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
  });
});
