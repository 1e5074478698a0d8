/**
 * Inter-satellite link topologies: which pairs of satellites *may* hold a laser link (the
 * candidate links, fixed by design), and per network step which of them are up (line of sight
 * above the atmosphere, within range, both ends working).
 *
 * - "+Grid" for Walker shells (and sun-synchronous planes): each satellite links to its two
 *   neighbours in its plane and to one satellite in each adjacent plane: four links per satellite,
 *   2·N links for a full delta shell. The cross-plane partner is not "the same slot": Walker
 *   phasing F shifts plane p+1 by 2πF/T in argument of latitude, so we pick the slot offset k that
 *   minimises the largest distance of the pair over an orbit (circular orbits of one shell keep
 *   their relative geometry under J2: same node and latitude rates, so the pair's distance is a
 *   function of the argument of latitude only, sampled here at 64 points). The seam of a delta
 *   shell (plane P−1 to plane 0, whose phases differ by 2πF/S more) gets its own offset the same
 *   way. A star shell (nodes over 180°) has no link across its seam, where planes counter-rotate
 *   (as Iridium).
 * - Formation clusters: the lattice-neighbour pairs of src/orbit/cluster.ts (optionally the
 *   diagonals too), i.e. a nearest-neighbour mesh of the lattice.
 * - A user-defined list of pairs.
 *
 * A link is up only when the straight segment between the two satellites clears the Earth by the
 * grazing height (80 km by default, above most of the atmosphere's refraction and absorption)
 * and is no longer than the maximum range. The Earth is a sphere of the WGS-84 equatorial radius
 * here: conservative by up to 21 km (the polar radius is 21 km smaller).
 */
