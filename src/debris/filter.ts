/**
 * Apogee/perigee filter (Hoots, Crawford & Roehrich 1984, "An analytic method to determine future
 * close approaches between satellites", Celest. Mech. 33:143, the first of its three sieves): two
 * objects whose radial shells [r_perigee, r_apogee], each padded, do not overlap can never come
 * within the threshold of each other, because |r₁ − r₂| ≥ ||r₁| − |r₂||.
 *
 * The shells come from mean elements, so the padding must cover what mean elements leave out:
 * - short-period J2 terms in the radius: at most (3/2)·J2·R⊕²/a·(1 + …) ≈ 10 km in LEO
 *   (Brouwer 1959); we pad 25 km;
 * - decay between the element epoch and the end of the window, from the TLE's ṅ (a falls by
 *   (2/3)·a·ṅ/n per unit time; SGP4's own drag model is driven by B*, so we double it);
 * - deep-space objects (period ≥ 225 min, SGP4's deep-space branch): lunisolar terms change e by
 *   up to ~1e-3 over a day for GTO-like orbits; we pad 2 % of a.
 * The test (filter.test.ts) checks on a real catalog that no pair the brute force finds is removed.
 */
import { MU_EARTH_m3_s2, R_EARTH_m, TWO_PI } from '../core/units.js';
import type { MeanElementSet } from '../orbit/elements.js';
import type { OrbitRecord } from '../orbit/record.js';

/** Radial shells [m] of a population, one entry per object. */
export interface Shells {
  perigee_m: Float64Array;
  apogee_m: Float64Array;
}

/** Pad for short-period J2 terms in the radius of a near-Earth object [m]. */
export const SHORT_PERIOD_PAD_m = 25e3;

const DEEP_SPACE_PERIOD_s = 225 * 60;

/**
 * Shells of catalog objects over [fromUtcMs, toUtcMs] from their mean elements (SGP4 Kozai mean
 * motion; the Kozai/Brouwer difference, < 0.1 % of a, is inside the pad).
 */
export function catalogShells(records: readonly OrbitRecord[], fromUtcMs: number, toUtcMs: number): Shells {
  const n = records.length;
  const perigee_m = new Float64Array(n), apogee_m = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    const nRad_s = (r.meanMotion_rev_day * TWO_PI) / 86_400;
    const a = Math.cbrt(MU_EARTH_m3_s2 / (nRad_s * nRad_s));
    const e = r.eccentricity;
    // Decay: ṅ (meanMotionDot, TLE field "first derivative of mean motion / 2" in rev/day²,
    // so ṅ = 2·field) over the longest span from epoch to either end of the window.
    const span_day = Math.max(Math.abs(toUtcMs - r.epochUtcMs), Math.abs(fromUtcMs - r.epochUtcMs)) / 86_400_000;
    const nDot_rev_day2 = 2 * Math.abs(r.meanMotionDot);
    const dnOverN = Math.min(0.5, (nDot_rev_day2 * span_day) / Math.max(r.meanMotion_rev_day, 1e-9));
    const decay_m = 2 * (2 / 3) * a * dnOverN;
    const period_s = TWO_PI / nRad_s;
    const pad = SHORT_PERIOD_PAD_m + decay_m + (period_s >= DEEP_SPACE_PERIOD_s ? 0.02 * a : 0);
    perigee_m[k] = a * (1 - e) - pad;
    apogee_m[k] = a * (1 + e) + pad;
  }
  return { perigee_m, apogee_m };
}

/**
 * Shells of designed satellites (mean J2 elements, j2.ts). The analytic propagator keeps a and e
 * constant and its positions are Keplerian positions of the mean elements, so a(1 ± e) are exact
 * bounds of what it outputs; `pad_m` (default 1 m, rounding) is all it needs.
 */
export function designedShells(el: MeanElementSet, pad_m = 1): Shells {
  const n = el.count;
  const perigee_m = new Float64Array(n), apogee_m = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = el.a_m[k]!, e = el.e[k]!;
    perigee_m[k] = a * (1 - e) - pad_m;
    apogee_m[k] = a * (1 + e) + pad_m;
  }
  return { perigee_m, apogee_m };
}

/** True when the padded shells of objects i (in a) and j (in b) can bring them within threshold_m. */
export function shellsOverlap(a: Shells, i: number, b: Shells, j: number, threshold_m: number): boolean {
  return a.perigee_m[i]! - threshold_m <= b.apogee_m[j]! && b.perigee_m[j]! - threshold_m <= a.apogee_m[i]!;
}

/**
 * Which objects of `b` can come within threshold_m of any object of `a`: a mask (1 = keep).
 * Sorting a's shells by perigee makes it O((n_a + n_b)·log n_a).
 */
export function keepAgainst(a: Shells, b: Shells, threshold_m: number): Uint8Array {
  const na = a.perigee_m.length, nb = b.perigee_m.length;
  const keep = new Uint8Array(nb);
  if (na === 0) return keep;
  // Union of a's intervals, merged: then each b is one binary search.
  const order = Array.from({ length: na }, (_, k) => k).sort((p, q) => a.perigee_m[p]! - a.perigee_m[q]!);
  const lo: number[] = [], hi: number[] = [];
  for (const k of order) {
    const p = a.perigee_m[k]!, q = a.apogee_m[k]!;
    const last = lo.length - 1;
    if (last >= 0 && p <= hi[last]!) hi[last] = Math.max(hi[last]!, q);
    else { lo.push(p); hi.push(q); }
  }
  for (let j = 0; j < nb; j++) {
    const p = b.perigee_m[j]! - threshold_m, q = b.apogee_m[j]! + threshold_m;
    // Last merged interval with lo ≤ q; it overlaps iff its hi ≥ p.
    let l = 0, h = lo.length - 1, idx = -1;
    while (l <= h) {
      const m = (l + h) >> 1;
      if (lo[m]! <= q) { idx = m; l = m + 1; } else h = m - 1;
    }
    keep[j] = idx >= 0 && hi[idx]! >= p ? 1 : 0;
  }
  return keep;
}

/** Altitude [m] above the equatorial radius for a radius [m] (reports print shells this way). */
export function altitudeOf_m(radius_m: number): number {
  return radius_m - R_EARTH_m;
}
