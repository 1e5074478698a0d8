import { describe, expect, it } from 'vitest';
import { FleetCapacity } from '../compute/cluster.js';
import { periodicEclipses } from '../compute/forecast.js';
import { JobTable } from '../compute/jobs.js';
import { FifoPolicy } from '../compute/scheduler.js';
import { simulate } from '../compute/simulate.js';
import { batchMix } from '../compute/synthetic.js';
import { Status } from '../core/status.js';
import { RadEvent } from '../spacecraft/radiation-effects.js';
import { resolveWorkload } from './compute-workload.js';
import { TwinRun } from './engine.js';
import { loadScenarioText } from './scenario/index.js';
import { tinyScenarioText } from './test-scenarios.js';
import { ComputeStage, radiationInterruptRate_per_chip_s, twinToCompute, type ComputeFleet, type ComputeStageOptions, type ComputeStepInput } from './compute-stage.js';

const CHIP_W = 700;

/** S satellites × 8 chips in one placement domain; power as given (default: ample). */
function tinyFleet(S: number, p: { array_W?: number; bus_W?: number; capacity_J?: number; floor?: number } = {}): ComputeFleet {
  return {
    satCount: S, chipsPerSat: new Int32Array(S).fill(8), chipPower_W: new Float64Array(S).fill(CHIP_W), chipFlops: 989e12,
    domainOfSat: new Int32Array(S), domainBandwidth_bps: new Float64Array([Infinity]),
    arrayPower_W: new Float64Array(S).fill(p.array_W ?? 1e9), busLoad_W: new Float64Array(S).fill(p.bus_W ?? 0),
    capacity_J: new Float64Array(S).fill(p.capacity_J ?? 1e12), socFloor: p.floor ?? 0.2, chargeEfficiency: 0.95, dischargeEfficiency: 0.95,
    period_s: new Float64Array(S).fill(5700), doseRate_rad_s: new Float64Array(S),
  };
}

function options(jobs: JobTable, o: Partial<ComputeStageOptions> = {}): ComputeStageOptions {
  return {
    policy: 'fifo', checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 }, hardware: null, sdcDetection: 0.9, sparesPerSatellite: 0,
    idlePowerFraction: 0.15, sampleEvery_s: 3600, step_s: 60, seed: 1, jobs, inference: null, ...o,
  };
}

/** Inputs of one step: everything up, sunlit, ample power unless changed by `edit`. */
function driver(S: number, dt = 60): { input: ComputeStepInput; at: (k: number) => ComputeStepInput } {
  const input: ComputeStepInput = {
    t_s: 0, dt_s: dt, available_W: new Float64Array(S).fill(1e9), status: new Uint8Array(S), sunlit: new Float64Array(S).fill(1),
  };
  return { input, at: (k) => { input.t_s = k * dt; return input; } };
}

