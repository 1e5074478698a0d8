/**
 * The engine's per-satellite work of one step in ONE pass over a constellation's rows: compute
 * demand from the chips that are up, the spacecraft stage (spacecraft/power.ts `spacecraftStep`:
 * array, thermal limit, power balance and battery, node temperature), the dose over the step
 * with its limit crossings, and the metrics reduction (metrics.ts `reduceRows`).
 *
 * Why: at a million satellites the step is bound by memory traffic, not arithmetic. The staged
 * form wrote thirteen Float64 columns per row in the spacecraft stage and read sixteen back in the
 * reduction; here the per-step outputs (generated, available and compute power, shortfalls,
 * throttles, dissipation, chip temperature) live in registers and only state is stored (battery
 * charge, node temperature, dose, the dose increment for the event streams). Measured on
 * spacex-1m and walker-10k (BENCHMARKS.md).
 *
 * Same results, bit for bit: every expression is the one of spacecraftStep / batteryExchange /
 * implicitRadiativeStep_K / reduceRows, in the same order (constant factors hoisted only where the
 * original multiplies them first, so the rounding is the same), and the range's sums go through
 * StepReducer.addRange like reduceRows'. fused-step.test.ts holds the fused pass equal to the
 * staged one on every recorded figure.
 */
import { Status } from '../core/status.js';
import { socFloor_J } from '../spacecraft/battery.js';
import { ageFactor, cellEfficiencyAt, doseFactor, incidenceCos, solarFlux_W_m2 } from '../spacecraft/solar.js';
import { NEWTON_TOL_K, radiativeConductance_W_K4, thermalComputeCap_W } from '../spacecraft/thermal.js';
import type { SpacecraftParams } from '../spacecraft/types.js';
import { M, P, SOC_BINS, type PerSatelliteAccumulators, type RangeInfo, type RunTotals, type StepReducer } from './metrics.js';

const M_SOC_MIN = M.socMin_frac!, M_T_MIN = M.tempMin_K!, M_T_MAX = M.tempMax_K!, M_CHIP_MAX = M.chipTempMax_K!, M_DOSE_MAX = M.doseMax_rad!;

/** Fleet columns the fused step reads and writes (state only; no per-step output columns). */
export interface FusedColumns {
  x_m: Float64Array; y_m: Float64Array; z_m: Float64Array;
  vx_m_s: Float64Array; vy_m_s: Float64Array; vz_m_s: Float64Array;
  status: Uint8Array;
  /** Input: sunlit fraction of this step. */
  sunlitFraction: Float64Array;
  /** Input: accelerators down per satellite. */
  chipsDown: Uint16Array;
  /** State: battery charge [J] and node temperature [K]. */
  soc_J: Float64Array;
  temp_K: Float64Array;
  /** Input: dose rate [rad(Si)/s]; state: dose [rad(Si)]; output: this step's dose increment [rad(Si)]. */
  doseRate_rad_s: Float64Array;
  dose_rad: Float64Array;
  doseInc_rad: Float64Array;
  /** Dose-limit bits already crossed per satellite (1 HBM irregular, 2 beyond tested). */
  doseFlags: Uint8Array;
  /**
   * Optional input: compute demand per satellite [W] (the workload's scheduler, compute-stage.ts)
   * instead of every accelerator that is up at full power. Optional output: power left for
   * compute after the bus load [W] (spacecraftStep's `available_W`), for the scheduler.
   */
  computeDemand_W?: Float64Array | null;
  available_W?: Float64Array | null;
}

/** Called (rarely) when a row's dose reaches the lower limit and not every limit is flagged yet. */
export type DoseLimitHook = (row: number, dose_rad: number) => void;

/**
 * One step over rows [r.from, r.to) of one design: see the module comment. `age_s` is the time
 * since deployment (array degradation), `sun_m` the geocentric Sun [m]. The dose limits are checked
 * against `hbmIrregular_rad` (the lower one); `onDoseLimit` flags and logs. Allocates nothing.
 */
