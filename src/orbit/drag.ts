/**
 * Optional drag decay for designed constellations: an exponential atmosphere and the secular
 * decay of a near-circular orbit's mean semi-major axis,
 *   da/dt = −ρ(h)·B·√(μ·a),   B = Cd·A/m [m²/kg],  h = a − R⊕
 * (drag deceleration ½ρv²B with v = √(μ/a), through the energy rate of a circular orbit; King-Hele
 * 1987 "Satellite Orbits in an Atmosphere"; Vallado 2013 §9.6 gives the same per-revolution form
 * Δa_rev = −2π·B·ρ·a²). Eccentricity decay and the atmosphere's rotation are not modelled: both
 * matter for eccentric orbits, not for the circular shells this tier is for.
 *
 * Atmosphere: Vallado 2013 Table 8-4 ("Exponential atmospheric model", after CIRA-72 and the US
 * Standard Atmosphere 1976): ρ = ρ₀·exp(−(h − h₀)/H) in bands of base altitude h₀. It is a mean
 * atmosphere; real density at 500 km swings by ~10× over a solar cycle, so lifetimes from it are
 * nominal figures, not predictions.
 *
 * Re-entry: a row whose perigee altitude a(1 − e) − R⊕ falls below `reentryAltitude_m` (default
 * 120 km, where the table's scale height is 9 km and an object has hours left) becomes
 * Status.Reentered with a zero state, and stays so.
 */
import { InputError, quoteFound } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { MU_EARTH_m3_s2, R_EARTH_m, wrapTwoPi } from '../core/units.js';
import { MeanElementSet } from './elements.js';
import { bindFleet, j2SecularRates, propagateJ2Rows } from './j2.js';

/** Vallado 2013 Table 8-4: base altitude [km], nominal density [kg/m³], scale height [km]. */
const TABLE_8_4: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1.225, 7.249], [25, 3.899e-2, 6.349], [30, 1.774e-2, 6.682], [40, 3.972e-3, 7.554],
  [50, 1.057e-3, 8.382], [60, 3.206e-4, 7.714], [70, 8.77e-5, 6.549], [80, 1.905e-5, 5.799],
  [90, 3.396e-6, 5.382], [100, 5.297e-7, 5.877], [110, 9.661e-8, 7.263], [120, 2.438e-8, 9.473],
  [130, 8.484e-9, 12.636], [140, 3.845e-9, 16.149], [150, 2.07e-9, 22.523], [180, 5.464e-10, 29.74],
  [200, 2.789e-10, 37.105], [250, 7.248e-11, 45.546], [300, 2.418e-11, 53.628], [350, 9.518e-12, 53.298],
  [400, 3.725e-12, 58.515], [450, 1.585e-12, 60.828], [500, 6.967e-13, 63.822], [600, 1.454e-13, 71.835],
  [700, 3.614e-14, 88.667], [800, 1.17e-14, 124.64], [900, 5.245e-15, 181.05], [1000, 3.019e-15, 268.0],
];

/** Density [kg/m³] at altitude h [m] above the equatorial radius (Vallado Table 8-4; h < 0 → sea level). */
export function exponentialDensity_kg_m3(altitude_m: number): number {
  const h_km = altitude_m / 1000;
  let k = TABLE_8_4.length - 1;
  while (k > 0 && h_km < TABLE_8_4[k]![0]) k--;
  const [h0, rho0, H] = TABLE_8_4[k]!;
  return rho0 * Math.exp(-(Math.max(h_km, 0) - h0) / H);
}

/** Scale height [m] of the Table 8-4 band containing altitude h [m]. */
export function scaleHeight_m(altitude_m: number): number {
  const h_km = altitude_m / 1000;
  let k = TABLE_8_4.length - 1;
  while (k > 0 && h_km < TABLE_8_4[k]![0]) k--;
  return TABLE_8_4[k]![2] * 1000;
}

export type DensityModel = (altitude_m: number) => number;

/** da/dt [m/s] of a near-circular orbit of mean semi-major axis a [m] (negative: decay). */
export function decayRate_m_s(a_m: number, ballistic_m2_kg: number, density: DensityModel = exponentialDensity_kg_m3): number {
  return -density(a_m - R_EARTH_m) * ballistic_m2_kg * Math.sqrt(MU_EARTH_m3_s2 * a_m);
}

/** Default re-entry threshold on perigee altitude [m]. */
export const REENTRY_PERIGEE_ALTITUDE_m = 120e3;

export interface DragStepperOptions {
  /** Perigee altitude [m] below which a row is Reentered (default 120 km). */
  reentryAltitude_m?: number;
  density?: DensityModel;
  /** Largest change of a [m] per integration sub-step (default 200 m; steps are split to honour it). */
  maxDeltaA_m?: number;
}

