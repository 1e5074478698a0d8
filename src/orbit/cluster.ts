/**
 * Formation clusters: many satellites flying free (passive, no thrust) within a kilometre of a
 * reference orbit, as Project Suncatcher's 81-satellite cluster (Google, arXiv 2511.19468).
 *
 * Relative-orbit family. Every member flies a closed, in-plane Hill–Clohessy–Wiltshire ellipse
 * around the reference (hcw.ts): x = −ρ·cos θ radial, y = 2ρ·sin θ along-track, all in the
 * reference's orbital plane, ρ and the phase θ₀ differing per member. Such an ellipse is a small
 * eccentricity: the member has the reference's semi-major axis, inclination and node, and its
 * eccentricity vector is the reference's plus δe with |δe| = ρ/a; θ is its mean anomaly. So a
 * member is built directly as absolute **mean elements** (MeanElementSet) and the same J2
 * propagator (j2.ts) flies the whole fleet, reference orbit, cluster and all.
 *
 * J2. Equal *mean* semi-major axis, inclination and node give every member the same J2 secular
 * rates of node, perigee and mean anomaly up to O(J2·δe²) terms (3 m/year along-track at the
 * edge of a 1 km cluster), which `trimSemiMajorAxis` cancels with a millimetre change of a, so the
 * cluster does not drift apart under the mean-element theory (cluster.test.ts, one year): this is the J2-invariance condition for in-plane formations (Schaub &
 * Alfriend 2001, "J2 invariant relative orbits for spacecraft formations", Celest. Mech. 79:77).
 * Under J2 the ellipse turns at the anomalistic rate Ṁ (slower than n by 6.3e-4 at 650 km SSO).
 * The axis-ratio corrections that the Suncatcher paper (2 : 1.0037) and Schweighart & Sedwick
 * (2 : 1.00063 here) apply belong to *osculating Cartesian* initial states; hcw.ts gives those
 * (`schweighartSedwickAxisRatio`, `SUNCATCHER_AXIS_RATIO`) and the correction that actually
 * removes the drift of such a state, `matchMeanSemiMajorAxis`.
 *
 * Lattice → initial conditions. Scale the along-track axis by ½: in (ξ, η) = (x, y/2) every
 * member moves on a circle of radius ρ at the same rate θ̇, so the whole cluster *rotates
 * rigidly* in (ξ, η), once per anomalistic orbit. A square lattice of spacing d is placed in
 * (ξ, η) at epoch (lattice point (i·d, j·d), turned by `orientation_rad`), which fixes each
 * member's ρ and θ₀. In real space the lattice is that rotating square stretched ×2 along-track.
 *
 * Why neighbour distances breathe twice per orbit. When the lattice axes have turned by φ, a
 * lattice step (d·cos φ, d·sin φ) in (ξ, η) is (d·cos φ, 2d·sin φ) in (x, y): its length is
 * d·√(1 + 3 sin²φ), between d and 2d, and sin²φ has period π, so twice per turn (per orbit). The
 * perpendicular neighbour is out of phase: d·√(1 + 3 cos²φ). A diagonal is d·√(5 ± 3 sin 2φ),
 * between √2·d and √8·d = 2.83·d. Suncatcher's "100 to 200 m, diagonals ~283 m" is d = 100 m.
 *
 * Shapes. 'square': n × n lattice points. 'disc': every lattice point whose ellipse stays within
 * `radius_m` of the reference (2ρ ≤ R, i.e. ρ ≤ R/2: the along-track semi-axis is the largest
 * distance); Suncatcher's R = 1 km with d = 100 m gives the lattice points with i² + j² ≤ 25,
 * which are exactly 81 (Gauss's circle count N(5) = 81): the paper's 81 satellites.
 */
import { InputError, quoteFound } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { hasValidPosition } from '../core/status.js';
import { TWO_PI, wrapTwoPi } from '../core/units.js';
import { MeanElementSet, type MeanElementsInput } from './elements.js';
import { j2SecularRates, propagateJ2 } from './j2.js';

/** How the lattice is cut. */
export type ClusterShape = 'square' | 'disc';

