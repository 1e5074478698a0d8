/**
 * Track sampling for fleet.czml (engine.ts): up to `maxTrackSatellites` rows spread evenly over
 * the fleet, positions (ECI of date [m]) and sunlit fraction sampled every ≥ 60 s over the track
 * window from the epoch. One preallocated buffer per column: nothing is allocated per step.
 */
import type { FleetState } from '../core/fleet.js';
import type { Tracks } from './results.js';

export class TrackSampler {
  /** Fleet rows sampled. */
  readonly rows: Int32Array;
  /** Steps between samples. */
  readonly every: number;
  /** Most samples (the window's). */
  readonly max: number;
  /** Samples taken. */
  count = 0;
  private readonly time: Float64Array;
  private readonly pos: Float64Array;
  private readonly sun: Float32Array;

  /** @param n fleet rows; @param window_s span sampled from the epoch [s] (cut to the run). */
  constructor(n: number, stepCount: number, dt_s: number, maxSatellites: number, window_s: number) {
    const nt = Math.min(n, maxSatellites);
    this.rows = Int32Array.from({ length: nt }, (_, j) => Math.floor((j * n) / nt));
    this.every = Math.max(1, Math.ceil(60 / dt_s));
    const w = Math.min(window_s, stepCount * dt_s);
    this.max = Math.min(stepCount, Math.floor(w / (this.every * dt_s)) + 1);
    this.time = new Float64Array(this.max);
    this.pos = new Float64Array(nt * this.max * 3);
    this.sun = new Float32Array(nt * this.max);
  }

  /** Whether step k is sampled. */
  due(k: number): boolean {
    return k % this.every === 0 && this.count < this.max;
  }

  sample(t: number, f: FleetState, nu: Float64Array): void {
    const k = this.count++, m = this.max;
    this.time[k] = t;
    for (let j = 0; j < this.rows.length; j++) {
      const r = this.rows[j]!, o = (j * m + k) * 3;
      this.pos[o] = f.x_m[r]!; this.pos[o + 1] = f.y_m[r]!; this.pos[o + 2] = f.z_m[r]!;
      this.sun[j * m + k] = nu[r]!;
    }
  }

  /** Tracks sampled so far (copies trimmed to the samples taken). */
  tracks(f: FleetState): Tracks {
    const nt = this.rows.length, m = this.max, k = this.count;
    const pos = new Float64Array(nt * k * 3), sun = new Float32Array(nt * k);
    for (let j = 0; j < nt; j++) {
      pos.set(this.pos.subarray(j * m * 3, (j * m + k) * 3), j * k * 3);
      sun.set(this.sun.subarray(j * m, j * m + k), j * k);
    }
    const ids = Uint32Array.from(this.rows, (r) => f.id[r]!);
    const names = Array.from(this.rows, (r) => f.names[r] || `SAT-${f.id[r]}`);
    return { ids, names, time_s: this.time.slice(0, k), position_m: pos, frame: 'ECI_OF_DATE', sunlit: sun };
  }
}
