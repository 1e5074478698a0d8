/**
 * Power forecast and energy management per satellite.
 *
 * The caller supplies each satellite's sunlit fraction as a function of time (from the twin's
 * ephemeris and shadow model: 0 in umbra, 1 in full sun, between in penumbra); with the array's
 * output in full sun and the bus load, that gives the power left for compute now and over the
 * coming orbits. The battery (struct of arrays: state of charge, capacity, floor, efficiencies)
 * carries the difference. Energy management = run no more chips than the satellite can carry
 * through the forecast horizon without the battery going below its floor (`sustainableChips`),
 * instead of draining it and shedding jobs when it hits the floor (`affordableChips`, the
 * physics limit for one step).
 *
 * Battery convention (as src/spacecraft/battery.ts): charging stores ηc × input, discharging
 * delivers ηd × what leaves the cell. Surplus with a full battery is clipped sunlight.
 */
import { OrbitdcError } from '../core/errors.js';

/** Fills `out[s]` with satellite s's sunlit fraction in [0, 1] at time t [s]. */
export type SunlitSeries = (t_s: number, out: Float64Array) => void;

export interface EnergySpec {
  satCount: number;
  /** Array output in full sun, at the operating temperature [W] (one value or per satellite). */
  arrayPower_W: number | Float64Array;
  /** Bus load (avionics, links, hosts) [W]. */
  busLoad_W: number | Float64Array;
  /** Power per running chip [W]. */
  chipPower_W: number;
  /** Battery capacity [J]. */
  capacity_J: number | Float64Array;
  /** Lowest allowed state of charge, fraction of capacity. */
  socFloor: number;
  chargeEfficiency?: number;
  dischargeEfficiency?: number;
  /** Initial state of charge, fraction of capacity (default 1). */
  soc0?: number;
}

const col = (v: number | Float64Array, n: number, name: string): Float64Array => {
  const a = typeof v === 'number' ? new Float64Array(n).fill(v) : Float64Array.from(v);
  if (a.length !== n) throw new OrbitdcError('E_ARGUMENT', 'per-satellite column has the wrong length', { field: name, expected: String(n), found: String(a.length) });
  return a;
};

export class EnergyModel {
  readonly satCount: number;
  readonly array_W: Float64Array;
  readonly bus_W: Float64Array;
  readonly capacity_J: Float64Array;
  readonly soc_J: Float64Array;
  readonly chipPower_W: number;
  readonly floor: number;
  readonly etaC: number;
  readonly etaD: number;
  /** Sunlight that found neither load nor room in the battery [J], total. */
  clipped_J = 0;
  /** Energy the arrays produced [J], total. */
  generated_J = 0;
  /** Steps × satellites where the bus alone took the battery below its floor. */
  busShortfalls = 0;
  private readonly sun: Float64Array;

  constructor(spec: EnergySpec) {
    const n = this.satCount = spec.satCount;
    this.array_W = col(spec.arrayPower_W, n, 'arrayPower_W');
    this.bus_W = col(spec.busLoad_W, n, 'busLoad_W');
    this.capacity_J = col(spec.capacity_J, n, 'capacity_J');
    if (!(spec.chipPower_W > 0)) throw new OrbitdcError('E_ARGUMENT', 'chip power must be > 0', { field: 'chipPower_W', expected: '> 0 W', found: String(spec.chipPower_W) });
    this.chipPower_W = spec.chipPower_W;
    this.floor = spec.socFloor;
    this.etaC = spec.chargeEfficiency ?? 0.95;
    this.etaD = spec.dischargeEfficiency ?? 0.95;
    this.soc_J = new Float64Array(n);
    for (let s = 0; s < n; s++) this.soc_J[s] = this.capacity_J[s]! * (spec.soc0 ?? 1);
    this.sun = new Float64Array(n);
  }

  /** Power available for compute now at sunlit fraction f, before the battery [W] (may be < 0). */
  private net_W(s: number, f: number): number {
    return f * this.array_W[s]! - this.bus_W[s]!;
  }

  /** Chips satellite s can run over the next dt_s at sunlit fraction f without going below the floor. */
  affordableChips(s: number, f: number, dt_s: number, maxChips: number): number {
    const above_J = Math.max(0, this.soc_J[s]! - this.floor * this.capacity_J[s]!);
    const n = Math.floor((this.net_W(s, f) + (above_J * this.etaD) / dt_s) / this.chipPower_W + 1e-9);
    return Math.max(0, Math.min(maxChips, n));
  }

