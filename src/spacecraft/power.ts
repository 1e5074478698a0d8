/**
 * Power balance per satellite per step, and the spacecraft stage that ties the solar array,
 * battery and thermal models together in the order the physics asks for:
 *
 *   solarStep          array output → generated_W
 *   thermalLimitStep   compute the radiator/chips can take this step → thermalThrottle
 *   powerBalanceStep   array + battery → bus load first, then compute up to its (thermally capped)
 *                      demand; surplus charges the battery; a shortfall sheds compute, then bus
 *   thermalStep        node temperature with the heat actually dissipated
 *
 * Priorities (why): the bus (avionics, attitude control, links, heaters) keeps the satellite alive
 * and is served first; compute is the flexible load. A shortfall therefore throttles compute
 * before it browns out the bus, and both are recorded (`shortfall_J`, `busShortfall_J`,
 * `throttle`). Every watt served ends as heat inside (`dissipated_W` = bus + compute + battery
 * losses); clipped sunlight stays on the array and is not bus heat.
 *
 * Throttle convention: `throttle` = 1 − computePower/computeDemand (0 = nothing shed, 1 = compute
 * off), 0 where nothing was asked. Rows whose status has no valid position, or is `Failed`,
 * deliver nothing (their battery and temperature are left as they are).
 */
import type { FleetState } from '../core/fleet.js';
import { Status, hasValidPosition } from '../core/status.js';
import { batteryExchange, initialSoc_J, newBatteryExchange, batteryParamProblems } from './battery.js';
import { ageFactor, cellEfficiencyAt, doseFactor, incidenceCos, solarFlux_W_m2, solarStep, solarParamProblems } from './solar.js';
import {
  environmentHeat_W, implicitRadiativeStep_K, radiativeConductance_W_K4, thermalComputeCap_W, thermalLimitStep, thermalStep,
  thermalParamProblems,
} from './thermal.js';
import type { ParamProblem, SpacecraftColumns, SpacecraftParams } from './types.js';

/** Fleet column names of the spacecraft stage (Float64), in `SpacecraftOutputColumns` order, plus the two inputs it adds. */
export const SPACECRAFT_OUTPUT_COLUMNS = [
  'generated_W', 'available_W', 'computePower_W', 'soc_J', 'shortfall_J', 'busShortfall_J', 'clipped_J',
  'batteryLoss_J', 'throttle', 'thermalThrottle', 'dissipated_W', 'temp_K', 'chipTemp_K',
] as const;

/**
 * The spacecraft columns of a fleet, added where missing (Float64, 0-filled): the outputs above and
 * the inputs `sunlitFraction` and `computeDemand_W`. `dose_rad` is the radiation stage's column
 * (or null for no dose loss). Call again after the fleet grows: `reserve` replaces the arrays.
 */
export function spacecraftColumns(fleet: FleetState, dose_rad: Float64Array | null = null): SpacecraftColumns {
  const f = (name: string): Float64Array => fleet.addColumn(name, Float64Array);
  return {
    x_m: fleet.x_m, y_m: fleet.y_m, z_m: fleet.z_m,
    vx_m_s: fleet.vx_m_s, vy_m_s: fleet.vy_m_s, vz_m_s: fleet.vz_m_s,
    status: fleet.status,
    sunlitFraction: f('sunlitFraction'),
    dose_rad,
    computeDemand_W: f('computeDemand_W'),
    generated_W: f('generated_W'),
    available_W: f('available_W'),
    computePower_W: f('computePower_W'),
    soc_J: f('soc_J'),
    shortfall_J: f('shortfall_J'),
    busShortfall_J: f('busShortfall_J'),
    clipped_J: f('clipped_J'),
    batteryLoss_J: f('batteryLoss_J'),
    throttle: f('throttle'),
    thermalThrottle: f('thermalThrottle'),
    dissipated_W: f('dissipated_W'),
    temp_K: f('temp_K'),
    chipTemp_K: f('chipTemp_K'),
  };
}

/** Set the start state of rows [from, to): battery at its initial charge, node and chips at the initial temperature. */
export function initSpacecraftState(p: SpacecraftParams, cols: SpacecraftColumns, from = 0, to = cols.soc_J.length): void {
  const soc = initialSoc_J(p.battery);
  cols.soc_J.fill(soc, from, to);
  cols.temp_K.fill(p.thermal.initialTemp_K, from, to);
  cols.chipTemp_K.fill(p.thermal.initialTemp_K, from, to);
  cols.thermalThrottle.fill(0, from, to);
}

/** Columns `powerBalanceStep` reads (`status`, `generated_W`, `computeDemand_W`, `thermalThrottle`, `soc_J`) and writes (the rest). */
export type PowerColumns = Pick<SpacecraftColumns,
  'status' | 'generated_W' | 'computeDemand_W' | 'thermalThrottle' | 'soc_J' | 'available_W' | 'computePower_W' | 'shortfall_J'
  | 'busShortfall_J' | 'clipped_J' | 'batteryLoss_J' | 'throttle' | 'dissipated_W'>;

