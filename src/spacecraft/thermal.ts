/**
 * Thermal model: a flat radiator panel in LEO and one lumped thermal node per satellite.
 *
 * Radiator balance per m² of panel (one face's area), at node temperature T:
 *   emitted  = n · ε · σ · T⁴                              (n = 1 or 2 radiating faces)
 *   solar    = α · S · cos θ_sun · ν                       (one face lit; ν = sunlit fraction)
 *   albedo   = α · a · S · F · g                           (g = ν for `constant`, max(0, r̂·ŝ) for `subsolar-cosine`)
 *   earthIr  = α_IR · F · E_IR                             (E_IR = Earth's exitance, σ·T_E⁴ or ~237 W/m²)
 *   net      = emitted − solar − albedo − earthIr
 * F is the view factor to the Earth summed over the radiating faces. This is the construction of
 * Starcloud's white paper (REFERENCES.md), reconstructed term by term in thermal.test.ts:
 * 770.5 − 122.9 − 14.5 = 633 W/m², with α_IR = α = 0.09; with α_IR = ε (Kirchhoff) ~585 W/m².
 *
 * Transient: C·dT/dt = Q_env + P_diss − k·T⁴, k = n·ε·σ·A, integrated with backward Euler
 * (implicit in T⁴, solved by Newton). Why implicit: a light radiator (C/(4kT³) of minutes) would
 * oscillate or diverge with an explicit 60 s step; backward Euler is unconditionally stable and
 * monotone here (f(T) = C(T − T₀)/dt + kT⁴ − Q is increasing and convex for T > 0: one root, and
 * Newton from the right converges monotonically).
 *
 * Throttling: the largest dissipation P_max that keeps the implicit step's end temperature at or
 * below the limit T_lim is exactly P_max = C(T_lim − T₀)/dt + k·T_lim⁴ − Q_env (by the monotonicity
 * of f). Below the limit the node's heat capacity gives headroom; at the limit P_max is the
 * radiator's capacity at T_lim (steady state). The chip limit adds T_chip = T + R·P_compute ≤
 * T_chip,max, solved for P_compute by Newton (the chips have no heat capacity of their own here).
 */
import { STEFAN_BOLTZMANN_W_m2K4 } from '../core/units.js';
import { OrbitdcError } from '../core/errors.js';
import { hasValidPosition } from '../core/status.js';
import { solarFlux_W_m2 } from './solar.js';
import type { ParamProblem, RadiatorParams, SpacecraftColumns, ThermalParams } from './types.js';

/** Black-body exitance σ·T⁴ [W/m²]. */
export const blackbodyFlux_W_m2 = (temp_K: number): number => STEFAN_BOLTZMANN_W_m2K4 * temp_K ** 4;

/** The terms of the radiator balance [W/m² of panel]. */
export interface RadiatorFlux {
  emitted_W_m2: number;
  solar_W_m2: number;
  albedo_W_m2: number;
  earthIr_W_m2: number;
  /** emitted − solar − albedo − earthIr. */
  net_W_m2: number;
}

/**
 * Radiator balance per m² of panel at temperature T [K], with sunlight `solarFlux_W_m2`, sunlit
 * fraction ν and albedo illumination factor g (1 = Starcloud's full albedo). Not for hot loops (returns an object unless `out` is given).
 */
export function radiatorFlux(
  r: RadiatorParams,
  temp_K: number,
  solarFlux_W_m2: number,
  sunlit = 1,
  albedoFactor = 1,
  out: RadiatorFlux = { emitted_W_m2: 0, solar_W_m2: 0, albedo_W_m2: 0, earthIr_W_m2: 0, net_W_m2: 0 },
): RadiatorFlux {
  out.emitted_W_m2 = r.faces * r.emissivity * blackbodyFlux_W_m2(temp_K);
  out.solar_W_m2 = r.solarAbsorptivity * solarFlux_W_m2 * r.sunIncidenceCos * sunlit;
  out.albedo_W_m2 = r.solarAbsorptivity * r.albedo * solarFlux_W_m2 * r.viewFactorEarth * albedoFactor;
  out.earthIr_W_m2 = r.earthIrAbsorptivity * r.viewFactorEarth * r.earthIr_W_m2;
  out.net_W_m2 = out.emitted_W_m2 - out.solar_W_m2 - out.albedo_W_m2 - out.earthIr_W_m2;
  return out;
}

