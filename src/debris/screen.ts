/**
 * Conjunction screening: every encounter (local minimum of distance) closer than a threshold
 * between objects of one population, or between a primary population and a secondary one, over
 * a time window. Streaming over time: memory is the populations' states and a few arrays per
 * object, whatever the window length.
 *
 * Per coarse step of h = step_s (default 60 s):
 * 1. Propagate every object to the step's end (SGP4 or analytic J2: the only propagator calls).
 * 2. Build each object's cubic Hermite interpolant over the step from positions and velocities at
 *    both ends (encounter.ts).
 * 3. Split the step into `substeps` sub-intervals. On each, an object's interpolant lies inside
 *    the convex hull of its four Bézier control points p(s_a), p(s_a) + p′(s_a)·w/3,
 *    p(s_b) − p′(s_b)·w/3, p(s_b) (w = s_b − s_a; Farin, *Curves and Surfaces for CAGD*, §4.3,
 *    the convex-hull property); its axis-aligned box, padded by threshold/2 on every side, goes to
 *    the broad phase (grid.ts: a uniform grid of cells as large as the largest box, rebuilt per
 *    sub-interval by a radix sort, swept column by column). Two objects whose padded boxes are
 *    disjoint on some sub-interval are more than the threshold apart all through it; pairs whose
 *    boxes overlap are candidates. The grid admits a pair only if the apogee/perigee filter
 *    (filter.ts) and the plane-group exclusion (population.ts) let it through.
 * 4. Candidates of the step, de-duplicated over its sub-intervals, pass a relative-hull test
 *    (`mayApproach`), then `refineInterval` finds each local minimum of |Δr| on the interpolant
 *    over the whole step (Newton on Δr·Δv = 0).
 * No encounter on the interpolant is missed by steps 3–4 (it lies in some sub-interval, where the
 * two boxes must overlap); the tests compare with an all-pairs brute force.
 *
 * Hot loops use typed arrays only: no object per satellite per step.
 */
import type { FleetState } from '../core/fleet.js';
import type { ProgressSink } from '../core/progress.js';
import { hasValidPosition } from '../core/status.js';
import { InputError } from '../core/errors.js';
import { COEFS_PER_OBJECT, hermiteCoefficients, mayApproach, refineInterval } from './encounter.js';
import { keepAgainst } from './filter.js';
import { GridPairs, type GridItems } from './grid.js';
import type { Population } from './population.js';

export interface ScreenOptions {
  fromUtcMs: number;
  toUtcMs: number;
  /** Report encounters with miss distance ≤ threshold_m [m]. */
  threshold_m: number;
  /** Coarse step [s] between propagations (default 60 s; Hermite error ~0.3 m in LEO). */
  step_s?: number;
  /** Grid sub-intervals per coarse step (default 4): more = smaller boxes, more grid work. */
  substeps?: number;
  /**
   * With a secondary population: 'all' (default) screens primary×primary and primary×secondary
   * (never secondary×secondary); 'cross' only primary×secondary.
   */
  pairs?: 'all' | 'cross';
  progress?: ProgressSink;
  /** Called per encounter instead of storing it (bounded memory for huge outputs). */
  onEvent?: (e: ConjunctionEvent) => void;
}

/** One encounter. Indices are rows of their population; `secondary` says which population b is in. */
export interface ConjunctionEvent {
  a: number;
  b: number;
  /** b is a row of the secondary population (else of the primary). */
  secondary: boolean;
  tcaUtcMs: number;
  miss_m: number;
  relSpeed_m_s: number;
}

/** Encounters as columns (growable typed arrays). */
export class ConjunctionList {
  count = 0;
  a = new Int32Array(64);
  b = new Int32Array(64);
  secondary = new Uint8Array(64);
  tcaUtcMs = new Float64Array(64);
  miss_m = new Float64Array(64);
  relSpeed_m_s = new Float64Array(64);

  push(e: ConjunctionEvent): void {
    if (this.count === this.a.length) this.grow();
    const k = this.count++;
    this.a[k] = e.a; this.b[k] = e.b; this.secondary[k] = e.secondary ? 1 : 0;
    this.tcaUtcMs[k] = e.tcaUtcMs; this.miss_m[k] = e.miss_m; this.relSpeed_m_s[k] = e.relSpeed_m_s;
  }

  get(k: number): ConjunctionEvent {
    return { a: this.a[k]!, b: this.b[k]!, secondary: this.secondary[k] === 1, tcaUtcMs: this.tcaUtcMs[k]!, miss_m: this.miss_m[k]!, relSpeed_m_s: this.relSpeed_m_s[k]! };
  }

