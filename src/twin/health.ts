/**
 * Health sampler for predictive maintenance (issue 5): once a simulated day, per satellite, four
 * health figures, each fed to a streaming trend fit (src/compute/maintenance.ts TrendSums) whose
 * pessimistic crossing of a failure threshold before end of life flags the satellite:
 *
 *   array    full-sun array output [W]: the day's array energy ÷ its sunlit seconds, scaled to
 *            1 AU by the day's mean solar flux (perihelion is +3.4 %: unscaled, January → July
 *            would read as ~13 %/yr of degradation). It falls by years (degradation_per_year) and by
 *            dose (solar.ts doseFactor). Failure: below bus load + every accelerator at full power.
 *            Fitted in ln(output): the degradation compounds ((1 − d)^years, solar.ts ageFactor).
 *            A body-mounted array reads its mean incidence over the sunlit time, as it really is.
 *   battery  lowest state of charge of the day [fraction]. Failure: within 0.005 of the floor
 *            (the twin's battery stops there: reaching it sheds load). From the second day on
 *            (battery and thermal): the first starts from the assumed state, full and at 20 °C.
 *   thermal  the day's peak temperature margin [K]: max(node peak − radiatorMax, chip peak − chipMax).
 *            Failure: within 0.05 K of 0 (at its limit the node throttles compute).
 *   dose     total ionising dose at the day's end [rad(Si)]. Failure: HBM irregular from 2 krad
 *            (TRILLIUM_DOSE_LIMITS; the 15 krad tested limit is the next step after it).
 *
 * Cost: nothing per satellite per step. The engine's per-satellite accumulators already keep the
 * run's lowest SoC and peak temperatures (fused-step.ts); at each day's end the sampler reads them
 * as the day's extreme and resets them, keeping the run's extreme itself (`runExtreme` folds the
 * two back for the per-satellite table). Array energy and sunlit time are cumulative there: the
 * day's values are differences. Per step: one solar-flux sum (one square root). Per day: O(rows).
 * Memory: 4 series × 6 float64 per sampled satellite (TrendSums) + a few columns; beyond
 * `maxSatellites` (default 100,000) every k-th satellite is sampled (k = ⌈S / max⌉), and said so.
 *
 * End of life: the later of the scenario's end and the epoch + economics.lifetime_years (the
 * mission life the economics prices, default 5 years): a 30-day run is extrapolated over the
 * mission. A trend is a trend: a seasonal change (eclipse seasons, beta angle) read over a short
 * run extrapolates like wear, so a flag asks for a look, it is not a verdict. Deterministic: no
 * random draws, fixed orders.
 */
import { Status } from '../core/status.js';
import { formatIsoUtc } from '../core/time.js';
import { S_PER_JULIAN_YEAR, SOLAR_CONSTANT_W_m2 } from '../core/units.js';
import { TrendSums, type TrendResult } from '../compute/maintenance.js';
import { TRILLIUM_DOSE_LIMITS } from '../spacecraft/radiation-effects.js';
import { solarFlux_W_m2 } from '../spacecraft/solar.js';
import type { BuiltFleet } from './build.js';
import type { PerSatelliteAccumulators } from './metrics.js';
import type { Scenario } from './scenario/normalise.js';

export const SECONDS_PER_DAY = 86_400;
/** Most satellites trended; beyond, a stride (file comment). */
export const HEALTH_MAX_SATELLITES = 100_000;
/** Battery: the minimum SoC "reaches" the floor within this [fraction of capacity]. */
export const SOC_FLOOR_MARGIN = 0.005;
/** Thermal: the peak "reaches" its limit within this [K]. */
export const THERMAL_MARGIN_K = 0.05;
/** Flagged satellites listed in summary.json. */
export const MAX_LISTED = 20;
/** Worst satellites whose trend lines go to the report, per series. */
export const MAX_TREND_LINES = 5;

export type HealthKey = 'array' | 'battery' | 'thermal' | 'dose';
export const HEALTH_KEYS: readonly HealthKey[] = ['array', 'battery', 'thermal', 'dose'];

