/**
 * SGP4 for catalog objects, batched over the fleet's struct-of-arrays columns.
 *
 * The theory is Vallado, Crawford, Hujsak & Kelso 2006 ("Revisiting Spacetrack Report #3", AIAA
 * 2006-6753) as satellite.js 7.1 implements it: WGS-72 constants (μ = 398600.8 km³/s²,
 * R = 6378.135 km; satellite.js has no other set) and operation mode 'i' ("improved", the mode of
 * Vallado's reference output tcppver.out and of python-sgp4's tests). Output is TEME.
 *
 * Three interchangeable kernels, one test suite (sgp4.case.test.ts):
 * - 'js': satellite.js's JavaScript `sgp4`, one call per satellite: the reference.
 * - 'wasm': satellite.js's WASM bulk propagator (Vallado's C++ compiled with SIMD), single thread.
 * - 'wasm-mt': the same with pthreads over `threads` workers; asynchronous only.
 * Time: each kernel gets minutes since each satellite's own epoch from float64 UTC ms, never via
 * Julian dates near 2.46e6 (whose 40 µs spacing would cost ~0.3 m at 7.5 km/s).
 *
 * Failure is data: an SGP4 error (codes 1–6, the same numbers as src/core/status.ts) leaves zeros
 * in the position/velocity columns and the code in `status`; no NaN ever reaches the columns.
 */
