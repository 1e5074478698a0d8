/**
 * The twin's discrete events: one time-ordered queue (a binary min-heap over typed arrays, no
 * object per event), drained at step boundaries (DESIGN.md "The pipeline of one time step").
 *
 * Order is total and deterministic: by time, then by insertion sequence, so two events at the
 * same instant are applied in the order they were scheduled, on every platform and every run.
 *
 * Kinds and their effect when applied:
 * - ChipDown(sat, chip): one accelerator of the satellite stops (a radiation crash); its ChipUp
 *   is scheduled at the event time + the restart time of its cause (RESTART_S).
 * - ChipUp(sat, chip): the accelerator is back.
 * - SatelliteFail(sat): the satellite fails for good (status Failed; no repair in orbit).
 */
import { RadEvent } from '../spacecraft/radiation-effects.js';

export const TwinEvent = {
  ChipDown: 0,
  ChipUp: 1,
  SatelliteFail: 2,
} as const;
export type TwinEventCode = (typeof TwinEvent)[keyof typeof TwinEvent];

/**
 * Time an accelerator is out after a radiation event of each kind [s]. ASSUMPTIONS (orbitdc's;
 * no published recovery times for these effects in orbit): an accelerator crash needs a device
 * reset and driver re-initialisation (5 min); a host CPU crash a host reboot (10 min); an HBM
 * uncorrectable error or a host RAM error kills the process on that chip, which is restarted
 * after the page is retired (1 min). Silent data corruption stops nothing (it is counted; what
 * it costs a job is the compute scheduler's business, a later issue). A restart completes at the
 * first step boundary after it is due, and a chip that goes down is down for at least one step.
 */
export const RESTART_S: Readonly<Record<number, number>> = Object.freeze({
  [RadEvent.Sdc]: 0,
  [RadEvent.HbmUncorrectable]: 60,
  [RadEvent.AcceleratorCrash]: 300,
  [RadEvent.HostCpuCrash]: 600,
  [RadEvent.HostRamError]: 60,
});

/** An event taken off the queue (a scratch object the caller owns). */
export interface PoppedEvent { time_s: number; kind: number; sat: number; chip: number; value: number }

export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Uint8Array;
  private sat: Int32Array;
  private chip: Int32Array;
  private value: Float64Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.time = new Float64Array(c);
    this.seq = new Float64Array(c);
    this.kind = new Uint8Array(c);
    this.sat = new Int32Array(c);
    this.chip = new Int32Array(c);
    this.value = new Float64Array(c);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  /** Schedule an event; `value` is kind-specific (ChipDown: the restart time [s]). */
  push(time_s: number, kind: number, sat: number, chip = -1, value = 0): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time_s, s, this.time[p]!, this.seq[p]!)) break;
      this.copy(p, i);
      i = p;
    }
    this.time[i] = time_s; this.seq[i] = s; this.kind[i] = kind; this.sat[i] = sat; this.chip[i] = chip; this.value[i] = value;
  }

  /** Remove the earliest event into `out`; false when empty. */
  pop(out: PoppedEvent): boolean {
    if (this.n === 0) return false;
    out.time_s = this.time[0]!; out.kind = this.kind[0]!; out.sat = this.sat[0]!; out.chip = this.chip[0]!; out.value = this.value[0]!;
    const last = --this.n;
    if (last === 0) return true;
    const t = this.time[last]!, s = this.seq[last]!, k = this.kind[last]!, sa = this.sat[last]!, c = this.chip[last]!, v = this.value[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const m = r < last && this.less(this.time[r]!, this.seq[r]!, this.time[l]!, this.seq[l]!) ? r : l;
      if (!this.less(this.time[m]!, this.seq[m]!, t, s)) break;
      this.copy(m, i);
      i = m;
    }
    this.time[i] = t; this.seq[i] = s; this.kind[i] = k; this.sat[i] = sa; this.chip[i] = c; this.value[i] = v;
    return true;
  }

  private less(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }

  private copy(from: number, to: number): void {
    this.time[to] = this.time[from]!; this.seq[to] = this.seq[from]!; this.kind[to] = this.kind[from]!;
    this.sat[to] = this.sat[from]!; this.chip[to] = this.chip[from]!; this.value[to] = this.value[from]!;
  }

  private grow(): void {
    const c = this.time.length * 2;
    const g = <T extends Float64Array | Uint8Array | Int32Array>(a: T, ctor: new (n: number) => T): T => { const b = new ctor(c); b.set(a); return b; };
    this.time = g(this.time, Float64Array); this.seq = g(this.seq, Float64Array); this.kind = g(this.kind, Uint8Array);
    this.sat = g(this.sat, Int32Array); this.chip = g(this.chip, Int32Array); this.value = g(this.value, Float64Array);
  }
}

/**
 * The event log kept for the outputs: at most `limit` rows in time order (the first ones), and
 * counts of everything. Types: radiation event codes 0–6 (radiation-effects.ts RadEvent), then
 * SatelliteFailed.
 */
export const LOG_TYPE_NAMES = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError', 'HbmIrregularOnset', 'BeyondTestedDose', 'SatelliteFailed'] as const;
export const LOG_SATELLITE_FAILED = 7;

export class BoundedEventLog {
  time_s: Float64Array;
  type: Uint8Array;
  satellite: Int32Array;
  count = 0;
  /** Events seen, including those past the limit, per type. */
  readonly totals = new Float64Array(LOG_TYPE_NAMES.length);

  constructor(readonly limit: number) {
    const c = Math.min(Math.max(16, limit), 4096);
    this.time_s = new Float64Array(c);
    this.type = new Uint8Array(c);
    this.satellite = new Int32Array(c);
  }

  get truncated(): boolean {
    let total = 0;
    for (const t of this.totals) total += t;
    return total > this.count;
  }

  add(time_s: number, type: number, sat: number): void {
    this.totals[type]! += 1;
    if (this.count >= this.limit) return;
    if (this.count === this.time_s.length) {
      const c = Math.min(this.limit, this.count * 2);
      const t = new Float64Array(c); t.set(this.time_s); this.time_s = t;
      const k = new Uint8Array(c); k.set(this.type); this.type = k;
      const s = new Int32Array(c); s.set(this.satellite); this.satellite = s;
    }
    const i = this.count++;
    this.time_s[i] = time_s; this.type[i] = type; this.satellite[i] = sat;
  }
}
