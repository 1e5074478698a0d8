/**
 * The network in the twin (scenario `network`): the pieces of src/network's NetworkStage on the
 * twin's fleet at the network cadence, after the step's positions and statuses are known (not
 * NetworkStage itself: it rebuilds the whole graph and evaluates every link at every update, ~3 ms
 * at 10,000 satellites, three engine steps). Each update:
 *
 *   links      link states (network-links.ts): a full evaluation (line of sight above the grazing
 *              height, range, both ends Ok, re-pointing) every `geometry_cadence_s`, the
 *              endpoints' status in between;
 *   ground     contacts: each station's highest satellites in view, up to its terminals
 *              (src/network/ground.ts pushGroundEdges);
 *   reach      per satellite, a path over up links to a satellite in contact or not (connected
 *              components of the up links on the static CSR of candidate links, relabelled only
 *              when a link's state changed, network-reach.ts); at full evaluations at most once an
 *              hour (LATENCY_SAMPLE_EVERY_s) also the light time to the nearest station
 *              (multi-source Dijkstra), for the latency percentiles;
 *   downlink   the fleet's expected downlink capacity: Σ over contacts of the terminal's rate ×
 *              (1 − cloud outage) for optical stations (ground.ts: the sky's expectation, as for
 *              volumes);
 *   metrics    links up, link states, re-pointing events, contact time, downlink volume,
 *              reachable fraction, latency percentiles, a folded series.
 *
 * Values hold until the next update (a step between updates sees the last one). Time integrals
 * (contact time, downlink volume, reachable fraction) weight each update by the time it held.
 *
 * Placement across links (compute-stage.ts): a +Grid shell's planes are cut into placement
 * domains of `placement_span` consecutive satellites joined by in-plane links. In a circular
 * plane of S satellites an in-plane link is a chord 2a·sin(π/S), the same for every pair and at
 * every time (J2 moves all of them alike), so its capacity from the link budget is fixed; the
 * domain's bandwidth is that capacity while all its links are up, 0 (cut) otherwise. A shell
 * whose chord is out of range or below the grazing height keeps one domain per satellite.
 *
 * Not modelled: traffic on the links (routes are not loaded; the ground terminals, ~10 Gbit/s,
 * are the bottleneck long before the ~100 Gbit/s-class laser links), uplink of prompts.
 */
import type { FleetState } from '../core/fleet.js';
import { R_EARTH_m } from '../core/units.js';
import { type EcefColumns, inertialToEcef, makeEcefColumns } from '../orbit/frames.js';
import { CsrGraph, EdgeList } from '../network/graph.js';
import { pushGroundEdges, type StationGeometry, stationGeometry } from '../network/ground.js';
import { LinkCapacityModel } from '../network/linkbudget.js';
import { type CandidateLinks, LINK_KIND_NAMES, LinkKind, LinkState } from '../network/topology.js';
import type { BuiltFleet } from './build.js';
import { TwinLinks } from './network-links.js';
import { GroundReach, LatencyHistogram } from './network-reach.js';
import { twinNetworkLinks, type ShellInfo } from './network-model.js';
import type { NetworkSpec } from './scenario/network.js';
import type { Scenario } from './scenario/normalise.js';

/** Most rows of the network series in summary.json (updates are folded into interval means). */
export const NETWORK_SERIES_ROWS = 240;

/** A shell cut into placement domains along its planes (compute-stage.ts builds the domains). */
export interface PlacementSpan {
  /** Constellation index in the scenario. */
  constellation: number;
  from: number;
  planes: number;
  perPlane: number;
  /** Satellites per domain (the last of a plane may have fewer). */
  span: number;
  /** In-plane chord [m] and its capacity from the link budget [bit/s]. */
  chord_m: number;
  bandwidth_bps: number;
}

/** In-plane links inside each multi-satellite domain (CSR by domain). */
export interface DomainLinks {
  /** Links of domain d: link[start[d] .. start[d+1]). */
  start: Int32Array;
  /** Candidate-link index. */
  link: Int32Array;
  /** The link joins satellites cutSat and cutSat + 1. */
  cutSat: Int32Array;
}

/**
 * Light time to the ground is sampled at most this often [s]: a multi-source Dijkstra over 10⁴
 * satellites cost a seventh of the engine's main thread at every 600 s full evaluation, and the
 * percentiles of an hourly sample over a mission differ by less than their 2.3 % bins.
 */
