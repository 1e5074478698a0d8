import { describe, expect, it } from 'vitest';
import { GridPairs, type GridItems } from './grid.js';

/** Deterministic uniform numbers in [0, 1) (LCG; the test needs no statistics). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function randomItems(n: number, seed: number, spread_m: number, edge_m: number, bigEvery: number, p1 = 0.3): GridItems {
  const r = lcg(seed);
  const it: GridItems = {
    n, box: new Float64Array(6 * n), obj: new Int32Array(n), cls: new Uint8Array(n), group: new Int32Array(n),
    rLo: new Float64Array(n), rHi: new Float64Array(n),
  };
  for (let p = 0; p < n; p++) {
    for (let ax = 0; ax < 3; ax++) {
      const lo = (r() - 0.5) * spread_m;
      // Every bigEvery-th item is up to 3 cells long on some axis (a big item).
      const e = (bigEvery > 0 && p % bigEvery === 0 && ax === p % 3) ? 3 * edge_m * r() + edge_m : edge_m * r();
      it.box[6 * p + 2 * ax] = lo; it.box[6 * p + 2 * ax + 1] = lo + e;
    }
    it.obj[p] = n - 1 - p; // objects numbered against the item order
    it.cls[p] = r() < p1 ? 1 : 0;
    it.group[p] = r() < 0.2 ? Math.floor(r() * 5) : -1;
    const rad = 7e6 + r() * 40e3;
    it.rLo[p] = rad - 5e3; it.rHi[p] = rad + 10e3;
  }
  return it;
}

function bruteForce(it: GridItems, allow: Uint8Array): Set<string> {
  const out = new Set<string>();
  const b = it.box;
  for (let p = 0; p < it.n; p++) for (let q = p + 1; q < it.n; q++) {
    let overlap = true;
    for (let ax = 0; ax < 3; ax++) if (b[6 * p + 2 * ax]! > b[6 * q + 2 * ax + 1]! || b[6 * q + 2 * ax]! > b[6 * p + 2 * ax + 1]!) overlap = false;
    if (!overlap || allow[2 * it.cls[p]! + it.cls[q]!] === 0) continue;
    if (it.group[p]! >= 0 && it.group[p] === it.group[q]) continue;
    if (it.rLo[p]! > it.rHi[q]! || it.rLo[q]! > it.rHi[p]!) continue;
    const x = it.obj[p]!, y = it.obj[q]!;
    out.add(x < y ? `${x},${y}` : `${y},${x}`);
  }
  return out;
}

function gridPairs(g: GridPairs, it: GridItems, cell_m: number, allow: Uint8Array): string[] {
  g.collect(it, cell_m, allow);
  const pr = g.pairs, out: string[] = [];
  for (let k = 0; k < pr.count; k++) {
    expect(pr.a[k]!).toBeLessThan(pr.b[k]!);
    out.push(`${pr.a[k]},${pr.b[k]}`);
  }
  return out;
}

describe('grid broad phase', () => {
  it('reports exactly the admitted overlapping pairs of an all-pairs check, each once (random boxes, big items, clamped cells)', () => {
    const g = new GridPairs();
    let total = 0;
    for (const [n, spread, edge, bigEvery, seed] of [
      [600, 2e6, 150e3, 0, 1], [900, 1.5e6, 200e3, 37, 2], [400, 2e5, 60e3, 11, 3],
      // Spread far beyond ±512 cells: clamped edge cells stay exact.
      [500, 4e8, 300e3, 0, 4], [700, 1e6, 40e3, 5, 5],
    ] as const) {
      for (const allow of [Uint8Array.of(1, 1, 1, 0), Uint8Array.of(0, 1, 1, 0)]) {
        const it = randomItems(n, seed, spread, edge, bigEvery);
        const want = bruteForce(it, allow);
        // Cells at the small items' largest edge (big items exceed it).
        const got = gridPairs(g, it, edge, allow);
        expect(new Set(got).size).toBe(got.length);
        expect(new Set(got)).toEqual(want);
        total += want.size;
      }
    }
    expect(total).toBeGreaterThan(1000);
  });

  it('cross pairs with few class-1 items (sparse mode: class-1 columns looked up per class-0 item) match the all-pairs check', () => {
    const g = new GridPairs();
    let total = 0;
    for (const [n, spread, edge, bigEvery, seed] of [[3000, 1e6, 100e3, 0, 6], [2000, 5e5, 80e3, 23, 7], [1500, 4e8, 300e3, 13, 8]] as const) {
      const it = randomItems(n, seed, spread, edge, bigEvery, 0.05);
      const allow = Uint8Array.of(0, 1, 1, 0);
      const want = bruteForce(it, allow);
      const got = gridPairs(g, it, edge, allow);
      expect(new Set(got).size).toBe(got.length);
      expect(new Set(got)).toEqual(want);
      total += want.size;
    }
    expect(total).toBeGreaterThan(300);
  });

  it('finds pairs across the y = −512/511 column edge and in neighbouring x rows', () => {
    // Cells of 1 m: items at y cells 511 (clamped top) and 510, x cells −1 and 0.
    const it = randomItems(4, 9, 1, 0.5, 0);
    const set = (p: number, x: number, y: number): void => {
      it.box.set([x, x + 0.9, y, y + 0.9, 0, 0.9], 6 * p);
      it.cls[p] = 0; it.group[p] = -1; it.rLo[p] = 0; it.rHi[p] = 1;
    };
    set(0, -0.5, 510.5); set(1, 0.2, 511.2); set(2, -0.5, 2000); set(3, 0.1, -513);
    const got = new Set(gridPairs(new GridPairs(), it, 1, Uint8Array.of(1, 1, 1, 0)));
    expect(got).toEqual(bruteForce(it, Uint8Array.of(1, 1, 1, 0)));
    expect(got.size).toBe(1);
  });
});
