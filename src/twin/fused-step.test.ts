/**
 * The engine's fused step (one pass: demand, spacecraft stage, dose, reduction) against the staged
 * reference it replaces (demand loop → power.ts spacecraftStep → dose loop → metrics.ts reduceRows):
 * bit-identical state, step values, run totals and per-satellite accumulators, over a fleet that
 * takes every branch (valid, offline, failed and invalid rows; chips down; battery shortfalls and
 * clipping; thermal throttling; body-fixed arrays; dose-dependent cells; charge limits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { sunPositionEci_m } from '../environment/sun.js';
import { sunlitFractionBatch } from '../environment/shadow.js';
import { initSpacecraftState, spacecraftColumns, spacecraftStep } from '../spacecraft/power.js';
import type { SpacecraftParams } from '../spacecraft/types.js';
import { fusedStep, type FusedColumns } from './fused-step.js';
import { PerSatelliteAccumulators, RunTotals, StepReducer, type RangeInfo } from './metrics.js';

const KWH_J = 3.6e6;

function params(o: { pointing: 'sun-tracking' | 'zenith'; doseLoss: number; limits: boolean; radiator_m2: number; battery_kWh: number }): SpacecraftParams {
  return {
    solar: {
      area_m2: 30, cellEfficiency: 0.3, referenceTemp_K: 301.15, tempCoeff_per_K: -0.0035, operatingTemp_K: 333.15,
      packingFactor: 0.9, degradationPerYear: 0.005, doseLossCoeff: o.doseLoss, doseLossScale_rad: 50, pointing: o.pointing,
    },
    battery: {
      capacity_J: o.battery_kWh * KWH_J, chargeEfficiency: 0.95, dischargeEfficiency: 0.93, maxDepthOfDischarge: 0.4, initialSocFraction: 0.8,
      ...(o.limits ? { maxCharge_W: 3000, maxDischarge_W: 6000 } : {}),
    },
    thermal: {
      radiator: {
        area_m2: o.radiator_m2, faces: 2, emissivity: 0.92, solarAbsorptivity: 0.09, earthIrAbsorptivity: 0.92,
        viewFactorEarth: 0.48, sunIncidenceCos: 0.1, albedo: 0.3, albedoModel: o.pointing === 'zenith' ? 'constant' : 'subsolar-cosine', earthIr_W_m2: 237,
      },
      heatCapacity_J_K: 2e5, radiatorMax_K: 320, chipMax_K: 350, chipToRadiator_K_W: 0.003, initialTemp_K: 300,
    },
    busLoad_W: 1000,
  };
}

/** n rows on circular 550–1,200 km orbits at spread phases and inclinations; statuses cycle through every kind. */
function makeFleet(n: number, seed: number) {
  const fleet = new FleetState(n);
  for (let k = 0; k < n; k++) fleet.append(k + 1);
  let s = seed >>> 0;
  const rnd = (): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
  const orb = Array.from({ length: n }, () => ({ a: 6.921e6 + 6.5e5 * rnd(), inc: Math.PI * rnd(), raan: 2 * Math.PI * rnd(), u0: 2 * Math.PI * rnd() }));
  const statuses = [Status.Ok, Status.Ok, Status.Ok, Status.Offline, Status.Failed, Status.Reentered, Status.Ok];
  const place = (t: number): void => {
    for (let k = 0; k < n; k++) {
      const o = orb[k]!, mm = Math.sqrt(3.986004418e14 / o.a ** 3), u = o.u0 + mm * t;
      const cO = Math.cos(o.raan), sO = Math.sin(o.raan), ci = Math.cos(o.inc), si = Math.sin(o.inc), cu = Math.cos(u), su = Math.sin(u);
      fleet.x_m[k] = o.a * (cu * cO - su * ci * sO); fleet.y_m[k] = o.a * (cu * sO + su * ci * cO); fleet.z_m[k] = o.a * su * si;
      fleet.vx_m_s[k] = mm * o.a * (-su * cO - cu * ci * sO); fleet.vy_m_s[k] = mm * o.a * (-su * sO + cu * ci * cO); fleet.vz_m_s[k] = mm * o.a * cu * si;
      fleet.status[k] = statuses[k % statuses.length]!;
    }
  };
  return { fleet, place, rnd };
}

