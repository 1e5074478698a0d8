/**
 * The deployment ramp: year by year, how many GW of accelerator power can reach orbit, limited by
 * the smallest of four supplies, and which one that is.
 *
 *   launch        world launch mass × share × kW per tonne (the design's, or ~100 kW/t in the field)
 *   solar cells   world cell production × share ÷ (array W needed per accelerator W)
 *   accelerators  world accelerators × share × power per accelerator
 *   HBM           world HBM × share ÷ HBM per accelerator × power per accelerator
 *
 * Each supply grows geometrically from its first-year value. Shares default to 1: the ceiling if
 * orbit took the whole world's supply; lower them for a realistic slice. Not modelled: fab lead
 * times (~5 years from ground-breaking to volume), launch-site cadence, in-orbit assembly.
 * The launch price each year follows the learning curve on the world's cumulative launched mass.
 */
import { fleetTotals, type Fleet } from './fleet.js';
import { priceAtCumulativeMass } from './launch.js';
import type { EconomicsParams } from './params.js';

export type RampFactor = 'launch' | 'solar' | 'accelerators' | 'hbm';

export interface RampYear {
  year: number;
  /** World launch mass this year [t]. */
  launch_t: number;
  /** Launch price this year on the learning curve [USD/kg]. */
  launchPrice_per_kg: number;
  /** GW of accelerator power each supply allows this year. */
  limits_GW: Record<RampFactor, number>;
  /** The smallest of the limits [GW]. */
  deployable_GW: number;
  limitingFactor: RampFactor;
  /** Mass launched for compute this year [t]. */
  computeMass_t: number;
  /** Deployed since the start [GW]. */
  cumulative_GW: number;
  /** Deployed within the last `lifetime_years` (older satellites retired) [GW]. */
  inService_GW: number;
}

export interface RampResult {
  startYear: number;
  kwPerTonne: number;
  kwPerTonneSource: string;
  /** Array power at beginning of life per accelerator watt. */
  arrayWPerAcceleratorW: number;
  acceleratorPower_W: number;
  hbmPerAccelerator_GB: number;
  years: RampYear[];
  notes: string[];
}

const FACTORS: readonly RampFactor[] = ['launch', 'solar', 'accelerators', 'hbm'];

export function deploymentRamp(fleet: Fleet, p: EconomicsParams, defaultStartYear: number): RampResult {
  const r = p.ramp;
  const t = fleetTotals(fleet);
  const massT = (t.mass_kg * p.spacecraft.mass_factor) / 1000;
  const fleetKwPerT = massT > 0 ? t.compute_W / 1000 / massT : 0;
  const kwPerTonne = r.kw_per_tonne ?? fleetKwPerT;
  const accW = t.accelerators > 0 ? t.compute_W / t.accelerators : 0;
  const hbmGB = t.accelerators > 0 ? t.hbm_B / t.accelerators / 1e9 : 0;
  const arrayPerW = t.compute_W > 0 ? t.arrayBol_W / t.compute_W : 0;
  const start = r.start_year ?? defaultStartYear;
  const years: RampYear[] = [];
  let worldCumulative_kg = p.launch.cumulative_t * 1000;
  let cumulative = 0;
  const life = Math.max(1, Math.round(p.lifetime_years));
  for (let k = 0; k < r.years; k++) {
    const launch_t = r.launch_t_per_year * (1 + r.launch_growth_per_year) ** k;
    const limits: Record<RampFactor, number> = {
      launch: (launch_t * r.launch_share * kwPerTonne) / 1e6,
      solar: arrayPerW > 0 ? (r.solar_GW_per_year * (1 + r.solar_growth_per_year) ** k * r.solar_share) / arrayPerW : Infinity,
      accelerators: (r.accelerators_per_year * (1 + r.accelerator_growth_per_year) ** k * r.accelerator_share * accW) / 1e9,
      hbm: hbmGB > 0 ? ((r.hbm_GB_per_year * (1 + r.hbm_growth_per_year) ** k * r.hbm_share) / hbmGB) * accW / 1e9 : Infinity,
    };
    let limiting: RampFactor = 'launch';
    for (const f of FACTORS) if (limits[f] < limits[limiting]) limiting = f;
    const deployable = limits[limiting];
    cumulative += deployable;
    const row: RampYear = {
      year: start + k,
      launch_t,
      launchPrice_per_kg: priceAtCumulativeMass(p.launch.price_per_kg, p.launch.learning_rate, p.launch.cumulative_t * 1000, worldCumulative_kg),
      limits_GW: limits,
      deployable_GW: deployable,
      limitingFactor: limiting,
      computeMass_t: kwPerTonne > 0 ? (deployable * 1e6) / kwPerTonne : 0,
      cumulative_GW: cumulative,
      inService_GW: 0,
    };
    years.push(row);
    let inService = 0;
    for (let j = Math.max(0, years.length - life); j < years.length; j++) inService += (years[j] as RampYear).deployable_GW;
    row.inService_GW = inService;
    worldCumulative_kg += launch_t * 1000;
  }
  return {
    startYear: start,
    kwPerTonne,
    kwPerTonneSource: r.kw_per_tonne !== undefined ? 'economics.ramp.kw_per_tonne' : `the scenario fleet: ${(t.compute_W / 1000).toPrecision(4)} kW of accelerators ÷ ${massT.toPrecision(4)} t`,
    arrayWPerAcceleratorW: arrayPerW,
    acceleratorPower_W: accW,
    hbmPerAccelerator_GB: hbmGB,
    years,
    notes: [
      `shares of world supply: launch ${r.launch_share}, solar ${r.solar_share}, accelerators ${r.accelerator_share}, HBM ${r.hbm_share} (1 = the whole world's supply: a ceiling)`,
      'not modelled: fab lead times (~5 years to volume), launch-site cadence, in-orbit assembly, competing demand on the ground',
      `in service = deployed within the last ${life} years (economics.lifetime_years)`,
    ],
  };
}