export const LATENCY_SAMPLE_EVERY_s = 3600;

export class TwinNetwork {
  readonly spec: NetworkSpec;
  readonly links: CandidateLinks;
  /** Link states and re-pointing (network-links.ts). */
  readonly linkStates: TwinLinks;
  /** Full link evaluations every this many updates (geometry_cadence_s ÷ cadence_s). */
  readonly fullEvery: number;
  /** Static CSR of every candidate link (arc k belongs to link `graph.edge[k]`), built once. */
  private readonly graph = new CsrGraph();
  private readonly stationGeo: StationGeometry[];
  private readonly ecef: EcefColumns;
  /** This update's ground contacts (satellite row a, station node b = satCount + station, tag −1 − station). */
  readonly groundEdges = new EdgeList();
  private lastUpdate_s = Number.NaN;
  private lastLatency_s = Number.NaN;
  private readonly counts = { up: 0, earthBlocked: 0, outOfRange: 0, endpointDown: 0, acquiring: 0 };
  readonly spans: PlacementSpan[];
  /** Shells that could not be spanned, with the reason (summary.json). */
  readonly spanNotes: string[] = [];
  readonly satCount: number;
  /** 1 where the satellite has a path to a ground station (as of the last update). */
  readonly groundPath: Uint8Array;
  /** Expected downlink capacity of the fleet now [bit/s]. */
  downlink_bps = 0;
  /** Incremented at every update (the compute stage applies link changes once per update). */
  version = 0;
  private readonly reach: GroundReach;
  private readonly stationRate_bps: Float64Array;
  private readonly inContact: Uint8Array;
  // Time integrals over [first update, last update) and the values that hold since the last one.
  private lastT = Number.NaN;
  private readonly held = { reachable: 0, contacts: 0, downlink_bps: 0, stationRate_bps: new Float64Array(0) };
  private readonly integral = { reachable_s: 0, contactSat_s: 0, downlink_bits: 0, span_s: 0 };
  private readonly stationContact_s: Float64Array;
  private readonly stationVolume_bits: Float64Array;
  private updates = 0;
  private readonly linksUp = { min: Infinity, max: -Infinity, sum: 0 };
  private readonly stateSums = new Float64Array(5);
  private repointings = 0;
  private reachableMin = Infinity;
  private readonly latency = new LatencyHistogram();
  private readonly perRow: number;
  private readonly series: { time_s: Float64Array; n: Float64Array; linksUp: Float64Array; reachable: Float64Array; downlink_bps: Float64Array };

  constructor(spec: NetworkSpec, links: CandidateLinks, shells: readonly ShellInfo[], satCount: number, expectedUpdates: number) {
    this.spec = spec;
    this.links = links;
    this.satCount = satCount;
    this.linkStates = new TwinLinks(links, satCount, spec.link, { grazingHeight_m: spec.grazingHeight_m, maxRange_m: spec.maxRange_m }, spec.repointing);
    this.fullEvery = Math.max(1, Math.round(spec.geometryCadence_s / spec.cadence_s));
    const all = new EdgeList();
    all.reserve(links.count);
    for (let i = 0; i < links.count; i++) all.push(links.a[i]!, links.b[i]!, 0, 0, i);
    this.graph.build(satCount, all);
    this.stationGeo = spec.stations.map(stationGeometry);
    this.ecef = makeEcefColumns(this.stationGeo.length > 0 ? satCount : 0, true);
    this.groundEdges.reserve(16 * this.stationGeo.length);
    this.reach = new GroundReach(satCount);
    this.groundPath = new Uint8Array(satCount);
    this.inContact = new Uint8Array(satCount);
    const G = spec.stations.length;
    this.stationRate_bps = Float64Array.from(spec.stations, (s) => s.downlinkRate_bps * (s.kind === 'optical' ? 1 - s.cloudOutageProbability : 1));
    this.stationContact_s = new Float64Array(G);
    this.stationVolume_bits = new Float64Array(G);
    this.held.stationRate_bps = new Float64Array(G);
    this.spans = this.placementSpans(shells);
    this.perRow = Math.max(1, Math.ceil(expectedUpdates / NETWORK_SERIES_ROWS));
    const rows = Math.max(1, Math.ceil(expectedUpdates / this.perRow));
    this.series = { time_s: new Float64Array(rows), n: new Float64Array(rows), linksUp: new Float64Array(rows), reachable: new Float64Array(rows), downlink_bps: new Float64Array(rows) };
  }

