import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEG_TO_RAD, MU_EARTH_m3_s2, R_EARTH_m, TWO_PI } from '../core/units.js';
import { readCatalogRecords } from '../orbit/catalog.js';
import { MeanElementSet } from '../orbit/elements.js';
import { walkerDelta } from '../orbit/walker.js';
import { Status } from '../core/status.js';
import { COEFS_PER_OBJECT, hermiteCoefficients, mayApproach, refineInterval } from './encounter.js';
import { catalogPopulation, designedPopulation, type Population } from './population.js';
import { screen, type ConjunctionEvent, type ScreenResult } from './screen.js';
import { screenShellsAgainst, shellFrames } from './shell-cross.js';

const ACTIVE = fileURLToPath(new URL('../../../shared/data/catalogs/active-2026-03-19.tle', import.meta.url));
const FROM = Date.UTC(2026, 2, 20);

function listOf(r: ScreenResult): ConjunctionEvent[] {
  return Array.from({ length: r.events.count }, (_, k) => r.events.get(k));
}

function sorted(evs: ConjunctionEvent[]): ConjunctionEvent[] {
  return [...evs].sort((p, q) => p.a - q.a || p.b - q.b || p.tcaUtcMs - q.tcaUtcMs);
}

/**
 * The analytic search refines exactly the grid path's interpolants (same satellite states, same
 * refinement), so events agree pair for pair (measured: TCA and miss bit-identical on all three
 * cases below); the tolerances (TCA 1 ms, miss 1 mm) are far below the 0.1 s / 1 m asked of
 * screening and leave room only for a future reordering of floating-point operations.
 */
function expectSameEvents(got: ConjunctionEvent[], want: ConjunctionEvent[]): void {
  const g = sorted(got), w = sorted(want);
  expect(g.length).toBe(w.length);
  for (let k = 0; k < w.length; k++) {
    expect([g[k]!.a, g[k]!.b, g[k]!.secondary]).toEqual([w[k]!.a, w[k]!.b, w[k]!.secondary]);
    expect(Math.abs(g[k]!.tcaUtcMs - w[k]!.tcaUtcMs)).toBeLessThan(1);
    expect(Math.abs(g[k]!.miss_m - w[k]!.miss_m)).toBeLessThan(1e-3);
    expect(Math.abs(g[k]!.relSpeed_m_s - w[k]!.relSpeed_m_s)).toBeLessThan(1e-3);
  }
}

/**
 * All-pairs reference for a against b (no grid, no filter): every pair on every step, skipped only
 * when the balls about each object's start point holding its Bézier hull over the step are more
 * than the threshold apart, or when `mayApproach` rejects it (both rigorous; screen.test.ts
 * checks mayApproach alone). Same interpolant and refinement as the screeners.
 */
async function bruteCross(a: Population, b: Population, from: number, to: number, thr: number, step_s: number): Promise<ConjunctionEvent[]> {
  const fa = [a.makeFleet(), a.makeFleet()], fb = [b.makeFleet(), b.makeFleet()];
  const ca = new Float64Array(a.count * COEFS_PER_OBJECT), cb = new Float64Array(b.count * COEFS_PER_OBJECT);
  const out: ConjunctionEvent[] = [];
  await a.fill(from, fa[0]!); await b.fill(from, fb[0]!);
  const load = (f0: (typeof fa)[number], f1: (typeof fa)[number], n: number, h: number, c: Float64Array, ball: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      const ok = f0.status[i] === Status.Ok && f1.status[i] === Status.Ok;
      hermiteCoefficients(f0.x_m[i]!, f0.y_m[i]!, f0.z_m[i]!, f0.vx_m_s[i]!, f0.vy_m_s[i]!, f0.vz_m_s[i]!, f1.x_m[i]!, f1.y_m[i]!, f1.z_m[i]!, f1.vx_m_s[i]!, f1.vy_m_s[i]!, f1.vz_m_s[i]!, h, c, i * COEFS_PER_OBJECT);
      const q = i * COEFS_PER_OBJECT;
      let r = 0;
      // Control points relative to P_a: c1/3, (2c1 + c2)/3, c1 + c2 + c3.
      for (const [u, v, w] of [[1 / 3, 0, 0], [2 / 3, 1 / 3, 0], [1, 1, 1]] as const) {
        r = Math.max(r, Math.hypot(u * c[q + 1]! + v * c[q + 2]! + w * c[q + 3]!, u * c[q + 5]! + v * c[q + 6]! + w * c[q + 7]!, u * c[q + 9]! + v * c[q + 10]! + w * c[q + 11]!));
      }
      ball[i] = ok ? r : -1;
    }
  };
  const ra = new Float64Array(a.count), rb = new Float64Array(b.count);
  const steps = Math.ceil((to - from) / (step_s * 1000) - 1e-9);
  for (let k = 0; k < steps; k++) {
    const ta = from + k * step_s * 1000, tb = Math.min(to, ta + step_s * 1000), h = (tb - ta) / 1000;
    await a.fill(tb, fa[1]!); await b.fill(tb, fb[1]!);
    load(fa[0]!, fa[1]!, a.count, h, ca, ra); load(fb[0]!, fb[1]!, b.count, h, cb, rb);
    for (let i = 0; i < a.count; i++) {
      if (ra[i]! < 0) continue;
      const p = i * COEFS_PER_OBJECT;
      for (let j = 0; j < b.count; j++) {
        if (rb[j]! < 0) continue;
        const q = j * COEFS_PER_OBJECT;
        const lim = ra[i]! + rb[j]! + thr;
        if (Math.hypot(ca[p]! - cb[q]!, ca[p + 4]! - cb[q + 4]!, ca[p + 8]! - cb[q + 8]!) > lim) continue;
        if (!mayApproach(ca, i, cb, j, thr)) continue;
        refineInterval(ca, i, cb, j, h, thr, (s, miss, vrel) => out.push({ a: i, b: j, secondary: true, tcaUtcMs: ta + s * (tb - ta), miss_m: miss, relSpeed_m_s: vrel }));
      }
    }
    fa.reverse(); fb.reverse();
  }
  return out;
}

