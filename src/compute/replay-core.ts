/**
 * The replay core: jobs on a fleet capacity model, time-stepped on a fixed grid (default 60 s, the
 * twin's step) with exact event times inside a step.
 *
 * Why stepped: the twin advances orbit, power and thermal per step, and scheduling, satellite
 * state and power caps change at step boundaries (DESIGN.md: events are applied at step
 * boundaries). Inside a step, each running job's state (restoring → computing → checkpointing,
 * closed form) is advanced to the exact time of any fault that hits it, so the work lost is exact,
 * not rounded to a step. When nothing runs and nothing waits, the engine jumps to the next
 * arrival's step (event-driven idling; failure and radiation processes still cover the gap).
 *
 * Order at each boundary t: release finished jobs → satellite outages starting/ending → arrivals
 * → power caps (physics), shedding where the battery cannot carry the load → inference pool top
 * up → policy → faults in [t, t+dt) at their times → advance running jobs to t+dt → energy,
 * inference service, metrics. Deterministic for a seed: no Math.random, no wall clock, fixed
 * iteration orders.
 *
 * Hot loop: job, chip and satellite state live in typed columns (jobs.ts, cluster.ts); no object
 * per job or per step.
 *
 * Concepts in their own modules: a job's progress inside a step and its time estimates
 * (replay-progress.ts), the fault sources (replay-faults.ts), the power forecast
 * (replay-power.ts), the thermal caps (replay-thermal.ts) and the inference pool with its network
 * limits (replay-pool.ts).
 *
 * Stepping: `ReplayCore` exposes the loop's two halves, `boundary(t)` (everything at a step
 * boundary, ending with the policy) and `interval(t, t1)` (faults and progress inside a step),
 * so that two drivers share one implementation: `simulate()` (simulate.ts, a trace replay with its
 * own power and radiation models) and the twin's compute stage (src/twin/compute-stage.ts), which
 * feeds in the twin's satellite status, radiation events, battery state and power shortfalls.
 */
import { OrbitdcError } from '../core/errors.js';
import { Status } from '../core/status.js';
import { DEFAULT_CHECKPOINT, intervalFor, type CheckpointPolicy } from './checkpoint.js';
import type { FleetCapacity } from './cluster.js';
import { actionOf, FaultAction, FaultCause, FAULT_CAUSE_NAMES } from './faults.js';
import { EnergyModel } from './forecast.js';
import { FluidServer, type InferenceNetworkTotals } from './inference.js';
import { JobPhase, JobState, type JobTable } from './jobs.js';
import type { PowerView, SchedulerContext } from './scheduler.js';
import { summarize, type ReplayMetrics } from './metrics.js';
import type { Outage, RunState, SimulationOptions } from './replay-options.js';
import { FaultSources } from './replay-faults.js';
import { InferencePool } from './replay-pool.js';
import { PowerForecast } from './replay-power.js';
import { advanceJob, ckptCost_s, expectedEnd_s, expectedRun_s, remainingWork_s, restartCost_s } from './replay-progress.js';
import { ThermalCaps } from './replay-thermal.js';

export { DEFAULT_SDC_DETECTION, type Outage, type RunState, type SimulationOptions } from './replay-options.js';

export class ReplayCore implements SchedulerContext {
  now_s = 0;
  readonly jobs: JobTable;
  readonly fleet: FleetCapacity;
  queue: Int32Array;
  queueLength = 0;
  running: Int32Array;
  runningCount = 0;
  power: PowerView | null = null;
  private readonly o: SimulationOptions;
  private readonly dt: number;
  private readonly ck: CheckpointPolicy;
  private readonly pos: Int32Array; // position in `running` (−1 if not running)
  private readonly stamp: Int32Array;
  private stampGen = 1;
  /** Hardware, radiation and pushed-in faults (replay-faults.ts). */
  private readonly faults: FaultSources;
  private readonly failOut = { job: -1, replaced: false };
  private readonly st: RunState;
  private readonly sun: Float64Array | null = null;
  private readonly outStart: Outage[];
  private readonly outEnd: Outage[];
  /** The inference pool (replay-pool.ts); its owner id is one past the last job row. */
  private readonly pool: InferencePool;
  private readonly poolId: number;
  /** What the network cost the inference service (inference.ts networkLimitedRate). */
  readonly inferenceNet: InferenceNetworkTotals;
  /** Jobs stopped because a link between their satellites went down (stopJob). */
  linkDownJobs = 0;
  /** Set when chips or satellites die: queued jobs may no longer fit anywhere. */
  private potentialDirty = false;
  private readonly forecast: PowerForecast;
  private readonly maxChips: Int32Array;
  /** Thermal caps per satellite [chips] (setThermalCap, replay-thermal.ts): placement, and the running chips kept. */
  private readonly heat: ThermalCaps;
  /** Chip-seconds withheld by the thermal cap (chips the power cap allowed but the radiator could not carry). */
  thermalCappedChip_s = 0;
  /** Jobs stopped because their satellite's thermal cap fell below its running chips. */
  thermalShedJobs = 0;

