/**
 * The scenario's `workload` section (workload-schema.ts) normalised: SI seconds, absolute trace
 * paths, the checkpoint policy and fault rates in the form src/compute takes. Semantic checks
 * JSON Schema cannot make: trace files exist, runs start inside the mission, a workload is not
 * empty.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { CheckpointPolicy } from '../../compute/checkpoint.js';
import { llama3Rates, type HardwareFaultRates } from '../../compute/faults.js';
import type { PolicyName } from '../../compute/scheduler.js';
import type { PathSegment } from './overrides.js';
import type { Static } from '@sinclair/typebox';
import type { WorkloadSchema } from './workload-schema.js';

export type WorkloadFile = Static<typeof WorkloadSchema>;

const S_PER_JULIAN_YEAR = 365.25 * 86_400;

export interface TraceSourceSpec {
  /** Absolute path. */
  path: string;
  timeScale: number;
  chipScale: number;
  workScale: number;
  tokenScale: number;
  /** First arrival of the trace, seconds after the scenario epoch [s]. */
  shift_s: number;
}

export interface TrainingRunSpec {
  chips: number;
  /** Useful compute on those chips [s]. */
  work_s: number;
  /** Submit time after the epoch [s]. */
  submit_s: number;
  deferrable: boolean;
}

export interface InferenceLoadSpec {
  meanTokens_per_s: number;
  peakToMean: number;
  peakHourUtc: number;
  tokensPerRequest: number;
  /** Null: sized from the peak (schema description). */
  poolChips: number | null;
  /** Null: from the accelerator's FLOP/s. */
  tokensPerChip_s: number | null;
}

export interface WorkloadSpec {
  policy: PolicyName;
  traces: TraceSourceSpec[];
  training: TrainingRunSpec[];
  inference: InferenceLoadSpec | null;
  checkpoint: CheckpointPolicy;
  faults: {
    sdcDetection: number;
    /** Null: no hardware failures. */
    hardware: HardwareFaultRates | null;
    /** How the rates were given: 'llama3', 'per-chip-year' or 'none'. */
    hardwareSource: 'llama3' | 'per-chip-year' | 'none';
    sparesPerSatellite: number;
  };
  idlePowerFraction: number;
  sampleEvery_s: number;
}

export interface WorkloadIssue { path: PathSegment[]; message: string; expected?: string; found?: string }

/**
 * Normalise a validated `workload` section (schema defaults applied). `span_s(text)` turns an
 * ISO-8601 duration into seconds from the scenario epoch (null when unreadable); `baseDir` is where
 * relative trace paths start; `duration_s` is the mission length (NaN when unknown).
 */
export function normaliseWorkload(
  w: WorkloadFile,
  ctx: { baseDir: string; duration_s: number; span_s: (text: string) => number | null },
  problems: WorkloadIssue[],
): WorkloadSpec {
  const at = (...p: PathSegment[]): PathSegment[] => ['workload', ...p];
  const span = (text: string | undefined, path: PathSegment[]): number => {
    if (text === undefined) return 0;
    const v = ctx.span_s(text);
    if (v === null) { problems.push({ path, message: 'not an ISO-8601 duration', expected: 'P54D, PT6H or P1DT12H', found: JSON.stringify(text) }); return 0; }
    return v;
  };
  const traces: TraceSourceSpec[] = (w.traces ?? []).map((t, i) => {
    const path = isAbsolute(t.file) ? t.file : resolvePath(ctx.baseDir, t.file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push({ path: at('traces', i, 'file'), message: 'trace file not found', expected: `a trace file, relative to ${ctx.baseDir}`, found: JSON.stringify(path) });
    }
    const shift_s = span(t.shift, at('traces', i, 'shift'));
    if (shift_s >= ctx.duration_s) problems.push({ path: at('traces', i, 'shift'), message: 'trace starts after the end of the mission', expected: `< ${ctx.duration_s} s`, found: `${shift_s} s` });
    return { path, timeScale: t.time_scale ?? 1, chipScale: t.chip_scale ?? 1, workScale: t.work_scale ?? 1, tokenScale: t.token_scale ?? 1, shift_s };
  });
  const training: TrainingRunSpec[] = (w.training ?? []).map((r, i) => {
    const work_s = span(r.duration, at('training', i, 'duration'));
    if (!(work_s > 0)) problems.push({ path: at('training', i, 'duration'), message: 'a training run needs work', expected: 'a positive duration such as P30D', found: JSON.stringify(r.duration) });
    const submit_s = span(r.start, at('training', i, 'start'));
    if (submit_s >= ctx.duration_s) problems.push({ path: at('training', i, 'start'), message: 'run starts after the end of the mission', expected: `< ${ctx.duration_s} s`, found: `${submit_s} s` });
    return { chips: r.chips, work_s, submit_s, deferrable: r.deferrable ?? false };
  });
  const inf = w.inference;
  const inference: InferenceLoadSpec | null = inf ? {
    meanTokens_per_s: inf.tokens_per_s,
    peakToMean: inf.peak_to_mean ?? 1.5,
    peakHourUtc: inf.peak_hour_utc ?? 15,
    tokensPerRequest: inf.tokens_per_request ?? 1250,
    poolChips: inf.pool_chips ?? null,
    tokensPerChip_s: inf.tokens_per_chip_s ?? null,
  } : null;
  if (traces.length === 0 && training.length === 0 && inference === null) {
    problems.push({ path: at(), message: 'workload has nothing to run', expected: 'at least one of traces, training, inference', found: '{}' });
  }
  const ck = w.checkpoint ?? {};
  const iv = ck.interval ?? 'young-daly';
  const checkpoint: CheckpointPolicy = typeof iv === 'number'
    ? { mode: 'fixed', interval_s: iv, cost_s: ck.cost_s ?? 60, restartCost_s: ck.restart_s ?? 300 }
    : { mode: iv, cost_s: ck.cost_s ?? 60, restartCost_s: ck.restart_s ?? 300 };
  const f = w.faults ?? {};
  const hw = f.hardware ?? 'llama3';
  let hardware: HardwareFaultRates | null = null;
  let hardwareSource: WorkloadSpec['faults']['hardwareSource'] = 'none';
  if (hw === 'llama3') { hardware = llama3Rates(); hardwareSource = 'llama3'; }
  else if (typeof hw === 'number' && hw > 0) {
    const perChip_s = hw / S_PER_JULIAN_YEAR, p = f.permanent_fraction ?? 0.525;
    hardware = { permanent_per_chip_s: perChip_s * p, transient_per_chip_s: perChip_s * (1 - p) };
    hardwareSource = 'per-chip-year';
  }
  return {
    policy: w.policy ?? 'power-aware',
    traces,
    training,
    inference,
    checkpoint,
    faults: { sdcDetection: f.sdc_detection ?? 0.9, hardware, hardwareSource, sparesPerSatellite: f.spares_per_satellite ?? 0 },
    idlePowerFraction: w.idle_power_fraction ?? 0.15,
    sampleEvery_s: w.sample_every_s ?? 3600,
  };
}