import {
  BulkPropagator,
  constants as satConstants,
  createMultiThreadRuntime,
  createSingleThreadRuntime,
  EciBaseCalculator,
  json2satrec,
  sgp4,
  twoline2satrec,
  type SatRec,
} from 'satellite.js';
import { OrbitdcError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { MS_PER_DAY } from '../core/time.js';
import type { OrbitRecord } from './record.js';
import { formatOmmEpoch } from './omm.js';
import { formatTle, parseTle } from './tle.js';

export type Sgp4Backend = 'js' | 'wasm' | 'wasm-mt';
export type Sgp4OpsMode = 'a' | 'i';

export interface Sgp4Options {
  /** Kernel (default 'wasm' for `create`, 'js' for `fromRecords`). */
  backend?: Sgp4Backend;
  /** SGP4 operation mode: 'i' improved (default, as Vallado's reference) or 'a' AFSPC legacy. */
  opsmode?: Sgp4OpsMode;
  /** Worker threads for 'wasm-mt' (default 2, the cores of the reference machine). */
  threads?: number;
  /**
   * The records' SGP4 state already initialised (`packSgp4` on the same records and opsmode):
   * the WASM kernels copy it instead of initialising each record again. Ignored by 'js'.
   */
  packed?: PackedSgp4;
}

/**
 * The SGP4 state of a record set in satellite.js 7.1's native (WASM) struct layout, initialised
 * once and copied into any number of WASM kernels, e.g. one per worker thread. Initialising the
 * 14,710-object active catalog (`recordToSatrec`, then satellite.js's field-by-field struct
 * writer) costs ~0.8 s of cold JavaScript per thread; copying its 14.6 MB costs milliseconds.
 * `bytes` lies in a SharedArrayBuffer, so posting it to workers shares it without a copy.
 */
export interface PackedSgp4 {
  readonly count: number;
  readonly opsmode: Sgp4OpsMode;
  /** Instant [UTC ms] the native epochs count from (the first record's epoch; see WasmKernel). */
  readonly refMs: number;
  /** Size [bytes] of one native struct; `bytes` holds count × structSize. */
  readonly structSize: number;
  readonly bytes: Uint8Array;
}

const MS_PER_MIN = 60_000;

const ORBIT_FIELDS = [
  'epochUtcMs', 'meanMotion_rev_day', 'eccentricity', 'inclination_deg', 'raan_deg', 'argOfPericenter_deg',
  'meanAnomaly_deg', 'bstar', 'meanMotionDot', 'meanMotionDdot',
] as const;

/** The record's TLE lines when printing them loses nothing SGP4 reads; undefined otherwise. */
function exactTle(r: OrbitRecord): [string, string] | undefined {
  let lines: [string, string];
  try {
    lines = formatTle(r);
  } catch {
    return undefined;
  }
  const back = parseTle(lines.join('\n')).records[0];
  if (!back) return undefined;
  for (const k of ORBIT_FIELDS) if (back[k] !== r[k]) return undefined;
  return lines;
}

/**
 * Initialise satellite.js's SGP4 state from a record. satellite.js exports two initialisers:
 * - `twoline2satrec` (opsmode 'i' only) takes the epoch exactly as a TLE prints it; used when the
 *   record prints to a TLE without loss (every record read from a TLE), so initialisation is
 *   bit-for-bit Vallado's (the golden test depends on it: deep-space cases such as 23333 move
 *   3.5 cm at t = 0 with a 0.5 ms shift of the initialisation epoch);
 * - `json2satrec` (either opsmode) takes the epoch through a JavaScript Date, i.e. whole ms: used
 *   for OMM records with finer epochs or elements. Only the deep-space initialisation (sidereal
 *   angle and Sun/Moon terms at epoch) sees that ≤0.5 ms rounding: centimetres for deep-space
 *   orbits, nothing near Earth; the kernels take the propagation time from the exact float epoch.
 */
export function recordToSatrec(r: OrbitRecord, opsmode: Sgp4OpsMode = 'i'): SatRec {
  if (opsmode === 'i') {
    const lines = exactTle(r);
    if (lines) return twoline2satrec(lines[0], lines[1]);
  }
  const epoch = formatOmmEpoch(Math.round(r.epochUtcMs));
  return json2satrec({
    OBJECT_NAME: r.name,
    OBJECT_ID: r.objectId,
    EPOCH: `${epoch.slice(0, 23)}Z`,
    MEAN_MOTION: r.meanMotion_rev_day,
    ECCENTRICITY: r.eccentricity,
    INCLINATION: r.inclination_deg,
    RA_OF_ASC_NODE: r.raan_deg,
    ARG_OF_PERICENTER: r.argOfPericenter_deg,
    MEAN_ANOMALY: r.meanAnomaly_deg,
    NORAD_CAT_ID: r.noradId,
    ELEMENT_SET_NO: r.elementSetNo,
    REV_AT_EPOCH: r.revAtEpoch,
    BSTAR: r.bstar,
    MEAN_MOTION_DOT: r.meanMotionDot,
    MEAN_MOTION_DDOT: r.meanMotionDdot,
  }, opsmode);
}

/** One kernel: writes rows [offset, offset+count) of the fleet for one instant. */
interface Kernel {
  propagate(utcMs: number, fleet: FleetState, offset: number): void | Promise<void>;
  propagateSteps?(startMs: number, stepMs: number, steps: number, fleet: FleetState, offset: number, onStep: StepCallback): Promise<void>;
  dispose(): void;
}

function writeRow(fleet: FleetState, row: number, px: number, py: number, pz: number, vx: number, vy: number, vz: number, err: number): void {
  if (err === 0 && Number.isFinite(px + py + pz + vx + vy + vz)) {
    fleet.x_m[row] = px * 1000; fleet.y_m[row] = py * 1000; fleet.z_m[row] = pz * 1000;
    fleet.vx_m_s[row] = vx * 1000; fleet.vy_m_s[row] = vy * 1000; fleet.vz_m_s[row] = vz * 1000;
    fleet.status[row] = Status.Ok;
  } else {
    fleet.x_m[row] = 0; fleet.y_m[row] = 0; fleet.z_m[row] = 0;
    fleet.vx_m_s[row] = 0; fleet.vy_m_s[row] = 0; fleet.vz_m_s[row] = 0;
    // A non-finite result without an SGP4 code can only come from elements SGP4 cannot use:
    // report it as code 1 (mean elements out of range) rather than let a NaN through.
    fleet.status[row] = err >= 1 && err <= 6 ? err : Status.Sgp4MeanElements;
  }
}

class JsKernel implements Kernel {
  constructor(private readonly satrecs: SatRec[], private readonly epochMs: Float64Array) {}
  propagate(utcMs: number, fleet: FleetState, offset: number): void {
    const { satrecs, epochMs } = this;
    for (let i = 0; i < satrecs.length; i++) {
      const s = satrecs[i]!;
      const pv = sgp4(s, (utcMs - epochMs[i]!) / MS_PER_MIN);
      if (pv === null) writeRow(fleet, offset + i, 0, 0, 0, 0, 0, 0, s.error || Status.Sgp4MeanElements);
      else {
        const p = pv.position, v = pv.velocity;
        writeRow(fleet, offset + i, p.x, p.y, p.z, v.x, v.y, v.z, s.error);
      }
    }
  }
  dispose(): void {}
}

type AnyRuntime = Awaited<ReturnType<typeof createSingleThreadRuntime>> | Awaited<ReturnType<typeof createMultiThreadRuntime>>;

let singleRuntime: Promise<Awaited<ReturnType<typeof createSingleThreadRuntime>>> | undefined;
const multiRuntimes = new Map<number, Promise<Awaited<ReturnType<typeof createMultiThreadRuntime>>>>();
/** The pthreads runtime runs one computation at a time: queue them. */
const multiQueues = new Map<number, Promise<unknown>>();

/**
 * WASM bulk kernel. Epochs and times are written relative to a reference instant (the first
 * epoch), in days, into the satrec's `jdsatepoch` and the propagator's date slot, so the C++
 * computes tsince = (t − epoch)·1440 from small numbers at full float64 precision. The date slot
 * is written directly (satellite.js's `setDates` takes `Date`s and converts them to Julian dates);
 * its pointer is a private field of satellite.js 7.1's BulkPropagator, checked at construction.
 */
class WasmKernel implements Kernel {
  private readonly one: Bulk;
  private many: Bulk | undefined;
  private readonly queueKey: number;
  private readonly refMs: number;
  constructor(private readonly runtime: AnyRuntime, private readonly packed: PackedSgp4, threads: number) {
    this.queueKey = threads;
    this.refMs = packed.refMs;
    this.one = this.makeBulk(1);
  }

  private makeBulk(dates: number): Bulk {
    const prop = new BulkPropagator({
      runtime: this.runtime, calculators: [new EciBaseCalculator()] as const, satRecsCount: Math.max(1, this.packed.count), datesCount: dates,
    });
    try {
      installPacked(this.runtime, prop, this.packed);
    } catch (e) {
      prop.dispose();
      throw e;
    }
    prop.setDates(new Array<Date>(dates).fill(new Date(this.refMs)));
    const ptr = (prop as unknown as { datesPointer?: unknown }).datesPointer;
    if (typeof ptr !== 'number' || ptr <= 0) {
      prop.dispose();
      throw new OrbitdcError('E_INTERNAL', 'satellite.js BulkPropagator layout changed (no datesPointer); use backend "js"');
    }
    return { prop, datesPointer: ptr, dates };
  }

  /** Write times [UTC ms] into the date slots (days since refMs) and run; resolves when done. */
  private run(b: Bulk, times_ms: readonly number[]): void | Promise<void> {
    if (times_ms.length !== b.dates) {
      b.prop.setDates(new Array<Date>(times_ms.length).fill(new Date(this.refMs)));
      b.dates = times_ms.length;
    }
    const heap = this.runtime.module.HEAPF64;
    for (let k = 0; k < times_ms.length; k++) heap[b.datesPointer / 8 + k] = (times_ms[k]! - this.refMs) / MS_PER_DAY;
    return b.prop.run();
  }

  /** Copy date k of the last run (k of `dates`) into fleet rows. */
  private copyOut(b: Bulk, fleet: FleetState, offset: number, k: number): void {
    const { position, velocity, error } = b.prop.getRawOutput().eci;
    const nd = b.dates;
    const n = error.length / nd;
    for (let i = 0; i < n; i++) {
      const e = i * nd + k;
      const j = 3 * e;
      writeRow(fleet, offset + i, position[j]!, position[j + 1]!, position[j + 2]!, velocity[j]!, velocity[j + 1]!, velocity[j + 2]!, error[e]!);
    }
  }

  /** Serialise runs on the pthreads runtime (it refuses two at once); direct on the single one. */
  private serial(task: () => void | Promise<void>): void | Promise<void> {
    if (this.runtime.mode === 'single') return task();
    const prev = multiQueues.get(this.queueKey) ?? Promise.resolve();
    const next = prev.then(task);
    multiQueues.set(this.queueKey, next.catch(() => undefined));
    return next;
  }

  propagate(utcMs: number, fleet: FleetState, offset: number): void | Promise<void> {
    return this.serial(() => {
      const r = this.run(this.one, [utcMs]);
      if (r instanceof Promise) return r.then(() => this.copyOut(this.one, fleet, offset, 0));
      this.copyOut(this.one, fleet, offset, 0);
      return undefined;
    });
  }

  async propagateSteps(startMs: number, stepMs: number, steps: number, fleet: FleetState, offset: number, onStep: StepCallback): Promise<void> {
    this.many ??= this.makeBulk(STEP_CHUNK);
    const b = this.many;
    for (let k0 = 0; k0 < steps; k0 += STEP_CHUNK) {
      const times: number[] = [];
      for (let k = k0; k < Math.min(steps, k0 + STEP_CHUNK); k++) times.push(startMs + k * stepMs);
      await this.serial(() => this.run(b, times));
      for (let k = 0; k < times.length; k++) {
        this.copyOut(b, fleet, offset, k);
        await onStep(k0 + k, times[k]!);
      }
    }
  }

  dispose(): void {
    this.one.prop.dispose();
    this.many?.prop.dispose();
  }
}

interface Bulk { prop: BulkPropagator<readonly [EciBaseCalculator], AnyRuntime>; datesPointer: number; dates: number }

/** The private fields of satellite.js 7.1's BulkPropagator that `installPacked` reads and sets. */
interface BulkInternals { satrecsPointer?: unknown; allocatedSatrecsCount?: unknown; usedSatrecsCount?: unknown; hasSatRecs?: unknown; needsOutputRedistribution?: unknown }

function layoutChanged(what: string): OrbitdcError {
  return new OrbitdcError('E_INTERNAL', `satellite.js BulkPropagator layout changed (${what}); use backend "js"`);
}

/** Native struct size [bytes] of the runtime's SGP4 state (the WASM module's own figure). */
function structSize(runtime: AnyRuntime): number {
  const m = runtime.module as unknown as { _get_elsetrec_size?: () => number };
  const size = m._get_elsetrec_size?.();
  if (typeof size !== 'number' || !(size > 0)) throw layoutChanged('no _get_elsetrec_size');
  return size;
}

/**
 * What `setSatRecs` does, from packed structs: copy them into the propagator's struct array and
 * mark it set (satellite.js 7.1 private fields, checked here: a changed layout throws).
 */
function installPacked(runtime: AnyRuntime, prop: BulkPropagator<readonly [EciBaseCalculator], AnyRuntime>, packed: PackedSgp4): void {
  const p = prop as unknown as BulkInternals;
  const ptr = p.satrecsPointer;
  if (typeof ptr !== 'number' || !(ptr > 0) || typeof p.allocatedSatrecsCount !== 'number' || p.allocatedSatrecsCount < packed.count
    || typeof p.usedSatrecsCount !== 'number' || typeof p.hasSatRecs !== 'boolean' || typeof p.needsOutputRedistribution !== 'boolean') {
    throw layoutChanged('no satrecsPointer');
  }
  if (structSize(runtime) !== packed.structSize) throw layoutChanged(`struct size ${structSize(runtime)}, packed ${packed.structSize}`);
  new Uint8Array(runtime.module.HEAP8.buffer, ptr, packed.bytes.length).set(packed.bytes);
  p.usedSatrecsCount = packed.count;
  p.hasSatRecs = true;
  p.needsOutputRedistribution = true;
}

/** One field of the native struct, as the WASM module describes its layout. */
interface NativeField { name: string; type: string; offset: number; size: number }

function nativeLayout(runtime: AnyRuntime): NativeField[] {
  const m = runtime.module;
  const ptr = m._create_elsetrec_struct_layout_string_pointer();
  const json = m.UTF8ToString(ptr);
  m._free_struct_layout_string(ptr);
  return (JSON.parse(json) as [string, string, number, number][]).map(([name, type, offset, size]) => ({ name, type, offset, size }));
}

/**
 * Write one value as satellite.js 7.1's struct writer does (wasm/struct-write.js: little-endian;
 * a char is its first UTF-16 code, a string UTF-8, NUL-padded, cut to size − 1 bytes); a wrong
 * type throws there and here. Byte-for-byte equality with it is tested (sgp4.test.ts).
 */
function writeField(view: DataView, at: number, f: NativeField, value: unknown): void {
  const bad = (): OrbitdcError => new OrbitdcError('E_INTERNAL', `SGP4 state field ${f.name} (${f.type}) holds a ${typeof value}`);
  switch (f.type) {
    case 'double': if (typeof value !== 'number') throw bad(); view.setFloat64(at, value, true); return;
    case 'int': if (typeof value !== 'number') throw bad(); view.setInt32(at, value, true); return;
    case 'bool': if (typeof value !== 'boolean') throw bad(); view.setInt8(at, value ? 1 : 0); return;
    case 'char': if (typeof value !== 'string') throw bad(); view.setInt8(at, value.charCodeAt(0) || 0); return;
    case 'char[]': {
      if (typeof value !== 'string') throw bad();
      const bytes = textEncoder.encode(value);
      for (let k = 0; k < f.size - 1; k++) view.setUint8(at + k, k < bytes.length ? bytes[k]! : 0);
      view.setUint8(at + f.size - 1, 0);
      return;
    }
    default: throw new OrbitdcError('E_INTERNAL', `satellite.js struct field ${f.name} has type ${f.type}, which its writer does not write`);
  }
}

const textEncoder = new TextEncoder();

/**
 * Initialise the SGP4 state of `records` once (see `PackedSgp4`). Epochs are rewritten relative
 * to the first record's epoch, in days, as the WASM kernel needs them (see WasmKernel). The
 * structs are written here with the field plan of satellite.js's writer (per field: a satellite.js
 * constant of that name, `no` for no_unkozai, the Earth radius for radiusearthkm, then the satrec's
 * own property if any) computed once, instead of its per-record, per-field lookups (~0.25 s).
 */
export async function packSgp4(records: readonly OrbitRecord[], opsmode: Sgp4OpsMode = 'i'): Promise<PackedSgp4> {
  singleRuntime ??= createSingleThreadRuntime();
  const runtime = await singleRuntime;
  const refMs = records[0]?.epochUtcMs ?? 0;
  const size = structSize(runtime);
  const layout = nativeLayout(runtime);
  const consts = satConstants as unknown as Record<string, unknown>;
  const bytes = new Uint8Array(new SharedArrayBuffer(size * records.length));
  const view = new DataView(bytes.buffer);
  // The record-independent part of every struct, written once and copied.
  const fixed = layout.filter((f) => Object.hasOwn(consts, f.name) || f.name === 'radiusearthkm');
  const template = new DataView(new ArrayBuffer(size));
  for (const f of fixed) writeField(template, f.offset, f, f.name === 'radiusearthkm' ? satConstants.earthRadius : consts[f.name]);
  const templateBytes = new Uint8Array(template.buffer);
  const unkozai = layout.find((f) => f.name === 'no_unkozai');
  const byName = new Map(layout.map((f) => [f.name, f]));
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const satrec = recordToSatrec(r, opsmode) as unknown as Record<string, unknown>;
    satrec.jdsatepoch = (r.epochUtcMs - refMs) / MS_PER_DAY;
    satrec.jdsatepochF = 0;
    const at = i * size;
    bytes.set(templateBytes, at);
    if (unkozai) writeField(view, at + unkozai.offset, unkozai, satrec.no);
    // The satrec's own properties that are struct fields (each field once: order does not matter).
    for (const name of Object.keys(satrec)) {
      const f = byName.get(name);
      if (f) writeField(view, at + f.offset, f, satrec[name]);
    }
  }
  return { count: records.length, opsmode, refMs, structSize: size, bytes };
}

