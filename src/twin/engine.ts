/**
 * The twin's step engine: the pipeline of DESIGN.md over one fleet state (struct of arrays),
 * step k covering [t_k, t_k + dt), t_k = k·dt since the scenario epoch:
 *
 *   events     drain the queue up to t_k (crashed chips go down or come back, satellites fail)
 *   orbit      J2Stepper (generated constellations), SGP4 (catalogs) → state vectors at t_k
 *   light      Sun of date at t_k (exact every 600 s, linear between: ≤ 0.001″, sun.ts SunOnGrid),
 *              sunlit fraction per satellite (conical shadow)
 *   dose rate  by position, every `radiationCadence_s` (held between)
 *   fused pass per constellation (fused-step.ts), one sweep over the rows: compute demand =
 *              accelerators that are up × their power (no scheduler yet); array, thermal limit,
 *              power balance and battery, node temperature; dose over the step and dose limits;
 *              metrics (fleet series, run totals, per-satellite accumulators)
 *   radiation  per-chip event streams (seeded Poisson in dose) → events into the queue
 *
 * Determinism: everything runs on one thread in a fixed order, and every random draw comes from
 * Rng streams forked from the seed, so a scenario and seed give bit-identical results. With
 * `threads: 2` (pipeline.ts) the orbit, light and dose-rate stages of generated rows run on a
 * worker thread, steps ahead, calling the same functions on the same inputs: the results stay
 * bit-identical (pipeline.test.ts); nothing that depends on the spacecraft state leaves this thread.
 *
 * Radiation streams, per chip or per satellite: radiation-stage.ts. Dose limits (HBM irregular
 * from 2 krad, beyond the 15 krad tested) are crossed by all chips of a satellite together (they
 * share its dose), so they are tracked per satellite (doseLimitCrossed). Tracks for fleet.czml:
 * tracks.ts.
 */
import os from 'node:os';
import { Status } from '../core/status.js';
import { Rng } from '../core/rng.js';
import type { ProgressSink } from '../core/progress.js';
import type { FleetState } from '../core/fleet.js';
import { defaultRadiationEnvironment, type RadiationEnvironment } from '../environment/radiation.js';
import { sunlitFractionBatch } from '../environment/shadow.js';
import { SunOnGrid } from '../environment/sun.js';
import { gmstAt_rad } from '../orbit/frames.js';
import { initialSoc_J } from '../spacecraft/battery.js';
import { RadEvent, TRILLIUM_DOSE_LIMITS } from '../spacecraft/radiation-effects.js';
import { AvoidanceTwin } from './avoidance-twin.js';
import { buildFleet, type BuiltFleet } from './build.js';
import { ComputeStage, type ComputeStepInput, type RadiationInput } from './compute-stage.js';
import { TwinNetwork } from './network-stage.js';
import { HealthSampler } from './health.js';
import { BoundedEventLog, EventQueue, LOG_SATELLITE_FAILED, LOG_TYPE_NAMES, TwinEvent, type PoppedEvent } from './events.js';
import { fusedStep, type FusedColumns } from './fused-step.js';
import { M, PerSatelliteAccumulators, RunTotals, SeriesRecorder, StepReducer, type RangeInfo } from './metrics.js';
import { defaultOrbitWorkerUrl, startOrbitStage, type OrbitPipeline, type OrbitSlot, type OrbitStageMode } from './pipeline.js';
import { TwinRadiation } from './radiation-stage.js';
import type { RunMeta, RunResult } from './results.js';
import type { Scenario } from './scenario/normalise.js';
import { summarise, perSatelliteTable, type StopInfo } from './summarise.js';
import { TrackSampler } from './tracks.js';

