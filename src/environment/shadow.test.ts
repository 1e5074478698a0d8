import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diskVisibleFraction, SHADOW_EARTH_RADIUS_m, sunlitFraction, sunlitFractionBatch } from './shadow.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { AU_m, R_SUN_m } from '../core/units.js';

const R = SHADOW_EARTH_RADIUS_m;
const S: [number, number, number] = [AU_m, 0, 0]; // Sun on +x at 1 AU
const r_m = R + 650e3;

/** Half-widths of the umbra and penumbra cones at distance x behind the Earth (−x axis) [m]. */
function coneRadii(x_m: number): { umbra_m: number; penumbra_m: number } {
  // Umbra cone apex behind Earth at R·AU/(R_sun − R); penumbra apex in front at R·AU/(R_sun + R).
  const umbraHalf = Math.asin((R_SUN_m - R) / AU_m);
  const penHalf = Math.asin((R_SUN_m + R) / AU_m);
  return {
    umbra_m: (R - x_m * Math.sin(umbraHalf)) / Math.cos(umbraHalf),
    penumbra_m: (R + x_m * Math.sin(penHalf)) / Math.cos(penHalf),
  };
}

/** Scalar kernel and batch twin run through one suite (STYLE.md: one suite, both implementations). */
const implementations: Array<[string, (p: [number, number, number], s: [number, number, number]) => number]> = [
  ['sunlitFraction', (p, s) => sunlitFraction(p[0], p[1], p[2], s[0], s[1], s[2])],
  ['sunlitFractionBatch', (p, s) => {
    const fleet = new FleetState(1);
    fleet.append(1);
    fleet.x_m[0] = p[0]; fleet.y_m[0] = p[1]; fleet.z_m[0] = p[2];
    fleet.status[0] = Status.Ok;
    const out = new Float64Array(1);
    sunlitFractionBatch(fleet, s, out);
    return out[0]!;
  }],
];

for (const [name, f] of implementations) {
  describe(`${name} (conical shadow, Montenbruck & Gill §3.4.2)`, () => {
    it('fully lit on the day side and beside the shadow; umbra on the night-side axis', () => {
      expect(f([r_m, 0, 0], S)).toBe(1);
      expect(f([0, r_m, 0], S)).toBe(1); // on the terminator plane, 650 km beside the shadow cylinder
      expect(f([0, 0, -r_m], S)).toBe(1);
      expect(f([-r_m, 0, 0], S)).toBe(0);
      expect(f([-r_m * 0.8, R * 0.5, 0], S)).toBe(0);
    });

    it('penumbra: the visible fraction runs 0 → 1 across the band between the umbra and penumbra cones', () => {
      const x = -r_m * 0.42; // a point ~2,950 km behind the terminator plane
      const { umbra_m, penumbra_m } = coneRadii(-x);
      // Cone radii at 2,950 km behind the Earth: umbra shrinks and penumbra grows by ~13.7 km each.
      expect(penumbra_m - umbra_m).toBeGreaterThan(25e3);
      expect(penumbra_m - umbra_m).toBeLessThan(30e3);
      expect(f([x, umbra_m - 200, 0], S)).toBe(0);
      expect(f([x, penumbra_m + 200, 0], S)).toBe(1);
      const mid = f([x, 0.5 * (umbra_m + penumbra_m), 0], S);
      expect(mid).toBeGreaterThan(0.45); // near half the disk at the middle of the band (limb is nearly straight)
      expect(mid).toBeLessThan(0.55);
    });

    it('points at or inside the Earth get 0', () => {
      expect(f([R * 0.5, 0, 0], S)).toBe(0);
      expect(f([0, 0, 0], S)).toBe(0);
    });
  });
}

