/**
 * Walker constellations (Walker 1984, "Satellite constellations", J. Br. Interplanet. Soc. 37;
 * notation i: T/P/F): T satellites in P equally populated circular planes of S = T/P, all at one
 * altitude and inclination. Plane p (0..P−1) has node Ω_p = Ω₀ + p·ΔΩ and satellite s (0..S−1)
 * of it the argument of latitude
 *   u_{p,s} = u₀ + s·2π/S + p·2πF/T,
 * with the phasing factor F ∈ {0..P−1} the number of in-plane slots (2π/S each) by which the
 * pattern advances over one full turn of planes.
 * - delta (Walker's "delta pattern", e.g. Starlink, Galileo): ΔΩ = 2π/P, nodes over 360°.
 * - star ("polar"/"star" pattern, e.g. Iridium, OneWeb): ΔΩ = π/P, nodes over 180°, so
 *   ascending halves of the planes cover one hemisphere of nodes and descending halves the other.
 * Elements are J2 mean elements with e = 0, ω = 0 and M = u (j2.ts propagates them; the fast
 * stepper's circular path applies to every row).
 */
import { InputError, quoteFound } from '../core/errors.js';
import { R_EARTH_m, TWO_PI, wrapTwoPi } from '../core/units.js';
import { MeanElementSet } from './elements.js';

export type WalkerPattern = 'delta' | 'star';

export interface WalkerOptions {
  epochUtcMs: number;
  /** T: total number of satellites. */
  total: number;
  /** P: number of planes (divides T). */
  planes: number;
  /** F: phasing factor, integer in [0, P − 1]. */
  phasing: number;
  /** Altitude of the circular orbits above the equatorial radius [m]. */
  altitude_m: number;
  inclination_rad: number;
  /** Node of plane 0 [rad] (default 0). */
  raan0_rad?: number;
  /** Argument of latitude of satellite 0 of plane 0 at epoch [rad] (default 0). */
  argLat0_rad?: number;
  /** Cd·A/m [m²/kg] for drag decay (default 0). */
  ballistic_m2_kg?: number;
  /** Name prefix (default "WALKER"): `${prefix}-${plane+1}-${slot+1}`. */
  namePrefix?: string;
  /** Skip names (a million strings cost ~60 MB): names stay ''. Default false. */
  noNames?: boolean;
  /** Append to this set instead of a new one (multi-shell designs); its epoch must match. */
  into?: MeanElementSet;
}

function argError(field: string, expected: string, found: unknown): InputError {
  return new InputError('bad Walker constellation parameter', { field, expected, found: quoteFound(found) }, 'E_ARGUMENT');
}

/** Walker constellation of either pattern; rows are plane-major (plane p, slot s → row p·S + s). */
export function walker(pattern: WalkerPattern, o: WalkerOptions): MeanElementSet {
  const { total: T, planes: P, phasing: F } = o;
  if (!(Number.isInteger(T) && T >= 1)) throw argError('total', 'an integer ≥ 1', T);
  if (!(Number.isInteger(P) && P >= 1 && T % P === 0)) throw argError('planes', `an integer ≥ 1 dividing total (${T})`, P);
  if (!(Number.isInteger(F) && F >= 0 && F < P)) throw argError('phasing', `an integer in [0, ${P - 1}]`, F);
  if (!(Number.isFinite(o.altitude_m) && o.altitude_m > 0)) throw argError('altitude_m', 'an altitude > 0 m', o.altitude_m);
  if (!(o.inclination_rad >= 0 && o.inclination_rad <= Math.PI)) throw argError('inclination_rad', 'an inclination in [0, π] rad', o.inclination_rad);
  const S = T / P;
  const dRaan = pattern === 'delta' ? TWO_PI / P : Math.PI / P;
  const dPhase = (TWO_PI * F) / T;
  const dSlot = TWO_PI / S;
  const raan0 = o.raan0_rad ?? 0, u0 = o.argLat0_rad ?? 0;
  const a = R_EARTH_m + o.altitude_m;
  const b = o.ballistic_m2_kg ?? 0;
  const prefix = o.namePrefix ?? 'WALKER';
  const set = o.into ?? new MeanElementSet(o.epochUtcMs, T);
  if (set.epochUtcMs !== o.epochUtcMs) throw argError('into.epochUtcMs', String(o.epochUtcMs), set.epochUtcMs);
  set.reserve(set.count + T);
  for (let p = 0; p < P; p++) {
    const raan = wrapTwoPi(raan0 + p * dRaan);
    for (let s = 0; s < S; s++) {
      set.append({
        a_m: a, e: 0, i_rad: o.inclination_rad, raan_rad: raan, argp_rad: 0,
        meanAnomaly_rad: wrapTwoPi(u0 + s * dSlot + p * dPhase),
        plane: p, ballistic_m2_kg: b, name: o.noNames ? '' : `${prefix}-${p + 1}-${s + 1}`,
      });
    }
  }
  return set;
}

/** Walker delta i: T/P/F (nodes over 360°). */
export function walkerDelta(o: WalkerOptions): MeanElementSet {
  return walker('delta', o);
}

/** Walker star i: T/P/F (nodes over 180°). */
export function walkerStar(o: WalkerOptions): MeanElementSet {
  return walker('star', o);
}