export interface TwinOptions {
  /** Seed for every random stream; default the scenario's. */
  seed?: number;
  /** Abort between steps; the result is then marked partial. */
  signal?: AbortSignal;
  progress?: ProgressSink;
  /** Progress of the set-up work before the first step (the collision-avoidance screening of a scenario `avoidance` section). */
  setupProgress?: ProgressSink;
  /** Most recorded series rows (steps are folded into intervals). Default 5,000. */
  maxSeriesRows?: number;
  /** Satellites whose positions are sampled for fleet.czml, spread evenly over the fleet. Default 100. */
  maxTrackSatellites?: number;
  /** Span sampled for fleet.czml from the epoch [s]. Default one day (or the run if shorter). */
  trackWindow_s?: number;
  /** Rows kept in the event log (counts are always complete). Default 100,000. */
  maxEventLog?: number;
  /** How often the dose rate is evaluated at each satellite's position [s] (held in between). Default 300 s. */
  radiationCadence_s?: number;
  /** Largest accelerator count that gets one event stream per chip. Default 1,000,000. */
  chipStreamLimit?: number;
  /** Permanent satellite failures per satellite-year (exponential lifetimes; 0 = none). Default 0. */
  failureRate_per_year?: number;
  /** Hand control back to the event loop at least this often [ms] (signals, progress). Default 50. */
  yieldEvery_ms?: number;
  /**
   * Threads: 1 runs every stage on this thread; 2 runs the orbit stage of generated rows (J2,
   * sunlit fraction, dose rate) on a worker thread, steps ahead (pipeline.ts). Same results, bit
   * for bit. Default 2 where os.availableParallelism() ≥ 2. Falls back to 1 where no worker can
   * start (TypeScript sources, no generated rows); `TwinRun.threads` says what ran.
   */
  threads?: number;
  /** Tests: 'inline' runs the pipelined slot path with the orbit stage on this thread. Default 'worker'. */
  orbitStage?: OrbitStageMode;
  /** Compiled orbit-stage worker module (default: pipeline-worker.js beside the compiled engine). */
  orbitWorkerUrl?: URL;
}

const DEFAULTS = {
  maxSeriesRows: 5000,
  maxTrackSatellites: 100,
  trackWindow_s: 86_400,
  maxEventLog: 100_000,
  radiationCadence_s: 300,
  chipStreamLimit: 1_000_000,
  failureRate_per_year: 0,
  yieldEvery_ms: 50,
};

export class TwinRun {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly stepCount: number;
  readonly dt_s: number;
  readonly options: Readonly<typeof DEFAULTS>;
  readonly built: BuiltFleet;
  /** Steps completed (0..stepCount). */
  step = 0;
  /** Wall time spent in steps [ms] (not in summary.json, which must not depend on the machine). */
  wall_ms = 0;
  /** Threads the run uses (1, or 2 with the orbit stage on a worker), and why 1 where 2 was asked. */
  threads = 1;
  threadsNote = '';
  /**
   * Pipelined orbit stage (pipeline.ts), or null (in-thread). While pipelined, the fleet's x_m..vz_m_s
   * and the fused columns' sunlit fraction and dose rate are views on the current step's ring slot,
   * swapped each step: read them through `fleet`/`cols` during a step, never keep the arrays.
   */
  private pipe: OrbitPipeline | null = null;

  private readonly fleet: FleetState;
  private readonly cols: FusedColumns;
  private readonly ranges: RangeInfo[];
  private readonly shield_m: Float64Array;
  private readonly env: RadiationEnvironment;
  private readonly doseRate: Float64Array;
  private readonly doseInc: Float64Array;
  private readonly doseFlags: Uint8Array;
  private readonly chipsDown: Uint16Array;
  /** Radiation event streams (radiation-stage.ts). */
  private readonly rad: TwinRadiation;
  readonly radiationMode: 'per-chip' | 'per-satellite' | 'none';
  private readonly pickRng: Rng;
  /** The workload's scheduler (a scenario with `workload`, compute-stage.ts); null: every chip up runs at full power. */
  readonly compute: ComputeStage | null;
  /** The network stage (a scenario with `network`, network-stage.ts); null without one. */
  readonly network: TwinNetwork | null;
  /** Daily health samples for predictive maintenance (health.ts; resets the per-satellite extremes daily). */
  readonly health: HealthSampler;
  private readonly computeIn: (ComputeStepInput & { radiation: RadiationInput }) | null = null;
  /** Time of the step in progress [s] (for the dose-limit hook). */
  private stepTime_s = 0;
  private readonly onDoseLimit: (row: number, dose_rad: number) => void;
  private readonly radEvery: number;
  private readonly queue = new EventQueue();
  /** Collision-avoidance manoeuvres (scenario `avoidance`, avoidance-twin.ts); null: none. */
  avoidance: AvoidanceTwin | null = null;
  private readonly popped: PoppedEvent = { time_s: 0, kind: 0, sat: 0, chip: 0, value: 0 };
  readonly log: BoundedEventLog;
  private readonly reducer = new StepReducer();
  readonly totals = new RunTotals();
  readonly acc: PerSatelliteAccumulators;
  private readonly recorder: SeriesRecorder;
  private readonly sun: [number, number, number] = [0, 0, 0];
  /** Sun of date per step: exact every 600 s, linear between (≤ 0.001″, ≤ 1 km; sun.ts SunOnGrid). */
  private readonly sunGrid: SunOnGrid;
  private socStart_J = 0;
  private satellitesFailed = 0;
  /** Chips flagged by dose limits (counted per satellite crossing × its chips). */
  chipsHbmIrregular = 0;
  chipsBeyondTested = 0;
  /** Tracks for fleet.czml (tracks.ts). */
  private readonly track: TrackSampler;

