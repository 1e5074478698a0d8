/**
 * What economics needs to know about a fleet: per group of identical satellites, the count, the
 * launch mass and the sizes that are priced (array, battery, radiator, accelerators). Built from
 * a normalised scenario by structure (`ScenarioLike`), so that this domain does not import the
 * twin (DESIGN.md: arrows point down the module table).
 */
import { InputError } from '../core/errors.js';
import { findAccelerator } from '../spacecraft/hardware.js';
import type { EconomicsParams } from './params.js';

export interface FleetGroup {
  name: string;
  design: string;
  satellites: number;
  /** Launch mass of one satellite, everything on board, as designed (before `spacecraft.mass_factor`) [kg]. */
  mass_kg: number;
  /** Array output at beginning of life [W]. */
  arrayBol_W: number;
  battery_Wh: number;
  /** Radiator panel area, one face [m²]. */
  radiator_m2: number;
  busLoad_W: number;
  /** Accelerators per satellite. */
  accelerators: number;
  /** Power of one accelerator at full load [W]. */
  acceleratorPower_W: number;
  /** HBM of one accelerator [bytes]. */
  acceleratorHbm_B: number;
}

export interface Fleet {
  groups: FleetGroup[];
}

/** The part of a normalised scenario (src/twin/scenario/normalise.ts `Scenario`) that economics reads. */
export interface ScenarioLike {
  name: string;
  seed: number;
  epochUtcMs: number;
  designs: Readonly<Record<string, {
    mass_kg: number;
    solarArray: { bolPower_W: number };
    battery: { capacity_J: number };
    radiator: { area_m2: number };
    busLoad_W: number;
    accelerators: { model: string; count: number; power_W?: number; hbm_B?: number };
  }>>;
  constellations: readonly { name: string; design: string; count: number | null }[];
  economics: EconomicsParams;
}

/**
 * The fleet of a scenario. Catalog constellations have no count until their catalog is read:
 * give `counts` (constellation name → satellites, e.g. from a run's summary.json), else an
 * InputError says so.
 */
export function fleetFromScenario(s: ScenarioLike, counts: Readonly<Record<string, number>> = {}): Fleet {
  const groups = s.constellations.map((c): FleetGroup => {
    const d = s.designs[c.design];
    if (!d) throw new InputError(`no design named "${c.design}"`, { field: `constellations.${c.name}.design` });
    const n = counts[c.name] ?? c.count;
    if (n === null) {
      throw new InputError('satellite count of a catalog constellation is unknown before its catalog is read', {
        field: `constellations.${c.name}`,
        expected: 'a finished run (--run DIR, whose summary.json lists the count) or a generated constellation',
      });
    }
    const cat = findAccelerator(d.accelerators.model);
    const power_W = d.accelerators.power_W ?? cat?.power_W;
    if (power_W === undefined) {
      throw new InputError('accelerator power unknown', { field: `designs.${c.design}.accelerators.power_W`, expected: 'a power [W] or a catalog model', found: JSON.stringify(d.accelerators.model) });
    }
    return {
      name: c.name,
      design: c.design,
      satellites: n,
      mass_kg: d.mass_kg,
      arrayBol_W: d.solarArray.bolPower_W,
      battery_Wh: d.battery.capacity_J / 3600,
      radiator_m2: d.radiator.area_m2,
      busLoad_W: d.busLoad_W,
      accelerators: d.accelerators.count,
      acceleratorPower_W: power_W,
      acceleratorHbm_B: d.accelerators.hbm_B ?? cat?.hbm_B ?? 0,
    };
  });
  return { groups };
}

export interface FleetTotals {
  satellites: number;
  mass_kg: number;
  accelerators: number;
  /** Accelerator nameplate power, whole fleet [W]. */
  compute_W: number;
  arrayBol_W: number;
  busLoad_W: number;
  hbm_B: number;
}

export function fleetTotals(f: Fleet): FleetTotals {
  const t: FleetTotals = { satellites: 0, mass_kg: 0, accelerators: 0, compute_W: 0, arrayBol_W: 0, busLoad_W: 0, hbm_B: 0 };
  for (const g of f.groups) {
    t.satellites += g.satellites;
    t.mass_kg += g.satellites * g.mass_kg;
    t.accelerators += g.satellites * g.accelerators;
    t.compute_W += g.satellites * g.accelerators * g.acceleratorPower_W;
    t.arrayBol_W += g.satellites * g.arrayBol_W;
    t.busLoad_W += g.satellites * g.busLoad_W;
    t.hbm_B += g.satellites * g.accelerators * g.acceleratorHbm_B;
  }
  return t;
}
