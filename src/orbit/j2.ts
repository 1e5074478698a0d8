/**
 * Analytic J2 propagation of mean elements: the fidelity tier for designed constellations
 * (DESIGN.md "Two fidelity tiers"). Node Ω, perigee ω and mean anomaly M advance linearly in
 * time at the first-order J2 secular rates; the position is the Keplerian position of the
 * advanced elements (Kepler's equation solved per satellite). Short-period J2 terms are not
 * added: they are periodic, about 1 km in amplitude at LEO, and common to all satellites of a
 * shell, so relative geometry (links, clusters, shadow timing) keeps far better than that.
 *
 * Secular rates (Vallado 2013, *Fundamentals of Astrodynamics and Applications*, 4th ed., §9.6,
 * eqs. 9-41 and the mean-motion correction beside them; Brouwer 1959 first-order secular part),
 * with n = √(μ/a³), p = a(1 − e²), k = J2·(R⊕/p)²:
 *   dΩ/dt = −(3/2)·n·k·cos i
 *   dω/dt =  (3/4)·n·k·(4 − 5 sin² i)
 *   dM/dt =  n·[1 + (3/4)·k·√(1 − e²)·(2 − 3 sin² i)]
 * These are exactly SGP4's first-order secular rates (its `mdot`, `argpdot`, `nodedot` less the
 * J2² and J4 terms), so a mean a here is SGP4's un-Kozai'd a (export.ts relies on this).
 *
 * Constants: WGS-84 μ and R⊕ with EGM96 J2 (src/core/units.ts), not SGP4's WGS-72. WGS-72
 * belongs to SGP4 only because its TLEs were fitted with it; our elements are designed, not
 * fitted, so we use the current geodetic standard that the rest of orbitdc (ground stations,
 * ECEF) uses. The difference in μ (0.36 km³/s², 0.9 ppm) is 2 m of radius at LEO.
 *
 * Velocity is the exact time derivative of the position this model outputs (including the
 * secular drift of Ω and ω), not the two-body velocity of the elements, so finite differences of
 * positions agree with it; the two differ by the J2 rate terms, ~7 m/s at LEO.
 *
 * Frame ('ECI_OF_DATE'): the elements' reference frame, taken as the mean equator and equinox of
 * date. When the same elements are written as a TLE (export.ts), SGP4 reads them in TEME, which
 * differs from mean-of-date by nutation only: at most ~12″ (pole offset Δε ≈ 9.2″, Δψ·sin ε ≈ 6.8″;
 * TEME's equinox follows the mean equinox by construction), i.e. ≤ 0.4 km at 7,000 km radius.
 * That offset is common to every satellite and to the Sun direction's use for shadow (12″ of Sun
 * direction moves a shadow boundary by < 0.1 s), so orbitdc treats the two as the same frame.
 *
 * Status column: rows that are Reentered (set by the drag stepper) are skipped and keep their
 * last state; Failed and Offline (set by other stages) keep their status and get positions;
 * other rows become Ok, or Sgp4MeanElements (code 1, reused: "mean elements out of range") with
 * zero state where a ≤ 0, e ∉ [0, 1) or a(1 − e) < R⊕.
 */
import { InputError } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { J2_EARTH, MU_EARTH_m3_s2, R_EARTH_m, TWO_PI } from '../core/units.js';
import type { MeanElementSet } from './elements.js';

export interface J2Rates {
  raanDot_rad_s: number;
  argpDot_rad_s: number;
  meanAnomalyDot_rad_s: number;
}

/** First-order J2 secular rates [rad/s] of node, perigee and mean anomaly (formulas above). */
export function j2SecularRates(a_m: number, e: number, i_rad: number): J2Rates {
  const n = Math.sqrt(MU_EARTH_m3_s2 / (a_m * a_m * a_m));
  const p = a_m * (1 - e * e);
  const k = J2_EARTH * (R_EARTH_m / p) * (R_EARTH_m / p);
  const c = Math.cos(i_rad);
  const s2 = 1 - c * c;
  return {
    raanDot_rad_s: -1.5 * n * k * c,
    argpDot_rad_s: 0.75 * n * k * (4 - 5 * s2),
    meanAnomalyDot_rad_s: n * (1 + 0.75 * k * Math.sqrt(1 - e * e) * (2 - 3 * s2)),
  };
}

/**
 * Solve Kepler's equation M = E − e·sin E for E [rad] (Newton, from E₀ = M + e·sin M, or π for
 * e > 0.8; converges to 1e-14 rad in ≤ 4 iterations for e ≤ 0.1). M is reduced to (−π, π].
 */
