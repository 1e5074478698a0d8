/**
 * spacex-1m: the whole twin (every model on) over the `spacex-1m` preset, 1,000,000 satellites in
 * ten Walker shells at 500–2,000 km with 100 B200-class accelerators each (1e8 accelerators:
 * radiation streams per satellite, see twin/engine.ts), 1 day at 60 s steps (1,440 steps).
 * Goal (issue 3 "Speed"): under 3 minutes wall.
 *
 * `node dist/bench/run.js spacex-1m [--duration P1D] [--per-plane 250] [--threads 1|2]` (fewer per plane = a quick estimate)
 */
import { loadScenario } from '../src/twin/scenario/index.js';
import { machineDescription, type BenchResult } from './harness.js';
import { argValue, loadNote, measureTwin, threadsNote } from './twin-kit.js';

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const duration = argValue(opts.args, '--duration') ?? 'P1D';
  const threadsArg = argValue(opts.args, '--threads');
  const threads = threadsArg === undefined ? undefined : Number(threadsArg);
  const perPlane = Number(argValue(opts.args, '--per-plane') ?? 250);
  const set = [`duration=${duration}`];
  if (perPlane !== 250) for (let c = 0; c < 10; c++) set.push(`constellations[${c}].walker.total=${400 * perPlane}`);
  const scenario = loadScenario('preset:spacex-1m', { set });
  const r = await measureTwin(scenario, threads);
  const { wall_s, peakRss_bytes, load0, cpu0 } = r;
  const n = r.tw.built.fleet.count;
  const full = duration === 'P1D' && n === 1_000_000;
  const s = r.res.summary as { compute: { delivered: { fraction: number } }; radiation: { events: Record<string, number> } };
  return {
    name: 'spacex-1m',
    input: `${n.toLocaleString('en-US')} satellites × ${scenario.stepCount.toLocaleString('en-US')} steps (${duration} at 60 s), every model on`,
    figures: [
      { label: 'orbitdc twin (build + run)', wall_s, rate_per_s: (n * scenario.stepCount) / wall_s, rateUnit: 'satellite-steps/s', peakRss_bytes },
      { label: 'of which build (fleet, streams)', wall_s: r.build_s },
    ],
    goal: `under 180 s wall${full ? '' : ' (for 1,000,000 satellites over P1D; this run is smaller)'}`,
    goalMet: full && wall_s < 180,
    notes: [
      threadsNote(r.tw, cpu0),
      `delivered/nameplate compute ${s.compute.delivered.fraction}`,
      `radiation events: ${Object.entries(s.radiation.events).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `load average before: ${load0}, after: ${loadNote()}`,
      `step loop ${(r.tw.wall_ms / 1000).toFixed(2)} s; memory ≈ ${(peakRss_bytes / n).toFixed(0)} B per satellite (peak RSS / satellites)`,
    ],
    machine: machineDescription(),
  };
}
