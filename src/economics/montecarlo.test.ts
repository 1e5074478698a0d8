import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fleet } from './fleet.js';
import { drawInput, histogram, monteCarlo, quantile, triangular } from './montecarlo.js';
import { resolveEconomics } from './params.js';

const FLEET: Fleet = { groups: [{ name: 'c', design: 'd', satellites: 81, mass_kg: 575, arrayBol_W: 28e3, battery_Wh: 5e3, radiator_m2: 40, busLoad_W: 3e3, accelerators: 64, acceleratorPower_W: 300, acceleratorHbm_B: 32e9 }] };

describe('triangular distribution', () => {
  it('inverse CDF: the mode splits the mass as (mode − lo)/(hi − lo); ends map to ends', () => {
    expect(triangular(0, 1, 2, 5)).toBe(1);
    expect(Math.abs(triangular(0.25, 1, 2, 5) - 2)).toBeLessThan(1e-12);
    expect(Math.abs(triangular(1 - 1e-16, 1, 2, 5) - 5)).toBeLessThan(1e-6);
  });
  it('stays within [lo, hi] (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (u, lo, m, w) => {
      const x = triangular(u, lo, lo + m * w, lo + w);
      return x >= lo - 1e-9 * w && x <= lo + w + 1e-9 * w;
    }));
  });
  it('sample mean of 200,000 draws is (lo + mode + hi)/3 within 0.5%', () => {
    let s = 0;
    const n = 200_000;
    for (let k = 0; k < n; k++) s += triangular((k + 0.5) / n, 1, 2, 6);
    expect(Math.abs(s / n / 3 - 1)).toBeLessThan(0.005);
  });
});

describe('drawInput', () => {
  it('positive ranges are drawn in log space: the median of ×0.25..×4 around 100 is 100 (within 1e-9)', () => {
    expect(Math.abs(drawInput(0.5, 25, 100, 400) - 100)).toBeLessThan(1e-9);
    expect(Math.abs(drawInput(0, 25, 100, 400) - 25)).toBeLessThan(1e-9);
  });
  it('ranges from zero are drawn linearly', () => {
    expect(drawInput(0.5, 0, 0.05, 0.1)).toBeCloseTo(0.05, 12);
  });
});

describe('quantile and histogram', () => {
  it('R-7 quantiles of 1..5', () => {
    const v = [1, 2, 3, 4, 5];
    expect(quantile(v, 0.5)).toBe(3);
    expect(quantile(v, 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile(v, 1)).toBe(5);
  });
  it('counts every value once', () => {
    const h = histogram(Float64Array.from([0.5, 1, 2, 4, 8, 16]), 4);
    expect(h.scale).toBe('log');
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.edges).toHaveLength(5);
  });
});

describe('Monte Carlo', () => {
  const p = resolveEconomics(undefined);
  it('is deterministic for a seed and differs for another', () => {
    const a = monteCarlo(FLEET, p, { seed: 7, samples: 300 });
    const b = monteCarlo(FLEET, p, { seed: 7, samples: 300 });
    const c = monteCarlo(FLEET, p, { seed: 8, samples: 300 });
    expect(b).toEqual(a);
    expect(c.ratio.p50).not.toBe(a.ratio.p50);
  });
  it('P5 ≤ P50 ≤ P95, histogram holds every draw, P50 near the base case (within 40%)', () => {
    const r = monteCarlo(FLEET, p, { seed: 1, samples: 1000 });
    expect(r.ratio.p5).toBeLessThanOrEqual(r.ratio.p50);
    expect(r.ratio.p50).toBeLessThanOrEqual(r.ratio.p95);
    expect(r.histogram.counts.reduce((x, y) => x + y, 0)).toBe(1000);
    expect(r.probabilityOrbitCheaper).toBeGreaterThanOrEqual(0);
    expect(r.inputs.length).toBeGreaterThan(10);
  });
  it('narrowing launch price to one value narrows the spread', () => {
    const wide = monteCarlo(FLEET, p, { seed: 3, samples: 800 });
    const q = resolveEconomics({ uncertainty: { 'launch.price_per_kg': { low: 3600, high: 3600 } } });
    const narrow = monteCarlo(FLEET, q, { seed: 3, samples: 800 });
    expect(narrow.ratio.p95 - narrow.ratio.p5).toBeLessThan(wide.ratio.p95 - wide.ratio.p5);
  });
});
