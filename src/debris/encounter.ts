/**
 * Closest approach of two objects on the cubic Hermite interpolant of their states: the one
 * refinement both the grid screener (screen.ts) and any brute-force reference use, so that the
 * two agree event for event.
 *
 * Interpolant. Between two instants t_a and t_b = t_a + h where position P and velocity V are
 * known, each coordinate is the cubic Hermite polynomial in s = (t − t_a)/h ∈ [0, 1]
 *   p(s) = c0 + c1·s + c2·s² + c3·s³,  c0 = P_a, c1 = h·V_a, c2 = 3(P_b − P_a) − h(2V_a + V_b),
 *   c3 = 2(P_a − P_b) + h(V_a + V_b)
 * (de Boor, *A Practical Guide to Splines*, ch. 4). Its error for a circular orbit of radius r and
 * mean motion n is at most h⁴·n⁴·r/384 (the cubic Hermite remainder f⁗·h⁴/384): 0.34 m at
 * h = 60 s and 5.5 m at h = 120 s in LEO (r = 6,900 km, n = 1.1e-3 rad/s); two objects crossing at
 * the same altitude share most of it (it is radial), so miss distances err less.
 *
 * Layout: one Float64Array of 12 coefficients per object, [x c0..c3, y c0..c3, z c0..c3], in
 * metres (c1..c3 are metres too, because s is dimensionless).
 *
 * Encounter = local minimum of |Δr(t)|, i.e. a root of g(s) = Δp(s)·Δp′(s) where g goes from
 * negative to non-negative. g is sampled at SAMPLES + 1 fixed points of each interval and every
 * sign change in (s_q, s_{q+1}] is refined (Newton safeguarded by bisection) to 1e-7 s. Roots are
 * owned by the half-open interval (t_a, t_b], so an encounter on a boundary is found once.
 * Two minima between neighbouring samples (h/8 apart, 7.5 s at h = 60 s) would be seen as none;
 * for objects within kilometres of each other the relative motion is straight to ~n²·d·t²/2
 * (millimetres over seconds), so |Δr|² is one parabola there and has one minimum.
 */

/** Coefficients per object in the coefficient arrays. */
export const COEFS_PER_OBJECT = 12;

/** Sample points of g per interval (see the file comment). */
export const SAMPLES = 8;

/** Hermite coefficients of one object from the states at both ends of an interval of h_s seconds. */
export function hermiteCoefficients(
  xa: number, ya: number, za: number, vxa: number, vya: number, vza: number,
  xb: number, yb: number, zb: number, vxb: number, vyb: number, vzb: number,
  h_s: number, out: Float64Array, at: number,
): void {
  out[at] = xa; out[at + 1] = h_s * vxa; out[at + 2] = 3 * (xb - xa) - h_s * (2 * vxa + vxb); out[at + 3] = 2 * (xa - xb) + h_s * (vxa + vxb);
  out[at + 4] = ya; out[at + 5] = h_s * vya; out[at + 6] = 3 * (yb - ya) - h_s * (2 * vya + vyb); out[at + 7] = 2 * (ya - yb) + h_s * (vya + vyb);
  out[at + 8] = za; out[at + 9] = h_s * vza; out[at + 10] = 3 * (zb - za) - h_s * (2 * vza + vzb); out[at + 11] = 2 * (za - zb) + h_s * (vza + vzb);
}

/** Position [m] of object `obj` at s ∈ [0, 1] on its interpolant, into out[0..2]. */
export function hermitePosition(coef: Float64Array, obj: number, s: number, out: Float64Array | number[]): void {
  const b = obj * COEFS_PER_OBJECT;
  out[0] = coef[b]! + s * (coef[b + 1]! + s * (coef[b + 2]! + s * coef[b + 3]!));
  out[1] = coef[b + 4]! + s * (coef[b + 5]! + s * (coef[b + 6]! + s * coef[b + 7]!));
  out[2] = coef[b + 8]! + s * (coef[b + 9]! + s * (coef[b + 10]! + s * coef[b + 11]!));
}

/** One encounter found by `refineInterval`. */
export interface Encounter {
  /** Time of closest approach as a fraction of the interval, s ∈ (0, 1]. */
  s: number;
  /** Miss distance [m] on the interpolant. */
  miss_m: number;
  /** Relative speed at closest approach [m/s]. */
  relSpeed_m_s: number;
}

const d = new Float64Array(12);

/** g(s) = Δp·Δp′ [m²] (per unit s) for the pair difference in `d`. */
function g(s: number): number {
  let sum = 0;
  for (let k = 0; k < 12; k += 4) {
    const c0 = d[k]!, c1 = d[k + 1]!, c2 = d[k + 2]!, c3 = d[k + 3]!;
    const p = c0 + s * (c1 + s * (c2 + s * c3));
    const v = c1 + s * (2 * c2 + s * 3 * c3);
    sum += p * v;
  }
  return sum;
}

/** g′(s) = |Δp′|² + Δp·Δp″. */
function gPrime(s: number): number {
  let sum = 0;
  for (let k = 0; k < 12; k += 4) {
    const c0 = d[k]!, c1 = d[k + 1]!, c2 = d[k + 2]!, c3 = d[k + 3]!;
    const p = c0 + s * (c1 + s * (c2 + s * c3));
    const v = c1 + s * (2 * c2 + s * 3 * c3);
    const a = 2 * c2 + 6 * c3 * s;
    sum += v * v + p * a;
  }
  return sum;
}

