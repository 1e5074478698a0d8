/**
 * Sun position of date: a fast, low-precision analytic ephemeris.
 *
 * Theory: Meeus, "Astronomical Algorithms" (2nd ed., 1998), chapter 25 "Solar coordinates",
 * low-accuracy method (mean elements of the Earth's orbit, equation of the centre to 3M), the
 * same family as the Astronomical Almanac's low-precision formula (Vallado 2013, Algorithm 29).
 * Evaluated in TT (src/core/time.ts `jdTt`), because the ephemeris argument is dynamical time.
 *
 * Frame of the output: geocentric, **mean equator and mean equinox of date** (precession
 * applied, nutation not), the frame orbitdc's analytic propagator writes (`ECI_OF_DATE`).
 * The direction is the *apparent* one: it includes annual aberration (−20.4898″/R in longitude,
 * Meeus eq. 25.10 note), because the shadow Earth casts and the light a solar array sees come
 * from where the Sun appears from the moving Earth. Nutation is left out on purpose (it would
 * give true-of-date); the Sun's ecliptic latitude (< 1.2″) is taken as 0.
 *
 * Why of date, not J2000: satellite positions are TEME (SGP4) or mean-of-date (J2 propagator);
 * a J2000 Sun direction would be ~0.38° off in 2026 (precession 50.3″/yr × 26 yr, REFERENCES.md).
 * TEME differs from mean-of-date only by a rotation about z by the equation of the equinoxes
 * (|Δψ cos ε| ≤ ~1.2 s of time = 18″); that is below this ephemeris' own error, so TEME positions
 * may be used with this Sun directly.
 *
 * Accuracy (measured in sun.test.ts against astronomy-engine 2.1.19 VSOP87, rotated to mean
 * equator of date by removing IAU 2000B nutation from its true-of-date output, 10,000 dates
 * 2000–2050): direction error ≤ 29.2″ (asserted < 32″; Meeus states 0.01° = 36″ for the bare
 * method, the Earth–Moon barycentre term below takes ~6″ off), distance error ≤ 7,460 km = 50 ppm
 * (asserted < 8,000 km); the rest is planetary perturbations (Venus, Jupiter) left out.
 * 32″ of Sun direction moves Earth's shadow boundary by ~1.1 km at LEO radius, i.e. ~0.15 s of
 * eclipse entry time; 50 ppm of distance changes the penumbra width by 50 ppm (~0.0005 s).
 */
import { AU_m, DEG_TO_RAD, ARCSEC_TO_RAD } from '../core/units.js';
import { jdTt, JD_J2000 } from '../core/time.js';
import type { Vec3 } from '../core/vec3.js';

/** Annual aberration constant κ [rad] (Meeus eq. 25.10: −20.4898″ / R with R in AU). */
const ABERRATION_rad = 20.4898 * ARCSEC_TO_RAD;

/** Distance Earth centre – Earth–Moon barycentre [AU]: 384,400 km / 82.30 = 4,671 km. */
const EMB_OFFSET_au = 4.671e6 / AU_m;

/**
 * Unit vector towards the Sun (mean equator and equinox of date) written to `outUnit[0..2]`;
 * returns the geocentric distance [m]. The per-step helper: allocates nothing.
 */
export function sunDirectionEci(utcMs: number, outUnit: Vec3 | Float64Array): number {
  const T = (jdTt(utcMs) - JD_J2000) / 36_525; // Julian centuries TT since J2000.0
  // Meeus eqs. 25.2–25.4: geometric mean longitude (mean equinox of date), mean anomaly, eccentricity.
  const L0_deg = 280.46646 + T * (36_000.76983 + T * 0.0003032);
  const M_rad = (357.52911 + T * (35_999.05029 - T * 0.0001537)) * DEG_TO_RAD;
  const e = 0.016708634 - T * (0.000042037 + T * 0.0000001267);
  // Equation of the centre [deg].
  const sinM = Math.sin(M_rad);
  const sin2M = Math.sin(2 * M_rad);
  const sin3M = Math.sin(3 * M_rad);
  const C_deg = (1.914602 - T * (0.004817 + T * 0.000014)) * sinM + (0.019993 - T * 0.000101) * sin2M + 0.000289 * sin3M;
  const trueLon_rad = (L0_deg + C_deg) * DEG_TO_RAD;
  const nu_rad = M_rad + C_deg * DEG_TO_RAD;
  // Moon's mean elongation D (Meeus eq. 47.2, first two terms): the Earth sits 4,671 km from the
  // Earth–Moon barycentre (mean lunar distance 384,400 km / (1 + 81.30)), which the mean solar orbit
  // above describes; the geocentric Sun is displaced by that much towards the Moon.
  const D_rad = (297.8502042 + 445_267.1115168 * T) * DEG_TO_RAD;
  // Meeus eq. 25.5 [AU], plus the barycentre term along the Sun line.
  const R_au = (1.000001018 * (1 - e * e)) / (1 + e * Math.cos(nu_rad)) + EMB_OFFSET_au * Math.cos(D_rad);
  // Apparent longitude, mean equinox: barycentre term across the Sun line (6.44″ sin D), aberration,
  // and no nutation (Meeus's −0.00478° sin Ω is nutation in longitude).
  const lambda_rad = trueLon_rad + (EMB_OFFSET_au / R_au) * Math.sin(D_rad) - ABERRATION_rad / R_au;
  // Mean obliquity of the ecliptic, Meeus eq. 22.2 (IAU 1980) [arcsec].
  const eps_rad = (84_381.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) * ARCSEC_TO_RAD;
  const cl = Math.cos(lambda_rad);
  const sl = Math.sin(lambda_rad);
  outUnit[0] = cl;
  outUnit[1] = Math.cos(eps_rad) * sl;
  outUnit[2] = Math.sin(eps_rad) * sl;
  return R_au * AU_m;
}

