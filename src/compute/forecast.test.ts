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

describe('EnergyModel.busRequirement', () => {
  it('chipsWithin with the bus-only requirement, and warm-started, gives the same chips as the full simulation from cold (random fleets and forecasts)', () => {
    let seed = 12345;
    const u = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 4294967296; };
    for (let trial = 0; trial < 40; trial++) {
      const S = 6, steps = 40 + Math.floor(u() * 160), dt = 60;
      const E = new EnergyModel({
        satCount: S, arrayPower_W: Float64Array.from({ length: S }, () => 5000 + 20_000 * u()), busLoad_W: Float64Array.from({ length: S }, () => 500 + 3000 * u()),
        chipPower_W: 300 + 400 * u(), capacity_J: Float64Array.from({ length: S }, () => 1e6 + 2e7 * u()), socFloor: 0.2 + 0.4 * u(), soc0: 0.5 + 0.5 * u(),
      });
      const ahead = new Float64Array(steps * S);
      const period = 60 + Math.floor(u() * 40), ecl = Math.floor(u() * 30);
      for (let k = 0; k < steps; k++) for (let s = 0; s < S; s++) ahead[k * S + s] = (k + s * 7) % period < ecl ? 0 : 1;
      const max = new Int32Array(S).fill(64), a = new Int32Array(S), b = new Int32Array(S);
      const req = E.busRequirement(ahead, steps, dt);
      for (const [k0, load] of [[0, steps], [0, 3], [Math.floor(steps / 2), 3], [steps - 1, 5]] as const) {
        E.chipsWithin(ahead, k0, steps, load, dt, max, a);
        E.chipsWithin(ahead, k0, steps, load, dt, max, b, req);
        expect(Array.from(b)).toEqual(Array.from(a));
        // `a` and `b` start warm from the previous case's answer; a cold start agrees.
        const cold = new Int32Array(S);
        E.chipsWithin(ahead, k0, steps, load, dt, max, cold);
        expect(Array.from(cold)).toEqual(Array.from(a));
      }
    }
  });
});
