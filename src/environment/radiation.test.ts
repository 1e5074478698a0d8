import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eciToGeodetic } from 'satellite.js';
import { InputError } from '../core/errors.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD, F_EARTH, MU_EARTH_m3_s2, OMEGA_EARTH_rad_s, R_EARTH_m, S_PER_DAY, S_PER_JULIAN_YEAR } from '../core/units.js';
import {
  DEFAULT_RADIATION_PARAMS, RadiationEnvironment, defaultRadiationEnvironment, ecefToGeodetic, ecefToGeodeticBatch,
  orbitAverageDoseRate_rad_s, ssoInclinationCircular,
} from './radiation.js';

const env = defaultRadiationEnvironment();
const SSO650 = ssoInclinationCircular(R_EARTH_m + 650e3);
const EPOCH = Date.UTC(2026, 2, 20);

/**
 * Geodetic columns of a circular orbit sampled every dt_s over `duration_s`: two-body motion in
 * an inertial frame, turned to ECEF by the Earth's rotation, then to geodetic by ecefToGeodetic.
 */
function circularOrbitColumns(alt_m: number, i_rad: number, raan_rad: number, duration_s: number, dt_s: number) {
  const r = R_EARTH_m + alt_m;
  const n = Math.sqrt(MU_EARTH_m3_s2 / (r * r * r));
  const count = Math.floor(duration_s / dt_s);
  const lat = new Float64Array(count), lon = new Float64Array(count), alt = new Float64Array(count);
  const x = new Float64Array(count), y = new Float64Array(count), z = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const t = k * dt_s, u = n * t, th = OMEGA_EARTH_rad_s * t;
    const xi = r * (Math.cos(raan_rad) * Math.cos(u) - Math.sin(raan_rad) * Math.sin(u) * Math.cos(i_rad));
    const yi = r * (Math.sin(raan_rad) * Math.cos(u) + Math.cos(raan_rad) * Math.sin(u) * Math.cos(i_rad));
    x[k] = Math.cos(th) * xi + Math.sin(th) * yi;
    y[k] = -Math.sin(th) * xi + Math.cos(th) * yi;
    z[k] = r * Math.sin(u) * Math.sin(i_rad);
  }
  ecefToGeodeticBatch(x, y, z, lat, lon, alt);
  return { lat, lon, alt, count };
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

describe('radiation environment: calibration (Suncatcher, arXiv 2511.19468)', () => {
  it('650 km dawn-dusk SSO behind 10 mm Al: 150 ± 5 rad(Si)/yr, 750 ± 25 rad(Si) over 5 years', () => {
    const perYear = orbitAverageDoseRate_rad_s(650e3, SSO650, 0.010) * S_PER_JULIAN_YEAR;
    expect(Math.abs(perYear - 150)).toBeLessThan(5);
    expect(Math.abs(perYear * 5 - 750)).toBeLessThan(25);
    expect(SSO650 / DEG_TO_RAD).toBeGreaterThan(97.9);
    expect(SSO650 / DEG_TO_RAD).toBeLessThan(98.1);
  });

  it('source split at the reference orbit is the documented 85/10/5 % (within 1e-9 of the total)', () => {
    const c = env.orbitAverageComponents(650e3, SSO650, 0.010);
    expect(Math.abs(c.trapped_rad_s / c.total_rad_s - 0.85)).toBeLessThan(1e-9);
    expect(Math.abs(c.polar_rad_s / c.total_rad_s - 0.10)).toBeLessThan(1e-9);
    expect(Math.abs(c.galactic_rad_s / c.total_rad_s - 0.05)).toBeLessThan(1e-9);
  });
});