const scratch = newBatteryExchange();
const NO_DOSE = new Float64Array(0);

/**
 * One step of the power balance over rows [from, to): reads the array output and the (thermally
 * capped) compute demand, updates the battery, writes what was served. Allocates nothing.
 */
export function powerBalanceStep(p: SpacecraftParams, cols: PowerColumns, dt_s: number, from = 0, to = cols.soc_J.length): void {
  const B = p.busLoad_W;
  const bat = p.battery;
  const {
    status, generated_W, computeDemand_W, thermalThrottle, soc_J, available_W, computePower_W,
    shortfall_J, busShortfall_J, clipped_J, batteryLoss_J, throttle, dissipated_W,
  } = cols;
  for (let i = from; i < to; i++) {
    const st = status[i]!;
    const demand = Math.max(0, computeDemand_W[i]!);
    if (!hasValidPosition(st) || st === Status.Failed) {
      available_W[i] = 0; computePower_W[i] = 0; shortfall_J[i] = 0; busShortfall_J[i] = 0;
      clipped_J[i] = 0; batteryLoss_J[i] = 0; dissipated_W[i] = 0;
      throttle[i] = demand > 0 ? 1 : 0;
      continue;
    }
    const D = demand * (1 - thermalThrottle[i]!);
    const G = generated_W[i]!;
    const net = G - B - D;
    const ex = batteryExchange(bat, soc_J[i]!, net, dt_s, scratch);
    soc_J[i] = ex.soc_J;
    batteryLoss_J[i] = ex.loss_J;
    clipped_J[i] = ex.clipped_J;
    let bus = B, comp = D;
    if (net >= 0) {
      available_W[i] = G - B;
      shortfall_J[i] = 0;
      busShortfall_J[i] = 0;
    } else {
      const supply = G + ex.delivered_J / dt_s;
      bus = Math.min(B, supply);
      comp = Math.min(D, Math.max(0, supply - bus));
      available_W[i] = Math.max(0, supply - B);
      shortfall_J[i] = ex.shortfall_J;
      busShortfall_J[i] = (B - bus) * dt_s;
    }
    computePower_W[i] = comp;
    throttle[i] = demand > 0 ? 1 - comp / demand : 0;
    dissipated_W[i] = bus + comp + ex.loss_J / dt_s;
  }
}

/**
 * The whole spacecraft stage for one design over rows [from, to), as the four stages in order
 * (solarStep → thermalLimitStep → powerBalanceStep → thermalStep): the reference composition.
 * `sun_m`: geocentric Sun position [m], same frame as the state vectors; `age_s`: time since
 * deployment (array degradation). Needs `sunlitFraction`, `computeDemand_W` (and `dose_rad` if
 * given) filled for this step. Allocates nothing.
 */
export function spacecraftStepStaged(
  p: SpacecraftParams,
  cols: SpacecraftColumns,
  sun_m: ArrayLike<number>,
  age_s: number,
  dt_s: number,
  from = 0,
  to = cols.soc_J.length,
): void {
  solarStep(p.solar, cols, sun_m, age_s, from, to);
  thermalLimitStep(p.thermal, cols, sun_m, p.busLoad_W, dt_s, from, to);
  powerBalanceStep(p, cols, dt_s, from, to);
  thermalStep(p.thermal, cols, sun_m, dt_s, from, to);
}

/**
 * Same results as `spacecraftStepStaged` (power.test.ts holds them equal), fused into one pass
 * over the rows: each column is read and written once per step instead of up to four times, which
 * is what a million-satellite fleet is bound by. Allocates nothing.
 */
