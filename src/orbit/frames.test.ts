import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MakeTime, SiderealTime } from 'astronomy-engine';
import { eciToEcf, gstime } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { gmst_rad, jdUt1 } from '../core/time.js';
import { ARCSEC_TO_RAD, RAD_TO_DEG } from '../core/units.js';
import { eciOfDateToEcef, gast_rad, gmstAt_rad, inertialToEcef, makeEcefColumns, nutationAtT, temeToEcef } from './frames.js';
import { Sgp4Fleet } from './sgp4.js';
import { parseTle } from './tle.js';

const catalog = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));
const records = parseTle(readFileSync(catalog, 'utf8').split('\n').slice(0, 600).join('\n'), 'active').records;
const T0 = Date.UTC(2026, 2, 20, 7, 31, 12, 345);

describe('TEME → ECEF', () => {
  it('uses the GMST of core/time.ts and satellite.js gstime, without their Julian-date jitter (< 4e-9 rad)', () => {
    let worstCore = 0, worstSat = 0;
    for (let k = 0; k < 200; k++) {
      const t = T0 + k * 3_600_017; // whole ms: a Date holds no less
      const ours = gmstAt_rad(t);
      const wrap = (d: number) => Math.abs(Math.atan2(Math.sin(d), Math.cos(d)));
      worstCore = Math.max(worstCore, wrap(ours - gmst_rad(jdUt1(t))));
      worstSat = Math.max(worstSat, wrap(ours - gstime(new Date(t))));
    }
    // A JD near 2.46e6 is spaced 40 µs: ±20 µs × 7.29e-5 rad/s = 1.5e-9 rad, plus rounding.
    expect(worstCore).toBeLessThan(4e-9);
    expect(worstSat).toBeLessThan(4e-9);
  });

  it('rotates as satellite.js eciToEcf within 1 mm for 200 catalog objects (same GMST angle)', () => {
    const prop = Sgp4Fleet.fromRecords(records);
    const fleet = prop.makeFleetState();
    prop.propagate(T0, fleet);
    const out = makeEcefColumns(fleet.count);
    temeToEcef(fleet, T0, out);
    const g = gmstAt_rad(T0);
    let worst = 0, n = 0;
    for (let i = 0; i < fleet.count; i++) {
      if (fleet.status[i] !== Status.Ok) continue;
      const e = eciToEcf({ x: fleet.x_m[i]! / 1000, y: fleet.y_m[i]! / 1000, z: fleet.z_m[i]! / 1000 }, g);
      worst = Math.max(worst, Math.hypot(out.x_m[i]! - e.x * 1000, out.y_m[i]! - e.y * 1000, out.z_m[i]! - e.z * 1000));
      n++;
    }
    expect(n).toBeGreaterThan(150);
    expect(worst).toBeLessThan(0.001);
  });

  it('adds the Earth-rotation term to velocity as the time derivative of the rotation, within 1 mm/s', () => {
    // SGP4's own velocity is not exactly the derivative of its positions (short-period terms), so
    // compare only what the rotation adds: v_ecef − R·v_teme must equal d(R·r)/dt − R·dr/dt.
    const n = 50;
    const prop = Sgp4Fleet.fromRecords(records.slice(0, n));
    const h_ms = 500;
    const f = [prop.makeFleetState(), prop.makeFleetState(), prop.makeFleetState()];
    const o = [makeEcefColumns(n), makeEcefColumns(n), makeEcefColumns(n)];
    [-h_ms, 0, h_ms].forEach((dt, k) => { prop.propagate(T0 + dt, f[k]!); temeToEcef(f[k]!, T0 + dt, o[k]!); });
    const rotateAtT0 = (cols: [Float64Array, Float64Array, Float64Array]) => {
      const g = new FleetState(n, 'TEME');
      for (let i = 0; i < n; i++) g.append(i);
      g.x_m.set(cols[0]); g.y_m.set(cols[1]); g.z_m.set(cols[2]);
      const out = makeEcefColumns(n, true);
      temeToEcef(g, T0, out);
      return out;
    };
    const fd = (a: Float64Array, b: Float64Array) => a.map((x, i) => (x - b[i]!) / (2 * h_ms / 1000));
    const rFdTeme = rotateAtT0([fd(f[2]!.x_m, f[0]!.x_m), fd(f[2]!.y_m, f[0]!.y_m), fd(f[2]!.z_m, f[0]!.z_m)]);
    const rVTeme = rotateAtT0([f[1]!.vx_m_s, f[1]!.vy_m_s, f[1]!.vz_m_s]);
    const fdEcef = [fd(o[2]!.x_m, o[0]!.x_m), fd(o[2]!.y_m, o[0]!.y_m), fd(o[2]!.z_m, o[0]!.z_m)] as const;
    let worst = 0, used = 0;
    for (let i = 0; i < n; i++) {
      if (f[1]!.status[i] !== Status.Ok) continue;
      const got = [o[1]!.vx_m_s![i]! - rVTeme.x_m[i]!, o[1]!.vy_m_s![i]! - rVTeme.y_m[i]!, o[1]!.vz_m_s![i]! - rVTeme.z_m[i]!];
      const want = [fdEcef[0][i]! - rFdTeme.x_m[i]!, fdEcef[1][i]! - rFdTeme.y_m[i]!, fdEcef[2][i]! - rFdTeme.z_m[i]!];
      worst = Math.max(worst, Math.hypot(got[0]! - want[0]!, got[1]! - want[1]!, got[2]! - want[2]!));
      used++;
    }
    expect(used).toBeGreaterThan(40);
    expect(worst).toBeLessThan(0.001);
  });

  it('refuses a fleet in another frame, and row ranges outside it', () => {
    const f = new FleetState(2, 'ECI_OF_DATE');
    f.append(1);
    expect(() => temeToEcef(f, T0, makeEcefColumns(1))).toThrow(/TEME/);
    const t = new FleetState(2, 'TEME');
    t.append(1);
    expect(() => temeToEcef(t, T0, makeEcefColumns(1), 0, 2)).toThrow(/outside/);
  });
});

