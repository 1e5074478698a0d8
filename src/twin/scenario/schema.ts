/**
 * The scenario file schema: one TypeBox definition that gives the TypeScript type of a scenario
 * *file* (`ScenarioFile`) and the JSON Schema (draft 2020-12) that validates it and that editors
 * use (`scenarioJsonSchema()`).
 *
 * Conventions of the file form (the human edge; the loader normalises to SI, see load.ts):
 * - Every number carries its unit in its field name: `altitude_km`, `inclination_deg`, `step_s`,
 *   `area_m2`, `capacity_Wh`, `power_W`, `chip_max_C`. Dimensionless fractions have no suffix
 *   (`cell_efficiency: 0.3`), rates say what per (`degradation_per_year`, `temp_coeff_per_K`).
 * - Instants are ISO-8601 UTC strings (`epoch: 2026-01-01T00:00:00Z`).
 * - The mission length is an ISO-8601 duration string (`duration: P5Y`, `P30D`, `PT6H`,
 *   `P1DT12H`): the one convention for spans. Years and months are calendar units counted from
 *   the epoch in UTC (P1Y from 2028-01-01 is 366 days) and must be whole; weeks, days, hours,
 *   minutes and seconds are exact (1 D = 86,400 s; leap seconds are not counted, as in `utcMs`).
 *   The step is a plain number of seconds (`step_s: 60`), because it is swept and overridden.
 * - Local time of the ascending node is a quoted "HH:MM" string (YAML 1.2 reads 18:00 as a
 *   string anyway; quoting keeps YAML 1.1 tools from reading it as 1080).
 * - Unknown keys are errors everywhere. `network` (optional: laser links, ground stations, jobs
 *   across links, inference answers to the ground) is defined in network-schema.ts. `economics` (optional; money in US dollars) is
 *   defined with its model in src/economics/schema.ts; `workload` (optional: jobs, inference,
 *   policy, checkpoints, faults for `orbitdc run`) in workload-schema.ts.
 *   `avoidance` (optional: collision-avoidance manoeuvres in a run) in avoidance-schema.ts.
 * - A default stated in a description is applied by the loader; its source is named there.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EconomicsSchema } from '../../economics/schema.js';
import { AvoidanceSchema } from './avoidance-schema.js';
import { NetworkSchema } from './network-schema.js';
import { WorkloadSchema } from './workload-schema.js';

/** A closed set of strings as one JSON Schema `enum` (one clear error instead of N `const` ones). */
function StringEnum<T extends string[]>(values: [...T], opts: { description: string; default?: T[number] }) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: values, ...opts });
}

/** Integers from a closed set (`faces: 1 | 2`). */
function IntEnum<T extends number[]>(values: [...T], opts: { description: string; default?: T[number] }) {
  return Type.Unsafe<T[number]>({ type: 'integer', enum: values, ...opts });
}