describe('radiation environment: documented laws', () => {
  it('trapped term follows t^-0.7 and the polar term t^-1.5 (relative error < 1e-12)', () => {
    const a = env.orbitAverageComponents(650e3, SSO650, 0.010), b = env.orbitAverageComponents(650e3, SSO650, 0.020);
    expect(Math.abs(b.trapped_rad_s / a.trapped_rad_s / 2 ** -0.7 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(b.polar_rad_s / a.polar_rad_s / 2 ** -1.5 - 1)).toBeLessThan(1e-12);
    expect(b.galactic_rad_s).toBe(a.galactic_rad_s);
    // Below 1 mm the 1 mm value holds (documented floor).
    expect(env.orbitAverageDoseRate_rad_s(650e3, SSO650, 0)).toBe(env.orbitAverageDoseRate_rad_s(650e3, SSO650, 0.001));
  });

  it('altitude law fAlt = (H/H0)^5 with H = 150 km + 0.2 (h − 650 km): 800 km → 2.488, 1,350 km → 27.0 (to 1e-3)', () => {
    expect(Math.abs(env.altitudeFactor(800e3) - 1.2 ** 5)).toBeLessThan(1e-3);
    expect(Math.abs(env.altitudeFactor(1350e3) - (290 / 150) ** 5)).toBeLessThan(1e-3);
    expect(env.altitudeFactor(3000e3)).toBe(env.altitudeFactor(2000e3)); // clamped
    let prev = 0;
    for (let h = 300e3; h <= 2000e3; h += 50e3) {
      const d = env.orbitAverageDoseRate_rad_s(h, SSO650, 0.010);
      expect(d).toBeGreaterThan(prev);
      prev = d;
    }
  });

  it('inclination: 28.5° crosses the SAA latitude band more (> SSO), equatorial mostly misses it (< 0.2× SSO)', () => {
    const sso = env.orbitAverageDoseRate_rad_s(650e3, SSO650, 0.010);
    expect(env.orbitAverageDoseRate_rad_s(650e3, 28.5 * DEG_TO_RAD, 0.010)).toBeGreaterThan(sso);
    expect(env.orbitAverageDoseRate_rad_s(650e3, 0, 0.010)).toBeLessThan(0.2 * sso);
    // Prograde and retrograde orbits of supplementary inclination see the same average.
    const a = env.orbitAverageDoseRate_rad_s(650e3, 60 * DEG_TO_RAD, 0.010), b = env.orbitAverageDoseRate_rad_s(650e3, 120 * DEG_TO_RAD, 0.010);
    expect(Math.abs(a / b - 1)).toBeLessThan(1e-9);
  });

  it('SAA centre drifts west 0.3°/yr from (−26°, −50°) at 2020.0: −53.0° ± 0.01° at 2030.0', () => {
    const c = env.saaCenter(Date.UTC(2020, 0, 1) + 10 * S_PER_JULIAN_YEAR * 1000);
    expect(Math.abs(c.lon_rad / DEG_TO_RAD + 53)).toBeLessThan(0.01);
    expect(c.lat_rad / DEG_TO_RAD).toBe(-26);
  });

  it('refuses out-of-range inputs and parameters with InputError naming the field', () => {
    const fieldOf = (f: () => unknown): string | undefined => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(InputError); return (e as InputError).context.field; }
      return undefined;
    };
    expect(fieldOf(() => env.orbitAverageDoseRate_rad_s(650e3, SSO650, -0.001))).toBe('shieldAl_m');
    expect(fieldOf(() => env.orbitAverageDoseRate_rad_s(Number.NaN, SSO650, 0.01))).toBe('altitude_m');
    expect(fieldOf(() => env.orbitAverageDoseRate_rad_s(650e3, 4, 0.01))).toBe('inclination_rad');
    expect(fieldOf(() => new RadiationEnvironment({ trappedFraction: 0.9 }))).toBe('trappedFraction+polarFraction+galacticFraction');
  });
});

