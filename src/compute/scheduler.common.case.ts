/**
 * The one test suite every scheduling policy passes (Hono's pattern: a function taking a policy
 * factory). scheduler.test.ts runs it for each policy.
 */
import { describe, expect, it } from 'vitest';
import { FleetCapacity } from './cluster.js';
import { JobState, JobTable } from './jobs.js';
import type { SchedulerContext, SchedulingPolicy } from './scheduler.js';
import { simulate, type SimulationOptions } from './simulate.js';
import { batchMix } from './synthetic.js';
import { periodicEclipses } from './forecast.js';

/** Wraps a policy and checks, at every call, what no policy may break. */
class Checked implements SchedulingPolicy {
  readonly name: string;
  problems: string[] = [];
  calls = 0;
  constructor(private readonly inner: SchedulingPolicy) { this.name = inner.name; }
  schedule(ctx: SchedulerContext): void {
    this.calls++;
    const before = ctx.fleet.audit();
    if (before) this.problems.push(`before: ${before}`);
    const started: number[] = [];
    const orig = ctx.start.bind(ctx);
    const spy = Object.create(ctx) as SchedulerContext;
    spy.start = (j: number, d: number): void => {
      if (ctx.jobs.submit_s[j]! > ctx.now_s) this.problems.push(`job ${j} started before submit`);
      if (ctx.fleet.free[d]! < ctx.jobs.chips[j]!) this.problems.push(`job ${j} started without room in domain ${d}`);
      started.push(j);
      orig(j, d);
    };
    this.inner.schedule(spy);
    const after = ctx.fleet.audit();
    if (after) this.problems.push(`after: ${after}`);
    if (ctx.fleet.busyChips() > ctx.fleet.chipCount) this.problems.push('oversubscribed');
  }
}

