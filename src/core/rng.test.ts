import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('seeded RNG', () => {
  it('is deterministic per seed and differs across seeds and forks', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(sa);
    expect(new Rng(42).fork('radiation').uniform()).not.toBe(new Rng(42).fork('faults').uniform());
    expect(new Rng(42).fork(7).uniform()).toBe(new Rng(42).fork(7).uniform());
  });

  it('uniform() stays in [0,1) with mean 0.5 ± 0.005 over 100k draws (5σ ≈ 0.0046)', () => {
    const r = new Rng(1);
    let s = 0, min = 1, max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      s += u; min = Math.min(min, u); max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it.each([0.3, 4, 29, 30, 419])('poisson(%d) has mean and variance λ within 5σ of sampling error', (lambda) => {
    const r = new Rng(7);
    const n = 40_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const k = r.poisson(lambda); s += k; s2 += k * k; }
    const mean = s / n, variance = s2 / n - mean * mean;
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    // Var of the sample variance ≈ (μ4 − σ⁴)/n ≈ (λ + 2λ²)/n for Poisson.
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / n));
  });

  it('normal() has mean 0 and sd 1 within sampling error', () => {
    const r = new Rng(3);
    const n = 50_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const x = r.normal(); s += x; s2 += x * x; }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.02);
  });
});
