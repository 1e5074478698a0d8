/**
 * `orbitdc eclipse (--catalog FILE | --sso --alt-km A --ltan HH:MM | --alt-km A --inc-deg I --raan-deg R) --from ISO --to ISO [--json]`
 * Eclipse analysis (conical umbra + penumbra) over any period, for a catalog (SGP4) or a designed
 * circular orbit (analytic J2). Catalog objects are grouped into shells (inclination and mean
 * altitude bins) so that a 10,000-satellite catalog gives a readable table.
 */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { FleetState } from '../../core/fleet.js';
import { formatIsoUtc } from '../../core/time.js';
import { DEG_TO_RAD, MU_EARTH_m3_s2, R_EARTH_m } from '../../core/units.js';
import { analyzeEclipses, type EclipseAnalysisResult, type EclipseSeason, type PositionProvider } from '../../environment/eclipse.js';
import { MeanElementSet } from '../../orbit/elements.js';
import { J2Stepper } from '../../orbit/j2.js';
import type { OrbitRecord } from '../../orbit/record.js';
import { Sgp4Fleet } from '../../orbit/sgp4.js';
import { raanForLtan, ssoInclination_rad } from '../../orbit/sso.js';
import { parseClock, parseNumber, parseTime } from '../args.js';
import { loadCatalogForCli } from '../catalog-io.js';
import { writeFileAtomic } from '../output.js';
import { ProgressBar } from '../progress.js';

interface EclipseOpts {
  catalog?: string; sso?: boolean; altKm?: string; ltan?: string; incDeg?: string; raanDeg?: string;
  from?: string; to?: string; stepS?: string; json?: boolean; out?: string; quiet?: boolean;
}

