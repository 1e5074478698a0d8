import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SPACECRAFT_OUTPUT_COLUMNS, initSpacecraftState, powerBalanceStep, spacecraftColumns, spacecraftParamProblems, spacecraftStep, spacecraftStepStaged,
  type PowerColumns,
} from './power.js';
import { socFloor_J } from './battery.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { sunDirectionEci, sunPositionEci_m } from '../environment/sun.js';
import { sunlitFractionBatch } from '../environment/shadow.js';
import { J2_EARTH, MU_EARTH_m3_s2, OMEGA_SUN_MEAN_rad_s, R_EARTH_m, TWO_PI } from '../core/units.js';
import type { SpacecraftParams } from './types.js';

const KWH_J = 3.6e6;

/** A compute satellite of the Suncatcher class (illustrative, not a published design). */
const design: SpacecraftParams = {
  solar: {
    area_m2: 30, cellEfficiency: 0.30, referenceTemp_K: 301.15, tempCoeff_per_K: -0.0035, operatingTemp_K: 333.15,
    packingFactor: 0.9, degradationPerYear: 0.005, doseLossCoeff: 0, doseLossScale_rad: 1e4, pointing: 'sun-tracking',
  }, // ≈ 9.8 kW at 60 °C, 1 AU
  battery: { capacity_J: 5 * KWH_J, chargeEfficiency: 0.95, dischargeEfficiency: 0.95, maxDepthOfDischarge: 0.3, initialSocFraction: 1 },
  thermal: {
    radiator: {
      area_m2: 12, faces: 2, emissivity: 0.92, solarAbsorptivity: 0.09, earthIrAbsorptivity: 0.92,
      viewFactorEarth: 0.48, sunIncidenceCos: 0, albedo: 0.3, albedoModel: 'subsolar-cosine', earthIr_W_m2: 237,
    },
    heatCapacity_J_K: 3e5, radiatorMax_K: 330, chipMax_K: 358, chipToRadiator_K_W: 0.002, initialTemp_K: 290,
  },
  busLoad_W: 1000,
};

/** n satellites spread in one 650 km dawn-dusk SSO plane (circular, node following the mean Sun). */
function ddSsoFleet(n: number, epochUtcMs: number) {
  const a = R_EARTH_m + 650e3;
  const mm = Math.sqrt(MU_EARTH_m3_s2 / a ** 3);
  const inc = Math.acos((-2 / 3) * OMEGA_SUN_MEAN_rad_s * a ** 3.5 / (J2_EARTH * R_EARTH_m ** 2 * Math.sqrt(MU_EARTH_m3_s2)));
  const s: [number, number, number] = [0, 0, 0];
  sunDirectionEci(epochUtcMs, s);
  const raan0 = Math.atan2(s[1], s[0]) + Math.PI / 2;
  const fleet = new FleetState(n);
  for (let k = 0; k < n; k++) fleet.append(k + 1);
  const place = (t_s: number): void => {
    const O = raan0 + OMEGA_SUN_MEAN_rad_s * t_s;
    const cO = Math.cos(O), sO = Math.sin(O), ci = Math.cos(inc), si = Math.sin(inc);
    for (let k = 0; k < n; k++) {
      const u = (mm * t_s + (TWO_PI * k) / n) % TWO_PI;
      const cu = Math.cos(u), su = Math.sin(u);
      fleet.x_m[k] = a * (cu * cO - su * ci * sO); fleet.y_m[k] = a * (cu * sO + su * ci * cO); fleet.z_m[k] = a * su * si;
      fleet.vx_m_s[k] = mm * a * (-su * cO - cu * ci * sO); fleet.vy_m_s[k] = mm * a * (-su * sO + cu * ci * cO); fleet.vz_m_s[k] = mm * a * cu * si;
      fleet.status[k] = Status.Ok;
    }
  };
  return { fleet, place };
}

