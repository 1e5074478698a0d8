/**
 * Designed ring shells against a catalog without a grid: the shell satellites that can come near
 * a catalog object are found analytically, O(1) per catalog object per sub-interval, instead of
 * boxing every designed satellite every sub-interval (what dominated `screen` with 10⁶ designed
 * satellites: 1,500 s of grid CPU a day).
 *
 * A ring shell (periodic.ts: e = 0, one a, one i, P planes of S satellites evenly spaced in u)
 * under the analytic J2 model (j2.ts) is a rigid pattern: every satellite has radius exactly a,
 * the same node rate Ω̇ and the same rate u̇ of argument of latitude, so satellite (plane p,
 * slot k) is at Ω_p(t) = Ω_p(0) + Ω̇·t, u_pk(t) = u_p0 + k·2π/S + u̇·t.
 *
 * Per coarse step (the same step grid and the same Hermite interpolants as `screen`), per catalog
 * object and per sub-interval [s_a, s_b] of the step (`shellSubsteps` per step):
 * 1. Ball (c, ρ) holding the object's interpolant over the sub-interval: the convex hull of its
 *    four Bézier control points (Farin, *Curves and Surfaces for CAGD*, §4.3) lies in the ball
 *    about the chord's midpoint through the farthest control point.
 * 2. Radial test: a satellite of the shell is within ε of radius a, so nothing within the
 *    threshold d unless the radius range of the hull (`radialRange`) meets [a − d − ε, a + d + ε].
 *    It is applied to the whole step first (objects far from every shell stop there), then per
 *    sub-interval.
 * 3. In the frame turned by −Ω̇·t_m (t_m: mid sub-interval) the planes stand still at Ω_p(0);
 *    the true satellite is within a·|Ω̇|·w/2 of its position there (w: sub-interval length).
 *    With D = ρ + d + ε + a·|Ω̇|·w/2 (+ pads below), a candidate's plane must pass within D of c:
 *    c·n̂(Ω) = sin i·ρ_xy·sin(Ω − φ) + c_z·cos i ∈ [−D, D] gives up to two Ω intervals, and the
 *    planes (sorted by Ω_p(0)) in them are found by binary search.
 * 4. In such a plane, |a·R̂(u) − c|² = a² + |c|² − 2a·q·cos(u − u_c) (q, u_c: c's projection on
 *    the plane), so u must be within α = acos((a² + |c|² − D²)/(2aq)) of u_c at some time of the
 *    sub-interval: u_pk(t_a) ∈ [u_c − α − u̇·w, u_c + α], a range of slots k.
 * Candidates (satellite, object), de-duplicated over the step, then take exactly the path of
 * `screen`: the satellite's states at the step ends (computed as J2Stepper computes them, same
 * floating-point operations, so the same interpolant), `mayApproach`, `refineInterval`. Every
 * encounter the grid path finds is found (its pair is a candidate on the sub-interval holding
 * its TCA), and nothing else: the events are equal, pair for pair, to the last bit.
 *
 * ε (satellite interpolant vs the exact circle) = 2·h⁴·u̇⁴·a/384 + 10 m: the cubic Hermite
 * remainder f⁗·h⁴/384 (de Boor, ch. 4) for |f⁗| = a·u̇⁴, doubled (vector norm), plus rounding;
 * 5.5 m at h = 120 s in LEO. Pads: the largest deviation of a shell's slots from even spacing
 * (ringShells accepts 1e-9 rad per gap) times a, and 1 m for the rounding of acos/asin near ±1.
 * The apogee/perigee filter of `screen` (designed shells a ± 1 m, catalog shells filter.ts) is
 * applied identically, so the two paths refine the same set of possible pairs.
 *
 * Rows of the designed set in no ring shell go through `screen` (grid, pairs 'cross').
 *
 * Stats: `grid_s` is the candidate search, `boxOverlaps` counts (satellite, object,
 * sub-interval) hits before de-duplication, `pairsFiltered` (object, shell, step) triples refused
 * by the whole-step radial test, `propagate_s` is the secondary's propagation only
 * (shell satellites are evaluated only as candidates, inside `refine_s`).
 */
