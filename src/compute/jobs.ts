/**
 * The job table: one row per job, one typed array per field (struct of arrays), so that the
 * replay's hot loop touches columns, never per-job objects. Input columns (what the workload
 * says) are written by the trace loaders and generators; run columns (what happened) by the
 * simulator, which resets them at the start of a run (`resetRun`).
 *
 * Time: seconds since the table's epoch `epochUtcMs` (UTC ms; NaN when the source has no
 * absolute time). Work: `work_s` is the job's useful run time on its `chips` accelerators, i.e.
 * the trace's duration, with no overhead (checkpoints and restarts come on top of it).
 */
import { OrbitdcError } from '../core/errors.js';

/** Kind of job (Uint8 column `kind`). */
export const JobKind = {
  /** Batch training or fine-tuning job: fixed chip count, runs until its work is done. */
  Training: 0,
  /** Batch inference or evaluation job (deferrable by nature). */
  Batch: 1,
} as const;

/** Life-cycle state (Uint8 column `state`). */
export const JobState = {
  /** Submitted later than the current time. */
  Future: 0,
  /** Waiting in the queue (first time or after an interruption). */
  Queued: 1,
  /** Holding chips. */
  Running: 2,
  /** All work done. */
  Done: 3,
  /** Can never be placed: more chips or bandwidth than any placement domain has. */
  Unplaceable: 4,
} as const;

/** Phase of a running job (Uint8 column `phase`). */
export const JobPhase = {
  /** Loading the last checkpoint (or starting up) before computing. */
  Restoring: 0,
  Computing: 1,
  /** Writing a checkpoint; the work done since the last one is committed at the end. */
  Checkpointing: 2,
} as const;

const F64 = ['submit_s', 'work_s', 'minBandwidth_bps', 'ckptInterval_s', 'ckptCost_s', 'restartCost_s',
  'firstStart_s', 'end_s', 'committed_s', 'uncommitted_s', 'phaseLeft_s', 'clock_s', 'lost_s',
  'overhead_s', 'held_s', 'queued_s', 'lastQueued_s'] as const;
const I32 = ['chips', 'tenant', 'domain', 'allocStart', 'interruptions', 'rollbacks', 'undetectedSdc'] as const;
const U8 = ['kind', 'deferrable', 'state', 'phase', 'fixedInterval'] as const;

type F64Field = (typeof F64)[number];
type I32Field = (typeof I32)[number];
type U8Field = (typeof U8)[number];

export interface JobInput {
  submit_s: number;
  work_s: number;
  chips: number;
  kind?: number;
  /** May wait for surplus power (best-effort QoS); default 0. */
  deferrable?: boolean;
  tenant?: string;
  /**
   * Link bandwidth the job needs between the satellites it spans [bit/s]; default 0 (none: it may
   * span any placement domain). Where it comes from today: the workload's training runs and the
   * job traces (Philly, Alibaba: GPU count and duration only) declare none, so it is 0 unless a
   * caller sets it; the twin with a `network` gives every job larger than one satellite the
   * scenario's `network.job_bandwidth_Gbps` (`assignSpanBandwidth`). FleetCapacity places a job
   * with a need only in a single-satellite domain or one whose bandwidth meets it.
   */
  minBandwidth_bps?: number;
  /** Fixed checkpoint interval [s of compute]; NaN (default) = chosen by the simulator (Young/Daly). */
  ckptInterval_s?: number;
  /** Checkpoint write cost [s]; NaN (default) = the simulator's default. */
  ckptCost_s?: number;
  /** Restart cost: reload checkpoint and rebuild state [s]; NaN (default) = the simulator's default. */
  restartCost_s?: number;
}

export class JobTable {
  count = 0;
  /** Epoch of `submit_s` (UTC ms), NaN when the source has only relative times. */
  epochUtcMs = NaN;
  /** Tenant names; column `tenant` indexes this list (−1 = none). */
  readonly tenants: string[] = [];
  private readonly tenantIndex = new Map<string, number>();

  // Input columns.
  submit_s!: Float64Array; work_s!: Float64Array; minBandwidth_bps!: Float64Array;
  ckptInterval_s!: Float64Array; ckptCost_s!: Float64Array; restartCost_s!: Float64Array;
  chips!: Int32Array; tenant!: Int32Array; kind!: Uint8Array; deferrable!: Uint8Array;
  // Run columns (simulate.ts).
  firstStart_s!: Float64Array; end_s!: Float64Array;
  /** Useful work saved by a checkpoint (or done, for a job that never checkpoints and ends) [s]. */
  committed_s!: Float64Array;
  /** Useful work since the last checkpoint, lost on a fault [s]. */
  uncommitted_s!: Float64Array;
  /** Time left in the current Restoring/Checkpointing phase [s]. */
  phaseLeft_s!: Float64Array;
  /** Time up to which this running job's state has been advanced [s]. */
  clock_s!: Float64Array;
  /** Compute lost to faults (rolled-back work) [s of job time]. */
  lost_s!: Float64Array;
  /** Time spent checkpointing and restoring [s of job time]. */
  overhead_s!: Float64Array;
  /** Wall time holding chips [s]. */
  held_s!: Float64Array;
  /** Total time waiting in the queue, all waits [s]. */
  queued_s!: Float64Array;
  /** When the job last entered the queue [s]. */
  lastQueued_s!: Float64Array;
  domain!: Int32Array; allocStart!: Int32Array; interruptions!: Int32Array; rollbacks!: Int32Array;
  undetectedSdc!: Int32Array; state!: Uint8Array; phase!: Uint8Array;
  /** 1 where ckptInterval_s was given by the input (not recomputed by Young/Daly). */
  fixedInterval!: Uint8Array;

