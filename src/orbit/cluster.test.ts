import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { R_EARTH_m, S_PER_JULIAN_YEAR } from '../core/units.js';
import { ClusterStatsAccumulator, buildCluster, clusterNeighbourStats, clusterRelativePositions, type ClusterSpec } from './cluster.js';
import { MeanElementSet, type MeanElementsInput } from './elements.js';
import { inertialToLvlh } from './hcw.js';
import { propagateJ2 } from './j2.js';
import { raanForLtan, ssoInclination_rad } from './sso.js';

const EPOCH = Date.UTC(2026, 2, 20, 0, 0, 0);
const A_M = R_EARTH_m + 650e3;

/** Project Suncatcher's reference: 650 km dawn-dusk SSO, ascending node at 18:00 local time. */
function suncatcherReference(): MeanElementsInput {
  return { a_m: A_M, e: 0, i_rad: ssoInclination_rad(A_M), raan_rad: raanForLtan(EPOCH, 18), argp_rad: 0, meanAnomaly_rad: 0.2 };
}

function build(spec: ClusterSpec, reference = suncatcherReference()): { el: MeanElementSet; layout: ReturnType<typeof buildCluster> } {
  const el = new MeanElementSet(EPOCH, 128);
  return { el, layout: buildCluster(reference, spec, el) };
}

describe('Suncatcher cluster (arXiv 2511.19468): 81 satellites, R = 1 km, 650 km dawn-dusk SSO', () => {
  const { el, layout } = build({ shape: 'disc', radius_m: 1000, spacing_m: 100 });
  // Three orbits at 10 s steps under the mean-element J2 propagator.
  const stats = clusterNeighbourStats(el, layout, { duration_s: 3 * layout.period_s, step_s: 10 });

  it('holds exactly 81 satellites within 1 km of the reference', () => {
    expect(layout.count).toBe(81);
    expect(Math.abs(layout.radius_m - 1000)).toBeLessThan(1e-6);
    expect(stats.invalidSamples).toBe(0);
  });

  it('neighbour distances oscillate between 100 ± 5 m and 200 ± 5 m; diagonals reach 283 ± 5 m', () => {
    expect(Math.abs(stats.neighbourMin_m - 100)).toBeLessThan(5);
    expect(Math.abs(stats.neighbourMax_m - 200)).toBeLessThan(5);
    expect(Math.abs(stats.diagonalMax_m - 283)).toBeLessThan(5);
    // No two satellites come closer than the lattice spacing (within 1 m).
    expect(stats.closestApproach_m).toBeGreaterThan(99);
  });

  it('oscillates twice per orbit (2 ± 0.05, counted from the maxima of the time series)', () => {
    expect(Math.abs(stats.neighbourOscillationsPerOrbit - 2)).toBeLessThan(0.05);
  });

  it('agrees with the analytic HCW closed ellipse (J2 anomalistic rate) within 0.5 m over one orbit', () => {
    const ref = new MeanElementSet(EPOCH, 1);
    ref.append(layout.reference);
    const fRef = new FleetState(1), fleet = new FleetState(81);
    const x = new Float64Array(81), y = new Float64Array(81);
    const r = new Float64Array(6), m = new Float64Array(6), rel = new Float64Array(6);
    let worst = 0;
    for (let t = 0; t <= layout.period_s; t += 60) {
      propagateJ2(ref, t, fRef);
      propagateJ2(el, t, fleet);
      clusterRelativePositions(layout, t, x, y);
      r.set([fRef.x_m[0]!, fRef.y_m[0]!, fRef.z_m[0]!, fRef.vx_m_s[0]!, fRef.vy_m_s[0]!, fRef.vz_m_s[0]!]);
      for (let k = 0; k < 81; k++) {
        m.set([fleet.x_m[k]!, fleet.y_m[k]!, fleet.z_m[k]!, fleet.vx_m_s[k]!, fleet.vy_m_s[k]!, fleet.vz_m_s[k]!]);
        inertialToLvlh(r, m, rel);
        worst = Math.max(worst, Math.hypot(rel[0]! - x[k]!, rel[1]! - y[k]!, rel[2]!));
      }
    }
    expect(worst).toBeLessThan(0.5);
  });
});