  private grow(): void {
    const n = this.a.length * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(x: T, make: (n: number) => T): T => { const y = make(n); y.set(x); return y; };
    this.a = g(this.a, (m) => new Int32Array(m)); this.b = g(this.b, (m) => new Int32Array(m));
    this.secondary = g(this.secondary, (m) => new Uint8Array(m));
    this.tcaUtcMs = g(this.tcaUtcMs, (m) => new Float64Array(m)); this.miss_m = g(this.miss_m, (m) => new Float64Array(m));
    this.relSpeed_m_s = g(this.relSpeed_m_s, (m) => new Float64Array(m));
  }
}

export interface ScreenStats {
  /** Coarse steps (propagations per object = steps + 1). */
  steps: number;
  /** Distinct (pair, step) candidates refined (after the filters and the relative-hull rejection). */
  refined: number;
  /** Pair-box overlaps found by the grid (before de-duplication and filters). */
  boxOverlaps: number;
  /** Secondary objects dropped whole by the apogee/perigee filter. */
  secondaryFiltered: number;
  /** Box overlaps (per sub-interval) refused by the apogee/perigee filter / the plane-group exclusion. */
  pairsFiltered: number;
  pairsExcludedSamePlane: number;
  propagate_s: number;
  grid_s: number;
  refine_s: number;
}

export interface ScreenResult {
  events: ConjunctionList;
  stats: ScreenStats;
}

/** Throws InputError for a bad window, threshold, step or substeps (shared with shell-cross.ts). */
export function checkOptions(o: ScreenOptions): void {
  if (!(Number.isFinite(o.fromUtcMs) && Number.isFinite(o.toUtcMs) && o.toUtcMs > o.fromUtcMs)) {
    throw new InputError('empty or invalid screening window', { field: 'toUtcMs', expected: 'a time after fromUtcMs', found: `${o.fromUtcMs} → ${o.toUtcMs}` }, 'E_ARGUMENT');
  }
  if (!(o.threshold_m > 0 && Number.isFinite(o.threshold_m))) {
    throw new InputError('bad threshold', { field: 'threshold_m', expected: 'a distance > 0 m', found: String(o.threshold_m) }, 'E_ARGUMENT');
  }
  const step = o.step_s ?? 60;
  if (!(step > 0 && step <= 600)) throw new InputError('bad step', { field: 'step_s', expected: 'a step in (0, 600] s', found: String(step) }, 'E_ARGUMENT');
  const sub = o.substeps ?? 4;
  if (!(Number.isInteger(sub) && sub >= 1 && sub <= 64)) throw new InputError('bad substeps', { field: 'substeps', expected: 'an integer in [1, 64]', found: String(sub) }, 'E_ARGUMENT');
}

/**
 * Screen `primary` (within itself) and, if given, against `secondary`. See the file comment.
 * The window is cut into whole steps from fromUtcMs; the last step ends at toUtcMs (shorter if
 * the window is not a multiple of the step). Encounters are reported with TCA in (from, to].
 */
