/** The network inside the twin: scenario section, placement across links, inference to the ground. */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './scenario/errors.js';
import { loadScenario, loadScenarioText, type Scenario } from './scenario/index.js';
import { runTwin, TwinRun } from './engine.js';
import { LinkCapacityModel, SUNCATCHER_LINK } from '../network/linkbudget.js';
import { R_EARTH_m } from '../core/units.js';
import { Status } from '../core/status.js';
import { JobState } from '../compute/jobs.js';

/** One dawn-dusk plane of 12 satellites at 550 km (no eclipse in March), 8 H100s each. */
const BASE = `name: net
epoch: 2026-03-01T00:00:00Z
duration: PT4H
step_s: 60
seed: 3
designs:
  sat:
    mass_kg: 300
    solar_array: { area_m2: 30 }
    battery: { capacity_Wh: 5000 }
    radiator: { area_m2: 20 }
    bus_load_W: 800
    accelerators: { model: h100-sxm, count: 8 }
constellations:
  - name: plane
    design: sat
    sso: { altitude_km: 550, ltan: "18:00", planes: 1, perPlane: 12 }
`;

const load = (text: string): Scenario => loadScenarioText(text, { file: 'net.yaml', baseDir: '.', defaultName: 'net' });
const TRAIN = (bw: string) => `workload:
  policy: fifo
  training:
    - { chips: 32, duration: PT2H }
  faults: { hardware: none }
network:
  placement_span: 4
  job_bandwidth_Gbps: ${bw}
  stations: []
`;

/** In-plane chord of 12 satellites at 550 km and its capacity from Suncatcher's budget. */
const CHORD_m = 2 * (R_EARTH_m + 550e3) * Math.sin(Math.PI / 12);
const CAP_bps = new LinkCapacityModel(SUNCATCHER_LINK).capacity_bps(CHORD_m);

describe('scenario network section', () => {
  it('defaults: plus-grid for a shell, all built-in stations, span 4, 100 Gbit/s, 32 bits per token, 60 s', () => {
    const s = load(`${BASE}network: {}\n`);
    const n = s.network!;
    expect(n.topology).toEqual(['plus-grid']);
    expect(n.stations.length).toBe(8);
    expect(n.placementSpan).toBe(4);
    expect(n.jobBandwidth_bps).toBe(100e9);
    expect(n.bitsPerToken).toBe(32);
    expect(n.cadence_s).toBe(60);
    expect(n.maxRange_m).toBe(5_000e3);
    expect(load(`${BASE}network: { enabled: false }\n`).network).toBeNull();
    expect(load(BASE).network).toBeNull();
  });

  it('starlink-v2mini-compute carries a +Grid network with five mid-latitude stations; suncatcher-81-training none', () => {
    const n = loadScenario('preset:starlink-v2mini-compute').network!;
    expect(n.topology).toEqual(['plus-grid']);
    expect(n.stations.map((x) => x.name)).toEqual(['goonhilly', 'hartebeesthoek', 'alice-springs', 'octl', 'izana-ogs']);
    expect(loadScenario('preset:suncatcher-81-training').network).toBeNull();
  });

  it('unknown keys and constellation names are errors with a did-you-mean; a mesh does not fit a shell', () => {
    const bad = (extra: string): string => {
      try { load(`${BASE}${extra}`); } catch (e) { if (e instanceof ScenarioError) return e.message; throw e; }
      return '';
    };
    expect(bad('network: { placment_span: 3 }\n')).toMatch(/unknown key "placment_span" \(did you mean "placement_span"\?\)/);
    expect(bad('network: { topology: { plain: none } }\n')).toMatch(/no constellation named "plain" \(did you mean "plane"\?\)/);
    expect(bad('network: { topology: { plane: mesh } }\n')).toMatch(/topology "mesh" does not fit a sso constellation/);
    expect(bad('network: { stations: [svalbad] }\n')).toMatch(/did you mean "svalbard"/);
  });
});

describe('user links', () => {
  it('a user link joins two satellites across the plane; an unknown satellite is a located scenario problem', async () => {
    const run = await TwinRun.create(load(`${BASE}network: { stations: [], links: [[plane-1-1, "#6"]], geometry: { max_range_km: 15000 } }\n`));
    try {
      expect(run.network!.links.count).toBe(13); // the ring's 12 and the user's
      run.stepOnce();
      // #0 and #6 are opposite in the plane: the segment passes through the Earth.
      expect(run.network!.linkState(12)).toBe(1); // LinkState.EarthBlocked
    } finally {
      run.dispose();
    }
    await expect(TwinRun.create(load(`${BASE}network: { links: [[plane-1-1, plane-9-9]] }\n`))).rejects.toThrow(/network\.links\[0\]\[1\].*unknown satellite/);
  });
});

