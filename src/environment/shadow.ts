/**
 * Earth's shadow: conical umbra and penumbra, after Montenbruck & Gill, "Satellite Orbits"
 * (Springer 2000), §3.4.2 "Shadow" (eqs. 3.85–3.89).
 *
 * Seen from the satellite, the Sun and the Earth are disks of apparent angular radii
 *   a = asin(R_sun / |s − r|),   b = asin(R_shadow / |r|),
 * whose centres are the angle c apart, c = acos(−r·(s − r) / (|r| |s − r|)). The sunlit fraction
 * ν is the share of the solar disk not covered by the Earth's disk (uniform disk, no limb
 * darkening, as in M&G):
 *   c ≥ a + b          → ν = 1 (fully lit)
 *   c ≤ b − a          → ν = 0 (umbra)
 *   c ≤ a − b          → ν = 1 − b²/a² (antumbra: annular; only beyond ~1.4 million km, kept for completeness)
 *   otherwise (penumbra) → ν = 1 − A/(π a²), A = a² acos(x/a) + b² acos((c − x)/b) − c·y,
 *                          x = (c² + a² − b²)/(2c), y = √(a² − x²)   (plane circle overlap).
 * The overlap is computed on the plane of angles, as M&G do; at LEO the Earth's limb (b ≈ 65°) is a
 * small circle whose curvature differs from the plane circle's, which shifts the covered area by
 * < 0.1% of the solar disk (< 0.01 s of a ~9 s penumbra passage): negligible.
 *
 * Earth radius of the shadow: `SHADOW_EARTH_RADIUS_m` = WGS-84 equatorial radius, a sphere, no
 * atmosphere. Why: it is M&G's and Vallado's choice (Vallado 2013 §5.3, Algorithm 34) and the one
 * behind the published dawn-dusk SSO figures (REFERENCES.md: 87–93 eclipse days at 650 km). The
 * atmosphere would make the shadow larger (rays grazing below ~20–50 km are strongly absorbed and
 * refracted away), the Earth's oblateness smaller (polar radius 21 km less, and a dawn-dusk
 * orbit's shadow crossings are at high latitude); the two partly cancel, and neither is modelled.
 * The choice matters at first order for near-threshold orbits. Measured with eclipse.ts for the
 * 650 km dawn-dusk SSO over 2026: R_E gives 93 eclipse days, longest eclipse 20.2 min, sunlit
 * 95.99 % (inside the published 87–93 d / ~19.5 min / ~96 %); R_E + 50 km gives 101 days,
 * 21.7 min and 95.33 %, outside all three.
 * Satellites at or below this radius get ν = 0.
 */
import { R_EARTH_m, R_SUN_m } from '../core/units.js';
import type { FleetState } from '../core/fleet.js';
import { hasValidPosition } from '../core/status.js';

/** Radius of the Earth sphere that casts the shadow [m]: WGS-84 equatorial, no atmosphere (see module comment). */
export const SHADOW_EARTH_RADIUS_m = R_EARTH_m;

/** Margin on the cosine of the disk separation for the trigonometry-free fully-lit / umbra tests (see sunlitFraction). */
const CLEAR_COS = 1e-12;

/** Widening of the penumbra cone for the batch's fully-lit test [m] (rounding there is below 1 mm). */
const LIT_MARGIN_m = 10;

/**
 * Fraction of the solar disk visible from a point (0 = umbra, 1 = full Sun), conical model.
 * p = satellite position, s = Sun position, both geocentric in the same inertial frame [m].
 * A point at or inside the shadow sphere returns 0.
 */
export function sunlitFraction(px_m: number, py_m: number, pz_m: number, sx_m: number, sy_m: number, sz_m: number): number {
  const r2 = px_m * px_m + py_m * py_m + pz_m * pz_m;
  const R = SHADOW_EARTH_RADIUS_m;
  if (r2 <= R * R) return 0;
  // Fast path: on the day side of the terminator plane nothing can cover the Sun, provided the
  // Earth's disk plus the Sun's disk fits inside a hemisphere, b + a < π/2, i.e. r > R / cos(a):
  // 1.0001·R covers a ≤ 0.0047 rad (Sun at ≥ 0.983 AU) with room.
  const ps = px_m * sx_m + py_m * sy_m + pz_m * sz_m;
  if (ps >= 0 && r2 > R * R * 1.0002) return 1;
  // Satellite → Sun.
  const dx = sx_m - px_m, dy = sy_m - py_m, dz = sz_m - pz_m;
  const d2 = dx * dx + dy * dy + dz * dz;
  const r = Math.sqrt(r2);
  const d = Math.sqrt(d2);
  const cosc0 = -(px_m * dx + py_m * dy + pz_m * dz) / (r * d);
  // Cheap tests without inverse trigonometry (the night half of a dawn-dusk orbit is mostly fully
  // lit): c ≥ a + b ⟺ cos c ≤ cos(a + b) = cos a·cos b − sin a·sin b (a, b ∈ [0, π/2], c ∈ [0, π]),
  // and c ≤ b − a ⟺ cos c ≥ cos(b − a) when b > a. Taken only when clear of the boundary by
  // CLEAR_COS (≥ 1e-12 rad of angle, 10⁴× the rounding of asin/acos), so the result is the one of
  // the full computation below, bit for bit; near the boundaries that computation decides.
  const sa = R_SUN_m / d, sb = R / r;
  const cacb = Math.sqrt(1 - sa * sa) * Math.sqrt(1 - sb * sb), sasb = sa * sb;
  if (cosc0 < cacb - sasb - CLEAR_COS) return 1;
  if (sb > sa && cosc0 > cacb + sasb + CLEAR_COS) return 0;
  const a = Math.asin(sa);
  const b = Math.asin(sb);
  let cosc = cosc0;
  if (cosc > 1) cosc = 1;
  else if (cosc < -1) cosc = -1;
  const c = Math.acos(cosc);
  return diskVisibleFraction(a, b, c);
}

