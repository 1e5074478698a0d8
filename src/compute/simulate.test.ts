import { describe, expect, it } from 'vitest';
import { expectedEfficiency, youngDalyInterval_s } from './checkpoint.js';
import { FleetCapacity } from './cluster.js';
import { LLAMA3_FAILURES } from './faults.js';
import { periodicEclipses } from './forecast.js';
import { InferenceRequests, tokenDemand } from './inference.js';
import { JobTable } from './jobs.js';
import { FifoPolicy, makePolicy } from './scheduler.js';
import { simulate } from './simulate.js';
import { batchMix } from './synthetic.js';

/**
 * Independent FIFO replay on one pool of N chips, written from the rules alone: a job starts at
 * the first grid time ≥ its submit time, ≥ the previous job's start (FIFO), where enough chips
 * are free; a job ending at time e frees its chips at the first grid time ≥ e.
 */
function fifoReference(jobs: JobTable, N: number, dt: number): Float64Array {
  const order = Array.from({ length: jobs.count }, (_, i) => i).sort((a, b) => jobs.submit_s[a]! - jobs.submit_s[b]! || a - b);
  const t0 = Math.floor(jobs.submit_s[order[0]!]! / dt) * dt;
  const ceilGrid = (x: number): number => t0 + Math.ceil((x - t0) / dt - 1e-9) * dt;
  const end = new Float64Array(jobs.count);
  const running: { release: number; chips: number }[] = [];
  let lastStart = t0;
  for (const j of order) {
    let T = Math.max(ceilGrid(jobs.submit_s[j]!), lastStart);
    for (;;) {
      const busy = running.filter((r) => r.release > T).reduce((s, r) => s + r.chips, 0);
      if (N - busy >= jobs.chips[j]!) break;
      T = Math.min(...running.filter((r) => r.release > T).map((r) => r.release));
    }
    lastStart = T;
    end[j] = T + jobs.work_s[j]!;
    running.push({ release: ceilGrid(end[j]!), chips: jobs.chips[j]! });
  }
  return end;
}

