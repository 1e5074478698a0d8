/**
 * Metrics of a twin run: the fleet-level series (one value per step, folded into at most
 * `maxRows` recorded rows so that a 5-year run at 60 s keeps a bounded table) and the
 * per-satellite accumulators, both fed by one fused pass over the fleet per step (`reduceRows`).
 *
 * Folding: a recorded row covers `interval` consecutive steps and starts at its first step's
 * time. Each column says how it folds: `mean` (time average over the steps: powers, counts),
 * `min` / `max` (extremes over the steps), `sum` (event counts in the interval), `last`
 * (cumulative quantities such as dose, as at the row's last step).
 *
 * Delivered compute (all per step, W of accelerator power; FLOP = power ÷ chip power × chip FLOP/s):
 *   nameplate = every accelerator of every satellite at full power
 *   demand    = the accelerators that are up (not crashed, satellite not failed) at full power
 *   delivered = what the power balance and the thermal limit served (spacecraft/power.ts)
 *   nameplate = delivered + faultLoss + thermalShed + powerShed   (holds step by step)
 * ASSUMPTION: throughput is proportional to power when throttled (power capping); real chips do
 * somewhat better (P ∝ f·V²), so delivered FLOP under throttling is a lower bound.
 */
import { Status } from '../core/status.js';
import type { SeriesColumn, SeriesTable } from './results.js';

export type Fold = 'mean' | 'min' | 'max' | 'sum' | 'last';

export interface MetricDef {
  name: string;
  unit: string;
  description: string;
  fold: Fold;
}

const EVENT_COLUMNS: MetricDef[] = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError'].map((k) => ({
  name: `events${k}_count`, unit: 'count', description: `radiation events of kind ${k} in the interval (all chips)`, fold: 'sum' as const,
}));

/** Series columns, in series.csv order. */
export const SERIES_DEFS: readonly MetricDef[] = [
  { name: 'satellitesUp_count', unit: 'count', description: 'satellites with a valid orbit that have not failed', fold: 'mean' },
  { name: 'sunlit_count', unit: 'count', description: 'satellites in sunlight (penumbra counted fractionally)', fold: 'mean' },
  { name: 'generated_W', unit: 'W', description: 'solar array output, whole fleet', fold: 'mean' },
  { name: 'generatedMin_W', unit: 'W', description: 'lowest step value of generated_W in the interval', fold: 'min' },
  { name: 'busServed_W', unit: 'W', description: 'bus (platform) load served, whole fleet', fold: 'mean' },
  { name: 'available_W', unit: 'W', description: 'power left for compute after the bus load (array + battery), whole fleet', fold: 'mean' },
  { name: 'nameplateCompute_W', unit: 'W', description: 'every accelerator at full power, whole fleet', fold: 'mean' },
  { name: 'computeDemand_W', unit: 'W', description: 'power the accelerators ask for: every accelerator that is up at full power, or with a workload what the scheduler runs (idle chips at their idle fraction)', fold: 'mean' },
  { name: 'compute_W', unit: 'W', description: 'compute power delivered (after faults, power shortfall and thermal throttling)', fold: 'mean' },
  { name: 'computeMin_W', unit: 'W', description: 'lowest step value of compute_W in the interval', fold: 'min' },
  { name: 'faultLoss_W', unit: 'W', description: 'compute lost to crashed accelerators and failed satellites', fold: 'mean' },
  { name: 'thermalShed_W', unit: 'W', description: 'compute shed by the thermal limit (radiator or chip)', fold: 'mean' },
  { name: 'powerShed_W', unit: 'W', description: 'compute shed for lack of power (array and battery)', fold: 'mean' },
  { name: 'shortfall_W', unit: 'W', description: 'load not served (bus and compute), whole fleet', fold: 'mean' },
  { name: 'busShortfall_W', unit: 'W', description: 'bus load not served (platform brown-out), whole fleet', fold: 'mean' },
  { name: 'clipped_W', unit: 'W', description: 'array power neither used nor stored (battery full)', fold: 'mean' },
  { name: 'socMean_frac', unit: 'fraction', description: 'battery state of charge, fleet mean (fraction of capacity)', fold: 'mean' },
  { name: 'socP10_frac', unit: 'fraction', description: 'battery state of charge, 10th percentile over the fleet (±0.005)', fold: 'mean' },
  { name: 'socMin_frac', unit: 'fraction', description: 'lowest battery state of charge in the fleet and interval', fold: 'min' },
  { name: 'tempMean_K', unit: 'K', description: 'radiator-node temperature, fleet mean', fold: 'mean' },
  { name: 'tempMin_K', unit: 'K', description: 'radiator-node temperature, fleet and interval minimum', fold: 'min' },
  { name: 'tempMax_K', unit: 'K', description: 'radiator-node temperature, fleet and interval maximum', fold: 'max' },
  { name: 'chipTempMean_K', unit: 'K', description: 'accelerator junction temperature, fleet mean', fold: 'mean' },
  { name: 'chipTempMax_K', unit: 'K', description: 'accelerator junction temperature, fleet and interval maximum', fold: 'max' },
  { name: 'thermalThrottled_count', unit: 'count', description: 'satellites whose compute the thermal limit throttles', fold: 'mean' },
  { name: 'powerThrottled_count', unit: 'count', description: 'satellites whose compute a power shortfall throttles', fold: 'mean' },
  { name: 'chipsDown_count', unit: 'count', description: 'accelerators down after a radiation crash (restarting)', fold: 'mean' },
  { name: 'doseMean_rad', unit: 'rad(Si)', description: 'total ionising dose behind shielding, fleet mean', fold: 'last' },
  { name: 'doseMax_rad', unit: 'rad(Si)', description: 'total ionising dose behind shielding, fleet maximum', fold: 'last' },
  ...EVENT_COLUMNS,
  { name: 'satellitesFailed_count', unit: 'count', description: 'satellites failed for good so far', fold: 'last' },
  { name: 'deliveredAcceleratorHours_h', unit: 'h', description: 'compute delivered since the epoch, accelerator-hours at full power (cumulative)', fold: 'last' },
  { name: 'nameplateAcceleratorHours_h', unit: 'h', description: 'nameplate compute since the epoch, accelerator-hours (cumulative)', fold: 'last' },
];

