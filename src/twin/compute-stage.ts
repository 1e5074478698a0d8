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
 *   5. the battery model is set to the twin's state of charge; each satellite's thermal headroom
 *      for [t + dt, t + 2dt) becomes a cap on its running chips (below); at the boundary t + dt
 *      the policy schedules under the lower of that and the power cap (eclipse-aware, forecast below);
 *   6. returns the compute demand of every satellite for the NEXT step [W]: running chips at
 *      full power, powered idle chips at `idle_power_fraction` of it, failed satellites nothing.
 *
 * Forecast (eclipse-aware): the sunlit fraction one orbital period ago, at the same phase
 * (orbit persistence: an orbit's shadow geometry changes by well under a minute per orbit as the
 * beta angle drifts, ~1°/day for an SSO); before one orbit is recorded, the latest value. Battery
 * and loads as the twin's design; the replay core's EnergyModel tracks it between steps and is
 * reset to the twin's state of charge at every step, so the forecast starts from the truth.
 *
 * Placement domains: compute-fleet.ts (a formation cluster is one domain; a +Grid `network` joins
 * in-plane satellites into one).
 *
 * Thermal headroom: two caps per satellite, `keep` (running jobs beyond it stop) and `place` (new
 * work is placed up to it), compute-thermal.ts.
 *
 * Loss accounting per step (summary.json compute.losses with a workload): from the demand the twin
 * loaded and what it delivered on each satellite (`compute_J`), nameplate splits into work of
 * running chips (delivered), idle (alive chips on an up satellite with no job: the idle draw and
 * the rest), faults (dead chips, failed or offline satellites) and the twin's thermal and power
 * throttling (demand − delivered), exactly; a throttled satellite's delivery is shared between
 * running and idle chips in proportion to their demand.
 *
 * Not modelled here: chips down while restarting after a crash (the job pays the restart time).
 */
import { OrbitdcError } from '../core/errors.js';
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
import type { BuiltFleet } from './build.js';
import { computeFleetFromBuilt, type ComputeFleet } from './compute-fleet.js';
import { ComputeThermalCaps } from './compute-thermal.js';
import { resolveWorkload, type ResolvedWorkload } from './compute-workload.js';
import { NetworkCompute, type NetworkComputeMetrics } from './network-compute.js';
import type { TwinNetwork } from './network-stage.js';
import type { Scenario } from './scenario/normalise.js';

export { CLUSTER_BANDWIDTH_bps, computeFleetFromBuilt, type ComputeFleet } from './compute-fleet.js';

/** Most accelerators the stage takes (per-chip columns; 2e7 chips ≈ 0.5 GB). */
export const MAX_STAGE_CHIPS = 20_000_000;

/**
 * How often the orbit forecast is resampled [s]. The persistence forecast changes little within an
 * orbit, and the per-step guard slides along the sampled forecast with the true battery state, so
 * half an hour loses nothing the replay's 10-minute refresh would catch (and costs a third).
 */
export const FORECAST_EVERY_s = 1800;

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
  /** Steps per row of the loss series (default 1); the engine's series interval for its default row count. */
  seriesRowSteps?: number;
}

/** The engine's default most series rows (engine.ts `maxSeriesRows`): the loss series folds to the same rows. */
export const SERIES_ROWS = 5000;

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
  /** Node temperature at t + dt [K] (the twin's `temp_K` after its step): enables the thermal cap. */
  temp_K?: Float64Array;
  /** Geocentric Sun at t [m] (solar flux of the environment heat; absent: perihelion flux, the largest). */
  sun_m?: ArrayLike<number>;
  /** Positions at t [m] (subsolar albedo factor; absent: the albedo factor is taken as 1). */
  x_m?: Float64Array;
  y_m?: Float64Array;
  z_m?: Float64Array;
  /** Compute energy delivered per satellite since the start [J] (cumulative, the twin's accumulator): enables the loss accounting. */
  compute_J?: Float64Array;
}

/** Nameplate of the steps the stage saw, split (accelerator-seconds at full power, FLOP, J): see the file comment. */
export interface ComputeLosses {
  /** Steps accounted (with `compute_J` given). */
  steps: number;
  workChip_s: number;
  workFlop: number;
  work_J: number;
  faultChip_s: number;
  /** Alive chips on up satellites with no job, less what the twin's throttling took from their idle draw. */
  idleChip_s: number;
  /** Demand − delivered (the twin's thermal + power throttling). */
  throttledChip_s: number;
  nameplateChip_s: number;
}

/** Per recorded row (`rowSteps` steps, the engine's default series interval): fleet powers of the split [W], step means. */
export interface ComputeLossSeries {
  rowSteps: number;
  time_s: number[];
  work_W: number[];
  idle_W: number[];
  faults_W: number[];
}

