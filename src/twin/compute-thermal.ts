/**
 * The twin compute stage's thermal headroom caps (compute-stage.ts → ReplayCore.setThermalCap).
 *
 * Two caps per satellite (ReplayCore.setThermalCap, replay-thermal.ts), in chips from
 * busy·P + (alive − busy)·f·P ≤ cap_W as the power guard:
 *   - keep: the most compute power the node can carry over the coming step without its radiator
 *     passing radiatorMax_K or its chips chipMax_K (thermal.ts `thermalComputeCap_W`, the cap the
 *     twin's fused step throttles to), from the node temperature the twin reached at t + dt, the
 *     bus load, and the environment heat with the larger of the sunlit fraction now and the orbit
 *     forecast for t + dt (subsolar albedo from the position at t plus the most it grows in a step,
 *     ω·dt). Running jobs beyond it stop (a thermal shed): the twin would throttle them.
 *   - place: what the radiator sustains, new work is placed up to it: the same limits in steady
 *     state (no credit from the node's heat capacity), in full sun with full albedo, and while the
 *     battery charges the most its charging loses as heat. Placing on the per-step headroom instead
 *     started jobs in eclipse or on a cool node and stopped them minutes later: in a tiny shell with
 *     an undersized radiator, 756 thermal sheds in 12 h against none (compute-stage.test.ts).
 * Each bound is on the safe side, so the twin's thermal throttling of what the scheduler runs is
 * ~0; what stays is idle draw the radiator cannot carry (idle chips are not switched off). The
 * price: the orbit-average headroom of eclipses and of the node's heat capacity goes unused.
 */
import { TWO_PI, AU_m } from '../core/units.js';
import { Status } from '../core/status.js';
import type { FleetCapacity } from '../compute/cluster.js';
import type { SunlitSeries } from '../compute/forecast.js';
import type { ReplayCore } from '../compute/replay-core.js';
import { solarFlux_W_m2 } from '../spacecraft/solar.js';
import { radiativeConductance_W_K4, thermalComputeCap_W } from '../spacecraft/thermal.js';
import type { ThermalParams } from '../spacecraft/types.js';
import type { ComputeFleet } from './compute-fleet.js';
import type { ComputeStepInput } from './compute-stage.js';

/** Earth's perihelion distance, 0.98329 AU [m]: the largest solar flux, for a cap without the Sun's position. */
const PERIHELION_m = 0.98329 * AU_m;

/** A step long enough that the node's heat capacity gives no headroom (steady state) [s]. */
const STEADY_DT_s = 1e15;

/**
 * Whether `demand_W` fits under both thermal limits over a step of dt (Infinity: in steady state)
 * from node temperature t0: the inequalities thermalComputeCap_W solves, as the fused step's fast path.
 */
function fits(p: ThermalParams, t0: number, qEnv: number, other: number, demand_W: number, dt: number): boolean {
  const a = Number.isFinite(dt) ? p.heatCapacity_J_K / dt : 0, k = radiativeConductance_W_K4(p.radiator), tl = p.radiatorMax_K;
  const spare = a * (tl - t0) + k * tl * tl * tl * tl - qEnv - other - demand_W;
  const tc = p.chipMax_K - p.chipToRadiator_K_W * demand_W;
  const chipSpare = tc > 0 ? a * (tc - t0) + k * tc * tc * tc * tc - qEnv - other - demand_W : -1;
  return spare >= 0 && chipSpare >= 0;
}

/** The caps of every satellite with a thermal model (ComputeFleet.thermal), set on the stage's replay core. */
export class ComputeThermalCaps {
  /** Sunlit fraction forecast for the next step (scratch). */
  private readonly sunNext: Float64Array;

  /** @param incPower_W per satellite, what a running chip adds to an idle one [W]; @param idlePowerFraction idle draw ÷ full power. */
  constructor(
    private readonly cf: ComputeFleet,
    private readonly fleet: FleetCapacity,
    private readonly core: ReplayCore,
    private readonly incPower_W: Float64Array,
    private readonly idlePowerFraction: number,
  ) {
    this.sunNext = new Float64Array(cf.satCount);
  }

  /** Before any temperature is known: the sustained caps at the perihelion flux (the most the radiator sees). */
  initial(): void {
    for (let s = 0; s < this.cf.satCount; s++) if (this.incPower_W[s]! > 0) this.core.setThermalCap(s, this.sustainedChips(s, solarFlux_W_m2(PERIHELION_m)));
  }

