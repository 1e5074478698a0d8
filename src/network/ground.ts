/**
 * Ground segment: ground stations (geodetic position, elevation mask, RF or optical downlink,
 * cloud outage for optical), their contacts with satellites, daily downlink volume, and the
 * latency from a station to user cities over terrestrial fibre.
 *
 * Geometry: stations on the WGS-84 ellipsoid (geodetic latitude, height above the ellipsoid);
 * elevation is measured from the geodetic horizon (the plane normal to the ellipsoid's up). A
 * satellite is in view when its elevation ≥ the station's mask. Satellite positions come in ECEF
 * (src/orbit/frames.ts `inertialToEcef`).
 *
 * Downlink. A station has `terminals` antennas or telescopes (each tracks one satellite) at
 * `downlinkRate_bps` each. Optical links are lost under cloud: the expected volume is scaled by
 * (1 − cloudOutageProbability), a climatological fraction, not a weather forecast. Routing at an
 * instant uses the full rate (the sky is taken clear); the expectation belongs to volumes.
 *
 * Cities reach a station by terrestrial fibre: great-circle distance × route factor at c/n, with
 * n = 1.468 (group index of standard single-mode fibre at 1,550 nm, Corning SMF-28 datasheet) and
 * a route factor of 1.5 (ASSUMPTION: cables follow roads, coasts and sea-floor routes, not great
 * circles).
 */
import { InputError, quoteFound } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { formatIsoUtc } from '../core/time.js';
import { C_LIGHT_m_s, DEG_TO_RAD, F_EARTH, R_EARTH_m } from '../core/units.js';
import { type EcefColumns, inertialToEcef, makeEcefColumns } from '../orbit/frames.js';
import type { EdgeList } from './graph.js';

export type DownlinkKind = 'rf' | 'optical';

export interface GroundStation {
  name: string;
  /** Geodetic latitude [rad], east longitude [rad], height above the WGS-84 ellipsoid [m]. */
  lat_rad: number;
  lon_rad: number;
  alt_m: number;
  /** Lowest elevation at which a satellite is usable [rad]. */
  elevationMask_rad: number;
  kind: DownlinkKind;
  /** Rate of one terminal [bit/s]. */
  downlinkRate_bps: number;
  /** Simultaneous satellite links (antennas or telescopes). */
  terminals: number;
  /** Fraction of time an optical link is lost to cloud [0, 1]; 0 for RF. */
  cloudOutageProbability: number;
  /** Where the figures come from. */
  source: string;
}

export interface City {
  name: string;
  lat_rad: number;
  lon_rad: number;
  source: string;
}

const d2r = (deg: number): number => deg * DEG_TO_RAD;
const SITE_SRC = 'site coordinates: operator pages and Wikipedia (±0.01°)';
/** ASSUMPTION for RF gateways: Ka-band, 10 Gb/s per antenna, 2 antennas, 10° mask. */
const RF = { kind: 'rf' as const, downlinkRate_bps: 10e9, terminals: 2, elevationMask_rad: d2r(10), cloudOutageProbability: 0 };

/**
 * Built-in ground stations: real sites. Rates, terminals, masks and cloud fractions are
 * ASSUMPTIONS unless `source` says otherwise.
 */
