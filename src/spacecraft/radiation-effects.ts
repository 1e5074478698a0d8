/**
 * Radiation effects on the accelerators: total ionising dose per chip against its limits, and
 * per-chip streams of single-event effects as seeded Poisson processes in dose.
 *
 * Published rates (Google, Project Suncatcher, arXiv 2511.19468, 67 MeV protons on a Trillium TPU
 * board; REFERENCES.md), per chip: silent data corruption ~1 per 17 rad(Si); HBM uncorrectable
 * error ~1 per 44 rad; TPU crash ~1 per 5 krad; host CPU crash ~1 per 450 rad; host RAM error
 * ~1 per 400 rad. Dose limits: HBM irregularities from 2 krad(Si); no hard failure up to
 * 15 krad(Si), the highest dose tested. Limits are FLAGS (state), not failures: orbitdc does not
 * invent a failure dose the test did not reach; `BeyondTestedDose` says the chip is past the
 * evidence, and the compute layer decides what that costs.
 *
 * Poisson process in dose: each (chip, event type) stream draws the dose to its next event as
 * Exp(1) × rad-per-event past the previous one. Over a dose increment ΔD the number of events is
 * then Poisson with mean ΔD / rad-per-event, exactly, whatever the step: the same dose history
 * gives the same events at the same cumulative doses for any step size, and a chip costs one
 * comparison per satellite per call when nothing happens (no draw per step): each satellite keeps
 * its chips' lowest pending threshold. Event times are interpolated within the call's interval
 * assuming a constant dose rate across it.
 *
 * Reproducibility: stream (chip c, type k) has the generator G = Rng(seed).fork('radiation-effects')
 * .fork(typeKey).fork(c); its seed word is G.nextU32(), its first gap G.exponential(1), and its j-th
 * gap (j ≥ 1) new Rng(word).fork(j).exponential(1). So streams are independent across chips and
 * types, adding chips never shifts an existing stream, and a stream stores two 32-bit numbers and
 * one float. (An Rng object per stream would not fit a million satellites.)
 *
 * Host events are modelled per chip, as published (the test board paired hosts with TPUs). Where a
 * design has one host per several accelerators, give hosts their own ChipRadiation (with only the
 * host rates) and set the host rates here to Infinity (= off).
 *
 * Data layout (struct of arrays): chips are rows 0..chipCount−1; `satOfChip[c]` is the satellite
 * row; per-chip columns `dose_rad` (refreshed by syncDose()), `flags`; per-stream columns indexed
 * [c·EVENT_TYPES + k]; per-satellite `satDoseCum_rad`.
 */
import { OrbitdcError } from '../core/errors.js';
import { Rng } from '../core/rng.js';

/** Event kinds (Uint8 codes in RadiationEventBuffer.type). 0–4 are Poisson streams; 5–6 are dose-limit crossings. */
export const RadEvent = {
  /** Silent data corruption in the accelerator's computation. */
  Sdc: 0,
  /** HBM uncorrectable (multi-bit) error. */
  HbmUncorrectable: 1,
  /** Accelerator hang or crash needing a reset. */
  AcceleratorCrash: 2,
  /** Host CPU crash. */
  HostCpuCrash: 3,
  /** Host RAM error. */
  HostRamError: 4,
  /** The chip's total dose crossed the HBM-irregularity threshold (2 krad). */
  HbmIrregularOnset: 5,
  /** The chip's total dose crossed the highest dose tested without hard failure (15 krad). */
  BeyondTestedDose: 6,
} as const;
export type RadEventCode = (typeof RadEvent)[keyof typeof RadEvent];

/** Number of Poisson event streams per chip (codes 0..EVENT_TYPES−1). */
export const EVENT_TYPES = 5;

const EVENT_NAMES = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError', 'HbmIrregularOnset', 'BeyondTestedDose'] as const;

/** Documented name of an event code; `Unknown(n)` otherwise. */
export function radEventName(code: number): string {
  return EVENT_NAMES[code] ?? `Unknown(${code})`;
}