export function solveKepler(meanAnomaly_rad: number, e: number): number {
  let m = meanAnomaly_rad % TWO_PI;
  if (m > Math.PI) m -= TWO_PI;
  else if (m <= -Math.PI) m += TWO_PI;
  let E = e > 0.8 ? (m >= 0 ? Math.PI : -Math.PI) : m + e * Math.sin(m);
  for (let k = 0; k < 50; k++) {
    const d = (E - e * Math.sin(E) - m) / (1 - e * Math.cos(E));
    E -= d;
    if (Math.abs(d) < 1e-14) break;
  }
  return E;
}

/**
 * Position [m] and velocity [m/s] of one satellite from its elements at that instant and the
 * rates of its elements, written to out[0..5]. With all rates but dM/dt = n zero this is the
 * two-body element-to-state conversion (Vallado 2013 Algorithm 10, COE2RV).
 * Radial/transverse form: r = ρ·R̂(u), u = ω + ν, with v = ρ̇·R̂ + ρ·u̇·T̂ + Ω̇·(ẑ × r) where
 * ρ̇ = Ṁ·a·e·sin E/(1 − e cos E) and u̇ = ω̇ + Ṁ·a²√(1 − e²)/ρ² (dν/dM of two-body motion).
 */
export function elementsToState(
  a_m: number, e: number, i_rad: number, raan_rad: number, argp_rad: number, meanAnomaly_rad: number,
  rates: J2Rates, out: Float64Array | number[],
): void {
  const E = solveKepler(meanAnomaly_rad, e);
  const cE = Math.cos(E), sE = Math.sin(E);
  const q = 1 - e * cE;
  const b = Math.sqrt(1 - e * e);
  const rho = a_m * q;
  const cv = (cE - e) / q, sv = (b * sE) / q;
  const cw = Math.cos(argp_rad), sw = Math.sin(argp_rad);
  const cu = cw * cv - sw * sv, su = sw * cv + cw * sv;
  const cO = Math.cos(raan_rad), sO = Math.sin(raan_rad);
  const ci = Math.cos(i_rad), si = Math.sin(i_rad);
  // R̂ = cos u·N̂ + sin u·M̂, T̂ = −sin u·N̂ + cos u·M̂ with N̂ = (cosΩ, sinΩ, 0), M̂ = (−sinΩ cos i, cosΩ cos i, sin i).
  const Rx = cu * cO - su * ci * sO, Ry = cu * sO + su * ci * cO, Rz = su * si;
  const Tx = -su * cO - cu * ci * sO, Ty = -su * sO + cu * ci * cO, Tz = cu * si;
  const x = rho * Rx, y = rho * Ry, z = rho * Rz;
  const mDot = rates.meanAnomalyDot_rad_s;
  const rhoDot = (mDot * a_m * e * sE) / q;
  const uDot = rates.argpDot_rad_s + (mDot * a_m * a_m * b) / (rho * rho);
  const vt = rho * uDot, oDot = rates.raanDot_rad_s;
  out[0] = x; out[1] = y; out[2] = z;
  out[3] = rhoDot * Rx + vt * Tx - oDot * y;
  out[4] = rhoDot * Ry + vt * Ty + oDot * x;
  out[5] = rhoDot * Rz + vt * Tz;
}

/** True when elements give a usable orbit: a > 0, 0 ≤ e < 1, perigee radius ≥ R⊕. */
export function validElements(a_m: number, e: number): boolean {
  return a_m > 0 && e >= 0 && e < 1 && a_m * (1 - e) >= R_EARTH_m;
}

/**
 * Make `fleet` match `el`: if empty, append el.count rows (ids, names) in frame ECI_OF_DATE;
 * otherwise its count must equal el.count (a mismatch is a caller bug in stage wiring).
 */
export function bindFleet(el: MeanElementSet, fleet: FleetState): void {
  if (fleet.count === 0) {
    fleet.reserve(el.count);
    for (let r = 0; r < el.count; r++) fleet.append(el.id[r]!, el.names[r] ?? '');
    fleet.frame = 'ECI_OF_DATE';
    return;
  }
  if (fleet.count !== el.count) {
    throw new InputError('fleet and element set differ in size', { field: 'fleet.count', expected: `${el.count} rows (element set) or an empty fleet`, found: String(fleet.count) }, 'E_ARGUMENT');
  }
  fleet.frame = 'ECI_OF_DATE';
}

/** Status a propagated row gets: Failed/Offline stay, Reentered rows are not touched (caller skips). */
export function nextStatus(current: number): number {
  return current === Status.Failed || current === Status.Offline ? current : Status.Ok;
}

const scratchState = new Float64Array(6);

