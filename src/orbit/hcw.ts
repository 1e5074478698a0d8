/**
 * Linearised relative motion of a satellite near a circular reference orbit, and the J2
 * corrections a formation needs: the analytic side of formation clusters (cluster.ts).
 *
 * Frame (LVLH / RSW of the reference, a rotating frame): x radial (outward), y along-track
 * (direction of motion), z cross-track (orbit normal, r × v). A relative state is six numbers
 * [x, y, z, ẋ, ẏ, ż] in m and m/s, rates taken in the rotating frame.
 *
 * Hill–Clohessy–Wiltshire (Clohessy & Wiltshire 1960, J. Aerospace Sci. 27(9):653; Vallado 2013
 * §6.8, eqs. 6-66 and 6-67): for mean motion n,
 *   ẍ − 2nẏ − 3n²x = 0,   ÿ + 2nẋ = 0,   z̈ + n²z = 0.
 * The along-track drift rate of a solution is −(6n·x₀ + 3ẏ₀); it is bounded ("closed", a passive
 * relative orbit) iff ẏ₀ = −2n·x₀. The bounded in-plane orbits are 2:1 ellipses centred on the
 * along-track axis: x = −ρ·cos θ, y = y_c + 2ρ·sin θ, θ = θ₀ + n·t (`closedEllipseState`). They
 * are the linearisation of a small eccentricity: x = −a·δe·cos M, y = 2a·δe·sin M.
 *
 * J2 (Earth oblateness) does three things to such an ellipse, and this file gives each its tool:
 * 1. Schweighart & Sedwick (2002, "High-fidelity linearized J2 model for satellite formation
 *    flight", JGCD 25(6):1073–1080) average J2 over the orbit and obtain, with
 *    s = (3·J2·R⊕²/(8·r²))·(1 + 3·cos 2i) and c = √(1 + s),
 *      ẍ − 2(nc)ẏ − (5c² − 2)n²x = 0,   ÿ + 2(nc)ẋ = 0.
 *    Solving these as above: bounded iff ẏ₀ = −2nc·x₀; the in-plane frequency is n·√(1 − s); the
 *    along-track : radial axis ratio is 2·√((1 + s)/(1 − s)) (`schweighartSedwickAxisRatio`).
 *    At 650 km SSO (i = 97.99°) s = −6.30e-4, i.e. 2 : 1.00063.
 * 2. Project Suncatcher (Google, arXiv 2511.19468) quotes 2 : 1.0037 for its cluster
 *    (`SUNCATCHER_AXIS_RATIO`); we could not derive that number from a published model and keep
 *    it as a quoted constant. Tests show (hcw.test.ts) that no single axis ratio removes the
 *    drift of an osculating Cartesian initial state under full J2: the drift depends on where in
 *    the orbit the member starts (the short-period terms of J2), by tens of m per orbit per km.
 * 3. What does remove it: give every member the same *mean* semi-major axis as the reference.
 *    `meanSemiMajorAxis_m` takes the osculating a of a state and subtracts Brouwer's first-order
 *    short-period term (Brouwer 1959, AJ 64:378; Schaub & Junkins 2018, *Analytical Mechanics of
 *    Space Systems*, 4th ed., App. F); `matchMeanSemiMajorAxis` adjusts a member's along-track
 *    velocity until its mean a equals the reference's. Measured under full-J2 RK4 at 650 km SSO:
 *    0.14 m per orbit per km at worst, against 57 m for the plain HCW 2:1 state, 57 m with the SS
 *    ratio and 158 m with Suncatcher's 2 : 1.0037 (worst over 8 reference × 4 member phases).
 *    Designed clusters (cluster.ts) are built directly in mean elements with equal mean a, which is
 *    the same condition, so the mean-element J2 propagator (j2.ts) flies them without drift.
 */
import { J2_EARTH, MU_EARTH_m3_s2, R_EARTH_m } from '../core/units.js';

/** A relative or absolute 6-state [x, y, z, vx, vy, vz] in m and m/s. */
export type State6 = Float64Array | number[];

