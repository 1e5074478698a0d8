/**
 * Fleet capacity: accelerators grouped in satellites, satellites in placement domains, with
 * per-chip ownership and per-satellite up/down state and power cap.
 *
 * A **placement domain** is a set of satellites whose chips are link-connected with a known
 * bandwidth: one satellite (its internal fabric: bandwidth Infinity) or one formation cluster
 * (Suncatcher's 81 satellites at 100–200 m, optical links). A job is placed inside ONE domain
 * whose bandwidth meets the job's `minBandwidth_bps` (when it spans satellites). With a network
 * (src/twin/network-stage.ts), consecutive in-plane satellites of a shell joined by laser links
 * form a domain too, whose bandwidth drops to 0 while one of its links is down.
 *
 * Layout (struct of arrays): satellites 0..S−1, each a contiguous range of chip rows
 * (`chipStart`, CSR); domains are contiguous satellite ranges (`domainSatStart`). Chip `owner`:
 * job row ≥ 0, or FREE (in its domain's free stack), PARKED (free but its satellite is down or at
 * its power cap; out of the stack), DEAD (failed for good). Allocation pops the domain's free
 * stack (O(chips allocated), lazily parking chips it cannot use), release pushes back; a
 * satellite coming up or getting a higher cap unparks its chips. `free[d]` is always the number
 * of chips a job could take in domain d now.
 */
import { OrbitdcError } from '../core/errors.js';
import { Status } from '../core/status.js';

export const FREE = -1;
export const PARKED = -2;
export const DEAD = -3;

export interface FleetCapacityInit {
  /** Chips per satellite (one number for all, or a column). */
  chipsPerSat: number | Int32Array;
  /** Satellite count (needed when chipsPerSat is a number). */
  satCount?: number;
  /** Domain of each satellite; non-decreasing (domains are contiguous). Default: one domain per satellite. */
  domainOfSat?: Int32Array;
  /** Inter-satellite link bandwidth inside each domain [bit/s]; default Infinity. */
  domainBandwidth_bps?: Float64Array | number;
  /** Cold spare chips per satellite: a failed chip is replaced while spares last. Default 0. */
  sparesPerSat?: number | Int32Array;
}

export class FleetCapacity {
  readonly satCount: number;
  readonly chipCount: number;
  readonly domainCount: number;
  readonly chipStart: Int32Array;
  readonly satOfChip: Int32Array;
  readonly domainOfSat: Int32Array;
  readonly domainSatStart: Int32Array;
  /** Link bandwidth inside each domain now [bit/s]: placement checks it (a network may lower it while links are down). */
  readonly domainBandwidth_bps: Float64Array;
  /** The domain's design bandwidth [bit/s]: whether a job could ever be placed (maxPotential) checks this one. */
  readonly nominalBandwidth_bps: Float64Array;
  /** Per chip: job row, FREE, PARKED or DEAD. */
  readonly owner: Int32Array;
  /** Per satellite: Status.Ok, Status.Offline or Status.Failed (src/core/status.ts). */
  readonly satStatus: Uint8Array;
  /** Per satellite: most chips that may run (power cap); default all. */
  readonly cap: Int32Array;
  readonly spares: Int32Array;
  /** Per satellite: chips held by jobs. */
  readonly busy: Int32Array;
  /** Per satellite: alive chips. */
  readonly alive: Int32Array;
  /** Per domain: chips a job could take now. */
  readonly free: Int32Array;
  /** Per domain: alive chips on satellites not failed (what a job could ever get). */
  readonly potential: Int32Array;
  /** Allocation arena: job j's chips are arena[allocStart[j] .. + chips[j]). */
  arena: Int32Array;
  arenaUsed = 0;
  private busyTotal = 0;
  private upTotal = 0;
  private readonly stack: Int32Array; // per domain: segment starting at its first chip row
  private readonly top: Int32Array;
  private readonly stackFree: Int32Array; // per satellite: FREE chips (in the stack)
  private readonly parked: Int32Array;
  private readonly usable: Int32Array; // per satellite: its share of free[d]