export const GROUND_STATIONS: readonly GroundStation[] = Object.freeze([
  { name: 'svalbard', lat_rad: d2r(78.2306), lon_rad: d2r(15.3894), alt_m: 500, ...RF, source: `KSAT SvalSat; ${SITE_SRC}; link figures ASSUMPTION` },
  { name: 'troll', lat_rad: d2r(-72.0114), lon_rad: d2r(2.535), alt_m: 1270, ...RF, source: `KSAT TrollSat, Antarctica; ${SITE_SRC}; link figures ASSUMPTION` },
  { name: 'inuvik', lat_rad: d2r(68.319), lon_rad: d2r(-133.549), alt_m: 90, ...RF, source: `Inuvik Satellite Station Facility; ${SITE_SRC}; link figures ASSUMPTION` },
  { name: 'goonhilly', lat_rad: d2r(50.0483), lon_rad: d2r(-5.1822), alt_m: 100, ...RF, source: `Goonhilly Earth Station; ${SITE_SRC}; link figures ASSUMPTION` },
  { name: 'hartebeesthoek', lat_rad: d2r(-25.8872), lon_rad: d2r(27.7078), alt_m: 1415, ...RF, source: `SANSA Hartebeesthoek; ${SITE_SRC}; link figures ASSUMPTION` },
  { name: 'alice-springs', lat_rad: d2r(-23.7589), lon_rad: d2r(133.8822), alt_m: 550, ...RF, source: `Alice Springs ground station; ${SITE_SRC}; link figures ASSUMPTION` },
  {
    name: 'octl', lat_rad: d2r(34.3817), lon_rad: d2r(-117.6828), alt_m: 2286, kind: 'optical', downlinkRate_bps: 200e9, terminals: 1,
    elevationMask_rad: d2r(20), cloudOutageProbability: 0.3,
    source: `NASA JPL Optical Communications Telescope Laboratory, Table Mountain; ${SITE_SRC}; 200 Gb/s = NASA TBIRD downlink record (2023); mask and cloud fraction ASSUMPTION`,
  },
  {
    name: 'izana-ogs', lat_rad: d2r(28.2997), lon_rad: d2r(-16.5108), alt_m: 2393, kind: 'optical', downlinkRate_bps: 100e9, terminals: 1,
    elevationMask_rad: d2r(20), cloudOutageProbability: 0.25,
    source: `ESA Optical Ground Station, Izaña, Tenerife; ${SITE_SRC}; rate, mask and cloud fraction ASSUMPTION (site above the trade-wind inversion)`,
  },
]);

const CITY_SRC = 'city-centre coordinates, GeoNames / Wikipedia (±0.01°)';

/** Built-in user cities (large metropolitan areas on every inhabited continent). */
export const CITIES: readonly City[] = Object.freeze([
  { name: 'new-york', lat_rad: d2r(40.7128), lon_rad: d2r(-74.006), source: CITY_SRC },
  { name: 'san-francisco', lat_rad: d2r(37.7749), lon_rad: d2r(-122.4194), source: CITY_SRC },
  { name: 'sao-paulo', lat_rad: d2r(-23.5505), lon_rad: d2r(-46.6333), source: CITY_SRC },
  { name: 'london', lat_rad: d2r(51.5074), lon_rad: d2r(-0.1278), source: CITY_SRC },
  { name: 'frankfurt', lat_rad: d2r(50.1109), lon_rad: d2r(8.6821), source: CITY_SRC },
  { name: 'lagos', lat_rad: d2r(6.5244), lon_rad: d2r(3.3792), source: CITY_SRC },
  { name: 'mumbai', lat_rad: d2r(19.076), lon_rad: d2r(72.8777), source: CITY_SRC },
  { name: 'singapore', lat_rad: d2r(1.3521), lon_rad: d2r(103.8198), source: CITY_SRC },
  { name: 'tokyo', lat_rad: d2r(35.6762), lon_rad: d2r(139.6503), source: CITY_SRC },
  { name: 'sydney', lat_rad: d2r(-33.8688), lon_rad: d2r(151.2093), source: CITY_SRC },
]);

/** Group index of single-mode fibre at 1,550 nm (Corning SMF-28). */
export const FIBRE_GROUP_INDEX = 1.468;
/** Fibre route length over great-circle distance: ASSUMPTION. */
export const FIBRE_ROUTE_FACTOR = 1.5;
/** Mean Earth radius [m] (IUGG R1) for great-circle distances. */
export const R_EARTH_MEAN_m = 6_371_008.8;

/** Look up a built-in station or city by name (case-insensitive); InputError listing the names otherwise. */
export function findByName<T extends { name: string }>(list: readonly T[], name: string, field: string): T {
  const hit = list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!hit) throw new InputError('unknown name', { field, expected: `one of ${list.map((x) => x.name).join(', ')}`, found: quoteFound(name) });
  return hit;
}

