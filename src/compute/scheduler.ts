/**
 * Scheduling policies behind ONE interface. At each step boundary the simulator hands the policy
 * a context (queue in arrival order, running jobs, fleet capacity, power view) and the policy
 * calls `ctx.start(job, domain)` for the jobs it starts now, and, if it manages energy,
 * `ctx.checkpointAndRequeue(job)` for running jobs it moves off satellites heading into a
 * shortfall. Placement is shared: `FleetCapacity.bestFit` (smallest domain that holds the job,
 * with the link bandwidth it needs, under the satellites' power caps).
 *
 * - fifo: strict arrival order; the first job that does not fit blocks the queue.
 * - backfill: EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): the blocked head gets a
 *   reservation (the domain and time where enough chips free up, from running jobs' expected
 *   ends); later jobs start now if they do not delay it. Looks at most `depth` jobs (default
 *   1,000, as Slurm's bf_max_job_test bounds its backfill scan).
 * - srf: shortest remaining work first, non-preemptive, greedy (a job that does not fit is
 *   skipped; big jobs can starve: that is the policy's known cost).
 * - power-aware: EASY backfill plus energy management from the power forecast: a satellite's
 *   cap is what it can carry through the guard window ahead; jobs on a satellite whose forecast
 *   says the battery will reach its floor within that window are checkpointed and queued again
 *   (deferred to sunlight or migrated to a satellite with energy) BEFORE the floor forces a shed
 *   that loses their work; deferrable jobs start only on sunlight surplus (chips the arrays alone
 *   power now).
 */
import type { FleetCapacity } from './cluster.js';
import { JobState, type JobTable } from './jobs.js';

/** Power state per satellite for power-aware policies [chips]. */
export interface PowerView {
  /** Chips each satellite can run through the whole forecast horizon (orbits) without going below its battery floor. */
  sustainable: Int32Array;
  /** Chips each satellite can run through the short guard window ahead (a few steps) above its floor. */
  guard: Int32Array;
  /** Chips the arrays alone can power now (no battery). */
  sunChips: Int32Array;
}

export interface SchedulerContext {
  readonly now_s: number;
  readonly jobs: JobTable;
  readonly fleet: FleetCapacity;
  /** Queued job rows in queue order (arrival, then row), entries 0..queueLength−1. */
  readonly queue: Int32Array;
  readonly queueLength: number;
  /** Running job rows, entries 0..runningCount−1 (no order). */
  readonly running: Int32Array;
  readonly runningCount: number;
  /** Null when the run has no power model. */
  readonly power: PowerView | null;
  /** Work left [s], counting from the last checkpoint. */
  remaining_s(job: number): number;
  /** When a running job ends if nothing fails [s]. */
  expectedEnd_s(job: number): number;
  /** Time a queued job would hold chips if started now and nothing failed [s]. */
  expectedRun_s(job: number): number;
  /** Start queued `job` in domain `d` now (needs fleet.free[d] ≥ chips). */
  start(job: number, d: number): void;
  /** Checkpoint running `job` (no work lost, checkpoint cost paid) and queue it again. */
  checkpointAndRequeue(job: number): void;
  /** Running job rows holding chips on satellite `s`, into `out`; returns how many. */
  jobsOnSatellite(s: number, out: Int32Array): number;
}

export interface SchedulingPolicy {
  readonly name: string;
  schedule(ctx: SchedulerContext): void;
}

export type PolicyName = 'fifo' | 'backfill' | 'srf' | 'power-aware';
export const POLICY_NAMES: readonly PolicyName[] = ['fifo', 'backfill', 'srf', 'power-aware'];

export function makePolicy(name: PolicyName, opts: { depth?: number } = {}): SchedulingPolicy {
  switch (name) {
    case 'fifo': return new FifoPolicy();
    case 'backfill': return new BackfillPolicy(opts.depth);
    case 'srf': return new ShortestRemainingFirstPolicy();
    case 'power-aware': return new PowerAwarePolicy(opts.depth);
  }
}

export class FifoPolicy implements SchedulingPolicy {
  readonly name = 'fifo';
  schedule(ctx: SchedulerContext): void {
    const { jobs, fleet } = ctx;
    for (let q = 0; q < ctx.queueLength; q++) {
      const j = ctx.queue[q]!;
      const d = fleet.bestFit(jobs.chips[j]!, jobs.minBandwidth_bps[j]!);
      if (d < 0) return;
      ctx.start(j, d);
    }
  }
}

/** Growable scratch columns, kept by a policy across calls (no allocation per step once grown). */
class Scratch {
  idx = new Int32Array(256);
  key = new Float64Array(256);
  ensure(n: number): void {
    if (this.idx.length < n) { this.idx = new Int32Array(n * 2); this.key = new Float64Array(n * 2); }
  }
}

export class BackfillPolicy implements SchedulingPolicy {
  readonly name: string = 'backfill';
  private readonly s = new Scratch();
  private endOf = new Float64Array(256);
  constructor(readonly depth = 1000) {}

  /** Whether queued job j may start now (hook for power-aware gates). */
  protected admissible(_ctx: SchedulerContext, _j: number, _d: number): boolean {
    return true;
  }

