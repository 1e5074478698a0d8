import { describe, expect, it } from 'vitest';
import { expectedEfficiency, intervalFor, jobMtbf_s, youngDalyInterval_s } from './checkpoint.js';
import { LLAMA3_FAILURES, llama3Rates } from './faults.js';

describe('checkpoint intervals', () => {
  it('Young/Daly √(2·C·M): C = 60 s, M = 1 h → 657.3 s (within 0.1 s)', () => {
    expect(Math.abs(youngDalyInterval_s(60, 3600) - Math.sqrt(432_000))).toBeLessThan(0.1);
    expect(Math.abs(youngDalyInterval_s(60, 3600) - 657.3)).toBeLessThan(0.1);
  });
  it('Llama 3 calibration: 16,384 chips at the per-chip rate give 419 interruptions in 54 days (MTBF 3.09 h)', () => {
    const r = llama3Rates();
    const lam = r.permanent_per_chip_s + r.transient_per_chip_s;
    const m = jobMtbf_s(LLAMA3_FAILURES.gpus, lam);
    expect(Math.abs(LLAMA3_FAILURES.duration_s / m - 419)).toBeLessThan(1e-9);
    expect(Math.abs(m / 3600 - 3.093)).toBeLessThan(0.001);
    // Per chip: one interruption per ~5.8 years.
    expect(Math.abs(1 / lam / 3.15576e7 - 5.79)).toBeLessThan(0.01);
    expect(Math.abs(r.permanent_per_chip_s / lam - 220 / 419)).toBeLessThan(1e-12);
  });
  it('the Young/Daly interval maximises the first-order efficiency', () => {
    const C = 20, R = 120, M = 11_135, opt = youngDalyInterval_s(C, M);
    const e = expectedEfficiency(opt, C, R, M);
    for (const f of [0.5, 0.8, 1.25, 2]) expect(expectedEfficiency(opt * f, C, R, M)).toBeLessThan(e);
  });
  it('policies: fixed needs its interval, none never checkpoints, young-daly clamps to [min, max]', () => {
    expect(intervalFor({ mode: 'fixed', interval_s: 900, cost_s: 10, restartCost_s: 10 }, 8, 1e-9)).toBe(900);
    expect(() => intervalFor({ mode: 'fixed', cost_s: 10, restartCost_s: 10 }, 8, 1e-9)).toThrow(/interval_s/);
    expect(intervalFor({ mode: 'none', cost_s: 10, restartCost_s: 10 }, 8, 1e-9)).toBe(Infinity);
    expect(intervalFor({ mode: 'young-daly', cost_s: 10, restartCost_s: 10 }, 1, 0)).toBe(86_400);
    expect(intervalFor({ mode: 'young-daly', cost_s: 1, restartCost_s: 10, min_s: 60 }, 1e6, 1e-6)).toBe(60);
  });
});
