/**
 * Routing on the network graph (graph.ts CSR): lowest latency and widest (bottleneck) paths from
 * one source, and all-pairs latency by repeated single-source Dijkstra.
 *
 * Dijkstra (1959) with an indexed binary heap on typed arrays (decrease-key in place; no objects).
 * One run from a source is O(E log V); all pairs are V runs, O(V·E log V): on a +Grid shell
 * (E = 2V) that is O(V² log V), against Floyd–Warshall's O(V³) that Hypatia (Kassing et al. 2020,
 * "Exploring the 'Internet from space' with Hypatia", IMC) recomputes every step
 * (bench/allpairs-latency.ts measures both).
 *
 * - `shortest`: lowest total latency [s]; among equal latencies, fewer hops. Also reports, per
 *   destination, the bottleneck (smallest capacity) along the path found and its hop count.
 * - `widest`: largest bottleneck capacity [bit/s] (the max–min path, Dijkstra with max-min labels,
 *   exact) from one source to all. Its latency labels are those of one widest path, not the
 *   lowest among widest paths (lexicographic max-min/min-sum lacks optimal substructure); for one
 *   destination `widestThenShortest` gives that exactly (shortest path over arcs ≥ the bottleneck).
 *
 * Nodes at or above `transitLimit` are endpoints only (ground stations): a path may start or end
 * there but never pass through, so traffic is not bounced through a gateway between two
 * satellites.
 */
import { OrbitdcError } from '../core/errors.js';
import type { CsrGraph } from './graph.js';

export class Router {
  readonly capacity: number;
  /** Latency [s] from the source; +∞ where unreachable. */
  readonly dist_s: Float64Array;
  /** Bottleneck capacity [bit/s] along the path found; 0 where unreachable, +∞ at the source. */
  readonly bottleneck_bps: Float64Array;
  /** Hops along the path found; −1 where unreachable. */
  readonly hops: Int32Array;
  /** Previous node on the path (−1 at the source and where unreachable). */
  readonly pred: Int32Array;
  /** Arc index (CSR) into each node on the path (−1 at the source and where unreachable). */
  readonly predArc: Int32Array;
  source = -1;
  private nodes = 0;
  // Indexed binary heap: heap[] holds nodes, pos[v] its slot (−1: not in heap), keys k1 then k2.
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private size = 0;
  private readonly done: Uint8Array;

  constructor(maxNodes: number) {
    this.capacity = maxNodes;
    this.dist_s = new Float64Array(maxNodes);
    this.bottleneck_bps = new Float64Array(maxNodes);
    this.hops = new Int32Array(maxNodes);
    this.pred = new Int32Array(maxNodes);
    this.predArc = new Int32Array(maxNodes);
    this.heap = new Int32Array(maxNodes);
    this.pos = new Int32Array(maxNodes).fill(-1);
    this.k1 = new Float64Array(maxNodes);
    this.k2 = new Float64Array(maxNodes);
    this.done = new Uint8Array(maxNodes);
  }

  private less(u: number, v: number): boolean {
    const a = this.k1[u]!, b = this.k1[v]!;
    return a < b || (a === b && this.k2[u]! < this.k2[v]!);
  }

  private up(i: number): void {
    const h = this.heap, pos = this.pos;
    const v = h[i]!;
    while (i > 0) {
      const pi = (i - 1) >> 1;
      const p = h[pi]!;
      if (!this.less(v, p)) break;
      h[i] = p; pos[p] = i; i = pi;
    }
    h[i] = v; pos[v] = i;
  }

