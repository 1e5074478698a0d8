/**
 * `orbitdc replay TRACE --fleet SCENARIO|preset:NAME [--policy fifo|backfill|srf|power-aware] [--json]`
 * Quick replay of a workload trace (Philly, Alibaba 2023, Azure LLM, Mooncake; format from the
 * header) on a scenario's fleet: satellites × accelerators per design. Faults on by default:
 * Llama 3 hardware rates and radiation at each constellation's orbit-average dose rate.
 *
 * Fleet model: a formation cluster is one placement domain (its satellites are link-connected;
 * bandwidth: Suncatcher's 24 × 400 Gbit/s DWDM per aperture, 9.6 Tbit/s); satellites of Walker,
 * SSO and catalog constellations are one domain each until src/network routes across links. No
 * power model here (the twin run supplies one); power-aware then behaves as backfill.
 */
import type { Command } from 'commander';
import { FleetCapacity } from '../../compute/cluster.js';
import { tokenDemand, tokensPerChip_s } from '../../compute/inference.js';
import { JobTable } from '../../compute/jobs.js';
import type { ReplayMetrics } from '../../compute/metrics.js';
import { makePolicy, POLICY_NAMES, type PolicyName } from '../../compute/scheduler.js';
import { simulate } from '../../compute/simulate.js';
import { loadTrace, type TraceResult } from '../../compute/traces.js';
import { orbitAverageDoseRate_rad_s } from '../../environment/radiation.js';
import { loadCatalog } from '../../orbit/catalog.js';
import { getAccelerator } from '../../spacecraft/hardware.js';
import { loadScenario, type Scenario } from '../../twin/scenario/index.js';
import { parseChoice, parseNumber } from '../args.js';
import { writeFileAtomic } from '../output.js';
import { ProgressBar } from '../progress.js';

interface ReplayOpts { fleet?: string; policy?: string; json?: boolean; seed?: string; dtS?: string; faults?: boolean; poolChips?: string; out?: string; quiet?: boolean }

/** Suncatcher (arXiv 2511.19468): DWDM 24 × 400G = 9.6 Tbit/s per aperture, used as a cluster's link bandwidth. */
export const CLUSTER_LINK_BANDWIDTH_bps = 9.6e12;
/** Dose rate where the orbit is unknown (catalogs): Suncatcher's ~150 rad(Si)/year behind 10 mm Al. */
const DEFAULT_DOSE_rad_s = 150 / 3.15576e7;

export interface ScenarioFleet {
  fleet: FleetCapacity;
  /** Dose rate per satellite [rad(Si)/s]. */
  doseRate_rad_s: Float64Array;
  chipPower_W: number;
  flops: number;
  describe: string;
}