/** WGS-84 geodetic → ECEF [m], into out. */
export function geodeticToEcef(lat_rad: number, lon_rad: number, h_m: number, out: Float64Array | number[] = new Float64Array(3)): Float64Array | number[] {
  const e2 = F_EARTH * (2 - F_EARTH);
  const s = Math.sin(lat_rad), c = Math.cos(lat_rad);
  const N = R_EARTH_m / Math.sqrt(1 - e2 * s * s);
  out[0] = (N + h_m) * c * Math.cos(lon_rad);
  out[1] = (N + h_m) * c * Math.sin(lon_rad);
  out[2] = (N * (1 - e2) + h_m) * s;
  return out;
}

/** A station's fixed ECEF position, geodetic up and sin(mask), computed once. */
export interface StationGeometry {
  station: GroundStation;
  x_m: number; y_m: number; z_m: number;
  upX: number; upY: number; upZ: number;
  sinMask: number;
}

export function stationGeometry(s: GroundStation): StationGeometry {
  if (!(s.elevationMask_rad >= -Math.PI / 2 && s.elevationMask_rad < Math.PI / 2)) {
    throw new InputError('elevation mask out of range', { field: `${s.name}.elevationMask_rad`, expected: 'an angle in [−90°, 90°)', found: quoteFound(s.elevationMask_rad) }, 'E_RANGE');
  }
  if (!(s.downlinkRate_bps > 0 && Number.isInteger(s.terminals) && s.terminals >= 1 && s.cloudOutageProbability >= 0 && s.cloudOutageProbability <= 1)) {
    throw new InputError('bad ground station figures', { field: s.name, expected: 'downlinkRate_bps > 0, terminals ≥ 1 (integer), cloudOutageProbability in [0, 1]', found: quoteFound({ rate: s.downlinkRate_bps, terminals: s.terminals, cloud: s.cloudOutageProbability }) }, 'E_RANGE');
  }
  const p = geodeticToEcef(s.lat_rad, s.lon_rad, s.alt_m);
  const cl = Math.cos(s.lat_rad);
  return {
    station: s, x_m: p[0]!, y_m: p[1]!, z_m: p[2]!,
    upX: cl * Math.cos(s.lon_rad), upY: cl * Math.sin(s.lon_rad), upZ: Math.sin(s.lat_rad),
    sinMask: Math.sin(s.elevationMask_rad),
  };
}

/** Elevation [rad] of an ECEF point seen from a station. */
export function elevation_rad(g: StationGeometry, x_m: number, y_m: number, z_m: number): number {
  const dx = x_m - g.x_m, dy = y_m - g.y_m, dz = z_m - g.z_m;
  const up = dx * g.upX + dy * g.upY + dz * g.upZ;
  // atan2 of the vertical and horizontal parts: asin(up/range) loses ~1e-8 rad near the zenith.
  return Math.atan2(up, Math.hypot(dx - up * g.upX, dy - up * g.upY, dz - up * g.upZ));
}

const MAX_TERMINALS = 64;
const topRow = new Int32Array(MAX_TERMINALS), topSin = new Float64Array(MAX_TERMINALS), topRange = new Float64Array(MAX_TERMINALS);

/**
 * For each station, the (at most `terminals`) highest satellites in view among ECEF rows
 * [from, to) with status Ok become edges: satellite row ↔ node stationNodeBase + station index,
 * latency = slant range / c, capacity = the terminal's rate. Returns the number of edges pushed.
 *
 * The elevation test is done on squares (in view when up ≥ 0 and up² ≥ sin²(mask)·range² for a
 * mask ≥ 0), so the square root is taken only for the few satellites in view: at 10,000
 * satellites and five stations a root per satellite above the horizon was the largest part of the
 * twin's network update. ground.test.ts holds it to a plain elevation-angle reference.
 */