export interface ClusterSpec {
  shape: ClusterShape;
  /** 'square': lattice points per side (n × n members). Ignored for 'disc'. */
  n?: number;
  /** Lattice spacing d [m]: the smallest distance between lattice neighbours (they reach 2d). */
  spacing_m?: number;
  /**
   * Cluster radius R [m]: the largest distance of any member from the reference over an orbit
   * (the along-track semi-axis 2ρ of the outermost member). 'disc' needs it (with spacing_m);
   * 'square' with radius_m and no spacing_m takes d = R/((n − 1)·√2) so the corners reach R.
   */
  radius_m?: number;
  /** Turn of the lattice axes in (ξ, η) at epoch [rad] (default 0: axes radial and along-track). */
  orientation_rad?: number;
  /** Id of the first member (default: continues the set's 1-based row numbering). */
  idBase?: number;
  /** Name prefix; members are named `${prefix}-${i}_${j}` by lattice index (default 'C'). */
  namePrefix?: string;
  /** Cd·A/m [m²/kg] of each member (default 0, no drag). */
  ballistic_m2_kg?: number;
}

/** The cluster as built: where its members sit in the set, their lattice and their pairs. */
export interface ClusterLayout {
  /** Row of the first member in the MeanElementSet; members are rows firstRow..firstRow+count−1. */
  firstRow: number;
  count: number;
  spacing_m: number;
  /** Largest distance of a member from the reference over an orbit [m] (2·max ρ). */
  radius_m: number;
  /** The reference orbit (mean elements), which need not be a member. */
  reference: MeanElementsInput;
  /** Lattice indices (i radial, j along-track at epoch) per member; 'square' with even n uses half-steps ×2 (odd integers). */
  latticeI: Int32Array;
  latticeJ: Int32Array;
  /** Radial semi-axis ρ [m] and epoch phase θ₀ [rad] of each member's ellipse. */
  rho_m: Float64Array;
  theta0_rad: Float64Array;
  /** Rate θ̇ [rad/s] at which every ellipse turns: the reference's J2 anomalistic rate Ṁ. */
  ellipseRate_rad_s: number;
  /** Draconic period of the reference [s]: 2π/(Ṁ + ω̇), one turn of the argument of latitude. */
  period_s: number;
  /** Lattice-neighbour pairs, flattened [a0, b0, a1, b1, ...], member indices 0..count−1. */
  neighbourPairs: Int32Array;
  /** Lattice-diagonal pairs, same layout. */
  diagonalPairs: Int32Array;
}

function argError(field: string, expected: string, found: unknown): InputError {
  return new InputError('bad cluster parameter', { field, expected, found: quoteFound(found) }, 'E_ARGUMENT');
}

/**
 * Append a formation cluster around `reference` (mean elements; near-circular, e < 0.01) to
 * `out` and return its layout. Members keep the reference's a, i and Ω; their eccentricity
 * vectors are the reference's plus the lattice offset; their mean argument of latitude is the
 * reference's (no mean along-track offset). Throws InputError (E_ARGUMENT) on a bad spec.
 */