  constructor(jobs: JobTable, fleet: FleetCapacity, o: SimulationOptions) {
    this.jobs = jobs; this.fleet = fleet; this.o = o;
    this.dt = o.dt_s ?? 60;
    if (!(this.dt > 0)) throw new OrbitdcError('E_ARGUMENT', 'step must be > 0 s', { field: 'dt_s', expected: '> 0', found: String(this.dt) });
    this.ck = o.checkpoint ?? DEFAULT_CHECKPOINT;
    const n = jobs.count;
    this.queue = new Int32Array(Math.max(16, n));
    this.running = new Int32Array(Math.max(16, n));
    this.pos = new Int32Array(n + 1).fill(-1);
    this.stamp = new Int32Array(n + 1);
    this.poolId = n; // owner id of inference pool chips: one past the last job row
    this.pool = new InferencePool(n, fleet, o.inference, this.dt);
    this.inferenceNet = this.pool.net;
    this.faults = new FaultSources(fleet, o.faults, o.seed ?? 1);
    const outs = o.faults?.outages ?? [];
    this.outStart = [...outs].sort((a, b) => a.start_s - b.start_s || a.sat - b.sat);
    this.outEnd = outs.filter((x) => Number.isFinite(x.end_s)).sort((a, b) => a.end_s - b.end_s || a.sat - b.sat);
    this.maxChips = new Int32Array(fleet.satCount);
    for (let s = 0; s < fleet.satCount; s++) this.maxChips[s] = fleet.chipStart[s + 1]! - fleet.chipStart[s]!;
    this.forecast = new PowerForecast(this.dt, this.maxChips);
    this.heat = new ThermalCaps(this.maxChips);
    let energy: EnergyModel | null = null;
    if (o.power) {
      energy = new EnergyModel({ ...o.power, satCount: fleet.satCount });
      this.sun = new Float64Array(fleet.satCount);
      this.power = { sustainable: Int32Array.from(this.maxChips), guard: Int32Array.from(this.maxChips), sunChips: new Int32Array(fleet.satCount) };
    }
    this.st = {
      jobs, fleet, start_s: 0, end_s: 0, steps: 0, busyChip_s: 0, upChip_s: 0,
      faultsByCause: new Float64Array(FAULT_CAUSE_NAMES.length), interruptions: 0,
      timeline: { time_s: [], cause: [], job: [], chip: [] }, series: { time_s: [], utilization: [], queued: [], running: [] },
      energy, shedJobs: 0, migrations: 0, inference: o.inference ? new FluidServer() : null, poolChip_s: 0, unplaceable: 0,
    };
  }

  // ---- SchedulerContext ----
  // Time estimates the policy reads (replay-progress.ts).
  remaining_s(j: number): number { return remainingWork_s(this.jobs, j); }
  expectedEnd_s(j: number): number { return expectedEnd_s(this.jobs, j, this.ck); }
  expectedRun_s(j: number): number { return expectedRun_s(this.jobs, j, this.ck, this.faults.ratePerChip_s); }

  start(j: number, d: number): void {
    const J = this.jobs, F = this.fleet;
    if (J.state[j] !== JobState.Queued) throw new OrbitdcError('E_INTERNAL', `policy started job ${j} in state ${J.state[j]}`);
    J.allocStart[j] = F.allocate(j, d, J.chips[j]!, J.allocStart[j]!);
    J.domain[j] = d;
    J.state[j] = JobState.Running;
    const t = this.now_s;
    J.queued_s[j]! += t - J.lastQueued_s[j]!;
    if (Number.isNaN(J.firstStart_s[j]!)) J.firstStart_s[j] = t;
    J.clock_s[j] = t;
    // A first start pays nothing; a restart reloads the checkpoint.
    J.phase[j] = J.interruptions[j]! > 0 ? JobPhase.Restoring : JobPhase.Computing;
    J.phaseLeft_s[j] = J.interruptions[j]! > 0 ? this.ckRestart(j) : 0;
    if (!J.fixedInterval[j]) J.ckptInterval_s[j] = intervalFor(this.ck, J.chips[j]!, this.faults.ratePerChip_s);
    this.pos[j] = this.runningCount;
    this.running[this.runningCount++] = j;
  }

