/**
 * walker-1m: analytic J2 propagation plus sunlit fraction for a 1,000,000-satellite Walker delta
 * shell (1,000 planes × 1,000, 550 km, 53°, F = 1) over one day at 60 s steps (1,440 steps).
 * Goal (issue "Foundation and astrodynamics"): < 60 s wall on 2 cores, peak RSS < 2 GB.
 *
 * How it runs: the element columns and the fleet's state, status, sunlit and accumulated-sunlit
 * columns live in SharedArrayBuffers; W worker threads (default 2 = the cores) each own a
 * contiguous row range and run, per step, J2Stepper.step (per plane: sin/cos of node and phase
 * advance once; per satellite: angle addition, no trigonometry) then helper-3's
 * sunlitFractionBatch on their rows,
 * and meet at an Atomics barrier, so the main thread could read one consistent fleet state per
 * step as the twin's later stages will. Sun position: sunPositionEci_m once per step per worker.
 *
 * `node dist/bench/run.js walker-1m [--planes N] [--per-plane N] [--steps N] [--dt S] [--workers W]`
 */
import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { FleetState } from '../src/core/fleet.js';
import { Status } from '../src/core/status.js';
import { DEG_TO_RAD } from '../src/core/units.js';
import { sunlitFractionBatch } from '../src/environment/shadow.js';
import { sunPositionEci_m } from '../src/environment/sun.js';
import { MeanElementSet, type MeanElementColumns } from '../src/orbit/elements.js';
import { J2Stepper } from '../src/orbit/j2.js';
import { walkerDelta } from '../src/orbit/walker.js';
import { type BenchResult, withPeakRss } from './harness.js';
import type { Vec3 } from '../src/core/vec3.js';

interface FleetColumns {
  x_m: Float64Array; y_m: Float64Array; z_m: Float64Array;
  vx_m_s: Float64Array; vy_m_s: Float64Array; vz_m_s: Float64Array;
  status: Uint8Array; sunlit: Float64Array; sunlitSum: Float64Array;
}

interface Job {
  kind: 'walker-1m';
  epochUtcMs: number;
  count: number;
  from: number;
  to: number;
  steps: number;
  dt_s: number;
  workers: number;
  elements: MeanElementColumns;
  fleet: FleetColumns;
  /** [arrived, generation] for the per-step barrier. */
  barrier: Int32Array;
}

function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

/** Sense-reversing barrier over `n` threads on a shared Int32Array [arrived, generation]. */
function barrierWait(b: Int32Array, n: number): void {
  const gen = Atomics.load(b, 1);
  if (Atomics.add(b, 0, 1) === n - 1) {
    Atomics.store(b, 0, 0);
    Atomics.add(b, 1, 1);
    Atomics.notify(b, 1);
  } else {
    Atomics.wait(b, 1, gen);
  }
}

/** A FleetState whose columns are the shared arrays (no copy). */
function fleetOver(cols: FleetColumns, ids: Uint32Array, count: number): FleetState {
  const f = new FleetState(1);
  f.capacity = count;
  f.count = count;
  f.id = ids;
  f.x_m = cols.x_m; f.y_m = cols.y_m; f.z_m = cols.z_m;
  f.vx_m_s = cols.vx_m_s; f.vy_m_s = cols.vy_m_s; f.vz_m_s = cols.vz_m_s;
  f.status = cols.status;
  return f;
}

function workerMain(job: Job): void {
  const el = MeanElementSet.fromColumns(job.epochUtcMs, job.elements, job.count);
  const fleet = fleetOver(job.fleet, job.elements.id, job.count);
  const stepper = new J2Stepper(el, fleet, { from: job.from, to: job.to });
  const sun: Vec3 = [0, 0, 0];
  const { sunlit, sunlitSum } = job.fleet;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k <= job.steps; k++) {
    const t = k * job.dt_s;
    if (k === 0) stepper.setTime(0);
    else stepper.step(job.dt_s);
    sunPositionEci_m(job.epochUtcMs + t * 1000, sun);
    sunlitFractionBatch(fleet, sun, sunlit, job.from, job.to);
    for (let i = job.from; i < job.to; i++) sunlitSum[i]! += sunlit[i]!;
    barrierWait(job.barrier, job.workers);
  }
  parentPort?.postMessage({ wall_s: Number(process.hrtime.bigint() - t0) / 1e9 });
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'walker-1m') workerMain(workerData as Job);

