/**
 * The twin's orbit stage as the first half of a two-stage pipeline: a worker thread computes, for
 * the generated (J2) rows, positions, velocities, orbit status, sunlit fraction and dose rate of
 * step j into slot j mod K of a ring of SharedArrayBuffer slots, up to K − 1 steps ahead of the
 * main thread, which runs the spacecraft pass, events, radiation streams, compute stage and
 * metrics on the slot of its step k (engine.ts).
 *
 * Why this split: that stage depends only on time and the mean elements, never on the spacecraft
 * state, so it can run ahead; it was ~35 % of a Suncatcher step and ~25 % of a 10,000-satellite
 * step (BENCHMARKS.md), and it runs beside the main thread on the second core.
 *
 * Same results, bit for bit: the worker calls the very functions the in-thread engine calls
 * (J2Stepper.setTime(k·dt), SunOnGrid.at(k), sunlitFractionBatch, doseRateEciBatch with
 * gmstAt_rad(epoch + k·dt·1000)) on the same inputs, in the same order per row. pipeline.test.ts
 * holds summary.json, series.csv, satellites.csv and events.csv of a pipelined run equal, byte
 * for byte, to the in-thread run's.
 *
 * Status: the worker's J2Stepper owns an orbit status per generated row (Ok, out-of-range
 * elements; later drag's Reentered); the main thread's fleet status also carries what events did
 * (Failed). Merge, as engine.propagate does for SGP4: orbit Ok + main Failed/Offline keeps the
 * main's; anything else takes the orbit's. The merge runs when the orbit statuses changed (a
 * version number in the slot header) or while some orbit status is not Ok (so a Failed event on
 * an out-of-range row is overwritten each step, as the in-thread J2Stepper.markInvalid does).
 *
 * Catalog (SGP4) rows stay on the main thread (engine.ts writes them into the same slot): catalogs
 * are small beside generated fleets (≤ ~15,000 rows against up to 10⁶), and SGP4 needs its records
 * and WASM module, which would have to be shipped to the worker for little gain.
 *
 * Handshake: two counters in a shared Int32Array, `produced` (steps the worker has finished) and
 * `consumed` (steps the main thread has released), on separate cache lines, with Atomics.wait/
 * notify, never postMessage per step. Step j may be written once step j − K is released; the main
 * thread holds its slot until it takes the next (so the fleet's columns stay valid between steps
 * and after the last one), hence the worker runs at most K − 1 steps ahead. Each side notifies
 * only when the other sleeps, once per sleep (compareExchange on the sleeper's flag: a notify is a
 * system call, and a woken thread may take the core from the notifier); the worker, once the ring
 * is full, sleeps until half of it is free (hysteresis); the main thread publishes `consumed`
 * every ≤ 16 steps, and exactly whenever it has to wait. A ring of 1,024 Suncatcher steps (~8 µs
 * each) thus costs one wake-up per ~512 steps.
 *
 * Workers load compiled JavaScript only (pipeline-worker.js beside this module's .js); from
 * TypeScript sources (vitest) the engine runs in-thread unless a compiled worker URL is given.
 */