  /** The network of a scenario with a `network` section (null without one). */
  static fromScenario(scenario: Scenario, built: BuiltFleet): TwinNetwork | null {
    const spec = scenario.network;
    if (!spec) return null;
    const { links, shells } = twinNetworkLinks(scenario, built);
    const everySteps = Math.max(1, Math.ceil(spec.cadence_s / scenario.step_s - 1e-9));
    return new TwinNetwork(spec, links, shells, built.fleet.count, Math.ceil(scenario.stepCount / everySteps));
  }

  private placementSpans(shells: readonly ShellInfo[]): PlacementSpan[] {
    const out: PlacementSpan[] = [];
    const model = new LinkCapacityModel(this.spec.link);
    for (const sh of shells) {
      const S = sh.perPlane, span = Math.min(this.spec.placementSpan, S);
      if (span < 2) continue;
      const chord_m = 2 * sh.a_m * Math.sin(Math.PI / S);
      // The chord's closest approach to the Earth is its midpoint, at a·cos(π/S) from the centre.
      const clear = S >= 3 && sh.a_m * Math.cos(Math.PI / S) >= R_EARTH_m + this.spec.grazingHeight_m;
      if (!clear || chord_m > this.spec.maxRange_m) {
        this.spanNotes.push(`constellation ${sh.constellation}: in-plane links of ${(chord_m / 1e3).toFixed(0)} km are ${clear ? 'beyond the maximum range' : 'below the grazing height'}; one placement domain per satellite`);
        continue;
      }
      out.push({ constellation: sh.constellation, from: sh.from, planes: sh.planes, perPlane: S, span, chord_m, bandwidth_bps: model.capacity_bps(chord_m) });
    }
    return out;
  }

  /** The in-plane links inside each multi-satellite domain of `domainOfSat` that lies in a span shell. */
  domainLinks(domainOfSat: Int32Array, domainCount: number): DomainLinks {
    const inSpan = new Uint8Array(this.satCount);
    for (const sp of this.spans) inSpan.fill(1, sp.from, sp.from + sp.planes * sp.perPlane);
    const count = new Int32Array(domainCount + 1);
    const L = this.links, pick: number[] = [];
    for (let i = 0; i < L.count; i++) {
      const a = L.a[i]!, b = L.b[i]!;
      if (L.kind[i] !== LinkKind.IntraPlane || b !== a + 1 || !inSpan[a] || domainOfSat[a] !== domainOfSat[b]) continue;
      pick.push(i);
      count[domainOfSat[a]! + 1]!++;
    }
    for (let d = 0; d < domainCount; d++) count[d + 1]! += count[d]!;
    const fill = count.slice(0, domainCount), link = new Int32Array(pick.length), cutSat = new Int32Array(pick.length);
    for (const i of pick) { const d = domainOfSat[L.a[i]!]!; const k = fill[d]!++; link[k] = i; cutSat[k] = L.a[i]!; }
    return { start: count, link, cutSat };
  }

  /** True when an update is due at t_s (never updated, or the cadence has passed). */
  due(t_s: number): boolean {
    return Number.isNaN(this.lastUpdate_s) || t_s - this.lastUpdate_s >= this.spec.cadence_s - 1e-9;
  }

  /** Link state of candidate link i (LinkState), as of the last update. */
  linkState(i: number): number {
    return this.linkStates.cols.state[i]!;
  }