export function registerEclipse(program: Command): void {
  program
    .command('eclipse')
    .description('Eclipse analysis (Earth umbra + penumbra, conical): sunlit fraction, eclipse season, longest eclipse, per plane or shell.')
    .option('--catalog <file>', 'TLE/OMM catalog: every object, propagated with SGP4')
    .option('--sso', 'a circular sun-synchronous orbit (inclination from altitude); needs --alt-km and --ltan')
    .option('--alt-km <km>', 'altitude of a circular orbit above the equatorial radius [km]')
    .option('--ltan <HH:MM>', 'local time of the ascending node at --from (with --sso), e.g. 18:00 for dawn-dusk')
    .option('--inc-deg <deg>', 'inclination of a circular orbit [deg]')
    .option('--raan-deg <deg>', 'right ascension of the ascending node at --from [deg] (mean equator and equinox of date)')
    .option('--from <iso>', 'start of the period, ISO-8601 UTC')
    .option('--to <iso>', 'end of the period, ISO-8601 UTC')
    .option('--step-s <s>', 'analysis grid step [s]; boundaries are refined to 0.1 s inside steps', '60')
    .option('--json', 'print the result as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `
Output: sunlitFraction (time average of the visible solar disk fraction), eclipseSeasonDays (UTC
days with any eclipse; for a catalog, the most of any object), maxEclipseMinutes (longest
complete eclipse, umbra plus penumbra), and one row per plane (designed orbit) or shell (catalog).

Examples:
  $ orbitdc eclipse --sso --alt-km 650 --ltan 18:00 --from 2026-01-01T00:00Z --to 2027-01-01T00:00Z
  $ orbitdc eclipse --alt-km 550 --inc-deg 53 --raan-deg 0 --from 2026-03-20T00:00Z --to 2026-03-27T00:00Z --json
  $ orbitdc eclipse --catalog data/catalogs/starlink-2026-02-24.tle --from 2026-02-25T00:00Z --to 2026-02-26T00:00Z`)
    .action(async (o: EclipseOpts) => {
      const from = parseTime('--from', o.from);
      const to = parseTime('--to', o.to);
      if (!(to > from)) throw new InputError('empty period', { field: '--to', expected: `a time after --from (${o.from})`, found: JSON.stringify(o.to) });
      const step_s = parseNumber('--step-s', o.stepS, { min: 1, max: 600, unit: 's' });
      const bar = new ProgressBar({ label: 'eclipse', enabled: !(o.quiet ?? false) });
      let result: EclipseAnalysisResult;
      let groups: string[];
      let groupKind: 'plane' | 'shell';
      try {
        if (o.catalog !== undefined) {
          if (o.sso || o.altKm !== undefined) throw new InputError('choose one orbit source', { field: '--catalog', expected: '--catalog alone, or --sso/--alt-km without --catalog', found: 'both' });
          const cat = loadCatalogForCli(o.catalog, { quiet: o.quiet ?? false });
          const shells = shellsOf(cat.records);
          groups = shells.labels;
          groupKind = 'shell';
          result = await analyzeCatalog(cat.records, shells.index, { from, to, step_s, progress: bar.sink });
        } else {
          const el = designedOrbit(o, from);
          groups = [describeOrbit(el)];
          groupKind = 'plane';
          const fleet = new FleetState(1);
          const stepper = new J2Stepper(el, fleet);
          const provider: PositionProvider = (t) => stepper.propagateTo((t - el.epochUtcMs) / 1000);
          result = analyzeEclipses(provider, { startUtcMs: from, endUtcMs: to, step_s, fleet, plane: el.plane, progress: bar.sink });
        }
      } finally {
        bar.finish();
      }
      const text = o.json ? JSON.stringify(toJson(result, groups, groupKind), null, 2) : toText(result, groups, groupKind);
      await writeFileAtomic(o.out, text);
    });
}

async function analyzeCatalog(records: readonly OrbitRecord[], plane: Int32Array, o: { from: number; to: number; step_s: number; progress: (d: number, t: number) => void }): Promise<EclipseAnalysisResult> {
  const sgp = await Sgp4Fleet.create(records);
  try {
    const fleet = sgp.makeFleetState();
    return analyzeEclipses((t, f) => sgp.propagate(t, f), {
      startUtcMs: o.from, endUtcMs: o.to, step_s: o.step_s, fleet, plane, keepIntervals: false, progress: o.progress,
    });
  } finally {
    sgp.dispose();
  }
}

function designedOrbit(o: EclipseOpts, epoch: number): MeanElementSet {
  if (o.altKm === undefined) {
    throw new InputError('no orbit given', { field: '--alt-km', expected: '--catalog FILE, or --sso --alt-km A --ltan HH:MM, or --alt-km A --inc-deg I --raan-deg R' });
  }
  const alt_m = parseNumber('--alt-km', o.altKm, { min: 100, max: 100_000, unit: 'km' }) * 1000;
  const a_m = R_EARTH_m + alt_m;
  let i_rad: number, raan_rad: number;
  if (o.sso) {
    if (o.incDeg !== undefined || o.raanDeg !== undefined) throw new InputError('--sso derives inclination and node itself', { field: o.incDeg !== undefined ? '--inc-deg' : '--raan-deg', expected: 'not given with --sso (use --ltan)' });
    if (o.ltan === undefined) throw new InputError('missing value', { field: '--ltan', expected: 'HH:MM with --sso, e.g. 18:00' });
    i_rad = ssoInclination_rad(a_m);
    raan_rad = raanForLtan(epoch, parseClock('--ltan', o.ltan));
  } else {
    if (o.incDeg === undefined) throw new InputError('missing value', { field: '--inc-deg', expected: 'an inclination [deg] (or use --sso)' });
    i_rad = parseNumber('--inc-deg', o.incDeg, { min: 0, max: 180, unit: 'deg' }) * DEG_TO_RAD;
    raan_rad = parseNumber('--raan-deg', o.raanDeg ?? '0', { min: -360, max: 360, unit: 'deg' }) * DEG_TO_RAD;
  }
  const el = new MeanElementSet(epoch, 1);
  el.append({ a_m, e: 0, i_rad, raan_rad, argp_rad: 0, meanAnomaly_rad: 0, plane: 0, name: 'ORBIT', id: 1 });
  return el;
}

function describeOrbit(el: MeanElementSet): string {
  return `${((el.a_m[0]! - R_EARTH_m) / 1000).toFixed(0)} km, ${(el.i_rad[0]! / DEG_TO_RAD).toFixed(2)}°`;
}

/**
 * Shells of a catalog: objects binned by inclination (1°) and mean altitude (25 km) from the
 * mean motion at epoch; bins with fewer than 20 objects go to one "other" group (index −1 is not
 * used: "other" is a group of its own so that every object counts somewhere).
 */
export function shellsOf(records: readonly OrbitRecord[]): { index: Int32Array; labels: string[] } {
  const keyOf = (r: OrbitRecord): string => {
    const n_rad_s = (r.meanMotion_rev_day * 2 * Math.PI) / 86_400;
    const a_m = Math.cbrt(MU_EARTH_m3_s2 / (n_rad_s * n_rad_s));
    const alt_km = Math.round((a_m - R_EARTH_m) / 1000 / 25) * 25;
    return `${alt_km} km, ${Math.round(r.inclination_deg)}°`;
  };
  const counts = new Map<string, number>();
  const keys = records.map((r) => { const k = keyOf(r); counts.set(k, (counts.get(k) ?? 0) + 1); return k; });
  const labels: string[] = [];
  const idx = new Map<string, number>();
  for (const [k, c] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    if (c >= 20) { idx.set(k, labels.length); labels.push(k); }
  }
  const other = labels.length;
  let anyOther = false;
  const index = new Int32Array(records.length);
  keys.forEach((k, i) => { const g = idx.get(k); if (g === undefined) anyOther = true; index[i] = g ?? other; });
  if (anyOther) labels.push('other (shells < 20 objects)');
  return { index, labels };
}

function seasonsJson(s: readonly EclipseSeason[]): { first: string; last: string; days: number }[] {
  return s.map((x) => ({ first: formatIsoUtc(x.firstDayUtcMs).slice(0, 10), last: formatIsoUtc(x.lastDayUtcMs).slice(0, 10), days: x.days }));
}

function toJson(r: EclipseAnalysisResult, groups: string[], kind: 'plane' | 'shell'): object {
  const one = r.satellitesPerRow.length === 1 ? r.satellitesPerRow[0] : undefined;
  return {
    from: formatIsoUtc(r.startUtcMs),
    to: formatIsoUtc(r.endUtcMs),
    step_s: r.step_s,
    satellites: r.satellites,
    sunlitFraction: round(r.sunlitFraction, 6),
    eclipseSeasonDays: r.eclipseSeasonDays,
    fleetEclipseDays: r.fleetEclipseDays,
    maxEclipseMinutes: round(r.maxEclipse_s / 60, 3),
    ...(one ? { seasons: seasonsJson(one.seasons), eclipses: one.eclipseCount } : {}),
    [kind === 'plane' ? 'planes' : 'shells']: r.planes.map((p) => ({
      [kind]: groups[p.plane] ?? String(p.plane),
      satellites: p.satellites,
      sunlitFraction: round(p.sunlitFraction, 6),
      eclipseDays: p.eclipseDays,
      maxEclipseMinutes: round(p.maxEclipse_s / 60, 3),
      seasons: seasonsJson(p.seasons),
    })),
  };
}

function toText(r: EclipseAnalysisResult, groups: string[], kind: 'plane' | 'shell'): string {
  const L: string[] = [];
  const days = (r.endUtcMs - r.startUtcMs) / 86_400_000;
  L.push(`Eclipse analysis ${formatIsoUtc(r.startUtcMs)} → ${formatIsoUtc(r.endUtcMs)} (${days.toFixed(days < 10 ? 2 : 0)} days, ${r.step_s} s grid, conical umbra + penumbra)`);
  L.push(`  satellites          ${r.satellites}`);
  L.push(`  sunlitFraction      ${(r.sunlitFraction * 100).toFixed(2)} %`);
  L.push(`  eclipseSeasonDays   ${r.eclipseSeasonDays}${r.satellites > 1 ? ` (most of any satellite; ${r.fleetEclipseDays} days with an eclipse somewhere in the fleet)` : ''}`);
  L.push(`  maxEclipseMinutes   ${(r.maxEclipse_s / 60).toFixed(2)}`);
  const one = r.satellitesPerRow.length === 1 ? r.satellitesPerRow[0] : undefined;
  if (one) {
    L.push(`  eclipses            ${one.eclipseCount}`);
    for (const s of one.seasons) L.push(`  season              ${formatIsoUtc(s.firstDayUtcMs).slice(0, 10)} → ${formatIsoUtc(s.lastDayUtcMs).slice(0, 10)} (${s.days} days)`);
  }
  if (r.planes.length > 0) {
    L.push('');
    L.push(`  ${kind.padEnd(30)} ${'sats'.padStart(6)} ${'sunlit %'.padStart(9)} ${'ecl. days'.padStart(9)} ${'max ecl. min'.padStart(12)}`);
    for (const p of r.planes) {
      L.push(`  ${(groups[p.plane] ?? String(p.plane)).padEnd(30)} ${String(p.satellites).padStart(6)} ${(p.sunlitFraction * 100).toFixed(2).padStart(9)} ${String(p.eclipseDays).padStart(9)} ${(p.maxEclipse_s / 60).toFixed(2).padStart(12)}`);
    }
  }
  return L.join('\n');
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