/** Column indices into a step's value vector. */
export const M = Object.fromEntries(SERIES_DEFS.map((d, i) => [d.name, i])) as Record<string, number>;
const iSatUp = M.satellitesUp_count!, iSunlit = M.sunlit_count!, iGen = M.generated_W!, iGenMin = M.generatedMin_W!;
const iBus = M.busServed_W!, iAvail = M.available_W!, iName = M.nameplateCompute_W!, iDemand = M.computeDemand_W!;
const iComp = M.compute_W!, iCompMin = M.computeMin_W!, iFault = M.faultLoss_W!, iThermal = M.thermalShed_W!, iPower = M.powerShed_W!;
const iShort = M.shortfall_W!, iBusShort = M.busShortfall_W!, iClip = M.clipped_W!, iSocMean = M.socMean_frac!, iSocP10 = M.socP10_frac!;
const iSocMin = M.socMin_frac!, iTMean = M.tempMean_K!, iTMin = M.tempMin_K!, iTMax = M.tempMax_K!, iChipMax = M.chipTempMax_K!, iChipMean = M.chipTempMean_K!;
const iThermN = M.thermalThrottled_count!, iPowN = M.powerThrottled_count!, iDoseMean = M.doseMean_rad!, iDoseMax = M.doseMax_rad!;
export const EVENTS_COLUMN0 = M.eventsSdc_count!;

/**
 * Running totals of one run (summary.json), in SI: energies [J], accelerator-seconds and FLOP
 * (nameplate, delivered, and the three losses), Σ sunlit fraction × dt and Σ dt over satellites
 * with a valid orbit [s], satellite-steps throttled, and extremes (SoC fraction, temperatures [K]).
 * Kept in one Float64Array: an object whose number fields change representation (0 → 0.5) made
 * V8 deoptimise the reduction loop on every call (measured with --trace-deopt).
 */