  /** Chips the arrays alone power at sunlit fraction f. */
  sunChips(s: number, f: number, maxChips: number): number {
    return Math.max(0, Math.min(maxChips, Math.floor(this.net_W(s, f) / this.chipPower_W + 1e-9)));
  }

  /** Advance satellite s by dt_s at sunlit fraction f running `chips` chips; returns false on a shortfall. */
  stepSat(s: number, f: number, chips: number, dt_s: number): boolean {
    const gen_W = f * this.array_W[s]!;
    this.generated_J += gen_W * dt_s;
    const net_J = (gen_W - this.bus_W[s]! - chips * this.chipPower_W) * dt_s;
    const cap = this.capacity_J[s]!;
    let soc = this.soc_J[s]!;
    let ok = true;
    if (net_J >= 0) {
      const stored = Math.min(net_J * this.etaC, cap - soc);
      soc += stored;
      this.clipped_J += net_J - stored / this.etaC;
    } else {
      soc += net_J / this.etaD;
      const lo = this.floor * cap;
      if (soc < lo - 1e-6 * cap) ok = false;
      if (soc < 0) soc = 0;
    }
    this.soc_J[s] = soc;
    return ok;
  }

  /**
   * Whether satellite s stays above its floor when it runs `chips` for the first `loadSteps` steps
   * of the forecast `sunAhead` (rows k0.. of a matrix with stride satCount) and nothing after.
   */
  private survives(s: number, chips: number, sunAhead: Float64Array, k0: number, steps: number, loadSteps: number, dt_s: number): boolean {
    const cap = this.capacity_J[s]!, lo = this.floor * cap;
    let soc = this.soc_J[s]!;
    for (let k = k0; k < steps; k++) {
      const load = k - k0 < loadSteps ? chips * this.chipPower_W : 0;
      const net_J = (sunAhead[k * this.satCount + s]! * this.array_W[s]! - this.bus_W[s]! - load) * dt_s;
      soc = net_J >= 0 ? Math.min(cap, soc + net_J * this.etaC) : soc + net_J / this.etaD;
      if (soc < lo - 1e-6 * cap) return false;
    }
    return true;
  }

  /** Sample the sunlit series over the horizon: a (steps × satCount) matrix, reusing `scratch` when it is big enough. */
  sampleAhead(sunlit: SunlitSeries, t_s: number, horizon_s: number, dt_s: number, scratch?: Float64Array): { ahead: Float64Array; steps: number } {
    const steps = Math.max(1, Math.ceil(horizon_s / dt_s));
    const n = this.satCount;
    const ahead = scratch && scratch.length >= steps * n ? scratch : new Float64Array(steps * n);
    for (let k = 0; k < steps; k++) {
      sunlit(t_s + k * dt_s, this.sun);
      ahead.set(this.sun, k * n);
    }
    return { ahead, steps };
  }

  /**
   * The bus-only requirement of a forecast: `req[k·S + s]` = the least state of charge at the
   * start of step k from which satellite s, carrying its bus alone, stays above its floor through
   * the end of the forecast (k = 0..steps; +Infinity where no charge suffices, −Infinity at the
   * end). Backward recursion over the battery update of `survives` (the update is monotone in the
   * charge, so a least start exists): O(S × steps) once per forecast, after which each trial of
   * `chipsWithin` costs only its load window.
   */
  busRequirement(ahead: Float64Array, steps: number, dt_s: number, scratch?: Float64Array): Float64Array {
    const n = this.satCount;
    const req = scratch && scratch.length >= (steps + 1) * n ? scratch : new Float64Array((steps + 1) * n);
    for (let s = 0; s < n; s++) {
      const cap = this.capacity_J[s]!, lo = this.floor * cap - 1e-6 * cap;
      let r = -Infinity;
      req[steps * n + s] = r;
      for (let k = steps - 1; k >= 0; k--) {
        const net_J = (ahead[k * n + s]! * this.array_W[s]! - this.bus_W[s]!) * dt_s;
        const T = Math.max(lo, r);
        // After step k the charge must be ≥ T; charging saturates at the capacity.
        r = net_J >= 0 ? (T > cap ? Infinity : T - net_J * this.etaC) : T - net_J / this.etaD;
        req[k * n + s] = r;
      }
    }
    return req;
  }

