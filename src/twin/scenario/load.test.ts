import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { loadScenario, loadScenarioText, ScenarioError, type Scenario, type ScenarioProblem } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-scenario-'));

/** A valid scenario; tests break it line by line. Line numbers below refer to this text. */
const GOOD = `epoch: 2026-01-01T00:00:00Z
duration: P1D
step_s: 60
seed: 3
designs:
  sat:
    mass_kg: 575
    solar_array: { area_m2: 80 }
    battery: { capacity_Wh: 5000 }
    radiator: { area_m2: 40 }
    bus_load_W: 3000
    accelerators: { model: h100-sxm, count: 20 }
constellations:
  - design: sat
    walker:
      total: 1584
      planes: 72
      phasing: 39
      altitude_km: 550
      inclination_deg: 53
`;

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Load and return the ScenarioError's problems; fails the test if the load succeeds. */
function problemsOf(path: string, set?: string[]): readonly ScenarioProblem[] {
  try {
    loadScenario(path, set ? { set } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e).toBeInstanceOf(InputError);
    return (e as ScenarioError).problems;
  }
  throw new Error(`expected ${path} to fail`);
}

describe('loadScenario: a valid file', () => {
  it('normalises to SI: metres, radians, seconds, UTC ms, joules, kelvin', () => {
    const s: Scenario = loadScenario(write('good.yaml', GOOD));
    expect(s.name).toBe('good');
    expect(s.epochUtcMs).toBe(Date.UTC(2026, 0, 1));
    expect(s.duration_s).toBe(86_400);
    expect(s.stepCount).toBe(1440);
    expect(s.seed).toBe(3);
    const c = s.constellations[0];
    if (c?.kind !== 'walker') throw new Error('expected a walker');
    expect(c.altitude_m).toBe(550_000);
    expect(c.a_m).toBe(6_378_137 + 550_000);
    expect(c.inclination_rad).toBe((53 * Math.PI) / 180);
    expect(c.perPlane).toBe(22);
    expect(c.raanSpread_rad).toBe(2 * Math.PI);
    expect(s.generatedCount).toBe(1584);
    const d = s.designs.sat;
    expect(d?.battery.capacity_J).toBe(5000 * 3600);
    // Defaults applied from the schema (documented there with their sources).
    expect(d?.solarArray.cellEfficiency).toBe(0.3);
    expect(d?.radiator.emissivity).toBe(0.92);
    expect(d?.radiator.faces).toBe(2);
    expect(d?.shieldingAl_m).toBe(0.01);
    expect(d?.chipMax_K).toBe(85 + 273.15);
    // 80 m² × 0.30 × 0.85 × 1,361 W/m² = 27,764.4 W at beginning of life.
    expect(Math.abs((d?.solarArray.bolPower_W ?? 0) - 27_764.4)).toBeLessThan(0.01);
    expect(s.warnings).toEqual([]);
  });

  it('applies --set overrides, numbers and strings read as YAML', () => {
    const s = loadScenario(write('good2.yaml', GOOD), { set: ['constellations[0].walker.altitude_km=600', 'seed=7', 'duration=P2D'] });
    const c = s.constellations[0];
    if (c?.kind !== 'walker') throw new Error('expected a walker');
    expect(c.altitude_m).toBe(600_000);
    expect(s.seed).toBe(7);
    expect(s.duration_s).toBe(2 * 86_400);
    expect(s.overrides).toEqual(['constellations[0].walker.altitude_km=600', 'seed=7', 'duration=P2D']);
    expect(s.input.seed).toBe(7);
  });

  it('creates missing mappings along a --set path', () => {
    const s = loadScenario(write('good3.yaml', GOOD), { set: ['designs.sat.thermal_limits.chip_max_C=95'] });
    expect(s.designs.sat?.chipMax_K).toBe(95 + 273.15);
  });

  it('counts calendar years and months from the epoch (P1Y over a leap year is 366 d)', () => {
    const s = loadScenario(write('leap.yaml', GOOD.replace('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z').replace('P1D', 'P1Y')));
    expect(s.duration_s).toBe(366 * 86_400);
    const m = loadScenario(write('month.yaml', GOOD.replace('2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z').replace('P1D', 'P1M')));
    // Jan 31 + 1 month is clamped to Feb 28 (2026 is not a leap year): 28 days.
    expect(m.duration_s).toBe(28 * 86_400);
  });

  it('resolves a catalog file relative to the scenario file', () => {
    mkdirSync(join(dir, 'sub', 'cat'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'cat', 'x.tle'), 'ISS\n');
    const text = GOOD.replace(/ {4}walker:[\s\S]*$/, '    catalog: cat/x.tle\n');
    const s = loadScenario(write('sub/with-catalog.yaml', text));
    const c = s.constellations[0];
    expect(c?.kind).toBe('catalog');
    expect(c?.kind === 'catalog' && c.path).toBe(join(dir, 'sub', 'cat', 'x.tle'));
    expect(c?.count).toBeNull();
  });
});

