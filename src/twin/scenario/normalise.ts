/**
 * From a validated scenario file (defaults applied) to the normalised `Scenario` that the rest of
 * orbitdc uses: SI units (m, s, rad, J, K, W, bytes), UTC ms epochs, derived quantities (orbit
 * radius, sun-synchronous inclination, satellite counts, array power at beginning of life), and
 * the semantic checks that JSON Schema cannot express (divisibility, ranges that depend on other
 * fields, references between sections, files that must exist).
 */
import { ssoInclination_rad as ssoInclinationOrbit } from '../../orbit/sso.js';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { OrbitdcError, type InputError } from '../../core/errors.js';
import { parseIsoUtc } from '../../core/time.js';
import {
  celsiusToKelvin,
  degToRad,
  kmToM,
  MU_EARTH_m3_s2,
  R_EARTH_m,
  SOLAR_CONSTANT_W_m2,
  TWO_PI,
} from '../../core/units.js';
import { resolveEconomics, type EconomicsParams } from '../../economics/params.js';
import { didYouMean, type ScenarioProblem } from './errors.js';
import type { PathSegment } from './overrides.js';
import { CONSTELLATION_KINDS, type ConstellationFile, type DesignFile, type ScenarioFile } from './schema.js';
import { normaliseWorkload, type WorkloadSpec } from './workload.js';
import { normaliseNetwork, type NetworkSpec } from './network.js';
import { normaliseAvoidance, type AvoidanceSpec } from './avoidance.js';

/** Solar array, SI. */
export interface SolarArraySpec {
  area_m2: number;
  cellEfficiency: number;
  packingFactor: number;
  /** Relative efficiency change per kelvin above `referenceTemp_K` [1/K]. */
  tempCoeff_per_K: number;
  referenceTemp_K: number;
  /** Fraction of output lost per Julian year (365.25 d), compounding: P(t) = P0·(1 − d)^(t/yr). */
  degradationPerYear: number;
  tracking: 'sun' | 'body';
  /** Output at beginning of life, normal incidence, reference temperature, 1,361 W/m² [W]. */
  bolPower_W: number;
}

export interface BatterySpec {
  capacity_J: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  /** Lowest state of charge allowed, fraction of capacity (file field `dod_floor`). */
  socFloor: number;
}

export interface RadiatorSpec {
  /** Panel area, one face [m²]. */
  area_m2: number;
  emissivity: number;
  absorptivity: number;
  faces: 1 | 2;
}

export interface AcceleratorSpec {
  /** Catalog key; the optional values below override the catalog's. */
  model: string;
  count: number;
  power_W?: number;
  /** Dense BF16 [FLOP/s] per accelerator. */
  flops?: number;
  /** HBM per accelerator [bytes]. */
  hbm_B?: number;
}

export interface SatelliteDesign {
  name: string;
  mass_kg: number;
  solarArray: SolarArraySpec;
  battery: BatterySpec;
  radiator: RadiatorSpec;
  /** Aluminium-equivalent shielding thickness [m]. */
  shieldingAl_m: number;
  busLoad_W: number;
  accelerators: AcceleratorSpec;
  chipMax_K: number;
  radiatorMax_K: number;
}

interface ConstellationBase {
  /** Position in the file's `constellations` list. */
  index: number;
  name: string;
  /** Key into `Scenario.designs`. */
  design: string;
  /** Satellites in this constellation; null for a catalog until the catalog is read. */
  count: number | null;
}

export interface CatalogConstellation extends ConstellationBase {
  kind: 'catalog';
  /** Absolute path of the TLE/OMM file. */
  path: string;
  count: null;
}

/** Circular orbit fields shared by generated constellations. */
interface CircularOrbit {
  altitude_m: number;
  /** Orbit radius a = R_EARTH_m + altitude_m [m] (WGS-84 equatorial radius). */
  a_m: number;
  inclination_rad: number;
}

