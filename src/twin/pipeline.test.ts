/**
 * The pipelined engine (orbit stage on a worker, pipeline.ts) against the in-thread engine:
 * summary.json and series.csv byte for byte, and every per-satellite figure, event and track
 * sample equal, on generated fleets that take the paths that matter: a formation cluster (the
 * J2 near-circular rotation recurrence), a Walker shell with satellite failures (status merge)
 * and radiation events, per-satellite radiation streams, and a mixed fleet with catalog rows
 * (SGP4 on the main thread, written into the worker's slot).
 *
 * Workers load compiled JavaScript only, and vitest runs the TypeScript sources, so the worker's
 * module and its imports are transpiled (typescript's transpileModule, no type check) into a
 * temporary folder first. The 'inline' mode runs the same slot path with the stage on this
 * thread, so the slot and merge logic is also tested without threads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesCsv } from '../report/series.js';
import { summaryJson } from '../report/summary.js';
import { TwinRun, type TwinOptions } from './engine.js';
import { Status } from '../core/status.js';
import { MeanElementSet } from '../orbit/elements.js';
import { OrbitPipeline, slotCountFor } from './pipeline.js';
import type { RunResult } from './results.js';
import { loadScenario, loadScenarioText, type Scenario } from './scenario/index.js';
import { tinyScenarioText } from './test-scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcRoot = resolve(here, '..');

/** Transpile `entry` and every relative import it reaches into `outDir` (same layout); returns the entry's URL. */
function transpileClosure(entry: string, outDir: string): URL {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Runtime imports only (`import type` is erased), and re-exports.
    for (const m of text.matchAll(/^import(?! type)[^;]*?'([^']+)'|^export[^;]*?from\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) todo.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) throw new Error(`${file}: the worker closure imports a package (${spec}); resolve it from the test folder`);
    }
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const out = join(outDir, relative(srcRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  return pathToFileURL(join(outDir, relative(srcRoot, entry)).replace(/\.ts$/, '.js'));
}

let workDir = '';
let workerUrl: URL;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'orbitdc-pipeline-'));
  workerUrl = transpileClosure(join(here, 'pipeline-worker.ts'), workDir);
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function runWith(sc: Scenario, opts: TwinOptions): Promise<{ r: RunResult; threads: number; note: string }> {
  const run = await TwinRun.create(sc, opts);
  try {
    const r = await run.run();
    return { r, threads: run.threads, note: run.threadsNote };
  } finally {
    run.dispose();
  }
}

/** In-thread, worker and inline runs of one scenario: every output equal to the in-thread run's. */
async function expectSame(sc: Scenario, extra: TwinOptions = {}): Promise<RunResult> {
  const one = await runWith(sc, { ...extra, threads: 1 });
  const two = await runWith(sc, { ...extra, threads: 2, orbitWorkerUrl: workerUrl });
  const inline = await runWith(sc, { ...extra, threads: 2, orbitStage: 'inline' });
  expect(one.threads).toBe(1);
  expect(two.threads, two.note).toBe(2);
  for (const other of [two.r, inline.r]) {
    expect(summaryJson(other.summary)).toBe(summaryJson(one.r.summary));
    expect(seriesCsv(other.series, sc.epochUtcMs)).toBe(seriesCsv(one.r.series, sc.epochUtcMs));
    expect(other.perSatellite).toEqual(one.r.perSatellite);
    expect(other.events).toEqual(one.r.events);
    expect(other.tracks).toEqual(one.r.tracks);
  }
  return one.r;
}

function tiny(text: string): Scenario {
  return loadScenarioText(text, { file: 'tiny.yaml', baseDir: here, defaultName: 'tiny' });
}