/** Absorbed environmental heat [W per m² of panel] (solar + albedo + Earth IR). */
function absorbed_W_m2(r: RadiatorParams, solarFlux: number, sunlit: number, albedoFactor: number): number {
  return r.solarAbsorptivity * solarFlux * (r.sunIncidenceCos * sunlit + r.albedo * r.viewFactorEarth * albedoFactor)
    + r.earthIrAbsorptivity * r.viewFactorEarth * r.earthIr_W_m2;
}

/**
 * Radiator panel area [m²] that rejects `power_W` at temperature T in the given environment
 * (steady state). Throws E_RANGE when the panel absorbs more than it emits at T.
 */
export function radiatorAreaFor_m2(r: RadiatorParams, power_W: number, temp_K: number, solarFlux_W_m2: number, sunlit = 1, albedoFactor = 1): number {
  const net = radiatorFlux(r, temp_K, solarFlux_W_m2, sunlit, albedoFactor).net_W_m2;
  if (!(net > 0)) {
    throw new OrbitdcError('E_RANGE', `radiator at ${temp_K.toFixed(1)} K absorbs more than it emits (net ${net.toFixed(1)} W/m²)`, {
      field: 'radiator', expected: 'a temperature at which net emission > 0', found: `${temp_K} K`,
    });
  }
  return power_W / net;
}

/** Steady-state node temperature [K] with `power_W` dissipated inside and the given environment. */
export function radiatorEquilibriumTemp_K(r: RadiatorParams, power_W: number, solarFlux_W_m2: number, sunlit = 1, albedoFactor = 1): number {
  const q = power_W / r.area_m2 + absorbed_W_m2(r, solarFlux_W_m2, sunlit, albedoFactor);
  return Math.pow(Math.max(0, q) / (r.faces * r.emissivity * STEFAN_BOLTZMANN_W_m2K4), 0.25);
}

/**
 * View factor from one face of a flat plate at altitude h to the (spherical) Earth, the plate's
 * normal tilted `tilt_rad` from the nadir (0 = facing the Earth, π/2 = edge-on, π = facing away).
 * Differential planar element to a sphere, H = r/R (Howell, "A Catalog of Radiation Heat Transfer
 * Configuration Factors", differential planar element to sphere, normal tilted from the centre line):
 *   fully in view (λ ≤ acos(1/H)):  F = cos λ / H²
 *   partly:  F = 1/2 − asin(√(H²−1)/(H sin λ))/π + [cos λ · acos(−√(H²−1)·cot λ) − √(H²−1)·√(1 − H² cos² λ)] / (π H²)
 * Checked against direct quadrature in thermal.test.ts. At 650 km an edge-on face sees F ≈ 0.24,
 * which supports Starcloud's F = 0.25.
 */
export function viewFactorPlateToEarth(altitude_m: number, tilt_rad: number, earthRadius_m = 6_371_000): number {
  const H = (earthRadius_m + altitude_m) / earthRadius_m;
  const lam = Math.acos(Math.max(-1, Math.min(1, Math.cos(tilt_rad)))); // fold into [0, π]
  const c = Math.cos(lam), s = Math.sin(lam);
  const edge = Math.acos(1 / H);
  if (lam <= edge) return c / (H * H);
  if (lam >= Math.PI - edge) return 0;
  const q = Math.sqrt(H * H - 1);
  const f = 0.5 - Math.asin(Math.min(1, q / (H * s))) / Math.PI
    + (c * Math.acos(Math.max(-1, Math.min(1, (-q * c) / s))) - q * Math.sqrt(Math.max(0, 1 - H * H * c * c))) / (Math.PI * H * H);
  return Math.max(0, f);
}

/** Newton tolerance of the implicit node temperature [K] (implicitRadiativeStep_K, twin/fused-step.ts). */
export const NEWTON_TOL_K = 1e-7;