/**
 * Scalar reference kernel: propagate every satellite of `el` to t_s seconds after
 * el.epochUtcMs and write state (ECI of date, m and m/s) and status into `fleet`.
 * Allocation-free per satellite; each row does its own rates, Kepler solve and trigonometry.
 */
export function propagateJ2(el: MeanElementSet, t_s: number, fleet: FleetState): void {
  bindFleet(el, fleet);
  propagateJ2Rows(el, t_s, fleet, 0, el.count);
}

/** `propagateJ2` over rows [from, to) only (worker threads split a fleet this way). */
export function propagateJ2Rows(el: MeanElementSet, t_s: number, fleet: FleetState, from: number, to: number): void {
  const { a_m, e: ecc, i_rad, raan_rad, argp_rad, meanAnomaly_rad } = el;
  const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status } = fleet;
  const rates: J2Rates = { raanDot_rad_s: 0, argpDot_rad_s: 0, meanAnomalyDot_rad_s: 0 };
  const s = scratchState;
  for (let r = from; r < to; r++) {
    const st = status[r]!;
    if (st === Status.Reentered) continue;
    const a = a_m[r]!, e = ecc[r]!, inc = i_rad[r]!;
    if (!validElements(a, e)) {
      status[r] = Status.Sgp4MeanElements;
      x_m[r] = 0; y_m[r] = 0; z_m[r] = 0; vx_m_s[r] = 0; vy_m_s[r] = 0; vz_m_s[r] = 0;
      continue;
    }
    // Rates inline (same formulas as j2SecularRates, without the object).
    const n = Math.sqrt(MU_EARTH_m3_s2 / (a * a * a));
    const p = a * (1 - e * e);
    const k = J2_EARTH * (R_EARTH_m / p) * (R_EARTH_m / p);
    const c = Math.cos(inc), s2 = 1 - c * c;
    rates.raanDot_rad_s = -1.5 * n * k * c;
    rates.argpDot_rad_s = 0.75 * n * k * (4 - 5 * s2);
    rates.meanAnomalyDot_rad_s = n * (1 + 0.75 * k * Math.sqrt(1 - e * e) * (2 - 3 * s2));
    elementsToState(
      a, e, inc,
      raan_rad[r]! + rates.raanDot_rad_s * t_s,
      argp_rad[r]! + rates.argpDot_rad_s * t_s,
      meanAnomaly_rad[r]! + rates.meanAnomalyDot_rad_s * t_s,
      rates, s,
    );
    x_m[r] = s[0]!; y_m[r] = s[1]!; z_m[r] = s[2]!;
    vx_m_s[r] = s[3]!; vy_m_s[r] = s[4]!; vz_m_s[r] = s[5]!;
    status[r] = nextStatus(st);
  }
}

/** Options of the fast batch kernel. */
export interface J2StepperOptions {
  /** First row this stepper owns (default 0); workers split a set into disjoint ranges. */
  from?: number;
  /** One past the last row (default el.count). */
  to?: number;
}

const KIND_CIRCULAR = 0;
const KIND_ECCENTRIC = 1;
const KIND_INVALID = 2;
const KIND_NEAR = 3;

/**
 * Eccentricities 0 < e < NEAR_CIRCULAR_MAX_E take J2Stepper's near-circular path. The error of
 * its Kepler solve (`keplerNearCircular`) grows as ≈ e⁷/8 rad: measured against `solveKepler`
 * over M ∈ (−π, π], ≤ 2e-13 rad at e = 0.02 (1.4 µm at 7,000 km, 8 µm at GEO radius), 1.4e-15
 * at 0.01, rounding level (5e-16) for e ≤ 5e-3; j2.test.ts sweeps it. Formation-cluster members
 * (e ≈ ρ/a plus their reference's, which cluster.ts allows up to 0.01) are all inside; above it
 * the error would grow fast (3e-12 rad at 0.03), so those rows take the exact path.
 */
export const NEAR_CIRCULAR_MAX_E = 0.02;
/**
 * Steps the near-circular path advances by angle addition before re-evaluating its angles with
 * trigonometry from epoch. Each rotation by rounded (cos, sin) adds ≲ 2e-16 to the phase and to
 * the magnitude of a (cos, sin) pair, so 1,024 steps add ≲ 2e-13 (1.5 µm at 7,000 km) even if
 * every rounding went the same way; the re-evaluation is 1/1,024 of the work.
 */
const NEAR_RESEED_STEPS = 1024;
/**
 * A call continues the recurrence only if its time is within this [s] of epoch-seed + k·dt
 * (ulp-level differences of t = k·dt for a non-integer dt); 1e-8 s is 0.08 mm at 7.7 km/s.
 */
