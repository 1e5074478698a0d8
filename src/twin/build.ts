/**
 * Scenario → fleet: the satellites of every constellation as rows of ONE fleet state, each
 * constellation's design turned into the spacecraft models' parameter objects, and the orbit
 * sources that move the rows.
 *
 * Row order (= satellite order in every output): generated constellations (Walker, SSO, cluster)
 * in file order, then catalog constellations in file order. Generated rows are bound to one
 * MeanElementSet and moved by the fast J2Stepper; catalog rows are moved by SGP4 into a scratch
 * TEME fleet and copied in. TEME rows sit in the same fleet as the mean-of-date rows: the two
 * frames differ by nutation only (≤ 18″, ≤ 0.4 km at LEO; see orbit/j2.ts and environment/sun.ts),
 * below what illumination, power, heat and dose can resolve, so orbitdc treats them as one frame.
 *
 * Values a scenario file does not give (yet) are set here, each an ASSUMPTION named in
 * `BUILD_ASSUMPTIONS` (echoed in summary.json).
 */
import { InputError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { MU_EARTH_m3_s2, R_EARTH_m, TWO_PI, celsiusToKelvin } from '../core/units.js';
import { defaultRadiationEnvironment } from '../environment/radiation.js';
import { loadCatalog } from '../orbit/catalog.js';
import { buildCluster } from '../orbit/cluster.js';
import { MeanElementSet } from '../orbit/elements.js';
import { J2Stepper } from '../orbit/j2.js';
import type { OrbitRecord } from '../orbit/record.js';
import { Sgp4Fleet } from '../orbit/sgp4.js';
import { raanForLtan, ssoPlanes } from '../orbit/sso.js';
import { walker } from '../orbit/walker.js';
import { getAccelerator } from '../spacecraft/hardware.js';
import { spacecraftParamProblems } from '../spacecraft/power.js';
import { viewFactorPlateToEarth } from '../spacecraft/thermal.js';
import type { SpacecraftParams } from '../spacecraft/types.js';
import { ScenarioError, type ScenarioProblem } from './scenario/errors.js';
import type { ConstellationSpec, SatelliteDesign, Scenario } from './scenario/normalise.js';

/** Specific heat of the lumped satellite node [J/(kg·K)]: ASSUMPTION, a mix of aluminium (897), silicon (705), Li-ion cells (~1,000) and copper (385). */
export const SATELLITE_SPECIFIC_HEAT_J_kgK = 800;
/** Solar cell operating temperature [K]: ASSUMPTION 60 °C, mid-range of a sunlit LEO array (40–80 °C, solar.ts). */
export const ARRAY_OPERATING_TEMP_K = celsiusToKelvin(60);
/** Chip junction above the radiator at full compute power [K]: ASSUMPTION 35 K (the schema's radiator_max_C default rationale). */
export const CHIP_TO_RADIATOR_DROP_K = 35;
/** Start temperature of every thermal node [K]: 20 °C. */
export const INITIAL_TEMP_K = celsiusToKelvin(20);
/** Earth's Bond albedo (~0.30, CERES) and outgoing long-wave radiation [W/m²] (~237 global mean, CERES EBAF). */
export const EARTH_ALBEDO = 0.3;
export const EARTH_IR_W_m2 = 237;
/** Catalog objects: altitude assumed for the radiator's Earth view factor when no record gives one [m]. */
const DEFAULT_CATALOG_ALTITUDE_m = 550e3;

export const BUILD_ASSUMPTIONS: readonly string[] = [
  `thermal node heat capacity = mass × ${SATELLITE_SPECIFIC_HEAT_J_kgK} J/(kg·K) (aluminium/silicon/Li-ion mix)`,
  `solar cells operate at ${ARRAY_OPERATING_TEMP_K - 273.15} °C; no solar-cell dose loss beyond degradation_per_year (solar.ts: not counted twice)`,
  `chips run ${CHIP_TO_RADIATOR_DROP_K} K above the radiator node at full compute power`,
  'radiator edge-on to the Sun (sunIncidenceCos 0), Earth view factor of an edge-on plate summed over its faces, Earth IR absorptivity = emissivity (Kirchhoff), albedo 0.30 (subsolar cosine), Earth IR 237 W/m²',
  'tracking "body" = body-fixed top deck of a nadir-pointing bus (spacecraft/types.ts "zenith")',
  'battery full at the start; every node at 20 °C at the start',
  'TEME (SGP4) and mean-of-date (J2) rows share one inertial frame (≤ 0.4 km apart)',
];

/** One constellation as the engine runs it: its rows, its model parameters and its chips. */
export interface BuiltConstellation {
  spec: ConstellationSpec;
  /** Rows [from, to) of the fleet. */
  from: number;
  to: number;
  design: SatelliteDesign;
  params: SpacecraftParams;
  /** Accelerators per satellite and per-accelerator figures (design overrides over the hardware catalog). */
  chips: number;
  chipPower_W: number;
  chipFlops: number;
  chipHbm_B: number;
  acceleratorModel: string;
  /** Representative orbit for the dose rate's orbit average and the view factor: a − R⊕ [m], inclination [rad]. */
  altitude_m: number;
  inclination_rad: number;
  /** Orbit-averaged dose rate of the representative orbit behind the design's shielding [rad(Si)/s]. */
  orbitAverageDose_rad_s: number;
}

export interface BuiltFleet {
  fleet: FleetState;
  constellations: BuiltConstellation[];
  /** Constellation index (position in `constellations`) per row. */
  constellationOfRow: Int32Array;
  /** Rows moved by J2: [0, generatedCount). */
  generatedCount: number;
  elements: MeanElementSet | null;
  j2: J2Stepper | null;
  /** Catalog rows [generatedCount, count) and their SGP4 propagator (writes a scratch TEME fleet). */
  sgp4: Sgp4Fleet | null;
  sgp4Scratch: FleetState | null;
}

export interface BuildOptions {
  /** Above this many satellites names are left empty (a million strings cost ~60 MB). Default 100,000. */
  namesUpTo?: number;
}

/** Spacecraft model parameters of one design flown at one altitude; problems are located at `designs.NAME`. */
export function designParams(d: SatelliteDesign, altitude_m: number, chipPower_W: number): SpacecraftParams {
  const sa = d.solarArray;
  const computePower_W = d.accelerators.count * chipPower_W;
  return {
    solar: {
      area_m2: sa.area_m2,
      cellEfficiency: sa.cellEfficiency,
      referenceTemp_K: sa.referenceTemp_K,
      tempCoeff_per_K: sa.tempCoeff_per_K,
      operatingTemp_K: ARRAY_OPERATING_TEMP_K,
      packingFactor: sa.packingFactor,
      degradationPerYear: sa.degradationPerYear,
      doseLossCoeff: 0,
      doseLossScale_rad: 1e4,
      pointing: sa.tracking === 'sun' ? 'sun-tracking' : 'zenith',
    },
    battery: {
      capacity_J: d.battery.capacity_J,
      chargeEfficiency: d.battery.chargeEfficiency,
      dischargeEfficiency: d.battery.dischargeEfficiency,
      maxDepthOfDischarge: 1 - d.battery.socFloor,
      initialSocFraction: 1,
    },
    thermal: {
      radiator: {
        area_m2: d.radiator.area_m2,
        faces: d.radiator.faces,
        emissivity: d.radiator.emissivity,
        solarAbsorptivity: d.radiator.absorptivity,
        earthIrAbsorptivity: d.radiator.emissivity,
        viewFactorEarth: d.radiator.faces * viewFactorPlateToEarth(altitude_m, Math.PI / 2),
        sunIncidenceCos: 0,
        albedo: EARTH_ALBEDO,
        albedoModel: 'subsolar-cosine',
        earthIr_W_m2: EARTH_IR_W_m2,
      },
      heatCapacity_J_K: d.mass_kg * SATELLITE_SPECIFIC_HEAT_J_kgK,
      radiatorMax_K: d.radiatorMax_K,
      chipMax_K: d.chipMax_K,
      chipToRadiator_K_W: computePower_W > 0 ? CHIP_TO_RADIATOR_DROP_K / computePower_W : 0,
      initialTemp_K: INITIAL_TEMP_K,
    },
    busLoad_W: d.busLoad_W,
  };
}

/** Representative altitude and inclination of a catalog: the median record's. */
function catalogOrbit(records: readonly OrbitRecord[]): { altitude_m: number; inclination_rad: number } {
  if (records.length === 0) return { altitude_m: DEFAULT_CATALOG_ALTITUDE_m, inclination_rad: 0 };
  const alts = records.map((r) => {
    const n_rad_s = (r.meanMotion_rev_day * TWO_PI) / 86_400;
    return Math.cbrt(MU_EARTH_m3_s2 / (n_rad_s * n_rad_s)) - R_EARTH_m;
  }).sort((a, b) => a - b);
  const incs = records.map((r) => (r.inclination_deg * Math.PI) / 180).sort((a, b) => a - b);
  const mid = Math.floor(records.length / 2);
  return { altitude_m: Math.max(150e3, alts[mid]!), inclination_rad: incs[mid]! };
}

/**
 * Build the fleet of a scenario. Throws ScenarioError (exit 2 at the CLI) for problems only
 * visible here: an unknown accelerator model, parameters the spacecraft models reject.
 */
export async function buildFleet(scenario: Scenario, opts: BuildOptions = {}): Promise<BuiltFleet> {
  const problems: ScenarioProblem[] = [];
  const total = scenario.generatedCount;
  const names = total <= (opts.namesUpTo ?? 100_000);
  const generated = scenario.constellations.filter((c) => c.kind !== 'catalog');
  const catalogs = scenario.constellations.filter((c) => c.kind === 'catalog');
  const el = generated.length > 0 ? new MeanElementSet(scenario.epochUtcMs, Math.max(1, total)) : null;
  const pending: Array<{ spec: ConstellationSpec; from: number; to: number; altitude_m: number; inclination_rad: number }> = [];

  for (const c of generated) {
    const set = el as MeanElementSet;
    const from = set.count;
    if (c.kind === 'walker') {
      walker(c.pattern, {
        epochUtcMs: scenario.epochUtcMs, total: c.count, planes: c.planes, phasing: c.phasing,
        altitude_m: c.altitude_m, inclination_rad: c.inclination_rad, namePrefix: c.name, noNames: !names, into: set,
      });
    } else if (c.kind === 'sso') {
      // Planes spread evenly over 24 h of LTAN from the first (schema: sso.planes).
      const ltans = Array.from({ length: c.planes }, (_, p) => ((c.ltan_s / 3600 + (24 * p) / c.planes) % 24));
      ssoPlanes({ epochUtcMs: scenario.epochUtcMs, altitude_m: c.altitude_m, ltans_h: ltans, satellitesPerPlane: c.perPlane, namePrefix: c.name, into: set });
    } else if (c.kind === 'cluster') {
      const reference = {
        a_m: c.a_m, e: 0, i_rad: c.inclination_rad, raan_rad: raanForLtan(scenario.epochUtcMs, c.ltan_s / 3600), argp_rad: 0, meanAnomaly_rad: 0,
      };
      buildCluster(reference, { shape: 'square', n: c.side, radius_m: c.radius_m, namePrefix: c.name }, set);
    }
    pending.push({ spec: c, from, to: set.count, altitude_m: c.altitude_m, inclination_rad: c.inclination_rad });
  }
  const generatedCount = el?.count ?? 0;

  // Catalogs: read every file, then one SGP4 propagator over all their records.
  const records: OrbitRecord[] = [];
  for (const c of catalogs) {
    const cat = loadCatalog(c.kind === 'catalog' ? c.path : '');
    const from = generatedCount + records.length;
    records.push(...cat.records);
    pending.push({ spec: c, from, to: generatedCount + records.length, ...catalogOrbit(cat.records) });
  }

  const fleet = new FleetState(Math.max(1, generatedCount + records.length), 'ECI_OF_DATE');
  const j2 = el ? new J2Stepper(el, fleet) : null;
  let sgp4: Sgp4Fleet | null = null;
  let sgp4Scratch: FleetState | null = null;
  if (records.length > 0) {
    sgp4 = await Sgp4Fleet.create(records);
    sgp4Scratch = sgp4.makeFleetState();
    for (const r of records) fleet.append(r.noradId, r.name);
  }

  const constellationOfRow = new Int32Array(fleet.count);
  const built: BuiltConstellation[] = [];
  pending.sort((a, b) => a.from - b.from);
  for (const p of pending) {
    const design = scenario.designs[p.spec.design];
    if (!design) continue; // normalise.ts has already reported an unknown design
    const acc = design.accelerators;
    let chipPower_W = acc.power_W ?? Number.NaN, chipFlops = acc.flops ?? Number.NaN, chipHbm_B = acc.hbm_B ?? Number.NaN;
    let model = acc.model;
    try {
      const cat = getAccelerator(acc.model, { field: `designs.${design.name}.accelerators.model` });
      model = cat.key;
      chipPower_W = acc.power_W ?? cat.power_W;
      chipFlops = acc.flops ?? cat.flops;
      chipHbm_B = acc.hbm_B ?? cat.hbm_B;
    } catch (e) {
      // A model outside the catalog is fine when the design gives every figure itself.
      if (acc.power_W === undefined || acc.flops === undefined) {
        const err = e as InputError;
        problems.push({ file: scenario.source, field: err.context.field ?? 'accelerators.model', message: err.message, expected: err.context.expected ?? '', found: err.context.found ?? '' });
      }
      if (Number.isNaN(chipHbm_B)) chipHbm_B = 0;
    }
    const params = designParams(design, p.altitude_m, Number.isFinite(chipPower_W) ? chipPower_W : 0);
    for (const pr of spacecraftParamProblems(params, `designs.${design.name}`)) {
      problems.push({ file: scenario.source, field: pr.field, message: 'value the spacecraft models cannot use', expected: pr.expected, found: pr.found });
    }
    constellationOfRow.fill(built.length, p.from, p.to);
    built.push({
      spec: p.spec, from: p.from, to: p.to, design, params,
      chips: acc.count, chipPower_W, chipFlops, chipHbm_B, acceleratorModel: model,
      altitude_m: p.altitude_m, inclination_rad: p.inclination_rad,
      orbitAverageDose_rad_s: defaultRadiationEnvironment().orbitAverageDoseRate_rad_s(p.altitude_m, p.inclination_rad, design.shieldingAl_m),
    });
  }
  if (problems.length > 0) {
    sgp4?.dispose();
    throw new ScenarioError(problems, scenario.source);
  }
  return { fleet, constellations: built, constellationOfRow, generatedCount, elements: el, j2, sgp4, sgp4Scratch };
}
