/**
 * Broad phase of the screener: every pair of overlapping axis-aligned boxes among n items, with a
 * uniform grid rebuilt per call by a radix sort (typed arrays only, no Map, no per-item object).
 *
 * Cells have edge C ≥ every box edge ("small" items). An item is filed under the cell of its
 * box's low corner only. Two small boxes that overlap have low corners less than C apart on each
 * axis, so their cells differ by at most one per axis (Ericson, *Real-Time Collision Detection*,
 * 2005, §7.1). Items are sorted by column (x cell, y cell), then by z0 inside a column; each
 * column is swept against itself and against its four "forward" neighbour columns (dx, dy) >
 * (0, 0), merging the z0-ordered lists (sweep and prune on z), so every overlapping pair is met
 * exactly once and only pairs overlapping in z are tested in x and y. Items with a box edge above
 * C (the caller caps C so that a stray fast object cannot blow the cells up) are "big": each is
 * tested against every item. Cell indices are clamped to ±512 per axis (10 bits): far items
 * share edge cells, which only costs tests (clamping is monotone and shrinks differences, so the
 * ±1 property holds).
 *
 * Cross mode (only pairs of different classes wanted): classes are sorted apart and class-0
 * columns meet the 3 × 3 class-1 columns around them; when class 1 is small (a catalog against a
 * large constellation) only class-1 items are sorted and each class-0 item looks up the columns
 * around its cell in a hash table, so the large class is never sorted.
 *
 * Pair admission (cheap, exact, applied before a pair is reported): the caller's class matrix
 * (which kinds of pairs are wanted), plane groups (never pairs of one group), radial intervals
 * (apogee/perigee filter, filter.ts: pairs whose padded shells are disjoint never meet).
 */

/** Per-item inputs of `GridPairs.collect`. Arrays are indexed by item (0..n−1). */
export interface GridItems {
  n: number;
  /** Boxes [x0, x1, y0, y1, z0, z1] per item (6 per item) [m]. */
  box: Float64Array;
  /** Object index of each item (what the pair keys are made of). */
  obj: Int32Array;
  /** Class of each item: 0 or 1 (primary or secondary). */
  cls: Uint8Array;
  /** Plane group per item, −1 = none. */
  group: Int32Array;
  /** Radial interval per item [m], already padded by the threshold on one side (lo − thr). */
  rLo: Float64Array;
  rHi: Float64Array;
}

const AXIS_BITS = 10;
const AXIS_HALF = 1 << (AXIS_BITS - 1);
const AXIS_MAX = (1 << AXIS_BITS) - 1;
const AXIS_SIZE = 1 << AXIS_BITS;
/** Column keys: class · 2^20 + x · 2^10 + y. */
const CLASS_SHIFT = 2 * AXIS_BITS;

function axisCell(v: number): number {
  const c = Math.floor(v) + AXIS_HALF;
  return c < 0 ? 0 : c > AXIS_MAX ? AXIS_MAX : c;
}

/** Workspace arrays of one grid (module functions below take it, so each stays small and is optimised whole). */
interface Work {
  cx: Int32Array; cy: Int32Array; cz: Int32Array; cc: Int32Array;
  ord: Int32Array; tmp: Int32Array; count: Int32Array;
  /**
   * Sorted entries: box bounds (one array per bound: the z sweeps read z0 runs) and what admission
   * reads (object, class, group, radial interval), so that a pair test touches memory near e and f.
   */
  sObj: Int32Array; sCls: Uint8Array; sGroup: Int32Array; sRLo: Float64Array; sRHi: Float64Array;
  sItem: Int32Array; x0: Float64Array; x1: Float64Array; y0: Float64Array; y1: Float64Array; z0: Float64Array; z1: Float64Array;
  colKey: Int32Array; colStart: Int32Array;
  big: Int32Array; nBig: number;
  /** Sparse cross mode: open-addressing table column key → column index (−1 empty). */
  hKey: Int32Array; hCol: Int32Array;
  /** Admitted pairs of the last call: objects outA[k] < outB[k]. */
  outA: Int32Array; outB: Int32Array; nOut: number;
  /** [overlaps, sameGroup, radial] of the last call. */
  tally: Float64Array;
}