/**
 * Fraction of a disk of angular radius a left uncovered by a disk of radius b whose centre is
 * c away (all [rad], plane geometry; M&G eqs. 3.87–3.89).
 */
export function diskVisibleFraction(a: number, b: number, c: number): number {
  if (c >= a + b) return 1;
  if (c <= b - a) return 0;
  if (c <= a - b) return 1 - (b * b) / (a * a);
  const x = (c * c + a * a - b * b) / (2 * c);
  const y2 = a * a - x * x;
  const y = y2 > 0 ? Math.sqrt(y2) : 0;
  const A = a * a * acosClamped(x / a) + b * b * acosClamped((c - x) / b) - c * y;
  const nu = 1 - A / (Math.PI * a * a);
  return nu < 0 ? 0 : nu > 1 ? 1 : nu;
}

function acosClamped(v: number): number {
  return Math.acos(v > 1 ? 1 : v < -1 ? -1 : v);
}

/**
 * Batch twin of `sunlitFraction` over fleet rows [from, to) (default all rows): `out[i]` = sunlit
 * fraction of row i for the Sun at `sun_m` (geocentric [m], same frame as the fleet; see sun.ts).
 * Rows whose status says the position is not valid (`hasValidPosition` false: SGP4 errors,
 * re-entered, unset) get 0: no Sun for a satellite that is not there, so power and compute
 * stages downstream produce nothing for it rather than NaN. Allocates nothing.
 */
export function sunlitFractionBatch(fleet: FleetState, sun_m: ArrayLike<number>, out: Float64Array, from = 0, to = fleet.count): void {
  const sx = sun_m[0]!, sy = sun_m[1]!, sz = sun_m[2]!;
  const X = fleet.x_m, Y = fleet.y_m, Z = fleet.z_m, st = fleet.status;
  const R2 = SHADOW_EARTH_RADIUS_m * SHADOW_EARTH_RADIUS_m * 1.0002;
  // Night side, beside the shadow: outside the penumbra cone (the internal tangent cone of the Sun
  // and Earth spheres, where c = a + b), whose radius x behind the Earth's centre is
  // R/cos β + x·tan β, sin β = (R_sun + R)/|s|, widened by LIT_MARGIN_m. Nothing there covers the
  // Sun: the full computation gives exactly 1 (10 m is ≥ 1e-8 rad of c − (a + b) out to 10⁶ km), for the
  // cost of a few multiplications instead of its four roots and two divisions.
  const sn = Math.sqrt(sx * sx + sy * sy + sz * sz);
  const sinB = (R_SUN_m + SHADOW_EARTH_RADIUS_m) / sn, cosB = Math.sqrt(1 - sinB * sinB);
  const cone0 = SHADOW_EARTH_RADIUS_m / cosB + LIT_MARGIN_m, coneK = sinB / cosB, invSn = 1 / sn;
  for (let i = from; i < to; i++) {
    if (!hasValidPosition(st[i]!)) {
      out[i] = 0;
      continue;
    }
    const px = X[i]!, py = Y[i]!, pz = Z[i]!;
    // Same fast path as sunlitFraction, inlined: day side of the terminator plane is fully lit.
    const ps = px * sx + py * sy + pz * sz, r2 = px * px + py * py + pz * pz;
    if (ps >= 0 && r2 > R2) {
      out[i] = 1;
      continue;
    }
    if (ps < 0) {
      const x = -ps * invSn, lim = cone0 + coneK * x;
      if (r2 - x * x > lim * lim) {
        out[i] = 1;
        continue;
      }
    }
    out[i] = sunlitFraction(px, py, pz, sx, sy, sz);
  }
}
