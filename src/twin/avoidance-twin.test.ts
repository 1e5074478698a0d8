import { describe, expect, it } from 'vitest';
import { Status } from '../core/status.js';
import { R_EARTH_m } from '../core/units.js';
import { planManoeuvres } from '../debris/avoidance.js';
import { designedPopulation } from '../debris/population.js';
import { screen } from '../debris/screen.js';
import { j2SecularRates } from '../orbit/j2.js';
import { TwinRun } from './engine.js';
import { LOG_MANOEUVRE_END, LOG_MANOEUVRE_START } from './events.js';
import { loadScenarioText, ScenarioError, type Scenario } from './scenario/index.js';

/**
 * Two satellites that collide at every node crossing: a Walker delta 2/2/1 shell puts them in
 * planes 180° apart in RAAN, half an orbit apart in argument of latitude, so both reach the same
 * node at the same instant (miss ≈ 0) every half orbit: TCA_k = k·π/u̇ (J2 rates of both equal).
 */
function pairScenario(o: { duration?: string; avoidance?: string; workload?: string; total?: number; phasing?: number } = {}): Scenario {
  const text = `name: pair
epoch: 2026-03-01T00:00:00Z
duration: ${o.duration ?? 'PT6H'}
step_s: 60
seed: 3
designs:
  sat:
    mass_kg: 300
    solar_array: { area_m2: 60 }
    battery: { capacity_Wh: 20000 }
    radiator: { area_m2: 20 }
    bus_load_W: 800
    accelerators: { model: h100-sxm, count: 8 }
constellations:
  - name: pair
    design: sat
    walker: { total: ${o.total ?? 2}, planes: 2, phasing: ${o.phasing ?? 1}, altitude_km: 550, inclination_deg: 53 }
${o.avoidance ?? ''}${o.workload ?? ''}`;
  return loadScenarioText(text, { file: 'pair.yaml', baseDir: '.', defaultName: 'pair' });
}

const AVOID = `avoidance:
  miss_threshold_km: 1
  window: PT3H
  lead_time_s: 2800
  offline_s: 1800
`;

const a_m = R_EARTH_m + 550e3;
const r = j2SecularRates(a_m, 0, (53 * Math.PI) / 180);
/** Half the argument-of-latitude period [s]: the time between node crossings. */
const HALF_s = Math.PI / (r.argpDot_rad_s + r.meanAnomalyDot_rad_s);

interface Trace { offline: Uint8Array[]; starts: number[]; ends: number[]; run: TwinRun }

async function runTraced(s: Scenario): Promise<Trace> {
  const run = await TwinRun.create(s, { threads: 1 });
  const n = run.fleetState.count;
  const offline: Uint8Array[] = Array.from({ length: n }, () => new Uint8Array(run.stepCount));
  while (!run.done) {
    const k = run.step;
    run.stepOnce();
    // The status a step ran with (events drained at its start).
    for (let i = 0; i < n; i++) offline[i]![k] = run.fleetState.status[i] === Status.Offline ? 1 : 0;
  }
  const log = run.log, starts: number[] = [], ends: number[] = [];
  for (let j = 0; j < log.count; j++) {
    if (log.type[j] === LOG_MANOEUVRE_START) starts.push(log.time_s[j]!);
    if (log.type[j] === LOG_MANOEUVRE_END) ends.push(log.time_s[j]!);
  }
  return { offline, starts, ends, run };
}

