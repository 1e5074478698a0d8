/**
 * What a twin run produces, in memory: the contract between the engine (src/twin/engine.ts) and
 * the writers (src/report/). Columns are typed arrays; units are in names and in `unit` fields.
 */
import type { ComputeRunMetrics } from './compute-stage.js';
import type { MaintenanceResult } from './health.js';

/** One time series: fleet-level values per recorded step. */
export interface SeriesColumn {
  /** Column name as written to series.csv, unit in the name (e.g. `generated_W`, `socMean_frac`). */
  name: string;
  /** Unit in words for axis labels ("W", "K", "rad(Si)", "count", "fraction"). */
  unit: string;
  description: string;
  values: Float64Array;
}

export interface SeriesTable {
  /** Seconds since the scenario epoch of each recorded row. */
  time_s: Float64Array;
  columns: SeriesColumn[];
}

/** Per-satellite end-of-run figures (one value per satellite, same order as `ids`). */
export interface PerSatelliteTable {
  ids: Uint32Array;
  names: string[];
  /** Constellation index of each satellite. */
  constellation: Int32Array;
  columns: SeriesColumn[];
}

/** Discrete events that happened (radiation upsets, shortfalls, failures), for plots and counts. */
export interface EventLog {
  /** Seconds since epoch of each event. */
  time_s: Float64Array;
  /** Event type code; names in `typeNames`. */
  type: Uint8Array;
  /** Satellite row of each event. */
  satellite: Int32Array;
  typeNames: string[];
  count: number;
}

/** Sampled positions of (a subset of) the fleet for CZML: ECEF? no — inertial of date, metres. */
export interface Tracks {
  ids: Uint32Array;
  names: string[];
  /** Seconds since epoch of each sample. */
  time_s: Float64Array;
  /** Positions [m], layout [sat][sample][xyz] flattened; frame is `frame`. */
  position_m: Float64Array;
  frame: 'ECI_OF_DATE' | 'TEME';
  /** Sunlit fraction per [sat][sample], to colour the tracks. */
  sunlit: Float32Array;
}

/**
 * Typed facts about the run for report headers and axes (summary.json carries the same, untyped).
 * Optional on RunResult so that writers work without it; the report then looks in `summary`.
 */
export interface RunMeta {
  scenarioName: string;
  description?: string;
  /** The scenario file as the user named it, or `preset:NAME`. */
  source?: string;
  epochUtcMs: number;
  duration_s: number;
  step_s: number;
  satelliteCount: number;
  seed?: number;
  /** Throttle limits drawn as lines on the temperature plot [K]. */
  chipMax_K?: number;
  radiatorMax_K?: number;
  /** Simulated time reached [s since epoch]: less than duration_s in a partial run. */
  reached_s?: number;
}

export interface RunResult {
  /** JSON-ready summary (summary.json): deterministic for a scenario and seed. */
  summary: Record<string, unknown>;
  /** Header facts for the report (added for src/report/html.ts; optional). */
  meta?: RunMeta;
  series: SeriesTable;
  perSatellite: PerSatelliteTable;
  events: EventLog;
  tracks: Tracks;
  /** True when the run stopped early (Ctrl-C); summary says where. */
  partial: boolean;
  /** Compute operations (scenarios with a `workload`): the scheduler's metrics, series and fault timeline. */
  compute?: ComputeRunMetrics;
  /** Predictive maintenance (health.ts): daily health trends, flagged satellites, the worst trend lines. */
  maintenance?: MaintenanceResult;
}