/**
 * Pack `records` with satellite.js's own struct writer (`setSatRecs`), as `packSgp4` does with
 * its field plan: the reference `packSgp4` is checked against, byte for byte (sgp4.test.ts).
 */
export async function packSgp4Reference(records: readonly OrbitRecord[], opsmode: Sgp4OpsMode = 'i'): Promise<PackedSgp4> {
  singleRuntime ??= createSingleThreadRuntime();
  const runtime = await singleRuntime;
  const refMs = records[0]?.epochUtcMs ?? 0;
  const satrecs = records.map((r) => ({ ...recordToSatrec(r, opsmode), jdsatepoch: (r.epochUtcMs - refMs) / MS_PER_DAY, jdsatepochF: 0 }));
  const prop = new BulkPropagator({ runtime, calculators: [new EciBaseCalculator()] as const, satRecsCount: Math.max(1, satrecs.length), datesCount: 1 });
  try {
    prop.setSatRecs(satrecs);
    const ptr = (prop as unknown as BulkInternals).satrecsPointer;
    if (typeof ptr !== 'number' || !(ptr > 0)) throw layoutChanged('no satrecsPointer');
    const size = structSize(runtime);
    const bytes = new Uint8Array(size * records.length);
    bytes.set(new Uint8Array(runtime.module.HEAP8.buffer, ptr, bytes.length));
    return { count: records.length, opsmode, refMs, structSize: size, bytes };
  } finally {
    prop.dispose();
  }
}