/**
 * Along-track : radial axis ratio that Project Suncatcher quotes for its J2-corrected cluster
 * ellipses, "2 : 1.0037" (arXiv 2511.19468), as one number along/radial = 2/1.0037 ≈ 1.99263.
 */
export const SUNCATCHER_AXIS_RATIO = 2 / 1.0037;

/** Keplerian mean motion n = √(μ/a³) [rad/s]. */
export function meanMotion_rad_s(a_m: number): number {
  return Math.sqrt(MU_EARTH_m3_s2 / (a_m * a_m * a_m));
}

/**
 * Closed-form HCW propagation (Vallado 2013 eq. 6-67) of relative state s0 by t_s seconds at
 * mean motion n_rad_s; written to out (which may be s0). Any initial state, drifting or not.
 */
export function hcwPropagate(s0: State6, n_rad_s: number, t_s: number, out: State6): State6 {
  const x0 = s0[0]!, y0 = s0[1]!, z0 = s0[2]!, vx0 = s0[3]!, vy0 = s0[4]!, vz0 = s0[5]!;
  const n = n_rad_s, nt = n * t_s;
  const c = Math.cos(nt), s = Math.sin(nt);
  out[0] = (4 - 3 * c) * x0 + (s / n) * vx0 + (2 / n) * (1 - c) * vy0;
  out[1] = 6 * (s - nt) * x0 + y0 - (2 / n) * (1 - c) * vx0 + ((4 * s - 3 * nt) / n) * vy0;
  out[2] = c * z0 + (s / n) * vz0;
  out[3] = 3 * n * s * x0 + c * vx0 + 2 * s * vy0;
  out[4] = -6 * n * (1 - c) * x0 - 2 * s * vx0 + (4 * c - 3) * vy0;
  out[5] = -n * s * z0 + c * vz0;
  return out;
}

/** Secular along-track drift rate [m/s] of an HCW state: −(6n·x₀ + 3ẏ₀); zero on a closed ellipse. */
export function hcwDriftRate_m_s(s0: State6, n_rad_s: number): number {
  return -(6 * n_rad_s * s0[0]! + 3 * s0[4]!);
}

/**
 * State on a closed in-plane relative ellipse at phase θ [rad]: x = −ρ·cos θ,
 * y = y_c + k·ρ·sin θ, with k = axisRatio (along-track : radial, 2 for HCW) and θ̇ = n_rad_s.
 * With k = 2 and n the HCW mean motion this is an exact bounded HCW solution.
 */
export function closedEllipseState(
  rho_m: number, theta_rad: number, n_rad_s: number, out: State6, axisRatio = 2, yCentre_m = 0,
): State6 {
  const c = Math.cos(theta_rad), s = Math.sin(theta_rad);
  out[0] = -rho_m * c;
  out[1] = yCentre_m + axisRatio * rho_m * s;
  out[2] = 0;
  out[3] = n_rad_s * rho_m * s;
  out[4] = axisRatio * n_rad_s * rho_m * c;
  out[5] = 0;
  return out;
}

/** Schweighart–Sedwick J2 parameter s = (3·J2·R⊕²/(8·r²))·(1 + 3·cos 2i) [-] (Schweighart & Sedwick 2002). */
export function schweighartSedwickS(r_m: number, i_rad: number): number {
  return ((3 * J2_EARTH * R_EARTH_m * R_EARTH_m) / (8 * r_m * r_m)) * (1 + 3 * Math.cos(2 * i_rad));
}

/** Along-track : radial axis ratio 2·√((1 + s)/(1 − s)) of a bounded Schweighart–Sedwick ellipse. */
export function schweighartSedwickAxisRatio(r_m: number, i_rad: number): number {
  const s = schweighartSedwickS(r_m, i_rad);
  return 2 * Math.sqrt((1 + s) / (1 - s));
}

/** In-plane relative frequency n·√(1 − s) [rad/s] of the Schweighart–Sedwick equations. */
export function schweighartSedwickFrequency_rad_s(r_m: number, i_rad: number): number {
  return meanMotion_rad_s(r_m) * Math.sqrt(1 - schweighartSedwickS(r_m, i_rad));
}

