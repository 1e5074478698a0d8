/**
 * The time-varying network graph on compact arrays. At each network step the links that are up
 * (topology.ts) and the ground contacts (ground.ts) are pushed into an `EdgeList` (undirected
 * edges: latency [s], capacity [bit/s]), which `CsrGraph.build` turns into compressed sparse rows:
 * for node v its arcs are rowStart[v]..rowStart[v+1]−1 in `target`, `latency_s`, `capacity_bps`
 * and `edge` (the edge's index in the list, to get back to the link). Both directions of an edge
 * are arcs, with the same latency and capacity (each direction has its own transceivers, as the
 * Suncatcher bench demo's "800 Gbps each way"). Buffers are kept and grown by doubling, so a
 * rebuild every network step allocates nothing once sizes settle.
 *
 * `LinkTracker` carries the link history between steps: a link that comes up (again) is
 * `Acquiring` until its terminals have slewed and acquired (linkbudget.ts `repointTime_s`).
 */
import { OrbitdcError } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { C_LIGHT_m_s } from '../core/units.js';
import { type LinkCapacityModel, type OpticalLinkParams, repointTime_s, SUNCATCHER_LINK } from './linkbudget.js';
import { type CandidateLinks, type LinkStepColumns, LinkState } from './topology.js';

function growF64(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  let c = Math.max(16, a.length);
  while (c < n) c *= 2;
  const b = new Float64Array(c);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  let c = Math.max(16, a.length);
  while (c < n) c *= 2;
  const b = new Int32Array(c);
  b.set(a);
  return b;
}

/** Undirected edges of one network step, struct of arrays, reusable (`clear` keeps the buffers). */
export class EdgeList {
  count = 0;
  a: Int32Array = new Int32Array(0);
  b: Int32Array = new Int32Array(0);
  latency_s: Float64Array = new Float64Array(0);
  capacity_bps: Float64Array = new Float64Array(0);
  /** Caller's tag: candidate-link index for laser links, −1 − station for ground contacts. */
  tag: Int32Array = new Int32Array(0);

  clear(): void {
    this.count = 0;
  }

  reserve(n: number): void {
    this.a = growI32(this.a, n); this.b = growI32(this.b, n); this.tag = growI32(this.tag, n);
    this.latency_s = growF64(this.latency_s, n); this.capacity_bps = growF64(this.capacity_bps, n);
  }

  push(a: number, b: number, latency_s: number, capacity_bps: number, tag: number): void {
    if (this.count >= this.a.length) this.reserve(this.count + 1);
    const i = this.count++;
    this.a[i] = a; this.b[i] = b; this.latency_s[i] = latency_s; this.capacity_bps[i] = capacity_bps; this.tag[i] = tag;
  }
}

/** Compressed sparse rows of an undirected graph (both directions stored). */
export class CsrGraph {
  nodeCount = 0;
  /** Directed arcs = 2 × edges. */
  arcCount = 0;
  rowStart: Int32Array = new Int32Array(1);
  target: Int32Array = new Int32Array(0);
  latency_s: Float64Array = new Float64Array(0);
  capacity_bps: Float64Array = new Float64Array(0);
  /** Index of the arc's edge in the EdgeList it was built from. */
  edge: Int32Array = new Int32Array(0);
  private fill: Int32Array = new Int32Array(0);

  /** Rebuild from `edges` over nodes 0..nodeCount−1 (counting sort by source; arcs keep edge order). */
  build(nodeCount: number, edges: EdgeList): this {
    const m = edges.count;
    this.nodeCount = nodeCount;
    this.arcCount = 2 * m;
    if (this.rowStart.length < nodeCount + 1) this.rowStart = new Int32Array(nodeCount + 1);
    this.fill = growI32(this.fill, nodeCount);
    this.target = growI32(this.target, 2 * m); this.edge = growI32(this.edge, 2 * m);
    this.latency_s = growF64(this.latency_s, 2 * m); this.capacity_bps = growF64(this.capacity_bps, 2 * m);
    const rs = this.rowStart, fill = this.fill;
    rs.fill(0, 0, nodeCount + 1);
    const ea = edges.a, eb = edges.b;
    for (let i = 0; i < m; i++) {
      const a = ea[i]!, b = eb[i]!;
      if (!(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount)) throw new OrbitdcError('E_INTERNAL', `edge ${i} (${a}–${b}) outside nodes 0..${nodeCount - 1}`);
      rs[a + 1]!++; rs[b + 1]!++;
    }
    for (let v = 0; v < nodeCount; v++) rs[v + 1]! += rs[v]!;
    fill.set(rs.subarray(0, nodeCount));
    const tg = this.target, lat = this.latency_s, cap = this.capacity_bps, ed = this.edge;
    for (let i = 0; i < m; i++) {
      const a = ea[i]!, b = eb[i]!, l = edges.latency_s[i]!, c = edges.capacity_bps[i]!;
      let k = fill[a]!++;
      tg[k] = b; lat[k] = l; cap[k] = c; ed[k] = i;
      k = fill[b]!++;
      tg[k] = a; lat[k] = l; cap[k] = c; ed[k] = i;
    }
    return this;
  }