/** Dose per event [rad(Si)] for each Poisson stream; Infinity switches a stream off. */
export interface RadPerEvent {
  sdc: number;
  hbmUncorrectable: number;
  acceleratorCrash: number;
  hostCpuCrash: number;
  hostRamError: number;
}

/** Suncatcher's Trillium figures (arXiv 2511.19468), per chip. */
export const TRILLIUM_RAD_PER_EVENT: Readonly<RadPerEvent> = Object.freeze({
  sdc: 17,
  hbmUncorrectable: 44,
  acceleratorCrash: 5000,
  hostCpuCrash: 450,
  hostRamError: 400,
});

const RATE_KEYS = ['sdc', 'hbmUncorrectable', 'acceleratorCrash', 'hostCpuCrash', 'hostRamError'] as const;

/** Total-dose thresholds [rad(Si)]. */
export interface DoseLimits {
  /** HBM shows irregularities from this dose on. */
  hbmIrregular_rad: number;
  /** Highest dose tested with no hard failure; beyond it the chip is outside the evidence. */
  testedNoHardFailure_rad: number;
}

export const TRILLIUM_DOSE_LIMITS: Readonly<DoseLimits> = Object.freeze({ hbmIrregular_rad: 2000, testedNoHardFailure_rad: 15_000 });

/** Bits of ChipRadiation.flags. */
export const ChipFlag = {
  HbmIrregular: 1,
  BeyondTestedDose: 2,
} as const;

/**
 * Preallocated, growable event columns: time [s since epoch], chip row, event code, and the chip's
 * cumulative dose at the event [rad(Si)]. The consumer reads rows 0..count−1 and calls clear().
 */
export class RadiationEventBuffer {
  count = 0;
  time_s: Float64Array;
  chip: Int32Array;
  type: Uint8Array;
  dose_rad: Float64Array;
  private perm: Int32Array = new Int32Array(0);
  private tmpF: Float64Array = new Float64Array(0);
  private tmpI: Int32Array = new Int32Array(0);
  private tmpK: Uint8Array = new Uint8Array(0);

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.time_s = new Float64Array(n);
    this.chip = new Int32Array(n);
    this.type = new Uint8Array(n);
    this.dose_rad = new Float64Array(n);
  }

  get capacity(): number {
    return this.time_s.length;
  }

  clear(): void {
    this.count = 0;
  }

  push(time_s: number, chip: number, type: number, dose_rad: number): void {
    if (this.count === this.time_s.length) this.grow(this.count * 2);
    const i = this.count++;
    this.time_s[i] = time_s; this.chip[i] = chip; this.type[i] = type; this.dose_rad[i] = dose_rad;
  }

  /** Number of buffered events of one code. */
  countOf(type: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.type[i] === type) n++;
    return n;
  }

  /**
   * Sort rows by (time, chip, type), in place; deterministic. Reuses scratch columns kept between
   * calls (grown with the buffer), so a steady run allocates nothing here.
   */
  sortByTime(): void {
    const n = this.count;
    if (n < 2) return;
    if (this.perm.length < n) {
      const cap = this.time_s.length;
      this.perm = new Int32Array(cap); this.tmpF = new Float64Array(cap); this.tmpI = new Int32Array(cap); this.tmpK = new Uint8Array(cap);
    }
    const perm = this.perm.subarray(0, n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const t = this.time_s, c = this.chip, k = this.type, d = this.dose_rad;
    perm.sort((a, b) => (t[a]! - t[b]!) || (c[a]! - c[b]!) || (k[a]! - k[b]!) || (a - b));
    const tf = this.tmpF, ti = this.tmpI, tk = this.tmpK;
    for (let i = 0; i < n; i++) tf[i] = t[perm[i]!]!;
    for (let i = 0; i < n; i++) t[i] = tf[i]!;
    for (let i = 0; i < n; i++) tf[i] = d[perm[i]!]!;
    for (let i = 0; i < n; i++) d[i] = tf[i]!;
    for (let i = 0; i < n; i++) { ti[i] = c[perm[i]!]!; tk[i] = k[perm[i]!]!; }
    for (let i = 0; i < n; i++) { c[i] = ti[i]!; k[i] = tk[i]!; }
  }

  private grow(n: number): void {
    const t = new Float64Array(n), c = new Int32Array(n), k = new Uint8Array(n), d = new Float64Array(n);
    t.set(this.time_s); c.set(this.chip); k.set(this.type); d.set(this.dose_rad);
    this.time_s = t; this.chip = c; this.type = k; this.dose_rad = d;
  }
}

