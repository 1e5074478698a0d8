/**
 * Predictive maintenance (in orbit: predictive retirement and load planning, since nothing gets
 * repaired): flag satellites whose trend in a health series (array output, battery capacity,
 * radiator or chip temperature) crosses its failure threshold before end of life, with the lead
 * time.
 *
 * Model: ordinary least squares line y = a + b·t per satellite over the samples the caller
 * supplies (struct of arrays: sample times shared by all satellites, values [s·n + k]). The
 * predicted crossing uses the slope made pessimistic by `z` standard errors (default 2, ~97.7 %
 * one-sided for normal residuals), so a noisy flat series is not flagged but a real decline is
 * flagged early. A satellite already past the threshold has lead time 0.
 *
 * `fit: 'log'` fits ln y instead (y > 0): a compounding decline, such as an array losing a fixed
 * fraction a year (solar.ts `ageFactor` = (1 − d)^years), is a straight line in ln y, so its
 * crossing is extrapolated without the bias a straight line in y has over years.
 *
 * Two ways in, one fit: `predictFailures` over stored samples, and `TrendSums`, a streaming form
 * (Welford's updates of means and co-moments, numerically stable) that holds six numbers per
 * satellite however long the run, for the twin's health sampler (src/twin/health.ts).
 */
import { OrbitdcError } from '../core/errors.js';

export interface TrendInput {
  /** Sample times [s], shared by all satellites (≥ 3). */
  t_s: Float64Array;
  /** Values, satellite-major: values[s·n + k] at t_s[k]. NaN = missing sample. */
  values: Float64Array;
  satCount: number;
  /** Failure threshold in the series' unit. */
  threshold: number;
  /** 'below': failure when the value falls under the threshold (array power, capacity); 'above': rises over it (temperature). */
  direction: 'below' | 'above';
  /** End of life [s, same clock]; crossings after it are not flagged. */
  endOfLife_s: number;
  /** Standard errors of pessimism on the slope; default 2. */
  z?: number;
  /** 'linear' (default): y = a + b·t; 'log': ln y = a + b·t (values and threshold > 0; others count as missing). */
  fit?: 'linear' | 'log';
}

export interface TrendResult {
  /** Fitted slope [unit/s] (for 'log': of ln y, [1/s]). */
  slope: Float64Array;
  /** Predicted crossing time [s] (Infinity when the pessimistic trend never crosses). */
  crossing_s: Float64Array;
  /** crossing − last sample time [s], 0 if already past. */
  leadTime_s: Float64Array;
  /** 1 when the crossing comes before end of life. */
  flagged: Uint8Array;
}

/** How the crossing is judged (TrendSums.predict). */
export interface TrendJudgement {
  /** Threshold in the fitted unit (already ln'd for a log fit). */
  threshold: number;
  direction: 'below' | 'above';
  endOfLife_s: number;
  /** Time the lead time counts from [s]: the last sample. */
  now_s: number;
  z?: number;
}

/** Slots per satellite in TrendSums: count, mean t, mean y, Σ(t − t̄)², Σ(t − t̄)(y − ȳ), Σ(y − ȳ)². */
const W = 6;

/**
 * Streaming least-squares sums per satellite (Welford 1962 / its co-moment form): `add` is O(1),
 * memory is six float64 per satellite. Missing samples are simply not added.
 */
export class TrendSums {
  readonly satCount: number;
  private readonly a: Float64Array;

  constructor(satCount: number) {
    this.satCount = satCount;
    this.a = new Float64Array(satCount * W);
  }

  /** One sample of satellite s: value y at time t [s]. */
  add(s: number, t: number, y: number): void {
    const a = this.a, o = s * W;
    const n = a[o]! + 1;
    const dt = t - a[o + 1]!, dy = y - a[o + 2]!;
    const mt = a[o + 1]! + dt / n, my = a[o + 2]! + dy / n;
    a[o + 3]! += dt * (t - mt);
    a[o + 4]! += dt * (y - my);
    a[o + 5]! += dy * (y - my);
    a[o] = n; a[o + 1] = mt; a[o + 2] = my;
  }

