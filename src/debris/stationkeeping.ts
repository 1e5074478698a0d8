/**
 * Station-keeping Δv budget for formation clusters (cluster.ts): what each member must spend per
 * year to stay in formation against the two differential perturbations that matter at LEO.
 *
 * Differential J2 (secular rates of j2.ts, Vallado 2013 §9.6). A member whose mean elements
 * differ from the reference's drifts at the difference of their secular rates:
 * - node: ΔΩ̇ turns its plane away; the cross-track error grows as a·sin i·ΔΩ̇·t, and holding it
 *   costs Δv = v·sin i·|ΔΩ̇| per unit time (a node change δΩ costs v·sin i·δΩ for a circular orbit,
 *   Vallado 2013 eq. 6-25 with Δi = 0);
 * - argument of latitude: Δu̇ = Δ(ω̇ + Ṁ) moves it along-track by a·Δu̇·t; it is removed once by a
 *   semi-major-axis trim Δa = −(2/3)·a·Δu̇/n, costing Δv = n·|Δa|/2 (tangential burn, Δa = 2Δv/n),
 *   a one-off figure reported separately.
 * Designed clusters share a, i and Ω with the reference and `buildCluster` trims a for the
 * O(J2·δe²) remainder, so both terms are ~0 there: Suncatcher's bound (< 3 m/s per year per km
 * from the reference, arXiv 2511.19468) is what a correctly built cluster must beat.
 *
 * Differential drag (drag.ts, exponential atmosphere): members with ballistic coefficient B
 * different from the reference's decay at a different rate Δȧ = ȧ(B) − ȧ(B_ref); keeping their
 * mean a equal costs Δv = n·|Δȧ|/2 per unit time. An absolute altitude-keeping budget against the
 * reference's own decay is `n·|ȧ(B_ref)|/2` (reported too: the whole cluster must pay it).
 */
import { S_PER_JULIAN_YEAR } from '../core/units.js';
import { decayRate_m_s, type DensityModel } from '../orbit/drag.js';
import type { MeanElementSet, MeanElementsInput } from '../orbit/elements.js';
import { j2SecularRates } from '../orbit/j2.js';
import { meanMotion_rad_s } from '../orbit/hcw.js';

export interface StationKeepingBudget {
  /** Rows of the members in the element set. */
  rows: Int32Array;
  /** Cross-track (node) J2 correction [m/s per year] per member. */
  j2Node_m_s_yr: Float64Array;
  /** One-off along-track trim [m/s] per member that removes its differential J2 drift. */
  j2AlongTrackTrim_m_s: Float64Array;
  /** Differential-drag correction [m/s per year] per member. */
  differentialDrag_m_s_yr: Float64Array;
  /** Absolute altitude keeping of the reference orbit against drag [m/s per year] (every member). */
  altitudeKeeping_m_s_yr: number;
  /** Largest per-member yearly total (J2 node + differential drag + altitude keeping) [m/s/yr]. */
  maxTotal_m_s_yr: number;
}

/**
 * Budget of members rows [firstRow, firstRow + count) of `el` around `reference`
 * (ballistic coefficient of each member from el.ballistic_m2_kg, reference's from its own field).
 */
export function clusterStationKeeping(
  el: MeanElementSet, firstRow: number, count: number, reference: MeanElementsInput, density?: DensityModel,
): StationKeepingBudget {
  const ref = j2SecularRates(reference.a_m, reference.e, reference.i_rad);
  const nRef = meanMotion_rad_s(reference.a_m);
  const vRef = nRef * reference.a_m;
  const bRef = reference.ballistic_m2_kg ?? 0;
  const adotRef = bRef > 0 ? decayRate_m_s(reference.a_m, bRef, density) : 0;
  const rows = new Int32Array(count);
  const node = new Float64Array(count), trim = new Float64Array(count), drag = new Float64Array(count);
  const altitudeKeeping = (nRef * Math.abs(adotRef) / 2) * S_PER_JULIAN_YEAR;
  let maxTotal = 0;
  for (let k = 0; k < count; k++) {
    const r = firstRow + k;
    rows[k] = r;
    const a = el.a_m[r]!, e = el.e[r]!, i = el.i_rad[r]!;
    const m = j2SecularRates(a, e, i);
    const dRaan = m.raanDot_rad_s - ref.raanDot_rad_s;
    const dU = (m.argpDot_rad_s + m.meanAnomalyDot_rad_s) - (ref.argpDot_rad_s + ref.meanAnomalyDot_rad_s);
    node[k] = vRef * Math.sin(reference.i_rad) * Math.abs(dRaan) * S_PER_JULIAN_YEAR;
    // Δu̇ ≈ −(3/2)·n·Δa/a  ⇒  Δa = −(2/3)·a·Δu̇/n; Δv = n·|Δa|/2 = a·|Δu̇|/3.
    trim[k] = (reference.a_m * Math.abs(dU)) / 3;
    const b = el.ballistic_m2_kg[r]!;
    const adot = b > 0 ? decayRate_m_s(a, b, density) : 0;
    drag[k] = (nRef * Math.abs(adot - adotRef) / 2) * S_PER_JULIAN_YEAR;
    maxTotal = Math.max(maxTotal, node[k]! + drag[k]! + altitudeKeeping);
  }
  return { rows, j2Node_m_s_yr: node, j2AlongTrackTrim_m_s: trim, differentialDrag_m_s_yr: drag, altitudeKeeping_m_s_yr: altitudeKeeping, maxTotal_m_s_yr: maxTotal };
}