/** Run `steps` steps both ways over two identical fleets; returns everything each produced. */
function runBoth(p: SpacecraftParams, o: { n: number; steps: number; chips: number; chipPower_W: number; seed: number; doseRate: number }) {
  const epoch = Date.UTC(2026, 2, 20);
  const dt = 60;
  const r: RangeInfo = { from: 0, to: o.n, chips: o.chips, chipPower_W: o.chipPower_W, chipFlops: 1e15, busLoad_W: p.busLoad_W, capacity_J: p.battery.capacity_J };
  const out = [0, 1].map((way) => {
    const { fleet, place, rnd } = makeFleet(o.n, o.seed);
    const dose = fleet.addColumn('dose_rad', Float64Array);
    const cols = spacecraftColumns(fleet, dose);
    initSpacecraftState(p, cols);
    const rate = new Float64Array(o.n), inc = new Float64Array(o.n), flags = new Uint8Array(o.n), down = new Uint16Array(o.n);
    const fused: FusedColumns = {
      x_m: fleet.x_m, y_m: fleet.y_m, z_m: fleet.z_m, vx_m_s: fleet.vx_m_s, vy_m_s: fleet.vy_m_s, vz_m_s: fleet.vz_m_s, status: fleet.status,
      sunlitFraction: cols.sunlitFraction, chipsDown: down, soc_J: cols.soc_J, temp_K: cols.temp_K, doseRate_rad_s: rate, dose_rad: dose, doseInc_rad: inc, doseFlags: flags,
    };
    const red = new StepReducer(), totals = new RunTotals(), acc = new PerSatelliteAccumulators(o.n);
    const crossings: number[] = [];
    const hook = (i: number, d: number): void => { crossings.push(i, d); flags[i] = 3; };
    const sun: [number, number, number] = [0, 0, 0];
    const values: number[] = [];
    for (let k = 0; k < o.steps; k++) {
      const t = k * dt;
      place(t);
      for (let i = 0; i < o.n; i++) { down[i] = Math.floor(rnd() * (o.chips + 1) * 0.3); rate[i] = o.doseRate * rnd(); }
      sunPositionEci_m(epoch + t * 1000, sun);
      sunlitFractionBatch(fleet, sun, cols.sunlitFraction, 0, o.n);
      red.beginStep();
      if (way === 0) {
        fusedStep(p, r, fused, sun, t, dt, red, totals, acc, 2000, hook);
      } else {
        for (let i = 0; i < o.n; i++) {
          const st = fleet.status[i]!;
          cols.computeDemand_W[i] = st === Status.Ok ? (o.chips - down[i]!) * o.chipPower_W : 0;
        }
        spacecraftStep(p, cols, sun, t, dt);
        for (let i = 0; i < o.n; i++) {
          const di = rate[i]! * dt;
          inc[i] = di;
          const d = (dose[i]! += di);
          if (!(d < 2000) && flags[i] !== 3) hook(i, d);
        }
        red.reduceRows({ ...cols, dose_rad: dose, chipsDown: down }, r, dt, totals, acc);
      }
      values.push(...red.endStep(totals), ...red.socHist);
    }
    return {
      soc: Array.from(cols.soc_J), temp: Array.from(cols.temp_K), dose: Array.from(dose), inc: Array.from(inc), values, totals: Array.from(totals.a),
      acc: [acc.sunlit_s, acc.generated_J, acc.compute_J, acc.shortfall_J, acc.chipDown_s, acc.socMin_frac, acc.tempMax_K, acc.chipTempMax_K].map((a) => Array.from(a)),
      crossings,
    };
  });
  return { fused: out[0]!, staged: out[1]! };
}

describe('fused step = staged spacecraft step + dose + reduction, bit for bit', () => {
  it('on a sun-tracking fleet with shortfalls, throttling and dose-limit crossings over 6 hours', () => {
    // 4 m² of radiator cannot reject 8 × 700 W: the thermal limit bites; 2 kWh cannot carry eclipses.
    const p = params({ pointing: 'sun-tracking', doseLoss: 0, limits: false, radiator_m2: 4, battery_kWh: 2 });
    const { fused, staged } = runBoth(p, { n: 35, steps: 360, chips: 8, chipPower_W: 700, seed: 1, doseRate: 0.3 });
    expect(fused).toEqual(staged);
    const T = fused.totals;
    expect(T.some((x) => x > 0)).toBe(true);
    expect(fused.crossings.length).toBeGreaterThan(0); // 0.3 rad/s × 60 s × 360 steps / 2 ≈ 3,240 rad > 2 krad on average
  });

  it('on body-fixed arrays with dose-dependent cells and charge limits, any seed (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<'zenith' | 'sun-tracking'>('zenith', 'sun-tracking'), fc.boolean(), (seed, pointing, limits) => {
      const p = params({ pointing, doseLoss: 0.2, limits, radiator_m2: 8, battery_kWh: 3 });
      const { fused, staged } = runBoth(p, { n: 14, steps: 120, chips: 4, chipPower_W: 1000, seed, doseRate: 0.01 });
      expect(fused).toEqual(staged);
    }), { numRuns: 12 });
  });
});