export function buildCluster(reference: MeanElementsInput, spec: ClusterSpec, out: MeanElementSet): ClusterLayout {
  const a = reference.a_m;
  if (!(reference.e >= 0 && reference.e < 0.01)) throw argError('reference.e', 'a near-circular reference orbit, e < 0.01', reference.e);
  const orient = spec.orientation_rad ?? 0;
  if (!Number.isFinite(orient)) throw argError('orientation_rad', 'a finite angle [rad]', orient);

  // Lattice points in units of d; 'square' with even n sits on half-integers, kept as 2× integers.
  const pts: Array<[number, number]> = [];
  let d: number;
  let scale = 1; // index units per lattice step (2 for even-n squares)
  if (spec.shape === 'square') {
    const n = spec.n;
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > 1000) throw argError('n', 'an integer number of members per side, 1..1000', n);
    if (spec.spacing_m !== undefined) d = spec.spacing_m;
    else if (spec.radius_m !== undefined && n > 1) d = spec.radius_m / ((n - 1) * Math.SQRT2);
    else throw argError('spacing_m', 'a lattice spacing [m] (or radius_m with n > 1)', spec.spacing_m);
    scale = n % 2 === 0 ? 2 : 1;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pts.push([(2 * i - (n - 1)) * scale / 2, (2 * j - (n - 1)) * scale / 2]);
  } else if (spec.shape === 'disc') {
    if (spec.radius_m === undefined || spec.spacing_m === undefined) throw argError(spec.radius_m === undefined ? 'radius_m' : 'spacing_m', 'radius_m and spacing_m [m] for a disc cluster', undefined);
    d = spec.spacing_m;
    const kmax = spec.radius_m / 2 / d; // ρ ≤ R/2, in lattice steps
    if (!(kmax >= 0 && kmax <= 500)) throw argError('radius_m', 'a radius between 0 and 1000 lattice spacings', spec.radius_m);
    const k = Math.floor(kmax + 1e-9);
    const lim = kmax * kmax * (1 + 1e-12) + 1e-12;
    for (let i = -k; i <= k; i++) for (let j = -k; j <= k; j++) if (i * i + j * j <= lim) pts.push([i, j]);
  } else {
    throw argError('shape', "'square' or 'disc'", (spec as { shape: unknown }).shape);
  }
  if (!(d > 0 && Number.isFinite(d))) throw argError('spacing_m', 'a lattice spacing > 0 m', d);
  if (!(d * pts.length < 0.01 * a)) throw argError('spacing_m', 'a cluster much smaller than the orbit (linear relative motion)', d);

  const count = pts.length;
  const rates = j2SecularRates(a, reference.e, reference.i_rad);
  const uRate = rates.meanAnomalyDot_rad_s + rates.argpDot_rad_s;
  const eRefX = reference.e * Math.cos(reference.argp_rad), eRefY = reference.e * Math.sin(reference.argp_rad);
  // Mean argument of latitude of the reference at epoch; members share it.
  const u0 = reference.argp_rad + reference.meanAnomaly_rad;
  const cu = Math.cos(u0), su = Math.sin(u0);
  const co = Math.cos(orient), so = Math.sin(orient);
  const layout: ClusterLayout = {
    firstRow: out.count, count, spacing_m: d, radius_m: 0, reference: { ...reference },
    latticeI: new Int32Array(count), latticeJ: new Int32Array(count),
    rho_m: new Float64Array(count), theta0_rad: new Float64Array(count),
    ellipseRate_rad_s: rates.meanAnomalyDot_rad_s,
    period_s: TWO_PI / (rates.meanAnomalyDot_rad_s + rates.argpDot_rad_s),
    neighbourPairs: new Int32Array(0), diagonalPairs: new Int32Array(0),
  };
  const prefix = spec.namePrefix ?? 'C';
  let rhoMax = 0;
  for (let k = 0; k < count; k++) {
    const [li, lj] = pts[k]!;
    // (ξ, η) of the lattice point at epoch [m], lattice turned by `orient`.
    const pi = (li * d) / scale, qj = (lj * d) / scale;
    const xi = co * pi - so * qj, eta = so * pi + co * qj;
    // x = −a(δex cos u + δey sin u), y/2 = a(δex sin u − δey cos u) (near-circular expansion, u the
    // mean argument of latitude); the 2×2 map is orthogonal, so its inverse is its transpose.
    const dex = (-cu * xi + su * eta) / a, dey = (-su * xi - cu * eta) / a;
    const ex = eRefX + dex, ey = eRefY + dey;
    const e = Math.hypot(ex, ey);
    const argp = e > 0 ? Math.atan2(ey, ex) : reference.argp_rad;
    const rho = Math.hypot(xi, eta);
    rhoMax = Math.max(rhoMax, rho);
    layout.latticeI[k] = li; layout.latticeJ[k] = lj;
    layout.rho_m[k] = rho;
    // x = −ρ cos θ, y = 2ρ sin θ ⇒ θ₀ = atan2(η, −ξ) (θ is the member's relative mean anomaly).
    layout.theta0_rad[k] = rho > 0 ? wrapTwoPi(Math.atan2(eta, -xi)) : 0;
    const el: MeanElementsInput = {
      a_m: trimSemiMajorAxis(a, e, reference.i_rad, uRate), e, i_rad: reference.i_rad, raan_rad: reference.raan_rad,
      argp_rad: argp, meanAnomaly_rad: wrapTwoPi(u0 - argp),
      name: `${prefix}-${li}_${lj}`, ballistic_m2_kg: spec.ballistic_m2_kg ?? 0,
    };
    if (spec.idBase !== undefined) el.id = spec.idBase + k;
    out.append(el);
  }
  layout.radius_m = 2 * rhoMax;
  buildPairs(layout, scale);
  return layout;
}

/**
 * Semi-major axis [m] near a_m at which eccentricity e has mean argument-of-latitude rate Ṁ + ω̇
 * equal to uRate (the reference's): the secular rates depend on e², so without this trim a
 * member 566 m out drifts ~3 m a year along-track. The trim is O(J2·e²·a), millimetres.
 * Newton on d(Ṁ + ω̇)/da ≈ −(3/2)·(Ṁ + ω̇)/a.
 */
function trimSemiMajorAxis(a_m: number, e: number, i_rad: number, uRate: number): number {
  let a = a_m;
  for (let k = 0; k < 3; k++) {
    const r = j2SecularRates(a, e, i_rad);
    const rate = r.meanAnomalyDot_rad_s + r.argpDot_rad_s;
    a += (rate - uRate) / ((1.5 * rate) / a);
  }
  return a;
}