describe('ECI of date → ECEF', () => {
  it('truncated nutation reproduces Meeus example 22.a (1987-04-10 0h TD) within 0.5″ and 0.1″', () => {
    // Meeus, Astronomical Algorithms 2nd ed., example 22.a: Δψ = −3.788″, Δε = +9.443″, ε0 = 23°26′27.407″.
    const n = nutationAtT((2_446_895.5 - 2_451_545.0) / 36_525);
    expect(Math.abs(n.dpsi_rad / ARCSEC_TO_RAD - -3.788)).toBeLessThan(0.5);
    expect(Math.abs(n.deps_rad / ARCSEC_TO_RAD - 9.443)).toBeLessThan(0.1);
    expect(Math.abs(n.meanObliquity_rad / ARCSEC_TO_RAD - (23 * 3600 + 26 * 60 + 27.407))).toBeLessThan(0.001);
  });

  it('apparent sidereal time agrees with astronomy-engine within 0.6″ over 2000–2050', () => {
    let worst = 0;
    for (let y = 2000; y <= 2050; y += 5) {
      const t = Date.UTC(y, (y * 7) % 12, 3, 5, 17, 0);
      const astro_rad = (SiderealTime(MakeTime(new Date(t))) * 15) / RAD_TO_DEG;
      let d = gast_rad(t) - astro_rad;
      d = Math.atan2(Math.sin(d), Math.cos(d));
      worst = Math.max(worst, Math.abs(d) / ARCSEC_TO_RAD);
    }
    expect(worst).toBeLessThan(0.6);
  });

  it('differs from a plain GMST rotation only by nutation (< 25″ of arc, > 1″) and keeps lengths', () => {
    const f = new FleetState(1, 'ECI_OF_DATE');
    f.append(1);
    f.x_m[0] = 7_000_000; f.y_m[0] = 0; f.z_m[0] = 0;
    const a = makeEcefColumns(1, true), b = makeEcefColumns(1, true);
    eciOfDateToEcef(f, T0, a);
    f.frame = 'TEME';
    inertialToEcef(f, T0, b);
    const sep = Math.hypot(a.x_m[0]! - b.x_m[0]!, a.y_m[0]! - b.y_m[0]!, a.z_m[0]! - b.z_m[0]!) / 7_000_000 / ARCSEC_TO_RAD;
    expect(sep).toBeLessThan(25);
    expect(sep).toBeGreaterThan(1);
    expect(Math.abs(Math.hypot(a.x_m[0]!, a.y_m[0]!, a.z_m[0]!) - 7_000_000)).toBeLessThan(1e-6);
  });
});
