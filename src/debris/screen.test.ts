import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD, MU_EARTH_m3_s2, R_EARTH_m } from '../core/units.js';
import { readCatalogRecords } from '../orbit/catalog.js';
import { walkerDelta } from '../orbit/walker.js';
import { COEFS_PER_OBJECT, hermiteCoefficients, mayApproach, refineInterval } from './encounter.js';
import { shellsOverlap } from './filter.js';
import { catalogPopulation, designedPopulation, type Population } from './population.js';
import { screen, type ConjunctionEvent } from './screen.js';

const ACTIVE = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));
const FROM = Date.UTC(2026, 2, 20);

/**
 * All-pairs reference: every pair i < j on every step, no grid. A pair is skipped on a step only
 * when a rigorous bound says it cannot come within the threshold: the ball around each object's
 * start point holding its whole Bézier hull over the step (|Δr(t)| ≥ |ΔP_a| − R_i − R_j), then
 * the relative-hull test `mayApproach` (checked on its own below). Same interpolant and refinement
 * as the screener.
 */
async function bruteForce(pop: Population, from: number, to: number, thr: number, step_s: number): Promise<ConjunctionEvent[]> {
  const n = pop.count;
  let f0 = pop.makeFleet(), f1 = pop.makeFleet();
  const coef = new Float64Array(n * COEFS_PER_OBJECT);
  const R = new Float64Array(n), px = new Float64Array(n), py = new Float64Array(n), pz = new Float64Array(n);
  const ok = new Uint8Array(n);
  const out: ConjunctionEvent[] = [];
  await pop.fill(from, f0);
  const steps = Math.ceil((to - from) / (step_s * 1000) - 1e-9);
  for (let k = 0; k < steps; k++) {
    const ta = from + k * step_s * 1000, tb = Math.min(to, from + (k + 1) * step_s * 1000), h = (tb - ta) / 1000;
    await pop.fill(tb, f1);
    for (let i = 0; i < n; i++) {
      ok[i] = f0.status[i] === Status.Ok && f1.status[i] === Status.Ok ? 1 : 0;
      hermiteCoefficients(f0.x_m[i]!, f0.y_m[i]!, f0.z_m[i]!, f0.vx_m_s[i]!, f0.vy_m_s[i]!, f0.vz_m_s[i]!,
        f1.x_m[i]!, f1.y_m[i]!, f1.z_m[i]!, f1.vx_m_s[i]!, f1.vy_m_s[i]!, f1.vz_m_s[i]!, h, coef, i * COEFS_PER_OBJECT);
      const b = i * COEFS_PER_OBJECT;
      // Control points relative to P_a: c1/3, (2c1 + c2)/3, c1 + c2 + c3.
      let r = 0;
      for (const [u, v, w] of [[1 / 3, 0, 0], [2 / 3, 1 / 3, 0], [1, 1, 1]] as const) {
        const dx = u * coef[b + 1]! + v * coef[b + 2]! + w * coef[b + 3]!;
        const dy = u * coef[b + 5]! + v * coef[b + 6]! + w * coef[b + 7]!;
        const dz = u * coef[b + 9]! + v * coef[b + 10]! + w * coef[b + 11]!;
        r = Math.max(r, Math.hypot(dx, dy, dz));
      }
      R[i] = r; px[i] = coef[b]!; py[i] = coef[b + 4]!; pz[i] = coef[b + 8]!;
    }
    for (let i = 0; i < n; i++) {
      if (!ok[i]) continue;
      const xi = px[i]!, yi = py[i]!, zi = pz[i]!, ri = R[i]! + thr;
      for (let j = i + 1; j < n; j++) {
        if (!ok[j]) continue;
        const dx = xi - px[j]!, dy = yi - py[j]!, dz = zi - pz[j]!, lim = ri + R[j]!;
        if (dx * dx + dy * dy + dz * dz > lim * lim) continue;
        if (!mayApproach(coef, i, coef, j, thr)) continue;
        refineInterval(coef, i, coef, j, h, thr, (s, miss, vrel) => {
          out.push({ a: i, b: j, secondary: false, tcaUtcMs: ta + s * (tb - ta), miss_m: miss, relSpeed_m_s: vrel });
        });
      }
    }
    [f0, f1] = [f1, f0];
  }
  return out;
}

function sorted(evs: ConjunctionEvent[]): ConjunctionEvent[] {
  return [...evs].sort((p, q) => p.a - q.a || p.b - q.b || p.tcaUtcMs - q.tcaUtcMs);
}