/** Satellites × accelerators per design, domains per constellation kind (see the file comment). */
export function fleetFromScenario(sc: Scenario): ScenarioFleet {
  const chips: number[] = [], domain: number[] = [], dose: number[] = [], bw: number[] = [];
  let d = -1, power = 0, flops = 0;
  const parts: string[] = [];
  for (const c of sc.constellations) {
    const design = sc.designs[c.design]!;
    const acc = getAccelerator(design.accelerators.model);
    const n = c.kind === 'catalog' ? loadCatalog(c.path).records.length : c.count;
    const rate = c.kind === 'catalog' ? DEFAULT_DOSE_rad_s : orbitAverageDoseRate_rad_s(c.altitude_m, c.inclination_rad, design.shieldingAl_m);
    if (c.kind === 'cluster') { d++; bw.push(CLUSTER_LINK_BANDWIDTH_bps); }
    for (let s = 0; s < n; s++) {
      if (c.kind !== 'cluster') { d++; bw.push(Infinity); }
      chips.push(design.accelerators.count); domain.push(d); dose.push(rate);
    }
    power = Math.max(power, design.accelerators.power_W ?? acc.power_W);
    flops = Math.max(flops, design.accelerators.flops ?? acc.flops);
    parts.push(`${c.name}: ${n} × ${design.accelerators.count} ${acc.key}`);
  }
  const fleet = new FleetCapacity({ chipsPerSat: Int32Array.from(chips), domainOfSat: Int32Array.from(domain), domainBandwidth_bps: Float64Array.from(bw) });
  return { fleet, doseRate_rad_s: Float64Array.from(dose), chipPower_W: power, flops, describe: parts.join('; ') };
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .argument('<trace>', 'workload trace: Philly or Alibaba 2023 CSV (jobs), Azure LLM CSV or Mooncake JSONL (inference)')
    .description('Replay a workload trace on a scenario\'s fleet: goodput, completion times, queueing, utilization, faults.')
    .requiredOption('--fleet <scenario>', 'scenario file or preset:NAME whose satellites and accelerators make the fleet')
    .option('--policy <name>', `scheduling policy: ${POLICY_NAMES.join(', ')}`, 'backfill')
    .option('--seed <n>', 'random seed for faults', '1')
    .option('--dt-s <s>', 'step [s]', '60')
    .option('--no-faults', 'no hardware or radiation faults')
    .option('--pool-chips <n>', 'inference traces: chips in the serving pool (default: 1.5 × mean demand)')
    .option('--json', 'print the metrics as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `
Examples:
  $ orbitdc replay ../shared/data/traces/philly-2017-jobs.csv --fleet preset:starlink-v2mini-compute
  $ orbitdc replay trace.csv --fleet preset:suncatcher-81 --policy fifo --json`)
    .action(async (trace: string, o: ReplayOpts) => {
      const policy = parseChoice('--policy', o.policy, POLICY_NAMES) as PolicyName;
      const seed = parseNumber('--seed', o.seed, { integer: true, min: 0 });
      const dt_s = parseNumber('--dt-s', o.dtS, { min: 1, max: 3600, unit: 's' });
      const sc = loadScenario(o.fleet ?? '');
      const tr = loadTrace(trace);
      const f = fleetFromScenario(sc);
      const bar = new ProgressBar({ label: 'replay', enabled: !(o.quiet ?? false) });
      let m: ReplayMetrics;
      try {
        const faults = o.faults === false ? {} : { faults: { hardware: 'llama3' as const, radiation: { doseRate_rad_s: f.doseRate_rad_s } } };
        if (tr.kind === 'jobs') {
          m = simulate(tr.jobs, f.fleet, { policy: makePolicy(policy), dt_s, seed, progress: bar.sink, ...faults });
        } else {
          const demand = tokenDemand(tr.requests, dt_s);
          const perChip = tokensPerChip_s(f.flops);
          let tok = 0;
          for (let b = 0; b < demand.tokens.length; b++) tok += demand.tokens[b]!;
          const mean = tok / Math.max(1, demand.tokens.length * dt_s);
          const pool = o.poolChips !== undefined ? parseNumber('--pool-chips', o.poolChips, { integer: true, min: 1 }) : Math.max(1, Math.ceil((1.5 * mean) / perChip));
          m = simulate(new JobTable(1), f.fleet, { policy: makePolicy(policy), dt_s, seed, progress: bar.sink, inference: { demand, tokensPerChip_s: perChip, poolChips: pool }, ...faults });
        }
      } finally {
        bar.finish();
      }
      const text = o.json ? JSON.stringify({ trace: traceInfo(tr), fleet: { scenario: sc.source, satellites: f.fleet.satCount, chips: f.fleet.chipCount, domains: f.fleet.domainCount, describe: f.describe }, metrics: m }, null, 2) : toText(tr, sc, f, m);
      await writeFileAtomic(o.out, text);
    });
}

function traceInfo(tr: TraceResult): object {
  return { file: tr.file, format: tr.format, rows: tr.rows, skipped: tr.skipped, ignored: tr.ignored, mapping: tr.mapping, notes: tr.notes, problems: tr.problems.map((p) => p.toLine()) };
}

function toText(tr: TraceResult, sc: Scenario, f: ScenarioFleet, m: ReplayMetrics): string {
  const h = (s: number): string => (Number.isFinite(s) ? `${(s / 3600).toFixed(2)} h` : '-');
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
  const L: string[] = [];
  L.push(`Replay of ${tr.file} (${tr.format}: ${tr.rows} rows, ${tr.skipped} bad rows skipped, ${tr.ignored} not GPU work) on ${sc.source}`);
  for (const p of tr.problems.slice(0, 5)) L.push(`  skipped: ${p.toLine()}`);
  L.push(`  fleet               ${f.fleet.satCount} satellites, ${f.fleet.chipCount} chips, ${f.fleet.domainCount} placement domains (${f.describe})`);
  L.push(`  policy              ${m.policy}; checkpoints ${m.checkpoint.mode} (C = ${m.checkpoint.cost_s} s, restart ${m.checkpoint.restartCost_s} s)`);
  L.push(`  simulated           ${((m.end_s - m.start_s) / 86_400).toFixed(1)} days in ${m.steps} steps`);
  L.push(`  jobs                ${m.jobs.completed} completed of ${m.jobs.total}, ${m.jobs.unplaceable} unplaceable`);
  L.push(`  goodput             ${pct(m.goodput)} (${m.usefulChipHours.toFixed(0)} useful of ${m.scheduledChipHours.toFixed(0)} scheduled chip-hours)`);
  L.push(`  utilization         ${pct(m.utilization)}`);
  L.push(`  completion time     mean ${h(m.jct_s.mean)}, p50 ${h(m.jct_s.p50)}, p99 ${h(m.jct_s.p99)}`);
  L.push(`  queueing delay      mean ${h(m.queueDelay_s.mean)}, p50 ${h(m.queueDelay_s.p50)}, p99 ${h(m.queueDelay_s.p99)}`);
  L.push(`  interruptions       ${m.interruptions}; work lost ${m.lostChipHours.toFixed(0)} chip-hours; undetected SDC ${m.undetectedSdc}`);
  L.push(`  faults              ${Object.entries(m.faults).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  if (m.inference) L.push(`  inference           SLO attainment ${pct(m.inference.sloAttainment)} of ${m.inference.requests} requests; ${(m.inference.tokensServed / Math.max(1, m.inference.tokensDemanded) * 100).toFixed(1)} % of tokens served`);
  return L.join('\n');
}
