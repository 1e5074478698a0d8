/**
 * Time scales and epochs.
 *
 * Inside orbitdc a time is seconds since the scenario epoch (float64); an epoch is UTC
 * milliseconds since 1970-01-01T00:00:00Z (`utcMs`, the JavaScript Date convention, leap seconds
 * not counted). ISO-8601 UTC strings appear only at the edges.
 *
 * Accuracy of the scales (what the models need, and what we give):
 * - UTC ↔ Julian date: exact in float64 to ~40 µs at today's JD (2.5e6 d × 2^-52).
 * - TT = UTC + ΔAT + 32.184 s with the IERS leap-second table below (exact while the table is
 *   current; ΔAT = 37 s since 2017-01-01, no leap second announced through Bulletin C 70).
 *   The Sun ephemeris is evaluated in TT; a 1 s error there would be 0.04″ of solar longitude.
 * - UT1 ≈ UTC: |UT1 − UTC| < 0.9 s by definition of UTC. We do not load IERS Bulletin A, so
 *   Earth rotation angle (GMST) carries up to 0.9 s × 15.04″/s ≈ 13.5″ of error, i.e. ≤ 0.46 km
 *   of ECEF position at LEO radius. SGP4 itself (and satellite.js, and Vallado's TEME→ECEF
 *   examples) make the same approximation, and SGP4's own error is kilometres per day.
 */
import { InputError, quoteFound } from './errors.js';
import { S_PER_DAY, TWO_PI } from './units.js';

/** Julian date of the Unix epoch 1970-01-01T00:00:00 UTC. */
export const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0 (2000-01-01T12:00:00 TT). */
export const JD_J2000 = 2_451_545.0;
export const MS_PER_DAY = S_PER_DAY * 1000;

/** TAI − UTC [s] from each date on (IERS Bulletin C); UTC ms of the step, value. */
const LEAP_SECONDS: ReadonlyArray<readonly [number, number]> = [
  [Date.UTC(1972, 0, 1), 10], [Date.UTC(1972, 6, 1), 11], [Date.UTC(1973, 0, 1), 12],
  [Date.UTC(1974, 0, 1), 13], [Date.UTC(1975, 0, 1), 14], [Date.UTC(1976, 0, 1), 15],
  [Date.UTC(1977, 0, 1), 16], [Date.UTC(1978, 0, 1), 17], [Date.UTC(1979, 0, 1), 18],
  [Date.UTC(1980, 0, 1), 19], [Date.UTC(1981, 6, 1), 20], [Date.UTC(1982, 6, 1), 21],
  [Date.UTC(1983, 6, 1), 22], [Date.UTC(1985, 6, 1), 23], [Date.UTC(1988, 0, 1), 24],
  [Date.UTC(1990, 0, 1), 25], [Date.UTC(1991, 0, 1), 26], [Date.UTC(1992, 6, 1), 27],
  [Date.UTC(1993, 6, 1), 28], [Date.UTC(1994, 6, 1), 29], [Date.UTC(1996, 0, 1), 30],
  [Date.UTC(1997, 6, 1), 31], [Date.UTC(1999, 0, 1), 32], [Date.UTC(2006, 0, 1), 33],
  [Date.UTC(2009, 0, 1), 34], [Date.UTC(2012, 6, 1), 35], [Date.UTC(2015, 6, 1), 36],
  [Date.UTC(2017, 0, 1), 37],
];

/** TAI − UTC [s] at a UTC instant (10 s before 1972, where UTC was not yet in whole seconds). */
export function taiMinusUtc_s(utcMs: number): number {
  let v = 10;
  for (const [from, dat] of LEAP_SECONDS) {
    if (utcMs >= from) v = dat;
    else break;
  }
  return v;
}

/** TT − UTC [s]: ΔAT + 32.184 s. */
export function ttMinusUtc_s(utcMs: number): number {
  return taiMinusUtc_s(utcMs) + 32.184;
}

/** Julian date (UTC scale) of a UTC instant. */
export function jdUtc(utcMs: number): number {
  return utcMs / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Julian date on the TT scale. */
export function jdTt(utcMs: number): number {
  return (utcMs + ttMinusUtc_s(utcMs) * 1000) / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Julian date on the UT1 scale, with UT1 ≈ UTC (see the accuracy note at the top). */
export function jdUt1(utcMs: number): number {
  return jdUtc(utcMs);
}

/** UTC ms from a Julian date on the UTC scale. */
export function utcMsFromJd(jd: number): number {
  return (jd - JD_UNIX_EPOCH) * MS_PER_DAY;
}

/** Julian centuries of TT since J2000. */
export function centuriesTtSinceJ2000(utcMs: number): number {
  return (jdTt(utcMs) - JD_J2000) / 36_525;
}

/**
 * Greenwich mean sidereal time [rad] from a UT1 Julian date: IAU 1982 (Vallado 2013 eq. 3-47),
 * the same expression SGP4's TEME→ECEF uses (satellite.js `gstime`), so TEME rotates to
 * pseudo-Earth-fixed consistently with the catalog's own theory.
 */
export function gmst_rad(jdUt1Value: number): number {
  const t = (jdUt1Value - JD_J2000) / 36_525;
  let g_s = -6.2e-6 * t * t * t + 0.093104 * t * t + (876_600.0 * 3600 + 8_640_184.812866) * t + 67_310.54841;
  // Scaled exactly as Vallado's code (s → deg via /240, → rad) so results match satellite.js bit for bit.
  g_s = ((g_s * (Math.PI / 180)) / 240.0) % TWO_PI;
  return g_s < 0 ? g_s + TWO_PI : g_s;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]00:?00)?$/;

/**
 * Parse an ISO-8601 UTC instant (`2026-03-20T00:00:00Z`, `2026-03-20T00:00Z`, `2026-03-20`).
 * A time without a zone is read as UTC; a zone other than UTC is refused rather than guessed.
 */
export function parseIsoUtc(text: string, field = 'time'): number {
  const m = ISO_RE.exec(text.trim());
  if (!m) {
    throw new InputError('not an ISO-8601 UTC time', {
      field,
      expected: 'YYYY-MM-DDTHH:MM[:SS[.fff]]Z',
      found: quoteFound(text),
    });
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + (frac ? Number(frac) * 1000 : 0);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60) {
    throw new InputError('no such calendar date or time', { field, expected: 'a valid UTC date and time', found: quoteFound(text) });
  }
  return ms;
}

/** Format a UTC instant as ISO-8601 with milliseconds only when they are not zero. */
export function formatIsoUtc(utcMs: number): string {
  const s = new Date(Math.round(utcMs)).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** Day of year (1-based) of a UTC instant plus the fraction of that day, as TLE epochs use. */
export function dayOfYear(utcMs: number): { year: number; dayOfYear: number } {
  const d = new Date(utcMs);
  const year = d.getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return { year, dayOfYear: (utcMs - start) / MS_PER_DAY + 1 };
}