/**
 * Stepping J2 + drag propagator. It keeps a working copy of the elements *at the current time*
 * (`current`, epoch = el.epochUtcMs + t_s): each step integrates a with the midpoint rule, advances
 * Ω, ω and M with the J2 rates of the step's mid-point a (so the phase lost to decay accumulates,
 * which a closed-form n·t could not do), then writes positions from `current` as propagateJ2
 * does. Rows with B = 0 follow the pure J2 model exactly. The input set is not modified.
 */
export class DragDecayStepper {
  readonly current: MeanElementSet;
  readonly fleet: FleetState;
  /** Seconds since the input set's epoch. */
  t_s = 0;
  private readonly reentry_m: number;
  private readonly density: DensityModel;
  private readonly maxDa_m: number;

  constructor(el: MeanElementSet, fleet: FleetState, opts: DragStepperOptions = {}) {
    bindFleet(el, fleet);
    this.fleet = fleet;
    this.reentry_m = opts.reentryAltitude_m ?? REENTRY_PERIGEE_ALTITUDE_m;
    this.density = opts.density ?? exponentialDensity_kg_m3;
    this.maxDa_m = opts.maxDeltaA_m ?? 200;
    if (!(this.maxDa_m > 0)) throw new InputError('sub-step limit must be > 0', { field: 'maxDeltaA_m', expected: 'metres > 0', found: quoteFound(this.maxDa_m) }, 'E_ARGUMENT');
    const cur = new MeanElementSet(el.epochUtcMs, el.count);
    const n = el.count;
    for (const k of ['a_m', 'e', 'i_rad', 'raan_rad', 'argp_rad', 'meanAnomaly_rad', 'ballistic_m2_kg'] as const) cur[k].set(el[k].subarray(0, n));
    cur.id.set(el.id.subarray(0, n));
    cur.plane.set(el.plane.subarray(0, n));
    cur.names = el.names.slice(0, n);
    cur.count = n;
    this.current = cur;
    this.markReentries();
    propagateJ2Rows(cur, 0, fleet, 0, cur.count);
  }

  /** Advance all rows by dt_s ≥ 0 and write their state at the new time. */
  step(dt_s: number): void {
    if (!(dt_s >= 0 && Number.isFinite(dt_s))) throw new InputError('time step must be finite and ≥ 0', { field: 'dt_s', expected: 'seconds ≥ 0', found: quoteFound(dt_s) }, 'E_ARGUMENT');
    const c = this.current;
    const st = this.fleet.status;
    for (let r = 0; r < c.count; r++) {
      if (st[r] === Status.Reentered) continue;
      const B = c.ballistic_m2_kg[r]!, e = c.e[r]!, inc = c.i_rad[r]!;
      let a = c.a_m[r]!, left = dt_s;
      let dO = 0, dW = 0, dM = 0;
      while (left > 0) {
        // Sub-step so that a changes by at most maxDa_m (decay speeds up ~e-fold per scale height).
        const rate0 = B > 0 ? decayRate_m_s(a, B, this.density) : 0;
        const h = rate0 < 0 ? Math.min(left, this.maxDa_m / -rate0) : left;
        const aMid = a + 0.5 * h * rate0;
        if (B > 0) a += h * decayRate_m_s(aMid, B, this.density);
        const rt = j2SecularRates(aMid > 0 ? aMid : a, e, inc);
        dO += rt.raanDot_rad_s * h; dW += rt.argpDot_rad_s * h; dM += rt.meanAnomalyDot_rad_s * h;
        left -= h;
        if (a * (1 - e) - R_EARTH_m < this.reentry_m) break;
      }
      c.a_m[r] = a;
      c.raan_rad[r] = wrapTwoPi(c.raan_rad[r]! + dO);
      c.argp_rad[r] = wrapTwoPi(c.argp_rad[r]! + dW);
      c.meanAnomaly_rad[r] = wrapTwoPi(c.meanAnomaly_rad[r]! + dM);
    }
    this.t_s += dt_s;
    c.epochUtcMs += dt_s * 1000;
    this.markReentries();
    propagateJ2Rows(c, 0, this.fleet, 0, c.count);
  }

  private markReentries(): void {
    const c = this.current, f = this.fleet;
    for (let r = 0; r < c.count; r++) {
      if (f.status[r] === Status.Reentered) continue;
      if (c.a_m[r]! * (1 - c.e[r]!) - R_EARTH_m < this.reentry_m) {
        f.status[r] = Status.Reentered;
        f.x_m[r] = 0; f.y_m[r] = 0; f.z_m[r] = 0; f.vx_m_s[r] = 0; f.vy_m_s[r] = 0; f.vz_m_s[r] = 0;
      }
    }
  }
}