/** Counts kept by ChipRadiation.advance in place of buffered events (see there). */
export interface EventTally {
  /** Bit k set: events of code k are counted, not appended. */
  kindMask: number;
  /** Per satellite and code, [sat·EVENT_TYPES + code] (sat = satOfChip of the chip). */
  perSatellite: Uint32Array;
  /** Per code (length ≥ the highest counted code + 1). */
  perKind: Float64Array;
}

export interface ChipRadiationOptions {
  /** Scenario seed (any finite number). */
  seed: number;
  /** Dose per event; missing entries take the Trillium figures. */
  radPerEvent?: Partial<RadPerEvent>;
  /** Dose limits; missing entries take the Trillium figures. */
  limits?: Partial<DoseLimits>;
  /** Per-chip multiplier on its satellite's dose (local shielding, position in the stack); default 1. */
  doseFactor?: Float64Array;
  /** Dose already accumulated per chip [rad(Si)] (e.g. a resumed run); default 0. */
  initialDose_rad?: Float64Array;
}

/** satOfChip for `satCount` satellites carrying `chipsPerSat` chips each (chip c on satellite ⌊c / chipsPerSat⌋). */
export function chipsOfSatellites(satCount: number, chipsPerSat: number): Int32Array {
  const out = new Int32Array(satCount * chipsPerSat);
  for (let s = 0, c = 0; s < satCount; s++) for (let j = 0; j < chipsPerSat; j++) out[c++] = s;
  return out;
}

/**
 * `new Rng(word).fork(j).exponential(1)` (core/rng.ts), bit for bit, without allocating the two
 * generators: fork(j) seeds xoshiro128** through SplitMix32 with h = imul(j ^ 0x5bd1e995,
 * 0x27d4eb2d) ^ word, and exponential(1) = −ln(1 − u), u from the first two outputs. Those two
 * outputs read only the first three state words (the fourth enters from the third output on).
 * Why: 228 million draws per simulated day at a million satellites; two objects each cost more
 * than the draw. radiation-effects.test.ts holds it equal to the Rng expression.
 */