export interface WalkerConstellation extends ConstellationBase, CircularOrbit {
  kind: 'walker';
  pattern: 'delta' | 'star';
  count: number;
  planes: number;
  perPlane: number;
  /** Walker F. */
  phasing: number;
  /** RAAN span over which the planes are spread: 2π (delta) or π (star) [rad]. */
  raanSpread_rad: number;
}

export interface SsoConstellation extends ConstellationBase, CircularOrbit {
  kind: 'sso';
  count: number;
  planes: number;
  perPlane: number;
  /** Local time of the ascending node of the first plane, seconds after local midnight [s]. */
  ltan_s: number;
}

export interface ClusterConstellation extends ConstellationBase, CircularOrbit {
  kind: 'cluster';
  count: number;
  /** Lattice side n (count = n²). */
  side: number;
  radius_m: number;
  ltan_s: number;
}

export type ConstellationSpec = CatalogConstellation | WalkerConstellation | SsoConstellation | ClusterConstellation;

/** The normalised scenario: SI units, UTC ms, defaults applied. What the engine consumes. */
export interface Scenario {
  name: string;
  description: string;
  /** Where it came from: the file as the user named it, or `preset:NAME`. */
  source: string;
  /** The `--set` arguments applied, in order. */
  overrides: readonly string[];
  epochUtcMs: number;
  duration_s: number;
  endUtcMs: number;
  step_s: number;
  /** duration_s / step_s, a whole number. */
  stepCount: number;
  seed: number;
  designs: Readonly<Record<string, SatelliteDesign>>;
  constellations: readonly ConstellationSpec[];
  /** Satellites of the generated constellations (catalogs not counted). */
  generatedCount: number;
  /** Economic assumptions: the file's `economics` section over the defaults (src/economics/params.ts). */
  economics: EconomicsParams;
  /** What the fleet runs (the file's `workload`, workload.ts); null: every accelerator at full power. */
  workload: WorkloadSpec | null;
  /** Links, ground stations and their use in the twin (the file's `network`, network.ts); null: no network model. */
  network: NetworkSpec | null;
  /** Collision-avoidance manoeuvres (the file's `avoidance`, avoidance.ts); absent or null: none. */
  avoidance?: AvoidanceSpec | null;
  /** The file form after overrides and defaults (for echoing in summary.json). */
  input: ScenarioFile;
  /** Things allowed but probably unintended (an unused design, a coarse step), located like problems. */
  warnings: readonly ScenarioProblem[];
}

/** A problem or warning found here, located by field path; load.ts turns it into file:line:col. */
export interface Issue {
  path: PathSegment[];
  message: string;
  expected?: string;
  found?: string;
}

/** A value the schema's defaults guarantee; its absence is a bug in orbitdc, not in the input. */
function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new OrbitdcError('E_INTERNAL', `scenario default missing for ${what} after validation`);
  return v;
}

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * End of an ISO-8601 duration counted from `epochUtcMs`: years and months on the UTC calendar
 * (a day past the end of the month is clamped: Jan 31 + P1M = Feb 28/29), the rest exact.
 * Returns null when the text is not a duration this reads.
 */
export function addIsoDuration(epochUtcMs: number, text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const d = new Date(epochUtcMs);
  const months = d.getUTCMonth() + 12 * n(1) + n(2);
  const year = d.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const timeOfDay_ms = epochUtcMs - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const calendar = Date.UTC(year, month, day) + timeOfDay_ms;
  const exact_s = n(3) * 604_800 + n(4) * 86_400 + n(5) * 3600 + n(6) * 60 + n(7);
  return calendar + exact_s * 1000;
}

/** Sun-synchronous inclination [rad] (src/orbit/sso.ts); NaN where none exists (above ~5,970 km). */
export function ssoInclination_rad(a_m: number): number {
  try {
    return ssoInclinationOrbit(a_m, 0);
  } catch {
    return Number.NaN; // the caller reports the altitude as a located scenario problem
  }
}

