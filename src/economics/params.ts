/**
 * Economic assumptions: one typed record, the defaults with their sources, and the merge of a
 * scenario's (partial) `economics` section over the defaults.
 *
 * Conventions: money is US dollars, nominal and undiscounted (a cost in year 5 counts the same as
 * one today; no financing). Field names are the scenario file's (`launch.price_per_kg`), so that a
 * `--set economics.launch.price_per_kg=500`, a tornado bar and a Monte Carlo input all use one
 * name. "kW" without qualifier is kilowatts of ACCELERATOR power (the compute), not of the array
 * and not of the whole facility. A year is the Julian year, 8,766 h (the year of Suncatcher's
 * $/kW/yr arithmetic).
 *
 * Every default is either a published figure (source named in `src/economics/schema.ts`, the text
 * users see in the JSON Schema) or marked there as an orbitdc ASSUMPTION with its reasoning.
 */

/** Hours in a Julian year (365.25 d × 24 h). */
export const HOURS_PER_YEAR = 8766;

export interface LaunchParams {
  /** Launch price today, at world cumulative mass `cumulative_t` [USD/kg]. */
  price_per_kg: number;
  /** Fraction of the price lost per doubling of the world's cumulative launched mass (Wright's law). */
  learning_rate: number;
  /** World cumulative mass launched at which `price_per_kg` holds [t]. */
  cumulative_t: number;
  /** Launch prices at which the launch-only figure (Suncatcher's framing) is also shown [USD/kg]. */
  reference_prices_per_kg: number[];
}

export interface SpacecraftParams {
  /** Structure, avionics, propulsion, thermal hardware, integration and test, per kg of launch mass [USD/kg]. */
  bus_per_kg: number;
  /** Solar array per watt of beginning-of-life array power [USD/W]. */
  solar_array_per_W: number;
  /** Radiator per m² of panel (one face) [USD/m²]. */
  radiator_per_m2: number;
  /** Battery per Wh of nameplate capacity [USD/Wh]. */
  battery_per_Wh: number;
  /** Radiation shielding per kW of accelerator power [USD/kW]. */
  shielding_per_kW: number;
  /** Multiplies every design's launch mass (what-if studies of kg per kW); 1 = as designed. */
  mass_factor: number;
}

export interface AcceleratorParams {
  /** One accelerator (GPU/TPU module) [USD]. */
  price_each: number;
  /** Host servers, CPUs, memory and network around one accelerator [USD]. */
  host_per_accelerator: number;
  /** Accelerators are replaced by a new generation every this many months; 0 = never within the lifetime. */
  refresh_months: number;
}

export interface OperationsParams {
  /** Ground stations, network operations centre, spectrum and licences [USD/yr]. */
  ground_segment_per_year: number;
  /** Mission operations per satellite [USD/(satellite·yr)]. */
  per_satellite_year: number;
  /** Launch plus first-year insurance premium as a fraction of the insured value (launch + spacecraft + chips). */
  insurance_fraction: number;
  /** Fraction of satellites that fail per year and are replaced (built and launched again). */
  failure_rate_per_year: number;
}

export interface TerrestrialParams {
  /** Electricity price [USD/kWh]. */
  electricity_per_kWh: number;
  /** Power usage effectiveness: facility power ÷ IT power. */
  pue: number;
  /**
   * IT power besides the accelerators (hosts, network), as a fraction of accelerator power.
   * Absent: the design's own bus_load_W ÷ accelerator power (the same load as in orbit).
   */
  it_overhead?: number;
  /** Cooling plant and water, per kW of IT power per year [USD/(kW·yr)]. */
  cooling_per_kW_year: number;
  /** Backup power (generators, UPS), per kW of IT power [USD/kW]. */
  backup_power_per_kW: number;
  /** Building, electrical and mechanical plant (backup excluded), per kW of IT power [USD/kW]. */
  building_per_kW: number;
  /** Staff, maintenance, property tax, per kW of IT power per year [USD/(kW·yr)]. */
  operations_per_kW_year: number;
  /** Fraction of nameplate accelerator-hours a ground data center delivers. */
  availability: number;
  /** Fraction of accelerators that fail per year and are replaced on the ground. */
  chip_failure_rate_per_year: number;
}

export interface RampParams {
  /** First year of the ramp; absent: the scenario epoch's year. */
  start_year?: number;
  /** Years in the table. */
  years: number;
  /** World launch capacity to orbit in the first year [t/yr]. */
  launch_t_per_year: number;
  launch_growth_per_year: number;
  /** Fraction of world launch mass available to orbital compute. */
  launch_share: number;
  /** Accelerator power per tonne launched [kW/t]; absent: the scenario fleet's own. */
  kw_per_tonne?: number;
  /** Solar cell production in the first year [GW/yr]. */
  solar_GW_per_year: number;
  solar_growth_per_year: number;
  solar_share: number;
  /** Accelerators produced in the first year [units/yr]. */
  accelerators_per_year: number;
  accelerator_growth_per_year: number;
  accelerator_share: number;
  /** HBM produced in the first year [GB/yr]. */
  hbm_GB_per_year: number;
  hbm_growth_per_year: number;
  hbm_share: number;
}