/**
 * Unit vectors of the LVLH frame of an inertial state (R̂ = r/|r|, Ĥ = r×v/|r×v|, T̂ = Ĥ×R̂) and
 * its angular rate ω = |r×v|/r² about Ĥ, written to out: [R̂(3), T̂(3), Ĥ(3), ω].
 */
export function lvlhBasis(ref: State6, out: Float64Array): Float64Array {
  const rx = ref[0]!, ry = ref[1]!, rz = ref[2]!, vx = ref[3]!, vy = ref[4]!, vz = ref[5]!;
  const r = Math.hypot(rx, ry, rz);
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const h = Math.hypot(hx, hy, hz);
  const Rx = rx / r, Ry = ry / r, Rz = rz / r;
  const Hx = hx / h, Hy = hy / h, Hz = hz / h;
  out[0] = Rx; out[1] = Ry; out[2] = Rz;
  out[3] = Hy * Rz - Hz * Ry; out[4] = Hz * Rx - Hx * Rz; out[5] = Hx * Ry - Hy * Rx;
  out[6] = Hx; out[7] = Hy; out[8] = Hz;
  out[9] = h / (r * r);
  return out;
}

const basisScratch = new Float64Array(10);

/**
 * Inertial state of a member from the reference's inertial state and the member's LVLH relative
 * state (rates in the rotating frame): r = r_ref + ρ, v = v_ref + ρ̇ + ω×ρ. Written to out.
 */
export function lvlhToInertial(ref: State6, rel: State6, out: State6): State6 {
  const b = lvlhBasis(ref, basisScratch);
  const w = b[9]!;
  const x = rel[0]!, y = rel[1]!, z = rel[2]!;
  // ω×ρ in LVLH components with ω = w·Ĥ: (−w·y, w·x, 0).
  const vx = rel[3]! - w * y, vy = rel[4]! + w * x, vz = rel[5]!;
  for (let k = 0; k < 3; k++) {
    out[k] = ref[k]! + x * b[k]! + y * b[3 + k]! + z * b[6 + k]!;
    out[3 + k] = ref[3 + k]! + vx * b[k]! + vy * b[3 + k]! + vz * b[6 + k]!;
  }
  return out;
}

/** Inverse of `lvlhToInertial`: the LVLH relative state of `member` seen from `ref`. */
export function inertialToLvlh(ref: State6, member: State6, out: State6): State6 {
  const b = lvlhBasis(ref, basisScratch);
  const w = b[9]!;
  const dx = member[0]! - ref[0]!, dy = member[1]! - ref[1]!, dz = member[2]! - ref[2]!;
  const dvx = member[3]! - ref[3]!, dvy = member[4]! - ref[4]!, dvz = member[5]! - ref[5]!;
  const x = dx * b[0]! + dy * b[1]! + dz * b[2]!;
  const y = dx * b[3]! + dy * b[4]! + dz * b[5]!;
  const z = dx * b[6]! + dy * b[7]! + dz * b[8]!;
  out[0] = x; out[1] = y; out[2] = z;
  out[3] = dvx * b[0]! + dvy * b[1]! + dvz * b[2]! + w * y;
  out[4] = dvx * b[3]! + dvy * b[4]! + dvz * b[5]! - w * x;
  out[5] = dvx * b[6]! + dvy * b[7]! + dvz * b[8]!;
  return out;
}

/**
 * Brouwer mean semi-major axis [m] of an osculating inertial state: a_osc from vis-viva minus the
 * first-order J2 short-period term (Brouwer 1959; Schaub & Junkins App. F), with γ₂ = (J2/2)(R⊕/a)²,
 * η = √(1 − e²), u = ω + f the argument of latitude:
 *   a_osc − a_mean = a·γ₂·[(3cos²i − 1)·((a/r)³ − η⁻³) + 3·sin²i·(a/r)³·cos 2u].
 * Evaluated with osculating elements on the right. Left over: O(J2²) terms, a 26 m swing over
 * one orbit at 650 km against the osculating a's 19 km (hcw.test.ts); nearby satellites share it,
 * so differences of mean a (what drift depends on) are good to millimetres.
 * Inertial frame with z along Earth's axis. Singular only for rectilinear or equatorial-and-
 * circular-at-once cases (the node is then taken along x).
 */