export async function screen(primary: Population, secondary: Population | undefined, o: ScreenOptions): Promise<ScreenResult> {
  checkOptions(o);
  const thr = o.threshold_m;
  const h0 = o.step_s ?? 60;
  const M = o.substeps ?? 4;
  const cross = secondary !== undefined && o.pairs === 'cross';
  const nA = primary.count, nB = secondary?.count ?? 0, N = nA + nB;
  const stats: ScreenStats = { steps: 0, refined: 0, boxOverlaps: 0, secondaryFiltered: 0, pairsFiltered: 0, pairsExcludedSamePlane: 0, propagate_s: 0, grid_s: 0, refine_s: 0 };
  const events = new ConjunctionList();
  const emitEvent = o.onEvent ?? ((e: ConjunctionEvent) => events.push(e));

  // Objects of the secondary that no primary shell reaches never enter the grid.
  const keepB = secondary ? keepAgainst(primary.shells, secondary.shells, thr) : new Uint8Array(0);
  for (let j = 0; j < nB; j++) if (keepB[j] === 0) stats.secondaryFiltered++;

  // Per object (index space 0..nA−1 primary, nA..N−1 secondary).
  const perigee = new Float64Array(N), apogee = new Float64Array(N), group = new Int32Array(N).fill(-1);
  perigee.set(primary.shells.perigee_m); apogee.set(primary.shells.apogee_m);
  if (primary.planeGroup) group.set(primary.planeGroup);
  if (secondary) { perigee.set(secondary.shells.perigee_m, nA); apogee.set(secondary.shells.apogee_m, nA); }
  const coef = new Float64Array(N * COEFS_PER_OBJECT);
  const active = new Uint8Array(N);
  // Boxes of every sub-interval of the step (6 per item each), computed in one pass per step.
  const boxM = Array.from({ length: M }, () => new Float64Array(6 * N));
  const edgeM = new Float64Array(M);
  // Grid items: the active objects of the current step, compacted (item p is object obj[p]).
  const items: GridItems = {
    n: 0, box: new Float64Array(0), obj: new Int32Array(N), cls: new Uint8Array(N), group: new Int32Array(N),
    rLo: new Float64Array(N), rHi: new Float64Array(N),
  };
  // Class matrix: [primary×primary, primary×secondary, secondary×primary, secondary×secondary].
  const allow = Uint8Array.of(cross ? 0 : 1, 1, 1, 0);
  const grid = new GridPairs();
  const cand = new PairSet();

  let fa = [primary.makeFleet(), primary.makeFleet()] as [FleetState, FleetState];
  let fb = secondary ? [secondary.makeFleet(), secondary.makeFleet()] as [FleetState, FleetState] : undefined;

  const steps = Math.max(1, Math.ceil((o.toUtcMs - o.fromUtcMs) / (h0 * 1000) - 1e-9));
  stats.steps = steps;
  const clock = (): number => Number(process.hrtime.bigint()) / 1e9;

  let t = clock();
  await primary.fill(o.fromUtcMs, fa[0]);
  if (secondary && fb) await secondary.fill(o.fromUtcMs, fb[0]);
  stats.propagate_s += clock() - t;

  // Refinement output of the current pair (one closure for the whole run, not one per pair).
  let ei = 0, ej = 0, eta = 0, etb = 0;
  const onEncounter = (s: number, miss: number, vrel: number): void => {
    // a: the primary object; b: the other (secondary when its index is ≥ nA).
    emitEvent({ a: ei, b: ej < nA ? ej : ej - nA, secondary: ej >= nA, tcaUtcMs: eta + s * (etb - eta), miss_m: miss, relSpeed_m_s: vrel });
  };

  for (let k = 0; k < steps; k++) {
    const ta = o.fromUtcMs + k * h0 * 1000;
    const tb = Math.min(o.toUtcMs, o.fromUtcMs + (k + 1) * h0 * 1000);
    const h = (tb - ta) / 1000;
    t = clock();
    await primary.fill(tb, fa[1]);
    if (secondary && fb) await secondary.fill(tb, fb[1]);
    const t1 = clock();
    stats.propagate_s += t1 - t;

    // Interpolants and activity.
    loadCoefficients(fa[0], fa[1], 0, nA, h, coef, active);
    if (secondary && fb) {
      loadCoefficients(fb[0], fb[1], nA, nB, h, coef, active);
      for (let j = 0; j < nB; j++) if (keepB[j] === 0) active[nA + j] = 0;
    }
    let n = 0;
    for (let i = 0; i < N; i++) {
      if (active[i] === 0) continue;
      items.obj[n] = i; items.cls[n] = i < nA ? 0 : 1; items.group[n] = group[i]!;
      items.rLo[n] = perigee[i]! - thr; items.rHi[n] = apogee[i]!;
      n++;
    }
    items.n = n;

    cand.clear();
    boxes(coef, items.obj, n, M, thr / 2, boxM, edgeM);
    for (let m = 0; m < M; m++) {
      // Boxes of the sub-interval [m/M, (m+1)/M], padded by thr/2. Cell edge = the largest box
      // edge, capped at what an object at MAX_SPEED covers (faster ones become big items).
      items.box = boxM[m]!;
      const cap = MAX_SPEED_m_s * (h / M) + thr;
      grid.collect(items, Math.max(Math.min(edgeM[m]!, cap), 1), allow);
      const pr = grid.pairs;
      for (let q = 0; q < pr.count; q++) cand.add(pr.a[q]!, pr.b[q]!);
      stats.boxOverlaps += grid.overlaps;
      stats.pairsExcludedSamePlane += grid.sameGroup;
      stats.pairsFiltered += grid.radial;
    }
    const t2 = clock();
    stats.grid_s += t2 - t1;

    // The step's distinct candidates (a pair overlaps on several sub-intervals): cheap rigorous
    // rejection, then refinement over the whole step.
    eta = ta; etb = tb;
    const ca = cand.a, cb = cand.b;
    for (let q = 0, nq = cand.count; q < nq; q++) {
      const i = ca[q]!, j = cb[q]!;
      if (!mayApproach(coef, i, coef, j, thr)) continue;
      stats.refined++;
      ei = i; ej = j;
      refineInterval(coef, i, coef, j, h, thr, onEncounter);
    }
    stats.refine_s += clock() - t2;

    fa = [fa[1], fa[0]];
    if (fb) fb = [fb[1], fb[0]];
    o.progress?.(k + 1, steps);
  }
  return { events, stats };
}

/**
 * Distinct pairs (a, b) added since the last clear(), in first-added order: open addressing on
 * a power-of-two table holding the keys themselves (one probe touches one slot), with generation
 * stamps (clear() is O(1)), grown at half load.
 */
