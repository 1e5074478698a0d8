/**
 * The `economics` section of a scenario file (TypeBox → JSON Schema), every field optional, every
 * default taken from DEFAULT_ECONOMICS (params.ts) and its source stated in the description:
 * a published figure, or "ASSUMPTION" (orbitdc's) with the reasoning. src/twin/scenario/schema.ts
 * mounts it as `economics`.
 */
import { Type } from '@sinclair/typebox';
import { DEFAULT_ECONOMICS as D } from './params.js';
import { UNCERTAIN_INPUTS } from './sensitivity.js';

const Num = (def: number, description: string, range: { min?: number; max?: number; exclusiveMin?: number } = {}) =>
  Type.Optional(Type.Number({
    ...(range.min !== undefined ? { minimum: range.min } : {}),
    ...(range.exclusiveMin !== undefined ? { exclusiveMinimum: range.exclusiveMin } : {}),
    ...(range.max !== undefined ? { maximum: range.max } : {}),
    default: def,
    description: `${description} Default ${def}.`,
  }));

const Share = (def: number, what: string) => Num(def, `Fraction of the world's ${what} available to orbital compute, 0 to 1. ${def === 1 ? 'Default 1 gives the ceiling (all of it), not a forecast.' : ''}`, { min: 0, max: 1 });
const Growth = (def: number, what: string) => Num(def, `Growth of ${what} per year (0.3 = +30%/yr, compounding). ASSUMPTION (orbitdc).`, { min: -0.5, max: 10 });

export const LaunchEconSchema = Type.Object(
  {
    price_per_kg: Num(D.launch.price_per_kg, 'Launch price to the operating orbit today [USD/kg]. Default: the higher price of Suncatcher\'s comparison (arXiv 2511.19468: $3,600/kg, about Falcon 9\'s list price per kg to LEO).', { exclusiveMin: 0 }),
    learning_rate: Num(D.launch.learning_rate, 'Fraction of the price lost per doubling of the world\'s cumulative launched mass (Wright\'s law). Default 0.2: Suncatcher (arXiv 2511.19468), ~20% per doubling from SpaceX\'s history.', { min: 0, max: 0.9 }),
    cumulative_t: Num(D.launch.cumulative_t, 'World cumulative mass launched to orbit at which price_per_kg holds [t]; the program\'s own launches add to it. ASSUMPTION (orbitdc): order of magnitude of all mass launched by 2026, most of it Starlink.', { exclusiveMin: 0 }),
    reference_prices_per_kg: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, description: 'A launch price [USD/kg].' }), {
      default: [...D.launch.reference_prices_per_kg],
      description: `Prices at which the launch-only figure (Suncatcher framing) is also shown [USD/kg]. Default ${JSON.stringify(D.launch.reference_prices_per_kg)}: Suncatcher's two prices (today, and the ~2035 projection).`,
    })),
  },
  { additionalProperties: false, default: {}, description: 'Launch price and its learning curve.' },
);

export const SpacecraftEconSchema = Type.Object(
  {
    bus_per_kg: Num(D.spacecraft.bus_per_kg, 'Structure, avionics, propulsion, thermal hardware, integration and test, per kg of launch mass [USD/kg]; arrays, radiators, batteries, shielding and chips are priced separately. ASSUMPTION (orbitdc): Starlink-class mass production (unit cost estimates of ~$0.25–1M for 260–800 kg satellites give $500–1,500/kg all-in).', { min: 0 }),
    solar_array_per_W: Num(D.spacecraft.solar_array_per_W, 'Solar array per W at beginning of life [USD/W]. ASSUMPTION (orbitdc): between space triple-junction arrays (~$100–300/W) and silicon arrays in mass production (a few $/W); Starcloud assumes $0.05/W.', { min: 0 }),
    radiator_per_m2: Num(D.spacecraft.radiator_per_m2, 'Radiator panel per m² (one face) [USD/m²]. ASSUMPTION (orbitdc).', { min: 0 }),
    battery_per_Wh: Num(D.spacecraft.battery_per_Wh, 'Battery per Wh of nameplate capacity [USD/Wh]. ASSUMPTION (orbitdc): space packs from commercial Li-ion cells (cells ~$0.1–0.15/Wh, qualified packs several times that).', { min: 0 }),
    shielding_per_kW: Num(D.spacecraft.shielding_per_kW, 'Radiation shielding per kW of accelerator power [USD/kW]. Default: Starcloud white paper (2024), $1.2M for 40 MW.', { min: 0 }),
    mass_factor: Num(D.spacecraft.mass_factor, 'Multiplies every design\'s launch mass in the economics (what-if on kg per kW); 1 = as designed.', { exclusiveMin: 0 }),
  },
  { additionalProperties: false, default: {}, description: 'Spacecraft hardware prices.' },
);

