/** A link down stops exactly the jobs that span it (network-compute.ts), on a hand-built plane. */
import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { R_EARTH_m, TWO_PI } from '../core/units.js';
import { FleetCapacity } from '../compute/cluster.js';
import { JobState, JobTable } from '../compute/jobs.js';
import { ReplayCore } from '../compute/replay-core.js';
import { makePolicy } from '../compute/scheduler.js';
import { SUNCATCHER_LINK } from '../network/linkbudget.js';
import { LinkKind, LinkListBuilder } from '../network/topology.js';
import { NetworkCompute } from './network-compute.js';
import { TwinNetwork } from './network-stage.js';
import { NETWORK_DEFAULTS, type NetworkSpec } from './scenario/network.js';

const S = 12, a_m = R_EARTH_m + 550e3;

function plane(): { fleet: FleetState; net: TwinNetwork } {
  const fleet = new FleetState(S);
  for (let s = 0; s < S; s++) {
    fleet.append(s, `s${s}`);
    const u = (TWO_PI * s) / S;
    fleet.x_m[s] = a_m * Math.cos(u); fleet.y_m[s] = a_m * Math.sin(u); fleet.z_m[s] = 0;
    fleet.status[s] = Status.Ok;
  }
  const b = new LinkListBuilder();
  for (let s = 0; s < S; s++) b.add(s, (s + 1) % S, LinkKind.IntraPlane);
  const spec: NetworkSpec = {
    ...NETWORK_DEFAULTS, topology: ['plus-grid'], userLinks: [], link: { ...SUNCATCHER_LINK }, repointing: true,
    grazingHeight_m: 80e3, maxRange_m: 5_000e3, stations: [],
  };
  const net = new TwinNetwork(spec, b.build(), [{ constellation: 0, from: 0, planes: 1, perPlane: S, a_m }], S, 10);
  return { fleet, net };
}

describe('network-compute', () => {
  it('a job with chips on both sides of a down link stops; jobs on one satellite keep running; the domain is cut until the link is re-acquired', () => {
    const { fleet, net } = plane();
    expect(net.spans[0]!.span).toBe(4);
    const bw = net.spans[0]!.bandwidth_bps;
    const F = new FleetCapacity({ chipsPerSat: 8, satCount: S, domainOfSat: Int32Array.from({ length: S }, (_, s) => Math.floor(s / 4)), domainBandwidth_bps: bw });
    const jobs = new JobTable();
    jobs.add({ submit_s: 0, work_s: 30, chips: 8 });                        // X: satellite 0, done within the first step
    jobs.add({ submit_s: 0, work_s: 36_000, chips: 8 });                    // Y: satellite 1
    jobs.add({ submit_s: 0, work_s: 36_000, chips: 8, minBandwidth_bps: 1e9 }); // W: satellite 2 alone
    jobs.add({ submit_s: 30, work_s: 36_000, chips: 16, minBandwidth_bps: 1e9 }); // Z: X's chips on satellite 0, then satellite 3
    const core = new ReplayCore(jobs, F, { policy: makePolicy('fifo'), dt_s: 60 });
    const nc = new NetworkCompute(net, F, core, false);
    const sats = (j: number): number[] => [...new Set(Array.from({ length: jobs.chips[j]! }, (_, i) => F.satOfChip[F.arena[jobs.allocStart[j]! + i]!]!))].sort();
    core.begin(0); core.boundary(0);
    net.update(fleet, 0, 0); nc.apply(0);
    core.interval(0, 60); core.boundary(60);
    expect(sats(3)).toEqual([0, 3]);
    expect(sats(2)).toEqual([2]);
    // Satellite 1 goes offline in the network only: links 0–1 and 1–2 are down, Z spans them, W does not.
    fleet.status[1] = Status.Offline;
    net.update(fleet, 60_000, 60); nc.apply(60);
    expect(F.domainBandwidth_bps[0]).toBe(0);
    expect(jobs.state[3]).toBe(JobState.Queued);
    expect(jobs.state[2]).toBe(JobState.Running);
    expect(jobs.state[1]).toBe(JobState.Running);
    expect(core.linkDownJobs).toBe(1);
    expect(core.metrics().faultTimeline.cause).toContain('linkDown');
    // Back up: 30 s acquisition first (SUNCATCHER_LINK), then the fixed capacity again.
    fleet.status[1] = Status.Ok;
    net.update(fleet, 120_000, 120); nc.apply(120);
    expect(F.domainBandwidth_bps[0]).toBe(0);
    net.update(fleet, 180_000, 180); nc.apply(180);
    expect(F.domainBandwidth_bps[0]).toBe(bw);
    expect(nc.metrics().linkDownInterruptions).toBe(1);
  });
});
