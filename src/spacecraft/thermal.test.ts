import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blackbodyFlux_W_m2, implicitRadiativeStep_K, radiatorAreaFor_m2, radiatorEquilibriumTemp_K, radiatorFlux,
  radiativeConductance_W_K4, thermalComputeCap_W, viewFactorPlateToEarth,
} from './thermal.js';
import { OrbitdcError } from '../core/errors.js';
import { celsiusToKelvin } from '../core/units.js';
import type { RadiatorParams, ThermalParams } from './types.js';

/**
 * Starcloud, "Why we should train AI in space" (white paper, 2024), radiator example (REFERENCES.md):
 * 20 °C, ε = 0.92, α = 0.09 (also used for Earth IR), F = 0.25, albedo 0.3, S = 1,366 W/m²,
 * Earth at −20 °C: 770.5 − 122.9 − 14.5 = 633 W/m²; with Earth-IR absorptivity = ε, ~585 W/m².
 *
 * Reconstruction of their terms (each reproduced to < 0.1 W/m² below):
 *   emission 770.5 = 2 faces × 0.92 × σ × 293.15⁴            (σT⁴ = 418.77 W/m²)
 *   Sun      122.9 = 0.09 × 1366 × 1                         (one face, normal incidence; no albedo in it)
 *   Earth     14.5 = 0.09 × 0.25 × (0.3 × 1366 + σ × 253.15⁴) = 0.0225 × (409.8 + 232.9)
 *                    i.e. albedo (9.22) and Earth IR (5.24) together, both with α = 0.09, on one F = 0.25
 *   Kirchhoff: Earth IR with 0.92 instead: 0.92 × 0.25 × 232.9 = 53.6 → 770.5 − 122.9 − 9.2 − 53.6 = 584.8
 * Note: F = 0.25 is counted once for the panel although both faces radiate; an edge-on two-faced
 * panel at 650 km has F ≈ 0.24 per face (see the view-factor test), so their Earth load is per face.
 */
const starcloud: RadiatorParams = {
  area_m2: 1,
  faces: 2,
  emissivity: 0.92,
  solarAbsorptivity: 0.09,
  earthIrAbsorptivity: 0.09,
  viewFactorEarth: 0.25,
  sunIncidenceCos: 1,
  albedo: 0.3,
  albedoModel: 'constant',
  earthIr_W_m2: blackbodyFlux_W_m2(celsiusToKelvin(-20)),
};
const S_STARCLOUD = 1366;

describe('radiator balance: Starcloud white paper (golden)', () => {
  const f = radiatorFlux(starcloud, celsiusToKelvin(20), S_STARCLOUD);

  it('reproduces each term within ±1 W/m²', () => {
    expect(Math.abs(f.emitted_W_m2 - 770.5)).toBeLessThan(1);
    expect(Math.abs(f.solar_W_m2 - 122.9)).toBeLessThan(1);
    expect(Math.abs(f.albedo_W_m2 + f.earthIr_W_m2 - 14.5)).toBeLessThan(1);
    // Tighter than asked, as the reconstruction is exact: each within 0.1 W/m².
    expect(Math.abs(f.emitted_W_m2 - 770.5)).toBeLessThan(0.1);
    expect(Math.abs(f.solar_W_m2 - 122.9)).toBeLessThan(0.1);
    expect(Math.abs(f.albedo_W_m2 + f.earthIr_W_m2 - 14.5)).toBeLessThan(0.1);
  });

  it('net 633 W/m² within ±1 W/m²', () => {
    expect(Math.abs(f.net_W_m2 - 633)).toBeLessThan(1);
  });

  it('Kirchhoff-consistent Earth-IR absorptivity (= ε) gives ~585 W/m² within ±3 W/m²', () => {
    const k = radiatorFlux({ ...starcloud, earthIrAbsorptivity: starcloud.emissivity }, celsiusToKelvin(20), S_STARCLOUD);
    expect(Math.abs(k.net_W_m2 - 585)).toBeLessThan(3);
    expect(k.emitted_W_m2 - k.net_W_m2).toBeGreaterThan(f.emitted_W_m2 - f.net_W_m2); // more absorbed
  });

  it('area for 1 MW at 20 °C is power/net, and the equilibrium temperature inverts it (within 1 mK)', () => {
    const area = radiatorAreaFor_m2(starcloud, 1e6, celsiusToKelvin(20), S_STARCLOUD);
    expect(Math.abs(area - 1e6 / f.net_W_m2)).toBeLessThan(1e-9 * area);
    expect(area).toBeGreaterThan(1575); // 1e6/633.1 = 1,579.5 m²
    expect(area).toBeLessThan(1585);
    const t = radiatorEquilibriumTemp_K({ ...starcloud, area_m2: area }, 1e6, S_STARCLOUD);
    expect(Math.abs(t - celsiusToKelvin(20))).toBeLessThan(1e-3);
  });

  it('refuses an area when the panel absorbs more than it emits', () => {
    expect(() => radiatorAreaFor_m2(starcloud, 1e3, 150, S_STARCLOUD)).toThrow(OrbitdcError);
  });
});

