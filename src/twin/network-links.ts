/**
 * Link states for the twin at two speeds: a full evaluation (src/network topology.ts
 * `evaluateLinks`: length, line of sight above the grazing height, range, endpoint status; then
 * re-pointing) every `geometry_cadence_s`, and in between a status pass that only follows the
 * endpoints. Why: at 10,000 satellites the full pass (20,000 links, hypot and line of sight per
 * link, direction per up link) costs about half an engine step, while what changes from minute to
 * minute is the satellites' status; a link's geometry decides its state only where it crosses
 * the range or the grazing height, which a +Grid link of a low shell rarely does.
 *
 * Between full evaluations: a link whose endpoint goes down is EndpointDown at once (and must
 * re-acquire); an Acquiring link becomes Up when its acquisition time is over; a link whose
 * endpoints come back forces a full evaluation at that update (status changes are rare). Only
 * geometry crossings wait, at most one geometry cadence.
 *
 * Re-pointing as src/network/graph.ts `LinkTracker` (same rule: a link coming up turns from the
 * direction it last pointed, π/2 when never up; at the first evaluation every geometrically up
 * link counts as established), with two differences: outages seen by the status pass count (the
 * library tracker only sees the states it is given), and the last direction is the one at the
 * last full evaluation (up to one geometry cadence old: an ASSUMPTION, ~4° at 60 s of a +Grid
 * neighbour's 0.065°/s).
 */
import type { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { LinkTracker } from '../network/graph.js';
import type { OpticalLinkParams } from '../network/linkbudget.js';
import { type CandidateLinks, evaluateLinks, type LinkGeometryOptions, type LinkStepColumns, LinkState, makeLinkStepColumns } from '../network/topology.js';

export class TwinLinks {
  readonly links: CandidateLinks;
  /** Length [m] (as of the last full evaluation) and state (as of the last update) per link. */
  readonly cols: LinkStepColumns;
  /** State per link by geometry and re-pointing at the last full evaluation (or since taken down). */
  private readonly geo: Uint8Array;
  /** Re-pointing delays (src/network/graph.ts LinkTracker); null when the scenario turns them off. */
  private readonly tracker: LinkTracker | null;
  private readonly geometry: LinkGeometryOptions;
  /** Links that came up at the last update and were given an acquisition delay. */
  acquisitionsLastUpdate = 0;
  /** Links per state after the last update, indexed by LinkState code. */
  readonly counts = new Float64Array(5);
  /** True when some link's state changed at the last update (a full evaluation always says so). */
  changed = true;
  /** Satellite status at the last update (a status pass with no change and nothing acquiring is skipped). */
  private readonly lastStatus: Uint8Array;
  /** Full evaluations so far. */
  fullEvaluations = 0;

  constructor(links: CandidateLinks, satCount: number, params: OpticalLinkParams, geometry: LinkGeometryOptions, repointing: boolean) {
    this.links = links;
    this.lastStatus = new Uint8Array(satCount);
    const n = links.count;
    this.cols = makeLinkStepColumns(n);
    this.geo = new Uint8Array(n);
    this.tracker = repointing ? new LinkTracker(n, params) : null;
    this.geometry = geometry;
  }

  /** Full evaluation at t_s: geometry, status and re-pointing of every link. */
  full(fleet: FleetState, t_s: number): void {
    const L = this.links, cols = this.cols, st = cols.state;
    evaluateLinks(L, fleet, cols, this.geometry);
    if (this.tracker) this.tracker.update(L, fleet, cols, t_s);
    this.geo.set(st);
    const c = this.counts;
    c.fill(0);
    for (let i = 0; i < L.count; i++) c[st[i]!]!++;
    this.changed = true;
    this.lastStatus.set(fleet.status.subarray(0, this.lastStatus.length));
    this.acquisitionsLastUpdate = this.tracker?.acquisitionsLastStep ?? 0;
    this.fullEvaluations++;
  }

  /**
   * Status pass at t_s (see the file comment). Returns false, doing nothing, when an endpoint came
   * back: the caller then runs `full`.
   */
  light(status: Uint8Array, t_s: number): boolean {
    const L = this.links, geo = this.geo, st = this.cols.state, tr = this.tracker, avail = tr?.availableAt_s, a = L.a, b = L.b;
    const last = this.lastStatus, n = last.length;
    this.acquisitionsLastUpdate = 0;
    if (this.counts[LinkState.Acquiring] === 0) {
      let same = true;
      for (let s = 0; s < n; s++) if (status[s] !== last[s]) { same = false; break; }
      if (same) { this.changed = false; return true; }
    }
    last.set(status.subarray(0, n));
    const c = this.counts;
    c.fill(0);
    let changed = false;
    for (let i = 0; i < L.count; i++) {
      const g = geo[i]!;
      let s = g;
      if (g === LinkState.Up || g === LinkState.Acquiring) {
        if (status[a[i]!] !== Status.Ok || status[b[i]!] !== Status.Ok) { geo[i] = LinkState.EndpointDown; tr?.markDown(i); s = LinkState.EndpointDown; }
        else s = avail !== undefined && t_s < avail[i]! ? LinkState.Acquiring : LinkState.Up;
      } else if (g === LinkState.EndpointDown && status[a[i]!] === Status.Ok && status[b[i]!] === Status.Ok) {
        // An endpoint came back: the full evaluation decides (what this pass changed so far is
        // redone there: links it took down are down there too).
        return false;
      }
      if (st[i] !== s) { st[i] = s; changed = true; }
      c[s]!++;
    }
    this.changed = changed;
    return true;
  }
}