export function pushGroundEdges(stations: readonly StationGeometry[], ecef: EcefColumns, status: Uint8Array, from: number, to: number, stationNodeBase: number, out: EdgeList): number {
  let pushed = 0;
  const { x_m, y_m, z_m } = ecef;
  for (let g = 0; g < stations.length; g++) {
    const st = stations[g]!;
    const k = Math.min(st.station.terminals, MAX_TERMINALS);
    const m = st.sinMask, m2 = m * m, sx = st.x_m, sy = st.y_m, sz = st.z_m, ux = st.upX, uy = st.upY, uz = st.upZ;
    let have = 0;
    for (let r = from; r < to; r++) {
      const dx = x_m[r]! - sx, dy = y_m[r]! - sy, dz = z_m[r]! - sz;
      const up = dx * ux + dy * uy + dz * uz;
      if (m >= 0) {
        if (up <= 0) continue;
        if (up * up < m2 * (dx * dx + dy * dy + dz * dz)) continue;
      }
      if (status[r] !== Status.Ok) continue;
      const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const s = up / range;
      if (s < m) continue;
      if (have === k && s <= topSin[k - 1]!) continue;
      // Insertion into the sorted top-k (descending elevation).
      let j = have < k ? have++ : k - 1;
      while (j > 0 && topSin[j - 1]! < s) { topSin[j] = topSin[j - 1]!; topRow[j] = topRow[j - 1]!; topRange[j] = topRange[j - 1]!; j--; }
      topSin[j] = s; topRow[j] = r; topRange[j] = range;
    }
    for (let j = 0; j < have; j++) out.push(topRow[j]!, stationNodeBase + g, topRange[j]! / C_LIGHT_m_s, st.station.downlinkRate_bps, -1 - g);
    pushed += have;
  }
  return pushed;
}

