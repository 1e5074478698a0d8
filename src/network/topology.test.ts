import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD, R_EARTH_m, TWO_PI } from '../core/units.js';
import { buildCluster } from '../orbit/cluster.js';
import { MeanElementSet } from '../orbit/elements.js';
import { j2SecularRates, J2Stepper } from '../orbit/j2.js';
import { raanForLtan, ssoInclination_rad } from '../orbit/sso.js';
import { walkerDelta, walkerStar } from '../orbit/walker.js';
import {
  addClusterMesh, addPlusGrid, addUserLinks, evaluateLinks, LinkKind, LinkListBuilder, LinkState, lineOfSightClear, makeLinkStepColumns,
} from './topology.js';

const EPOCH = Date.UTC(2026, 2, 20);

/**
 * Extremes of the chord between two satellites of one circular shell over an orbit, analytically:
 * with r̂ = cos u·N̂ + sin u·M̂, r̂_A·r̂_B = cᵀ·K·R(δ)·c for c = (cos u, sin u), so cos γ ranges over
 * the eigenvalues of the symmetric part of K·R(δ); chord = a·√(2 − 2 cos γ).
 */
function chordRange(a: number, i: number, dOmega: number, delta: number): { min: number; max: number } {
  const N = (O: number): number[] => [Math.cos(O), Math.sin(O), 0];
  const M = (O: number): number[] => [-Math.sin(O) * Math.cos(i), Math.cos(O) * Math.cos(i), Math.sin(i)];
  const dot = (x: number[], y: number[]): number => x[0]! * y[0]! + x[1]! * y[1]! + x[2]! * y[2]!;
  const K = [[dot(N(0), N(dOmega)), dot(N(0), M(dOmega))], [dot(M(0), N(dOmega)), dot(M(0), M(dOmega))]];
  const c = Math.cos(delta), s = Math.sin(delta);
  const KR = [[K[0]![0]! * c + K[0]![1]! * s, -K[0]![0]! * s + K[0]![1]! * c], [K[1]![0]! * c + K[1]![1]! * s, -K[1]![0]! * s + K[1]![1]! * c]];
  const s11 = KR[0]![0]!, s22 = KR[1]![1]!, s12 = 0.5 * (KR[0]![1]! + KR[1]![0]!);
  const mid = 0.5 * (s11 + s22), rad = Math.hypot(0.5 * (s11 - s22), s12);
  const chord = (cg: number): number => a * Math.sqrt(Math.max(0, 2 - 2 * cg));
  return { min: chord(mid + rad), max: chord(mid - rad) };
}

