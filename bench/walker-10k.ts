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
import { TwinRun } from '../src/twin/engine.js';
import { machineDescription, withPeakRss, type BenchResult } from './harness.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';

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
  const load0 = loadNote();
  const cpu0 = cpuSplit();
  const t0 = process.hrtime.bigint();
  const { result: r, peakRss_bytes } = await withPeakRss(async () => {
    const tw = await TwinRun.create(scenario, threads === undefined ? {} : { threads });
    const res = await tw.run();
    return { res, tw };
  });
  const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
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