/** Lattice-neighbour and diagonal pairs from the lattice indices (hash of (i, j) → member). */
function buildPairs(layout: ClusterLayout, step: number): void {
  const index = new Map<string, number>();
  for (let k = 0; k < layout.count; k++) index.set(`${layout.latticeI[k]},${layout.latticeJ[k]}`, k);
  const nb: number[] = [], dg: number[] = [];
  for (let k = 0; k < layout.count; k++) {
    const i = layout.latticeI[k]!, j = layout.latticeJ[k]!;
    const look = (di: number, dj: number, to: number[]): void => {
      const m = index.get(`${i + di * step},${j + dj * step}`);
      if (m !== undefined) to.push(k, m);
    };
    look(1, 0, nb); look(0, 1, nb);
    look(1, 1, dg); look(1, -1, dg);
  }
  layout.neighbourPairs = Int32Array.from(nb);
  layout.diagonalPairs = Int32Array.from(dg);
}

/**
 * Analytic relative motion of every member at t_s after the set's epoch, in the reference's LVLH
 * frame (x radial, y along-track; m), from the closed-ellipse solution x = −ρ cos θ, y = 2ρ sin θ
 * with θ = θ₀ + Ṁ·t (HCW with the J2 anomalistic rate). Linear in ρ/a: nonlinear terms are
 * ~ρ²/a (0.1 m for a 1 km cluster at 650 km). Cross-track is 0 (planar cluster).
 */
export function clusterRelativePositions(layout: ClusterLayout, t_s: number, x_m: Float64Array, y_m: Float64Array): void {
  const w = layout.ellipseRate_rad_s;
  for (let k = 0; k < layout.count; k++) {
    const th = layout.theta0_rad[k]! + w * t_s;
    const rho = layout.rho_m[k]!;
    x_m[k] = -rho * Math.cos(th);
    y_m[k] = 2 * rho * Math.sin(th);
  }
}

/** Distance statistics of a cluster over a time window (all distances in m). */
export interface ClusterStats {
  samples: number;
  start_s: number;
  duration_s: number;
  step_s: number;
  /** Range of lattice-neighbour distances over all neighbour pairs and samples. */
  neighbourMin_m: number;
  neighbourMax_m: number;
  /** Range of lattice-diagonal distances. */
  diagonalMin_m: number;
  diagonalMax_m: number;
  /** Smallest distance between any two members (all pairs; the safety figure). */
  closestApproach_m: number;
  /** Oscillations of a neighbour distance per draconic orbit, from the maxima of the time series (mean over pairs); NaN if too short. */
  neighbourOscillationsPerOrbit: number;
  /** Member-samples skipped because the member had no valid position (status). */
  invalidSamples: number;
}

/**
 * Streaming accumulator of ClusterStats: feed it the propagated fleet at each step (e.g. from the
 * twin's loop). Allocation-free per step; O(count²) for the closest approach.
 */
export class ClusterStatsAccumulator {
  private readonly layout: ClusterLayout;
  private readonly rowOffset: number;
  private readonly prev1: Float64Array;
  private readonly prev2: Float64Array;
  private readonly firstMax: Float64Array;
  private readonly lastMax: Float64Array;
  private readonly maxCount: Int32Array;
  private readonly tPrev = [NaN, NaN];
  private s: ClusterStats;

  /** rowOffset: fleet row of member 0 (default layout.firstRow). */
  constructor(layout: ClusterLayout, rowOffset = layout.firstRow) {
    this.layout = layout;
    this.rowOffset = rowOffset;
    const np = layout.neighbourPairs.length / 2;
    this.prev1 = new Float64Array(np).fill(NaN);
    this.prev2 = new Float64Array(np).fill(NaN);
    this.firstMax = new Float64Array(np).fill(NaN);
    this.lastMax = new Float64Array(np).fill(NaN);
    this.maxCount = new Int32Array(np);
    this.s = {
      samples: 0, start_s: NaN, duration_s: 0, step_s: NaN,
      neighbourMin_m: Infinity, neighbourMax_m: -Infinity, diagonalMin_m: Infinity, diagonalMax_m: -Infinity,
      closestApproach_m: Infinity, neighbourOscillationsPerOrbit: NaN, invalidSamples: 0,
    };
  }