  constructor(init: FleetCapacityInit) {
    const per = init.chipsPerSat;
    const S = typeof per === 'number' ? (init.satCount ?? 0) : per.length;
    if (!(S >= 1)) throw new OrbitdcError('E_ARGUMENT', 'a fleet needs at least one satellite', { field: 'satCount', expected: '≥ 1', found: String(S) });
    this.satCount = S;
    this.chipStart = new Int32Array(S + 1);
    for (let s = 0; s < S; s++) {
      const n = typeof per === 'number' ? per : per[s]!;
      if (!(Number.isInteger(n) && n >= 0)) throw new OrbitdcError('E_ARGUMENT', 'chips per satellite must be an integer ≥ 0', { field: `chipsPerSat[${s}]`, expected: 'integer ≥ 0', found: String(n) });
      this.chipStart[s + 1] = this.chipStart[s]! + n;
    }
    const C = this.chipCount = this.chipStart[S]!;
    this.satOfChip = new Int32Array(C);
    for (let s = 0; s < S; s++) this.satOfChip.fill(s, this.chipStart[s]!, this.chipStart[s + 1]!);
    this.domainOfSat = init.domainOfSat ? Int32Array.from(init.domainOfSat) : Int32Array.from({ length: S }, (_, i) => i);
    if (this.domainOfSat.length !== S) throw new OrbitdcError('E_ARGUMENT', 'domainOfSat length differs from the satellite count', { field: 'domainOfSat', expected: String(S), found: String(this.domainOfSat.length) });
    for (let s = 0; s < S; s++) {
      const d = this.domainOfSat[s]!, prev = s === 0 ? 0 : this.domainOfSat[s - 1]!;
      if (d !== prev && d !== prev + 1) throw new OrbitdcError('E_ARGUMENT', 'domains must be contiguous satellite ranges numbered from 0', { field: `domainOfSat[${s}]`, expected: `${prev} or ${prev + 1}`, found: String(d) });
    }
    if (this.domainOfSat[0] !== 0) throw new OrbitdcError('E_ARGUMENT', 'domains must be numbered from 0', { field: 'domainOfSat[0]', expected: '0', found: String(this.domainOfSat[0]) });
    const D = this.domainCount = this.domainOfSat[S - 1]! + 1;
    this.domainSatStart = new Int32Array(D + 1);
    for (let s = 0; s < S; s++) this.domainSatStart[this.domainOfSat[s]! + 1] = s + 1;
    const bw = init.domainBandwidth_bps ?? Infinity;
    this.domainBandwidth_bps = typeof bw === 'number' ? new Float64Array(D).fill(bw) : Float64Array.from(bw);
    this.nominalBandwidth_bps = Float64Array.from(this.domainBandwidth_bps);
    this.owner = new Int32Array(C).fill(FREE);
    this.satStatus = new Uint8Array(S).fill(Status.Ok);
    this.cap = new Int32Array(S);
    this.spares = new Int32Array(S);
    this.busy = new Int32Array(S);
    this.alive = new Int32Array(S);
    this.stackFree = new Int32Array(S);
    this.parked = new Int32Array(S);
    this.usable = new Int32Array(S);
    this.free = new Int32Array(D);
    this.potential = new Int32Array(D);
    this.stack = new Int32Array(C);
    this.top = new Int32Array(D);
    for (let s = 0; s < S; s++) {
      const n = this.chipStart[s + 1]! - this.chipStart[s]!;
      this.cap[s] = n; this.alive[s] = n; this.stackFree[s] = n; this.usable[s] = n;
      const sp = init.sparesPerSat ?? 0;
      this.spares[s] = typeof sp === 'number' ? sp : sp[s] ?? 0;
      const d = this.domainOfSat[s]!;
      this.free[d]! += n; this.potential[d]! += n;
    }
    this.upTotal = C;
    // Push chips in reverse so that pops take low rows first (satellites fill in order).
    for (let d = 0; d < D; d++) {
      const c0 = this.domChip0(d), c1 = this.chipStart[this.domainSatStart[d + 1]!]!;
      for (let c = c1 - 1; c >= c0; c--) this.stack[c0 + this.top[d]!++] = c;
    }
    this.arena = new Int32Array(Math.max(1024, C));
  }

  /** One domain per group of `satsPerDomain` consecutive satellites (a formation cluster). */
  static uniform(o: { satellites: number; chipsPerSat: number; satsPerDomain?: number; linkBandwidth_bps?: number; sparesPerSat?: number }): FleetCapacity {
    const per = Math.max(1, o.satsPerDomain ?? 1);
    const domainOfSat = Int32Array.from({ length: o.satellites }, (_, s) => Math.floor(s / per));
    return new FleetCapacity({
      chipsPerSat: o.chipsPerSat, satCount: o.satellites, domainOfSat,
      domainBandwidth_bps: per === 1 ? Infinity : o.linkBandwidth_bps ?? Infinity, sparesPerSat: o.sparesPerSat ?? 0,
    });
  }