describe('+Grid on a Starlink-like shell: 72 planes × 22, 550 km, 53°, F = 39 (1,584 satellites)', () => {
  const P = 72, S = 22, T = P * S, F = 39;
  const a = R_EARTH_m + 550e3, inc = 53 * DEG_TO_RAD;
  const el = walkerDelta({ epochUtcMs: EPOCH, total: T, planes: P, phasing: F, altitude_m: 550e3, inclination_rad: inc, noNames: true });
  const b = new LinkListBuilder();
  const offsets = addPlusGrid(el, { firstRow: 0, planes: P, perPlane: S, pattern: 'delta' }, b);
  const links = b.build();

  // Expected slot offsets: minimise the analytic largest chord (the test's own derivation).
  const bestK = (deltaOf: (k: number) => number): number => {
    let best = 0, bestMax = Infinity;
    for (let k = 0; k < S; k++) { const m = chordRange(a, inc, TWO_PI / P, deltaOf(k)).max; if (m < bestMax - 1e-6) { bestMax = m; best = k; } }
    return best;
  };
  const deltaMid = (k: number): number => (k * TWO_PI) / S + (TWO_PI * F) / T;
  const deltaSeam = (k: number): number => (k * TWO_PI) / S - ((P - 1) * TWO_PI * F) / T;
  const kMid = bestK(deltaMid), kSeam = bestK(deltaSeam);

  it('has four links per satellite: 2·N = 3,168 links, N intra-plane and N cross-plane', () => {
    expect(links.count).toBe(2 * T);
    const degree = new Int32Array(T);
    let intra = 0;
    for (let i = 0; i < links.count; i++) { degree[links.a[i]!]!++; degree[links.b[i]!]!++; if (links.kind[i] === LinkKind.IntraPlane) intra++; }
    expect(intra).toBe(T);
    expect(degree.every((d) => d === 4)).toBe(true);
  });

  it('picks the cross-plane partner that minimises the largest distance over an orbit (Walker phasing and the seam)', () => {
    for (let p = 0; p < P - 1; p++) expect(offsets[p]).toBe(kMid);
    expect(offsets[P - 1]).toBe(kSeam);
  });

  it('intra-plane links are 2a·sin(π/22) = 1,971.9 km (within 1 mm), cross-plane links stay in their analytic range over an orbit', () => {
    const fleet = new FleetState(T);
    const stepper = new J2Stepper(el, fleet);
    const cols = makeLinkStepColumns(links.count);
    const rates = j2SecularRates(a, 0, inc);
    const period_s = TWO_PI / (rates.meanAnomalyDot_rad_s + rates.argpDot_rad_s);
    const intraExpected = 2 * a * Math.sin(Math.PI / S);
    const rMid = chordRange(a, inc, TWO_PI / P, deltaMid(kMid)), rSeam = chordRange(a, inc, TWO_PI / P, deltaSeam(kSeam));
    let midMin = Infinity, midMax = 0, seamMin = Infinity, seamMax = 0, intraErr = 0, notUp = 0;
    const samples = 40;
    for (let k = 0; k < samples; k++) {
      stepper.propagateTo((k * period_s) / samples);
      evaluateLinks(links, fleet, cols);
      for (let i = 0; i < links.count; i++) {
        if (cols.state[i] !== LinkState.Up) notUp++;
        const L = cols.length_m[i]!;
        if (links.kind[i] === LinkKind.IntraPlane) { intraErr = Math.max(intraErr, Math.abs(L - intraExpected)); continue; }
        const seam = Math.floor(links.a[i]! / S) === 0 && Math.floor(links.b[i]! / S) === P - 1;
        if (seam) { seamMin = Math.min(seamMin, L); seamMax = Math.max(seamMax, L); } else { midMin = Math.min(midMin, L); midMax = Math.max(midMax, L); }
      }
    }
    expect(notUp).toBe(0);
    expect(Math.abs(intraExpected / 1e3 - 1971.9)).toBeLessThan(0.1);
    expect(intraErr).toBeLessThan(1e-3);
    // Sampled extremes lie inside the analytic range (1 m for rounding) and reach it within 1 km.
    for (const [lo, hi, r] of [[midMin, midMax, rMid], [seamMin, seamMax, rSeam]] as const) {
      expect(lo).toBeGreaterThan(r.min - 1);
      expect(hi).toBeLessThan(r.max + 1);
      expect(lo - r.min).toBeLessThan(1_000);
      expect(r.max - hi).toBeLessThan(1_000);
    }
    // The numbers themselves (this phasing): cross-plane links breathe between ~ r.min and r.max.
    expect(rMid.max).toBeGreaterThan(rMid.min);
  });
});

describe('+Grid variants', () => {
  it('a star shell has no links across its seam: 2·N − S links', () => {
    const el = walkerStar({ epochUtcMs: EPOCH, total: 66, planes: 6, phasing: 2, altitude_m: 780e3, inclination_rad: 86.4 * DEG_TO_RAD });
    const b = new LinkListBuilder();
    const off = addPlusGrid(el, { firstRow: 0, planes: 6, perPlane: 11, pattern: 'star' }, b);
    expect(b.count).toBe(2 * 66 - 11);
    expect(off[5]).toBe(-1);
  });

  it('does not duplicate links in tiny shells (2 per plane, 2 planes)', () => {
    const el = walkerDelta({ epochUtcMs: EPOCH, total: 4, planes: 2, phasing: 0, altitude_m: 550e3, inclination_rad: 1 });
    const b = new LinkListBuilder();
    addPlusGrid(el, { firstRow: 0, planes: 2, perPlane: 2, pattern: 'delta' }, b);
    expect(b.count).toBe(4); // two rings of one link each + two cross-plane links
  });

  it('refuses a shell that does not fit the element set', () => {
    const el = walkerDelta({ epochUtcMs: EPOCH, total: 4, planes: 2, phasing: 0, altitude_m: 550e3, inclination_rad: 1 });
    expect(() => addPlusGrid(el, { firstRow: 1, planes: 2, perPlane: 2, pattern: 'delta' }, new LinkListBuilder())).toThrow(InputError);
  });
});

