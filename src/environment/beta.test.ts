import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { betaAngle_rad, betaThreshold_rad, eclipseFractionCircular } from './beta.js';
import { SHADOW_EARTH_RADIUS_m, sunlitFraction } from './shadow.js';
import { AU_m, DEG_TO_RAD, MU_EARTH_m3_s2 } from '../core/units.js';
import { cross, dot, normalize } from '../core/vec3.js';

const R = SHADOW_EARTH_RADIUS_m;

describe('betaAngle_rad', () => {
  it('is ±90° with the Sun along ±orbit normal and 0 with the Sun in the plane', () => {
    // i = 0: normal is +z.
    expect(betaAngle_rad(0.3, 0, [0, 0, 5])).toBeCloseTo(Math.PI / 2, 12);
    expect(betaAngle_rad(0.3, 0, [0, 0, -5])).toBeCloseTo(-Math.PI / 2, 12);
    expect(betaAngle_rad(0.3, 0, [1, 2, 0])).toBeCloseTo(0, 12);
    // Polar orbit with node on +x: the plane is x–z, normal −y.
    expect(betaAngle_rad(0, Math.PI / 2, [0, -AU_m, 0])).toBeCloseTo(Math.PI / 2, 12);
  });

  it('equals asin(ŝ · (r × v)/|r × v|) for any orbit plane and Sun (fast-check)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      fc.double({ min: 0, max: Math.PI, noNaN: true }),
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      (raan, inc, sunLon, sunLat, u) => {
        // Position and velocity directions at argument of latitude u (Vallado eq. 2-xx, perifocal → inertial).
        const cO = Math.cos(raan), sO = Math.sin(raan), ci = Math.cos(inc), si = Math.sin(inc);
        const pos = [cO * Math.cos(u) - sO * Math.sin(u) * ci, sO * Math.cos(u) + cO * Math.sin(u) * ci, Math.sin(u) * si];
        const vel = [-cO * Math.sin(u) - sO * Math.cos(u) * ci, -sO * Math.sin(u) + cO * Math.cos(u) * ci, Math.cos(u) * si];
        const h = normalize(cross(pos, vel));
        const s = [Math.cos(sunLat) * Math.cos(sunLon), Math.cos(sunLat) * Math.sin(sunLon), Math.sin(sunLat)];
        // Compare sines: asin is ill-conditioned at ±90° (1e-16 in the argument is 1.5e-8 rad there).
        return Math.abs(Math.sin(betaAngle_rad(raan, inc, s.map((c) => c * AU_m))) - dot(h, s)) < 1e-12;
      },
    ), { numRuns: 2000 });
  });
});

describe('eclipseFractionCircular (REFERENCES.md formula)', () => {
  const r = R + 650e3;

  it('golden values: β = 0 gives asin(R/r)/π; zero at and above β* = asin(R/r) = 65.16° for 650 km', () => {
    // At β = 0 the formula reduces to acos(cos(asin(R/r)))/π = asin(R/r)/π.
    expect(eclipseFractionCircular(r, 0)).toBeCloseTo(Math.asin(R / r) / Math.PI, 14);
    // 650 km: 0.36202 of a 97.7-min period = 35.37 min, the textbook ~35 min noon-midnight eclipse.
    const T_s = 2 * Math.PI * Math.sqrt(r ** 3 / MU_EARTH_m3_s2);
    expect(Math.abs(eclipseFractionCircular(r, 0) * T_s / 60 - 35.37)).toBeLessThan(0.01);
    expect(betaThreshold_rad(r) / DEG_TO_RAD).toBeCloseTo(65.164, 3);
    expect(eclipseFractionCircular(r, betaThreshold_rad(r) + 1e-9)).toBe(0);
    expect(eclipseFractionCircular(r, -betaThreshold_rad(r) - 1e-9)).toBe(0);
    expect(eclipseFractionCircular(r, Math.PI / 2)).toBe(0);
    // Just below the threshold the eclipse is short but not zero (√ behaviour near β*).
    const f = eclipseFractionCircular(r, betaThreshold_rad(r) - 0.5 * DEG_TO_RAD);
    expect(f).toBeGreaterThan(0);
    expect(f * T_s).toBeLessThan(10 * 60);
  });

  it('is even in β and non-increasing in |β| (fast-check)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: Math.PI / 2, noNaN: true }),
      fc.double({ min: 0, max: Math.PI / 2, noNaN: true }),
      fc.double({ min: R + 200e3, max: 42_164e3, noNaN: true }),
      (b1, b2, rr) => {
        const lo = Math.min(b1, b2), hi = Math.max(b1, b2);
        return eclipseFractionCircular(rr, lo) >= eclipseFractionCircular(rr, hi) &&
          eclipseFractionCircular(rr, -b1) === eclipseFractionCircular(rr, b1);
      },
    ), { numRuns: 2000 });
  });

  it('matches the conical shadow integrated over one orbit: ∫(1 − ν)dt within 0.5 s of f·T, 400–1,200 km, β 0–64°', () => {
    let worst_s = 0;
    for (const alt_m of [400e3, 650e3, 1200e3]) {
      const rr = R + alt_m;
      const T_s = 2 * Math.PI * Math.sqrt(rr ** 3 / MU_EARTH_m3_s2);
      const bStar = betaThreshold_rad(rr);
      for (const beta of [0, 20 * DEG_TO_RAD, 45 * DEG_TO_RAD, bStar - 1.2 * DEG_TO_RAD]) {
        // Orbit in the x–y plane (normal +z); Sun at 1 AU, beta above the plane, in the x–z plane.
        const s = [AU_m * Math.cos(beta), 0, AU_m * Math.sin(beta)] as const;
        const dt_s = 0.25;
        const n = Math.round(T_s / dt_s);
        let dark_s = 0;
        let anyShadow_s = 0;
        let umbra_s = 0;
        for (let k = 0; k < n; k++) {
          const th = (2 * Math.PI * (k + 0.5)) / n;
          const nu = sunlitFraction(rr * Math.cos(th), rr * Math.sin(th), 0, s[0], s[1], s[2]);
          dark_s += (1 - nu) * (T_s / n);
          if (nu < 1) anyShadow_s += T_s / n;
          if (nu === 0) umbra_s += T_s / n;
        }
        const formula_s = eclipseFractionCircular(rr, beta) * T_s;
        worst_s = Math.max(worst_s, Math.abs(dark_s - formula_s));
        // The cylinder lies between the umbra and the outer penumbra boundary.
        expect(umbra_s).toBeLessThan(formula_s);
        expect(anyShadow_s).toBeGreaterThan(formula_s);
      }
    }
    expect(worst_s).toBeLessThan(0.5); // measured 0.31 s
  });
});
