import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentileFromHistogram, SeriesRecorder, SERIES_DEFS, SOC_BINS } from './metrics.js';

/** The plain forward scan (the reference the two-ended scan must match bin for bin). */
function forwardScan(hist: Uint32Array, n: number, q: number): number {
  const target = q * n;
  let cum = 0;
  for (let b = 0; b < hist.length; b++) {
    cum += hist[b]!;
    if (cum >= target) return Math.min(1, (b + 0.5) / SOC_BINS);
  }
  return 1;
}

describe('percentileFromHistogram (SoC percentile of a step)', () => {
  it('equals the forward scan exactly for any histogram and quantile (fast-check, 3,000 cases)', () => {
    // Histograms bunched in a few bins (as a fleet's SoC is) or spread, with counts up to a million.
    const arbHist = fc.array(fc.tuple(fc.integer({ min: 0, max: SOC_BINS }), fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(arbHist, fc.double({ min: 0.001, max: 1, noNaN: true }), (cells, q) => {
      const hist = new Uint32Array(SOC_BINS + 1);
      let n = 0;
      for (const [b, c] of cells) { hist[b]! += c; n += c; }
      return percentileFromHistogram(hist, n, q) === forwardScan(hist, n, q);
    }), { numRuns: 3000 });
  });

  it('10th percentile of 81 satellites: 9 at 0.605, 72 full → bin of 0.605; 8 at 0.605 → full (1)', () => {
    const hist = new Uint32Array(SOC_BINS + 1);
    hist[121] = 9; hist[SOC_BINS] = 72; // 0.605 × 200 = 121
    expect(percentileFromHistogram(hist, 81, 0.1)).toBe(121.5 / SOC_BINS); // 8.1 rows needed, 9 in bin 121
    hist[121] = 8; hist[SOC_BINS] = 73;
    expect(percentileFromHistogram(hist, 81, 0.1)).toBe(1);
  });
});

describe('SeriesRecorder folds', () => {
  it('mean, sum, min, max and last fold each column as its definition says (3 steps in one row)', () => {
    const rec = new SeriesRecorder(3, 1);
    const steps = [1, 5, 3];
    for (let j = 0; j < 3; j++) rec.add(60 * j, new Float64Array(SERIES_DEFS.length).fill(steps[j]!));
    const t = rec.table();
    expect(Array.from(t.time_s)).toEqual([0]);
    const expected = { mean: 3, sum: 9, min: 1, max: 5, last: 3 } as const;
    SERIES_DEFS.forEach((d, k) => expect(t.columns[k]!.values[0]).toBe(expected[d.fold]));
    expect(new Set(SERIES_DEFS.map((d) => d.fold))).toEqual(new Set(['mean', 'sum', 'min', 'max', 'last']));
  });
});