  private constructor(scenario: Scenario, built: BuiltFleet, opts: TwinOptions) {
    this.scenario = scenario;
    this.seed = opts.seed ?? scenario.seed;
    this.stepCount = scenario.stepCount;
    this.dt_s = scenario.step_s;
    const o = { ...DEFAULTS };
    for (const k of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      const v = opts[k];
      if (typeof v === 'number') o[k] = v;
    }
    this.options = o;
    this.built = built;
    const fleet = built.fleet;
    this.fleet = fleet;
    const n = fleet.count;
    const dose = fleet.addColumn('dose_rad', Float64Array);
    this.doseRate = fleet.addColumn('doseRate_rad_s', Float64Array);
    this.chipsDown = fleet.addColumn('chipsDown', Uint16Array);
    this.doseInc = new Float64Array(fleet.capacity);
    this.doseFlags = new Uint8Array(n);
    this.acc = new PerSatelliteAccumulators(n);
    // Radiation event streams (radiation-stage.ts).
    this.rad = new TwinRadiation(built, this.seed, o.chipStreamLimit, this.acc.events);
    this.radiationMode = this.rad.mode;
    // State columns only: the per-step outputs of the spacecraft stage stay in registers (fused-step.ts).
    this.cols = {
      x_m: fleet.x_m, y_m: fleet.y_m, z_m: fleet.z_m, vx_m_s: fleet.vx_m_s, vy_m_s: fleet.vy_m_s, vz_m_s: fleet.vz_m_s,
      status: fleet.status, sunlitFraction: fleet.addColumn('sunlitFraction', Float64Array), chipsDown: this.chipsDown,
      soc_J: fleet.addColumn('soc_J', Float64Array), temp_K: fleet.addColumn('temp_K', Float64Array),
      doseRate_rad_s: this.doseRate, dose_rad: dose, doseInc_rad: this.doseInc, doseFlags: this.doseFlags,
    };
    // Compute stage: its demand column drives the power model; it reads what the power model left.
    this.network = TwinNetwork.fromScenario(scenario, built); // before compute: it sets placement domains
    this.compute = ComputeStage.fromScenario(scenario, built, this.seed, this.network);
    if (this.compute) {
      const available_W = new Float64Array(n);
      this.cols.computeDemand_W = this.compute.demand_W;
      this.cols.available_W = available_W;
      this.computeIn = {
        t_s: 0, dt_s: this.dt_s, available_W, status: fleet.status, sunlit: this.cols.sunlitFraction, soc_J: this.cols.soc_J, temp_K: this.cols.temp_K, sun_m: this.sun,
        radiation: { count: 0, time_s: this.rad.buf.time_s, type: this.rad.buf.type, index: this.rad.buf.chip, unit: 'chip' },
      };
    }
    this.ranges = built.constellations.map((c) => ({
      from: c.from, to: c.to, chips: c.chips, chipPower_W: c.chipPower_W, chipFlops: c.chipFlops, busLoad_W: c.design.busLoad_W, capacity_J: c.design.battery.capacity_J,
    }));
    this.shield_m = Float64Array.from(built.constellations, (c) => c.design.shieldingAl_m);
    for (const c of built.constellations) {
      // Start state (power.ts initSpacecraftState): battery at its initial charge, node at its initial temperature.
      this.cols.soc_J.fill(initialSoc_J(c.params.battery), c.from, c.to);
      this.cols.temp_K.fill(c.params.thermal.initialTemp_K, c.from, c.to);
      this.socStart_J += (c.to - c.from) * this.cols.soc_J[c.from]!;
    }
    this.env = defaultRadiationEnvironment();
    this.radEvery = Math.max(1, Math.round(o.radiationCadence_s / this.dt_s));
    this.sunGrid = new SunOnGrid(scenario.epochUtcMs, this.dt_s);

    this.pickRng = new Rng(this.seed).fork('twin-chip-pick');

    // Permanent failures: exponential lifetimes per satellite, seeded per satellite row.
    if (o.failureRate_per_year > 0) {
      const rate_s = o.failureRate_per_year / (365.25 * 86_400);
      const root = new Rng(this.seed).fork('twin-failures');
      const end = this.stepCount * this.dt_s;
      for (let s = 0; s < n; s++) {
        const t = root.fork(s).exponential(rate_s);
        if (t < end) this.queue.push(t, TwinEvent.SatelliteFail, s);
      }
    }

    this.log = new BoundedEventLog(o.maxEventLog);
    if (this.computeIn) this.computeIn.compute_J = this.acc.compute_J;
    this.health = new HealthSampler({ scenario, built, acc: this.acc, status: fleet.status, dose_rad: dose });
    this.onDoseLimit = (i, d) => this.doseLimitCrossed(i, d);
    this.recorder = new SeriesRecorder(this.stepCount, o.maxSeriesRows);

    // Tracks for fleet.czml: up to maxTrackSatellites rows spread evenly, sampled every ≥ 60 s over the window.
    this.track = new TrackSampler(n, this.stepCount, this.dt_s, o.maxTrackSatellites, o.trackWindow_s);
  }