/** What each series means, for summary.json and the report. */
export const HEALTH_SERIES: Readonly<Record<HealthKey, { label: string; axis: string; unit: string; failure: string; fit: 'log' | 'linear' }>> = {
  array: { label: 'Array output in full sun (1 AU)', axis: 'Array output', unit: 'W', failure: 'below bus load + every accelerator at full power', fit: 'log' },
  battery: { label: 'Lowest battery state of charge of the day', axis: 'Lowest SoC', unit: 'fraction', failure: `within ${SOC_FLOOR_MARGIN} of the depth-of-discharge floor`, fit: 'linear' },
  thermal: { label: 'Peak temperature over its limit (radiator or chip)', axis: 'Peak over limit', unit: 'K', failure: `within ${THERMAL_MARGIN_K} K of the limit (compute is throttled there)`, fit: 'linear' },
  dose: { label: 'Total ionising dose', axis: 'Dose', unit: 'rad(Si)', failure: `${TRILLIUM_DOSE_LIMITS.hbmIrregular_rad} rad(Si): HBM irregular (Trillium, ${TRILLIUM_DOSE_LIMITS.testedNoHardFailure_rad} rad tested)`, fit: 'linear' },
};

/** One satellite's fitted trend, in the series' unit, for a plot. */
export interface TrendLine {
  id: number;
  name: string;
  /** Failure threshold of this satellite [series unit]. */
  threshold: number;
  t_s: number[];
  value: number[];
  crossing_s: number | null;
}

export interface HealthSeriesResult {
  key: HealthKey;
  trended: number;
  flagged: number;
  earliestCrossing_s: number | null;
  medianLeadTime_s: number | null;
  /** Daily fleet mean of the sampled satellites (series unit). */
  mean: { t_s: number[]; value: number[] };
  worst: TrendLine[];
}

export interface FlaggedSatellite {
  id: number;
  name: string;
  series: HealthKey;
  crossing_s: number;
  leadTime_s: number;
}

/** What the sampler found (RunResult.maintenance; summary.json has its figures). */
export interface MaintenanceResult {
  epochUtcMs: number;
  every_s: number;
  samples: number;
  sampledSatellites: number;
  satellites: number;
  stride: number;
  now_s: number;
  endOfLife_s: number;
  endOfLifeBasis: string;
  series: HealthSeriesResult[];
  /** Every flagged (satellite, series), earliest crossing first (ties: row, series order). */
  flagged: FlaggedSatellite[];
}

const SERIES_COUNT = 4;

export class HealthSampler {
  readonly stepsPerSample: number;
  readonly stride: number;
  readonly rows: Int32Array;
  private readonly built: BuiltFleet;
  private readonly acc: PerSatelliteAccumulators;
  private readonly status: Uint8Array;
  private readonly dose: Float64Array;
  private readonly dt_s: number;
  private readonly epochUtcMs: number;
  private readonly endOfLife_s: number;
  private readonly endOfLifeBasis: string;
  private readonly trends: TrendSums[];
  /** Per sampled satellite: thresholds (array [W]; floor [fraction]; radiator and chip limits [K]). */
  private readonly arrayMin_W: Float64Array;
  private readonly socFloor: Float64Array;
  private readonly radMax_K: Float64Array;
  private readonly chipMax_K: Float64Array;
  private readonly hasBattery: Uint8Array;
  private readonly prevGen_J: Float64Array;
  private readonly prevSun_s: Float64Array;
  private readonly runSocMin: Float32Array;
  private readonly runTempMax: Float32Array;
  private readonly runChipMax: Float32Array;
  /** Sampled row → index (−1: not sampled). */
  private readonly indexOfRow: Int32Array;
  private readonly meanT: number[][] = [[], [], [], []];
  private readonly meanV: number[][] = [[], [], [], []];
  private inDay = 0;
  private fluxSum = 0;
  private samples = 0;
  private lastSample_s = 0;

