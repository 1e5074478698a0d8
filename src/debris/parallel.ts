/**
 * Screening on several cores: the window is cut into W runs of whole steps on the same step grid
 * as one sequential run, and each worker thread screens one run. Encounters are owned by the step
 * whose half-open interval (t_a, t_b] holds their TCA, so the union of the workers' results is
 * exactly the sequential result (no encounter found twice, none lost at a seam). Each worker
 * propagates its own copy of the populations (designed elements are shared, not copied).
 * Catalog populations are initialised for SGP4 once, on this thread, while the workers start
 * (`packSgp4`), and the packed state is shared with them (a SharedArrayBuffer), instead of every
 * worker initialising every record (~0.8–2 s of cold JavaScript each for the active catalog).
 *
 * With method 'shells' (a designed primary against a secondary, cross pairs only) each worker
 * runs `screenShellsAgainst` (shell-cross.ts: analytic candidates for ring-shell rows, grid for
 * the rest) instead of `screen`; the events are the same.
 *
 * Runs from compiled JavaScript only (worker_threads loads this file's .js).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import type { MeanElementColumns } from '../orbit/elements.js';
import { MeanElementSet } from '../orbit/elements.js';
import type { OrbitRecord } from '../orbit/record.js';
import { packSgp4, type PackedSgp4 } from '../orbit/sgp4.js';
import { catalogPopulation, designedPopulation, type Population } from './population.js';
import { ConjunctionList, screen, type ScreenOptions, type ScreenStats } from './screen.js';
import { screenShellsAgainst } from './shell-cross.js';

export type PopulationSpec =
  | { kind: 'catalog'; records: OrbitRecord[] }
  | { kind: 'designed'; epochUtcMs: number; columns: MeanElementColumns; count: number };

type PlainOptions = Omit<ScreenOptions, 'onEvent' | 'progress'> & { shellSubsteps?: number };

/** 'grid': `screen`; 'shells': `screenShellsAgainst` (designed primary, secondary required, cross pairs). */
export type ScreenMethod = 'grid' | 'shells';

/** `packed`: the catalog populations' SGP4 state follows in a `Packed` message (see the file comment). */
interface Job { kind: 'orbitdc-screen'; method: ScreenMethod; primary: PopulationSpec; secondary?: PopulationSpec; options: PlainOptions; packed: boolean }

/** Packed SGP4 state of the job's catalog populations (absent for designed ones). */
interface Packed { primary?: PackedSgp4; secondary?: PackedSgp4 }

interface Reply {
  count: number; a: Int32Array; b: Int32Array; secondary: Uint8Array; tcaUtcMs: Float64Array; miss_m: Float64Array; relSpeed_m_s: Float64Array;
  stats: ScreenStats; wall_s: number;
}

async function build(spec: PopulationSpec, o: PlainOptions, packed: PackedSgp4 | undefined): Promise<Population> {
  if (spec.kind === 'catalog') return catalogPopulation(spec.records, o.fromUtcMs, o.toUtcMs, { backend: 'wasm', ...(packed ? { packed } : {}) });
  return designedPopulation(MeanElementSet.fromColumns(spec.epochUtcMs, spec.columns, spec.count), { threshold_m: o.threshold_m });
}

async function workerMain(job: Job): Promise<void> {
  const t0 = process.hrtime.bigint();
  const { primary, secondary } = job;
  const packed = job.packed ? await new Promise<Packed>((res) => parentPort?.once('message', res)) : {};
  if (job.method === 'shells' && primary.kind === 'designed' && secondary) {
    const el = MeanElementSet.fromColumns(primary.epochUtcMs, primary.columns, primary.count);
    const s = await build(secondary, job.options, packed.secondary);
    try {
      reply(await screenShellsAgainst(el, s, job.options), t0);
    } finally {
      s.dispose();
    }
    return;
  }
  const p = await build(primary, job.options, packed.primary);
  const s = secondary ? await build(secondary, job.options, packed.secondary) : undefined;
  try {
    reply(await screen(p, s, job.options), t0);
  } finally {
    p.dispose();
    s?.dispose();
  }
}

