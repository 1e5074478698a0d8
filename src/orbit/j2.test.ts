import { describe, expect, it } from 'vitest';
import { FleetState } from '../core/fleet.js';
import { Status } from '../core/status.js';
import { DEG_TO_RAD, MU_EARTH_m3_s2, R_EARTH_m, RAD_TO_DEG, S_PER_DAY } from '../core/units.js';
import { MeanElementSet } from './elements.js';
import { J2Stepper, NEAR_CIRCULAR_MAX_E, elementsToState, j2SecularRates, keplerNearCircular, propagateJ2, solveKepler } from './j2.js';

const EPOCH = Date.UTC(2026, 2, 20);

/** Independent two-body position: perifocal vector rotated by R3(−Ω)·R1(−i)·R3(−ω), Kepler by bisection. */
function refPosition(a: number, e: number, i: number, O: number, w: number, M: number): [number, number, number] {
  let m = M % (2 * Math.PI);
  if (m < 0) m += 2 * Math.PI;
  let lo = 0, hi = 2 * Math.PI;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (mid - e * Math.sin(mid) < m) lo = mid; else hi = mid;
  }
  const E = (lo + hi) / 2;
  const nu = 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(E / 2), Math.sqrt(1 - e) * Math.cos(E / 2));
  const p = a * (1 - e * e);
  const r = p / (1 + e * Math.cos(nu));
  const xp = r * Math.cos(nu), yp = r * Math.sin(nu);
  // R3(−ω)
  const x1 = Math.cos(w) * xp - Math.sin(w) * yp, y1 = Math.sin(w) * xp + Math.cos(w) * yp;
  // R1(−i)
  const y2 = Math.cos(i) * y1, z2 = Math.sin(i) * y1;
  // R3(−Ω)
  return [Math.cos(O) * x1 - Math.sin(O) * y2, Math.sin(O) * x1 + Math.cos(O) * y2, z2];
}

/** Position of row r of `el` at t by the independent route above with the J2 secular rates. */
function refAt(el: MeanElementSet, r: number, t: number): [number, number, number] {
  const g = el.get(r);
  const rt = j2SecularRates(g.a_m, g.e, g.i_rad);
  return refPosition(g.a_m, g.e, g.i_rad, g.raan_rad + rt.raanDot_rad_s * t, g.argp_rad + rt.argpDot_rad_s * t, g.meanAnomaly_rad + rt.meanAnomalyDot_rad_s * t);
}

function testSet(): MeanElementSet {
  const el = new MeanElementSet(EPOCH, 2);
  const a550 = R_EARTH_m + 550e3;
  el.append({ a_m: a550, e: 0, i_rad: 53 * DEG_TO_RAD, raan_rad: 0.3, argp_rad: 0, meanAnomaly_rad: 1.1, name: 'circ-53' });
  el.append({ a_m: R_EARTH_m + 650e3, e: 0, i_rad: 97.99 * DEG_TO_RAD, raan_rad: 4.0, argp_rad: 0.5, meanAnomaly_rad: -2, name: 'circ-sso' });
  el.append({ a_m: R_EARTH_m + 700e3, e: 0.001, i_rad: 45 * DEG_TO_RAD, raan_rad: 1, argp_rad: 2, meanAnomaly_rad: 3, name: 'near-circ' });
  el.append({ a_m: 26_600e3, e: 0.72, i_rad: 63.4 * DEG_TO_RAD, raan_rad: 5, argp_rad: 4.7, meanAnomaly_rad: 0.2, name: 'molniya' });
  el.append({ a_m: R_EARTH_m + 400e3, e: 0, i_rad: 0, raan_rad: 0, argp_rad: 0, meanAnomaly_rad: 0, name: 'equatorial' });
  return el;
}

/** Near-circular rows (J2Stepper's angle-addition path), one per eccentricity the fast path must cover. */
const NEAR_ECCENTRICITIES = [1e-5, 1e-4, 1e-3, 5e-3];
function nearSet(): MeanElementSet {
  const el = new MeanElementSet(EPOCH);
  NEAR_ECCENTRICITIES.forEach((e, k) => el.append({
    a_m: R_EARTH_m + 550e3 + 100e3 * k, e, i_rad: [97.99, 53, 30, 70][k]! * DEG_TO_RAD,
    raan_rad: 1 + k, argp_rad: 0.7 * k, meanAnomaly_rad: 2.5 - k, name: `near-${e}`,
  }));
  return el;
}

