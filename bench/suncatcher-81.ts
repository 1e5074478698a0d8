/**
 * suncatcher-81: the whole twin (every model on) over the `suncatcher-81` preset, 81 satellites
 * in a 650 km dawn-dusk cluster, 5 years at 60 s steps (2,629,800 steps).
 * Goal (issue 3 "Speed"): under 20 s wall.
 *
 * `node dist/bench/run.js suncatcher-81 [--duration P5Y] [--step 60] [--threads 1|2]` (default: 2 on ≥ 2 cores, engine.ts)
 */
import { loadScenario } from '../src/twin/scenario/index.js';
import { machineDescription, type BenchResult } from './harness.js';
import { argValue, measureTwin, threadsNote } from './twin-kit.js';

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const duration = argValue(opts.args, '--duration') ?? 'P5Y';
  const threadsArg = argValue(opts.args, '--threads');
  const threads = threadsArg === undefined ? undefined : Number(threadsArg);
  const step = argValue(opts.args, '--step') ?? '60';
  const scenario = loadScenario('preset:suncatcher-81', { set: [`duration=${duration}`, `step_s=${step}`] });
  const r = await measureTwin(scenario, threads);
  const { wall_s, peakRss_bytes, load0, cpu0 } = r;
  const satSteps = r.tw.built.fleet.count * scenario.stepCount;
  const delivered = (r.res.summary.compute as { delivered: { fraction: number } }).delivered.fraction;
  return {
    name: 'suncatcher-81',
    input: `81 satellites × ${scenario.stepCount.toLocaleString('en-US')} steps (${duration} at ${step} s), every model on`,
    figures: [{ label: 'orbitdc twin (build + run)', wall_s, rate_per_s: satSteps / wall_s, rateUnit: 'satellite-steps/s', peakRss_bytes }],
    goal: duration === 'P5Y' && step === '60' ? 'under 20 s wall' : 'under 20 s wall (for P5Y at 60 s; this run differs)',
    goalMet: duration === 'P5Y' && step === '60' && wall_s < 20,
    notes: [
      threadsNote(r.tw, cpu0),`delivered/nameplate compute ${delivered}`, `load average before: ${load0}`, `step loop ${(r.tw.wall_ms / 1000).toFixed(2)} s`],
    machine: machineDescription(),
  };
}