describe('pipelined orbit stage (threads: 2) = in-thread engine, byte for byte', () => {
  it('suncatcher-81 preset over 6 hours (formation cluster: near-circular J2 recurrence, ring of many slots)', async () => {
    const sc = loadScenario('preset:suncatcher-81', { set: ['duration=PT6H'] });
    expect(slotCountFor(81, sc.stepCount)).toBeGreaterThanOrEqual(64);
    await expectSame(sc);
  });

  it('starlink-v2mini-compute preset over 2 hours (1,584 satellites; network stage reading the slot positions)', async () => {
    await expectSame(loadScenario('preset:starlink-v2mini-compute', { set: ['duration=PT2H'] }));
  });

  it('a 2,000 km Walker shell with satellite failures and radiation events, per-chip and per-satellite streams', async () => {
    const sc = tiny(tinyScenarioText({ altitude_km: 2000, duration: 'PT12H' }));
    // 500 failures per satellite-year (mean life 17.5 h): some of the 6 satellites fail within 12 h, some not.
    const r = await expectSame(sc, { failureRate_per_year: 500 });
    const s = r.summary as { fleet?: unknown; radiation: { events: Record<string, number> } };
    expect(Object.values(s.radiation.events).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    const failed = r.events.type.filter((t) => t === 7).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(6);
    await expectSame(sc, { failureRate_per_year: 500, chipStreamLimit: 10 });
  });

  it('a mixed fleet: Walker rows on the worker, catalog (SGP4) rows on the main thread in the same slots', async () => {
    const text = `${tinyScenarioText({ duration: 'PT3H' }).replace('epoch: 2026-03-01T00:00:00Z', 'epoch: 2026-03-19T00:00:00Z')}  - name: cat
    design: sat
    catalog: ../orbit/testdata/good-mixed-bom-crlf.tle
`;
    const r = await expectSame(tiny(text));
    expect(r.meta?.satelliteCount).toBe(9);
  });

  it('stays in-thread, and says why, where no worker can run', async () => {
    const sc = tiny(tinyScenarioText({ duration: 'PT1H' }));
    const run = await TwinRun.create(sc, { threads: 2 }); // TypeScript sources: no compiled worker beside them
    try {
      expect(run.threads).toBe(1);
      expect(run.threadsNote).toMatch(/in-thread/);
    } finally {
      run.dispose();
    }
    // A worker that cannot load: the run falls back to in-thread and still gives the same bytes.
    const bad = await runWith(sc, { threads: 2, orbitWorkerUrl: pathToFileURL(join(workDir, 'no-such-worker.js')) });
    expect(bad.threads).toBe(1);
    expect(bad.note).toMatch(/did not start/);
    const one = await runWith(sc, { threads: 1 });
    expect(summaryJson(bad.r.summary)).toBe(summaryJson(one.r.summary));
  });

  it('merges statuses as engine.propagate does for SGP4: Failed/Offline kept over an Ok orbit, an out-of-range orbit wins each step', async () => {
    const epochUtcMs = Date.UTC(2026, 0, 1);
    const el = new MeanElementSet(epochUtcMs, 4);
    for (const a_m of [7e6, 7e6, 7e6, 6e6]) el.append({ a_m, e: 0, i_rad: 1, raan_rad: 0, argp_rad: 0, meanAnomaly_rad: el.count }); // 6,000 km: below R⊕
    const { slots, ctl } = OrbitPipeline.allocate(4, 3);
    const p = await OrbitPipeline.start({
      kind: 'orbitdc-orbit-stage', epochUtcMs, dt_s: 60, stepCount: 10, radEvery: 5, generatedCount: 4, rows: 4,
      elements: el.toShared(), ranges: [{ from: 0, to: 4, shieldAl_m: 0.01 }], slots, ctl,
    }, 'inline', null);
    const status = Uint8Array.from([Status.Failed, Status.Offline, Status.Unset, Status.Unset]);
    p.mergeStatus(p.acquire(0), status);
    expect(Array.from(status)).toEqual([Status.Failed, Status.Offline, Status.Ok, Status.Sgp4MeanElements]);
    // Events fail rows 2 and 3 during step 1: row 2 stays Failed, row 3 is out of range again (J2Stepper.markInvalid).
    status[2] = Status.Failed; status[3] = Status.Failed;
    const s1 = p.acquire(1);
    p.mergeStatus(s1, status);
    expect(Array.from(status)).toEqual([Status.Failed, Status.Offline, Status.Failed, Status.Sgp4MeanElements]);
    expect(s1.x_m[3]).toBe(0);
    expect(Math.hypot(s1.x_m[2]!, s1.y_m[2]!, s1.z_m[2]!)).toBeCloseTo(7e6, 3); // circular: |r| = a within 1 mm
    p.dispose();
  });
});