function ltanSeconds(text: string): number {
  const [h = '0', m = '0'] = text.split(':');
  return Number(h) * 3600 + Number(m) * 60;
}

function normaliseDesign(name: string, d: DesignFile): SatelliteDesign {
  const sa = d.solar_array;
  const cellEfficiency = need(sa.cell_efficiency, 'cell_efficiency');
  const packingFactor = need(sa.packing_factor, 'packing_factor');
  const tl = need(d.thermal_limits, 'thermal_limits');
  const acc: AcceleratorSpec = { model: d.accelerators.model, count: d.accelerators.count };
  if (d.accelerators.power_W !== undefined) acc.power_W = d.accelerators.power_W;
  if (d.accelerators.flops !== undefined) acc.flops = d.accelerators.flops;
  if (d.accelerators.hbm_GB !== undefined) acc.hbm_B = d.accelerators.hbm_GB * 1e9;
  return {
    name,
    mass_kg: d.mass_kg,
    solarArray: {
      area_m2: sa.area_m2,
      cellEfficiency,
      packingFactor,
      tempCoeff_per_K: need(sa.temp_coeff_per_K, 'temp_coeff_per_K'),
      referenceTemp_K: celsiusToKelvin(need(sa.reference_temp_C, 'reference_temp_C')),
      degradationPerYear: need(sa.degradation_per_year, 'degradation_per_year'),
      tracking: need(sa.tracking, 'tracking'),
      bolPower_W: sa.area_m2 * cellEfficiency * packingFactor * SOLAR_CONSTANT_W_m2,
    },
    battery: {
      capacity_J: d.battery.capacity_Wh * 3600,
      chargeEfficiency: need(d.battery.charge_efficiency, 'charge_efficiency'),
      dischargeEfficiency: need(d.battery.discharge_efficiency, 'discharge_efficiency'),
      socFloor: need(d.battery.dod_floor, 'dod_floor'),
    },
    radiator: {
      area_m2: d.radiator.area_m2,
      emissivity: need(d.radiator.emissivity, 'emissivity'),
      absorptivity: need(d.radiator.absorptivity, 'absorptivity'),
      faces: need(d.radiator.faces, 'faces'),
    },
    shieldingAl_m: need(d.shielding_mm_al, 'shielding_mm_al') / 1000,
    busLoad_W: d.bus_load_W,
    accelerators: acc,
    chipMax_K: celsiusToKelvin(need(tl.chip_max_C, 'chip_max_C')),
    radiatorMax_K: celsiusToKelvin(need(tl.radiator_max_C, 'radiator_max_C')),
  };
}

/** Context the checks need besides the file: where relative catalog paths start, a default name. */
export interface NormaliseContext {
  baseDir: string;
  defaultName: string;
  source: string;
  overrides: readonly string[];
  /**
   * True when schema validation already reported a problem at or below `path`. The semantic
   * checks then skip that part, so that a file with schema errors still gets its other semantic
   * problems reported in the same pass (and a broken part does not crash a check).
   */
  schemaErrorAt?: (path: readonly PathSegment[]) => boolean;
}

/**
 * Check and normalise. Returns the scenario only when there are no problems; warnings (things
 * allowed but probably unintended) come back either way.
 */
