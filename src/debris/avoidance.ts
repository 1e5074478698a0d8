/**
 * Collision-avoidance policy: turns screening results (screen.ts) into manoeuvre events that the
 * twin engine applies later (the satellite is offline for the manoeuvre's duration and spends its
 * Δv). A policy, not a physical model: it decides *who* moves, *when* and *how much*.
 *
 * - Trigger: an encounter with miss distance ≤ `missThreshold_m`. Operators decide on collision
 *   probability (SpaceX manoeuvres above Pc = 1e-5, NASA CARA's action threshold is 1e-4); with
 *   TLE-only screening a miss-distance rule is what can be applied, so that is the input here.
 * - Who: the primary-population object. In an intra-constellation encounter (both primary), the one
 *   with the larger id moves (a deterministic rule; one manoeuvre resolves the pair).
 * - When: `leadTime_s` before TCA (default half an orbit at LEO, 2,800 s, where a tangential burn
 *   gives the most radial separation per m/s; Vallado 2013 §6.8).
 * - How much: `deltaV_m_s` if set; otherwise the tangential Δv whose HCW along-track displacement
 *   at TCA reaches `separation_m` (hcw.ts closed form: y(t) = (4 sin nt − 3nt)/n·Δv for a burn
 *   ẏ₀ = Δv).
 * - Merging: a satellite already offline for a manoeuvre when the next one would start does not
 *   manoeuvre again (its new orbit is screened at the next cadence of the twin; documented
 *   simplification).
 */
import { InputError } from '../core/errors.js';
import { MU_EARTH_m3_s2, R_EARTH_m } from '../core/units.js';
import { hcwPropagate } from '../orbit/hcw.js';
import type { ConjunctionList } from './screen.js';

export interface AvoidancePolicy {
  /** Manoeuvre when the predicted miss distance is at most this [m]. */
  missThreshold_m: number;
  /** Fixed Δv per manoeuvre [m/s]; when absent it is sized from `separation_m`. */
  deltaV_m_s?: number;
  /** Along-track separation at TCA the manoeuvre must create [m] (default 2 × missThreshold). */
  separation_m?: number;
  /** Burn this long before TCA [s] (default 2,800 s ≈ half a LEO orbit). */
  leadTime_s?: number;
  /** Time the satellite is offline for compute [s] (slew, burn, settle; default 1,800 s: ASSUMPTION). */
  offline_s?: number;
  /** Semi-major axis used for sizing the Δv [m] (default 550 km altitude). */
  a_m?: number;
}

export interface ManoeuvreEvent {
  /** Burn time, UTC ms (the satellite goes offline here). */
  utcMs: number;
  /** Row of the manoeuvring satellite in the primary population. */
  satellite: number;
  deltaV_m_s: number;
  offline_s: number;
  /** The encounter that caused it. */
  tcaUtcMs: number;
  miss_m: number;
  /** Row of the other object and whether it is in the secondary population. */
  other: number;
  otherSecondary: boolean;
}

/** Along-track displacement [m] at time t_s after a tangential burn of Δv, at mean motion n (HCW). */
export function alongTrackShift_m(deltaV_m_s: number, t_s: number, n_rad_s: number): number {
  const s = hcwPropagate([0, 0, 0, 0, deltaV_m_s, 0], n_rad_s, t_s, [0, 0, 0, 0, 0, 0]);
  return Math.abs(s[1]!);
}

/** The tangential Δv [m/s] that moves a satellite separation_m along-track in lead_s (HCW). */
export function deltaVForSeparation_m_s(separation_m: number, lead_s: number, n_rad_s: number): number {
  const perUnit = alongTrackShift_m(1, lead_s, n_rad_s);
  return separation_m / perUnit;
}

/**
 * Manoeuvre events, time-ordered, for every encounter of `events` at or below the threshold.
 * `ids` are the primary population's ids (for the larger-id rule).
 */
export function planManoeuvres(events: ConjunctionList, ids: Uint32Array, policy: AvoidancePolicy): ManoeuvreEvent[] {
  if (!(policy.missThreshold_m > 0)) {
    throw new InputError('bad avoidance threshold', { field: 'missThreshold_m', expected: 'a distance > 0 m', found: String(policy.missThreshold_m) }, 'E_ARGUMENT');
  }
  const lead = policy.leadTime_s ?? 2800;
  const offline = policy.offline_s ?? 1800;
  const a = policy.a_m ?? R_EARTH_m + 550e3;
  const n = Math.sqrt(MU_EARTH_m3_s2 / (a * a * a));
  const dv = policy.deltaV_m_s ?? deltaVForSeparation_m_s(policy.separation_m ?? 2 * policy.missThreshold_m, lead, n);
  const order: number[] = [];
  for (let k = 0; k < events.count; k++) if (events.miss_m[k]! <= policy.missThreshold_m) order.push(k);
  order.sort((p, q) => events.tcaUtcMs[p]! - events.tcaUtcMs[q]!);
  const busyUntil = new Map<number, number>();
  const out: ManoeuvreEvent[] = [];
  for (const k of order) {
    const ea = events.a[k]!, eb = events.b[k]!, sec = events.secondary[k] === 1;
    // Intra-primary: the larger id moves; otherwise the primary object.
    const mover = !sec && ids[eb]! > ids[ea]! ? eb : ea;
    const other = mover === ea ? eb : ea;
    const t = events.tcaUtcMs[k]! - lead * 1000;
    if ((busyUntil.get(mover) ?? -Infinity) >= t) continue;
    busyUntil.set(mover, t + offline * 1000);
    out.push({ utcMs: t, satellite: mover, deltaV_m_s: dv, offline_s: offline, tcaUtcMs: events.tcaUtcMs[k]!, miss_m: events.miss_m[k]!, other, otherSecondary: sec });
  }
  out.sort((p, q) => p.utcMs - q.utcMs || p.satellite - q.satellite);
  return out;
}

/** Totals of a manoeuvre plan: count, Δv [m/s] and offline time [s] summed over the fleet. */
export function summarizeManoeuvres(m: readonly ManoeuvreEvent[]): { count: number; satellites: number; deltaV_m_s: number; offline_s: number } {
  const sats = new Set<number>();
  let dv = 0, off = 0;
  for (const e of m) { sats.add(e.satellite); dv += e.deltaV_m_s; off += e.offline_s; }
  return { count: m.length, satellites: sats.size, deltaV_m_s: dv, offline_s: off };
}