describe('placement across links', () => {
  it('a 32-chip job (4 satellites) runs across in-plane links only when their capacity meets its bandwidth', async () => {
    // 3,586 km chords: Friis at 25 aJ/bit gives 64 Gb/s × (5,000/3,586)² ≈ 124 Gbit/s.
    expect(CAP_bps / 1e9).toBeGreaterThan(110);
    expect(CAP_bps / 1e9).toBeLessThan(140);
    const ok = await runTwin(load(`${BASE}${TRAIN('100')}`));
    const w = ok.compute!;
    expect(w.network!.linkedDomains).toBe(3);
    expect(w.network!.jobsGivenBandwidth).toBe(1);
    expect(w.jobs.completed).toBe(1);
    expect(w.jobs.unplaceable).toBe(0);
    const net = ok.summary.network as { placement: { shells: Array<{ domainBandwidth_Gbps: number; inPlaneLink_km: number }> }; linksUp: { min: number; max: number } };
    expect(Math.abs(net.placement.shells[0]!.domainBandwidth_Gbps * 1e9 - CAP_bps)).toBeLessThan(1); // within 1 bit/s
    expect(Math.abs(net.placement.shells[0]!.inPlaneLink_km * 1e3 - CHORD_m)).toBeLessThan(1e-3); // within 1 mm
    expect(net.linksUp.min).toBe(12); // the ring of one plane: 12 in-plane links, no cross-plane neighbour
    const slow = await runTwin(load(`${BASE}${TRAIN(String(Math.ceil(CAP_bps / 1e9) + 1))}`));
    expect(slow.compute!.jobs.unplaceable).toBe(1);
    expect(slow.compute!.jobs.completed).toBe(0);
    // Without the network every satellite is its own domain: 32 chips fit nowhere.
    const none = await runTwin(load(`${BASE}${TRAIN('100').replace(/network:[\s\S]*$/, '')}`));
    expect(none.compute!.jobs.unplaceable).toBe(1);
  });

  it('the job stops when an endpoint of a link it spans goes offline, and moves to another domain', async () => {
    const run = await TwinRun.create(load(`${BASE}${TRAIN('100')}`));
    try {
      run.stepOnce(); run.stepOnce();
      const core = run.compute!.core, J = core.jobs, F = run.compute!.fleet;
      expect(J.state[0]).toBe(JobState.Running);
      const d0 = J.domain[0]!;
      const sats = new Set<number>();
      for (let i = 0; i < 32; i++) sats.add(F.satOfChip[F.arena[J.allocStart[0]! + i]!]!);
      expect(sats.size).toBe(4);
      const victim = F.domainSatStart[d0]! + 1;
      run.fleetState.status[victim] = Status.Offline;
      run.stepOnce();
      expect(J.interruptions[0]).toBe(1);
      expect(F.domainBandwidth_bps[d0]).toBe(0);
      expect(run.network!.linksUpNow).toBe(10); // the two links of the offline satellite are down
      run.stepOnce();
      expect(J.state[0]).toBe(JobState.Running);
      expect(J.domain[0]).not.toBe(d0);
    } finally {
      run.dispose();
    }
  });
});

/** A custom station at the North Pole: a dawn-dusk plane's satellites pass within 8° of it every orbit. */
const INFER = (stations: string, bitsPerToken: number) => `workload:
  policy: fifo
  inference: { tokens_per_s: 100000, peak_to_mean: 1, tokens_per_chip_s: 1000, pool_chips: 8 }
  faults: { hardware: none }
network:
  bits_per_token: ${bitsPerToken}
  stations: []
  custom_stations: ${stations}
`;
const POLE = '[{ name: pole, latitude_deg: 90, longitude_deg: 0, terminals: 1, downlink_Gbps: 10 }]';

describe('inference answers need the ground', () => {
  it('with no ground station nothing is served', async () => {
    const r = await runTwin(load(`${BASE.replace('PT4H', 'PT1H')}${INFER('[]', 32)}`));
    const inf = r.compute!.inference!;
    expect(inf.tokensDemanded).toBeGreaterThan(0);
    expect(inf.tokensServed).toBe(0);
    expect(r.compute!.network!.inference!.tokensHeldNoPath).toBeGreaterThan(0);
    expect((r.summary.network as { groundReachableFraction: { mean: number } }).groundReachableFraction.mean).toBe(0);
  });

  for (const bits of [2e6, 1e6]) {
    it(`with one station the pool serves min(pool rate, downlink ÷ bits per token) each step (${bits} bits per token)`, async () => {
      const run = await TwinRun.create(load(`${BASE.replace('PT4H', 'PT2H')}${INFER(POLE, bits)}`));
      try {
        let prev = 0, checked = 0;
        while (!run.done) {
          run.stepOnce();
          const served = run.compute!.core.metrics().inference!.tokensServed;
          const net = run.network!;
          let reach = 0;
          for (let s = 0; s < 12; s++) if (net.groundPath[s] === 1) reach++;
          // Demand (100,000 tokens/s) far above both limits: the step serves its rate × 60 s.
          const expected = (reach === 12 ? Math.min(8 * 1000, net.downlink_bps / bits) : Number.NaN) * 60;
          if (reach === 12) { expect(Math.abs(served - prev - expected)).toBeLessThan(1e-6); checked++; }
          prev = served;
        }
        expect(checked).toBeGreaterThan(100); // the pole station sees the plane nearly all the time
      } finally {
        run.dispose();
      }
    });
  }

  it('summary.json is byte-identical for a seed; network: { enabled: false } gives today\'s summary', async () => {
    const text = `${BASE.replace('PT4H', 'PT2H')}${INFER(POLE, 32).replace('stations: []', 'stations: [svalbard, troll]')}`;
    const a = await runTwin(load(text)), b = await runTwin(load(text));
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    const n = a.summary.network as Record<string, unknown>;
    for (const k of ['linksUp', 'repointingEvents', 'groundContactFraction', 'downlinkPerDay_TB', 'groundReachableFraction', 'latencyToGround_ms', 'series']) expect(n).toHaveProperty(k);
    const off = await runTwin(load(text.replace('network:\n', 'network:\n  enabled: false\n')));
    const without = await runTwin(load(text.replace(/network:[\s\S]*$/, '')));
    expect(JSON.stringify(off.summary)).toBe(JSON.stringify(without.summary));
    expect(off.summary.network).toBeUndefined();
  });
});
