/**
 * Beta angle and the eclipse fraction of a circular orbit.
 *
 * β is the angle between the Sun direction and the orbit plane, positive when the Sun is on the
 * side the orbit's angular momentum points to: β = asin(ĥ · ŝ), with the orbit normal
 *   ĥ = (sin i sin Ω, −sin i cos Ω, cos i)
 * in the inertial frame the node Ω is measured in (Vallado 2013 §5.3.3; the Sun vector must be in
 * the same frame: sun.ts gives mean equator and equinox of date, as the J2 propagator's elements).
 *
 * Eclipse fraction of a circular orbit of radius r in a cylindrical shadow of radius R
 * (REFERENCES.md; e.g. Wertz, "Mission Geometry", §5.2):
 *   f = (1/π) · acos( √(r² − R²) / (r cos β) )   for |β| < β* = asin(R / r),   0 otherwise.
 * With R = SHADOW_EARTH_RADIUS_m the cylinder is the conical model's 50%-penumbra surface to
 * within ~0.2 km at LEO, so f·T equals the time integral of (1 − ν) of shadow.ts over an orbit to
 * within 0.5 s per orbit (measured 0.31 s, 400–1,200 km, β 0–64°; beta.test.ts).
 */
import { SHADOW_EARTH_RADIUS_m } from './shadow.js';

/** Beta angle [rad] of an orbit plane (RAAN Ω, inclination i) for a Sun vector of any length. */
export function betaAngle_rad(raan_rad: number, i_rad: number, sun: ArrayLike<number>): number {
  const sx = sun[0]!, sy = sun[1]!, sz = sun[2]!;
  const s = Math.sqrt(sx * sx + sy * sy + sz * sz);
  if (!(s > 0)) return 0;
  const si = Math.sin(i_rad);
  const hs = (si * Math.sin(raan_rad) * sx - si * Math.cos(raan_rad) * sy + Math.cos(i_rad) * sz) / s;
  return Math.asin(hs > 1 ? 1 : hs < -1 ? -1 : hs);
}

/** |β| at and above which a circular orbit of radius r sees no eclipse [rad]: asin(R / r). */
export function betaThreshold_rad(r_m: number, shadowRadius_m = SHADOW_EARTH_RADIUS_m): number {
  return r_m > shadowRadius_m ? Math.asin(shadowRadius_m / r_m) : Math.PI / 2;
}

/**
 * Fraction of a circular orbit of radius r [m] spent in the (cylindrical) shadow at beta angle
 * β [rad]: 0 at |β| ≥ β*, ½ for an orbit inside the shadow radius (not physical; kept finite).
 */
export function eclipseFractionCircular(r_m: number, beta_rad: number, shadowRadius_m = SHADOW_EARTH_RADIUS_m): number {
  if (r_m <= shadowRadius_m) return 0.5;
  const cb = Math.cos(beta_rad);
  const q = Math.sqrt(r_m * r_m - shadowRadius_m * shadowRadius_m) / (r_m * cb);
  if (!(q < 1)) return 0; // |β| ≥ β* (also catches cos β = 0)
  return Math.acos(q) / Math.PI;
}
