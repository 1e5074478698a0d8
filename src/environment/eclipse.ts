/**
 * Eclipse analysis over a period for a set of satellites: eclipse intervals with refined
 * boundaries, longest eclipse, eclipse days and seasons, and the time-averaged sunlit fraction,
 * per satellite and per orbital plane.
 *
 * An eclipse is any time with sunlit fraction ν < 1 (umbra plus penumbra, shadow.ts's conical
 * model; Sun from sun.ts, mean equator and equinox of date).
 *
 * How it works (streaming, memory O(satellites), nothing stored per step):
 * - Positions come from a provider `(utcMs, fleet) => void` that fills x..vz and status for every
 *   row at that instant (SGP4 for catalog objects, propagateJ2 for designed constellations). The
 *   provider is called once per grid step, never for refinement.
 * - Between two grid samples each satellite's path is the cubic Hermite curve through both
 *   positions and velocities (at 60 s steps in LEO it is within ~0.4 m of the orbit: error
 *   ≈ h⁴·r·n⁴/384), and the Sun moves linearly. So the provider **must fill velocities** too.
 * - A step whose ends are both fully lit is still searched for a grazing eclipse shorter than the
 *   step: if the satellite is on the night side and its distance ρ from the Sun–Earth axis has a
 *   minimum inside the step, ν is evaluated at that minimum.
 * - Boundaries of ν < 1 (penumbra entry/exit) and ν = 0 (umbra) inside a step are found by
 *   bisection on the Hermite curve to `refineTolerance_s` (default 0.1 s). The time integral of ν
 *   is exact on lit and umbra pieces and Simpson's rule (4 panels) across the penumbra.
 * - Days are UTC calendar days counted from the UTC midnight at or before the start. A day "has an
 *   eclipse" if any eclipse interval touches it; a season is a maximal run of consecutive such days.
 *
 * The whole thing is a plain function of its inputs (no randomness); the same inputs give the
 * same result, bit for bit.
 */
import { FleetState } from '../core/fleet.js';
import { InputError, quoteFound } from '../core/errors.js';
import type { ProgressSink } from '../core/progress.js';
import { hasValidPosition } from '../core/status.js';
import { MS_PER_DAY } from '../core/time.js';
import { sunPositionEci_m } from './sun.js';
import { sunlitFraction, sunlitFractionBatch } from './shadow.js';

/** Fills `fleet` (x..vz in an inertial frame of date, and status) for the instant `utcMs`. */
export type PositionProvider = (utcMs: number, fleet: FleetState) => void;

export interface EclipseAnalysisOptions {
  /** Start of the period, UTC ms. */
  startUtcMs: number;
  /** End of the period, UTC ms (> start). The last grid step is shortened to end here exactly. */
  endUtcMs: number;
  /** Grid step [s] (default 60, at most 600). Eclipse boundaries are refined inside steps, not snapped to them. */
  step_s?: number;
  /** Bisection tolerance of eclipse boundaries [s] (default 0.1; at most 1). */
  refineTolerance_s?: number;
  /** Fleet the provider writes into; default a fresh empty one (the provider appends rows on its first call, as propagateJ2 does). */
  fleet?: FleetState;
  /** Plane index per row (e.g. MeanElementSet.plane), −1 where not part of a plane. */
  plane?: ArrayLike<number>;
  /** Keep every eclipse interval per satellite (default true). Turn off for long runs of large fleets: ~15 intervals per satellite per day in LEO. */
  keepIntervals?: boolean;
  progress?: ProgressSink;
}

export interface EclipseInterval {
  startUtcMs: number;
  endUtcMs: number;
  duration_s: number;
  /** Smallest sunlit fraction seen in the interval (0 = it reached the umbra). */
  minSunlitFraction: number;
  /** The interval was already running at the start of the period (or when the position became valid). */
  openStart: boolean;
  /** The interval was still running at the end of the period (or when the position became invalid). */
  openEnd: boolean;
}

/** A maximal run of consecutive UTC days each touched by an eclipse. */
export interface EclipseSeason {
  /** UTC midnight of the first day. */
  firstDayUtcMs: number;
  /** UTC midnight of the last day. */
  lastDayUtcMs: number;
  days: number;
}