/** Largest |Δr| [m] and |Δv| [m/s] between rows [0, n) of two fleets. */
function worstDiff(f1: FleetState, f2: FleetState, n: number): [number, number] {
  let dr = 0, dv = 0;
  for (let r = 0; r < n; r++) {
    dr = Math.max(dr, Math.hypot(f1.x_m[r]! - f2.x_m[r]!, f1.y_m[r]! - f2.y_m[r]!, f1.z_m[r]! - f2.z_m[r]!));
    dv = Math.max(dv, Math.hypot(f1.vx_m_s[r]! - f2.vx_m_s[r]!, f1.vy_m_s[r]! - f2.vy_m_s[r]!, f1.vz_m_s[r]! - f2.vz_m_s[r]!));
  }
  return [dr, dv];
}

interface Kernel {
  name: string;
  make(el: MeanElementSet, fleet: FleetState): (t_s: number) => void;
}

/**
 * One suite, every kernel (Hono's runTest pattern): the scalar reference `propagateJ2` and the
 * fast batch `J2Stepper` must both pass it.
 */
function runJ2Suite(k: Kernel): void {
  describe(`J2 kernel: ${k.name}`, () => {
    it('binds an empty fleet: one row per element row, ids and names, status Ok, frame of date', () => {
      const el = testSet();
      const fleet = new FleetState(1, 'TEME');
      k.make(el, fleet)(0);
      expect(fleet.count).toBe(el.count);
      expect(fleet.frame).toBe('ECI_OF_DATE');
      expect(fleet.names[3]).toBe('molniya');
      expect(fleet.id[4]).toBe(5);
      expect(fleet.countStatus(Status.Ok)).toBe(el.count);
    });

    it('matches an independent two-body-plus-J2-rates implementation within 1 mm over 1 day at 60 s', () => {
      const el = testSet();
      const fleet = new FleetState();
      const at = k.make(el, fleet);
      let worst = 0;
      for (let t = 0; t <= S_PER_DAY; t += 60) {
        at(t);
        if (t % 3600 !== 0) continue;
        for (let r = 0; r < el.count; r++) {
          const p = refAt(el, r, t);
          worst = Math.max(worst, Math.hypot(fleet.x_m[r]! - p[0], fleet.y_m[r]! - p[1], fleet.z_m[r]! - p[2]));
        }
      }
      expect(worst).toBeLessThan(1e-3);
    });

    it('keeps near-circular rows (e = 1e-5, 1e-4, 1e-3, 5e-3) within 1 mm of the independent route at every one of 14,400 steps of 60 s (10 days)', () => {
      const el = nearSet();
      const fleet = new FleetState(), ref = new FleetState();
      const at = k.make(el, fleet);
      let worst = 0, worstV = 0;
      for (let step = 0; step <= 14_400; step++) {
        const t = step * 60;
        at(t);
        for (let r = 0; r < el.count; r++) {
          const p = refAt(el, r, t);
          worst = Math.max(worst, Math.hypot(fleet.x_m[r]! - p[0], fleet.y_m[r]! - p[1], fleet.z_m[r]! - p[2]));
        }
        if (step % 97 === 0) {
          propagateJ2(el, t, ref);
          worstV = Math.max(worstV, worstDiff(fleet, ref, el.count)[1]);
        }
      }
      expect(worst).toBeLessThan(1e-3);
      expect(worstV).toBeLessThan(1e-6);
    });

    it('keeps |r| = a within 1 mm on circular rows and z = 0 on the equatorial one', () => {
      const el = testSet();
      const fleet = new FleetState();
      const at = k.make(el, fleet);
      for (let t = 0; t <= 6 * 3600; t += 30) {
        at(t);
        expect(Math.abs(Math.hypot(fleet.x_m[0]!, fleet.y_m[0]!, fleet.z_m[0]!) - el.a_m[0]!)).toBeLessThan(1e-3);
        expect(Math.abs(fleet.z_m[4]!)).toBeLessThan(1e-3);
      }
    });

    it('gives a velocity equal to the time derivative of its positions (central difference, within 1 mm/s)', () => {
      const el = testSet();
      const fleet = new FleetState();
      const at = k.make(el, fleet);
      const h = 0.5;
      for (const t of [0, 5000, 50_000]) {
        at(t - h);
        const before = [...fleet.x_m.subarray(0, el.count)].map((_, r) => [fleet.x_m[r]!, fleet.y_m[r]!, fleet.z_m[r]!]);
        at(t + h);
        const after = [...fleet.x_m.subarray(0, el.count)].map((_, r) => [fleet.x_m[r]!, fleet.y_m[r]!, fleet.z_m[r]!]);
        at(t);
        for (let r = 0; r < el.count; r++) {
          const b = before[r]!, a = after[r]!;
          const dv = Math.hypot(
            (a[0]! - b[0]!) / (2 * h) - fleet.vx_m_s[r]!,
            (a[1]! - b[1]!) / (2 * h) - fleet.vy_m_s[r]!,
            (a[2]! - b[2]!) / (2 * h) - fleet.vz_m_s[r]!,
          );
          expect(dv, `row ${r} t ${t}`).toBeLessThan(1e-3);
        }
      }
    });

    it('marks out-of-range elements with a status code and zero state, never NaN; keeps Failed and Reentered', () => {
      const el = testSet();
      el.a_m[1] = R_EARTH_m - 10e3; // perigee inside the Earth (edited in place, as a drag model could)
      const fleet = new FleetState();
      fleet.reserve(el.count);
      for (let r = 0; r < el.count; r++) fleet.append(el.id[r]!, el.names[r]!);
      fleet.status[2] = Status.Failed;
      fleet.status[3] = Status.Reentered;
      fleet.x_m[3] = 123;
      const at = k.make(el, fleet);
      at(0);
      at(60);
      expect(fleet.status[1]).toBe(Status.Sgp4MeanElements);
      expect([fleet.x_m[1], fleet.vz_m_s[1]]).toEqual([0, 0]);
      expect(fleet.status[2]).toBe(Status.Failed);
      expect(Math.hypot(fleet.x_m[2]!, fleet.y_m[2]!, fleet.z_m[2]!)).toBeGreaterThan(R_EARTH_m);
      expect(fleet.status[3]).toBe(Status.Reentered);
      expect(fleet.x_m[3]).toBe(123);
      expect(fleet.status[0]).toBe(Status.Ok);
      for (const col of [fleet.x_m, fleet.vx_m_s]) for (let r = 0; r < el.count; r++) expect(Number.isFinite(col[r])).toBe(true);
    });

    it('refuses a fleet whose size differs from the element set', () => {
      const el = testSet();
      const fleet = new FleetState();
      fleet.append(1);
      expect(() => k.make(el, fleet)(0)).toThrow(/differ in size/);
    });
  });
}