import { InputError } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { hasValidPosition } from '../core/status.js';
import { TWO_PI } from '../core/units.js';
import { MeanElementSet } from '../orbit/elements.js';
import { j2SecularRates, validElements } from '../orbit/j2.js';
import { COEFS_PER_OBJECT, hermiteCoefficients, mayApproach, refineInterval } from './encounter.js';
import { ringShells } from './periodic.js';
import { designedPopulation, type Population } from './population.js';
import { checkOptions, ConjunctionList, PairSet, screen, type ConjunctionEvent, type ScreenOptions, type ScreenResult, type ScreenStats } from './screen.js';

export interface ShellCrossOptions extends Omit<ScreenOptions, 'pairs'> {
  /** Sub-intervals per coarse step for the analytic candidate search (default 16: 7.5 s at a 120 s step, the fastest of 8–64 on screen-1m). */
  shellSubsteps?: number;
}

/** One ring shell prepared for the candidate search (planes sorted by Ω at epoch). */
export interface ShellFrame {
  a_m: number;
  cosI: number;
  sinI: number;
  /** J2 secular rates [rad/s] (j2SecularRates(a, 0, i)), as J2Stepper uses them. */
  uDot_rad_s: number;
  raanDot_rad_s: number;
  planes: number;
  perPlane: number;
  /** Node at epoch reduced to [0, 2π), ascending, per sorted plane. */
  raan0: Float64Array;
  cosRaan0: Float64Array;
  sinRaan0: Float64Array;
  /** The element set's own Ω (unreduced: J2Stepper's frames start from it) per sorted plane. */
  raanRaw: Float64Array;
  /** u of slot 0 at epoch [rad, [0, 2π)] per sorted plane. */
  uBase: Float64Array;
  /** Row of (sorted plane p, slot k) at p·perPlane + k. */
  rows: Int32Array;
  /** Largest |u_pk(0) − u_p0 − k·2π/S| over the shell [rad]. */
  spacingDev_rad: number;
}

const wrap = (x: number): number => x - TWO_PI * Math.floor(x / TWO_PI);

/** Ring shells of `el` (ringShells) with valid elements, prepared for the search. */
export function shellFrames(el: MeanElementSet): ShellFrame[] {
  const out: ShellFrame[] = [];
  for (const ring of ringShells(el)) {
    if (!validElements(ring.a_m, 0)) continue; // J2Stepper marks such rows invalid: never active
    const P = ring.planes, S = ring.perPlane, du = TWO_PI / S;
    const order = Array.from({ length: P }, (_, p) => p).sort((p, q) => wrap(el.raan_rad[ring.rows[p * S]!]!) - wrap(el.raan_rad[ring.rows[q * S]!]!));
    const raan0 = new Float64Array(P), raanRaw = new Float64Array(P), uBase = new Float64Array(P), rows = new Int32Array(P * S);
    let dev = 0;
    order.forEach((p, k) => {
      const r0 = ring.rows[p * S]!;
      raanRaw[k] = el.raan_rad[r0]!;
      raan0[k] = wrap(raanRaw[k]!);
      uBase[k] = wrap(el.argp_rad[r0]! + el.meanAnomaly_rad[r0]!);
      for (let s = 0; s < S; s++) {
        const r = ring.rows[p * S + s]!;
        rows[k * S + s] = r;
        const off = wrap(el.argp_rad[r]! + el.meanAnomaly_rad[r]! - uBase[k]! - s * du + Math.PI) - Math.PI;
        dev = Math.max(dev, Math.abs(off));
      }
    });
    const rt = j2SecularRates(ring.a_m, 0, ring.i_rad);
    out.push({
      a_m: ring.a_m, cosI: Math.cos(ring.i_rad), sinI: Math.sin(ring.i_rad),
      uDot_rad_s: rt.argpDot_rad_s + rt.meanAnomalyDot_rad_s, raanDot_rad_s: rt.raanDot_rad_s,
      planes: P, perPlane: S, raan0, cosRaan0: raan0.map(Math.cos), sinRaan0: raan0.map(Math.sin), raanRaw, uBase, rows, spacingDev_rad: dev,
    });
  }
  return out;
}