export const AcceleratorEconSchema = Type.Object(
  {
    price_each: Num(D.accelerators.price_each, 'One accelerator module [USD], the same on both sides. ASSUMPTION (orbitdc): H100/B200-class street prices of $25–40k (2024–25).', { min: 0 }),
    host_per_accelerator: Num(D.accelerators.host_per_accelerator, 'Host servers, CPUs, memory and network per accelerator [USD]. ASSUMPTION (orbitdc): an 8-GPU server sells for ~$300–400k, $10–20k per GPU above the GPU itself.', { min: 0 }),
    refresh_months: Num(D.accelerators.refresh_months, 'A new accelerator generation replaces the fleet every this many months; 0 = never within the lifetime. In orbit a refresh is a new satellite and launch (LEO satellites are not serviced); on the ground, new accelerators and hosts. The field replaces accelerators every 12–18 months.', { min: 0 }),
  },
  { additionalProperties: false, default: {}, description: 'Accelerator and host prices, and refresh.' },
);

export const OperationsEconSchema = Type.Object(
  {
    ground_segment_per_year: Num(D.operations.ground_segment_per_year, 'Ground stations, operations centre, spectrum and licences [USD/yr]. ASSUMPTION (orbitdc).', { min: 0 }),
    per_satellite_year: Num(D.operations.per_satellite_year, 'Mission operations per satellite per year [USD]. ASSUMPTION (orbitdc): highly automated constellation operations.', { min: 0 }),
    insurance_fraction: Num(D.operations.insurance_fraction, 'Launch plus first-year insurance premium, fraction of launch + hardware value. ASSUMPTION (orbitdc): recent launch premiums of ~5–10%; large constellations often self-insure (0).', { min: 0, max: 1 }),
    failure_rate_per_year: Num(D.operations.failure_rate_per_year, 'Fraction of satellites failing per year, each rebuilt and relaunched. ASSUMPTION (orbitdc): a few percent per year, Starlink-class.', { min: 0, max: 1 }),
  },
  { additionalProperties: false, default: {}, description: 'Operations of the orbital fleet.' },
);

export const TerrestrialEconSchema = Type.Object(
  {
    electricity_per_kWh: Num(D.terrestrial.electricity_per_kWh, 'Electricity price [USD/kWh]. ASSUMPTION (orbitdc): about the US industrial average (EIA, 2024); Suncatcher\'s range is $0.06–0.25, Starcloud assumes $0.04.', { min: 0 }),
    pue: Num(D.terrestrial.pue, 'Power usage effectiveness (facility ÷ IT power). ASSUMPTION (orbitdc): within Suncatcher\'s 1.09–1.4.', { min: 1, max: 5 }),
    it_overhead: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: 'IT power besides the accelerators (hosts, network), fraction of accelerator power. Default: the design\'s bus_load_W ÷ accelerator power, i.e. the same hosts and network as in orbit.' })),
    cooling_per_kW_year: Num(D.terrestrial.cooling_per_kW_year, 'Cooling plant and water per kW of IT power per year [USD] (cooling electricity is in the PUE). Default: Starcloud white paper (2024), $7M for 40 MW over 10 years.', { min: 0 }),
    backup_power_per_kW: Num(D.terrestrial.backup_power_per_kW, 'Backup power (generators, UPS) per kW of IT power [USD]. Default: Starcloud white paper (2024), $20M for 40 MW.', { min: 0 }),
    building_per_kW: Num(D.terrestrial.building_per_kW, 'Building, electrical and mechanical plant per kW of IT power, backup excluded [USD]. ASSUMPTION (orbitdc): construction cost surveys give ~$8–12M per MW.', { min: 0 }),
    operations_per_kW_year: Num(D.terrestrial.operations_per_kW_year, 'Staff, maintenance and property tax per kW of IT power per year [USD]. ASSUMPTION (orbitdc).', { min: 0 }),
    availability: Num(D.terrestrial.availability, 'Fraction of nameplate accelerator-hours a ground data center delivers (used on the delivered basis). ASSUMPTION (orbitdc).', { min: 0, max: 1 }),
    chip_failure_rate_per_year: Num(D.terrestrial.chip_failure_rate_per_year, 'Fraction of accelerators bought again each year to replace failures on the ground. ASSUMPTION (orbitdc): Llama 3 (Meta 2024) saw 148 GPU + 72 HBM failures among 16,384 H100 in 54 days (~9%/yr); a third of those taken as purchased replacements, the rest repaired or under warranty.', { min: 0, max: 1 }),
  },
  { additionalProperties: false, default: {}, description: 'The terrestrial baseline: a ground data center with the same accelerators.' },
);