function reply(r: { events: ConjunctionList; stats: ScreenStats }, t0: bigint): void {
  const e = r.events, n = e.count;
  const msg: Reply = {
    count: n, a: e.a.slice(0, n), b: e.b.slice(0, n), secondary: e.secondary.slice(0, n), tcaUtcMs: e.tcaUtcMs.slice(0, n),
    miss_m: e.miss_m.slice(0, n), relSpeed_m_s: e.relSpeed_m_s.slice(0, n), stats: r.stats, wall_s: Number(process.hrtime.bigint() - t0) / 1e9,
  };
  parentPort?.postMessage(msg);
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'orbitdc-screen') void workerMain(workerData as Job);

/**
 * Screen with `workers` threads (see the file comment); events in worker (time) order.
 * method 'shells' needs a designed primary, a secondary and pairs 'cross'.
 */
export async function screenParallel(
  primary: PopulationSpec, secondary: PopulationSpec | undefined, o: PlainOptions, workers: number, method: ScreenMethod = 'grid',
): Promise<{ events: ConjunctionList; stats: ScreenStats[]; workerWall_s: number[] }> {
  if (method === 'shells' && (primary.kind !== 'designed' || !secondary || o.pairs !== 'cross')) {
    throw new InputError('method "shells" screens a designed primary against a secondary', { field: 'method', expected: "'grid', or a designed primary, a secondary and pairs: 'cross'", found: `${primary.kind} primary, ${secondary ? secondary.kind : 'no'} secondary, pairs ${o.pairs ?? 'all'}` }, 'E_ARGUMENT');
  }
  const h_ms = (o.step_s ?? 60) * 1000;
  const steps = Math.max(1, Math.ceil((o.toUtcMs - o.fromUtcMs) / h_ms - 1e-9));
  const w = Math.max(1, Math.min(workers, steps));
  const per = Math.ceil(steps / w);
  const packing = primary.kind === 'catalog' || secondary?.kind === 'catalog';
  const started: Worker[] = [];
  const done = Array.from({ length: w }, (_, k) => new Promise<Reply | undefined>((resolve, reject) => {
    const from = o.fromUtcMs + k * per * h_ms;
    const to = Math.min(o.toUtcMs, o.fromUtcMs + (k + 1) * per * h_ms);
    if (!(to > from)) { resolve(undefined); return; }
    const job: Job = { kind: 'orbitdc-screen', method, primary, ...(secondary ? { secondary } : {}), options: { ...o, fromUtcMs: from, toUtcMs: to }, packed: packing };
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    started.push(worker);
    let reply: Reply | undefined;
    worker.once('message', (m: Reply) => { reply = m; });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(reply) : reject(new Error(`screen worker ${k} exited with code ${code}`))));
  }));
  if (packing) {
    // The workers start (module loading, WASM set-up) while this thread initialises SGP4 once.
    let packed: Packed;
    try {
      packed = {
        ...(primary.kind === 'catalog' ? { primary: await packSgp4(primary.records) } : {}),
        ...(secondary?.kind === 'catalog' ? { secondary: await packSgp4(secondary.records) } : {}),
      };
    } catch (e) {
      for (const wk of started) void wk.terminate();
      await Promise.allSettled(done);
      throw e;
    }
    for (const wk of started) wk.postMessage(packed);
  }
  const replies = await Promise.all(done);
  const events = new ConjunctionList();
  const stats: ScreenStats[] = [], walls: number[] = [];
  for (const r of replies) {
    if (!r) continue;
    stats.push(r.stats); walls.push(r.wall_s);
    for (let k = 0; k < r.count; k++) {
      events.push({ a: r.a[k]!, b: r.b[k]!, secondary: r.secondary[k] === 1, tcaUtcMs: r.tcaUtcMs[k]!, miss_m: r.miss_m[k]!, relSpeed_m_s: r.relSpeed_m_s[k]! });
    }
  }
  return { events, stats, workerWall_s: walls };
}