  /** Add one sample: the fleet propagated to time t_s (increasing from call to call). */
  add(fleet: FleetState, t_s: number): void {
    const { x_m, y_m, z_m, status } = fleet;
    const o = this.rowOffset, L = this.layout, s = this.s;
    const dist = (a: number, b: number): number => {
      const ra = o + a, rb = o + b;
      if (!hasValidPosition(status[ra]!) || !hasValidPosition(status[rb]!)) return NaN;
      return Math.hypot(x_m[ra]! - x_m[rb]!, y_m[ra]! - y_m[rb]!, z_m[ra]! - z_m[rb]!);
    };
    for (let k = 0; k < L.count; k++) if (!hasValidPosition(status[o + k]!)) s.invalidSamples++;
    const nb = L.neighbourPairs;
    for (let p = 0; p < nb.length / 2; p++) {
      const dd = dist(nb[2 * p]!, nb[2 * p + 1]!);
      if (Number.isNaN(dd)) continue;
      if (dd < s.neighbourMin_m) s.neighbourMin_m = dd;
      if (dd > s.neighbourMax_m) s.neighbourMax_m = dd;
      // A local maximum at the previous sample: prev2 < prev1 ≥ dd.
      const p1 = this.prev1[p]!, p2 = this.prev2[p]!;
      if (p1 > p2 && p1 >= dd) {
        if (this.maxCount[p] === 0) this.firstMax[p] = this.tPrev[0]!;
        this.lastMax[p] = this.tPrev[0]!;
        this.maxCount[p]!++;
      }
      this.prev2[p] = p1;
      this.prev1[p] = dd;
    }
    const dg = L.diagonalPairs;
    for (let p = 0; p < dg.length / 2; p++) {
      const dd = dist(dg[2 * p]!, dg[2 * p + 1]!);
      if (dd < s.diagonalMin_m) s.diagonalMin_m = dd;
      if (dd > s.diagonalMax_m) s.diagonalMax_m = dd;
    }
    for (let a = 0; a < L.count; a++) {
      for (let b = a + 1; b < L.count; b++) {
        const dd = dist(a, b);
        if (dd < s.closestApproach_m) s.closestApproach_m = dd;
      }
    }
    if (s.samples === 0) s.start_s = t_s;
    else if (s.samples === 1) s.step_s = t_s - s.start_s;
    s.samples++;
    s.duration_s = t_s - s.start_s;
    this.tPrev[1] = this.tPrev[0]!;
    this.tPrev[0] = t_s;
  }

  /** The statistics so far. */
  result(): ClusterStats {
    let freqSum = 0, nFreq = 0;
    for (let p = 0; p < this.maxCount.length; p++) {
      const c = this.maxCount[p]!;
      const span = this.lastMax[p]! - this.firstMax[p]!;
      if (c >= 2 && span > 0) { freqSum += (c - 1) / span; nFreq++; }
    }
    return { ...this.s, neighbourOscillationsPerOrbit: nFreq > 0 ? (freqSum / nFreq) * this.layout.period_s : NaN };
  }
}

/** Time window of a statistics run [s after the element set's epoch]. */
export interface ClusterWindow {
  start_s?: number;
  duration_s: number;
  step_s: number;
}

/**
 * Propagate the cluster's members (only those rows of `el`) with the mean-element J2 propagator
 * over the window and return their distance statistics: the figures behind
 * `orbitdc constellation cluster`. Cost: samples × (count propagations + count²/2 distances).
 */
export function clusterNeighbourStats(el: MeanElementSet, layout: ClusterLayout, window: ClusterWindow): ClusterStats {
  const { duration_s, step_s } = window;
  const start = window.start_s ?? 0;
  if (!(step_s > 0 && Number.isFinite(step_s))) throw argError('step_s', 'a time step > 0 s', step_s);
  if (!(duration_s >= 0 && Number.isFinite(duration_s))) throw argError('duration_s', 'a duration ≥ 0 s', duration_s);
  if (!(Number.isFinite(start))) throw argError('start_s', 'a finite time [s]', start);
  if (layout.firstRow + layout.count > el.count) throw argError('layout', `member rows within the set's ${el.count} rows`, layout.firstRow + layout.count);
  const sub = new MeanElementSet(el.epochUtcMs, layout.count);
  for (let k = 0; k < layout.count; k++) sub.append(el.get(layout.firstRow + k));
  const fleet = new FleetState(layout.count);
  const acc = new ClusterStatsAccumulator(layout, 0);
  const steps = Math.floor(duration_s / step_s + 1e-9);
  for (let q = 0; q <= steps; q++) {
    const t = start + q * step_s;
    propagateJ2(sub, t, fleet);
    acc.add(fleet, t);
  }
  return acc.result();
}
