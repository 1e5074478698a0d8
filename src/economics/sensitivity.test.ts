import { describe, expect, it } from 'vitest';
import { compareCosts } from './compare.js';
import type { Fleet } from './fleet.js';
import { resolveEconomics } from './params.js';
import { resolveInputs, tornado, UNCERTAIN_PATHS } from './sensitivity.js';

const FLEET: Fleet = { groups: [{ name: 'c', design: 'd', satellites: 100, mass_kg: 575, arrayBol_W: 28e3, battery_Wh: 5e3, radiator_m2: 40, busLoad_W: 3e3, accelerators: 64, acceleratorPower_W: 300, acceleratorHbm_B: 32e9 }] };

describe('tornado', () => {
  const p = resolveEconomics(undefined);
  const t = tornado(FLEET, p);

  it('has one bar per input, sorted by swing, largest first', () => {
    expect(t.bars.map((b) => b.path).sort()).toEqual([...UNCERTAIN_PATHS].sort());
    for (let k = 1; k < t.bars.length; k++) expect(t.bars[k - 1]!.swing).toBeGreaterThanOrEqual(t.bars[k]!.swing);
    expect(t.baseRatio).toBe(compareCosts(FLEET, p).ratio.perAcceleratorHour);
  });

  it('a cheaper launch makes orbit relatively cheaper; dearer ground electricity too', () => {
    const launch = t.bars.find((b) => b.path === 'launch.price_per_kg')!;
    expect(launch.ratioAtLow).toBeLessThan(t.baseRatio);
    expect(launch.ratioAtHigh).toBeGreaterThan(t.baseRatio);
    const power = t.bars.find((b) => b.path === 'terrestrial.electricity_per_kWh')!;
    expect(power.ratioAtHigh).toBeLessThan(power.ratioAtLow);
    // At $3,600/kg with 575 kg per 19.2 kW, launch is the input that decides.
    expect(t.bars[0]!.path).toBe('launch.price_per_kg');
  });

  it('a scenario range replaces the default one, and is used', () => {
    const q = resolveEconomics({ uncertainty: { 'launch.price_per_kg': { low: 100, high: 200 } } });
    const inp = resolveInputs(q).find((i) => i.path === 'launch.price_per_kg')!;
    expect([inp.low, inp.high, inp.rangeSource]).toEqual([100, 200, 'scenario']);
    const bar = tornado(FLEET, q).bars.find((b) => b.path === 'launch.price_per_kg')!;
    expect(bar.ratioAtHigh).toBeLessThan(t.baseRatio); // $200/kg is far below the $3,600 base
  });

  it('published spans include the base value (electricity $0.04–0.25/kWh widened to a $0.30 base)', () => {
    const q = resolveEconomics({ terrestrial: { electricity_per_kWh: 0.3 } });
    const inp = resolveInputs(q).find((i) => i.path === 'terrestrial.electricity_per_kWh')!;
    expect([inp.low, inp.high]).toEqual([0.04, 0.3]);
  });
});