/**
 * Backward-Euler step of C·dT/dt = Q − k·T⁴: the root T > 0 of C(T − T₀)/dt + k·T⁴ − Q = 0.
 * `q_W` is all heat in (environment + dissipation), `k_W_K4` = n·ε·σ·A. Allocates nothing.
 */
export function implicitRadiativeStep_K(t0_K: number, q_W: number, k_W_K4: number, c_J_K: number, dt_s: number): number {
  const a = c_J_K / dt_s;
  // f(T) = a(T − T₀) + k·T⁴ − q is increasing and convex for T > 0, so Newton from any T > 0 lands
  // right of the root after one step and then converges monotonically from above. Start at T₀:
  // the root is within a step's change of it (≲ 1 K at 60 s), where the steady state (q/k)^¼, the
  // former start for a warming node, can be tens of K away (two more iterations, a division and
  // two roots). Below 1 K (a start state, not an orbit) the steady state, at least 1 K, as before.
  let t: number;
  if (t0_K >= 1) {
    t = t0_K;
  } else {
    const tss = Math.sqrt(Math.sqrt(q_W > 0 ? q_W / k_W_K4 : 0));
    t = tss > 1 ? tss : 1;
  }
  // Stop when the NEXT correction would be below NEWTON_TOL_K (0.1 µK), instead of taking it to
  // find out: Newton's error after a step is e₊ = f''(ξ)/(2f'(T))·e² with ξ between T and the
  // root, f'' = 12k·ξ² ≤ 12k·T̂² (T̂ the larger of T before and after the step), and e ≈ step
  // once converging. Tested as 6k·T̂²·step² < tol·f'(T) (no division). At 60 s steps this takes
  // ~2 iterations where the former test (|step| < tol) took ~3; the result moves by < 1e-7 K.
  for (let it = 0; it < 60; it++) {
    const t3 = t * t * t;
    const den = a + 4 * k_W_K4 * t3;
    const step = (a * (t - t0_K) + k_W_K4 * t3 * t - q_W) / den;
    const tHi = step < 0 ? t - step : t;
    t -= step;
    if (6 * k_W_K4 * tHi * tHi * step * step < NEWTON_TOL_K * den) break;
  }
  return t;
}

/**
 * Largest compute power [W] that keeps both the radiator node (≤ radiatorMax_K) and the chips
 * (node + R·P ≤ chipMax_K) within limits at the end of an implicit step of `dt_s`, given the node
 * temperature now, the environmental heat `qEnv_W` and the other dissipation `otherHeat_W` (bus
 * load, battery losses). 0 when even no compute overheats. Allocates nothing.
 */
export function thermalComputeCap_W(p: ThermalParams, t0_K: number, qEnv_W: number, otherHeat_W: number, dt_s: number): number {
  const r = p.radiator;
  const k = r.faces * r.emissivity * STEFAN_BOLTZMANN_W_m2K4 * r.area_m2;
  const a = p.heatCapacity_J_K / dt_s;
  const tl = p.radiatorMax_K;
  const capRad = a * (tl - t0_K) + k * tl * tl * tl * tl - qEnv_W - otherHeat_W;
  const R = p.chipToRadiator_K_W;
  let cap = capRad;
  if (R > 0) {
    // h(P) = a(Tc − R·P − T₀) + k(Tc − R·P)⁴ − qEnv − other − P: decreasing and convex while
    // Tc − R·P > 0, so Newton from P = 0 (left of the root) converges from below (a safe cap).
    const tc = p.chipMax_K;
    let P = 0;
    const h0 = a * (tc - t0_K) + k * tc ** 4 - qEnv_W - otherHeat_W;
    if (h0 <= 0) return 0;
    for (let it = 0; it < 50; it++) {
      const tn = tc - R * P;
      const tn3 = tn * tn * tn;
      const h = a * (tn - t0_K) + k * tn3 * tn - qEnv_W - otherHeat_W - P;
      const dh = -a * R - 4 * k * R * tn3 - 1;
      const step = h / dh;
      P -= step;
      if (Math.abs(step) < 1e-9 * (P + 1)) break;
    }
    cap = Math.min(cap, P);
  } else {
    cap = Math.min(cap, a * (p.chipMax_K - t0_K) + k * p.chipMax_K ** 4 - qEnv_W - otherHeat_W);
  }
  return Math.max(0, cap);
}

