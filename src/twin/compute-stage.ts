/**
 * The twin's compute stage: the scheduler of src/compute running the scenario's workload on the
 * built fleet, one call per engine step, so that the power model loads what actually runs.
 *
 * Per call for step [t, t + dt) (after the engine's power and radiation stages):
 *   1. record the sunlit fraction (for the forecast) and learn each array's full-sun output;
 *   2. satellite status at t: Failed (and re-entered, decayed) takes its jobs down for good,
 *      Offline until it is Ok again (ReplayCore.setSatelliteStatus);
 *   3. power truth: where the power left for compute (`available_W`) could not carry the chips
 *      the scheduler ran, jobs on that satellite stop at t (work since their checkpoint lost);
 *   4. the step's radiation events hit the chips (SDC, HBM, crashes → rollback; see faults.ts),
 *      with the stage's own hardware failures; running jobs advance to t + dt;
 *   5. the battery model is set to the twin's state of charge, and at the boundary t + dt the
 *      policy schedules (eclipse-aware caps from the forecast below);
 *   6. returns the compute demand of every satellite for the NEXT step [W]: running chips at
 *      full power, powered idle chips at `idle_power_fraction` of it, failed satellites nothing.
 *
 * Forecast (eclipse-aware): the sunlit fraction one orbital period ago, at the same phase
 * (orbit persistence: an orbit's shadow geometry changes by well under a minute per orbit as the
 * beta angle drifts, ~1°/day for an SSO); before one orbit is recorded, the latest value. Battery
 * and loads as the twin's design; the replay core's EnergyModel tracks it between steps and is
 * reset to the twin's state of charge at every step, so the forecast starts from the truth.
 *
 * Placement domains: a formation cluster is one domain (its satellites are link-connected:
 * Suncatcher's 24 × 400 Gbit/s DWDM per aperture, 9.6 Tbit/s); every satellite of a Walker, SSO
 * or catalog constellation is a domain of its own until src/network routes across links.
 *
 * Not modelled here: thermal throttling (the twin throttles the demand physically; the scheduler
 * does not see it), chips down while restarting after a crash (the job pays the restart time).
 */
import { OrbitdcError } from '../core/errors.js';
import { MU_EARTH_m3_s2, R_EARTH_m, TWO_PI } from '../core/units.js';
import { Rng } from '../core/rng.js';
import { Status } from '../core/status.js';
import type { CheckpointPolicy } from '../compute/checkpoint.js';
import { FleetCapacity } from '../compute/cluster.js';
import type { HardwareFaultRates } from '../compute/faults.js';
import type { SunlitSeries } from '../compute/forecast.js';
import type { JobTable } from '../compute/jobs.js';
import type { ReplayMetrics } from '../compute/metrics.js';
import { ReplayCore } from '../compute/replay-core.js';
import { makePolicy, type PolicyName } from '../compute/scheduler.js';
import type { TokenDemand } from '../compute/inference.js';
import { TRILLIUM_RAD_PER_EVENT } from '../spacecraft/radiation-effects.js';
import { ARRAY_OPERATING_TEMP_K, type BuiltFleet } from './build.js';
import { resolveWorkload, type ResolvedWorkload } from './compute-workload.js';
import type { Scenario } from './scenario/normalise.js';

/** Most accelerators the stage takes (per-chip columns; 2e7 chips ≈ 0.5 GB). */
export const MAX_STAGE_CHIPS = 20_000_000;

/** Suncatcher (arXiv 2511.19468): DWDM 24 × 400 Gbit/s = 9.6 Tbit/s per aperture, a cluster's link bandwidth. */
export const CLUSTER_BANDWIDTH_bps = 9.6e12;

/**
 * How often the orbit forecast is resampled [s]. The persistence forecast changes little within an
 * orbit, and the per-step guard slides along the sampled forecast with the true battery state, so
 * half an hour loses nothing the replay's 10-minute refresh would catch (and costs a third).
 */
export const FORECAST_EVERY_s = 1800;

