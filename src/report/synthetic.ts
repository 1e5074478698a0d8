/**
 * A synthetic RunResult with plausible shapes (an 81-satellite cluster in an orbit with eclipses),
 * for report tests, the browser test and report development without running the engine. Not
 * physics: values follow simple closed forms so a reader of the plots can check them by eye.
 */
import type { RunResult, SeriesColumn } from '../twin/results.js';

export interface SyntheticOptions {
  scenarioName?: string;
  rows?: number;
  step_s?: number;
  satellites?: number;
  partial?: boolean;
  /** Put NaN and Infinity into some rows (plots must skip them, tables show "—"). */
  withNonFinite?: boolean;
}

/** Deterministic generator (mulberry32) so the fixture is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticRunResult(o: SyntheticOptions = {}): RunResult {
  const n = o.rows ?? 360;
  const step = o.step_s ?? 240;
  const sats = o.satellites ?? 81;
  const period_s = 5_760; // ~96 min orbit at 650 km
  const epochUtcMs = Date.UTC(2026, 2, 20);
  const chips = sats * 4;
  const chipFlops = 918e12; // TPU v6e dense BF16 [FLOP/s] (Google), for scale only
  const time_s = new Float64Array(n);
  const cols: Record<string, Float64Array> = {};
  // Column names as src/twin/metrics.ts writes them.
  const names = ['satellitesUp_count', 'sunlit_count', 'generated_W', 'available_W', 'nameplateCompute_W', 'compute_W', 'faultLoss_W', 'thermalShed_W', 'powerShed_W',
    'socMean_frac', 'socP10_frac', 'socMin_frac', 'socMax_frac', 'tempMean_K', 'tempMin_K', 'tempMax_K', 'chipTempMax_K', 'doseMean_rad', 'doseMax_rad'];
  for (const k of names) cols[k] = new Float64Array(n);
  const c = (k: string): Float64Array => cols[k]!;
  let soc = 0.9;
  for (let i = 0; i < n; i++) {
    const t = i * step;
    time_s[i] = t;
    const phase = (t % period_s) / period_s;
    // Eclipse from phase 0.62 to 0.97 with short penumbra ramps.
    const sun = phase < 0.60 ? 1 : phase < 0.62 ? (0.62 - phase) / 0.02 : phase < 0.95 ? 0 : phase < 0.97 ? (phase - 0.95) / 0.02 : 1;
    const gen = sats * 32_000 * sun * (1 - t / (86_400 * 365) * 0.02);
    const demand = sats * 22_000;
    const bus = sats * 2_500;
    soc = Math.min(1, Math.max(0.25, soc + (sun > 0.5 ? 0.05 : -0.07)));
    const avail = sun > 0.5 ? Math.max(0, gen - bus) * 0.96 : soc > 0.3 ? demand * 0.9 : demand * 0.4;
    const compute = Math.min(demand, avail);
    const fault = demand * 0.012;
    const thermal = sun > 0.5 ? demand * 0.03 : 0;
    const served = Math.max(0, compute - fault - thermal);
    c('satellitesUp_count')[i] = sats;
    c('sunlit_count')[i] = sats * sun;
    c('generated_W')[i] = gen;
    c('available_W')[i] = avail;
    c('nameplateCompute_W')[i] = demand;
    c('compute_W')[i] = served;
    c('faultLoss_W')[i] = fault;
    c('thermalShed_W')[i] = thermal;
    c('powerShed_W')[i] = demand - served - fault - thermal;
    c('socMean_frac')[i] = soc;
    c('socP10_frac')[i] = Math.max(0.2, soc - 0.04);
    c('socMin_frac')[i] = Math.max(0.2, soc - 0.06);
    c('socMax_frac')[i] = Math.min(1, soc + 0.03);
    const rad = 268 + 42 * sun - 6 * Math.cos(2 * Math.PI * phase);
    c('tempMean_K')[i] = rad;
    c('tempMin_K')[i] = rad - 5;
    c('tempMax_K')[i] = rad + 7;
    c('chipTempMax_K')[i] = rad + 46 * (served / demand);
    c('doseMean_rad')[i] = (150 / (365.25 * 86_400)) * t;
    c('doseMax_rad')[i] = (210 / (365.25 * 86_400)) * t;
  }
  if (o.withNonFinite) {
    c('generated_W')[Math.floor(n / 3)] = NaN;
    c('chipTempMax_K')[Math.floor(n / 2)] = Infinity;
    c('socMin_frac')[Math.floor(n / 4)] = NaN;
  }
  const units: Record<string, string> = { W: 'W', K: 'K', frac: 'fraction', rad: 'rad(Si)', count: 'count' };
  const columns: SeriesColumn[] = names.map((name) => {
    const suffix = /_(W|K|frac|rad|count)$/.exec(name)?.[1] ?? '';
    return { name, unit: units[suffix] ?? '', description: name, values: cols[name]! };
  });
  // Radiation events: Poisson arrivals per type at fleet rates chosen to show a few dozen per day.
  const r = rng(42);
  const typeNames = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError'];
  const rate_per_s = [40 / 86_400, 12 / 86_400, 4 / 86_400, 2 / 86_400];
  const ev: Array<[number, number, number]> = [];
  const end = (n - 1) * step;
  rate_per_s.forEach((lambda, type) => {
    for (let t = -Math.log(1 - r()) / lambda; t < end; t += -Math.log(1 - r()) / lambda) ev.push([t, type, Math.floor(r() * sats)]);
  });
  ev.sort((a, b) => a[0] - b[0]);
  // Per-interval counts by kind, as the engine's events<Kind>_count columns (fold: sum).
  typeNames.forEach((k, j) => {
    const v = new Float64Array(n);
    for (const e of ev) if (e[1] === j) v[Math.min(n - 1, Math.floor(e[0] / step))]! += 1;
    columns.push({ name: `events${k}_count`, unit: 'count', description: `radiation events of kind ${k}`, values: v });
  });
  const reached_s = o.partial ? end : n * step;
  return {
    // The shape of src/twin/summarise.ts (a subset).
    summary: {
      scenario: { name: o.scenarioName ?? 'synthetic-81', description: 'Synthetic fixture', source: 'src/report/synthetic.ts', epoch: new Date(epochUtcMs).toISOString(), duration_s: n * step, step_s: step, seed: 42 },
      partial: o.partial ?? false,
      simulated_s: reached_s,
      stoppedAt: o.partial ? { time_s: reached_s, reason: 'interrupted' } : null,
      fleet: { satellites: sats, accelerators: chips },
      compute: {
        nameplate: { acceleratorHours: (chips * n * step) / 3600, flop: chips * chipFlops * n * step },
        delivered: { acceleratorHours: 0.874 * (chips * n * step) / 3600, flop: 0.874 * chips * chipFlops * n * step, fraction: 0.874 },
        losses_fraction: { faults: 0.012, thermal: 0.021, power: 0.093 },
      },
      power: { generatedMean_W: 1.6e6, shortfall_J: 3.2e9, busShortfall_J: 0, clipped_J: 1.1e9, socMin_frac: 0.31, energyBalanceResidual_J: o.withNonFinite ? NaN : 0.4 },
      thermal: { radiatorMin_K: 257, radiatorMax_K: 317.0, chipMax_K: 352.1 },
      illumination: { sunlitFraction: 0.642, eclipseSatelliteHours: 696 },
      radiation: { doseMean_rad: 0.4, doseMax_rad: 0.57, events: Object.fromEntries(typeNames.map((k, j) => [k, ev.filter((e) => e[1] === j).length])), acceleratorsHbmIrregular: 0 },
      failures: { satellitesFailed: 0 },
    },
    meta: {
      scenarioName: o.scenarioName ?? 'synthetic-81',
      description: 'Synthetic fixture: an 81-satellite cluster with eclipses, for report tests.',
      source: 'src/report/synthetic.ts',
      epochUtcMs, duration_s: n * step, step_s: step, satelliteCount: sats, seed: 42,
      chipMax_K: 358.15, radiatorMax_K: 330,
      reached_s,
    },
    series: { time_s, columns },
    perSatellite: { ids: new Uint32Array(0), names: [], constellation: new Int32Array(0), columns: [] },
    events: {
      time_s: Float64Array.from(ev.map((e) => e[0])),
      type: Uint8Array.from(ev.map((e) => e[1])),
      satellite: Int32Array.from(ev.map((e) => e[2])),
      typeNames,
      count: ev.length,
    },
    tracks: { ids: new Uint32Array(0), names: [], time_s: new Float64Array(0), position_m: new Float64Array(0), frame: 'ECI_OF_DATE', sunlit: new Float32Array(0) },
    partial: o.partial ?? false,
  };
}
