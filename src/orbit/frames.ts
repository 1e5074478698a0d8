/**
 * Inertial → Earth-fixed rotations, batched over fleet columns into caller-owned output arrays.
 *
 * - TEME → ECEF: TEME's x axis is the "uniform equinox", so one rotation by GMST (IAU 1982, the
 *   expression SGP4 itself uses: src/core/time.ts `gmst_rad`, here `gmstAt_rad`) gives the pseudo-Earth-fixed frame
 *   PEF, exactly as satellite.js `eciToEcf` and Vallado's `teme2ecef` do. Velocity subtracts
 *   ω⊕ × r with ω⊕ = 7.29211514670698e-5 rad/s (Vallado 2013 §3.7, length of day taken nominal).
 * - ECI of date (mean equator and equinox of date, what the analytic propagator produces) → ECEF:
 *   nutation from mean to true of date (Meeus, Astronomical Algorithms ch. 22, the four largest
 *   IAU 1980 terms: 0.5″ in Δψ, 0.1″ in Δε, i.e. < 20 m at 7,000 km), then apparent sidereal
 *   time GAST = GMST + Δψ·cos ε.
 * Both ignore polar motion (≤ 0.5″ ≈ 15 m on the ground, no IERS data loaded) and take
 * UT1 = UTC (|UT1 − UTC| < 0.9 s ≈ 0.4 km at LEO radius; see src/core/time.ts): SGP4's own error
 * is kilometres per day, and the same approximations are made by satellite.js.
 */
import { OrbitdcError } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { centuriesTtSinceJ2000, MS_PER_DAY } from '../core/time.js';
import { ARCSEC_TO_RAD, DEG_TO_RAD, TWO_PI } from '../core/units.js';

/** J2000.0 as a UTC instant (JD 2451545.0 on the UT1 ≈ UTC scale GMST is evaluated on). */
const J2000_UTC_MS = Date.UTC(2000, 0, 1, 12);

/**
 * GMST [rad], IAU 1982 (Vallado 2013 eq. 3-47), the expression of src/core/time.ts `gmst_rad` and
 * satellite.js `gstime`, evaluated from days since J2000 instead of a Julian date: a JD near
 * 2.46e6 is spaced 40 µs in float64, which jitters the angle by up to 3e-9 rad (1 cm at LEO
 * radius, 2 cm/s in finite differences). The 876,600 h·t term is exactly 86,400 s per day, so
 * it enters as the fraction of the current day only.
 */
export function gmstAt_rad(utcMs: number): number {
  const d = (utcMs - J2000_UTC_MS) / MS_PER_DAY;
  const t = d / 36_525;
  const g_s = 67_310.54841 + 86_400 * (d - Math.floor(d)) + 8_640_184.812866 * t + 0.093104 * t * t - 6.2e-6 * t * t * t;
  const g = ((g_s % 86_400) * TWO_PI) / 86_400;
  return g < 0 ? g + TWO_PI : g;
}

/** Earth rotation rate [rad/s] used with GMST (Vallado 2013, teme2ecef; LOD = 0). */
export const OMEGA_EARTH_VALLADO_rad_s = 7.29211514670698e-5;

/** Output columns of an Earth-fixed state (velocity optional: left out, it is not computed). */
export interface EcefColumns {
  x_m: Float64Array;
  y_m: Float64Array;
  z_m: Float64Array;
  vx_m_s?: Float64Array;
  vy_m_s?: Float64Array;
  vz_m_s?: Float64Array;
}

/** Nutation in longitude and obliquity and the mean obliquity [rad] (Meeus ch. 22, truncated). */
export interface Nutation { dpsi_rad: number; deps_rad: number; meanObliquity_rad: number }

/** Nutation at a UTC instant (evaluated in TT centuries since J2000). */
export function nutation(utcMs: number): Nutation {
  const T = centuriesTtSinceJ2000(utcMs);
  return nutationAtT(T);
}

/** As `nutation`, from Julian centuries of TT since J2000. */
export function nutationAtT(T: number): Nutation {
  const L = (280.4665 + 36_000.7698 * T) * DEG_TO_RAD; // Sun mean longitude
  const Lm = (218.3165 + 481_267.8813 * T) * DEG_TO_RAD; // Moon mean longitude
  const om = (125.04452 - 1_934.136261 * T) * DEG_TO_RAD; // Moon ascending node
  const dpsi = -17.2 * Math.sin(om) - 1.32 * Math.sin(2 * L) - 0.23 * Math.sin(2 * Lm) + 0.21 * Math.sin(2 * om);
  const deps = 9.2 * Math.cos(om) + 0.57 * Math.cos(2 * L) + 0.1 * Math.cos(2 * Lm) - 0.09 * Math.cos(2 * om);
  // Mean obliquity, IAU 1980 (Meeus eq. 22.2) [arcsec].
  const eps0 = 84_381.448 - 46.815 * T - 0.00059 * T * T + 0.001813 * T * T * T;
  return { dpsi_rad: dpsi * ARCSEC_TO_RAD, deps_rad: deps * ARCSEC_TO_RAD, meanObliquity_rad: eps0 * ARCSEC_TO_RAD };
}

/** Greenwich apparent sidereal time [rad]: GMST + equation of the equinoxes Δψ·cos ε. */
export function gast_rad(utcMs: number): number {
  const n = nutation(utcMs);
  return gmstAt_rad(utcMs) + n.dpsi_rad * Math.cos(n.meanObliquity_rad + n.deps_rad);
}