/** Reusable broad-phase workspace (grows with n). */
export class GridPairs {
  private cap = 0;
  private w: Work = {
    cx: new Int32Array(0), cy: new Int32Array(0), cz: new Int32Array(0), cc: new Int32Array(0), ord: new Int32Array(0), tmp: new Int32Array(0),
    count: new Int32Array(AXIS_SIZE + 1), sItem: new Int32Array(0),
    sObj: new Int32Array(0), sCls: new Uint8Array(0), sGroup: new Int32Array(0), sRLo: new Float64Array(0), sRHi: new Float64Array(0),
    x0: new Float64Array(0), x1: new Float64Array(0), y0: new Float64Array(0), y1: new Float64Array(0), z0: new Float64Array(0), z1: new Float64Array(0),
    colKey: new Int32Array(1), colStart: new Int32Array(1), big: new Int32Array(0), nBig: 0,
    hKey: new Int32Array(0), hCol: new Int32Array(0),
    outA: new Int32Array(1024), outB: new Int32Array(1024), nOut: 0, tally: new Float64Array(3),
  };
  /** Box overlaps found by the last call (before admission): a measure of broad-phase work. */
  overlaps = 0;
  /** Overlaps of the last call refused because both items are in one plane group. */
  sameGroup = 0;
  /** Overlaps of the last call refused by the radial intervals (apogee/perigee filter). */
  radial = 0;

  /** Admitted pairs of the last call: `count` pairs (a[k], b[k]) of objects, a[k] < b[k], each once. */
  get pairs(): { count: number; a: Int32Array; b: Int32Array } {
    return { count: this.w.nOut, a: this.w.outA, b: this.w.outB };
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    const c = this.cap = Math.max(n, Math.ceil(this.cap * 1.5));
    const w = this.w;
    w.cx = new Int32Array(c); w.cy = new Int32Array(c); w.cz = new Int32Array(c); w.cc = new Int32Array(c);
    w.ord = new Int32Array(c); w.tmp = new Int32Array(c);
    w.sItem = new Int32Array(c);
    w.sObj = new Int32Array(c); w.sCls = new Uint8Array(c); w.sGroup = new Int32Array(c); w.sRLo = new Float64Array(c); w.sRHi = new Float64Array(c);
    w.x0 = new Float64Array(c); w.x1 = new Float64Array(c); w.y0 = new Float64Array(c); w.y1 = new Float64Array(c); w.z0 = new Float64Array(c); w.z1 = new Float64Array(c);
    w.colKey = new Int32Array(c + 1); w.colStart = new Int32Array(c + 1);
    w.big = new Int32Array(c);
  }

  /**
   * Every admitted pair of overlapping boxes, each once, into `pairs`.
   * `cell_m` must be > 0; items with a box edge > cell_m are handled as big items.
   * `allow` is the class matrix: allow[2·clsA + clsB] = 1 where such pairs are wanted.
   */
  collect(it: GridItems, cell_m: number, allow: Uint8Array): void {
    this.ensure(it.n);
    const w = this.w;
    w.nOut = 0;
    w.tally.fill(0);
    const crossOnly = allow[0] === 0 && allow[3] === 0;
    let n1 = 0;
    if (crossOnly) for (let p = 0; p < it.n; p++) n1 += it.cls[p]!;
    // Cross pairs only, with few class-1 items (a catalog against a big constellation): only the
    // class-1 items are sorted into columns, and each class-0 item looks up the columns around it.
    const sparse = crossOnly && 8 * n1 < it.n;
    const m = cells(it, cell_m, sparse ? 1 : -1, w);
    const nBig = w.nBig;
    // Only pairs of different classes wanted: classes sorted apart (class above x in the column
    // key), and each class-0 column meets the class-1 columns around it (no same-class test).
    radixPass(m, w.cz, w); radixPass(m, w.cy, w); radixPass(m, w.cx, w);
    if (crossOnly && !sparse) { const cc = w.cc, cls = it.cls; for (let r = 0; r < m; r++) { const p = w.ord[r]!; cc[p] = cls[p]!; } radixPass(m, cc, w); }
    const nCol = gather(it.box, m, crossOnly && !sparse ? it.cls : undefined, w);
    gatherAdmission(it, m, w);
    if (sparse) queryClass0(it, nCol, cell_m, allow, w);
    else if (crossOnly) sweepCross(nCol, cell_m, allow, w);
    else sweep(nCol, cell_m, allow, w);
    bigItems(it, nBig, cell_m, allow, w);
    this.overlaps = w.tally[0]!; this.sameGroup = w.tally[1]!; this.radial = w.tally[2]!;
  }
}

