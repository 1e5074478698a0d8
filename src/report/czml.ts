/**
 * fleet.czml: the sampled tracks of a run for a Cesium viewer (CZML 1.0: a document packet with
 * the clock, then one packet per satellite with a sampled position in the INERTIAL frame).
 *
 * Frame. Cesium's INERTIAL frame is the ICRF. The twin's positions are in the mean equator and
 * equinox of date (J2 rows; SGP4's TEME rows differ from it by ≤ 18″, see twin/build.ts). They are
 * rotated to the mean equator and equinox of J2000 by the IAU 1976 precession (Lieske et al. 1977,
 * A&A 58:1; Vallado 2013 eq. 3-88), which is the ICRF within the 23 mas frame bias (< 1 m at LEO,
 * ignored). Without it a 2026 track would be off by the 0.36° of precession since 2000, ~45 km.
 *
 * Subset. Only the satellites the engine sampled are written (twin/engine.ts: at most 100, spread
 * evenly over the fleet, over the first day at ≥ 60 s), so that a million-satellite run still gives
 * a file a browser opens. Positions are metres, Lagrange degree-5 interpolation between samples.
 * Colour: yellow when sunlit (sunlit fraction ≥ 0.5), blue in eclipse, switched at the samples.
 */
import { centuriesTtSinceJ2000, formatIsoUtc } from '../core/time.js';
import { ARCSEC_TO_RAD } from '../core/units.js';
import type { Tracks } from '../twin/results.js';

/** Row-major 3×3 matrix. */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

/**
 * Precession matrix P (IAU 1976) with r_of_date = P · r_J2000 at a UTC instant (TT argument).
 * ζ, z, θ from Lieske et al. 1977 for an epoch J2000.
 */
export function precessionMatrix(utcMs: number): Mat3 {
  const T = centuriesTtSinceJ2000(utcMs);
  const zeta = (2306.2181 * T + 0.30188 * T * T + 0.017998 * T * T * T) * ARCSEC_TO_RAD;
  const z = (2306.2181 * T + 1.09468 * T * T + 0.018203 * T * T * T) * ARCSEC_TO_RAD;
  const th = (2004.3109 * T - 0.42665 * T * T - 0.041833 * T * T * T) * ARCSEC_TO_RAD;
  const cz = Math.cos(zeta), sz = Math.sin(zeta), cZ = Math.cos(z), sZ = Math.sin(z), ct = Math.cos(th), st = Math.sin(th);
  return [
    cz * ct * cZ - sz * sZ, -sz * ct * cZ - cz * sZ, -st * cZ,
    cz * ct * sZ + sz * cZ, -sz * ct * sZ + cz * cZ, -st * sZ,
    cz * st, -sz * st, ct,
  ];
}

export interface CzmlOptions {
  /** Scenario epoch [UTC ms]: sample times are seconds after it. */
  epochUtcMs: number;
  /** Document name (the scenario's). */
  name: string;
  /** Clock multiplier (simulated seconds per real second). Default 60. */
  multiplier?: number;
}

const SUNLIT_RGBA = [255, 200, 40, 255];
const ECLIPSE_RGBA = [80, 140, 255, 255];

/** Round metres to millimetres and seconds to microseconds: the text stays short, nothing is lost that matters. */
const mm = (x: number): number => Math.round(x * 1000) / 1000;

/** The CZML document (a JSON array) for a run's tracks. */
export function fleetCzml(tracks: Tracks, o: CzmlOptions): unknown[] {
  const k = tracks.time_s.length;
  const t0 = tracks.time_s[0] ?? 0;
  const t1 = tracks.time_s[k - 1] ?? t0;
  const start = formatIsoUtc(o.epochUtcMs + t0 * 1000);
  const end = formatIsoUtc(o.epochUtcMs + t1 * 1000);
  const interval = `${start}/${end}`;
  const packets: unknown[] = [{
    id: 'document',
    name: o.name,
    version: '1.0',
    clock: { interval, currentTime: start, multiplier: o.multiplier ?? 60, range: 'LOOP_STOP', step: 'SYSTEM_CLOCK_MULTIPLIER' },
  }];
  // One precession matrix per sample time (the same for every satellite).
  const P = Array.from(tracks.time_s, (t) => precessionMatrix(o.epochUtcMs + t * 1000));
  for (let j = 0; j < tracks.ids.length; j++) {
    const cart: number[] = [];
    const rgba: number[] = [];
    let prev = -1;
    for (let s = 0; s < k; s++) {
      const b = (j * k + s) * 3;
      const x = tracks.position_m[b]!, y = tracks.position_m[b + 1]!, z = tracks.position_m[b + 2]!;
      const m = P[s]!;
      const t = Math.round((tracks.time_s[s]! - t0) * 1e6) / 1e6;
      // r_J2000 = Pᵀ · r_of_date.
      cart.push(t, mm(m[0] * x + m[3] * y + m[6] * z), mm(m[1] * x + m[4] * y + m[7] * z), mm(m[2] * x + m[5] * y + m[8] * z));
      const lit = (tracks.sunlit[j * k + s] ?? 0) >= 0.5 ? 1 : 0;
      if (lit !== prev) {
        if (prev >= 0 && s > 0) rgba.push(Math.round((tracks.time_s[s - 1]! - t0) * 1e6) / 1e6, ...(prev ? SUNLIT_RGBA : ECLIPSE_RGBA));
        rgba.push(t, ...(lit ? SUNLIT_RGBA : ECLIPSE_RGBA));
        prev = lit;
      }
    }
    packets.push({
      id: `sat-${tracks.ids[j]}`,
      name: tracks.names[j] ?? `SAT-${tracks.ids[j]}`,
      availability: interval,
      position: {
        epoch: start,
        referenceFrame: 'INERTIAL',
        interpolationAlgorithm: 'LAGRANGE',
        interpolationDegree: 5,
        cartesian: cart,
      },
      point: { pixelSize: 5, color: { epoch: start, rgba } },
      path: { width: 1, leadTime: 0, trailTime: 3000, resolution: 60, material: { solidColor: { color: { rgba: [255, 255, 255, 90] } } } },
    });
  }
  return packets;
}

/** The text of fleet.czml. */
export function fleetCzmlText(tracks: Tracks, o: CzmlOptions): string {
  return `${JSON.stringify(fleetCzml(tracks, o))}\n`;
}
