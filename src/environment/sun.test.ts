import { describe, expect, it } from 'vitest';
import * as Astronomy from 'astronomy-engine';
import { SunOnGrid, sunDirectionEci, sunPositionEci_m } from './sun.js';
import { jdTt, JD_J2000 } from '../core/time.js';
import { AU_m, DEG_TO_RAD, ARCSEC_TO_RAD } from '../core/units.js';
import { angleBetween, norm, type Vec3 } from '../core/vec3.js';

/**
 * Reference: astronomy-engine (VSOP87-based, arcsecond-class) apparent geocentric Sun, J2000
 * (EQJ) → true equator of date (EQD, its precession + IAU 2000B nutation) → mean equator and
 * equinox of date by undoing the nutation: rotate true-of-date to the true ecliptic with the true
 * obliquity, subtract Δψ from the longitude, rotate back with the mean obliquity.
 * Time is handed to it as TT (from our leap-second table), so its own ΔT model plays no part.
 */
function referenceSunMeanOfDate_m(utcMs: number): Vec3 {
  const time = Astronomy.AstroTime.FromTerrestrialTime(jdTt(utcMs) - JD_J2000);
  const eqj = Astronomy.GeoVector(Astronomy.Body.Sun, time, true);
  const eqd = Astronomy.RotateVector(Astronomy.Rotation_EQJ_EQD(time), eqj);
  const tilt = Astronomy.e_tilt(time);
  const tobl = tilt.tobl * DEG_TO_RAD;
  const mobl = tilt.mobl * DEG_TO_RAD;
  // True equator → true ecliptic of date (rotation about x by +ε_true).
  const x = eqd.x;
  const y = Math.cos(tobl) * eqd.y + Math.sin(tobl) * eqd.z;
  const z = -Math.sin(tobl) * eqd.y + Math.cos(tobl) * eqd.z;
  // True equinox → mean equinox: longitude − Δψ (rotation about z).
  const dpsi = -tilt.dpsi * ARCSEC_TO_RAD;
  const xm = Math.cos(dpsi) * x - Math.sin(dpsi) * y;
  const ym = Math.sin(dpsi) * x + Math.cos(dpsi) * y;
  // Mean ecliptic → mean equator of date (rotation about x by −ε_mean).
  return [xm * AU_m, (Math.cos(mobl) * ym - Math.sin(mobl) * z) * AU_m, (Math.sin(mobl) * ym + Math.cos(mobl) * z) * AU_m];
}

describe('sunPositionEci_m (Meeus ch. 25, mean equator and equinox of date)', () => {
  // 10,000 dates spread over 2000-01-01 .. 2050-12-31 (a stride that is not a multiple of a day or a year).
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2050, 11, 31);
  const n = 10_000;
  const dates = Array.from({ length: n }, (_, k) => start + ((end - start) * k) / (n - 1) + (k * 7_777_777) % 86_400_000);

  it('direction within 32″ and distance within 8,000 km (53 ppm) of astronomy-engine, 2000–2050', () => {
    let maxAngle_arcsec = 0;
    let maxDist_m = 0;
    for (const t of dates) {
      const ours = sunPositionEci_m(t);
      const ref = referenceSunMeanOfDate_m(t);
      maxAngle_arcsec = Math.max(maxAngle_arcsec, angleBetween(ours, ref) / ARCSEC_TO_RAD);
      maxDist_m = Math.max(maxDist_m, Math.abs(norm(ours) - norm(ref)));
    }
    expect(maxAngle_arcsec).toBeLessThan(32); // measured 29.2″
    expect(maxDist_m).toBeLessThan(8e6); // measured 7,459 km
  });

  it('is of date, not J2000: differs from the J2000 direction by ~0.36–0.38° in 2026', () => {
    const t = Date.UTC(2026, 5, 21);
    const time = Astronomy.AstroTime.FromTerrestrialTime(jdTt(t) - JD_J2000);
    const j2000 = Astronomy.GeoVector(Astronomy.Body.Sun, time, true);
    const deg = angleBetween(sunPositionEci_m(t), [j2000.x, j2000.y, j2000.z]) / DEG_TO_RAD;
    // General precession 50.29″/yr × 26.5 yr = 0.370° in longitude; projected on the equator near the solstice.
    expect(deg).toBeGreaterThan(0.3);
    expect(deg).toBeLessThan(0.4);
  });

  it('equinox and solstice geometry of 2026: declination ≈ 0 at the March equinox, +23.44° at the June solstice', () => {
    // March equinox 2026-03-20T14:46Z, June solstice 2026-06-21T08:24Z (USNO, Data Services "Earth's Seasons").
    const eq = sunPositionEci_m(Date.UTC(2026, 2, 20, 14, 46));
    const decEq_arcsec = Math.asin(eq[2] / norm(eq)) / ARCSEC_TO_RAD;
    expect(Math.abs(decEq_arcsec)).toBeLessThan(60); // Sun moves 0.4′ in declination per ~1 min near the equinox
    expect(eq[0]).toBeGreaterThan(0); // ascending node of the ecliptic: the Sun is on +x
    const sol = sunPositionEci_m(Date.UTC(2026, 5, 21, 8, 24));
    const decSol_deg = Math.asin(sol[2] / norm(sol)) / DEG_TO_RAD;
    expect(Math.abs(decSol_deg - 23.436)).toBeLessThan(0.005); // mean obliquity 2026 = 23.4361°
  });

  it('sunDirectionEci writes a unit vector and returns the same distance as sunPositionEci_m', () => {
    const u = new Float64Array(3);
    for (const t of dates.slice(0, 50)) {
      const r_m = sunDirectionEci(t, u);
      const p = sunPositionEci_m(t);
      expect(Math.abs(norm(u) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(norm(p) - r_m)).toBeLessThan(1e-3); // metres
      expect(r_m).toBeGreaterThan(0.98 * AU_m);
      expect(r_m).toBeLessThan(1.02 * AU_m);
    }
  });
});