export const TOTAL_KEYS = [
  'generated_J',
  'busServed_J',
  'compute_J',
  'batteryLoss_J',
  'clipped_J',
  'shortfall_J',
  'busShortfall_J',
  'nameplate_J',
  'demand_J',
  'thermalShed_J',
  'powerShed_J',
  'nameplateChip_s',
  'deliveredChip_s',
  'nameplateFlop',
  'deliveredFlop',
  'faultChip_s',
  'thermalChip_s',
  'powerChip_s',
  'sunlit_s',
  'valid_s',
  'satelliteStepsThermalThrottled',
  'satelliteStepsPowerThrottled',
  'socMin_frac',
  'tempMin_K',
  'tempMax_K',
  'chipTempMax_K',
] as const;
export type TotalKey = (typeof TOTAL_KEYS)[number];
/** Index of each total in RunTotals.a. */
export const TK = Object.fromEntries(TOTAL_KEYS.map((k, i) => [k, i])) as Record<TotalKey, number>;

export class RunTotals {
  readonly a = new Float64Array(TOTAL_KEYS.length);

  constructor() {
    this.a[TK.socMin_frac] = Infinity;
    this.a[TK.tempMin_K] = Infinity;
    this.a[TK.tempMax_K] = -Infinity;
    this.a[TK.chipTempMax_K] = -Infinity;
  }

  /** The totals as a plain object (for summaries). */
  toObject(): Record<TotalKey, number> {
    return Object.fromEntries(TOTAL_KEYS.map((k, i) => [k, this.a[i]!])) as Record<TotalKey, number>;
  }
}

/** Per-satellite accumulators (one typed array per figure). */
export class PerSatelliteAccumulators {
  readonly sunlit_s: Float64Array;
  readonly generated_J: Float64Array;
  readonly compute_J: Float64Array;
  readonly shortfall_J: Float64Array;
  readonly chipDown_s: Float32Array;
  readonly socMin_frac: Float32Array;
  readonly tempMax_K: Float32Array;
  readonly chipTempMax_K: Float32Array;
  /** Radiation events per satellite and kind, [sat·5 + kind]. */
  readonly events: Uint32Array;

  constructor(n: number) {
    this.sunlit_s = new Float64Array(n);
    this.generated_J = new Float64Array(n);
    this.compute_J = new Float64Array(n);
    this.shortfall_J = new Float64Array(n);
    this.chipDown_s = new Float32Array(n);
    this.socMin_frac = new Float32Array(n).fill(Infinity);
    this.tempMax_K = new Float32Array(n).fill(-Infinity);
    this.chipTempMax_K = new Float32Array(n).fill(-Infinity);
    this.events = new Uint32Array(n * 5);
  }
}

/** Columns `reduceRows` reads. */
export interface ReduceColumns {
  status: Uint8Array;
  sunlitFraction: Float64Array;
  generated_W: Float64Array;
  available_W: Float64Array;
  computePower_W: Float64Array;
  computeDemand_W: Float64Array;
  soc_J: Float64Array;
  shortfall_J: Float64Array;
  busShortfall_J: Float64Array;
  clipped_J: Float64Array;
  batteryLoss_J: Float64Array;
  thermalThrottle: Float64Array;
  temp_K: Float64Array;
  chipTemp_K: Float64Array;
  dose_rad: Float64Array;
  chipsDown: Uint16Array;
}

/** Per-range constants: the design's figures. */
export interface RangeInfo {
  from: number;
  to: number;
  chips: number;
  chipPower_W: number;
  chipFlops: number;
  busLoad_W: number;
  capacity_J: number;
}

export const SOC_BINS = 200;

/** Slots of StepReducer.part: one range's sums and extremes over its rows for the step. */
export const P = {
  satUp: 0, sunlit: 1, gen: 2, bus: 3, avail: 4, demand: 5, comp: 6, thermal: 7, power: 8, shortJ: 9, busShortJ: 10, clipJ: 11,
  lossJ: 12, thermN: 13, powN: 14, down: 15, validN: 16, socMin: 17, tMin: 18, tMax: 19, chipMax: 20, doseMax: 21, socSum: 22,
  socN: 23, tSum: 24, tN: 25, tcSum: 26, doseSum: 27, doseN: 28,
} as const;
const PART_COUNT = 29;