type Mat3 = [number, number, number, number, number, number, number, number, number];

/** Rotate rows [from, to) by row-major M into out, with ω⊕ × r removed from velocities. */
function rotateColumns(fleet: FleetState, M: Mat3, out: EcefColumns, from: number, to: number): void {
  if (!(from >= 0 && to <= fleet.count && from <= to)) {
    throw new OrbitdcError('E_INTERNAL', `rows ${from}..${to - 1} outside the fleet (count ${fleet.count})`);
  }
  if (out.x_m.length < to || out.y_m.length < to || out.z_m.length < to) {
    throw new OrbitdcError('E_INTERNAL', `ECEF output arrays shorter than ${to} rows`);
  }
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = M;
  const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s } = fleet;
  const ox = out.x_m, oy = out.y_m, oz = out.z_m;
  for (let i = from; i < to; i++) {
    const x = x_m[i]!, y = y_m[i]!, z = z_m[i]!;
    ox[i] = m0 * x + m1 * y + m2 * z;
    oy[i] = m3 * x + m4 * y + m5 * z;
    oz[i] = m6 * x + m7 * y + m8 * z;
  }
  const ovx = out.vx_m_s, ovy = out.vy_m_s, ovz = out.vz_m_s;
  if (!ovx || !ovy || !ovz) return;
  const w = OMEGA_EARTH_VALLADO_rad_s;
  for (let i = from; i < to; i++) {
    const vx = vx_m_s[i]!, vy = vy_m_s[i]!, vz = vz_m_s[i]!;
    // v_ecef = M·v − ω × r_ecef, ω along +z.
    ovx[i] = m0 * vx + m1 * vy + m2 * vz + w * oy[i]!;
    ovy[i] = m3 * vx + m4 * vy + m5 * vz - w * ox[i]!;
    ovz[i] = m6 * vx + m7 * vy + m8 * vz;
  }
}

/** R3(θ): rotation of the axes by θ about z (row-major). */
function r3(theta: number): Mat3 {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [c, s, 0, -s, c, 0, 0, 0, 1];
}

function mul(a: Mat3, b: Mat3): Mat3 {
  const o = new Array<number>(9) as Mat3;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) o[3 * r + c] = a[3 * r]! * b[c]! + a[3 * r + 1]! * b[3 + c]! + a[3 * r + 2]! * b[6 + c]!;
  }
  return o;
}

function r1(theta: number): Mat3 {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [1, 0, 0, 0, c, s, 0, -s, c];
}

/** Rotation matrix TEME → ECEF (PEF) at a UTC instant, row-major. */
export function temeToEcefMatrix(utcMs: number): Mat3 {
  return r3(gmstAt_rad(utcMs));
}

/** Rotation matrix mean-of-date → ECEF (PEF): R3(GAST)·N, N = R1(−ε−Δε)·R3(−Δψ)·R1(ε). */
export function eciOfDateToEcefMatrix(utcMs: number): Mat3 {
  const n = nutation(utcMs);
  const eps = n.meanObliquity_rad;
  const N = mul(r1(-(eps + n.deps_rad)), mul(r3(-n.dpsi_rad), r1(eps)));
  const gast = gmstAt_rad(utcMs) + n.dpsi_rad * Math.cos(eps + n.deps_rad);
  return mul(r3(gast), N);
}

/** TEME fleet rows [from, to) → ECEF (pseudo-Earth-fixed) into `out`, at `utcMs`. */
export function temeToEcef(fleet: FleetState, utcMs: number, out: EcefColumns, from = 0, to = fleet.count): void {
  if (fleet.frame !== 'TEME') throw new OrbitdcError('E_INTERNAL', `temeToEcef needs a TEME fleet state, got ${fleet.frame}`);
  rotateColumns(fleet, temeToEcefMatrix(utcMs), out, from, to);
}

/** ECI-of-date fleet rows [from, to) → ECEF into `out`, at `utcMs`. */
export function eciOfDateToEcef(fleet: FleetState, utcMs: number, out: EcefColumns, from = 0, to = fleet.count): void {
  if (fleet.frame !== 'ECI_OF_DATE') throw new OrbitdcError('E_INTERNAL', `eciOfDateToEcef needs an ECI_OF_DATE fleet state, got ${fleet.frame}`);
  rotateColumns(fleet, eciOfDateToEcefMatrix(utcMs), out, from, to);
}

/** Whichever of the two the fleet's frame calls for. */
export function inertialToEcef(fleet: FleetState, utcMs: number, out: EcefColumns, from = 0, to = fleet.count): void {
  const M = fleet.frame === 'TEME' ? temeToEcefMatrix(utcMs) : eciOfDateToEcefMatrix(utcMs);
  rotateColumns(fleet, M, out, from, to);
}

/** Allocate ECEF output columns for n rows (with velocity unless `positionsOnly`). */
export function makeEcefColumns(n: number, positionsOnly = false): EcefColumns {
  const c: EcefColumns = { x_m: new Float64Array(n), y_m: new Float64Array(n), z_m: new Float64Array(n) };
  if (!positionsOnly) { c.vx_m_s = new Float64Array(n); c.vy_m_s = new Float64Array(n); c.vz_m_s = new Float64Array(n); }
  return c;
}