  checkpointAndRequeue(j: number): void {
    const J = this.jobs;
    if (J.state[j] !== JobState.Running) return;
    // Graceful: the work since the last checkpoint is saved (the checkpoint's cost is charged as overhead).
    J.committed_s[j]! += J.uncommitted_s[j]!;
    J.uncommitted_s[j] = 0;
    J.overhead_s[j]! += this.ckCost(j);
    J.interruptions[j]!++;
    this.st.migrations++;
    this.stopRunning(j, this.now_s);
  }

  jobsOnSatellite(s: number, out: Int32Array): number {
    const F = this.fleet;
    const g = ++this.stampGen;
    let n = 0;
    for (let c = F.chipStart[s]!; c < F.chipStart[s + 1]!; c++) {
      const j = F.owner[c]!;
      if (j >= 0 && j !== this.poolId && this.stamp[j] !== g) { this.stamp[j] = g; out[n++] = j; }
    }
    return n;
  }

  // ---- helpers ----
  private ckCost(j: number): number { return ckptCost_s(this.jobs, j, this.ck); }
  private ckRestart(j: number): number { return restartCost_s(this.jobs, j, this.ck); }

  private enqueue(j: number, t: number): void {
    const J = this.jobs;
    J.state[j] = JobState.Queued;
    J.lastQueued_s[j] = t;
    // Insert by (submit, row): a requeued job goes back ahead of those that came after it.
    const sj = J.submit_s[j]!;
    let i = this.queueLength;
    while (i > 0) {
      const k = this.queue[i - 1]!;
      const sk = J.submit_s[k]!;
      if (sk < sj || (sk === sj && k < j)) break;
      this.queue[i] = k;
      i--;
    }
    this.queue[i] = j;
    this.queueLength++;
  }

  private compactQueue(): void {
    let w = 0;
    for (let r = 0; r < this.queueLength; r++) {
      const j = this.queue[r]!;
      if (this.jobs.state[j] === JobState.Queued) this.queue[w++] = j;
    }
    this.queueLength = w;
  }

  /** Take j out of the running set, give its chips back, queue it again at time t. */
  private stopRunning(j: number, t: number): void {
    const J = this.jobs;
    this.fleet.release(j, J.allocStart[j]!, J.chips[j]!);
    this.removeRunning(j);
    J.domain[j] = -1;
    this.enqueue(j, t);
  }

  private removeRunning(j: number): void {
    const p = this.pos[j]!;
    const last = this.running[--this.runningCount]!;
    this.running[p] = last;
    this.pos[last] = p;
    this.pos[j] = -1;
  }

  /** Advance running job j's state to time t (closed form per phase, replay-progress.ts). */
  private advance(j: number, t: number): void {
    advanceJob(this.jobs, j, t, this.ck);
  }

  private interrupt(j: number, t: number, cause: number, chip: number, requeue: boolean, causeName: string = FAULT_CAUSE_NAMES[cause]!): void {
    const J = this.jobs, st = this.st;
    this.advance(j, t);
    if (!Number.isNaN(J.end_s[j]!)) return; // finished earlier in this step
    J.lost_s[j]! += J.uncommitted_s[j]!;
    J.uncommitted_s[j] = 0;
    J.interruptions[j]!++;
    st.interruptions++;
    this.log(t, causeName, j, chip);
    if (requeue) { this.stopRunning(j, t); return; }
    J.rollbacks[j]!++;
    J.phase[j] = JobPhase.Restoring;
    J.phaseLeft_s[j] = this.ckRestart(j);
  }

  private log(t: number, cause: string, j: number, chip: number): void {
    const tl = this.st.timeline;
    if (tl.time_s.length >= (this.o.maxTimeline ?? 10_000)) return;
    tl.time_s.push(t); tl.cause.push(cause); tl.job.push(j); tl.chip.push(chip);
  }