/** Scratch of one step's reduction (reset by `beginStep`). */
export class StepReducer {
  readonly values = new Float64Array(SERIES_DEFS.length);
  readonly socHist = new Uint32Array(SOC_BINS + 1);
  /** Step sums across ranges: SoC Σ and n, node temperature Σ and n, chip temperature Σ, dose Σ and n (a typed array, see RunTotals). */
  private readonly sums = new Float64Array(7);
  /** One range's partial sums, indexed by `P` (see addRange). */
  readonly part = new Float64Array(PART_COUNT);

  beginStep(): void {
    const v = this.values;
    v.fill(0);
    v[iSocMin] = Infinity; v[iTMin] = Infinity; v[iTMax] = -Infinity; v[iChipMax] = -Infinity; v[iDoseMax] = 0;
    this.socHist.fill(0);
    this.sums.fill(0);
  }

  /**
   * One fused pass over rows [r.from, r.to): fleet sums for the step, run totals, per-satellite
   * accumulators. Allocates nothing.
   */
  reduceRows(c: ReduceColumns, r: RangeInfo, dt_s: number, totals: RunTotals, acc: PerSatelliteAccumulators): void {
    const v = this.values;
    const B = r.busLoad_W, cap = r.capacity_J;
    const hist = this.socHist;
    let satUp = 0, sunlit = 0, gen = 0, bus = 0, avail = 0, demand = 0, comp = 0, thermal = 0, power = 0;
    let shortJ = 0, busShortJ = 0, clipJ = 0, lossJ = 0, thermN = 0, powN = 0, down = 0, validN = 0;
    let socMin = v[iSocMin]!, tMin = v[iTMin]!, tMax = v[iTMax]!, chipMax = v[iChipMax]!, doseMax = v[iDoseMax]!;
    let socSum = 0, socN = 0, tSum = 0, tN = 0, tcSum = 0, doseSum = 0, doseN = 0;
    const { status, sunlitFraction, generated_W, available_W, computePower_W, computeDemand_W, soc_J, shortfall_J, busShortfall_J, clipped_J, batteryLoss_J, thermalThrottle, temp_K, chipTemp_K, dose_rad, chipsDown } = c;
    // Locals, not property loads, inside the loop: V8 keeps them in registers (measured ~2× here).
    const aDown = acc.chipDown_s, aSun = acc.sunlit_s, aGen = acc.generated_J, aComp = acc.compute_J, aShort = acc.shortfall_J;
    const aSocMin = acc.socMin_frac, aTMax = acc.tempMax_K, aChipMax = acc.chipTempMax_K;
    const invCap = cap > 0 ? 1 / cap : 0, invDt = 1 / dt_s;
    for (let i = r.from; i < r.to; i++) {
      const st = status[i]!;
      const cd = chipsDown[i]!;
      if (cd !== 0) { down += cd; aDown[i]! += cd * dt_s; }
      if (!(st === Status.Ok || st === Status.Failed || st === Status.Offline)) continue;
      validN++;
      const nu = sunlitFraction[i]!;
      const d = dose_rad[i]!;
      sunlit += nu;
      aSun[i]! += nu * dt_s;
      doseSum += d; doseN++;
      if (d > doseMax) doseMax = d;
      if (st === Status.Failed) continue;
      satUp++;
      const G = generated_W[i]!, P = computePower_W[i]!, D = computeDemand_W[i]!;
      const bs = busShortfall_J[i]!, sf = shortfall_J[i]!;
      gen += G; comp += P; demand += D; avail += available_W[i]!;
      bus += B - bs * invDt;
      shortJ += sf; busShortJ += bs; clipJ += clipped_J[i]!; lossJ += batteryLoss_J[i]!;
      const th = D * thermalThrottle[i]!;
      let pw = D - P - th;
      if (pw < 0) pw = 0;
      thermal += th; power += pw;
      if (th > 0) thermN++;
      if (pw > 1e-9 * (D + 1)) powN++;
      aGen[i]! += G * dt_s;
      aComp[i]! += P * dt_s;
      if (sf !== 0) aShort[i]! += sf;
      if (invCap > 0) {
        const f = soc_J[i]! * invCap;
        socSum += f; socN++;
        if (f < socMin) socMin = f;
        if (f < aSocMin[i]!) aSocMin[i] = f;
        hist[f <= 0 ? 0 : f >= 1 ? SOC_BINS : Math.floor(f * SOC_BINS)]!++;
      }
      const T = temp_K[i]!, Tc = chipTemp_K[i]!;
      tSum += T; tN++; tcSum += Tc;
      if (T < tMin) tMin = T;
      if (T > tMax) tMax = T;
      if (Tc > chipMax) chipMax = Tc;
      if (T > aTMax[i]!) aTMax[i] = T;
      if (Tc > aChipMax[i]!) aChipMax[i] = Tc;
    }
    const q = this.part;
    q[P.satUp] = satUp; q[P.sunlit] = sunlit; q[P.gen] = gen; q[P.bus] = bus; q[P.avail] = avail; q[P.demand] = demand; q[P.comp] = comp;
    q[P.thermal] = thermal; q[P.power] = power; q[P.shortJ] = shortJ; q[P.busShortJ] = busShortJ; q[P.clipJ] = clipJ; q[P.lossJ] = lossJ;
    q[P.thermN] = thermN; q[P.powN] = powN; q[P.down] = down; q[P.validN] = validN;
    q[P.socMin] = socMin; q[P.tMin] = tMin; q[P.tMax] = tMax; q[P.chipMax] = chipMax; q[P.doseMax] = doseMax;
    q[P.socSum] = socSum; q[P.socN] = socN; q[P.tSum] = tSum; q[P.tN] = tN; q[P.tcSum] = tcSum; q[P.doseSum] = doseSum; q[P.doseN] = doseN;
    this.addRange(r, dt_s, totals);
  }