  private domChip0(d: number): number {
    return this.chipStart[this.domainSatStart[d]!]!;
  }

  /** Total chips held by jobs (kept as a running count). */
  busyChips(): number {
    return this.busyTotal;
  }

  /** Alive chips on satellites that are up (kept as a running count). */
  upChips(): number {
    return this.upTotal;
  }

  /** Largest `potential` over domains whose design bandwidth carries a job needing `bw` bit/s (multi-satellite domains only). */
  maxPotential(bw = 0): number {
    let m = 0;
    for (let d = 0; d < this.domainCount; d++) if (this.bandwidthOk(d, bw, true) && this.potential[d]! > m) m = this.potential[d]!;
    return m;
  }

  /** True when domain d carries bw bit/s between its satellites now (`nominal`: by design). */
  bandwidthOk(d: number, bw: number, nominal = false): boolean {
    return bw <= 0 || this.domainSatStart[d + 1]! - this.domainSatStart[d]! === 1 || (nominal ? this.nominalBandwidth_bps : this.domainBandwidth_bps)[d]! >= bw;
  }

  /** Best fit: the domain with the fewest free chips that still holds `k` (lowest row on ties); −1 if none. */
  bestFit(k: number, bw = 0): number {
    let best = -1, bestFree = Infinity;
    for (let d = 0; d < this.domainCount; d++) {
      const f = this.free[d]!;
      if (f >= k && f < bestFree && this.bandwidthOk(d, bw)) { best = d; bestFree = f; }
    }
    return best;
  }

  private refreshSat(s: number): void {
    const room = this.satStatus[s] === Status.Ok ? this.cap[s]! - this.busy[s]! : 0;
    if (this.parked[s]! > 0 && this.stackFree[s]! < room) this.unpark(s);
    const u = Math.max(0, Math.min(room, this.stackFree[s]! + this.parked[s]!));
    this.free[this.domainOfSat[s]!]! += u - this.usable[s]!;
    this.usable[s] = u;
  }

  private unpark(s: number): void {
    const d = this.domainOfSat[s]!, c0 = this.domChip0(d);
    for (let c = this.chipStart[s]!; c < this.chipStart[s + 1]!; c++) {
      if (this.owner[c] === PARKED) { this.owner[c] = FREE; this.stack[c0 + this.top[d]!++] = c; }
    }
    this.stackFree[s]! += this.parked[s]!;
    this.parked[s] = 0;
  }

  /**
   * Give `k` chips of domain `d` to job `job`; returns the arena offset of its chip list (reusing
   * `reuseAt` when ≥ 0: a job's chip count never changes). Throws E_INTERNAL when d lacks k chips.
   */
  allocate(job: number, d: number, k: number, reuseAt = -1): number {
    if (this.free[d]! < k) throw new OrbitdcError('E_INTERNAL', `allocate: domain ${d} has ${this.free[d]} free chips, job ${job} needs ${k}`);
    let at = reuseAt;
    if (at < 0) {
      at = this.arenaUsed;
      this.arenaUsed += k;
      if (this.arenaUsed > this.arena.length) { const a = new Int32Array(Math.max(this.arenaUsed, this.arena.length * 2)); a.set(this.arena); this.arena = a; }
    }
    const c0 = this.domChip0(d);
    let got = 0;
    while (got < k) {
      if (this.top[d]! === 0) throw new OrbitdcError('E_INTERNAL', `allocate: free stack of domain ${d} ran dry`);
      const c = this.stack[c0 + --this.top[d]!]!;
      if (this.owner[c] !== FREE) continue; // a DEAD chip left in the stack
      const s = this.satOfChip[c]!;
      this.stackFree[s]!--;
      if (this.satStatus[s] !== Status.Ok || this.busy[s]! >= this.cap[s]!) { this.owner[c] = PARKED; this.parked[s]!++; continue; }
      this.owner[c] = job;
      this.busy[s]!++;
      this.busyTotal++;
      this.arena[at + got++] = c;
      this.refreshSat(s);
    }
    return at;
  }

  /** Return job's chips (those it still owns) to their domain. */
  release(job: number, at: number, k: number): void {
    for (let i = 0; i < k; i++) {
      const c = this.arena[at + i]!;
      if (this.owner[c] === job) this.freeChip(c); // else it died while held
    }
  }

  /** Give back one chip that a holder (the inference pool) keeps no longer; its other chips stay held. */
  releaseChip(c: number): void {
    if (this.owner[c]! >= 0) this.freeChip(c);
  }

