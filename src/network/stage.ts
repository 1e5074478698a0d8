/**
 * The network stage of the twin's pipeline (DESIGN.md: "network (links, routes, ground
 * contacts), own cadence"): given the candidate links and the fleet at one instant, it evaluates
 * the links (topology.ts), applies re-pointing delays (graph.ts LinkTracker), adds the ground
 * contacts (ground.ts), rebuilds the CSR graph and answers route queries until the next update.
 *
 * Graph nodes: satellites are rows 0..N−1 of the fleet, ground stations N..N+G−1 (endpoints
 * only, never relays). Cities are not nodes: a city's latency is the best over stations of
 * (space path to the station) + fibre (ground.ts).
 */
import { InputError, quoteFound } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { type EcefColumns, inertialToEcef, makeEcefColumns } from '../orbit/frames.js';
import { CsrGraph, EdgeList, LinkTracker, pushLinkEdges } from './graph.js';
import { type City, fibreLatency_s, type GroundStation, pushGroundEdges, type StationGeometry, stationGeometry } from './ground.js';
import { LinkCapacityModel, type OpticalLinkParams, SUNCATCHER_LINK } from './linkbudget.js';
import { Router } from './routing.js';
import { type CandidateLinks, evaluateLinks, type LinkGeometryOptions, type LinkStepColumns, LinkState, makeLinkStepColumns } from './topology.js';

export interface NetworkOptions {
  link?: OpticalLinkParams;
  geometry?: LinkGeometryOptions;
  stations?: readonly GroundStation[];
  /** Seconds between graph rebuilds (default 60 s: a +Grid link's length changes < 1 % in a minute). */
  cadence_s?: number;
  /** Apply re-pointing delays to links that come up (default true). */
  repointing?: boolean;
}

/** A route as the CLI and the scheduler want it. */
export interface RouteResult {
  /** Node indices (satellite rows, then stations as N + index); [] when unreachable. */
  path: number[];
  hops: number;
  /** One-way latency [s] (light time only: no queueing or processing); +∞ when unreachable. */
  latency_s: number;
  /** Smallest capacity along the path [bit/s]; 0 when unreachable. */
  bottleneck_bps: number;
}

/** Counts of one update, by link state. */
export interface NetworkCounts {
  candidates: number;
  up: number;
  earthBlocked: number;
  outOfRange: number;
  endpointDown: number;
  acquiring: number;
  groundContacts: number;
}

export class NetworkStage {
  readonly links: CandidateLinks;
  readonly satCount: number;
  readonly cols: LinkStepColumns;
  readonly model: LinkCapacityModel;
  readonly tracker: LinkTracker | null;
  readonly stations: readonly StationGeometry[];
  readonly edges = new EdgeList();
  readonly graph = new CsrGraph();
  readonly router: Router;
  readonly cadence_s: number;
  private readonly geometry: LinkGeometryOptions;
  private ecef: EcefColumns;
  /** Time of the last update, seconds since the fleet's epoch (NaN before the first). */
  updatedAt_s = Number.NaN;
  counts: NetworkCounts = { candidates: 0, up: 0, earthBlocked: 0, outOfRange: 0, endpointDown: 0, acquiring: 0, groundContacts: 0 };

  constructor(links: CandidateLinks, satCount: number, o: NetworkOptions = {}) {
    this.links = links;
    this.satCount = satCount;
    this.cols = makeLinkStepColumns(links.count);
    const p = o.link ?? SUNCATCHER_LINK;
    this.model = new LinkCapacityModel(p);
    this.tracker = o.repointing === false ? null : new LinkTracker(links.count, p);
    this.stations = (o.stations ?? []).map(stationGeometry);
    this.router = new Router(satCount + this.stations.length);
    this.cadence_s = o.cadence_s ?? 60;
    if (!(this.cadence_s > 0)) throw new InputError('network cadence must be positive', { field: 'cadence_s', expected: 'seconds > 0', found: quoteFound(this.cadence_s) }, 'E_ARGUMENT');
    this.geometry = o.geometry ?? {};
    this.ecef = makeEcefColumns(satCount, true);
    this.edges.reserve(links.count + 16 * this.stations.length);
  }

  get nodeCount(): number {
    return this.satCount + this.stations.length;
  }

  /** True when the graph is older than the cadence at t_s (or was never built). */
  due(t_s: number): boolean {
    return Number.isNaN(this.updatedAt_s) || t_s - this.updatedAt_s >= this.cadence_s - 1e-9;
  }