export interface SatelliteEclipseSummary {
  /** Row in the fleet. */
  index: number;
  id: number;
  name: string;
  /** Plane index, −1 when none. */
  plane: number;
  /** Time average of the sunlit fraction ν over the time the position was valid [0..1]. */
  sunlitFraction: number;
  /** Seconds with a valid position (the denominator of sunlitFraction). */
  validTime_s: number;
  /** Number of eclipse intervals (ν < 1), open ones included. */
  eclipseCount: number;
  /** Total time with ν < 1 [s]. */
  totalEclipse_s: number;
  /** Longest complete eclipse (neither open at start nor at end) [s]; 0 when none. */
  maxEclipse_s: number;
  /** UTC days touched by an eclipse. */
  eclipseDays: number;
  seasons: EclipseSeason[];
  /** Every interval in time order; present when `keepIntervals` is true. */
  intervals?: EclipseInterval[];
}

export interface PlaneEclipseSummary {
  plane: number;
  satellites: number;
  /** Mean of the satellites' sunlit fractions. */
  sunlitFraction: number;
  /** Longest complete eclipse of any satellite in the plane [s]. */
  maxEclipse_s: number;
  /** UTC days on which any satellite of the plane was eclipsed. */
  eclipseDays: number;
  seasons: EclipseSeason[];
}

export interface EclipseAnalysisResult {
  startUtcMs: number;
  endUtcMs: number;
  step_s: number;
  satellites: number;
  /** Mean over satellites (with any valid time) of their time-averaged sunlit fraction. */
  sunlitFraction: number;
  /** Eclipse days of the satellite with the most (for one satellite: its eclipse season length in days). */
  eclipseSeasonDays: number;
  /** UTC days on which any satellite was eclipsed. */
  fleetEclipseDays: number;
  /** Longest complete eclipse of any satellite [s]. */
  maxEclipse_s: number;
  satellitesPerRow: SatelliteEclipseSummary[];
  /** One row per plane index ≥ 0, ascending; empty when no plane index was given. */
  planes: PlaneEclipseSummary[];
}

/** Scratch geometry of the step being refined (one per analysis; no allocation per satellite). */
class StepCurve {
  p0 = new Float64Array(3); v0 = new Float64Array(3); p1 = new Float64Array(3); v1 = new Float64Array(3);
  s0 = new Float64Array(3); s1 = new Float64Array(3);
  /** Unit Sun direction at the step start (for the distance from the shadow axis). */
  su = new Float64Array(3);
  h_s = 0;

  setSun(a: ArrayLike<number>, b: ArrayLike<number>): void {
    const inv = 1 / Math.hypot(a[0]!, a[1]!, a[2]!);
    for (let k = 0; k < 3; k++) { this.s0[k] = a[k]!; this.s1[k] = b[k]!; this.su[k] = a[k]! * inv; }
  }

  /** Sunlit fraction at fraction u ∈ [0, 1] of the step (Hermite position, linear Sun). */
  nu(u: number): number {
    const u2 = u * u, u3 = u2 * u;
    const h00 = 2 * u3 - 3 * u2 + 1, h10 = (u3 - 2 * u2 + u) * this.h_s, h01 = -2 * u3 + 3 * u2, h11 = (u3 - u2) * this.h_s;
    const { p0, v0, p1, v1, s0, s1 } = this;
    const x = h00 * p0[0]! + h10 * v0[0]! + h01 * p1[0]! + h11 * v1[0]!;
    const y = h00 * p0[1]! + h10 * v0[1]! + h01 * p1[1]! + h11 * v1[1]!;
    const z = h00 * p0[2]! + h10 * v0[2]! + h01 * p1[2]! + h11 * v1[2]!;
    return sunlitFraction(x, y, z, s0[0]! + u * (s1[0]! - s0[0]!), s0[1]! + u * (s1[1]! - s0[1]!), s0[2]! + u * (s1[2]! - s0[2]!));
  }