/** Environmental heat absorbed by the whole radiator [W] (for one satellite). */
export function environmentHeat_W(r: RadiatorParams, solarFlux_W_m2: number, sunlit: number, albedoFactor: number): number {
  return r.area_m2 * absorbed_W_m2(r, solarFlux_W_m2, sunlit, albedoFactor);
}

/** Radiative conductance k = n·ε·σ·A [W/K⁴]. */
export function radiativeConductance_W_K4(r: RadiatorParams): number {
  return r.faces * r.emissivity * STEFAN_BOLTZMANN_W_m2K4 * r.area_m2;
}

/** Columns read by `thermalLimitStep` and `thermalStep`; they write `thermalThrottle`, `temp_K`, `chipTemp_K`. */
export type ThermalColumns = Pick<SpacecraftColumns,
  'x_m' | 'y_m' | 'z_m' | 'status' | 'sunlitFraction' | 'computeDemand_W' | 'computePower_W' | 'dissipated_W' | 'thermalThrottle' | 'temp_K' | 'chipTemp_K'>;

/** Albedo illumination factor g of one row (see `AlbedoModel`). */
function albedoFactorAt(r: RadiatorParams, cols: ThermalColumns, i: number, sx: number, sy: number, sz: number): number {
  if (r.albedoModel === 'constant') return cols.sunlitFraction[i]!;
  const x = cols.x_m[i]!, y = cols.y_m[i]!, z = cols.z_m[i]!;
  const rr = Math.sqrt(x * x + y * y + z * z);
  return rr > 0 ? Math.max(0, (x * sx + y * sy + z * sz) / rr) : 0;
}

/**
 * Before the power balance: the fraction of each row's compute demand the thermal limits shed this
 * step, into `thermalThrottle` (0..1). `otherHeat_W` is the dissipation that is not compute (the
 * bus load); battery losses are not known yet at this point and are left out of the cap (they still
 * heat the node in `thermalStep`). Rows without a valid position are left as they are.
 */
export function thermalLimitStep(
  p: ThermalParams,
  cols: ThermalColumns,
  sun_m: ArrayLike<number>,
  otherHeat_W: number,
  dt_s: number,
  from = 0,
  to = cols.temp_K.length,
): void {
  const rs = Math.sqrt(sun_m[0]! ** 2 + sun_m[1]! ** 2 + sun_m[2]! ** 2);
  const sx = sun_m[0]! / rs, sy = sun_m[1]! / rs, sz = sun_m[2]! / rs;
  const S = solarFlux_W_m2(rs);
  const r = p.radiator;
  const k = radiativeConductance_W_K4(r);
  const a = p.heatCapacity_J_K / dt_s;
  const R = p.chipToRadiator_K_W;
  const tLim = p.radiatorMax_K;
  const kTLim4 = k * tLim * tLim * tLim * tLim;
  const { status, sunlitFraction, computeDemand_W, thermalThrottle, temp_K } = cols;
  for (let i = from; i < to; i++) {
    if (!hasValidPosition(status[i]!)) continue;
    const demand = computeDemand_W[i]!;
    if (!(demand > 0)) { thermalThrottle[i] = 0; continue; }
    const qEnv = environmentHeat_W(r, S, sunlitFraction[i]!, albedoFactorAt(r, cols, i, sx, sy, sz));
    const t0 = temp_K[i]!;
    // Fast path (the common case): the whole demand fits under both limits, by the same
    // inequalities the cap solves; only otherwise solve for the cap.
    const spare = a * (tLim - t0) + kTLim4 - qEnv - otherHeat_W - demand;
    const tcD = p.chipMax_K - R * demand;
    const chipSpare = tcD > 0 ? a * (tcD - t0) + k * tcD * tcD * tcD * tcD - qEnv - otherHeat_W - demand : -1;
    if (spare >= 0 && chipSpare >= 0) { thermalThrottle[i] = 0; continue; }
    const cap = thermalComputeCap_W(p, t0, qEnv, otherHeat_W, dt_s);
    thermalThrottle[i] = cap >= demand ? 0 : 1 - cap / demand;
  }
}

