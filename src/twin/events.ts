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
 * - ManoeuvreStart(sat, chip = source, value = offline time [s]): a collision-avoidance burn
 *   begins; the satellite goes Offline (unless Failed) and its ManoeuvreEnd is scheduled
 *   (src/twin/avoidance-twin.ts; source 0: screened in the window, 1: recurrence beyond it).
 * - ManoeuvreEnd(sat, chip = source): the manoeuvre is over; Offline → Ok.
 */
import { RadEvent } from '../spacecraft/radiation-effects.js';

export const TwinEvent = {
  ChipDown: 0,
  ChipUp: 1,
  SatelliteFail: 2,
  ManoeuvreStart: 3,
  ManoeuvreEnd: 4,
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

/**
 * A 4-ary min-heap on (time, insertion sequence) whose entries are (time, seq, slot): the payload
 * (kind, satellite, chip, value) stays in its slot while the heap moves three numbers per level.
 * Why: at a million satellites ~150 million events a simulated day pass through here (crashes and
 * restarts); a binary heap moving six columns per level was a tenth of the run. The pop order is
 * the total order (time, seq), so it is the same as any correct priority queue's.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private slotOf: Int32Array;
  private kind: Uint8Array;
  private sat: Int32Array;
  private chip: Int32Array;
  private value: Float64Array;
  /** Free payload slots (a stack). */
  private free: Int32Array;
  private nFree: number;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.time = new Float64Array(c);
    this.seq = new Float64Array(c);
    this.slotOf = new Int32Array(c);
    this.kind = new Uint8Array(c);
    this.sat = new Int32Array(c);
    this.chip = new Int32Array(c);
    this.value = new Float64Array(c);
    this.free = new Int32Array(c);
    for (let i = 0; i < c; i++) this.free[i] = c - 1 - i;
    this.nFree = c;
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
    const slot = this.free[--this.nFree]!;
    this.kind[slot] = kind; this.sat[slot] = sat; this.chip[slot] = chip; this.value[slot] = value;
    const s = this.nextSeq++;
    const T = this.time, Q = this.seq, O = this.slotOf;
    let i = this.n++;
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const tp = T[p]!;
      if (!(time_s < tp || (time_s === tp && s < Q[p]!))) break;
      T[i] = tp; Q[i] = Q[p]!; O[i] = O[p]!;
      i = p;
    }
    T[i] = time_s; Q[i] = s; O[i] = slot;
  }

  /** Remove the earliest event into `out`; false when empty. */
  pop(out: PoppedEvent): boolean {
    if (this.n === 0) return false;
    const T = this.time, Q = this.seq, O = this.slotOf;
    const top = O[0]!;
    out.time_s = T[0]!; out.kind = this.kind[top]!; out.sat = this.sat[top]!; out.chip = this.chip[top]!; out.value = this.value[top]!;
    this.free[this.nFree++] = top;
    const last = --this.n;
    if (last === 0) return true;
    const t = T[last]!, s = Q[last]!, o = O[last]!;
    let i = 0;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= last) break;
      // Smallest of up to four children.
      let m = c0, tm = T[c0]!, sm = Q[c0]!;
      const cEnd = c0 + 4 < last ? c0 + 4 : last;
      for (let c = c0 + 1; c < cEnd; c++) {
        const tc = T[c]!;
        if (tc < tm || (tc === tm && Q[c]! < sm)) { m = c; tm = tc; sm = Q[c]!; }
      }
      if (!(tm < t || (tm === t && sm < s))) break;
      T[i] = tm; Q[i] = sm; O[i] = O[m]!;
      i = m;
    }
    T[i] = t; Q[i] = s; O[i] = o;
    return true;
  }

  private grow(): void {
    const old = this.time.length, c = old * 2;
    const g = <A extends Float64Array | Uint8Array | Int32Array>(a: A, ctor: new (n: number) => A): A => { const b = new ctor(c); b.set(a); return b; };
    this.time = g(this.time, Float64Array); this.seq = g(this.seq, Float64Array); this.slotOf = g(this.slotOf, Int32Array);
    this.kind = g(this.kind, Uint8Array); this.sat = g(this.sat, Int32Array); this.chip = g(this.chip, Int32Array); this.value = g(this.value, Float64Array);
    // Full heap: every old slot is in use, so the free stack holds exactly the new ones.
    this.free = new Int32Array(c);
    for (let i = old; i < c; i++) this.free[this.nFree++] = c - 1 - (i - old);
  }
}

/**
 * The event log kept for the outputs: at most `limit` rows in time order (the first ones), and
 * counts of everything. Types: radiation event codes 0–6 (radiation-effects.ts RadEvent), then
 * SatelliteFailed, then collision-avoidance ManoeuvreStart / ManoeuvreEnd (logged at the burn's
 * own time and at its end, not at the step boundary where they are applied).
 */
export const LOG_TYPE_NAMES = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError', 'HbmIrregularOnset', 'BeyondTestedDose', 'SatelliteFailed', 'ManoeuvreStart', 'ManoeuvreEnd'] as const;
export const LOG_SATELLITE_FAILED = 7;
export const LOG_MANOEUVRE_START = 8;
export const LOG_MANOEUVRE_END = 9;

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