  /**
   * Fold one range's partial sums (`part`, filled by a pass over its rows in row order: `reduceRows`
   * or the engine's fused step) into the step values and the run totals. One place for this
   * arithmetic, so that both passes give the same bits.
   */
  addRange(r: RangeInfo, dt_s: number, totals: RunTotals): void {
    const v = this.values, q = this.part;
    const chipP = r.chipPower_W, nameplate_W = r.chips * chipP;
    const invChipP = chipP > 0 ? 1 / chipP : 0;
    const satUp = q[P.satUp]!, sunlit = q[P.sunlit]!, gen = q[P.gen]!, bus = q[P.bus]!, avail = q[P.avail]!, demand = q[P.demand]!, comp = q[P.comp]!;
    const thermal = q[P.thermal]!, power = q[P.power]!, shortJ = q[P.shortJ]!, busShortJ = q[P.busShortJ]!, clipJ = q[P.clipJ]!, lossJ = q[P.lossJ]!;
    const thermN = q[P.thermN]!, powN = q[P.powN]!, down = q[P.down]!, validN = q[P.validN]!;
    const n = r.to - r.from;
    v[iSatUp]! += satUp; v[iSunlit]! += sunlit; v[iGen]! += gen; v[iBus]! += bus; v[iAvail]! += avail;
    v[iName]! += n * nameplate_W; v[iDemand]! += demand; v[iComp]! += comp; v[iFault]! += n * nameplate_W - demand;
    v[iThermal]! += thermal; v[iPower]! += power; v[iShort]! += shortJ / dt_s; v[iBusShort]! += busShortJ / dt_s; v[iClip]! += clipJ / dt_s;
    v[iThermN]! += thermN; v[iPowN]! += powN; v[M.chipsDown_count!]! += down;
    v[iSocMin] = q[P.socMin]!; v[iTMin] = q[P.tMin]!; v[iTMax] = q[P.tMax]!; v[iChipMax] = q[P.chipMax]!; v[iDoseMax] = q[P.doseMax]!;
    const S = this.sums;
    S[0]! += q[P.socSum]!; S[1]! += q[P.socN]!; S[2]! += q[P.tSum]!; S[3]! += q[P.tN]!; S[4]! += q[P.tcSum]!; S[5]! += q[P.doseSum]!; S[6]! += q[P.doseN]!;

    const t = totals.a;
    t[TK.generated_J]! += gen * dt_s; t[TK.busServed_J]! += bus * dt_s; t[TK.compute_J]! += comp * dt_s;
    t[TK.batteryLoss_J]! += lossJ; t[TK.clipped_J]! += clipJ; t[TK.shortfall_J]! += shortJ; t[TK.busShortfall_J]! += busShortJ;
    t[TK.nameplate_J]! += n * nameplate_W * dt_s; t[TK.demand_J]! += demand * dt_s;
    t[TK.thermalShed_J]! += thermal * dt_s; t[TK.powerShed_J]! += power * dt_s;
    t[TK.nameplateChip_s]! += n * r.chips * dt_s;
    t[TK.deliveredChip_s]! += comp * invChipP * dt_s;
    t[TK.faultChip_s]! += (n * nameplate_W - demand) * invChipP * dt_s;
    t[TK.thermalChip_s]! += thermal * invChipP * dt_s;
    t[TK.powerChip_s]! += power * invChipP * dt_s;
    t[TK.nameplateFlop]! += n * r.chips * r.chipFlops * dt_s;
    t[TK.deliveredFlop]! += comp * invChipP * r.chipFlops * dt_s;
    t[TK.sunlit_s]! += sunlit * dt_s; t[TK.valid_s]! += validN * dt_s;
    t[TK.satelliteStepsThermalThrottled]! += thermN; t[TK.satelliteStepsPowerThrottled]! += powN;
  }

