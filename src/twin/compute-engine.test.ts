/** The compute stage inside the twin engine: a tiny scenario with a workload, end to end. */
import { describe, expect, it } from 'vitest';
import { Status } from '../core/status.js';
import { computeSections } from '../report/compute-sections.js';
import { renderReportHtml } from '../report/html.js';
import { runTwin, TwinRun } from './engine.js';
import { loadScenarioText } from './scenario/index.js';
import { tinyScenarioText } from './test-scenarios.js';

const WORKLOAD = `workload:
  policy: power-aware
  training:
    - { chips: 8, duration: PT3H }
    - { chips: 4, duration: PT2H, start: PT1H }
  inference: { tokens_per_s: 2000, tokens_per_chip_s: 1000 }
  faults: { hardware: 50 }
`;

// A 5 kWh battery: the tiny scenario's 800 Wh cannot carry even the bus through a 35-minute eclipse.
const scenario = (extra = '', duration = 'PT12H') =>
  loadScenarioText(`${tinyScenarioText({ duration, battery_Wh: 5000 })}${WORKLOAD}${extra}`, { file: 'tiny-w.yaml', baseDir: '.', defaultName: 'tiny-w' });

describe('twin engine with a workload', () => {
  it('the power model loads what the scheduler runs: 8 chips at 700 W and the inference pool, the other 36 idle at 15 %', async () => {
    const run = await TwinRun.create(scenario());
    try {
      run.stepOnce();
      const m = run.compute!.metrics();
      // Pool: peak 3,000 tokens/s × 1.25 ÷ 1,000 = 4 chips; training job 0 holds 8; the rest (36) idle.
      // (Each Walker satellite is a placement domain of 8 chips; the 4-chip job starts at 1 h.)
      expect(m.poolChips).toBe(4);
      const demand = run.result().series.columns.find((c) => c.name === 'computeDemand_W')!.values[0]!;
      expect(Math.abs(demand - ((8 + 4) * 700 + 36 * 0.15 * 700))).toBeLessThan(1e-6);
    } finally {
      run.dispose();
    }
  });

  it('summary.json gets a workload section, byte-identical for the same seed; the report draws the operations sections', async () => {
    const a = await runTwin(scenario()), b = await runTwin(scenario());
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    const w = a.summary.workload as { jobs: { total: number; completed: number }; goodput: number; utilization: number; inference: { sloAttainment: number }; faults: Record<string, number>; series: { samples: number } };
    expect(w.jobs.total).toBe(2);
    expect(w.jobs.completed).toBe(2);
    expect(w.goodput).toBeGreaterThan(0.5);
    expect(w.goodput).toBeLessThanOrEqual(1);
    expect(w.utilization).toBeGreaterThan(0);
    expect(w.inference.sloAttainment).toBeGreaterThan(0);
    expect(w.series.samples).toBe(12);
    // 50 failures per chip-year on 48 chips for 12 h: 1.37 expected; with the seed, the same each time.
    expect(a.compute!.faults.chipPermanent! + a.compute!.faults.transient!).toBe(b.compute!.faults.chipPermanent! + b.compute!.faults.transient!);
    const c = await runTwin(scenario(), { seed: 9 });
    expect(JSON.stringify(c.summary)).not.toBe(JSON.stringify(a.summary));
    const html = renderReportHtml(a, { sections: computeSections(a) });
    for (const id of ['operations', 'operations-load', 'operations-faults', 'operations-jobs']) expect(html).toContain(`<section id="${id}"`);
  });

  it('satellites that fail in the twin fail in the stage: no job, no demand there', async () => {
    const run = await TwinRun.create(scenario('', 'P1D'), { failureRate_per_year: 400 });
    try {
      await run.run();
      // 400 per satellite-year over one day: each of 6 satellites fails with p = 1 − e^(−400/365.25) = 0.67.
      const st = run.fleetState.status, F = run.compute!.fleet;
      let failed = 0;
      for (let s = 0; s < 6; s++) {
        if (st[s] !== Status.Failed) continue;
        failed++;
        expect(F.satStatus[s]).toBe(Status.Failed);
        expect(F.busy[s]).toBe(0);
        expect(run.compute!.demand_W[s]).toBe(0);
      }
      expect(failed).toBeGreaterThan(0);
      expect(F.upChips()).toBeLessThanOrEqual((6 - failed) * 8);
    } finally {
      run.dispose();
    }
  });

  it('a scenario without a workload runs every chip at full power, as before (no compute result)', async () => {
    const r = await runTwin(loadScenarioText(tinyScenarioText({ duration: 'PT1H' }), { file: 't.yaml', baseDir: '.', defaultName: 't' }));
    expect(r.compute).toBeUndefined();
    expect(r.summary.workload).toBeUndefined();
  });
});
