import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batteryExchange, batteryParamProblems, initialSoc_J, newBatteryExchange, socFloor_J } from './battery.js';
import type { BatteryParams } from './types.js';

const KWH_J = 3.6e6;
const base: BatteryParams = {
  capacity_J: 10 * KWH_J,
  chargeEfficiency: 0.95,
  dischargeEfficiency: 0.96,
  maxDepthOfDischarge: 0.3,
  initialSocFraction: 1,
};

describe('batteryExchange', () => {
  const ex = newBatteryExchange();

  it('clips surplus once full and records it', () => {
    batteryExchange(base, base.capacity_J - 0.95 * 1000, 100, 60, ex); // room for 1,000 J of bus energy
    expect(ex.accepted_J).toBeCloseTo(1000, 6);
    expect(ex.clipped_J).toBeCloseTo(6000 - 1000, 6);
    expect(ex.soc_J).toBe(base.capacity_J);
    expect(ex.loss_J).toBeCloseTo(50, 6); // 5 % of 1,000 J
  });

  it('stops at the depth-of-discharge floor and records the shortfall', () => {
    const floor = socFloor_J(base);
    expect(floor).toBeCloseTo(7 * KWH_J, 3);
    batteryExchange(base, floor + 1000, -100, 60, ex); // 1,000 J above the floor: delivers 960 J
    expect(ex.soc_J).toBeCloseTo(floor, 6);
    expect(ex.delivered_J).toBeCloseTo(960, 6);
    expect(ex.shortfall_J).toBeCloseTo(6000 - 960, 6);
  });

  it('honours charge and discharge power limits', () => {
    const p = { ...base, maxCharge_W: 50, maxDischarge_W: 40 };
    batteryExchange(p, 8 * KWH_J, 100, 60, ex);
    expect(ex.accepted_J).toBeCloseTo(3000, 6);
    expect(ex.clipped_J).toBeCloseTo(3000, 6);
    batteryExchange(p, 8 * KWH_J, -100, 60, ex);
    expect(ex.delivered_J).toBeCloseTo(2400, 6);
    expect(ex.shortfall_J).toBeCloseTo(3600, 6);
  });

  it('initial state is clamped to [floor, capacity]', () => {
    expect(initialSoc_J({ ...base, initialSocFraction: 0.1 })).toBeCloseTo(socFloor_J(base), 6);
    expect(initialSoc_J({ ...base, initialSocFraction: 0.8 })).toBeCloseTo(8 * KWH_J, 3);
  });

  it('lists every bad field at once', () => {
    const probs = batteryParamProblems({ ...base, chargeEfficiency: 0, maxDepthOfDischarge: 1.5, maxCharge_W: -1 });
    expect(probs.map((q) => q.field).sort()).toEqual(['battery.chargeEfficiency', 'battery.maxCharge_W', 'battery.maxDepthOfDischarge']);
  });
});

describe('battery properties (fast-check)', () => {
  const params = fc.record({
    capacity_J: fc.double({ min: 0, max: 1e9, noNaN: true }),
    chargeEfficiency: fc.double({ min: 0.5, max: 1, noNaN: true }),
    dischargeEfficiency: fc.double({ min: 0.5, max: 1, noNaN: true }),
    maxDepthOfDischarge: fc.double({ min: 0, max: 1, noNaN: true }),
    initialSocFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    maxCharge_W: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    maxDischarge_W: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
  }).map((r) => {
    // exactOptionalPropertyTypes: leave absent limits out rather than undefined.
    const p: BatteryParams = {
      capacity_J: r.capacity_J, chargeEfficiency: r.chargeEfficiency, dischargeEfficiency: r.dischargeEfficiency,
      maxDepthOfDischarge: r.maxDepthOfDischarge, initialSocFraction: r.initialSocFraction,
    };
    if (r.maxCharge_W !== undefined) p.maxCharge_W = r.maxCharge_W;
    if (r.maxDischarge_W !== undefined) p.maxDischarge_W = r.maxDischarge_W;
    return p;
  });
  const steps = fc.array(fc.tuple(fc.double({ min: -2e5, max: 2e5, noNaN: true }), fc.double({ min: 1, max: 600, noNaN: true })), { minLength: 1, maxLength: 200 });

  it('energy balance closes each step (offered − delivered = ΔSoC + losses + clipped, within 1e-9 relative) and SoC stays in [floor, capacity]', () => {
    fc.assert(
      fc.property(params, steps, (p, seq) => {
        const ex = newBatteryExchange();
        const floor = socFloor_J(p);
        let soc = initialSoc_J(p);
        let sumIn = 0, sumOut = 0, sumLoss = 0, sumClip = 0;
        const soc0 = soc;
        for (const [net_W, dt_s] of seq) {
          batteryExchange(p, soc, net_W, dt_s, ex);
          const offered = net_W > 0 ? net_W * dt_s : 0;
          const asked = net_W < 0 ? -net_W * dt_s : 0;
          const scale = Math.max(1, Math.abs(net_W * dt_s), p.capacity_J);
          // Per-step closure.
          expect(Math.abs(offered - ex.delivered_J - (ex.soc_J - soc) - ex.loss_J - ex.clipped_J)).toBeLessThanOrEqual(1e-9 * scale);
          // Asked energy is either delivered or short.
          expect(Math.abs(asked - ex.delivered_J - ex.shortfall_J)).toBeLessThanOrEqual(1e-9 * scale);
          for (const v of [ex.accepted_J, ex.delivered_J, ex.clipped_J, ex.shortfall_J, ex.loss_J]) expect(v).toBeGreaterThanOrEqual(0);
          expect(ex.soc_J).toBeGreaterThanOrEqual(floor - 1e-9 * scale);
          expect(ex.soc_J).toBeLessThanOrEqual(p.capacity_J);
          sumIn += offered; sumOut += ex.delivered_J; sumLoss += ex.loss_J; sumClip += ex.clipped_J;
          soc = ex.soc_J;
        }
        // Whole-sequence closure.
        const scale = Math.max(1, sumIn + sumOut, p.capacity_J);
        expect(Math.abs(sumIn - sumOut - (soc - soc0) - sumLoss - sumClip)).toBeLessThanOrEqual(1e-9 * scale);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('round trip through the battery returns η_c·η_d of the energy (no limits, room to spare)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), (ec, ed) => {
        const p = { ...base, chargeEfficiency: ec, dischargeEfficiency: ed, initialSocFraction: 0.8 };
        const ex = newBatteryExchange();
        const s0 = initialSoc_J(p);
        const s1 = batteryExchange(p, s0, 100, 60, ex).soc_J; // 6,000 J in
        const drawn = s1 - s0;
        batteryExchange(p, s1, -(drawn * ed) / 60, 60, ex);
        expect(Math.abs(ex.delivered_J - 6000 * ec * ed)).toBeLessThan(1e-6);
        expect(Math.abs(ex.soc_J - s0)).toBeLessThan(1e-6);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
