import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD, MU_EARTH_m3_s2, R_EARTH_m } from '../core/units.js';
import { DragDecayStepper, decayRate_m_s, exponentialDensity_kg_m3, scaleHeight_m } from './drag.js';
import { MeanElementSet } from './elements.js';
import { propagateJ2 } from './j2.js';

const EPOCH = Date.UTC(2026, 2, 20);

function one(alt_km: number, B: number, extra?: { alt_km: number }): MeanElementSet {
  const el = new MeanElementSet(EPOCH);
  el.append({ a_m: R_EARTH_m + alt_km * 1e3, e: 0, i_rad: 53 * DEG_TO_RAD, raan_rad: 1, argp_rad: 0, meanAnomaly_rad: 2, ballistic_m2_kg: B });
  if (extra) el.append({ a_m: R_EARTH_m + extra.alt_km * 1e3, e: 0.001, i_rad: 97 * DEG_TO_RAD, raan_rad: 2, argp_rad: 1, meanAnomaly_rad: 0.5 });
  return el;
}

describe('exponential atmosphere (Vallado 2013 Table 8-4)', () => {
  it('reproduces the table at its base altitudes (to 1e-12 relative) and its bands in between', () => {
    expect(exponentialDensity_kg_m3(400e3) / 3.725e-12 - 1).toBeCloseTo(0, 12);
    expect(exponentialDensity_kg_m3(700e3) / 3.614e-14 - 1).toBeCloseTo(0, 12);
    expect(exponentialDensity_kg_m3(0) / 1.225 - 1).toBeCloseTo(0, 12);
    // 550 km lies in the 500 km band: ρ = 6.967e-13·exp(−50/63.822) = 3.186e-13 kg/m³.
    expect(Math.abs(exponentialDensity_kg_m3(550e3) / (6.967e-13 * Math.exp(-50 / 63.822)) - 1)).toBeLessThan(1e-12);
    expect(scaleHeight_m(550e3)).toBe(63_822);
    // Above 1,000 km the last band continues.
    expect(exponentialDensity_kg_m3(1200e3)).toBeCloseTo(3.019e-15 * Math.exp(-200 / 268), 25);
  });

  it('is continuous to within 12% across band edges (the table is piecewise, not smooth)', () => {
    for (const h of [150, 200, 300, 400, 500, 600, 700, 800, 900, 1000]) {
      const below = exponentialDensity_kg_m3(h * 1e3 - 1), above = exponentialDensity_kg_m3(h * 1e3);
      expect(Math.abs(below / above - 1), `${h} km`).toBeLessThan(0.12);
    }
  });
});

describe('DragDecayStepper', () => {
  it('loses Δa = −2π·B·ρ·a² per revolution (King-Hele 1987; Vallado 2013 §9.6) within 0.2% at 400 km', () => {
    const B = 0.01;
    const el = one(400, B);
    const a0 = el.a_m[0]!;
    const period = 2 * Math.PI * Math.sqrt(a0 ** 3 / MU_EARTH_m3_s2);
    const s = new DragDecayStepper(el, new FleetState());
    for (let k = 0; k < 100; k++) s.step(period / 100);
    const expected = -2 * Math.PI * B * exponentialDensity_kg_m3(400e3) * a0 * a0;
    expect(Math.abs((s.current.a_m[0]! - a0) / expected - 1)).toBeLessThan(2e-3);
    expect(el.a_m[0]).toBe(a0); // input set untouched
  });

  it('matches the closed-form decay time through one scale-height band (Wiesel 1988 §2.9 form), 449 → 401 km, within 0.5%', () => {
    // In one band ρ = ρ0·exp(−(h − h0)/H); with √(μa) frozen at the mid altitude,
    // t = H/(ρ0·B·√(μ a_mid))·(exp((h1 − h0)/H) − exp((h2 − h0)/H)).
    const B = 0.02, H = 58_515, rho0 = 3.725e-12, h0 = 400e3;
    const aMid = R_EARTH_m + 425e3;
    const t_expected = (H / (rho0 * B * Math.sqrt(MU_EARTH_m3_s2 * aMid))) * (Math.exp((449e3 - h0) / H) - Math.exp((401e3 - h0) / H));
    const s = new DragDecayStepper(one(449, B), new FleetState());
    const dt = 600;
    let t = 0;
    while (s.current.a_m[0]! - R_EARTH_m > 401e3) { s.step(dt); t += dt; }
    // Interpolate the crossing inside the last step.
    const over = (401e3 - (s.current.a_m[0]! - R_EARTH_m)) / -decayRate_m_s(s.current.a_m[0]!, B);
    expect(Math.abs((t - over) / t_expected - 1)).toBeLessThan(5e-3);
  });

  it('marks re-entry below 120 km perigee with a zero state, and leaves a drag-free row on the pure J2 path (within 1 mm)', () => {
    const el = one(200, 0.02, { alt_km: 600 });
    const fleet = new FleetState();
    const s = new DragDecayStepper(el, fleet);
    let days = 0;
    while (fleet.status[0] !== Status.Reentered && days < 30) { s.step(3600); days += 1 / 24; }
    expect(fleet.status[0]).toBe(Status.Reentered);
    expect(s.current.a_m[0]! - R_EARTH_m).toBeLessThan(120e3);
    expect([fleet.x_m[0], fleet.vx_m_s[0]]).toEqual([0, 0]);
    // Decay from 200 km with B = 0.02 m²/kg in this mean atmosphere takes a few days (Table 8-4 ρ(200 km) = 2.8e-10).
    expect(days).toBeGreaterThan(1);
    expect(days).toBeLessThan(10);
    const ref = new FleetState();
    propagateJ2(el, s.t_s, ref);
    expect(fleet.status[1]).toBe(Status.Ok);
    expect(Math.hypot(fleet.x_m[1]! - ref.x_m[1]!, fleet.y_m[1]! - ref.y_m[1]!, fleet.z_m[1]! - ref.z_m[1]!)).toBeLessThan(1e-3);
    s.step(3600);
    expect(fleet.status[0]).toBe(Status.Reentered);
  });

  it('refuses a negative time step', () => {
    const s = new DragDecayStepper(one(500, 0.01), new FleetState());
    expect(() => s.step(-1)).toThrow(/time step/);
  });
});