describe('viewFactorPlateToEarth', () => {
  // Direct quadrature: F = (1/π)∫ max(0, cos θ) dω over the directions that hit the sphere (a cone
  // of half-angle asin(1/H) around nadir), midpoint rule in (γ, φ).
  function quadrature(altitude_m: number, tilt_rad: number, R = 6_371_000): number {
    const H = (R + altitude_m) / R;
    const rho = Math.asin(1 / H);
    const ng = 400, nf = 800;
    const sl = Math.sin(tilt_rad), cl = Math.cos(tilt_rad);
    let sum = 0;
    for (let a = 0; a < ng; a++) {
      const g = ((a + 0.5) / ng) * rho;
      const sg = Math.sin(g), cg = Math.cos(g);
      for (let b = 0; b < nf; b++) {
        const phi = ((b + 0.5) / nf) * 2 * Math.PI;
        const c = sg * Math.cos(phi) * sl + cg * cl;
        if (c > 0) sum += c * sg;
      }
    }
    return (sum * (rho / ng) * ((2 * Math.PI) / nf)) / Math.PI;
  }

  it('matches direct quadrature within 2e-4 for tilts 0..180° at 400–2,000 km', () => {
    for (const h of [400e3, 650e3, 2000e3]) {
      for (const deg of [0, 20, 45, 60, 75, 90, 110, 135, 160, 180]) {
        const t = (deg * Math.PI) / 180;
        expect(Math.abs(viewFactorPlateToEarth(h, t) - quadrature(h, t))).toBeLessThan(2e-4);
      }
    }
  });

  it('edge-on at 650 km is ≈ 0.24 (Starcloud uses 0.25); nadir-facing is (R/r)²', () => {
    const edge = viewFactorPlateToEarth(650e3, Math.PI / 2);
    expect(edge).toBeGreaterThan(0.235);
    expect(edge).toBeLessThan(0.245);
    const r = 6_371_000 + 650e3;
    expect(Math.abs(viewFactorPlateToEarth(650e3, 0) - (6_371_000 / r) ** 2)).toBeLessThan(1e-12);
  });
});

/** A light radiator: time constant C/(4kT³) ≈ 9 s, far below the 60 s step. */
const light: ThermalParams = {
  radiator: { ...starcloud, area_m2: 10, sunIncidenceCos: 0 },
  heatCapacity_J_K: 1_000,
  radiatorMax_K: 330,
  chipMax_K: 360,
  chipToRadiator_K_W: 0,
  initialTemp_K: 250,
};

