/** Tiny scenarios for tests across the twin, report and CLI (seconds of CPU each). */
import { loadScenarioText, type Scenario } from './scenario/index.js';

/** YAML text of the tiny scenario (for CLI tests that need a file). */
export function tinyScenarioText(o: { altitude_km?: number; duration?: string; seed?: number; battery_Wh?: number; radiator_m2?: number } = {}): string {
  return `name: tiny
epoch: 2026-03-01T00:00:00Z
duration: ${o.duration ?? 'PT6H'}
step_s: 60
seed: ${o.seed ?? 1}
designs:
  sat:
    mass_kg: 300
    solar_array: { area_m2: 20 }
    battery: { capacity_Wh: ${o.battery_Wh ?? 800} }
    radiator: { area_m2: ${o.radiator_m2 ?? 12} }
    bus_load_W: 800
    accelerators: { model: h100-sxm, count: 8 }
constellations:
  - name: shell
    design: sat
    walker: { total: 6, planes: 2, phasing: 1, altitude_km: ${o.altitude_km ?? 550}, inclination_deg: 53 }
`;
}

/** A 6-satellite Walker shell (550 km, 53°), 8 H100s each, small battery so that eclipses bite. */
export function tinyScenario(o: Parameters<typeof tinyScenarioText>[0] = {}): Scenario {
  return loadScenarioText(tinyScenarioText(o), { file: 'tiny.yaml', baseDir: '.', defaultName: 'tiny' });
}