/** Grid path (screen, pairs 'cross') and the analytic path on the same inputs. */
async function both(el: MeanElementSet, sec: Population, from: number, to: number, thr: number, step_s: number): Promise<{ grid: ScreenResult; shell: ScreenResult }> {
  const grid = await screen(designedPopulation(el, { threshold_m: thr }), sec, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, substeps: 4, pairs: 'cross' });
  const shell = await screenShellsAgainst(el, sec, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s });
  return { grid, shell };
}

describe('shellFrames', () => {
  it('rejects a bad number of search sub-intervals with the field named', async () => {
    const el = walkerDelta({ epochUtcMs: FROM, total: 20, planes: 2, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    await expect(screenShellsAgainst(el, designedPopulation(el), { fromUtcMs: FROM, toUtcMs: FROM + 60e3, threshold_m: 5e3, shellSubsteps: 0 })).rejects.toThrow(/shellSubsteps/);
  });

  it('prepares each Walker shell with planes sorted by node and every row once', () => {
    const el = walkerDelta({ epochUtcMs: FROM, total: 600, planes: 20, phasing: 3, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD, raan0_rad: 1 });
    walkerDelta({ epochUtcMs: FROM, total: 100, planes: 10, phasing: 1, altitude_m: 800e3, inclination_rad: 97.6 * DEG_TO_RAD, into: el });
    const f = shellFrames(el);
    expect(f.map((x) => [x.planes, x.perPlane])).toEqual([[20, 30], [10, 10]]);
    for (const x of f) {
      for (let p = 1; p < x.planes; p++) expect(x.raan0[p]!).toBeGreaterThan(x.raan0[p - 1]!);
      // walkerDelta spaces slots exactly: the deviation is rounding only (< 1e-12 rad = 7 µm).
      expect(x.spacingDev_rad).toBeLessThan(1e-12);
    }
    const rows = new Set([...f[0]!.rows, ...f[1]!.rows]);
    expect(rows.size).toBe(700);
  });
});

describe('screenShellsAgainst equals the grid path', () => {
  it('a 3,000-satellite shell at 550 km against the catalog objects near it, 4 h at 5 km', async () => {
    // Starlink's own 53° shells sit at 540–560 km: plenty of real encounters. 3,000 = 50 × 60.
    const el = walkerDelta({ epochUtcMs: FROM, total: 3000, planes: 50, phasing: 7, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD, noNames: true });
    // Rows the analytic path does not own (not a ring shell): slightly eccentric, same altitude.
    for (let k = 0; k < 40; k++) {
      el.append({ a_m: R_EARTH_m + 550e3, e: 0.001, i_rad: (40 + k) * DEG_TO_RAD, raan_rad: 0.15 * k, argp_rad: 0.3, meanAnomaly_rad: 0.7 * k, id: 900_000 + k });
    }
    const all = readCatalogRecords(ACTIVE);
    const records = all.filter((r) => {
      const a = Math.cbrt(MU_EARTH_m3_s2 / ((r.meanMotion_rev_day * TWO_PI) / 86_400) ** 2);
      return Math.abs(a - R_EARTH_m - 550e3) < 20e3 || (a * (1 - r.eccentricity) < R_EARTH_m + 550e3 && a * (1 + r.eccentricity) > R_EARTH_m + 550e3 && r.eccentricity > 0.01);
    });
    expect(records.length).toBeGreaterThan(1000);
    const to = FROM + 4 * 3_600_000;
    const cat = await catalogPopulation(records, FROM, to, { backend: 'wasm' });
    try {
      const { grid, shell } = await both(el, cat, FROM, to, 5e3, 120);
      expect(grid.events.count).toBeGreaterThan(200);
      expectSameEvents(listOf(shell), listOf(grid));
      // Both parts of the designed set produced events (the fallback rows go through the grid).
      const ev = listOf(shell);
      expect(ev.some((e) => e.a >= 3000)).toBe(true);
      expect(ev.some((e) => e.a < 3000)).toBe(true);
      // Real eccentric objects crossing the shell (e > 0.01) are among them.
      expect(ev.filter((e) => records[e.b]!.eccentricity > 0.01).length).toBeGreaterThan(0);
    } finally {
      cat.dispose();
    }
  }, 60_000);

  it('catches eccentric objects crossing the shells at steep angles (two shells, one retrograde)', async () => {
    const el = walkerDelta({ epochUtcMs: FROM, total: 2000, planes: 40, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD, noNames: true });
    walkerDelta({ epochUtcMs: FROM, total: 1000, planes: 25, phasing: 2, altitude_m: 800e3, inclination_rad: 97.6 * DEG_TO_RAD, noNames: true, into: el });
    // Secondary: 200 orbits with perigee 300–500 km and apogee 1,000–3,000 km (e ≈ 0.05–0.17),
    // every inclination: each crosses both shell radii twice an orbit, steeply (flight-path
    // angle up to ~10°: radial speed up to 1.3 km/s).
    const ecc = new MeanElementSet(FROM, 200);
    for (let k = 0; k < 200; k++) {
      const rp = R_EARTH_m + 300e3 + (k % 5) * 50e3, ra = R_EARTH_m + 1000e3 + (k % 7) * 330e3;
      ecc.append({ a_m: (rp + ra) / 2, e: (ra - rp) / (ra + rp), i_rad: ((k * 37) % 180) * DEG_TO_RAD, raan_rad: 0.61 * k, argp_rad: 1.3 * k, meanAnomaly_rad: 2.1 * k, id: k + 1 });
    }
    expect(ecc.e[0]!).toBeGreaterThan(0.04);
    const { grid, shell } = await both(el, designedPopulation(ecc), FROM, FROM + 12 * 3_600_000, 25e3, 120);
    expect(grid.events.count).toBeGreaterThan(50);
    expectSameEvents(listOf(shell), listOf(grid));
    const ev = listOf(shell);
    expect(ev.some((e) => e.a < 2000)).toBe(true);
    expect(ev.some((e) => e.a >= 2000)).toBe(true);
  }, 60_000);

  it('equals an all-pairs brute force, whatever the number of search sub-intervals', async () => {
    // 500 satellites at 700 km (20 × 25, 70°) against 120 eccentric orbits crossing 700 km, 6 h
    // at a 50 km threshold (many events on a small case).
    const el = walkerDelta({ epochUtcMs: FROM, total: 500, planes: 20, phasing: 3, altitude_m: 700e3, inclination_rad: 70 * DEG_TO_RAD, noNames: true });
    const ecc = new MeanElementSet(FROM, 120);
    for (let k = 0; k < 120; k++) {
      const rp = R_EARTH_m + 400e3 + (k % 4) * 60e3, ra = R_EARTH_m + 900e3 + (k % 9) * 150e3;
      ecc.append({ a_m: (rp + ra) / 2, e: (ra - rp) / (ra + rp), i_rad: ((k * 53) % 180) * DEG_TO_RAD, raan_rad: 0.37 * k, argp_rad: 0.9 * k, meanAnomaly_rad: 1.7 * k, id: k + 1 });
    }
    const to = FROM + 6 * 3_600_000, thr = 50e3;
    const sec = designedPopulation(ecc);
    const want = await bruteCross(designedPopulation(el), sec, FROM, to, thr, 120);
    expect(want.length).toBeGreaterThan(100);
    for (const shellSubsteps of [1, 7, 64]) {
      const got = await screenShellsAgainst(el, sec, { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, step_s: 120, shellSubsteps });
      expectSameEvents(listOf(got), want);
    }
  }, 60_000);
});