/** The fleet as the compute stage sees it (per satellite, row order of the twin's fleet). */
export interface ComputeFleet {
  satCount: number;
  chipsPerSat: Int32Array;
  /** Full power of one chip [W]. */
  chipPower_W: Float64Array;
  /** Largest chip FLOP/s in the fleet (default tokens per chip). */
  chipFlops: number;
  domainOfSat: Int32Array;
  domainBandwidth_bps: Float64Array;
  /** Array output in full sun at the start [W] (learnt from the twin's output afterwards). */
  arrayPower_W: Float64Array;
  busLoad_W: Float64Array;
  capacity_J: Float64Array;
  socFloor: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  /** Orbital period [s]. */
  period_s: Float64Array;
  /** Orbit-average radiation dose rate per satellite [rad(Si)/s] (sets the Young/Daly interruption rate). */
  doseRate_rad_s: Float64Array;
}

/** The stage's settings (WorkloadSpec's, resolved). */
export interface ComputeStageOptions {
  policy: PolicyName;
  checkpoint: CheckpointPolicy;
  hardware: HardwareFaultRates | null;
  sdcDetection: number;
  sparesPerSatellite: number;
  idlePowerFraction: number;
  sampleEvery_s: number;
  step_s: number;
  seed: number;
  jobs: JobTable;
  inference: { demand: TokenDemand; tokensPerChip_s: number; poolChips: number } | null;
}

/** Radiation events of one step: `index` is a chip row (unit 'chip') or a satellite row ('satellite': the chip is drawn uniformly). */
export interface RadiationInput {
  count: number;
  time_s: Float64Array;
  type: Uint8Array;
  index: Int32Array;
  unit: 'chip' | 'satellite';
  /** Maps `index` to the satellite row first (the twin's per-satellite streams). */
  satelliteOfIndex?: Int32Array;
}

export interface ComputeStepInput {
  t_s: number;
  dt_s: number;
  /** Power left for compute after the bus load this step [W] (spacecraft model `available_W`). */
  available_W: Float64Array;
  status: Uint8Array;
  /** Sunlit fraction at t (0..1). */
  sunlit: Float64Array;
  /** Battery state of charge at the end of the step [J] (the twin's truth). */
  soc_J?: Float64Array;
  /** Array output this step [W]: teaches the forecast the array's degradation and temperature (else learnt from `available_W`). */
  generated_W?: Float64Array;
  radiation?: RadiationInput;
}

export interface ComputeRunMetrics extends ReplayMetrics {
  sources: ResolvedWorkload['sources'];
  idlePowerFraction: number;
  poolChips: number;
  tokensPerChip_s: number | null;
  droppedAfterEnd: number;
}

/** The compute fleet of a built twin fleet (see the file comment for domains). */
export function computeFleetFromBuilt(built: BuiltFleet): ComputeFleet {
  const S = built.fleet.count;
  const f: ComputeFleet = {
    satCount: S, chipsPerSat: new Int32Array(S), chipPower_W: new Float64Array(S), chipFlops: 0, domainOfSat: new Int32Array(S),
    domainBandwidth_bps: new Float64Array(0), arrayPower_W: new Float64Array(S), busLoad_W: new Float64Array(S), capacity_J: new Float64Array(S),
    socFloor: 0, chargeEfficiency: 1, dischargeEfficiency: 1, period_s: new Float64Array(S).fill(5700), doseRate_rad_s: new Float64Array(S),
  };
  const bw: number[] = [];
  let d = -1;
  for (const c of built.constellations) {
    const des = c.design, sa = des.solarArray;
    const tempFactor = 1 + sa.tempCoeff_per_K * (ARRAY_OPERATING_TEMP_K - sa.referenceTemp_K);
    const a = R_EARTH_m + c.altitude_m;
    const period = TWO_PI * Math.sqrt((a * a * a) / MU_EARTH_m3_s2);
    if (c.spec.kind === 'cluster') { d++; bw.push(CLUSTER_BANDWIDTH_bps); }
    for (let s = c.from; s < c.to; s++) {
      if (c.spec.kind !== 'cluster') { d++; bw.push(Infinity); }
      f.domainOfSat[s] = d;
      f.chipsPerSat[s] = c.chips;
      f.chipPower_W[s] = Number.isFinite(c.chipPower_W) ? c.chipPower_W : 0;
      f.arrayPower_W[s] = sa.bolPower_W * tempFactor;
      f.busLoad_W[s] = des.busLoad_W;
      f.capacity_J[s] = des.battery.capacity_J;
      f.period_s[s] = period;
      f.doseRate_rad_s[s] = c.orbitAverageDose_rad_s;
    }
    f.chipFlops = Math.max(f.chipFlops, Number.isFinite(c.chipFlops) ? c.chipFlops : 0);
    // One floor and one pair of efficiencies for the forecast: the strictest of the designs.
    f.socFloor = Math.max(f.socFloor, des.battery.socFloor);
    f.chargeEfficiency = Math.min(f.chargeEfficiency, des.battery.chargeEfficiency);
    f.dischargeEfficiency = Math.min(f.dischargeEfficiency, des.battery.dischargeEfficiency);
  }
  f.domainBandwidth_bps = Float64Array.from(bw);
  return f;
}