  constructor(capacity = 1024) {
    this.alloc(Math.max(1, capacity));
  }

  get capacity(): number {
    return this.submit_s.length;
  }

  private alloc(n: number): void {
    const self = this as unknown as Record<string, Float64Array | Int32Array | Uint8Array | undefined>;
    for (const f of F64) { const a = new Float64Array(n); const old = self[f]; if (old) a.set(old.subarray(0, this.count)); self[f] = a; }
    for (const f of I32) { const a = new Int32Array(n); const old = self[f]; if (old) a.set(old.subarray(0, this.count)); self[f] = a; }
    for (const f of U8) { const a = new Uint8Array(n); const old = self[f]; if (old) a.set(old.subarray(0, this.count)); self[f] = a; }
  }

  /** Index of a tenant name, added on first use. */
  tenantId(name: string): number {
    let i = this.tenantIndex.get(name);
    if (i === undefined) { i = this.tenants.length; this.tenants.push(name); this.tenantIndex.set(name, i); }
    return i;
  }

  /** Append a job; returns its row. Throws E_ARGUMENT for non-physical input (loaders check first). */
  add(j: JobInput): number {
    if (!(j.work_s >= 0) || !Number.isFinite(j.work_s)) throw new OrbitdcError('E_ARGUMENT', 'job work must be finite and ≥ 0', { field: 'work_s', expected: '≥ 0 s', found: String(j.work_s) });
    if (!(Number.isInteger(j.chips) && j.chips >= 1)) throw new OrbitdcError('E_ARGUMENT', 'job needs a whole number of chips ≥ 1', { field: 'chips', expected: 'integer ≥ 1', found: String(j.chips) });
    if (!Number.isFinite(j.submit_s)) throw new OrbitdcError('E_ARGUMENT', 'job submit time must be finite', { field: 'submit_s', expected: 'seconds since epoch', found: String(j.submit_s) });
    if (this.count === this.capacity) this.alloc(this.capacity * 2);
    const i = this.count++;
    this.submit_s[i] = j.submit_s;
    this.work_s[i] = j.work_s;
    this.chips[i] = j.chips;
    this.kind[i] = j.kind ?? JobKind.Training;
    this.deferrable[i] = j.deferrable ? 1 : 0;
    this.tenant[i] = j.tenant === undefined ? -1 : this.tenantId(j.tenant);
    this.minBandwidth_bps[i] = j.minBandwidth_bps ?? 0;
    this.ckptInterval_s[i] = j.ckptInterval_s ?? NaN;
    this.fixedInterval[i] = j.ckptInterval_s === undefined || Number.isNaN(j.ckptInterval_s) ? 0 : 1;
    this.ckptCost_s[i] = j.ckptCost_s ?? NaN;
    this.restartCost_s[i] = j.restartCost_s ?? NaN;
    return i;
  }

  /** Clear the run columns (state Future, counters 0) so the table can be replayed again. */
  resetRun(): void {
    const n = this.count;
    for (const f of ['firstStart_s', 'end_s'] as const) this[f].fill(NaN, 0, n);
    for (const f of ['committed_s', 'uncommitted_s', 'phaseLeft_s', 'clock_s', 'lost_s', 'overhead_s', 'held_s', 'queued_s', 'lastQueued_s'] as const) this[f].fill(0, 0, n);
    for (const f of ['domain', 'allocStart'] as const) this[f].fill(-1, 0, n);
    for (const f of ['interruptions', 'rollbacks', 'undetectedSdc'] as const) this[f].fill(0, 0, n);
    this.state.fill(JobState.Future, 0, n);
    this.phase.fill(JobPhase.Restoring, 0, n);
  }

  /** A copy of rows `rows` (all when omitted), input columns only; tenants carried over. */
  select(rows?: ArrayLike<number>): JobTable {
    const n = rows ? rows.length : this.count;
    const out = new JobTable(n);
    out.epochUtcMs = this.epochUtcMs;
    for (let k = 0; k < n; k++) {
      const i = rows ? rows[k]! : k;
      const t = this.tenant[i]!;
      out.add({
        submit_s: this.submit_s[i]!, work_s: this.work_s[i]!, chips: this.chips[i]!, kind: this.kind[i]!,
        deferrable: this.deferrable[i] === 1, minBandwidth_bps: this.minBandwidth_bps[i]!,
        ckptInterval_s: this.fixedInterval[i] ? this.ckptInterval_s[i]! : NaN,
        ckptCost_s: this.ckptCost_s[i]!, restartCost_s: this.restartCost_s[i]!,
        ...(t >= 0 ? { tenant: this.tenants[t]! } : {}),
      });
    }
    return out;
  }

  /** Sum over jobs of chips × work [chip-seconds]. */
  totalWork_chip_s(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.chips[i]! * this.work_s[i]!;
    return s;
  }

  /**
   * Give `bw_bps` to every job that declares no bandwidth and needs more chips than the largest
   * satellite carries (it must span satellites). Returns how many jobs got it.
   */
  assignSpanBandwidth(chipsPerSatelliteMax: number, bw_bps: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.minBandwidth_bps[i]! > 0 || this.chips[i]! <= chipsPerSatelliteMax) continue;
      this.minBandwidth_bps[i] = bw_bps;
      n++;
    }
    return n;
  }

  /** Largest chip count of any job. */
  maxChips(): number {
    let m = 0;
    for (let i = 0; i < this.count; i++) if (this.chips[i]! > m) m = this.chips[i]!;
    return m;
  }
}

export type { F64Field as JobF64Field, I32Field as JobI32Field, U8Field as JobU8Field };