/**
 * Geocentric Sun position [m], mean equator and equinox of date (apparent direction, geometric
 * distance). Accuracy: see the module comment (≤ 12″, ≤ 1,200 km, 2000–2050).
 */
export function sunPositionEci_m(utcMs: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const r_m = sunDirectionEci(utcMs, out);
  out[0] *= r_m;
  out[1] *= r_m;
  out[2] *= r_m;
  return out;
}

/** Spacing of the exact evaluations of `SunOnGrid` [s] (interpolation error: see there). */
export const SUN_NODE_SPACING_s = 600;

/**
 * Sun positions on a uniform time grid t_k = k·dt_s after `epochUtcMs` (the twin's steps): exact
 * (`sunPositionEci_m`) at nodes every N = max(1, floor(600 s / dt_s)) steps, linear in each Cartesian
 * component in between. Why: the Meeus series is ~0.3 µs, a fixed cost of every step (10 % of a step
 * of an 81-satellite fleet); this is a few multiplications, one exact evaluation per N steps.
 *
 * Error of the interpolation (against `sunPositionEci_m` at the same instant), for nodes Δ = 600 s
 * apart; the Sun's geocentric motion is ω ≈ 2.0e-7 rad/s, so Δ spans θ = ωΔ ≈ 1.2e-4 rad:
 * - distance: the chord sags inside the arc by at most r·θ²/8 ≈ 1.8e-9·r ≈ 270 m (1.8e-9 relative,
 *   3.6e-9 of solar flux), against the ephemeris' own 7,460 km;
 * - direction: ≤ Δ²/8 · |λ̈|, λ̈ from the eccentricity (2e·n² ≈ 1.3e-15 rad/s²) and the 6.44″ lunar
 *   term (1.9e-16 rad/s²): ≤ 7e-11 rad = 1.5e-5″, against the ephemeris' 29″. A leap second inside an
 *   interval (TT jumps 1 s against UTC) adds ≤ ω·1 s = 0.04″ over that one interval.
 * Measured over 2026–2031 at 60 s steps (every step): ≤ 3.0e-6″ and ≤ 278 m; across the 2016 leap
 * second 0.038″. sun.test.ts asserts < 0.001″ and < 1 km (5 years), < 0.1″ (the leap second).
 * The result depends only on the step index, so a run gives the same bits however it is driven.
 */
export class SunOnGrid {
  /** Steps between exact nodes. */
  readonly nodeEvery: number;
  private readonly epochUtcMs: number;
  private readonly dt_s: number;
  /** Node index held in a (b is node + 1); −1: none yet. */
  private node = -1;
  private readonly a: Vec3 = [0, 0, 0];
  private readonly b: Vec3 = [0, 0, 0];

  constructor(epochUtcMs: number, dt_s: number, nodeSpacing_s = SUN_NODE_SPACING_s) {
    this.epochUtcMs = epochUtcMs;
    this.dt_s = dt_s;
    this.nodeEvery = Math.max(1, Math.floor(nodeSpacing_s / dt_s));
  }

  /** Geocentric Sun [m] at step k (k·dt_s after the epoch), mean equator and equinox of date, into `out`. */
  at(k: number, out: Vec3): Vec3 {
    const n = this.nodeEvery;
    if (n === 1) return sunPositionEci_m(this.nodeUtcMs(k), out);
    const j = Math.floor(k / n);
    const a = this.a, b = this.b;
    if (j !== this.node) {
      if (this.node >= 0 && j === this.node + 1) { a[0] = b[0]; a[1] = b[1]; a[2] = b[2]; }
      else sunPositionEci_m(this.nodeUtcMs(j * n), a);
      sunPositionEci_m(this.nodeUtcMs((j + 1) * n), b);
      this.node = j;
    }
    const f = (k - j * n) / n;
    out[0] = a[0] + (b[0] - a[0]) * f;
    out[1] = a[1] + (b[1] - a[1]) * f;
    out[2] = a[2] + (b[2] - a[2]) * f;
    return out;
  }

  /** UTC of step k [ms], as the engine forms it (epoch + k·dt_s·1000). */
  private nodeUtcMs(k: number): number {
    return this.epochUtcMs + k * this.dt_s * 1000;
  }
}
