import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { C_LIGHT_m_s, DEG_TO_RAD, F_EARTH, R_EARTH_m, TWO_PI } from '../core/units.js';
import { MeanElementSet } from '../orbit/elements.js';
import { j2SecularRates, J2Stepper } from '../orbit/j2.js';
import { OMEGA_EARTH_VALLADO_rad_s } from '../orbit/frames.js';
import { EdgeList } from './graph.js';
import {
  CITIES, contactAnalysis, elevation_rad, fibreLatency_s, findByName, geodeticToEcef, greatCircle_m, GROUND_STATIONS, type GroundStation,
  pushGroundEdges, stationGeometry,
} from './ground.js';

describe('station geometry on WGS-84', () => {
  it('puts the equator/prime meridian at (a, 0, 0) and the pole at the polar radius b = 6,356,752.314 m (within 1 mm)', () => {
    const e = geodeticToEcef(0, 0, 0);
    expect(Math.abs(e[0]! - R_EARTH_m)).toBeLessThan(1e-3);
    const p = geodeticToEcef(Math.PI / 2, 0, 0);
    expect(Math.abs(p[2]! - R_EARTH_m * (1 - F_EARTH))).toBeLessThan(1e-3);
    expect(Math.abs(p[2]! - 6_356_752.314)).toBeLessThan(1e-3);
  });

  it('sees a satellite straight up the geodetic normal at 90° elevation (within 1e-9 rad)', () => {
    const st = stationGeometry(GROUND_STATIONS[0]!);
    const el = elevation_rad(st, st.x_m + 550e3 * st.upX, st.y_m + 550e3 * st.upY, st.z_m + 550e3 * st.upZ);
    expect(Math.abs(el - Math.PI / 2)).toBeLessThan(1e-9);
  });

  it('rejects a station with impossible figures', () => {
    expect(() => stationGeometry({ ...GROUND_STATIONS[0]!, terminals: 0 })).toThrow(InputError);
    expect(() => findByName(CITIES, 'atlantis', '--to')).toThrow(/unknown name/);
    expect(findByName(GROUND_STATIONS, 'OCTL', '--from').name).toBe('octl');
  });
});

describe('contact windows: equatorial 550 km orbit over an equatorial station, 10° mask', () => {
  const epoch = Date.UTC(2026, 2, 20);
  const a = R_EARTH_m + 550e3;
  const el = new MeanElementSet(epoch, 1);
  el.append({ a_m: a, e: 0, i_rad: 0, raan_rad: 0, argp_rad: 0, meanAnomaly_rad: 0 });
  const fleet = new FleetState(1);
  const stepper = new J2Stepper(el, fleet);
  const propagate = (t: number): FleetState => { stepper.propagateTo((t - epoch) / 1000); return fleet; };
  const rf: GroundStation = { name: 'eq', lat_rad: 0, lon_rad: 0, alt_m: 0, elevationMask_rad: 10 * DEG_TO_RAD, kind: 'rf', downlinkRate_bps: 1e9, terminals: 1, cloudOutageProbability: 0, source: 'test' };
  const opt: GroundStation = { ...rf, name: 'eq-opt', kind: 'optical', cloudOutageProbability: 0.3 };
  const res = contactAnalysis([rf, opt], propagate, { startUtcMs: epoch, endUtcMs: epoch + 86_400_000, step_s: 10 });

  // Pass geometry: the satellite is above the mask within a central angle λ = acos(R·cos E/r) − E
  // of the station; it passes at the inertial rate u̇ (= n(1 + 3k) for i = 0 under J2) less the
  // Earth's rotation.
  const rates = j2SecularRates(a, 0, 0);
  const rel = rates.meanAnomalyDot_rad_s + rates.argpDot_rad_s + rates.raanDot_rad_s - OMEGA_EARTH_VALLADO_rad_s;
  const E = 10 * DEG_TO_RAD;
  const lambda = Math.acos((R_EARTH_m * Math.cos(E)) / a) - E;
  const expectedPass_s = (2 * lambda) / rel;
  const synodic_s = TWO_PI / rel;

  it('finds every pass with the analytic duration (511 s, within 1 s) and spacing (within 1 s)', () => {
    const w = res[0]!.windows;
    // Whole passes only (the first may be cut by the start of the period).
    const whole = w.filter((x) => x.startUtcMs > epoch && x.endUtcMs < epoch + 86_400_000);
    expect(whole.length).toBeGreaterThanOrEqual(13);
    expect(Math.abs(expectedPass_s - 511)).toBeLessThan(2);
    for (const x of whole) expect(Math.abs((x.endUtcMs - x.startUtcMs) / 1000 - expectedPass_s)).toBeLessThan(1);
    for (let k = 1; k < whole.length; k++) expect(Math.abs((whole[k]!.startUtcMs - whole[k - 1]!.startUtcMs) / 1000 - synodic_s)).toBeLessThan(1);
    // Culmination is at the zenith; sampled every 10 s at ~0.73°/s near the zenith (v/h), the
    // highest grid sample is within 5 s of it: within 4°.
    for (const x of whole) expect(Math.abs(x.maxElevation_rad - Math.PI / 2)).toBeLessThan(4 * DEG_TO_RAD);
  });

  it('gives a daily volume of contact time × rate (within 3 %: the step grid) and scales optical by 1 − cloud (exactly)', () => {
    const inView_s = res[0]!.windows.reduce((s, x) => s + (x.endUtcMs - x.startUtcMs) / 1000, 0);
    expect(Math.abs(res[0]!.dailyVolume_bits / (inView_s * 1e9) - 1)).toBeLessThan(0.03);
    expect(Math.abs(res[1]!.dailyVolume_bits / res[0]!.dailyVolume_bits - 0.7)).toBeLessThan(1e-12);
    expect(Math.abs(res[0]!.coverageFraction - inView_s / 86_400)).toBeLessThan(0.03 * res[0]!.coverageFraction);
  });
});

