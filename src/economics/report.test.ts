import { describe, expect, it } from 'vitest';
import { loadScenario } from '../twin/scenario/index.js';
import { economicsReport, jsonSafe } from './report.js';

describe('economicsReport', () => {
  const s = loadScenario('preset:suncatcher-81');
  const r = economicsReport(s, undefined, { samples: 200 });

  it('returns plain JSON: comparison, tornado, Monte Carlo and ramp survive a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(Object.keys(r).sort()).toEqual(['assumptions', 'comparison', 'monteCarlo', 'ramp', 'tornado']);
    expect(r.monteCarlo.samples).toBe(200);
    expect(r.ramp.years).toHaveLength(10);
    expect(r.ramp.startYear).toBe(2026);
  });

  it('uses the preset\'s own assumptions ($200/kg, 5 yr) and the scenario seed', () => {
    expect(r.assumptions.launch.price_per_kg).toBe(200);
    expect(r.comparison.lifetime_years).toBe(5);
    expect(r.monteCarlo.seed).toBe(s.seed);
    expect(r.comparison.fleet.accelerators).toBe(81 * 64);
  });

  it('a delivered fraction raises orbit cost per accelerator-hour in proportion (to 1e-9)', () => {
    const d = economicsReport(s, { fraction: 0.8, source: 'test' }, { samples: 10 });
    expect(d.comparison.basis).toBe('delivered');
    expect(Math.abs(d.comparison.orbit.perAcceleratorHour_usd * 0.8 / r.comparison.orbit.perAcceleratorHour_usd - 1)).toBeLessThan(1e-9);
  });

  it('jsonSafe turns non-finite numbers into null', () => {
    expect(jsonSafe({ a: Infinity, b: [NaN, 1] })).toEqual({ a: null, b: [null, 1] });
  });
});
