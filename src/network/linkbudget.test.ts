import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  beamCount, checkLinkParams, friisReceivedPower_W, LinkCapacityModel, linkCapacity_bps, nearFieldDistance_m,
  type OpticalLinkParams, photonEnergy_J, receivedPower_W, repointTime_s, SUNCATCHER_LINK,
} from './linkbudget.js';

describe('Friis far field with Suncatcher parameters (arXiv 2511.19468)', () => {
  it('receives about 1.6 µW at 5,000 km (within 0.01 µW)', () => {
    const p_uW = friisReceivedPower_W(5_000e3) * 1e6;
    expect(Math.abs(p_uW - 1.6)).toBeLessThan(0.01);
  });

  it('falls as 1/d² (within 1e-12 relative)', () => {
    const r = friisReceivedPower_W(2_000e3) / friisReceivedPower_W(1_000e3);
    expect(Math.abs(r - 0.25)).toBeLessThan(1e-12);
  });

  it('never receives more than P_T·L in the near field', () => {
    expect(friisReceivedPower_W(10)).toBeGreaterThan(5);
    expect(Math.abs(receivedPower_W(10) - 5 * 10 ** -0.3)).toBeLessThan(1e-12);
  });
});

describe('receiver sensitivity calibrated to 9.6 Tb/s ↔ 0.24 mW', () => {
  it('is 25 aJ/bit, ≈ 195 photons/bit at 1.55 µm (within 1 photon)', () => {
    expect(Math.abs(SUNCATCHER_LINK.energyPerBit_J - 25e-18)).toBeLessThan(1e-30);
    expect(Math.abs(SUNCATCHER_LINK.energyPerBit_J / photonEnergy_J(1.55e-6) - 195)).toBeLessThan(1);
  });

  it('carries 64 Gb/s at 5,000 km (within 0.5 Gb/s) and 9.6 Tb/s where P_R reaches 0.24 mW', () => {
    expect(Math.abs(linkCapacity_bps(5_000e3) / 1e9 - 63.9)).toBeLessThan(0.5);
    // P_R ∝ 1/d²: 0.24 mW at d = 5,000 km × √(P_R(5,000 km)/0.24 mW) ≈ 408 km.
    const dSat_m = 5_000e3 * Math.sqrt(friisReceivedPower_W(5_000e3) / 0.24e-3);
    expect(Math.abs(dSat_m / 1e3 - 408)).toBeLessThan(1);
    expect(Math.abs(linkCapacity_bps(dSat_m) - 9.6e12)).toBeLessThan(1e3);
    expect(linkCapacity_bps(dSat_m * 1.01)).toBeLessThan(9.6e12 * 0.99);
    expect(linkCapacity_bps(dSat_m / 2)).toBe(9.6e12);
  });
});

describe('near-field multi-beam law', () => {
  const dnf = nearFieldDistance_m();

  it('near-field distance πa²/λ is ~5 km for a 10 cm beam (5,067 m within 1 m)', () => {
    expect(Math.abs(dnf - 5067.0)).toBeLessThan(1);
  });

  it('capacity grows as 1/d below πa²/λ (within 1e-9 relative)', () => {
    for (const d of [4_000, 1_000, 200, 100]) {
      expect(Math.abs((linkCapacity_bps(d) * d) / (9.6e12 * dnf) - 1)).toBeLessThan(1e-9);
    }
    // 100 m, the Suncatcher cluster's neighbour spacing: 50.7 beams of 9.6 Tb/s.
    expect(Math.abs(linkCapacity_bps(100) / 1e12 - 486.4)).toBeLessThan(0.1);
  });

  it('is continuous at the boundary, transceiver-limited and power-limited alike (within 1e-6 relative)', () => {
    // Power-limited at d_nf: 1,000 times the energy per bit and a 20 cm beam (d_nf = 81 km).
    const weak: OpticalLinkParams = { ...SUNCATCHER_LINK, energyPerBit_J: 25e-15, beamRadius_m: 0.2 };
    for (const p of [SUNCATCHER_LINK, weak]) {
      const b = nearFieldDistance_m(p);
      const below = linkCapacity_bps(b * (1 - 1e-9), p), above = linkCapacity_bps(b * (1 + 1e-9), p);
      expect(Math.abs(below / above - 1)).toBeLessThan(1e-6);
    }
    const b = nearFieldDistance_m(weak);
    expect(linkCapacity_bps(b, weak)).toBeLessThan(weak.maxRatePerBeam_bps);
    // and 1/d² above it, 1/d below it
    expect(Math.abs(linkCapacity_bps(2 * b, weak) / linkCapacity_bps(b, weak) - 0.25)).toBeLessThan(1e-12);
    expect(Math.abs(linkCapacity_bps(b / 2, weak) / linkCapacity_bps(b, weak) - 2)).toBeLessThan(1e-12);
  });

  it('caps at maxBeams and counts whole beams', () => {
    const p = { ...SUNCATCHER_LINK, maxBeams: 8 };
    expect(linkCapacity_bps(100, p)).toBe(8 * 9.6e12);
    expect(beamCount(1_000)).toBe(5);
    expect(beamCount(10_000)).toBe(1);
    expect(beamCount(100, p)).toBe(8);
  });

  it('the precomputed model agrees with linkCapacity_bps (within 1e-12 relative)', () => {
    const m = new LinkCapacityModel();
    fc.assert(fc.property(fc.double({ min: 1, max: 2e7, noNaN: true }), (d) => {
      const a = m.capacity_bps(d), b = linkCapacity_bps(d);
      return Math.abs(a - b) <= 1e-12 * b;
    }));
    expect(m.capacity_bps(0)).toBe(0);
    expect(m.capacity_bps(Number.NaN)).toBe(0);
  });
});

describe('re-pointing and parameter checks', () => {
  it('takes acquisition plus slew: 30 s + 90° at 2°/s = 75 s (within 1 ms)', () => {
    expect(Math.abs(repointTime_s(Math.PI / 2) - 75)).toBeLessThan(1e-3);
    expect(repointTime_s(0)).toBe(30);
  });

  it('rejects unusable parameters with the field named', () => {
    expect(() => checkLinkParams({ ...SUNCATCHER_LINK, wavelength_m: 0 })).toThrow(InputError);
    let err: unknown;
    try { checkLinkParams({ ...SUNCATCHER_LINK, maxBeams: 0.5 }); } catch (e) { err = e; }
    expect((err as InputError).context.field).toBe('link.maxBeams');
    expect(() => checkLinkParams(SUNCATCHER_LINK)).not.toThrow();
  });
});