/**
 * After the power balance: advance each row's node temperature by one implicit step with the heat
 * dissipated inside (`dissipated_W`) and the environment; chip temperature = node + R·P_compute.
 * Rows without a valid position keep their temperature. Allocates nothing.
 */
export function thermalStep(
  p: ThermalParams,
  cols: ThermalColumns,
  sun_m: ArrayLike<number>,
  dt_s: number,
  from = 0,
  to = cols.temp_K.length,
): void {
  const rs = Math.sqrt(sun_m[0]! ** 2 + sun_m[1]! ** 2 + sun_m[2]! ** 2);
  const sx = sun_m[0]! / rs, sy = sun_m[1]! / rs, sz = sun_m[2]! / rs;
  const S = solarFlux_W_m2(rs);
  const r = p.radiator;
  const k = radiativeConductance_W_K4(r);
  const R = p.chipToRadiator_K_W;
  const { status, sunlitFraction, computePower_W, dissipated_W, temp_K, chipTemp_K } = cols;
  for (let i = from; i < to; i++) {
    if (!hasValidPosition(status[i]!)) continue;
    const qEnv = environmentHeat_W(r, S, sunlitFraction[i]!, albedoFactorAt(r, cols, i, sx, sy, sz));
    const t = implicitRadiativeStep_K(temp_K[i]!, qEnv + dissipated_W[i]!, k, p.heatCapacity_J_K, dt_s);
    temp_K[i] = t;
    chipTemp_K[i] = t + R * computePower_W[i]!;
  }
}

/** Everything wrong with a thermal parameter object (empty when fine). */
export function thermalParamProblems(p: ThermalParams, path = 'thermal'): ParamProblem[] {
  const out: ParamProblem[] = [];
  const r = p.radiator;
  const need = (field: string, ok: boolean, expected: string, found: unknown): void => {
    if (!ok) out.push({ field: `${path}.${field}`, expected, found: String(found) });
  };
  need('radiator.area_m2', r.area_m2 > 0 && Number.isFinite(r.area_m2), 'an area > 0 m²', r.area_m2);
  need('radiator.faces', r.faces === 1 || r.faces === 2, '1 or 2', r.faces);
  need('radiator.emissivity', r.emissivity > 0 && r.emissivity <= 1, 'a fraction in (0, 1]', r.emissivity);
  need('radiator.solarAbsorptivity', r.solarAbsorptivity >= 0 && r.solarAbsorptivity <= 1, 'a fraction in [0, 1]', r.solarAbsorptivity);
  need('radiator.earthIrAbsorptivity', r.earthIrAbsorptivity >= 0 && r.earthIrAbsorptivity <= 1, 'a fraction in [0, 1]', r.earthIrAbsorptivity);
  need('radiator.viewFactorEarth', r.viewFactorEarth >= 0 && r.viewFactorEarth <= r.faces, 'a view factor in [0, faces]', r.viewFactorEarth);
  need('radiator.sunIncidenceCos', r.sunIncidenceCos >= 0 && r.sunIncidenceCos <= 1, 'a cosine in [0, 1]', r.sunIncidenceCos);
  need('radiator.albedo', r.albedo >= 0 && r.albedo <= 1, 'a fraction in [0, 1]', r.albedo);
  need('radiator.earthIr_W_m2', r.earthIr_W_m2 >= 0 && r.earthIr_W_m2 < 1000, 'a flux in [0, 1000) W/m²', r.earthIr_W_m2);
  need('heatCapacity_J_K', p.heatCapacity_J_K > 0 && Number.isFinite(p.heatCapacity_J_K), 'a heat capacity > 0 J/K', p.heatCapacity_J_K);
  need('radiatorMax_K', p.radiatorMax_K > 0, 'a temperature > 0 K', p.radiatorMax_K);
  need('chipMax_K', p.chipMax_K > 0, 'a temperature > 0 K', p.chipMax_K);
  need('chipToRadiator_K_W', p.chipToRadiator_K_W >= 0, 'a thermal resistance ≥ 0 K/W', p.chipToRadiator_K_W);
  need('initialTemp_K', p.initialTemp_K > 0, 'a temperature > 0 K', p.initialTemp_K);
  return out;
}
