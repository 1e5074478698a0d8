/** The twin's ground contacts give exactly the edges of src/network's pushGroundEdges. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { Status } from '../core/status.js';
import { R_EARTH_m } from '../core/units.js';
import { EdgeList } from '../network/graph.js';
import { GROUND_STATIONS, pushGroundEdges, stationGeometry } from '../network/ground.js';
import { pushGroundContacts } from './network-ground.js';

describe('pushGroundContacts', () => {
  it('same satellites, stations, rates and light times (within 1 ps) as pushGroundEdges on 20,000 random satellites', () => {
    const n = 20_000, rng = new Rng(7);
    const ecef = { x_m: new Float64Array(n), y_m: new Float64Array(n), z_m: new Float64Array(n) };
    const status = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      // Uniform directions, 400–1,200 km up; one satellite in 50 not Ok.
      const z = 2 * rng.uniform() - 1, ph = 2 * Math.PI * rng.uniform(), r = R_EARTH_m + 400e3 + 800e3 * rng.uniform(), c = Math.sqrt(1 - z * z);
      ecef.x_m[i] = r * c * Math.cos(ph); ecef.y_m[i] = r * c * Math.sin(ph); ecef.z_m[i] = r * z;
      status[i] = rng.uniform() < 0.02 ? Status.Offline : Status.Ok;
    }
    const stations = [...GROUND_STATIONS, { ...GROUND_STATIONS[0]!, name: 'low-mask', elevationMask_rad: -0.05, terminals: 5 }].map(stationGeometry);
    const a = new EdgeList(), b = new EdgeList();
    const na = pushGroundEdges(stations, ecef, status, 0, n, n, a);
    const nb = pushGroundContacts(stations, ecef, status, n, n, b);
    expect(nb).toBe(na);
    expect(na).toBeGreaterThan(stations.length);
    for (let k = 0; k < na; k++) {
      expect([b.a[k], b.b[k], b.tag[k], b.capacity_bps[k]]).toEqual([a.a[k], a.b[k], a.tag[k], a.capacity_bps[k]]);
      expect(Math.abs(b.latency_s[k]! - a.latency_s[k]!)).toBeLessThan(1e-12);
    }
  });
});
