import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listPresets, loadScenario, ScenarioError, ssoInclination_rad, type Scenario } from './index.js';

const byName = (name: string): Scenario => loadScenario(`preset:${name}`);
const only = <T>(xs: readonly T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0] as T;
};

describe('presets', () => {
  it('lists the published designs, each with a description', () => {
    const list = listPresets();
    expect(list.map((p) => p.name)).toEqual(['spacex-1m', 'starcloud-40mw', 'starlink-v2mini-compute', 'suncatcher-81-training', 'suncatcher-81']);
    for (const p of list) expect(p.description.length).toBeGreaterThan(20);
  });

  it('every preset loads, validates with no warnings, and cites sources with assumptions labelled', () => {
    for (const p of listPresets()) {
      const s = loadScenario(`preset:${p.name}`);
      expect(s.name).toBe(p.name);
      expect(s.source).toBe(`preset:${p.name}`);
      expect(s.warnings).toEqual([]);
      const text = readFileSync(p.path, 'utf8');
      expect(text).toMatch(/^# .*\n#\n# (Source|Sources):/);
      expect(text).toContain('ASSUMPTION');
    }
  });

  it('suncatcher-81: 81 satellites, 9 × 9 lattice of radius 1 km, 650 km dawn-dusk SSO, TPU v6e', () => {
    const s = byName('suncatcher-81');
    const c = only(s.constellations);
    if (c.kind !== 'cluster') throw new Error('expected a cluster');
    expect([c.count, c.side, c.radius_m, c.altitude_m, c.ltan_s]).toEqual([81, 9, 1000, 650_000, 18 * 3600]);
    // Sun-synchronous at 650 km: 97.99° (first-order J2); see normalise.test.ts for the golden value.
    expect(Math.abs((c.inclination_rad * 180) / Math.PI - 97.986)).toBeLessThan(0.001);
    expect(s.designs[c.design]?.accelerators.model).toBe('tpu-v6e');
    expect(s.designs[c.design]?.shieldingAl_m).toBe(0.01);
    expect(s.duration_s).toBe((365 * 4 + 366) * 86_400); // 2026-01-01 + P5Y spans leap year 2028
  });

  it('starcloud-40mw: 40 MW of accelerators, radiator 0.92 / 0.09 at 20 °C, dawn-dusk SSO', () => {
    const s = byName('starcloud-40mw');
    const c = only(s.constellations);
    if (c.kind !== 'sso') throw new Error('expected an SSO');
    expect(c.ltan_s).toBe(18 * 3600);
    const d = s.designs[c.design];
    if (!d) throw new Error('design missing');
    expect(d.accelerators.count * (d.accelerators.power_W ?? 0)).toBe(40e6);
    expect([d.radiator.emissivity, d.radiator.absorptivity, d.radiator.faces]).toEqual([0.92, 0.09, 2]);
    expect(Math.abs(d.radiatorMax_K - 293.15)).toBeLessThan(1e-9);
    // Radiator sized from the white paper's 633 W/m² net: 69,520 m² × 633 W/m² ≥ 44 MW of heat.
    expect(d.radiator.area_m2 * 633).toBeGreaterThanOrEqual(d.accelerators.count * 1000 + d.busLoad_W);
  });

  it('starlink-v2mini-compute: Walker 72 × 22 at 550 km / 53° of 575 kg, 28 kW satellites', () => {
    const s = byName('starlink-v2mini-compute');
    const c = only(s.constellations);
    if (c.kind !== 'walker') throw new Error('expected a Walker shell');
    expect([c.count, c.planes, c.perPlane, c.altitude_m]).toEqual([1584, 72, 22, 550_000]);
    expect(Math.abs((c.inclination_rad * 180) / Math.PI - 53)).toBeLessThan(1e-12);
    const d = s.designs[c.design];
    expect(d?.mass_kg).toBe(575);
    // 28 kW at beginning of life within 10 W (area rounded to 0.1 m²).
    expect(Math.abs((d?.solarArray.bolPower_W ?? 0) - 28_000)).toBeLessThan(10);
  });

  it('spacex-1m: exactly 1,000,000 satellites within 500–2,000 km, 100 kW of chips per tonne, 30° and SSO', () => {
    const s = byName('spacex-1m');
    expect(s.generatedCount).toBe(1_000_000);
    let sum = 0;
    const incl = new Set<string>();
    for (const c of s.constellations) {
      if (c.kind !== 'walker') throw new Error('expected Walker shells');
      sum += c.count;
      expect(c.altitude_m).toBeGreaterThanOrEqual(500_000);
      expect(c.altitude_m).toBeLessThanOrEqual(2_000_000);
      incl.add(c.inclination_rad === (30 * Math.PI) / 180 ? '30' : 'other');
      if (c.inclination_rad !== (30 * Math.PI) / 180) {
        // The other shells are sun-synchronous for their altitude (the file rounds to 0.001°).
        expect(Math.abs(c.inclination_rad - ssoInclination_rad(c.a_m)) * (180 / Math.PI)).toBeLessThan(0.0006);
      }
    }
    expect(sum).toBe(1_000_000);
    expect([...incl].sort()).toEqual(['30', 'other']);
    const d = only(Object.values(s.designs));
    expect((d.accelerators.count * (d.accelerators.power_W ?? 0)) / (d.mass_kg / 1000)).toBe(100_000);
  });

  it('suggests the nearest preset for a misspelt name', () => {
    try {
      loadScenario('preset:suncatcher81');
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).problems[0]?.message).toBe('no preset named "suncatcher81" (did you mean "suncatcher-81"?)');
    }
  });
});
