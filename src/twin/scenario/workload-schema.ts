/**
 * The `workload` section of a scenario file (TypeBox → JSON Schema): what the fleet runs in a
 * twin run (`orbitdc run`), how it is scheduled, checkpointed and hit by faults. Optional: a
 * scenario without it runs every accelerator at full power, as before. Every default is stated
 * with its source in its description; "ASSUMPTION" marks orbitdc's own. schema.ts mounts it.
 *
 * Units as in the rest of the file: spans of days are ISO-8601 durations (`duration: P54D`),
 * seconds-scale times are plain numbers with `_s` (checkpoint cost), rates say what per.
 */
import { Type } from '@sinclair/typebox';

const Duration = (description: string) => Type.String({
  // The same grammar as the scenario's `duration` (schema.ts PATTERNS.duration).
  pattern: '^P(?=\\d|T\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?W)?(?:\\d+(?:\\.\\d+)?D)?(?:T(?=\\d)(?:\\d+(?:\\.\\d+)?H)?(?:\\d+(?:\\.\\d+)?M)?(?:\\d+(?:\\.\\d+)?S)?)?$',
  description,
});

const Scale = (what: string) => Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 1, description: `Multiplies ${what}. Default 1.` }));

export const TraceSourceSchema = Type.Object(
  {
    file: Type.String({
      minLength: 1,
      description: 'Trace file, relative to the scenario file: Philly or Alibaba 2023 GPU pods CSV (jobs), Azure LLM inference CSV or Mooncake JSONL (requests); the format is read from the header (src/compute/traces.ts documents each mapping).',
    }),
    time_scale: Scale('inter-arrival times (0.5 = twice the arrival rate)'),
    chip_scale: Scale('job chip counts (rounded, at least 1); job traces only'),
    work_scale: Scale('job run times; job traces only'),
    token_scale: Scale('request tokens; inference traces only'),
    shift: Type.Optional(Duration('When the trace\'s first arrival happens, counted from the scenario epoch (the trace keeps its own spacing). Default PT0S.')),
  },
  { additionalProperties: false, description: 'A workload trace replayed on the fleet.' },
);

export const TrainingRunSchema = Type.Object(
  {
    chips: Type.Integer({ minimum: 1, description: 'Accelerators the run holds (gang-scheduled inside one placement domain: a formation cluster or one satellite).' }),
    duration: Duration('Useful compute the run needs on those chips (checkpoints, restarts and lost work come on top), e.g. P54D: Llama 3 405B\'s 54 days on 16,384 H100s (Meta 2024).'),
    start: Type.Optional(Duration('Submit time after the scenario epoch. Default PT0S.')),
    deferrable: Type.Optional(Type.Boolean({ default: false, description: 'May wait for surplus sunlight under the power-aware policy. Default false.' })),
  },
  { additionalProperties: false, description: 'A frontier-style training run (src/compute/synthetic.ts frontierTrainingRun).' },
);

export const InferenceLoadSchema = Type.Object(
  {
    tokens_per_s: Type.Number({ minimum: 0, description: 'Mean token demand (prompt + generated) over a day [tokens/s].' }),
    peak_to_mean: Type.Optional(Type.Number({
      minimum: 1, maximum: 2, default: 1.5,
      description: 'Peak-to-mean ratio of the sinusoidal daily cycle (1 = flat). Default 1.5: ASSUMPTION (orbitdc), the order of the diurnal swing of the Azure LLM inference traces (Patel et al., Splitwise, 2024).',
    })),
    peak_hour_utc: Type.Optional(Type.Number({ minimum: 0, maximum: 24, default: 15, description: 'Hour of the daily peak, UTC. Default 15 (src/compute/synthetic.ts dailyInference).' })),
    tokens_per_request: Type.Optional(Type.Number({
      exclusiveMinimum: 0, default: 1250,
      description: 'Mean tokens per request: sets the request count and the latency target. Default 1,250 = 1,000 prompt + 250 generated (the Azure conversation trace\'s order, src/compute/synthetic.ts).',
    })),
    pool_chips: Type.Optional(Type.Integer({
      minimum: 0,
      description: 'Accelerators reserved for serving. Default: the daily peak × 1.25 ÷ tokens per chip per second, rounded up (ASSUMPTION: 25 % headroom).',
    })),
    tokens_per_chip_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      description: 'Tokens one accelerator serves per second. Default: its FLOP/s × 0.3 MFU ÷ (2 × 70e9 parameters), a 70B dense model (src/compute/inference.ts tokensPerChip_s; Kaplan et al. 2020 for 2·P FLOP per token).',
    })),
  },
  {
    additionalProperties: false,
    description: 'Inference demand with a daily cycle, served by a pool of accelerators (fluid model, src/compute/inference.ts); inference traces in `traces` add to it.',
  },
);