  private applyFault(t: number, c: number, cause: number): void {
    const F = this.fleet, J = this.jobs;
    this.st.faultsByCause[cause]!++;
    if (cause === FaultCause.ChipPermanent) {
      F.failChip(c, this.failOut);
      const j = this.failOut.job;
      if (j === this.poolId) { if (!this.failOut.replaced) this.pool.chipLost(F.satOfChip[c]!); return; }
      if (!this.failOut.replaced) this.potentialDirty = true;
      if (j >= 0) this.interrupt(j, t, cause, c, !this.failOut.replaced);
      return;
    }
    const j = F.owner[c]!;
    if (j < 0 || j === this.poolId) return;
    if (cause === FaultCause.SdcUndetected) { J.undetectedSdc[j]!++; this.log(t, FAULT_CAUSE_NAMES[cause]!, j, c); return; }
    const a = actionOf(cause);
    if (a !== FaultAction.None) this.interrupt(j, t, cause, c, a === FaultAction.Requeue);
  }

  private faultsOver(t0: number, t1: number): void {
    const ev = this.faults.collect(t0, t1);
    for (let i = 0; i < ev.count; i++) { const r = ev.order[i]!; this.applyFault(ev.time_s[r]!, ev.chip[r]!, ev.cause[r]!); }
  }

  private satDown(s: number, t: number, status: number): void {
    const F = this.fleet;
    if (F.satStatus[s] === Status.Failed) return;
    F.setStatus(s, status);
    if (status === Status.Failed) this.potentialDirty = true;
    const g = ++this.stampGen;
    for (let c = F.chipStart[s]!; c < F.chipStart[s + 1]!; c++) {
      const j = F.owner[c]!;
      // Inference pool chips leave the pool (it tops up elsewhere at the next boundary).
      if (j === this.poolId) { F.releaseChip(c); this.pool.chipLost(s); continue; }
      if (j >= 0 && this.stamp[j] !== g) { this.stamp[j] = g; this.st.faultsByCause[FaultCause.SatelliteOffline]!++; this.interrupt(j, t, FaultCause.SatelliteOffline, c, true); }
    }
  }

  private powerCaps(t: number): void {
    const E = this.st.energy, sun = this.sun, F = this.fleet, P = this.power;
    this.heat.withheld = 0;
    if (!E || !sun || !P || !this.o.power) {
      // No power model: the thermal cap alone (when a caller sets one).
      if (this.heat.active) for (let s = 0; s < F.satCount; s++) this.capSat(s, this.maxChips[s]!, t);
      return;
    }
    this.o.power.sunlit(t, sun);
    for (let s = 0; s < F.satCount; s++) {
      const f = sun[s]!;
      P.sunChips[s] = E.sunChips(s, f, this.maxChips[s]!);
      this.capSat(s, E.affordableChips(s, f, this.dt, this.maxChips[s]!), t);
    }
    this.forecast.update(E, this.o.power, t, P); // replay-power.ts
  }

  /**
   * Satellite s's cap: the chips its power affords, lowered to its thermal cap when one is set
   * (setThermalCap); running jobs beyond it stop at t. Counts the chips the heat alone withholds.
   */
  private capSat(s: number, powerAfford: number, t: number): void {
    const F = this.fleet;
    F.setCap(s, this.heat.place(s, powerAfford, F));
    const keep = this.heat.keep;
    // Over both caps: a power shed (the battery could not carry it either); over the thermal keep cap only: a thermal shed.
    if (F.busy[s]! > keep) this.shed(s, keep, t, F.busy[s]! <= powerAfford);
  }

  private shedBuf = new Int32Array(64);
  /**
   * The battery (or with `heat`, the radiator) cannot carry the load: jobs on s stop (work since
   * their checkpoint lost) until it fits. Thermal sheds count in `thermalShedJobs`, not as power
   * sheds; in the fault timeline both read `powerShed` (the requeue cause).
   */
  private shed(s: number, afford: number, t: number, heat = false): void {
    const F = this.fleet;
    if (this.shedBuf.length < this.maxChips[s]!) this.shedBuf = new Int32Array(this.maxChips[s]!);
    const n = this.jobsOnSatellite(s, this.shedBuf);
    for (let i = 0; i < n && F.busy[s]! > afford; i++) {
      if (heat) this.thermalShedJobs++;
      else { this.st.faultsByCause[FaultCause.PowerShed]!++; this.st.shedJobs++; }
      this.interrupt(this.shedBuf[i]!, t, FaultCause.PowerShed, -1, true);
    }
  }

  // ---- stepping ----
  private order = new Int32Array(0);
  private next = 0;
  private done = 0;
  private oS = 0;
  private oE = 0;
  private nextSample = 0;
  /** End of the inference demand [s] (−Infinity without inference). */
  demandEnd_s = -Infinity;
  /** Last submit time [s] (the start when there are no jobs). */
  lastSubmit_s = 0;

