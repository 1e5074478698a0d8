import { describe, expect, it } from 'vitest';
import { loadScenario } from '../twin/scenario/index.js';
import { fleetFromScenario, type Fleet } from './fleet.js';
import { resolveEconomics } from './params.js';
import { deploymentRamp } from './ramp.js';

/** 1 t satellites carrying 100 × 1 kW accelerators with 100 GB HBM each, 150 kW of array: 100 kW/t. */
const FLEET: Fleet = { groups: [{ name: 'c', design: 'd', satellites: 1, mass_kg: 1000, arrayBol_W: 150e3, battery_Wh: 0, radiator_m2: 1, busLoad_W: 0, accelerators: 100, acceleratorPower_W: 1000, acceleratorHbm_B: 100e9 }] };

describe('deployment ramp', () => {
  it('hand-computed first year: each limit and the smallest (within 1e-9 GW)', () => {
    const p = resolveEconomics({ ramp: { years: 1, launch_t_per_year: 1e6, solar_GW_per_year: 300, accelerators_per_year: 1e8, hbm_GB_per_year: 5e9 } });
    const y = deploymentRamp(FLEET, p, 2030).years[0]!;
    expect(y.year).toBe(2030);
    expect(Math.abs(y.limits_GW.launch - 100)).toBeLessThan(1e-9); // 1 Mt × 100 kW/t (the field's 100 GW/yr)
    expect(Math.abs(y.limits_GW.solar - 200)).toBeLessThan(1e-9); // 300 GW ÷ 1.5 W of array per W
    expect(Math.abs(y.limits_GW.accelerators - 100)).toBeLessThan(1e-9); // 1e8 × 1 kW
    expect(Math.abs(y.limits_GW.hbm - 50)).toBeLessThan(1e-9); // 5e9 GB ÷ 100 GB × 1 kW
    expect(y.limitingFactor).toBe('hbm');
    expect(y.deployable_GW).toBe(y.limits_GW.hbm);
  });

  it('the limiting factor changes when launch grows faster than chips', () => {
    const p = resolveEconomics({ ramp: { years: 8, launch_t_per_year: 1e4, launch_growth_per_year: 1, accelerators_per_year: 1e7, accelerator_growth_per_year: 0, hbm_GB_per_year: 1e12, solar_GW_per_year: 1e4 } });
    const r = deploymentRamp(FLEET, p, 2026);
    expect(r.years[0]!.limitingFactor).toBe('launch'); // 1 GW of launch vs 10 GW of chips
    expect(r.years[7]!.limitingFactor).toBe('accelerators'); // 128 GW of launch vs 10 GW
    // In service = last 5 years (lifetime) of deployments.
    const last5 = r.years.slice(3).reduce((s, y) => s + y.deployable_GW, 0);
    expect(Math.abs(r.years[7]!.inService_GW - last5)).toBeLessThan(1e-9);
    // Launch price falls as the world's cumulative mass grows (learning curve).
    expect(r.years[7]!.launchPrice_per_kg).toBeLessThan(r.years[0]!.launchPrice_per_kg);
  });

  it('spacex-1m preset: 100 kW/t from the filing; first-year GW limited by launch', () => {
    const s = loadScenario('preset:spacex-1m');
    const r = deploymentRamp(fleetFromScenario(s), s.economics, 2026);
    expect(r.kwPerTonne).toBe(100);
    expect(r.years[0]!.limitingFactor).toBe('launch');
    expect(Math.abs(r.years[0]!.limits_GW.launch - 3000 * 100 / 1e6)).toBeLessThan(1e-12);
  });
});
