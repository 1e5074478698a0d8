/**
 * The scenario's `network` section (network-schema.ts) normalised: SI units, the topology of
 * every constellation resolved (defaults by kind), link parameters over Suncatcher's budget,
 * built-in and custom ground stations as src/network's `GroundStation`. Semantic checks JSON
 * Schema cannot make: topology keys name constellations (did you mean), a topology fits its
 * constellation's kind, station names are unique, the link parameters are physical.
 */
import type { Static } from '@sinclair/typebox';
import { InputError } from '../../core/errors.js';
import { DEG_TO_RAD } from '../../core/units.js';
import { GROUND_STATIONS, type GroundStation } from '../../network/ground.js';
import { checkLinkParams, type OpticalLinkParams, SUNCATCHER_LINK } from '../../network/linkbudget.js';
import { DEFAULT_GRAZING_HEIGHT_m, DEFAULT_MAX_RANGE_m } from '../../network/topology.js';
import { didYouMean } from './errors.js';
import type { PathSegment } from './overrides.js';
import { TOPOLOGY_KINDS, type NetworkSchema } from './network-schema.js';

export type NetworkFile = Static<typeof NetworkSchema>;
export type TopologyKind = (typeof TOPOLOGY_KINDS)[number];

/** Defaults of the section (schema descriptions give the reasons). */
export const NETWORK_DEFAULTS = Object.freeze({
  cadence_s: 60,
  geometryCadence_s: 600,
  placementSpan: 4,
  jobBandwidth_bps: 100e9,
  bitsPerToken: 32,
});

export interface NetworkSpec {
  /** Seconds between network updates. */
  cadence_s: number;
  /** Seconds between full link evaluations (geometry, re-pointing, latency); a multiple of cadence_s. */
  geometryCadence_s: number;
  /** Topology of each constellation, by its position in `Scenario.constellations`. */
  topology: TopologyKind[];
  /** User-defined links: pairs of satellite names or "#ROW". */
  userLinks: Array<[string, string]>;
  link: OpticalLinkParams;
  repointing: boolean;
  grazingHeight_m: number;
  maxRange_m: number;
  stations: GroundStation[];
  /** Satellites per placement domain along a plane (plus-grid shells). */
  placementSpan: number;
  /** Bandwidth given to jobs larger than one satellite that declare none [bit/s]. */
  jobBandwidth_bps: number;
  /** Downlink bits per served inference token. */
  bitsPerToken: number;
}

export interface NetworkIssue { path: PathSegment[]; message: string; expected?: string; found?: string }

/** What the checks need of each constellation. */
export interface NetworkConstellationInfo { name: string; kind: 'catalog' | 'walker' | 'sso' | 'cluster' }

function defaultTopology(kind: NetworkConstellationInfo['kind']): TopologyKind {
  if (kind === 'walker' || kind === 'sso') return 'plus-grid';
  if (kind === 'cluster') return 'mesh';
  return 'none';
}

/**
 * Normalise a validated `network` section; null when `enabled: false`. Problems are pushed to
 * `problems`, located under `network`.
 */