  /**
   * Thermal cap of every satellite up for the step [t1, t1 + dt) (file comment): the compute
   * power the node carries from `temp_K`, in chips beside the idle draw of the others.
   */
  update(inp: ComputeStepInput, t1: number, sunlit: SunlitSeries): void {
    const cf = this.cf, S = cf.satCount, th = cf.thermal!, F = this.fleet, core = this.core, dt = inp.dt_s;
    const T = inp.temp_K!, P = cf.chipPower_W, inc = this.incPower_W;
    sunlit(t1, this.sunNext);
    const sv = inp.sun_m;
    const rs = sv ? Math.sqrt(sv[0]! * sv[0]! + sv[1]! * sv[1]! + sv[2]! * sv[2]!) : 0;
    const flux = solarFlux_W_m2(rs > 0 ? rs : PERIHELION_m);
    const sx = rs > 0 ? sv![0]! / rs : 0, sy = rs > 0 ? sv![1]! / rs : 0, sz = rs > 0 ? sv![2]! / rs : 0;
    const X = inp.x_m, Y = inp.y_m, Z = inp.z_m;
    for (let s = 0; s < S; s++) {
      if (F.satStatus[s] !== Status.Ok || inc[s]! <= 0) continue;
      const p = th.params[th.ofSat[s]!]!, r = p.radiator;
      const nu = Math.max(inp.sunlit[s]!, this.sunNext[s]!);
      let g = nu;
      if (r.albedoModel === 'subsolar-cosine') {
        g = 1;
        if (X && Y && Z && rs > 0) {
          const x = X[s]!, y = Y[s]!, z = Z[s]!, rr = Math.sqrt(x * x + y * y + z * z);
          // The cosine moves at most ω·dt in a step (ω the orbital rate).
          if (rr > 0) g = Math.min(1, Math.max(0, (x * sx + y * sy + z * sz) / rr) + (TWO_PI / cf.period_s[s]!) * dt);
        }
      }
      const qEnv = r.area_m2 * (r.solarAbsorptivity * flux * (r.sunIncidenceCos * nu + r.albedo * r.viewFactorEarth * g) + r.earthIrAbsorptivity * r.viewFactorEarth * r.earthIr_W_m2);
      const B = cf.busLoad_W[s]!, t0 = T[s]!;
      const keep = fits(p, t0, qEnv, B, F.alive[s]! * P[s]!, dt) ? F.chipStart[s + 1]! - F.chipStart[s]! : this.chipsUnder(thermalComputeCap_W(p, t0, qEnv, B, dt), s);
      core.setThermalCap(s, this.sustainedChips(s, flux), keep);
    }
  }

  /**
   * Chips satellite s sustains (placement cap): the node in steady state at its limits (no credit
   * from heat capacity), in full sun with full albedo, the bus, and while the battery is not full
   * the most its charging loses as heat ((1 − η_c) × the array's full-sun output).
   */
  private sustainedChips(s: number, flux: number): number {
    const cf = this.cf, th = cf.thermal!, p = th.params[th.ofSat[s]!]!, r = p.radiator, E = this.core.energyModel;
    const qWorst = r.area_m2 * (r.solarAbsorptivity * flux * (r.sunIncidenceCos + r.albedo * r.viewFactorEarth) + r.earthIrAbsorptivity * r.viewFactorEarth * r.earthIr_W_m2);
    const charging = !E || E.soc_J[s]! < cf.capacity_J[s]! * (1 - 1e-9);
    const other = cf.busLoad_W[s]! + (charging ? (1 - cf.chargeEfficiency) * (E ? E.array_W[s]! : cf.arrayPower_W[s]!) : 0);
    if (fits(p, p.radiatorMax_K, qWorst, other, this.fleet.alive[s]! * cf.chipPower_W[s]!, Infinity)) return this.fleet.chipStart[s + 1]! - this.fleet.chipStart[s]!;
    return this.chipsUnder(thermalComputeCap_W(p, p.radiatorMax_K, qWorst, other, STEADY_DT_s), s);
  }

  /** Running chips of satellite s whose demand, with the idle draw of its other alive chips, stays within `cap_W`. */
  private chipsUnder(cap_W: number, s: number): number {
    const P = this.cf.chipPower_W[s]!, inc = this.incPower_W[s]!, alive = this.fleet.alive[s]!;
    return Math.max(0, Math.floor((cap_W - this.idlePowerFraction * P * alive) / inc - 1e-9));
  }
}