import { Worker } from 'node:worker_threads';
import { OrbitdcError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import type { Vec3 } from '../core/vec3.js';
import { defaultRadiationEnvironment, type RadiationEnvironment } from '../environment/radiation.js';
import { sunlitFractionBatch } from '../environment/shadow.js';
import { SunOnGrid } from '../environment/sun.js';
import { MeanElementSet, type MeanElementColumns } from '../orbit/elements.js';
import { gmstAt_rad } from '../orbit/frames.js';
import { J2Stepper } from '../orbit/j2.js';
import type { BuiltFleet } from './build.js';

/**
 * Control words (Int32 indices) of the shared control buffer: what the worker writes every step
 * (PRODUCED) and what the main thread writes (CONSUMED) sit 64 bytes apart, on their own cache lines.
 */
const PRODUCED = 0, MAIN_WAITING = 1, MAIN_WAKE_AT = 2, CONSUMED = 16, WORKER_WAITING = 17, WAKE_AT = 18, STOP = 32, ERROR = 33, ERROR_LEN = 34;
const CTL_WORDS = 48;
/** Bytes kept for the worker's error message (UTF-8). */
const ERROR_BYTES = 2048;
/** Slot header (Float64 indices): the Sun of the step [m], the orbit-status version, rows whose orbit status is not Ok. */
const H_SUN = 0, H_VERSION = 3, H_NOT_OK = 4, HEAD = 5;
/** Ring memory budget [bytes]: slots = budget / slot size, within [MIN_SLOTS, MAX_SLOTS]. */
const RING_BUDGET_B = 128 * 2 ** 20;
const MIN_SLOTS = 3, MAX_SLOTS = 1024;
/** The main thread gives up on a worker that makes no progress for this long [ms] (it died). */
const STALL_LIMIT_ms = 120_000;

/** One generated constellation's rows and shielding (the dose rate is per constellation). */
export interface OrbitStageRange { from: number; to: number; shieldAl_m: number }

/** Everything the orbit stage needs, structured-clonable (SharedArrayBuffers are shared, not copied). */
export interface OrbitStageJob {
  kind: 'orbitdc-orbit-stage';
  epochUtcMs: number;
  dt_s: number;
  stepCount: number;
  /** Dose rate evaluated at steps k with k mod radEvery = 0, held between. */
  radEvery: number;
  /** Generated rows [0, generatedCount); rows of the fleet (slot columns' length) `rows`. */
  generatedCount: number;
  rows: number;
  elements: MeanElementColumns;
  ranges: OrbitStageRange[];
  slots: SharedArrayBuffer[];
  ctl: SharedArrayBuffer;
}

/** One step of the orbit stage: views on a slot's buffer. Every column has `rows` entries. */
export interface OrbitSlot {
  x_m: Float64Array; y_m: Float64Array; z_m: Float64Array;
  vx_m_s: Float64Array; vy_m_s: Float64Array; vz_m_s: Float64Array;
  sunlitFraction: Float64Array;
  doseRate_rad_s: Float64Array;
  /** Orbit status of generated rows (valid when the header's not-Ok count is > 0 or its version changed). */
  status: Uint8Array;
  /** [Sun x, y, z [m], status version, not-Ok count]. */
  head: Float64Array;
}

/** Bytes of one slot for `rows` rows: 8 Float64 columns, the header, a Uint8 status column. */
export function slotBytes(rows: number): number {
  return 8 * (8 * rows + HEAD) + rows;
}

/**
 * Slots for a fleet of `rows`: as many as RING_BUDGET_B holds, in [3, 1024] (3 at 10⁶ rows: ~195 MB;
 * 196 at 10⁴; 1,024 at 81 rows: 5 MB, ~6 ms of Suncatcher steps, so that the worker, woken when
 * half the ring is free, has ~3 ms to get a core on a busy machine before the main thread runs dry).
 */
export function slotCountFor(rows: number, stepCount: number): number {
  const k = Math.floor(RING_BUDGET_B / slotBytes(rows));
  return Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, k, Math.max(MIN_SLOTS, stepCount)));
}

export function slotViews(buf: SharedArrayBuffer, rows: number): OrbitSlot {
  const f = (k: number): Float64Array => new Float64Array(buf, 8 * k * rows, rows);
  return {
    x_m: f(0), y_m: f(1), z_m: f(2), vx_m_s: f(3), vy_m_s: f(4), vz_m_s: f(5), sunlitFraction: f(6), doseRate_rad_s: f(7),
    head: new Float64Array(buf, 8 * 8 * rows, HEAD),
    status: new Uint8Array(buf, 8 * (8 * rows + HEAD), rows),
  };
}

/**
 * The orbit stage of the generated rows, step by step into slots (the worker runs it; the
 * engine's `orbitStage: 'inline'` test mode runs it on the main thread). Allocates nothing per step.
 */