/** Steps the WASM kernels propagate per run in `propagateSteps` (one run amortises set-up). */
const STEP_CHUNK = 16;

/** Called after each step of `propagateSteps` with the fleet rows filled for that instant. */
export type StepCallback = (step: number, utcMs: number) => void | Promise<void>;

/** SGP4 over a set of catalog records, writing TEME state vectors into fleet rows. */
export class Sgp4Fleet {
  /** Number of satellites (rows written by `propagate`). */
  readonly count: number;
  readonly backend: Sgp4Backend;
  readonly opsmode: Sgp4OpsMode;
  /** Catalog numbers and names, in row order. */
  readonly ids: Uint32Array;
  readonly names: string[];
  /** Epochs [UTC ms], in row order. */
  readonly epochUtcMs: Float64Array;
  private readonly kernel: Kernel;

  private constructor(records: readonly OrbitRecord[], backend: Sgp4Backend, opsmode: Sgp4OpsMode, kernel: Kernel, epochMs: Float64Array) {
    this.count = records.length;
    this.backend = backend;
    this.opsmode = opsmode;
    this.ids = Uint32Array.from(records, (r) => r.noradId);
    this.names = records.map((r) => r.name);
    this.epochUtcMs = epochMs;
    this.kernel = kernel;
  }

  /** The pure-JS reference kernel, synchronous to build. */
  static fromRecords(records: readonly OrbitRecord[], options: { opsmode?: Sgp4OpsMode } = {}): Sgp4Fleet {
    const opsmode = options.opsmode ?? 'i';
    const epochMs = Float64Array.from(records, (r) => r.epochUtcMs);
    const satrecs = records.map((r) => recordToSatrec(r, opsmode));
    return new Sgp4Fleet(records, 'js', opsmode, new JsKernel(satrecs, epochMs), epochMs);
  }

