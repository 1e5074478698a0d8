/**
 * The replay core's inference pool (replay-core.ts): chips held by one owner id (one past the
 * last job row) that serve the token demand of the run, and what the network (a twin run with a
 * `network`) costs that service.
 *
 * The pool tops up at each step boundary from free chips, domain by domain, and only grows: dead
 * chips and chips on a satellite that goes down leave it (chipLost), and it tops up elsewhere at
 * the next boundary. Each step it serves at the rate of its chips alive on an up satellite, of
 * those whose answers reach the ground when a network is set, capped by the downlink
 * (inference.ts networkLimitedRate).
 */
import { Status } from '../core/status.js';
import type { FleetCapacity } from './cluster.js';
import { networkLimitedRate, newInferenceNetworkTotals, type InferenceNetworkTotals } from './inference.js';
import type { RunState, SimulationOptions } from './replay-options.js';

export class InferencePool {
  /** Owner id of pool chips in the fleet: one past the last job row. */
  readonly id: number;
  private at = -1;
  private held = 0;
  /** Alive pool chips per satellite. */
  private readonly onSat: Int32Array;
  /** Per satellite: 1 where inference answers reach the ground (setNetwork); null: everywhere (no network). */
  private groundPath: Uint8Array | null = null;
  /** Tokens per second the fleet's downlink carries (setNetwork); Infinity without a network. */
  private downlinkCap_tok_s = Infinity;
  /** What the network cost the inference service (inference.ts networkLimitedRate). */
  readonly net: InferenceNetworkTotals = newInferenceNetworkTotals();

  constructor(
    id: number,
    private readonly fleet: FleetCapacity,
    private readonly spec: SimulationOptions['inference'],
    private readonly dt: number,
  ) {
    this.id = id;
    this.onSat = new Int32Array(fleet.satCount);
  }

  /** A pool chip on satellite s died or left with its satellite. */
  chipLost(s: number): void {
    this.held--;
    this.onSat[s]!--;
  }

  topUp(): void {
    const inf = this.spec, F = this.fleet;
    if (!inf || this.held >= inf.poolChips) return;
    // The pool is one owner id holding chips in several domains; it only grows (dead chips leave it).
    for (let d = 0; d < F.domainCount && this.held < inf.poolChips; d++) {
      const k = Math.min(F.free[d]!, inf.poolChips - this.held);
      if (k <= 0) continue;
      const at = F.allocate(this.id, d, k);
      for (let i = at; i < at + k; i++) this.onSat[F.satOfChip[F.arena[i]!]!]!++;
      if (this.at < 0) this.at = at;
      this.held += k;
    }
  }

  serve(t: number, st: RunState): void {
    const inf = this.spec, server = st.inference, F = this.fleet;
    if (!inf || !server) return;
    let live = 0, reach = 0;
    // Pool chips serve when alive on an up satellite (onSat: alive pool chips per satellite)
    // whose answers reach the ground (groundPath, with a network).
    const gp = this.groundPath;
    for (let s = 0; s < F.satCount; s++) {
      if (F.satStatus[s] !== Status.Ok) continue;
      live += this.onSat[s]!;
      if (!gp || gp[s] === 1) reach += this.onSat[s]!;
    }
    st.poolChip_s += live * this.dt;
    const dm = inf.demand;
    const b = Math.floor((t - dm.start_s) / dm.bucket_s);
    const inRange = b >= 0 && b < dm.tokens.length;
    // A bucket longer than the step spreads its arrivals evenly over its steps (bucket_s a multiple of dt_s).
    const share = Math.min(1, this.dt / dm.bucket_s);
    const tokens = inRange ? dm.tokens[b]! * share : 0;
    const rate = networkLimitedRate(server.totals.backlog + tokens, live, reach, inf.tokensPerChip_s, this.downlinkCap_tok_s, this.dt, this.net);
    server.serve(inRange ? dm.requests[b]! * share : 0, tokens, inRange ? dm.target_s[b]! : Infinity, rate, this.dt);
  }

  /** The network's limits (ReplayCore.setInferenceNetwork); the array is read, not copied. */
  setNetwork(groundPath: Uint8Array | null, cap_tok_s: number): void {
    this.groundPath = groundPath;
    this.downlinkCap_tok_s = cap_tok_s;
  }
}
