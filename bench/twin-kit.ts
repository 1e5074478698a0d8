/**
 * What the twin benches (suncatcher-81, walker-10k, spacex-1m) share: flag parsing, the load
 * average, and the thread/CPU note that says what a run's wall time would be on two idle cores.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { TwinRun } from '../src/twin/engine.js';
import type { RunResult } from '../src/twin/results.js';
import type { Scenario } from '../src/twin/scenario/normalise.js';
import { withPeakRss } from './harness.js';

/** The value after `flag` in args (`--flag value`), if any. */
export function argValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** 1-, 5- and 15-minute load averages: the machine is shared, so say how busy it was. */
export function loadNote(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(', ');
}

/**
 * Threads the run used, how long the main thread waited for the orbit-stage worker, and CPU time
 * of the main thread and of the others (worker, GC helpers) since `cpu0`: on a shared machine the
 * main thread's CPU seconds say what the wall time would be on two idle cores.
 */
export function threadsNote(tw: TwinRun, cpu0: { main_s: number; total_s: number } | null): string {
  const w = tw.orbitStageWaits, c = cpuSplit();
  const waited = w ? `; main thread waited for the orbit stage ${w.waits.toLocaleString('en-US')} times, ${(w.wait_ms / 1000).toFixed(2)} s` : '';
  const cpu = c && cpu0 ? `; CPU: main thread ${(c.main_s - cpu0.main_s).toFixed(1)} s, other threads ${(c.total_s - cpu0.total_s - (c.main_s - cpu0.main_s)).toFixed(1)} s` : '';
  return `threads: ${tw.threads}${tw.threadsNote ? ` (${tw.threadsNote})` : ''}${waited}${cpu}`;
}

/** CPU seconds of the main thread (Linux: /proc/PID/task/PID/stat, 100 Hz ticks) and of the whole process (exited threads included); null elsewhere. */
export function cpuSplit(): { main_s: number; total_s: number } | null {
  try {
    const s = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const u = process.cpuUsage();
    return { main_s: (Number(f[11]) + Number(f[12])) / 100, total_s: (u.user + u.system) / 1e6 };
  } catch {
    return null;
  }
}

/** What `measureTwin` saw: the run, its result, wall and build times, peak RSS, and the load and CPU before it. */
export interface MeasuredTwin {
  tw: TwinRun;
  res: RunResult;
  wall_s: number;
  build_s: number;
  peakRss_bytes: number;
  load0: string;
  cpu0: { main_s: number; total_s: number } | null;
}

/** Build and run a scenario's twin to the end, timed (wall, build) with its peak RSS. */
export async function measureTwin(scenario: Scenario, threads: number | undefined): Promise<MeasuredTwin> {
  const load0 = loadNote();
  const cpu0 = cpuSplit();
  const t0 = process.hrtime.bigint();
  let build_s = 0;
  const { result, peakRss_bytes } = await withPeakRss(async () => {
    const tw = await TwinRun.create(scenario, threads === undefined ? {} : { threads });
    build_s = Number(process.hrtime.bigint() - t0) / 1e9;
    const res = await tw.run();
    return { res, tw };
  });
  const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ...result, wall_s, build_s, peakRss_bytes, load0, cpu0 };
}
