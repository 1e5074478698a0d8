/**
 * Synthetic workloads: frontier training runs (thousands of chips for months), a batch mix with
 * Poisson arrivals (for tests and what-ifs), inference demand with a daily cycle; and the
 * transformations that apply to any workload: scaling (arrival rate, job size, duration, tokens)
 * and shifting in time. All seeded: the same seed gives the same workload.
 */
import { OrbitdcError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { S_PER_DAY } from '../core/units.js';
import { DEFAULT_LATENCY_TARGET, InferenceRequests, latencyTarget_s, type LatencyTarget } from './inference.js';
import { JobKind, JobTable, type JobInput } from './jobs.js';

/**
 * One frontier training run. Defaults follow REFERENCES.md: Llama 3 405B ran on 16,384 H100s
 * for 54 days (Meta 2024); frontier runs last ~6 months (news of 2026).
 */
export function frontierTrainingRun(o: Partial<JobInput> & { chips?: number; work_s?: number } = {}, table = new JobTable(4)): JobTable {
  table.add({ submit_s: 0, chips: 16_384, work_s: 54 * S_PER_DAY, kind: JobKind.Training, tenant: 'frontier', ...o });
  return table;
}

export interface BatchMixOptions {
  seed: number;
  jobs: number;
  /** Mean arrivals per second (Poisson process). */
  rate_per_s: number;
  /** Chip counts and their weights (default: Philly-like 1/2/4/8 GPUs, 93/2/2/3 %). */
  chipChoices?: readonly number[];
  chipWeights?: readonly number[];
  /** Work is log-uniform in [min, max] [s] (default 60 s – 2 days). */
  workMin_s?: number;
  workMax_s?: number;
  /** Fraction of jobs marked deferrable (default 0). */
  deferrableFraction?: number;
}

/** A mix of batch jobs with Poisson arrivals and log-uniform run times. */
export function batchMix(o: BatchMixOptions): JobTable {
  const rng = new Rng(o.seed).fork('batch-mix');
  const choices = o.chipChoices ?? [1, 2, 4, 8];
  const weights = o.chipWeights ?? [0.93, 0.02, 0.02, 0.03];
  if (choices.length !== weights.length || choices.length === 0) throw new OrbitdcError('E_ARGUMENT', 'chipChoices and chipWeights must have the same non-zero length', { field: 'chipWeights', expected: `${choices.length} weights`, found: String(weights.length) });
  const wsum = weights.reduce((a, b) => a + b, 0);
  const lo = Math.log(o.workMin_s ?? 60), hi = Math.log(o.workMax_s ?? 2 * S_PER_DAY);
  const t = new JobTable(o.jobs);
  let clock = 0;
  for (let i = 0; i < o.jobs; i++) {
    clock += rng.exponential(o.rate_per_s);
    let u = rng.uniform() * wsum, k = 0;
    while (k < choices.length - 1 && u >= weights[k]!) { u -= weights[k]!; k++; }
    t.add({ submit_s: clock, chips: choices[k]!, work_s: Math.exp(rng.range(lo, hi)), deferrable: rng.uniform() < (o.deferrableFraction ?? 0) });
  }
  return t;
}

export interface DailyInferenceOptions {
  seed: number;
  days: number;
  /** Mean request rate over a day [1/s]. */
  meanRate_per_s: number;
  /** Peak-to-mean ratio of the sinusoidal daily cycle (1 = flat; default 1.5). */
  peakToMean?: number;
  /** Hour of the peak, UTC (default 15). */
  peakHourUtc?: number;
  /** Mean prompt and generated tokens per request (geometric; defaults 1,000 and 250: the Azure conv trace's order). */
  meanInputTokens?: number;
  meanOutputTokens?: number;
  latency?: LatencyTarget;
}

/**
 * Inference requests with a daily cycle: a non-homogeneous Poisson process with rate
 * mean × (1 + a·cos(2π(t − peak)/day)), a = peakToMean − 1 (≤ 1), drawn by thinning
 * (Lewis & Shedler 1979) against the peak rate.
 */
export function dailyInference(o: DailyInferenceOptions): InferenceRequests {
  const a = Math.min(1, Math.max(0, (o.peakToMean ?? 1.5) - 1));
  const peak_s = (o.peakHourUtc ?? 15) * 3600;
  const rng = new Rng(o.seed).fork('daily-inference');
  const lat = o.latency ?? DEFAULT_LATENCY_TARGET;
  const maxRate = o.meanRate_per_s * (1 + a), end = o.days * S_PER_DAY;
  const req = new InferenceRequests(Math.ceil(o.meanRate_per_s * end * 1.1) + 16);
  const geo = (mean: number): number => Math.max(1, Math.round(rng.exponential(1 / mean)));
  for (let t = rng.exponential(maxRate); t < end; t += rng.exponential(maxRate)) {
    const rate = o.meanRate_per_s * (1 + a * Math.cos((2 * Math.PI * (t - peak_s)) / S_PER_DAY));
    if (rng.uniform() * maxRate > rate) continue;
    const out = geo(o.meanOutputTokens ?? 250);
    req.add(t, geo(o.meanInputTokens ?? 1000), out, latencyTarget_s(out, lat));
  }
  req.epochUtcMs = 0;
  return req;
}

export interface ScaleOptions {
  /** Multiply inter-arrival times (0.5 = twice the arrival rate). Default 1. */
  timeScale?: number;
  /** Multiply chip counts (rounded, at least 1). Default 1. */
  chipScale?: number;
  /** Multiply work. Default 1. */
  workScale?: number;
  /** Shift all submit times by this [s] (after scaling). Default 0. */
  shift_s?: number;
}

/** A scaled and shifted copy of a job table (input columns only). */
export function transformJobs(src: JobTable, o: ScaleOptions): JobTable {
  const out = src.select();
  const ts = o.timeScale ?? 1, cs = o.chipScale ?? 1, ws = o.workScale ?? 1, sh = o.shift_s ?? 0;
  for (const [name, v] of [['timeScale', ts], ['chipScale', cs], ['workScale', ws]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new OrbitdcError('E_ARGUMENT', 'scale must be finite and > 0', { field: name, expected: '> 0', found: String(v) });
  }
  for (let i = 0; i < out.count; i++) {
    out.submit_s[i] = out.submit_s[i]! * ts + sh;
    out.chips[i] = Math.max(1, Math.round(out.chips[i]! * cs));
    out.work_s[i] = out.work_s[i]! * ws;
  }
  return out;
}

/** A scaled and shifted copy of inference requests (timeScale on arrivals, tokenScale on tokens). */
export function transformRequests(src: InferenceRequests, o: { timeScale?: number; tokenScale?: number; shift_s?: number }): InferenceRequests {
  const ts = o.timeScale ?? 1, ks = o.tokenScale ?? 1, sh = o.shift_s ?? 0;
  const out = new InferenceRequests(src.count);
  out.epochUtcMs = src.epochUtcMs;
  for (let i = 0; i < src.count; i++) out.add(src.arrival_s[i]! * ts + sh, src.inputTokens[i]! * ks, src.outputTokens[i]! * ks, src.target_s[i]!);
  return out;
}

/** Repeat a trace `times` times back to back (each copy shifted by `period_s`): an hour of Azure → a day. */
export function repeatRequests(src: InferenceRequests, times: number, period_s: number): InferenceRequests {
  const out = new InferenceRequests(src.count * times);
  out.epochUtcMs = src.epochUtcMs;
  for (let k = 0; k < times; k++) {
    for (let i = 0; i < src.count; i++) out.add(src.arrival_s[i]! + k * period_s, src.inputTokens[i]!, src.outputTokens[i]!, src.target_s[i]!);
  }
  return out;
}