  /** `survives` with the bus-only tail taken from `req` (busRequirement of the same forecast). */
  private survivesWith(s: number, chips: number, sunAhead: Float64Array, k0: number, steps: number, loadSteps: number, dt_s: number, req: Float64Array): boolean {
    const cap = this.capacity_J[s]!, lo = this.floor * cap;
    const kEnd = Math.min(steps, k0 + loadSteps), load = chips * this.chipPower_W;
    let soc = this.soc_J[s]!;
    for (let k = k0; k < kEnd; k++) {
      const net_J = (sunAhead[k * this.satCount + s]! * this.array_W[s]! - this.bus_W[s]! - load) * dt_s;
      soc = net_J >= 0 ? Math.min(cap, soc + net_J * this.etaC) : soc + net_J / this.etaD;
      if (soc < lo - 1e-6 * cap) return false;
    }
    return soc >= req[kEnd * this.satCount + s]!;
  }

  /**
   * Fill `out[s]` with the most chips (≤ maxChips[s]) satellite s can run for the next `loadSteps`
   * steps such that, with the bus alone afterwards, its battery stays above the floor through the
   * rest of the forecast (rows k0..steps of `ahead`). loadSteps ≥ steps − k0 = run them through
   * the whole horizon (the sustainable load). Binary search: O(S × steps × log chips), or
   * O(S × loadSteps × log chips) with `req` (busRequirement of the same `ahead` and steps); two
   * trials when the value already in `out[s]` is still the answer (a warm start: pass the last
   * call's `out`; the predicate is monotone in chips, so the result is the same either way).
   */
  chipsWithin(ahead: Float64Array, k0: number, steps: number, loadSteps: number, dt_s: number, maxChips: Int32Array, out: Int32Array, req?: Float64Array): void {
    const ok = req
      ? (s: number, c: number): boolean => this.survivesWith(s, c, ahead, k0, steps, loadSteps, dt_s, req)
      : (s: number, c: number): boolean => this.survives(s, c, ahead, k0, steps, loadSteps, dt_s);
    for (let s = 0; s < this.satCount; s++) {
      let lo = 0, hi = maxChips[s]!;
      // Warm start from the last answer in `out` (it moves slowly): two trials when it still holds.
      const prev = out[s]!;
      if (prev > 0 && prev <= hi) {
        if (ok(s, prev)) { lo = prev; if (prev === hi || !ok(s, prev + 1)) { out[s] = prev; continue; } lo = prev + 1; }
        else hi = prev - 1;
      }
      if (lo === 0 && !ok(s, 0)) { out[s] = 0; continue; }
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ok(s, mid)) lo = mid; else hi = mid - 1;
      }
      out[s] = lo;
    }
  }

  /** Sustainable chips through the horizon (constant load); returns the sampled matrix for reuse. */
  sustainableChips(sunlit: SunlitSeries, t_s: number, horizon_s: number, dt_s: number, maxChips: Int32Array, out: Int32Array, scratch?: Float64Array): Float64Array {
    const { ahead, steps } = this.sampleAhead(sunlit, t_s, horizon_s, dt_s, scratch);
    this.chipsWithin(ahead, 0, steps, steps, dt_s, maxChips, out);
    return ahead;
  }
}

/**
 * A sunlit series for satellites on circular orbits of period `period_s` with an eclipse of
 * `eclipse_s` per orbit (0 = none), satellite s entering shadow at phase offset `phase_s[s]`:
 * the simple model for tests and quick replays when no ephemeris is at hand.
 */
export function periodicEclipses(period_s: number, eclipse_s: number, phase_s: Float64Array | number, satCount: number): SunlitSeries {
  const ph = typeof phase_s === 'number' ? new Float64Array(satCount).fill(phase_s) : phase_s;
  return (t, out) => {
    for (let s = 0; s < satCount; s++) {
      const x = (((t - ph[s]!) % period_s) + period_s) % period_s;
      out[s] = x < eclipse_s ? 0 : 1;
    }
  };
}