/** Cells of the small items' low corners; small items (of class `only` when ≥ 0) into w.ord (returns how many), big ones into w.big. */
function cells(it: GridItems, cell_m: number, only: number, w: Work): number {
  const { n, box, cls } = it;
  const inv = 1 / cell_m;
  const cx = w.cx, cy = w.cy, cz = w.cz, big = w.big, ord = w.ord;
  let nBig = 0, m = 0;
  for (let p = 0; p < n; p++) {
    const b6 = 6 * p;
    const x0 = box[b6]!, y0 = box[b6 + 2]!, z0 = box[b6 + 4]!;
    if (box[b6 + 1]! - x0 > cell_m || box[b6 + 3]! - y0 > cell_m || box[b6 + 5]! - z0 > cell_m) { big[nBig++] = p; continue; }
    if (only >= 0 && cls[p] !== only) continue;
    cx[p] = axisCell(x0 * inv); cy[p] = axisCell(y0 * inv); cz[p] = axisCell(z0 * inv);
    ord[m++] = p;
  }
  w.nBig = nBig;
  return m;
}

/** One stable counting-sort pass of w.ord[0..m) by digit[item] ∈ [0, AXIS_SIZE). */
function radixPass(m: number, digit: Int32Array, w: Work): void {
  const count = w.count, ord = w.ord, tmp = w.tmp;
  count.fill(0);
  for (let r = 0; r < m; r++) count[digit[ord[r]!]! + 1]!++;
  for (let d = 0; d < AXIS_SIZE; d++) count[d + 1]! += count[d]!;
  for (let r = 0; r < m; r++) { const p = ord[r]!; tmp[count[digit[p]!]!++] = p; }
  w.ord = tmp; w.tmp = ord;
}

/** Boxes into sorted order (columns in key order, exact z0 order inside); returns the column count. */
function gather(box: Float64Array, m: number, cls: Uint8Array | undefined, w: Work): number {
  const { ord, cx, cy, sItem, x0, x1, y0, y1, z0, z1, colKey, colStart } = w;
  let nCol = 0;
  for (let r = 0; r < m; r++) {
    const p = ord[r]!;
    const k = ((cls ? cls[p]! : 0) << CLASS_SHIFT) | (cx[p]! << AXIS_BITS) | cy[p]!;
    const b6 = 6 * p;
    const zp = box[b6 + 4]!;
    if (nCol === 0 || colKey[nCol - 1] !== k) { colKey[nCol] = k; colStart[nCol] = r; nCol++; }
    // Insertion into exact z0 order within the column (entries are already sorted by z cell).
    let q = r;
    const lo = colStart[nCol - 1]!;
    while (q > lo && z0[q - 1]! > zp) {
      x0[q] = x0[q - 1]!; x1[q] = x1[q - 1]!; y0[q] = y0[q - 1]!; y1[q] = y1[q - 1]!; z0[q] = z0[q - 1]!; z1[q] = z1[q - 1]!;
      sItem[q] = sItem[q - 1]!;
      q--;
    }
    sItem[q] = p;
    x0[q] = box[b6]!; x1[q] = box[b6 + 1]!; y0[q] = box[b6 + 2]!; y1[q] = box[b6 + 3]!; z0[q] = zp; z1[q] = box[b6 + 5]!;
  }
  colKey[nCol] = 0x7fffffff; colStart[nCol] = m;
  return nCol;
}