runJ2Suite({ name: 'scalar reference propagateJ2', make: (el, fleet) => (t) => propagateJ2(el, t, fleet) });
runJ2Suite({
  name: 'fast batch J2Stepper (propagateTo)',
  make: (el, fleet) => {
    let s: J2Stepper | undefined;
    return (t) => { s ??= new J2Stepper(el, fleet); s.propagateTo(t); };
  },
});
runJ2Suite({
  name: 'fast batch J2Stepper (relative steps)',
  make: (el, fleet) => {
    let s: J2Stepper | undefined;
    return (t) => {
      if (!s) { s = new J2Stepper(el, fleet); s.setTime(t); } else s.step(t - s.t_s);
    };
  },
});

describe('j2SecularRates', () => {
  it('reproduces Curtis (2014, 3rd ed., Example 4.9): 280 × 400 km, i = 51.43°: dΩ/dt = −5.181°/day, dω/dt = +3.920°/day, within 0.001°/day', () => {
    // Curtis uses R⊕ = 6378 km, μ = 398600 km³/s², J2 = 0.00108263; our WGS-84/EGM96 values move
    // the rates by 4e-5 relative (0.0002°/day), inside the tolerance (the book rounds to 0.001°).
    const rp = 6378e3 + 280e3, ra = 6378e3 + 400e3;
    const a = (rp + ra) / 2, e = (ra - rp) / (ra + rp);
    const r = j2SecularRates(a, e, 51.43 * DEG_TO_RAD);
    expect(Math.abs(r.raanDot_rad_s * RAD_TO_DEG * S_PER_DAY - -5.181)).toBeLessThan(0.001);
    expect(Math.abs(r.argpDot_rad_s * RAD_TO_DEG * S_PER_DAY - 3.920)).toBeLessThan(0.001);
  });

  it('has no node motion at 90° and perigee frozen at the critical inclination 63.43°', () => {
    const a = R_EARTH_m + 800e3;
    expect(Math.abs(j2SecularRates(a, 0.01, Math.PI / 2).raanDot_rad_s)).toBeLessThan(1e-20);
    expect(Math.abs(j2SecularRates(a, 0.01, Math.acos(Math.sqrt(1 / 5))).argpDot_rad_s)).toBeLessThan(1e-20);
  });

  it('raises the mean motion above Keplerian for i < 54.7° and lowers it above (2 − 3 sin² i)', () => {
    const a = R_EARTH_m + 550e3;
    const n = Math.sqrt(MU_EARTH_m3_s2 / a ** 3);
    expect(j2SecularRates(a, 0, 30 * DEG_TO_RAD).meanAnomalyDot_rad_s).toBeGreaterThan(n);
    expect(j2SecularRates(a, 0, 80 * DEG_TO_RAD).meanAnomalyDot_rad_s).toBeLessThan(n);
  });
});