function expectSameEvents(got: ConjunctionEvent[], want: ConjunctionEvent[]): void {
  const g = sorted(got), w = sorted(want);
  expect(g.length).toBe(w.length);
  for (let k = 0; k < w.length; k++) {
    expect([g[k]!.a, g[k]!.b]).toEqual([w[k]!.a, w[k]!.b]);
    // Same interpolant, same refinement: agreement to 1 µs and 1 µm.
    expect(Math.abs(g[k]!.tcaUtcMs - w[k]!.tcaUtcMs)).toBeLessThan(1e-3);
    expect(Math.abs(g[k]!.miss_m - w[k]!.miss_m)).toBeLessThan(1e-6);
  }
}

function listOf(r: { events: { count: number; get(k: number): ConjunctionEvent } }): ConjunctionEvent[] {
  return Array.from({ length: r.events.count }, (_, k) => r.events.get(k));
}

describe('screen against an all-pairs brute force', () => {
  it('finds every encounter ≤ 20 km among 1,471 real catalog objects over 24 h (no missed event)', async () => {
    const all = readCatalogRecords(ACTIVE);
    // Every 10th object: Starlink shells, other LEO, MEO, GEO and HEO alike. (The brute force is
    // O(n²) per step: 1,471 objects keep this test near 20 s on the 2-core reference machine.)
    const records = all.filter((_, k) => k % 10 === 0);
    expect(records.length).toBe(1471);
    const to = FROM + 86_400_000, thr = 20e3, step_s = 60;
    const pop = await catalogPopulation(records, FROM, to, { backend: 'wasm' });
    try {
      const got = await screen(pop, undefined, { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, step_s, substeps: 4 });
      const want = await bruteForce(pop, FROM, to, thr, step_s);
      expect(want.length).toBeGreaterThan(20);
      expectSameEvents(listOf(got), want);
      // The apogee/perigee filter never removes a pair the brute force finds.
      for (const e of want) expect(shellsOverlap(pop.shells, e.a, pop.shells, e.b, thr)).toBe(true);
    } finally {
      pop.dispose();
    }
  }, 120_000);

  it('finds every encounter between two crossing Walker shells at one altitude, plane exclusion included', async () => {
    // 550 km: a 53° shell 4 × 90 and a 70° shell 10 × 10 (one set): the planes cross everywhere.
    const el = walkerDelta({ epochUtcMs: FROM, total: 360, planes: 4, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    walkerDelta({ epochUtcMs: FROM, total: 100, planes: 10, phasing: 3, altitude_m: 550e3, inclination_rad: 70 * DEG_TO_RAD, raan0_rad: 0.1, into: el });
    const to = FROM + 86_400_000, thr = 50e3;
    const plain = designedPopulation(el);
    const grouped = designedPopulation(el, { threshold_m: thr });
    expect(grouped.planeGroup?.filter((g) => g >= 0).length).toBe(460);
    // With a 50 km threshold in-plane neighbours (483 km apart) are grouped; at 600 km they are not.
    expect(designedPopulation(el, { threshold_m: 600e3 }).planeGroup?.filter((g) => g >= 0).length).toBe(100);
    const want = await bruteForce(plain, FROM, to, thr, 60);
    // One sub-interval per step: 500 km boxes, so in-plane neighbours are grid candidates that
    // the exclusion removes (same-plane spacing is constant, 483 km in the 53° shell).
    const got = await screen(grouped, undefined, { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, step_s: 60, substeps: 1 });
    expect(want.length).toBeGreaterThan(100);
    expect(got.stats.pairsExcludedSamePlane).toBeGreaterThan(1000);
    expectSameEvents(listOf(got), want);
  }, 60_000);

  it('screens a primary against a secondary: only cross pairs with pairs: "cross"', async () => {
    const a = walkerDelta({ epochUtcMs: FROM, total: 60, planes: 6, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    const b = walkerDelta({ epochUtcMs: FROM, total: 48, planes: 6, phasing: 2, altitude_m: 550e3, inclination_rad: 97 * DEG_TO_RAD });
    const both = walkerDelta({ epochUtcMs: FROM, total: 60, planes: 6, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    walkerDelta({ epochUtcMs: FROM, total: 48, planes: 6, phasing: 2, altitude_m: 550e3, inclination_rad: 97 * DEG_TO_RAD, into: both });
    const to = FROM + 6 * 3_600_000, thr = 100e3;
    const want = (await bruteForce(designedPopulation(both), FROM, to, thr, 60)).filter((e) => e.a < 60 && e.b >= 60).map((e) => ({ ...e, b: e.b - 60, secondary: true }));
    const got = await screen(designedPopulation(a), designedPopulation(b), { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, pairs: 'cross' });
    expect(want.length).toBeGreaterThan(10);
    expectSameEvents(listOf(got), want);
    expect(listOf(got).every((e) => e.secondary)).toBe(true);
  }, 60_000);
});

/** Two-body circular orbits with closed-form states: a population with known geometry. */
function circularPair(a_m: number, epochMs: number, phase_rad: number): Population {
  const n = Math.sqrt(MU_EARTH_m3_s2 / a_m ** 3);
  return {
    count: 2, ids: Uint32Array.of(1, 2), names: ['EQUATORIAL', 'POLAR'],
    shells: { perigee_m: Float64Array.of(a_m - 1, a_m - 1), apogee_m: Float64Array.of(a_m + 1, a_m + 1) },
    makeFleet: () => { const f = new FleetState(2); f.append(1, 'EQUATORIAL'); f.append(2, 'POLAR'); return f; },
    fill: (utcMs, f) => {
      const th = n * (utcMs - epochMs) / 1000, tb = th - phase_rad, v = a_m * n;
      // A in the equator: (cos θ, sin θ, 0); B in the x–z plane: (cos θ_B, 0, sin θ_B).
      f.x_m[0] = a_m * Math.cos(th); f.y_m[0] = a_m * Math.sin(th); f.z_m[0] = 0;
      f.vx_m_s[0] = -v * Math.sin(th); f.vy_m_s[0] = v * Math.cos(th); f.vz_m_s[0] = 0;
      f.x_m[1] = a_m * Math.cos(tb); f.y_m[1] = 0; f.z_m[1] = a_m * Math.sin(tb);
      f.vx_m_s[1] = -v * Math.sin(tb); f.vy_m_s[1] = 0; f.vz_m_s[1] = v * Math.cos(tb);
      f.status[0] = Status.Ok; f.status[1] = Status.Ok;
    },
    dispose: () => undefined,
  };
}

describe('closest-approach refinement', () => {
  it('TCA within 0.1 s and miss distance within 1 m of the closed form for crossing circular orbits', async () => {
    // |A − B|² = a²(2 − 2 cos θ cos(θ − φ)) is least at θ = φ/2: d = √2·a·sin(φ/2), t = T + φ/(2n).
    const a = R_EARTH_m + 550e3, n = Math.sqrt(MU_EARTH_m3_s2 / a ** 3);
    for (const [miss, step_s] of [[1000, 60], [250, 120], [4000, 30]] as const) {
      const phi = 2 * Math.asin(miss / (Math.SQRT2 * a));
      const T = FROM + 1234.567e3; // θ = 0 here, so the TCA falls between grid points
      const pop = circularPair(a, T, phi);
      const r = await screen(pop, undefined, { fromUtcMs: FROM, toUtcMs: FROM + 2 * 3_600_000, threshold_m: 5000, step_s });
      const evs = listOf(r);
      // Both orbits have period 2π/n, so they meet near (1, 0, 0) and (−1, 0, 0) each orbit.
      const first = evs[0]!;
      const tca = T + (phi / (2 * n)) * 1000;
      expect(Math.abs(first.tcaUtcMs - tca) / 1000).toBeLessThan(0.1);
      expect(Math.abs(first.miss_m - miss)).toBeLessThan(1);
      // Relative speed at TCA: |v_A − v_B| = v·√(2 − 2·cos(φ/2)·cos(φ/2))... ≈ √2·v for small φ.
      expect(Math.abs(first.relSpeed_m_s - Math.SQRT2 * a * n)).toBeLessThan(1);
      // Every half orbit, the same geometry again.
      expect(evs.length).toBe(Math.floor(((FROM + 2 * 3_600_000 - tca) / 1000) / (Math.PI / n)) + 1);
    }
  });

  it('mayApproach never rejects a pair that comes within the threshold (random cubics)', () => {
    const c = new Float64Array(24);
    let seed = 12345;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31 - 0.5; };
    let rejected = 0, approached = 0;
    for (let trial = 0; trial < 20_000; trial++) {
      for (let k = 0; k < 24; k++) c[k] = rnd() * (k % 4 === 0 ? 40e3 : 30e3);
      const thr = 5e3;
      let min = Infinity;
      for (let q = 0; q <= 2000; q++) {
        const s = q / 2000;
        let d2 = 0;
        for (let ax = 0; ax < 3; ax++) {
          const b = ax * 4;
          const v = (c[b]! - c[12 + b]!) + s * ((c[b + 1]! - c[13 + b]!) + s * ((c[b + 2]! - c[14 + b]!) + s * (c[b + 3]! - c[15 + b]!)));
          d2 += v * v;
        }
        min = Math.min(min, Math.sqrt(d2));
      }
      const may = mayApproach(c, 0, c, 1, thr);
      if (!may) { rejected++; expect(min).toBeGreaterThan(thr); }
      if (min <= thr) approached++;
    }
    // The test has teeth: both kinds occur.
    expect(rejected).toBeGreaterThan(1000);
    expect(approached).toBeGreaterThan(100);
  });
});
