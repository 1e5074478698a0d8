/**
 * A scenario's normalised workload (scenario/workload.ts) turned into what the replay core runs:
 * one job table (training runs and job traces, submit times in seconds since the scenario epoch)
 * and one token demand on the run's grid (inference traces plus the synthetic daily cycle).
 *
 * Trace alignment: a trace keeps its own spacing (× time_scale) and its first arrival lands at
 * `shift` after the scenario epoch. Jobs submitted at or after the end of the mission are dropped
 * (counted). Demand buckets: one hour when the step divides 3,600 s (else one step), starting at
 * the epoch; the replay core spreads a bucket's arrivals evenly over its steps.
 *
 * Synthetic daily inference (fluid, no per-request draws: a 5-year run would be 10¹¹ requests):
 * tokens in a bucket = mean × bucket × (1 + a·cos(2π(h − peak)/24 h)), a = peak_to_mean − 1, at
 * the bucket's centre hour h (UTC); requests = tokens ÷ tokens_per_request; latency target =
 * TTFT + TBT × generated tokens, the generated share being 250 of 1,250 (synthetic.ts's defaults).
 */
import { OrbitdcError } from '../core/errors.js';
import { DEFAULT_LATENCY_TARGET, latencyTarget_s, tokensPerChip_s, type TokenDemand } from '../compute/inference.js';
import { JobKind, JobTable } from '../compute/jobs.js';
import { transformJobs, transformRequests } from '../compute/synthetic.js';
import { loadTrace, type TraceResult } from '../compute/traces.js';
import type { WorkloadSpec } from './scenario/workload.js';

/** Fraction of a request's tokens that are generated (250 of 1,250: synthetic.ts dailyInference defaults). */
export const GENERATED_TOKEN_SHARE = 0.2;
/** Headroom of the default serving pool over the peak demand (ASSUMPTION, schema description). */
export const POOL_HEADROOM = 1.25;

export interface ResolvedWorkload {
  jobs: JobTable;
  inference: { demand: TokenDemand; tokensPerChip_s: number; poolChips: number } | null;
  /** What was read, for summary.json. */
  sources: { kind: string; file?: string; format?: string; rows?: number; skipped?: number; jobs?: number; requests?: number; mapping?: string }[];
  /** Jobs of traces submitted at or after the end of the mission (dropped). */
  droppedAfterEnd: number;
}

/** The demand grid's bucket [s]: one hour when the step divides it, else one step. */
export function demandBucket_s(step_s: number): number {
  const k = 3600 / step_s;
  return Math.abs(k - Math.round(k)) < 1e-9 && k >= 1 ? 3600 : step_s;
}

/**
 * Build the job table and token demand of a workload. `chipFlops` sets the default tokens per
 * chip; `load` reads a trace (injectable for tests). Throws InputError for unreadable traces.
 */