describe('elementsToState and solveKepler', () => {
  it('is the two-body conversion when only dM/dt = n is given: position within 1 mm, |v| = vis-viva within 1 mm/s', () => {
    const out = new Float64Array(6);
    const a = 26_600e3, e = 0.72, i = 1.1, O = 5, w = 4.7, M = 0.2;
    const n = Math.sqrt(MU_EARTH_m3_s2 / a ** 3);
    elementsToState(a, e, i, O, w, M, { raanDot_rad_s: 0, argpDot_rad_s: 0, meanAnomalyDot_rad_s: n }, out);
    const p = refPosition(a, e, i, O, w, M);
    expect(Math.hypot(out[0]! - p[0], out[1]! - p[1], out[2]! - p[2])).toBeLessThan(1e-3);
    const r = Math.hypot(p[0], p[1], p[2]);
    expect(Math.abs(Math.hypot(out[3]!, out[4]!, out[5]!) - Math.sqrt(MU_EARTH_m3_s2 * (2 / r - 1 / a)))).toBeLessThan(1e-3);
  });

  it('solves Kepler to 1e-12 rad of residual for e up to 0.99 and any M', () => {
    for (const e of [0, 1e-4, 0.1, 0.5, 0.9, 0.99]) {
      for (let M = -10; M <= 10; M += 0.37) {
        const E = solveKepler(M, e);
        const res = Math.abs(Math.sin(E - e * Math.sin(E)) - Math.sin(M)) + Math.abs(Math.cos(E - e * Math.sin(E)) - Math.cos(M));
        expect(res).toBeLessThan(1e-12);
      }
    }
  });
});