/** First index q in ascending `v` with v[q] ≥ x (v.length if none). */
function lowerBound(v: Float64Array, x: number): number {
  let lo = 0, hi = v.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (v[m]! < x) lo = m + 1; else hi = m; }
  return lo;
}

/**
 * Candidate search in one shell (steps 3–4 of the file comment). Times are seconds since the
 * element set's epoch; w_s is the sub-interval's length.
 */
class ShellSearch {
  constructor(readonly f: ShellFrame) {}

  /** Candidates for a ball centred at (cx, cy, cz) (|c|² = c2; D as in the file comment) on [tsa, tsa + w] into `add(row)`. */
  search(cx: number, cy: number, cz: number, c2: number, D: number, tsa_s: number, w_s: number, add: (row: number) => void): void {
    const f = this.f;
    // Frame turned by −Ω̇·t_m: planes at their epoch nodes.
    const th = -f.raanDot_rad_s * (tsa_s + w_s / 2);
    const ct = Math.cos(th), st = Math.sin(th);
    const x = cx * ct - cy * st, y = cx * st + cy * ct, z = cz;
    const den = f.sinI * Math.hypot(x, y);
    const P = f.planes;
    if (den < 1) { for (let p = 0; p < P; p++) this.plane(p, x, y, z, c2, D, tsa_s, w_s, add); return; }
    const L = (-D - z * f.cosI) / den, H = (D - z * f.cosI) / den;
    if (L > 1 || H < -1) return;
    if (L <= -1 && H >= 1) { for (let p = 0; p < P; p++) this.plane(p, x, y, z, c2, D, tsa_s, w_s, add); return; }
    const phi = Math.atan2(y, x);
    const aL = L <= -1 ? -Math.PI / 2 : Math.asin(L), aH = H >= 1 ? Math.PI / 2 : Math.asin(H);
    this.range(phi + aL, phi + aH, x, y, z, c2, D, tsa_s, w_s, add);
    this.range(phi + Math.PI - aH, phi + Math.PI - aL, x, y, z, c2, D, tsa_s, w_s, add);
  }

  /** Planes with epoch node in [lo, hi] (mod 2π), hi − lo < 2π. */
  private range(lo: number, hi: number, x: number, y: number, z: number, c2: number, D: number, tsa_s: number, w_s: number, add: (row: number) => void): void {
    const f = this.f, P = f.planes;
    // 1e-12 rad: the rounding of asin/atan2 (D's 1 m pad covers far more than this).
    const l = wrap(lo - 1e-12), end = l + (hi - lo) + 2e-12;
    let q = lowerBound(f.raan0, l);
    for (let seen = 0; seen < P; seen++, q++) {
      const node = q < P ? f.raan0[q]! : f.raan0[q - P]! + TWO_PI;
      if (node > end) break;
      this.plane(q < P ? q : q - P, x, y, z, c2, D, tsa_s, w_s, add);
    }
  }