  /** Finish the step's values (means and the SoC percentile) after all ranges were reduced. */
  endStep(totals: RunTotals): Float64Array {
    const v = this.values;
    const S = this.sums, socN = S[1]!, tN = S[3]!, doseN = S[6]!;
    v[iSocMean] = socN > 0 ? S[0]! / socN : Number.NaN;
    v[iSocP10] = socN > 0 ? percentileFromHistogram(this.socHist, socN, 0.1) : Number.NaN;
    v[iTMean] = tN > 0 ? S[2]! / tN : Number.NaN;
    v[iChipMean] = tN > 0 ? S[4]! / tN : Number.NaN;
    v[M.deliveredAcceleratorHours_h!] = totals.a[TK.deliveredChip_s]! / 3600;
    v[M.nameplateAcceleratorHours_h!] = totals.a[TK.nameplateChip_s]! / 3600;
    v[iDoseMean] = doseN > 0 ? S[5]! / doseN : 0;
    v[iGenMin] = v[iGen]!; v[iCompMin] = v[iComp]!;
    if (socN === 0) v[iSocMin] = Number.NaN;
    if (tN === 0) { v[iTMin] = Number.NaN; v[iTMax] = Number.NaN; v[iChipMax] = Number.NaN; }
    const t = totals.a;
    if (v[iSocMin]! < t[TK.socMin_frac]!) t[TK.socMin_frac] = v[iSocMin]!;
    if (v[iTMin]! < t[TK.tempMin_K]!) t[TK.tempMin_K] = v[iTMin]!;
    if (v[iTMax]! > t[TK.tempMax_K]!) t[TK.tempMax_K] = v[iTMax]!;
    if (v[iChipMax]! > t[TK.chipTempMax_K]!) t[TK.chipTempMax_K] = v[iChipMax]!;
    return v;
  }
}

/**
 * Value below which a fraction q of the counted rows lie, from a histogram over [0, 1] (bin centres):
 * the first bin b whose cumulative count reaches q·n. n must be the histogram's total (endStep's
 * SoC count is). Scanned from both ends at once (the cumulative count from the top is n minus the
 * counts above, exact in integers), so a fleet bunched near one end costs a few bins, not 200 a step.
 */
