/**
 * Per-satellite status codes, stored in the fleet state's `status` column (Uint8). Failure is
 * data, never an exception or a NaN (STYLE.md). Codes 1–6 are SGP4's own error codes as Vallado's
 * reference and satellite.js number them, so a catalog object's status reads the same as the
 * reference output; orbitdc's own codes start at 10.
 */
export const Status = {
  /** Nominal: position valid, satellite operating. */
  Ok: 0,
  /** SGP4 1: mean elements out of range (e ≥ 1, e < −0.001 or a < 0.95 Earth radii). */
  Sgp4MeanElements: 1,
  /** SGP4 2: mean motion ≤ 0. */
  Sgp4MeanMotion: 2,
  /** SGP4 3: perturbed eccentricity out of [0, 1]. */
  Sgp4PerturbedEccentricity: 3,
  /** SGP4 4: semi-latus rectum < 0. */
  Sgp4SemiLatusRectum: 4,
  /** SGP4 5: epoch elements sub-orbital (unused by current SGP4, kept for the numbering). */
  Sgp4Suborbital: 5,
  /** SGP4 6: satellite has decayed (radius below 1 Earth radius). */
  Sgp4Decayed: 6,
  /** Analytic propagator: drag took perigee below the re-entry altitude; position no longer valid. */
  Reentered: 10,
  /** Not yet propagated for this time (fresh row). */
  Unset: 11,
  /** Satellite failed for good (no repairs in orbit); position still valid. */
  Failed: 20,
  /** Temporarily offline (manoeuvre, safe mode, power shortfall); position valid. */
  Offline: 21,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

const NAMES = new Map<number, string>(Object.entries(Status).map(([k, v]) => [v, k]));

/** The documented name of a status code (`Ok`, `Sgp4Decayed`, ...); `Unknown(n)` otherwise. */
export function statusName(code: number): string {
  return NAMES.get(code) ?? `Unknown(${code})`;
}

/** True where the satellite's position columns hold a valid state vector. */
export function hasValidPosition(code: number): boolean {
  return code === Status.Ok || code === Status.Failed || code === Status.Offline;
}