  /**
   * `status` and `dose_rad` are the fleet's columns (read at each day's end), `acc` the engine's
   * per-satellite accumulators (read and reset at each day's end: file comment).
   */
  constructor(o: { scenario: Scenario; built: BuiltFleet; acc: PerSatelliteAccumulators; status: Uint8Array; dose_rad: Float64Array; maxSatellites?: number }) {
    const sc = o.scenario, S = o.built.fleet.count;
    this.built = o.built; this.acc = o.acc; this.status = o.status; this.dose = o.dose_rad;
    this.dt_s = sc.step_s;
    this.epochUtcMs = sc.epochUtcMs;
    this.stepsPerSample = Math.max(1, Math.round(SECONDS_PER_DAY / sc.step_s));
    this.stride = Math.max(1, Math.ceil(S / (o.maxSatellites ?? HEALTH_MAX_SATELLITES)));
    const n = Math.ceil(S / this.stride);
    this.rows = Int32Array.from({ length: n }, (_, j) => j * this.stride);
    this.indexOfRow = new Int32Array(S).fill(-1);
    for (let j = 0; j < n; j++) this.indexOfRow[this.rows[j]!] = j;
    const life_s = sc.economics.lifetime_years * S_PER_JULIAN_YEAR;
    this.endOfLife_s = Math.max(sc.duration_s, life_s);
    this.endOfLifeBasis = life_s >= sc.duration_s ? `epoch + economics.lifetime_years (${sc.economics.lifetime_years} y)` : 'the scenario\'s end';
    this.trends = HEALTH_KEYS.map(() => new TrendSums(n));
    this.arrayMin_W = new Float64Array(n); this.socFloor = new Float64Array(n); this.radMax_K = new Float64Array(n); this.chipMax_K = new Float64Array(n);
    this.hasBattery = new Uint8Array(n);
    const cor = o.built.constellationOfRow;
    for (let j = 0; j < n; j++) {
      const c = o.built.constellations[cor[this.rows[j]!]!];
      if (!c) continue;
      const d = c.design, chipP = Number.isFinite(c.chipPower_W) ? c.chipPower_W : 0;
      this.arrayMin_W[j] = d.busLoad_W + c.chips * chipP;
      this.socFloor[j] = d.battery.socFloor;
      this.hasBattery[j] = d.battery.capacity_J > 0 ? 1 : 0;
      this.radMax_K[j] = c.params.thermal.radiatorMax_K;
      this.chipMax_K[j] = c.params.thermal.chipMax_K;
    }
    this.prevGen_J = new Float64Array(n); this.prevSun_s = new Float64Array(n);
    this.runSocMin = new Float32Array(n).fill(Infinity);
    this.runTempMax = new Float32Array(n).fill(-Infinity);
    this.runChipMax = new Float32Array(n).fill(-Infinity);
  }

  /** After the fused pass of step k (Sun of that step, geocentric [m]): a day's end samples. */
  afterStep(k: number, sun_m: ArrayLike<number>): void {
    this.fluxSum += solarFlux_W_m2(Math.sqrt(sun_m[0]! * sun_m[0]! + sun_m[1]! * sun_m[1]! + sun_m[2]! * sun_m[2]!));
    if (++this.inDay < this.stepsPerSample) return;
    this.sample((k + 1) * this.dt_s, this.fluxSum / this.inDay);
    this.inDay = 0;
    this.fluxSum = 0;
  }

