/**
 * Battery: an energy store with one-way efficiencies, a capacity, a depth-of-discharge floor and
 * optional power limits. Energy bookkeeping of one step (all in J, all ≥ 0):
 *
 *   charging (bus offers E):   E = accepted + clipped,   accepted = stored + loss,  stored = accepted·η_c
 *   discharging (bus asks E):  drawn = delivered + loss, delivered = drawn·η_d,     E = delivered + shortfall
 *
 * so over any step  offered − delivered = ΔSoC + loss + clipped  (the energy balance the property
 * tests check), and the state of charge stays in [floor, capacity] once it starts there.
 * Limits: the battery accepts at most `maxCharge_W`·dt and delivers at most `maxDischarge_W`·dt.
 * Self-discharge, ageing and temperature effects on capacity are not modelled.
 */
import type { BatteryParams, ParamProblem } from './types.js';

/** Lowest state of charge allowed [J]: capacity·(1 − maxDepthOfDischarge). */
export function socFloor_J(p: BatteryParams): number {
  return p.capacity_J * (1 - p.maxDepthOfDischarge);
}

/** Initial state of charge [J], clamped to [floor, capacity]. */
export function initialSoc_J(p: BatteryParams): number {
  return Math.min(p.capacity_J, Math.max(socFloor_J(p), p.initialSocFraction * p.capacity_J));
}

/** Result of one battery exchange (a scratch object the caller owns and reuses). */
export interface BatteryExchange {
  /** State of charge after the step [J]. */
  soc_J: number;
  /** Energy taken from the bus into the battery [J]. */
  accepted_J: number;
  /** Energy delivered from the battery to the bus [J]. */
  delivered_J: number;
  /** Offered surplus the battery could not take (full or at its charge limit) [J]. */
  clipped_J: number;
  /** Requested energy the battery could not deliver (at its floor or its discharge limit) [J]. */
  shortfall_J: number;
  /** Conversion losses (heat) [J]. */
  loss_J: number;
}

export const newBatteryExchange = (): BatteryExchange => ({ soc_J: 0, accepted_J: 0, delivered_J: 0, clipped_J: 0, shortfall_J: 0, loss_J: 0 });

/**
 * One step of the battery with net bus power `net_W` (> 0: surplus offered to charge; < 0: deficit
 * to be covered) over `dt_s`. Writes `out` and returns it; allocates nothing. A state of charge
 * below the floor (or above capacity) at entry is never pushed further out of range.
 */
export function batteryExchange(p: BatteryParams, soc_J: number, net_W: number, dt_s: number, out: BatteryExchange): BatteryExchange {
  out.accepted_J = 0; out.delivered_J = 0; out.clipped_J = 0; out.shortfall_J = 0; out.loss_J = 0;
  if (net_W > 0) {
    const offered = net_W * dt_s;
    const limit = p.maxCharge_W !== undefined ? p.maxCharge_W * dt_s : Infinity;
    const room = Math.max(0, p.capacity_J - soc_J);
    // Bus energy that fills the room exactly: room/η_c.
    const accepted = Math.min(offered, limit, room / p.chargeEfficiency);
    let stored = accepted * p.chargeEfficiency;
    if (stored > room) stored = room; // rounding guard: never above capacity
    out.accepted_J = accepted;
    out.loss_J = accepted - stored;
    out.clipped_J = offered - accepted;
    out.soc_J = soc_J + stored;
  } else if (net_W < 0) {
    const asked = -net_W * dt_s;
    const limit = p.maxDischarge_W !== undefined ? p.maxDischarge_W * dt_s : Infinity;
    const headroom = Math.max(0, soc_J - socFloor_J(p));
    const delivered = Math.min(asked, limit, headroom * p.dischargeEfficiency);
    let drawn = delivered / p.dischargeEfficiency;
    if (drawn > headroom) drawn = headroom; // rounding guard: never below the floor
    out.delivered_J = delivered;
    out.loss_J = drawn - delivered;
    out.shortfall_J = asked - delivered;
    out.soc_J = soc_J - drawn;
  } else {
    out.soc_J = soc_J;
  }
  return out;
}

/** Everything wrong with a battery parameter object (empty when fine). */
export function batteryParamProblems(p: BatteryParams, path = 'battery'): ParamProblem[] {
  const out: ParamProblem[] = [];
  const need = (field: keyof BatteryParams, ok: boolean, expected: string): void => {
    if (!ok) out.push({ field: `${path}.${field}`, expected, found: String(p[field]) });
  };
  need('capacity_J', p.capacity_J >= 0 && Number.isFinite(p.capacity_J), 'an energy ≥ 0 J');
  need('chargeEfficiency', p.chargeEfficiency > 0 && p.chargeEfficiency <= 1, 'a fraction in (0, 1]');
  need('dischargeEfficiency', p.dischargeEfficiency > 0 && p.dischargeEfficiency <= 1, 'a fraction in (0, 1]');
  need('maxDepthOfDischarge', p.maxDepthOfDischarge >= 0 && p.maxDepthOfDischarge <= 1, 'a fraction in [0, 1]');
  need('initialSocFraction', p.initialSocFraction >= 0 && p.initialSocFraction <= 1, 'a fraction in [0, 1]');
  if (p.maxCharge_W !== undefined) need('maxCharge_W', p.maxCharge_W >= 0, 'a power ≥ 0 W');
  if (p.maxDischarge_W !== undefined) need('maxDischarge_W', p.maxDischarge_W >= 0, 'a power ≥ 0 W');
  return out;
}
