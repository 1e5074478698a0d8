/**
 * Options and run state of the replay core (replay-core.ts), shared with simulate.ts and metrics.ts.
 */
import type { ProgressSink } from '../core/progress.js';
import type { RadPerEvent } from '../spacecraft/radiation-effects.js';
import type { CheckpointPolicy } from './checkpoint.js';
import type { FleetCapacity } from './cluster.js';
import type { HardwareFaultRates } from './faults.js';
import type { EnergyModel, EnergySpec, SunlitSeries } from './forecast.js';
import type { FluidServer, TokenDemand } from './inference.js';
import type { JobTable } from './jobs.js';
import type { SchedulingPolicy } from './scheduler.js';

/** A satellite offline over [start_s, end_s) (manoeuvre, safe mode); end Infinity = failed for good. */
export interface Outage { sat: number; start_s: number; end_s: number }

export interface SimulationOptions {
  policy: SchedulingPolicy;
  /** Step [s]; default 60. */
  dt_s?: number;
  /** Start [s since the jobs' epoch]; default the first submit, floored to the grid. */
  start_s?: number;
  /** Stop here even if work remains [s]; default when all work is done, at most one year after the last submit. */
  end_s?: number;
  seed?: number;
  checkpoint?: CheckpointPolicy;
  faults?: {
    /** Per-chip hardware failure rates; 'llama3' = faults.ts's calibration; omit for none. */
    hardware?: HardwareFaultRates | 'llama3';
    /** Radiation: dose rate per satellite [rad(Si)/s] (one value or a column) and event rates. */
    radiation?: { doseRate_rad_s: number | Float64Array; radPerEvent?: Partial<RadPerEvent>; sdcDetection?: number };
    outages?: readonly Outage[];
    /** Probability that an SDC is detected, for radiation events pushed in from outside (ReplayCore.pushRadiationEvent); default DEFAULT_SDC_DETECTION. */
    sdcDetection?: number;
    /**
     * Per-chip rate of job interruptions from events pushed in from outside (radiation: detected
     * SDCs, HBM errors, crashes) [1/s], added to the hardware rate where Young/Daly intervals are
     * chosen. Default 0.
     */
    interruptRate_per_chip_s?: number;
  };
  /**
   * Power model: sunlit fraction per satellite over time, arrays, bus, battery. The forecast runs
   * every `forecastEvery_s` (default 600 s) over `forecastHorizon_s` (default two 95-minute
   * orbits); the guard (chips that may run for the next `guard_s`, default 3 steps, leaving the
   * bus its energy through the rest of the forecast) every step.
   */
  power?: EnergySpec & { sunlit: SunlitSeries; forecastHorizon_s?: number; forecastEvery_s?: number; guard_s?: number };
  inference?: { demand: TokenDemand; tokensPerChip_s: number; poolChips: number };
  progress?: ProgressSink;
  /** Sample the utilization/queue series every this many seconds (default 3,600). */
  sampleEvery_s?: number;
  /** Keep at most this many fault events in the timeline (default 10,000; all are counted). */
  maxTimeline?: number;
}

/** Default probability that an SDC is detected (ASSUMPTION: checksums and loss-spike detectors catch most; Gemini reports finding SDCs by replay). */
export const DEFAULT_SDC_DETECTION = 0.9;

/** Run state shared with metrics.ts. */
export interface RunState {
  jobs: JobTable;
  fleet: FleetCapacity;
  start_s: number;
  end_s: number;
  steps: number;
  busyChip_s: number;
  upChip_s: number;
  faultsByCause: Float64Array;
  interruptions: number;
  timeline: { time_s: number[]; cause: string[]; job: number[]; chip: number[] };
  series: { time_s: number[]; utilization: number[]; queued: number[]; running: number[] };
  energy: EnergyModel | null;
  shedJobs: number;
  migrations: number;
  inference: FluidServer | null;
  poolChip_s: number;
  unplaceable: number;
}