describe('ComputeStage', () => {
  it('FIFO with ample power and no faults: completion times equal simulate() on the same jobs (within 1 µs)', () => {
    const a = batchMix({ seed: 7, jobs: 150, rate_per_s: 1 / 120, chipChoices: [1, 2, 4, 8, 16], chipWeights: [0.4, 0.2, 0.2, 0.1, 0.1], workMin_s: 30, workMax_s: 4 * 3600 });
    const b = a.select();
    const stage = new ComputeStage(tinyFleet(4), options(a));
    const d = driver(4);
    let k = 0;
    while (stage.metrics().jobs.completed < a.count && k < 100_000) stage.step(d.at(k++));
    const ref = simulate(b, FleetCapacity.uniform({ satellites: 4, chipsPerSat: 8, satsPerDomain: 4 }), {
      policy: new FifoPolicy(), dt_s: 60, start_s: 0, checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 },
    });
    expect(ref.jobs.completed).toBe(150);
    expect(stage.metrics().jobs.completed).toBe(150);
    let worst = 0;
    for (let j = 0; j < a.count; j++) worst = Math.max(worst, Math.abs(a.end_s[j]! - b.end_s[j]!));
    expect(worst).toBeLessThan(1e-6);
    expect(stage.metrics().queueDelay_s.max).toBeGreaterThan(600); // the queue mattered
  });

  it('demand for the next step: running chips at full power, idle ones at the idle fraction, failed satellites nothing', () => {
    const jobs = new JobTable(1);
    jobs.add({ submit_s: 0, work_s: 86_400, chips: 8 });
    const stage = new ComputeStage(tinyFleet(3), options(jobs));
    // One job of 8 chips fills satellite 0 (chips are taken in row order).
    expect(Array.from(stage.demand_W)).toEqual([8 * CHIP_W, 8 * 0.15 * CHIP_W, 8 * 0.15 * CHIP_W]);
    const d = driver(3);
    d.input.status[2] = Status.Failed;
    const out = stage.step(d.at(0));
    expect(Array.from(out)).toEqual([8 * CHIP_W, 8 * 0.15 * CHIP_W, 0]);
  });

  it('a power shortfall stops the job on that satellite at t (counted as a shed), and it runs again elsewhere', () => {
    const jobs = new JobTable(1);
    jobs.add({ submit_s: 0, work_s: 86_400, chips: 8 });
    const stage = new ComputeStage(tinyFleet(2), options(jobs));
    const d = driver(2);
    stage.step(d.at(0));
    // Satellite 0 could give compute only 3 kW: 8 × 700 W do not fit.
    d.input.available_W[0] = 3000;
    const out = stage.step(d.at(1));
    const m = stage.metrics();
    expect(m.faults.powerShed).toBe(1);
    expect(m.shedJobs).toBe(1);
    expect(m.interruptions).toBe(1);
    // Requeued at t = 60 s and started again at once on satellite 1 (satellite 0's cap is its battery's, still ample).
    expect(out[0]! + out[1]!).toBe(8 * CHIP_W + 8 * 0.15 * CHIP_W);
  });

  it('radiation events given per satellite hit a chip of that satellite: SDCs roll the job back or are counted', () => {
    const jobs = new JobTable(1);
    jobs.add({ submit_s: 0, work_s: 86_400, chips: 8 });
    const stage = new ComputeStage(tinyFleet(2), options(jobs, { checkpoint: { mode: 'fixed', interval_s: 600, cost_s: 10, restartCost_s: 30 } }));
    const d = driver(2);
    for (let k = 0; k < 30; k++) stage.step(d.at(k));
    const n = 20;
    d.input.radiation = { count: n, time_s: new Float64Array(n).fill(30 * 60 + 5), type: new Uint8Array(n).fill(RadEvent.Sdc), index: new Int32Array(n).fill(0), unit: 'satellite' };
    stage.step(d.at(30));
    const m = stage.metrics();
    expect(m.faults.sdcDetected! + m.faults.sdcUndetected!).toBe(n);
    expect(m.faults.sdcDetected!).toBeGreaterThan(10); // 90 % detection: P(≤ 10 of 20) < 1e-5
    expect(m.lostChipHours).toBeGreaterThan(0);
  });

  it('a satellite that fails takes its job down; the job runs on again on the others from its checkpoint', () => {
    const jobs = new JobTable(1);
    jobs.add({ submit_s: 0, work_s: 3 * 3600, chips: 8 });
    const stage = new ComputeStage(tinyFleet(2), options(jobs, { checkpoint: { mode: 'fixed', interval_s: 600, cost_s: 10, restartCost_s: 30 } }));
    const d = driver(2);
    let k = 0;
    for (; k < 20; k++) stage.step(d.at(k));
    d.input.status[0] = Status.Failed;
    for (; k < 400 && stage.metrics().jobs.completed < 1; k++) stage.step(d.at(k));
    const m = stage.metrics();
    expect(m.jobs.completed).toBe(1);
    expect(m.faults.satelliteOffline).toBe(1);
    expect(stage.fleet.upChips()).toBe(8);
    // Work since the checkpoint at 600 s of compute (t = 610 s) was lost: 1,200 − 610 s on 8 chips.
    expect(Math.abs(m.lostChipHours - (8 * (1200 - 610)) / 3600)).toBeLessThan(1e-6);
  });

  it('eclipse-aware: after one orbit of history, power-aware stops no job by a forced shed, where FIFO drains the battery', () => {
    const run = (policy: 'fifo' | 'power-aware'): { late: number; early: number } => {
      const jobs = batchMix({ seed: 5, jobs: 60, rate_per_s: 1 / 900, chipChoices: [1, 2, 4], chipWeights: [0.5, 0.3, 0.2], workMin_s: 1800, workMax_s: 4 * 3600 });
      // 10 kW array, 1 kW bus, 8 × 700 W chips; 2 kWh battery, floor 30 %; 35 min eclipse per 95 min orbit.
      const stage = new ComputeStage(tinyFleet(4, { array_W: 10_000, bus_W: 1000, capacity_J: 7.2e6, floor: 0.3 }), options(jobs, {
        policy, idlePowerFraction: 0, checkpoint: { mode: 'fixed', interval_s: 900, cost_s: 30, restartCost_s: 60 },
      }));
      const sun = periodicEclipses(5700, 2100, 0, 4);
      const d = driver(4);
      const gen = new Float64Array(4);
      d.input.generated_W = gen; // the array's real output: 10 kW in full sun
      for (let k = 0; k < 2 * 86_400 / 60; k++) {
        sun(k * 60, d.input.sunlit);
        for (let s = 0; s < 4; s++) gen[s] = 10_000 * d.input.sunlit[s]!;
        stage.step(d.at(k));
      }
      const tl = stage.metrics().faultTimeline;
      let late = 0, early = 0;
      tl.cause.forEach((c, i) => { if (c === 'powerShed') { if (tl.time_s[i]! > 2 * 5700) late++; else early++; } });
      return { late, early };
    };
    const fifo = run('fifo'), pa = run('power-aware');
    expect(fifo.late).toBeGreaterThan(0);
    expect(pa.late).toBe(0);
  });

  it('same inputs and seed give the same metrics, bit for bit (hardware faults on)', () => {
    const once = (): string => {
      const jobs = batchMix({ seed: 3, jobs: 40, rate_per_s: 1 / 300, workMin_s: 600, workMax_s: 6 * 3600 });
      const stage = new ComputeStage(tinyFleet(4), options(jobs, {
        policy: 'backfill', seed: 11, checkpoint: { mode: 'young-daly', cost_s: 60, restartCost_s: 300 },
        hardware: { permanent_per_chip_s: 1e-5, transient_per_chip_s: 1e-5 },
      }));
      const d = driver(4);
      for (let k = 0; k < 1440; k++) stage.step(d.at(k));
      return JSON.stringify(stage.metrics());
    };
    const a = once();
    expect(JSON.parse(a).interruptions).toBeGreaterThan(0);
    expect(once()).toBe(a);
  });

  it('daily-cycle inference on hour buckets at 60 s steps: a pool sized for the peak serves every token within its target', () => {
    const w = resolveWorkload({
      policy: 'backfill', traces: [], training: [], checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 },
      inference: { meanTokens_per_s: 20_000, peakToMean: 1.5, peakHourUtc: 15, tokensPerRequest: 1250, poolChips: null, tokensPerChip_s: 2000 },
      faults: { sdcDetection: 0.9, hardware: null, hardwareSource: 'none', sparesPerSatellite: 0 }, idlePowerFraction: 0.15, sampleEvery_s: 3600,
    }, { epochUtcMs: Date.UTC(2026, 0, 1), duration_s: 86_400, step_s: 60, chipFlops: 1e15 });
    // Peak 30,000 tokens/s × 1.25 ÷ 2,000 per chip → 19 chips.
    expect(w.inference!.poolChips).toBe(19);
    const stage = new ComputeStage(tinyFleet(4), options(w.jobs, { policy: 'backfill', inference: w.inference }));
    const d = driver(4);
    for (let k = 0; k < 1440; k++) stage.step(d.at(k));
    const inf = stage.metrics().inference!;
    expect(Math.abs(inf.tokensDemanded - 20_000 * 86_400) / (20_000 * 86_400)).toBeLessThan(1e-9);
    expect(inf.sloAttainment).toBe(1);
    expect(inf.backlogAtEnd).toBeLessThan(1e-6 * inf.tokensDemanded);
    expect(Math.abs(inf.poolChipHours - 19 * 24)).toBeLessThan(1e-9);
  });

  it('inference pool chips on a satellite that fails leave the pool, which tops up on the others (fleet counts audited)', () => {
    const w = resolveWorkload({
      policy: 'fifo', traces: [], training: [], checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 },
      inference: { meanTokens_per_s: 4000, peakToMean: 1, peakHourUtc: 15, tokensPerRequest: 1250, poolChips: 6, tokensPerChip_s: 1000 },
      faults: { sdcDetection: 0.9, hardware: null, hardwareSource: 'none', sparesPerSatellite: 0 }, idlePowerFraction: 0.15, sampleEvery_s: 3600,
    }, { epochUtcMs: Date.UTC(2026, 0, 1), duration_s: 86_400, step_s: 60, chipFlops: 1e15 });
    const stage = new ComputeStage(tinyFleet(3), options(w.jobs, { inference: w.inference }));
    const d = driver(3);
    stage.step(d.at(0));
    expect(stage.fleet.busy[0]).toBe(6); // the pool took the first satellite's chips
    d.input.status[0] = Status.Failed;
    for (let k = 1; k < 60; k++) stage.step(d.at(k));
    expect(stage.fleet.audit()).toBe('');
    expect([stage.fleet.busy[0], stage.fleet.busy[1]! + stage.fleet.busy[2]!]).toEqual([0, 6]);
    // The failure step serves with no pool (it tops up at the next boundary); the other 59 steps with 6 chips.
    expect(Math.abs(stage.metrics().inference!.poolChipHours - (6 * 59) / 60)).toBeLessThan(1e-9);
  });

  it('maps twin status codes: Ok/Unset → Ok, Failed/Reentered/Decayed → Failed, others → Offline', () => {
    expect([Status.Ok, Status.Unset, Status.Failed, Status.Reentered, Status.Sgp4Decayed, Status.Offline, Status.Sgp4MeanElements].map(twinToCompute))
      .toEqual([Status.Ok, Status.Ok, Status.Failed, Status.Failed, Status.Failed, Status.Offline, Status.Offline]);
  });
});

