/**
 * `orbitdc demo`: the README's first command. Loads the bundled Starlink catalog, propagates it
 * with SGP4 over one day and prints where the satellites are and how much sunlight they get.
 * Later releases turn this into a full twin run.
 */
import type { Command } from 'commander';
import { hasValidPosition } from '../../core/status.js';
import { formatIsoUtc } from '../../core/time.js';
import { RAD_TO_DEG } from '../../core/units.js';
import { analyzeEclipses } from '../../environment/eclipse.js';
import { sunlitFractionBatch } from '../../environment/shadow.js';
import { sunPositionEci_m } from '../../environment/sun.js';
import { ecefToGeodetic } from '../../environment/radiation.js';
import { makeEcefColumns, temeToEcef } from '../../orbit/frames.js';
import { Sgp4Fleet } from '../../orbit/sgp4.js';
import { parseNumber, parseTime } from '../args.js';
import { loadCatalogForCli } from '../catalog-io.js';
import { packagePath } from '../../core/package-files.js';
import { ProgressBar } from '../progress.js';
import { shellsOf } from './eclipse.js';

/** The bundled catalog (data/PROVENANCE.md). */
export const BUNDLED_STARLINK = packagePath('data', 'catalogs', 'starlink-2026-02-24.tle');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Demo on the bundled Starlink catalog (9,594 satellites): positions and one day of sunlight.')
    .option('--catalog <file>', 'catalog to use instead of the bundled one', BUNDLED_STARLINK)
    .option('--start <iso>', 'start of the day analysed, ISO-8601 UTC', '2026-02-25T00:00:00Z')
    .option('--hours <h>', 'length of the analysis [h]', '24')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `
Example:
  $ orbitdc demo
  $ orbitdc demo --catalog my.tle --start 2026-03-20T00:00Z --hours 6`)
    .action(async (o: { catalog: string; start: string; hours: string; quiet?: boolean }) => {
      const start = parseTime('--start', o.start);
      const hours = parseNumber('--hours', o.hours, { min: 0.1, max: 24 * 31, unit: 'h' });
      const cat = loadCatalogForCli(o.catalog, { quiet: o.quiet ?? false });
      const out: string[] = [];
      out.push(`orbitdc demo: ${cat.records.length} objects from ${o.catalog === BUNDLED_STARLINK ? 'the bundled Starlink catalog (CelesTrak, 2026-02-24)' : o.catalog}`);
      const sgp = await Sgp4Fleet.create(cat.records);
      try {
        // Positions at the start: SGP4 (TEME) → ECEF → geodetic, and who is in sunlight right now.
        const fleet = sgp.makeFleetState();
        sgp.propagate(start, fleet);
        const ecef = makeEcefColumns(fleet.count, true);
        temeToEcef(fleet, start, ecef);
        const sun = sunPositionEci_m(start);
        const lit = new Float64Array(fleet.count);
        sunlitFractionBatch(fleet, sun, lit);
        let valid = 0, inSun = 0, inUmbra = 0, altSum = 0, altMin = Infinity, altMax = -Infinity;
        const g = { lat_rad: 0, lon_rad: 0, alt_m: 0 };
        for (let i = 0; i < fleet.count; i++) {
          if (!hasValidPosition(fleet.status[i]!)) continue;
          valid++;
          if (lit[i]! >= 1) inSun++; else if (lit[i]! <= 0) inUmbra++;
          ecefToGeodetic(ecef.x_m[i]!, ecef.y_m[i]!, ecef.z_m[i]!, g);
          altSum += g.alt_m; altMin = Math.min(altMin, g.alt_m); altMax = Math.max(altMax, g.alt_m);
        }
        out.push('');
        out.push(`At ${formatIsoUtc(start)} (SGP4, satellite.js, WGS-72):`);
        out.push(`  propagated          ${valid} of ${fleet.count} (${fleet.count - valid} with an SGP4 error status)`);
        out.push(`  altitude            mean ${(altSum / valid / 1000).toFixed(1)} km, range ${(altMin / 1000).toFixed(1)}–${(altMax / 1000).toFixed(1)} km (WGS-84 geodetic)`);
        out.push(`  in full sunlight    ${inSun} (${((inSun / valid) * 100).toFixed(1)} %), in umbra ${inUmbra}, in penumbra ${valid - inSun - inUmbra}`);
        out.push('');
        out.push(`  ${'NORAD'.padEnd(7)} ${'name'.padEnd(20)} ${'lat °'.padStart(8)} ${'lon °'.padStart(9)} ${'alt km'.padStart(8)} ${'sunlit'.padStart(7)}`);
        for (let i = 0; i < Math.min(5, fleet.count); i++) {
          if (!hasValidPosition(fleet.status[i]!)) continue;
          ecefToGeodetic(ecef.x_m[i]!, ecef.y_m[i]!, ecef.z_m[i]!, g);
          out.push(`  ${String(fleet.id[i]).padEnd(7)} ${(cat.records[i]!.name || '-').slice(0, 20).padEnd(20)} ${(g.lat_rad * RAD_TO_DEG).toFixed(3).padStart(8)} ${(g.lon_rad * RAD_TO_DEG).toFixed(3).padStart(9)} ${(g.alt_m / 1000).toFixed(1).padStart(8)} ${lit[i]!.toFixed(2).padStart(7)}`);
        }

        // One day of sunlight, per shell.
        const shells = shellsOf(cat.records);
        const end = start + hours * 3_600_000;
        const bar = new ProgressBar({ label: 'sunlight', enabled: !(o.quiet ?? false) });
        const day = sgp.makeFleetState();
        const r = analyzeEclipses((t, f) => sgp.propagate(t, f), {
          startUtcMs: start, endUtcMs: end, step_s: 60, fleet: day, plane: shells.index, keepIntervals: false, progress: bar.sink,
        });
        bar.finish();
        out.push('');
        out.push(`Sunlight ${formatIsoUtc(start)} → ${formatIsoUtc(end)} (60 s grid, eclipse edges refined to 0.1 s, conical umbra + penumbra):`);
        out.push(`  fleet sunlit fraction   ${(r.sunlitFraction * 100).toFixed(2)} %`);
        out.push(`  longest eclipse         ${(r.maxEclipse_s / 60).toFixed(2)} min`);
        out.push('');
        out.push(`  ${'shell (alt, inc)'.padEnd(30)} ${'sats'.padStart(6)} ${'sunlit %'.padStart(9)} ${'max ecl. min'.padStart(12)}`);
        for (const p of r.planes) {
          out.push(`  ${(shells.labels[p.plane] ?? '?').padEnd(30)} ${String(p.satellites).padStart(6)} ${(p.sunlitFraction * 100).toFixed(2).padStart(9)} ${(p.maxEclipse_s / 60).toFixed(2).padStart(12)}`);
        }
        out.push('');
        out.push('Next: orbitdc eclipse --sso --alt-km 650 --ltan 18:00 --from 2026-01-01T00:00Z --to 2027-01-01T00:00Z');
      } finally {
        sgp.dispose();
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