/**
 * Sunlit fraction by orbit persistence (file comment): a ring of the last orbit's values per
 * satellite; `series` answers for any time at or after the first recorded step.
 */
class OrbitPersistence {
  private readonly ring: Float64Array;
  private readonly len: number;
  private readonly periodSteps: Int32Array;
  private first = -1;
  private last = -1;

  constructor(private readonly S: number, period_s: Float64Array, private readonly dt: number) {
    this.periodSteps = Int32Array.from(period_s, (p) => Math.max(1, Math.round(p / dt)));
    let m = 1;
    for (let s = 0; s < S; s++) m = Math.max(m, this.periodSteps[s]!);
    this.len = m + 1;
    this.ring = new Float64Array(this.len * S).fill(1);
  }

  record(k: number, sunlit: Float64Array): void {
    this.ring.set(sunlit.subarray(0, this.S), (k % this.len) * this.S);
    if (this.first < 0) this.first = k;
    this.last = k;
  }

  readonly series: SunlitSeries = (t, out) => {
    const S = this.S, k = Math.round(t / this.dt), last = this.last;
    if (last < 0) { out.fill(1, 0, S); return; } // nothing seen yet: assume sunlit
    for (let s = 0; s < S; s++) {
      let back = k;
      if (k > last) { const P = this.periodSteps[s]!; back = k - P * Math.ceil((k - last) / P); }
      if (back < this.first || back < last - this.len + 1) back = last;
      out[s] = this.ring[(back % this.len) * S + s]!;
    }
  };
}

export class ComputeStage {
  readonly fleet: FleetCapacity;
  readonly core: ReplayCore;
  /** Compute demand per satellite for the coming step [W]. */
  readonly demand_W: Float64Array;
  private readonly cf: ComputeFleet;
  private readonly o: ComputeStageOptions;
  private readonly sun: OrbitPersistence;
  private readonly statusNow: Uint8Array;
  private readonly incPower_W: Float64Array;
  private readonly pick: Rng;
  private extra: Omit<ComputeRunMetrics, keyof ReplayMetrics> = { sources: [], idlePowerFraction: 0, poolChips: 0, tokensPerChip_s: null, droppedAfterEnd: 0 };

