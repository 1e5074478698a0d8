/**
 * The terrestrial baseline: a ground data center with the same accelerators, costed over the same
 * lifetime. IT power = accelerator power × (1 + it_overhead); the facility draws IT power × PUE.
 *
 * Suncatcher's energy-only figure (arXiv 2511.19468) is `terrestrialEnergyPerKwYear`:
 * $/kWh × PUE × 8,766 h, which spans $570–3,000/kW/yr for $0.06–0.25/kWh and PUE 1.09–1.4.
 */
import type { Fleet } from './fleet.js';
import { fleetTotals } from './fleet.js';
import { refreshCount } from './costs.js';
import { excluded, item, totalOf, usd, type LineItem } from './lineitem.js';
import { HOURS_PER_YEAR, type EconomicsParams } from './params.js';

/** Energy cost of one kW of IT load for one year [USD/(kW·yr)]: price × PUE × 8,766 h. */
export function terrestrialEnergyPerKwYear(price_per_kWh: number, pue: number): number {
  return price_per_kWh * pue * HOURS_PER_YEAR;
}

export interface TerrestrialCosts {
  items: LineItem[];
  total_usd: number;
  /** IT power of the equivalent ground data center [kW]. */
  itPower_kW: number;
  /** IT power besides the accelerators, fraction of accelerator power (given, or the design's bus ÷ accelerators). */
  itOverhead: number;
}

/** The IT overhead used: the parameter if given, else the fleet's bus load ÷ accelerator power. */
export function itOverheadOf(fleet: Fleet, p: EconomicsParams): number {
  if (p.terrestrial.it_overhead !== undefined) return p.terrestrial.it_overhead;
  const t = fleetTotals(fleet);
  return t.compute_W > 0 ? t.busLoad_W / t.compute_W : 0;
}

export function terrestrialCosts(fleet: Fleet, p: EconomicsParams): TerrestrialCosts {
  const L = p.lifetime_years, te = p.terrestrial, ac = p.accelerators;
  const t = fleetTotals(fleet);
  const overhead = itOverheadOf(fleet, p);
  const chipKW = t.compute_W / 1000;
  const itKW = chipKW * (1 + overhead);
  const n = t.accelerators;
  const refreshes = refreshCount(L, ac.refresh_months);
  const overheadWhy = te.it_overhead !== undefined ? 'economics.terrestrial.it_overhead' : "the design's bus load ÷ accelerator power, the same hosts and network as in orbit";
  const items: LineItem[] = [
    item('energy', 'electricity', itKW * te.pue * HOURS_PER_YEAR * L * te.electricity_per_kWh, 'opex', `${itKW.toPrecision(4)} kW IT (accelerators + ${(overhead * 100).toPrecision(3)}%: ${overheadWhy}) × PUE ${te.pue} × 8,766 h × ${L} yr × $${te.electricity_per_kWh}/kWh`),
    item('cooling', 'cooling plant and water', te.cooling_per_kW_year * itKW * L, 'opex', `${usd(te.cooling_per_kW_year)}/(kW·yr) × ${itKW.toPrecision(4)} kW × ${L} yr (cooling electricity is in the PUE)`),
    item('backup_power', 'backup power', te.backup_power_per_kW * itKW, 'capex', `${usd(te.backup_power_per_kW)}/kW × ${itKW.toPrecision(4)} kW`),
    item('building', 'building, electrical and mechanical plant', te.building_per_kW * itKW, 'capex', `${usd(te.building_per_kW)}/kW × ${itKW.toPrecision(4)} kW`),
    item('accelerators', 'accelerators', n * ac.price_each, 'capex', `${n} × ${usd(ac.price_each)}`),
    item('hosts', 'host servers and network', n * ac.host_per_accelerator, 'capex', `${n} × ${usd(ac.host_per_accelerator)}`),
    item('chip_replacements', 'replacing failed accelerators', te.chip_failure_rate_per_year * L * n * ac.price_each, 'opex', `${(te.chip_failure_rate_per_year * 100).toPrecision(3)}%/yr × ${L} yr × ${n} accelerators × ${usd(ac.price_each)}`),
    item('refresh', 'accelerator refresh', refreshes * n * (ac.price_each + ac.host_per_accelerator), 'opex', ac.refresh_months > 0 ? `${refreshes} new generation(s) in ${L} yr (every ${ac.refresh_months} months): accelerators and hosts only, the building stays` : 'no refresh (economics.accelerators.refresh_months = 0)'),
    item('operations', 'staff, maintenance, property tax', te.operations_per_kW_year * itKW * L, 'opex', `${usd(te.operations_per_kW_year)}/(kW·yr) × ${itKW.toPrecision(4)} kW × ${L} yr`),
    excluded('land_grid', 'land and grid interconnection', 'capex', 'not estimated: site, substation, multi-year interconnection queues'),
    excluded('financing', 'financing (cost of capital)', 'opex', 'figures are nominal and undiscounted'),
  ];
  return { items, total_usd: totalOf(items), itPower_kW: itKW, itOverhead: overhead };
}
