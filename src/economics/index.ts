/** Economics: launch learning curve, full-system costs in orbit and on the ground, published framings, sensitivity, Monte Carlo and the deployment ramp. */
export { DEFAULT_ECONOMICS, HOURS_PER_YEAR, resolveEconomics, getParam, setParam, type EconomicsParams, type EconomicsInput, type InputRange } from './params.js';
export { fleetFromScenario, fleetTotals, type Fleet, type FleetGroup, type FleetTotals, type ScenarioLike } from './fleet.js';
export { learningExponent, priceAtCumulativeMass, priceAfterDoublings, meanPriceOverProgram, launchCostPerKwYear } from './launch.js';
export { orbitCosts, refreshCount, type OrbitCosts } from './costs.js';
export { terrestrialCosts, terrestrialEnergyPerKwYear, type TerrestrialCosts } from './terrestrial.js';
export { publishedFigures, starcloudFraming, type PublishedFigure } from './published.js';
export { compareCosts, type Comparison, type CostSide, type DeliveredCompute } from './compare.js';
export { tornado, resolveInputs, UNCERTAIN_INPUTS, UNCERTAIN_PATHS, type Tornado, type TornadoBar } from './sensitivity.js';
export { monteCarlo, triangular, quantile, type MonteCarloResult } from './montecarlo.js';
export { deploymentRamp, type RampResult, type RampYear, type RampFactor } from './ramp.js';
export { economicsReport, jsonSafe, type EconomicsReport, type EconomicsReportOptions } from './report.js';
export type { LineItem } from './lineitem.js';
