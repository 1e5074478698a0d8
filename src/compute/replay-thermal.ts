/**
 * The replay core's thermal caps (replay-core.ts ReplayCore.setThermalCap): thermal headroom per
 * satellite from an outside world model (the twin's radiator, src/twin/compute-thermal.ts), a cap
 * like the power cap, the lower of the two holding. Two caps per satellite [chips]: new work is
 * placed up to `cap` (what the radiator sustains; chips above are PARKED), and running jobs stop
 * only beyond `keep` (what it carries over the coming step, ≥ cap), so that a job started on
 * sustainable headroom is not stopped by a passing change. Kept until set again.
 */
import { Status } from '../core/status.js';
import type { FleetCapacity } from './cluster.js';

export class ThermalCaps {
  /** Placement cap per satellite [chips]; null until a caller sets one. */
  private cap: Int32Array | null = null;
  /** Running chips kept per satellite [chips]; null with `cap`. */
  private keepCap: Int32Array | null = null;
  /** Chips the thermal cap withholds at the current boundary (alive, on satellites up, within the power cap). */
  withheld = 0;
  /** Running chips satellite s keeps at this boundary (set by `place`). */
  keep = 0;

  /** @param maxChips chips per satellite (the caps never exceed them). */
  constructor(private readonly maxChips: Int32Array) {}

  /** Whether a caller has set caps. */
  get active(): boolean {
    return this.cap !== null;
  }

  /** No thermal cap from the next boundary on (the power cap alone). */
  clear(): void {
    this.cap = null;
    this.keepCap = null;
  }

  set(s: number, chips: number, keepChips = chips): void {
    if (!this.cap || !this.keepCap) { this.cap = Int32Array.from(this.maxChips); this.keepCap = Int32Array.from(this.maxChips); }
    const m = this.maxChips[s]!;
    this.keepCap[s] = Math.max(0, Math.min(m, Math.floor(keepChips)));
    this.cap[s] = Math.max(0, Math.min(this.keepCap[s]!, Math.floor(chips)));
  }

  /**
   * Satellite s's placement cap from the chips its power affords, lowered to its thermal cap when
   * one is set; `keep` becomes the running chips it keeps. Counts the chips the heat alone withholds.
   */
  place(s: number, powerAfford: number, F: FleetCapacity): number {
    const h = this.cap, k = this.keepCap;
    let place = powerAfford, keep = powerAfford;
    if (h && k) {
      keep = Math.min(powerAfford, k[s]!);
      const heat = Math.min(h[s]!, keep);
      if (heat < place) {
        if (F.satStatus[s] === Status.Ok) this.withheld += Math.min(place, F.alive[s]!) - Math.min(heat, F.alive[s]!);
        place = heat;
      }
    }
    this.keep = keep;
    return place;
  }
}
