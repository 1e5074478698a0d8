/**
 * suncatcher-81: the whole twin (every model on) over the `suncatcher-81` preset, 81 satellites
 * in a 650 km dawn-dusk cluster, 5 years at 60 s steps (2,629,800 steps).
 * Goal (issue 3 "Speed"): under 20 s wall.
 *
 * `node dist/bench/run.js suncatcher-81 [--duration P5Y] [--step 60] [--threads 1|2]` (default: 2 on ≥ 2 cores, engine.ts)
 */
import { loadScenario } from '../src/twin/scenario/index.js';
import { TwinRun } from '../src/twin/engine.js';
import { machineDescription, withPeakRss, type BenchResult } from './harness.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const duration = argValue(opts.args, '--duration') ?? 'P5Y';
  const threadsArg = argValue(opts.args, '--threads');
  const threads = threadsArg === undefined ? undefined : Number(threadsArg);
  const step = argValue(opts.args, '--step') ?? '60';
  const scenario = loadScenario('preset:suncatcher-81', { set: [`duration=${duration}`, `step_s=${step}`] });
  const load0 = loadNote();
  const cpu0 = cpuSplit();
  const t0 = process.hrtime.bigint();
  const { result: r, peakRss_bytes } = await withPeakRss(async () => {
    const tw = await TwinRun.create(scenario, threads === undefined ? {} : { threads });
    const res = await tw.run();
    return { res, tw };
  });
  const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
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

/** The value after `flag` in args (`--flag value`), if any. */
function argValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** 1-, 5- and 15-minute load averages: the machine is shared, so say how busy it was. */
function loadNote(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(', ');
}

/**
 * Threads the run used, how long the main thread waited for the orbit-stage worker, and CPU time
 * of the main thread and of the others (worker, GC helpers) since `cpu0`: on a shared machine the
 * main thread's CPU seconds say what the wall time would be on two idle cores.
 */
function threadsNote(tw: TwinRun, cpu0: { main_s: number; total_s: number } | null): string {
  const w = tw.orbitStageWaits, c = cpuSplit();
  const waited = w ? `; main thread waited for the orbit stage ${w.waits.toLocaleString('en-US')} times, ${(w.wait_ms / 1000).toFixed(2)} s` : '';
  const cpu = c && cpu0 ? `; CPU: main thread ${(c.main_s - cpu0.main_s).toFixed(1)} s, other threads ${(c.total_s - cpu0.total_s - (c.main_s - cpu0.main_s)).toFixed(1)} s` : '';
  return `threads: ${tw.threads}${tw.threadsNote ? ` (${tw.threadsNote})` : ''}${waited}${cpu}`;
}

/** CPU seconds of the main thread (Linux: /proc/PID/task/PID/stat, 100 Hz ticks) and of the whole process (exited threads included); null elsewhere. */
function cpuSplit(): { main_s: number; total_s: number } | null {
  try {
    const s = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const u = process.cpuUsage();
    return { main_s: (Number(f[11]) + Number(f[12])) / 100, total_s: (u.user + u.system) / 1e6 };
  } catch {
    return null;
  }
}
