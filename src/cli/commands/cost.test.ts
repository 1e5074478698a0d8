/**
 * `orbitdc cost` and `orbitdc ramp` in-process on a program of their own (main.ts registers them
 * for users), with standard output and error captured.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { out, err, captureOutput, clearOut, inProcessCli } from '../capture.test-kit.js';
import { registerCost, registerRamp } from './cost.js';

captureOutput();

const cli = inProcessCli(registerCost, registerRamp);

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-cost-cli-'));

describe('orbitdc cost', () => {
  it('prints the full-system comparison; every headline line says what it includes; published figures labelled', async () => {
    expect(await cli('cost', 'preset:suncatcher-81')).toBe(0);
    expect(out).toMatch(/nameplate basis/);
    expect(out).toMatch(/^ {2}orbit .* per accelerator-hour .* per kW-year/m);
    expect(out).toMatch(/includes: launch, bus and structure, solar arrays, .*accelerators.*ground segment/);
    expect(out).toMatch(/not included: development and non-recurring engineering/);
    expect(out).toMatch(/Suncatcher framing \(arXiv 2511\.19468\): orbit, launch only, at \$200\/kg.*includes: launch;/);
    expect(out).toMatch(/Published figures in their own framing \(NOT full-system costs/);
  });

  it('--set economics.launch.price_per_kg=500 moves the answer (JSON)', async () => {
    expect(await cli('cost', 'preset:starlink-v2mini-compute', '--json')).toBe(0);
    const a = JSON.parse(out) as { comparison: { orbit: { perAcceleratorHour_usd: number }; ground: { perAcceleratorHour_usd: number } }; assumptions: { launch: { price_per_kg: number } } };
    clearOut();
    expect(await cli('cost', 'preset:starlink-v2mini-compute', '--json', '--set', 'economics.launch.price_per_kg=500')).toBe(0);
    const b = JSON.parse(out) as typeof a;
    expect(a.assumptions.launch.price_per_kg).toBe(3600);
    expect(b.assumptions.launch.price_per_kg).toBe(500);
    expect(b.comparison.orbit.perAcceleratorHour_usd).toBeLessThan(a.comparison.orbit.perAcceleratorHour_usd * 0.8);
    expect(b.comparison.ground.perAcceleratorHour_usd).toBe(a.comparison.ground.perAcceleratorHour_usd);
  });

  it('--run DIR uses the delivered compute of summary.json', async () => {
    const run = join(dir, 'run-ok');
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'summary.json'), JSON.stringify({ scenario: { name: 'suncatcher-81' }, simulated_s: 86_400, compute: { nameplate: { acceleratorHours: 1000 }, delivered: { acceleratorHours: 900 } } }));
    expect(await cli('cost', 'preset:suncatcher-81', '--run', run, '--json')).toBe(0);
    const r = JSON.parse(out) as { comparison: { basis: string; orbit: { utilisation: number } } };
    expect(r.comparison.basis).toBe('delivered');
    expect(Math.abs(r.comparison.orbit.utilisation - 0.9)).toBeLessThan(1e-12);
    expect(err).toBe('');
  });

  it('a summary.json without the compute fields is bad input naming the file and field (exit 2)', async () => {
    const run = join(dir, 'run-bad');
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'summary.json'), JSON.stringify({ compute: { nameplate: { acceleratorHours: 0 } } }));
    expect(await cli('cost', 'preset:suncatcher-81', '--run', run)).toBe(2);
    expect(err).toMatch(/summary\.json: compute\.delivered\.acceleratorHours: missing or bad field/);
    expect(await cli('cost', 'preset:suncatcher-81', '--run', join(dir, 'nowhere'))).toBe(2);
    expect(err).toMatch(/cannot read run summary.*ENOENT/);
  });

  it('--sensitivity adds the tornado and the Monte Carlo', async () => {
    expect(await cli('cost', 'preset:suncatcher-81', '--sensitivity', '--samples', '100')).toBe(0);
    expect(out).toMatch(/Tornado: orbit ÷ ground cost per delivered accelerator-hour/);
    expect(out).toMatch(/Monte Carlo: 100 draws, seed 1/);
    expect(out).toMatch(/ratio {11}P5 [\d.]+× {2}P50 [\d.]+× {2}P95 [\d.]+×/);
  });

  it('a bad --set is a located error (exit 2)', async () => {
    expect(await cli('cost', 'preset:suncatcher-81', '--set', 'economics.launch.price_per_kg=cheap')).toBe(2);
    expect(err).toMatch(/--set economics\.launch\.price_per_kg=cheap/);
  });
});

describe('orbitdc ramp', () => {
  it('prints one row per year with its limiting factor', async () => {
    expect(await cli('ramp', 'preset:spacex-1m')).toBe(0);
    expect(out).toMatch(/100\.0 kW of accelerators per tonne \(economics\.ramp\.kw_per_tonne\)/);
    const rows = out.split('\n').filter((l) => /^ {2}20\d\d /.test(l));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/launch/);
  });
  it('--json gives the table as data', async () => {
    expect(await cli('ramp', 'preset:suncatcher-81', '--json', '--set', 'economics.ramp.years=3')).toBe(0);
    const r = JSON.parse(out) as { ramp: { years: { limitingFactor: string }[] } };
    expect(r.ramp.years).toHaveLength(3);
    expect(['launch', 'solar', 'accelerators', 'hbm']).toContain(r.ramp.years[0]?.limitingFactor);
  });
});