export function spacecraftStep(
  p: SpacecraftParams,
  cols: SpacecraftColumns,
  sun_m: ArrayLike<number>,
  age_s: number,
  dt_s: number,
  from = 0,
  to = cols.soc_J.length,
): void {
  const sol = p.solar, th = p.thermal, rad = th.radiator, bat = p.battery;
  const sx0 = sun_m[0]!, sy0 = sun_m[1]!, sz0 = sun_m[2]!;
  const rs = Math.sqrt(sx0 * sx0 + sy0 * sy0 + sz0 * sz0);
  const sx = sx0 / rs, sy = sy0 / rs, sz = sz0 / rs;
  const S = solarFlux_W_m2(rs);
  const kSolar = S * sol.area_m2 * sol.packingFactor * cellEfficiencyAt(sol, sol.operatingTemp_K) * ageFactor(sol.degradationPerYear, age_s);
  const tracking = sol.pointing === 'sun-tracking';
  const useDose = cols.dose_rad !== null && sol.doseLossCoeff !== 0;
  const dose = cols.dose_rad ?? NO_DOSE;
  const kRad = radiativeConductance_W_K4(rad);
  const a = th.heatCapacity_J_K / dt_s;
  const R = th.chipToRadiator_K_W;
  const tLim = th.radiatorMax_K;
  const kTLim4 = kRad * tLim * tLim * tLim * tLim;
  const subsolar = rad.albedoModel === 'subsolar-cosine';
  const B = p.busLoad_W;
  const ex = scratch;
  const {
    x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status, sunlitFraction, computeDemand_W,
    generated_W, available_W, computePower_W, soc_J, shortfall_J, busShortfall_J, clipped_J, batteryLoss_J,
    throttle, thermalThrottle, dissipated_W, temp_K, chipTemp_K,
  } = cols;
  for (let i = from; i < to; i++) {
    const st = status[i]!;
    if (!hasValidPosition(st)) {
      generated_W[i] = 0;
      const dm = Math.max(0, computeDemand_W[i]!);
      available_W[i] = 0; computePower_W[i] = 0; shortfall_J[i] = 0; busShortfall_J[i] = 0;
      clipped_J[i] = 0; batteryLoss_J[i] = 0; dissipated_W[i] = 0;
      throttle[i] = dm > 0 ? 1 : 0;
      continue;
    }
    const failed = st === Status.Failed;
    const nu = sunlitFraction[i]!;
    const x = x_m[i]!, y = y_m[i]!, z = z_m[i]!;
    // Solar (solarStep).
    let G = 0;
    if (!failed && nu > 0) {
      const c = tracking ? 1 : incidenceCos(sol.pointing, x, y, z, vx_m_s[i]!, vy_m_s[i]!, vz_m_s[i]!, sx, sy, sz);
      const fd = useDose ? doseFactor(sol.doseLossCoeff, sol.doseLossScale_rad, dose[i]!) : 1;
      G = kSolar * c * nu * fd;
    }
    generated_W[i] = G;
    // Environment heat (thermalLimitStep and thermalStep).
    let g = nu;
    if (subsolar) {
      const rr = Math.sqrt(x * x + y * y + z * z);
      g = rr > 0 ? Math.max(0, (x * sx + y * sy + z * sz) / rr) : 0;
    }
    const qEnv = environmentHeat_W(rad, S, nu, g);
    const t0 = temp_K[i]!;
    // Thermal limit (thermalLimitStep).
    const rawDemand = computeDemand_W[i]!;
    if (!(rawDemand > 0)) {
      thermalThrottle[i] = 0;
    } else {
      const spare = a * (tLim - t0) + kTLim4 - qEnv - B - rawDemand;
      const tcD = th.chipMax_K - R * rawDemand;
      const chipSpare = tcD > 0 ? a * (tcD - t0) + kRad * tcD * tcD * tcD * tcD - qEnv - B - rawDemand : -1;
      if (spare >= 0 && chipSpare >= 0) thermalThrottle[i] = 0;
      else {
        const cap = thermalComputeCap_W(th, t0, qEnv, B, dt_s);
        thermalThrottle[i] = cap >= rawDemand ? 0 : 1 - cap / rawDemand;
      }
    }
    // Power balance (powerBalanceStep).
    const demand = Math.max(0, rawDemand);
    if (failed) {
      available_W[i] = 0; computePower_W[i] = 0; shortfall_J[i] = 0; busShortfall_J[i] = 0;
      clipped_J[i] = 0; batteryLoss_J[i] = 0; dissipated_W[i] = 0;
      throttle[i] = demand > 0 ? 1 : 0;
    } else {
      const D = demand * (1 - thermalThrottle[i]!);
      const net = G - B - D;
      batteryExchange(bat, soc_J[i]!, net, dt_s, ex);
      soc_J[i] = ex.soc_J;
      batteryLoss_J[i] = ex.loss_J;
      clipped_J[i] = ex.clipped_J;
      let bus = B, comp = D;
      if (net >= 0) {
        available_W[i] = G - B;
        shortfall_J[i] = 0;
        busShortfall_J[i] = 0;
      } else {
        const supply = G + ex.delivered_J / dt_s;
        bus = Math.min(B, supply);
        comp = Math.min(D, Math.max(0, supply - bus));
        available_W[i] = Math.max(0, supply - B);
        shortfall_J[i] = ex.shortfall_J;
        busShortfall_J[i] = (B - bus) * dt_s;
      }
      computePower_W[i] = comp;
      throttle[i] = demand > 0 ? 1 - comp / demand : 0;
      dissipated_W[i] = bus + comp + ex.loss_J / dt_s;
    }
    // Temperature (thermalStep).
    const t = implicitRadiativeStep_K(t0, qEnv + dissipated_W[i]!, kRad, th.heatCapacity_J_K, dt_s);
    temp_K[i] = t;
    chipTemp_K[i] = t + R * computePower_W[i]!;
  }
}

/** Every problem with a spacecraft parameter object at once (empty when fine). */
export function spacecraftParamProblems(p: SpacecraftParams, path = 'spacecraft'): ParamProblem[] {
  const out = [
    ...solarParamProblems(p.solar, `${path}.solar`),
    ...batteryParamProblems(p.battery, `${path}.battery`),
    ...thermalParamProblems(p.thermal, `${path}.thermal`),
  ];
  if (!(p.busLoad_W >= 0 && Number.isFinite(p.busLoad_W))) out.push({ field: `${path}.busLoad_W`, expected: 'a power ≥ 0 W', found: String(p.busLoad_W) });
  return out;
}
