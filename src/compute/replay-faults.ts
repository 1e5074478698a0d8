/**
 * The replay core's fault sources (replay-core.ts): per step [t0, t1), the faults that hit
 * powered chips, from three processes merged in time order (faults.ts FaultEvents.sort, a
 * deterministic order): seeded hardware failures (faults.ts HardwareFaults), the replay's own
 * radiation (radiation-effects.ts ChipRadiation, the satellite's dose rate over the step; none on
 * failed satellites) and radiation events pushed in from outside (the twin's, pushRadiation).
 *
 * A radiation event becomes a fault cause by faults.ts causeOfRadEvent: an SDC is detected with
 * the run's probability (one uniform draw per event from the 'replay' stream of the seed, in the
 * order the events arrive). Chips that are parked or on a satellite that is not up take no faults.
 */
import { Rng } from '../core/rng.js';
import { Status } from '../core/status.js';
import { ChipRadiation, RadiationEventBuffer } from '../spacecraft/radiation-effects.js';
import type { FleetCapacity } from './cluster.js';
import { causeOfRadEvent, FaultEvents, HardwareFaults, llama3Rates } from './faults.js';
import { DEFAULT_SDC_DETECTION, type SimulationOptions } from './replay-options.js';

export class FaultSources {
  private readonly hw: HardwareFaults | null;
  private readonly rad: ChipRadiation | null;
  private readonly radBuf = new RadiationEventBuffer(64);
  private readonly radDose: Float64Array | null = null;
  private readonly radRate: Float64Array | null = null;
  private readonly sdcDetect: number;
  private readonly rng: Rng;
  private readonly events = new FaultEvents();
  private readonly external = new FaultEvents();
  /** Per-chip rate of job interruptions [1/s]: hardware, plus the rate declared for events pushed in from outside (Young/Daly). */
  readonly ratePerChip_s: number;

  constructor(private readonly fleet: FleetCapacity, faults: SimulationOptions['faults'], seed: number) {
    this.rng = new Rng(seed).fork('replay');
    const hwRates = faults?.hardware === 'llama3' ? llama3Rates() : faults?.hardware;
    this.hw = hwRates ? new HardwareFaults(hwRates, fleet.chipCount, seed) : null;
    this.ratePerChip_s = (this.hw?.ratePerChip_per_s ?? 0) + (faults?.interruptRate_per_chip_s ?? 0);
    const rad = faults?.radiation;
    if (rad) {
      this.rad = new ChipRadiation(fleet.satOfChip, { seed, ...(rad.radPerEvent ? { radPerEvent: rad.radPerEvent } : {}) });
      this.radRate = typeof rad.doseRate_rad_s === 'number' ? new Float64Array(fleet.satCount).fill(rad.doseRate_rad_s) : rad.doseRate_rad_s;
      this.radDose = new Float64Array(fleet.satCount);
    } else this.rad = null;
    this.sdcDetect = rad?.sdcDetection ?? faults?.sdcDetection ?? DEFAULT_SDC_DETECTION;
  }

  /** Chip c can take a fault: not parked (owner −3) and on a satellite that is up. */
  readonly poweredChip = (c: number): boolean => {
    const F = this.fleet;
    return F.owner[c]! !== -3 && F.satStatus[F.satOfChip[c]!] === Status.Ok;
  };

  /** A radiation event (radiation-effects.ts code) from outside, for the next `collect` that covers it. */
  pushRadiation(time_s: number, chip: number, code: number): void {
    if (!this.poweredChip(chip)) return;
    this.external.push(time_s, chip, causeOfRadEvent(code, this.sdcDetect, this.rng.uniform()));
  }

  /** The faults of [t0, t1), sorted (`order`); empty (count 0) when none. */
  collect(t0: number, t1: number): FaultEvents {
    const ev = this.events;
    ev.count = 0;
    this.hw?.emit(t1, this.poweredChip, ev);
    if (this.rad && this.radDose && this.radRate) {
      const F = this.fleet;
      for (let s = 0; s < F.satCount; s++) this.radDose[s] = F.satStatus[s] === Status.Failed ? 0 : this.radRate[s]! * (t1 - t0);
      this.radBuf.clear();
      this.rad.advance(t0, t1 - t0, this.radDose, this.radBuf);
      for (let i = 0; i < this.radBuf.count; i++) {
        const c = this.radBuf.chip[i]!;
        if (!this.poweredChip(c)) continue;
        ev.push(this.radBuf.time_s[i]!, c, causeOfRadEvent(this.radBuf.type[i]!, this.sdcDetect, this.rng.uniform()));
      }
    }
    const x = this.external;
    for (let i = 0; i < x.count; i++) ev.push(x.time_s[i]!, x.chip[i]!, x.cause[i]!);
    x.count = 0;
    if (ev.count > 0) ev.sort();
    return ev;
  }
}
