/**
 * Mean orbital elements of a designed constellation, struct of arrays (one typed array per
 * element, indexed by satellite), growable by capacity doubling.
 *
 * The elements are **mean elements of first-order J2 secular theory** (Brouwer 1959 secular part,
 * as in Vallado 2013 §9.6) at the set's epoch `epochUtcMs`, in the frame of the mean equator and
 * equinox of date (see j2.ts for the frame statement). `a_m` is the Brouwer mean semi-major axis:
 * the one whose Keplerian mean motion √(μ/a³) is SGP4's "un-Kozai'd" mean motion (export.ts).
 *
 * Columns can be backed by a SharedArrayBuffer (`toShared` / `fromColumns`) so that worker
 * threads propagate disjoint row ranges of one set without copying.
 */
import { InputError, quoteFound } from '../core/errors.js';

/** One satellite's mean elements as `append` takes them (SI, radians). */
export interface MeanElementsInput {
  a_m: number;
  e: number;
  i_rad: number;
  raan_rad: number;
  argp_rad: number;
  meanAnomaly_rad: number;
  /** Catalog-style id; defaults to the 1-based row number. */
  id?: number;
  /** Orbital plane index within its shell; −1 (default) when not part of a plane. */
  plane?: number;
  name?: string;
  /** Cd·A/m [m²/kg] for drag decay; 0 (default) = no drag. */
  ballistic_m2_kg?: number;
}

/** The typed-array columns of a set, as `toShared` gives them and `fromColumns` takes them. */
export interface MeanElementColumns {
  a_m: Float64Array;
  e: Float64Array;
  i_rad: Float64Array;
  raan_rad: Float64Array;
  argp_rad: Float64Array;
  meanAnomaly_rad: Float64Array;
  ballistic_m2_kg: Float64Array;
  id: Uint32Array;
  plane: Int32Array;
}

const F64_COLUMNS = ['a_m', 'e', 'i_rad', 'raan_rad', 'argp_rad', 'meanAnomaly_rad', 'ballistic_m2_kg'] as const;

export class MeanElementSet {
  /** Epoch of the elements, UTC ms since 1970. */
  epochUtcMs: number;
  /** Rows in use (0..count−1). */
  count = 0;
  capacity: number;
  /** Mean semi-major axis [m]. */
  a_m: Float64Array;
  /** Mean eccentricity [-]. */
  e: Float64Array;
  /** Mean inclination [rad]. */
  i_rad: Float64Array;
  /** Mean right ascension of the ascending node at epoch [rad]. */
  raan_rad: Float64Array;
  /** Mean argument of perigee at epoch [rad]. */
  argp_rad: Float64Array;
  /** Mean anomaly at epoch [rad]. */
  meanAnomaly_rad: Float64Array;
  /** Ballistic coefficient Cd·A/m [m²/kg]; 0 = no drag. */
  ballistic_m2_kg: Float64Array;
  id: Uint32Array;
  /** Plane index within the shell, −1 when not part of a plane. */
  plane: Int32Array;
  names: string[] = [];

  constructor(epochUtcMs: number, capacity = 64) {
    if (!Number.isFinite(epochUtcMs)) {
      throw new InputError('epoch is not a finite UTC time', { field: 'epochUtcMs', expected: 'UTC ms since 1970', found: quoteFound(epochUtcMs) }, 'E_ARGUMENT');
    }
    this.epochUtcMs = epochUtcMs;
    this.capacity = Math.max(1, Math.floor(capacity));
    const n = this.capacity;
    this.a_m = new Float64Array(n);
    this.e = new Float64Array(n);
    this.i_rad = new Float64Array(n);
    this.raan_rad = new Float64Array(n);
    this.argp_rad = new Float64Array(n);
    this.meanAnomaly_rad = new Float64Array(n);
    this.ballistic_m2_kg = new Float64Array(n);
    this.id = new Uint32Array(n);
    this.plane = new Int32Array(n).fill(-1);
  }