/** Admission data of the sorted entries (after `gather`). */
function gatherAdmission(it: GridItems, m: number, w: Work): void {
  const { sItem, sObj, sCls, sGroup, sRLo, sRHi } = w;
  const { obj, cls, group, rLo, rHi } = it;
  for (let q = 0; q < m; q++) {
    const p = sItem[q]!;
    sObj[q] = obj[p]!; sCls[q] = cls[p]!; sGroup[q] = group[p]!; sRLo[q] = rLo[p]!; sRHi[q] = rHi[p]!;
  }
}

/** Admission of sorted entries e, f whose boxes overlap (see the file comment); appends the pair to w's output. */
function admit(e: number, f: number, allow: Uint8Array, w: Work): void {
  const tally = w.tally;
  tally[0]!++;
  if (allow[2 * w.sCls[e]! + w.sCls[f]!] === 0) return;
  const g = w.sGroup[e]!;
  if (g >= 0 && g === w.sGroup[f]) { tally[1]!++; return; }
  if (w.sRLo[e]! > w.sRHi[f]! || w.sRLo[f]! > w.sRHi[e]!) { tally[2]!++; return; }
  push(w.sObj[e]!, w.sObj[f]!, w);
}

function push(a: number, b: number, w: Work): void {
  if (w.nOut === w.outA.length) {
    const a2 = new Int32Array(2 * w.nOut), b2 = new Int32Array(2 * w.nOut);
    a2.set(w.outA); b2.set(w.outB); w.outA = a2; w.outB = b2;
  }
  const k = w.nOut++;
  if (a < b) { w.outA[k] = a; w.outB[k] = b; } else { w.outA[k] = b; w.outB[k] = a; }
}

/**
 * Columns [lo, hi) and [lo2, hi2) of sorted entries: pairs overlapping in z, by a merge over both
 * z0-sorted lists, then the x/y test. z1 ≤ z0 + cell, so entries of the second column with
 * z0 < z0(e) − cell are behind e and every later e. Entries e with x1 < xMin or y1 < yMin are
 * skipped: the caller passes the low edge of the second column's cells where that column lies one
 * cell further in x (or y), so such an e cannot reach any of its entries.
 */
function across(lo: number, hi: number, lo2: number, hi2: number, cell_m: number, allow: Uint8Array, w: Work, xMin: number, yMin: number): void {
  const { x0, x1, y0, y1, z0, z1 } = w;
  let from = lo2;
  for (let e = lo; e < hi; e++) {
    const xb = x1[e]!, yb = y1[e]!;
    if (xb < xMin || yb < yMin) continue;
    const za = z0[e]!, zb = z1[e]!, zmin = za - cell_m;
    while (from < hi2 && z0[from]! < zmin) from++;
    const xa = x0[e]!, ya = y0[e]!;
    for (let f = from; f < hi2 && z0[f]! <= zb; f++) {
      if (z1[f]! < za || x0[f]! > xb || xa > x1[f]! || y0[f]! > yb || ya > y1[f]!) continue;
      admit(e, f, allow, w);
    }
  }
}

/**
 * Margin [m] below a cell's low edge for the skip in `across`: an entry filed in cell j has
 * x0·(1/C) ≥ j − HALF in floating point, i.e. x0 ≥ (j − HALF)·C up to rounding (~1e-8 m at
 * 4e7 m); 1 m keeps the skip conservative.
 */
const EDGE_MARGIN_m = 1;

