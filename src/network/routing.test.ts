import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Rng } from '../core/rng.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD } from '../core/units.js';
import { J2Stepper } from '../orbit/j2.js';
import { walkerDelta } from '../orbit/walker.js';
import { CsrGraph, EdgeList, LinkTracker } from './graph.js';
import { GROUND_STATIONS } from './ground.js';
import { SUNCATCHER_LINK } from './linkbudget.js';
import { allPairsLatency, Router } from './routing.js';
import { NetworkStage } from './stage.js';
import { addPlusGrid, LinkKind, LinkListBuilder, LinkState, makeLinkStepColumns } from './topology.js';

/** Reference: Floyd–Warshall over latencies, intermediate nodes restricted to k < transitLimit. */
function floydWarshall(g: CsrGraph, transitLimit = g.nodeCount): Float64Array {
  const n = g.nodeCount;
  const d = new Float64Array(n * n).fill(Infinity);
  for (let v = 0; v < n; v++) {
    d[v * n + v] = 0;
    for (let k = g.rowStart[v]!; k < g.rowStart[v + 1]!; k++) d[v * n + g.target[k]!] = Math.min(d[v * n + g.target[k]!]!, g.latency_s[k]!);
  }
  for (let k = 0; k < Math.min(n, transitLimit); k++) {
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k]!;
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) { const c = dik + d[k * n + j]!; if (c < d[i * n + j]!) d[i * n + j] = c; }
    }
  }
  return d;
}

/** Reference: max–min (widest path) Floyd–Warshall over capacities. */
function widestFloydWarshall(g: CsrGraph): Float64Array {
  const n = g.nodeCount;
  const w = new Float64Array(n * n);
  for (let v = 0; v < n; v++) {
    w[v * n + v] = Infinity;
    for (let k = g.rowStart[v]!; k < g.rowStart[v + 1]!; k++) w[v * n + g.target[k]!] = Math.max(w[v * n + g.target[k]!]!, g.capacity_bps[k]!);
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const c = Math.min(w[i * n + k]!, w[k * n + j]!);
    if (c > w[i * n + j]!) w[i * n + j] = c;
  }
  return w;
}

/** Random geometric graph: n nodes in a 2,000 km square, edges within 250 km, a few isolated nodes. */
function randomGraph(n: number, seed: number): CsrGraph {
  const rng = new Rng(seed);
  const x = Array.from({ length: n }, () => rng.range(0, 2e6)), y = Array.from({ length: n }, () => rng.range(0, 2e6));
  const e = new EdgeList();
  for (let i = 0; i < n - 3; i++) for (let j = i + 1; j < n - 3; j++) {
    const d = Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!);
    if (d < 250e3) e.push(i, j, d / 299_792_458, rng.range(1e9, 1e12), e.count);
  }
  return new CsrGraph().build(n, e);
}

describe('Dijkstra on CSR against Floyd–Warshall (300 nodes)', () => {
  const g = randomGraph(300, 7);
  const n = g.nodeCount;

  it('all-pairs latencies agree within 1e-9 s, unreachable pairs included', () => {
    const ours = new Float64Array(n * n);
    allPairsLatency(g, ours);
    const ref = floydWarshall(g);
    let worst = 0, unreachable = 0;
    for (let i = 0; i < n * n; i++) {
      if (ref[i] === Infinity) { expect(ours[i]).toBe(Infinity); unreachable++; continue; }
      worst = Math.max(worst, Math.abs(ours[i]! - ref[i]!));
    }
    expect(worst).toBeLessThan(1e-9);
    expect(unreachable).toBeGreaterThan(0); // the three isolated nodes
    expect(g.arcCount).toBeGreaterThan(2000);
  });

  it('widest-path bottlenecks equal the max–min Floyd–Warshall exactly', () => {
    const ref = widestFloydWarshall(g);
    const r = new Router(n);
    for (let s = 0; s < n; s += 7) {
      r.widest(g, s);
      for (let t = 0; t < n; t++) if (t !== s) expect(r.bottleneck_bps[t]).toBe(ref[s * n + t]);
    }
  });

  it('widestThenShortest gives the lowest latency among widest paths (brute force: Floyd–Warshall over arcs ≥ the bottleneck, within 1e-9 s)', () => {
    const wref = widestFloydWarshall(g);
    const r = new Router(n);
    for (const [s, t] of [[0, 150], [3, 297], [40, 41], [100, 7], [250, 12]] as const) {
      const W = wref[s * n + t]!;
      if (W === 0) continue;
      const e = new EdgeList();
      for (let v = 0; v < n; v++) for (let k = g.rowStart[v]!; k < g.rowStart[v + 1]!; k++) if (v < g.target[k]! && g.capacity_bps[k]! >= W) e.push(v, g.target[k]!, g.latency_s[k]!, g.capacity_bps[k]!, 0);
      const ref = floydWarshall(new CsrGraph().build(n, e));
      r.widestThenShortest(g, s, t);
      expect(r.bottleneck_bps[t]).toBe(W);
      expect(Math.abs(r.dist_s[t]! - ref[s * n + t]!)).toBeLessThan(1e-9);
    }
  });

  it('paths add up: latency is the sum of arc latencies, bottleneck the smallest capacity, hops the arc count', () => {
    const r = new Router(n);
    r.shortest(g, 0);
    for (let t = 1; t < n; t++) {
      const p = r.path(t);
      if (p.length === 0) { expect(r.dist_s[t]).toBe(Infinity); continue; }
      let lat = 0, bw = Infinity;
      for (let h = 1; h < p.length; h++) {
        const u = p[h - 1]!, v = p[h]!;
        let best = Infinity, cap = 0;
        for (let k = g.rowStart[u]!; k < g.rowStart[u + 1]!; k++) if (g.target[k] === v && g.latency_s[k]! < best) { best = g.latency_s[k]!; cap = g.capacity_bps[k]!; }
        lat += best; bw = Math.min(bw, cap);
      }
      expect(Math.abs(lat - r.dist_s[t]!)).toBeLessThan(1e-12);
      expect(r.bottleneck_bps[t]).toBe(bw);
      expect(r.hops[t]).toBe(p.length - 1);
    }
  });
});