describe('square lattice clusters', () => {
  it('9 × 9 at 100 m spacing: 100–200 m neighbours, 283 m diagonals (± 5 m), corners reach 1,131 m', () => {
    const { el, layout } = build({ shape: 'square', n: 9, spacing_m: 100 });
    expect(layout.count).toBe(81);
    expect(layout.neighbourPairs.length / 2).toBe(2 * 9 * 8);
    expect(layout.diagonalPairs.length / 2).toBe(2 * 8 * 8);
    expect(Math.abs(layout.radius_m - 800 * Math.SQRT2)).toBeLessThan(1e-6);
    const s = clusterNeighbourStats(el, layout, { duration_s: 2 * layout.period_s, step_s: 10 });
    expect(Math.abs(s.neighbourMin_m - 100)).toBeLessThan(5);
    expect(Math.abs(s.neighbourMax_m - 200)).toBeLessThan(5);
    expect(Math.abs(s.diagonalMax_m - 283)).toBeLessThan(5);
  });

  it('n × n with a radius and no spacing: d = R/((n − 1)√2), corners reach R within 1 mm', () => {
    const { layout } = build({ shape: 'square', n: 9, radius_m: 1000 });
    expect(Math.abs(layout.spacing_m - 1000 / (8 * Math.SQRT2))).toBeLessThan(1e-9);
    expect(Math.abs(layout.radius_m - 1000)).toBeLessThan(1e-3);
  });

  it('even n has no member at the reference and still pairs its neighbours (4 × 4: 24 + 18 pairs)', () => {
    const { layout } = build({ shape: 'square', n: 4, spacing_m: 50 });
    expect(layout.neighbourPairs.length / 2).toBe(24);
    expect(layout.diagonalPairs.length / 2).toBe(18);
    expect(Math.min(...layout.rho_m)).toBeCloseTo(50 / Math.SQRT2, 9);
  });

  it('property: any orientation and spacing, neighbours range over [d, 2d] within 0.5% and diagonals reach √8·d', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 20, max: 200, noNaN: true }), fc.integer({ min: 2, max: 4 }),
      (orientation_rad, spacing_m, n) => {
        const { el, layout } = build({ shape: 'square', n, spacing_m, orientation_rad });
        const s = clusterNeighbourStats(el, layout, { duration_s: layout.period_s, step_s: 15 });
        return Math.abs(s.neighbourMin_m / spacing_m - 1) < 5e-3 && Math.abs(s.neighbourMax_m / spacing_m - 2) < 5e-3
          && Math.abs(s.diagonalMax_m / spacing_m - Math.sqrt(8)) < 5e-3;
      },
    ), { numRuns: 12, seed: 42 });
  });
});

describe('long-term drift under the mean-element J2 propagator', () => {
  it('members keep their mean along-track place within 0.5 m after one year', () => {
    const { el, layout } = build({ shape: 'disc', radius_m: 1000, spacing_m: 100 });
    const ref = new MeanElementSet(EPOCH, 1);
    ref.append(layout.reference);
    const fRef = new FleetState(1), fleet = new FleetState(81);
    const r = new Float64Array(6), m = new Float64Array(6), rel = new Float64Array(6);
    // Mean along-track offset of each member over one turn of its ellipse (2π/Ṁ, 60 samples) one year out; designed 0.
    const meanY = new Float64Array(81);
    const samples = 60;
    for (let q = 0; q < samples; q++) {
      const t = S_PER_JULIAN_YEAR + (q * 2 * Math.PI) / layout.ellipseRate_rad_s / samples;
      propagateJ2(ref, t, fRef);
      propagateJ2(el, t, fleet);
      r.set([fRef.x_m[0]!, fRef.y_m[0]!, fRef.z_m[0]!, fRef.vx_m_s[0]!, fRef.vy_m_s[0]!, fRef.vz_m_s[0]!]);
      for (let k = 0; k < 81; k++) {
        m.set([fleet.x_m[k]!, fleet.y_m[k]!, fleet.z_m[k]!, fleet.vx_m_s[k]!, fleet.vy_m_s[k]!, fleet.vz_m_s[k]!]);
        inertialToLvlh(r, m, rel);
        meanY[k] = meanY[k]! + rel[1]! / samples;
      }
    }
    // Measured 0.06 m (without the a-trim of buildCluster: ~3 m).
    expect(Math.max(...meanY.map(Math.abs))).toBeLessThan(0.5);
  });
});

describe('inputs and status', () => {
  it('rejects a square without n, and an eccentric reference, naming the field', () => {
    const el = new MeanElementSet(EPOCH);
    const err = (() => { try { buildCluster(suncatcherReference(), { shape: 'square', spacing_m: 100 }, el); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).context.field).toBe('n');
    expect(() => buildCluster({ ...suncatcherReference(), e: 0.1 }, { shape: 'disc', radius_m: 1000, spacing_m: 100 }, el)).toThrow(InputError);
    expect(() => buildCluster(suncatcherReference(), { shape: 'disc', radius_m: 1000, spacing_m: -1 }, el)).toThrow(InputError);
  });

  it('appends after existing rows and the accumulator skips members without a valid position', () => {
    const el = new MeanElementSet(EPOCH);
    el.append(suncatcherReference());
    const layout = buildCluster(suncatcherReference(), { shape: 'square', n: 3, spacing_m: 100, idBase: 1000 }, el);
    expect(layout.firstRow).toBe(1);
    expect(el.id[1]).toBe(1000);
    const fleet = new FleetState(el.count);
    propagateJ2(el, 0, fleet);
    fleet.status[1 + 4] = Status.Reentered; // the centre member
    const acc = new ClusterStatsAccumulator(layout);
    acc.add(fleet, 0);
    const s = acc.result();
    expect(s.invalidSamples).toBe(1);
    expect(Math.abs(s.neighbourMin_m - 100)).toBeLessThan(1e-3);
    expect(Number.isFinite(s.closestApproach_m)).toBe(true);
  });
});