export interface ComputeRunMetrics extends ReplayMetrics {
  sources: ResolvedWorkload['sources'];
  idlePowerFraction: number;
  poolChips: number;
  tokensPerChip_s: number | null;
  droppedAfterEnd: number;
  /** The network's hold on placement and inference (scenarios with a `network`, network-compute.ts). */
  network?: NetworkComputeMetrics;
  /** The thermal cap: whether on, chip-hours it withheld (the power cap allowed them, the radiator could not carry them), jobs it stopped. */
  thermalCap: { enabled: boolean; cappedChipHours: number; shedJobs: number };
  /** Nameplate split of the run (null without `compute_J`), and its series for report.html. */
  losses: ComputeLosses | null;
  lossSeries: ComputeLossSeries | null;
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
  /** The network's hold on placement and inference (null without a `network`). */
  private net: NetworkCompute | null = null;
  private extra: Pick<ComputeRunMetrics, 'sources' | 'idlePowerFraction' | 'poolChips' | 'tokensPerChip_s' | 'droppedAfterEnd'> = { sources: [], idlePowerFraction: 0, poolChips: 0, tokensPerChip_s: null, droppedAfterEnd: 0 };
  /** The thermal cap is on (needs `temp_K` in the input and the fleet's thermal models). */
  private capOn = true;
  /** Thermal headroom caps (compute-thermal.ts). */
  private readonly thermal: ComputeThermalCaps;
  /** Compute energy delivered per satellite at the last step [J] (loss accounting). */
  private readonly prevCompute_J: Float64Array;
  /** Work of running chips per satellite [accelerator-s] (loss accounting). */
  readonly workChip_s: Float64Array;
  private readonly loss: ComputeLosses = { steps: 0, workChip_s: 0, workFlop: 0, work_J: 0, faultChip_s: 0, idleChip_s: 0, throttledChip_s: 0, nameplateChip_s: 0 };
  private readonly lossSeries: ComputeLossSeries;
  private readonly rowAcc = new Float64Array(3);
  private rowIn = 0;

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
    this.prevCompute_J = new Float64Array(S);
    this.workChip_s = new Float64Array(S);
    this.lossSeries = { rowSteps: Math.max(1, o.seriesRowSteps ?? 1), time_s: [], work_W: [], idle_W: [], faults_W: [] };
    this.core.begin(0);
    this.thermal = new ComputeThermalCaps(cf, this.fleet, this.core, this.incPower_W, o.idlePowerFraction);
    // Before any temperature is known: the sustained caps at the perihelion flux (the most the radiator sees).
    if (cf.thermal) this.thermal.initial();
    this.core.boundary(0);
    this.fillDemand();
  }

  /** The stage of a scenario with a workload (null without one), on the engine's built fleet. */
  static fromScenario(scenario: Scenario, built: BuiltFleet, seed = scenario.seed, network: TwinNetwork | null = null): ComputeStage | null {
    const w = scenario.workload;
    if (!w) return null;
    const cf = computeFleetFromBuilt(built, network?.spans ?? []);
    let chips = 0;
    for (let s = 0; s < cf.satCount; s++) chips += cf.chipsPerSat[s]!;
    // Per-chip state (owner, stack, arena: ~16 bytes a chip, and a job table): a billion chips would not fit.
    if (chips > MAX_STAGE_CHIPS) throw new OrbitdcError('E_ARGUMENT', `a workload on ${chips} accelerators is beyond the compute stage (per-chip state); run it on a smaller fleet`, { field: 'workload', expected: `≤ ${MAX_STAGE_CHIPS} accelerators`, found: String(chips) });
    const r = resolveWorkload(w, { epochUtcMs: scenario.epochUtcMs, duration_s: scenario.duration_s, step_s: scenario.step_s, chipFlops: cf.chipFlops });
    // Jobs that must span satellites and declare no bandwidth get the network's (jobs.ts assignSpanBandwidth).
    let given = 0;
    if (network) given = r.jobs.assignSpanBandwidth(cf.chipsPerSat.reduce((a, b) => Math.max(a, b), 0), network.spec.jobBandwidth_bps);
    const stage = new ComputeStage(cf, {
      policy: w.policy, checkpoint: w.checkpoint, hardware: w.faults.hardware, sdcDetection: w.faults.sdcDetection,
      sparesPerSatellite: w.faults.sparesPerSatellite, idlePowerFraction: w.idlePowerFraction, sampleEvery_s: w.sampleEvery_s,
      step_s: scenario.step_s, seed, jobs: r.jobs, inference: r.inference, seriesRowSteps: Math.max(1, Math.ceil(scenario.stepCount / SERIES_ROWS)),
    });
    stage.extra = { sources: r.sources, idlePowerFraction: w.idlePowerFraction, poolChips: r.inference?.poolChips ?? 0, tokensPerChip_s: r.inference?.tokensPerChip_s ?? null, droppedAfterEnd: r.droppedAfterEnd };
    if (network) {
      stage.net = new NetworkCompute(network, stage.fleet, stage.core, r.inference !== null);
      stage.net.jobsGivenBandwidth = given;
    }
    return stage;
  }

  /** Advance over [t, t + dt) with what the twin saw, schedule at t + dt; returns the next step's demand [W] (the `demand_W` column). */
  step(inp: ComputeStepInput): Float64Array {
    const t = inp.t_s, t1 = t + inp.dt_s, F = this.fleet, core = this.core, S = this.cf.satCount;
    if (Math.abs(inp.dt_s - this.o.step_s) > 1e-9) throw new OrbitdcError('E_ARGUMENT', 'compute stage step differs from the scenario step', { field: 'dt_s', expected: String(this.o.step_s), found: String(inp.dt_s) });
    if (inp.compute_J) this.accountLosses(inp);
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
    this.net?.apply(t); // links down stop the jobs spanning them; inference sees the ground (network-compute.ts)
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
    if (this.thermalCapEnabled && inp.temp_K && this.cf.thermal) this.thermal.update(inp, t1, this.sun.series);
    core.boundary(t1);
    this.fillDemand();
    return this.demand_W;
  }

  /** The metrics so far (ReplayMetrics and what the workload was). */
  metrics(): ComputeRunMetrics {
    const core = this.core, ls = this.lossSeries;
    const accounted = this.loss.steps > 0;
    return {
      ...core.metrics(), ...this.extra,
      ...(this.net ? { network: this.net.metrics() } : {}),
      thermalCap: { enabled: this.thermalCapEnabled && this.cf.thermal !== undefined, cappedChipHours: core.thermalCappedChip_s / 3600, shedJobs: core.thermalShedJobs },
      losses: accounted ? { ...this.loss } : null,
      lossSeries: accounted ? { rowSteps: ls.rowSteps, time_s: ls.time_s.slice(), work_W: ls.work_W.slice(), idle_W: ls.idle_W.slice(), faults_W: ls.faults_W.slice() } : null,
    };
  }

  /** The nameplate split so far (null before a step with `compute_J`): cheap, unlike metrics(). */
  lossTotals(): ComputeLosses | null {
    return this.loss.steps > 0 ? { ...this.loss } : null;
  }

  /** Whether the thermal headroom caps running chips (default on; off clears the caps at the next boundary). */
  get thermalCapEnabled(): boolean {
    return this.capOn;
  }

  set thermalCapEnabled(on: boolean) {
    this.capOn = on;
    if (!on) this.core.clearThermalCaps();
  }

  /**
   * The split of nameplate over the step just run (file comment), from the demand the twin loaded
   * (`demand_W`, filled from the fleet state that is still current) and what it delivered.
   */
  private accountLosses(inp: ComputeStepInput): void {
    const cf = this.cf, S = cf.satCount, F = this.fleet, dt = inp.dt_s, cJ = inp.compute_J!, prev = this.prevCompute_J, D = this.demand_W;
    const P = cf.chipPower_W, fl = cf.flopsOfSat, L = this.loss;
    let work = 0, workFlop = 0, workJ = 0, faults = 0, idle = 0, thr = 0, nameplate = 0, idleJ = 0, faultJ = 0;
    for (let s = 0; s < S; s++) {
      const p = P[s]!, chips = cf.chipsPerSat[s]!;
      const dJ = cJ[s]! - prev[s]!;
      prev[s] = cJ[s]!;
      if (!(p > 0) || chips === 0) continue;
      const n = chips * dt, st = inp.status[s]!;
      nameplate += n;
      // The twin loads no demand on failed satellites and rows without a valid orbit: all down.
      if (st !== Status.Ok && st !== Status.Unset && st !== Status.Offline) { faults += n; faultJ += n * p; continue; }
      const dem = D[s]! * dt / p, got = dJ / p; // accelerator-seconds
      const th = Math.max(0, dem - got);
      thr += th;
      if (st === Status.Offline || F.satStatus[s] !== Status.Ok) { faults += n - th; faultJ += (n - th) * p; continue; }
      const dead = (chips - F.alive[s]!) * dt;
      const w = dem > 0 ? got * (F.busy[s]! * dt / dem) : 0;
      faults += dead; work += w; idle += n - dead - w - th;
      faultJ += dead * p; idleJ += (n - dead - w - th) * p;
      this.workChip_s[s]! += w;
      workFlop += w * (fl ? fl[s]! : cf.chipFlops); workJ += w * p;
    }
    L.steps++; L.workChip_s += work; L.workFlop += workFlop; L.work_J += workJ; L.faultChip_s += faults; L.idleChip_s += idle; L.throttledChip_s += thr; L.nameplateChip_s += nameplate;
    // Loss series: W of accelerator power, step means over each row.
    const ls = this.lossSeries, acc = this.rowAcc;
    if (this.rowIn === 0) { ls.time_s.push(inp.t_s); acc.fill(0); }
    acc[0]! += workJ / dt; acc[1]! += idleJ / dt; acc[2]! += faultJ / dt;
    this.rowIn++;
    const r = ls.time_s.length - 1, m = this.rowIn;
    ls.work_W[r] = acc[0]! / m; ls.idle_W[r] = acc[1]! / m; ls.faults_W[r] = acc[2]! / m;
    if (this.rowIn === ls.rowSteps) this.rowIn = 0;
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