export const CheckpointSchema = Type.Object(
  {
    interval: Type.Optional(Type.Union([
      Type.Unsafe<'young-daly' | 'none'>({ type: 'string', enum: ['young-daly', 'none'] }),
      Type.Number({ exclusiveMinimum: 0 }),
    ], {
      default: 'young-daly',
      description: 'Compute time between checkpoints: "young-daly" = √(2·C·MTBF) from the job\'s chips and the failure rate (Young 1974, Daly 2006), a number = fixed interval [s], "none" = never. Default "young-daly".',
    })),
    cost_s: Type.Optional(Type.Number({
      minimum: 0, default: 60,
      description: 'Time to write one checkpoint [s]. Default 60 s: ASSUMPTION (src/compute/checkpoint.ts), an asynchronous checkpoint to host memory and storage.',
    })),
    restart_s: Type.Optional(Type.Number({
      minimum: 0, default: 300,
      description: 'Time to restart from a checkpoint after an interruption [s]. Default 300 s: ASSUMPTION (src/compute/checkpoint.ts), of the order large-run reports give.',
    })),
  },
  { additionalProperties: false, default: {}, description: 'Checkpoints of training jobs.' },
);

export const FaultsSchema = Type.Object(
  {
    sdc_detection: Type.Optional(Type.Number({
      minimum: 0, maximum: 1, default: 0.9,
      description: 'Probability that a silent data corruption is detected (→ roll back to the last checkpoint; undetected ones are counted). Default 0.9: ASSUMPTION (src/compute DEFAULT_SDC_DETECTION: checksums and loss-spike detectors catch most).',
    })),
    hardware: Type.Optional(Type.Union([
      Type.Unsafe<'llama3' | 'none'>({ type: 'string', enum: ['llama3', 'none'] }),
      Type.Number({ minimum: 0 }),
    ], {
      default: 'llama3',
      description: 'Hardware failures per chip per year, or "llama3": 419 unexpected interruptions on 16,384 H100s in 54 days (Meta 2024) = 0.173 per chip-year, 220 of them (GPU 148 + HBM3 72) permanent; or "none". Default "llama3".',
    })),
    permanent_fraction: Type.Optional(Type.Number({
      minimum: 0, maximum: 1, default: 0.525,
      description: 'Fraction of hardware failures that kill the chip (no repairs in orbit; a spare takes its place while spares last), the rest restart the job. Default 0.525 = 220/419 (Llama 3). Ignored for "llama3", which uses that split.',
    })),
    spares_per_satellite: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Cold spare accelerators per satellite. Default 0.' })),
  },
  { additionalProperties: false, default: {}, description: 'Faults on the chips that run jobs (radiation events come from the twin\'s radiation stage).' },
);

export const WorkloadSchema = Type.Object(
  {
    policy: Type.Optional(Type.Unsafe<'fifo' | 'backfill' | 'srf' | 'power-aware'>({
      type: 'string', enum: ['fifo', 'backfill', 'srf', 'power-aware'], default: 'power-aware',
      description: 'Scheduling policy (src/compute/scheduler.ts). Default "power-aware": EASY backfill that checkpoints and moves work before a satellite\'s battery would reach its floor.',
    })),
    traces: Type.Optional(Type.Array(TraceSourceSchema, { description: 'Workload traces (jobs or inference requests).' })),
    training: Type.Optional(Type.Array(TrainingRunSchema, { description: 'Frontier-style training runs.' })),
    inference: Type.Optional(InferenceLoadSchema),
    checkpoint: Type.Optional(CheckpointSchema),
    faults: Type.Optional(FaultsSchema),
    idle_power_fraction: Type.Optional(Type.Number({
      minimum: 0, maximum: 1, default: 0.15,
      description: 'Power of an idle (powered, unassigned) accelerator as a fraction of its full power. Default 0.15: ASSUMPTION (orbitdc), data-centre GPUs idle at roughly 10–20 % of their board power (an H100 SXM reads of the order of 70–100 W of 700 W idle).',
    })),
    sample_every_s: Type.Optional(Type.Number({ minimum: 60, default: 3600, description: 'Interval of the utilization and queue series [s]. Default 3,600 s.' })),
  },
  {
    additionalProperties: false,
    description: 'What the fleet runs: jobs and inference demand, scheduling policy, checkpoints, faults. Without it the twin runs every accelerator at full power.',
  },
);