  /** A held chip back on its domain's free stack. */
  private freeChip(c: number): void {
    const s = this.satOfChip[c]!, dom = this.domainOfSat[s]!;
    this.owner[c] = FREE;
    this.stack[this.domChip0(dom) + this.top[dom]!++] = c;
    this.stackFree[s]!++;
    this.busy[s]!--;
    this.busyTotal--;
    this.refreshSat(s);
  }

  /**
   * A chip fails for good. With a spare left on its satellite the spare takes its place (the chip
   * row stays alive) and 'replaced' comes back; otherwise the chip is DEAD. Returns the job row
   * that held it (≥ 0) or −1, in `out.job`.
   */
  failChip(c: number, out: { job: number; replaced: boolean }): void {
    const s = this.satOfChip[c]!, o = this.owner[c]!;
    out.job = o >= 0 ? o : -1;
    out.replaced = false;
    if (o === DEAD) return;
    if (this.spares[s]! > 0) { this.spares[s]!--; out.replaced = true; return; }
    if (o >= 0) { this.busy[s]!--; this.busyTotal--; }
    else if (o === FREE) this.stackFree[s]!--;
    else if (o === PARKED) this.parked[s]!--;
    this.owner[c] = DEAD;
    this.alive[s]!--;
    if (this.satStatus[s] === Status.Ok) this.upTotal--;
    if (this.satStatus[s] !== Status.Failed) this.potential[this.domainOfSat[s]!]!--;
    this.refreshSat(s);
  }

  /**
   * Set a satellite's status (Ok, Offline, Failed). The caller interrupts the jobs on it first
   * (their chips then go back FREE and get parked here as they are popped).
   */
  setStatus(s: number, status: number): void {
    const old = this.satStatus[s]!;
    if (old === status) return;
    if (old === Status.Failed) throw new OrbitdcError('E_ARGUMENT', 'a failed satellite cannot come back (no repairs in orbit)', { field: `satStatus[${s}]`, expected: 'Failed', found: String(status) });
    this.satStatus[s] = status;
    if (old === Status.Ok) this.upTotal -= this.alive[s]!;
    if (status === Status.Ok) this.upTotal += this.alive[s]!;
    if (status === Status.Failed) this.potential[this.domainOfSat[s]!]! -= this.alive[s]!;
    this.refreshSat(s);
  }

  /** Set a satellite's power cap [chips]. */
  setCap(s: number, chips: number): void {
    const n = Math.max(0, Math.min(chips, this.chipStart[s + 1]! - this.chipStart[s]!));
    if (this.cap[s] === n) return;
    this.cap[s] = n;
    this.refreshSat(s);
  }

  /** Check every count against a recount from the chip columns (for tests); returns a problem or ''. */
  audit(): string {
    const free = new Int32Array(this.domainCount);
    for (let s = 0; s < this.satCount; s++) {
      let busy = 0, alive = 0, sf = 0, pk = 0;
      for (let c = this.chipStart[s]!; c < this.chipStart[s + 1]!; c++) {
        const o = this.owner[c]!;
        if (o !== DEAD) alive++;
        if (o >= 0) busy++; else if (o === FREE) sf++; else if (o === PARKED) pk++;
      }
      if (busy !== this.busy[s]) return `sat ${s}: busy ${this.busy[s]} ≠ ${busy}`;
      if (alive !== this.alive[s]) return `sat ${s}: alive ${this.alive[s]} ≠ ${alive}`;
      if (sf !== this.stackFree[s] || pk !== this.parked[s]) return `sat ${s}: free/parked counts off`;
      if (busy > this.cap[s]! && this.satStatus[s] === Status.Ok && this.cap[s] === this.chipStart[s + 1]! - this.chipStart[s]!) return `sat ${s}: over capacity`;
      const room = this.satStatus[s] === Status.Ok ? this.cap[s]! - busy : 0;
      free[this.domainOfSat[s]!]! += Math.max(0, Math.min(room, sf + pk));
    }
    for (let d = 0; d < this.domainCount; d++) if (free[d] !== this.free[d]) return `domain ${d}: free ${this.free[d]} ≠ ${free[d]}`;
    let b = 0, u = 0;
    for (let s = 0; s < this.satCount; s++) { b += this.busy[s]!; if (this.satStatus[s] === Status.Ok) u += this.alive[s]!; }
    if (b !== this.busyTotal || u !== this.upTotal) return `totals: busy ${this.busyTotal} ≠ ${b} or up ${this.upTotal} ≠ ${u}`;
    return '';
  }
}