  /** Build the fleet of a scenario and get ready to step (ScenarioError for a design the models reject). */
  static async create(scenario: Scenario, opts: TwinOptions = {}): Promise<TwinRun> {
    const built = await buildFleet(scenario);
    const run = new TwinRun(scenario, built, opts);
    run.avoidance = await AvoidanceTwin.create(scenario, built, run.seed, opts.setupProgress);
    run.avoidance?.schedule(run.queue);
    await run.startPipeline(opts);
    return run;
  }

  /**
   * Threads (TwinOptions.threads): start the orbit stage of the generated rows on a worker, ring
   * sized from the fleet (pipeline.ts slotCountFor). Stays in-thread where that cannot run.
   */
  private async startPipeline(opts: TwinOptions): Promise<void> {
    if ((opts.threads ?? (os.availableParallelism() >= 2 ? 2 : 1)) < 2) return;
    const mode = opts.orbitStage ?? 'worker';
    const r = await startOrbitStage(this.built, {
      epochUtcMs: this.scenario.epochUtcMs, dt_s: this.dt_s, stepCount: this.stepCount, radEvery: this.radEvery,
      shieldAl_m: this.shield_m, mode, workerUrl: opts.orbitWorkerUrl ?? defaultOrbitWorkerUrl(),
    });
    this.pipe = r.pipe;
    this.threadsNote = r.note;
    this.threads = r.pipe && mode === 'worker' ? 2 : 1;
  }

  get done(): boolean {
    return this.step >= this.stepCount;
  }

  /** Advance one step (no-op when done). Allocates nothing per satellite. */
  stepOnce(): void {
    if (this.done) return;
    const t0 = performance.now();
    this.advance();
    this.wall_ms += performance.now() - t0;
  }

