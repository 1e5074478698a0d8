import { describe, expect, it } from 'vitest';
import { FleetCapacity } from './cluster.js';
import { JobTable } from './jobs.js';
import { runPolicySuite } from './scheduler.common.case.js';
import { BackfillPolicy, FifoPolicy, makePolicy, POLICY_NAMES, PowerAwarePolicy, ShortestRemainingFirstPolicy } from './scheduler.js';
import { simulate } from './simulate.js';

runPolicySuite('fifo', () => new FifoPolicy());
runPolicySuite('backfill (EASY)', () => new BackfillPolicy());
runPolicySuite('shortest-remaining-first', () => new ShortestRemainingFirstPolicy());
runPolicySuite('power-aware', () => new PowerAwarePolicy());

describe('policies differ where they should', () => {
  // One 8-chip domain: a long 4-chip job runs, an 8-chip job blocks the head, small jobs wait behind it.
  const jobs = (): JobTable => {
    const t = new JobTable();
    t.add({ submit_s: 0, work_s: 36_000, chips: 4 });   // 0: long
    t.add({ submit_s: 60, work_s: 3600, chips: 8 });    // 1: blocked head
    t.add({ submit_s: 120, work_s: 1200, chips: 2 });   // 2: short, fits beside job 0, ends before job 0
    t.add({ submit_s: 180, work_s: 72_000, chips: 4 }); // 3: long, would delay the head
    return t;
  };
  const run = (name: (typeof POLICY_NAMES)[number]): JobTable => {
    const t = jobs();
    simulate(t, new FleetCapacity({ chipsPerSat: 8, satCount: 1 }), { policy: makePolicy(name), checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 } });
    return t;
  };
  it('fifo: the blocked head holds everyone behind it', () => {
    const t = run('fifo');
    expect(t.firstStart_s[2]!).toBeGreaterThanOrEqual(t.firstStart_s[1]!);
  });
  it('backfill: a short job that ends before the reservation jumps ahead; a long one does not', () => {
    const t = run('backfill');
    expect(t.firstStart_s[2]).toBe(120);
    expect(t.firstStart_s[3]!).toBeGreaterThanOrEqual(t.firstStart_s[1]!);
    expect(t.firstStart_s[1]).toBe(36_000); // the reservation held: head starts when job 0 ends
  });
  it('srf: shortest first, so the long job 3 fills the free chips and the head waits longer', () => {
    const t = run('srf');
    expect(t.firstStart_s[2]).toBe(120);
    expect(t.firstStart_s[3]).toBe(1320);
    expect(t.firstStart_s[1]!).toBeGreaterThan(36_000);
  });
});