export function meanSemiMajorAxis_m(s: State6): number {
  const x = s[0]!, y = s[1]!, z = s[2]!, vx = s[3]!, vy = s[4]!, vz = s[5]!;
  const r = Math.hypot(x, y, z);
  const v2 = vx * vx + vy * vy + vz * vz;
  const a = 1 / (2 / r - v2 / MU_EARTH_m3_s2);
  const hx = y * vz - z * vy, hy = z * vx - x * vz, hz = x * vy - y * vx;
  const h = Math.hypot(hx, hy, hz);
  const ci = hz / h, si2 = 1 - ci * ci;
  const eta2 = Math.min(1, (h * h) / (MU_EARTH_m3_s2 * a));
  // Argument of latitude from the node vector N = ẑ × h = (−hy, hx, 0): cos u = N·r/(|N|r), sin u = (ĥ × N̂)·r̂.
  const nx = -hy, ny = hx, nn = Math.hypot(nx, ny);
  let cu = 1, su = 0;
  if (nn > 1e-12 * h) {
    cu = (nx * x + ny * y) / (nn * r);
    // ĥ × N̂ = (−hz·ny, hz·nx, hx·ny − hy·nx)/(h·nn)
    su = (-hz * ny * x + hz * nx * y + (hx * ny - hy * nx) * z) / (h * nn * r);
  } else {
    cu = x / r; su = y / r;
  }
  const cos2u = cu * cu - su * su;
  const ar = a / r, ar3 = ar * ar * ar;
  const gamma2 = 0.5 * J2_EARTH * (R_EARTH_m / a) * (R_EARTH_m / a);
  const eta3 = eta2 * Math.sqrt(eta2);
  const da = a * gamma2 * ((3 * ci * ci - 1) * (ar3 - 1 / eta3) + 3 * si2 * ar3 * cos2u);
  return a - da;
}

/**
 * Give `member` (inertial state, modified in place) the reference's Brouwer mean semi-major axis
 * by a velocity change along the reference's along-track direction T̂ (Newton on da/dv ≈ 2/n,
 * 4 iterations, converges to < 1 mm). Returns the along-track velocity change [m/s] applied.
 * This is the J2 correction of an osculating Cartesian initial state: a member whose mean a equals
 * the reference's has no first-order secular along-track drift under J2.
 */
export function matchMeanSemiMajorAxis(ref: State6, member: State6): number {
  const target = meanSemiMajorAxis_m(ref);
  const b = lvlhBasis(ref, basisScratch);
  const tx = b[3]!, ty = b[4]!, tz = b[5]!;
  const n = meanMotion_rad_s(target);
  let total = 0;
  for (let k = 0; k < 4; k++) {
    const err = meanSemiMajorAxis_m(member) - target;
    const dv = (-err * n) / 2;
    member[3] = member[3]! + dv * tx; member[4] = member[4]! + dv * ty; member[5] = member[5]! + dv * tz;
    total += dv;
  }
  return total;
}

/**
 * Along-track velocity change [m/s] that cancels a secular along-track drift of D m per orbit
 * at mean motion n: the drift is −3π·δa per orbit (HCW, −(3/2)n·δa for 2π/n), and a tangential
 * Δv changes a by 2Δv/n, so Δv = n·|D|/(6π). A one-off correction when the drift comes from an
 * initial mean-a error; multiplied by the orbits in a year it is the budget of re-nulling it every
 * orbit (the upper-bound reading of a "drift per year" figure).
 */
export function driftCancelDeltaV_m_s(drift_m_per_orbit: number, n_rad_s: number): number {
  return (n_rad_s * Math.abs(drift_m_per_orbit)) / (6 * Math.PI);
}