  private down(i: number): void {
    const h = this.heap, pos = this.pos, n = this.size;
    const v = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1]!, h[c]!)) c++;
      const w = h[c]!;
      if (!this.less(w, v)) break;
      h[i] = w; pos[w] = i; i = c;
    }
    h[i] = v; pos[v] = i;
  }

  /** Insert v or lower its keys (callers only ever lower them). */
  private offer(v: number, k1: number, k2: number): void {
    this.k1[v] = k1; this.k2[v] = k2;
    const p = this.pos[v]!;
    if (p < 0) { this.heap[this.size] = v; this.up(this.size++); } else this.up(p);
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0]!;
    this.pos[top] = -1;
    const last = h[--this.size]!;
    if (this.size > 0) { h[0] = last; this.down(0); }
    return top;
  }

  private reset(g: CsrGraph, src: number): number {
    const n = g.nodeCount;
    if (n > this.capacity) throw new OrbitdcError('E_INTERNAL', `graph of ${n} nodes exceeds the router's ${this.capacity}`);
    if (!(src >= 0 && src < n)) throw new OrbitdcError('E_INTERNAL', `source ${src} outside nodes 0..${n - 1}`);
    this.nodes = n;
    this.source = src;
    this.dist_s.fill(Number.POSITIVE_INFINITY, 0, n);
    this.bottleneck_bps.fill(0, 0, n);
    this.hops.fill(-1, 0, n);
    this.pred.fill(-1, 0, n);
    this.predArc.fill(-1, 0, n);
    this.done.fill(0, 0, n);
    this.dist_s[src] = 0;
    this.bottleneck_bps[src] = Number.POSITIVE_INFINITY;
    this.hops[src] = 0;
    return n;
  }

  /**
   * Lowest-latency paths from src. Nodes ≥ transitLimit are not relayed through; arcs below
   * minCapacity_bps are ignored (with the widest bottleneck W of a destination, that gives the
   * lowest-latency path among its widest paths: `widestThenShortest`).
   */
  shortest(g: CsrGraph, src: number, transitLimit = g.nodeCount, minCapacity_bps = 0): void {
    this.reset(g, src);
    const { rowStart, target, latency_s, capacity_bps } = g;
    const dist = this.dist_s, bw = this.bottleneck_bps, hops = this.hops, pred = this.pred, predArc = this.predArc, done = this.done;
    this.size = 0;
    this.offer(src, 0, 0);
    while (this.size > 0) {
      const u = this.pop();
      done[u] = 1;
      if (u !== src && u >= transitLimit) continue;
      const du = dist[u]!, hu = hops[u]! + 1, bu = bw[u]!;
      for (let k = rowStart[u]!, end = rowStart[u + 1]!; k < end; k++) {
        const v = target[k]!;
        if (done[v]) continue;
        const c = capacity_bps[k]!;
        if (c < minCapacity_bps) continue;
        const nd = du + latency_s[k]!;
        const dv = dist[v]!;
        if (nd < dv || (nd === dv && hu < hops[v]!)) {
          dist[v] = nd; hops[v] = hu; pred[v] = u; predArc[v] = k;
          bw[v] = c < bu ? c : bu;
          this.offer(v, nd, hu);
        }
      }
    }
  }

  /** Widest (max bottleneck) paths from src; dist_s and hops describe the widest path found. */
  widest(g: CsrGraph, src: number, transitLimit = g.nodeCount): void {
    this.reset(g, src);
    const { rowStart, target, latency_s, capacity_bps } = g;
    const dist = this.dist_s, bw = this.bottleneck_bps, hops = this.hops, pred = this.pred, predArc = this.predArc, done = this.done;
    this.size = 0;
    this.offer(src, Number.NEGATIVE_INFINITY, 0);
    while (this.size > 0) {
      const u = this.pop();
      done[u] = 1;
      if (u !== src && u >= transitLimit) continue;
      const du = dist[u]!, bu = bw[u]!;
      for (let k = rowStart[u]!, end = rowStart[u + 1]!; k < end; k++) {
        const v = target[k]!;
        if (done[v]) continue;
        const c = capacity_bps[k]!;
        const nb = c < bu ? c : bu;
        const nd = du + latency_s[k]!;
        const bv = bw[v]!;
        if (nb > bv || (nb === bv && nd < dist[v]!)) {
          bw[v] = nb; dist[v] = nd; hops[v] = hops[u]! + 1; pred[v] = u; predArc[v] = k;
          this.offer(v, -nb, nd);
        }
      }
    }
  }

  /**
   * The widest path to dst with the lowest latency among widest paths (exact): a widest run gives
   * the bottleneck W, then a shortest run over arcs of capacity ≥ W. Leaves the shortest run's
   * labels (read dst's with `path`, `dist_s`, `bottleneck_bps`).
   */
  widestThenShortest(g: CsrGraph, src: number, dst: number, transitLimit = g.nodeCount): void {
    this.widest(g, src, transitLimit);
    const w = this.bottleneck_bps[dst]!;
    this.shortest(g, src, transitLimit, w > 0 ? w : Number.POSITIVE_INFINITY);
  }

  /** Nodes of the path from the last run's source to dst (inclusive); [] when unreachable. */
  path(dst: number): number[] {
    if (!(dst >= 0 && dst < this.nodes) || this.hops[dst]! < 0) return [];
    const out: number[] = [];
    for (let v = dst; v >= 0; v = this.pred[v]!) out.push(v);
    return out.reverse();
  }
}

