import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { predictFailures, TrendSums } from './maintenance.js';

describe('predictFailures', () => {
  const YEAR = 3.15576e7;
  it('flags a declining battery with the lead time to its threshold, not a flat noisy one', () => {
    const n = 24, t = Float64Array.from({ length: n }, (_, k) => (k * YEAR) / 12); // monthly, 2 years
    const v = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      const noise = ((k * 7919) % 13) / 13 - 0.5; // deterministic ±0.5 %
      v[k] = 1 - (0.1 * t[k]!) / YEAR + 0.005 * noise; // satellite 0: −10 %/yr capacity fade
      v[n + k] = 1 + 0.005 * noise;                     // satellite 1: flat
    }
    const r = predictFailures({ t_s: t, values: v, satCount: 2, threshold: 0.6, direction: 'below', endOfLife_s: 5 * YEAR });
    expect(r.flagged[0]).toBe(1);
    expect(r.flagged[1]).toBe(0);
    // Value at the last sample ≈ 0.808; the 0.6 threshold is ~2.08 years away at 10 %/yr; the
    // pessimistic slope brings it a little closer: within 2.0–2.1 years.
    expect(r.leadTime_s[0]! / YEAR).toBeGreaterThan(1.95);
    expect(r.leadTime_s[0]! / YEAR).toBeLessThan(2.1);
    expect(Math.abs(r.slope[0]! * YEAR + 0.1)).toBeLessThan(0.002);
  });
  it('temperatures rising past a limit (direction above), already past = lead time 0', () => {
    const t = Float64Array.of(0, 1, 2, 3);
    const r = predictFailures({ t_s: t, values: Float64Array.of(300, 310, 320, 330, 360, 361, 362, 363), satCount: 2, threshold: 350, direction: 'above', endOfLife_s: 100 });
    expect(r.crossing_s[0]!).toBeCloseTo(5, 6);
    expect(r.flagged[0]).toBe(1);
    expect(r.leadTime_s[1]).toBe(0);
  });
  it('needs at least 3 samples', () => {
    expect(() => predictFailures({ t_s: Float64Array.of(0, 1), values: Float64Array.of(1, 1), satCount: 1, threshold: 0, direction: 'below', endOfLife_s: 1 })).toThrow(/3 samples/);
  });
  it("a log fit extrapolates a compounding decline exactly: 8 %/yr from 1.10 crosses 1.0 at ln(1/1.1)/ln(0.92) = 1.1431 yr (within 1e-6 yr)", () => {
    const n = 60, t = Float64Array.from({ length: n }, (_, k) => k * 86_400); // 60 daily samples
    const v = Float64Array.from(t, (x) => 1.1 * Math.pow(0.92, x / YEAR));
    const r = predictFailures({ t_s: t, values: v, satCount: 1, threshold: 1, direction: 'below', endOfLife_s: 2 * YEAR, fit: 'log' });
    expect(Math.abs(r.crossing_s[0]! / YEAR - Math.log(1 / 1.1) / Math.log(0.92))).toBeLessThan(1e-6);
    // A straight line in y over the same 60 days predicts it 0.046 yr (17 days) early.
    const lin = predictFailures({ t_s: t, values: v, satCount: 1, threshold: 1, direction: 'below', endOfLife_s: 2 * YEAR });
    expect(Math.log(1 / 1.1) / Math.log(0.92) - lin.crossing_s[0]! / YEAR).toBeGreaterThan(0.04);
  });
  it('TrendSums (streaming, Welford) fits what a two-pass least-squares fit gives, to 1e-9 relative (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 40 }), fc.double({ min: -5, max: 5, noNaN: true }), (noise, slope) => {
      const n = noise.length, sums = new TrendSums(1);
      const t = noise.map((_, k) => 1e8 + k * 86_400), y = noise.map((e, k) => 3e4 + slope * k + e);
      t.forEach((tk, k) => sums.add(0, tk, y[k]!));
      const tm = t.reduce((a, b) => a + b) / n, ym = y.reduce((a, b) => a + b) / n;
      let stt = 0, sty = 0;
      for (let k = 0; k < n; k++) { stt += (t[k]! - tm) ** 2; sty += (t[k]! - tm) * (y[k]! - ym); }
      const b = sty / stt;
      const at = t[n - 1]!, ref = ym + b * (at - tm);
      expect(Math.abs(sums.valueAt(0, at) - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
      const r = sums.predict({ threshold: 0, direction: 'below', endOfLife_s: Infinity, now_s: at });
      expect(Math.abs(r.slope[0]! - b)).toBeLessThanOrEqual(1e-9 * Math.max(1e-12, Math.abs(b)) + 1e-15);
    }), { numRuns: 200 });
  });
});
