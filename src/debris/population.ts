/**
 * A population of objects for the screener: something that can fill a fleet state with state
 * vectors at any instant, plus what the filters need (radial shells, plane groups). Two kinds:
 * catalog objects (SGP4, TEME) and designed constellations (analytic J2, ECI of date). Mixing
 * the two frames in one screen is accepted: TEME and the mean equator and equinox of date differ
 * by nutation only (≤ 12″, i.e. ≤ 0.4 km at LEO radius, common to every object; see j2.ts), which
 * is below the tens-of-km accuracy of a TLE one day from epoch.
 */
import { FleetState } from '../core/fleet.js';
import type { MeanElementSet } from '../orbit/elements.js';
import { J2Stepper } from '../orbit/j2.js';
import type { OrbitRecord } from '../orbit/record.js';
import { Sgp4Fleet, type Sgp4Options } from '../orbit/sgp4.js';
import { catalogShells, designedShells, type Shells } from './filter.js';

export interface Population {
  readonly count: number;
  /** Catalog number (or designed id) per row. */
  readonly ids: Uint32Array;
  /** Names per row, where known (designed sets may have none). */
  readonly names: readonly string[];
  /** Padded radial shells per row (filter.ts). */
  readonly shells: Shells;
  /**
   * Plane group per row, or −1. Rows sharing a group ≥ 0 fly one circle at one rate, so their
   * distances never change, and every such distance exceeds the screening threshold: the
   * screener skips those pairs (see `planeGroups`). Undefined: no exclusion.
   */
  readonly planeGroup?: Int32Array;
  /** A fleet state with `count` rows for this population (the screener keeps two). */
  makeFleet(): FleetState;
  /** Fill `fleet` (from makeFleet) with states at utcMs; invalid rows get a non-valid status. */
  fill(utcMs: number, fleet: FleetState): void | Promise<void>;
  dispose(): void;
}

/** Catalog objects propagated with SGP4 (WASM bulk kernel by default). */
export async function catalogPopulation(
  records: readonly OrbitRecord[], fromUtcMs: number, toUtcMs: number, options: Sgp4Options = {},
): Promise<Population> {
  const sgp = await Sgp4Fleet.create(records, options);
  const shells = catalogShells(records, fromUtcMs, toUtcMs);
  return {
    count: sgp.count,
    ids: sgp.ids,
    names: sgp.names,
    shells,
    makeFleet: () => sgp.makeFleetState(),
    fill: (utcMs, fleet) => (sgp.backend === 'wasm-mt' ? sgp.propagateAsync(utcMs, fleet) : sgp.propagate(utcMs, fleet)),
    dispose: () => sgp.dispose(),
  };
}

/**
 * Plane groups of a designed set for a threshold: runs of consecutive rows with e = 0 and the same
 * a, i and Ω (a plane of a Walker shell; the same grouping as J2Stepper's). Under the J2
 * mean-element model every row of such a run has the same node and argument-of-latitude rates,
 * so two of them keep a constant chord 2a·sin(|Δu|/2) for ever: they can never approach. A run
 * gets a group only when its smallest chord exceeds threshold_m, so an excluded pair provably
 * never comes within the threshold; other rows get −1.
 */
export function planeGroups(el: MeanElementSet, threshold_m: number): Int32Array {
  const n = el.count;
  const group = new Int32Array(n).fill(-1);
  const { a_m, e, i_rad, raan_rad, argp_rad, meanAnomaly_rad } = el;
  let next = 0;
  let r = 0;
  while (r < n) {
    let end = r + 1;
    if (e[r] === 0) {
      while (end < n && e[end] === 0 && a_m[end] === a_m[r] && i_rad[end] === i_rad[r] && raan_rad[end] === raan_rad[r]) end++;
    }
    if (end - r >= 2) {
      const u = new Float64Array(end - r);
      for (let k = r; k < end; k++) {
        const x = (argp_rad[k]! + meanAnomaly_rad[k]!) % (2 * Math.PI);
        u[k - r] = x < 0 ? x + 2 * Math.PI : x;
      }
      u.sort();
      let minGap = 2 * Math.PI - (u[u.length - 1]! - u[0]!);
      for (let k = 1; k < u.length; k++) minGap = Math.min(minGap, u[k]! - u[k - 1]!);
      const chord = 2 * a_m[r]! * Math.sin(minGap / 2);
      if (chord > threshold_m) {
        for (let k = r; k < end; k++) group[k] = next;
        next++;
      }
    }
    r = end;
  }
  return group;
}

/**
 * A designed set flown by the analytic J2 model (J2Stepper; drag is not applied here). With
 * `threshold_m` given, same-plane pairs that can never meet are excluded (planeGroups).
 */
export function designedPopulation(el: MeanElementSet, options: { threshold_m?: number } = {}): Population {
  const steppers = new Map<FleetState, J2Stepper>();
  const ids = el.id.subarray(0, el.count);
  return {
    count: el.count,
    ids,
    names: el.names,
    shells: designedShells(el),
    ...(options.threshold_m !== undefined ? { planeGroup: planeGroups(el, options.threshold_m) } : {}),
    makeFleet: () => {
      const f = new FleetState(Math.max(1, el.count), 'ECI_OF_DATE');
      steppers.set(f, new J2Stepper(el, f));
      return f;
    },
    fill: (utcMs, fleet) => {
      let s = steppers.get(fleet);
      if (!s) { s = new J2Stepper(el, fleet); steppers.set(fleet, s); }
      s.setTime((utcMs - el.epochUtcMs) / 1000);
    },
    dispose: () => steppers.clear(),
  };
}
