/**
 * Lifetime cost of the orbital fleet, the full system: capex (bus, arrays, radiators, batteries,
 * shielding, accelerators and their hosts, launch, insurance) and opex (ground segment,
 * operations, satellites that fail and are replaced, accelerator refreshes).
 *
 * Modelling choices (each stated in the line's `basis`):
 * - A LEO satellite is not serviced: a failed satellite, and a new accelerator generation, both
 *   mean building and launching a whole new satellite.
 * - Failures are an expected count: failure_rate_per_year × lifetime per satellite (fractional).
 * - Launch is paid at the mean price over the program's whole launched mass (initial fleet plus
 *   replacements and refreshes) on the learning curve (launch.ts): a million-tonne program moves
 *   the price it pays; an 81-satellite one does not.
 * - Undiscounted, nominal dollars; nothing for financing.
 */
import type { Fleet } from './fleet.js';
import { meanPriceOverProgram } from './launch.js';
import { excluded, item, totalOf, usd, type LineItem } from './lineitem.js';
import type { EconomicsParams } from './params.js';

export interface OrbitCosts {
  items: LineItem[];
  total_usd: number;
  /** Satellites built per satellite slot over the lifetime: 1 + failures + refreshes. */
  buildsPerSatellite: number;
  /** Whole-satellite refreshes per slot (new accelerator generations). */
  refreshes: number;
  /** Everything launched over the lifetime [kg]. */
  programMass_kg: number;
  /** Mean launch price paid over the program [USD/kg]. */
  meanLaunchPrice_per_kg: number;
}

/** Refreshes within a lifetime: a new generation every `months`, the first fleet not counted. */
export function refreshCount(lifetime_years: number, months: number): number {
  if (!(months > 0)) return 0;
  // 1e-9: a 60-month lifetime with a 12-month refresh is 4 refreshes, not 5.
  return Math.max(0, Math.ceil((lifetime_years * 12) / months - 1e-9) - 1);
}

