/**
 * Designed constellation → SGP4 element records (OrbitRecord, record.ts), so that the TLE/OMM
 * writers (tle.ts, omm.ts) print a designed shell as a catalog that any SGP4 tool reads.
 *
 * Mean motion. Our `a_m` is the Brouwer mean semi-major axis of first-order J2 theory (j2.ts), and
 * its Keplerian mean motion n̄ = √(μ/a³) is exactly what SGP4 calls the "un-Kozai'd" (Brouwer) mean
 * motion `no_unkozai`: SGP4 derives its secular rates from it with the same first-order formulas.
 * A TLE, however, carries the *Kozai* mean motion; SGP4's initialisation (Hoots & Roehrich,
 * Spacetrack Report #3, 1980; Vallado et al. 2006 `initl`, satellite.js `initl.js`) recovers
 *   a₁ = (kₑ/n_K)^{2/3},  δ₁ = (3/4)·J2·(3cos²i − 1)/(1 − e²)^{3/2} / a₁²,
 *   a₀ = a₁·(1 − δ₁²  − δ₁·(1/3 + 134δ₁²/81)),  δ₀ = (3/4)·J2·(3cos²i − 1)/(1 − e²)^{3/2} / a₀²,
 *   n̄ = n_K / (1 + δ₀)        (units: Earth radii, minutes, WGS-72 kₑ and J2),
 * and `kozaiMeanMotion` inverts that relation numerically (fixed point, to 1e-15 relative).
 * The along-track rate is what matters over days, so n̄ is matched with our WGS-84 μ; SGP4 then
 * places the orbit at a₀·R⊕(WGS-72) = a·(μ₇₂/μ₈₄)^{1/3}, 2 m above ours: negligible.
 *
 * BSTAR. SGP4's drag term is B* = ρ₀·B/2 with B = Cd·A/m [m²/kg] and the reference density
 * ρ₀ = 2.461e-5 kg/m³ × 6378.135 km = 0.15696615 kg/m²/ER (Vallado et al. 2006 §"BSTAR";
 * Hoots & Roehrich 1980), so B* [1/ER] = 0.15696615 / 2 · B. A row without drag (B = 0) gets B* = 0.
 *
 * Frame: SGP4 reads the elements as TEME; ours are mean-of-date; the two differ by ≤ 12″ of
 * nutation (j2.ts), far below the model difference the cross-check below measures.
 *
 * How far SGP4 on the exported record departs from our J2 propagator (export.test.ts,
 * satellite.js 7.1 `sgp4`, circular orbits, bstar = 0, 60 s sampling, measured / asserted):
 *   550 km, 53°:          12.9 / 15 km over 1 day,  18.3 / 21 km over 7 days;
 *   650 km SSO (97.99°):  17.7 / 20 km over 1 day,  24.8 / 28 km over 7 days.
 * The 12–16 km present from t = 0 is SGP4 physics our secular J2 model omits (J3 long-period
 * terms ≈ 6 km radial / 12 km along-track, short-period J2 ~1–2 km); growth of ~1 km/day is its
 * J2²/J4 secular terms. 25 km along-track is ≤ 3.3 s of orbit phase.
 */
import { InputError, quoteFound } from '../core/errors.js';
import { MU_EARTH_m3_s2, RAD_TO_DEG, wrapTwoPi } from '../core/units.js';
import type { MeanElementSet } from './elements.js';
import type { OrbitRecord } from './record.js';

/** SGP4's WGS-72 constants, as the TLE's mean motion is defined with them (Vallado et al. 2006). */
const MU72_km3_s2 = 398_600.8;
const RE72_km = 6378.135;
const J2_72 = 0.001082616;
/** kₑ = √(μ/R⊕³) [1/min] in Earth radii and minutes (SGP4's xke). */
const XKE = 60 / Math.sqrt((RE72_km * RE72_km * RE72_km) / MU72_km3_s2);

/** SGP4 reference density ρ₀ [kg/m²/ER] that turns B = Cd·A/m into B* (Vallado et al. 2006). */
export const BSTAR_RHO0_kg_m2_ER = 0.15696615;

const MIN_PER_DAY = 1440;