  /** One step, untimed: run() times batches of 16 (two clock reads a step cost ~1 % of an 81-satellite step). */
  private advance(): void {
    const k = this.step, dt = this.dt_s, t = k * dt;
    const utcMs = this.scenario.epochUtcMs + t * 1000;
    const fleet = this.fleet, n = fleet.count, cols = this.cols;
    this.drainEvents(t);
    let sun: [number, number, number];
    if (this.pipe) {
      sun = this.takeSlot(k, t, utcMs);
    } else {
      this.propagate(t, utcMs);
      sun = this.sunGrid.at(k, this.sun);
      sunlitFractionBatch(fleet, sun, cols.sunlitFraction, 0, n);
      // The dose rate reads positions and status only, so it can come before the fused pass that uses it.
      if (k % this.radEvery === 0) this.evaluateDoseRate(utcMs, 0);
    }
    this.reducer.beginStep();
    this.stepTime_s = t;
    const built = this.built.constellations, hbm = TRILLIUM_DOSE_LIMITS.hbmIrregular_rad;
    for (let ci = 0; ci < built.length; ci++) {
      fusedStep(built[ci]!.params, this.ranges[ci]!, cols, sun, t, dt, this.reducer, this.totals, this.acc, hbm, this.onDoseLimit);
    }
    // Radiation events; the compute stage needs every event (an SDC hits a job), so with it nothing is only counted.
    this.rad.step(t, dt, this.doseInc, this.log, this.queue, this.reducer.values, this.compute !== null);
    // Network stage at its cadence, on this step's positions and statuses (network-stage.ts).
    if (this.network?.due(t)) this.network.update(fleet, utcMs, t);
    const ci = this.computeIn;
    if (this.compute && ci) {
      const b = this.rad.buf, r = ci.radiation;
      r.count = b.count; r.time_s = b.time_s; r.type = b.type; r.index = b.chip;
      r.unit = this.rad.chipIsDown ? 'chip' : 'satellite';
      if (this.rad.chipRad) r.satelliteOfIndex = this.rad.chipRad.satOfChip;
      ci.t_s = t; ci.x_m = fleet.x_m; ci.y_m = fleet.y_m; ci.z_m = fleet.z_m;
      this.compute.step(ci); // writes the demand of the next step into cols.computeDemand_W
    }
    if (this.track.due(k)) this.track.sample(t, fleet, cols.sunlitFraction);
    const v = this.reducer.endStep(this.totals);
    v[M.satellitesFailed_count!] = this.satellitesFailed;
    this.recorder.add(t, v);
    this.health.afterStep(k, sun);
    this.step++;
  }

  /**
   * Run to the end (or until `signal` aborts), handing control back to the event loop every
   * `yieldEvery_ms` so that Ctrl-C and the progress bar are served. Returns the result.
   */
  async run(signal?: AbortSignal, progress?: ProgressSink): Promise<RunResult> {
    let next = Date.now() + this.options.yieldEvery_ms;
    while (!this.done) {
      if (signal?.aborted) return this.result({ reason: 'aborted' });
      // Up to the next multiple of 16 steps, where the clock is read; nothing can abort in between
      // (the signal changes only while control is handed back, below).
      const end = Math.min(this.stepCount, (this.step | 15) + 1);
      const t0 = performance.now();
      while (this.step < end) this.advance();
      this.wall_ms += performance.now() - t0;
      if ((this.step & 15) === 0 && Date.now() >= next) {
        progress?.(this.step, this.stepCount);
        await new Promise<void>((r) => setImmediate(r));
        next = Date.now() + this.options.yieldEvery_ms;
      }
    }
    progress?.(this.step, this.stepCount);
    return this.result();
  }

  /**
   * Pipelined orbit stage: take step k's ring slot (waiting for the worker if it is behind), point
   * the fleet's state columns and the fused columns at it, merge orbit statuses into the fleet's,
   * and do the catalog rows here as in-thread (SGP4, sunlit fraction, dose rate into the slot).
   * Returns the step's Sun (computed by the worker with the same SunOnGrid).
   */
  private takeSlot(k: number, t: number, utcMs: number): [number, number, number] {
    const pipe = this.pipe!, s: OrbitSlot = pipe.acquire(k), f = this.fleet, cols = this.cols;
    f.x_m = cols.x_m = s.x_m; f.y_m = cols.y_m = s.y_m; f.z_m = cols.z_m = s.z_m;
    f.vx_m_s = cols.vx_m_s = s.vx_m_s; f.vy_m_s = cols.vy_m_s = s.vy_m_s; f.vz_m_s = cols.vz_m_s = s.vz_m_s;
    cols.sunlitFraction = s.sunlitFraction;
    cols.doseRate_rad_s = s.doseRate_rad_s;
    if (this.computeIn) this.computeIn.sunlit = s.sunlitFraction;
    pipe.mergeStatus(s, f.status);
    const sun = pipe.sunOf(s, this.sun);
    const gen = this.built.generatedCount, n = f.count;
    if (gen < n) {
      this.propagate(t, utcMs, false);
      sunlitFractionBatch(f, sun, s.sunlitFraction, gen, n);
      if (k % this.radEvery === 0) this.evaluateDoseRate(utcMs, gen);
      // Catalog rows' dose rate is held in this.doseRate between evaluations; the slot gets it each step.
      s.doseRate_rad_s.set(this.doseRate.subarray(gen, n), gen);
    }
    return sun;
  }

