/** The README's library example, run as written against the public entry point. */
import { describe, expect, it } from 'vitest';
import { FleetState, J2Stepper, loadCatalog, Sgp4Fleet, Status, sunlitFractionBatch, sunPositionEci_m, walkerDelta } from './index.js';
import { packagePath } from './core/package-files.js';

describe('public API (README example)', () => {
  it('loads the bundled catalog, propagates it, and steps a Walker shell with sunlight', async () => {
    const cat = loadCatalog(packagePath('data', 'catalogs', 'starlink-2026-02-24.tle'));
    expect(cat.records).toHaveLength(9594);
    expect(cat.skipped).toHaveLength(0);
    const sgp = await Sgp4Fleet.create(cat.records.slice(0, 100));
    const fleet = sgp.makeFleetState();
    sgp.propagate(Date.UTC(2026, 1, 25), fleet);
    expect(fleet.countStatus(Status.Ok)).toBe(100);
    // Starlink shells sit at 340–570 km: radius within 6,650–6,990 km.
    const r_km = Math.hypot(fleet.x_m[0]!, fleet.y_m[0]!, fleet.z_m[0]!) / 1000;
    expect(r_km).toBeGreaterThan(6650);
    expect(r_km).toBeLessThan(6990);
    sgp.dispose();

    const shell = walkerDelta({ epochUtcMs: Date.UTC(2026, 2, 20), total: 1584, planes: 72, phasing: 39, altitude_m: 550e3, inclination_rad: (53 * Math.PI) / 180 });
    const f2 = new FleetState(shell.count);
    const stepper = new J2Stepper(shell, f2);
    const lit = new Float64Array(shell.count);
    let mean = 0;
    for (let k = 0; k < 96; k++) {
      stepper.propagateTo(k * 60);
      sunlitFractionBatch(f2, sunPositionEci_m(shell.epochUtcMs + k * 60_000), lit);
      mean += lit.reduce((a, b) => a + b, 0) / shell.count / 96;
    }
    // At the March equinox a 550 km shell spends ~62–70 % of an orbit in sunlight (β near 0 for
    // some planes, up to ~76° for others): the fleet mean must fall in that band.
    expect(mean).toBeGreaterThan(0.6);
    expect(mean).toBeLessThan(0.75);
  });
});