describe('radiation environment: South Atlantic Anomaly and the instantaneous rate', () => {
  it('multiplier > 1 inside the SAA (> 20 at its centre), < 1 outside (North Pacific)', () => {
    const c = env.saaCenter(EPOCH);
    expect(env.multiplier(c.lat_rad, c.lon_rad, 650e3, SSO650, 0.010, EPOCH)).toBeGreaterThan(20);
    expect(env.multiplier(c.lat_rad + 5 * DEG_TO_RAD, c.lon_rad + 8 * DEG_TO_RAD, 650e3, SSO650, 0.010, EPOCH)).toBeGreaterThan(1);
    expect(env.multiplier(20 * DEG_TO_RAD, -160 * DEG_TO_RAD, 650e3, SSO650, 0.010, EPOCH)).toBeLessThan(1);
    expect(env.multiplier(0, 100 * DEG_TO_RAD, 650e3, SSO650, 0.010, EPOCH)).toBeLessThan(0.1);
  });

  // One day's mean depends on where the ground track falls relative to the SAA (650 km SSO makes
  // ~14.9 revolutions a day, nearly repeating): measured worst case over 40 node phases 14 % for one
  // day, 5 % for three days, 2 % for ten. The normalisation is exact for a longitude-uniform average.
  it.each([
    ['650 km SSO', 650e3, SSO650],
    ['550 km, 53°', 550e3, 53 * DEG_TO_RAD],
    ['1,200 km, 87.9°', 1200e3, 87.9 * DEG_TO_RAD],
  ])('%s: the instantaneous rate over a real orbit averages to the orbit average within 15 % in one day, 3 % in ten', (_n, alt, inc) => {
    const avg = env.orbitAverageDoseRate_rad_s(alt, inc, 0.010);
    const runs: [number, number, number][] = [[1, 0.15, 0], [1, 0.15, 2], [1, 0.15, 4], [10, 0.03, 1]];
    for (const [days, tol, raan] of runs) {
      const o = circularOrbitColumns(alt, inc, raan, days * S_PER_DAY, 20);
      const out = new Float64Array(o.count);
      env.doseRateBatch(o.lat, o.lon, o.alt, 0.010, EPOCH, out);
      expect(Math.abs(meanOf(out) / avg - 1)).toBeLessThan(tol);
    }
  });

  it('batch and scalar kernels agree to 1e-13 relative, for scalar and per-row shielding', () => {
    fc.assert(fc.property(
      fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
      fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
      fc.double({ min: 0, max: 3e6, noNaN: true }),
      fc.double({ min: 0, max: 0.1, noNaN: true }),
      (lat, lon, alt, shield) => {
        const one = (v: number) => Float64Array.of(v);
        const out = new Float64Array(1), out2 = new Float64Array(1);
        env.doseRateBatch(one(lat), one(lon), one(alt), shield, EPOCH, out);
        env.doseRateBatch(one(lat), one(lon), one(alt), one(shield), EPOCH, out2);
        const ref = env.doseRate_rad_s(lat, lon, alt, shield, EPOCH);
        expect(Math.abs(out[0]! / ref - 1)).toBeLessThan(1e-13);
        expect(Math.abs(out2[0]! / ref - 1)).toBeLessThan(1e-13);
        expect(ref).toBeGreaterThan(0);
      },
    ), { numRuns: 300 });
  });

  it('batch and scalar kernels agree to 1e-13 relative whether 1/k of the altitude law is an integer (product) or not (Math.pow)', () => {
    for (const growth of [0.2, 0.25, 0.3, 0.32]) { // 1/k = 5, 4 (products), 3.33…, 3.125 (Math.pow)
      const e = new RadiationEnvironment({ altitudeScaleHeightGrowth: growth });
      const lat = new Float64Array(64), lon = new Float64Array(64), alt = new Float64Array(64), out = new Float64Array(64);
      for (let j = 0; j < 64; j++) { lat[j] = (-60 + 2 * j) * DEG_TO_RAD * 0.5; lon[j] = (-70 + 1.5 * j) * DEG_TO_RAD; alt[j] = 150e3 + 40e3 * j; }
      e.doseRateBatch(lat, lon, alt, 0.010, EPOCH, out);
      for (let j = 0; j < 64; j++) {
        const ref = e.doseRate_rad_s(lat[j]!, lon[j]!, alt[j]!, 0.010, EPOCH);
        expect(Math.abs(out[j]! / ref - 1)).toBeLessThan(1e-13);
      }
    }
  });

  it('doseRateEciBatch equals the geodetic path (geocentric latitude, GMST longitude, doseRateBatch) within 1e-13 relative', () => {
    // Reference: the conversion the twin engine did before this kernel, then doseRateBatch.
    const n = 4000, theta = 1.234;
    const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
    const lat = new Float64Array(n), lon = new Float64Array(n), alt = new Float64Array(n);
    const status = new Uint8Array(n).fill(Status.Ok);
    status[7] = Status.Reentered;
    const ct = Math.cos(theta), st = Math.sin(theta);
    let saa = 0, polar = 0;
    for (let i = 0; i < n; i++) {
      // Points over the whole sphere (golden-angle spiral), 200–3,000 km up, including both poles exactly.
      const u = i === 0 ? 1 : i === 1 ? -1 : -1 + (2 * (i + 0.5)) / n, w = (i * 2.399963) % (2 * Math.PI); // Fibonacci sphere
      const r = R_EARTH_m + 200e3 + ((i * 7919) % 2800) * 1e3, c = Math.sqrt(1 - u * u);
      x[i] = r * c * Math.cos(w); y[i] = r * c * Math.sin(w); z[i] = r * u;
      const sl = z[i]! / r;
      lat[i] = Math.asin(sl);
      lon[i] = Math.atan2(-st * x[i]! + ct * y[i]!, ct * x[i]! + st * y[i]!);
      alt[i] = r - R_EARTH_m * (1 - F_EARTH * sl * sl);
    }
    const ref = new Float64Array(n), out = new Float64Array(n).fill(-1);
    env.doseRateBatch(lat, lon, alt, 0.010, EPOCH, ref, 0, n, status);
    env.doseRateEciBatch(x, y, z, theta, 0.010, EPOCH, out, 0, n, status);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      if (i === 7) { expect(out[i]).toBe(0); continue; }
      worst = Math.max(worst, Math.abs(out[i]! / ref[i]! - 1));
      if (env.saaProfile(lat[i]!, lon[i]!, EPOCH) > 0.5) saa++;
      if (env.polarProfile(lat[i]!, lon[i]!) > 0.5) polar++;
    }
    expect(worst).toBeLessThan(1e-13);
    expect(saa).toBeGreaterThan(50); // the points do sample the SAA core and the polar zones
    expect(polar).toBeGreaterThan(200);
  });

  it('rows without a valid position (status) or with NaN altitude get 0, never NaN', () => {
    const lat = Float64Array.of(0, 0, 0), lon = Float64Array.of(0, 0, 0), alt = Float64Array.of(650e3, 650e3, Number.NaN);
    const out = new Float64Array(3).fill(-1);
    env.doseRateBatch(lat, lon, alt, 0.01, EPOCH, out, 0, 3, Uint8Array.of(Status.Ok, Status.Reentered, Status.Ok));
    expect(out[0]).toBeGreaterThan(0);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
  });

  it('default parameters are frozen and SAA widths follow the 1 %-of-peak edge at the published extents', () => {
    expect(Object.isFrozen(DEFAULT_RADIATION_PARAMS)).toBe(true);
    expect(Math.abs(DEFAULT_RADIATION_PARAMS.saaSigmaLat_rad / DEG_TO_RAD - 8.2377)).toBeLessThan(1e-3);
    const c = env.saaCenter(EPOCH);
    expect(Math.abs(env.saaProfile(c.lat_rad + 25 * DEG_TO_RAD, c.lon_rad, EPOCH) - 0.01)).toBeLessThan(1e-12);
    // Lopsided toward Africa: 1 % of peak 40° west and 90° east of the centre.
    expect(Math.abs(env.saaProfile(c.lat_rad, c.lon_rad - 40 * DEG_TO_RAD, EPOCH) - 0.01)).toBeLessThan(1e-12);
    expect(Math.abs(env.saaProfile(c.lat_rad, c.lon_rad + 90 * DEG_TO_RAD, EPOCH) - 0.01)).toBeLessThan(1e-12);
  });
});