  /** Orbit stage in-thread: J2 rows (unless `j2` is false: the pipelined worker has them), then SGP4 rows. */
  private propagate(t: number, utcMs: number, j2 = true): void {
    const b = this.built;
    if (j2) b.j2?.setTime(t);
    if (b.sgp4 && b.sgp4Scratch) {
      const s = b.sgp4Scratch, f = this.fleet, off = b.generatedCount;
      b.sgp4.propagate(utcMs, s);
      for (let r = 0; r < s.count; r++) {
        const i = off + r;
        f.x_m[i] = s.x_m[r]!; f.y_m[i] = s.y_m[r]!; f.z_m[i] = s.z_m[r]!;
        f.vx_m_s[i] = s.vx_m_s[r]!; f.vy_m_s[i] = s.vy_m_s[r]!; f.vz_m_s[i] = s.vz_m_s[r]!;
        const st = s.status[r]!;
        f.status[i] = st === Status.Ok && (f.status[i] === Status.Failed || f.status[i] === Status.Offline) ? f.status[i]! : st;
      }
    }
  }

  /** Apply every queued event due at or before t (a step boundary). */
  private drainEvents(t: number): void {
    const q = this.queue, e = this.popped, down = this.chipsDown, half = 0.5 * this.dt_s, chipIsDown = this.rad.chipIsDown;
    while (q.size > 0 && q.peekTime() <= t) {
      q.pop(e);
      const s = e.sat;
      if (e.kind === TwinEvent.ChipDown) {
        if (this.fleet.status[s] === Status.Failed) continue;
        if (chipIsDown) {
          if (chipIsDown[e.chip] === 1) continue;
          chipIsDown[e.chip] = 1;
        } else {
          // Per-satellite streams: the struck chip is uniform over the satellite's chips; one already down absorbs it.
          const chips = this.built.constellations[this.built.constellationOfRow[s]!]!.chips;
          if (this.pickRng.uniform() * chips < down[s]!) continue;
        }
        down[s]!++;
        q.push(Math.max(e.time_s + e.value, t + half), TwinEvent.ChipUp, s, e.chip);
      } else if (e.kind === TwinEvent.ChipUp) {
        if (chipIsDown) chipIsDown[e.chip] = 0;
        if (down[s]! > 0) down[s]!--;
      } else if (e.kind === TwinEvent.SatelliteFail) {
        if (this.fleet.status[s] !== Status.Failed) {
          this.fleet.status[s] = Status.Failed;
          this.satellitesFailed++;
          this.log.add(e.time_s, LOG_SATELLITE_FAILED, s);
        }
      } else if (this.avoidance) {
        this.avoidance.apply(e, t, this.fleet.status, q, this.log);
      }
    }
  }

  /**
   * Dose rate at each satellite's position [rad(Si)/s]. Earth-fixed longitude by GMST (TEME and
   * mean-of-date differ by ≤ 18″, nothing at the SAA's ~10° scale); latitude geocentric (≤ 0.19°
   * from geodetic, likewise), height over the local ellipsoid radius.
   */
  private evaluateDoseRate(utcMs: number, fromRow: number): void {
    const f = this.fleet, theta = gmstAt_rad(utcMs);
    for (let ci = 0; ci < this.built.constellations.length; ci++) {
      const c = this.built.constellations[ci]!;
      if (c.from < fromRow) continue; // rows before fromRow: the pipelined orbit stage's
      this.env.doseRateEciBatch(f.x_m, f.y_m, f.z_m, theta, this.shield_m[ci]!, utcMs, this.doseRate, c.from, c.to, f.status);
    }
  }

