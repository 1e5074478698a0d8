import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { InputError } from '../core/errors.js';
import { DEG_TO_RAD, R_EARTH_m, TWO_PI, wrapPi } from '../core/units.js';
import { J2Stepper, j2SecularRates } from './j2.js';
import { walker, walkerDelta, walkerStar, type WalkerPattern } from './walker.js';

const EPOCH = Date.UTC(2026, 2, 20);
const angleClose = (a: number, b: number): number => Math.abs(wrapPi(a - b));

/** Smallest distance [m] between any two satellites at times t0, t0 + dt, ... < t1 (fast stepper). */
function closestApproach_m(el: ReturnType<typeof walkerDelta>, t1: number, dt: number): number {
  const f = new FleetState();
  const s = new J2Stepper(el, f);
  let min = Infinity;
  const n = el.count;
  for (let t = 0; t < t1; t += dt) {
    s.propagateTo(t);
    const X = f.x_m, Y = f.y_m, Z = f.z_m;
    for (let i = 0; i < n; i++) {
      const xi = X[i]!, yi = Y[i]!, zi = Z[i]!;
      for (let j = i + 1; j < n; j++) {
        const dx = X[j]! - xi, dy = Y[j]! - yi, dz = Z[j]! - zi;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < min) min = d2;
      }
    }
  }
  return Math.sqrt(min);
}

describe('Walker generators: phasing invariants (property-based)', () => {
  const params = fc.record({
    planes: fc.integer({ min: 1, max: 12 }),
    perPlane: fc.integer({ min: 1, max: 12 }),
    fFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
    inc: fc.double({ min: 0, max: Math.PI, noNaN: true }),
    pattern: fc.constantFrom<WalkerPattern>('delta', 'star'),
    raan0: fc.double({ min: -10, max: 10, noNaN: true }),
    u0: fc.double({ min: -10, max: 10, noNaN: true }),
  });

  it('puts T/P satellites in each plane, 2π/S apart, nodes ΔΩ apart, and plane p+1 ahead by 2πF/T', () => {
    fc.assert(fc.property(params, (q) => {
      const P = q.planes, S = q.perPlane, T = P * S, F = Math.floor(q.fFrac * P);
      const el = walker(q.pattern, { epochUtcMs: EPOCH, total: T, planes: P, phasing: F, altitude_m: 550e3, inclination_rad: q.inc, raan0_rad: q.raan0, argLat0_rad: q.u0 });
      expect(el.count).toBe(T);
      const dRaan = q.pattern === 'delta' ? TWO_PI / P : Math.PI / P;
      for (let p = 0; p < P; p++) {
        for (let s = 0; s < S; s++) {
          const r = p * S + s;
          expect(el.plane[r]).toBe(p);
          expect(angleClose(el.raan_rad[r]!, q.raan0 + p * dRaan)).toBeLessThan(1e-12);
          expect(angleClose(el.meanAnomaly_rad[r]!, q.u0 + (s * TWO_PI) / S + (p * TWO_PI * F) / T)).toBeLessThan(1e-12);
          expect([el.e[r], el.argp_rad[r], el.a_m[r]]).toEqual([0, 0, R_EARTH_m + 550e3]);
        }
      }
    }), { numRuns: 200 });
  });

  it('delta pattern is mapped onto itself by (Ω + 2π/P, u + 2πF/T): Walker symmetry, including the wrap from plane P−1 to plane 0', () => {
    fc.assert(fc.property(params, (q) => {
      const P = q.planes, S = q.perPlane, T = P * S, F = Math.floor(q.fFrac * P);
      const el = walkerDelta({ epochUtcMs: EPOCH, total: T, planes: P, phasing: F, altitude_m: 700e3, inclination_rad: q.inc, raan0_rad: q.raan0, argLat0_rad: q.u0 });
      for (let r = 0; r < T; r++) {
        const O = el.raan_rad[r]! + TWO_PI / P, u = el.meanAnomaly_rad[r]! + (TWO_PI * F) / T;
        let found = false;
        for (let k = 0; k < T && !found; k++) found = angleClose(el.raan_rad[k]!, O) < 1e-9 && angleClose(el.meanAnomaly_rad[k]!, u) < 1e-9;
        expect(found).toBe(true);
      }
    }), { numRuns: 100 });
  });

  it('star pattern spreads nodes over 180°: last plane at Ω₀ + π − π/P', () => {
    const el = walkerStar({ epochUtcMs: EPOCH, total: 66, planes: 6, phasing: 2, altitude_m: 780e3, inclination_rad: 86.4 * DEG_TO_RAD });
    expect(angleClose(el.raan_rad[65]!, Math.PI - Math.PI / 6)).toBeLessThan(1e-12);
    expect(el.names[0]).toBe('WALKER-1-1');
    expect(el.names[65]).toBe('WALKER-6-11');
  });
});