  constructor(cf: ComputeFleet, o: ComputeStageOptions) {
    this.cf = cf; this.o = o;
    this.pick = new Rng(o.seed).fork('compute-stage-chip-pick');
    const S = cf.satCount;
    this.fleet = new FleetCapacity({ chipsPerSat: cf.chipsPerSat, domainOfSat: cf.domainOfSat, domainBandwidth_bps: cf.domainBandwidth_bps, sparesPerSat: o.sparesPerSatellite });
    this.sun = new OrbitPersistence(S, cf.period_s, o.step_s);
    const f = Math.min(o.idlePowerFraction, 0.999);
    // Energy model: idle draw of every chip rides with the bus; a running chip adds (1 − f) of its power.
    let maxP = 0;
    for (let s = 0; s < S; s++) maxP = Math.max(maxP, cf.chipPower_W[s]!);
    const base = new Float64Array(S);
    for (let s = 0; s < S; s++) base[s] = cf.busLoad_W[s]! + f * cf.chipPower_W[s]! * cf.chipsPerSat[s]!;
    this.incPower_W = Float64Array.from(cf.chipPower_W, (p) => (1 - f) * p);
    const maxPeriod = cf.period_s.reduce((a, b) => Math.max(a, b), 0);
    this.core = new ReplayCore(o.jobs, this.fleet, {
      policy: makePolicy(o.policy), dt_s: o.step_s, seed: o.seed, checkpoint: o.checkpoint, sampleEvery_s: o.sampleEvery_s,
      faults: { ...(o.hardware ? { hardware: o.hardware } : {}), sdcDetection: o.sdcDetection, interruptRate_per_chip_s: radiationInterruptRate_per_chip_s(cf, o.sdcDetection) },
      power: {
        satCount: S, arrayPower_W: cf.arrayPower_W, busLoad_W: base, chipPower_W: Math.max(1e-3, (1 - f) * (maxP || 1)), capacity_J: cf.capacity_J,
        socFloor: cf.socFloor, chargeEfficiency: cf.chargeEfficiency, dischargeEfficiency: cf.dischargeEfficiency, soc0: 1,
        sunlit: this.sun.series, forecastHorizon_s: 2 * (maxPeriod || 5700), forecastEvery_s: FORECAST_EVERY_s,
      },
      ...(o.inference ? { inference: o.inference } : {}),
    });
    this.statusNow = new Uint8Array(S);
    this.demand_W = new Float64Array(S);
    this.core.begin(0);
    this.core.boundary(0);
    this.fillDemand();
  }

  /** The stage of a scenario with a workload (null without one), on the engine's built fleet. */
  static fromScenario(scenario: Scenario, built: BuiltFleet, seed = scenario.seed): ComputeStage | null {
    const w = scenario.workload;
    if (!w) return null;
    const cf = computeFleetFromBuilt(built);
    let chips = 0;
    for (let s = 0; s < cf.satCount; s++) chips += cf.chipsPerSat[s]!;
    // Per-chip state (owner, stack, arena: ~16 bytes a chip, and a job table): a billion chips would not fit.
    if (chips > MAX_STAGE_CHIPS) throw new OrbitdcError('E_ARGUMENT', `a workload on ${chips} accelerators is beyond the compute stage (per-chip state); run it on a smaller fleet`, { field: 'workload', expected: `≤ ${MAX_STAGE_CHIPS} accelerators`, found: String(chips) });
    const r = resolveWorkload(w, { epochUtcMs: scenario.epochUtcMs, duration_s: scenario.duration_s, step_s: scenario.step_s, chipFlops: cf.chipFlops });
    const stage = new ComputeStage(cf, {
      policy: w.policy, checkpoint: w.checkpoint, hardware: w.faults.hardware, sdcDetection: w.faults.sdcDetection,
      sparesPerSatellite: w.faults.sparesPerSatellite, idlePowerFraction: w.idlePowerFraction, sampleEvery_s: w.sampleEvery_s,
      step_s: scenario.step_s, seed, jobs: r.jobs, inference: r.inference,
    });
    stage.extra = { sources: r.sources, idlePowerFraction: w.idlePowerFraction, poolChips: r.inference?.poolChips ?? 0, tokensPerChip_s: r.inference?.tokensPerChip_s ?? null, droppedAfterEnd: r.droppedAfterEnd };
    return stage;
  }