export function runPolicySuite(label: string, factory: () => SchedulingPolicy): void {
  describe(`policy suite: ${label}`, () => {
    const mix = (): JobTable => batchMix({ seed: 7, jobs: 400, rate_per_s: 1 / 120, chipChoices: [1, 2, 4, 8, 16], chipWeights: [0.6, 0.15, 0.1, 0.1, 0.05], workMin_s: 60, workMax_s: 6 * 3600, deferrableFraction: 0.2 });
    const fleet = (): FleetCapacity => FleetCapacity.uniform({ satellites: 12, chipsPerSat: 8, satsPerDomain: 4 });

    it('runs every job to completion, none before its submit time, never oversubscribing', () => {
      const p = new Checked(factory());
      const jobs = mix();
      const f = fleet();
      const m = simulate(jobs, f, { policy: p, seed: 1 });
      expect(p.problems).toEqual([]);
      expect(p.calls).toBeGreaterThan(10);
      expect(m.jobs.completed).toBe(400);
      for (let j = 0; j < jobs.count; j++) {
        expect(jobs.state[j]).toBe(JobState.Done);
        expect(jobs.firstStart_s[j]!).toBeGreaterThanOrEqual(jobs.submit_s[j]!);
        // Without faults the job runs its work plus checkpoints: never faster than its work.
        expect(jobs.end_s[j]! - jobs.firstStart_s[j]!).toBeGreaterThanOrEqual(jobs.work_s[j]! - 1e-6);
        expect(Math.abs(jobs.committed_s[j]! - jobs.work_s[j]!)).toBeLessThan(1e-6);
      }
      expect(f.busyChips()).toBe(0);
      expect(f.audit()).toBe('');
    });

    it('is deterministic for a seed, with faults on', () => {
      const opts = (): SimulationOptions => ({ policy: factory(), seed: 3, faults: { hardware: { permanent_per_chip_s: 2e-6, transient_per_chip_s: 5e-6 } } });
      const a = simulate(mix(), fleet(), opts());
      const b = simulate(mix(), fleet(), opts());
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.interruptions).toBeGreaterThan(0);
    });

    it('with faults, finished jobs kept exactly their work and lost work is accounted', () => {
      const p = new Checked(factory());
      const jobs = mix();
      const f = FleetCapacity.uniform({ satellites: 12, chipsPerSat: 8, satsPerDomain: 4, sparesPerSat: 100 });
      const m = simulate(jobs, f, { policy: p, seed: 5, faults: { hardware: { permanent_per_chip_s: 1e-6, transient_per_chip_s: 1e-5 } } });
      expect(p.problems).toEqual([]);
      expect(m.jobs.completed).toBe(400);
      expect(m.lostChipHours).toBeGreaterThan(0);
      for (let j = 0; j < jobs.count; j++) expect(Math.abs(jobs.committed_s[j]! - jobs.work_s[j]!)).toBeLessThan(1e-6);
      // Held time = useful + overhead + lost, per job (chip-seconds balance).
      expect(Math.abs(m.scheduledChipHours - (m.usefulChipHours + m.overheadChipHours + m.lostChipHours))).toBeLessThan(1e-6 * m.scheduledChipHours);
    });

    it('marks a job bigger than any domain unplaceable and still serves the rest', () => {
      const jobs = new JobTable();
      jobs.add({ submit_s: 0, work_s: 600, chips: 33 }); // domains hold 32
      jobs.add({ submit_s: 10, work_s: 600, chips: 4 });
      jobs.add({ submit_s: 20, work_s: 600, chips: 32, minBandwidth_bps: 1e12 }); // links too slow
      const f = FleetCapacity.uniform({ satellites: 8, chipsPerSat: 8, satsPerDomain: 4, linkBandwidth_bps: 1e11 });
      const m = simulate(jobs, f, { policy: factory() });
      expect(m.jobs.unplaceable).toBe(2);
      expect(m.jobs.completed).toBe(1);
      expect(jobs.state[0]).toBe(JobState.Unplaceable);
    });

    it('requeues jobs of a satellite going offline and finishes them after', () => {
      const jobs = new JobTable();
      for (let i = 0; i < 4; i++) jobs.add({ submit_s: 0, work_s: 7200, chips: 8 });
      const f = FleetCapacity.uniform({ satellites: 4, chipsPerSat: 8 });
      const m = simulate(jobs, f, { policy: factory(), faults: { outages: [{ sat: 0, start_s: 1800, end_s: 5400 }] } });
      expect(m.faults.satelliteOffline).toBe(1);
      expect(m.jobs.completed).toBe(4);
      // The displaced job waited for its satellite: it ends after the outage plus the rest of its work.
      let latest = 0;
      for (let j = 0; j < 4; j++) latest = Math.max(latest, jobs.end_s[j]!);
      expect(latest).toBeGreaterThan(5400 + 7200 - 1800 - 600);
    });

    it('runs every job under a power model with eclipses, energy accounted', () => {
      const jobs = batchMix({ seed: 11, jobs: 60, rate_per_s: 1 / 300, chipChoices: [1, 2, 4], chipWeights: [0.5, 0.3, 0.2], workMin_s: 600, workMax_s: 4 * 3600 });
      const f = FleetCapacity.uniform({ satellites: 4, chipsPerSat: 8 });
      const m = simulate(jobs, f, {
        policy: factory(), seed: 2, end_s: 30 * 86_400,
        // Fixed 10-minute checkpoints: without them a job longer than a sunlit arc would restart from scratch at every eclipse shed.
        checkpoint: { mode: 'fixed', interval_s: 600, cost_s: 30, restartCost_s: 60 },
        power: { satCount: 4, arrayPower_W: 10_000, busLoad_W: 1000, chipPower_W: 700, capacity_J: 3.6e6 * 2, socFloor: 0.3, sunlit: periodicEclipses(5700, 2100, 0, 4) },
      });
      expect(m.jobs.completed).toBe(60);
      expect(m.energy).not.toBeNull();
      expect(m.energy!.generated_J).toBeGreaterThan(0);
      expect(m.energy!.clipped_J).toBeGreaterThanOrEqual(0);
      expect(m.energy!.clipped_J).toBeLessThan(m.energy!.generated_J);
    });
  });
}
