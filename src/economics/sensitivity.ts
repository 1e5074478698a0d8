/**
 * Which input decides the answer: a tornado over the main inputs. Each input is moved to its low
 * and its high value with every other input at the scenario's value; the bars are sorted by the
 * swing of the orbit ÷ ground cost ratio per delivered accelerator-hour.
 *
 * Default ranges (`UNCERTAIN_INPUTS`) are either factors around the scenario's value or published
 * spans (electricity $0.04–0.25/kWh: Starcloud's price to Suncatcher's top; PUE 1.09–1.4:
 * Suncatcher), widened to include the scenario's own value. A scenario replaces any of them with
 * `economics.uncertainty.<path>: {low, high}`.
 */
import { InputError } from '../core/errors.js';
import { compareCosts, type Comparison, type DeliveredCompute } from './compare.js';
import type { Fleet } from './fleet.js';
import { cloneParams, getParam, setParam, type EconomicsParams, type InputRange } from './params.js';

/** A pseudo-input: the orbital delivered ÷ nameplate fraction (1 on the nameplate basis). */
export const UTILISATION_PATH = 'orbit_utilisation';

export interface UncertainInput {
  path: string;
  label: string;
  unit: string;
  /** Default range from the base value. */
  range: (base: number) => [number, number];
}

const factor = (lo: number, hi: number) => (b: number): [number, number] => [b * lo, b * hi];
const span = (lo: number, hi: number) => (b: number): [number, number] => [Math.min(lo, b), Math.max(hi, b)];

/** The inputs of the tornado and the Monte Carlo, with their default ranges (orbitdc's, stated here). */
export const UNCERTAIN_INPUTS: readonly UncertainInput[] = Object.freeze([
  { path: 'launch.price_per_kg', label: 'launch price', unit: 'USD/kg', range: factor(0.25, 2) },
  { path: 'launch.learning_rate', label: 'launch learning rate', unit: 'per doubling', range: span(0.1, 0.3) },
  { path: 'spacecraft.mass_factor', label: 'satellite mass (kg per kW)', unit: '× design', range: factor(0.7, 1.5) },
  { path: 'spacecraft.bus_per_kg', label: 'bus cost', unit: 'USD/kg', range: factor(0.5, 3) },
  { path: 'spacecraft.solar_array_per_W', label: 'solar array cost', unit: 'USD/W', range: factor(0.25, 4) },
  { path: 'spacecraft.radiator_per_m2', label: 'radiator cost', unit: 'USD/m²', range: factor(0.5, 2) },
  { path: 'spacecraft.battery_per_Wh', label: 'battery cost', unit: 'USD/Wh', range: factor(0.5, 2) },
  { path: 'spacecraft.shielding_per_kW', label: 'shielding cost', unit: 'USD/kW', range: factor(0.5, 3) },
  { path: 'accelerators.price_each', label: 'accelerator price', unit: 'USD', range: factor(0.7, 1.3) },
  { path: 'accelerators.host_per_accelerator', label: 'host cost per accelerator', unit: 'USD', range: factor(0.5, 1.5) },
  { path: 'operations.ground_segment_per_year', label: 'ground segment', unit: 'USD/yr', range: factor(0.5, 3) },
  { path: 'operations.per_satellite_year', label: 'operations per satellite', unit: 'USD/(sat·yr)', range: factor(0.5, 3) },
  { path: 'operations.insurance_fraction', label: 'insurance rate', unit: 'fraction', range: span(0, 0.1) },
  { path: 'operations.failure_rate_per_year', label: 'satellite failure rate', unit: '/yr', range: (b) => [0, Math.max(0.05, 3 * b)] },
  { path: 'lifetime_years', label: 'lifetime', unit: 'yr', range: factor(0.6, 1.4) },
  { path: UTILISATION_PATH, label: 'orbital delivered fraction', unit: 'of nameplate', range: (b) => [0.8 * b, b] },
  { path: 'terrestrial.electricity_per_kWh', label: 'ground electricity price', unit: 'USD/kWh', range: span(0.04, 0.25) },
  { path: 'terrestrial.pue', label: 'ground PUE', unit: '', range: span(1.09, 1.4) },
  { path: 'terrestrial.building_per_kW', label: 'ground building cost', unit: 'USD/kW', range: factor(0.6, 1.5) },
  { path: 'terrestrial.operations_per_kW_year', label: 'ground operations', unit: 'USD/(kW·yr)', range: factor(0.5, 2) },
]);

