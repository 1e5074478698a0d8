/**
 * `orbitdc run`, `presets`, `schema` in-process on a program of their own (main.ts registers
 * them for users), with standard output and error captured.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { out, err, captureOutput, inProcessCli } from '../capture.test-kit.js';
import { tinyScenarioText } from '../../twin/test-scenarios.js';
import { onInterrupt } from '../interrupt.js';
import { registerPresets, registerSchema } from './presets.js';
import { registerRun } from './run.js';

captureOutput();

const cli = inProcessCli(registerRun, registerPresets, registerSchema);

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-run-cli-'));
const scenarioFile = join(dir, 'tiny.yaml');
writeFileSync(scenarioFile, tinyScenarioText());

describe('orbitdc run', () => {
  it('writes the run folder with report.html and says where the report is', async () => {
    const outDir = join(dir, 'r1');
    expect(await cli('run', scenarioFile, '--out', outDir, '--set', 'duration=PT2H', '-q')).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['events.csv', 'fleet.czml', 'report.html', 'satellites.csv', 'series.csv', 'summary.json']);
    expect(out).toContain(`report: ${outDir}/report.html`);
    expect(out).toMatch(/delivered compute \d+\.\d{3} % of nameplate/);
    const s = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { scenario: { overrides: string[]; steps: number } };
    expect(s.scenario).toMatchObject({ overrides: ['duration=PT2H'], steps: 120 });
  });

  it('reports every problem of a bad scenario on its own line, file:line:column, and exits 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, tinyScenarioText().replace('bus_load_W: 800', 'bus_load_w: 800').replace('altitude_km: 550', 'altitude_km: 50'));
    expect(await cli('run', bad, '--out', join(dir, 'never'), '-q')).toBe(2);
    expect(err).toContain(`${bad}:`);
    expect(err).toMatch(/bad\.yaml:\d+:\d+: designs\.sat\.bus_load_w: unknown key "bus_load_w" \(did you mean "bus_load_W"\?\)/);
    expect(err).toMatch(/bad\.yaml:\d+:\d+: constellations\[0\]\.walker\.altitude_km: out of range/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('names a bad --seed and exits 2', async () => {
    expect(await cli('run', scenarioFile, '--seed', 'x', '-q')).toBe(2);
    expect(err).toContain('--seed');
  });

  it('on Ctrl-C writes the folder marked partial (main.ts then exits 130)', async () => {
    const outDir = join(dir, 'interrupted');
    let seen: { partial: boolean; stoppedAt: { reason: string; step: number } } | undefined;
    const timer = setTimeout(() => {
      for (const f of onInterrupt) f();
      seen = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as typeof seen;
    }, 30);
    expect(await cli('run', scenarioFile, '--out', outDir, '--set', 'duration=P20D', '-q')).toBe(0);
    clearTimeout(timer);
    expect(seen?.partial).toBe(true);
    expect(seen?.stoppedAt.reason).toBe('interrupted (Ctrl-C)');
    expect(seen!.stoppedAt.step).toBeGreaterThan(0);
    expect(err).toContain('partial result written to');
    expect(readdirSync(dir).filter((n) => n.endsWith('-tmp'))).toEqual([]);
  });
});

describe('orbitdc run: economics in summary.json and report.html', () => {
  interface Econ {
    comparison: { basis: string; basisNote: string; orbit: { items: Array<{ key: string; usd: number | null }> }; ratio: { perAcceleratorHour: number } };
    monteCarlo: { seed: number; samples: number; ratio: { p50: number } };
    assumptions: { launch: { price_per_kg: number } };
  }
  const econOf = (d: string): Econ => (JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as { economics: Econ }).economics;
  const launchUsd = (e: Econ): number => e.comparison.orbit.items.find((i) => i.key === 'launch')!.usd!;

  it('is on this run\'s delivered compute, seeded from the run\'s seed: same seed, byte-identical summary.json', async () => {
    const a = join(dir, 'econ-a'), b = join(dir, 'econ-b'), c = join(dir, 'econ-c');
    for (const d of [a, b]) expect(await cli('run', scenarioFile, '--out', d, '--set', 'duration=PT2H', '-q')).toBe(0);
    expect(await cli('run', scenarioFile, '--out', c, '--set', 'duration=PT2H', '--seed', '7', '-q')).toBe(0);
    expect(readFileSync(join(b, 'summary.json'), 'utf8')).toBe(readFileSync(join(a, 'summary.json'), 'utf8'));
    const e = econOf(a);
    expect(e.comparison.basis).toBe('delivered');
    expect(e.comparison.basisNote).toContain('from this run (0.08333 days simulated');
    expect(e.monteCarlo.seed).toBe(1);
    expect(econOf(c).monteCarlo.seed).toBe(7);
    expect(econOf(c).monteCarlo.ratio.p50).not.toBe(e.monteCarlo.ratio.p50);
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    for (const id of ['costs', 'tornado', 'monte-carlo', 'ramp']) expect(html).toContain(`<section id="${id}"`);
  });

  it('moves with --set economics.launch.price_per_kg', async () => {
    const a = join(dir, 'econ-a'), p = join(dir, 'econ-500');
    expect(await cli('run', scenarioFile, '--out', p, '--set', 'duration=PT2H', '--set', 'economics.launch.price_per_kg=500', '-q')).toBe(0);
    const base = econOf(a), cheap = econOf(p);
    expect(cheap.assumptions.launch.price_per_kg).toBe(500);
    // Launch cost is linear in today's price (the learning curve scales it): 500/3600 of the default's, to 1e-9.
    expect(Math.abs(launchUsd(cheap) / launchUsd(base) / (500 / base.assumptions.launch.price_per_kg) - 1)).toBeLessThan(1e-9);
    expect(cheap.comparison.ratio.perAcceleratorHour).toBeLessThan(base.comparison.ratio.perAcceleratorHour);
  });
});

describe('orbitdc presets and schema', () => {
  it('lists the presets with their descriptions', async () => {
    expect(await cli('presets')).toBe(0);
    expect(out).toMatch(/^preset:suncatcher-81\s+Project Suncatcher/m);
    expect(out).toContain('preset:spacex-1m');
  });

  it('prints the scenario JSON Schema', async () => {
    expect(await cli('schema')).toBe(0);
    const schema = JSON.parse(out) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toContain('constellations');
  });
});