  /**
   * Reset the jobs' run columns and start the clock. Returns the start time: `start_s`, else the
   * first submit (or the inference demand's start) floored to the step grid.
   */
  begin(start_s?: number): number {
    const J = this.jobs, dt = this.dt;
    J.resetRun();
    const n = J.count;
    const order = this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => J.submit_s[a]! - J.submit_s[b]! || a - b);
    const firstSubmit = n > 0 ? J.submit_s[order[0]!]! : (this.o.inference?.demand.start_s ?? 0);
    const t0 = start_s ?? Math.floor(firstSubmit / dt) * dt;
    const inf = this.o.inference;
    this.demandEnd_s = inf ? inf.demand.start_s + inf.demand.tokens.length * inf.demand.bucket_s : -Infinity;
    this.lastSubmit_s = n > 0 ? J.submit_s[order[n - 1]!]! : t0;
    this.next = 0; this.done = 0; this.oS = 0; this.oE = 0;
    this.nextSample = t0;
    this.st.start_s = t0;
    this.st.end_s = t0;
    return t0;
  }

  /** Jobs submitted so far plus jobs finished (for progress). */
  get progressCount(): number { return this.next + this.done; }

  /** True at t when every job has been submitted and finished, nothing waits, and the inference demand is over. */
  finishedAt(t: number): boolean {
    return this.next >= this.jobs.count && this.queueLength === 0 && this.runningCount === 0 && t >= this.demandEnd_s;
  }

  /** With nothing running or waiting, the step boundary of the next arrival (≥ t + dt); else t + dt. */
  nextStepFrom(t: number, t0: number, hardEnd: number): number {
    const J = this.jobs, dt = this.dt;
    let t1 = t + dt;
    if (this.runningCount === 0 && this.queueLength === 0 && !this.o.inference && !this.o.power && this.next < J.count) {
      const tn = t0 + Math.floor((J.submit_s[this.order[this.next]!]! - t0) / dt) * dt;
      if (tn > t1) t1 = Math.min(tn, hardEnd);
    }
    return t1;
  }

  /**
   * Everything at the step boundary t: release finished jobs → outages starting/ending → arrivals
   * → jobs that can no longer fit anywhere → power caps (and sheds) → inference pool → policy.
   */
  boundary(t: number): void {
    const J = this.jobs, F = this.fleet, st = this.st, n = J.count, order = this.order;
    this.now_s = t;
    // Finished jobs wait in `running` until the boundary; collect them here.
    for (let r = 0; r < this.runningCount;) {
      const j = this.running[r]!;
      if (!Number.isNaN(J.end_s[j]!)) {
        F.release(j, J.allocStart[j]!, J.chips[j]!);
        J.state[j] = JobState.Done;
        this.removeRunning(j);
        this.done++;
      } else r++;
    }
    while (this.oE < this.outEnd.length && this.outEnd[this.oE]!.end_s <= t) { const x = this.outEnd[this.oE++]!; if (F.satStatus[x.sat] === Status.Offline) F.setStatus(x.sat, Status.Ok); }
    while (this.oS < this.outStart.length && this.outStart[this.oS]!.start_s <= t) {
      const x = this.outStart[this.oS++]!;
      if (x.end_s > t) this.satDown(x.sat, t, Number.isFinite(x.end_s) ? Status.Offline : Status.Failed);
    }
    while (this.next < n && J.submit_s[order[this.next]!]! <= t) {
      const j = order[this.next++]!;
      if (J.chips[j]! > F.maxPotential(J.minBandwidth_bps[j]!)) { J.state[j] = JobState.Unplaceable; st.unplaceable++; continue; }
      this.enqueue(j, J.submit_s[j]!);
    }
    if (this.potentialDirty) {
      this.potentialDirty = false;
      for (let q = 0; q < this.queueLength; q++) {
        const j = this.queue[q]!;
        if (J.chips[j]! > F.maxPotential(J.minBandwidth_bps[j]!)) { J.state[j] = JobState.Unplaceable; st.unplaceable++; }
      }
      this.compactQueue();
    }
    this.powerCaps(t);
    this.pool.topUp();
    if (this.queueLength > 0 || this.power !== null) {
      this.o.policy.schedule(this);
      this.compactQueue();
    }
  }

  /**
   * The step [t, t1): faults at their times (hardware, radiation, and events pushed with
   * `pushRadiationEvent`), running jobs advanced to t1, chip-time, energy and inference accounting,
   * the sampled series.
   */
  interval(t: number, t1: number): void {
    const F = this.fleet, st = this.st;
    this.faultsOver(t, t1);
    for (let r = 0; r < this.runningCount; r++) this.advance(this.running[r]!, t1);
    const span = t1 - t;
    const busy = F.busyChips(), up = F.upChips();
    st.busyChip_s += busy * span;
    st.upChip_s += up * span;
    this.thermalCappedChip_s += this.heat.withheld * span;
    if (st.energy && this.sun) {
      for (let s = 0; s < F.satCount; s++) {
        if (!st.energy.stepSat(s, F.satStatus[s] === Status.Failed ? 0 : this.sun[s]!, F.busy[s]!, span)) st.energy.busShortfalls++;
      }
    }
    this.pool.serve(t, st);
    if (t >= this.nextSample) {
      st.series.time_s.push(t); st.series.utilization.push(up > 0 ? busy / up : 0);
      st.series.queued.push(this.queueLength); st.series.running.push(this.runningCount);
      this.nextSample = t + (this.o.sampleEvery_s ?? 3600);
    }
    st.steps++;
    st.end_s = t1;
  }

  /** The metrics of the run so far (from the start to the end of the last interval). */
  metrics(): ReplayMetrics {
    return summarize(this.st, this.o.policy.name, this.ck);
  }

  // ---- inputs from an outside world model (the twin) ----

  /**
   * A radiation event (src/spacecraft/radiation-effects.ts code) on `chip` at `time_s`, applied in
   * the next `interval` that covers it, as the replay's own radiation events are: SDCs detected
   * with the run's probability, crashes and HBM errors roll back, dose flags counted.
   */
  pushRadiationEvent(time_s: number, chip: number, code: number): void {
    this.faults.pushRadiation(time_s, chip, code);
  }

  /**
   * Satellite s is now Ok, Offline or Failed (the twin's status). Going down interrupts its jobs
   * at t (requeued, work since their checkpoint lost); Failed is for good.
   */
  setSatelliteStatus(s: number, status: number, t: number): void {
    const F = this.fleet, cur = F.satStatus[s]!;
    if (cur === status || cur === Status.Failed) return;
    if (status === Status.Ok) F.setStatus(s, Status.Ok);
    else this.satDown(s, t, status);
  }

  /** Satellite s could power only `chips` running chips: stop jobs on it at t until it fits (counted as power sheds). */
  shedTo(s: number, chips: number, t: number): void {
    if (this.fleet.busy[s]! > chips) this.shed(s, Math.max(0, chips), t);
  }

  /** No thermal cap from the next boundary on (the power cap alone). */
  clearThermalCaps(): void {
    this.heat.clear();
  }

  /**
   * Thermal headroom of satellite s from the next boundary on (the twin's radiator,
   * src/twin/compute-thermal.ts), a cap like the power cap (the lower of the two holds): new work
   * is placed up to `chips` (what the radiator sustains; chips above are PARKED), and running jobs
   * stop only beyond `keepChips` (what it carries over the coming step, ≥ chips), so that a job
   * started on sustainable headroom is not stopped by a passing change. Kept until set again.
   */
  setThermalCap(s: number, chips: number, keepChips = chips): void {
    this.heat.set(s, chips, keepChips);
  }

  /**
   * The network's limits on inference (a twin run with a `network`): pool chips on satellites
   * with groundPath[s] ≠ 1 do not serve, and the pool serves at most cap_tok_s (the downlink ÷
   * bits per token). Kept until set again; the array is read, not copied.
   */
  setInferenceNetwork(groundPath: Uint8Array | null, cap_tok_s: number): void {
    this.pool.setNetwork(groundPath, cap_tok_s);
  }

  /**
   * Running job j lost a link it needs (network: a link inside its placement domain went down):
   * it stops at t, work since its checkpoint lost, and queues again. Logged as `cause`.
   */
  stopJob(j: number, t: number, cause = 'linkDown'): void {
    if (this.jobs.state[j] !== JobState.Running) return;
    this.linkDownJobs++;
    this.interrupt(j, t, FaultCause.SatelliteOffline, -1, true, cause);
  }

  /** The run's battery model (null without power), for a caller that knows the true state of charge. */
  get energyModel(): EnergyModel | null { return this.st.energy; }

  /** Sunlit fraction per satellite used for the energy accounting of the coming interval (overwritten at each boundary). */
  get sunNow(): Float64Array | null { return this.sun; }
}