/** Own column and the four forward neighbour columns of every column. */
function sweep(nCol: number, cell_m: number, allow: Uint8Array, w: Work): void {
  const { x0, x1, y0, y1, z0, z1, colKey, colStart } = w;
  let r = 0; // first column with key ≥ (cx + 1, cy − 1) of the current column
  for (let c = 0; c < nCol; c++) {
    const k = colKey[c]!, lo = colStart[c]!, hi = colStart[c + 1]!;
    // Own column: f after e overlaps in z while z0[f] ≤ z1[e].
    for (let e = lo; e < hi; e++) {
      const zb = z1[e]!, xa = x0[e]!, xb = x1[e]!, ya = y0[e]!, yb = y1[e]!;
      for (let f = e + 1; f < hi && z0[f]! <= zb; f++) {
        if (x0[f]! > xb || xa > x1[f]! || y0[f]! > yb || ya > y1[f]!) continue;
        admit(e, f, allow, w);
      }
    }
    // Forward neighbour columns (dx, dy) > (0, 0): (0, +1), then (+1, −1), (+1, 0), (+1, +1).
    // Keys are x·2^10 + y, so these are k + 1 and k + 1023, k + 1024, k + 1025 (a key that wraps
    // to another x row has |dy| > 1 and is skipped).
    // Entries of a column one cell further in x (y) have x0 (y0) at or above that cell's low edge,
    // so only entries e of this column with x1 (y1) beyond it can meet them (clamped edge cells
    // keep the bound: an entry clamped into the top cell lies even further).
    const ky = k & AXIS_MAX, kx = k >> AXIS_BITS;
    const xNext = (kx + 1 - AXIS_HALF) * cell_m - EDGE_MARGIN_m, yNext = (ky + 1 - AXIS_HALF) * cell_m - EDGE_MARGIN_m;
    if (ky < AXIS_MAX && colKey[c + 1] === k + 1) across(lo, hi, colStart[c + 1]!, colStart[c + 2]!, cell_m, allow, w, -Infinity, yNext);
    const base = k + AXIS_SIZE;
    while (colKey[r]! < base - 1) r++;
    for (let q = r; q < r + 3 && colKey[q]! <= base + 1; q++) {
      const dy = (colKey[q]! & AXIS_MAX) - ky;
      if (dy >= -1 && dy <= 1) across(lo, hi, colStart[q]!, colStart[q + 1]!, cell_m, allow, w, xNext, dy === 1 ? yNext : -Infinity);
    }
  }
}

/** Cross-only sweep: every class-0 column against the (up to 9) class-1 columns around it. */
function sweepCross(nCol: number, cell_m: number, allow: Uint8Array, w: Work): void {
  const { colKey, colStart } = w;
  let c1 = 0;
  while (c1 < nCol && colKey[c1]! < (1 << CLASS_SHIFT)) c1++;
  // One monotone pointer per x row (dx = −1, 0, +1) into the class-1 columns.
  const ptr = [c1, c1, c1];
  for (let c = 0; c < c1; c++) {
    const k = colKey[c]!, lo = colStart[c]!, hi = colStart[c + 1]!;
    const ky = k & AXIS_MAX;
    for (let dx = -1; dx <= 1; dx++) {
      const want = (1 << CLASS_SHIFT) + k + dx * AXIS_SIZE; // class 1, x + dx, same y
      let q = ptr[dx + 1]!;
      while (colKey[q]! < want - 1) q++;
      ptr[dx + 1] = q;
      for (; colKey[q]! <= want + 1; q++) {
        const dy = (colKey[q]! & AXIS_MAX) - ky;
        if (dy >= -1 && dy <= 1) across(lo, hi, colStart[q]!, colStart[q + 1]!, cell_m, allow, w, -Infinity, -Infinity);
      }
    }
  }
}

/**
 * Sparse cross mode: every small class-0 item against the sorted class-1 entries of the 3 × 3
 * columns around its cell (column index found by hashing the column key).
 */