describe('SunOnGrid (exact nodes every 600 s, linear in between)', () => {
  /** Largest direction [″] and distance [m] error of the grid against the exact series, every `stride`-th step. */
  function maxError(epochUtcMs: number, dt_s: number, steps: number, stride: number): { angle_arcsec: number; dist_m: number } {
    const grid = new SunOnGrid(epochUtcMs, dt_s);
    const g: Vec3 = [0, 0, 0], e: Vec3 = [0, 0, 0];
    let angle = 0, dist = 0;
    for (let k = 0; k < steps; k += stride) {
      grid.at(k, g);
      sunPositionEci_m(epochUtcMs + k * dt_s * 1000, e);
      angle = Math.max(angle, angleBetween(g, e));
      dist = Math.max(dist, Math.abs(norm(g) - norm(e)));
    }
    return { angle_arcsec: angle / ARCSEC_TO_RAD, dist_m: dist };
  }

  it('within 0.001″ and 1 km of the exact series over 5 years at 60 s steps (2026–2031)', () => {
    // Every 7th of 2,629,800 steps (7 and 10 coprime: every phase within the 10-step node interval).
    const { angle_arcsec, dist_m } = maxError(Date.UTC(2026, 0, 1), 60, 2_629_800, 7);
    expect(angle_arcsec).toBeLessThan(0.001); // bound 1.5e-5″ (sun.ts), far below the series' own 29″
    expect(dist_m).toBeLessThan(1e3); // chord sag r·θ²/8 ≈ 270 m, against the series' own 7,460 km
    expect(dist_m).toBeGreaterThan(1); // it does interpolate (not exact everywhere)
  });

  it('within 0.1″ across the leap second of 2016-12-31 (TT − UTC jumps 1 s inside one interval)', () => {
    const { angle_arcsec } = maxError(Date.UTC(2016, 11, 31, 23, 0), 60, 120, 1);
    expect(angle_arcsec).toBeLessThan(0.1); // ω · 1 s = 0.04″
  });

  it('exact at the nodes, bit for bit; exact every step when steps are ≥ 600 s', () => {
    const epoch = Date.UTC(2026, 3, 1);
    const grid = new SunOnGrid(epoch, 60);
    expect(grid.nodeEvery).toBe(10);
    for (const k of [0, 10, 20, 12_340]) expect(grid.at(k, [0, 0, 0])).toEqual(sunPositionEci_m(epoch + k * 60 * 1000));
    const coarse = new SunOnGrid(epoch, 900);
    expect(coarse.nodeEvery).toBe(1);
    for (const k of [0, 1, 7, 333]) expect(coarse.at(k, [0, 0, 0])).toEqual(sunPositionEci_m(epoch + k * 900 * 1000));
  });

  it('depends on the step index only: steps visited out of order give the same bits as in order', () => {
    const epoch = Date.UTC(2027, 6, 4);
    const inOrder = new SunOnGrid(epoch, 30), shuffled = new SunOnGrid(epoch, 30);
    const ks = Array.from({ length: 200 }, (_, k) => k);
    const ref = ks.map((k) => inOrder.at(k, [0, 0, 0]));
    for (const k of [...ks].reverse().concat(ks.filter((k) => k % 3 === 0))) expect(shuffled.at(k, [0, 0, 0])).toEqual(ref[k]);
  });
});