describe('cluster mesh (Suncatcher 81-satellite cluster)', () => {
  it('links lattice neighbours, 100–200 m apart over an orbit (within 5 m)', () => {
    const a = R_EARTH_m + 650e3;
    const el = new MeanElementSet(EPOCH, 128);
    const layout = buildCluster({ a_m: a, e: 0, i_rad: ssoInclination_rad(a), raan_rad: raanForLtan(EPOCH, 18), argp_rad: 0, meanAnomaly_rad: 0 }, { shape: 'disc', radius_m: 1000, spacing_m: 100 }, el);
    const b = new LinkListBuilder();
    addClusterMesh(layout, b);
    const links = b.build();
    expect(links.count).toBe(layout.neighbourPairs.length / 2);
    // i² + j² ≤ 25 lattice, rows of 1, 7, 9, 9, 9, 11, 9, 9, 9, 7, 1 points: Σ(row − 1) = 70 pairs
    // along each lattice axis, 140 in all.
    expect(links.count).toBe(140);
    const fleet = new FleetState(81);
    const st = new J2Stepper(el, fleet);
    const cols = makeLinkStepColumns(links.count);
    let lo = Infinity, hi = 0;
    for (let k = 0; k < 120; k++) {
      st.propagateTo((k * layout.period_s) / 120);
      evaluateLinks(links, fleet, cols);
      for (let i = 0; i < links.count; i++) { lo = Math.min(lo, cols.length_m[i]!); hi = Math.max(hi, cols.length_m[i]!); expect(cols.state[i]).toBe(LinkState.Up); }
    }
    expect(Math.abs(lo - 100)).toBeLessThan(5);
    expect(Math.abs(hi - 200)).toBeLessThan(5);
    const withDiag = new LinkListBuilder();
    addClusterMesh(layout, withDiag, { diagonals: true });
    expect(withDiag.count).toBe(140 + layout.diagonalPairs.length / 2);
  });
});

describe('user-defined links', () => {
  it('resolves names and #rows, and names the bad entry', () => {
    const names = ['A', 'B', 'C'];
    const b = new LinkListBuilder();
    addUserLinks([['A', 'B'], ['#2', 'A'], ['B', 'A']], names, b);
    expect(b.count).toBe(2);
    let err: unknown;
    try { addUserLinks([['A', 'Z']], names, b, 'links'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).context.field).toBe('links[0][1]');
  });
});

describe('line of sight clears the atmosphere (80 km grazing height)', () => {
  const r = R_EARTH_m + 550e3, rg = R_EARTH_m + 80e3;
  // Two satellites at radius r separated by central angle θ: the segment's closest point to the
  // centre is its midpoint at r·cos(θ/2), so the limit is θ* = 2·acos(rg/r) (≈ 42.45° here).
  const thetaStar = 2 * Math.acos(rg / r);
  const at = (th: number): [number, number, number, number, number, number] => [r, 0, 0, r * Math.cos(th), r * Math.sin(th), 0];

  it('is clear just inside the limit and blocked just outside (±1 mm of grazing height)', () => {
    const eps = 1e-3 / r; // moves the midpoint by ~ r·θ·eps/2 < 1 mm
    expect(lineOfSightClear(...at(thetaStar - eps), rg)).toBe(true);
    expect(lineOfSightClear(...at(thetaStar + eps), rg)).toBe(false);
    expect(Math.abs(thetaStar / DEG_TO_RAD - 42.45)).toBeLessThan(0.01);
  });

  it('uses the segment, not the infinite line: two satellites on the same side are clear', () => {
    // On one radial line: the infinite line passes through the centre; the segment does not.
    expect(lineOfSightClear(r, 0, 0, r + 1e6, 0, 0, rg)).toBe(true);
    expect(lineOfSightClear(r, 0, 0, -r, 0, 0, rg)).toBe(false);
  });

  it('evaluateLinks marks blocked, out-of-range and dead-endpoint links', () => {
    const f = new FleetState(8);
    const put = (x: number, y: number, z: number, st: number = Status.Ok): void => { const i = f.append(f.count + 1); f.x_m[i] = x; f.y_m[i] = y; f.z_m[i] = z; f.status[i] = st; };
    const p0 = at(0), pIn = at(thetaStar * 0.9), pOut = at(thetaStar * 1.1);
    put(p0[0], p0[1], p0[2]);
    put(pIn[3], pIn[4], pIn[5]);
    put(pOut[3], pOut[4], pOut[5]);
    put(r, 100, 0, Status.Failed);
    const b = new LinkListBuilder();
    b.add(0, 1, LinkKind.User); b.add(0, 2, LinkKind.User); b.add(0, 3, LinkKind.User);
    const links = b.build();
    const cols = makeLinkStepColumns(links.count);
    evaluateLinks(links, f, cols, { maxRange_m: 1e8 });
    expect(Array.from(cols.state)).toEqual([LinkState.Up, LinkState.EarthBlocked, LinkState.EndpointDown]);
    evaluateLinks(links, f, cols, { maxRange_m: 1_000e3 });
    expect(cols.state[0]).toBe(LinkState.OutOfRange);
  });
});