  /** d(ρ²)/dt up to a positive factor at fraction u, ρ = distance from the Sun line (Sun direction of the step start). */
  rhoRate(u: number): number {
    const u2 = u * u, u3 = u2 * u;
    const h00 = 2 * u3 - 3 * u2 + 1, h10 = (u3 - 2 * u2 + u) * this.h_s, h01 = -2 * u3 + 3 * u2, h11 = (u3 - u2) * this.h_s;
    // Derivatives of the Hermite basis with respect to u (the 1/h factor is positive, dropped).
    const d00 = 6 * u2 - 6 * u, d10 = (3 * u2 - 4 * u + 1) * this.h_s, d01 = -6 * u2 + 6 * u, d11 = (3 * u2 - 2 * u) * this.h_s;
    const { p0, v0, p1, v1, su } = this;
    let pv = 0, ps = 0, vs = 0;
    for (let k = 0; k < 3; k++) {
      const p = h00 * p0[k]! + h10 * v0[k]! + h01 * p1[k]! + h11 * v1[k]!;
      const v = d00 * p0[k]! + d10 * v0[k]! + d01 * p1[k]! + d11 * v1[k]!;
      const s = su[k]!;
      pv += p * v; ps += p * s; vs += v * s;
    }
    return pv - ps * vs;
  }

  /** Night side at fraction u (position opposite the Sun's hemisphere). */
  nightSide(u: number): boolean {
    const u2 = u * u, u3 = u2 * u;
    const h00 = 2 * u3 - 3 * u2 + 1, h10 = (u3 - 2 * u2 + u) * this.h_s, h01 = -2 * u3 + 3 * u2, h11 = (u3 - u2) * this.h_s;
    const { p0, v0, p1, v1, s0 } = this;
    let ps = 0;
    for (let k = 0; k < 3; k++) ps += (h00 * p0[k]! + h10 * v0[k]! + h01 * p1[k]! + h11 * v1[k]!) * s0[k]!;
    return ps < 0;
  }
}

/** Per-satellite season bookkeeping, streamed: runs of consecutive eclipse days. */
class SeasonTracker {
  readonly lastDay: Int32Array;
  readonly runStart: Int32Array;
  readonly days: Int32Array;
  readonly closed: EclipseSeason[][];
  constructor(n: number, private readonly day0UtcMs: number) {
    this.lastDay = new Int32Array(n).fill(-2);
    this.runStart = new Int32Array(n).fill(-2);
    this.days = new Int32Array(n);
    this.closed = Array.from({ length: n }, () => []);
  }

  /** Mark days [d0, d1] (d0 ≤ d1, non-decreasing over calls per row) as eclipse days of row i. */
  mark(i: number, d0: number, d1: number): void {
    const last = this.lastDay[i]!;
    if (d1 <= last) return;
    const from = Math.max(d0, last + 1);
    if (from > last + 1) {
      this.closeRun(i);
      this.runStart[i] = from;
    } else if (this.runStart[i]! < 0) {
      this.runStart[i] = from;
    }
    this.days[i] = this.days[i]! + (d1 - from + 1);
    this.lastDay[i] = d1;
  }

  private closeRun(i: number): void {
    const s = this.runStart[i]!;
    if (s < 0) return;
    const e = this.lastDay[i]!;
    this.closed[i]!.push({ firstDayUtcMs: this.day0UtcMs + s * MS_PER_DAY, lastDayUtcMs: this.day0UtcMs + e * MS_PER_DAY, days: e - s + 1 });
    this.runStart[i] = -2;
  }

  finish(i: number): EclipseSeason[] {
    this.closeRun(i);
    return this.closed[i]!;
  }
}