  /** Slots of sorted plane p whose satellite comes within D of the ball centre (turned frame) on the sub-interval. */
  private plane(p: number, x: number, y: number, z: number, c2: number, D: number, tsa_s: number, w_s: number, add: (row: number) => void): void {
    const f = this.f, a = f.a_m;
    const co = f.cosRaan0[p]!, so = f.sinRaan0[p]!;
    const cn = x * co + y * so;
    const cm = (-x * so + y * co) * f.cosI + z * f.sinI;
    const q = Math.hypot(cn, cm);
    const S = f.perPlane, du = TWO_PI / S;
    const num = a * a + c2 - D * D;
    const sweep = f.uDot_rad_s * w_s;
    let lo: number, span: number;
    if (num <= -2 * a * q) { lo = 0; span = TWO_PI; }
    else {
      if (num > 2 * a * q) return;
      const alpha = Math.acos(num / (2 * a * q));
      const uc = Math.atan2(cm, cn);
      lo = uc - alpha - sweep - f.uBase[p]! - f.uDot_rad_s * tsa_s;
      lo = wrap(lo);
      span = 2 * alpha + sweep;
    }
    const rows = f.rows, base = p * S;
    if (span >= TWO_PI - du) { for (let k = 0; k < S; k++) add(rows[base + k]!); return; }
    const k0 = Math.ceil(lo / du), k1 = Math.floor((lo + span) / du);
    // lo ∈ [0, 2π) and span < 2π − du: k0 ≥ 0 and k1 < 2S − 1.
    for (let k = k0; k <= k1; k++) add(rows[base + (k >= S ? k - S : k)]!);
  }
}

/** Rows of the set in no prepared shell. */
function restRows(el: MeanElementSet, frames: ShellFrame[]): number[] {
  const inShell = new Uint8Array(el.count);
  for (const f of frames) for (const r of f.rows) inShell[r] = 1;
  const rest: number[] = [];
  for (let r = 0; r < el.count; r++) if (inShell[r] === 0) rest.push(r);
  return rest;
}

/**
 * Every encounter ≤ threshold between a designed set `el` (analytic J2, as `designedPopulation`)
 * and `secondary`, over the window: the events of `screen(designedPopulation(el), secondary,
 * { ...o, pairs: 'cross' })` (a = row of el, b = row of secondary, secondary = true), found by
 * the analytic search for ring-shell rows (file comment) and by the grid for the other rows.
 */
export async function screenShellsAgainst(el: MeanElementSet, secondary: Population, o: ShellCrossOptions): Promise<ScreenResult> {
  checkOptions(o);
  const M = o.shellSubsteps ?? 16;
  if (!(Number.isInteger(M) && M >= 1 && M <= 256)) {
    throw new InputError('bad shellSubsteps', { field: 'shellSubsteps', expected: 'an integer in [1, 256]', found: String(M) }, 'E_ARGUMENT');
  }
  const events = new ConjunctionList();
  const emit = o.onEvent ?? ((e: ConjunctionEvent) => events.push(e));
  const frames = shellFrames(el);
  const rest = restRows(el, frames);
  const stats = await screenFrames(el, frames, secondary, o, M, emit);
  if (rest.length > 0) {
    const sub = new MeanElementSet(el.epochUtcMs, rest.length);
    for (const r of rest) sub.append({ a_m: el.a_m[r]!, e: el.e[r]!, i_rad: el.i_rad[r]!, raan_rad: el.raan_rad[r]!, argp_rad: el.argp_rad[r]!, meanAnomaly_rad: el.meanAnomaly_rad[r]!, id: el.id[r]! });
    const pop = designedPopulation(sub, { threshold_m: o.threshold_m });
    try {
      const { onEvent: _drop, progress: _p, ...plain } = o;
      const r = await screen(pop, secondary, { ...plain, pairs: 'cross', onEvent: (e) => emit({ ...e, a: rest[e.a]! }) });
      for (const k of ['refined', 'boxOverlaps', 'pairsFiltered', 'propagate_s', 'grid_s', 'refine_s'] as const) stats[k] += r.stats[k];
    } finally {
      pop.dispose();
    }
  }
  return { events, stats };
}

