import * as Astronomy from 'astronomy-engine';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { DEG_TO_RAD, OMEGA_SUN_MEAN_rad_s, R_EARTH_m, RAD_TO_DEG, S_PER_DAY } from '../core/units.js';
import { j2SecularRates } from './j2.js';
import { ltanOfRaan_h, meanSunRightAscension_rad, raanForLtan, ssoInclination_rad, ssoPlanes } from './sso.js';

const deg = (rad: number): number => rad * RAD_TO_DEG;

/** Apparent right ascension of the Sun [h], of date (astronomy-engine, independent of orbitdc). */
function sunRa_h(utcMs: number): number {
  return Astronomy.Equator(Astronomy.Body.Sun, new Date(utcMs), new Astronomy.Observer(0, 0, 0), true, true).ra;
}

describe('ssoInclination_rad', () => {
  it('gives 98.7° at a = 7,200 km, the worked example of Wikipedia "Sun-synchronous orbit" (within 0.05°, the example rounds to 0.1°)', () => {
    expect(Math.abs(deg(ssoInclination_rad(7_200e3)) - 98.7)).toBeLessThan(0.05);
  });

  it('gives 98.2° at 705 km, Landsat 8\'s orbit (NASA Landsat 8 Data Users Handbook: 705 km, 98.2°), within 0.05°', () => {
    expect(Math.abs(deg(ssoInclination_rad(R_EARTH_m + 705e3)) - 98.2)).toBeLessThan(0.05);
  });

  it('gives 97.99° at 650 km (Suncatcher\'s altitude; regression value of the formula, within 0.01°)', () => {
    expect(Math.abs(deg(ssoInclination_rad(R_EARTH_m + 650e3)) - 97.986)).toBeLessThan(0.01);
  });

  it('makes the J2 node rate equal 360° per tropical year (0.9856°/day) to 1e-12 relative, also for e = 0.05', () => {
    for (const [a, e] of [[R_EARTH_m + 500e3, 0], [R_EARTH_m + 1000e3, 0.05]] as const) {
      const r = j2SecularRates(a, e, ssoInclination_rad(a, e));
      expect(Math.abs(r.raanDot_rad_s / OMEGA_SUN_MEAN_rad_s - 1)).toBeLessThan(1e-12);
      expect(Math.abs(r.raanDot_rad_s * S_PER_DAY * RAD_TO_DEG - 0.98565)).toBeLessThan(1e-4);
    }
  });

  it('refuses altitudes with no sun-synchronous solution and orbits inside the Earth', () => {
    expect(() => ssoInclination_rad(13_000e3)).toThrow(InputError);
    expect(() => ssoInclination_rad(R_EARTH_m - 1)).toThrow(InputError);
    expect(() => ssoInclination_rad(R_EARTH_m + 500e3, 0.5)).toThrow(InputError);
  });
});

describe('mean Sun and LTAN', () => {
  it('puts the mean Sun ahead of the true Sun by the equation of time: −14.2 min on Feb 11, +16.4 min on Nov 3 (published extremes, e.g. Meeus 1998 ch. 28), within 0.3 min', () => {
    const eot = (utcMs: number): number => {
      let d = (meanSunRightAscension_rad(utcMs) * 12) / Math.PI - sunRa_h(utcMs);
      if (d > 12) d -= 24;
      if (d < -12) d += 24;
      return d * 60;
    };
    expect(Math.abs(eot(Date.UTC(2026, 1, 11, 12)) - -14.2)).toBeLessThan(0.3);
    expect(Math.abs(eot(Date.UTC(2026, 10, 3, 12)) - 16.4)).toBeLessThan(0.3);
  });

  it('places a dawn-dusk plane (LTAN 18 h) with the Sun near its normal: beta > 75° at the March equinox', () => {
    const t = Date.UTC(2026, 2, 20, 14, 46);
    const raan = raanForLtan(t, 18);
    const i = ssoInclination_rad(R_EARTH_m + 650e3);
    const n = [Math.sin(raan) * Math.sin(i), -Math.cos(raan) * Math.sin(i), Math.cos(i)];
    const ra = (sunRa_h(t) * Math.PI) / 12;
    const s = [Math.cos(ra), Math.sin(ra), 0]; // declination ≈ 0 at the equinox
    const beta = Math.asin(n[0]! * s[0]! + n[1]! * s[1]! + n[2]! * s[2]!);
    expect(deg(beta)).toBeGreaterThan(75);
  });

  it('round-trips RAAN ↔ LTAN, and a J2-propagated SSO node keeps its LTAN within 0.01 h over a year', () => {
    const t0 = Date.UTC(2026, 0, 1);
    for (const ltan of [0, 6, 10.5, 18, 23.99]) expect(Math.abs(ltanOfRaan_h(t0, raanForLtan(t0, ltan)) - ltan)).toBeLessThan(1e-9);
    const a = R_EARTH_m + 650e3;
    const rate = j2SecularRates(a, 0, ssoInclination_rad(a)).raanDot_rad_s;
    const raan0 = raanForLtan(t0, 18);
    const year_s = 365 * S_PER_DAY;
    expect(Math.abs(ltanOfRaan_h(t0 + year_s * 1000, raan0 + rate * year_s) - 18)).toBeLessThan(0.01);
    expect(() => raanForLtan(t0, 25)).toThrow(InputError);
  });
});

describe('ssoPlanes', () => {
  it('builds one circular SSO plane per LTAN with evenly spaced satellites', () => {
    const t0 = Date.UTC(2026, 2, 20);
    const el = ssoPlanes({ epochUtcMs: t0, altitude_m: 650e3, ltans_h: [18, 6], satellitesPerPlane: 4 });
    expect(el.count).toBe(8);
    expect(el.plane[5]).toBe(1);
    expect(el.names[5]).toBe('SSO-2-2');
    expect(deg(el.i_rad[0]!)).toBeCloseTo(97.986, 2);
    expect(Math.abs(ltanOfRaan_h(t0, el.raan_rad[0]!) - 18)).toBeLessThan(1e-9);
    expect(Math.abs(ltanOfRaan_h(t0, el.raan_rad[4]!) - 6)).toBeLessThan(1e-9);
    expect(Math.abs(el.meanAnomaly_rad[1]! - el.meanAnomaly_rad[0]! - 90 * DEG_TO_RAD)).toBeLessThan(1e-12);
    expect(() => ssoPlanes({ epochUtcMs: t0, altitude_m: 650e3, ltans_h: [], satellitesPerPlane: 4 })).toThrow(/no plane/);
  });
});
