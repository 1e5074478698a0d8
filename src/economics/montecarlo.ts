/**
 * Seeded Monte Carlo over the uncertain inputs (sensitivity.ts ranges): each draw takes every
 * input independently from a triangular distribution (low, the scenario's value, high), the
 * simplest shape that needs only a range and a best guess. Ranges of positive values are drawn
 * in log space: most ranges are factors (a quarter to 4× the base), and a linear triangle over
 * ×0.25..×4 would put the median at ~1.6× the base rather than at it. Ranges reaching zero
 * (insurance, failure rates) are drawn linearly. The same scenario, seed and sample count give
 * the same numbers (src/core/rng.ts, a stream forked per purpose).
 */
import { Rng } from '../core/rng.js';
import type { DeliveredCompute } from './compare.js';
import type { Fleet } from './fleet.js';
import type { EconomicsParams } from './params.js';
import { evaluateWith, resolveInputs, type ResolvedInput } from './sensitivity.js';

/** A draw from the triangular distribution (lo, mode, hi) by inverse CDF of u ∈ [0, 1). */
export function triangular(u: number, lo: number, mode: number, hi: number): number {
  if (!(hi > lo)) return lo;
  const m = Math.min(Math.max(mode, lo), hi);
  const c = (m - lo) / (hi - lo);
  return u < c ? lo + Math.sqrt(u * (hi - lo) * (m - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - m));
}

/** A draw for one input: log-triangular when the range is positive, triangular otherwise. */
export function drawInput(u: number, lo: number, base: number, hi: number): number {
  if (lo > 0 && base > 0) return Math.exp(triangular(u, Math.log(lo), Math.log(base), Math.log(hi)));
  return triangular(u, lo, base, hi);
}

/** Linear-interpolated quantile of sorted values, q ∈ [0, 1] (the "R-7" definition). */
export function quantile(sorted: Float64Array | readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  const a = sorted[i] as number, b = sorted[Math.min(i + 1, n - 1)] as number;
  return a + (h - i) * (b - a);
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface Histogram {
  /** Bin edges (bins + 1 values); log-spaced for ratios spanning decades. */
  edges: number[];
  counts: number[];
  scale: 'log' | 'linear';
}

export interface MonteCarloResult {
  samples: number;
  seed: number;
  distribution: 'triangular(low, base, high), in log space for positive ranges; independent';
  inputs: ResolvedInput[];
  /** orbit ÷ ground per delivered accelerator-hour. */
  ratio: Percentiles;
  orbitPerAcceleratorHour_usd: Percentiles;
  groundPerAcceleratorHour_usd: Percentiles;
  /** Fraction of draws where orbit is cheaper (ratio < 1). */
  probabilityOrbitCheaper: number;
  histogram: Histogram;
}

function percentiles(v: Float64Array): Percentiles {
  const s = Float64Array.from(v).sort();
  let sum = 0;
  for (const x of s) sum += x;
  return { p5: quantile(s, 0.05), p50: quantile(s, 0.5), p95: quantile(s, 0.95), mean: sum / s.length };
}

/** Histogram with `bins` bins between min and max (log-spaced when all values are positive). */
export function histogram(values: Float64Array, bins: number): Histogram {
  let lo = Infinity, hi = -Infinity;
  for (const x of values) { if (x < lo) lo = x; if (x > hi) hi = x; }
  const log = lo > 0;
  const f = (x: number): number => (log ? Math.log10(x) : x);
  const a = f(lo), b = hi > lo ? f(hi) : f(lo) + 1;
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) edges.push(log ? 10 ** (a + ((b - a) * k) / bins) : a + ((b - a) * k) / bins);
  const counts: number[] = new Array<number>(bins).fill(0);
  for (const x of values) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(((f(x) - a) / (b - a)) * bins)));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { edges, counts, scale: log ? 'log' : 'linear' };
}

export function monteCarlo(
  fleet: Fleet,
  p: EconomicsParams,
  opts: { seed: number; samples?: number; bins?: number; delivered?: DeliveredCompute },
): MonteCarloResult {
  const n = Math.max(1, Math.floor(opts.samples ?? p.monte_carlo_samples));
  const inputs = resolveInputs(p, opts.delivered);
  const rng = new Rng(opts.seed).fork('economics-monte-carlo');
  const ratio = new Float64Array(n), orbit = new Float64Array(n), ground = new Float64Array(n);
  let cheaper = 0;
  for (let k = 0; k < n; k++) {
    const values = new Map<string, number>();
    for (const inp of inputs) values.set(inp.path, drawInput(rng.uniform(), inp.low, inp.base, inp.high));
    const c = evaluateWith(fleet, p, opts.delivered, values);
    ratio[k] = c.ratio.perAcceleratorHour;
    orbit[k] = c.orbit.perAcceleratorHour_usd;
    ground[k] = c.ground.perAcceleratorHour_usd;
    if (c.ratio.perAcceleratorHour < 1) cheaper++;
  }
  return {
    samples: n,
    seed: opts.seed,
    distribution: 'triangular(low, base, high), in log space for positive ranges; independent',
    inputs,
    ratio: percentiles(ratio),
    orbitPerAcceleratorHour_usd: percentiles(orbit),
    groundPerAcceleratorHour_usd: percentiles(ground),
    probabilityOrbitCheaper: cheaper / n,
    histogram: histogram(ratio, opts.bins ?? 30),
  };
}