  /** Make room for at least n rows (doubling), keeping contents. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    let cap = this.capacity;
    while (cap < n) cap *= 2;
    for (const k of F64_COLUMNS) {
      const b = new Float64Array(cap);
      b.set(this[k]);
      this[k] = b;
    }
    const id = new Uint32Array(cap);
    id.set(this.id);
    this.id = id;
    const plane = new Int32Array(cap).fill(-1);
    plane.set(this.plane);
    this.plane = plane;
    this.capacity = cap;
  }

  /**
   * Append one satellite; returns its row. Elements are checked for range (a > 0, 0 ≤ e < 1,
   * finite angles): a generator bug or a bad scenario field stops here with its name, instead of
   * turning into NaN positions later.
   */
  append(el: MeanElementsInput): number {
    checkFinite(el.a_m, 'a_m', 'a semi-major axis > 0 m', el.a_m > 0);
    checkFinite(el.e, 'e', 'an eccentricity in [0, 1)', el.e >= 0 && el.e < 1);
    checkFinite(el.i_rad, 'i_rad', 'an inclination in [0, π] rad', el.i_rad >= 0 && el.i_rad <= Math.PI);
    checkFinite(el.raan_rad, 'raan_rad', 'a finite angle [rad]', true);
    checkFinite(el.argp_rad, 'argp_rad', 'a finite angle [rad]', true);
    checkFinite(el.meanAnomaly_rad, 'meanAnomaly_rad', 'a finite angle [rad]', true);
    const b = el.ballistic_m2_kg ?? 0;
    checkFinite(b, 'ballistic_m2_kg', 'a ballistic coefficient ≥ 0 m²/kg', b >= 0);
    this.reserve(this.count + 1);
    const r = this.count++;
    this.a_m[r] = el.a_m;
    this.e[r] = el.e;
    this.i_rad[r] = el.i_rad;
    this.raan_rad[r] = el.raan_rad;
    this.argp_rad[r] = el.argp_rad;
    this.meanAnomaly_rad[r] = el.meanAnomaly_rad;
    this.ballistic_m2_kg[r] = b;
    this.id[r] = el.id ?? r + 1;
    this.plane[r] = el.plane ?? -1;
    this.names[r] = el.name ?? '';
    return r;
  }

  /** Elements of one row as a plain object (edges and tests; not for hot loops). */
  get(row: number): Required<MeanElementsInput> {
    if (!(row >= 0 && row < this.count)) {
      throw new InputError('row out of range', { field: 'row', expected: `0..${this.count - 1}`, found: String(row) }, 'E_ARGUMENT');
    }
    return {
      a_m: this.a_m[row]!, e: this.e[row]!, i_rad: this.i_rad[row]!, raan_rad: this.raan_rad[row]!,
      argp_rad: this.argp_rad[row]!, meanAnomaly_rad: this.meanAnomaly_rad[row]!, id: this.id[row]!,
      plane: this.plane[row]!, name: this.names[row] ?? '', ballistic_m2_kg: this.ballistic_m2_kg[row]!,
    };
  }

  /**
   * Copy the columns (rows 0..count−1) into SharedArrayBuffer-backed arrays, for worker threads.
   * Names stay behind (strings cannot be shared); a worker rebuilds a set with `fromColumns`.
   */
  toShared(): MeanElementColumns {
    const n = Math.max(1, this.count);
    const f64 = (src: Float64Array): Float64Array => {
      const a = new Float64Array(new SharedArrayBuffer(n * 8));
      a.set(src.subarray(0, this.count));
      return a;
    };
    const id = new Uint32Array(new SharedArrayBuffer(n * 4));
    id.set(this.id.subarray(0, this.count));
    const plane = new Int32Array(new SharedArrayBuffer(n * 4));
    plane.set(this.plane.subarray(0, this.count));
    return {
      a_m: f64(this.a_m), e: f64(this.e), i_rad: f64(this.i_rad), raan_rad: f64(this.raan_rad),
      argp_rad: f64(this.argp_rad), meanAnomaly_rad: f64(this.meanAnomaly_rad),
      ballistic_m2_kg: f64(this.ballistic_m2_kg), id, plane,
    };
  }

  /** Wrap existing columns (e.g. SharedArrayBuffer-backed, from `toShared`) without copying. */
  static fromColumns(epochUtcMs: number, cols: MeanElementColumns, count: number, names: string[] = []): MeanElementSet {
    const s = new MeanElementSet(epochUtcMs, 1);
    const lengths = [cols.a_m, cols.e, cols.i_rad, cols.raan_rad, cols.argp_rad, cols.meanAnomaly_rad, cols.ballistic_m2_kg, cols.id, cols.plane].map((c) => c.length);
    const cap = Math.min(...lengths);
    if (!(count >= 0 && count <= cap)) {
      throw new InputError('count exceeds the columns given', { field: 'count', expected: `0..${cap}`, found: String(count) }, 'E_ARGUMENT');
    }
    Object.assign(s, cols);
    s.capacity = cap;
    s.count = count;
    s.names = names;
    return s;
  }
}

function checkFinite(v: number, field: string, expected: string, ok: boolean): void {
  if (!Number.isFinite(v) || !ok) throw new InputError('orbital element out of range', { field, expected, found: quoteFound(v) }, 'E_RANGE');
}