/** Run one day at 60 s; returns per-step sums for checks. */
function runDay(p: SpacecraftParams, epochUtcMs: number, n = 4, demand_W = 8000) {
  const { fleet, place } = ddSsoFleet(n, epochUtcMs);
  const cols = spacecraftColumns(fleet);
  initSpacecraftState(p, cols, 0, n);
  const soc0 = cols.soc_J.slice(0, n);
  const sun: [number, number, number] = [0, 0, 0];
  const dt = 60;
  const acc = { gen: 0, served: 0, loss: 0, clipped: 0, shortfall: 0, throttledEclipse: 0, throttledSunlit: 0, maxT: 0, maxChip: 0, minT: Infinity, minSoc: Infinity, maxSoc: 0, thermal: 0 };
  for (let t = 0; t < 86_400; t += dt) {
    place(t);
    sunPositionEci_m(epochUtcMs + t * 1000, sun);
    sunlitFractionBatch(fleet, sun, cols.sunlitFraction, 0, n);
    cols.computeDemand_W.fill(demand_W, 0, n);
    spacecraftStep(p, cols, sun, 0, dt, 0, n);
    for (let i = 0; i < n; i++) {
      acc.gen += cols.generated_W[i]! * dt;
      acc.served += (p.busLoad_W * dt - cols.busShortfall_J[i]!) + cols.computePower_W[i]! * dt;
      acc.loss += cols.batteryLoss_J[i]!;
      acc.clipped += cols.clipped_J[i]!;
      acc.shortfall += cols.shortfall_J[i]!;
      if (cols.throttle[i]! > 0) { if (cols.sunlitFraction[i]! < 1) acc.throttledEclipse++; else acc.throttledSunlit++; }
      if (cols.thermalThrottle[i]! > 0) acc.thermal++;
      acc.maxT = Math.max(acc.maxT, cols.temp_K[i]!); acc.minT = Math.min(acc.minT, cols.temp_K[i]!);
      acc.maxChip = Math.max(acc.maxChip, cols.chipTemp_K[i]!);
      acc.minSoc = Math.min(acc.minSoc, cols.soc_J[i]!); acc.maxSoc = Math.max(acc.maxSoc, cols.soc_J[i]!);
    }
  }
  let dSoc = 0;
  for (let i = 0; i < n; i++) dSoc += cols.soc_J[i]! - soc0[i]!;
  return { ...acc, dSoc };
}

