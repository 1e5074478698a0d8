/**
 * The network's hold on the compute stage (a scenario with both `network` and `workload`):
 *
 * - Placement across links. Domains of consecutive in-plane satellites (network-stage.ts) have
 *   the fixed capacity of their in-plane links while every one is up, 0 while one is down
 *   (endpoint offline or failed, blocked, out of range, re-acquiring): no job that needs
 *   bandwidth is placed there then. A running job that needs more than what remains and has chips
 *   on both sides of a down link (a domain is a chain: satellites ≤ s and > s of the link s–s+1)
 *   stops, work since its checkpoint lost, and queues again (ReplayCore.stopJob, cause "linkDown").
 *   Jobs whose chips sit on one side keep running.
 * - Inference answers need the ground: pool chips on satellites without a path to a station do not
 *   serve, and the pool serves at most the fleet's downlink ÷ bits per token
 *   (ReplayCore.setInferenceNetwork; inference.ts networkLimitedRate).
 *
 * Applied once per network update, at the step boundary t after the satellites' statuses (so a
 * satellite going down first takes its own jobs down as `satelliteOffline`).
 */
import type { FleetCapacity } from '../compute/cluster.js';
import type { ReplayCore } from '../compute/replay-core.js';
import { LinkState } from '../network/topology.js';
import type { DomainLinks, TwinNetwork } from './network-stage.js';

/** What the workload section of summary.json says about the network. */
export interface NetworkComputeMetrics {
  /** Placement domains spanning satellites over in-plane links. */
  linkedDomains: number;
  /** Bandwidth given to jobs larger than one satellite that declared none [bit/s], and how many. */
  jobBandwidth_bps: number;
  jobsGivenBandwidth: number;
  /** Running jobs stopped because a link they needed went down. */
  linkDownInterruptions: number;
  /** Domain-updates with a link down (summed over updates and domains). */
  domainCuts: number;
  inference: {
    bitsPerToken: number;
    poolChipHoursNoGroundPath: number;
    tokensHeldNoPath: number;
    tokensHeldDownlinkCap: number;
    downlinkCapacityTokens: number;
  } | null;
}

export class NetworkCompute {
  private readonly net: TwinNetwork;
  private readonly F: FleetCapacity;
  private readonly core: ReplayCore;
  private readonly dl: DomainLinks;
  /** Domains with in-plane links (the rest keep their bandwidth). */
  private readonly linked: Int32Array;
  private readonly cut: Uint8Array;
  private seen = -1;
  private stopBuf = new Int32Array(16);
  private cuts = 0;
  jobsGivenBandwidth = 0;
  private readonly hasInference: boolean;

  constructor(net: TwinNetwork, fleet: FleetCapacity, core: ReplayCore, hasInference: boolean) {
    this.net = net; this.F = fleet; this.core = core; this.hasInference = hasInference;
    this.dl = net.domainLinks(fleet.domainOfSat, fleet.domainCount);
    const linked: number[] = [];
    for (let d = 0; d < fleet.domainCount; d++) if (this.dl.start[d + 1]! > this.dl.start[d]!) linked.push(d);
    this.linked = Int32Array.from(linked);
    this.cut = new Uint8Array(fleet.domainCount);
    if (hasInference) core.setInferenceNetwork(net.groundPath, 0);
  }

  /** Apply the latest network update at the boundary t (no-op when the network has not changed). */
  apply(t: number): void {
    const net = this.net;
    if (net.version === this.seen) return;
    this.seen = net.version;
    if (this.hasInference) this.core.setInferenceNetwork(net.groundPath, net.downlink_bps / net.spec.bitsPerToken);
    const F = this.F, dl = this.dl, cut = this.cut;
    let lowered = false;
    for (const d of this.linked) {
      let up = true;
      for (let k = dl.start[d]!; k < dl.start[d + 1]!; k++) if (net.linkState(dl.link[k]!) !== LinkState.Up) { up = false; break; }
      const bw = up ? F.nominalBandwidth_bps[d]! : 0;
      cut[d] = up ? 0 : 1;
      if (!up) this.cuts++;
      if (bw < F.domainBandwidth_bps[d]!) lowered = true;
      F.domainBandwidth_bps[d] = bw;
    }
    if (lowered) this.stopCutJobs(t);
  }

  /** Stop running jobs that need more than their domain has left and span one of its down links. */
  private stopCutJobs(t: number): void {
    const core = this.core, J = core.jobs, F = this.F, dl = this.dl, net = this.net;
    const n = core.runningCount;
    if (this.stopBuf.length < n) this.stopBuf = new Int32Array(n);
    let m = 0;
    for (let r = 0; r < n; r++) {
      const j = core.running[r]!, d = J.domain[j]!;
      if (d < 0 || !this.cut[d] || !(J.minBandwidth_bps[j]! > F.domainBandwidth_bps[d]!)) continue;
      // Satellite span of the job's chips (those it still owns).
      let lo = Infinity, hi = -Infinity;
      for (let i = 0, at = J.allocStart[j]!; i < J.chips[j]!; i++) {
        const c = F.arena[at + i]!;
        if (F.owner[c] !== j) continue;
        const s = F.satOfChip[c]!;
        if (s < lo) lo = s;
        if (s > hi) hi = s;
      }
      for (let k = dl.start[d]!; k < dl.start[d + 1]!; k++) {
        const s = dl.cutSat[k]!;
        if (lo <= s && s < hi && net.linkState(dl.link[k]!) !== LinkState.Up) { this.stopBuf[m++] = j; break; }
      }
    }
    // Collected first: stopping a job reorders the running list.
    for (let i = 0; i < m; i++) core.stopJob(this.stopBuf[i]!, t, 'linkDown');
  }

  metrics(): NetworkComputeMetrics {
    const x = this.core.inferenceNet;
    return {
      linkedDomains: this.linked.length,
      jobBandwidth_bps: this.net.spec.jobBandwidth_bps,
      jobsGivenBandwidth: this.jobsGivenBandwidth,
      linkDownInterruptions: this.core.linkDownJobs,
      domainCuts: this.cuts,
      inference: this.hasInference ? {
        bitsPerToken: this.net.spec.bitsPerToken,
        poolChipHoursNoGroundPath: x.noPathChip_s / 3600,
        tokensHeldNoPath: x.heldNoPath_tokens,
        tokensHeldDownlinkCap: x.heldDownlink_tokens,
        downlinkCapacityTokens: x.downlinkCapacity_tokens,
      } : null,
    };
  }
}
