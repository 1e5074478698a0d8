/**
 * Fleet state: one typed array per field, indexed by satellite (struct of arrays, as bitECS
 * components). Growable by capacity doubling, so catalogs and generators append without knowing
 * their size up front; hot loops read the arrays directly and allocate nothing.
 *
 * Built-in columns (SI units; the frame is named):
 * - `id`: catalog number (NORAD id for catalog objects, 1-based index for designed ones), Uint32.
 * - `x_m, y_m, z_m`, `vx_m_s, vy_m_s, vz_m_s`: inertial state vector, frame in `frame`.
 * - `status`: Uint8 status code (see status.ts).
 * Further columns (sunlit fraction, power, temperature, dose, ...) are added by name by the
 * stage that owns them, with `addColumn`, and grow with the fleet.
 */
import { Status } from './status.js';

export type TypedArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = { new (n: number): T; BYTES_PER_ELEMENT: number };

/** Inertial frame of the state vectors: TEME out of SGP4, ECI of date (mean equator and equinox of date) out of the analytic propagator. */
export type InertialFrame = 'TEME' | 'ECI_OF_DATE';

export class FleetState {
  /** Number of satellites in use (rows 0..count−1). */
  count = 0;
  capacity: number;
  frame: InertialFrame;
  id: Uint32Array;
  names: string[] = [];
  x_m: Float64Array;
  y_m: Float64Array;
  z_m: Float64Array;
  vx_m_s: Float64Array;
  vy_m_s: Float64Array;
  vz_m_s: Float64Array;
  status: Uint8Array;
  private readonly extra = new Map<string, TypedArray>();

  constructor(capacity = 64, frame: InertialFrame = 'ECI_OF_DATE') {
    this.capacity = Math.max(1, capacity);
    this.frame = frame;
    this.id = new Uint32Array(this.capacity);
    this.x_m = new Float64Array(this.capacity);
    this.y_m = new Float64Array(this.capacity);
    this.z_m = new Float64Array(this.capacity);
    this.vx_m_s = new Float64Array(this.capacity);
    this.vy_m_s = new Float64Array(this.capacity);
    this.vz_m_s = new Float64Array(this.capacity);
    this.status = new Uint8Array(this.capacity).fill(Status.Unset);
  }

  /** Add (or get) a named column of the given typed-array type, filled with `fill`. */
  addColumn<T extends TypedArray>(name: string, ctor: TypedArrayCtor<T>, fill = 0): T {
    const existing = this.extra.get(name);
    if (existing) {
      if (!(existing instanceof (ctor as unknown as typeof Float64Array))) {
        throw new TypeError(`fleet column "${name}" exists with another type`);
      }
      return existing as T;
    }
    const col = new ctor(this.capacity);
    if (fill !== 0) col.fill(fill);
    this.extra.set(name, col);
    return col;
  }

  /** A named column added before; throws if missing (a bug in the stage order). */
  column<T extends TypedArray = Float64Array>(name: string): T {
    const col = this.extra.get(name);
    if (!col) throw new Error(`fleet column "${name}" has not been added`);
    return col as T;
  }

  hasColumn(name: string): boolean {
    return this.extra.has(name);
  }

  columnNames(): string[] {
    return [...this.extra.keys()];
  }

  /** Make room for at least n satellites (doubling), keeping contents. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    let cap = this.capacity;
    while (cap < n) cap *= 2;
    const grow = <T extends TypedArray>(a: T, fill = 0): T => {
      const b = new (a.constructor as TypedArrayCtor<T>)(cap);
      b.set(a as never);
      if (fill !== 0) b.fill(fill, a.length);
      return b;
    };
    this.id = grow(this.id);
    this.x_m = grow(this.x_m); this.y_m = grow(this.y_m); this.z_m = grow(this.z_m);
    this.vx_m_s = grow(this.vx_m_s); this.vy_m_s = grow(this.vy_m_s); this.vz_m_s = grow(this.vz_m_s);
    this.status = grow(this.status, Status.Unset);
    for (const [k, v] of this.extra) this.extra.set(k, grow(v));
    this.capacity = cap;
  }

  /** Append one satellite row; returns its index. */
  append(id: number, name = ''): number {
    this.reserve(this.count + 1);
    const i = this.count++;
    this.id[i] = id;
    this.names[i] = name;
    this.status[i] = Status.Unset;
    return i;
  }

  /** Count of rows whose status equals `code`. */
  countStatus(code: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.status[i] === code) n++;
    return n;
  }
}