describe('ecefToGeodetic (Bowring, WGS-84)', () => {
  it('matches satellite.js eciToGeodetic (gmst = 0) within 1 mm and 1e-9 rad from 200 to 2,000 km', () => {
    fc.assert(fc.property(
      fc.double({ min: -1.55, max: 1.55, noNaN: true }),
      fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
      fc.double({ min: 200e3, max: 2000e3, noNaN: true }),
      (gcLat, lon, alt) => {
        const r = R_EARTH_m + alt;
        const x = r * Math.cos(gcLat) * Math.cos(lon), y = r * Math.cos(gcLat) * Math.sin(lon), z = r * Math.sin(gcLat);
        const ours = ecefToGeodetic(x, y, z);
        const ref = eciToGeodetic({ x: x / 1000, y: y / 1000, z: z / 1000 }, 0);
        expect(Math.abs(ours.lat_rad - ref.latitude)).toBeLessThan(1e-9);
        let dLon = Math.abs(ours.lon_rad - ref.longitude);
        if (dLon > Math.PI) dLon = 2 * Math.PI - dLon;
        expect(dLon).toBeLessThan(1e-9);
        expect(Math.abs(ours.alt_m - ref.height * 1000)).toBeLessThan(1e-3);
      },
    ), { numRuns: 500 });
  });

  it('round-trips geodetic → ECEF → geodetic within 1e-12 rad and 1e-6 m, poles included', () => {
    const e2 = DEFAULT_E2;
    for (const latDeg of [-90, -89.999, -45, 0, 30, 89.9, 90]) {
      for (const h of [0, 650e3, 36_000e3]) {
        const lat = latDeg * DEG_TO_RAD, lon = 1.234;
        const N = R_EARTH_m / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
        const x = (N + h) * Math.cos(lat) * Math.cos(lon), y = (N + h) * Math.cos(lat) * Math.sin(lon), z = (N * (1 - e2) + h) * Math.sin(lat);
        const g = ecefToGeodetic(x, y, z);
        expect(Math.abs(g.lat_rad - lat)).toBeLessThan(1e-12);
        expect(Math.abs(g.alt_m - h)).toBeLessThan(1e-6);
      }
    }
  });
});

const DEFAULT_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
