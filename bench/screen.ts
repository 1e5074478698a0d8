/**
 * screen: conjunction screening of `../shared/data/catalogs/active-2026-03-19.tle` (14,710
 * objects) against itself for 24 h at a 5 km threshold. Goal (issue 6): under 10 s. Peer figure
 * (not run here): the SIMPLETON screener does ~30,000 objects in 18–20 s (issue 6's figure).
 *
 * `node dist/bench/run.js screen [--step S] [--substeps M] [--threshold-km D] [--hours H] [--backend wasm|wasm-mt|js] [--workers W]`
 * Defaults: step 120 s × 4 sub-intervals, 2 workers. With --workers W > 1 the window is split
 * over W worker threads (parallel.ts; SGP4 single-thread WASM in each); --workers 1 runs in this
 * thread with --backend (default wasm-mt).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screenParallel } from '../src/debris/parallel.js';
import { catalogPopulation } from '../src/debris/population.js';
import { screen } from '../src/debris/screen.js';
import { loadCatalog } from '../src/orbit/catalog.js';
import type { Sgp4Backend } from '../src/orbit/sgp4.js';
import { type BenchResult, withPeakRss } from './harness.js';

function numArg(args: string[], name: string, dflt: number): number {
  const k = args.indexOf(name);
  if (k < 0) return dflt;
  const v = Number(args[k + 1]);
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`screen: ${name} expects a positive number, found "${args[k + 1] ?? ''}"`);
  return v;
}

export const ACTIVE_CATALOG = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  // 120 s: Hermite interpolation error ≤ 5.5 m in LEO (encounter.ts), far below TLE error.
  const step_s = numArg(opts.args, '--step', 120);
  const substeps = numArg(opts.args, '--substeps', 4);
  const threshold_m = numArg(opts.args, '--threshold-km', 5) * 1000;
  const hours = numArg(opts.args, '--hours', 24);
  const bi = opts.args.indexOf('--backend');
  const backend = (bi >= 0 ? opts.args[bi + 1] : 'wasm-mt') as Sgp4Backend;
  // The file sits beside the repository (../shared from the repository root): from dist/bench, or the working directory.
  const file = [ACTIVE_CATALOG, resolve(process.cwd(), '../shared/data/catalogs/active-2026-03-19.tle')].find((f) => existsSync(f)) ?? ACTIVE_CATALOG;
  const t0 = process.hrtime.bigint();
  const cat = loadCatalog(file);
  const load_s = Number(process.hrtime.bigint() - t0) / 1e9;
  const from = Date.UTC(2026, 2, 20);
  const to = from + hours * 3_600_000;
  const workers = numArg(opts.args, '--workers', 2);
  let wall = 0;
  let workerWalls: number[] = [];
  const { result, peakRss_bytes } = await withPeakRss(async () => {
    const w0 = process.hrtime.bigint();
    if (workers > 1) {
      const r = await screenParallel({ kind: 'catalog', records: cat.records }, undefined, { fromUtcMs: from, toUtcMs: to, threshold_m, step_s, substeps }, workers);
      wall = Number(process.hrtime.bigint() - w0) / 1e9;
      workerWalls = r.workerWall_s;
      const st = r.stats.reduce((acc, x) => ({ ...acc, steps: acc.steps + x.steps, refined: acc.refined + x.refined, boxOverlaps: acc.boxOverlaps + x.boxOverlaps, pairsFiltered: acc.pairsFiltered + x.pairsFiltered, propagate_s: acc.propagate_s + x.propagate_s, grid_s: acc.grid_s + x.grid_s, refine_s: acc.refine_s + x.refine_s }));
      return { events: r.events, stats: st };
    }
    const pop = await catalogPopulation(cat.records, from, to, { backend });
    try {
      const r = await screen(pop, undefined, { fromUtcMs: from, toUtcMs: to, threshold_m, step_s, substeps });
      wall = Number(process.hrtime.bigint() - w0) / 1e9;
      return r;
    } finally {
      pop.dispose();
    }
  });
  const s = result.stats;
  const n = cat.records.length;
  let minMiss = Infinity;
  for (let k = 0; k < result.events.count; k++) minMiss = Math.min(minMiss, result.events.miss_m[k]!);
  return {
    name: 'screen',
    input: `${n.toLocaleString('en-US')} objects (active-2026-03-19.tle) against themselves, ${hours} h from 2026-03-20T00:00Z, threshold ${threshold_m / 1000} km, step ${step_s} s × ${substeps} grid sub-intervals, SGP4 ${workers > 1 ? `wasm in each of ${workers} worker threads` : backend}`,
    figures: [
      { label: 'load catalog', wall_s: load_s },
      { label: 'screen (SGP4 + grid + refinement)', wall_s: wall, rate_per_s: (n * (s.steps + 1)) / wall, rateUnit: 'object-steps/s', peakRss_bytes },
      { label: `  of which SGP4 propagation${workers > 1 ? ' (sum over workers)' : ''}`, wall_s: s.propagate_s },
      { label: '  of which grid (boxes, hash, pairs)', wall_s: s.grid_s },
      { label: '  of which refinement', wall_s: s.refine_s },
    ],
    peer: 'SIMPLETON (~30,000 objects in 18–20 s, as quoted by issue 6; not run here)',
    goal: '14,710 objects × 24 h at 5 km in < 10 s',
    goalMet: wall < 10,
    notes: [
      `${result.events.count} encounters ≤ ${threshold_m / 1000} km (closest ${(minMiss / 1000).toFixed(3)} km); ${s.refined.toLocaleString('en-US')} (pair, step) candidates refined; ${s.boxOverlaps.toLocaleString('en-US')} box overlaps`,
      `pairs dropped: ${s.pairsFiltered.toLocaleString('en-US')} by apogee/perigee, ${s.pairsExcludedSamePlane} same-plane`,
      ...(workerWalls.length ? [`worker walls ${workerWalls.map((x) => x.toFixed(2)).join(', ')} s (from worker start, including the wait for the shared SGP4 state)`] : []),
    ],
  };
}