export function resolveWorkload(
  w: WorkloadSpec,
  ctx: { epochUtcMs: number; duration_s: number; step_s: number; chipFlops: number },
  load: (path: string) => TraceResult = (p) => loadTrace(p),
): ResolvedWorkload {
  const jobs = new JobTable(16);
  jobs.epochUtcMs = ctx.epochUtcMs;
  const sources: ResolvedWorkload['sources'] = [];
  w.training.forEach((r, i) => {
    jobs.add({ submit_s: r.submit_s, work_s: r.work_s, chips: r.chips, kind: JobKind.Training, tenant: `training-${i}`, deferrable: r.deferrable });
    sources.push({ kind: 'training', jobs: 1 });
  });
  const B = demandBucket_s(ctx.step_s);
  const nB = Math.max(1, Math.ceil(ctx.duration_s / B));
  const requests = new Float64Array(nB), tokens = new Float64Array(nB), target = new Float64Array(nB);
  let anyInference = false, dropped = 0;
  for (const t of w.traces) {
    const tr = load(t.path);
    if (tr.kind === 'jobs') {
      let first = Infinity;
      for (let i = 0; i < tr.jobs.count; i++) first = Math.min(first, tr.jobs.submit_s[i]!);
      const moved = transformJobs(tr.jobs, { timeScale: t.timeScale, chipScale: t.chipScale, workScale: t.workScale, shift_s: t.shift_s - first * t.timeScale });
      let kept = 0;
      for (let i = 0; i < moved.count; i++) {
        if (!(moved.submit_s[i]! < ctx.duration_s)) { dropped++; continue; }
        const ten = moved.tenant[i]!;
        jobs.add({
          submit_s: moved.submit_s[i]!, work_s: moved.work_s[i]!, chips: moved.chips[i]!, kind: moved.kind[i]!, deferrable: moved.deferrable[i] === 1,
          minBandwidth_bps: moved.minBandwidth_bps[i]!, ...(ten >= 0 ? { tenant: moved.tenants[ten]! } : {}),
        });
        kept++;
      }
      sources.push({ kind: 'job-trace', file: tr.file, format: tr.format, rows: tr.rows, skipped: tr.skipped, jobs: kept, mapping: tr.mapping });
    } else {
      let first = Infinity;
      for (let i = 0; i < tr.requests.count; i++) first = Math.min(first, tr.requests.arrival_s[i]!);
      const r = transformRequests(tr.requests, { timeScale: t.timeScale, tokenScale: t.tokenScale, shift_s: t.shift_s - first * t.timeScale });
      for (let i = 0; i < r.count; i++) {
        const b = Math.floor(r.arrival_s[i]! / B);
        if (b < 0 || b >= nB) continue;
        requests[b]! += 1;
        tokens[b]! += r.inputTokens[i]! + r.outputTokens[i]!;
        target[b]! += r.target_s[i]!;
      }
      anyInference = true;
      sources.push({ kind: 'inference-trace', file: tr.file, format: tr.format, rows: tr.rows, skipped: tr.skipped, requests: r.count, mapping: tr.mapping });
    }
  }
  const inf = w.inference;
  if (inf && inf.meanTokens_per_s > 0) {
    const a = inf.peakToMean - 1;
    const perReqTarget = latencyTarget_s(inf.tokensPerRequest * GENERATED_TOKEN_SHARE, DEFAULT_LATENCY_TARGET);
    const epochHour = (((ctx.epochUtcMs / 3.6e6) % 24) + 24) % 24;
    for (let b = 0; b < nB; b++) {
      const h = epochHour + ((b + 0.5) * B) / 3600;
      const tok = inf.meanTokens_per_s * B * (1 + a * Math.cos((2 * Math.PI * (h - inf.peakHourUtc)) / 24));
      const req = tok / inf.tokensPerRequest;
      requests[b]! += req;
      tokens[b]! += tok;
      target[b]! += req * perReqTarget;
    }
    anyInference = true;
    sources.push({ kind: 'daily-inference' });
  }
  // Bucket targets: request-weighted means (sums so far).
  for (let b = 0; b < nB; b++) if (requests[b]! > 0) target[b]! /= requests[b]!;
  let inference: ResolvedWorkload['inference'] = null;
  if (anyInference) {
    const perChip = inf?.tokensPerChip_s ?? tokensPerChip_s(ctx.chipFlops);
    if (!(perChip > 0)) throw new OrbitdcError('E_ARGUMENT', 'tokens per chip per second must be > 0 (accelerator FLOP/s unknown?)', { field: 'workload.inference.tokens_per_chip_s', expected: '> 0', found: String(perChip) });
    let peak = 0;
    for (let b = 0; b < nB; b++) peak = Math.max(peak, tokens[b]! / B);
    const pool = inf?.poolChips ?? Math.ceil((peak * POOL_HEADROOM) / perChip);
    inference = { demand: { start_s: 0, bucket_s: B, requests, tokens, target_s: target }, tokensPerChip_s: perChip, poolChips: pool };
  }
  return { jobs, inference, sources, droppedAfterEnd: dropped };
}