describe('loadScenario: every problem at once, located', () => {
  it('reports a missing required key at its parent mapping', () => {
    const problems = problemsOf(write('missing.yaml', GOOD.replace('      altitude_km: 550\n', '')));
    expect(problems.map((p) => [p.field, p.line, p.column, p.message])).toEqual([['constellations[0].walker.altitude_km', 16, 7, 'missing required key "altitude_km"']]);
    expect(problems[0]?.expected).toMatch(/^a number: Shell altitude/);
  });

  it('reports 4 different mistakes as 4 problems with their line:column', () => {
    const bad = GOOD.replace('duration: P1D', 'duration: 5 years') // line 2, col 11: bad format
      .replace('mass_kg: 575', 'mass_kg: heavy') // line 7, col 14: wrong type
      .replace('      altitude_km: 550', '      altitde_km: 550') // line 19, col 7: unknown key (its "missing altitude_km" is not repeated)
      .replace('planes: 72', 'planes: 70'); // line 17, col 15... semantic: 1584 not a multiple of 70 (reported at total, line 16 col 14)
    const problems = problemsOf(write('four.yaml', bad));
    const brief = problems.map((p) => [p.field, p.line, p.column]);
    expect(brief).toEqual([
      ['duration', 2, 11],
      ['designs.sat.mass_kg', 7, 14],
      ['constellations[0].walker.total', 16, 14],
      ['constellations[0].walker.altitde_km', 19, 7],
    ]);
    // Expected and found are spelt out.
    const mass = problems.find((p) => p.field === 'designs.sat.mass_kg');
    expect(mass?.expected).toBe('a number');
    expect(mass?.found).toBe('"heavy"');
    const total = problems.find((p) => p.field === 'constellations[0].walker.total');
    expect(total?.message).toContain('not a multiple of planes 70');
  });

  it('offers "did you mean" for a misspelt key: altitde_km → altitude_km', () => {
    const problems = problemsOf(write('typo.yaml', GOOD.replace('      altitude_km: 550', '      altitde_km: 550')));
    expect(problems).toHaveLength(1);
    const p = problems[0];
    expect(p?.message).toBe('unknown key "altitde_km" (did you mean "altitude_km"?)');
    expect([p?.line, p?.column]).toEqual([19, 7]);
  });

  it('lists all problems in the message, one line each with file:line:col', () => {
    const path = write('msg.yaml', GOOD.replace('seed: 3', 'seed: -1').replace('inclination_deg: 53', 'inclination_deg: 190'));
    try {
      loadScenario(path);
      throw new Error('expected failure');
    } catch (e) {
      const lines = (e as Error).message.split('\n');
      expect(lines[0]).toBe(`scenario ${path}: 2 problems`);
      expect(lines[1]).toBe(`  ${path}:4:7: seed: out of range (expected ≥ 0, found -1)`);
      expect(lines[2]).toBe(`  ${path}:20:24: constellations[0].walker.inclination_deg: out of range (expected ≤ 180, found 190)`);
    }
  });

  it('gives a YAML syntax error its line:column', () => {
    const problems = problemsOf(write('syntax.yaml', GOOD.replace('solar_array: { area_m2: 80 }', 'solar_array: { area_m2: 80')));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]?.message).toMatch(/^YAML syntax/);
    expect(problems[0]?.line).toBe(9);
  });

  it('reports a duplicate key with the duplicate\'s position', () => {
    const problems = problemsOf(write('dup.yaml', GOOD.replace('seed: 3', 'seed: 3\nseed: 4')));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/unique/);
    expect([problems[0]?.line, problems[0]?.column]).toEqual([5, 1]);
  });

  it('points bad --set values and paths at the --set argument', () => {
    const problems = problemsOf(write('set.yaml', GOOD), [
      'constellations[0].walker.altitude_km=low',
      'constellations[4].walker.total=5',
      'designs.sat.solar_aray.area_m2=3',
      'seed',
      'a..b=1',
    ]);
    const lines = problems.map((p) => `${p.file} | ${p.field ?? ''} | ${p.message}`);
    expect(lines).toEqual([
      '--set seed |  | missing "="',
      '--set a..b=1 |  | bad path: empty key at character 3',
      '--set constellations[4].walker.total=5 | constellations[4] | index out of range: constellations has 1 entry',
      '--set designs.sat.solar_aray.area_m2=3 | designs.sat.solar_aray | unknown key "solar_aray" (did you mean "solar_array"?)',
      '--set constellations[0].walker.altitude_km=low | constellations[0].walker.altitude_km | wrong type',
    ]);
    expect(problems.every((p) => p.line === undefined)).toBe(true);
  });

  it('checks semantics: phasing range, design reference, SSO altitude, catalog file, step, epoch', () => {
    const text = `epoch: 2026-02-30T00:00:00Z
duration: P1D
step_s: 7
designs:
  sat:
    mass_kg: 1
    solar_array: { area_m2: 1 }
    battery: { capacity_Wh: 1 }
    radiator: { area_m2: 1 }
    bus_load_W: 1
    accelerators: { model: x, count: 1 }
    thermal_limits: { chip_max_C: 60, radiator_max_C: 70 }
constellations:
  - design: sat
    walker: { total: 4, planes: 2, phasing: 2, altitude_km: 550, inclination_deg: 53 }
  - design: sta
    sso: { altitude_km: 6000, ltan: "18:00" }
  - design: sat
    catalog: nowhere/x.tle
`;
    const problems = problemsOf(write('semantic.yaml', text));
    const got = problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
    expect(got).toEqual([
      '1:8 epoch: no such calendar date or time',
      '12:55 designs.sat.thermal_limits.radiator_max_C: radiator limit must be below the chip limit (heat flows from chip to radiator)',
      '15:45 constellations[0].walker.phasing: phasing factor out of range',
      '16:13 constellations[1].design: no design named "sta" (did you mean "sat"?)',
      '17:25 constellations[1].sso.altitude_km: no sun-synchronous orbit exists at this altitude',
      '19:14 constellations[2].catalog: catalog file not found',
    ]);
    // With a valid epoch, a step that does not divide the duration is named with nearby steps.
    const p2 = problemsOf(write('step.yaml', text.replace('2026-02-30', '2026-03-01')));
    const step = p2.find((p) => p.field === 'step_s');
    expect(step?.message).toBe('duration P1D (86400 s) is not a whole number of steps');
    expect(step?.expected).toBe('a step that divides 86400 s, e.g. 6 s or 8 s');
  });

  it('names a constellation with no orbit source, or two', () => {
    const none = GOOD.replace(/ {4}walker:[\s\S]*$/, '');
    expect(problemsOf(write('none.yaml', none)).map((p) => [p.field, p.message, p.line])).toEqual([['constellations[0]', 'no orbit source', 14]]);
    const two = `${GOOD}    sso: { altitude_km: 650, ltan: "18:00" }\n`;
    const p = problemsOf(write('two.yaml', two));
    expect(p.map((q) => [q.field, q.message, q.found])).toEqual([['constellations[0]', 'more than one orbit source; keep one', 'walker and sso']]);
  });

  it('reports a missing file as E_FILE and an empty file as a problem', () => {
    try {
      loadScenario(join(dir, 'absent.yaml'));
      throw new Error('expected failure');
    } catch (e) {
      expect((e as ScenarioError).code).toBe('E_FILE');
      expect((e as ScenarioError).problems[0]?.found).toBe('ENOENT');
    }
    expect(problemsOf(write('empty.yaml', '# nothing\n'))[0]?.message).toBe('scenario is empty');
  });

  it('warns (without failing) about a coarse step and an unused design', () => {
    const text = GOOD.replace('step_s: 60', 'step_s: 600').replace('designs:\n', 'designs:\n  spare:\n    mass_kg: 1\n    solar_array: { area_m2: 1 }\n    battery: { capacity_Wh: 1 }\n    radiator: { area_m2: 1 }\n    bus_load_W: 1\n    accelerators: { model: x, count: 1 }\n');
    const s = loadScenarioText(text, { file: 'inline', baseDir: dir, defaultName: 'inline' });
    expect(s.warnings.map((w) => [w.field, w.line])).toEqual([
      ['designs.spare', 7],
      ['step_s', 3],
    ]);
  });
});