/** Regular expressions used as `pattern`, with the words the loader prints as "expected". */
export const PATTERNS = {
  // ISO-8601 duration with at least one component; the T part needs at least one component too.
  duration: {
    re: '^P(?=\\d|T\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?W)?(?:\\d+(?:\\.\\d+)?D)?(?:T(?=\\d)(?:\\d+(?:\\.\\d+)?H)?(?:\\d+(?:\\.\\d+)?M)?(?:\\d+(?:\\.\\d+)?S)?)?$',
    hint: 'an ISO-8601 duration such as P5Y, P30D, PT6H or P1DT12H (whole Y and M)',
  },
  ltan: { re: '^([01]\\d|2[0-3]):[0-5]\\d$', hint: 'a quoted local time "HH:MM" (00:00 to 23:59)' },
  epoch: {
    re: '^\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?(?:Z|[+-]00:?00)?$',
    hint: 'an ISO-8601 UTC time such as 2026-01-01T00:00:00Z',
  },
  name: { re: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', hint: 'a name of letters, digits, "_", "." and "-"' },
} as const;

const Altitude_km = (what: string) =>
  Type.Number({
    minimum: 150,
    maximum: 50_000,
    // Below ~150 km an orbit decays within days; beyond 50,000 km is past GEO and out of scope.
    description: `${what}: altitude of the circular orbit above the WGS-84 equatorial radius (6,378.137 km) [km], 150 to 50,000.`,
  });

const Ltan = Type.String({
  pattern: PATTERNS.ltan.re,
  description: 'Local time of the ascending node, "HH:MM" (mean solar time). "18:00" is a dawn-dusk orbit.',
});

const DesignRef = Type.String({
  minLength: 1,
  description: 'Name of the satellite design (a key of `designs`) that every satellite of this constellation uses.',
});

const ConstellationName = Type.String({
  pattern: PATTERNS.name.re,
  description: 'Name of the constellation, unique in the scenario. Default: "<kind>-<index>", e.g. "walker-0".',
});

export const WalkerSchema = Type.Object(
  {
    type: Type.Optional(StringEnum(['delta', 'star'], {
      description: 'Walker pattern: "delta" spreads the planes over 360° of RAAN, "star" over 180°. Default "delta".',
      default: 'delta',
    })),
    total: Type.Integer({ minimum: 1, description: 'Satellites in the shell (Walker t); a multiple of `planes`.' }),
    planes: Type.Integer({ minimum: 1, description: 'Orbital planes (Walker p), equally spaced in RAAN.' }),
    phasing: Type.Optional(Type.Integer({
      minimum: 0,
      description: 'Walker phasing factor F, 0 to planes − 1: satellites in adjacent planes are offset by F·360°/t in argument of latitude. Default 0.',
      default: 0,
    })),
    altitude_km: Altitude_km('Shell altitude'),
    inclination_deg: Type.Number({ minimum: 0, maximum: 180, description: 'Inclination [deg], 0 to 180.' }),
  },
  { additionalProperties: false, description: 'A Walker shell (Walker 1984): t/p/F at one altitude and inclination.' },
);

export const SsoSchema = Type.Object(
  {
    altitude_km: Altitude_km('Sun-synchronous orbit altitude (SSO exists up to ~5,970 km)'),
    ltan: Ltan,
    planes: Type.Optional(Type.Integer({
      minimum: 1,
      default: 1,
      description: 'Orbital planes; the first at `ltan`, the others spread evenly over 24 h of LTAN (360° of RAAN). Default 1.',
    })),
    perPlane: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Satellites per plane, evenly spaced in argument of latitude. Default 1.' })),
  },
  {
    additionalProperties: false,
    description: 'Sun-synchronous planes; inclination follows from the altitude by the J2 condition (Vallado 2013 eq. 11-16).',
  },
);

export const ClusterSchema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, maximum: 1000, description: 'Side of the square lattice: the cluster has n × n satellites (Suncatcher: 9 → 81).' }),
    radius_km: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Cluster radius [km] (Suncatcher: 1 km).' }),
    altitude_km: Altitude_km('Altitude of the reference orbit (sun-synchronous)'),
    ltan: Ltan,
  },
  {
    additionalProperties: false,
    description: 'A formation-flying cluster (Suncatcher, arXiv 2511.19468): n × n satellites in a square lattice around one reference sun-synchronous orbit.',
  },
);

export const ConstellationSchema = Type.Object(
  {
    name: Type.Optional(ConstellationName),
    design: DesignRef,
    catalog: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Catalog file (TLE/3LE or CCSDS OMM), relative to the scenario file; every object in it becomes a satellite.',
      }),
    ),
    walker: Type.Optional(WalkerSchema),
    sso: Type.Optional(SsoSchema),
    cluster: Type.Optional(ClusterSchema),
  },
  {
    additionalProperties: false,
    // Exactly one source of orbits; the loader turns this into one clear problem.
    oneOf: [
      { required: ['catalog'] },
      { required: ['walker'] },
      { required: ['sso'] },
      { required: ['cluster'] },
    ],
    description: 'One group of satellites sharing a design: exactly one of `catalog`, `walker`, `sso`, `cluster`.',
  },
);

/** The orbit-source keys of a constellation, in the order the oneOf lists them. */
export const CONSTELLATION_KINDS = ['catalog', 'walker', 'sso', 'cluster'] as const;
export type ConstellationKind = (typeof CONSTELLATION_KINDS)[number];