describe('avoidance in the twin', () => {
  it('burns at TCA − lead time and keeps the mover Offline for exactly offline_s', async () => {
    const tr = await runTraced(pairScenario({ avoidance: AVOID }));
    const run = tr.run;
    try {
      // Window PT3H: burns in (0, 3 h], i.e. TCAs in (2,800 s, 3 h + 2,800 s]: k·HALF for k = 1..4
      // (≈ 2,868 s apart), each burn 2,800 s before its TCA.
      const inWindow = tr.starts.filter((t) => t <= 3 * 3600);
      const nWindow = Math.floor((3 * 3600 + 2800) / HALF_s);
      expect(nWindow).toBe(4);
      expect(inWindow.length).toBe(nWindow);
      inWindow.forEach((t, k) => expect(Math.abs(t - ((k + 1) * HALF_s - 2800))).toBeLessThan(0.01)); // within 10 ms of TCA − lead
      // The larger id (row 1) moves; row 0 never goes offline.
      expect(tr.offline[0]!.every((v) => v === 0)).toBe(true);
      // Status column: offline exactly on steps [ceil(ts/dt), ceil((ts + 1800)/dt)) of each burn: 30 steps of 60 s.
      const expected = new Uint8Array(run.stepCount);
      for (const ts of tr.starts) for (let k = Math.ceil(ts / 60); k < Math.ceil((ts + 1800) / 60) && k < run.stepCount; k++) expected[k] = 1;
      expect(Array.from(tr.offline[1]!)).toEqual(Array.from(expected));
      tr.ends.forEach((te, k) => expect(te - tr.starts[k]!).toBeCloseTo(1800, 6));
      const sum = run.result().summary.avoidance as { manoeuvres: { started: number; satellites: number; offlineSatelliteHours: number }; screening: { encounters: number; closestMiss_m: number } };
      expect(sum.screening.encounters).toBe(nWindow);
      expect(sum.screening.closestMiss_m).toBeLessThan(1); // both at the node: miss below 1 m
      expect(sum.manoeuvres.satellites).toBe(1);
      expect(sum.manoeuvres.offlineSatelliteHours).toBeCloseTo(sum.manoeuvres.started * 0.5, 9);
    } finally {
      run.dispose();
    }
  }, 60_000);

  it('stops the jobs of a manoeuvring satellite and resumes them when it is back', async () => {
    const workload = `workload:
  policy: fifo
  training:
    - { chips: 8, duration: P2D }
    - { chips: 8, duration: P2D }
`;
    const s = pairScenario({ avoidance: AVOID, workload });
    const run = await TwinRun.create(s, { threads: 1 });
    try {
      const stage = run.compute!;
      const busy: number[] = [], status: number[] = [];
      while (!run.done) { run.stepOnce(); busy.push(stage.fleet.busy[1]!); status.push(run.fleetState.status[1]!); }
      const firstOff = status.indexOf(Status.Offline);
      const backOk = status.indexOf(Status.Ok, firstOff);
      expect(firstOff).toBeGreaterThan(0);
      expect(busy[firstOff - 1]).toBe(8); // running before the burn
      expect(busy[firstOff]).toBe(0); // stopped at the first offline step
      expect(busy.slice(firstOff, backOk).every((b) => b === 0)).toBe(true);
      expect(busy[backOk]).toBe(8); // back on the satellite once it is Ok
      const sum = run.result().summary as { avoidance: { manoeuvres: { jobsInterrupted: number; started: number } }; workload: { faults: { satelliteOffline: number } } };
      expect(sum.avoidance.manoeuvres.jobsInterrupted).toBe(sum.workload.faults.satelliteOffline);
      expect(sum.avoidance.manoeuvres.jobsInterrupted).toBe(sum.avoidance.manoeuvres.started);
    } finally {
      run.dispose();
    }
  }, 60_000);

  it('recurs beyond the window at the measured rate, the same seed giving the same bytes', async () => {
    const s = pairScenario({ avoidance: AVOID, duration: 'P2D' });
    const go = async (): Promise<string> => {
      const run = await TwinRun.create(s, { threads: 1 });
      try { return JSON.stringify((await run.run()).summary); } finally { run.dispose(); }
    };
    const one = await go(), two = await go();
    expect(two).toBe(one);
    const av = (JSON.parse(one) as { avoidance: { manoeuvres: { startedRecurring: number; startedInWindow: number }; recurrence: Array<{ mode: string }> } }).avoidance;
    expect(av.recurrence[0]!.mode).toBe('per-constellation'); // 4 manoeuvres by one satellite of two
    // Rate per satellite λ = 4 / (2 × 3 h); 45 h beyond the window on 2 satellites → mean 60 (Poisson; the
    // dead time of 1,800 s is compensated, see the file comment): within ±4σ.
    const mean = (4 / (2 * 3 * 3600)) * 45 * 3600 * 2;
    expect(Math.abs(av.manoeuvres.startedRecurring - mean)).toBeLessThan(4 * Math.sqrt(mean));
  }, 60_000);

  it('leaves a run without an avoidance section unchanged', async () => {
    const plain = pairScenario();
    const off = pairScenario({ avoidance: 'avoidance:\n  enabled: false\n' });
    expect(plain.avoidance).toBeUndefined();
    const go = async (s: Scenario): Promise<Record<string, unknown>> => {
      const run = await TwinRun.create(s, { threads: 1 });
      try { return (await run.run()).summary; } finally { run.dispose(); }
    };
    const a = await go(plain), b = await go(off);
    expect(a.avoidance).toBeUndefined();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);

  it('screens a ring shell by its symmetry with the manoeuvres a direct screen plans', async () => {
    // Walker 4/2/0: two planes of two, the planes' satellites meet at the nodes every half orbit.
    const s = pairScenario({ total: 4, phasing: 0, avoidance: AVOID, duration: 'PT3H' });
    const run = await TwinRun.create(s, { threads: 1 });
    try {
      const sum = run.result().summary.avoidance as { screening: { methods: string[] }; manoeuvres: { plannedInWindow: number } };
      expect(sum.screening.methods[0]).toMatch(/symmetry/);
      // Reference: the direct screener and planner on the same elements.
      const el = run.built.elements!;
      const pop = designedPopulation(el, { threshold_m: 1000 });
      const from = s.epochUtcMs + 2800e3; // TCAs one lead time on (burns in the run's first window)
      const ref = await screen(pop, undefined, { fromUtcMs: from, toUtcMs: from + 3 * 3600e3, threshold_m: 1000 });
      pop.dispose();
      const plan = planManoeuvres(ref.events, el.id.subarray(0, el.count), { missThreshold_m: 1000, leadTime_s: 2800, offline_s: 1800 });
      expect(ref.events.count).toBeGreaterThan(0);
      expect(sum.manoeuvres.plannedInWindow).toBe(plan.length);
    } finally {
      run.dispose();
    }
  }, 60_000);

  it('reports bad avoidance values with file, line, field, expected and found', () => {
    const bad = (av: string): ScenarioError => {
      try { pairScenario({ avoidance: av }); } catch (e) { if (e instanceof ScenarioError) return e; throw e; }
      throw new Error('no error');
    };
    const e1 = bad('avoidance:\n  miss_threshold_km: -1\n');
    expect(e1.message).toMatch(/pair\.yaml:\d+:\d+: avoidance\.miss_threshold_km: out of range \(expected > 0, found -1\)/);
    const e2 = bad('avoidance:\n  lead_time: 100\n');
    expect(e2.message).toMatch(/unknown key "lead_time" \(did you mean "lead_time_s"\?\)/);
    const e3 = bad('avoidance:\n  catalog: no-such.tle\n');
    expect(e3.message).toMatch(/avoidance\.catalog: catalog file not found/);
    const e4 = bad('avoidance:\n  window: 1 day\n');
    expect(e4.message).toMatch(/avoidance\.window: bad format/);
  });
});
