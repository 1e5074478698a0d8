/**
 * `orbitdc propagate CATALOG --start ISO --step-s S --steps N [--format csv|json|ndjson] [--frame teme|ecef]`
 * SGP4 over a catalog, streamed: one step of the whole fleet is in memory at a time, rows go out
 * as they are made (a 15,000-object catalog over 1,440 steps is 21.6 M rows, never held).
 */
import type { Command } from 'commander';
import { hasValidPosition, statusName } from '../../core/status.js';
import { formatIsoUtc } from '../../core/time.js';
import { makeEcefColumns, temeToEcef } from '../../orbit/frames.js';
import { Sgp4Fleet } from '../../orbit/sgp4.js';
import { parseChoice, parseNumber, parseTime } from '../args.js';
import { loadCatalogForCli } from '../catalog-io.js';
import { LineWriter } from '../output.js';
import { ProgressBar } from '../progress.js';
import { onInterrupt } from '../interrupt.js';

const FORMATS = ['csv', 'json', 'ndjson'] as const;
const FRAMES = ['teme', 'ecef'] as const;

interface PropagateOpts { start?: string; stepS?: string; steps?: string; format?: string; frame?: string; out?: string; quiet?: boolean }

export function registerPropagate(program: Command): void {
  program
    .command('propagate')
    .description('Propagate every object of a TLE/OMM catalog with SGP4 (satellite.js, WGS-72, opsmode i) and stream state vectors.')
    .argument('<catalog>', 'TLE (2- or 3-line) or OMM (JSON, XML, CSV) file')
    .option('--start <iso>', 'first time, ISO-8601 UTC (default: now)')
    .option('--step-s <seconds>', 'step between rows of one object [s]', '60')
    .option('--steps <n>', 'number of time steps', '1')
    .option('--format <fmt>', `output format: ${FORMATS.join(', ')}`, 'csv')
    .option('--frame <frame>', 'output frame: teme (SGP4 native, inertial) or ecef (pseudo Earth-fixed via GMST)', 'teme')
    .option('--out <file>', 'write to a file (atomically) instead of standard output')
    .option('-q, --quiet', 'no progress bar or skipped-record notes')
    .addHelpText('after', `
Columns: norad_id, time_utc, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s, status.
Rows are grouped by time step. An object SGP4 cannot propagate (decayed, eccentricity out of
range) keeps its row with empty coordinates and a status name (e.g. Sgp4Decayed), never NaN.

Example:
  $ orbitdc propagate data/catalogs/starlink-2026-02-24.tle --start 2026-02-25T00:00Z --step-s 60 --steps 1440 --out starlink.csv`)
    .action(async (catalog: string, o: PropagateOpts) => {
      const start = o.start === undefined ? Math.floor(Date.now() / 1000) * 1000 : parseTime('--start', o.start);
      const step_s = parseNumber('--step-s', o.stepS, { min: 0.001, unit: 's' });
      const steps = parseNumber('--steps', o.steps, { min: 1, integer: true });
      const format = parseChoice('--format', o.format, FORMATS);
      const frame = parseChoice('--frame', o.frame, FRAMES);
      const cat = loadCatalogForCli(catalog, { quiet: o.quiet ?? false });
      await propagateCatalog(cat.records, { start, step_s, steps, format, frame, out: o.out, quiet: o.quiet ?? false });
    });
}

export async function propagateCatalog(
  records: Parameters<typeof Sgp4Fleet.create>[0],
  o: { start: number; step_s: number; steps: number; format: (typeof FORMATS)[number]; frame: (typeof FRAMES)[number]; out: string | undefined; quiet: boolean },
): Promise<void> {
  const sgp = await Sgp4Fleet.create(records);
  const fleet = sgp.makeFleetState();
  const ecef = o.frame === 'ecef' ? makeEcefColumns(records.length) : undefined;
  const px = ecef ? ecef.x_m : undefined;
  const w = new LineWriter(o.out);
  const abort = () => w.abort();
  onInterrupt.add(abort);
  const bar = new ProgressBar({ label: 'propagate', enabled: !o.quiet });
  const total = o.steps * records.length;
  try {
    if (o.format === 'csv') await w.line('norad_id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,status');
    if (o.format === 'json') await w.line('[');
    let first = true;
    for (let k = 0; k < o.steps; k++) {
      const t = o.start + k * o.step_s * 1000;
      sgp.propagate(t, fleet);
      if (ecef) temeToEcef(fleet, t, ecef);
      const X = px ?? fleet.x_m, Y = ecef ? ecef.y_m : fleet.y_m, Z = ecef ? ecef.z_m : fleet.z_m;
      const VX = ecef?.vx_m_s ?? fleet.vx_m_s, VY = ecef?.vy_m_s ?? fleet.vy_m_s, VZ = ecef?.vz_m_s ?? fleet.vz_m_s;
      const iso = formatIsoUtc(t);
      for (let i = 0; i < fleet.count; i++) {
        const st = fleet.status[i]!;
        const ok = hasValidPosition(st);
        const id = fleet.id[i]!;
        if (o.format === 'csv') {
          await w.line(ok
            ? `${id},${iso},${km(X[i]!)},${km(Y[i]!)},${km(Z[i]!)},${kms(VX[i]!)},${kms(VY[i]!)},${kms(VZ[i]!)},${statusName(st)}`
            : `${id},${iso},,,,,,,${statusName(st)}`);
        } else {
          const obj = ok
            ? `{"norad_id":${id},"time_utc":"${iso}","x_km":${km(X[i]!)},"y_km":${km(Y[i]!)},"z_km":${km(Z[i]!)},"vx_km_s":${kms(VX[i]!)},"vy_km_s":${kms(VY[i]!)},"vz_km_s":${kms(VZ[i]!)},"status":"${statusName(st)}"}`
            : `{"norad_id":${id},"time_utc":"${iso}","x_km":null,"y_km":null,"z_km":null,"vx_km_s":null,"vy_km_s":null,"vz_km_s":null,"status":"${statusName(st)}"}`;
          await w.line(o.format === 'json' ? `${first ? '' : ','}${obj}` : obj);
          first = false;
        }
      }
      bar.update((k + 1) * records.length, total);
    }
    if (o.format === 'json') await w.line(']');
    await w.commit();
  } catch (e) {
    w.abort();
    throw e;
  } finally {
    bar.finish();
    onInterrupt.delete(abort);
    sgp.dispose();
  }
}

/** Metres → km with 6 decimals (1 mm), the precision of Vallado's reference output. */
const km = (m: number): string => (m / 1000).toFixed(6);
/** m/s → km/s with 9 decimals (1 µm/s). */
const kms = (m_s: number): string => (m_s / 1000).toFixed(9);