describe('J2Stepper specifics', () => {
  it('stays within 1 mm and 1 µm/s of the reference after 1,440 steps of 60 s', () => {
    const el = testSet();
    const f1 = new FleetState(), f2 = new FleetState();
    const s = new J2Stepper(el, f2);
    s.setTime(0);
    for (let k = 0; k < 1440; k++) s.step(60);
    propagateJ2(el, 1440 * 60, f1);
    for (let r = 0; r < el.count; r++) {
      expect(Math.hypot(f1.x_m[r]! - f2.x_m[r]!, f1.y_m[r]! - f2.y_m[r]!, f1.z_m[r]! - f2.z_m[r]!)).toBeLessThan(1e-3);
      expect(Math.hypot(f1.vx_m_s[r]! - f2.vx_m_s[r]!, f1.vy_m_s[r]! - f2.vy_m_s[r]!, f1.vz_m_s[r]! - f2.vz_m_s[r]!)).toBeLessThan(1e-6);
    }
  });

  it('puts 0 < e < NEAR_CIRCULAR_MAX_E on the near-circular path and e = 0.02 on the exact one, both within 1 mm of the reference', () => {
    const el = nearSet();
    el.append({ a_m: R_EARTH_m + 800e3, e: 0.0199, i_rad: 1.2, raan_rad: 3, argp_rad: 1, meanAnomaly_rad: 0.4 });
    el.append({ a_m: R_EARTH_m + 800e3, e: NEAR_CIRCULAR_MAX_E, i_rad: 1.2, raan_rad: 3, argp_rad: 1, meanAnomaly_rad: 0.4 });
    const f = new FleetState(), ref = new FleetState();
    const s = new J2Stepper(el, f);
    expect(s.nearCircularCount).toBe(5);
    let worst = 0;
    for (let t = 0; t <= 86_400; t += 30) {
      s.setTime(t);
      propagateJ2(el, t, ref);
      worst = Math.max(worst, worstDiff(f, ref, el.count)[0]);
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('near-circular Kepler: cos E, sin E within 1e-12 rad of solveKepler for e < NEAR_CIRCULAR_MAX_E (1e-14 rad for e ≤ 0.01)', () => {
    const out = new Float64Array(2);
    for (const e of [1e-6, 1e-4, 1e-3, 5e-3, 0.01, 0.015, 0.0199]) {
      let worst = 0;
      for (let M = -Math.PI; M <= Math.PI; M += 0.001) {
        keplerNearCircular(Math.cos(M), Math.sin(M), e, out);
        const E = solveKepler(M, e);
        worst = Math.max(worst, Math.hypot(out[0]! - Math.cos(E), out[1]! - Math.sin(E)));
      }
      expect(worst, `e = ${e}`).toBeLessThan(e <= 0.01 ? 1e-14 : 1e-12);
    }
  });

  it('near-circular rows: no drift over 5 years of 60 s steps (2.63 M steps, angle-addition with re-evaluation), within 1 mm and 1 µm/s', () => {
    const el = nearSet();
    const f = new FleetState(), ref = new FleetState();
    const s = new J2Stepper(el, f);
    const steps = Math.round((5 * 365.25 * S_PER_DAY) / 60);
    let worst: [number, number] = [0, 0];
    for (let k = 0; k <= steps; k++) {
      s.setTime(k * 60);
      if (k % 9_973 !== 0 && k !== steps) continue;
      propagateJ2(el, k * 60, ref);
      const d = worstDiff(f, ref, el.count);
      worst = [Math.max(worst[0], d[0]), Math.max(worst[1], d[1])];
    }
    expect(worst[0]).toBeLessThan(1e-3);
    expect(worst[1]).toBeLessThan(1e-6);
  });

  it('near-circular rows follow any call pattern: jumps, a new dt, going back, a non-integer dt at 1 year, a row Reentered for a while', () => {
    const el = nearSet();
    const f = new FleetState(), ref = new FleetState();
    const s = new J2Stepper(el, f);
    const times: number[] = [];
    for (let k = 0; k < 50; k++) times.push(k * 60);
    times.push(1e6, 1e6 + 10, 1e6 + 20, 1e6 + 30, 1e6 + 40, 500, 440, 380, 320);
    for (let k = 0; k < 3000; k++) times.push(S_PER_DAY * 365.25 + k * 0.1);
    for (let k = 0; k < 2000; k++) times.push(2e8 + k * 7.3);
    let worst = 0;
    times.forEach((t, k) => {
      if (k === 20) f.status[1] = Status.Reentered;
      if (k === 40) f.status[1] = Status.Ok;
      s.setTime(t);
      propagateJ2(el, t, ref);
      if (k >= 20 && k < 40) expect(f.status[1]).toBe(Status.Reentered);
      else worst = Math.max(worst, worstDiff(f, ref, el.count)[0]);
    });
    expect(worst).toBeLessThan(1e-3);
  });

  it('groups consecutive circular rows of one plane (same a, i, Ω) and keeps eccentric rows apart', () => {
    const el = new MeanElementSet(EPOCH);
    const a = R_EARTH_m + 550e3;
    for (let p = 0; p < 3; p++) for (let k = 0; k < 4; k++) el.append({ a_m: a, e: 0, i_rad: 0.9, raan_rad: p, argp_rad: 0, meanAnomaly_rad: k });
    el.append({ a_m: a, e: 0.01, i_rad: 0.9, raan_rad: 2, argp_rad: 0, meanAnomaly_rad: 0 });
    el.append({ a_m: a, e: 0, i_rad: 0.9, raan_rad: 2, argp_rad: 0, meanAnomaly_rad: 1 });
    const fleet = new FleetState();
    const s = new J2Stepper(el, fleet);
    expect(s.groupCount).toBe(4);
    s.setTime(1000);
    const ref = new FleetState();
    propagateJ2(el, 1000, ref);
    for (let r = 0; r < el.count; r++) expect(Math.abs(fleet.z_m[r]! - ref.z_m[r]!)).toBeLessThan(1e-3);
  });

  it('propagates only its own row range [from, to)', () => {
    const el = testSet();
    const fleet = new FleetState();
    const s = new J2Stepper(el, fleet, { from: 1, to: 3 });
    s.setTime(0);
    expect(fleet.status[0]).toBe(Status.Unset);
    expect(fleet.status[1]).toBe(Status.Ok);
    expect(fleet.status[3]).toBe(Status.Unset);
    expect(() => new J2Stepper(el, fleet, { from: 2, to: 99 })).toThrow(/row range/);
  });
});
