import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LLAMA3_FAILURES } from '../../compute/faults.js';
import { loadScenario, loadScenarioText, ScenarioError, type ScenarioProblem } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-workload-'));
writeFileSync(join(dir, 'jobs.csv'), 'timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-09 07:01:55,66.0,1,66.0,11cb48\n');

const BASE = `epoch: 2026-01-01T00:00:00Z
duration: P10D
designs:
  sat:
    mass_kg: 575
    solar_array: { area_m2: 80 }
    battery: { capacity_Wh: 5000 }
    radiator: { area_m2: 40 }
    bus_load_W: 3000
    accelerators: { model: h100-sxm, count: 8 }
constellations:
  - design: sat
    walker: { total: 4, planes: 1, altitude_km: 550, inclination_deg: 53 }
`;

const load = (workload: string) => loadScenarioText(`${BASE}workload:\n${workload}`, { file: join(dir, 'w.yaml'), baseDir: dir, defaultName: 'w' });

function problems(workload: string): readonly ScenarioProblem[] {
  try {
    load(workload);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  throw new Error('expected the scenario to fail');
}

describe('scenario workload section', () => {
  it('is optional: without it the scenario has workload null', () => {
    expect(loadScenarioText(BASE, { file: 'x.yaml', baseDir: dir, defaultName: 'x' }).workload).toBeNull();
  });

  it('applies the documented defaults: power-aware, Young/Daly C = 60 s R = 300 s, Llama 3 failures, SDC detection 0.9, idle 0.15', () => {
    const w = load('  training:\n    - { chips: 16, duration: P2D, start: PT6H }\n').workload!;
    expect(w.policy).toBe('power-aware');
    expect(w.checkpoint).toEqual({ mode: 'young-daly', cost_s: 60, restartCost_s: 300 });
    expect(w.training).toEqual([{ chips: 16, work_s: 2 * 86_400, submit_s: 6 * 3600, deferrable: false }]);
    expect(w.faults.hardwareSource).toBe('llama3');
    // Llama 3: 419 per 16,384 chips × 54 days; 220 of them permanent.
    const perChipS = 419 / (LLAMA3_FAILURES.gpus * LLAMA3_FAILURES.duration_s);
    expect(Math.abs(w.faults.hardware!.permanent_per_chip_s + w.faults.hardware!.transient_per_chip_s - perChipS) / perChipS).toBeLessThan(1e-12);
    expect([w.faults.sdcDetection, w.faults.sparesPerSatellite, w.idlePowerFraction]).toEqual([0.9, 0, 0.15]);
  });

  it('reads a fixed checkpoint interval, a per-chip-year failure rate, a trace relative to the scenario with scale and shift', () => {
    const w = load(`  policy: fifo
  traces:
    - { file: jobs.csv, time_scale: 0.5, chip_scale: 8, shift: P1D }
  checkpoint: { interval: 900, cost_s: 20, restart_s: 120 }
  faults: { hardware: 0.2, permanent_fraction: 0.5, spares_per_satellite: 2 }
`).workload!;
    expect(w.policy).toBe('fifo');
    expect(w.traces).toEqual([{ path: join(dir, 'jobs.csv'), timeScale: 0.5, chipScale: 8, workScale: 1, tokenScale: 1, shift_s: 86_400 }]);
    expect(w.checkpoint).toEqual({ mode: 'fixed', interval_s: 900, cost_s: 20, restartCost_s: 120 });
    // 0.2 per chip-year, half permanent: 0.1 / (365.25 × 86,400 s) each.
    expect(Math.abs(w.faults.hardware!.permanent_per_chip_s - 0.1 / 31_557_600)).toBeLessThan(1e-22);
    expect(w.faults.sparesPerSatellite).toBe(2);
  });

  it('rejects unknown keys, a missing trace file, a run after the mission, and an empty workload, each located', () => {
    expect(problems('  polcy: fifo\n  training: [{ chips: 1, duration: P1D }]\n').map((p) => p.field)).toContain('workload.polcy');
    expect(problems('  traces: [{ file: nope.csv }]\n').map((p) => [p.field, p.message])).toEqual([['workload.traces[0].file', 'trace file not found']]);
    expect(problems('  training: [{ chips: 1, duration: P1D, start: P20D }]\n').map((p) => p.field)).toEqual(['workload.training[0].start']);
    expect(problems('  policy: fifo\n').map((p) => p.message)).toEqual(['workload has nothing to run']);
    expect(problems('  training: [{ chips: 1, duration: P1D }]\n  checkpoint: { interval: sometimes }\n').map((p) => p.field)).toContain('workload.checkpoint.interval');
  });

  it('suncatcher-81 carries a frontier-style run on 4,096 of its 5,184 chips and daily-cycle inference', () => {
    const w = loadScenario('preset:suncatcher-81-training').workload!;
    expect(w.training).toEqual([{ chips: 4096, work_s: 90 * 86_400, submit_s: 0, deferrable: false }]);
    expect(w.inference?.meanTokens_per_s).toBe(500_000);
    expect(w.policy).toBe('power-aware');
  });
});