/** The analytic path over the prepared shells (see the file comment). */
async function screenFrames(
  el: MeanElementSet, frames: ShellFrame[], secondary: Population, o: ShellCrossOptions, M: number, emit: (e: ConjunctionEvent) => void,
): Promise<ScreenStats> {
  const thr = o.threshold_m, h0 = o.step_s ?? 60;
  const nB = secondary.count;
  const stats: ScreenStats = { steps: 0, refined: 0, boxOverlaps: 0, secondaryFiltered: 0, pairsFiltered: 0, pairsExcludedSamePlane: 0, propagate_s: 0, grid_s: 0, refine_s: 0 };
  const steps = Math.max(1, Math.ceil((o.toUtcMs - o.fromUtcMs) / (h0 * 1000) - 1e-9));
  stats.steps = steps;
  const clock = (): number => Number(process.hrtime.bigint()) / 1e9;

  // Shells each catalog object can reach: the radial admission of `screen` (designed shells
  // a ± 1 m, filter.ts), as CSR lists.
  const { perigee_m, apogee_m } = secondary.shells;
  const listStart = new Int32Array(nB + 1), lists: number[] = [];
  for (let j = 0; j < nB; j++) {
    for (let k = 0; k < frames.length; k++) {
      const a = frames[k]!.a_m;
      if (a - 1 - thr <= apogee_m[j]! && perigee_m[j]! - thr <= a + 1) lists.push(k);
    }
    listStart[j + 1] = lists.length;
    if (listStart[j + 1] === listStart[j]) stats.secondaryFiltered++;
  }
  const shellOf = Int32Array.from(lists);
  const searches = frames.map((f) => new ShellSearch(f));
  const catCoef = new Float64Array(Math.max(1, nB) * COEFS_PER_OBJECT);
  const cand = new PairSet();
  // Satellite coefficients of the current step, computed once per satellite that is a candidate.
  const satStamp = new Int32Array(el.count).fill(-1), satSlot = new Int32Array(el.count);
  let satCoef = new Float64Array(1024 * COEFS_PER_OBJECT), nSat = 0;
  const rowShell = new Int32Array(el.count), rowPlane = new Int32Array(el.count);
  frames.forEach((f, k) => { for (let q = 0; q < f.rows.length; q++) { rowShell[f.rows[q]!] = k; rowPlane[f.rows[q]!] = Math.floor(q / f.perPlane); } });

  let fb = [secondary.makeFleet(), secondary.makeFleet()] as [FleetState, FleetState];
  let t = clock();
  await secondary.fill(o.fromUtcMs, fb[0]);
  stats.propagate_s += clock() - t;
  const state = new Float64Array(12), ctrl = new Float64Array(12), range = new Float64Array(2);
  const pass = new Int32Array(Math.max(1, frames.length));

  let ei = 0, ej = 0, eta = 0, etb = 0;
  const onEncounter = (s: number, miss: number, vrel: number): void => {
    emit({ a: ei, b: ej, secondary: true, tcaUtcMs: eta + s * (etb - eta), miss_m: miss, relSpeed_m_s: vrel });
  };
  let addJ = 0;
  const add = (row: number): void => { cand.add(row, addJ); stats.boxOverlaps++; };
  const eps = frames.map((f) => 2 * (h0 * f.uDot_rad_s) ** 4 * f.a_m / 384 + 10);

  for (let k = 0; k < steps; k++) {
    const ta = o.fromUtcMs + k * h0 * 1000;
    const tb = Math.min(o.toUtcMs, o.fromUtcMs + (k + 1) * h0 * 1000);
    const h = (tb - ta) / 1000;
    t = clock();
    await secondary.fill(tb, fb[1]);
    const t1 = clock();
    stats.propagate_s += t1 - t;
    const f0 = fb[0], f1 = fb[1];
    const tA_s = (ta - el.epochUtcMs) / 1000, tB_s = (tb - el.epochUtcMs) / 1000;
    const w_s = h / M;

    cand.clear();
    for (let j = 0; j < nB; j++) {
      const l0 = listStart[j]!, l1 = listStart[j + 1]!;
      if (l0 === l1 || !hasValidPosition(f0.status[j]!) || !hasValidPosition(f1.status[j]!)) continue;
      const b = j * COEFS_PER_OBJECT;
      hermiteCoefficients(f0.x_m[j]!, f0.y_m[j]!, f0.z_m[j]!, f0.vx_m_s[j]!, f0.vy_m_s[j]!, f0.vz_m_s[j]!,
        f1.x_m[j]!, f1.y_m[j]!, f1.z_m[j]!, f1.vx_m_s[j]!, f1.vy_m_s[j]!, f1.vz_m_s[j]!, h, catCoef, b);
      addJ = j;
      // Whole step first: the shells this object can come near during it (most are refused here).
      controlPoints(catCoef, b, 0, 1, ctrl);
      radialRange(ctrl, range);
      let nPass = 0;
      for (let l = l0; l < l1; l++) {
        const sk = shellOf[l]!, a = frames[sk]!.a_m, dr = thr + eps[sk]!;
        if (range[0]! > a + dr || range[1]! < a - dr) stats.pairsFiltered++;
        else pass[nPass++] = sk;
      }
      if (nPass === 0) continue;
      for (let m = 0; m < M; m++) {
        const sa = m / M;
        controlPoints(catCoef, b, sa, (m + 1) / M, ctrl);
        radialRange(ctrl, range);
        const cx = 0.5 * (ctrl[0]! + ctrl[3]!), cy = 0.5 * (ctrl[4]! + ctrl[7]!), cz = 0.5 * (ctrl[8]! + ctrl[11]!);
        let r2 = 0;
        for (let u = 0; u < 4; u++) {
          const dx = ctrl[u]! - cx, dy = ctrl[4 + u]! - cy, dz = ctrl[8 + u]! - cz;
          r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        const rho = Math.sqrt(r2), c2 = cx * cx + cy * cy + cz * cz;
        for (let l = 0; l < nPass; l++) {
          const sk = pass[l]!, f = frames[sk]!;
          const dr = thr + eps[sk]!;
          if (range[0]! > f.a_m + dr || range[1]! < f.a_m - dr) continue;
          const D = rho + dr + f.a_m * Math.abs(f.raanDot_rad_s) * w_s / 2 + f.a_m * f.spacingDev_rad + 1;
          searches[sk]!.search(cx, cy, cz, c2, D, tA_s + sa * h, w_s, add);
        }
      }
    }
    const t2 = clock();
    stats.grid_s += t2 - t1;

    eta = ta; etb = tb; nSat = 0;
    const ca = cand.a, cb = cand.b;
    for (let q = 0, nq = cand.count; q < nq; q++) {
      const i = ca[q]!, j = cb[q]!;
      if (satStamp[i] !== k) {
        satStamp[i] = k;
        if ((nSat + 1) * COEFS_PER_OBJECT > satCoef.length) { const g = new Float64Array(2 * satCoef.length); g.set(satCoef); satCoef = g; }
        satSlot[i] = nSat;
        const f = frames[rowShell[i]!]!, p = rowPlane[i]!;
        satelliteState(f, p, el.argp_rad[i]! + el.meanAnomaly_rad[i]!, tA_s, state, 0);
        satelliteState(f, p, el.argp_rad[i]! + el.meanAnomaly_rad[i]!, tB_s, state, 6);
        hermiteCoefficients(state[0]!, state[1]!, state[2]!, state[3]!, state[4]!, state[5]!, state[6]!, state[7]!, state[8]!, state[9]!, state[10]!, state[11]!, h, satCoef, nSat * COEFS_PER_OBJECT);
        nSat++;
      }
      const si = satSlot[i]!;
      if (!mayApproach(satCoef, si, catCoef, j, thr)) continue;
      stats.refined++;
      ei = i; ej = j;
      refineInterval(satCoef, si, catCoef, j, h, thr, onEncounter);
    }
    stats.refine_s += clock() - t2;
    fb = [fb[1], fb[0]];
    o.progress?.(k + 1, steps);
  }
  return stats;
}

/**
 * Bézier control points of object `b`'s interpolant (coefficients at coef[b..b+11]) over
 * [sa, sb] ⊂ [0, 1], per axis: P0 = p(sa), P1 = P0 + w·p′(sa)/3, P2 = P3 − w·p′(sb)/3, P3 = p(sb)
 * (w = sb − sa), into ctrl (x0..x3, y0..y3, z0..z3).
 */
function controlPoints(coef: Float64Array, b: number, sa: number, sb: number, ctrl: Float64Array): void {
  const w3 = (sb - sa) / 3;
  for (let axis = 0; axis < 3; axis++) {
    const q = b + 4 * axis;
    const c0 = coef[q]!, c1 = coef[q + 1]!, c2 = coef[q + 2]!, c3 = coef[q + 3]!;
    const pa = c0 + sa * (c1 + sa * (c2 + sa * c3));
    const pb = c0 + sb * (c1 + sb * (c2 + sb * c3));
    ctrl[4 * axis] = pa; ctrl[4 * axis + 1] = pa + w3 * (c1 + sa * (2 * c2 + 3 * sa * c3));
    ctrl[4 * axis + 2] = pb - w3 * (c1 + sb * (2 * c2 + 3 * sb * c3)); ctrl[4 * axis + 3] = pb;
  }
}

/**
 * Bounds [m] of |x| over the convex hull of four control points into out[0] ≤ |x| ≤ out[1]:
 * |x| ≥ x·ĉ for the unit vector ĉ towards the chord's midpoint (a linear function: least at a
 * vertex), and |x| (convex) is largest at a vertex. For a 120 s LEO arc the low bound is ~15 km
 * under the true radius (the chord's sagitta), against ~450 km for a bounding ball.
 */
function radialRange(ctrl: Float64Array, out: Float64Array): void {
  const cx = ctrl[0]! + ctrl[3]!, cy = ctrl[4]! + ctrl[7]!, cz = ctrl[8]! + ctrl[11]!;
  const len = Math.hypot(cx, cy, cz);
  let lo = Infinity, hi = 0;
  for (let u = 0; u < 4; u++) {
    const x = ctrl[u]!, y = ctrl[4 + u]!, z = ctrl[8 + u]!;
    if (len > 0) lo = Math.min(lo, (x * cx + y * cy + z * cz) / len);
    hi = Math.max(hi, x * x + y * y + z * z);
  }
  out[0] = len > 0 ? lo : 0; out[1] = Math.sqrt(hi);
}

/**
 * State of a circular shell satellite (sorted plane p, epoch argument of latitude u0) at t_s
 * seconds after the set's epoch into out[at..at+5]: the same operations as J2Stepper.setTime's
 * circular groups (j2.ts), so the values are the grid path's to the last bit.
 */
function satelliteState(f: ShellFrame, p: number, u0: number, t_s: number, out: Float64Array, at: number): void {
  const d = f.uDot_rad_s * t_s, o = f.raanRaw[p]! + f.raanDot_rad_s * t_s;
  const cd = Math.cos(d), sd = Math.sin(d), co = Math.cos(o), so = Math.sin(o);
  const ci = f.cosI, si = f.sinI, a = f.a_m, w = f.raanDot_rad_s;
  const vt = a * f.uDot_rad_s;
  const nx = a * co, ny = a * so, mx = -a * so * ci, my = a * co * ci, mz = a * si;
  const tx = vt * co, ty = vt * so, ux = -vt * so * ci, uy = vt * co * ci, uz = vt * si;
  const c0 = Math.cos(u0), s0 = Math.sin(u0);
  const c = c0 * cd - s0 * sd, s = s0 * cd + c0 * sd;
  const x = c * nx + s * mx, y = c * ny + s * my;
  out[at] = x; out[at + 1] = y; out[at + 2] = s * mz;
  out[at + 3] = c * ux - s * tx - w * y;
  out[at + 4] = c * uy - s * ty + w * x;
  out[at + 5] = c * uz;
}