export const SolarArraySchema = Type.Object(
  {
    area_m2: Type.Number({ exclusiveMinimum: 0, description: 'Total array area [m²] (cells plus gaps; see packing_factor).' }),
    cell_efficiency: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      maximum: 0.5,
      default: 0.3,
      description:
        'Cell conversion efficiency at beginning of life, AM0, at reference_temp_C. Default 0.30: space triple-junction GaAs cells (AZUR SPACE 3G30C and Spectrolab XTJ Prime datasheets give 29.5–30.7% BOL AM0 at 28 °C).',
    })),
    packing_factor: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.85,
      description: 'Fraction of the array area covered by active cells. Default 0.85 (typical rigid and flexible arrays: 0.80–0.90).',
    })),
    temp_coeff_per_K: Type.Optional(Type.Number({
      minimum: -0.02,
      maximum: 0.01,
      default: -0.0022,
      description:
        'Relative change of efficiency per kelvin above reference_temp_C [1/K]. Default −0.0022/K: triple-junction GaAs (about −0.2 %/K relative; silicon is about −0.4 %/K).',
    })),
    reference_temp_C: Type.Optional(Type.Number({
      minimum: -100,
      maximum: 150,
      default: 28,
      description: 'Temperature at which cell_efficiency holds [°C]. Default 28 °C, the AM0 test temperature of space-cell datasheets.',
    })),
    degradation_per_year: Type.Optional(Type.Number({
      minimum: 0,
      maximum: 0.5,
      default: 0.0275,
      description:
        'Fraction of array output lost per year (Julian year, compounding), all causes. Default 0.0275: GaAs in LEO per Wertz & Larson, Space Mission Analysis and Design (3rd ed., §11.4).',
    })),
    tracking: Type.Optional(StringEnum(['sun', 'body'], {
      default: 'sun',
      description: 'Array pointing: "sun" tracks the Sun (incidence 0 when sunlit); "body" is fixed to the bus (incidence follows attitude). Default "sun".',
    })),
  },
  { additionalProperties: false, description: 'Solar array.' },
);

export const BatterySchema = Type.Object(
  {
    capacity_Wh: Type.Number({ minimum: 0, description: 'Nameplate energy capacity [Wh]. 0 means no battery.' }),
    charge_efficiency: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.95,
      description: 'Fraction of charging energy stored. Default 0.95 (Li-ion, ~90% round trip with discharge_efficiency).',
    })),
    discharge_efficiency: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.95,
      description: 'Fraction of stored energy delivered to the bus. Default 0.95 (Li-ion).',
    })),
    dod_floor: Type.Optional(Type.Number({
      minimum: 0,
      maximum: 0.99,
      default: 0.6,
      description:
        'Lowest state of charge allowed, as a fraction of capacity (maximum depth of discharge = 1 − dod_floor). Default 0.6, i.e. 40% depth of discharge: orbitdc assumption, a common LEO limit for Li-ion over tens of thousands of cycles.',
    })),
  },
  { additionalProperties: false, description: 'Battery.' },
);

export const RadiatorSchema = Type.Object(
  {
    area_m2: Type.Number({ exclusiveMinimum: 0, description: 'Radiator panel area [m²], one face (a two-faced panel radiates from 2 × area_m2).' }),
    emissivity: Type.Optional(Type.Number({
      minimum: 0,
      maximum: 1,
      default: 0.92,
      description: 'Infrared hemispherical emissivity. Default 0.92 (Starcloud white paper, 2024).',
    })),
    absorptivity: Type.Optional(Type.Number({
      minimum: 0,
      maximum: 1,
      default: 0.09,
      description: 'Solar absorptivity. Default 0.09 (Starcloud white paper, 2024; optical solar reflectors reach 0.05–0.10).',
    })),
    faces: Type.Optional(IntEnum([1, 2], { default: 2, description: 'Radiating faces: 1 (body-mounted) or 2 (deployed panel). Default 2.' })),
  },
  { additionalProperties: false, description: 'Radiator.' },
);

export const AcceleratorsSchema = Type.Object(
  {
    model: Type.String({
      minLength: 1,
      description: 'Accelerator model, a key of the hardware catalog (e.g. "h100-sxm", "b200", "tpu-v6e"); the values below override it.',
    }),
    count: Type.Integer({ minimum: 0, description: 'Accelerators per satellite.' }),
    power_W: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Power per accelerator at full load [W]; default from the catalog.' })),
    flops: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Dense BF16 throughput per accelerator [FLOP/s]; default from the catalog.' })),
    hbm_GB: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'High-bandwidth memory per accelerator [GB = 1e9 bytes]; default from the catalog.' })),
  },
  { additionalProperties: false, description: 'Accelerators carried by each satellite.' },
);