describe('shadow properties', () => {
  const arbPoint = fc.record({
    r: fc.double({ min: R + 150e3, max: 50_000e3, noNaN: true }),
    lon: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
    lat: fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
    dist: fc.double({ min: 0.983 * AU_m, max: 1.017 * AU_m, noNaN: true }),
  });

  it('fraction is in [0, 1] everywhere (fast-check, 5,000 points)', () => {
    fc.assert(fc.property(arbPoint, ({ r, lon, lat, dist }) => {
      const v = sunlitFraction(r * Math.cos(lat) * Math.cos(lon), r * Math.cos(lat) * Math.sin(lon), r * Math.sin(lat), dist, 0, 0);
      return v >= 0 && v <= 1 && Number.isFinite(v);
    }), { numRuns: 5000 });
  });

  it('monotone (non-decreasing) along a line from the shadow axis outwards, and continuous (fast-check)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 40_000e3, noNaN: true }), // distance behind the Earth [m]
      fc.double({ min: 0, max: Math.PI * 2, noNaN: true }), // direction of the line across the axis
      (behind_m, phi) => {
        let prev = -1;
        const steps = 400;
        const span_m = 2 * R;
        for (let k = 0; k <= steps; k++) {
          const rho = (span_m * k) / steps;
          const v = sunlitFraction(-behind_m - R * 0.2, rho * Math.cos(phi), rho * Math.sin(phi), AU_m, 0, 0);
          if (v < prev - 1e-12) return false;
          // Continuity: the penumbra is ≥ 27 km wide at LEO, a step here is 32 km: allow the full
          // swing only where the band is narrower than a step; it never is beyond 150 km from the surface.
          if (prev >= 0 && v - prev > 0.9) return false;
          prev = v;
        }
        return prev === 1;
      },
    ), { numRuns: 300 });
  });

  it('continuous across the penumbra: no jump above 1% per 100 m, LEO', () => {
    const x = -r_m * 0.5;
    let prev = sunlitFraction(x, R - 50e3, 0, AU_m, 0, 0);
    let maxJump = 0;
    for (let y = R - 50e3; y < R + 50e3; y += 100) {
      const v = sunlitFraction(x, y, 0, AU_m, 0, 0);
      maxJump = Math.max(maxJump, Math.abs(v - prev));
      prev = v;
    }
    // Penumbra ~27 km wide → ~0.4% per 100 m on average, ~0.6% at the steepest (middle).
    expect(maxJump).toBeLessThan(0.01);
  });

  it('agrees with the cylindrical shadow limit: the 50% point lies within 1 km of the cylinder R at LEO', () => {
    // The penumbra band straddles the cylinder of radius R: the umbra cone is inside it, the
    // penumbra cone outside, both ~14 km away at 3,500 km behind the Earth (sin of the cone
    // half-angles × distance). Find where ν = 0.5 by bisection and compare to R.
    const x = -3_500e3;
    let lo = R - 40e3, hi = R + 40e3;
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (lo + hi);
      if (sunlitFraction(x, mid, 0, AU_m, 0, 0) < 0.5) lo = mid; else hi = mid;
    }
    // Geometry: ν = 0.5 where the Earth's limb passes the Sun's centre, i.e. on the line tangent to
    // the Earth through the Sun's centre; its offset from the cylinder at 3,500 km is R·(1/cos θ − 1)
    // + 3,500 km·tan θ with θ = asin(R/AU) ≈ 4.26e-5 rad → 0.15 km.
    expect(Math.abs(lo - R)).toBeLessThan(1e3);
    // And the cylindrical model's night side (behind, inside R) is the umbra+penumbra core here.
    expect(sunlitFraction(x, R - 20e3, 0, AU_m, 0, 0)).toBe(0);
    expect(sunlitFraction(x, R + 20e3, 0, AU_m, 0, 0)).toBe(1);
  });

  it('the trigonometry-free fully-lit / umbra tests (scalar and batch) give the full computation\'s result bit for bit, at and near both cone edges', () => {
    // Reference: the conical model with every angle by asin/acos (the code before the cheap tests).
    const reference = (x: number, y: number, z: number, s: readonly number[]): number => {
      const dx = s[0]! - x, dy = s[1]! - y, dz = s[2]! - z;
      const r = Math.sqrt(x * x + y * y + z * z), d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const cosc = Math.min(1, Math.max(-1, -(x * dx + y * dy + z * dz) / (r * d)));
      return diskVisibleFraction(Math.asin(R_SUN_m / d), Math.asin(R / r), Math.acos(cosc));
    };
    // A grid across both cone edges: 12 distances behind the Earth (1 km … 40,000 km), offsets ±10^k m
    // (k = −6 … 1 by 0.25: 1 µm … 10 m), 3 directions around the axis, Sun at perihelion, 1 AU, aphelion.
    let checked = 0, mismatched = 0, partial = 0;
    for (const dist of [0.983 * AU_m, AU_m, 1.017 * AU_m]) {
      const pts: number[] = [], refs: number[] = [];
      for (let j = 0; j < 12; j++) {
        const behind = 1e3 * 40_000 ** (j / 11);
        const { umbra_m, penumbra_m } = coneRadii(behind);
        for (const edge of [umbra_m, penumbra_m]) {
          for (let k = -24; k <= 4; k++) {
            for (const sign of [-1, 1]) {
              const rho = edge + sign * 10 ** (k / 4);
              if (behind * behind + rho * rho <= R * R) continue;
              for (const phi of [0.3, 2.2, 4.1]) {
                const x = -behind, y = rho * Math.cos(phi), z = rho * Math.sin(phi);
                const v = sunlitFraction(x, y, z, dist, 0, 0);
                checked++;
                if (v > 0 && v < 1) partial++;
                const ref = reference(x, y, z, [dist, 0, 0]);
                if (!Object.is(v, ref)) mismatched++;
                pts.push(x, y, z); refs.push(ref);
              }
            }
          }
        }
      }
      // The batch twin (its own fully-lit cone test) on the same points.
      const fleet = new FleetState(refs.length);
      for (let i = 0; i < refs.length; i++) {
        fleet.append(i + 1);
        fleet.x_m[i] = pts[3 * i]!; fleet.y_m[i] = pts[3 * i + 1]!; fleet.z_m[i] = pts[3 * i + 2]!;
        fleet.status[i] = Status.Ok;
      }
      const out = new Float64Array(refs.length);
      sunlitFractionBatch(fleet, [dist, 0, 0], out);
      for (let i = 0; i < refs.length; i++) if (!Object.is(out[i], refs[i])) mismatched++;
    }
    expect(mismatched).toBe(0);
    expect(checked).toBeGreaterThan(6000);
    expect(partial).toBeGreaterThan(1000); // the grid does reach into the penumbra, where the full computation decides
  });

  it('diskVisibleFraction: half-covered disk by a straight-ish limb, annular case, and the extremes', () => {
    const a = 0.00465;
    expect(diskVisibleFraction(a, 1.1, 1.1)).toBeGreaterThan(0.499); // limb through the Sun's centre
    expect(diskVisibleFraction(a, 1.1, 1.1)).toBeLessThan(0.503);
    expect(diskVisibleFraction(a, a / 2, 0)).toBeCloseTo(0.75, 12); // antumbra: 1 − (1/2)²
    expect(diskVisibleFraction(a, 1.1, 1.1 + a)).toBe(1);
    expect(diskVisibleFraction(a, 1.1, 1.1 - a)).toBe(0);
  });

  it('batch writes 0 for rows without a valid position and honours from/to', () => {
    const fleet = new FleetState(4);
    for (let k = 0; k < 4; k++) {
      fleet.append(k + 1);
      fleet.x_m[k] = r_m; // all on the day side
      fleet.status[k] = Status.Ok;
    }
    fleet.status[1] = Status.Sgp4Decayed;
    fleet.status[2] = Status.Failed; // failed but still in orbit: position valid, gets its sunlight
    const out = new Float64Array(4).fill(-1);
    sunlitFractionBatch(fleet, S, out, 0, 3);
    expect(Array.from(out)).toEqual([1, 0, 1, -1]);
  });
});
