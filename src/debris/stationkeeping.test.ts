import { describe, expect, it } from 'vitest';
import { DEG_TO_RAD, R_EARTH_m, S_PER_JULIAN_YEAR } from '../core/units.js';
import { buildCluster } from '../orbit/cluster.js';
import { exponentialDensity_kg_m3 } from '../orbit/drag.js';
import { MeanElementSet, type MeanElementsInput } from '../orbit/elements.js';
import { meanMotion_rad_s } from '../orbit/hcw.js';
import { ssoInclination_rad } from '../orbit/sso.js';
import { clusterStationKeeping } from './stationkeeping.js';

const epoch = Date.UTC(2026, 0, 1);
const a = R_EARTH_m + 650e3;
const ref: MeanElementsInput = { a_m: a, e: 0, i_rad: ssoInclination_rad(a), raan_rad: 0, argp_rad: 0, meanAnomaly_rad: 0, ballistic_m2_kg: 0.01 };

describe('formation station-keeping budget', () => {
  it('Suncatcher 81-satellite cluster (R = 1 km, d = 100 m): J2 costs < 3 m/s/yr per km (paper bound), here ~0', () => {
    const el = new MeanElementSet(epoch, 128);
    const lay = buildCluster(ref, { shape: 'disc', spacing_m: 100, radius_m: 1000, ballistic_m2_kg: 0.01 }, el);
    const b = clusterStationKeeping(el, lay.firstRow, lay.count, ref);
    expect(lay.count).toBe(81);
    for (let k = 0; k < lay.count; k++) {
      expect(b.j2Node_m_s_yr[k]!).toBeLessThan(3);
      // Left: the O(J2·e²) node-rate difference of e ≈ ρ/a ≤ 7e-5 members, < 1 mm/s a year.
      expect(b.j2Node_m_s_yr[k]!).toBeLessThan(1e-3);
      expect(b.j2AlongTrackTrim_m_s[k]!).toBeLessThan(1e-6);
      expect(b.differentialDrag_m_s_yr[k]!).toBeLessThan(1e-9);
    }
  });

  it('altitude keeping equals the drag deceleration ½ρv²B integrated over a year (within 1e-9 relative)', () => {
    const el = new MeanElementSet(epoch, 4);
    el.append({ ...ref });
    const b = clusterStationKeeping(el, 0, 1, ref);
    const v = meanMotion_rad_s(a) * a;
    const want = 0.5 * exponentialDensity_kg_m3(650e3) * v * v * 0.01 * S_PER_JULIAN_YEAR;
    expect(Math.abs(b.altitudeKeeping_m_s_yr - want) / want).toBeLessThan(1e-9);
  });

  it('a member 0.01° off in inclination pays v·sin i·|ΔΩ̇| per year; a member with twice the B pays differential drag', () => {
    const el = new MeanElementSet(epoch, 4);
    el.append({ ...ref, i_rad: ref.i_rad + 0.01 * DEG_TO_RAD });
    el.append({ ...ref, ballistic_m2_kg: 0.02 });
    const b = clusterStationKeeping(el, 0, 2, ref);
    // dΩ̇/di = 1.5·n·J2·(R/a)²·sin i = 1.5 × 1.0712e-3 × 8.907e-4 × 0.990 = 1.417e-6 rad/s per rad;
    // × 0.01° (1.745e-4 rad) = 2.47e-10 rad/s; × v·sin i (7,531 m/s × 0.990) × 1 year ≈ 58.2 m/s/yr.
    expect(Math.abs(b.j2Node_m_s_yr[0]! - 58.2)).toBeLessThan(0.5);
    expect(Math.abs(b.differentialDrag_m_s_yr[1]! - b.altitudeKeeping_m_s_yr) / b.altitudeKeeping_m_s_yr).toBeLessThan(1e-9);
  });
});