export class PairSet {
  count = 0;
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  private bits = 12;
  private stamp = new Int32Array(1 << 12);
  private keyA = new Int32Array(1 << 12);
  private keyB = new Int32Array(1 << 12);
  private gen = 1;

  clear(): void {
    this.count = 0;
    if (++this.gen === 0x7fffffff) { this.stamp.fill(0); this.gen = 1; }
  }

  add(a: number, b: number): void {
    const mask = (1 << this.bits) - 1, stamp = this.stamp, keyA = this.keyA, keyB = this.keyB, gen = this.gen;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> (32 - this.bits);
    while (stamp[h] === gen) {
      if (keyA[h] === a && keyB[h] === b) return;
      h = (h + 1) & mask;
    }
    if (this.count === this.a.length) {
      const a2 = new Int32Array(2 * this.count), b2 = new Int32Array(2 * this.count);
      a2.set(this.a); b2.set(this.b); this.a = a2; this.b = b2;
    }
    const k = this.count++;
    this.a[k] = a; this.b[k] = b;
    stamp[h] = gen; keyA[h] = a; keyB[h] = b;
    if (2 * this.count > mask) this.rehash();
  }

  private rehash(): void {
    this.bits++;
    const size = 1 << this.bits, mask = size - 1;
    this.stamp = new Int32Array(size); this.keyA = new Int32Array(size); this.keyB = new Int32Array(size);
    this.gen = 1;
    for (let k = 0; k < this.count; k++) {
      const a = this.a[k]!, b = this.b[k]!;
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> (32 - this.bits);
      while (this.stamp[h] === 1) h = (h + 1) & mask;
      this.stamp[h] = 1; this.keyA[h] = a; this.keyB[h] = b;
    }
  }
}

/**
 * Speed cap for grid cells [m/s]: above escape speed at 100 km altitude (11.1 km/s), so only an
 * object with a broken state exceeds it; such an object is tested against all (grid.ts big items).
 */
const MAX_SPEED_m_s = 12_000;

/** Hermite coefficients for rows [0, n) of a fleet pair into object slots [offset, offset + n). */
function loadCoefficients(f0: FleetState, f1: FleetState, offset: number, n: number, h_s: number, coef: Float64Array, active: Uint8Array): void {
  const { x_m: x0, y_m: y0, z_m: z0, vx_m_s: u0, vy_m_s: v0, vz_m_s: w0, status: s0 } = f0;
  const { x_m: x1, y_m: y1, z_m: z1, vx_m_s: u1, vy_m_s: v1, vz_m_s: w1, status: s1 } = f1;
  for (let r = 0; r < n; r++) {
    const ok = hasValidPosition(s0[r]!) && hasValidPosition(s1[r]!);
    active[offset + r] = ok ? 1 : 0;
    if (!ok) continue;
    hermiteCoefficients(x0[r]!, y0[r]!, z0[r]!, u0[r]!, v0[r]!, w0[r]!, x1[r]!, y1[r]!, z1[r]!, u1[r]!, v1[r]!, w1[r]!, h_s, coef, (offset + r) * COEFS_PER_OBJECT);
  }
}

/**
 * Padded boxes of the interpolants of objects obj[0..n) over each sub-interval [m/M, (m+1)/M]
 * (convex hull of the Bézier control points, see the file comment) into box[m] (6 per item),
 * and each sub-interval's largest box edge [m] into edge[m]. One pass per object: position and
 * derivative are evaluated once per sub-interval end, shared by the two sub-intervals meeting there.
 */
function boxes(coef: Float64Array, obj: Int32Array, n: number, M: number, pad: number, box: Float64Array[], edge: Float64Array): void {
  const w3 = 1 / (3 * M);
  edge.fill(0);
  for (let p = 0; p < n; p++) {
    const base = obj[p]! * COEFS_PER_OBJECT;
    for (let axis = 0; axis < 3; axis++) {
      const b = base + axis * 4, o = 6 * p + 2 * axis;
      const c0 = coef[b]!, c1 = coef[b + 1]!, c2 = coef[b + 2]!, c3 = coef[b + 3]!;
      let pa = c0, da = c1;
      for (let m = 0; m < M; m++) {
        const sb = (m + 1) / M;
        const pb = c0 + sb * (c1 + sb * (c2 + sb * c3));
        const db = c1 + sb * (2 * c2 + 3 * sb * c3);
        const qa = pa + w3 * da, qb = pb - w3 * db;
        const mn = Math.min(pa, pb, qa, qb) - pad, mx = Math.max(pa, pb, qa, qb) + pad;
        const bm = box[m]!;
        bm[o] = mn; bm[o + 1] = mx;
        if (mx - mn > edge[m]!) edge[m] = mx - mn;
        pa = pb; da = db;
      }
    }
  }
}