describe('simulate', () => {
  it('FIFO without faults and with ample power equals an independent replay (completion times within 1 µs)', () => {
    const jobs = batchMix({ seed: 42, jobs: 500, rate_per_s: 1 / 90, chipChoices: [1, 2, 4, 8, 16, 32], chipWeights: [0.4, 0.2, 0.15, 0.1, 0.1, 0.05], workMin_s: 30, workMax_s: 8 * 3600 });
    const fleet = new FleetCapacity({ chipsPerSat: 8, satCount: 8, domainOfSat: new Int32Array(8) }); // one 64-chip domain
    const m = simulate(jobs, fleet, {
      policy: new FifoPolicy(), dt_s: 60, checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 },
      power: { satCount: 8, arrayPower_W: 1e9, busLoad_W: 0, chipPower_W: 700, capacity_J: 1e12, socFloor: 0.2, sunlit: periodicEclipses(5700, 0, 0, 8) },
    });
    const ref = fifoReference(jobs, 64, 60);
    expect(m.jobs.completed).toBe(500);
    let worst = 0;
    for (let j = 0; j < jobs.count; j++) worst = Math.max(worst, Math.abs(jobs.end_s[j]! - ref[j]!));
    expect(worst).toBeLessThan(1e-6);
    // And the queue really mattered: some job waited more than an hour.
    expect(m.queueDelay_s.max).toBeGreaterThan(3600);
  });

  describe('Llama-3-like run: 16,384 chips, 54 days, the published failure rate', () => {
    // Fleet: 2,100 satellites × 8 chips = 16,800 (416 powered spares, 2.5 %: no repairs in orbit,
    // and ~220 chips die over the run). One link domain. Checkpoints: C = 20 s (asynchronous, to
    // host memory, as Gemini's in-memory redundancy), restart R = 120 s; interval Young/Daly from
    // the job's MTBF 54 d / 419 = 11,135 s: √(2·20·11,135) = 667 s.
    const C = 20, R = 120;
    const runSeed = (seed: number): { interruptions: number; ett: number; lostChips: number } => {
      const jobs = new JobTable(1);
      jobs.add({ submit_s: 0, work_s: 1e9, chips: LLAMA3_FAILURES.gpus });
      const fleet = new FleetCapacity({ chipsPerSat: 8, satCount: 2100, domainOfSat: new Int32Array(2100) });
      const m = simulate(jobs, fleet, { policy: new FifoPolicy(), seed, end_s: LLAMA3_FAILURES.duration_s, faults: { hardware: 'llama3' }, checkpoint: { mode: 'young-daly', cost_s: C, restartCost_s: R } });
      return { interruptions: m.interruptions, ett: jobs.committed_s[0]! / LLAMA3_FAILURES.duration_s, lostChips: 16_800 - fleet.upChips() };
    };
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map(runSeed);

    it('interruptions: each seed within 5σ of 419 (Poisson σ = √419 = 20.5, band ±102), the mean of 8 seeds within ±5σ/√8 = ±36', () => {
      for (const r of runs) expect(Math.abs(r.interruptions - 419)).toBeLessThan(102);
      const mean = runs.reduce((s, r) => s + r.interruptions, 0) / runs.length;
      // Expected slightly under 419: 2.5 % of failures hit idle spares, and failures while the job is requeued (≤ 60 s) do not count.
      expect(Math.abs(mean - 419)).toBeLessThan(36);
    });

    it('effective training time above 90 % with C = 20 s, R = 120 s, Young/Daly interval 667 s', () => {
      expect(youngDalyInterval_s(C, LLAMA3_FAILURES.duration_s / 419)).toBeGreaterThan(666);
      expect(youngDalyInterval_s(C, LLAMA3_FAILURES.duration_s / 419)).toBeLessThan(668);
      // First-order expectation: 1 − 20/687 − (120 + 343.5)/11,135 = 92.9 %.
      expect(expectedEfficiency(667, C, R, 11_135)).toBeGreaterThan(0.92);
      for (const r of runs) {
        expect(r.ett).toBeGreaterThan(0.9);
        expect(r.ett).toBeLessThan(0.96);
      }
      // Chips lost for good: ~220 expected (148 + 72 of 419 are the chip itself).
      for (const r of runs) expect(Math.abs(r.lostChips - 220)).toBeLessThan(5 * Math.sqrt(220));
    });
  });

  it('power-aware defers before eclipses: no forced sheds and the battery floor held, where FIFO drains it', () => {
    const run = (name: 'fifo' | 'power-aware'): ReturnType<typeof simulate> => {
      const jobs = batchMix({ seed: 9, jobs: 80, rate_per_s: 1 / 600, chipChoices: [1, 2, 4], chipWeights: [0.5, 0.3, 0.2], workMin_s: 1800, workMax_s: 6 * 3600 });
      const f = FleetCapacity.uniform({ satellites: 4, chipsPerSat: 8 });
      return simulate(jobs, f, {
        policy: makePolicy(name), seed: 4, end_s: 60 * 86_400,
        checkpoint: { mode: 'fixed', interval_s: 900, cost_s: 30, restartCost_s: 60 },
        // 10 kW array, 1 kW bus, 8 × 700 W chips; 2 kWh battery, floor 30 %; 35 min eclipse per 95 min orbit.
        power: { satCount: 4, arrayPower_W: 10_000, busLoad_W: 1000, chipPower_W: 700, capacity_J: 7.2e6, socFloor: 0.3, sunlit: periodicEclipses(5700, 2100, 0, 4) },
      });
    };
    const fifo = run('fifo'), pa = run('power-aware');
    expect(fifo.shedJobs).toBeGreaterThan(0);
    expect(fifo.energy!.busShortfalls).toBeGreaterThan(0);
    expect(pa.shedJobs).toBe(0);
    expect(pa.energy!.busShortfalls).toBe(0);
    expect(pa.migrations).toBeGreaterThan(0);
    expect(pa.jobs.completed).toBe(80);
    expect(pa.lostChipHours).toBeLessThan(fifo.lostChipHours);
  });

  it('inference: SLO attainment 1 with a pool sized for the load, and falls when the pool is too small', () => {
    const req = new InferenceRequests();
    for (let i = 0; i < 3600; i++) req.add(i, 1000, 200, 2 + 0.1 * 200); // 1 request/s, 1,200 tokens each
    const demand = tokenDemand(req, 60);
    const run = (pool: number): ReturnType<typeof simulate> => simulate(new JobTable(1), FleetCapacity.uniform({ satellites: 2, chipsPerSat: 8 }), {
      policy: new FifoPolicy(), inference: { demand, tokensPerChip_s: 500, poolChips: pool },
    });
    const big = run(4), small = run(2); // need 1,200 tok/s: 4 chips = 2,000 tok/s, 2 chips = 1,000 tok/s
    expect(big.inference!.sloAttainment).toBe(1);
    expect(big.inference!.tokensServed).toBe(3600 * 1200);
    expect(small.inference!.sloAttainment).toBeLessThan(0.2);
    expect(small.inference!.backlogAtEnd).toBeGreaterThan(0);
  });

  it('radiation events hit running jobs: detected SDCs roll back, undetected are counted', () => {
    const jobs = new JobTable(8);
    for (let i = 0; i < 8; i++) jobs.add({ submit_s: 0, work_s: 30 * 86_400, chips: 8 });
    const f = FleetCapacity.uniform({ satellites: 8, chipsPerSat: 8 });
    // 150 rad(Si)/year (Suncatcher, behind 10 mm Al): SDC every 17 rad per chip → 64 chips × 150/17 per year.
    const m = simulate(jobs, f, { policy: new FifoPolicy(), seed: 3, faults: { radiation: { doseRate_rad_s: 150 / 3.15576e7, sdcDetection: 0.9 } } });
    const sdc = m.faults.sdcDetected! + m.faults.sdcUndetected!;
    const expected = 64 * (150 / 17) * (m.end_s - m.start_s) / 3.15576e7;
    expect(Math.abs(sdc - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(m.undetectedSdc).toBe(m.faults.sdcUndetected);
    expect(m.faults.sdcUndetected!).toBeLessThan(m.faults.sdcDetected!);
    expect(m.jobs.completed).toBe(8);
    expect(m.lostChipHours).toBeGreaterThan(0);
  });
});
