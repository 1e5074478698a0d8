import { describe, expect, it } from 'vitest';
import { MU_EARTH_m3_s2, R_EARTH_m } from '../core/units.js';
import { alongTrackShift_m, deltaVForSeparation_m_s, planManoeuvres, summarizeManoeuvres } from './avoidance.js';
import { ConjunctionList } from './screen.js';

const a = R_EARTH_m + 550e3;
const n = Math.sqrt(MU_EARTH_m3_s2 / a ** 3);

describe('collision-avoidance policy', () => {
  it('a tangential burn moves the satellite 6π·Δv/n along-track per orbit (HCW, Vallado 2013 §6.8) within 1 mm', () => {
    const T = (2 * Math.PI) / n;
    expect(Math.abs(alongTrackShift_m(0.01, T, n) - (6 * Math.PI * 0.01) / n)).toBeLessThan(1e-3);
    // 1 cm/s at 550 km (n = 1.0959e-3 rad/s): 172 m per orbit.
    expect(Math.abs(alongTrackShift_m(0.01, T, n) - 172)).toBeLessThan(0.5);
    expect(Math.abs(alongTrackShift_m(deltaVForSeparation_m_s(2000, 2800, n), 2800, n) - 2000)).toBeLessThan(1e-6);
  });

  it('turns encounters into time-ordered manoeuvres: threshold, larger-id rule, lead time, merging', () => {
    const ev = new ConjunctionList();
    const t0 = Date.UTC(2026, 2, 20);
    ev.push({ a: 0, b: 1, secondary: false, tcaUtcMs: t0 + 10_000_000, miss_m: 300, relSpeed_m_s: 10_000 }); // both ours: id 20 > id 10 moves
    ev.push({ a: 0, b: 5, secondary: true, tcaUtcMs: t0 + 5_000_000, miss_m: 800, relSpeed_m_s: 12_000 }); // debris: row 0 moves
    ev.push({ a: 0, b: 6, secondary: true, tcaUtcMs: t0 + 5_600_000, miss_m: 500, relSpeed_m_s: 12_000 }); // row 0 still offline: merged
    ev.push({ a: 2, b: 7, secondary: true, tcaUtcMs: t0 + 1_000_000, miss_m: 4000, relSpeed_m_s: 12_000 }); // above threshold
    const ids = Uint32Array.of(10, 20, 30);
    const m = planManoeuvres(ev, ids, { missThreshold_m: 1000, deltaV_m_s: 0.05, leadTime_s: 2800, offline_s: 1800 });
    expect(m.map((x) => [x.satellite, x.utcMs - t0, x.other, x.otherSecondary])).toEqual([
      [0, 5_000_000 - 2_800_000, 5, true],
      [1, 10_000_000 - 2_800_000, 0, false],
    ]);
    expect(summarizeManoeuvres(m)).toEqual({ count: 2, satellites: 2, deltaV_m_s: 0.1, offline_s: 3600 });
    // Without a fixed Δv it is sized for 2 × threshold of along-track separation at TCA.
    const sized = planManoeuvres(ev, ids, { missThreshold_m: 1000 });
    expect(Math.abs(alongTrackShift_m(sized[0]!.deltaV_m_s, 2800, n) - 2000)).toBeLessThan(1e-6);
    expect(() => planManoeuvres(ev, ids, { missThreshold_m: 0 })).toThrow(/threshold/);
  });
});