describe('radiationInterruptRate_per_chip_s', () => {
  it("Suncatcher's 150 rad(Si)/yr: 150 × (0.9/17 + 1/44 + 1/5000 + 1/450 + 1/400) = 12.09 interruptions per chip-year (within 0.01)", () => {
    const S = 2, yr = 365.25 * 86_400;
    const cf = { satCount: S, chipsPerSat: Int32Array.of(64, 64), doseRate_rad_s: new Float64Array(S).fill(150 / yr) } as ComputeFleet;
    expect(Math.abs(radiationInterruptRate_per_chip_s(cf, 0.9) * yr - 12.09)).toBeLessThan(0.01);
  });
});

describe('ComputeStage in the twin: thermal cap and the nameplate split', () => {
  // Tiny shell (6 satellites × 8 H100s of 700 W, 800 W bus) with a 3 m² radiator: at 50 °C it
  // rejects ~3 kW, about 3 running chips beside the bus and the idle draw of the rest, not 8.
  const WORK = `workload:
  policy: backfill
  training:
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 1, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 2, duration: P2D }
    - { chips: 4, duration: P2D }
    - { chips: 4, duration: P2D }
    - { chips: 4, duration: P2D }
    - { chips: 4, duration: P2D }
    - { chips: 8, duration: P2D }
    - { chips: 8, duration: P2D }
  faults: { hardware: none }
`;
  const sc = (radiator_m2: number) => loadScenarioText(`${tinyScenarioText({ duration: 'PT12H', battery_Wh: 20_000, radiator_m2 })}${WORK}`, { file: 'tiny-hot.yaml', baseDir: '.', defaultName: 'tiny-hot' });
  interface Compute { nameplate: { acceleratorHours: number }; delivered: { acceleratorHours: number }; losses_acceleratorHours: Record<string, number> }
  const twin = async (radiator_m2: number, cap: boolean, failureRate_per_year = 0): Promise<{ c: Compute; w: { thermalCap: { cappedChipHours: number; shedJobs: number } }; tempMax_K: number; chipMax_K: number }> => {
    // Threads 1: the test runs from TypeScript sources (no compiled orbit worker) and must not depend on it.
    const run = await TwinRun.create(sc(radiator_m2), { threads: 1, failureRate_per_year });
    run.compute!.thermalCapEnabled = cap;
    const r = await run.run();
    run.dispose();
    const th = r.summary.thermal as { radiatorMax_K: number; chipMax_K: number };
    return { c: r.summary.compute as Compute, w: r.summary.workload as never, tempMax_K: th.radiatorMax_K, chipMax_K: th.chipMax_K };
  };

  it('an undersized radiator: with the cap the scheduler runs what the radiator carries (twin thermal throttling < 0.5 % of nameplate); without it the twin throttles (> 10 %)', async () => {
    const on = await twin(3, true), off = await twin(3, false);
    const N = on.c.nameplate.acceleratorHours;
    expect(Math.abs(N - 6 * 8 * 12)).toBeLessThan(1e-9);
    expect(off.c.losses_acceleratorHours.thermal!).toBeGreaterThan(0.1 * N);
    expect(on.c.losses_acceleratorHours.thermal!).toBeLessThan(0.005 * N);
    expect(on.w.thermalCap.cappedChipHours).toBeGreaterThan(0.2 * N);
    // The cap places what the radiator sustains in steady state: no job stopped for heat here.
    expect(on.w.thermalCap.shedJobs).toBe(0);
    // With the cap the node stays under its 50 °C limit (1 mK: Newton's tolerance); without it the twin's
    // throttle leaves battery-loss heat out of its cap and passes the limit by a few hundredths of a kelvin.
    expect(on.tempMax_K).toBeLessThan(323.15 + 1e-3);
    expect(on.chipMax_K).toBeLessThan(358.15 + 1e-3);
  }, 60_000);

  it('an ample radiator, satellites failing: the cap withholds nothing; nameplate = delivered + faults + idle + thermal + power (to 1e-9)', async () => {
    // 400 failures per satellite-year: each of the 6 fails within 12 h with p = 1 − e^(−400/730.5) = 0.42 (seeded: some do).
    const big = await twin(12, true, 400);
    expect(big.w.thermalCap.cappedChipHours).toBe(0);
    const l = big.c.losses_acceleratorHours, N = big.c.nameplate.acceleratorHours;
    expect(Object.keys(l)).toEqual(['faults', 'idle', 'thermal', 'power']);
    const sum = big.c.delivered.acceleratorHours + l.faults! + l.idle! + l.thermal! + l.power!;
    expect(Math.abs(sum - N)).toBeLessThan(1e-9 * N);
    expect(l.idle!).toBeGreaterThan(0);
    expect(l.faults!).toBeGreaterThan(0);
    expect(big.c.delivered.acceleratorHours).toBeGreaterThan(0);
  }, 60_000);
});