function checkOptions(o: EclipseAnalysisOptions): { step_s: number; tol_s: number } {
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new InputError(`bad eclipse analysis option "${field}"`, { field, expected, found: quoteFound(found) }, 'E_ARGUMENT');
  };
  if (!Number.isFinite(o.startUtcMs)) bad('startUtcMs', 'a finite UTC ms', o.startUtcMs);
  if (!Number.isFinite(o.endUtcMs) || !(o.endUtcMs > o.startUtcMs)) bad('endUtcMs', 'a finite UTC ms after startUtcMs', o.endUtcMs);
  const step_s = o.step_s ?? 60;
  // ≤ 600 s keeps a LEO step under ~1/9 of an orbit: the Hermite curve stays within ~3 km of the
  // orbit (0.4 m at 60 s) and a step that starts and ends on the day side cannot cross the night.
  if (!(step_s > 0 && step_s <= 600)) bad('step_s', 'a step in (0, 600] s', step_s);
  const tol_s = o.refineTolerance_s ?? 0.1;
  if (!(tol_s > 0 && tol_s <= 1)) bad('refineTolerance_s', 'a tolerance in (0, 1] s', tol_s);
  return { step_s, tol_s };
}

/**
 * Run the eclipse analysis. Memory: ~20 numbers per satellite plus the kept intervals; time:
 * one provider call and one batch shadow evaluation per grid step, plus refinement where a step
 * holds a boundary (a few per orbit).
 */
