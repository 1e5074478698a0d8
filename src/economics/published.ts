/**
 * Published figures reproduced in their own framing, computed from the scenario's numbers and
 * labelled with what they include. They answer "what would the paper say about this design?",
 * not "what does it cost?" (that is the full-system comparison in compare.ts).
 *
 * - Suncatcher (arXiv 2511.19468): launch only, mass × $/kg ÷ (satellite power × lifetime), and
 *   ground energy only, $/kWh × PUE × 8,766 h. Counts neither spacecraft, chips nor ground segment.
 * - Starcloud white paper (2024): 40 MW over 10 years, space = launch + solar array + shielding,
 *   ground = energy + cooling + backup power. Counts no chips, buildings, bus, radiators or
 *   batteries on either side.
 */
import { fleetTotals, type Fleet } from './fleet.js';
import { launchCostPerKwYear } from './launch.js';
import { usd } from './lineitem.js';
import { HOURS_PER_YEAR, type EconomicsParams } from './params.js';
import { itOverheadOf, terrestrialEnergyPerKwYear } from './terrestrial.js';

export interface PublishedFigure {
  key: string;
  label: string;
  source: string;
  value: number;
  unit: string;
  includes: string[];
  excludes: string[];
  basis: string;
}

const SUNCATCHER = 'Suncatcher framing (arXiv 2511.19468)';
const STARCLOUD = 'Starcloud framing (white paper 2024)';

/** Starcloud's two totals from their inputs (golden-tested against their $167M and $8.2M). */
export function starcloudFraming(o: {
  itPower_kW: number; lifetime_years: number; electricity_per_kWh: number; pue: number;
  cooling_per_kW_year: number; backup_power_per_kW: number;
  mass_kg: number; launch_per_kg: number; solarArray_usd: number; shielding_usd: number;
}): { ground: { energy: number; cooling: number; backup: number; total: number }; space: { launch: number; solarArray: number; shielding: number; total: number } } {
  const energy = o.itPower_kW * o.pue * HOURS_PER_YEAR * o.lifetime_years * o.electricity_per_kWh;
  const cooling = o.cooling_per_kW_year * o.itPower_kW * o.lifetime_years;
  const backup = o.backup_power_per_kW * o.itPower_kW;
  const launch = o.mass_kg * o.launch_per_kg;
  return {
    ground: { energy, cooling, backup, total: energy + cooling + backup },
    space: { launch, solarArray: o.solarArray_usd, shielding: o.shielding_usd, total: launch + o.solarArray_usd + o.shielding_usd },
  };
}

export function publishedFigures(fleet: Fleet, p: EconomicsParams): PublishedFigure[] {
  const t = fleetTotals(fleet);
  const L = p.lifetime_years;
  const mass = t.mass_kg * p.spacecraft.mass_factor;
  const arrayKW = t.arrayBol_W / 1000;
  const prices = [p.launch.price_per_kg, ...p.launch.reference_prices_per_kg.filter((x) => x !== p.launch.price_per_kg)];
  const out: PublishedFigure[] = prices.map((price, k) => ({
    key: k === 0 ? 'suncatcher_launch_only' : `suncatcher_launch_only_at_${price}`,
    label: `orbit, launch only, at $${price}/kg${k === 0 ? ' (this scenario)' : ' (reference price)'}`,
    source: SUNCATCHER,
    value: launchCostPerKwYear(mass, arrayKW, L, price),
    unit: 'USD per kW-year of satellite (array) power',
    includes: ['launch'],
    excludes: ['spacecraft', 'accelerators', 'ground segment', 'operations', 'replacements', 'insurance'],
    basis: `${(mass / 1000).toPrecision(4)} t × $${price}/kg ÷ (${arrayKW.toPrecision(4)} kW × ${L} yr)`,
  }));
  const te = p.terrestrial;
  out.push({
    key: 'suncatcher_ground_energy_only',
    label: 'ground, electricity only',
    source: SUNCATCHER,
    value: terrestrialEnergyPerKwYear(te.electricity_per_kWh, te.pue),
    unit: 'USD per kW-year of IT power',
    includes: ['electricity (with PUE)'],
    excludes: ['building', 'backup power', 'cooling plant', 'accelerators', 'operations'],
    basis: `$${te.electricity_per_kWh}/kWh × PUE ${te.pue} × 8,766 h (Suncatcher's range: $0.06–0.25/kWh × PUE 1.09–1.4 = $570–3,000)`,
  });
  const itKW = (t.compute_W / 1000) * (1 + itOverheadOf(fleet, p));
  const sc = starcloudFraming({
    itPower_kW: itKW, lifetime_years: L, electricity_per_kWh: te.electricity_per_kWh, pue: te.pue,
    cooling_per_kW_year: te.cooling_per_kW_year, backup_power_per_kW: te.backup_power_per_kW,
    mass_kg: mass, launch_per_kg: p.launch.price_per_kg,
    solarArray_usd: p.spacecraft.solar_array_per_W * t.arrayBol_W,
    shielding_usd: (p.spacecraft.shielding_per_kW * t.compute_W) / 1000,
  });
  out.push({
    key: 'starcloud_ground',
    label: 'ground, energy + cooling + backup power',
    source: STARCLOUD,
    value: sc.ground.total,
    unit: `USD over ${L} yr`,
    includes: ['electricity (with PUE)', 'cooling', 'backup power'],
    excludes: ['building', 'accelerators', 'hosts', 'operations'],
    basis: `energy ${usd(sc.ground.energy)} (${itKW.toPrecision(4)} kW × PUE ${te.pue} × 8,766 h × ${L} yr × $${te.electricity_per_kWh}/kWh) + cooling ${usd(sc.ground.cooling)} + backup ${usd(sc.ground.backup)}`,
  });
  out.push({
    key: 'starcloud_space',
    label: 'orbit, launch + solar array + shielding',
    source: STARCLOUD,
    value: sc.space.total,
    unit: `USD over ${L} yr`,
    includes: ['launch (no learning curve)', 'solar array', 'radiation shielding'],
    excludes: ['bus', 'radiators', 'batteries', 'accelerators', 'hosts', 'ground segment', 'operations', 'replacements', 'insurance'],
    basis: `launch ${usd(sc.space.launch)} (${(mass / 1000).toPrecision(4)} t × $${p.launch.price_per_kg}/kg) + array ${usd(sc.space.solarArray)} + shielding ${usd(sc.space.shielding)}`,
  });
  return out;
}
