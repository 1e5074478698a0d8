/**
 * Replay metrics, as `summary.json` carries them. Definitions:
 * - goodput = useful chip-hours (work kept: committed to a checkpoint or finished) ÷ scheduled
 *   chip-hours (chips held by jobs, including checkpoint/restart time and work later lost);
 * - job completion time = end − submit of finished jobs; queueing delay = first start − submit
 *   (percentiles by the nearest-rank method); `queuedAll` also counts waits after interruptions;
 * - utilization = chip-seconds held by jobs (inference pool included) ÷ chip-seconds of alive
 *   chips on satellites that are up;
 * - work lost to faults = Σ chips × rolled-back work [chip-hours];
 * - sunlight clipped = array energy that found neither load nor battery room [J] (power runs only).
 */
import type { CheckpointPolicy } from './checkpoint.js';
import { FAULT_CAUSE_NAMES } from './faults.js';
import { JobState } from './jobs.js';
import type { RunState } from './replay-options.js';

export interface Distribution { mean: number; p50: number; p99: number; max: number; count: number }

export interface ReplayMetrics {
  policy: string;
  checkpoint: { mode: string; cost_s: number; restartCost_s: number; interval_s?: number };
  start_s: number;
  end_s: number;
  steps: number;
  jobs: { total: number; completed: number; unplaceable: number; queuedAtEnd: number; runningAtEnd: number };
  goodput: number;
  usefulChipHours: number;
  scheduledChipHours: number;
  overheadChipHours: number;
  lostChipHours: number;
  utilization: number;
  jct_s: Distribution;
  queueDelay_s: Distribution;
  queuedAll_s: Distribution;
  interruptions: number;
  faults: Record<string, number>;
  undetectedSdc: number;
  migrations: number;
  shedJobs: number;
  energy: { generated_J: number; clipped_J: number; clippedFraction: number; busShortfalls: number } | null;
  inference: { requests: number; sloAttainment: number; tokensDemanded: number; tokensServed: number; backlogAtEnd: number; poolChipHours: number } | null;
  /** Largest jobs by chips × work: their timeline. */
  largestJobs: { job: number; chips: number; work_s: number; submit_s: number; firstStart_s: number | null; end_s: number | null; interruptions: number }[];
  faultTimeline: { time_s: number[]; cause: string[]; job: number[]; chip: number[] };
  series: { time_s: number[]; utilization: number[]; queued: number[]; running: number[] };
}

/** Mean and nearest-rank percentiles of `v[0..n)` (sorts a copy). */
export function distribution(v: Float64Array, n: number): Distribution {
  if (n === 0) return { mean: NaN, p50: NaN, p99: NaN, max: NaN, count: 0 };
  const a = v.slice(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const rank = (p: number): number => a[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  return { mean: sum / n, p50: rank(0.5), p99: rank(0.99), max: a[n - 1]!, count: n };
}

export function summarize(st: RunState, policy: string, ck: CheckpointPolicy): ReplayMetrics {
  const J = st.jobs;
  const n = J.count;
  const jct = new Float64Array(n), qd = new Float64Array(n), qa = new Float64Array(n);
  let nj = 0, nq = 0, queued = 0, running = 0;
  let useful = 0, held = 0, overhead = 0, lost = 0, undetected = 0;
  for (let j = 0; j < n; j++) {
    const c = J.chips[j]!;
    useful += c * J.committed_s[j]!;
    held += c * J.held_s[j]!;
    overhead += c * J.overhead_s[j]!;
    lost += c * J.lost_s[j]!;
    undetected += J.undetectedSdc[j]!;
    const s = J.state[j]!;
    if (s === JobState.Done) jct[nj++] = J.end_s[j]! - J.submit_s[j]!;
    if (!Number.isNaN(J.firstStart_s[j]!)) { qd[nq] = J.firstStart_s[j]! - J.submit_s[j]!; qa[nq] = J.queued_s[j]!; nq++; }
    if (s === JobState.Queued) queued++;
    if (s === JobState.Running) running++;
  }
  // Largest jobs: a partial selection of the top 10 by chips × work.
  const top: number[] = [];
  for (let j = 0; j < n; j++) {
    const w = J.chips[j]! * J.work_s[j]!;
    if (top.length < 10 || w > J.chips[top[top.length - 1]!]! * J.work_s[top[top.length - 1]!]!) {
      top.push(j);
      top.sort((a, b) => J.chips[b]! * J.work_s[b]! - J.chips[a]! * J.work_s[a]! || a - b);
      if (top.length > 10) top.pop();
    }
  }
  const faults: Record<string, number> = {};
  FAULT_CAUSE_NAMES.forEach((name, k) => { faults[name] = st.faultsByCause[k]!; });
  const E = st.energy, I = st.inference;
  const h = 1 / 3600;
  const nullable = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return {
    policy,
    checkpoint: { mode: ck.mode, cost_s: ck.cost_s, restartCost_s: ck.restartCost_s, ...(ck.interval_s !== undefined ? { interval_s: ck.interval_s } : {}) },
    start_s: st.start_s,
    end_s: st.end_s,
    steps: st.steps,
    jobs: { total: n, completed: nj, unplaceable: st.unplaceable, queuedAtEnd: queued, runningAtEnd: running },
    goodput: held > 0 ? useful / held : NaN,
    usefulChipHours: useful * h,
    scheduledChipHours: held * h,
    overheadChipHours: overhead * h,
    lostChipHours: lost * h,
    utilization: st.upChip_s > 0 ? st.busyChip_s / st.upChip_s : 0,
    jct_s: distribution(jct, nj),
    queueDelay_s: distribution(qd, nq),
    queuedAll_s: distribution(qa, nq),
    interruptions: st.interruptions,
    faults,
    undetectedSdc: undetected,
    migrations: st.migrations,
    shedJobs: st.shedJobs,
    energy: E ? { generated_J: E.generated_J, clipped_J: E.clipped_J, clippedFraction: E.generated_J > 0 ? E.clipped_J / E.generated_J : 0, busShortfalls: E.busShortfalls } : null,
    inference: I ? { requests: I.totals.requests, sloAttainment: I.attainment(), tokensDemanded: I.totals.tokensDemanded, tokensServed: I.totals.tokensServed, backlogAtEnd: I.totals.backlog, poolChipHours: st.poolChip_s * h } : null,
    largestJobs: top.map((j) => ({
      job: j, chips: J.chips[j]!, work_s: J.work_s[j]!, submit_s: J.submit_s[j]!,
      firstStart_s: nullable(J.firstStart_s[j]!), end_s: nullable(J.end_s[j]!), interruptions: J.interruptions[j]!,
    })),
    faultTimeline: st.timeline,
    series: st.series,
  };
}