  /** Update the network for the fleet at utcMs (t_s after the epoch). */
  update(fleet: FleetState, utcMs: number, t_s: number): void {
    this.close(t_s);
    this.lastUpdate_s = t_s;
    const L = this.linkStates, N = this.satCount, gp = this.groundPath;
    const full = this.updates % this.fullEvery === 0 || !L.light(fleet.status, t_s);
    if (full) { L.full(fleet, t_s); this.reach.label(this.graph, L.cols.state, N); }
    const e = this.groundEdges;
    e.clear();
    if (this.stationGeo.length > 0) {
      inertialToEcef(fleet, utcMs, this.ecef, 0, N);
      pushGroundEdges(this.stationGeo, this.ecef, fleet.status, 0, N, N, e);
    }
    const state = L.cols.state;
    let reached: number;
    const sampleLatency = full && (Number.isNaN(this.lastLatency_s) || t_s - this.lastLatency_s >= LATENCY_SAMPLE_EVERY_s - 1e-9);
    if (sampleLatency) {
      // Full evaluations, at most hourly, also give the light time to the ground (latency percentiles).
      this.lastLatency_s = t_s;
      reached = this.reach.latency(this.graph, state, L.cols.length_m, e, N);
      const dist = this.reach.dist_s;
      for (let s = 0; s < N; s++) {
        const d = dist[s]!;
        if (d < Number.POSITIVE_INFINITY) { gp[s] = 1; this.latency.add(d); } else gp[s] = 0;
      }
    } else {
      if (!full && L.changed) this.reach.label(this.graph, state, N);
      reached = this.reach.reachable(e, N, gp);
    }
    // Ground contacts: edges tagged −1 − station (graph.ts EdgeList).
    const inC = this.inContact, stRate = this.held.stationRate_bps;
    stRate.fill(0);
    let down = 0, contacts = 0;
    for (let k = 0; k < e.count; k++) {
      const g = -1 - e.tag[k]!, s = e.a[k]!;
      down += this.stationRate_bps[g]!;
      stRate[g]! += this.stationRate_bps[g]!;
      if (inC[s] === 0) { inC[s] = 1; contacts++; }
    }
    for (let k = 0; k < e.count; k++) inC[e.a[k]!] = 0;
    this.downlink_bps = down;
    this.held.reachable = reached; this.held.contacts = contacts; this.held.downlink_bps = down;
    const lc = L.counts, c = this.counts;
    c.up = lc[LinkState.Up]!; c.earthBlocked = lc[LinkState.EarthBlocked]!; c.outOfRange = lc[LinkState.OutOfRange]!;
    c.endpointDown = lc[LinkState.EndpointDown]!; c.acquiring = lc[LinkState.Acquiring]!;
    this.updates++;
    this.linksUp.sum += c.up;
    if (c.up < this.linksUp.min) this.linksUp.min = c.up;
    if (c.up > this.linksUp.max) this.linksUp.max = c.up;
    const ss = this.stateSums;
    ss[0]! += c.up; ss[1]! += c.earthBlocked; ss[2]! += c.outOfRange; ss[3]! += c.endpointDown; ss[4]! += c.acquiring;
    this.repointings += L.acquisitionsLastUpdate;
    if (reached < this.reachableMin) this.reachableMin = reached;
    const r = Math.min(this.series.time_s.length - 1, Math.floor((this.updates - 1) / this.perRow)), S = this.series;
    if (S.n[r] === 0) S.time_s[r] = t_s;
    S.n[r]!++; S.linksUp[r]! += c.up; S.reachable[r]! += N > 0 ? reached / N : 0; S.downlink_bps[r]! += down;
    this.version++;
  }

  /** Add the values held since the last update up to t_s to the time integrals. */
  private close(t_s: number): void {
    if (Number.isNaN(this.lastT)) { this.lastT = t_s; return; }
    const dt = t_s - this.lastT;
    if (!(dt > 0)) return;
    const I = this.integral, h = this.held;
    I.reachable_s += h.reachable * dt;
    I.contactSat_s += h.contacts * dt;
    I.downlink_bits += h.downlink_bps * dt;
    I.span_s += dt;
    for (let g = 0; g < h.stationRate_bps.length; g++) {
      const r = h.stationRate_bps[g]!;
      if (r === 0) continue;
      this.stationContact_s[g]! += dt;
      this.stationVolume_bits[g]! += dt * r;
    }
    this.lastT = t_s;
  }

