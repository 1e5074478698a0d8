/**
 * The twin's radiation event stage (engine.ts): per-chip event streams (seeded Poisson in dose)
 * over each step from the dose increments of the fused pass; events with a restart go to the
 * event queue (the chip goes down), all are counted and logged.
 *
 * Streams: per chip (ChipRadiation, one stream per chip and event kind) when the fleet carries at
 * most `chipStreamLimit` accelerators; beyond that (a million satellites × 100 chips) per
 * satellite, one stream per kind with n times the chip rate, the struck chip drawn uniformly
 * (engine.ts drainEvents). Both are the same process (superposition of independent Poisson
 * processes in the same dose); only the draws differ. Dose limits are not crossed here (limits
 * Infinity): all chips of a satellite share its dose, so the engine tracks them per satellite.
 */
import {
  ChipRadiation, EVENT_TYPES, RadiationEventBuffer, type EventTally,
} from '../spacecraft/radiation-effects.js';
import type { BuiltFleet } from './build.js';
import { RESTART_S, TwinEvent, type BoundedEventLog, type EventQueue } from './events.js';
import { EVENTS_COLUMN0 } from './metrics.js';

export class TwinRadiation {
  /** The streams (null: no accelerators). */
  readonly chipRad: ChipRadiation | null;
  readonly mode: 'per-chip' | 'per-satellite' | 'none';
  /** Per chip, 1 while down (per-chip streams); null with per-satellite streams or none. */
  readonly chipIsDown: Uint8Array | null;
  /** The step's events (chip rows, or satellite rows with per-satellite streams). */
  readonly buf = new RadiationEventBuffer(1024);
  /** Counts of the events with no lasting effect (restart 0 s: SDC), once the event log is full. */
  private readonly tally: EventTally;
  /** Restart time per radiation event code [s] (RESTART_S as an array). */
  private readonly restart_s = Float64Array.from({ length: EVENT_TYPES }, (_, k) => RESTART_S[k] ?? 0);

  /** @param events per satellite and kind, [sat·EVENT_TYPES + kind] (PerSatelliteAccumulators.events). */
  constructor(built: BuiltFleet, seed: number, chipStreamLimit: number, private readonly events: Uint32Array) {
    let totalChips = 0;
    for (const c of built.constellations) totalChips += (c.to - c.from) * c.chips;
    const noLimits = { hbmIrregular_rad: Infinity, testedNoHardFailure_rad: Infinity };
    if (totalChips === 0) {
      this.chipRad = null;
      this.mode = 'none';
      this.chipIsDown = null;
    } else if (totalChips <= chipStreamLimit) {
      const satOfChip = new Int32Array(totalChips);
      let k = 0;
      for (const c of built.constellations) for (let s = c.from; s < c.to; s++) for (let j = 0; j < c.chips; j++) satOfChip[k++] = s;
      this.chipRad = new ChipRadiation(satOfChip, { seed, limits: noLimits });
      this.mode = 'per-chip';
      this.chipIsDown = new Uint8Array(totalChips);
    } else {
      const sats: number[] = [];
      const factor: number[] = [];
      for (const c of built.constellations) if (c.chips > 0) for (let s = c.from; s < c.to; s++) { sats.push(s); factor.push(c.chips); }
      this.chipRad = new ChipRadiation(Int32Array.from(sats), { seed, limits: noLimits, doseFactor: Float64Array.from(factor) });
      this.mode = 'per-satellite';
      this.chipIsDown = null;
    }
    let mask = 0;
    for (let k = 0; k < EVENT_TYPES; k++) if (this.restart_s[k] === 0) mask |= 1 << k;
    this.tally = { kindMask: mask, perSatellite: events, perKind: new Float64Array(EVENT_TYPES) };
  }

  /**
   * Events over [t, t + dt) from the dose increments `doseInc`: counted into the step's values
   * (`v`, StepReducer.values) and the log, those with a restart queued. Once the log is full,
   * events with no lasting effect (restart 0 s: SDC) are only counted (EventTally), not buffered
   * one by one: at a million satellites that is ~150,000 a step, and the outputs are the same.
   * `allEvents`: the compute stage needs every event (an SDC hits a job), so nothing is only counted.
   */
  step(t: number, dt: number, doseInc: Float64Array, log: BoundedEventLog, q: EventQueue, v: Float64Array, allEvents: boolean): void {
    const cr = this.chipRad;
    if (!cr) return;
    const buf = this.buf;
    buf.clear();
    const logFull = log.count >= log.limit;
    const tally = logFull && this.tally.kindMask !== 0 && !allEvents ? this.tally : null;
    if (tally) tally.perKind.fill(0);
    const appended = cr.advance(t, dt, doseInc, buf, tally);
    if (tally) {
      for (let k = 0; k < EVENT_TYPES; k++) {
        const c = tally.perKind[k]!;
        if (c !== 0) { v[EVENTS_COLUMN0 + k]! += c; log.totals[k]! += c; }
      }
    }
    if (appended === 0) return;
    // Time order within the step matters only for the log's row order (the queue orders itself),
    // so the sort is skipped once the log is full: with 1e8 chips it was a fifth of the run.
    if (!logFull) buf.sortByTime();
    const ev = this.events, satOfChip = cr.satOfChip, perChip = this.chipIsDown !== null, restartOf = this.restart_s;
    for (let j = 0; j < buf.count; j++) {
      const kind = buf.type[j]!;
      if (kind >= EVENT_TYPES) continue;
      const c = buf.chip[j]!, s = satOfChip[c]!, te = buf.time_s[j]!;
      v[EVENTS_COLUMN0 + kind]! += 1;
      ev[s * EVENT_TYPES + kind]! += 1;
      log.add(te, kind, s);
      const restart = restartOf[kind]!;
      if (restart > 0) q.push(te, TwinEvent.ChipDown, s, perChip ? c : -1, restart);
    }
  }
}