describe('implicit transient (backward Euler in T⁴)', () => {
  const k = radiativeConductance_W_K4(light.radiator);

  it('is stable and monotone at 60 s steps where explicit Euler diverges', () => {
    const q = 5_000; // W in: steady state (q/k)^¼
    const tss = Math.pow(q / k, 0.25);
    // Explicit Euler with the same step blows up (shows the step is stiff).
    let te = 250;
    for (let n = 0; n < 5; n++) te += (60 * (q - k * te ** 4)) / light.heatCapacity_J_K;
    expect(Number.isFinite(te) && Math.abs(te - tss) < 1).toBe(false);
    // Implicit: every step moves towards the steady state without overshoot, and lands on it.
    let t = 250;
    for (let n = 0; n < 20; n++) {
      const next = implicitRadiativeStep_K(t, q, k, light.heatCapacity_J_K, 60);
      expect(next).toBeGreaterThanOrEqual(t - 1e-9);
      expect(next).toBeLessThanOrEqual(tss + 1e-9);
      t = next;
    }
    expect(Math.abs(t - tss)).toBeLessThan(1e-6);
    // And cooling from above.
    let tc = 500;
    for (let n = 0; n < 20; n++) {
      const next = implicitRadiativeStep_K(tc, q, k, light.heatCapacity_J_K, 60);
      expect(next).toBeLessThanOrEqual(tc + 1e-9);
      expect(next).toBeGreaterThanOrEqual(tss - 1e-9);
      tc = next;
    }
    expect(Math.abs(tc - tss)).toBeLessThan(1e-6);
  });

  it('with a realistic heat capacity, 60 s steps follow a fine RK4 reference within 0.05 K through eclipses (measured 0.006 K)', () => {
    // 10 m² two-faced radiator, 2 MJ/K (~2 t of aluminium-equivalent at 900 J/(kg K)): τ ≈ 5 h.
    const C = 2e6;
    const qSun = 9_000, qEcl = 3_000; // W: 60 min sunlit, 35 min eclipse, repeated
    const q = (t_s: number): number => ((t_s % 5_700) < 3_600 ? qSun : qEcl);
    let ti = 290, tr = 290;
    const h = 1; // RK4 step [s], with q held over each 60 s step as the twin does
    for (let s = 0; s < 95 * 6; s++) {
      const t0 = s * 60;
      const qs = q(t0);
      ti = implicitRadiativeStep_K(ti, qs, k, C, 60);
      for (let u = 0; u < 60; u += h) {
        const f = (T: number): number => (qs - k * T ** 4) / C;
        const k1 = f(tr), k2 = f(tr + (h * k1) / 2), k3 = f(tr + (h * k2) / 2), k4 = f(tr + h * k3);
        tr += (h * (k1 + 2 * k2 + 2 * k3 + k4)) / 6;
      }
      expect(Math.abs(ti - tr)).toBeLessThan(0.05);
    }
  });
});

describe('thermal throttling cap', () => {
  const k = radiativeConductance_W_K4(light.radiator);

  it('at the limit in steady state the cap is the radiator capacity at the limit minus environment and bus', () => {
    const qEnv = 800, bus = 500;
    const cap = thermalComputeCap_W(light, light.radiatorMax_K, qEnv, bus, 60);
    expect(Math.abs(cap - (k * light.radiatorMax_K ** 4 - qEnv - bus))).toBeLessThan(1e-6);
  });

  it('property: dissipating the cap ends the step at (never above) the node and chip limits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 150, max: 400, noNaN: true }), // T0 [K]
        fc.double({ min: 0, max: 5_000, noNaN: true }), // environment [W]
        fc.double({ min: 0, max: 2_000, noNaN: true }), // bus [W]
        fc.double({ min: 1e3, max: 1e7, noNaN: true }), // C [J/K]
        fc.double({ min: 0, max: 0.02, noNaN: true }), // R [K/W]
        (t0, qEnv, bus, C, R) => {
          const p: ThermalParams = { ...light, heatCapacity_J_K: C, chipToRadiator_K_W: R };
          const cap = thermalComputeCap_W(p, t0, qEnv, bus, 60);
          expect(cap).toBeGreaterThanOrEqual(0);
          const t = implicitRadiativeStep_K(t0, qEnv + bus + cap, k, C, 60);
          if (cap > 0) {
            expect(t).toBeLessThanOrEqual(p.radiatorMax_K + 1e-6);
            expect(t + R * cap).toBeLessThanOrEqual(p.chipMax_K + 1e-6);
            // Tight: one of the two limits is met within 1 mK (the cap is not needlessly low).
            const slack = Math.min(p.radiatorMax_K - t, p.chipMax_K - (t + R * cap));
            expect(slack).toBeLessThan(1e-3);
          } else {
            // No compute at all: even bus + environment alone reach a limit (or already exceeded it).
            const t0c = implicitRadiativeStep_K(t0, qEnv + bus, k, C, 60);
            expect(t0c).toBeGreaterThanOrEqual(Math.min(p.radiatorMax_K, p.chipMax_K) - 1e-6);
          }
        },
      ),
      { numRuns: 500, seed: 20260319 },
    );
  });
});