  /** Rebuild everything for the fleet at utcMs (t_s seconds after the epoch). Allocation-free once warm. */
  update(fleet: FleetState, utcMs: number, t_s: number): void {
    if (fleet.count < this.satCount) throw new InputError('fleet smaller than the network', { field: 'fleet.count', expected: `≥ ${this.satCount}`, found: String(fleet.count) }, 'E_ARGUMENT');
    evaluateLinks(this.links, fleet, this.cols, this.geometry);
    this.tracker?.update(this.links, fleet, this.cols, t_s);
    this.edges.clear();
    pushLinkEdges(this.links, this.cols, this.model, this.edges);
    let ground = 0;
    if (this.stations.length > 0) {
      inertialToEcef(fleet, utcMs, this.ecef, 0, this.satCount);
      ground = pushGroundEdges(this.stations, this.ecef, fleet.status, 0, this.satCount, this.satCount, this.edges);
    }
    this.graph.build(this.nodeCount, this.edges);
    const c = this.counts;
    c.candidates = this.links.count; c.up = 0; c.earthBlocked = 0; c.outOfRange = 0; c.endpointDown = 0; c.acquiring = 0; c.groundContacts = ground;
    const st = this.cols.state;
    for (let i = 0; i < this.links.count; i++) {
      switch (st[i]) {
        case LinkState.Up: c.up++; break;
        case LinkState.EarthBlocked: c.earthBlocked++; break;
        case LinkState.OutOfRange: c.outOfRange++; break;
        case LinkState.EndpointDown: c.endpointDown++; break;
        default: c.acquiring++;
      }
    }
    this.updatedAt_s = t_s;
  }

  private result(dst: number): RouteResult {
    const r = this.router;
    const path = r.path(dst);
    return {
      path, hops: path.length > 0 ? path.length - 1 : 0,
      latency_s: r.dist_s[dst]!, bottleneck_bps: path.length > 0 ? r.bottleneck_bps[dst]! : 0,
    };
  }

  private checkNode(v: number, field: string): void {
    if (!(Number.isInteger(v) && v >= 0 && v < this.nodeCount)) throw new InputError('no such network node', { field, expected: `0..${this.nodeCount - 1}`, found: quoteFound(v) }, 'E_ARGUMENT');
  }

  /** Lowest-latency route between two nodes. */
  route(from: number, to: number): RouteResult {
    this.checkNode(from, 'from'); this.checkNode(to, 'to');
    this.router.shortest(this.graph, from, this.satCount);
    return this.result(to);
  }

  /** Widest (highest bottleneck) route between two nodes; the lowest-latency one among them. */
  widestRoute(from: number, to: number): RouteResult {
    this.checkNode(from, 'from'); this.checkNode(to, 'to');
    this.router.widestThenShortest(this.graph, from, to, this.satCount);
    return this.result(to);
  }

  /** Lowest-latency route from a satellite to any ground station; station index in `station` (−1 if none). */
  routeToGround(fromSat: number): RouteResult & { station: number } {
    this.checkNode(fromSat, 'from');
    this.router.shortest(this.graph, fromSat, this.satCount);
    let best = -1, bestD = Number.POSITIVE_INFINITY;
    for (let g = 0; g < this.stations.length; g++) {
      const d = this.router.dist_s[this.satCount + g]!;
      if (d < bestD) { bestD = d; best = g; }
    }
    return best < 0 ? { path: [], hops: 0, latency_s: Number.POSITIVE_INFINITY, bottleneck_bps: 0, station: -1 } : { ...this.result(this.satCount + best), station: best };
  }

  /**
   * Route from a node to a city: space path to the station that minimises space latency plus
   * fibre to the city. `fibre_s` is the terrestrial part (included in latency_s).
   */
  routeToCity(from: number, city: City): RouteResult & { station: number; fibre_s: number } {
    this.checkNode(from, 'from');
    this.router.shortest(this.graph, from, this.satCount);
    let best = -1, bestD = Number.POSITIVE_INFINITY, bestF = 0;
    for (let g = 0; g < this.stations.length; g++) {
      const f = fibreLatency_s(this.stations[g]!.station, city);
      const d = this.router.dist_s[this.satCount + g]! + f;
      if (d < bestD) { bestD = d; best = g; bestF = f; }
    }
    if (best < 0) return { path: [], hops: 0, latency_s: Number.POSITIVE_INFINITY, bottleneck_bps: 0, station: -1, fibre_s: 0 };
    const r = this.result(this.satCount + best);
    return { ...r, latency_s: r.latency_s + bestF, station: best, fibre_s: bestF };
  }
}