export const ThermalLimitsSchema = Type.Object(
  {
    chip_max_C: Type.Optional(Type.Number({
      minimum: -50,
      maximum: 200,
      default: 85,
      description: 'Accelerator temperature above which it throttles [°C]. Default 85 °C (JEDEC HBM normal operating limit; GPUs throttle near it).',
    })),
    radiator_max_C: Type.Optional(Type.Number({
      minimum: -100,
      maximum: 200,
      default: 50,
      description: 'Radiator temperature above which compute throttles [°C]; below chip_max_C. Default 50 °C: orbitdc assumption (~35 K chip-to-radiator drop).',
    })),
  },
  { additionalProperties: false, default: {}, description: 'Temperatures at which compute is throttled.' },
);

export const DesignSchema = Type.Object(
  {
    mass_kg: Type.Number({
      exclusiveMinimum: 0,
      description: 'Launch mass of one satellite, everything on board (bus, arrays, radiators, batteries, chips, shielding) [kg].',
    }),
    solar_array: SolarArraySchema,
    battery: BatterySchema,
    radiator: RadiatorSchema,
    shielding_mm_al: Type.Optional(Type.Number({
      minimum: 0,
      maximum: 100,
      default: 10,
      description: 'Radiation shielding around the electronics, aluminium-equivalent thickness [mm]. Default 10 mm (Suncatcher, arXiv 2511.19468: 150 rad(Si)/yr behind 10 mm Al).',
    })),
    bus_load_W: Type.Number({ minimum: 0, description: 'Constant power of everything but the accelerators (avionics, hosts, links, pumps) [W].' }),
    accelerators: AcceleratorsSchema,
    thermal_limits: Type.Optional(ThermalLimitsSchema),
  },
  { additionalProperties: false, description: 'A satellite design.' },
);

export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Optional JSON Schema reference for editors; ignored by orbitdc.' })),
    name: Type.Optional(Type.String({ pattern: PATTERNS.name.re, description: 'Scenario name. Default: the file name without extension.' })),
    description: Type.Optional(Type.String({ description: 'One line saying what this scenario models.' })),
    epoch: Type.String({ pattern: PATTERNS.epoch.re, description: 'Start of the simulation, ISO-8601 UTC (e.g. 2026-01-01T00:00:00Z).' }),
    duration: Type.String({ pattern: PATTERNS.duration.re, description: 'Simulated span, ISO-8601 duration (P5Y, P30D, PT6H); Y and M are calendar units from the epoch.' }),
    step_s: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400, default: 60, description: 'Time step [s]; the duration must be a whole number of steps. Default 60 s.' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 1, description: 'Seed of every random stream (same scenario and seed, same result). Default 1.' })),
    designs: Type.Record(Type.String(), DesignSchema, {
      minProperties: 1,
      propertyNames: { pattern: PATTERNS.name.re },
      description: 'Satellite designs by name.',
    }),
    constellations: Type.Array(ConstellationSchema, { minItems: 1, description: 'Groups of satellites.' }),
    economics: Type.Optional(EconomicsSchema),
    workload: Type.Optional(WorkloadSchema),
    network: Type.Optional(NetworkSchema),
    avoidance: Type.Optional(AvoidanceSchema),
  },
  {
    additionalProperties: false,
    title: 'orbitdc scenario',
    description: 'An orbitdc scenario: when, how long, which satellites, of which designs.',
  },
);

/** A scenario file as written (before defaults and normalisation). */
export type ScenarioFile = Static<typeof ScenarioSchema>;
export type DesignFile = Static<typeof DesignSchema>;
export type ConstellationFile = Static<typeof ConstellationSchema>;

export const SCENARIO_SCHEMA_ID = 'https://orbitdc.dev/schema/scenario.json';

/** Strip TypeBox's symbol keys by a JSON round trip: a plain JSON Schema object. */
function plain(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

/**
 * The scenario JSON Schema (draft 2020-12) as a fresh plain object: what `orbitdc schema`
 * prints and what editors (yaml-language-server: `# yaml-language-server: $schema=...`) use.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCENARIO_SCHEMA_ID,
    ...plain(ScenarioSchema),
  };
}