  /**
   * A satellite's dose reached the lower limit this step (fused-step.ts calls this; rare): flag the
   * limits it crossed, count its chips, log them at the step's end. Dose limits are per satellite:
   * its chips share its dose.
   */
  private doseLimitCrossed(i: number, d: number): void {
    const flags = this.doseFlags, t = this.stepTime_s + this.dt_s;
    const chips = this.built.constellations[this.built.constellationOfRow[i]!]!.chips;
    const fl = flags[i]!;
    if ((fl & 1) === 0) { flags[i] = fl | 1; this.chipsHbmIrregular += chips; this.log.add(t, RadEvent.HbmIrregularOnset, i); }
    if (d >= TRILLIUM_DOSE_LIMITS.testedNoHardFailure_rad && (flags[i]! & 2) === 0) {
      flags[i]! |= 2; this.chipsBeyondTested += chips; this.log.add(t, RadEvent.BeyondTestedDose, i);
    }
  }

  /** Current battery energy of the whole fleet [J]. */
  private socNow_J(): number {
    let s = 0;
    const soc = this.cols.soc_J;
    for (let i = 0; i < this.fleet.count; i++) s += soc[i]!;
    return s;
  }

  /**
   * The run's result as of now: complete when every step ran, otherwise marked partial with
   * where and why it stopped. Safe to call at any step boundary (e.g. from a Ctrl-C handler).
   */
  result(stop?: { reason: string }): RunResult {
    const partial = !this.done;
    const stopInfo: StopInfo | null = partial ? { step: this.step, reason: stop?.reason ?? 'stopped' } : null;
    const series = this.recorder.table();
    const log = this.log;
    const events = {
      time_s: log.time_s.slice(0, log.count), type: log.type.slice(0, log.count), satellite: log.satellite.slice(0, log.count),
      typeNames: [...LOG_TYPE_NAMES],
      count: log.count,
    };
    const summary = summarise(this, { stop: stopInfo, socStart_J: this.socStart_J, socEnd_J: this.socNow_J(), satellitesFailed: this.satellitesFailed, seriesRows: series.time_s.length, seriesInterval: this.recorder.interval, radEvery: this.radEvery, tracks: { satellites: this.track.rows.length, samples: this.track.count, every_s: this.track.every * this.dt_s } });
    const d0 = this.built.constellations[0]?.design;
    const meta: RunMeta = {
      scenarioName: this.scenario.name, description: this.scenario.description, source: this.scenario.source,
      epochUtcMs: this.scenario.epochUtcMs, duration_s: this.scenario.duration_s, step_s: this.dt_s, satelliteCount: this.fleet.count,
      seed: this.seed, reached_s: this.step * this.dt_s,
    };
    if (d0) { meta.chipMax_K = d0.chipMax_K; meta.radiatorMax_K = d0.radiatorMax_K; }
    return { summary, meta, series, perSatellite: perSatelliteTable(this), events, tracks: this.track.tracks(this.fleet), partial, ...(this.compute ? { compute: this.compute.metrics() } : {}), maintenance: this.health.result() };
  }

  /** Dose per satellite [rad(Si)] and the per-satellite fleet columns, for summaries. */
  /** Pipelined runs: how often and how long [ms] this thread waited for the orbit-stage worker (diagnostics). */
  get orbitStageWaits(): { waits: number; wait_ms: number } | null {
    return this.pipe ? { waits: this.pipe.waits, wait_ms: this.pipe.wait_ms } : null;
  }

  get fleetState(): FleetState {
    return this.fleet;
  }

  dispose(): void {
    this.pipe?.dispose();
    this.built.sgp4?.dispose();
  }
}

/** Run a scenario to the end (or until `opts.signal` aborts) and return its result. */
export async function runTwin(scenario: Scenario, opts: TwinOptions = {}): Promise<RunResult> {
  const run = await TwinRun.create(scenario, opts);
  try {
    return await run.run(opts.signal, opts.progress);
  } finally {
    run.dispose();
  }
}