import { InputError, quoteFound } from '../core/errors.js';
import type { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { R_EARTH_m, TWO_PI } from '../core/units.js';
import type { ClusterLayout } from '../orbit/cluster.js';
import type { MeanElementSet } from '../orbit/elements.js';

/** What a candidate link is, for summaries. */
export const LinkKind = { IntraPlane: 0, CrossPlane: 1, Cluster: 2, User: 3 } as const;
export type LinkKindCode = (typeof LinkKind)[keyof typeof LinkKind];
export const LINK_KIND_NAMES = ['intra-plane', 'cross-plane', 'cluster', 'user'] as const;

/** State of a link at one network step (Uint8 column). Only `Up` carries traffic. */
export const LinkState = {
  Up: 0,
  /** The segment passes below the grazing height. */
  EarthBlocked: 1,
  /** Longer than the maximum range. */
  OutOfRange: 2,
  /** An end has no valid position or is Failed/Offline (a dead or safed satellite relays nothing). */
  EndpointDown: 3,
  /** Geometry allows it, but a terminal is still slewing and acquiring (linkbudget.ts repointTime_s). */
  Acquiring: 4,
} as const;

/** Grazing height of a line of sight above the Earth's equatorial radius [m] (issue 6: 80 km). */
export const DEFAULT_GRAZING_HEIGHT_m = 80e3;
/** Default maximum link range [m]: ASSUMPTION, the 5,000 km of Suncatcher's link budget (~64 Gb/s there). */
export const DEFAULT_MAX_RANGE_m = 5_000e3;

/** Candidate links, struct of arrays: link i joins rows a[i] and b[i] (a < b). */
export interface CandidateLinks {
  count: number;
  a: Int32Array;
  b: Int32Array;
  kind: Uint8Array;
}

/** Accumulates candidate pairs without duplicates (either order), then freezes them to arrays. */
export class LinkListBuilder {
  private readonly seen = new Set<number>();
  private readonly as: number[] = [];
  private readonly bs: number[] = [];
  private readonly kinds: number[] = [];

  /** Add a link between rows a and b; a self-link or a repeat is ignored. Returns true when added. */
  add(a: number, b: number, kind: LinkKindCode): boolean {
    if (a === b) return false;
    const lo = Math.min(a, b), hi = Math.max(a, b);
    // Rows < 2^26 (67 M) keep lo·2^26 + hi exact in a double.
    const key = lo * 67_108_864 + hi;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.as.push(lo); this.bs.push(hi); this.kinds.push(kind);
    return true;
  }

  get count(): number {
    return this.as.length;
  }

  build(): CandidateLinks {
    return { count: this.as.length, a: Int32Array.from(this.as), b: Int32Array.from(this.bs), kind: Uint8Array.from(this.kinds) };
  }
}

/** A shell laid out plane-major, as src/orbit/walker.ts and sso.ts generate it. */
export interface ShellLayout {
  /** Row of plane 0, slot 0. */
  firstRow: number;
  planes: number;
  perPlane: number;
  /** 'delta' (nodes over 360°: the last plane links to the first) or 'star' (no seam links). */
  pattern: 'delta' | 'star';
}

/** Unit position of a circular orbit at node Ω, inclination i, argument of latitude u. */
function unitPosition(cO: number, sO: number, ci: number, si: number, u: number, out: Float64Array): void {
  const cu = Math.cos(u), su = Math.sin(u);
  out[0] = cO * cu - sO * ci * su;
  out[1] = sO * cu + cO * ci * su;
  out[2] = si * su;
}

const PARTNER_SAMPLES = 64;
const scratchA = new Float64Array(3), scratchB = new Float64Array(3);

/**
 * Largest and mean chord [m] over one orbit between two satellites on circular orbits of radius
 * a_m and inclination i_rad, nodes raanA/raanB, B ahead of A by dU_rad in argument of latitude.
 */
export function pairRangeOverOrbit(a_m: number, i_rad: number, raanA_rad: number, raanB_rad: number, dU_rad: number, samples = PARTNER_SAMPLES): { max_m: number; mean_m: number; min_m: number } {
  const ci = Math.cos(i_rad), si = Math.sin(i_rad);
  const cA = Math.cos(raanA_rad), sA = Math.sin(raanA_rad), cB = Math.cos(raanB_rad), sB = Math.sin(raanB_rad);
  let max = 0, min = Infinity, sum = 0;
  for (let k = 0; k < samples; k++) {
    const u = (k * TWO_PI) / samples;
    unitPosition(cA, sA, ci, si, u, scratchA);
    unitPosition(cB, sB, ci, si, u + dU_rad, scratchB);
    const d = a_m * Math.hypot(scratchA[0]! - scratchB[0]!, scratchA[1]! - scratchB[1]!, scratchA[2]! - scratchB[2]!);
    if (d > max) max = d;
    if (d < min) min = d;
    sum += d;
  }
  return { max_m: max, mean_m: sum / samples, min_m: min };
}

/**
 * Slot offset k ∈ [0, S) such that slot s of plane `pa` links to slot (s + k) mod S of plane `pb`:
 * the k whose pair has the smallest largest-distance over an orbit (ties: smallest mean).
 * Reads a, i, Ω and u = ω + M of slot 0 of each plane from the element set.
 */
export function crossPlaneOffset(el: MeanElementSet, shell: ShellLayout, pa: number, pb: number): number {
  const S = shell.perPlane;
  const ra = shell.firstRow + pa * S, rb = shell.firstRow + pb * S;
  const uA = el.argp_rad[ra]! + el.meanAnomaly_rad[ra]!, uB0 = el.argp_rad[rb]! + el.meanAnomaly_rad[rb]!;
  const a = 0.5 * (el.a_m[ra]! + el.a_m[rb]!), inc = 0.5 * (el.i_rad[ra]! + el.i_rad[rb]!);
  let best = 0, bestMax = Infinity, bestMean = Infinity;
  for (let k = 0; k < S; k++) {
    const r = pairRangeOverOrbit(a, inc, el.raan_rad[ra]!, el.raan_rad[rb]!, uB0 + (k * TWO_PI) / S - uA);
    if (r.max_m < bestMax - 1e-6 || (r.max_m <= bestMax + 1e-6 && r.mean_m < bestMean)) {
      best = k; bestMax = r.max_m; bestMean = r.mean_m;
    }
  }
  return best;
}

/**
 * Add the "+Grid" links of one shell to `out`: ring links within each plane, and from each plane
 * to the next (delta: the last to the first as well). Returns the cross-plane slot offset chosen
 * for each plane pair (index p: plane p → p+1; −1 where there is no such link).
 */
export function addPlusGrid(el: MeanElementSet, shell: ShellLayout, out: LinkListBuilder): Int32Array {
  const { firstRow, planes: P, perPlane: S } = shell;
  if (!(Number.isInteger(P) && P >= 1 && Number.isInteger(S) && S >= 1 && firstRow >= 0 && firstRow + P * S <= el.count)) {
    throw new InputError('shell does not fit the element set', { field: 'shell', expected: `planes × perPlane rows from firstRow within ${el.count} rows`, found: quoteFound(shell) }, 'E_ARGUMENT');
  }
  for (let p = 0; p < P; p++) {
    const base = firstRow + p * S;
    for (let s = 0; s < S; s++) out.add(base + s, base + ((s + 1) % S), LinkKind.IntraPlane);
  }
  const offsets = new Int32Array(P).fill(-1);
  const pairs = shell.pattern === 'delta' ? P : P - 1;
  if (P < 2) return offsets;
  for (let p = 0; p < pairs; p++) {
    const q = (p + 1) % P;
    const k = crossPlaneOffset(el, shell, p, q);
    offsets[p] = k;
    for (let s = 0; s < S; s++) out.add(firstRow + p * S + s, firstRow + q * S + ((s + k) % S), LinkKind.CrossPlane);
  }
  return offsets;
}

/** Add a cluster's lattice-neighbour links (and diagonals if asked), rows offset by layout.firstRow. */
export function addClusterMesh(layout: ClusterLayout, out: LinkListBuilder, opts: { diagonals?: boolean } = {}): void {
  const add = (pairs: Int32Array): void => {
    for (let k = 0; k + 1 < pairs.length; k += 2) out.add(layout.firstRow + pairs[k]!, layout.firstRow + pairs[k + 1]!, LinkKind.Cluster);
  };
  add(layout.neighbourPairs);
  if (opts.diagonals) add(layout.diagonalPairs);
}

/**
 * Add user-defined links given as pairs of satellite names (or `#ROW`, 0-based). Unknown names
 * throw InputError naming the pair's position in the list (`field` prefix, e.g. "links[3]").
 */
export function addUserLinks(pairs: ReadonlyArray<readonly [string, string]>, names: readonly string[], out: LinkListBuilder, field = 'links'): void {
  const index = new Map<string, number>();
  names.forEach((n, i) => { if (n !== '' && !index.has(n)) index.set(n, i); });
  const rowOf = (s: string, where: string): number => {
    const m = /^#(\d+)$/.exec(s);
    const r = m ? Number(m[1]) : index.get(s);
    if (r === undefined || !(r >= 0 && r < names.length)) throw new InputError('unknown satellite in link list', { field: where, expected: `a satellite name or #ROW (0..${names.length - 1})`, found: quoteFound(s) });
    return r;
  };
  pairs.forEach(([x, y], i) => { out.add(rowOf(x, `${field}[${i}][0]`), rowOf(y, `${field}[${i}][1]`), LinkKind.User); });
}

/**
 * True when the segment between points A and B (m, Earth-centred) stays at least `radius_m`
 * from the Earth's centre: the closest point of the segment to the origin, t* = −A·(B−A)/|B−A|²
 * clamped to [0, 1].
 */
export function lineOfSightClear(ax: number, ay: number, az: number, bx: number, by: number, bz: number, radius_m: number): boolean {
  const dx = bx - ax, dy = by - ay, dz = bz - az;
  const dd = dx * dx + dy * dy + dz * dz;
  let t = dd > 0 ? -(ax * dx + ay * dy + az * dz) / dd : 0;
  if (t < 0) t = 0; else if (t > 1) t = 1;
  const px = ax + t * dx, py = ay + t * dy, pz = az + t * dz;
  return px * px + py * py + pz * pz >= radius_m * radius_m;
}

export interface LinkGeometryOptions {
  /** Grazing height of the line of sight above R⊕ [m] (default 80 km). */
  grazingHeight_m?: number;
  /** Longest link [m] (default DEFAULT_MAX_RANGE_m). */
  maxRange_m?: number;
}

/** Per-link outputs of one network step, allocated once for a candidate set. */
export interface LinkStepColumns {
  length_m: Float64Array;
  state: Uint8Array;
}

export function makeLinkStepColumns(n: number): LinkStepColumns {
  return { length_m: new Float64Array(n), state: new Uint8Array(n) };
}

/** True when a satellite with this status can relay (valid position and operating). */
function canRelay(st: number): boolean {
  return st === Status.Ok;
}

/**
 * Evaluate every candidate link on the fleet's current positions (any Earth-centred frame: the
 * test is rotation invariant): length [m] and state (LinkState). Allocation-free.
 */
export function evaluateLinks(links: CandidateLinks, fleet: FleetState, out: LinkStepColumns, opts: LinkGeometryOptions = {}): void {
  const rGraze = R_EARTH_m + (opts.grazingHeight_m ?? DEFAULT_GRAZING_HEIGHT_m);
  const maxR = opts.maxRange_m ?? DEFAULT_MAX_RANGE_m;
  const { x_m, y_m, z_m, status } = fleet;
  const { a, b } = links;
  const len = out.length_m, state = out.state;
  for (let i = 0; i < links.count; i++) {
    const p = a[i]!, q = b[i]!;
    const ax = x_m[p]!, ay = y_m[p]!, az = z_m[p]!, bx = x_m[q]!, by = y_m[q]!, bz = z_m[q]!;
    const d = Math.hypot(bx - ax, by - ay, bz - az);
    len[i] = d;
    if (!canRelay(status[p]!) || !canRelay(status[q]!)) state[i] = LinkState.EndpointDown;
    else if (d > maxR) state[i] = LinkState.OutOfRange;
    else if (!lineOfSightClear(ax, ay, az, bx, by, bz, rGraze)) state[i] = LinkState.EarthBlocked;
    else state[i] = LinkState.Up;
  }
}