const NEAR_TIME_TOL_s = 1e-8;
/**
 * Packed per-row cache of the near-circular path, NR doubles a row: everything one step of one
 * satellite reads and writes sits in 160 contiguous bytes (one stream, one base pointer, instead
 * of twenty typed arrays). Offsets:
 */
const NR = 20;
const N_A = 0, N_E = 1, N_B = 2, N_CI = 3, N_SI = 4, N_MDOT = 5, N_WDOT = 6, N_ODOT = 7;
/** cos/sin of M, ω, Ω at the current time. */
const N_CM = 8, N_SM = 9, N_CW = 10, N_SW = 11, N_CO = 12, N_SO = 13;
/** cos/sin of their advances over one step dt: Ṁ·dt, ω̇·dt, Ω̇·dt. */
const N_CDM = 14, N_SDM = 15, N_CDW = 16, N_SDW = 17, N_CDO = 18, N_SDO = 19;

/**
 * cos E and sin E for 0 ≤ e < NEAR_CIRCULAR_MAX_E from cos M, sin M, without trigonometry;
 * written to out[0], out[1]. J2Stepper.evaluateNear inlines the same lines (keep the two in step);
 * this copy is exported for the accuracy sweep in j2.test.ts.
 * E = M + δ with δ = e·sin E, |δ| ≤ e/(1 − e). Start: δ₁ = e sin M/(1 − e cos M) (one Newton step
 * from δ = 0; error ≈ e³·sin³M/2); then one Newton step, whose error is ≈ (e/2)·(e³/2)² = e⁷/8
 * (quadratic convergence, f''/2f' ≈ e/2), applied as E = E₁ + ε by second-order addition
 * (ε³/6 < 1e-17). cos δ, sin δ by Taylor series to δ⁶ and δ⁵ (next terms < 3e-16 at |δ| ≤ 0.021).
 */
export function keplerNearCircular(cM: number, sM: number, e: number, out: Float64Array | number[]): void {
  const d = (e * sM) / (1 - e * cM);
  const d2 = d * d;
  const sd = d * (1 - (d2 / 6) * (1 - (d2 / 20)));
  const cd = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - d2 / 30));
  const s1 = sM * cd + cM * sd, c1 = cM * cd - sM * sd;
  const eps = -(d - e * s1) / (1 - e * c1);
  const h = 0.5 * eps * eps;
  out[0] = c1 - eps * s1 - h * c1;
  out[1] = s1 + eps * c1 - h * s1;
}

/**
 * Fast batch twin of `propagateJ2` (same model, same results to < 1 mm; the shared suite in
 * j2.test.ts runs against both).
 *
 * Exactly circular rows (e = 0, what the Walker and SSO generators produce) are gathered into
 * *groups*: runs of consecutive rows with the same a, i and Ω (a plane of a shell, rows being
 * plane-major). Everything but the phase is common to a group, so per step and per group we
 * evaluate, with trigonometry, the node (cos Ω, sin Ω) and the phase advance since epoch
 * (cos δ, sin δ), δ = u̇·t; each row then needs only angle addition with its own epoch phase,
 *   cos u = cos u₀·cos δ − sin u₀·sin δ,   sin u = sin u₀·cos δ + cos u₀·sin δ,
 * and ~30 flops for r and v: no trigonometry per satellite, and 16 bytes read + 48 written per
 * satellite-step. Evaluation is always from epoch (never a running recurrence), so the rounding
 * error stays ~1e-16 rad (< 1 µm) however long the run. A plane of one satellite is a group of one.
 *
 * Near-circular rows (0 < e < NEAR_CIRCULAR_MAX_E: formation-cluster members) keep (cos, sin) of
 * M, ω and Ω per row and, while calls come at a steady dt, advance them by angle addition with
 * per-row (cos, sin) of Ṁ·dt, ω̇·dt, Ω̇·dt; every NEAR_RESEED_STEPS steps, and on any other
 * call (a jump, a new dt), they are re-evaluated exactly from epoch, as propagateJ2 does. Kepler's
 * equation is then solved without trigonometry (`keplerNearCircular`) and the state built as in
 * `elementsToState`: ~110 flops and 3 divisions per satellite-step, no Math.sin/cos.
 * Against propagateJ2 this path differs by < 2 µm from Kepler and recurrence rounding, plus the
 * reference's own rounding of M₀ + Ṁ·t (|M| grows to 2e5 rad in 5 years at LEO, ulp 3e-11 rad):
 * measured 0.06 mm over the first year and 0.33 mm over 5 years at 60 s (81-member cluster).
 *
 * Other rows (e ≥ NEAR_CIRCULAR_MAX_E) take the exact Kepler path with cached rates.
 *
 * Statuses of propagated rows are set once after each refresh() (fixStatuses), never in the
 * per-step loops: a status store in a hot loop, even one never taken, makes V8 run it ~5× slower
 * (measured). A row's status changes later only through other stages (Failed, Offline,
 * Reentered), which the loops respect; out-of-range rows are re-marked each call.
 */
