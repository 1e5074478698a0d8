import { describe, expect, it } from 'vitest';
import { batchMix } from '../compute/synthetic.js';
import { ComputeStage, type ComputeFleet } from '../twin/compute-stage.js';
import type { RunResult } from '../twin/results.js';
import { computeSections } from './compute-sections.js';

function runStage(): ComputeStage {
  const S = 4;
  const fleet: ComputeFleet = {
    satCount: S, chipsPerSat: new Int32Array(S).fill(8), chipPower_W: new Float64Array(S).fill(700), chipFlops: 989e12,
    domainOfSat: new Int32Array(S), domainBandwidth_bps: new Float64Array([Infinity]), arrayPower_W: new Float64Array(S).fill(1e6),
    busLoad_W: new Float64Array(S).fill(500), capacity_J: new Float64Array(S).fill(1e8), socFloor: 0.3, chargeEfficiency: 0.95, dischargeEfficiency: 0.95,
    period_s: new Float64Array(S).fill(5700), doseRate_rad_s: new Float64Array(S),
  };
  const jobs = batchMix({ seed: 2, jobs: 80, rate_per_s: 1 / 400, chipChoices: [1, 4, 16], chipWeights: [0.6, 0.3, 0.1], workMin_s: 600, workMax_s: 8 * 3600 });
  const stage = new ComputeStage(fleet, {
    policy: 'backfill', checkpoint: { mode: 'young-daly', cost_s: 60, restartCost_s: 300 }, hardware: { permanent_per_chip_s: 2e-6, transient_per_chip_s: 4e-6 },
    sdcDetection: 0.9, sparesPerSatellite: 1, idlePowerFraction: 0.15, sampleEvery_s: 3600, step_s: 60, seed: 4, jobs, inference: null,
  });
  const inp = { t_s: 0, dt_s: 60, available_W: new Float64Array(S).fill(1e6), status: new Uint8Array(S), sunlit: new Float64Array(S).fill(1) };
  for (let k = 0; k < 3 * 1440; k++) { inp.t_s = k * 60; stage.step(inp); }
  return stage;
}

describe('computeSections', () => {
  it('a run without a workload has no compute sections', () => {
    expect(computeSections({} as RunResult)).toEqual([]);
  });

  it('draws figures, utilization and queue, the fault timeline and a Gantt of the largest jobs', () => {
    const m = runStage().metrics();
    expect(m.interruptions).toBeGreaterThan(0);
    const secs = computeSections({ compute: m, meta: { scenarioName: 't', epochUtcMs: Date.UTC(2026, 0, 1), duration_s: 3 * 86_400, step_s: 60, satelliteCount: 4 } } as RunResult);
    expect(secs.map((s) => s.id)).toEqual(['operations', 'operations-load', 'operations-faults', 'operations-jobs']);
    expect(secs[0]!.html).toContain('goodput');
    expect(secs[0]!.html).toContain(`${m.jobs.completed} of 80`);
    for (const s of secs.slice(1)) expect(s.html).toContain('<svg');
    // One Gantt row per largest job (10), each with a run bar; grey queue bars where it waited.
    const bars = secs[3]!.html.match(/class="bar"/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(10);
  });
});
