/**
 * SGP4 throughput: the first 10,000 objects of the 2026-03-19 active catalog, 60 one-minute steps
 * from 2026-03-20T00:00Z, written into fleet columns (m, m/s, status) step by step, as the twin
 * does. Ours: each kernel of src/orbit/sgp4.ts. Peers in the same run: python-sgp4
 * (bench/peer_sgp4.py, propagation only, via /usr/bin/python3) and satellite.js's plain JS
 * `propagate` loop. Goal (issue "Foundation and astrodynamics"): ≥ 2× python-sgp4.
 *
 * Args: `--objects N` (default 10000), `--steps K` (default 60). Wall times are propagation only
 * (catalog parsing and set-up excluded, as in the python peer); each is the best of 3 runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { propagate, twoline2satrec } from 'satellite.js';
import { parseTle } from '../src/orbit/tle.js';
import type { FleetState } from '../src/core/fleet.js';
import { Sgp4Fleet, type Sgp4Backend } from '../src/orbit/sgp4.js';
import { machineDescription, withPeakRss, type BenchFigure, type BenchResult } from './harness.js';

const START_MS = Date.UTC(2026, 2, 20);
const STEP_MS = 60_000;
/** Each figure is the best of this many timed runs (the 2-core machine is shared). */
const REPEATS = 3;