export const RampEconSchema = Type.Object(
  {
    start_year: Type.Optional(Type.Integer({ minimum: 1957, maximum: 2200, description: 'First year of the ramp. Default: the year of the scenario epoch.' })),
    years: Num(D.ramp.years, 'Years in the ramp table.', { min: 1, max: 100 }),
    launch_t_per_year: Num(D.ramp.launch_t_per_year, 'World launch mass to orbit in the first year [t/yr]. ASSUMPTION (orbitdc): ~3,000 t in 2025–26, mostly Falcon 9; the field\'s goal is 1 Mt/yr.', { min: 0 }),
    launch_growth_per_year: Growth(D.ramp.launch_growth_per_year, 'launch mass'),
    launch_share: Share(D.ramp.launch_share, 'launch mass'),
    kw_per_tonne: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Accelerator power per tonne launched [kW/t]. Default: the scenario fleet\'s own (the field quotes ~100 kW/t).' })),
    solar_GW_per_year: Num(D.ramp.solar_GW_per_year, 'Solar cell production available in the first year [GW/yr]. Default: the field\'s ~200 GW/yr of planned heterojunction and perovskite manufacturing (news of 2026).', { min: 0 }),
    solar_growth_per_year: Growth(D.ramp.solar_growth_per_year, 'solar cell production'),
    solar_share: Share(D.ramp.solar_share, 'solar cells'),
    accelerators_per_year: Num(D.ramp.accelerators_per_year, 'AI accelerators produced in the first year [units/yr]. ASSUMPTION (orbitdc): order of magnitude of 2025–26 data-center GPU and TPU shipments.', { min: 0 }),
    accelerator_growth_per_year: Growth(D.ramp.accelerator_growth_per_year, 'accelerator production'),
    accelerator_share: Share(D.ramp.accelerator_share, 'accelerators'),
    hbm_GB_per_year: Num(D.ramp.hbm_GB_per_year, 'HBM produced in the first year [GB/yr]. ASSUMPTION (orbitdc): ~$30B/yr of HBM at ~$15/GB; memory may be the tightest supply of all.', { min: 0 }),
    hbm_growth_per_year: Growth(D.ramp.hbm_growth_per_year, 'HBM production'),
    hbm_share: Share(D.ramp.hbm_share, 'HBM'),
  },
  { additionalProperties: false, default: {}, description: 'The deployment ramp: world supplies and the shares orbit gets.' },
);

const RangeSchema = (label: string, unit: string) => Type.Optional(Type.Object(
  {
    low: Type.Number({ description: `Low value [${unit || '1'}].` }),
    high: Type.Number({ description: `High value [${unit || '1'}].` }),
  },
  { additionalProperties: false, description: `Range of ${label} for the tornado and the Monte Carlo (replaces the default range).` },
));

export const UncertaintySchema = Type.Object(
  Object.fromEntries(UNCERTAIN_INPUTS.map((u) => [u.path, RangeSchema(u.label, u.unit)])),
  { additionalProperties: false, description: 'Ranges of the uncertain inputs, keyed by their path in this section (orbit_utilisation: the delivered fraction). Default ranges: src/economics/sensitivity.ts.' },
);

export const EconomicsSchema = Type.Object(
  {
    lifetime_years: Num(D.lifetime_years, 'Years over which both sides are costed and their compute counted. Default 5: Suncatcher\'s and the Starlink v2 mini\'s 5-year life.', { exclusiveMin: 0, max: 100 }),
    launch: Type.Optional(LaunchEconSchema),
    spacecraft: Type.Optional(SpacecraftEconSchema),
    accelerators: Type.Optional(AcceleratorEconSchema),
    operations: Type.Optional(OperationsEconSchema),
    terrestrial: Type.Optional(TerrestrialEconSchema),
    ramp: Type.Optional(RampEconSchema),
    monte_carlo_samples: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: D.monte_carlo_samples, description: `Monte Carlo draws. Default ${D.monte_carlo_samples}.` })),
    uncertainty: Type.Optional(UncertaintySchema),
  },
  {
    additionalProperties: false,
    description: 'Costs in orbit and on the ground, in US dollars (nominal, undiscounted); "kW" is accelerator power. Every field is optional; defaults and their sources are in each description.',
  },
);
