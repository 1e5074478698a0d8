/**
 * Write a run folder atomically: every file goes into `OUT.partial-tmp`, which is renamed to
 * `OUT` only when all are written. So `OUT` is always either absent, the previous run, or a
 * whole new one; an interrupted write leaves at most the `.partial-tmp` folder, which the next
 * write removes. A run stopped early (Ctrl-C, a crash) is written the same way, complete as
 * files, with summary.json saying `"partial": true` and where it stopped.
 *
 * Synchronous on purpose: a SIGINT handler can call it (Node runs signal handlers between turns
 * of the event loop, so no other JavaScript interleaves with the writes).
 *
 * Files: summary.json (written last into the temporary folder), series.csv, satellites.csv
 * (first `maxSatelliteRows` satellites), events.csv, fleet.czml, report.html (when a renderer is
 * given; its failure is reported, not fatal: the data files are still written).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OrbitdcError } from '../core/errors.js';
import type { RunResult } from '../twin/results.js';
import { fleetCzmlText } from './czml.js';
import { seriesCsv } from './series.js';
import { eventsCsv, satellitesCsv, summaryJson } from './summary.js';

export interface WriteRunOptions {
  /** report.html renderer (src/report/html.ts renderReportHtml); absent = no report.html. */
  renderHtml?: (r: RunResult) => string;
  /** Rows of satellites.csv (a million satellites make ~150 MB). Default 200,000. */
  maxSatelliteRows?: number;
}

export interface WrittenRun {
  dir: string;
  files: string[];
  /** Things that went wrong without stopping the write (a report renderer that threw). */
  problems: string[];
}

export const TMP_SUFFIX = '.partial-tmp';
const OLD_SUFFIX = '.old-tmp';

/** True when `dir` is absent, empty, or looks like a run folder orbitdc wrote (it has summary.json). */
function replaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const names = readdirSync(dir);
  return names.length === 0 || names.includes('summary.json');
}

/** Write `result` as the run folder `outDir` (see module comment). Throws E_FILE when it cannot. */
export function writeRun(outDir: string, result: RunResult, opts: WriteRunOptions = {}): WrittenRun {
  const dir = resolve(outDir);
  const tmp = `${dir}${TMP_SUFFIX}`;
  const old = `${dir}${OLD_SUFFIX}`;
  if (!replaceable(dir)) {
    throw new OrbitdcError('E_FILE', 'output folder exists and is not an orbitdc run folder (no summary.json); refusing to replace it', {
      file: outDir, expected: 'a new folder, an empty one, or an earlier run folder', found: 'other files',
    });
  }
  const problems: string[] = [];
  const files: string[] = [];
  const meta = result.meta;
  const epochUtcMs = meta?.epochUtcMs ?? 0;
  const scenario = (result.summary.scenario ?? {}) as { name?: string };
  const fleet = (result.summary.fleet ?? {}) as { constellations?: Array<{ name: string }> };
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const put = (name: string, text: string): void => {
      writeFileSync(join(tmp, name), text);
      files.push(name);
    };
    put('series.csv', seriesCsv(result.series, epochUtcMs));
    put('satellites.csv', satellitesCsv(result.perSatellite, (fleet.constellations ?? []).map((c) => c.name), opts.maxSatelliteRows ?? 200_000));
    put('events.csv', eventsCsv(result.events, epochUtcMs, result.perSatellite.ids));
    put('fleet.czml', fleetCzmlText(result.tracks, { epochUtcMs, name: scenario.name ?? meta?.scenarioName ?? 'orbitdc run' }));
    if (opts.renderHtml) {
      try {
        put('report.html', opts.renderHtml(result));
      } catch (e) {
        problems.push(`report.html not written: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    put('summary.json', summaryJson(result.summary));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new OrbitdcError('E_FILE', `cannot write run folder: ${e instanceof Error ? e.message : String(e)}`, { file: outDir }, { cause: e });
  }
  // Swap the finished folder in.
  try {
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(old, { recursive: true, force: true });
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    throw new OrbitdcError('E_FILE', `cannot move the run folder into place: ${e instanceof Error ? e.message : String(e)}`, { file: outDir }, { cause: e });
  }
  return { dir, files: files.sort(), problems };
}

/** Name of the temporary folder a write of `outDir` uses (tests check it is gone). */
export function tmpDirOf(outDir: string): string {
  return join(dirname(resolve(outDir)), `${basename(resolve(outDir))}${TMP_SUFFIX}`);
}