/** The paths a scenario may give ranges for (`economics.uncertainty`). */
export const UNCERTAIN_PATHS: readonly string[] = UNCERTAIN_INPUTS.map((i) => i.path);

export interface ResolvedInput {
  path: string;
  label: string;
  unit: string;
  base: number;
  low: number;
  high: number;
  /** Where the range came from. */
  rangeSource: 'default' | 'scenario';
}

/** Base and range of every input for this fleet and parameters. */
export function resolveInputs(p: EconomicsParams, delivered?: DeliveredCompute): ResolvedInput[] {
  return UNCERTAIN_INPUTS.map((u) => {
    const base = u.path === UTILISATION_PATH ? (delivered?.fraction ?? 1) : getParam(p, u.path);
    if (base === undefined) throw new InputError('unknown economics input', { field: `economics.${u.path}` });
    const given: InputRange | undefined = p.uncertainty[u.path];
    const [low, high] = given ? [given.low, given.high] : u.range(base);
    if (!(low <= high)) throw new InputError('range low above high', { field: `economics.uncertainty.${u.path}`, expected: 'low ≤ high', found: `${low} > ${high}` });
    return { path: u.path, label: u.label, unit: u.unit, base, low, high, rangeSource: given ? 'scenario' : 'default' };
  });
}

/** Evaluate the comparison with some inputs replaced (path → value). */
export function evaluateWith(fleet: Fleet, p: EconomicsParams, delivered: DeliveredCompute | undefined, values: ReadonlyMap<string, number>): Comparison {
  const q = cloneParams(p);
  let d = delivered;
  for (const [path, v] of values) {
    if (path === UTILISATION_PATH) d = { ...(delivered ?? { source: 'nameplate' }), fraction: v };
    else setParam(q, path, v);
  }
  return compareCosts(fleet, q, d);
}

export interface TornadoBar extends ResolvedInput {
  /** orbit ÷ ground per delivered accelerator-hour at the input's low and high. */
  ratioAtLow: number;
  ratioAtHigh: number;
  /** Orbit cost per delivered accelerator-hour at the input's low and high [USD/h]. */
  orbitPerHourAtLow: number;
  orbitPerHourAtHigh: number;
  /** |ratioAtHigh − ratioAtLow|. */
  swing: number;
}

export interface Tornado {
  metric: 'orbit ÷ ground cost per delivered accelerator-hour';
  baseRatio: number;
  baseOrbitPerHour: number;
  baseGroundPerHour: number;
  /** Sorted by swing, largest first. */
  bars: TornadoBar[];
}

export function tornado(fleet: Fleet, p: EconomicsParams, delivered?: DeliveredCompute): Tornado {
  const base = compareCosts(fleet, p, delivered);
  const bars = resolveInputs(p, delivered).map((inp): TornadoBar => {
    const lo = evaluateWith(fleet, p, delivered, new Map([[inp.path, inp.low]]));
    const hi = evaluateWith(fleet, p, delivered, new Map([[inp.path, inp.high]]));
    return {
      ...inp,
      ratioAtLow: lo.ratio.perAcceleratorHour,
      ratioAtHigh: hi.ratio.perAcceleratorHour,
      orbitPerHourAtLow: lo.orbit.perAcceleratorHour_usd,
      orbitPerHourAtHigh: hi.orbit.perAcceleratorHour_usd,
      swing: Math.abs(hi.ratio.perAcceleratorHour - lo.ratio.perAcceleratorHour),
    };
  });
  bars.sort((a, b) => b.swing - a.swing || a.path.localeCompare(b.path));
  return {
    metric: 'orbit ÷ ground cost per delivered accelerator-hour',
    baseRatio: base.ratio.perAcceleratorHour,
    baseOrbitPerHour: base.orbit.perAcceleratorHour_usd,
    baseGroundPerHour: base.ground.perAcceleratorHour_usd,
    bars,
  };
}
