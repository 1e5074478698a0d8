/**
 * Which satellites can reach the ground, and how fast, over the candidate links that are up.
 *
 * The graph is the static CSR of all candidate links (src/network/graph.ts CsrGraph, built once:
 * arc k belongs to link `edge[k]`); a link's state column (LinkState) says per update whether its
 * arcs carry anything, so no graph is rebuilt per update. Seeds are the ground contacts (an
 * EdgeList from src/network/ground.ts pushGroundEdges: satellite row `a`, slant-range light time).
 * Ground stations are endpoints only (never relays, as in src/network/routing.ts).
 *
 * - `reachable`: the connected components of the up links (breadth-first search, O(V + E), only
 *   when a link's state changed), then every satellite in a component with a satellite in
 *   contact, O(V).
 * - `latency`: one multi-source Dijkstra (1959) from all stations at once, arc latency = link
 *   length ÷ c: the light time to the nearest station of every satellite, O(E log V), against one
 *   Dijkstra per satellite for the same answer. Lazy-deletion binary heap on parallel typed
 *   arrays (key, node), as routing.ts latenciesFrom.
 *
 * Allocation-free once the buffers have grown to the graph.
 */
import { C_LIGHT_m_s } from '../core/units.js';
import type { CsrGraph, EdgeList } from '../network/graph.js';
import { LinkState } from '../network/topology.js';

export class GroundReach {
  /** One-way light time to the nearest ground station [s] per satellite row (after `latency`); +∞ where none. */
  readonly dist_s: Float64Array;
  private readonly queue: Int32Array;
  /** Component label per satellite (components of up links; −1 before the first labelling). */
  private readonly comp: Int32Array;
  private compMark = new Uint8Array(0);
  private components = 0;
  private heapKey = new Float64Array(16);
  private heapNode = new Int32Array(16);

  constructor(satCount: number) {
    this.dist_s = new Float64Array(satCount);
    this.queue = new Int32Array(satCount);
    this.comp = new Int32Array(satCount).fill(-1);
  }

  /** Label the connected components of the up links (call when link states change). */
  label(g: CsrGraph, state: Uint8Array, satCount: number): void {
    const comp = this.comp, q = this.queue, { rowStart, target, edge } = g;
    comp.fill(-1, 0, satCount);
    let k = 0;
    for (let s0 = 0; s0 < satCount; s0++) {
      if (comp[s0] !== -1) continue;
      comp[s0] = k;
      let head = 0, tail = 0;
      q[tail++] = s0;
      while (head < tail) {
        const u = q[head++]!;
        for (let a = rowStart[u]!, end = rowStart[u + 1]!; a < end; a++) {
          const v = target[a]!;
          if (comp[v] !== -1 || state[edge[a]!] !== LinkState.Up) continue;
          comp[v] = k; q[tail++] = v;
        }
      }
      k++;
    }
    this.components = k;
    if (this.compMark.length < k) this.compMark = new Uint8Array(k);
  }

  /**
   * mark[s] = 1 for every satellite 0..satCount−1 connected over up links to one in contact with a
   * station (`ground`), else 0, from the components of the last `label`. Returns how many.
   */
  reachable(ground: EdgeList, satCount: number, mark: Uint8Array): number {
    const cm = this.compMark, comp = this.comp;
    cm.fill(0, 0, this.components);
    for (let k = 0; k < ground.count; k++) {
      const s = ground.a[k]!;
      if (s < satCount) cm[comp[s]!] = 1;
    }
    let n = 0;
    for (let s = 0; s < satCount; s++) { const m = cm[comp[s]!]!; mark[s] = m; n += m; }
    return n;
  }

  private push(size: number, key: number, node: number): number {
    if (size >= this.heapKey.length) {
      const k = new Float64Array(2 * this.heapKey.length); k.set(this.heapKey); this.heapKey = k;
      const n = new Int32Array(2 * this.heapNode.length); n.set(this.heapNode); this.heapNode = n;
    }
    const hk = this.heapKey, hn = this.heapNode;
    let i = size;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hk[p]! <= key) break;
      hk[i] = hk[p]!; hn[i] = hn[p]!; i = p;
    }
    hk[i] = key; hn[i] = node;
    return size + 1;
  }

  /**
   * Light time to the nearest station for every satellite into `dist_s` (+∞ without a path), over
   * up links of length `length_m` [m]. Returns the number of satellites with a path.
   */
  latency(g: CsrGraph, state: Uint8Array, length_m: Float64Array, ground: EdgeList, satCount: number): number {
    const dist = this.dist_s, { rowStart, target, edge } = g;
    dist.fill(Number.POSITIVE_INFINITY, 0, satCount);
    let size = 0;
    for (let k = 0; k < ground.count; k++) {
      const u = ground.a[k]!, l = ground.latency_s[k]!;
      if (u < satCount && l < dist[u]!) { dist[u] = l; size = this.push(size, l, u); }
    }
    let reached = 0;
    while (size > 0) {
      const hk = this.heapKey, hn = this.heapNode;
      const du = hk[0]!, u = hn[0]!;
      size--;
      if (size > 0) {
        const k = hk[size]!, v = hn[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
          if (hk[c]! >= k) break;
          hk[i] = hk[c]!; hn[i] = hn[c]!; i = c;
        }
        hk[i] = k; hn[i] = v;
      }
      if (du > dist[u]!) continue; // stale entry
      reached++;
      for (let a = rowStart[u]!, end = rowStart[u + 1]!; a < end; a++) {
        const e = edge[a]!;
        if (state[e] !== LinkState.Up) continue;
        const v = target[a]!, nd = du + length_m[e]! / C_LIGHT_m_s;
        if (nd < dist[v]!) { dist[v] = nd; size = this.push(size, nd, v); }
      }
    }
    return reached;
  }
}

/**
 * Log-spaced histogram of latencies, 10 µs to 10 s at 100 bins per decade (2.3 % resolution),
 * with exact extremes: run-long percentiles without keeping every sample.
 */
export class LatencyHistogram {
  static readonly LO = -5;
  static readonly PER_DECADE = 100;
  static readonly BINS = 6 * 100;
  readonly counts = new Float64Array(LatencyHistogram.BINS);
  total = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(x_s: number): void {
    const k = Math.floor((Math.log10(Math.max(x_s, 1e-12)) - LatencyHistogram.LO) * LatencyHistogram.PER_DECADE);
    this.counts[Math.max(0, Math.min(LatencyHistogram.BINS - 1, k))]!++;
    this.total++;
    if (x_s < this.min) this.min = x_s;
    if (x_s > this.max) this.max = x_s;
  }

  /** Quantile q (0..1) [s]: the geometric centre of its bin, kept within the exact extremes; NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const want = q * (this.total - 1);
    let acc = 0;
    for (let k = 0; k < LatencyHistogram.BINS; k++) {
      acc += this.counts[k]!;
      if (acc > want) return Math.min(this.max, Math.max(this.min, 10 ** (LatencyHistogram.LO + (k + 0.5) / LatencyHistogram.PER_DECADE)));
    }
    return this.max;
  }
}