function firstExisting(rels: string[]): string | undefined {
  for (const rel of rels) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

function argValue(args: string[], name: string, fallback: number): number {
  const k = args.indexOf(name);
  const v = k >= 0 ? Number(args[k + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

interface PeerOutput { peer: string; mode: string; accelerated: boolean; objects: number; steps: number; propagations: number; wall_s: number; rate_per_s: number; python: string }

function runPythonPeer(catalog: string, objects: number, steps: number): PeerOutput | string {
  const script = firstExisting(['../../bench/peer_sgp4.py', './peer_sgp4.py']);
  if (!script) return 'bench/peer_sgp4.py not found';
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(python, [script, catalog, String(objects), String(START_MS / 1000), String(steps), String(STEP_MS / 1000)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return `python peer failed: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1) ?? ''}`;
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as PeerOutput;
  } catch {
    return `python peer printed no JSON: ${r.stdout.slice(0, 80)}`;
  }
}

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const nObjects = argValue(opts.args, '--objects', 10_000);
  const steps = argValue(opts.args, '--steps', 60);
  const catalog = firstExisting(['../../../shared/data/catalogs/active-2026-03-19.tle', '../../shared/data/catalogs/active-2026-03-19.tle']);
  if (!catalog) throw new Error('active-2026-03-19.tle not found under ../shared/data/catalogs');
  const text = readFileSync(catalog, 'utf8');
  const records = parseTle(text, catalog).records.slice(0, nObjects);
  const n = records.length;
  const props = n * steps;
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  const rate = (wall_s: number) => props / wall_s;

  const ours: Array<{ backend: Sgp4Backend; label: string; steps?: true }> = [
    { backend: 'wasm-mt', label: 'orbitdc propagateSteps (WASM, 2 pthreads)', steps: true },
    { backend: 'wasm', label: 'orbitdc propagateSteps (WASM, 1 thread)', steps: true },
    { backend: 'wasm-mt', label: 'orbitdc propagate per step (WASM, 2 pthreads)' },
    { backend: 'wasm', label: 'orbitdc propagate per step (WASM, 1 thread)' },
    { backend: 'js', label: 'orbitdc propagate per step (JS reference)' },
  ];
  let best = 0, bestLabel = '';
  let sink = 0;
  const onStep = (): void => { sink += fleetForSink?.x_m[0] ?? 0; };
  let fleetForSink: FleetState | undefined;
  for (const { backend, label, steps: batched } of ours) {
    const prop = await Sgp4Fleet.create(records, { backend, threads: 2 });
    const fleet = prop.makeFleetState();
    fleetForSink = fleet;
    await prop.propagateAsync(START_MS, fleet); // warm-up: JIT, WASM pages, worker start
    if (batched) await prop.propagateSteps(START_MS, STEP_MS, 16, fleet, onStep);
    const { result: wall_s, peakRss_bytes } = await withPeakRss(async () => {
      let bestWall = Infinity;
      for (let rep = 0; rep < REPEATS; rep++) {
        const t0 = process.hrtime.bigint();
        if (batched) await prop.propagateSteps(START_MS, STEP_MS, steps, fleet, onStep);
        else if (backend === 'wasm-mt') for (let k = 0; k < steps; k++) await prop.propagateAsync(START_MS + k * STEP_MS, fleet);
        else for (let k = 0; k < steps; k++) prop.propagate(START_MS + k * STEP_MS, fleet);
        bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - t0) / 1e9);
      }
      return bestWall;
    });
    figures.push({ label, wall_s, rate_per_s: rate(wall_s), rateUnit: 'propagations/s', peakRss_bytes });
    if (rate(wall_s) > best) { best = rate(wall_s); bestLabel = label; }
    if (backend === 'js') notes.push(`status after the last step: ${fleet.countStatus(0)} Ok of ${n}`);
    prop.dispose();
  }

  let sjsRate = NaN;
  // Peer 2: satellite.js plain loop, one Date per step, as its README shows.
  {
    const lines = text.split(/\r*\n/);
    const satrecs = [];
    for (let i = 0; i + 1 < lines.length && satrecs.length < n; i++) {
      if (lines[i]!.startsWith('1 ') && lines[i + 1]!.startsWith('2 ')) { satrecs.push(twoline2satrec(lines[i]!, lines[i + 1]!)); i++; }
    }
    let wall_s = Infinity;
    for (let rep = 0; rep < REPEATS; rep++) {
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < steps; k++) {
        const d = new Date(START_MS + k * STEP_MS);
        for (const s of satrecs) {
          const pv = propagate(s, d);
          if (pv) sink += pv.position.x;
        }
      }
      wall_s = Math.min(wall_s, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    figures.push({ label: 'satellite.js 7.1 propagate() loop (peer)', wall_s, rate_per_s: rate(wall_s), rateUnit: 'propagations/s' });
    sjsRate = rate(wall_s);
    if (!Number.isFinite(sink)) notes.push('satellite.js loop produced a non-finite sum');
  }

  // Peer 1: python-sgp4.
  const py = runPythonPeer(catalog, n, steps);
  let ratio: number | undefined;
  let peer: string | undefined;
  if (typeof py === 'string') {
    notes.push(py);
  } else {
    peer = `${py.peer} (${py.mode}, Python ${py.python})`;
    figures.push({ label: `python-sgp4 ${py.accelerated ? 'C++ SatrecArray' : 'pure Python'} (peer, ${py.objects} obj)`, wall_s: py.wall_s, rate_per_s: py.rate_per_s, rateUnit: 'propagations/s' });
    ratio = best / py.rate_per_s;
    if (!py.accelerated) {
      notes.push('python-sgp4 is NOT accelerated here (Debian python3-sgp4 2.15 ships no compiled vallado_cpp module, and PyPI is not reachable): the peer is its pure-Python Satrec.sgp4 loop, timed over its first objects; the goal is meant against the C++ SatrecArray, so this ratio overstates ours.');
    }
  }
  const judged = typeof py !== 'string' && py.accelerated;
  if (!judged && Number.isFinite(sjsRate)) {
    // The issue's fallback: where python-sgp4's C++ SatrecArray cannot be installed, the peer is
    // satellite.js's plain loop, and the 2× goal is judged against it.
    if (ratio !== undefined) notes.push(`ratio vs python-sgp4 pure Python: ${ratio.toFixed(1)}×`);
    ratio = best / sjsRate;
    peer = 'satellite.js 7.1 plain propagate() loop (fallback peer: accelerated python-sgp4 not installable here)';
  }
  notes.push(`best of ours: ${bestLabel}; every figure is the best of ${REPEATS} runs (python: of 3), after one warm-up step`);
  return {
    name: 'sgp4',
    input: `${n.toLocaleString('en-US')} objects × ${steps} one-minute steps from 2026-03-20T00:00Z (active-2026-03-19.tle)`,
    figures,
    ...(ratio !== undefined ? { ratioVsPeer: ratio } : {}),
    ...(peer !== undefined ? { peer } : {}),
    goal: judged ? '≥ 2× python-sgp4 (C++ SatrecArray) propagations/s' : '≥ 2× the fallback peer (satellite.js plain loop) propagations/s',
    ...(ratio !== undefined ? { goalMet: ratio >= 2 } : {}),
    notes,
    machine: machineDescription(),
  };
}