  /** Samples of satellite s. */
  count(s: number): number {
    return this.a[s * W]!;
  }

  /** Fitted line of satellite s: value at `t` (NaN with fewer than 2 samples or no time spread). */
  valueAt(s: number, t: number): number {
    const a = this.a, o = s * W;
    if (!(a[o]! >= 2) || !(a[o + 3]! > 0)) return Number.NaN;
    return a[o + 2]! + (a[o + 4]! / a[o + 3]!) * (t - a[o + 1]!);
  }

  /** Fit every satellite and judge its crossing (see the file comment); fewer than 3 samples: no trend. */
  predict(j: TrendJudgement, out?: TrendResult): TrendResult {
    const S = this.satCount, a = this.a;
    const r = out ?? { slope: new Float64Array(S), crossing_s: new Float64Array(S), leadTime_s: new Float64Array(S), flagged: new Uint8Array(S) };
    const z = j.z ?? 2, sign = j.direction === 'below' ? -1 : 1, now = j.now_s;
    for (let s = 0; s < S; s++) {
      const o = s * W, m = a[o]!;
      if (m < 3) { r.slope[s] = Number.NaN; r.crossing_s[s] = Infinity; r.leadTime_s[s] = Infinity; r.flagged[s] = 0; continue; }
      const tm = a[o + 1]!, ym = a[o + 2]!, stt = a[o + 3]!, sty = a[o + 4]!, syy = a[o + 5]!;
      const b = stt > 0 ? sty / stt : 0;
      // Σ residual² = Σ(y − ȳ)² − b·Σ(t − t̄)(y − ȳ) (clamped: rounding can take an exact fit below 0).
      const sse = Math.max(0, syy - b * sty);
      const se = stt > 0 ? Math.sqrt(sse / (m - 2) / stt) : 0;
      r.slope[s] = b;
      // Pessimistic slope: toward the threshold by z standard errors; level: the fit at `now`.
      const bp = b + sign * z * se;
      const yNow = ym + b * (now - tm);
      const gap = (j.threshold - yNow) * sign; // > 0: not yet crossed
      let cross: number;
      if (gap <= 0) cross = now;
      else if (bp * sign > 0) cross = now + gap / (bp * sign);
      else cross = Infinity;
      r.crossing_s[s] = cross;
      r.leadTime_s[s] = Math.max(0, cross - now);
      r.flagged[s] = cross <= j.endOfLife_s ? 1 : 0;
    }
    return r;
  }
}

export function predictFailures(inp: TrendInput): TrendResult {
  const n = inp.t_s.length, S = inp.satCount;
  if (n < 3) throw new OrbitdcError('E_ARGUMENT', 'a trend needs at least 3 samples', { field: 't_s', expected: '≥ 3 samples', found: String(n) });
  if (inp.values.length !== n * S) throw new OrbitdcError('E_ARGUMENT', 'values must hold satCount × samples entries', { field: 'values', expected: String(n * S), found: String(inp.values.length) });
  const log = inp.fit === 'log';
  if (log && !(inp.threshold > 0)) throw new OrbitdcError('E_ARGUMENT', 'a log fit needs a threshold > 0', { field: 'threshold', expected: '> 0', found: String(inp.threshold) });
  const sums = new TrendSums(S);
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < n; k++) {
      const y = inp.values[s * n + k]!;
      if (Number.isNaN(y) || (log && !(y > 0))) continue;
      sums.add(s, inp.t_s[k]!, log ? Math.log(y) : y);
    }
  }
  return sums.predict({
    threshold: log ? Math.log(inp.threshold) : inp.threshold, direction: inp.direction, endOfLife_s: inp.endOfLife_s,
    now_s: inp.t_s[n - 1]!, ...(inp.z !== undefined ? { z: inp.z } : {}),
  });
}