export class OrbitStageProducer {
  private readonly job: OrbitStageJob;
  private readonly fleet: FleetState;
  private readonly j2: J2Stepper;
  private readonly sunGrid: SunOnGrid;
  private readonly env: RadiationEnvironment = defaultRadiationEnvironment();
  readonly slots: OrbitSlot[];
  /** Each slot's dose rate of the generated rows (views made once: a subarray per step is garbage). */
  private readonly doseHead: Float64Array[];
  private readonly sun: Vec3 = [0, 0, 0];
  /** Orbit statuses as last published, and their version. */
  private readonly published: Uint8Array;
  private version = 0;

  constructor(job: OrbitStageJob) {
    this.job = job;
    const n = job.generatedCount;
    const el = MeanElementSet.fromColumns(job.epochUtcMs, job.elements, n);
    // A fleet over the slot columns (swapped per step) with its own status column: the J2Stepper's.
    const f = new FleetState(1);
    f.capacity = Math.max(1, n);
    f.count = n;
    f.id = job.elements.id;
    f.status = new Uint8Array(Math.max(1, n)).fill(Status.Unset);
    this.fleet = f;
    this.slots = job.slots.map((b) => slotViews(b, job.rows));
    this.doseHead = this.slots.map((s) => s.doseRate_rad_s.subarray(0, n));
    this.bind(this.slots[0]!);
    this.j2 = new J2Stepper(el, f);
    this.sunGrid = new SunOnGrid(job.epochUtcMs, job.dt_s);
    this.published = new Uint8Array(Math.max(1, n)).fill(Status.Unset);
  }

  private bind(s: OrbitSlot): void {
    const f = this.fleet;
    f.x_m = s.x_m; f.y_m = s.y_m; f.z_m = s.z_m; f.vx_m_s = s.vx_m_s; f.vy_m_s = s.vy_m_s; f.vz_m_s = s.vz_m_s;
  }

  /** Compute step j into slot j mod K (the engine's in-thread order: orbit, Sun, shadow, dose rate). */
  fill(j: number): void {
    const job = this.job, K = this.slots.length, n = job.generatedCount;
    const s = this.slots[j % K]!, f = this.fleet;
    const t = j * job.dt_s;
    const utcMs = job.epochUtcMs + t * 1000;
    this.bind(s);
    this.j2.setTime(t);
    const sun = this.sunGrid.at(j, this.sun);
    const h = s.head;
    h[H_SUN] = sun[0]; h[H_SUN + 1] = sun[1]; h[H_SUN + 2] = sun[2];
    sunlitFractionBatch(f, sun, s.sunlitFraction, 0, n);
    if (j % job.radEvery === 0) {
      const theta = gmstAt_rad(utcMs);
      for (const r of job.ranges) this.env.doseRateEciBatch(s.x_m, s.y_m, s.z_m, theta, r.shieldAl_m, utcMs, s.doseRate_rad_s, r.from, r.to, f.status);
    } else {
      // Held between evaluations: the previous step's slot (written by this thread, not yet reused).
      s.doseRate_rad_s.set(this.doseHead[(j + K - 1) % K]!);
    }
    // Orbit statuses: a new version when any changed; the column itself only when the main thread reads it.
    const st = f.status, pub = this.published;
    let changed = false, notOk = 0;
    for (let i = 0; i < n; i++) {
      const v = st[i]!;
      if (v !== pub[i]) { pub[i] = v; changed = true; }
      if (v !== Status.Ok) notOk++;
    }
    if (changed) this.version++;
    if (changed || notOk > 0) s.status.set(st.subarray(0, n));
    h[H_VERSION] = this.version;
    h[H_NOT_OK] = notOk;
  }
}

