import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../twin/scenario/index.js';
import { CLUSTER_LINK_BANDWIDTH_bps, fleetFromScenario } from './replay.js';

describe('replay fleet from a scenario', () => {
  it('suncatcher-81: one formation-cluster domain of 81 satellites × 64 TPU v6e', () => {
    const f = fleetFromScenario(loadScenario('preset:suncatcher-81'));
    expect(f.fleet.satCount).toBe(81);
    expect(f.fleet.chipCount).toBe(81 * 64);
    expect(f.fleet.domainCount).toBe(1);
    expect(f.fleet.domainBandwidth_bps[0]).toBe(CLUSTER_LINK_BANDWIDTH_bps);
    expect(f.chipPower_W).toBe(300);
    // 650 km SSO behind 10 mm Al: of the order of Suncatcher's ~150 rad(Si)/year.
    const radPerYear = f.doseRate_rad_s[0]! * 3.15576e7;
    expect(radPerYear).toBeGreaterThan(50);
    expect(radPerYear).toBeLessThan(500);
  });
  it('a Walker shell: one domain per satellite until the network model routes across links', () => {
    const f = fleetFromScenario(loadScenario('preset:starlink-v2mini-compute'));
    expect(f.fleet.satCount).toBe(1584);
    expect(f.fleet.domainCount).toBe(1584);
    expect(f.fleet.chipCount).toBe(1584 * 20);
  });
});