export class J2Stepper {
  readonly el: MeanElementSet;
  readonly fleet: FleetState;
  readonly from: number;
  readonly to: number;
  /** Time of the current fleet state, seconds since el.epochUtcMs (NaN before the first call). */
  t_s = Number.NaN;
  private kind = new Uint8Array(0);
  /** cos/sin of each circular row's argument of latitude at epoch (index r − from). */
  private cu0 = new Float64Array(0);
  private su0 = new Float64Array(0);
  /** Groups: rows [gStart[g], gEnd[g]), and their common a, u̇, Ω₀, Ω̇, cos i, sin i. */
  private gStart = new Int32Array(0);
  private gEnd = new Int32Array(0);
  private gA = new Float64Array(0);
  private gUDot = new Float64Array(0);
  private gO0 = new Float64Array(0);
  private gODot = new Float64Array(0);
  private gCi = new Float64Array(0);
  private gSi = new Float64Array(0);
  /** Near-circular rows and their packed cache (NR doubles a row, offsets N_* above). */
  private nearRow = new Int32Array(0);
  private near = new Float64Array(0);
  /** Time [s] the near cache holds, and when it was last evaluated exactly (the recurrence's anchor). */
  private nearT = Number.NaN;
  private nearSeedT = Number.NaN;
  /** dt [s] the cached advances are for (NaN: none), steps since the anchor, last call's interval. */
  private nearDt = Number.NaN;
  private nearK = 0;
  private lastDt = Number.NaN;
  /** Rows on the exact Kepler path, and their cached rates. */
  private exact = new Int32Array(0);
  private xRaanDot = new Float64Array(0);
  private xArgpDot = new Float64Array(0);
  private xMDot = new Float64Array(0);
  /** Rows with out-of-range elements (zero state, status Sgp4MeanElements). */
  private invalid = new Int32Array(0);
  private readonly xRates: J2Rates = { raanDot_rad_s: 0, argpDot_rad_s: 0, meanAnomalyDot_rad_s: 0 };
  /** Set by refresh(): the next evaluation first brings propagated rows' statuses to Ok. */
  private statusPending = true;

  constructor(el: MeanElementSet, fleet: FleetState, opts: J2StepperOptions = {}) {
    bindFleet(el, fleet);
    this.el = el;
    this.fleet = fleet;
    this.from = opts.from ?? 0;
    this.to = opts.to ?? el.count;
    if (!(this.from >= 0 && this.from <= this.to && this.to <= el.count)) {
      throw new InputError('row range out of the element set', { field: 'from/to', expected: `0 ≤ from ≤ to ≤ ${el.count}`, found: `${this.from}..${this.to}` }, 'E_ARGUMENT');
    }
    this.refresh();
  }