export function normaliseScenario(
  file: ScenarioFile,
  ctx: NormaliseContext,
): { scenario: Omit<Scenario, 'warnings'> | null; problems: Issue[]; warnings: Issue[] } {
  const problems: Issue[] = [];
  const warnings: Issue[] = [];
  const broken = ctx.schemaErrorAt ?? ((): boolean => false);

  let epochUtcMs = Number.NaN;
  if (!broken(['epoch'])) try {
    epochUtcMs = parseIsoUtc(file.epoch, 'epoch');
  } catch (e) {
    const err = e as InputError;
    problems.push({ path: ['epoch'], message: err.message, expected: err.context.expected ?? 'an ISO-8601 UTC time', found: err.context.found ?? JSON.stringify(file.epoch) });
  }

  const step_s = broken(['step_s']) ? Number.NaN : need(file.step_s, 'step_s');
  let duration_s = Number.NaN;
  let endUtcMs = Number.NaN;
  if (Number.isFinite(epochUtcMs) && !broken(['duration'])) {
    const end = addIsoDuration(epochUtcMs, file.duration);
    if (end === null) {
      problems.push({ path: ['duration'], message: 'not an ISO-8601 duration', expected: 'P5Y, P30D, PT6H or P1DT12H', found: JSON.stringify(file.duration) });
    } else if (end <= epochUtcMs) {
      problems.push({ path: ['duration'], message: 'duration must be longer than zero', expected: 'a positive duration such as P1D', found: JSON.stringify(file.duration) });
    } else {
      endUtcMs = end;
      duration_s = (end - epochUtcMs) / 1000;
    }
  }
  let stepCount = 0;
  if (Number.isFinite(duration_s) && Number.isFinite(step_s)) {
    const steps = duration_s / step_s;
    if (step_s > duration_s) {
      problems.push({ path: ['step_s'], message: 'step longer than the whole duration', expected: `at most ${duration_s} s`, found: String(step_s) });
    } else if (Math.abs(steps - Math.round(steps)) > 1e-9 * steps) {
      problems.push({ path: ['step_s'], message: `duration ${file.duration} (${duration_s} s) is not a whole number of steps`, expected: `a step that divides ${duration_s} s, e.g. ${nearDivisors(duration_s, step_s)}`, found: String(step_s) });
    } else {
      stepCount = Math.round(steps);
    }
  }

  const designs: Record<string, SatelliteDesign> = {};
  for (const [name, d] of Object.entries(file.designs)) {
    if (broken(['designs', name])) continue;
    designs[name] = normaliseDesign(name, d);
    const tl = need(d.thermal_limits, 'thermal_limits');
    const chip = need(tl.chip_max_C, 'chip_max_C');
    const rad = need(tl.radiator_max_C, 'radiator_max_C');
    if (rad >= chip) {
      problems.push({ path: ['designs', name, 'thermal_limits', 'radiator_max_C'], message: 'radiator limit must be below the chip limit (heat flows from chip to radiator)', expected: `< chip_max_C = ${chip}`, found: String(rad) });
    }
  }

  const constellations: ConstellationSpec[] = [];
  const namesSeen = new Map<string, number>();
  const designsUsed = new Set<string>();
  let generatedCount = 0;
  let shortestPeriod_s = Infinity;
  file.constellations.forEach((c, index) => {
    if (!broken(['constellations', index, 'design']) && !(c.design in file.designs)) {
      const guess = didYouMean(c.design, Object.keys(file.designs));
      problems.push({
        path: ['constellations', index, 'design'],
        message: `no design named "${c.design}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        expected: `one of ${Object.keys(file.designs).map((k) => JSON.stringify(k)).join(', ')}`,
        found: JSON.stringify(c.design),
      });
    }
    designsUsed.add(c.design);
    const spec = normaliseConstellation(c, index, ctx, problems, broken);
    if (!spec) return;
    const prev = namesSeen.get(spec.name);
    if (prev !== undefined) {
      problems.push({ path: ['constellations', index, 'name'], message: `name already used by constellations[${prev}]`, expected: 'a unique name', found: JSON.stringify(spec.name) });
    }
    namesSeen.set(spec.name, index);
    if (spec.count !== null) generatedCount += spec.count;
    if (spec.kind !== 'catalog') shortestPeriod_s = Math.min(shortestPeriod_s, TWO_PI * Math.sqrt(spec.a_m ** 3 / MU_EARTH_m3_s2));
    constellations.push(spec);
  });

  for (const name of Object.keys(file.designs)) {
    if (!designsUsed.has(name)) warnings.push({ path: ['designs', name], message: `design "${name}" is not used by any constellation` });
  }
  // An eclipse in LEO lasts 20–36 min; steps longer than 1/20 of an orbit (~5 min in LEO)
  // sample it too coarsely for the power and thermal models to mean much.
  if (Number.isFinite(shortestPeriod_s) && Number.isFinite(step_s) && step_s > shortestPeriod_s / 20) {
    warnings.push({ path: ['step_s'], message: `step is longer than 1/20 of the shortest orbital period (${(shortestPeriod_s / 60).toFixed(1)} min): eclipses are sampled coarsely`, expected: `≤ ${Math.floor(shortestPeriod_s / 20)} s`, found: String(step_s) });
  }

  if (file.economics?.uncertainty !== undefined && !broken(['economics', 'uncertainty'])) {
    for (const [key, r] of Object.entries(file.economics.uncertainty)) {
      if (r !== undefined && !(r.low <= r.high)) {
        problems.push({ path: ['economics', 'uncertainty', key, 'low'], message: 'range low above high', expected: `≤ high = ${r.high}`, found: String(r.low) });
      }
    }
  }

  let workload: WorkloadSpec | null = null;
  if (file.workload !== undefined && !broken(['workload'])) {
    const span_s = (text: string): number | null => {
      const end = Number.isFinite(epochUtcMs) ? addIsoDuration(epochUtcMs, text) : null;
      return end === null ? null : (end - epochUtcMs) / 1000;
    };
    workload = normaliseWorkload(file.workload, { baseDir: ctx.baseDir, duration_s, span_s }, problems);
  }

  let network: NetworkSpec | null = null;
  if (file.network !== undefined && !broken(['network'])) {
    network = normaliseNetwork(file.network, constellations, problems);
  }

  let avoidance: AvoidanceSpec | null = null;
  if (file.avoidance !== undefined && !broken(['avoidance'])) {
    const span_s = (text: string): number | null => {
      const end = Number.isFinite(epochUtcMs) ? addIsoDuration(epochUtcMs, text) : null;
      return end === null ? null : (end - epochUtcMs) / 1000;
    };
    avoidance = normaliseAvoidance(file.avoidance, { baseDir: ctx.baseDir, duration_s, span_s }, problems);
  }

  if (problems.length > 0) return { scenario: null, problems, warnings };
  return {
    scenario: {
      name: file.name ?? ctx.defaultName,
      description: file.description ?? '',
      source: ctx.source,
      overrides: ctx.overrides,
      epochUtcMs,
      duration_s,
      endUtcMs,
      step_s,
      stepCount,
      seed: need(file.seed, 'seed'),
      designs,
      constellations,
      generatedCount,
      economics: resolveEconomics(file.economics),
      workload,
      network,
      ...(avoidance ? { avoidance } : {}),
      input: file,
    },
    problems,
    warnings,
  };
}

/** Two whole-second steps near `step_s` that divide `duration_s`, for the error message. */
function nearDivisors(duration_s: number, step_s: number): string {
  const total = Math.round(duration_s);
  const found: number[] = [];
  for (let d = Math.floor(step_s); d >= 1 && found.length < 1; d--) if (total % d === 0) found.push(d);
  for (let d = Math.ceil(step_s); d <= total && found.length < 2; d++) if (total % d === 0 && d !== found[0]) found.push(d);
  return found.map((d) => `${d} s`).join(' or ');
}

function normaliseConstellation(
  c: ConstellationFile,
  index: number,
  ctx: NormaliseContext,
  problems: Issue[],
  broken: (path: readonly PathSegment[]) => boolean,
): ConstellationSpec | null {
  const at = (...rest: PathSegment[]): PathSegment[] => ['constellations', index, ...rest];
  const base = { index, design: c.design };
  // With schema errors present, check only the fields that passed, and build no spec.
  const ok = (...fields: PathSegment[][]): boolean => fields.every((f) => !broken(at(...f)));
  const intact = ok(['name']) && CONSTELLATION_KINDS.every((k) => ok([k]));
  if (c.catalog !== undefined) {
    const path = isAbsolute(c.catalog) ? c.catalog : resolvePath(ctx.baseDir, c.catalog);
    if (ok(['catalog']) && (!existsSync(path) || !statSync(path).isFile())) {
      problems.push({ path: at('catalog'), message: 'catalog file not found', expected: `a TLE/OMM file, relative to ${ctx.baseDir}`, found: JSON.stringify(path) });
    }
    return intact ? { ...base, kind: 'catalog', name: c.name ?? `catalog-${index}`, path, count: null } : null;
  }
  if (c.walker !== undefined) {
    const w = c.walker;
    const phasing = w.phasing ?? 0;
    if (ok(['walker', 'total'], ['walker', 'planes']) && w.total % w.planes !== 0) {
      problems.push({ path: at('walker', 'total'), message: `total ${w.total} is not a multiple of planes ${w.planes}`, expected: `a multiple of ${w.planes}, e.g. ${Math.max(1, Math.round(w.total / w.planes)) * w.planes}`, found: String(w.total) });
    }
    if (ok(['walker', 'planes'], ['walker', 'phasing']) && phasing > w.planes - 1) {
      problems.push({ path: at('walker', 'phasing'), message: 'phasing factor out of range', expected: `0 to planes − 1 = ${w.planes - 1}`, found: String(phasing) });
    }
    if (!intact) return null;
    const pattern = need(w.type, 'walker.type');
    const altitude_m = kmToM(w.altitude_km);
    return {
      ...base,
      kind: 'walker',
      name: c.name ?? `walker-${index}`,
      pattern,
      count: w.total,
      planes: w.planes,
      perPlane: Math.floor(w.total / w.planes),
      phasing,
      altitude_m,
      a_m: R_EARTH_m + altitude_m,
      inclination_rad: degToRad(w.inclination_deg),
      raanSpread_rad: pattern === 'star' ? Math.PI : TWO_PI,
    };
  }
  if (c.sso !== undefined) {
    const s = c.sso;
    const altitude_m = kmToM(s.altitude_km);
    const a_m = R_EARTH_m + altitude_m;
    const inclination_rad = ssoInclination_rad(a_m);
    if (ok(['sso', 'altitude_km']) && Number.isNaN(inclination_rad)) {
      problems.push({ path: at('sso', 'altitude_km'), message: 'no sun-synchronous orbit exists at this altitude', expected: 'below ~5,970 km', found: String(s.altitude_km) });
    }
    if (!intact) return null;
    const planes = need(s.planes, 'planes');
    const perPlane = need(s.perPlane, 'perPlane');
    return { ...base, kind: 'sso', name: c.name ?? `sso-${index}`, count: planes * perPlane, planes, perPlane, altitude_m, a_m, inclination_rad, ltan_s: ltanSeconds(s.ltan) };
  }
  if (c.cluster !== undefined) {
    const k = c.cluster;
    const altitude_m = kmToM(k.altitude_km);
    const a_m = R_EARTH_m + altitude_m;
    const inclination_rad = ssoInclination_rad(a_m);
    if (ok(['cluster', 'altitude_km']) && Number.isNaN(inclination_rad)) {
      problems.push({ path: at('cluster', 'altitude_km'), message: 'no sun-synchronous orbit exists at this altitude', expected: 'below ~5,970 km', found: String(k.altitude_km) });
    }
    if (!intact) return null;
    return { ...base, kind: 'cluster', name: c.name ?? `cluster-${index}`, count: k.n * k.n, side: k.n, radius_m: kmToM(k.radius_km), altitude_m, a_m, inclination_rad, ltan_s: ltanSeconds(k.ltan) };
  }
  return null; // the schema's oneOf already reported a constellation without an orbit source
}
