/**
 * Everything the report and summary.json need from economics, as plain JSON-able data: the
 * comparison (with line items and what each figure includes), the tornado, the Monte Carlo
 * distribution and the deployment ramp. Non-finite numbers become null (JSON has neither
 * Infinity nor NaN).
 */
import { compareCosts, type Comparison, type DeliveredCompute } from './compare.js';
import { fleetFromScenario, type ScenarioLike } from './fleet.js';
import { monteCarlo, type MonteCarloResult } from './montecarlo.js';
import type { EconomicsParams } from './params.js';
import { deploymentRamp, type RampResult } from './ramp.js';
import { tornado, type Tornado } from './sensitivity.js';

export interface EconomicsReport {
  /** The assumptions used (the scenario's `economics` section over the defaults). */
  assumptions: EconomicsParams;
  comparison: Comparison;
  tornado: Tornado;
  monteCarlo: MonteCarloResult;
  ramp: RampResult;
}

export interface EconomicsReportOptions {
  /** Satellites per constellation name, for catalog constellations (summary.json `fleet.constellations`). */
  counts?: Readonly<Record<string, number>>;
  /** Monte Carlo draws (default: economics.monte_carlo_samples). */
  samples?: number;
}

/** Replace NaN and ±Infinity by null, deeply (a fresh object). */
export function jsonSafe<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as T;
}

/** UTC year of an epoch [ms]. */
function yearOf(utcMs: number): number {
  return new Date(utcMs).getUTCFullYear();
}

export function economicsReport(scenario: ScenarioLike, delivered?: DeliveredCompute, opts: EconomicsReportOptions = {}): EconomicsReport {
  const fleet = fleetFromScenario(scenario, opts.counts);
  const p = scenario.economics;
  const mcOpts: { seed: number; samples?: number; delivered?: DeliveredCompute } = { seed: scenario.seed };
  if (opts.samples !== undefined) mcOpts.samples = opts.samples;
  if (delivered !== undefined) mcOpts.delivered = delivered;
  return jsonSafe({
    assumptions: p,
    comparison: compareCosts(fleet, p, delivered),
    tornado: tornado(fleet, p, delivered),
    monteCarlo: monteCarlo(fleet, p, mcOpts),
    ramp: deploymentRamp(fleet, p, yearOf(scenario.epochUtcMs)),
  });
}