/** SGP4's un-Kozai step: Brouwer mean motion from a TLE's Kozai mean motion [rad/min]. */
export function unKozaiMeanMotion_rad_min(noKozai_rad_min: number, e: number, i_rad: number): number {
  const c = Math.cos(i_rad);
  const omeosq = 1 - e * e;
  const ak = (XKE / noKozai_rad_min) ** (2 / 3);
  const d1 = (0.75 * J2_72 * (3 * c * c - 1)) / (Math.sqrt(omeosq) * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  return noKozai_rad_min / (1 + del);
}

/** Inverse of `unKozaiMeanMotion_rad_min`: the Kozai mean motion [rad/min] a TLE must carry. */
export function kozaiMeanMotion_rad_min(noUnkozai_rad_min: number, e: number, i_rad: number): number {
  let nk = noUnkozai_rad_min;
  for (let k = 0; k < 30; k++) {
    const next = nk * (noUnkozai_rad_min / unKozaiMeanMotion_rad_min(nk, e, i_rad));
    if (Math.abs(next - nk) <= 1e-15 * nk) return next;
    nk = next;
  }
  return nk;
}

/** B* [1/ER] from a ballistic coefficient B = Cd·A/m [m²/kg]. */
export function bstarFromBallistic(ballistic_m2_kg: number): number {
  return (BSTAR_RHO0_kg_m2_ER * ballistic_m2_kg) / 2;
}

export interface ExportOptions {
  /** NORAD id of row 0; row r gets base + r (default 90,000: the analyst-object range). Ignored with keepIds. */
  noradIdBase?: number;
  /** Use the set's own `id` column as NORAD ids instead of base + row. */
  keepIds?: boolean;
  /** Names for rows whose name is empty: `${namePrefix}-${row + 1}` (default "ORBITDC"). */
  namePrefix?: string;
  /** B* from each row's ballistic coefficient (default true); false prints B* = 0 everywhere. */
  bstarFromBallistic?: boolean;
  /** OBJECT_ID for every record (default ''). */
  objectId?: string;
}

/** Highest catalog number a TLE can carry (Alpha-5, tle.ts); OMM has no such limit. */
const ALPHA5_MAX = 339_999;

/**
 * One OrbitRecord per row of `el`, at el.epochUtcMs, for the TLE/OMM writers.
 * Ids above the Alpha-5 range (339,999) are allowed here (OMM carries them), and a TLE writer
 * must refuse them; `assertTleIds` says so early for callers that will write TLEs.
 */
export function meanElementsToRecords(el: MeanElementSet, opts: ExportOptions = {}): OrbitRecord[] {
  const base = opts.noradIdBase ?? 90_000;
  if (!opts.keepIds && !(Number.isInteger(base) && base >= 0)) {
    throw new InputError('NORAD id base must be a non-negative integer', { field: 'noradIdBase', expected: 'an integer ≥ 0', found: quoteFound(base) }, 'E_ARGUMENT');
  }
  const prefix = opts.namePrefix ?? 'ORBITDC';
  const useB = opts.bstarFromBallistic ?? true;
  const out: OrbitRecord[] = new Array<OrbitRecord>(el.count);
  for (let r = 0; r < el.count; r++) {
    const a = el.a_m[r]!, e = el.e[r]!, i = el.i_rad[r]!;
    const nBrouwer_rad_min = Math.sqrt(MU_EARTH_m3_s2 / (a * a * a)) * 60;
    const nKozai = kozaiMeanMotion_rad_min(nBrouwer_rad_min, e, i);
    const name = el.names[r] ?? '';
    out[r] = {
      name: name !== '' ? name : `${prefix}-${r + 1}`,
      noradId: opts.keepIds ? el.id[r]! : base + r,
      objectId: opts.objectId ?? '',
      epochUtcMs: el.epochUtcMs,
      meanMotion_rev_day: (nKozai * MIN_PER_DAY) / (2 * Math.PI),
      eccentricity: e,
      inclination_deg: i * RAD_TO_DEG,
      raan_deg: wrapTwoPi(el.raan_rad[r]!) * RAD_TO_DEG,
      argOfPericenter_deg: wrapTwoPi(el.argp_rad[r]!) * RAD_TO_DEG,
      meanAnomaly_deg: wrapTwoPi(el.meanAnomaly_rad[r]!) * RAD_TO_DEG,
      bstar: useB ? bstarFromBallistic(el.ballistic_m2_kg[r]!) : 0,
      meanMotionDot: 0,
      meanMotionDdot: 0,
      classification: 'U',
      elementSetNo: 999,
      revAtEpoch: 0,
      ephemerisType: 0,
    };
  }
  return out;
}

/** Throw if any record's id does not fit a TLE (Alpha-5, ≤ 339,999), naming the first offender. */
export function assertTleIds(records: readonly OrbitRecord[]): void {
  for (let k = 0; k < records.length; k++) {
    const id = records[k]!.noradId;
    if (!(Number.isInteger(id) && id >= 0 && id <= ALPHA5_MAX)) {
      throw new InputError('catalog number does not fit a TLE (Alpha-5)', { field: `records[${k}].noradId`, expected: `0..${ALPHA5_MAX} (write OMM for more)`, found: String(id) }, 'E_RANGE');
    }
  }
}