  /**
   * The `network` section of summary.json as of simulated time end_s (the values of the last
   * update hold to end_s). `extra` adds the compute stage's figures (placement, inference).
   */
  summary(end_s: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    if (!Number.isNaN(this.lastT) && end_s > this.lastT) this.close(end_s);
    const I = this.integral, span = I.span_s, N = this.satCount, u = this.updates;
    const day = (bits: number): number | null => (span > 0 ? (bits / span) * 86_400 / 8e12 : null);
    const frac = (x: number): number | null => (span > 0 && N > 0 ? x / (span * N) : null);
    const kinds: Record<string, number> = {};
    LINK_KIND_NAMES.forEach((name, k) => {
      let n = 0;
      for (let i = 0; i < this.links.count; i++) if (this.links.kind[i] === k) n++;
      if (n > 0) kinds[name] = n;
    });
    const S = this.series, rows = S.n.findIndex((n) => n === 0);
    const R = rows < 0 ? S.n.length : rows;
    const mean = (a: Float64Array, scale = 1): number[] => Array.from(a.subarray(0, R), (v, i) => v / S.n[i]! / scale);
    const ms = (x: number): number | null => (Number.isFinite(x) ? x * 1e3 : null);
    return {
      cadence_s: this.spec.cadence_s,
      geometryCadence_s: this.fullEvery * this.spec.cadence_s,
      updates: u,
      fullEvaluations: this.linkStates.fullEvaluations,
      candidateLinks: this.links.count,
      candidateLinksByKind: kinds,
      linksUp: u > 0 ? { min: this.linksUp.min, mean: this.linksUp.sum / u, max: this.linksUp.max } : null,
      linkStatesMean: u > 0 ? { up: this.stateSums[0]! / u, earthBlocked: this.stateSums[1]! / u, outOfRange: this.stateSums[2]! / u, endpointDown: this.stateSums[3]! / u, acquiring: this.stateSums[4]! / u } : null,
      repointingEvents: this.repointings,
      groundStations: this.spec.stations.map((s, g) => ({
        name: s.name, kind: s.kind, downlink_Gbps: s.downlinkRate_bps / 1e9, terminals: s.terminals, cloudOutage: s.cloudOutageProbability,
        contactFraction: span > 0 ? this.stationContact_s[g]! / span : null, downlinkPerDay_TB: day(this.stationVolume_bits[g]!),
      })),
      groundContactFraction: frac(I.contactSat_s),
      downlinkPerDay_TB: day(I.downlink_bits),
      downlinkMean_Gbps: span > 0 ? I.downlink_bits / span / 1e9 : null,
      groundReachableFraction: { mean: frac(I.reachable_s), min: u > 0 && N > 0 ? this.reachableMin / N : null },
      latencyToGround_ms: { p50: ms(this.latency.quantile(0.5)), p99: ms(this.latency.quantile(0.99)), max: ms(this.latency.max), samples: this.latency.total, note: 'one-way light time to the nearest station over laser links and the slant range, per satellite with a path, at full link evaluations at most once an hour; percentiles to 2.3 % (log bins)' },
      placement: {
        span: this.spec.placementSpan,
        shells: this.spans.map((p) => ({ constellation: p.constellation, planes: p.planes, perPlane: p.perPlane, span: p.span, inPlaneLink_km: p.chord_m / 1e3, domainBandwidth_Gbps: p.bandwidth_bps / 1e9 })),
        notes: [...this.spanNotes],
        jobBandwidth_Gbps: this.spec.jobBandwidth_bps / 1e9,
      },
      bitsPerToken: this.spec.bitsPerToken,
      ...extra,
      series: {
        rows: R, every_s: this.perRow * this.spec.cadence_s,
        time_s: Array.from(S.time_s.subarray(0, R)), linksUp: mean(S.linksUp), groundReachableFraction: mean(S.reachable), downlink_Gbps: mean(S.downlink_bps, 1e9),
      },
      assumptions: [
        'links up: line of sight above the grazing height, within range, both ends Ok, re-pointing done (src/network); geometry evaluated every geometryCadence_s, endpoint status every update',
        'ground contacts: each station serves its highest satellites in view, up to its terminals; optical rates × (1 − cloud outage)',
        'no traffic on the links: the ground terminals are the bottleneck; prompts\' uplink not modelled',
        'placement domains: consecutive in-plane satellites of a +Grid shell; bandwidth = the fixed in-plane link capacity while every link of the domain is up, else 0',
        'values of an update hold until the next one',
      ],
    };
  }

  /** Up links now (for tests). */
  get linksUpNow(): number {
    return this.counts.up;
  }

  /** Ground contacts now. */
  get groundContactsNow(): number {
    return this.groundEdges.count;
  }
}