  /** Any kernel; the WASM ones load their module on first use (once per process). */
  static async create(records: readonly OrbitRecord[], options: Sgp4Options = {}): Promise<Sgp4Fleet> {
    const backend = options.backend ?? 'wasm';
    const opsmode = options.opsmode ?? 'i';
    if (backend === 'js') return Sgp4Fleet.fromRecords(records, { opsmode });
    const epochMs = Float64Array.from(records, (r) => r.epochUtcMs);
    const given = options.packed;
    if (given && (given.count !== records.length || given.opsmode !== opsmode || given.refMs !== (records[0]?.epochUtcMs ?? 0))) {
      throw new OrbitdcError('E_INTERNAL', `packed SGP4 state (${given.count} records, opsmode ${given.opsmode}) is not that of these ${records.length} records (opsmode ${opsmode})`);
    }
    const packed = given ?? await packSgp4(records, opsmode);
    let kernel: Kernel;
    if (backend === 'wasm') {
      singleRuntime ??= createSingleThreadRuntime();
      kernel = new WasmKernel(await singleRuntime, packed, 0);
    } else {
      const threads = Math.max(1, Math.floor(options.threads ?? 2));
      let rt = multiRuntimes.get(threads);
      if (!rt) { rt = createMultiThreadRuntime({ threadsCount: threads }); multiRuntimes.set(threads, rt); }
      kernel = new WasmKernel(await rt, packed, threads);
    }
    return new Sgp4Fleet(records, backend, opsmode, kernel, epochMs);
  }