/** |Δp(s)| [m] and |Δp′(s)| (per unit s). */
function distAndSpeed(s: number, out: Float64Array): void {
  let p2 = 0, v2 = 0;
  for (let k = 0; k < 12; k += 4) {
    const c0 = d[k]!, c1 = d[k + 1]!, c2 = d[k + 2]!, c3 = d[k + 3]!;
    const p = c0 + s * (c1 + s * (c2 + s * c3));
    const v = c1 + s * (2 * c2 + s * 3 * c3);
    p2 += p * p; v2 += v * v;
  }
  out[0] = Math.sqrt(p2); out[1] = Math.sqrt(v2);
}

const ds = new Float64Array(2);

/** Parts of an interval that `mayApproach` bounds separately. */
export const HULL_PARTS = 8;

/**
 * Cheap rigorous rejection before `refineInterval`: false only when objects i and j provably stay
 * more than threshold_m apart over the whole interval. On each of HULL_PARTS parts the relative
 * interpolant Δp lies in the convex hull of its four Bézier control points; if on every part
 * some axis of that hull's box misses [−threshold, threshold], no point of Δp has |Δp| ≤ threshold.
 * The parts are visited by bisection (halves, quarters, eighths): the control points of a sub-part
 * lie in the hull of its parent's (Farin, §4.3, subdivision), so a parent excluded by more than
 * PRUNE_MARGIN_m excludes every part under it and they are skipped. The margin (1 mm, above the
 * ~1e-9 m rounding of the control points) keeps the answer that of testing all HULL_PARTS parts.
 */
export function mayApproach(ci: Float64Array, i: number, cj: Float64Array, j: number, threshold_m: number): boolean {
  const bi = i * COEFS_PER_OBJECT, bj = j * COEFS_PER_OBJECT;
  for (let k = 0; k < 12; k++) d[k] = ci[bi + k]! - cj[bj + k]!;
  // Two halves, each bisected twice more: the HULL_PARTS = 8 leaf parts.
  return partMayApproach(0, 0.5, threshold_m, 2) || partMayApproach(0.5, 1, threshold_m, 2);
}

/** Pruning margin of parent parts [m] (see mayApproach). */
const PRUNE_MARGIN_m = 1e-3;

/** mayApproach on [sa, sb] for the pair difference in `d`, `levels` bisections above the leaf parts. */
function partMayApproach(sa: number, sb: number, thr: number, levels: number): boolean {
  const w3 = (sb - sa) / 3;
  // Leaves test exactly as a flat loop over the HULL_PARTS parts would; parents prune with a margin.
  const lim = levels === 0 ? thr : thr + PRUNE_MARGIN_m;
  for (let k = 0; k < 12; k += 4) {
    const c0 = d[k]!, c1 = d[k + 1]!, c2 = d[k + 2]!, c3 = d[k + 3]!;
    const pa = c0 + sa * (c1 + sa * (c2 + sa * c3));
    const pb = c0 + sb * (c1 + sb * (c2 + sb * c3));
    const qa = pa + w3 * (c1 + sa * (2 * c2 + 3 * sa * c3));
    const qb = pb - w3 * (c1 + sb * (2 * c2 + 3 * sb * c3));
    if (Math.min(pa, pb, qa, qb) > lim || Math.max(pa, pb, qa, qb) < -lim) return false;
  }
  if (levels === 0) return true;
  const sm = 0.5 * (sa + sb);
  return partMayApproach(sa, sm, thr, levels - 1) || partMayApproach(sm, sb, thr, levels - 1);
}

/** Root of g in (lo, hi] with g(lo) < 0 ≤ g(hi): Newton inside the bracket, bisection when Newton leaves it. */
function root(lo: number, hi: number, tol_s: number): number {
  let x = 0.5 * (lo + hi);
  for (let it = 0; it < 100; it++) {
    const gx = g(x);
    if (gx < 0) lo = x; else hi = x;
    const gp = gPrime(x);
    let nx = gp > 0 ? x - gx / gp : NaN;
    if (!(nx > lo && nx < hi)) nx = 0.5 * (lo + hi);
    const step = Math.abs(nx - x);
    x = nx;
    if (hi - lo < tol_s || step < tol_s * 0.01) break;
  }
  return x;
}

/**
 * Every encounter of objects i and j within `threshold_m` on one interval of h_s seconds, with
 * coefficient arrays `ci` (for i) and `cj` (for j; may be the same array). Calls `emit` per
 * encounter found, in time order; returns how many.
 */
export function refineInterval(
  ci: Float64Array, i: number, cj: Float64Array, j: number, h_s: number, threshold_m: number,
  emit: (s: number, miss_m: number, relSpeed_m_s: number) => void,
): number {
  const bi = i * COEFS_PER_OBJECT, bj = j * COEFS_PER_OBJECT;
  for (let k = 0; k < 12; k++) d[k] = ci[bi + k]! - cj[bj + k]!;
  const tol = 1e-7 / h_s;
  let found = 0;
  let sPrev = 0, gPrev = g(0);
  for (let q = 1; q <= SAMPLES; q++) {
    const s = q / SAMPLES;
    const gs = g(s);
    if (gPrev < 0 && gs >= 0) {
      const r = gs === 0 ? s : root(sPrev, s, tol);
      distAndSpeed(r, ds);
      if (ds[0]! <= threshold_m) {
        emit(r, ds[0]!, ds[1]! / h_s);
        found++;
      }
    }
    sPrev = s; gPrev = gs;
  }
  return found;
}