export function streamExp1(word: number, j: number): number {
  let s = (Math.imul((j >>> 0) ^ 0x5bd1e995, 0x27d4eb2d) ^ word) >>> 0;
  s = (s + 0x9e3779b9) | 0;
  let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  const a = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) | 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  const b = (z ^ (z >>> 16)) >>> 0;
  s = (s + 0x9e3779b9) | 0;
  z = Math.imul(s ^ (s >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  const c = (z ^ (z >>> 16)) >>> 0;
  // xoshiro128** outputs 1 and 2: result = rotl(b·5, 7)·9; after one update b' = b ^ c ^ a.
  let m = Math.imul(b, 5);
  const r1 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  m = Math.imul(b ^ c ^ a, 5);
  const r2 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  const u = ((r1 >>> 5) * 67108864 + (r2 >>> 6)) / 9007199254740992;
  return -Math.log(1 - u);
}

export class ChipRadiation {
  readonly chipCount: number;
  /** Satellites the chips sit on: rows 0..satCount−1 of the satellite dose column. */
  readonly satCount: number;
  readonly satOfChip: Int32Array;
  /**
   * Total ionising dose per chip [rad(Si)], as of the last syncDose() (advance() does not touch it:
   * it keeps one cumulative dose per satellite; chip dose = initial + factor × satellite dose).
   * Read one chip's current dose with chipDose_rad(c).
   */
  readonly dose_rad: Float64Array;
  /** ChipFlag bits per chip (always current). */
  readonly flags: Uint8Array;
  /** Events so far per stream, [c·EVENT_TYPES + k]. */
  readonly eventCount: Uint32Array;
  /** Cumulative satellite dose since construction [rad(Si)], before chip factors. */
  readonly satDoseCum_rad: Float64Array;
  readonly radPerEvent: Readonly<RadPerEvent>;
  readonly limits: Readonly<DoseLimits>;
  private readonly rate: Float64Array; // rad per event, by stream type
  private readonly nextDose_rad: Float64Array; // [c·EVENT_TYPES + k]: chip dose of the stream's next event
  private readonly satNext_rad: Float64Array; // per satellite: lowest pending threshold of its chips, in satellite dose
  private readonly streamSeed: Uint32Array;
  private readonly base_rad: Float64Array; // dose at construction, per chip
  private readonly factor: Float64Array | undefined;
  private readonly chipStart: Int32Array; // CSR: chips of satellite s are chipOrder[chipStart[s] .. chipStart[s+1])
  private readonly chipOrder: Int32Array;
  private readonly pending = { dose: 0, code: 0 }; // scratch result of lowestPending (no allocation per call)

  constructor(satOfChip: Int32Array, opts: ChipRadiationOptions) {
    const n = satOfChip.length;
    this.chipCount = n;
    this.satOfChip = satOfChip;
    this.radPerEvent = Object.freeze({ ...TRILLIUM_RAD_PER_EVENT, ...opts.radPerEvent });
    this.limits = Object.freeze({ ...TRILLIUM_DOSE_LIMITS, ...opts.limits });
    this.rate = Float64Array.from(RATE_KEYS, (key) => this.radPerEvent[key]);
    RATE_KEYS.forEach((key, k) => {
      const v = this.rate[k]!;
      if (!(v > 0)) throw new OrbitdcError('E_ARGUMENT', 'rad per event must be > 0 (Infinity = off)', { field: `radPerEvent.${key}`, expected: '> 0', found: String(v) });
    });
    for (const key of ['hbmIrregular_rad', 'testedNoHardFailure_rad'] as const) {
      const v = this.limits[key];
      if (!(v > 0)) throw new OrbitdcError('E_ARGUMENT', 'dose limit must be > 0', { field: `limits.${key}`, expected: '> 0', found: String(v) });
    }
    let maxSat = -1;
    for (let c = 0; c < n; c++) {
      const sat = satOfChip[c]!;
      if (sat < 0) throw new OrbitdcError('E_ARGUMENT', 'satOfChip holds a negative satellite row', { field: `satOfChip[${c}]`, expected: '≥ 0', found: String(sat) });
      if (sat > maxSat) maxSat = sat;
    }
    this.satCount = maxSat + 1;
    for (const [name, col] of [['doseFactor', opts.doseFactor], ['initialDose_rad', opts.initialDose_rad]] as const) {
      if (col !== undefined && col.length < n) {
        throw new OrbitdcError('E_ARGUMENT', 'per-chip column shorter than the chip count', { field: name, expected: `length ≥ ${n}`, found: String(col.length) });
      }
    }
    if (opts.doseFactor) {
      for (let c = 0; c < n; c++) {
        const f = opts.doseFactor[c]!;
        if (!(f >= 0) || f === Infinity) throw new OrbitdcError('E_ARGUMENT', 'dose factor must be finite and ≥ 0', { field: `doseFactor[${c}]`, expected: '≥ 0', found: String(f) });
      }
    }
    this.factor = opts.doseFactor ? Float64Array.from(opts.doseFactor.subarray(0, n)) : undefined;
    this.base_rad = new Float64Array(n);
    if (opts.initialDose_rad) this.base_rad.set(opts.initialDose_rad.subarray(0, n));
    this.dose_rad = Float64Array.from(this.base_rad);
    this.flags = new Uint8Array(n);
    this.eventCount = new Uint32Array(n * EVENT_TYPES);
    this.nextDose_rad = new Float64Array(n * EVENT_TYPES);
    this.streamSeed = new Uint32Array(n * EVENT_TYPES);
    this.satDoseCum_rad = new Float64Array(this.satCount);
    this.satNext_rad = new Float64Array(this.satCount);
    // Counting sort of chips by satellite (CSR), chips in ascending order within a satellite.
    this.chipStart = new Int32Array(this.satCount + 1);
    for (let c = 0; c < n; c++) this.chipStart[satOfChip[c]! + 1]!++;
    for (let sat = 0; sat < this.satCount; sat++) this.chipStart[sat + 1]! += this.chipStart[sat]!;
    this.chipOrder = new Int32Array(n);
    const fill = this.chipStart.slice(0, this.satCount);
    for (let c = 0; c < n; c++) this.chipOrder[fill[satOfChip[c]!]!++] = c;

    const root = new Rng(opts.seed).fork('radiation-effects');
    const typeRngs = RATE_KEYS.map((key) => root.fork(key));
    for (let c = 0; c < n; c++) {
      const d = this.base_rad[c]!;
      // A chip that starts past a limit carries the flag without an onset event.
      if (d >= this.limits.hbmIrregular_rad) this.flags[c]! |= ChipFlag.HbmIrregular;
      if (d >= this.limits.testedNoHardFailure_rad) this.flags[c]! |= ChipFlag.BeyondTestedDose;
      for (let k = 0; k < EVENT_TYPES; k++) {
        const st = c * EVENT_TYPES + k;
        // Stream generator: its first word is the stream's seed word, its next draw the first gap.
        const g = typeRngs[k]!.fork(c);
        this.streamSeed[st] = g.nextU32();
        const r = this.rate[k]!;
        this.nextDose_rad[st] = r === Infinity ? Infinity : d + g.exponential(1) * r;
      }
    }
    for (let sat = 0; sat < this.satCount; sat++) this.satNext_rad[sat] = this.satThreshold(sat);
  }

  /** Current dose of one chip [rad(Si)]. */
  chipDose_rad(c: number): number {
    const f = this.factor === undefined ? 1 : this.factor[c]!;
    return this.base_rad[c]! + f * this.satDoseCum_rad[this.satOfChip[c]!]!;
  }

  /** Bring `dose_rad` up to date for every chip (O(chips)); returns it. */
  syncDose(): Float64Array {
    for (let c = 0; c < this.chipCount; c++) this.dose_rad[c] = this.chipDose_rad(c);
    return this.dose_rad;
  }

  /**
   * Add each satellite's dose increment `satDose_rad[s]` [rad(Si)] over the interval
   * [t0_s, t0_s + dt_s] to the chips on it (times each chip's dose factor), and append the events
   * that fall in the interval to `events` (per chip in dose order; events.sortByTime() gives one
   * global order). Returns the number of events appended. Non-positive or NaN increments add
   * nothing. Cost without events: one add and one comparison per satellite, no allocation.
   * With `tally`, events of the kinds in `tally.kindMask` are counted there instead of appended
   * (their draws are the same, so every stream stays as it would be): for consumers that need
   * only counts of an event with no lasting effect (silent data corruption).
   */
  advance(t0_s: number, dt_s: number, satDose_rad: Float64Array, events: RadiationEventBuffer, tally: EventTally | null = null): number {
    if (satDose_rad.length < this.satCount) {
      throw new OrbitdcError('E_ARGUMENT', 'satellite dose column shorter than the satellites chips sit on', {
        field: 'satDose_rad', expected: `length ≥ ${this.satCount}`, found: String(satDose_rad.length),
      });
    }
    const before = events.count;
    const cum = this.satDoseCum_rad, gate = this.satNext_rad;
    for (let sat = 0; sat < this.satCount; sat++) {
      const dd = satDose_rad[sat]!;
      if (!(dd > 0)) continue;
      const s0 = cum[sat]!, s1 = s0 + dd;
      cum[sat] = s1;
      if (s1 < gate[sat]!) continue;
      for (let j = this.chipStart[sat]!; j < this.chipStart[sat + 1]!; j++) this.chipEvents(this.chipOrder[j]!, s0, s1, t0_s, dt_s, events, tally);
      gate[sat] = this.satThreshold(sat);
    }
    return events.count - before;
  }

  /** Emit chip c's events between satellite doses s0 and s1 (time interpolated linearly in dose). */
  private chipEvents(c: number, s0: number, s1: number, t0_s: number, dt_s: number, events: RadiationEventBuffer, tally: EventTally | null): void {
    const f = this.factor === undefined ? 1 : this.factor[c]!;
    const base = this.base_rad[c]!;
    const d0 = base + f * s0, d1 = base + f * s1;
    for (;;) {
      const next = this.lowestPending(c);
      if (next.dose > d1) return;
      if (tally !== null && ((tally.kindMask >>> next.code) & 1) !== 0) {
        tally.perSatellite[this.satOfChip[c]! * EVENT_TYPES + next.code]! += 1;
        tally.perKind[next.code]! += 1;
      } else {
        let frac = d1 > d0 ? (next.dose - d0) / (d1 - d0) : 0;
        frac = frac < 0 ? 0 : frac > 1 ? 1 : frac; // a threshold within rounding of the last interval's end
        events.push(t0_s + dt_s * frac, c, next.code, next.dose);
      }
      if (next.code < EVENT_TYPES) {
        const st = c * EVENT_TYPES + next.code;
        const j = ++this.eventCount[st]!;
        this.nextDose_rad[st] = next.dose + this.gap_rad(st, next.code, j);
      } else {
        this.flags[c]! |= next.code === RadEvent.HbmIrregularOnset ? ChipFlag.HbmIrregular : ChipFlag.BeyondTestedDose;
      }
    }
  }

  /** Lowest pending threshold over a satellite's chips, in satellite dose (Infinity if none can fire). */
  private satThreshold(sat: number): number {
    let best = Infinity;
    for (let j = this.chipStart[sat]!; j < this.chipStart[sat + 1]!; j++) {
      const c = this.chipOrder[j]!;
      const f = this.factor === undefined ? 1 : this.factor[c]!;
      if (f <= 0) continue;
      const v = (this.lowestPending(c).dose - this.base_rad[c]!) / f;
      if (v < best) best = v;
    }
    return best;
  }

  /** Chip dose of the j-th gap's end for stream st (type k), j ≥ 1: Exp(1) × rad-per-event. */
  private gap_rad(st: number, k: number, j: number): number {
    const r = this.rate[k]!;
    if (r === Infinity) return Infinity;
    return streamExp1(this.streamSeed[st]!, j) * r;
  }

  /** The chip's lowest pending threshold: a stream's next event or a dose limit not yet crossed. */
  private lowestPending(c: number): { dose: number; code: number } {
    let best = Infinity, code = -1;
    const base = c * EVENT_TYPES;
    for (let k = 0; k < EVENT_TYPES; k++) {
      const v = this.nextDose_rad[base + k]!;
      if (v < best) { best = v; code = k; }
    }
    const fl = this.flags[c]!;
    if ((fl & ChipFlag.HbmIrregular) === 0 && this.limits.hbmIrregular_rad < best) { best = this.limits.hbmIrregular_rad; code = RadEvent.HbmIrregularOnset; }
    if ((fl & ChipFlag.BeyondTestedDose) === 0 && this.limits.testedNoHardFailure_rad < best) { best = this.limits.testedNoHardFailure_rad; code = RadEvent.BeyondTestedDose; }
    this.pending.dose = best; this.pending.code = code;
    return this.pending;
  }

  /** Number of chips with a flag bit set. */
  countFlagged(bit: number): number {
    let n = 0;
    for (let c = 0; c < this.chipCount; c++) if ((this.flags[c]! & bit) !== 0) n++;
    return n;
  }
}