/** Great-circle distance [m] on the mean sphere (haversine). */
export function greatCircle_m(lat1_rad: number, lon1_rad: number, lat2_rad: number, lon2_rad: number): number {
  const s1 = Math.sin((lat2_rad - lat1_rad) / 2), s2 = Math.sin((lon2_rad - lon1_rad) / 2);
  const h = s1 * s1 + Math.cos(lat1_rad) * Math.cos(lat2_rad) * s2 * s2;
  return 2 * R_EARTH_MEAN_m * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-way fibre latency [s] from a station to a city. */
export function fibreLatency_s(station: GroundStation, city: City): number {
  return (greatCircle_m(station.lat_rad, station.lon_rad, city.lat_rad, city.lon_rad) * FIBRE_ROUTE_FACTOR * FIBRE_GROUP_INDEX) / C_LIGHT_m_s;
}

/** A period during which a station has at least one satellite in view. */
export interface ContactWindow {
  startUtcMs: number;
  endUtcMs: number;
  /** Highest elevation of any satellite during the window [rad] (at the grid steps). */
  maxElevation_rad: number;
}

export interface StationContacts {
  station: string;
  windows: ContactWindow[];
  /** Fraction of the period with at least one satellite in view. */
  coverageFraction: number;
  /** Mean number of satellites in view. */
  meanVisible: number;
  /** Expected downlink volume per day [bit]: Σ min(visible, terminals)·rate·dt·(1 − cloud) per day. */
  dailyVolume_bits: number;
}

export interface ContactOptions {
  startUtcMs: number;
  endUtcMs: number;
  step_s: number;
  /** Satellite rows [from, to) to consider (default the whole fleet). */
  from?: number;
  to?: number;
}

/**
 * Contact windows and downlink volume of every station over a period. `propagate(utcMs)` returns
 * the fleet at that instant (inertial, as the J2 stepper or SGP4 leave it). Window ends are
 * refined by linear interpolation of (highest elevation − mask) between grid steps (a window
 * shorter than one step can be missed: choose step_s below the shortest pass, ~1 min at LEO).
 */
export function contactAnalysis(stations: readonly GroundStation[], propagate: (utcMs: number) => FleetState, o: ContactOptions): StationContacts[] {
  if (!(o.endUtcMs > o.startUtcMs && o.step_s > 0)) {
    throw new InputError('empty contact period', { field: 'period', expected: 'end after start and step_s > 0', found: `${formatIsoUtc(o.startUtcMs)} → ${formatIsoUtc(o.endUtcMs)}, step ${o.step_s} s` }, 'E_ARGUMENT');
  }
  const geo = stations.map(stationGeometry);
  const G = geo.length;
  const steps = Math.ceil((o.endUtcMs - o.startUtcMs) / (o.step_s * 1000));
  const open = new Float64Array(G).fill(Number.NaN), openMax = new Float64Array(G);
  const prevMargin = new Float64Array(G).fill(Number.NaN);
  const inView = new Float64Array(G), visSum = new Float64Array(G), volume = new Float64Array(G);
  const windows: ContactWindow[][] = geo.map(() => []);
  let ecef: EcefColumns | null = null;
  let prevT = o.startUtcMs;
  for (let k = 0; k <= steps; k++) {
    const t = Math.min(o.endUtcMs, o.startUtcMs + k * o.step_s * 1000);
    const dt_s = k === 0 ? 0 : (t - prevT) / 1000;
    const fleet = propagate(t);
    if (!ecef || ecef.x_m.length < fleet.count) ecef = makeEcefColumns(fleet.count, true);
    inertialToEcef(fleet, t, ecef);
    const from = o.from ?? 0, to = o.to ?? fleet.count;
    for (let g = 0; g < G; g++) {
      const st = geo[g]!;
      let visible = 0, best = -1;
      for (let r = from; r < to; r++) {
        if (fleet.status[r] !== Status.Ok) continue;
        const dx = ecef.x_m[r]! - st.x_m, dy = ecef.y_m[r]! - st.y_m, dz = ecef.z_m[r]! - st.z_m;
        const s = (dx * st.upX + dy * st.upY + dz * st.upZ) / Math.hypot(dx, dy, dz);
        if (s > best) best = s;
        if (s >= st.sinMask) visible++;
      }
      const margin = Math.asin(Math.max(-1, best)) - st.station.elevationMask_rad;
      // Trapezoid-free: the state at the end of each step stands for the step (dt ≤ step_s).
      if (dt_s > 0) {
        visSum[g]! += visible * dt_s;
        if (visible > 0) inView[g]! += dt_s;
        const cloud = st.station.kind === 'optical' ? 1 - st.station.cloudOutageProbability : 1;
        volume[g]! += Math.min(visible, st.station.terminals) * st.station.downlinkRate_bps * dt_s * cloud;
      }
      const pm = prevMargin[g]!;
      const cross = (): number => (Number.isNaN(pm) || pm === margin ? t : prevT + ((t - prevT) * pm) / (pm - margin));
      if (margin >= 0 && Number.isNaN(open[g]!)) { open[g] = k === 0 ? t : cross(); openMax[g] = margin; }
      if (margin >= 0) openMax[g] = Math.max(openMax[g]!, margin);
      if (margin < 0 && !Number.isNaN(open[g]!)) {
        windows[g]!.push({ startUtcMs: open[g]!, endUtcMs: cross(), maxElevation_rad: openMax[g]! + st.station.elevationMask_rad });
        open[g] = Number.NaN;
      }
      prevMargin[g] = margin;
    }
    prevT = t;
  }
  const span_s = (o.endUtcMs - o.startUtcMs) / 1000;
  return geo.map((st, g) => {
    if (!Number.isNaN(open[g]!)) windows[g]!.push({ startUtcMs: open[g]!, endUtcMs: o.endUtcMs, maxElevation_rad: openMax[g]! + st.station.elevationMask_rad });
    return {
      station: st.station.name, windows: windows[g]!,
      coverageFraction: inView[g]! / span_s, meanVisible: visSum[g]! / span_s,
      dailyVolume_bits: (volume[g]! / span_s) * 86_400,
    };
  });
}