function intArg(args: string[], name: string, dflt: number): number {
  const k = args.indexOf(name);
  if (k < 0) return dflt;
  const v = Number(args[k + 1]);
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`walker-1m: ${name} expects a positive number, found "${args[k + 1] ?? ''}"`);
  return v;
}

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const planes = intArg(opts.args, '--planes', 1000);
  const perPlane = intArg(opts.args, '--per-plane', 1000);
  const steps = intArg(opts.args, '--steps', 1440);
  const dt_s = intArg(opts.args, '--dt', 60);
  const workers = intArg(opts.args, '--workers', 2);
  const epochUtcMs = Date.UTC(2026, 2, 20);
  const n = planes * perPlane;

  let genWall = 0, runWall = 0, meanSunlit = 0, lit = 0, ok = 0;
  const workerWalls: number[] = [];
  const { peakRss_bytes } = await withPeakRss(async () => {
    const g0 = process.hrtime.bigint();
    const built = walkerDelta({
      epochUtcMs, total: n, planes, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD, noNames: true,
    });
    const elements = built.toShared();
    genWall = Number(process.hrtime.bigint() - g0) / 1e9;
    const fleet: FleetColumns = {
      x_m: sharedF64(n), y_m: sharedF64(n), z_m: sharedF64(n),
      vx_m_s: sharedF64(n), vy_m_s: sharedF64(n), vz_m_s: sharedF64(n),
      status: new Uint8Array(new SharedArrayBuffer(n)).fill(Status.Unset),
      sunlit: sharedF64(n), sunlitSum: sharedF64(n),
    };
    const barrier = new Int32Array(new SharedArrayBuffer(8));
    const r0 = process.hrtime.bigint();
    const chunk = Math.ceil(n / workers);
    await Promise.all(Array.from({ length: workers }, (_, w) => new Promise<void>((resolve, reject) => {
      const job: Job = {
        kind: 'walker-1m', epochUtcMs, count: n, from: Math.min(n, w * chunk), to: Math.min(n, (w + 1) * chunk),
        steps, dt_s, workers, elements, fleet, barrier,
      };
      const worker = new Worker(new URL(import.meta.url), { workerData: job });
      worker.once('message', (m: { wall_s: number }) => { workerWalls.push(m.wall_s); });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`walker-1m worker ${w} exited with code ${code}`))));
    })));
    runWall = Number(process.hrtime.bigint() - r0) / 1e9;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += fleet.sunlitSum[i]! / (steps + 1);
      if (fleet.sunlit[i]! > 0) lit++;
      if (fleet.status[i] === Status.Ok) ok++;
    }
    meanSunlit = sum / n;
  });

  const satSteps = n * (steps + 1);
  const rate = satSteps / runWall;
  const goalMet = runWall < 60 && peakRss_bytes < 2 * 2 ** 30;
  return {
    name: 'walker-1m',
    input: `${n.toLocaleString('en-US')} satellites (${planes} planes × ${perPlane}, Walker delta 550 km 53°) × ${steps + 1} steps of ${dt_s} s, ${workers} worker threads`,
    figures: [
      { label: `generate shell + share columns`, wall_s: genWall },
      { label: `J2 propagation + sunlit fraction`, wall_s: runWall, rate_per_s: rate, rateUnit: 'satellite-steps/s', peakRss_bytes },
    ],
    goal: 'J2 + sunlit for 1,000,000 satellites × 1 day at 60 s in < 60 s wall on 2 cores, peak RSS < 2 GB',
    goalMet,
    notes: [
      `worker walls: ${workerWalls.map((w) => w.toFixed(2)).join(', ')} s (propagation + shadow, barrier each step)`,
      `mean sunlit fraction over the day ${meanSunlit.toFixed(4)}; ${lit.toLocaleString('en-US')} lit at the last step; ${ok.toLocaleString('en-US')} rows status Ok`,
      'J2Stepper: per-plane trig once per step, per-satellite angle addition from epoch; shadow: conical (shadow.ts sunlitFractionBatch)',
    ],
  };
}