  /** Advance over [t, t + dt) with what the twin saw, schedule at t + dt; returns the next step's demand [W] (the `demand_W` column). */
  step(inp: ComputeStepInput): Float64Array {
    const t = inp.t_s, t1 = t + inp.dt_s, F = this.fleet, core = this.core, S = this.cf.satCount;
    if (Math.abs(inp.dt_s - this.o.step_s) > 1e-9) throw new OrbitdcError('E_ARGUMENT', 'compute stage step differs from the scenario step', { field: 'dt_s', expected: String(this.o.step_s), found: String(inp.dt_s) });
    this.sun.record(Math.round(t / this.o.step_s), inp.sunlit);
    const E = core.energyModel;
    if (E) {
      // The array's full-sun output now (degradation, temperature): from the output when given,
      // else from the power left after the bus when it exceeded the demand (no battery draw then).
      const gen = inp.generated_W, av = inp.available_W, bus = this.cf.busLoad_W, dem = this.demand_W;
      for (let s = 0; s < S; s++) {
        const nu = inp.sunlit[s]!;
        if (!(nu > 0.5)) continue;
        if (gen) { if (gen[s]! > 0) E.array_W[s] = gen[s]! / nu; }
        else if (av[s]! > dem[s]! + 1e-6 && av[s]! + bus[s]! > 0) E.array_W[s] = (av[s]! + bus[s]!) / nu;
      }
    }
    for (let s = 0; s < S; s++) {
      const code = twinToCompute(inp.status[s]!);
      if (code !== this.statusNow[s]) { this.statusNow[s] = code; core.setSatelliteStatus(s, code, t); }
    }
    const f = this.o.idlePowerFraction, P = this.cf.chipPower_W, inc = this.incPower_W;
    for (let s = 0; s < S; s++) {
      const busy = F.busy[s]!;
      if (busy === 0 || inc[s]! <= 0) continue;
      // busy·P + (alive − busy)·f·P ≤ available  ⇔  busy ≤ (available − alive·f·P) / ((1 − f)·P).
      const fits = Math.floor((inp.available_W[s]! - f * P[s]! * F.alive[s]!) / inc[s]! + 1e-6);
      if (fits < busy) core.shedTo(s, fits, t);
    }
    const rad = inp.radiation;
    if (rad) {
      for (let i = 0; i < rad.count; i++) {
        let c = rad.index[i]!;
        if (rad.unit === 'satellite') {
          const s = rad.satelliteOfIndex ? rad.satelliteOfIndex[c]! : c;
          const n = F.chipStart[s + 1]! - F.chipStart[s]!;
          if (n === 0) continue;
          c = F.chipStart[s]! + Math.min(n - 1, Math.floor(this.pick.uniform() * n));
        }
        if (c >= 0 && c < F.chipCount) core.pushRadiationEvent(rad.time_s[i]!, c, rad.type[i]!);
      }
    }
    const sunNow = core.sunNow;
    if (sunNow) sunNow.set(inp.sunlit.subarray(0, S));
    core.interval(t, t1);
    if (E && inp.soc_J) E.soc_J.set(inp.soc_J.subarray(0, S));
    core.boundary(t1);
    this.fillDemand();
    return this.demand_W;
  }

  /** The metrics so far (ReplayMetrics and what the workload was). */
  metrics(): ComputeRunMetrics {
    return { ...this.core.metrics(), ...this.extra };
  }

  private fillDemand(): void {
    const F = this.fleet, P = this.cf.chipPower_W, f = this.o.idlePowerFraction, d = this.demand_W;
    for (let s = 0; s < this.cf.satCount; s++) {
      d[s] = F.satStatus[s] === Status.Failed ? 0 : F.busy[s]! * P[s]! + (F.alive[s]! - F.busy[s]!) * f * P[s]!;
    }
  }
}

/**
 * Rate at which radiation interrupts a job, per chip [1/s]: the chip-weighted orbit-average dose
 * rate × (detected share of SDCs / rad per SDC + 1 / rad per HBM error, accelerator crash, host
 * crash, host RAM error), Trillium's figures (radiation-effects.ts). Suncatcher's 150 rad(Si)/yr
 * gives ~12 per chip-year, 70 times Llama 3's hardware rate: Young/Daly must see it.
 */
export function radiationInterruptRate_per_chip_s(cf: ComputeFleet, sdcDetection: number): number {
  const r = TRILLIUM_RAD_PER_EVENT;
  const perRad = sdcDetection / r.sdc + 1 / r.hbmUncorrectable + 1 / r.acceleratorCrash + 1 / r.hostCpuCrash + 1 / r.hostRamError;
  let dose = 0, chips = 0;
  for (let s = 0; s < cf.satCount; s++) { dose += cf.doseRate_rad_s[s]! * cf.chipsPerSat[s]!; chips += cf.chipsPerSat[s]!; }
  return chips > 0 ? (dose / chips) * perRad : 0;
}

/** The twin's status code as the compute fleet's (Ok, Offline, Failed). */
export function twinToCompute(code: number): number {
  if (code === Status.Ok || code === Status.Unset) return Status.Ok;
  if (code === Status.Failed || code === Status.Reentered || code === Status.Sgp4Decayed) return Status.Failed;
  return Status.Offline;
}