  /** Rebuild groups and cached rates after the elements changed. */
  refresh(): void {
    const { a_m, e: ecc, i_rad, raan_rad, argp_rad, meanAnomaly_rad } = this.el;
    const n = this.to - this.from;
    this.kind = new Uint8Array(n);
    this.cu0 = new Float64Array(n);
    this.su0 = new Float64Array(n);
    const starts: number[] = [], exact: number[] = [], near: number[] = [], invalid: number[] = [];
    for (let r = this.from, j = 0; r < this.to; r++, j++) {
      const a = a_m[r]!, e = ecc[r]!;
      if (!validElements(a, e)) { this.kind[j] = KIND_INVALID; invalid.push(r); continue; }
      if (e >= NEAR_CIRCULAR_MAX_E) { this.kind[j] = KIND_ECCENTRIC; exact.push(r); continue; }
      if (e !== 0) { this.kind[j] = KIND_NEAR; near.push(r); continue; }
      this.kind[j] = KIND_CIRCULAR;
      const u0 = argp_rad[r]! + meanAnomaly_rad[r]!;
      this.cu0[j] = Math.cos(u0);
      this.su0[j] = Math.sin(u0);
      const prev = r - 1;
      const continues = j > 0 && this.kind[j - 1] === KIND_CIRCULAR && a_m[prev] === a && i_rad[prev] === i_rad[r] && raan_rad[prev] === raan_rad[r];
      if (!continues) starts.push(r);
    }
    const g = starts.length;
    this.gStart = Int32Array.from(starts);
    this.gEnd = new Int32Array(g);
    this.gA = new Float64Array(g); this.gUDot = new Float64Array(g); this.gO0 = new Float64Array(g);
    this.gODot = new Float64Array(g); this.gCi = new Float64Array(g); this.gSi = new Float64Array(g);
    for (let k = 0; k < g; k++) {
      const r0 = starts[k]!;
      let end = r0 + 1;
      const limit = k + 1 < g ? starts[k + 1]! : this.to;
      while (end < limit && this.kind[end - this.from] === KIND_CIRCULAR) end++;
      this.gEnd[k] = end;
      const rt = j2SecularRates(a_m[r0]!, 0, i_rad[r0]!);
      this.gA[k] = a_m[r0]!;
      this.gUDot[k] = rt.argpDot_rad_s + rt.meanAnomalyDot_rad_s;
      this.gO0[k] = raan_rad[r0]!;
      this.gODot[k] = rt.raanDot_rad_s;
      this.gCi[k] = Math.cos(i_rad[r0]!);
      this.gSi[k] = Math.sin(i_rad[r0]!);
    }
    this.exact = Int32Array.from(exact);
    this.invalid = Int32Array.from(invalid);
    this.xRaanDot = new Float64Array(exact.length);
    this.xArgpDot = new Float64Array(exact.length);
    this.xMDot = new Float64Array(exact.length);
    exact.forEach((r, k) => {
      const rt = j2SecularRates(a_m[r]!, ecc[r]!, i_rad[r]!);
      this.xRaanDot[k] = rt.raanDot_rad_s; this.xArgpDot[k] = rt.argpDot_rad_s; this.xMDot[k] = rt.meanAnomalyDot_rad_s;
    });
    this.nearRow = Int32Array.from(near);
    this.near = new Float64Array(near.length * NR);
    near.forEach((r, k) => {
      const o = k * NR, a = a_m[r]!, e = ecc[r]!, rt = j2SecularRates(a, e, i_rad[r]!);
      const c = this.near;
      c[o + N_A] = a; c[o + N_E] = e; c[o + N_B] = Math.sqrt(1 - e * e);
      c[o + N_CI] = Math.cos(i_rad[r]!); c[o + N_SI] = Math.sin(i_rad[r]!);
      c[o + N_MDOT] = rt.meanAnomalyDot_rad_s; c[o + N_WDOT] = rt.argpDot_rad_s; c[o + N_ODOT] = rt.raanDot_rad_s;
    });
    this.nearT = Number.NaN; this.nearSeedT = Number.NaN; this.nearDt = Number.NaN; this.lastDt = Number.NaN; this.nearK = 0;
    this.statusPending = true;
  }

  /** Propagated rows become Ok unless Failed/Offline (kept) or Reentered (skipped); see the class note. */
  private fixStatuses(): void {
    const st = this.fleet.status;
    for (let r = this.from, j = 0; r < this.to; r++, j++) {
      if (this.kind[j] === KIND_INVALID) continue;
      const s = st[r]!;
      if (s !== Status.Reentered) st[r] = nextStatus(s);
    }
    this.statusPending = false;
  }

  /** Number of circular groups (planes) found; for diagnostics and tests. */
  get groupCount(): number {
    return this.gStart.length;
  }

  /** Rows on the near-circular path (0 < e < NEAR_CIRCULAR_MAX_E); for diagnostics and tests. */
  get nearCircularCount(): number {
    return this.nearRow.length;
  }

  /** Go to t_s (seconds since epoch). */
  propagateTo(t_s: number): void {
    this.setTime(t_s);
  }

  /** Advance by dt_s from the current time. */
  step(dt_s: number): void {
    if (Number.isNaN(this.t_s)) throw new InputError('step before setTime', { field: 't_s', expected: 'setTime(t) or propagateTo(t) first', found: 'no state yet' }, 'E_ARGUMENT');
    this.setTime(this.t_s + dt_s);
  }

