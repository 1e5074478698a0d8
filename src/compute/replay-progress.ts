/**
 * A job's time in the replay core (replay-core.ts): its progress inside a step, closed form per
 * phase (restoring → computing → checkpointing → computing …), so that a fault at any time inside
 * a step finds the exact work since the last checkpoint (lost) and the exact overhead, not rounded
 * to a step; and the time estimates a scheduling policy reads (SchedulerContext).
 *
 * A job's checkpoint and restart costs are its own (`ckptCost_s`, `restartCost_s`), or the run's
 * checkpoint policy's where NaN.
 */
import { intervalFor, type CheckpointPolicy } from './checkpoint.js';
import { JobPhase, JobState, type JobTable } from './jobs.js';

/** Below this a phase or the remaining work counts as done [s] (float round-off of sums of steps). */
export const EPS_S = 1e-6;

/** Checkpoint cost of job j [s]. */
export function ckptCost_s(J: JobTable, j: number, ck: CheckpointPolicy): number {
  const v = J.ckptCost_s[j]!;
  return Number.isNaN(v) ? ck.cost_s : v;
}

/** Restart cost of job j (reloading its checkpoint) [s]. */
export function restartCost_s(J: JobTable, j: number, ck: CheckpointPolicy): number {
  const v = J.restartCost_s[j]!;
  return Number.isNaN(v) ? ck.restartCost_s : v;
}

/** Work left to job j [s]. */
export function remainingWork_s(J: JobTable, j: number): number {
  return Math.max(0, J.work_s[j]! - J.committed_s[j]! - J.uncommitted_s[j]!);
}

/** When running job j is expected to end [s]: its phase, the work left and the checkpoints on the way. */
export function expectedEnd_s(J: JobTable, j: number, ck: CheckpointPolicy): number {
  const rem = remainingWork_s(J, j);
  const iv = J.ckptInterval_s[j]!;
  const ckpts = Number.isFinite(iv) ? Math.floor((J.uncommitted_s[j]! + rem) / iv) : 0;
  const phase = J.phase[j] === JobPhase.Computing ? 0 : J.phaseLeft_s[j]!;
  return J.clock_s[j]! + phase + rem + ckpts * ckptCost_s(J, j, ck);
}

/** How long job j would run if started now [s]: restart (after an interruption), work left, checkpoints (Young/Daly at `ratePerChip_s`). */
export function expectedRun_s(J: JobTable, j: number, ck: CheckpointPolicy, ratePerChip_s: number): number {
  const rem = remainingWork_s(J, j);
  const fixed: CheckpointPolicy = J.fixedInterval[j] ? { ...ck, mode: 'fixed', interval_s: J.ckptInterval_s[j]! } : ck;
  const iv = intervalFor(fixed, J.chips[j]!, ratePerChip_s);
  return (J.interruptions[j]! > 0 ? restartCost_s(J, j, ck) : 0) + rem + (Number.isFinite(iv) ? Math.floor(rem / iv) * ckptCost_s(J, j, ck) : 0);
}

/**
 * Advance running job j's state to time t. A job that finishes gets its `end_s` and keeps its
 * chips to the boundary (held_s counts only to its end).
 */
export function advanceJob(J: JobTable, j: number, t: number, ck: CheckpointPolicy): void {
  let left = t - J.clock_s[j]!;
  if (left <= 0 || J.state[j] !== JobState.Running || !Number.isNaN(J.end_s[j]!)) return;
  J.held_s[j]! += left;
  let clock = J.clock_s[j]!;
  while (left > 0) {
    const ph = J.phase[j]!;
    if (ph !== JobPhase.Computing) {
      const use = Math.min(left, J.phaseLeft_s[j]!);
      J.phaseLeft_s[j]! -= use; J.overhead_s[j]! += use; left -= use; clock += use;
      if (J.phaseLeft_s[j]! <= EPS_S) {
        J.phaseLeft_s[j] = 0;
        if (ph === JobPhase.Checkpointing) { J.committed_s[j]! += J.uncommitted_s[j]!; J.uncommitted_s[j] = 0; }
        J.phase[j] = JobPhase.Computing;
      }
      continue;
    }
    const rem = J.work_s[j]! - J.committed_s[j]! - J.uncommitted_s[j]!;
    const toCk = J.ckptInterval_s[j]! - J.uncommitted_s[j]!;
    const use = Math.min(left, rem, toCk);
    J.uncommitted_s[j]! += use; left -= use; clock += use;
    if (rem - use <= EPS_S) {
      // Done: the final state is the result (no checkpoint needed).
      J.committed_s[j]! += J.uncommitted_s[j]!; J.uncommitted_s[j] = 0;
      J.end_s[j] = clock;
      J.held_s[j]! -= left; // chips are held to the boundary, but count job time to its end
      break;
    }
    if (toCk - use <= EPS_S) { J.phase[j] = JobPhase.Checkpointing; J.phaseLeft_s[j] = ckptCost_s(J, j, ck); }
  }
  J.clock_s[j] = t;
}