describe('network stage on a +Grid shell with ground stations', () => {
  const P = 24, S = 12, T = P * S, epoch = Date.UTC(2026, 2, 20);
  const el = walkerDelta({ epochUtcMs: epoch, total: T, planes: P, phasing: 5, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
  const b = new LinkListBuilder();
  addPlusGrid(el, { firstRow: 0, planes: P, perPlane: S, pattern: 'delta' }, b);
  const links = b.build();
  const fleet = new FleetState(T);
  const stepper = new J2Stepper(el, fleet);
  stepper.propagateTo(0);
  const stage = new NetworkStage(links, T, { stations: GROUND_STATIONS, geometry: { maxRange_m: 6_000e3 } });
  stage.update(fleet, epoch, 0);

  it('routes with stations as endpoints only: equals Floyd–Warshall with satellite intermediates (within 1e-9 s)', () => {
    const g = stage.graph;
    expect(g.nodeCount).toBe(T + GROUND_STATIONS.length);
    expect(stage.counts.groundContacts).toBeGreaterThan(0);
    const ref = floydWarshall(g, T);
    const out = new Float64Array(g.nodeCount * g.nodeCount);
    allPairsLatency(g, out, undefined, T);
    let worst = 0;
    for (let i = 0; i < out.length; i++) {
      if (ref[i] === Infinity) { expect(out[i]).toBe(Infinity); continue; }
      worst = Math.max(worst, Math.abs(out[i]! - ref[i]!));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('answers satellite-to-ground and satellite-to-city routes', () => {
    const g = stage.routeToGround(0);
    expect(g.station).toBeGreaterThanOrEqual(0);
    expect(g.path[0]).toBe(0);
    expect(g.path[g.path.length - 1]).toBe(T + g.station);
    // No station in the middle of the path.
    expect(g.path.slice(0, -1).every((v) => v < T)).toBe(true);
    expect(g.latency_s).toBeGreaterThan(550e3 / 299_792_458);
    const c = stage.routeToCity(0, { name: 'london', lat_rad: 51.5074 * DEG_TO_RAD, lon_rad: -0.1278 * DEG_TO_RAD, source: 'test' });
    expect(c.latency_s).toBeGreaterThan(c.fibre_s);
    const self = stage.route(5, 5);
    expect(self.hops).toBe(0);
    expect(self.latency_s).toBe(0);
  });

  it('counts every candidate link in exactly one state', () => {
    const c = stage.counts;
    expect(c.up + c.earthBlocked + c.outOfRange + c.endpointDown + c.acquiring).toBe(links.count);
    expect(c.up).toBe(links.count); // 550 km shell, 24 planes: all links short and clear
  });
});

describe('re-pointing: a link that comes back is Acquiring for slew + acquisition', () => {
  it('holds a returning link for acquisition_s + angle/slew and then releases it', () => {
    const f = new FleetState(2);
    f.append(1); f.append(2);
    f.x_m[0] = 7e6; f.x_m[1] = 7e6; f.y_m[1] = 1e5; f.status[0] = Status.Ok; f.status[1] = Status.Ok;
    const b = new LinkListBuilder();
    b.add(0, 1, LinkKind.User);
    const links = b.build();
    const cols = makeLinkStepColumns(1);
    cols.length_m[0] = 1e5;
    const tr = new LinkTracker(1, SUNCATCHER_LINK);
    cols.state[0] = LinkState.Up;
    tr.update(links, f, cols, 0);
    expect(cols.state[0]).toBe(LinkState.Up); // established at start
    cols.state[0] = LinkState.EarthBlocked;
    tr.update(links, f, cols, 60);
    cols.state[0] = LinkState.Up; // back, same direction: 0° slew → 30 s acquisition
    tr.update(links, f, cols, 120);
    expect(cols.state[0]).toBe(LinkState.Acquiring);
    expect(Math.abs(tr.availableAt_s[0]! - 150)).toBeLessThan(1e-9);
    cols.state[0] = LinkState.Up;
    tr.update(links, f, cols, 149);
    expect(cols.state[0]).toBe(LinkState.Acquiring);
    cols.state[0] = LinkState.Up;
    tr.update(links, f, cols, 150);
    expect(cols.state[0]).toBe(LinkState.Up);
  });
});