describe('powerBalanceStep (property)', () => {
  it('closes the energy balance, serves the bus first, keeps SoC in [floor, capacity] and throttle in [0, 1]', () => {
    const n = 16;
    const cols: PowerColumns = {
      status: new Uint8Array(n), generated_W: new Float64Array(n), computeDemand_W: new Float64Array(n),
      thermalThrottle: new Float64Array(n), soc_J: new Float64Array(n), available_W: new Float64Array(n),
      computePower_W: new Float64Array(n), shortfall_J: new Float64Array(n), busShortfall_J: new Float64Array(n),
      clipped_J: new Float64Array(n), batteryLoss_J: new Float64Array(n), throttle: new Float64Array(n), dissipated_W: new Float64Array(n),
    };
    const row = fc.tuple(
      fc.double({ min: 0, max: 20_000, noNaN: true }), // generated
      fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 15_000, noNaN: true })), // demand [W] (no subnormal watts)
      fc.double({ min: 0, max: 1, noNaN: true }), // thermal throttle
      fc.double({ min: 0, max: 1, noNaN: true }), // soc fraction
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: n, maxLength: n }), fc.double({ min: 0, max: 3000, noNaN: true }), fc.double({ min: 1, max: 600, noNaN: true }),
        (rows, bus, dt) => {
          const p: SpacecraftParams = { ...design, busLoad_W: bus };
          const floor = socFloor_J(p.battery), cap = p.battery.capacity_J;
          const soc0 = new Float64Array(n);
          rows.forEach(([g, d, th, sf], i) => {
            cols.status[i] = Status.Ok; cols.generated_W[i] = g; cols.computeDemand_W[i] = d; cols.thermalThrottle[i] = th;
            soc0[i] = cols.soc_J[i] = floor + sf * (cap - floor);
          });
          powerBalanceStep(p, cols, dt, 0, n);
          for (let i = 0; i < n; i++) {
            const [g, d, th] = rows[i]!;
            const busServed = bus - cols.busShortfall_J[i]! / dt;
            const served = busServed + cols.computePower_W[i]!;
            const scale = Math.max(1, (g + bus + d) * dt, cap) * 1e-9;
            // Array energy = served + ΔSoC + battery losses + clipped (all J).
            expect(Math.abs(g * dt - served * dt - (cols.soc_J[i]! - soc0[i]!) - cols.batteryLoss_J[i]! - cols.clipped_J[i]!)).toBeLessThan(scale);
            // Unmet = wanted − served, wanted = bus + thermally capped demand.
            expect(Math.abs(cols.shortfall_J[i]! - ((bus + d * (1 - th)) - served) * dt)).toBeLessThan(scale);
            expect(cols.soc_J[i]!).toBeGreaterThanOrEqual(floor - scale);
            expect(cols.soc_J[i]!).toBeLessThanOrEqual(cap);
            expect(cols.throttle[i]!).toBeGreaterThanOrEqual(0);
            expect(cols.throttle[i]!).toBeLessThanOrEqual(1);
            if (d > 0) expect(cols.throttle[i]!).toBeGreaterThanOrEqual(th - 1e-12); // never less shed than the thermal limit asks
            if (cols.computePower_W[i]! > 0) expect(cols.busShortfall_J[i]!).toBe(0); // bus first
            expect(Math.abs(cols.dissipated_W[i]! - (served + cols.batteryLoss_J[i]! / dt))).toBeLessThan(scale);
          }
        }),
      { numRuns: 200, seed: 1234 },
    );
  });

  it('failed and unpropagated rows deliver nothing and keep their battery', () => {
    const { fleet } = ddSsoFleet(2, Date.UTC(2026, 0, 1));
    const cols = spacecraftColumns(fleet);
    initSpacecraftState(design, cols, 0, 2);
    fleet.status[0] = Status.Failed; fleet.status[1] = Status.Reentered;
    cols.generated_W.fill(5000); cols.computeDemand_W.fill(8000);
    const soc = cols.soc_J[0]!;
    powerBalanceStep(design, cols, 60, 0, 2);
    expect(cols.computePower_W[0]).toBe(0);
    expect(cols.throttle[0]).toBe(1);
    expect(cols.soc_J[0]).toBe(soc);
    expect(cols.computePower_W[1]).toBe(0);
  });

  it('parameter problems of all three models come back together', () => {
    const bad: SpacecraftParams = { ...design, busLoad_W: -1, solar: { ...design.solar, packingFactor: 2 }, battery: { ...design.battery, dischargeEfficiency: 0 } };
    expect(spacecraftParamProblems(bad).map((q) => q.field).sort()).toEqual(['spacecraft.battery.dischargeEfficiency', 'spacecraft.busLoad_W', 'spacecraft.solar.packingFactor']);
    expect(spacecraftParamProblems(design)).toEqual([]);
  });
});