export function analyzeEclipses(provider: PositionProvider, options: EclipseAnalysisOptions): EclipseAnalysisResult {
  const { step_s, tol_s } = checkOptions(options);
  const { startUtcMs, endUtcMs } = options;
  const keepIntervals = options.keepIntervals ?? true;
  const fleet = options.fleet ?? new FleetState(64);
  const progress = options.progress;
  const nSteps = Math.ceil((endUtcMs - startUtcMs) / (step_s * 1000) - 1e-9);
  const day0UtcMs = Math.floor(startUtcMs / MS_PER_DAY) * MS_PER_DAY;
  const dayOf = (utcMs: number): number => Math.floor((utcMs - day0UtcMs) / MS_PER_DAY);

  provider(startUtcMs, fleet);
  const n = fleet.count;
  // Per-satellite streaming state.
  const px = new Float64Array(n), py = new Float64Array(n), pz = new Float64Array(n);
  const pvx = new Float64Array(n), pvy = new Float64Array(n), pvz = new Float64Array(n);
  const prevNu = new Float64Array(n);
  const curNu = new Float64Array(n);
  const prevValid = new Uint8Array(n);
  const inEclipse = new Uint8Array(n);
  const openStartFlag = new Uint8Array(n);
  const eclStart = new Float64Array(n);
  const eclMinNu = new Float64Array(n);
  const litIntegral_s = new Float64Array(n);
  const validTime_s = new Float64Array(n);
  const totalEcl_s = new Float64Array(n);
  const maxEcl_s = new Float64Array(n);
  const eclCount = new Int32Array(n);
  const seasons = new SeasonTracker(n, day0UtcMs);
  const intervals: EclipseInterval[][] | null = keepIntervals ? Array.from({ length: n }, () => []) : null;

  const closeEclipse = (i: number, endMs: number, openEnd: boolean): void => {
    const startMs = eclStart[i]!;
    const dur_s = (endMs - startMs) / 1000;
    const openStart = openStartFlag[i] === 1;
    totalEcl_s[i] = totalEcl_s[i]! + dur_s;
    eclCount[i] = eclCount[i]! + 1;
    if (!openStart && !openEnd && dur_s > maxEcl_s[i]!) maxEcl_s[i] = dur_s;
    // An interval ending exactly at midnight does not touch the next day.
    seasons.mark(i, dayOf(startMs), Math.max(dayOf(startMs), dayOf(endMs - 1e-3)));
    if (intervals) intervals[i]!.push({ startUtcMs: startMs, endUtcMs: endMs, duration_s: dur_s, minSunlitFraction: eclMinNu[i]!, openStart, openEnd });
    inEclipse[i] = 0;
  };
  const openEclipse = (i: number, startMs: number, nuNow: number, isOpenStart: boolean): void => {
    inEclipse[i] = 1;
    eclStart[i] = startMs;
    eclMinNu[i] = nuNow;
    openStartFlag[i] = isOpenStart ? 1 : 0;
  };

  const sun0: [number, number, number] = [0, 0, 0];
  const sun1: [number, number, number] = [0, 0, 0];
  sunPositionEci_m(startUtcMs, sun0);
  sunlitFractionBatch(fleet, sun0, prevNu, 0, n);
  for (let i = 0; i < n; i++) {
    const ok = hasValidPosition(fleet.status[i]!);
    prevValid[i] = ok ? 1 : 0;
    px[i] = fleet.x_m[i]!; py[i] = fleet.y_m[i]!; pz[i] = fleet.z_m[i]!;
    pvx[i] = fleet.vx_m_s[i]!; pvy[i] = fleet.vy_m_s[i]!; pvz[i] = fleet.vz_m_s[i]!;
    if (ok && prevNu[i]! < 1) openEclipse(i, startUtcMs, prevNu[i]!, true);
  }

  const curve = new StepCurve();
  /** Bisection: the u between ua and ub where the predicate flips from its value at ua, to tol (fraction of the step). */
  // level 1: predicate "ν < 1" (shadow entry/exit); level 0: "ν ≤ 0" (umbra). ua may be above ub (search backwards).
  const bisect = (ua: number, ub: number, level: 0 | 1, tol: number): number => {
    let lo = ua, hi = ub;
    const predAtLo = level === 1 ? curve.nu(lo) < 1 : curve.nu(lo) <= 0;
    while (Math.abs(hi - lo) > tol) {
      const mid = 0.5 * (lo + hi);
      const v = curve.nu(mid);
      const p = level === 1 ? v < 1 : v <= 0;
      if (p === predAtLo) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
  };

  // Step-wide values the refinement reads (set at the top of each grid step).
  let t0Ms = startUtcMs, h_s = step_s, tolU = tol_s / step_s;

  /**
   * One piece [ua, ub] of the step where ν is monotone: emit entry/exit events at the ν = 1
   * crossing, integrate ν (lit part exact, umbra 0, penumbra Simpson), track the minimum.
   */
  const processPiece = (i: number, ua: number, ub: number, nuA: number, nuB: number): void => {
    const len = ub - ua;
    if (len <= 0) return;
    const litA = nuA >= 1, litB = nuB >= 1, umA = nuA <= 0, umB = nuB <= 0;
    // Penumbra sub-interval [pa, pb] and its end values.
    let pa = ua, pb = ub, va = nuA, vb = nuB, lit = 0;
    if (litA && litB) { litIntegral_s[i] = litIntegral_s[i]! + len * h_s; return; }
    if (litA) { const u1 = bisect(ua, ub, 1, tolU); lit += u1 - ua; pa = u1; va = 1; openEclipse(i, t0Ms + u1 * h_s * 1000, nuB, false); }
    if (litB) { const u1 = bisect(ub, ua, 1, tolU); lit += ub - u1; pb = u1; vb = 1; }
    if (umA && !umB) { const u0 = bisect(ua, ub, 0, tolU); pa = u0; va = 0; }
    if (umB && !umA) { const u0 = bisect(ub, ua, 0, tolU); pb = u0; vb = 0; }
    if (umA && umB) { pa = pb; }
    let pen = 0;
    if (pb > pa) {
      const d = (pb - pa) / 4;
      // Simpson 4 panels over the penumbra piece [fraction of the step].
      pen = (d / 3) * (va + 4 * curve.nu(pa + d) + 2 * curve.nu(pa + 2 * d) + 4 * curve.nu(pa + 3 * d) + vb);
    }
    litIntegral_s[i] = litIntegral_s[i]! + (lit + pen) * h_s;
    if (inEclipse[i]) {
      const m = Math.min(nuA, nuB);
      if (m < eclMinNu[i]!) eclMinNu[i] = m;
    }
    if (litB && inEclipse[i]) {
      closeEclipse(i, t0Ms + pb * h_s * 1000, false);
    }
  };

  const progressEvery = Math.max(1, Math.floor(nSteps / 200));
  for (let k = 1; k <= nSteps; k++) {
    const t1Ms = k === nSteps ? endUtcMs : startUtcMs + k * step_s * 1000;
    h_s = (t1Ms - t0Ms) / 1000;
    tolU = tol_s / h_s;
    provider(t1Ms, fleet);
    sunPositionEci_m(t1Ms, sun1);
    sunlitFractionBatch(fleet, sun1, curNu, 0, n);
    curve.h_s = h_s;
    curve.setSun(sun0, sun1);
    const X = fleet.x_m, Y = fleet.y_m, Z = fleet.z_m, VX = fleet.vx_m_s, VY = fleet.vy_m_s, VZ = fleet.vz_m_s, ST = fleet.status;

    for (let i = 0; i < n; i++) {
      const ok1 = hasValidPosition(ST[i]!);
      const ok0 = prevValid[i] === 1;
      const nu0 = prevNu[i]!, nu1 = curNu[i]!;
      if (ok0 && ok1) {
        validTime_s[i] = validTime_s[i]! + h_s;
        const x1 = X[i]!, y1 = Y[i]!, z1 = Z[i]!;
        const nightAtEnds = x1 * sun1[0] + y1 * sun1[1] + z1 * sun1[2] < 0 || px[i]! * sun0[0] + py[i]! * sun0[1] + pz[i]! * sun0[2] < 0;
        if (nu0 >= 1 && nu1 >= 1 && !nightAtEnds) {
          litIntegral_s[i] = litIntegral_s[i]! + h_s; // day side: fully lit, nothing to refine
        } else if (nu0 <= 0 && nu1 <= 0) {
          eclMinNu[i] = 0; // umbra at both ends: umbra throughout (the shadow is convex; a step ≤ 600 s cannot leave and re-enter it)
        } else {
          curve.p0[0] = px[i]!; curve.p0[1] = py[i]!; curve.p0[2] = pz[i]!;
          curve.v0[0] = pvx[i]!; curve.v0[1] = pvy[i]!; curve.v0[2] = pvz[i]!;
          curve.p1[0] = x1; curve.p1[1] = y1; curve.p1[2] = z1;
          curve.v1[0] = VX[i]!; curve.v1[1] = VY[i]!; curve.v1[2] = VZ[i]!;
          // Split at the closest approach to the shadow axis on the night side, so each piece is monotone in ν.
          let um = -1;
          if (curve.rhoRate(0) < 0 && curve.rhoRate(1) > 0) {
            let lo = 0, hi = 1;
            while (hi - lo > tolU * 0.5) {
              const mid = 0.5 * (lo + hi);
              if (curve.rhoRate(mid) < 0) lo = mid; else hi = mid;
            }
            um = 0.5 * (lo + hi);
            if (!curve.nightSide(um)) um = -1;
          }
          if (um < 0) {
            if (nu0 >= 1 && nu1 >= 1) {
              litIntegral_s[i] = litIntegral_s[i]! + h_s; // night side but receding from / not reaching the shadow
            } else {
              processPiece(i, 0, 1, nu0, nu1);
            }
          } else {
            const nuM = curve.nu(um);
            if (nu0 >= 1 && nu1 >= 1 && nuM >= 1) {
              litIntegral_s[i] = litIntegral_s[i]! + h_s;
            } else {
              processPiece(i, 0, um, nu0, nuM);
              processPiece(i, um, 1, nuM, nu1);
            }
          }
        }
      } else if (ok0 && !ok1) {
        if (inEclipse[i]) closeEclipse(i, t0Ms, true);
      } else if (!ok0 && ok1) {
        if (nu1 < 1) openEclipse(i, t1Ms, nu1, true);
      }
      prevValid[i] = ok1 ? 1 : 0;
    }

    // Roll the step: current becomes previous.
    px.set(X.subarray(0, n)); py.set(Y.subarray(0, n)); pz.set(Z.subarray(0, n));
    pvx.set(VX.subarray(0, n)); pvy.set(VY.subarray(0, n)); pvz.set(VZ.subarray(0, n));
    prevNu.set(curNu);
    sun0[0] = sun1[0]; sun0[1] = sun1[1]; sun0[2] = sun1[2];
    t0Ms = t1Ms;
    if (progress && (k % progressEvery === 0 || k === nSteps)) progress(k, nSteps);
  }
  for (let i = 0; i < n; i++) if (inEclipse[i]) closeEclipse(i, endUtcMs, true);

  return summarize();

  function summarize(): EclipseAnalysisResult {
    const plane = options.plane;
    const rows: SatelliteEclipseSummary[] = new Array<SatelliteEclipseSummary>(n);
    let sumNu = 0, nNu = 0, maxDays = 0, maxEcl = 0;
    const fleetDays = new SeasonMerger();
    const planeMap = new Map<number, { sats: number; sumNu: number; nNu: number; maxEcl_s: number; days: SeasonMerger }>();
    for (let i = 0; i < n; i++) {
      const vt = validTime_s[i]!;
      const frac = vt > 0 ? Math.min(1, litIntegral_s[i]! / vt) : 0;
      const seas = seasons.finish(i);
      const p = plane ? (plane[i] ?? -1) : -1;
      const row: SatelliteEclipseSummary = {
        index: i, id: fleet.id[i]!, name: fleet.names[i] ?? '', plane: p,
        sunlitFraction: frac, validTime_s: vt, eclipseCount: eclCount[i]!, totalEclipse_s: totalEcl_s[i]!,
        maxEclipse_s: maxEcl_s[i]!, eclipseDays: seasons.days[i]!, seasons: seas,
      };
      if (intervals) row.intervals = intervals[i]!;
      rows[i] = row;
      if (vt > 0) { sumNu += frac; nNu++; }
      maxDays = Math.max(maxDays, row.eclipseDays);
      maxEcl = Math.max(maxEcl, row.maxEclipse_s);
      fleetDays.add(seas);
      if (p >= 0) {
        let agg = planeMap.get(p);
        if (!agg) { agg = { sats: 0, sumNu: 0, nNu: 0, maxEcl_s: 0, days: new SeasonMerger() }; planeMap.set(p, agg); }
        agg.sats++;
        if (vt > 0) { agg.sumNu += frac; agg.nNu++; }
        agg.maxEcl_s = Math.max(agg.maxEcl_s, row.maxEclipse_s);
        agg.days.add(seas);
      }
    }
    const planes: PlaneEclipseSummary[] = [...planeMap.entries()].sort((a, b) => a[0] - b[0]).map(([p, a]) => {
      const merged = a.days.merged();
      return { plane: p, satellites: a.sats, sunlitFraction: a.nNu > 0 ? a.sumNu / a.nNu : 0, maxEclipse_s: a.maxEcl_s, eclipseDays: merged.reduce((s, x) => s + x.days, 0), seasons: merged };
    });
    return {
      startUtcMs, endUtcMs, step_s, satellites: n,
      sunlitFraction: nNu > 0 ? sumNu / nNu : 0,
      eclipseSeasonDays: maxDays,
      fleetEclipseDays: fleetDays.merged().reduce((s, x) => s + x.days, 0),
      maxEclipse_s: maxEcl,
      satellitesPerRow: rows,
      planes,
    };
  }
}

/** Union of seasons (day runs) from several satellites, merged into maximal runs of consecutive days. */
class SeasonMerger {
  private readonly runs: Array<[number, number]> = [];
  add(seasons: readonly EclipseSeason[]): void {
    for (const s of seasons) this.runs.push([s.firstDayUtcMs, s.lastDayUtcMs]);
  }
  merged(): EclipseSeason[] {
    const r = this.runs.sort((a, b) => a[0] - b[0]);
    const out: EclipseSeason[] = [];
    let cur: [number, number] | null = null;
    for (const [a, b] of r) {
      if (cur && a <= cur[1] + MS_PER_DAY) cur[1] = Math.max(cur[1], b);
      else { if (cur) out.push(toSeason(cur)); cur = [a, b]; }
    }
    if (cur) out.push(toSeason(cur));
    return out;
  }
}

function toSeason([a, b]: [number, number]): EclipseSeason {
  return { firstDayUtcMs: a, lastDayUtcMs: b, days: Math.round((b - a) / MS_PER_DAY) + 1 };
}
