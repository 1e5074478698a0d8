/** Predictive maintenance in the twin (health.ts): daily health trends, flags, and what they cost the engine's outputs. */
import { describe, expect, it } from 'vitest';
import { SOLAR_CONSTANT_W_m2, S_PER_JULIAN_YEAR } from '../core/units.js';
import { cellEfficiencyAt } from '../spacecraft/solar.js';
import { buildFleet } from './build.js';
import { runTwin, TwinRun } from './engine.js';
import { HealthSampler } from './health.js';
import { PerSatelliteAccumulators } from './metrics.js';
import { loadScenarioText } from './scenario/index.js';
import { tinyScenario } from './test-scenarios.js';

const DAY = 86_400;

/**
 * Four satellites in one dawn-dusk SSO plane (no eclipses in March), a sun-tracking array of `area`
 * m², 8 H100s (5.6 kW) + 800 W bus = 6.4 kW: the array's failure threshold. 100 kWh battery, a
 * 30 m² radiator: only the array can fail. Mission life 1 year (economics.lifetime_years).
 */
const scenario = (degradation: number, area: number, seed = 1) => loadScenarioText(`name: h
epoch: 2026-03-01T00:00:00Z
duration: P30D
step_s: 120
seed: ${seed}
designs:
  sat:
    mass_kg: 300
    solar_array: { area_m2: ${area}, degradation_per_year: ${degradation}, tracking: sun }
    battery: { capacity_Wh: 100000 }
    radiator: { area_m2: 30 }
    bus_load_W: 800
    accelerators: { model: h100-sxm, count: 8 }
economics: { lifetime_years: 1 }
constellations:
  - name: shell
    design: sat
    sso: { altitude_km: 650, ltan: "18:00", planes: 1, perPlane: 4 }
`, { file: 'h.yaml', baseDir: '.', defaultName: 'h' });

interface Section {
  sampling: { samples: number; satellites: number };
  endOfLife: string;
  series: Record<string, { satellitesTrended: number; satellitesFlagged: number; earliestCrossing: string | null; medianLeadTime_days: number | null }>;
  flagged: { id: number; series: string; crossing: string; leadTime_days: number }[];
  flaggedTotal: number;
}

describe('health sampler and predictive maintenance', () => {
  it('an array losing 8 %/yr is flagged with the analytic crossing (within 1 day of ~249); summary.json byte-identical for a seed', async () => {
    const sc = scenario(0.08, 21);
    const run = await TwinRun.create(sc, { threads: 1 });
    const sol = run.built.constellations[0]!.params.solar;
    const r = await run.run();
    run.dispose();
    // Full-sun output at the epoch (1 AU, 60 °C cells) and its crossing of 6.4 kW: y0·0.92^(t/yr) = 6400.
    const y0 = SOLAR_CONSTANT_W_m2 * sol.area_m2 * sol.packingFactor * cellEfficiencyAt(sol, sol.operatingTemp_K);
    expect(y0).toBeGreaterThan(6400 * 1.05);
    const tCross_s = (Math.log(6400 / y0) / Math.log(1 - 0.08)) * S_PER_JULIAN_YEAR;
    const m = r.summary.maintenance as Section;
    expect(m.sampling.samples).toBe(30);
    expect(m.series.array!.satellitesTrended).toBe(4);
    expect(m.series.array!.satellitesFlagged).toBe(4);
    for (const k of ['battery', 'thermal', 'dose']) expect(m.series[k]!.satellitesFlagged).toBe(0);
    const epoch = Date.parse('2026-03-01T00:00:00Z');
    for (const f of m.flagged) {
      expect(f.series).toBe('array');
      // Pessimism (2 standard errors on a near-exact log-linear series) pulls the crossing earlier by hours, not days.
      expect(Math.abs((Date.parse(f.crossing) - epoch) / 1000 - tCross_s)).toBeLessThan(DAY);
      expect(Math.abs(f.leadTime_days - (tCross_s / DAY - 30))).toBeLessThan(1);
    }
    expect(m.series.array!.medianLeadTime_days!).toBeGreaterThan(200);
    // The report's trend lines: the worst satellite's fit reaches the threshold at its crossing (within 0.1 W).
    const w = r.maintenance!.series[0]!.worst[0]!;
    expect(Math.abs(w.value[w.value.length - 1]! - 6400)).toBeLessThan(0.1);
    const again = await runTwin(scenario(0.08, 21), { threads: 1 });
    expect(JSON.stringify(again.summary)).toBe(JSON.stringify(r.summary));
  }, 60_000);

  it('a healthy design (30 m², 2.75 %/yr: crosses after 14 years) is not flagged', async () => {
    const r = await runTwin(scenario(0.0275, 30), { threads: 1 });
    const m = r.summary.maintenance as Section;
    expect(m.flaggedTotal).toBe(0);
    for (const k of ['array', 'battery', 'thermal', 'dose']) expect(m.series[k]!.satellitesTrended).toBe(4);
    expect(m.endOfLife).toBe('2027-03-01T06:00:00Z'); // epoch + 1 Julian year
  }, 60_000);

  it('the per-satellite extremes stay run-wide although the sampler resets them daily (tiny shell, 3 days)', async () => {
    const r = await runTwin(tinyScenario({ duration: 'P3D' }), { threads: 1 });
    const col = (name: string): Float64Array => r.perSatellite.columns.find((c) => c.name === name)!.values;
    const series = (name: string): Float64Array => r.series.columns.find((c) => c.name === name)!.values;
    // Fleet series extremes over the run = extremes over the satellites' run extremes (Float32 accumulators: 1e-6 relative).
    const socMin = Math.min(...series('socMin_frac')), tMax = Math.max(...series('tempMax_K')), chipMax = Math.max(...series('chipTempMax_K'));
    expect(Math.abs(Math.min(...col('socMin_frac')) - socMin)).toBeLessThan(1e-6);
    expect(Math.abs(Math.max(...col('tempMax_K')) - tMax)).toBeLessThan(1e-6 * tMax);
    expect(Math.abs(Math.max(...col('chipTempMax_K')) - chipMax)).toBeLessThan(1e-6 * chipMax);
    expect((r.summary.maintenance as Section).sampling.samples).toBe(3);
  }, 60_000);

  it('samples every k-th satellite beyond maxSatellites, and says a trend needs 3 samples', async () => {
    const sc = tinyScenario();
    const built = await buildFleet(sc);
    const h = new HealthSampler({ scenario: sc, built, acc: new PerSatelliteAccumulators(6), status: built.fleet.status, dose_rad: new Float64Array(6), maxSatellites: 2 });
    expect(h.stride).toBe(3);
    expect(Array.from(h.rows)).toEqual([0, 3]);
    const m = h.result();
    expect(m.samples).toBe(0);
    expect(m.flagged).toEqual([]);
  });
});