describe('ground edges and fibre', () => {
  it('links each station to its `terminals` highest satellites only, with slant-range latency', () => {
    const st = stationGeometry({ ...GROUND_STATIONS[0]!, terminals: 2 });
    const n = 5;
    const ecef = { x_m: new Float64Array(n), y_m: new Float64Array(n), z_m: new Float64Array(n) };
    const status = new Uint8Array(n).fill(Status.Ok);
    // Satellites 600 km from the station at elevations 80°, 5° (below mask), 40°, 60°, and 85° but Failed.
    const els = [80, 5, 40, 60, 85];
    // A horizontal direction at the station: east = (−sin λ, cos λ, 0).
    const lon = GROUND_STATIONS[0]!.lon_rad;
    const ex = -Math.sin(lon), ey = Math.cos(lon);
    els.forEach((e, i) => {
      const c = Math.cos(e * DEG_TO_RAD), s = Math.sin(e * DEG_TO_RAD);
      ecef.x_m[i] = st.x_m + 600e3 * (c * ex + s * st.upX);
      ecef.y_m[i] = st.y_m + 600e3 * (c * ey + s * st.upY);
      ecef.z_m[i] = st.z_m + 600e3 * (s * st.upZ);
    });
    status[4] = Status.Failed;
    const out = new EdgeList();
    expect(pushGroundEdges([st], ecef, status, 0, n, 100, out)).toBe(2);
    expect([out.a[0], out.a[1]]).toEqual([0, 3]);
    expect(out.b[0]).toBe(100);
    expect(Math.abs(out.latency_s[0]! - 600e3 / C_LIGHT_m_s)).toBeLessThan(1e-9);
    expect(out.tag[0]).toBe(-1);
  });

  it('London–New York is 5,570 km on the great circle (within 10 km); fibre one way ≈ 40.9 ms', () => {
    const lon = findByName(CITIES, 'london', 'c'), ny = findByName(CITIES, 'new-york', 'c');
    const d = greatCircle_m(lon.lat_rad, lon.lon_rad, ny.lat_rad, ny.lon_rad);
    expect(Math.abs(d / 1e3 - 5570)).toBeLessThan(10);
    const asStation: GroundStation = { ...GROUND_STATIONS[0]!, lat_rad: lon.lat_rad, lon_rad: lon.lon_rad };
    expect(Math.abs(fibreLatency_s(asStation, ny) * 1e3 - (d * 1.5 * 1.468 / C_LIGHT_m_s) * 1e3)).toBeLessThan(1e-9);
    expect(Math.abs(fibreLatency_s(asStation, ny) * 1e3 - 40.9)).toBeLessThan(0.2);
  });
});

describe('pushGroundEdges against a plain elevation-angle reference', () => {
  it('same satellites per station, in elevation order, light time within 1 ps, on 20,000 random satellites', () => {
    const n = 20_000;
    let seed = 7;
    // Park–Miller: the test needs only a reproducible spread of directions.
    const uniform = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const ecef = { x_m: new Float64Array(n), y_m: new Float64Array(n), z_m: new Float64Array(n) };
    const status = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      // Uniform directions, 400–1,200 km up; one satellite in 50 not Ok.
      const z = 2 * uniform() - 1, ph = TWO_PI * uniform(), r = R_EARTH_m + 400e3 + 800e3 * uniform(), c = Math.sqrt(1 - z * z);
      ecef.x_m[i] = r * c * Math.cos(ph); ecef.y_m[i] = r * c * Math.sin(ph); ecef.z_m[i] = r * z;
      status[i] = uniform() < 0.02 ? Status.Offline : Status.Ok;
    }
    const stations = [...GROUND_STATIONS, { ...GROUND_STATIONS[0]!, name: 'low-mask', elevationMask_rad: -0.05, terminals: 5 }].map(stationGeometry);
    const out = new EdgeList();
    const pushed = pushGroundEdges(stations, ecef, status, 0, n, n, out);
    // Reference: elevation by atan2 for every Ok satellite, keep those at or above the mask, highest first.
    let k = 0;
    for (let g = 0; g < stations.length; g++) {
      const st = stations[g]!;
      const seen: { r: number; el: number }[] = [];
      for (let r = 0; r < n; r++) {
        if (status[r] !== Status.Ok) continue;
        const el = elevation_rad(st, ecef.x_m[r]!, ecef.y_m[r]!, ecef.z_m[r]!);
        if (el >= st.station.elevationMask_rad) seen.push({ r, el });
      }
      seen.sort((p, q) => q.el - p.el);
      for (const { r } of seen.slice(0, st.station.terminals)) {
        expect([out.a[k], out.b[k], out.tag[k], out.capacity_bps[k]]).toEqual([r, n + g, -1 - g, st.station.downlinkRate_bps]);
        const range = Math.hypot(ecef.x_m[r]! - st.x_m, ecef.y_m[r]! - st.y_m, ecef.z_m[r]! - st.z_m);
        expect(Math.abs(out.latency_s[k]! - range / C_LIGHT_m_s)).toBeLessThan(1e-12);
        k++;
      }
    }
    expect(pushed).toBe(k);
    expect(k).toBeGreaterThan(stations.length);
  });
});