  degree(v: number): number {
    return this.rowStart[v + 1]! - this.rowStart[v]!;
  }
}

/**
 * Remembers, per candidate link, whether it was up at the previous step, when it becomes usable
 * and the direction it last pointed (inertial unit vector from end a to end b). The re-pointing
 * angle of a link coming back is the angle between that direction and the new one: the terminal
 * is taken to have stayed where it last pointed (a body-fixed gimbal on a nadir-pointing bus turns
 * with the orbit, which this ignores: an ASSUMPTION that errs short). A link never seen up before
 * turns by π/2 (ASSUMPTION: a parked terminal a quarter turn away). At the first update every
 * link that is geometrically up counts as established (the constellation starts linked).
 */
export class LinkTracker {
  readonly count: number;
  /** Time [s] from which the link carries traffic (−∞ when established). */
  readonly availableAt_s: Float64Array;
  private readonly wasUp: Uint8Array;
  private readonly dir: Float64Array;
  private readonly params: OpticalLinkParams;
  private started = false;
  /** Links that came up at the last update and were given an acquisition delay. */
  acquisitionsLastStep = 0;

  constructor(count: number, params: OpticalLinkParams = SUNCATCHER_LINK) {
    this.count = count;
    this.availableAt_s = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
    this.wasUp = new Uint8Array(count);
    this.dir = new Float64Array(3 * count).fill(Number.NaN);
    this.params = params;
  }

  /** Link i was taken down outside `update` (an endpoint went offline): it re-acquires when it comes back. */
  markDown(i: number): void {
    this.wasUp[i] = 0;
  }

  /**
   * After `evaluateLinks` at time t_s: links that just came up get an acquisition delay; links
   * still within it are set to `Acquiring` in cols.state.
   */
  update(links: CandidateLinks, fleet: FleetState, cols: LinkStepColumns, t_s: number): void {
    const { x_m, y_m, z_m } = fleet;
    const st = cols.state, dir = this.dir;
    let acq = 0;
    for (let i = 0; i < links.count; i++) {
      const up = st[i] === LinkState.Up;
      if (!up) { this.wasUp[i] = 0; continue; }
      const p = links.a[i]!, q = links.b[i]!;
      const L = cols.length_m[i]!;
      const ux = (x_m[q]! - x_m[p]!) / L, uy = (y_m[q]! - y_m[p]!) / L, uz = (z_m[q]! - z_m[p]!) / L;
      if (this.started && this.wasUp[i] === 0) {
        const px = dir[3 * i]!;
        const angle = Number.isNaN(px) ? Math.PI / 2 : Math.acos(Math.max(-1, Math.min(1, px * ux + dir[3 * i + 1]! * uy + dir[3 * i + 2]! * uz)));
        this.availableAt_s[i] = t_s + repointTime_s(angle, this.params);
        acq++;
      }
      this.wasUp[i] = 1;
      dir[3 * i] = ux; dir[3 * i + 1] = uy; dir[3 * i + 2] = uz;
      if (t_s < this.availableAt_s[i]!) st[i] = LinkState.Acquiring;
    }
    this.started = true;
    this.acquisitionsLastStep = acq;
  }
}

/**
 * Push every `Up` link of a step into `out` (nodes = fleet rows), latency = length/c and capacity
 * from the link budget. Returns the number pushed.
 */
export function pushLinkEdges(links: CandidateLinks, cols: LinkStepColumns, model: LinkCapacityModel, out: EdgeList): number {
  out.reserve(out.count + links.count);
  let n = 0;
  for (let i = 0; i < links.count; i++) {
    if (cols.state[i] !== LinkState.Up) continue;
    const d = cols.length_m[i]!;
    out.push(links.a[i]!, links.b[i]!, d / C_LIGHT_m_s, model.capacity_bps(d), i);
    n++;
  }
  return n;
}