/** Worker side: fill steps 0..stepCount−1 into the ring, waiting for free slots. */
export function runOrbitStageWorker(job: OrbitStageJob, ready: () => void): void {
  const ctl = new Int32Array(job.ctl);
  try {
    const p = new OrbitStageProducer(job);
    ready();
    const K = job.slots.length, hyst = hysteresis(K);
    let consumed = 0; // last value read of CONSUMED (it only grows)
    for (let j = 0; j < job.stepCount; j++) {
      // Step j may be written once step j − K is released (consumed ≥ j − K + 1).
      if (j >= consumed + K && j >= (consumed = Atomics.load(ctl, CONSUMED)) + K) {
        // Ring full: sleep until `hyst` more slots are free, or until the main thread, out of
        // steps, wakes us whatever the count (then one free slot is enough).
        const need = j - K + 1 + hyst;
        let woken = false;
        for (;;) {
          Atomics.store(ctl, WAKE_AT, need);
          Atomics.store(ctl, WORKER_WAITING, 1);
          consumed = Atomics.load(ctl, CONSUMED);
          if (consumed >= need || (woken && consumed >= j - K + 1) || Atomics.load(ctl, STOP) !== 0) break;
          Atomics.wait(ctl, CONSUMED, consumed, 1000);
          woken = true;
        }
        Atomics.store(ctl, WORKER_WAITING, 0);
        if (Atomics.load(ctl, STOP) !== 0) return;
      }
      p.fill(j);
      Atomics.store(ctl, PRODUCED, j + 1);
      // Notify once per wait of the main thread (compareExchange clears its flag).
      if (Atomics.load(ctl, MAIN_WAITING) !== 0 && j + 1 >= Atomics.load(ctl, MAIN_WAKE_AT) && Atomics.compareExchange(ctl, MAIN_WAITING, 1, 0) === 1) {
        Atomics.notify(ctl, PRODUCED);
      }
    }
  } catch (e) {
    const msg = new TextEncoder().encode(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)).subarray(0, ERROR_BYTES);
    new Uint8Array(job.ctl, CTL_WORDS * 4, ERROR_BYTES).set(msg);
    Atomics.store(ctl, ERROR_LEN, msg.length);
    Atomics.store(ctl, ERROR, 1);
    Atomics.notify(ctl, PRODUCED);
  }
}

/**
 * Slots the worker waits to be freed once the ring is full: half the ring, but never a step the
 * main thread cannot release before it has the one the worker is about to write (≤ K − 2).
 */
function hysteresis(K: number): number {
  return Math.max(1, Math.min(Math.floor(K / 2), K - 2));
}

/** How the orbit stage runs: a worker thread, or (tests) on the main thread, slot by slot. */
export type OrbitStageMode = 'worker' | 'inline';

/** Where the compiled worker module is, if this module runs compiled (null under TypeScript sources). */
export function defaultOrbitWorkerUrl(): URL | null {
  return import.meta.url.endsWith('.js') ? new URL('./pipeline-worker.js', import.meta.url) : null;
}

/**
 * Start the pipelined orbit stage of a built fleet's generated rows (ring sized by slotCountFor),
 * or say why not: then `pipe` is null and the engine runs in-thread.
 */
export async function startOrbitStage(b: BuiltFleet, o: {
  epochUtcMs: number; dt_s: number; stepCount: number; radEvery: number;
  /** Shielding per constellation (b.constellations order) [m Al]. */
  shieldAl_m: Float64Array; mode: OrbitStageMode; workerUrl: URL | null;
}): Promise<{ pipe: OrbitPipeline | null; note: string }> {
  const el = b.elements;
  if (!el || b.generatedCount === 0) return { pipe: null, note: 'no generated constellation: in-thread' };
  if (o.mode === 'worker' && !o.workerUrl) return { pipe: null, note: 'no compiled worker (TypeScript sources): in-thread' };
  const rows = b.fleet.count;
  const { slots, ctl } = OrbitPipeline.allocate(rows, slotCountFor(rows, o.stepCount));
  const ranges: OrbitStageRange[] = [];
  b.constellations.forEach((c, ci) => { if (c.to <= b.generatedCount) ranges.push({ from: c.from, to: c.to, shieldAl_m: o.shieldAl_m[ci]! }); });
  const job: OrbitStageJob = {
    kind: 'orbitdc-orbit-stage', epochUtcMs: o.epochUtcMs, dt_s: o.dt_s, stepCount: o.stepCount, radEvery: o.radEvery,
    generatedCount: b.generatedCount, rows, elements: el.toShared(), ranges, slots, ctl,
  };
  try {
    return { pipe: await OrbitPipeline.start(job, o.mode, o.workerUrl), note: '' };
  } catch (e) {
    return { pipe: null, note: `orbit-stage worker did not start (${e instanceof Error ? e.message : String(e)}): in-thread` };
  }
}