  /** A TEME fleet state with one row per record (ids and names filled, status Unset). */
  makeFleetState(): FleetState {
    const fleet = new FleetState(Math.max(1, this.count), 'TEME');
    for (let i = 0; i < this.count; i++) fleet.append(this.ids[i]!, this.names[i]);
    return fleet;
  }

  private check(fleet: FleetState, offset: number): void {
    if (fleet.frame !== 'TEME') {
      throw new OrbitdcError('E_INTERNAL', `SGP4 writes TEME state vectors; this fleet state is ${fleet.frame}`);
    }
    if (!(offset >= 0 && offset + this.count <= fleet.count)) {
      throw new OrbitdcError('E_INTERNAL', `fleet rows ${offset}..${offset + this.count - 1} do not exist (fleet has ${fleet.count})`);
    }
  }

  /**
   * State vectors at `utcMs` into rows [offset, offset + count) of a TEME fleet: x_m..vz_m_s in
   * metres and m/s, status 0 or the SGP4 error code. Synchronous kernels only ('js', 'wasm').
   */
  propagate(utcMs: number, fleet: FleetState, offset = 0): void {
    this.check(fleet, offset);
    if (this.backend === 'wasm-mt') {
      throw new OrbitdcError('E_INTERNAL', "the 'wasm-mt' SGP4 kernel is asynchronous: call propagateAsync");
    }
    void this.kernel.propagate(utcMs, fleet, offset);
  }

  /** As `propagate`, for every kernel (the multi-threaded one runs while the caller awaits). */
  async propagateAsync(utcMs: number, fleet: FleetState, offset = 0): Promise<void> {
    this.check(fleet, offset);
    await this.kernel.propagate(utcMs, fleet, offset);
  }

  /**
   * `steps` instants startMs + k·stepMs: fills the fleet rows for each in turn and calls
   * `onStep(k, utcMs)` before moving on (the rows are overwritten by the next step). The WASM
   * kernels propagate 16 instants per run, which is faster than 16 `propagate` calls.
   */
  async propagateSteps(startMs: number, stepMs: number, steps: number, fleet: FleetState, onStep: StepCallback, offset = 0): Promise<void> {
    this.check(fleet, offset);
    if (this.kernel.propagateSteps) {
      await this.kernel.propagateSteps(startMs, stepMs, steps, fleet, offset, onStep);
      return;
    }
    for (let k = 0; k < steps; k++) {
      const t = startMs + k * stepMs;
      await this.kernel.propagate(t, fleet, offset);
      await onStep(k, t);
    }
  }

  /** Free WASM memory (no-op for 'js'). The shared WASM module stays loaded. */
  dispose(): void {
    this.kernel.dispose();
  }
}
