import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Status } from '../core/status.js';
import { DEG_TO_RAD } from '../core/units.js';
import { readCatalogRecords } from '../orbit/catalog.js';
import { Sgp4Fleet } from '../orbit/sgp4.js';
import { walkerDelta } from '../orbit/walker.js';
import { catalogShells, designedShells, keepAgainst, shellsOverlap } from './filter.js';

const ACTIVE = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));
const FROM = Date.UTC(2026, 2, 20);

describe('apogee/perigee filter', () => {
  it('padded catalog shells contain every SGP4 radius over a day (every 5th object of the active catalog, 60 s grid)', async () => {
    const records = readCatalogRecords(ACTIVE).filter((_, k) => k % 5 === 0);
    const to = FROM + 86_400_000;
    const shells = catalogShells(records, FROM, to);
    const sgp = await Sgp4Fleet.create(records, { backend: 'wasm' });
    const fleet = sgp.makeFleetState();
    let checked = 0, worstMargin_m = Infinity;
    try {
      for (let t = FROM; t <= to; t += 60_000) {
        sgp.propagate(t, fleet);
        for (let i = 0; i < records.length; i++) {
          if (fleet.status[i] !== Status.Ok) continue;
          const r = Math.hypot(fleet.x_m[i]!, fleet.y_m[i]!, fleet.z_m[i]!);
          worstMargin_m = Math.min(worstMargin_m, r - shells.perigee_m[i]!, shells.apogee_m[i]! - r);
          checked++;
        }
      }
    } finally {
      sgp.dispose();
    }
    expect(checked).toBeGreaterThan(4_000_000);
    // Every radius inside its padded shell: the filter can only drop pairs that cannot meet.
    expect(worstMargin_m).toBeGreaterThan(0);
  }, 60_000);

  it('designed shells are a(1 ± e) padded by 1 m; shells 10 km apart overlap only with a threshold ≥ 10 km − 2 m', () => {
    const el = walkerDelta({ epochUtcMs: FROM, total: 4, planes: 2, phasing: 0, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    walkerDelta({ epochUtcMs: FROM, total: 4, planes: 2, phasing: 0, altitude_m: 560e3, inclination_rad: 53 * DEG_TO_RAD, into: el });
    const s = designedShells(el);
    expect(s.apogee_m[0]! - s.perigee_m[0]!).toBeCloseTo(2, 9);
    expect(shellsOverlap(s, 0, s, 4, 9_997)).toBe(false);
    expect(shellsOverlap(s, 0, s, 4, 9_999)).toBe(true);
  });

  it('keepAgainst keeps exactly the secondary objects whose padded shell meets some primary shell', () => {
    const a = { perigee_m: Float64Array.of(7000e3, 7500e3), apogee_m: Float64Array.of(7100e3, 7600e3) };
    const b = { perigee_m: Float64Array.of(6800e3, 7104e3, 7106e3, 7300e3, 7595e3, 8000e3), apogee_m: Float64Array.of(6990e3, 7200e3, 7200e3, 7400e3, 7700e3, 9000e3) };
    expect(Array.from(keepAgainst(a, b, 5e3))).toEqual([0, 1, 0, 0, 1, 0]);
    expect(Array.from(keepAgainst(a, b, 10e3))).toEqual([1, 1, 1, 0, 1, 0]);
  });
});
