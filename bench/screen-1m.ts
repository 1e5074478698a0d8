/**
 * screen-1m: 1,000,000 designed satellites (ten Walker delta shells of 100,000, 400 planes × 250,
 * as presets/spacex-1m.yaml: 500–2,000 km, alternating 30° and sun-synchronous) screened within
 * themselves and against `../shared/data/catalogs/active-2026-03-19.tle` for 24 h at 5 km.
 * Goal (issue 6): under 10 minutes on 2 cores.
 *
 * Method: (1) intra-shell pairs of each Walker shell by its symmetry (src/debris/periodic.ts):
 * one window of Δt = T_u/250 ≈ 23–31 s is screened and its encounters relabelled over the day;
 * the shells are 50 km apart (> threshold), so no pair of two shells can meet (checked here).
 * (2) designed × catalog pairs over the whole window on worker threads (pairs: 'cross'): by
 * default (--method shells) each catalog object finds the shell satellites that can come near it
 * analytically (src/debris/shell-cross.ts, --shell-substeps per step); --method grid boxes all
 * designed satellites every sub-interval (the grid's sparse cross mode). Same events either way.
 * Intra-shell encounters are counted, not stored: the single-altitude preset has ~10⁸ a day.
 *
 * `node dist/bench/run.js screen-1m [--shells N] [--per-shell N] [--hours H] [--workers W] [--step S] [--substeps M] [--method shells|grid] [--shell-substeps K]`
 * (--shells/--per-shell/--hours scale the case down for a quick measurement.)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screenParallel, type ScreenMethod } from '../src/debris/parallel.js';
import { DEG_TO_RAD } from '../src/core/units.js';
import { MeanElementSet } from '../src/orbit/elements.js';
import { readCatalogRecords } from '../src/orbit/catalog.js';
import { walkerDelta } from '../src/orbit/walker.js';
import { ringShells, screenRingShell } from '../src/debris/periodic.js';
import { type BenchResult, withPeakRss } from './harness.js';

const SHELLS: ReadonlyArray<readonly [number, number]> = [
  [500, 30], [550, 97.593], [800, 30], [850, 98.816], [1100, 30], [1150, 100.178], [1400, 30], [1450, 101.69], [1950, 30], [2000, 104.89],
];

function numArg(args: string[], name: string, dflt: number): number {
  const k = args.indexOf(name);
  if (k < 0) return dflt;
  const v = Number(args[k + 1]);
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`screen-1m: ${name} expects a positive number, found "${args[k + 1] ?? ''}"`);
  return v;
}

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const shells = numArg(opts.args, '--shells', 10);
  const perShell = numArg(opts.args, '--per-shell', 100_000);
  const hours = numArg(opts.args, '--hours', 24);
  const workers = numArg(opts.args, '--workers', 2);
  const step_s = numArg(opts.args, '--step', 120);
  const substeps = numArg(opts.args, '--substeps', 4);
  const shellSubsteps = numArg(opts.args, '--shell-substeps', 16);
  const mi = opts.args.indexOf('--method');
  const method = (mi >= 0 ? opts.args[mi + 1] : 'shells') as ScreenMethod;
  if (method !== 'shells' && method !== 'grid') throw new Error(`screen-1m: --method expects shells or grid, found "${String(method)}"`);
  const threshold_m = 5000;
  const from = Date.UTC(2026, 2, 20), to = from + hours * 3_600_000;
  const file = [fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url)), resolve(process.cwd(), '../shared/data/catalogs/active-2026-03-19.tle')].find((f) => existsSync(f));
  if (!file) throw new Error('screen-1m: active-2026-03-19.tle not found beside the repository');
  const records = readCatalogRecords(file);
  const planes = Math.max(1, Math.round(perShell / 250));
  const el = new MeanElementSet(from, shells * planes * 250);
  for (let s = 0; s < shells; s++) {
    const [alt, inc] = SHELLS[s % SHELLS.length]!;
    walkerDelta({ epochUtcMs: from, total: planes * 250, planes, phasing: 1, altitude_m: alt * 1000, inclination_rad: inc * DEG_TO_RAD, noNames: true, into: el });
  }
  const n = el.count;
  let wall = 0;
  // Intra-shell pairs: each Walker shell by its symmetry (periodic.ts); the shells must be
  // radially apart (by more than the threshold), so that no pair of two shells can meet.
  const rings = ringShells(el);
  const inRing = rings.reduce((acc, r) => acc + r.rows.length, 0);
  if (inRing !== n) throw new Error(`screen-1m: ${n - inRing} designed rows are in no ring shell`);
  const bands = rings.map((r) => [r.a_m - threshold_m, r.a_m + threshold_m] as const).sort((p, q) => p[0] - q[0]);
  for (let k = 1; k < bands.length; k++) if (bands[k]![0] <= bands[k - 1]![1]) throw new Error('screen-1m: two shells closer than the threshold');
  let intra = 0, intraMin = Infinity, intraBase_s = 0;
  const { result, peakRss_bytes } = await withPeakRss(async () => {
    const w0 = process.hrtime.bigint();
    for (const ring of rings) {
      const r = await screenRingShell(el, ring, { fromUtcMs: from, toUtcMs: to, threshold_m, step_s, substeps });
      intra += r.count; intraMin = Math.min(intraMin, r.minMiss_m); intraBase_s += r.baseScreen_s;
    }
    // Designed × catalog over the whole window (cross pairs only), on worker threads.
    const r = await screenParallel(
      { kind: 'designed', epochUtcMs: from, columns: el.toShared(), count: n },
      { kind: 'catalog', records },
      { fromUtcMs: from, toUtcMs: to, threshold_m, step_s, substeps, shellSubsteps, pairs: 'cross' }, workers, method,
    );
    wall = Number(process.hrtime.bigint() - w0) / 1e9;
    return r;
  });
  const sum = (f: (s: (typeof result.stats)[number]) => number): number => result.stats.reduce((acc, s) => acc + f(s), 0);
  let crossMin = Infinity;
  for (let k = 0; k < result.events.count; k++) crossMin = Math.min(crossMin, result.events.miss_m[k]!);
  const scale = 24 / hours;
  return {
    name: 'screen-1m',
    input: `${n.toLocaleString('en-US')} designed satellites (${shells} Walker shells × ${planes} planes × 250) + ${records.length.toLocaleString('en-US')} catalog objects, ${hours} h, 5 km, step ${step_s} s × ${method === 'shells' ? `${shellSubsteps} (analytic shell search)` : `${substeps} (grid)`}, ${workers} worker threads`,
    figures: [
      { label: 'screen (intra-shell by symmetry + designed × catalog)', wall_s: wall, rate_per_s: ((n + records.length) * sum((s) => s.steps)) / wall, rateUnit: 'object-steps/s', peakRss_bytes },
      { label: '  intra-shell base windows (all shells)', wall_s: intraBase_s },
      { label: '  designed × catalog: propagation (sum over workers)', wall_s: sum((s) => s.propagate_s) },
      { label: `  ${method === 'shells' ? 'candidate search' : 'grid'} (sum over workers)`, wall_s: sum((s) => s.grid_s) },
      { label: '  refinement (sum over workers)', wall_s: sum((s) => s.refine_s) },
    ],
    goal: '1,000,000 designed satellites + the 14,710-object catalog × 24 h in < 10 minutes on 2 cores',
    goalMet: hours === 24 && n >= 1_000_000 && wall < 600,
    notes: [
      `intra-shell encounters ≤ 5 km: ${intra.toLocaleString('en-US')} (closest ${intraMin.toFixed(0)} m) over ${hours} h in ${rings.length} shells (symmetry periods ${rings.map((r) => r.period_s.toFixed(1)).join(', ')} s)`,
      `designed × catalog encounters ≤ 5 km: ${result.events.count.toLocaleString('en-US')} (closest ${crossMin.toFixed(0)} m); ${sum((s) => s.refined).toLocaleString('en-US')} (pair, step) candidates refined; catalog objects dropped by apogee/perigee: ${result.stats[0]?.secondaryFiltered ?? 0}`,
      `worker walls ${result.workerWall_s.map((x) => x.toFixed(1)).join(', ')} s`,
      ...(scale !== 1 || n < 1_000_000 ? [`scaled-down run: ×${scale.toFixed(1)} in time and ×${(1e6 / n).toFixed(1)} in satellites to reach the full case`] : []),
    ],
  };
}