export function normaliseNetwork(n: NetworkFile, constellations: readonly NetworkConstellationInfo[], problems: NetworkIssue[]): NetworkSpec | null {
  if (n.enabled === false) return null;
  const at = (...p: PathSegment[]): PathSegment[] => ['network', ...p];
  const names = constellations.map((c) => c.name);
  const given = n.topology ?? {};
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    const guess = didYouMean(key, names);
    problems.push({ path: at('topology', key), message: `no constellation named "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`, expected: `one of ${names.map((x) => JSON.stringify(x)).join(', ')}`, found: JSON.stringify(key) });
  }
  const topology = constellations.map((c) => {
    const t = given[c.name] ?? defaultTopology(c.kind);
    const fits = t === 'none' || (t === 'plus-grid' ? c.kind === 'walker' || c.kind === 'sso' : c.kind === 'cluster');
    if (!fits) problems.push({ path: at('topology', c.name), message: `topology "${t}" does not fit a ${c.kind} constellation`, expected: c.kind === 'cluster' ? '"mesh", "mesh-diagonals" or "none"' : c.kind === 'catalog' ? '"none" (catalogs carry no designed links; user links go in network.links)' : '"plus-grid" or "none"', found: JSON.stringify(t) });
    return t;
  });

  const l = n.link ?? {};
  const link: OpticalLinkParams = {
    transmitPower_W: l.transmit_power_W ?? SUNCATCHER_LINK.transmitPower_W,
    gainTx_dB: l.gain_tx_dB ?? SUNCATCHER_LINK.gainTx_dB,
    gainRx_dB: l.gain_rx_dB ?? SUNCATCHER_LINK.gainRx_dB,
    wavelength_m: l.wavelength_nm !== undefined ? l.wavelength_nm * 1e-9 : SUNCATCHER_LINK.wavelength_m,
    losses_dB: l.losses_dB ?? SUNCATCHER_LINK.losses_dB,
    energyPerBit_J: l.energy_per_bit_aJ !== undefined ? l.energy_per_bit_aJ * 1e-18 : SUNCATCHER_LINK.energyPerBit_J,
    maxRatePerBeam_bps: l.max_rate_per_beam_Gbps !== undefined ? l.max_rate_per_beam_Gbps * 1e9 : SUNCATCHER_LINK.maxRatePerBeam_bps,
    beamRadius_m: l.beam_radius_cm !== undefined ? l.beam_radius_cm / 100 : SUNCATCHER_LINK.beamRadius_m,
    maxBeams: l.max_beams ?? SUNCATCHER_LINK.maxBeams,
    acquisition_s: l.acquisition_s ?? SUNCATCHER_LINK.acquisition_s,
    slewRate_rad_s: l.slew_rate_deg_s !== undefined ? l.slew_rate_deg_s * DEG_TO_RAD : SUNCATCHER_LINK.slewRate_rad_s,
  };
  try {
    checkLinkParams(link, 'network.link');
  } catch (e) {
    const err = e as InputError;
    problems.push({ path: at('link'), message: err.message, expected: err.context.expected ?? '', found: `${err.context.field ?? ''} = ${err.context.found ?? ''}` });
  }

  const stations: GroundStation[] = (n.stations ?? GROUND_STATIONS.map((s) => s.name)).map((name) => GROUND_STATIONS.find((s) => s.name === name)).filter((s): s is GroundStation => s !== undefined);
  const seen = new Map<string, PathSegment[]>();
  (n.stations ?? []).forEach((name, i) => {
    if (seen.has(name)) problems.push({ path: at('stations', i), message: 'station listed twice', expected: 'each station once', found: JSON.stringify(name) });
    seen.set(name, at('stations', i));
  });
  (n.custom_stations ?? []).forEach((s, i) => {
    if (seen.has(s.name) || GROUND_STATIONS.some((g) => g.name === s.name)) {
      problems.push({ path: at('custom_stations', i, 'name'), message: 'station name already used (built-in stations go in network.stations)', expected: 'a new name', found: JSON.stringify(s.name) });
    }
    seen.set(s.name, at('custom_stations', i));
    const kind = s.kind ?? 'rf';
    stations.push({
      name: s.name, lat_rad: s.latitude_deg * DEG_TO_RAD, lon_rad: s.longitude_deg * DEG_TO_RAD, alt_m: s.altitude_m ?? 0,
      elevationMask_rad: (s.elevation_mask_deg ?? 10) * DEG_TO_RAD, kind, downlinkRate_bps: (s.downlink_Gbps ?? 10) * 1e9,
      terminals: s.terminals ?? 2, cloudOutageProbability: s.cloud_outage ?? 0, source: 'scenario file (network.custom_stations)',
    });
  });

  const g = n.geometry ?? {};
  return {
    cadence_s: n.cadence_s ?? NETWORK_DEFAULTS.cadence_s,
    geometryCadence_s: n.geometry_cadence_s ?? NETWORK_DEFAULTS.geometryCadence_s,
    topology,
    userLinks: (n.links ?? []).map((p) => [p[0] ?? '', p[1] ?? ''] as [string, string]),
    link,
    repointing: n.repointing ?? true,
    grazingHeight_m: g.grazing_height_km !== undefined ? g.grazing_height_km * 1e3 : DEFAULT_GRAZING_HEIGHT_m,
    maxRange_m: g.max_range_km !== undefined ? g.max_range_km * 1e3 : DEFAULT_MAX_RANGE_m,
    stations,
    placementSpan: n.placement_span ?? NETWORK_DEFAULTS.placementSpan,
    jobBandwidth_bps: n.job_bandwidth_Gbps !== undefined ? n.job_bandwidth_Gbps * 1e9 : NETWORK_DEFAULTS.jobBandwidth_bps,
    bitsPerToken: n.bits_per_token ?? NETWORK_DEFAULTS.bitsPerToken,
  };
}