/** A low/high range of one uncertain input, in the input's own unit. */
export interface InputRange {
  low: number;
  high: number;
}

export interface EconomicsParams {
  /** Years over which both sides are costed and their compute counted. */
  lifetime_years: number;
  launch: LaunchParams;
  spacecraft: SpacecraftParams;
  accelerators: AcceleratorParams;
  operations: OperationsParams;
  terrestrial: TerrestrialParams;
  ramp: RampParams;
  /** Monte Carlo draws. */
  monte_carlo_samples: number;
  /** Ranges that replace the default ranges of the tornado and the Monte Carlo, keyed by input path. */
  uncertainty: Record<string, InputRange>;
}

/** The defaults (sources and reasoning in schema.ts descriptions). */
export const DEFAULT_ECONOMICS: Readonly<EconomicsParams> = Object.freeze({
  lifetime_years: 5,
  launch: { price_per_kg: 3600, learning_rate: 0.2, cumulative_t: 20_000, reference_prices_per_kg: [3600, 200] },
  spacecraft: { bus_per_kg: 500, solar_array_per_W: 20, radiator_per_m2: 2000, battery_per_Wh: 1, shielding_per_kW: 30, mass_factor: 1 },
  accelerators: { price_each: 30_000, host_per_accelerator: 10_000, refresh_months: 0 },
  operations: { ground_segment_per_year: 5e6, per_satellite_year: 5000, insurance_fraction: 0.05, failure_rate_per_year: 0.02 },
  terrestrial: {
    electricity_per_kWh: 0.08,
    pue: 1.2,
    cooling_per_kW_year: 17.5,
    backup_power_per_kW: 500,
    building_per_kW: 10_000,
    operations_per_kW_year: 100,
    availability: 0.99,
    chip_failure_rate_per_year: 0.03,
  },
  ramp: {
    years: 10,
    launch_t_per_year: 3000,
    launch_growth_per_year: 0.5,
    launch_share: 1,
    solar_GW_per_year: 200,
    solar_growth_per_year: 0.1,
    solar_share: 1,
    accelerators_per_year: 8e6,
    accelerator_growth_per_year: 0.3,
    accelerator_share: 1,
    hbm_GB_per_year: 2e9,
    hbm_growth_per_year: 0.3,
    hbm_share: 1,
  },
  monte_carlo_samples: 2000,
  uncertainty: {},
});

/** A deep-partial economics section as a scenario file may write it. */
export type EconomicsInput = {
  [K in Exclude<keyof EconomicsParams, 'uncertainty'>]?: EconomicsParams[K] extends object
    ? { [J in keyof EconomicsParams[K]]?: EconomicsParams[K][J] }
    : EconomicsParams[K];
} & { uncertainty?: Readonly<Record<string, InputRange | undefined>> };

function merge<T extends object>(base: T, over: Partial<T> | undefined): T {
  const out = { ...base };
  if (over) for (const [k, v] of Object.entries(over)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The section over the defaults, a fresh object (safe to modify). */
export function resolveEconomics(input: EconomicsInput | undefined): EconomicsParams {
  const d = DEFAULT_ECONOMICS;
  const i = input ?? {};
  return {
    lifetime_years: i.lifetime_years ?? d.lifetime_years,
    launch: merge({ ...d.launch, reference_prices_per_kg: [...d.launch.reference_prices_per_kg] }, i.launch),
    spacecraft: merge(d.spacecraft, i.spacecraft),
    accelerators: merge(d.accelerators, i.accelerators),
    operations: merge(d.operations, i.operations),
    terrestrial: merge(d.terrestrial, i.terrestrial),
    ramp: merge(d.ramp, i.ramp),
    monte_carlo_samples: i.monte_carlo_samples ?? d.monte_carlo_samples,
    uncertainty: Object.fromEntries(Object.entries(i.uncertainty ?? {}).filter((e): e is [string, InputRange] => e[1] !== undefined).map(([k, r]) => [k, { low: r.low, high: r.high }])),
  };
}

/** A deep copy (params are small; the tornado and Monte Carlo copy them per evaluation). */
export function cloneParams(p: EconomicsParams): EconomicsParams {
  return structuredClone(p);
}

/** The value at a dotted path (`launch.price_per_kg`); undefined when the path names no number. */
export function getParam(p: EconomicsParams, path: string): number | undefined {
  let v: unknown = p;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'number' ? v : undefined;
}

/** Set a number at a dotted path, in place. The path must exist up to its last key. */
export function setParam(p: EconomicsParams, path: string, value: number): void {
  const keys = path.split('.');
  let o = p as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1] as string] = value;
}
