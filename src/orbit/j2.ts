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
 * Rows with 0 < e take the exact Kepler path with cached rates (a first-order-in-e shortcut would
 * err by ~a·e², 7 m at e = 1e-3, which we chose not to accept).
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
  /** Rows outside the circular path (eccentric or invalid), and their cached rates. */
  private others = new Int32Array(0);
  private oRaanDot = new Float64Array(0);
  private oArgpDot = new Float64Array(0);
  private oMDot = new Float64Array(0);
  private readonly oRates: J2Rates = { raanDot_rad_s: 0, argpDot_rad_s: 0, meanAnomalyDot_rad_s: 0 };
  /** Set by refresh(): the next evaluation first brings circular rows' statuses to Ok. */
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
    const starts: number[] = [], others: number[] = [];
    for (let r = this.from, j = 0; r < this.to; r++, j++) {
      const a = a_m[r]!, e = ecc[r]!;
      if (!validElements(a, e)) { this.kind[j] = KIND_INVALID; others.push(r); continue; }
      if (e !== 0) { this.kind[j] = KIND_ECCENTRIC; others.push(r); continue; }
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
    this.others = Int32Array.from(others);
    this.statusPending = true;
    this.oRaanDot = new Float64Array(others.length);
    this.oArgpDot = new Float64Array(others.length);
    this.oMDot = new Float64Array(others.length);
    others.forEach((r, k) => {
      if (this.kind[r - this.from] !== KIND_ECCENTRIC) return;
      const rt = j2SecularRates(a_m[r]!, ecc[r]!, i_rad[r]!);
      this.oRaanDot[k] = rt.raanDot_rad_s; this.oArgpDot[k] = rt.argpDot_rad_s; this.oMDot[k] = rt.meanAnomalyDot_rad_s;
    });
  }

  /**
   * Circular rows become Ok unless Failed/Offline (kept) or Reentered (skipped). Done once after
   * each refresh(), not per step: a row's status changes later only through other stages
   * (Failed, Offline, Reentered), which the per-step loop respects.
   */
  private fixStatuses(): void {
    const st = this.fleet.status;
    for (let r = this.from, j = 0; r < this.to; r++, j++) {
      if (this.kind[j] !== KIND_CIRCULAR) continue;
      const s = st[r]!;
      if (s !== Status.Reentered) st[r] = nextStatus(s);
    }
    this.statusPending = false;
  }

  /** Number of circular groups (planes) found; for diagnostics and tests. */
  get groupCount(): number {
    return this.gStart.length;
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
        // Only a skip test here: a store to the status column inside this loop, even one never
        // taken, makes V8 run it ~5× slower (measured); statuses are set in fixStatuses().
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
    this.evaluateOthers(t_s);
    this.t_s = t_s;
  }

  private evaluateOthers(t_s: number): void {
    const { a_m, e: ecc, i_rad, raan_rad, argp_rad, meanAnomaly_rad } = this.el;
    const f = this.fleet, s = scratchState, rates = this.oRates;
    for (let k = 0; k < this.others.length; k++) {
      const r = this.others[k]!;
      const st = f.status[r]!;
      if (st === Status.Reentered) continue;
      if (this.kind[r - this.from] === KIND_INVALID) {
        f.status[r] = Status.Sgp4MeanElements;
        f.x_m[r] = 0; f.y_m[r] = 0; f.z_m[r] = 0; f.vx_m_s[r] = 0; f.vy_m_s[r] = 0; f.vz_m_s[r] = 0;
        continue;
      }
      rates.raanDot_rad_s = this.oRaanDot[k]!; rates.argpDot_rad_s = this.oArgpDot[k]!; rates.meanAnomalyDot_rad_s = this.oMDot[k]!;
      elementsToState(
        a_m[r]!, ecc[r]!, i_rad[r]!,
        raan_rad[r]! + rates.raanDot_rad_s * t_s, argp_rad[r]! + rates.argpDot_rad_s * t_s, meanAnomaly_rad[r]! + rates.meanAnomalyDot_rad_s * t_s,
        rates, s,
      );
      f.x_m[r] = s[0]!; f.y_m[r] = s[1]!; f.z_m[r] = s[2]!;
      f.vx_m_s[r] = s[3]!; f.vy_m_s[r] = s[4]!; f.vz_m_s[r] = s[5]!;
      f.status[r] = nextStatus(st);
    }
  }
}
