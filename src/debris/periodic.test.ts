import { describe, expect, it } from 'vitest';
import { DEG_TO_RAD } from '../core/units.js';
import { walkerDelta } from '../orbit/walker.js';
import { designedPopulation } from './population.js';
import { ringShells, screenRingShell } from './periodic.js';
import { screen, type ConjunctionEvent } from './screen.js';

const FROM = Date.UTC(2026, 2, 20);

describe('ring-shell screening by symmetry', () => {
  it('finds Walker shells (P, S, Δt = T_u/S) and refuses an unevenly spaced one', () => {
    const el = walkerDelta({ epochUtcMs: FROM, total: 96, planes: 8, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    walkerDelta({ epochUtcMs: FROM, total: 60, planes: 6, phasing: 2, altitude_m: 600e3, inclination_rad: 97 * DEG_TO_RAD, into: el });
    const shells = ringShells(el);
    expect(shells.map((s) => [s.planes, s.perPlane])).toEqual([[8, 12], [6, 10]]);
    // Nodal period at 550 km ≈ 5,736 s (J2-corrected u̇): Δt = T_u/12 within 2 s.
    expect(Math.abs(shells[0]!.period_s - 5736 / 12)).toBeLessThan(2);
    el.meanAnomaly_rad[3] = el.meanAnomaly_rad[3]! + 1e-6;
    expect(ringShells(el).length).toBe(1);
  });

  it('replicated base-window encounters equal direct screening over 3 h (pairs, TCA within 1 ms, miss within 1 cm)', async () => {
    // 8 × 12 at 550 km, 53°: planes cross, so cross-plane pairs meet every orbit; 300 km threshold.
    const el = walkerDelta({ epochUtcMs: FROM, total: 96, planes: 8, phasing: 1, altitude_m: 550e3, inclination_rad: 53 * DEG_TO_RAD });
    const thr = 300e3, to = FROM + 3 * 3_600_000;
    const shell = ringShells(el)[0]!;
    const got: ConjunctionEvent[] = [];
    const r = await screenRingShell(el, shell, { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, step_s: 20, onEvent: (e) => got.push(e) });
    // Both at 20 s steps (Hermite error ~4 mm at LEO, mostly common to both objects).
    const d = await screen(designedPopulation(el, { threshold_m: thr }), undefined, { fromUtcMs: FROM, toUtcMs: to, threshold_m: thr, step_s: 20 });
    const want = Array.from({ length: d.events.count }, (_, k) => d.events.get(k));
    expect(r.count).toBe(got.length);
    expect(want.length).toBeGreaterThan(500);
    // An encounter within 1 cm of the threshold may fall either side of it on the two interpolants.
    const keep = (e: ConjunctionEvent): boolean => Math.abs(e.miss_m - thr) > 0.01;
    const key = (e: ConjunctionEvent): string => `${e.a},${e.b}`;
    const g = got.filter(keep).sort((p, q) => key(p).localeCompare(key(q)) || p.tcaUtcMs - q.tcaUtcMs);
    const w = want.filter(keep).sort((p, q) => key(p).localeCompare(key(q)) || p.tcaUtcMs - q.tcaUtcMs);
    expect(g.length).toBe(w.length);
    let worstT = 0, worstM = 0;
    for (let k = 0; k < w.length; k++) {
      expect(key(g[k]!)).toBe(key(w[k]!));
      worstT = Math.max(worstT, Math.abs(g[k]!.tcaUtcMs - w[k]!.tcaUtcMs));
      worstM = Math.max(worstM, Math.abs(g[k]!.miss_m - w[k]!.miss_m));
    }
    expect(worstT).toBeLessThan(1);
    expect(worstM).toBeLessThan(0.01);
    // Time order of the stream.
    for (let k = 1; k < got.length; k++) expect(got[k]!.tcaUtcMs).toBeGreaterThanOrEqual(got[k - 1]!.tcaUtcMs);
  }, 60_000);
});
