import { describe, expect, it } from 'vitest';
import { loadScenario } from '../twin/scenario/index.js';
import { compareCosts } from './compare.js';
import { orbitCosts, refreshCount } from './costs.js';
import { fleetFromScenario, type Fleet } from './fleet.js';
import { totalOf } from './lineitem.js';
import { resolveEconomics, HOURS_PER_YEAR } from './params.js';
import { terrestrialCosts } from './terrestrial.js';

/** One satellite, numbers chosen for hand arithmetic. */
const ONE: Fleet = { groups: [{ name: 'c', design: 'd', satellites: 10, mass_kg: 1000, arrayBol_W: 150e3, battery_Wh: 10e3, radiator_m2: 100, busLoad_W: 10e3, accelerators: 100, acceleratorPower_W: 1000, acceleratorHbm_B: 100e9 }] };

describe('orbit costs', () => {
  it('adds up line by line by hand (10 satellites of 1 t, 100 kW of accelerators each), within $1', () => {
    const p = resolveEconomics({ lifetime_years: 5, launch: { price_per_kg: 1000, learning_rate: 0 }, operations: { failure_rate_per_year: 0, insurance_fraction: 0 } });
    const o = orbitCosts(ONE, p);
    const get = (k: string): number => o.items.find((i) => i.key === k)?.usd ?? NaN;
    expect(Math.abs(get('launch') - 10 * 1000 * 1000)).toBeLessThan(1);
    expect(Math.abs(get('bus') - 10 * 1000 * 500)).toBeLessThan(1);
    expect(Math.abs(get('solar_array') - 10 * 150e3 * 20)).toBeLessThan(1);
    expect(Math.abs(get('radiators') - 10 * 100 * 2000)).toBeLessThan(1);
    expect(Math.abs(get('batteries') - 10 * 10e3 * 1)).toBeLessThan(1);
    expect(Math.abs(get('shielding') - 10 * 100 * 30)).toBeLessThan(1);
    expect(Math.abs(get('accelerators') - 1000 * 30_000)).toBeLessThan(1);
    expect(Math.abs(get('ground_segment') - 5 * 5e6)).toBeLessThan(1);
    expect(Math.abs(o.total_usd - totalOf(o.items))).toBeLessThan(1e-6);
  });

  it('failures and refreshes rebuild whole satellites: a 12-month refresh over 5 years adds 4 fleets', () => {
    expect(refreshCount(5, 12)).toBe(4);
    expect(refreshCount(5, 18)).toBe(3);
    expect(refreshCount(5, 0)).toBe(0);
    const base = resolveEconomics({ operations: { failure_rate_per_year: 0, insurance_fraction: 0 }, launch: { learning_rate: 0 } });
    const refresh = resolveEconomics({ operations: { failure_rate_per_year: 0, insurance_fraction: 0 }, launch: { learning_rate: 0 }, accelerators: { refresh_months: 12 } });
    const a = orbitCosts(ONE, base), b = orbitCosts(ONE, refresh);
    const capex = a.items.filter((i) => i.kind === 'capex').reduce((s, i) => s + (i.usd ?? 0), 0);
    expect(Math.abs((b.items.find((i) => i.key === 'refresh')?.usd ?? 0) - 4 * capex)).toBeLessThan(1);
    // On the ground a refresh buys accelerators and hosts only.
    const g = terrestrialCosts(ONE, refresh).items.find((i) => i.key === 'refresh')?.usd ?? 0;
    expect(Math.abs(g - 4 * 1000 * (30_000 + 10_000))).toBeLessThan(1);
  });
});

describe('comparison', () => {
  it('full system: orbit includes spacecraft, chips and ground segment; ground includes building and energy; exclusions are listed', () => {
    const c = compareCosts(ONE, resolveEconomics(undefined));
    for (const k of ['launch', 'bus and structure', 'solar arrays', 'radiators', 'batteries', 'radiation shielding', 'accelerators', 'ground segment', 'replacing failed satellites']) expect(c.orbit.includes).toContain(k);
    for (const k of ['electricity', 'building, electrical and mechanical plant', 'backup power', 'accelerators']) expect(c.ground.includes).toContain(k);
    expect(c.orbit.excludes).toContain('financing (cost of capital)');
    expect(c.ground.excludes).toContain('land and grid interconnection');
    expect(c.basis).toBe('nameplate');
  });

  it('cost per accelerator-hour = total ÷ (accelerators × years × 8,766 h × delivered fraction), to 1e-9 relative', () => {
    const p = resolveEconomics(undefined);
    const n = compareCosts(ONE, p);
    expect(Math.abs(n.orbit.perAcceleratorHour_usd / (n.orbit.total_usd / (1000 * 5 * HOURS_PER_YEAR)) - 1)).toBeLessThan(1e-9);
    const d = compareCosts(ONE, p, { fraction: 0.5, source: 'test' });
    expect(d.basis).toBe('delivered');
    expect(Math.abs(d.orbit.perAcceleratorHour_usd / n.orbit.perAcceleratorHour_usd - 2)).toBeLessThan(1e-9);
    expect(Math.abs(d.ground.perAcceleratorHour_usd / n.ground.perAcceleratorHour_usd - 1 / 0.99)).toBeLessThan(1e-9);
  });

  it('--set economics.launch.price_per_kg=500 moves the answer: orbit cost falls, the ground stays', () => {
    const a = loadScenario('preset:starlink-v2mini-compute');
    const b = loadScenario('preset:starlink-v2mini-compute', { set: ['economics.launch.price_per_kg=500'] });
    expect(b.economics.launch.price_per_kg).toBe(500);
    const ca = compareCosts(fleetFromScenario(a), a.economics), cb = compareCosts(fleetFromScenario(b), b.economics);
    expect(cb.orbit.perAcceleratorHour_usd).toBeLessThan(ca.orbit.perAcceleratorHour_usd * 0.8);
    expect(cb.ground.perAcceleratorHour_usd).toBe(ca.ground.perAcceleratorHour_usd);
    // Launch of the initial fleet: 1,584 × 575 kg × ~$500/kg (the program moves the price a little).
    const launch = cb.orbit.items.find((i) => i.key === 'launch')?.usd ?? 0;
    expect(Math.abs(launch / (1584 * 575 * 500) - 1)).toBeLessThan(0.01);
  });

  it('an economics section with a bad value is a located scenario error', () => {
    expect(() => loadScenario('preset:suncatcher-81', { set: ['economics.launch.price_per_kg=-5'] })).toThrow(/economics\.launch\.price_per_kg/);
    expect(() => loadScenario('preset:suncatcher-81', { set: ['economics.launch.price_per_kilo=5'] })).toThrow(/did you mean "price_per_kg"/);
    expect(() => loadScenario('preset:suncatcher-81', { set: ['economics.uncertainty["launch.price_per_kg"]={low: 9, high: 1}'] })).toThrow(/low above high/);
  });

  it('an empty economics section gets the documented defaults (the schema defaults and DEFAULT_ECONOMICS agree)', () => {
    const s = loadScenario('preset:suncatcher-81', { set: ['economics={}'] });
    expect(s.economics).toEqual(resolveEconomics(undefined));
    // ajv filled every schema default into the echoed input: the two default sources agree.
    expect(s.input.economics?.launch?.price_per_kg).toBe(3600);
    expect(s.input.economics?.ramp?.hbm_share).toBe(1);
    expect(resolveEconomics(s.input.economics)).toEqual(resolveEconomics(undefined));
  });
});