  /** Evaluate every owned row at t_s seconds after the epoch. */
  setTime(t_s: number): void {
    if (this.statusPending) this.fixStatuses();
    const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status } = this.fleet;
    const { cu0, su0, gStart, gEnd, gA, gUDot, gO0, gODot, gCi, gSi } = this;
    const from = this.from;
    for (let g = 0; g < gStart.length; g++) {
      const d = gUDot[g]! * t_s, o = gO0[g]! + gODot[g]! * t_s;
      const cd = Math.cos(d), sd = Math.sin(d), co = Math.cos(o), so = Math.sin(o);
      const ci = gCi[g]!, si = gSi[g]!, a = gA[g]!, w = gODot[g]!;
      const vt = a * gUDot[g]!;
      // N̂ = (cos Ω, sin Ω, 0), M̂ = (−sin Ω cos i, cos Ω cos i, sin i), scaled by a and by a·u̇.
      const nx = a * co, ny = a * so, mx = -a * so * ci, my = a * co * ci, mz = a * si;
      const tx = vt * co, ty = vt * so, ux = -vt * so * ci, uy = vt * co * ci, uz = vt * si;
      const end = gEnd[g]!;
      for (let r = gStart[g]!; r < end; r++) {
        if (status[r] === Status.Reentered) continue;
        const c0 = cu0[r - from]!, s0 = su0[r - from]!;
        const c = c0 * cd - s0 * sd, s = s0 * cd + c0 * sd;
        const x = c * nx + s * mx, y = c * ny + s * my;
        x_m[r] = x; y_m[r] = y; z_m[r] = s * mz;
        vx_m_s[r] = c * ux - s * tx - w * y;
        vy_m_s[r] = c * uy - s * ty + w * x;
        vz_m_s[r] = c * uz;
      }
    }
    if (this.nearRow.length > 0) this.stepNear(t_s);
    if (this.exact.length > 0) this.evaluateExact(t_s);
    this.markInvalid();
    this.t_s = t_s;
  }

  /**
   * Near-circular rows at t_s. When t_s is the next step of the current cadence (within
   * NEAR_TIME_TOL_s of anchor + k·dt, k ≤ NEAR_RESEED_STEPS), the cached (cos, sin) of M, ω, Ω
   * are rotated by the cached advances inside the evaluation loop; otherwise they are first
   * evaluated exactly from epoch (`seedNear`).
   */
  private stepNear(t_s: number): void {
    const rotate = this.nearK < NEAR_RESEED_STEPS && Math.abs(t_s - (this.nearSeedT + (this.nearK + 1) * this.nearDt)) <= NEAR_TIME_TOL_s;
    if (rotate) this.nearK++;
    else this.seedNear(t_s);
    this.lastDt = t_s - this.nearT;
    this.nearT = t_s;
    this.evaluateNear(rotate);
  }

  /**
   * Exact (cos, sin) of M, ω, Ω at t_s, as propagateJ2 forms them (epoch value + rate·t), and a
   * new anchor. After two calls at the same interval dt, the advances for dt are computed
   * (6 trig per row, once per cadence).
   */
  private seedNear(t_s: number): void {
    const c = this.near, rows = this.nearRow, n = rows.length;
    const { raan_rad, argp_rad, meanAnomaly_rad } = this.el;
    for (let k = 0, o = 0; k < n; k++, o += NR) {
      const r = rows[k]!;
      const m = meanAnomaly_rad[r]! + c[o + N_MDOT]! * t_s;
      const w = argp_rad[r]! + c[o + N_WDOT]! * t_s;
      const om = raan_rad[r]! + c[o + N_ODOT]! * t_s;
      c[o + N_CM] = Math.cos(m); c[o + N_SM] = Math.sin(m);
      c[o + N_CW] = Math.cos(w); c[o + N_SW] = Math.sin(w);
      c[o + N_CO] = Math.cos(om); c[o + N_SO] = Math.sin(om);
    }
    const dt = t_s - this.nearT;
    const steady = dt !== 0 && Number.isFinite(dt) && Math.abs(dt - this.lastDt) <= NEAR_TIME_TOL_s;
    if (steady && dt !== this.nearDt) {
      for (let o = 0; o < n * NR; o += NR) {
        const dm = c[o + N_MDOT]! * dt, dw = c[o + N_WDOT]! * dt, dO = c[o + N_ODOT]! * dt;
        c[o + N_CDM] = Math.cos(dm); c[o + N_SDM] = Math.sin(dm);
        c[o + N_CDW] = Math.cos(dw); c[o + N_SDW] = Math.sin(dw);
        c[o + N_CDO] = Math.cos(dO); c[o + N_SDO] = Math.sin(dO);
      }
      this.nearDt = dt;
    } else if (!steady && dt !== this.nearDt) {
      this.nearDt = Number.NaN;
    }
    this.nearSeedT = t_s;
    this.nearK = 0;
  }

  /**
   * Positions and velocities of near-circular rows from the cache, first rotating its angles by
   * one step when `rotate`. Kepler as `keplerNearCircular` (the same lines, inlined by hand so no
   * out-array sits in the loop), the state as `elementsToState`; no trigonometry. Angles of
   * Reentered rows advance too (cheap), so the cache stays valid whatever statuses do.
   */
  private evaluateNear(rotate: boolean): void {
    const c = this.near, rows = this.nearRow;
    const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status } = this.fleet;
    for (let k = 0, o = 0; k < rows.length; k++, o += NR) {
      let cm = c[o + N_CM]!, sm = c[o + N_SM]!, cw = c[o + N_CW]!, sw = c[o + N_SW]!, cO = c[o + N_CO]!, sO = c[o + N_SO]!;
      if (rotate) {
        const cdm = c[o + N_CDM]!, sdm = c[o + N_SDM]!, cdw = c[o + N_CDW]!, sdw = c[o + N_SDW]!, cdo = c[o + N_CDO]!, sdo = c[o + N_SDO]!;
        const cm1 = cm * cdm - sm * sdm, cw1 = cw * cdw - sw * sdw, co1 = cO * cdo - sO * sdo;
        sm = sm * cdm + cm * sdm; sw = sw * cdw + cw * sdw; sO = sO * cdo + cO * sdo;
        cm = cm1; cw = cw1; cO = co1;
        c[o + N_CM] = cm; c[o + N_SM] = sm; c[o + N_CW] = cw; c[o + N_SW] = sw; c[o + N_CO] = cO; c[o + N_SO] = sO;
      }
      const r = rows[k]!;
      if (status[r] === Status.Reentered) continue;
      const e = c[o + N_E]!, a = c[o + N_A]!, b = c[o + N_B]!;
      const d = (e * sm) / (1 - e * cm), d2 = d * d;
      const sd = d * (1 - (d2 / 6) * (1 - (d2 / 20))), cd = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - d2 / 30));
      const s1 = sm * cd + cm * sd, c1 = cm * cd - sm * sd;
      const eps = -(d - e * s1) / (1 - e * c1), h = 0.5 * eps * eps;
      const cE = c1 - eps * s1 - h * c1, sE = s1 + eps * c1 - h * s1;
      const q = 1 - e * cE, iq = 1 / q;
      const rho = a * q;
      const cv = (cE - e) * iq, sv = b * sE * iq;
      const ci = c[o + N_CI]!, si = c[o + N_SI]!;
      const cu = cw * cv - sw * sv, su = sw * cv + cw * sv;
      const Rx = cu * cO - su * ci * sO, Ry = cu * sO + su * ci * cO, Rz = su * si;
      const Tx = -su * cO - cu * ci * sO, Ty = -su * sO + cu * ci * cO, Tz = cu * si;
      const x = rho * Rx, y = rho * Ry;
      const mDot = c[o + N_MDOT]!, oDot = c[o + N_ODOT]!;
      // ρ̇ = Ṁ·a·e·sin E/q; ρ·u̇ = ρ·ω̇ + Ṁ·a·√(1 − e²)/q (elementsToState's ρ·(ω̇ + Ṁa²b/ρ²)).
      const rhoDot = mDot * a * e * sE * iq;
      const vt = rho * c[o + N_WDOT]! + mDot * a * b * iq;
      x_m[r] = x; y_m[r] = y; z_m[r] = rho * Rz;
      vx_m_s[r] = rhoDot * Rx + vt * Tx - oDot * y;
      vy_m_s[r] = rhoDot * Ry + vt * Ty + oDot * x;
      vz_m_s[r] = rhoDot * Rz + vt * Tz;
    }
  }

  private evaluateExact(t_s: number): void {
    const { a_m, e: ecc, i_rad, raan_rad, argp_rad, meanAnomaly_rad } = this.el;
    const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status } = this.fleet;
    const s = scratchState, rates = this.xRates, rows = this.exact;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (status[r] === Status.Reentered) continue;
      rates.raanDot_rad_s = this.xRaanDot[k]!; rates.argpDot_rad_s = this.xArgpDot[k]!; rates.meanAnomalyDot_rad_s = this.xMDot[k]!;
      elementsToState(
        a_m[r]!, ecc[r]!, i_rad[r]!,
        raan_rad[r]! + rates.raanDot_rad_s * t_s, argp_rad[r]! + rates.argpDot_rad_s * t_s, meanAnomaly_rad[r]! + rates.meanAnomalyDot_rad_s * t_s,
        rates, s,
      );
      x_m[r] = s[0]!; y_m[r] = s[1]!; z_m[r] = s[2]!;
      vx_m_s[r] = s[3]!; vy_m_s[r] = s[4]!; vz_m_s[r] = s[5]!;
    }
  }

  /** Out-of-range rows: status Sgp4MeanElements and zero state, every call (unless Reentered). */
  private markInvalid(): void {
    const f = this.fleet, rows = this.invalid;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (f.status[r] === Status.Reentered) continue;
      f.status[r] = Status.Sgp4MeanElements;
      f.x_m[r] = 0; f.y_m[r] = 0; f.z_m[r] = 0; f.vx_m_s[r] = 0; f.vy_m_s[r] = 0; f.vz_m_s[r] = 0;
    }
  }
}