/** Main-thread side of the ring: start the orbit stage, take the slot of each step, merge statuses. */
export class OrbitPipeline {
  readonly slots: OrbitSlot[];
  readonly mode: OrbitStageMode;
  private readonly ctl: Int32Array;
  private readonly job: OrbitStageJob;
  private readonly worker: Worker | null;
  private readonly inline: OrbitStageProducer | null;
  private mergedVersion = 0;
  private disposed = false;
  /** Last value read of PRODUCED, last value written to CONSUMED, and how often to write it. */
  private produced = 0;
  private released = 0;
  private readonly releaseEvery: number;
  /** Steps beyond the one needed that the main thread waits for once it has to wait (≤ K − 1, so the worker can reach it). */
  private readonly mainHyst: number;
  /** Diagnostics: times the main thread waited for the worker, and how long in all [ms]. */
  waits = 0;
  wait_ms = 0;

  private constructor(job: OrbitStageJob, worker: Worker | null, inline: OrbitStageProducer | null) {
    this.job = job;
    this.ctl = new Int32Array(job.ctl);
    this.slots = job.slots.map((b) => slotViews(b, job.rows));
    this.worker = worker;
    this.inline = inline;
    this.mode = worker ? 'worker' : 'inline';
    // Release in batches (fewer writes to a line the worker reads), well inside the worker's hysteresis.
    this.releaseEvery = Math.max(1, Math.min(16, Math.floor(hysteresis(this.slots.length) / 2)));
    this.mainHyst = Math.min(64, Math.floor(this.slots.length / 4));
  }

  /** Shared buffers for a job: `slots` ring slots of `rows` rows, and the control words. */
  static allocate(rows: number, slots: number): { slots: SharedArrayBuffer[]; ctl: SharedArrayBuffer } {
    return {
      slots: Array.from({ length: slots }, () => new SharedArrayBuffer(slotBytes(rows))),
      ctl: new SharedArrayBuffer(CTL_WORDS * 4 + ERROR_BYTES),
    };
  }