export function percentileFromHistogram(hist: Uint32Array, n: number, q: number): number {
  const target = q * n, last = hist.length - 1;
  let lo = 0, below = 0; // below: count in bins < lo
  let hi = last, upTo = n; // upTo: count in bins ≤ hi
  while (lo <= hi) {
    below += hist[lo]!;
    if (below >= target) return Math.min(1, (lo + 0.5) / SOC_BINS);
    lo++;
    const prev = upTo - hist[hi]!;
    if (hi === 0 || prev < target) return Math.min(1, (hi + 0.5) / SOC_BINS);
    upTo = prev;
    hi--;
  }
  return 1;
}

/** Fold of each series column as a small integer (the per-step fold loop compares numbers, not strings). */
const FOLD_MEAN_OR_SUM = 0, FOLD_MIN = 1, FOLD_MAX = 2, FOLD_LAST = 3;
const FOLD_CODE = Uint8Array.from(SERIES_DEFS, (d) => (d.fold === 'mean' || d.fold === 'sum' ? FOLD_MEAN_OR_SUM : d.fold === 'min' ? FOLD_MIN : d.fold === 'max' ? FOLD_MAX : FOLD_LAST));

/** Folds step values into at most `maxRows` recorded rows. */
export class SeriesRecorder {
  readonly interval: number;
  readonly capacity: number;
  rows = 0;
  private readonly time_s: Float64Array;
  private readonly cols: Float64Array[];
  private readonly acc = new Float64Array(SERIES_DEFS.length);
  private inRow = 0;
  private rowStart_s = 0;

  constructor(stepCount: number, maxRows: number) {
    this.interval = Math.max(1, Math.ceil(stepCount / Math.max(1, maxRows)));
    this.capacity = Math.ceil(stepCount / this.interval);
    this.time_s = new Float64Array(this.capacity);
    this.cols = SERIES_DEFS.map(() => new Float64Array(this.capacity));
  }

  add(t_s: number, v: Float64Array): void {
    const a = this.acc;
    if (this.inRow === 0) {
      this.rowStart_s = t_s;
      for (let k = 0; k < SERIES_DEFS.length; k++) a[k] = v[k]!;
    } else {
      for (let k = 0; k < FOLD_CODE.length; k++) {
        const f = FOLD_CODE[k]!;
        const x = v[k]!;
        if (f === FOLD_MEAN_OR_SUM) a[k]! += x;
        else if (f === FOLD_MIN) { if (x < a[k]!) a[k] = x; }
        else if (f === FOLD_MAX) { if (x > a[k]!) a[k] = x; }
        else a[k] = x;
      }
    }
    if (++this.inRow === this.interval) this.flush();
  }

  /** Close the row in progress. */
  private flush(): void {
    if (this.inRow === 0 || this.rows >= this.capacity) return;
    const r = this.rows++;
    this.time_s[r] = this.rowStart_s;
    for (let k = 0; k < SERIES_DEFS.length; k++) {
      const f = SERIES_DEFS[k]!.fold;
      this.cols[k]![r] = f === 'mean' ? this.acc[k]! / this.inRow : this.acc[k]!;
    }
    this.inRow = 0;
  }

  /**
   * The recorded rows (copies), with a row in progress appended as it stands (folded over the
   * steps it has) without closing it, so a snapshot mid-run (Ctrl-C) leaves the recorder as it was.
   */
  table(): SeriesTable {
    const extra = this.inRow > 0 && this.rows < this.capacity ? 1 : 0;
    const n = this.rows + extra;
    const time_s = new Float64Array(n);
    time_s.set(this.time_s.subarray(0, this.rows));
    if (extra) time_s[this.rows] = this.rowStart_s;
    const columns: SeriesColumn[] = SERIES_DEFS.map((d, k) => {
      const values = new Float64Array(n);
      values.set(this.cols[k]!.subarray(0, this.rows));
      if (extra) values[this.rows] = d.fold === 'mean' ? this.acc[k]! / this.inRow : this.acc[k]!;
      return { name: d.name, unit: d.unit, description: d.description, values };
    });
    return { time_s, columns };
  }
}
