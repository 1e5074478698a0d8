import { describe, expect, it } from 'vitest';
import { EnergyModel, periodicEclipses } from './forecast.js';

describe('EnergyModel', () => {
  // 10 kW array, 1 kW bus, 700 W chips, 2 kWh battery (7.2 MJ), floor 30 %, η = 0.95 each way.
  const model = (): EnergyModel => new EnergyModel({ satCount: 1, arrayPower_W: 10_000, busLoad_W: 1000, chipPower_W: 700, capacity_J: 7.2e6, socFloor: 0.3 });
  it('sustainable chips through a 35-minute eclipse match the energy balance by hand', () => {
    // Full battery at eclipse entry: usable 0.7 × 7.2 MJ × 0.95 = 4.788 MJ over 2,100 s = 2,280 W;
    // minus the 1 kW bus → 1,280 W → 1 chip of 700 W (2 chips need 1,400 W).
    const E = model();
    const out = new Int32Array(1);
    E.sustainableChips(periodicEclipses(5700, 2100, 0, 1), 0, 2100, 60, Int32Array.of(8), out);
    expect(out[0]).toBe(1);
    // In full sun with no eclipse ahead, all 8 chips (5.6 kW + 1 kW bus < 10 kW).
    E.sustainableChips(periodicEclipses(5700, 0, 0, 1), 0, 5700, 60, Int32Array.of(8), out);
    expect(out[0]).toBe(8);
  });
  it('affordable chips for one step, and clipped sunlight with a full battery and no load', () => {
    const E = model();
    // Eclipse, full battery, 60 s: (0 − 1000 + 5.04e6 × 0.95 / 60) / 700 = 112 → capped at 8.
    expect(E.affordableChips(0, 0, 60, 8)).toBe(8);
    expect(E.sunChips(0, 1, 8)).toBe(8);
    expect(E.sunChips(0, 0, 8)).toBe(0);
    E.stepSat(0, 1, 0, 100);
    // 9 kW surplus for 100 s, battery full: all 0.9 MJ clipped.
    expect(Math.abs(E.clipped_J - 9e5)).toBeLessThan(1e-6);
    expect(E.generated_J).toBe(1e6);
  });
  it('reports a shortfall when the load takes the battery below its floor', () => {
    const E = model();
    let short = 0;
    for (let k = 0; k < 35; k++) if (!E.stepSat(0, 0, 8, 60)) short++;
    expect(short).toBeGreaterThan(0);
    expect(E.soc_J[0]!).toBeGreaterThanOrEqual(0);
  });
});