/**
 * Lowest latency [s] from src to every node, written into dist (length ≥ n): the lean kernel of
 * all-pairs runs (no paths, hops or bottlenecks). Lazy-deletion binary heap on parallel typed
 * arrays (key, node): a node may sit in the heap more than once and stale entries are skipped on
 * pop, which is cheaper than decrease-key bookkeeping on sparse graphs. heapKey/heapNode must
 * hold arcCount + 1 entries.
 */
export function latenciesFrom(g: CsrGraph, src: number, dist: Float64Array, heapKey: Float64Array, heapNode: Int32Array, transitLimit = g.nodeCount): void {
  const n = g.nodeCount;
  const { rowStart, target, latency_s } = g;
  dist.fill(Number.POSITIVE_INFINITY, 0, n);
  dist[src] = 0;
  heapKey[0] = 0; heapNode[0] = src;
  let size = 1;
  while (size > 0) {
    const du: number = heapKey[0]!, u: number = heapNode[0]!;
    // Pop: move the last entry to the root and sift it down.
    size--;
    if (size > 0) {
      const k = heapKey[size]!, v = heapNode[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapKey[c + 1]! < heapKey[c]!) c++;
        if (heapKey[c]! >= k) break;
        heapKey[i] = heapKey[c]!; heapNode[i] = heapNode[c]!; i = c;
      }
      heapKey[i] = k; heapNode[i] = v;
    }
    if (du > dist[u]!) continue; // stale entry
    if (u !== src && u >= transitLimit) continue;
    for (let a: number = rowStart[u]!, end: number = rowStart[u + 1]!; a < end; a++) {
      const v = target[a]!;
      const nd = du + latency_s[a]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        // Push and sift up.
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (heapKey[p]! <= nd) break;
          heapKey[i] = heapKey[p]!; heapNode[i] = heapNode[p]!; i = p;
        }
        heapKey[i] = nd; heapNode[i] = v;
      }
    }
  }
}

/** Scratch heap for `latenciesFrom` on graphs of up to `arcs` arcs. */
export interface LatencyScratch { heapKey: Float64Array; heapNode: Int32Array }

export function makeLatencyScratch(arcs: number): LatencyScratch {
  return { heapKey: new Float64Array(arcs + 1), heapNode: new Int32Array(arcs + 1) };
}

/**
 * All-pairs latency [s] into out (row-major n × n, n = g.nodeCount, +∞ where unreachable) by one
 * Dijkstra per source (`latenciesFrom`). Rows [fromSource, toSource) only, if given (to split the
 * work across workers). `scratch` may be passed to reuse buffers across steps.
 */
export function allPairsLatency(
  g: CsrGraph, out: Float64Array, scratch: LatencyScratch = makeLatencyScratch(g.arcCount), transitLimit = g.nodeCount,
  fromSource = 0, toSource = g.nodeCount,
): void {
  const n = g.nodeCount;
  if (out.length < n * n) throw new OrbitdcError('E_INTERNAL', `all-pairs output holds ${out.length} values, needs ${n * n}`);
  const sc = scratch.heapKey.length > g.arcCount ? scratch : makeLatencyScratch(g.arcCount);
  for (let s = fromSource; s < toSource; s++) latenciesFrom(g, s, out.subarray(s * n, s * n + n), sc.heapKey, sc.heapNode, transitLimit);
}
