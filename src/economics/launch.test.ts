import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchCostPerKwYear, learningExponent, meanPriceOverProgram, priceAfterDoublings, priceAtCumulativeMass } from './launch.js';

describe('launch learning curve', () => {
  it('20% per doubling: after 3 doublings the price is 0.512 of the start (0.8³), within $0.001/kg of $1,000', () => {
    expect(Math.abs(priceAfterDoublings(1000, 0.2, 3) - 512)).toBeLessThan(1e-3);
    // The same from cumulative mass: 8× the reference mass is 3 doublings.
    expect(Math.abs(priceAtCumulativeMass(1000, 0.2, 1e6, 8e6) - 512)).toBeLessThan(1e-3);
    expect(Math.abs(learningExponent(0.2) - Math.log2(0.8))).toBeLessThan(1e-15);
  });

  it('mean price over a program equals a numerical average of the curve (within $0.01/kg)', () => {
    const p0 = 3600, r = 0.2, m0 = 2e7, dm = 1e9;
    const n = 200_000;
    let s = 0;
    for (let k = 0; k < n; k++) s += priceAtCumulativeMass(p0, r, m0, m0 + ((k + 0.5) / n) * dm);
    expect(Math.abs(meanPriceOverProgram(p0, r, m0, dm) - s / n)).toBeLessThan(0.01);
  });

  it('a small program pays about the current price (81 × 575 kg on 20,000 t: $3,598.65, within $0.01/kg)', () => {
    // First order: p0 · (1 + b·x/2) with x = 46.575 t / 20,000 t and b = log2(0.8): 0.04% off.
    const x = (81 * 575) / 2e7;
    expect(Math.abs(meanPriceOverProgram(3600, 0.2, 2e7, 81 * 575) - 3600 * (1 + (Math.log2(0.8) * x) / 2))).toBeLessThan(0.01);
  });

  it('mean price lies between the end price and the start price (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 0.6, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), (r, dm) => {
      const m0 = 1e7;
      const mean = meanPriceOverProgram(1000, r, m0, dm);
      const end = priceAtCumulativeMass(1000, r, m0, m0 + dm);
      return mean <= 1000 * (1 + 1e-9) && mean >= end * (1 - 1e-9);
    }));
  });

  it('rejects a learning rate outside [0, 1)', () => {
    expect(() => learningExponent(1)).toThrow(/learning rate/);
    expect(() => learningExponent(-0.1)).toThrow(/learning rate/);
  });
});

describe('golden: Suncatcher (arXiv 2511.19468) launch cost per kW-year, Starlink v2 mini (575 kg, 28 kW, 5 yr)', () => {
  // The paper's formula, mass × $/kg ÷ (power × lifetime), gives $821.43 at $200/kg and $14,785.71
  // at $3,600/kg. The paper prints "about $810" and "about $14,700": 1.4% and 0.6% lower. No single
  // mass or power reproduces both (14,700/810 = 18.15, the price ratio is 18.00: a power of
  // 28.4 kW gives $810 but then $14,577), so the printed figures are rounded approximations.
  // Tolerances: $15/kW/yr on $810 and $100/kW/yr on $14,700, i.e. the paper's own rounding.
  it('$200/kg → $810/kW/yr, within $15', () => {
    const v = launchCostPerKwYear(575, 28, 5, 200);
    expect(Math.abs(v - 821.428_571)).toBeLessThan(1e-3); // the arithmetic itself, to $0.001
    expect(Math.abs(v - 810)).toBeLessThan(15);
  });
  it('$3,600/kg → $14,700/kW/yr, within $100', () => {
    const v = launchCostPerKwYear(575, 28, 5, 3600);
    expect(Math.abs(v - 14_785.714_29)).toBeLessThan(1e-2);
    expect(Math.abs(v - 14_700)).toBeLessThan(100);
  });
});