  /** Best-fit domain for j other than `avoid`, admissible; −1 if none. */
  protected fit(ctx: SchedulerContext, j: number, avoid: number): number {
    const { fleet, jobs } = ctx;
    const k = jobs.chips[j]!, bw = jobs.minBandwidth_bps[j]!;
    let best = -1, bestFree = Infinity;
    for (let d = 0; d < fleet.domainCount; d++) {
      const f = fleet.free[d]!;
      if (d !== avoid && f >= k && f < bestFree && fleet.bandwidthOk(d, bw) && this.admissible(ctx, j, d)) { best = d; bestFree = f; }
    }
    return best;
  }

  schedule(ctx: SchedulerContext): void {
    const { jobs, fleet } = ctx;
    let q = 0;
    // Start in order while the head fits.
    for (; q < ctx.queueLength; q++) {
      const j = ctx.queue[q]!;
      const d = this.fit(ctx, j, -1);
      if (d < 0) break;
      ctx.start(j, d);
    }
    if (q >= ctx.queueLength) return;
    // The head is blocked: reserve the domain where it can start soonest.
    const head = ctx.queue[q]!;
    const need = jobs.chips[head]!, bw = jobs.minBandwidth_bps[head]!;
    let resD = -1, shadow = Infinity, extra = 0;
    this.s.ensure(ctx.runningCount);
    if (this.endOf.length < jobs.count) this.endOf = new Float64Array(jobs.count * 2);
    const idx = this.s.idx, end = this.endOf;
    for (let d = 0; d < fleet.domainCount; d++) {
      if (!fleet.bandwidthOk(d, bw) || fleet.potential[d]! < need) continue;
      let n = 0;
      for (let r = 0; r < ctx.runningCount; r++) {
        const j = ctx.running[r]!;
        if (jobs.domain[j] === d) { idx[n++] = j; end[j] = ctx.expectedEnd_s(j); }
      }
      idx.subarray(0, n).sort((a, b) => end[a]! - end[b]! || a - b);
      let freeAt = fleet.free[d]!;
      for (let i = 0; i < n && freeAt < need; i++) {
        const j = idx[i]!;
        freeAt += jobs.chips[j]!;
        if (freeAt >= need && end[j]! < shadow) { shadow = end[j]!; resD = d; extra = freeAt - need; }
      }
    }
    // Backfill behind the reservation.
    const last = Math.min(ctx.queueLength, q + 1 + this.depth);
    for (let p = q + 1; p < last; p++) {
      const j = ctx.queue[p]!;
      let d = this.fit(ctx, j, resD);
      if (d < 0 && resD >= 0 && fleet.free[resD]! >= jobs.chips[j]! && fleet.bandwidthOk(resD, jobs.minBandwidth_bps[j]!) && this.admissible(ctx, j, resD)) {
        if (ctx.now_s + ctx.expectedRun_s(j) <= shadow) d = resD;
        else if (jobs.chips[j]! <= extra) { d = resD; extra -= jobs.chips[j]!; }
      }
      if (d >= 0) ctx.start(j, d);
    }
  }
}

export class ShortestRemainingFirstPolicy implements SchedulingPolicy {
  readonly name = 'srf';
  private readonly s = new Scratch();
  schedule(ctx: SchedulerContext): void {
    const { jobs, fleet } = ctx;
    const n = ctx.queueLength;
    this.s.ensure(n);
    const idx = this.s.idx, key = this.s.key;
    for (let q = 0; q < n; q++) { idx[q] = q; key[q] = ctx.remaining_s(ctx.queue[q]!); }
    // Stable by queue position on equal remaining work.
    idx.subarray(0, n).sort((a, b) => key[a]! - key[b]! || a - b);
    for (let i = 0; i < n; i++) {
      const j = ctx.queue[idx[i]!]!;
      const d = fleet.bestFit(jobs.chips[j]!, jobs.minBandwidth_bps[j]!);
      if (d >= 0) ctx.start(j, d);
    }
  }
}

export class PowerAwarePolicy extends BackfillPolicy {
  override readonly name = 'power-aware';
  private onSat = new Int32Array(64);

  protected override admissible(ctx: SchedulerContext, j: number, d: number): boolean {
    const p = ctx.power;
    if (p === null || ctx.jobs.deferrable[j] === 0) return true;
    // Deferrable work runs on sunlight surplus only: chips the arrays power now, beyond those busy.
    const f = ctx.fleet;
    let surplus = 0;
    for (let s = f.domainSatStart[d]!; s < f.domainSatStart[d + 1]!; s++) surplus += Math.max(0, p.sunChips[s]! - f.busy[s]!);
    return surplus >= ctx.jobs.chips[j]!;
  }

  override schedule(ctx: SchedulerContext): void {
    const p = ctx.power, f = ctx.fleet;
    if (p !== null) {
      for (let s = 0; s < f.satCount; s++) {
        const sus = p.guard[s]!;
        if (f.cap[s]! > sus) f.setCap(s, sus);
        // Move jobs off a satellite that cannot carry them through the horizon, before it must shed.
        if (f.busy[s]! > sus) {
          if (this.onSat.length < f.chipStart[s + 1]! - f.chipStart[s]!) this.onSat = new Int32Array(f.chipStart[s + 1]! - f.chipStart[s]!);
          const n = ctx.jobsOnSatellite(s, this.onSat);
          for (let i = 0; i < n && f.busy[s]! > sus; i++) {
            const j = this.onSat[i]!;
            if (ctx.jobs.state[j] === JobState.Running) ctx.checkpointAndRequeue(j);
          }
        }
      }
    }
    super.schedule(ctx);
  }
}
