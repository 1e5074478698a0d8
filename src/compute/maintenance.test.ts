import { describe, expect, it } from 'vitest';
import { predictFailures } from './maintenance.js';

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
});
