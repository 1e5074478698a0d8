/**
 * philly-replay: the whole Philly trace (82,247 jobs, Sep–Dec 2017) replayed on a
 * 10,000-accelerator fleet at 60 s steps with faults on (Llama 3 hardware rates, Suncatcher
 * radiation rates at 150 rad(Si)/year, 90 % SDC detection), Young/Daly checkpoints.
 * Goal (issue 5): under 60 s wall on this machine.
 *
 * Fleet: 500 satellites × 20 H100-class chips (the starlink-v2mini-compute design's payload),
 * in formation clusters of 25 satellites (500 chips, the largest Philly job is 128 GPUs).
 *
 * Peer figure (not run here): the issue states that published cluster simulators replay tens to
 * a couple of hundred jobs per second; the simulator this trace file ships with is the Sia
 * artifact's (Jayaram Subramanya et al., SOSP 2023; siasosp23/artifacts). orbitdc has not
 * measured that simulator or checked a jobs/s figure in a paper: the band is the issue's, and
 * the ratio below divides by its top (200 jobs/s).
 *
 * Caveat: Philly's mean load is ~450 busy GPUs, so on 10,000 chips the queue is nearly empty;
 * a contended run (800 chips) is the `--chips 800` variant.
 *
 * `npm run bench -- philly-replay [--policy fifo|backfill|srf|power-aware] [--no-faults] [--chips N (multiple of 500)] [--trace FILE]`
 */
import { fileURLToPath } from 'node:url';
import { FleetCapacity } from '../src/compute/cluster.js';
import { makePolicy, POLICY_NAMES, type PolicyName } from '../src/compute/scheduler.js';
import { simulate } from '../src/compute/simulate.js';
import { loadTrace } from '../src/compute/traces.js';
import { S_PER_JULIAN_YEAR } from '../src/core/units.js';
import { type BenchResult, withPeakRss } from './harness.js';

const TRACE = fileURLToPath(new URL('../../../shared/data/traces/philly-2017-jobs.csv', import.meta.url));

export async function run(opts: { json: boolean; args: string[] }): Promise<BenchResult> {
  const a = opts.args;
  const pi = a.indexOf('--policy');
  const policy = (pi >= 0 ? a[pi + 1] : 'backfill') as PolicyName;
  if (!POLICY_NAMES.includes(policy)) throw new Error(`--policy: expected one of ${POLICY_NAMES.join(', ')}, found ${policy}`);
  const faults = !a.includes('--no-faults');
  const t0 = process.hrtime.bigint();
  const ti = a.indexOf('--trace');
  const tr = loadTrace(ti >= 0 && a[ti + 1] !== undefined ? a[ti + 1]! : TRACE);
  const load_s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (tr.kind !== 'jobs') throw new Error('philly trace did not load as jobs');
  const ci = a.indexOf('--chips');
  const chips = ci >= 0 ? Number(a[ci + 1]) : 10_000;
  if (!(Number.isInteger(chips) && chips >= 500 && chips % 500 === 0)) throw new Error(`--chips: expected a multiple of 500, found ${a[ci + 1]}`);
  const sats = chips / 20;
  const fleet = FleetCapacity.uniform({ satellites: sats, chipsPerSat: 20, satsPerDomain: 25, linkBandwidth_bps: 9.6e12 });
  const t1 = process.hrtime.bigint();
  const { result: m, peakRss_bytes } = await withPeakRss(() => simulate(tr.jobs, fleet, {
    policy: makePolicy(policy), dt_s: 60, seed: 1,
    ...(faults ? { faults: { hardware: 'llama3' as const, radiation: { doseRate_rad_s: 150 / S_PER_JULIAN_YEAR, sdcDetection: 0.9 } } } : {}),
  }));
  const wall_s = Number(process.hrtime.bigint() - t1) / 1e9;
  const jobsPerS = tr.jobs.count / wall_s;
  return {
    name: 'philly-replay',
    input: `${tr.jobs.count.toLocaleString('en-US')} Philly jobs (${((m.end_s - m.start_s) / 86_400).toFixed(0)} days simulated) on ${chips.toLocaleString('en-US')} chips (${sats} sats × 20, ${Math.ceil(sats / 25)} clusters), 60 s steps, policy ${policy}, faults ${faults ? 'on' : 'off'}`,
    figures: [
      { label: 'trace load (CSV parse)', wall_s: load_s, rate_per_s: tr.rows / load_s, rateUnit: 'rows/s' },
      { label: `replay (${m.steps.toLocaleString('en-US')} steps)`, wall_s, rate_per_s: jobsPerS, rateUnit: 'jobs/s', peakRss_bytes },
    ],
    peer: 'published cluster simulators (tens to ~200 jobs/s)',
    ratioVsPeer: jobsPerS / 200,
    ...(chips === 10_000 && faults ? { goal: 'whole Philly trace on 10,000 chips at 60 s steps with faults on in < 60 s wall', goalMet: wall_s < 60 } : {}),
    notes: [
      `completed ${m.jobs.completed}/${m.jobs.total}, unplaceable ${m.jobs.unplaceable}; goodput ${(m.goodput * 100).toFixed(2)} %, utilization ${(m.utilization * 100).toFixed(2)} %`,
      `JCT mean ${(m.jct_s.mean / 3600).toFixed(2)} h, p50 ${(m.jct_s.p50 / 3600).toFixed(2)} h, p99 ${(m.jct_s.p99 / 3600).toFixed(1)} h; queue delay mean ${m.queueDelay_s.mean.toFixed(0)} s, p99 ${m.queueDelay_s.p99.toFixed(0)} s`,
      `interruptions ${m.interruptions}; faults ${JSON.stringify(m.faults)}; undetected SDC ${m.undetectedSdc}; lost ${m.lostChipHours.toFixed(0)} chip-h`,
      'ratioVsPeer divides by 200 jobs/s, the top of the peer band (not a peer measured in this run)',
    ],
  };
}
