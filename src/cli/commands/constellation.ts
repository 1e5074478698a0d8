/**
 * `orbitdc constellation walker|sso|cluster ... --out FILE.(tle|json|xml|csv)`
 * Generate a designed constellation and export it as TLE or CCSDS OMM (JSON, XML, CSV) so that
 * other tools (and `orbitdc propagate`/`eclipse`) can load it. Elements are orbitdc's J2 mean
 * elements converted to SGP4/Kozai mean motion (src/orbit/export.ts).
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { DEG_TO_RAD, R_EARTH_m } from '../../core/units.js';
import { buildCluster, clusterNeighbourStats, type ClusterShape } from '../../orbit/cluster.js';
import { MeanElementSet } from '../../orbit/elements.js';
import { assertTleIds, meanElementsToRecords } from '../../orbit/export.js';
import { formatOmmCsv, formatOmmJson, formatOmmXml } from '../../orbit/omm.js';
import { raanForLtan, ssoInclination_rad, ssoPlanes } from '../../orbit/sso.js';
import { formatTleText } from '../../orbit/tle.js';
import { walker } from '../../orbit/walker.js';
import { parseChoice, parseClock, parseNumber, parseTime } from '../args.js';
import { writeFileAtomic } from '../output.js';

interface Common { epoch?: string; out?: string; idBase?: string; name?: string }

const EXAMPLES = `
Output format from the file extension: .tle (3-line TLE), .json (CCSDS OMM as CelesTrak's JSON),
.xml (CCSDS OMM XML), .csv (CelesTrak CSV). Without --out, TLE goes to standard output.`;

export function registerConstellation(program: Command): void {
  const cmd = program
    .command('constellation')
    .description('Generate a designed constellation (Walker shell, sun-synchronous planes, formation cluster) and export it as TLE or OMM.');

  const common = (c: Command): Command => c
    .option('--epoch <iso>', 'epoch of the elements, ISO-8601 UTC', '2026-03-20T00:00:00Z')
    .option('--out <file>', 'output file: .tle, .json, .xml or .csv (default: TLE on standard output)')
    .option('--id-base <n>', 'NORAD id of the first satellite (analyst range by default)', '90000')
    .option('--name <prefix>', 'name prefix of the satellites');

  common(cmd.command('walker')
    .description('Walker delta (nodes over 360°) or star (over 180°) shell: T satellites in P planes, phasing F.')
    .requiredOption('--total <T>', 'total number of satellites')
    .requiredOption('--planes <P>', 'number of planes (divides T)')
    .option('--phasing <F>', 'phasing factor in [0, P−1]: plane k+1 leads plane k by 2πF/T', '1')
    .requiredOption('--alt-km <km>', 'altitude above the equatorial radius [km]')
    .requiredOption('--inc-deg <deg>', 'inclination [deg]')
    .option('--star', 'Walker star pattern (nodes over 180°) instead of delta')
    .addHelpText('after', `${EXAMPLES}

Example (a Starlink-like shell):
  $ orbitdc constellation walker --total 1584 --planes 72 --phasing 39 --alt-km 550 --inc-deg 53 --out shell.tle`))
    .action(async (o: Common & { total?: string; planes?: string; phasing?: string; altKm?: string; incDeg?: string; star?: boolean }) => {
      const epoch = parseTime('--epoch', o.epoch);
      const el = walker(o.star ? 'star' : 'delta', {
        epochUtcMs: epoch,
        total: parseNumber('--total', o.total, { min: 1, integer: true }),
        planes: parseNumber('--planes', o.planes, { min: 1, integer: true }),
        phasing: parseNumber('--phasing', o.phasing, { min: 0, integer: true }),
        altitude_m: parseNumber('--alt-km', o.altKm, { min: 100, max: 100_000, unit: 'km' }) * 1000,
        inclination_rad: parseNumber('--inc-deg', o.incDeg, { min: 0, max: 180, unit: 'deg' }) * DEG_TO_RAD,
        namePrefix: o.name ?? 'WALKER',
      });
      await exportSet(el, o);
    });

  common(cmd.command('sso')
    .description('Circular sun-synchronous planes: inclination derived from altitude (J2), nodes from the local times of the ascending node.')
    .requiredOption('--alt-km <km>', 'altitude above the equatorial radius [km]')
    .requiredOption('--ltan <list>', 'local time of the ascending node of each plane, comma-separated (18:00 = dawn-dusk)')
    .option('--per-plane <n>', 'satellites per plane, evenly spaced', '1')
    .addHelpText('after', `${EXAMPLES}

Example (two dawn-dusk and one 10:30 plane of 12 satellites at 650 km):
  $ orbitdc constellation sso --alt-km 650 --ltan 18:00,06:00,10:30 --per-plane 12 --out sso.json`))
    .action(async (o: Common & { altKm?: string; ltan?: string; perPlane?: string }) => {
      const epoch = parseTime('--epoch', o.epoch);
      const ltans = (o.ltan ?? '').split(',').map((s) => parseClock('--ltan', s));
      const el = ssoPlanes({
        epochUtcMs: epoch,
        altitude_m: parseNumber('--alt-km', o.altKm, { min: 100, max: 6000, unit: 'km' }) * 1000,
        ltans_h: ltans,
        satellitesPerPlane: parseNumber('--per-plane', o.perPlane, { min: 1, integer: true }),
        namePrefix: o.name ?? 'SSO',
      });
      await exportSet(el, o);
    });

  common(cmd.command('cluster')
    .description('Formation cluster (Suncatcher-style): members on closed 2:1 HCW ellipses around a sun-synchronous reference, J2-matched.')
    .option('--shape <shape>', 'lattice: disc (points within --radius-km) or square (n × n)', 'disc')
    .option('--n <n>', 'points per side for --shape square', '9')
    .option('--radius-km <km>', 'cluster radius: farthest any member gets from the reference over an orbit [km]', '1')
    .option('--spacing-m <m>', 'lattice spacing: nearest-neighbour distance, which breathes between d and 2d [m] (disc default 100)')
    .option('--alt-km <km>', 'altitude of the reference orbit [km]', '650')
    .option('--ltan <HH:MM>', 'local time of the ascending node of the reference (18:00 = dawn-dusk)', '18:00')
    .addHelpText('after', `${EXAMPLES}

Suncatcher's 81-satellite cluster is a disc of radius 1 km on a 100 m lattice (the 81 lattice points
whose ellipse stays within 1 km); a 9 × 9 square of the same radius has 88 m spacing.
Prints the neighbour-distance range over 3 orbits on standard error.

Example:
  $ orbitdc constellation cluster --shape disc --radius-km 1 --spacing-m 100 --alt-km 650 --ltan 18:00 --out suncatcher.json`))
    .action(async (o: Common & { shape?: string; n?: string; radiusKm?: string; spacingM?: string; altKm?: string; ltan?: string }) => {
      const epoch = parseTime('--epoch', o.epoch);
      const shape = parseChoice<ClusterShape>('--shape', o.shape, ['disc', 'square']);
      const a_m = R_EARTH_m + parseNumber('--alt-km', o.altKm, { min: 100, max: 6000, unit: 'km' }) * 1000;
      const reference = { a_m, e: 0, i_rad: ssoInclination_rad(a_m), raan_rad: raanForLtan(epoch, parseClock('--ltan', o.ltan)), argp_rad: 0, meanAnomaly_rad: 0 };
      const el = new MeanElementSet(epoch, 128);
      const radius_m = parseNumber('--radius-km', o.radiusKm, { min: 0.001, max: 1000, unit: 'km' }) * 1000;
      const spacing_m = o.spacingM !== undefined ? parseNumber('--spacing-m', o.spacingM, { min: 0.1, unit: 'm' }) : shape === 'disc' ? 100 : undefined;
      const layout = buildCluster(reference, {
        shape, radius_m, namePrefix: o.name ?? 'CLUSTER',
        ...(shape === 'square' ? { n: parseNumber('--n', o.n, { min: 2, max: 1000, integer: true }) } : {}),
        ...(spacing_m !== undefined ? { spacing_m } : {}),
      }, el);
      const stats = clusterNeighbourStats(el, layout, { duration_s: 3 * layout.period_s, step_s: 10 });
      process.stderr.write(`cluster: ${layout.count} members, spacing ${layout.spacing_m.toFixed(1)} m, radius ${layout.radius_m.toFixed(1)} m; over 3 orbits nearest neighbours ${stats.neighbourMin_m.toFixed(1)}–${stats.neighbourMax_m.toFixed(1)} m (${stats.neighbourOscillationsPerOrbit.toFixed(2)} oscillations/orbit), diagonals up to ${stats.diagonalMax_m.toFixed(1)} m\n`);
      await exportSet(el, o);
    });
}

async function exportSet(el: MeanElementSet, o: Common): Promise<void> {
  const idBase = parseNumber('--id-base', o.idBase, { min: 0, integer: true });
  const records = meanElementsToRecords(el, { noradIdBase: idBase });
  const ext = o.out === undefined ? '.tle' : extname(o.out).toLowerCase();
  let text: string;
  switch (ext) {
    case '.tle': case '.txt': assertTleIds(records); text = formatTleText(records); break;
    case '.json': text = formatOmmJson(records); break;
    case '.xml': text = formatOmmXml(records); break;
    case '.csv': text = formatOmmCsv(records); break;
    default:
      throw new InputError('unknown output format', { field: '--out', expected: 'a file ending in .tle, .json, .xml or .csv', found: JSON.stringify(o.out) });
  }
  await writeFileAtomic(o.out, text);
  if (o.out !== undefined) process.stderr.write(`wrote ${records.length} satellites at epoch ${formatIsoUtc(el.epochUtcMs)} to ${o.out}\n`);
}
