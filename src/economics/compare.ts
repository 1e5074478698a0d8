/**
 * Orbit against the ground, full system, per delivered accelerator-hour and per delivered
 * kW-year of accelerator power, with each figure's list of what it includes and leaves out.
 *
 * Two bases:
 * - "nameplate": no simulation; every accelerator in orbit and on the ground is counted at full
 *   power all the time. It ignores eclipses, thermal throttling and radiation faults in orbit,
 *   and the ground's availability: an upper bound on orbit's output.
 * - "delivered": the delivered ÷ nameplate fraction of a finished run (summary.json) scales the
 *   orbital accelerator-hours over the whole lifetime; the ground delivers `availability`.
 */
import { orbitCosts } from './costs.js';
import { fleetTotals, type Fleet, type FleetTotals } from './fleet.js';
import { labelsOf, type LineItem } from './lineitem.js';
import { HOURS_PER_YEAR, type EconomicsParams } from './params.js';
import { publishedFigures, type PublishedFigure } from './published.js';
import { terrestrialCosts } from './terrestrial.js';

/** Delivered compute of a finished run. */
export interface DeliveredCompute {
  /** Delivered ÷ nameplate accelerator-hours over the simulated span, 0..1. */
  fraction: number;
  /** Where the fraction came from (a summary.json path). */
  source: string;
  /** Seconds simulated (the fraction is extrapolated from them to the whole lifetime). */
  simulated_s?: number;
  /** True when the run stopped early. */
  partial?: boolean;
}

export interface CostSide {
  side: 'orbit' | 'ground';
  items: LineItem[];
  total_usd: number;
  /** Labels of the lines counted in the totals below. */
  includes: string[];
  /** Labels of the lines that are not (not estimated). */
  excludes: string[];
  acceleratorHoursNameplate: number;
  /** Fraction of nameplate delivered (orbit: 1 or the run's; ground: 1 or availability). */
  utilisation: number;
  acceleratorHoursDelivered: number;
  /** Accelerator power [kW]. */
  compute_kW: number;
  perAcceleratorHour_usd: number;
  perKwYear_usd: number;
}

export interface Comparison {
  basis: 'nameplate' | 'delivered';
  basisNote: string;
  lifetime_years: number;
  fleet: FleetTotals;
  orbit: CostSide;
  ground: CostSide;
  /** orbit ÷ ground (above 1: orbit costs more). */
  ratio: { perAcceleratorHour: number; perKwYear: number };
  orbitDetails: { meanLaunchPrice_per_kg: number; programMass_kg: number; buildsPerSatellite: number; refreshes: number };
  groundDetails: { itPower_kW: number; itOverhead: number };
  /** Published figures in their own framing (launch only etc.), each with what it includes. */
  published: PublishedFigure[];
}

function side(name: 'orbit' | 'ground', items: LineItem[], total: number, t: FleetTotals, years: number, utilisation: number): CostSide {
  const nameplate = t.accelerators * years * HOURS_PER_YEAR;
  const deliveredH = nameplate * utilisation;
  const kW = t.compute_W / 1000;
  return {
    side: name,
    items,
    total_usd: total,
    includes: labelsOf(items, true),
    excludes: labelsOf(items, false),
    acceleratorHoursNameplate: nameplate,
    utilisation,
    acceleratorHoursDelivered: deliveredH,
    compute_kW: kW,
    perAcceleratorHour_usd: deliveredH > 0 ? total / deliveredH : Number.POSITIVE_INFINITY,
    perKwYear_usd: kW * years * utilisation > 0 ? total / (kW * years * utilisation) : Number.POSITIVE_INFINITY,
  };
}

export function compareCosts(fleet: Fleet, p: EconomicsParams, delivered?: DeliveredCompute): Comparison {
  const t = fleetTotals(fleet);
  const L = p.lifetime_years;
  const o = orbitCosts(fleet, p);
  const g = terrestrialCosts(fleet, p);
  const orbitUtil = delivered ? Math.min(1, Math.max(0, delivered.fraction)) : 1;
  const groundUtil = delivered ? p.terrestrial.availability : 1;
  const orbit = side('orbit', o.items, o.total_usd, t, L, orbitUtil);
  const ground = side('ground', g.items, g.total_usd, t, L, groundUtil);
  const basisNote = delivered
    ? `delivered: orbit ${(orbitUtil * 100).toFixed(2)}% of nameplate from ${delivered.source}${delivered.simulated_s !== undefined ? ` (${(delivered.simulated_s / 86_400).toPrecision(4)} days simulated, extrapolated to ${L} yr)` : ''}${delivered.partial ? ' — PARTIAL run' : ''}; ground ${(groundUtil * 100).toFixed(1)}% (economics.terrestrial.availability)`
    : 'nameplate: every accelerator at full power for the whole lifetime on both sides; orbital losses (eclipse, thermal, radiation faults) are not counted — run the scenario and pass --run DIR for delivered compute';
  return {
    basis: delivered ? 'delivered' : 'nameplate',
    basisNote,
    lifetime_years: L,
    fleet: t,
    orbit,
    ground,
    ratio: { perAcceleratorHour: orbit.perAcceleratorHour_usd / ground.perAcceleratorHour_usd, perKwYear: orbit.perKwYear_usd / ground.perKwYear_usd },
    orbitDetails: { meanLaunchPrice_per_kg: o.meanLaunchPrice_per_kg, programMass_kg: o.programMass_kg, buildsPerSatellite: o.buildsPerSatellite, refreshes: o.refreshes },
    groundDetails: { itPower_kW: g.itPower_kW, itOverhead: g.itOverhead },
    published: publishedFigures(fleet, p),
  };
}
