/**
 * Benchmark harness. Each benchmark is `bench/<name>.ts` exporting `run(opts)`; `npm run bench --
 * NAME [--json] [extra args]` builds and runs it through bench/run.ts. Speed is measured here,
 * never asserted in tests. A result names its input size and, where the issue names a peer,
 * the peer's figure measured in the same run and the ratio.
 */
import os from 'node:os';

export interface BenchFigure {
  /** What was measured, e.g. "orbitdc SGP4 (WASM bulk)". */
  label: string;
  /** Wall-clock seconds. */
  wall_s: number;
  /** Work units per second (propagations/s, satellite-steps/s, ...). */
  rate_per_s?: number;
  /** Unit of `rate_per_s`. */
  rateUnit?: string;
  /** Peak resident memory during this figure [bytes], when measured. */
  peakRss_bytes?: number;
}

export interface BenchResult {
  name: string;
  /** Input size in words ("10,000 objects × 60 steps"). */
  input: string;
  figures: BenchFigure[];
  /** ours ÷ peer throughput, where a peer ran in the same process or run. */
  ratioVsPeer?: number;
  peer?: string;
  /** The goal, in words, and whether this run met it. */
  goal?: string;
  goalMet?: boolean;
  notes?: string[];
  machine?: string;
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Time a synchronous or async function once; returns wall seconds. */
export async function timeIt(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Sample resident memory every 50 ms while `fn` runs; returns the peak [bytes] with fn's result. */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peakRss_bytes: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRss_bytes: peak };
  } finally {
    clearInterval(timer);
  }
}

export function formatRate(r: number): string {
  if (r >= 1e9) return `${(r / 1e9).toFixed(2)} G`;
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)} M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)} k`;
  return r.toFixed(1);
}

export function printResult(r: BenchResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...r, machine: r.machine ?? machineDescription() }, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  out.push(`bench ${r.name}: ${r.input}`);
  out.push(`machine: ${r.machine ?? machineDescription()}`);
  for (const f of r.figures) {
    let line = `  ${f.label.padEnd(44)} ${f.wall_s.toFixed(3).padStart(9)} s`;
    if (f.rate_per_s !== undefined) line += `  ${formatRate(f.rate_per_s).padStart(9)} ${f.rateUnit ?? '/s'}`;
    if (f.peakRss_bytes !== undefined) line += `  peak RSS ${(f.peakRss_bytes / 2 ** 20).toFixed(0)} MiB`;
    out.push(line);
  }
  if (r.ratioVsPeer !== undefined) out.push(`  ratio vs ${r.peer ?? 'peer'}: ${r.ratioVsPeer.toFixed(2)}×`);
  if (r.goal !== undefined) out.push(`  goal: ${r.goal} → ${r.goalMet ? 'met' : 'NOT met'}`);
  for (const n of r.notes ?? []) out.push(`  note: ${n}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