describe('Starlink-like shell 53°: 1584/72/F at 550 km', () => {
  const opts = { epochUtcMs: EPOCH, total: 1584, planes: 72, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD, noNames: true };

  it('has 72 planes 5° apart of 22 satellites 16.36° apart, all at 550 km and 53°, and drifts rigidly under J2', () => {
    const el = walkerDelta({ ...opts, phasing: 39 });
    expect(el.count).toBe(1584);
    expect(new Set(el.plane.subarray(0, el.count)).size).toBe(72);
    expect(angleClose(el.raan_rad[22]! - el.raan_rad[0]!, 5 * DEG_TO_RAD)).toBeLessThan(1e-12);
    expect(angleClose(el.meanAnomaly_rad[1]! - el.meanAnomaly_rad[0]!, TWO_PI / 22)).toBeLessThan(1e-12);
    // Same a, e, i in every row → the same J2 rates for every plane: no differential drift.
    const ref = j2SecularRates(el.a_m[0]!, 0, el.i_rad[0]!);
    for (let r = 0; r < el.count; r += 37) expect(j2SecularRates(el.a_m[r]!, el.e[r]!, el.i_rad[r]!)).toEqual(ref);
    expect(names(el)).toBe(0);
  });

  /*
   * The relative geometry of a Walker delta repeats every slot period (u advances 2π/S; all
   * nodes drift alike), so sampling one slot period (262 s) at 1 s finds the closest approach to
   * within ~6 km (relative speeds ≤ 12 km/s, min over samples). Measured: F = 39 → 49.8 km,
   * F = 0 → 0.0 km (satellites of crossing planes meet at the crossing points).
   */
  it('phasing decides collisions: F = 0 puts satellites on top of each other, F = 39 keeps them > 40 km apart', () => {
    const slot_s = TWO_PI / (22 * (j2SecularRates(R_EARTH_m + 550e3, 0, 53 * DEG_TO_RAD).meanAnomalyDot_rad_s));
    expect(closestApproach_m(walkerDelta({ ...opts, phasing: 39 }), slot_s, 1)).toBeGreaterThan(40e3);
    expect(closestApproach_m(walkerDelta({ ...opts, phasing: 0 }), slot_s, 1)).toBeLessThan(5e3);
  });
});

function names(el: ReturnType<typeof walkerDelta>): number {
  return el.names.filter((n) => n !== '').length;
}

describe('Walker argument checks', () => {
  const base = { epochUtcMs: EPOCH, total: 24, planes: 3, phasing: 1, altitude_m: 1000e3, inclination_rad: 1 };
  it.each([
    ['total', { total: 0 }],
    ['planes', { planes: 5 }],
    ['phasing', { phasing: 3 }],
    ['phasing', { phasing: 0.5 }],
    ['altitude_m', { altitude_m: -1 }],
    ['inclination_rad', { inclination_rad: 4 }],
  ])('names the bad field %s', (field, patch) => {
    let caught: unknown;
    try { walkerDelta({ ...base, ...patch }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).context.field).toBe(field);
  });
});
