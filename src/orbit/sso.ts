/**
 * Sun-synchronous orbits: the inclination that makes the J2 node drift follow the mean Sun, and
 * the node that puts a plane at a given local time of the ascending node (LTAN).
 *
 * Inclination: first-order J2 node rate (j2.ts; Vallado 2013 §9.6) set equal to the Sun's mean
 * motion in right ascension, 2π per tropical year (OMEGA_SUN_MEAN_rad_s, 365.2421897 d):
 *   cos i = −(2/3)·Ω̇☉ / (n·J2·(R⊕/p)²),   n = √(μ/a³), p = a(1 − e²).
 * A solution exists only where |cos i| ≤ 1: up to a ≈ 12,350 km for circular orbits.
 *
 * LTAN: local *mean* solar time at the ascending node, the convention of mission specifications
 * (e.g. "dawn-dusk, LTAN 18:00"). The fictitious mean Sun runs uniformly along the equator, and by
 * the definition of UT1 its right ascension is α☉ = GMST − (UT1 − 12 h)·15°/h (Vallado 2013 §3.5:
 * mean solar time is the hour angle of the mean Sun + 12 h). Then Ω = α☉ + (LTAN − 12 h)·15°/h.
 * Because a sun-synchronous node drifts exactly as α☉ does, the LTAN stays fixed over the mission
 * (to the first-order J2 model); the *true* Sun wanders ± 4° around the mean Sun over a year (the
 * equation of time, up to 16.4 min), which is why eclipse seasons differ from the nominal LTAN.
 * GMST is of date (IAU 1982, core/time.ts), so Ω is in the mean equator and equinox of date, the
 * frame of our elements. UT1 ≈ UTC (≤ 0.9 s → ≤ 0.004° of node): see core/time.ts.
 */
import { InputError, quoteFound } from '../core/errors.js';
import { gmst_rad, jdUt1, MS_PER_DAY } from '../core/time.js';
import { J2_EARTH, MU_EARTH_m3_s2, OMEGA_SUN_MEAN_rad_s, R_EARTH_m, TWO_PI, wrapTwoPi } from '../core/units.js';
import { MeanElementSet } from './elements.js';

/** Sun-synchronous inclination [rad] for mean semi-major axis a [m] and eccentricity e. */
export function ssoInclination_rad(a_m: number, e = 0): number {
  if (!(a_m > R_EARTH_m) || !(e >= 0 && e < 1) || a_m * (1 - e) <= R_EARTH_m) {
    throw new InputError('no orbit with this semi-major axis and eccentricity', { field: 'a_m', expected: 'a(1 − e) above the Earth radius, 0 ≤ e < 1', found: quoteFound(`a=${a_m} m, e=${e}`) }, 'E_RANGE');
  }
  const n = Math.sqrt(MU_EARTH_m3_s2 / (a_m * a_m * a_m));
  const p = a_m * (1 - e * e);
  const c = -OMEGA_SUN_MEAN_rad_s / (1.5 * n * J2_EARTH * (R_EARTH_m / p) * (R_EARTH_m / p));
  if (c < -1) {
    throw new InputError('no sun-synchronous inclination at this altitude', { field: 'a_m', expected: 'a semi-major axis below ~12,350 km (circular)', found: `${(a_m / 1e3).toFixed(1)} km` }, 'E_RANGE');
  }
  return Math.acos(c);
}

/** Right ascension [rad, 0..2π) of the fictitious mean Sun at a UTC instant (UT1 ≈ UTC), of date. */
export function meanSunRightAscension_rad(utcMs: number): number {
  const dayFraction = (((utcMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY;
  return wrapTwoPi(gmst_rad(jdUt1(utcMs)) - (dayFraction - 0.5) * TWO_PI);
}

/** RAAN [rad, 0..2π) that puts the ascending node at local mean time ltan_h [h] at the epoch. */
export function raanForLtan(epochUtcMs: number, ltan_h: number): number {
  if (!Number.isFinite(ltan_h) || ltan_h < 0 || ltan_h > 24) {
    throw new InputError('local time of the ascending node out of range', { field: 'ltan_h', expected: 'hours in [0, 24]', found: quoteFound(ltan_h) }, 'E_ARGUMENT');
  }
  return wrapTwoPi(meanSunRightAscension_rad(epochUtcMs) + ((ltan_h - 12) / 24) * TWO_PI);
}

/** Local mean time [h, 0..24) of an ascending node with right ascension raan_rad at a UTC instant. */
export function ltanOfRaan_h(utcMs: number, raan_rad: number): number {
  return (wrapTwoPi(raan_rad - meanSunRightAscension_rad(utcMs) + Math.PI) / TWO_PI) * 24;
}

export interface SsoPlanesOptions {
  epochUtcMs: number;
  /** Altitude of the circular orbit above the equatorial radius [m]. */
  altitude_m: number;
  /** LTAN of each plane [h]; one plane per entry (18 = dawn-dusk, 10.5 = classic morning orbit). */
  ltans_h: readonly number[];
  /** Satellites per plane, evenly spaced in argument of latitude. */
  satellitesPerPlane: number;
  /** Argument of latitude of the first satellite of each plane at epoch [rad] (default 0). */
  argLat0_rad?: number;
  /** Cd·A/m [m²/kg] for drag decay (default 0: none). */
  ballistic_m2_kg?: number;
  /** Name prefix (default "SSO"): names are `${prefix}-${plane+1}-${slot+1}`. */
  namePrefix?: string;
  /** Append to this set instead of a new one (multi-shell designs); its epoch must match. */
  into?: MeanElementSet;
}

/** Circular sun-synchronous planes at the given LTANs (plane index = position in ltans_h). */
export function ssoPlanes(opts: SsoPlanesOptions): MeanElementSet {
  const { epochUtcMs, altitude_m, ltans_h, satellitesPerPlane: s } = opts;
  if (!(Number.isInteger(s) && s >= 1)) {
    throw new InputError('satellites per plane must be a positive integer', { field: 'satellitesPerPlane', expected: 'an integer ≥ 1', found: quoteFound(s) }, 'E_ARGUMENT');
  }
  if (ltans_h.length === 0) {
    throw new InputError('no plane given', { field: 'ltans_h', expected: 'at least one LTAN [h]', found: '[]' }, 'E_ARGUMENT');
  }
  const a = R_EARTH_m + altitude_m;
  const inc = ssoInclination_rad(a, 0);
  const set = opts.into ?? new MeanElementSet(epochUtcMs, ltans_h.length * s);
  if (set.epochUtcMs !== epochUtcMs) {
    throw new InputError('element set epoch differs', { field: 'into.epochUtcMs', expected: String(epochUtcMs), found: String(set.epochUtcMs) }, 'E_ARGUMENT');
  }
  const prefix = opts.namePrefix ?? 'SSO';
  const u0 = opts.argLat0_rad ?? 0;
  set.reserve(set.count + ltans_h.length * s);
  ltans_h.forEach((ltan, p) => {
    const raan = raanForLtan(epochUtcMs, ltan);
    for (let k = 0; k < s; k++) {
      set.append({
        a_m: a, e: 0, i_rad: inc, raan_rad: raan, argp_rad: 0, meanAnomaly_rad: wrapTwoPi(u0 + (k * TWO_PI) / s),
        plane: p, name: `${prefix}-${p + 1}-${k + 1}`, ballistic_m2_kg: opts.ballistic_m2_kg ?? 0,
      });
    }
  });
  return set;
}