describe('spacecraftStep over a day in a 650 km dawn-dusk SSO (4 satellites, 60 s)', () => {
  // Mid-June: inside the eclipse season (REFERENCES.md: ~May to early August, up to ~19.5 min).
  const june = runDay(design, Date.UTC(2026, 5, 21));
  // December: no eclipses.
  const dec = runDay(design, Date.UTC(2026, 11, 1));

  it('energy balance of the day closes within 1 J per satellite-day', () => {
    for (const r of [june, dec]) {
      expect(Math.abs(r.gen - r.served - r.dSoc - r.loss - r.clipped)).toBeLessThan(4);
    }
  });

  it('in eclipse season compute is throttled only in shadow (5 kWh battery, 30 % DoD, 9 kW load); none in December', () => {
    expect(june.throttledEclipse).toBeGreaterThan(0);
    expect(june.throttledSunlit).toBe(0);
    expect(june.shortfall).toBeGreaterThan(0);
    expect(dec.throttledEclipse + dec.throttledSunlit).toBe(0);
    expect(dec.shortfall).toBe(0);
    expect(june.minSoc).toBeGreaterThanOrEqual(socFloor_J(design.battery) - 1e-6);
    expect(june.maxSoc).toBeLessThanOrEqual(design.battery.capacity_J);
  });

  it('temperatures stay physical and under the limits; a too-small radiator throttles compute and pins the node at its limit', () => {
    for (const r of [june, dec]) {
      expect(r.minT).toBeGreaterThan(200);
      expect(r.maxT).toBeLessThanOrEqual(design.thermal.radiatorMax_K + 1e-6);
      expect(r.maxChip).toBeLessThanOrEqual(design.thermal.chipMax_K + 1e-6);
    }
    const small: SpacecraftParams = { ...design, thermal: { ...design.thermal, radiator: { ...design.thermal.radiator, area_m2: 5 } } };
    const hot = runDay(small, Date.UTC(2026, 11, 1), 2);
    expect(hot.thermal).toBeGreaterThan(0);
    expect(hot.maxT).toBeLessThanOrEqual(small.thermal.radiatorMax_K + 1e-6);
    expect(hot.maxT).toBeGreaterThan(small.thermal.radiatorMax_K - 0.5);
  });
});

describe('fused spacecraftStep equals the staged reference (solar → limit → balance → thermal)', () => {
  it('bit for bit over a June day, with dose, body-fixed arrays, thermal and power throttling, failed and re-entered rows', () => {
    const variants: SpacecraftParams[] = [
      { ...design, solar: { ...design.solar, area_m2: 60, pointing: 'single-axis', doseLossCoeff: 0.05 },
        thermal: { ...design.thermal, radiator: { ...design.thermal.radiator, area_m2: 7 } } },
      { ...design, solar: { ...design.solar, pointing: 'orbit-normal' }, battery: { ...design.battery, maxDischarge_W: 4000 },
        thermal: { ...design.thermal, chipToRadiator_K_W: 0, radiator: { ...design.thermal.radiator, albedoModel: 'constant', area_m2: 5 } } },
    ];
    for (const p of variants) {
      const epoch = Date.UTC(2026, 5, 21);
      const n = 6;
      const A = ddSsoFleet(n, epoch), Bf = ddSsoFleet(n, epoch);
      const dose = new Float64Array(n).map((_, i) => i * 300);
      const ca = spacecraftColumns(A.fleet, dose), cb = spacecraftColumns(Bf.fleet, dose);
      initSpacecraftState(p, ca, 0, n); initSpacecraftState(p, cb, 0, n);
      const sun: [number, number, number] = [0, 0, 0];
      let differing = 0, thermalHits = 0, powerHits = 0;
      for (let t = 0; t < 86_400; t += 60) {
        for (const f of [A, Bf]) {
          f.place(t);
          f.fleet.status[4] = Status.Failed; f.fleet.status[5] = Status.Reentered;
        }
        sunPositionEci_m(epoch + t * 1000, sun);
        sunlitFractionBatch(A.fleet, sun, ca.sunlitFraction, 0, n);
        sunlitFractionBatch(Bf.fleet, sun, cb.sunlitFraction, 0, n);
        for (let i = 0; i < n; i++) ca.computeDemand_W[i] = cb.computeDemand_W[i] = 2000 * i + ((t / 60) % 7) * 500;
        spacecraftStep(p, ca, sun, 3e7, 60, 0, n);
        spacecraftStepStaged(p, cb, sun, 3e7, 60, 0, n);
        for (const name of SPACECRAFT_OUTPUT_COLUMNS) {
          for (let i = 0; i < n; i++) if (!Object.is(ca[name][i], cb[name][i])) differing++;
        }
        for (let i = 0; i < n; i++) {
          if (ca.thermalThrottle[i]! > 0) thermalHits++;
          if (ca.shortfall_J[i]! > 0) powerHits++;
        }
      }
      expect(differing).toBe(0);
      expect(thermalHits).toBeGreaterThan(0); // the cap path ran
      expect(powerHits).toBeGreaterThan(0); // the battery floor path ran
    }
  });
});