export function orbitCosts(fleet: Fleet, p: EconomicsParams): OrbitCosts {
  const L = p.lifetime_years, sc = p.spacecraft, ac = p.accelerators, op = p.operations;
  const mf = sc.mass_factor;
  const failures = op.failure_rate_per_year * L;
  const refreshes = refreshCount(L, ac.refresh_months);
  const builds = 1 + failures + refreshes;

  let sats = 0, mass = 0, bus = 0, array = 0, radiator = 0, battery = 0, shielding = 0, chips = 0, hosts = 0, nChips = 0, kW = 0;
  for (const g of fleet.groups) {
    const n = g.satellites;
    const chipKW = (g.accelerators * g.acceleratorPower_W) / 1000;
    sats += n;
    mass += n * g.mass_kg * mf;
    bus += n * sc.bus_per_kg * g.mass_kg * mf;
    array += n * sc.solar_array_per_W * g.arrayBol_W;
    radiator += n * sc.radiator_per_m2 * g.radiator_m2;
    battery += n * sc.battery_per_Wh * g.battery_Wh;
    shielding += n * sc.shielding_per_kW * chipKW;
    chips += n * g.accelerators * ac.price_each;
    hosts += n * g.accelerators * ac.host_per_accelerator;
    nChips += n * g.accelerators;
    kW += n * chipKW;
  }
  const programMass = mass * builds;
  const price = meanPriceOverProgram(p.launch.price_per_kg, p.launch.learning_rate, p.launch.cumulative_t * 1000, programMass);
  const launch = mass * price;
  const hardware = bus + array + radiator + battery + shielding + chips + hosts;
  const perSlot = sats > 0 ? (hardware + launch) / sats : 0;
  const insurance = op.insurance_fraction * (hardware + launch);

  const items: LineItem[] = [
    item('launch', 'launch', launch, 'capex', `${(mass / 1000).toPrecision(4)} t × ${usd(price)}/kg (mean over ${(programMass / 1000).toPrecision(4)} t launched, ${p.launch.learning_rate * 100}% off per doubling from ${usd(p.launch.price_per_kg)}/kg at ${p.launch.cumulative_t} t cumulative)`),
    item('bus', 'bus and structure', bus, 'capex', `${usd(sc.bus_per_kg)}/kg × ${(mass / 1000).toPrecision(4)} t`),
    item('solar_array', 'solar arrays', array, 'capex', `${usd(sc.solar_array_per_W)}/W × ${fmtW(fleetSum(fleet, (g) => g.arrayBol_W))} at beginning of life`),
    item('radiators', 'radiators', radiator, 'capex', `${usd(sc.radiator_per_m2)}/m² × ${fleetSum(fleet, (g) => g.radiator_m2).toPrecision(4)} m²`),
    item('batteries', 'batteries', battery, 'capex', `${usd(sc.battery_per_Wh)}/Wh × ${(fleetSum(fleet, (g) => g.battery_Wh) / 1e6).toPrecision(4)} MWh`),
    item('shielding', 'radiation shielding', shielding, 'capex', `${usd(sc.shielding_per_kW)}/kW × ${kW.toPrecision(4)} kW of accelerators`),
    item('accelerators', 'accelerators', chips, 'capex', `${nChips} × ${usd(ac.price_each)}`),
    item('hosts', 'host servers and on-board network', hosts, 'capex', `${nChips} × ${usd(ac.host_per_accelerator)}`),
    item('insurance', 'launch and first-year insurance', insurance, 'capex', `${op.insurance_fraction * 100}% of launch + hardware (${usd(hardware + launch)})`),
    item('energy', 'energy', 0, 'opex', 'sunlight: no fuel bill; its cost is the arrays and batteries above'),
    item('ground_segment', 'ground segment', op.ground_segment_per_year * L, 'opex', `${usd(op.ground_segment_per_year)}/yr × ${L} yr`),
    item('operations', 'mission operations', op.per_satellite_year * sats * L, 'opex', `${usd(op.per_satellite_year)}/(satellite·yr) × ${sats} satellites × ${L} yr`),
    item('replacements', 'replacing failed satellites', failures * sats * perSlot, 'opex', `${(op.failure_rate_per_year * 100).toPrecision(3)}%/yr × ${L} yr × ${sats} satellites, each rebuilt and relaunched (${usd(perSlot)})`),
    item('refresh', 'accelerator refresh (whole new satellites)', refreshes * sats * perSlot, 'opex', ac.refresh_months > 0 ? `${refreshes} new generation(s) in ${L} yr (every ${ac.refresh_months} months); a LEO satellite is not serviced, so each is a new satellite and launch` : 'no refresh (economics.accelerators.refresh_months = 0): the first accelerators serve the whole lifetime'),
    excluded('nre', 'development and non-recurring engineering', 'capex', 'not estimated: design, qualification, first units'),
    excluded('disposal', 'deorbit and disposal', 'opex', 'not estimated'),
    excluded('financing', 'financing (cost of capital)', 'opex', 'figures are nominal and undiscounted'),
    excluded('backhaul', 'customer downlink beyond the ground segment', 'opex', 'not estimated: bulk data to and from Earth'),
  ];
  return { items, total_usd: totalOf(items), buildsPerSatellite: builds, refreshes, programMass_kg: programMass, meanLaunchPrice_per_kg: price };
}

function fleetSum(f: Fleet, per: (g: Fleet['groups'][number]) => number): number {
  let s = 0;
  for (const g of f.groups) s += g.satellites * per(g);
  return s;
}

function fmtW(w: number): string {
  return w >= 1e9 ? `${(w / 1e9).toPrecision(4)} GW` : w >= 1e6 ? `${(w / 1e6).toPrecision(4)} MW` : `${(w / 1e3).toPrecision(4)} kW`;
}