  /**
   * Start the stage. 'worker' resolves once the worker has built its propagator (rejects if it
   * cannot start: the caller falls back to in-thread); 'inline' fills each slot when it is taken.
   */
  static async start(job: OrbitStageJob, mode: OrbitStageMode, workerUrl: URL | null): Promise<OrbitPipeline> {
    if (mode === 'inline') return new OrbitPipeline(job, null, new OrbitStageProducer(job));
    if (!workerUrl) throw new OrbitdcError('E_INTERNAL', 'no compiled orbit-stage worker (running from TypeScript sources)');
    const worker = new Worker(workerUrl, { workerData: job });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => { cleanup(); reject(e); };
      const onExit = (code: number): void => { cleanup(); reject(new OrbitdcError('E_INTERNAL', `orbit-stage worker exited with code ${code} before it was ready`)); };
      const onMessage = (): void => { cleanup(); resolve(); };
      const cleanup = (): void => { worker.off('error', onError); worker.off('exit', onExit); worker.off('message', onMessage); };
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', onMessage);
    }).catch(async (e: unknown) => { await worker.terminate(); throw e; });
    // Errors after start are reported through the control words (the main thread blocks in Atomics.wait).
    worker.on('error', () => undefined);
    worker.unref();
    return new OrbitPipeline(job, worker, null);
  }

  /**
   * The slot of step k (steps are taken in order, each once). Releases step k − 1's slot, then
   * waits until the worker has finished step k. Throws OrbitdcError if the worker failed or stalled.
   */
  acquire(k: number): OrbitSlot {
    const ctl = this.ctl;
    if (this.inline) {
      this.inline.fill(k);
      return this.slots[k % this.slots.length]!;
    }
    if (k - this.released >= this.releaseEvery) this.release(k, false);
    if (k >= this.produced && k >= (this.produced = Atomics.load(ctl, PRODUCED))) this.waitFor(k);
    return this.slots[k % this.slots.length]!;
  }

  /** Steps before k are done with: tell the worker, and wake it if it sleeps and (or `force`) enough is free. */
  private release(k: number, force: boolean): void {
    const ctl = this.ctl;
    this.released = k;
    Atomics.store(ctl, CONSUMED, k);
    if (Atomics.load(ctl, WORKER_WAITING) !== 0 && (force || k >= Atomics.load(ctl, WAKE_AT)) && Atomics.compareExchange(ctl, WORKER_WAITING, 1, 0) === 1) {
      Atomics.notify(ctl, CONSUMED);
    }
  }

  /**
   * Sleep until the worker has finished step k, and (hysteresis, where the worker is the slower
   * stage) `mainHyst` steps more, so the two threads do not wake each other every step.
   */
  private waitFor(k: number): void {
    const ctl = this.ctl, t0 = performance.now();
    const want = Math.min(this.job.stepCount, k + 1 + this.mainHyst);
    this.waits++;
    // Say we wait before releasing every step before k, so a worker woken by it sees the flag.
    Atomics.store(ctl, MAIN_WAKE_AT, want);
    Atomics.store(ctl, MAIN_WAITING, 1);
    this.release(k, true);
    let last = Atomics.load(ctl, PRODUCED), since = Date.now(), waited = false;
    try {
      for (;;) {
        if (Atomics.load(ctl, ERROR) !== 0) throw new OrbitdcError('E_INTERNAL', `orbit-stage worker failed: ${this.workerError()}`);
        Atomics.store(ctl, MAIN_WAITING, 1);
        const p = Atomics.load(ctl, PRODUCED);
        if (p >= want || (waited && p > k)) { this.produced = p; return; }
        if (p !== last) { last = p; since = Date.now(); }
        else if (Date.now() - since > STALL_LIMIT_ms) throw new OrbitdcError('E_INTERNAL', `orbit-stage worker made no progress for ${STALL_LIMIT_ms / 1000} s (step ${k})`);
        Atomics.wait(ctl, PRODUCED, p, 1000);
        waited = true;
      }
    } finally {
      Atomics.store(ctl, MAIN_WAITING, 0);
      this.wait_ms += performance.now() - t0;
    }
  }

  private workerError(): string {
    const n = Atomics.load(this.ctl, ERROR_LEN);
    return new TextDecoder().decode(new Uint8Array(this.job.ctl, CTL_WORDS * 4, n).slice());
  }

  /**
   * Bring the main fleet's status of generated rows up to the orbit stage's (see the module
   * comment): when the orbit statuses changed since the last merge, or while some are not Ok.
   */
  mergeStatus(s: OrbitSlot, status: Uint8Array): void {
    const h = s.head, v = h[H_VERSION]!;
    if (v === this.mergedVersion && h[H_NOT_OK] === 0) return;
    this.mergedVersion = v;
    const o = s.status, n = this.job.generatedCount;
    for (let i = 0; i < n; i++) {
      const os = o[i]!, m = status[i]!;
      status[i] = os === Status.Ok && (m === Status.Failed || m === Status.Offline) ? m : os;
    }
  }

  /** The Sun of the slot's step [m] into `out`. */
  sunOf(s: OrbitSlot, out: Vec3): Vec3 {
    const h = s.head;
    out[0] = h[H_SUN]!; out[1] = h[H_SUN + 1]!; out[2] = h[H_SUN + 2]!;
    return out;
  }

  /** Stop the worker (idempotent). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.notify(this.ctl, CONSUMED);
    void this.worker?.terminate();
  }
}
