/**
 * Solar array output per satellite per step:
 *
 *   P = S(r_sun) · cos θ · ν · A · p · η(T) · (1 − d)^age · f_dose(D)
 *
 * - S(r_sun) = 1361 W/m² · (1 AU / r_sun)²: total solar irradiance at 1 AU (Kopp & Lean 2011,
 *   src/core/units.ts) scaled by the inverse square of the Sun distance, which swings ±1.7 % over
 *   the year. The geocentric distance is used; the satellite's offset from the geocentre changes it
 *   by < 1e-4 relative at LEO.
 * - cos θ from the pointing convention (types.ts `SolarPointing`); ν the sunlit fraction column
 *   (umbra/penumbra, environment/shadow.ts).
 * - A the array area, p the packing factor.
 * - η(T) = η_ref · (1 + γ·(T − T_ref)), linear in temperature around the rating temperature (space
 *   cells are rated at 28 °C, AM0). For lattice-matched GaInP/GaAs/Ge triple-junction cells the
 *   relative power coefficient γ is of order −0.2 to −0.35 %/K (manufacturers' datasheets, e.g.
 *   Azur Space 3G30C, Spectrolab XTJ; the brief's −0.35 %/K is at the pessimistic end). γ is a
 *   design parameter: this module does not pick it.
 * - (1 − d)^age: a constant fraction d lost per year (UV darkening of coverglass and adhesive,
 *   thermal cycling, and the ordinary radiation background when f_dose is off), compounded.
 * - f_dose(D) = max(0, 1 − C·log10(1 + D/D0)): the semi-logarithmic form of the JPL Solar Cell
 *   Radiation Handbook (Anspaugh, JPL Pub. 96-9) and of the displacement-damage-dose method
 *   (Messenger, Summers et al., Prog. Photovolt. 9 (2001) 103), where D is displacement damage dose
 *   or 1 MeV-electron-equivalent fluence. ASSUMPTION: orbitdc's radiation model supplies ionising
 *   dose behind the satellite's shielding [rad(Si)], not displacement damage behind coverglass, so
 *   C and D0 here are fit parameters of the same shape, not handbook values; set C = 0 and carry all
 *   loss in d unless a design has its own fit. Use one or the other so the radiation background is
 *   not counted twice.
 *
 * Rows whose status has no valid position, or is `Failed`, generate 0 W.
 */
import { AU_m, SOLAR_CONSTANT_W_m2, S_PER_JULIAN_YEAR } from '../core/units.js';
import { Status, hasValidPosition } from '../core/status.js';
import type { ParamProblem, SolarArrayParams, SolarPointing } from './types.js';

/** Solar irradiance [W/m²] at a distance from the Sun [m]: S₀·(AU/r)². */
export function solarFlux_W_m2(sunDistance_m: number): number {
  const q = AU_m / sunDistance_m;
  return SOLAR_CONSTANT_W_m2 * q * q;
}

/** Cell efficiency at temperature T [K], linear coefficient, floored at 0. */
export function cellEfficiencyAt(p: Pick<SolarArrayParams, 'cellEfficiency' | 'tempCoeff_per_K' | 'referenceTemp_K'>, temp_K: number): number {
  return Math.max(0, p.cellEfficiency * (1 + p.tempCoeff_per_K * (temp_K - p.referenceTemp_K)));
}

/** Remaining fraction after `age_s` of compounded yearly degradation (Julian years). */
export function ageFactor(degradationPerYear: number, age_s: number): number {
  return Math.pow(1 - degradationPerYear, Math.max(0, age_s) / S_PER_JULIAN_YEAR);
}

/** Remaining fraction after a dose D [rad]: max(0, 1 − C·log10(1 + D/D0)). */
export function doseFactor(doseLossCoeff: number, doseLossScale_rad: number, dose_rad: number): number {
  if (doseLossCoeff === 0 || !(dose_rad > 0)) return 1;
  return Math.max(0, 1 - doseLossCoeff * Math.log10(1 + dose_rad / doseLossScale_rad));
}

/**
 * cos of the angle of incidence for one pointing mode, from position r, velocity v (same inertial
 * frame, any units) and the unit Sun direction (sx, sy, sz). 0 when the active face looks away.
 */
export function incidenceCos(
  pointing: SolarPointing,
  x: number, y: number, z: number,
  vx: number, vy: number, vz: number,
  sx: number, sy: number, sz: number,
): number {
  switch (pointing) {
    case 'sun-tracking':
      return 1;
    case 'zenith': {
      const r = Math.sqrt(x * x + y * y + z * z);
      return r > 0 ? Math.max(0, (x * sx + y * sy + z * sz) / r) : 0;
    }
    default: {
      // Orbit normal ĥ = r × v.
      const hx = y * vz - z * vy;
      const hy = z * vx - x * vz;
      const hz = x * vy - y * vx;
      const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
      if (!(h > 0)) return 0;
      const c = (hx * sx + hy * sy + hz * sz) / h; // = sin β
      if (pointing === 'orbit-normal') return Math.max(0, c);
      if (pointing === 'anti-orbit-normal') return Math.max(0, -c);
      return Math.sqrt(Math.max(0, 1 - c * c)); // single-axis: cos β
    }
  }
}

