import { describe, expect, it } from 'vitest';
import { addIsoDuration, ssoInclination_rad } from './normalise.js';

const RAD_TO_DEG = 180 / Math.PI;
const R_EARTH_m = 6_378_137;

describe('ssoInclination_rad', () => {
  it('golden: Landsat 8, 705 km sun-synchronous, inclination 98.2° (USGS Landsat 8 Data Users Handbook), within 0.05°', () => {
    // The handbook rounds to 0.1°, so agreement within half of that is what can be asked.
    expect(Math.abs(ssoInclination_rad(R_EARTH_m + 705e3) * RAD_TO_DEG - 98.2)).toBeLessThan(0.05);
  });
  it('has no solution above ~5,970 km altitude (cos i would pass −1)', () => {
    expect(Number.isNaN(ssoInclination_rad(R_EARTH_m + 5_980e3))).toBe(true);
    expect(ssoInclination_rad(R_EARTH_m + 5_960e3) * RAD_TO_DEG).toBeGreaterThan(170);
  });
});

describe('addIsoDuration', () => {
  const t0 = Date.UTC(2026, 0, 1);
  it('reads days, hours, minutes, seconds and weeks exactly', () => {
    expect(addIsoDuration(t0, 'PT6H')).toBe(t0 + 6 * 3600e3);
    expect(addIsoDuration(t0, 'P1DT12H30M15.5S')).toBe(t0 + (86_400 + 12 * 3600 + 30 * 60 + 15.5) * 1000);
    expect(addIsoDuration(t0, 'P2W')).toBe(t0 + 14 * 86_400e3);
  });
  it('counts years and months on the calendar', () => {
    expect(addIsoDuration(t0, 'P5Y')).toBe(Date.UTC(2031, 0, 1));
    expect(addIsoDuration(Date.UTC(2028, 1, 29, 6), 'P1Y')).toBe(Date.UTC(2029, 1, 28, 6));
    expect(addIsoDuration(Date.UTC(2026, 10, 30), 'P3M')).toBe(Date.UTC(2027, 1, 28));
  });
  it('rejects what is not an ISO-8601 duration', () => {
    for (const bad of ['P', 'PT', 'P1DT', '5Y', 'P1.5Y', 'P-1D', '1 day']) expect(addIsoDuration(t0, bad)).toBeNull();
  });
});