  private sample(end_s: number, meanFlux: number): void {
    const acc = this.acc, span = this.stepsPerSample * this.dt_s, mid = end_s - span / 2;
    const toAu = SOLAR_CONSTANT_W_m2 / meanFlux;
    const [tA, tB, tT, tD] = this.trends as [TrendSums, TrendSums, TrendSums, TrendSums];
    const sum = new Float64Array(SERIES_COUNT), cnt = new Float64Array(SERIES_COUNT);
    for (let j = 0; j < this.rows.length; j++) {
      const i = this.rows[j]!, st = this.status[i]!;
      const gen = acc.generated_J[i]!, sun = acc.sunlit_s[i]!;
      const dG = gen - this.prevGen_J[j]!, dS = sun - this.prevSun_s[j]!;
      this.prevGen_J[j] = gen; this.prevSun_s[j] = sun;
      const soc = acc.socMin_frac[i]!, tn = acc.tempMax_K[i]!, tc = acc.chipTempMax_K[i]!;
      if (soc < this.runSocMin[j]!) this.runSocMin[j] = soc;
      if (tn > this.runTempMax[j]!) this.runTempMax[j] = tn;
      if (tc > this.runChipMax[j]!) this.runChipMax[j] = tc;
      acc.socMin_frac[i] = Infinity; acc.tempMax_K[i] = -Infinity; acc.chipTempMax_K[i] = -Infinity;
      // Failed, re-entered or without an orbit: no health to trend (its samples end here).
      if (st !== Status.Ok && st !== Status.Offline) continue;
      // Array: at least a minute of sunlight in the day, and some output.
      if (dS >= 60 && dG > 0 && this.arrayMin_W[j]! > 0) {
        const y = (dG / dS) * toAu;
        tA.add(j, mid, Math.log(y / this.arrayMin_W[j]!));
        sum[0]! += y; cnt[0]!++;
      }
      // Battery and thermal: not the first day, which starts from the assumed state (battery full, node at 20 °C).
      const settled = this.samples > 0;
      if (settled && this.hasBattery[j] === 1 && Number.isFinite(soc)) { tB.add(j, mid, soc - this.socFloor[j]!); sum[1]! += soc; cnt[1]!++; }
      const margin = Math.max(tn - this.radMax_K[j]!, tc - this.chipMax_K[j]!);
      if (settled && Number.isFinite(margin)) { tT.add(j, mid, margin); sum[2]! += margin; cnt[2]!++; }
      const d = this.dose[i]!;
      tD.add(j, end_s, d); sum[3]! += d; cnt[3]!++;
    }
    for (let q = 0; q < SERIES_COUNT; q++) {
      if (cnt[q]! > 0) { this.meanT[q]!.push(q === 3 ? end_s : mid); this.meanV[q]!.push(sum[q]! / cnt[q]!); }
    }
    this.samples++;
    this.lastSample_s = end_s;
  }

  /**
   * The run's extreme of a per-satellite accumulator at row i: `acc` holds the extreme since the
   * last day's end, the sampler the one before (file comment).
   */
  runExtreme(kind: 'socMin' | 'tempMax' | 'chipTempMax', i: number, accValue: number): number {
    const j = this.indexOfRow[i]!;
    if (j < 0) return accValue;
    if (kind === 'socMin') return Math.min(accValue, this.runSocMin[j]!);
    return Math.max(accValue, kind === 'tempMax' ? this.runTempMax[j]! : this.runChipMax[j]!);
  }