/** Columns read and written by `solarStep`. */
export interface SolarColumns {
  x_m: Float64Array; y_m: Float64Array; z_m: Float64Array;
  vx_m_s: Float64Array; vy_m_s: Float64Array; vz_m_s: Float64Array;
  status: Uint8Array;
  sunlitFraction: Float64Array;
  dose_rad: Float64Array | null;
  generated_W: Float64Array;
}

/**
 * Array output [W] into `cols.generated_W[from..to)`. `sun_m` is the geocentric Sun position [m]
 * in the frame of the state vectors (environment/sun.ts `sunPositionEci_m`); `age_s` is the array's
 * age (time since deployment, the same for the rows given). Allocates nothing.
 */
export function solarStep(
  p: SolarArrayParams,
  cols: SolarColumns,
  sun_m: ArrayLike<number>,
  age_s: number,
  from = 0,
  to = cols.generated_W.length,
): void {
  const sx0 = sun_m[0]!, sy0 = sun_m[1]!, sz0 = sun_m[2]!;
  const rs = Math.sqrt(sx0 * sx0 + sy0 * sy0 + sz0 * sz0);
  const sx = sx0 / rs, sy = sy0 / rs, sz = sz0 / rs;
  // Everything but incidence, sunlit fraction and dose is common to the rows [W at cos θ = ν = 1].
  const k = solarFlux_W_m2(rs) * p.area_m2 * p.packingFactor * cellEfficiencyAt(p, p.operatingTemp_K) * ageFactor(p.degradationPerYear, age_s);
  const { x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, status, sunlitFraction, dose_rad, generated_W } = cols;
  const useDose = dose_rad !== null && p.doseLossCoeff !== 0;
  for (let i = from; i < to; i++) {
    const st = status[i]!;
    const nu = sunlitFraction[i]!;
    if (!hasValidPosition(st) || st === Status.Failed || !(nu > 0)) {
      generated_W[i] = 0;
      continue;
    }
    const c = p.pointing === 'sun-tracking'
      ? 1
      : incidenceCos(p.pointing, x_m[i]!, y_m[i]!, z_m[i]!, vx_m_s[i]!, vy_m_s[i]!, vz_m_s[i]!, sx, sy, sz);
    const fd = useDose ? doseFactor(p.doseLossCoeff, p.doseLossScale_rad, dose_rad[i]!) : 1;
    generated_W[i] = k * c * nu * fd;
  }
}

/**
 * Power [W] of one satellite in full sunlight at normal incidence, 1 AU, beginning of life at its
 * operating temperature: the figure a design sheet quotes.
 */
export function solarNameplate_W(p: SolarArrayParams): number {
  return SOLAR_CONSTANT_W_m2 * p.area_m2 * p.packingFactor * cellEfficiencyAt(p, p.operatingTemp_K);
}

/** Everything wrong with a solar parameter object (empty when fine), for a scenario loader to report at once. */
export function solarParamProblems(p: SolarArrayParams, path = 'solar'): ParamProblem[] {
  const out: ParamProblem[] = [];
  const need = (field: keyof SolarArrayParams, ok: boolean, expected: string): void => {
    if (!ok) out.push({ field: `${path}.${field}`, expected, found: String(p[field]) });
  };
  need('area_m2', p.area_m2 >= 0 && Number.isFinite(p.area_m2), 'an area ≥ 0 m²');
  need('cellEfficiency', p.cellEfficiency > 0 && p.cellEfficiency < 1, 'a fraction in (0, 1)');
  need('referenceTemp_K', p.referenceTemp_K > 0, 'a temperature > 0 K');
  need('tempCoeff_per_K', Math.abs(p.tempCoeff_per_K) < 0.05, 'a relative coefficient per kelvin, |γ| < 0.05');
  need('operatingTemp_K', p.operatingTemp_K > 0, 'a temperature > 0 K');
  need('packingFactor', p.packingFactor > 0 && p.packingFactor <= 1, 'a fraction in (0, 1]');
  need('degradationPerYear', p.degradationPerYear >= 0 && p.degradationPerYear < 1, 'a fraction in [0, 1)');
  need('doseLossCoeff', p.doseLossCoeff >= 0 && Number.isFinite(p.doseLossCoeff), 'a coefficient ≥ 0');
  need('doseLossScale_rad', p.doseLossScale_rad > 0 && Number.isFinite(p.doseLossScale_rad), 'a dose > 0 rad');
  return out;
}
