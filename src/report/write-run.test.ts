import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrbitdcError } from '../core/errors.js';
import { TwinRun } from '../twin/engine.js';
import { tinyScenario } from '../twin/test-scenarios.js';
import { tmpDirOf, writeRun } from './write-run.js';

const root = mkdtempSync(join(tmpdir(), 'orbitdc-write-run-'));

describe('writeRun', () => {
  it('writes a complete run folder and leaves no temporary folder', async () => {
    const run = await TwinRun.create(tinyScenario({ duration: 'PT2H' }));
    const out = join(root, 'complete');
    const w = writeRun(out, await run.run(), { renderHtml: () => '<!doctype html><title>x</title>' });
    expect(w.files).toEqual(['events.csv', 'fleet.czml', 'report.html', 'satellites.csv', 'series.csv', 'summary.json']);
    expect(readdirSync(out).sort()).toEqual(w.files);
    expect(existsSync(tmpDirOf(out))).toBe(false);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { partial: boolean; completedSteps: number };
    expect(s).toMatchObject({ partial: false, completedSteps: 120 });
    const csv = readFileSync(join(out, 'series.csv'), 'utf8').trimEnd().split('\n');
    expect(csv.length).toBe(1 + 120);
    expect(csv[0]!.startsWith('time_s,time_utc,satellitesUp_count,')).toBe(true);
    expect(csv[1]!.startsWith('0,2026-03-01T00:00:00Z,6,')).toBe(true);
    expect(csv.every((l) => !l.includes('NaN'))).toBe(true);
    const sats = readFileSync(join(out, 'satellites.csv'), 'utf8').trimEnd().split('\n');
    expect(sats.length).toBe(7);
    expect(sats[1]!.startsWith('1,shell-1-1,shell,0,')).toBe(true);
  });

  it('after an abort, writes the folder marked partial with where it stopped, and replaces the earlier run', async () => {
    const out = join(root, 'aborted');
    const first = await TwinRun.create(tinyScenario({ duration: 'PT1H' }));
    writeRun(out, await first.run());
    const run = await TwinRun.create(tinyScenario());
    for (let k = 0; k < 42; k++) run.stepOnce();
    const ctl = new AbortController();
    ctl.abort();
    writeRun(out, await run.run(ctl.signal));
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { partial: boolean; stoppedAt: { step: number; utc: string; time_s: number } };
    expect(s.partial).toBe(true);
    expect(s.stoppedAt).toMatchObject({ step: 42, time_s: 2520, utc: '2026-03-01T00:42:00Z' });
    expect(readFileSync(join(out, 'series.csv'), 'utf8').trimEnd().split('\n').length).toBe(1 + 42);
    expect(readdirSync(root).filter((n) => n.includes('-tmp'))).toEqual([]);
  });

  it('refuses to replace a folder that is not a run folder, and touches nothing in it', async () => {
    const out = join(root, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'x');
    const run = await TwinRun.create(tinyScenario({ duration: 'PT1H' }));
    const r = await run.run();
    expect(() => writeRun(out, r)).toThrow(OrbitdcError);
    expect(readdirSync(out)).toEqual(['thesis.tex']);
    expect(existsSync(tmpDirOf(out))).toBe(false);
  });

  it('still writes the data files when the report renderer throws, and says so', async () => {
    const run = await TwinRun.create(tinyScenario({ duration: 'PT1H' }));
    const w = writeRun(join(root, 'noreport'), await run.run(), { renderHtml: () => { throw new Error('boom'); } });
    expect(w.files).not.toContain('report.html');
    expect(w.files).toContain('summary.json');
    expect(w.problems[0]).toContain('boom');
  });
});
