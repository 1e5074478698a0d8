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
}

export interface TrendResult {
  /** Fitted slope [unit/s]. */
  slope: Float64Array;
  /** Predicted crossing time [s] (Infinity when the pessimistic trend never crosses). */
  crossing_s: Float64Array;
  /** crossing − last sample time [s], 0 if already past. */
  leadTime_s: Float64Array;
  /** 1 when the crossing comes before end of life. */
  flagged: Uint8Array;
}

export function predictFailures(inp: TrendInput): TrendResult {
  const n = inp.t_s.length, S = inp.satCount;
  if (n < 3) throw new OrbitdcError('E_ARGUMENT', 'a trend needs at least 3 samples', { field: 't_s', expected: '≥ 3 samples', found: String(n) });
  if (inp.values.length !== n * S) throw new OrbitdcError('E_ARGUMENT', 'values must hold satCount × samples entries', { field: 'values', expected: String(n * S), found: String(inp.values.length) });
  const z = inp.z ?? 2, sign = inp.direction === 'below' ? -1 : 1;
  const out: TrendResult = { slope: new Float64Array(S), crossing_s: new Float64Array(S), leadTime_s: new Float64Array(S), flagged: new Uint8Array(S) };
  const tLast = inp.t_s[n - 1]!;
  for (let s = 0; s < S; s++) {
    let m = 0, st = 0, sy = 0;
    for (let k = 0; k < n; k++) { const y = inp.values[s * n + k]!; if (Number.isNaN(y)) continue; m++; st += inp.t_s[k]!; sy += y; }
    if (m < 3) { out.slope[s] = NaN; out.crossing_s[s] = Infinity; out.leadTime_s[s] = Infinity; continue; }
    const tm = st / m, ym = sy / m;
    let stt = 0, sty = 0;
    for (let k = 0; k < n; k++) { const y = inp.values[s * n + k]!; if (Number.isNaN(y)) continue; const dt = inp.t_s[k]! - tm; stt += dt * dt; sty += dt * (y - ym); }
    const b = stt > 0 ? sty / stt : 0, a = ym - b * tm;
    let sse = 0;
    for (let k = 0; k < n; k++) { const y = inp.values[s * n + k]!; if (Number.isNaN(y)) continue; const r = y - (a + b * inp.t_s[k]!); sse += r * r; }
    const se = stt > 0 ? Math.sqrt(sse / (m - 2) / stt) : 0;
    out.slope[s] = b;
    // Pessimistic slope: toward the threshold by z standard errors; level: the fit at the last sample.
    const bp = b + sign * z * se;
    const yNow = a + b * tLast;
    const gap = (inp.threshold - yNow) * sign; // > 0: not yet crossed
    let cross: number;
    if (gap <= 0) cross = tLast;
    else if (bp * sign > 0) cross = tLast + gap / (bp * sign);
    else cross = Infinity;
    out.crossing_s[s] = cross;
    out.leadTime_s[s] = Math.max(0, cross - tLast);
    out.flagged[s] = cross <= inp.endOfLife_s ? 1 : 0;
  }
  return out;
}
