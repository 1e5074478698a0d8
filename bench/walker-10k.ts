/**
 * walker-10k: the whole twin (every model on) over a 10,000-satellite Walker shell, 1 year at
 * 60 s steps (525,600 steps, 5.3e9 satellite-steps). The `starlink-v2mini-compute` preset's
 * satellite (575 kg, 28 kW array, 20 × H100) in a 100 × 100 Walker delta shell at 550 km / 53°.
 * Goal (issue 3 "Speed"): under 10 minutes wall and under 4 GB.
 *
 * `node dist/bench/run.js walker-10k [--duration P1Y] [--planes 100] [--per-plane 100] [--threads 1|2]`
 * (a shorter --duration gives a quick estimate; the figure reported against the goal is P1Y).
 */
import { loadScenario } from '../src/twin/scenario/index.js';
import { machineDescription, type BenchResult } from './harness.js';
import { argValue, loadNote, measureTwin, threadsNote } from './twin-kit.js';

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const duration = argValue(opts.args, '--duration') ?? 'P1Y';
  const threadsArg = argValue(opts.args, '--threads');
  const threads = threadsArg === undefined ? undefined : Number(threadsArg);
  const planes = Number(argValue(opts.args, '--planes') ?? 100);
  const perPlane = Number(argValue(opts.args, '--per-plane') ?? 100);
  const total = planes * perPlane;
  const scenario = loadScenario('preset:starlink-v2mini-compute', {
    set: [`duration=${duration}`, `constellations[0].walker={type: delta, total: ${total}, planes: ${planes}, phasing: 1, altitude_km: 550, inclination_deg: 53}`],
  });
  const r = await measureTwin(scenario, threads);
  const { wall_s, peakRss_bytes, load0, cpu0 } = r;
  const satSteps = total * scenario.stepCount;
  const full = duration === 'P1Y' && total === 10_000;
  const delivered = (r.res.summary.compute as { delivered: { fraction: number } }).delivered.fraction;
  return {
    name: 'walker-10k',
    input: `${total.toLocaleString('en-US')} satellites × ${scenario.stepCount.toLocaleString('en-US')} steps (${duration} at 60 s), every model on`,
    figures: [{ label: 'orbitdc twin (build + run)', wall_s, rate_per_s: satSteps / wall_s, rateUnit: 'satellite-steps/s', peakRss_bytes }],
    goal: `under 600 s wall and under 4 GB${full ? '' : ' (for 10,000 satellites over P1Y; this run is smaller)'}`,
    goalMet: full && wall_s < 600 && peakRss_bytes < 4 * 2 ** 30,
    notes: [
      threadsNote(r.tw, cpu0),`delivered/nameplate compute ${delivered}`, `load average before: ${load0}, after: ${loadNote()}`, `step loop ${(r.tw.wall_ms / 1000).toFixed(2)} s`],
    machine: machineDescription(),
  };
}