  /** Fit every trend and judge it (safe at any step boundary; the sampler goes on afterwards). */
  result(): MaintenanceResult {
    const n = this.rows.length, now = this.lastSample_s, f = this.built.fleet;
    const name = (i: number): string => f.names[i] || `SAT-${f.id[i]}`;
    const series: HealthSeriesResult[] = [];
    const flagged: (FlaggedSatellite & { row: number; q: number })[] = [];
    const thresholdOf = (q: number, j: number): number => (q === 0 ? this.arrayMin_W[j]! : q === 1 ? this.socFloor[j]! + SOC_FLOOR_MARGIN : q === 2 ? 0 : TRILLIUM_DOSE_LIMITS.hbmIrregular_rad);
    for (let q = 0; q < SERIES_COUNT; q++) {
      const key = HEALTH_KEYS[q]!, tr = this.trends[q]!;
      // Fitted units: array ln(output ÷ its threshold) against 0; battery SoC − floor against the margin.
      const threshold = q === 0 ? 0 : q === 1 ? SOC_FLOOR_MARGIN : q === 2 ? -THERMAL_MARGIN_K : TRILLIUM_DOSE_LIMITS.hbmIrregular_rad;
      const r: TrendResult = tr.predict({ threshold, direction: q <= 1 ? 'below' : 'above', endOfLife_s: this.endOfLife_s, now_s: now });
      let trended = 0, nf = 0, earliest = Infinity;
      const leads: number[] = [];
      for (let j = 0; j < n; j++) {
        if (tr.count(j) >= 3) trended++;
        if (r.flagged[j] !== 1) continue;
        nf++;
        const c = r.crossing_s[j]!;
        if (c < earliest) earliest = c;
        leads.push(r.leadTime_s[j]!);
        const row = this.rows[j]!;
        flagged.push({ id: f.id[row]!, name: name(row), series: key, crossing_s: c, leadTime_s: r.leadTime_s[j]!, row, q });
      }
      leads.sort((a, b) => a - b);
      // Worst: earliest crossing first (flagged or not), then row.
      const order = Array.from({ length: n }, (_, j) => j).filter((j) => tr.count(j) >= 3)
        .sort((a, b) => r.crossing_s[a]! - r.crossing_s[b]! || a - b).slice(0, MAX_TREND_LINES);
      const worst = order.map((j): TrendLine => {
        const row = this.rows[j]!, c = r.crossing_s[j]!;
        const end = Math.min(Math.max(now, Number.isFinite(c) ? c : now), this.endOfLife_s);
        const ts = [0, now, ...(end > now ? [end] : [])];
        const toUnit = (v: number): number => (q === 0 ? this.arrayMin_W[j]! * Math.exp(v) : q === 1 ? v + this.socFloor[j]! : v);
        return { id: f.id[row]!, name: name(row), threshold: thresholdOf(q, j), t_s: ts, value: ts.map((t) => toUnit(tr.valueAt(j, t))), crossing_s: Number.isFinite(c) ? c : null };
      });
      series.push({
        key, trended, flagged: nf, earliestCrossing_s: Number.isFinite(earliest) ? earliest : null,
        medianLeadTime_s: leads.length > 0 ? leads[Math.ceil(0.5 * leads.length) - 1]! : null,
        mean: { t_s: this.meanT[q]!.slice(), value: this.meanV[q]!.slice() }, worst,
      });
    }
    flagged.sort((a, b) => a.crossing_s - b.crossing_s || a.row - b.row || a.q - b.q);
    return {
      epochUtcMs: this.epochUtcMs, every_s: this.stepsPerSample * this.dt_s, samples: this.samples, sampledSatellites: n, satellites: f.count,
      stride: this.stride, now_s: now, endOfLife_s: this.endOfLife_s, endOfLifeBasis: this.endOfLifeBasis, series,
      flagged: flagged.map(({ id, name: nm, series: s, crossing_s, leadTime_s }) => ({ id, name: nm, series: s, crossing_s, leadTime_s })),
    };
  }
}

/** 12 significant digits; null for NaN and infinities. */
const num = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(12)) : null);
const days = (s: number | null): number | null => (s === null ? null : num(s / SECONDS_PER_DAY));

/** The `maintenance` section of summary.json. */
export function maintenanceSummary(m: MaintenanceResult): Record<string, unknown> {
  const iso = (s: number | null): string | null => (s === null ? null : formatIsoUtc(m.epochUtcMs + s * 1000));
  return {
    method: 'per satellite, one sample a day of each health series; least-squares trend with the slope made pessimistic by 2 standard errors (src/compute/maintenance.ts); flagged when it crosses the failure threshold before end of life',
    sampling: { every_s: m.every_s, samples: m.samples, satellites: m.sampledSatellites, of: m.satellites, everyKthSatellite: m.stride },
    lastSample: iso(m.samples > 0 ? m.now_s : null),
    endOfLife: iso(m.endOfLife_s),
    endOfLifeBasis: m.endOfLifeBasis,
    series: Object.fromEntries(m.series.map((s) => [s.key, {
      failure: HEALTH_SERIES[s.key].failure,
      fit: HEALTH_SERIES[s.key].fit,
      satellitesTrended: s.trended,
      satellitesFlagged: s.flagged,
      earliestCrossing: iso(s.earliestCrossing_s),
      medianLeadTime_days: days(s.medianLeadTime_s),
    }])),
    flagged: m.flagged.slice(0, MAX_LISTED).map((f) => ({ id: f.id, name: f.name, series: f.series, crossing: iso(f.crossing_s), leadTime_days: days(f.leadTime_s) })),
    flaggedTotal: m.flagged.length,
    note: m.samples < 3 ? 'a trend needs at least 3 daily samples: run longer than 3 days' : 'lead time counts from the last sample; 0 = already at the threshold',
  };
}