function queryClass0(it: GridItems, nCol: number, cell_m: number, allow: Uint8Array, w: Work): void {
  let bits = 4;
  while ((1 << bits) < 4 * nCol) bits++;
  const size = 1 << bits, mask = size - 1, shift = 32 - bits;
  if (w.hKey.length < size) { w.hKey = new Int32Array(size); w.hCol = new Int32Array(size); }
  const { hKey, hCol, colKey, colStart, x0, x1, y0, y1, z0, z1, sObj, sCls, sGroup, sRLo, sRHi } = w;
  hKey.fill(-1, 0, size);
  for (let c = 0; c < nCol; c++) {
    let h = Math.imul(colKey[c]!, 0x9e3779b1) >>> shift;
    while (hKey[h] !== -1) h = (h + 1) & mask;
    hKey[h] = colKey[c]!; hCol[h] = c;
  }
  const { n, box, cls, group, rLo, rHi, obj } = it;
  const inv = 1 / cell_m, tally = w.tally;
  for (let p = 0; p < n; p++) {
    if (cls[p] !== 0) continue;
    const b6 = 6 * p;
    const xa = box[b6]!, xb = box[b6 + 1]!, ya = box[b6 + 2]!, yb = box[b6 + 3]!, za = box[b6 + 4]!, zb = box[b6 + 5]!;
    if (xb - xa > cell_m || yb - ya > cell_m || zb - za > cell_m) continue; // big: bigItems
    const cx = axisCell(xa * inv), cy = axisCell(ya * inv);
    for (let dx = -1; dx <= 1; dx++) {
      const nx = cx + dx;
      if (nx < 0 || nx > AXIS_MAX) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = cy + dy;
        if (ny < 0 || ny > AXIS_MAX) continue;
        const key = (nx << AXIS_BITS) | ny;
        let h = Math.imul(key, 0x9e3779b1) >>> shift;
        while (hKey[h] !== -1 && hKey[h] !== key) h = (h + 1) & mask;
        if (hKey[h] === -1) continue;
        const c = hCol[h]!;
        for (let f = colStart[c]!, end = colStart[c + 1]!; f < end && z0[f]! <= zb; f++) {
          if (z1[f]! < za || x0[f]! > xb || xa > x1[f]! || y0[f]! > yb || ya > y1[f]!) continue;
          tally[0]!++;
          if (allow[2 * sCls[f]!] === 0) continue;
          const g = group[p]!;
          if (g >= 0 && g === sGroup[f]) { tally[1]!++; continue; }
          if (rLo[p]! > sRHi[f]! || sRLo[f]! > rHi[p]!) { tally[2]!++; continue; }
          push(obj[p]!, sObj[f]!, w);
        }
      }
    }
  }
}

function isBig(box: Float64Array, p: number, cell_m: number): boolean {
  const b6 = 6 * p;
  return box[b6 + 1]! - box[b6]! > cell_m || box[b6 + 3]! - box[b6 + 2]! > cell_m || box[b6 + 5]! - box[b6 + 4]! > cell_m;
}

/** Big items against every other item (a pair of two big items once: from the later one). */
function bigItems(it: GridItems, nBig: number, cell_m: number, allow: Uint8Array, w: Work): void {
  const { n, box } = it;
  for (let u = 0; u < nBig; u++) {
    const p = w.big[u]!, b6 = 6 * p;
    const x0 = box[b6]!, x1 = box[b6 + 1]!, y0 = box[b6 + 2]!, y1 = box[b6 + 3]!, z0 = box[b6 + 4]!, z1 = box[b6 + 5]!;
    for (let q = 0; q < n; q++) {
      if (q === p) continue;
      const c6 = 6 * q;
      if (x0 > box[c6 + 1]! || box[c6]! > x1 || y0 > box[c6 + 3]! || box[c6 + 2]! > y1 || z0 > box[c6 + 5]! || box[c6 + 4]! > z1) continue;
      if (q > p && isBig(box, q, cell_m)) continue;
      const tally = w.tally;
      tally[0]!++;
      if (allow[2 * it.cls[p]! + it.cls[q]!] === 0) continue;
      const g = it.group[p]!;
      if (g >= 0 && g === it.group[q]) { tally[1]!++; continue; }
      if (it.rLo[p]! > it.rHi[q]! || it.rLo[q]! > it.rHi[p]!) { tally[2]!++; continue; }
      push(it.obj[p]!, it.obj[q]!, w);
    }
  }
}
