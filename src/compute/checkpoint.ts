/**
 * Checkpoint intervals and what checkpoints cost.
 *
 * Young (1974) / Daly (2006): for checkpoint cost C and mean time between failures M, the
 * compute interval between checkpoints that minimises expected lost time is τ ≈ √(2·C·M)
 * (REFERENCES.md). A job's M is its chips' combined failure rate: M = 1 / (chips × λ_chip), so the
 * interval shrinks as jobs grow or the fleet's failure rate rises; the simulator recomputes it at
 * each (re)start from the current rate.
 */
import { OrbitdcError } from '../core/errors.js';

export interface CheckpointPolicy {
  /** 'young-daly': τ = √(2·C·M) from the current failure rate; 'fixed': `interval_s`; 'none': never (lose everything on a fault). */
  mode: 'young-daly' | 'fixed' | 'none';
  /** Compute time between checkpoints for 'fixed' [s]. */
  interval_s?: number;
  /** Time to write one checkpoint [s] (the job makes no progress meanwhile). */
  cost_s: number;
  /** Time to restart from a checkpoint (reload, rebuild) [s], paid after every interruption. */
  restartCost_s: number;
  /** Floor and ceiling on the interval [s] (default 60 s and 1 day). */
  min_s?: number;
  max_s?: number;
}

/**
 * ASSUMPTION defaults: C = 60 s, R = 300 s (an asynchronous checkpoint to host memory and storage,
 * and a restart that reloads it, of the order large-run reports give; Gemini's in-memory
 * redundancy goes lower). Jobs may carry their own.
 */
export const DEFAULT_CHECKPOINT: Readonly<CheckpointPolicy> = Object.freeze({ mode: 'young-daly', cost_s: 60, restartCost_s: 300 });

/** Young/Daly interval √(2·C·M) [s]. */
export function youngDalyInterval_s(cost_s: number, mtbf_s: number): number {
  if (!(cost_s > 0) || !(mtbf_s > 0)) throw new OrbitdcError('E_ARGUMENT', 'checkpoint cost and MTBF must be > 0', { field: cost_s > 0 ? 'mtbf_s' : 'cost_s', expected: '> 0 s', found: String(cost_s > 0 ? mtbf_s : cost_s) });
  return Math.sqrt(2 * cost_s * mtbf_s);
}

/** Mean time between failures of a job on `chips` chips each failing at `ratePerChip_per_s` [s]. */
export function jobMtbf_s(chips: number, ratePerChip_per_s: number): number {
  return ratePerChip_per_s > 0 ? 1 / (chips * ratePerChip_per_s) : Infinity;
}

/**
 * First-order expected fraction of wall time spent on useful, kept work with interval τ,
 * checkpoint cost C, restart cost R and MTBF M: 1 − C/(τ+C) − (R + (τ+C)/2)/M
 * (each failure loses on average half a cycle plus the restart). Valid while τ, R ≪ M.
 */
export function expectedEfficiency(interval_s: number, cost_s: number, restartCost_s: number, mtbf_s: number): number {
  const cycle = interval_s + cost_s;
  return 1 - cost_s / cycle - (restartCost_s + cycle / 2) / mtbf_s;
}

/** The interval a policy gives a job of `chips` chips at the current per-chip failure rate [s]; Infinity for 'none'. */
export function intervalFor(p: CheckpointPolicy, chips: number, ratePerChip_per_s: number): number {
  if (p.mode === 'none') return Infinity;
  const lo = p.min_s ?? 60, hi = p.max_s ?? 86_400;
  if (p.mode === 'fixed') {
    const v = p.interval_s;
    if (!(v !== undefined && v > 0)) throw new OrbitdcError('E_ARGUMENT', "a 'fixed' checkpoint policy needs interval_s", { field: 'checkpoint.interval_s', expected: '> 0 s', found: String(v) });
    return v;
  }
  const m = jobMtbf_s(chips, ratePerChip_per_s);
  if (m === Infinity) return hi;
  return Math.min(hi, Math.max(lo, youngDalyInterval_s(p.cost_s, m)));
}