export function fusedStep(
  p: SpacecraftParams,
  r: RangeInfo,
  cols: FusedColumns,
  sun_m: ArrayLike<number>,
  age_s: number,
  dt_s: number,
  red: StepReducer,
  totals: RunTotals,
  acc: PerSatelliteAccumulators,
  hbmIrregular_rad: number,
  onDoseLimit: DoseLimitHook,
): void {
  // Spacecraft constants (spacecraftStep).
  const sol = p.solar, th = p.thermal, rad = th.radiator, bat = p.battery;
  const sx0 = sun_m[0]!, sy0 = sun_m[1]!, sz0 = sun_m[2]!;
  const rs = Math.sqrt(sx0 * sx0 + sy0 * sy0 + sz0 * sz0);
  const sx = sx0 / rs, sy = sy0 / rs, sz = sz0 / rs;
  const S = solarFlux_W_m2(rs);
  const kSolar = S * sol.area_m2 * sol.packingFactor * cellEfficiencyAt(sol, sol.operatingTemp_K) * ageFactor(sol.degradationPerYear, age_s);
  const tracking = sol.pointing === 'sun-tracking';
  const pointing = sol.pointing;
  const useDose = sol.doseLossCoeff !== 0;
  const kRad = radiativeConductance_W_K4(rad);
  const C = th.heatCapacity_J_K;
  const a = C / dt_s;
  const Rth = th.chipToRadiator_K_W;
  const tLim = th.radiatorMax_K, chipMax_K = th.chipMax_K;
  const kTLim4 = kRad * tLim * tLim * tLim * tLim;
  const subsolar = rad.albedoModel === 'subsolar-cosine';
  const B = p.busLoad_W;
  // environmentHeat_W = A·(αS·S·(cosθ·ν + alb·F·g) + αIR·F·E), factored as it multiplies.
  const envA = rad.area_m2, envSolar = rad.solarAbsorptivity * S, envCos = rad.sunIncidenceCos, envAlb = rad.albedo * rad.viewFactorEarth;
  const envIr = rad.earthIrAbsorptivity * rad.viewFactorEarth * rad.earthIr_W_m2;
  // Battery constants (batteryExchange).
  const capB = bat.capacity_J, etaC = bat.chargeEfficiency, etaD = bat.dischargeEfficiency;
  const chargeLimit = bat.maxCharge_W !== undefined ? bat.maxCharge_W * dt_s : Infinity;
  const dischargeLimit = bat.maxDischarge_W !== undefined ? bat.maxDischarge_W * dt_s : Infinity;
  const floorB = socFloor_J(bat);
  // Demand and reduction constants (engine, reduceRows).
  const chips = r.chips, chipP = r.chipPower_W, Bred = r.busLoad_W, capR = r.capacity_J;
  const invCap = capR > 0 ? 1 / capR : 0, invDt = 1 / dt_s;

  const v = red.values, hist = red.socHist;
  let satUp = 0, sunlit = 0, gen = 0, bus = 0, avail = 0, demandSum = 0, compSum = 0, thermal = 0, power = 0;
  let shortJ = 0, busShortJ = 0, clipJ = 0, lossJ = 0, thermN = 0, powN = 0, down = 0, validN = 0;
  let socMin = v[M_SOC_MIN]!, tMin = v[M_T_MIN]!, tMax = v[M_T_MAX]!, chipMax = v[M_CHIP_MAX]!, doseMax = v[M_DOSE_MAX]!;
  let socSum = 0, socN = 0, tSum = 0, tN = 0, tcSum = 0, doseSum = 0, doseN = 0;
  const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status, sunlitFraction, chipsDown, soc_J, temp_K, doseRate_rad_s, dose_rad, doseInc_rad, doseFlags } = cols;
  const demandIn = cols.computeDemand_W ?? null, availOut = cols.available_W ?? null;
  const aDown = acc.chipDown_s, aSun = acc.sunlit_s, aGen = acc.generated_J, aComp = acc.compute_J, aShort = acc.shortfall_J;
  const aSocMin = acc.socMin_frac, aTMax = acc.tempMax_K, aChipMax = acc.chipTempMax_K;

  for (let i = r.from; i < r.to; i++) {
    const st = status[i]!;
    const cd = chipsDown[i]!;
    // Dose over the step (engine radiation stage): every row, whatever its status.
    const dosePrev = dose_rad[i]!;
    const di = doseRate_rad_s[i]! * dt_s;
    doseInc_rad[i] = di;
    const d = (dose_rad[i] = dosePrev + di);
    if (!(d < hbmIrregular_rad) && doseFlags[i] !== 3) onDoseLimit(i, d);
    // Reduction, part that counts every row.
    if (cd !== 0) { down += cd; aDown[i]! += cd * dt_s; }
    if (!(st === Status.Ok || st === Status.Failed || st === Status.Offline)) continue; // no valid position: spacecraft stage skips it too
    const failed = st === Status.Failed;
    // Offline (a collision-avoidance manoeuvre: slew, burn, settle) runs no compute of its own; with
    // a workload the scheduler has stopped its jobs and asks for the idle draw (demandIn).
    const rawDemand = demandIn !== null ? (st === Status.Ok || st === Status.Offline ? demandIn[i]! : 0) : st === Status.Ok ? (chips - cd) * chipP : 0;
    const nu = sunlitFraction[i]!;
    const x = x_m[i]!, y = y_m[i]!, z = z_m[i]!;
    // Solar.
    let G = 0;
    if (!failed && nu > 0) {
      const c = tracking ? 1 : incidenceCos(pointing, x, y, z, vx_m_s[i]!, vy_m_s[i]!, vz_m_s[i]!, sx, sy, sz);
      const fd = useDose ? doseFactor(sol.doseLossCoeff, sol.doseLossScale_rad, dosePrev) : 1;
      G = kSolar * c * nu * fd;
    }
    // Environment heat.
    let g = nu;
    if (subsolar) {
      const rr = Math.sqrt(x * x + y * y + z * z);
      g = rr > 0 ? Math.max(0, (x * sx + y * sy + z * sz) / rr) : 0;
    }
    const qEnv = envA * (envSolar * (envCos * nu + envAlb * g) + envIr);
    const t0 = temp_K[i]!;
    // Thermal limit.
    let thr = 0;
    if (rawDemand > 0) {
      const spare = a * (tLim - t0) + kTLim4 - qEnv - B - rawDemand;
      const tcD = chipMax_K - Rth * rawDemand;
      const chipSpare = tcD > 0 ? a * (tcD - t0) + kRad * tcD * tcD * tcD * tcD - qEnv - B - rawDemand : -1;
      if (!(spare >= 0 && chipSpare >= 0)) {
        const cap = thermalComputeCap_W(th, t0, qEnv, B, dt_s);
        thr = cap >= rawDemand ? 0 : 1 - cap / rawDemand;
      }
    }
    // Power balance and battery.
    const demand = Math.max(0, rawDemand);
    let comp = 0, dissipated = 0, availW = 0, sf = 0, bs = 0, clipped = 0, loss = 0;
    if (!failed) {
      const D = demand * (1 - thr);
      const net = G - B - D;
      const soc0 = soc_J[i]!;
      let soc1 = soc0, deliveredJ = 0, shortE = 0;
      if (net > 0) {
        const offered = net * dt_s;
        const room = Math.max(0, capB - soc0);
        const accepted = Math.min(offered, chargeLimit, room / etaC);
        let stored = accepted * etaC;
        if (stored > room) stored = room;
        loss = accepted - stored;
        clipped = offered - accepted;
        soc1 = soc0 + stored;
      } else if (net < 0) {
        const asked = -net * dt_s;
        const headroom = Math.max(0, soc0 - floorB);
        const delivered = Math.min(asked, dischargeLimit, headroom * etaD);
        let drawn = delivered / etaD;
        if (drawn > headroom) drawn = headroom;
        deliveredJ = delivered;
        loss = drawn - delivered;
        shortE = asked - delivered;
        soc1 = soc0 - drawn;
      }
      soc_J[i] = soc1;
      let busW = B;
      comp = D;
      if (net >= 0) {
        availW = G - B;
      } else {
        const supply = G + deliveredJ / dt_s;
        busW = Math.min(B, supply);
        comp = Math.min(D, Math.max(0, supply - busW));
        availW = Math.max(0, supply - B);
        sf = shortE;
        bs = (B - busW) * dt_s;
      }
      dissipated = busW + comp + loss / dt_s;
    }
    if (availOut !== null) availOut[i] = availW;
    // Node temperature: backward Euler, Newton from the right (implicitRadiativeStep_K).
    const qIn = qEnv + dissipated;
    // Start at T₀ (≥ 1 K), else the steady state, at least 1 K; stop when the predicted next
    // correction is below NEWTON_TOL_K (implicitRadiativeStep_K, line for line).
    let T: number;
    if (t0 >= 1) {
      T = t0;
    } else {
      const tss = Math.sqrt(Math.sqrt(qIn > 0 ? qIn / kRad : 0));
      T = tss > 1 ? tss : 1;
    }
    for (let it = 0; it < 60; it++) {
      const t3 = T * T * T;
      const den = a + 4 * kRad * t3;
      const step = (a * (T - t0) + kRad * t3 * T - qIn) / den;
      const tHi = step < 0 ? T - step : T;
      T -= step;
      if (6 * kRad * tHi * tHi * step * step < NEWTON_TOL_K * den) break;
    }
    temp_K[i] = T;
    const Tc = T + Rth * comp;

    // Reduction (reduceRows), valid rows.
    validN++;
    sunlit += nu;
    aSun[i]! += nu * dt_s;
    doseSum += d; doseN++;
    if (d > doseMax) doseMax = d;
    if (failed) continue;
    satUp++;
    const P_ = comp, D_ = rawDemand;
    gen += G; compSum += P_; demandSum += D_; avail += availW;
    bus += Bred - bs * invDt;
    shortJ += sf; busShortJ += bs; clipJ += clipped; lossJ += loss;
    const thW = D_ * thr;
    let pw = D_ - P_ - thW;
    if (pw < 0) pw = 0;
    thermal += thW; power += pw;
    if (thW > 0) thermN++;
    if (pw > 1e-9 * (D_ + 1)) powN++;
    aGen[i]! += G * dt_s;
    aComp[i]! += P_ * dt_s;
    if (sf !== 0) aShort[i]! += sf;
    if (invCap > 0) {
      const f = soc_J[i]! * invCap;
      socSum += f; socN++;
      if (f < socMin) socMin = f;
      if (f < aSocMin[i]!) aSocMin[i] = f;
      hist[f <= 0 ? 0 : f >= 1 ? SOC_BINS : Math.floor(f * SOC_BINS)]!++;
    }
    tSum += T; tN++; tcSum += Tc;
    if (T < tMin) tMin = T;
    if (T > tMax) tMax = T;
    if (Tc > chipMax) chipMax = Tc;
    if (T > aTMax[i]!) aTMax[i] = T;
    if (Tc > aChipMax[i]!) aChipMax[i] = Tc;
  }
  const q = red.part;
  q[P.satUp] = satUp; q[P.sunlit] = sunlit; q[P.gen] = gen; q[P.bus] = bus; q[P.avail] = avail; q[P.demand] = demandSum; q[P.comp] = compSum;
  q[P.thermal] = thermal; q[P.power] = power; q[P.shortJ] = shortJ; q[P.busShortJ] = busShortJ; q[P.clipJ] = clipJ; q[P.lossJ] = lossJ;
  q[P.thermN] = thermN; q[P.powN] = powN; q[P.down] = down; q[P.validN] = validN;
  q[P.socMin] = socMin; q[P.tMin] = tMin; q[P.tMax] = tMax; q[P.chipMax] = chipMax; q[P.doseMax] = doseMax;
  q[P.socSum] = socSum; q[P.socN] = socN; q[P.tSum] = tSum; q[P.tN] = tN; q[P.tcSum] = tcSum; q[P.doseSum] = doseSum; q[P.doseN] = doseN;
  red.addRange(r, dt_s, totals);
}
