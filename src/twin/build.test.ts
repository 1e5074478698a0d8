import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Status } from '../core/status.js';
import { R_EARTH_m } from '../core/units.js';
import { buildFleet } from './build.js';
import { runTwin } from './engine.js';
import { loadScenarioText, ScenarioError } from './scenario/index.js';
import { tinyScenarioText } from './test-scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The tiny Walker shell plus a catalog of three real objects (ISS, a polar debris, an Alpha-5 test object). */
function mixed(): string {
  return `${tinyScenarioText({ duration: 'PT1H' }).replace('epoch: 2026-03-01T00:00:00Z', 'epoch: 2026-03-19T00:00:00Z')}  - name: cat
    design: sat
    catalog: ../orbit/testdata/good-mixed-bom-crlf.tle
`;
}

describe('buildFleet', () => {
  it('puts generated rows first (J2) and catalog rows after them (SGP4), with their constellation', async () => {
    const sc = loadScenarioText(mixed(), { file: 'mixed.yaml', baseDir: here, defaultName: 'mixed' });
    const b = await buildFleet(sc);
    expect(b.fleet.count).toBe(9);
    expect(b.generatedCount).toBe(6);
    expect(Array.from(b.constellationOfRow)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(b.fleet.id.subarray(6, 9))).toEqual([25544, 900, 270000]);
    expect(b.constellations.map((c) => [c.from, c.to])).toEqual([[0, 6], [6, 9]]);
    // The catalog's median object (the ISS-like 15.48 rev/day is the middle of 13.77, 15.05, 15.48) sets its view factor altitude.
    expect(b.constellations[1]!.altitude_m).toBeGreaterThan(500e3);
    b.sgp4?.dispose();
  });

  it('runs a mixed fleet: SGP4 rows get valid positions at their orbit radius', async () => {
    const sc = loadScenarioText(mixed(), { file: 'mixed.yaml', baseDir: here, defaultName: 'mixed' });
    const r = await runTwin(sc);
    const status = r.perSatellite.columns.find((c) => c.name === 'status_code')!.values;
    expect(Array.from(status)).toEqual(new Array(9).fill(Status.Ok));
    // Track samples of the ISS row (row 6): radius between 6,700 and 6,800 km.
    const k = r.tracks.time_s.length;
    const j = Array.from(r.tracks.ids).indexOf(25544);
    for (let s = 0; s < k; s++) {
      const o = (j * k + s) * 3;
      const rad = Math.hypot(r.tracks.position_m[o]!, r.tracks.position_m[o + 1]!, r.tracks.position_m[o + 2]!);
      expect(rad - R_EARTH_m).toBeGreaterThan(350e3);
      expect(rad - R_EARTH_m).toBeLessThan(450e3);
    }
  });

  it('reports an accelerator model missing from the catalog, with a suggestion, as a ScenarioError', async () => {
    const sc = loadScenarioText(tinyScenarioText().replace('model: h100-sxm', 'model: h100-sx'), { file: 'typo.yaml', baseDir: '.', defaultName: 't' });
    const err = await buildFleet(sc).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).message).toContain('designs.sat.accelerators.model: unknown accelerator model (did you mean "h100-sxm"?)');
  });
});
