/**
 * `orbitdc cost SCENARIO|preset:NAME [--json] [--set path=value ...] [--run DIR] [--sensitivity]`
 * Orbit against the ground, full system, per delivered accelerator-hour and per kW-year, each
 * figure with what it includes; published figures in their own framing below it.
 *
 * `orbitdc ramp SCENARIO|preset:NAME [--json] [--set path=value ...]`: the deployment ramp.
 *
 * --run DIR reads DIR/summary.json (written by `orbitdc run`, src/twin/summarise.ts). Fields read:
 *   compute.delivered.acceleratorHours   (number, required)
 *   compute.nameplate.acceleratorHours   (number > 0, required)
 *   simulated_s                          (number, optional: shown with the basis)
 *   partial                              (boolean, optional: flagged)
 *   fleet.constellations[].name/.satellites (optional: counts of catalog constellations)
 *   scenario.name                        (optional: a mismatch is warned about)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError, quoteFound } from '../../core/errors.js';
import { compareCosts, type Comparison, type DeliveredCompute } from '../../economics/compare.js';
import { fleetFromScenario } from '../../economics/fleet.js';
import { compact, usd } from '../../economics/lineitem.js';
import { monteCarlo, type MonteCarloResult } from '../../economics/montecarlo.js';
import { deploymentRamp, type RampResult } from '../../economics/ramp.js';
import { jsonSafe } from '../../economics/report.js';
import { tornado, type Tornado } from '../../economics/sensitivity.js';
import { loadScenario } from '../../twin/scenario/index.js';
import { formatScenarioProblem } from '../../twin/scenario/errors.js';
import { parseNumber } from '../args.js';
import { writeFileAtomic } from '../output.js';

interface CostOpts { json?: boolean; set: string[]; run?: string; sensitivity?: boolean; samples?: string; out?: string }
interface RampOpts { json?: boolean; set: string[]; out?: string }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** What `--run DIR` gives economics. */
export interface RunCompute {
  delivered: DeliveredCompute;
  counts: Record<string, number>;
  scenarioName?: string;
}

/** Read DIR/summary.json (fields in this file's header); InputError naming file and field otherwise. */
export function readRunCompute(dir: string): RunCompute {
  const file = join(dir, 'summary.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code ? 'cannot read run summary' : 'run summary is not JSON', { file, expected: 'summary.json written by `orbitdc run`', found: code ?? (e as Error).message }, 'E_FILE');
  }
  const at = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const need = (path: string, positive: boolean): number => {
    const v = at(path);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (positive && v === 0)) {
      throw new InputError('missing or bad field', { file, field: path, expected: positive ? 'a number > 0' : 'a number ≥ 0', found: quoteFound(v ?? null) });
    }
    return v;
  };
  const deliveredH = need('compute.delivered.acceleratorHours', false);
  const nameplateH = need('compute.nameplate.acceleratorHours', true);
  const delivered: DeliveredCompute = { fraction: deliveredH / nameplateH, source: file };
  const sim = at('simulated_s');
  if (typeof sim === 'number') delivered.simulated_s = sim;
  if (at('partial') === true) delivered.partial = true;
  const counts: Record<string, number> = {};
  const cons = at('fleet.constellations');
  if (Array.isArray(cons)) {
    for (const c of cons as unknown[]) {
      const o = c as { name?: unknown; satellites?: unknown };
      if (typeof o.name === 'string' && typeof o.satellites === 'number') counts[o.name] = o.satellites;
    }
  }
  const name = at('scenario.name');
  return typeof name === 'string' ? { delivered, counts, scenarioName: name } : { delivered, counts };
}

export function registerCost(program: Command): void {
  program
    .command('cost')
    .description('Cost per delivered accelerator-hour and per kW-year, orbit against the ground (full system), with what each figure includes.')
    .argument('<scenario>', 'scenario YAML file, or preset:NAME (see `orbitdc presets`)')
    .option('--set <path=value>', 'override a scenario field, e.g. --set economics.launch.price_per_kg=500 (repeatable)', collect, [])
    .option('--run <dir>', 'a finished run folder: use the delivered compute of its summary.json instead of nameplate')
    .option('--sensitivity', 'add the tornado (which input decides) and the Monte Carlo distribution')
    .option('--samples <n>', 'Monte Carlo draws with --sensitivity (default: economics.monte_carlo_samples)')
    .option('--json', 'print the result as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .addHelpText('after', `
Without --run the comparison is on NAMEPLATE compute (every accelerator at full power for the
whole lifetime): no eclipse, thermal or radiation losses in orbit. Money is US dollars, nominal,
undiscounted; "kW" is accelerator power. Assumptions: the scenario's \`economics\` section over the
defaults (see \`orbitdc schema\`); change one with --set and the answer moves.

Examples:
  $ orbitdc cost preset:suncatcher-81
  $ orbitdc cost preset:starlink-v2mini-compute --set economics.launch.price_per_kg=500
  $ orbitdc run preset:suncatcher-81 --set duration=P30D --out runs/sc30 && orbitdc cost preset:suncatcher-81 --run runs/sc30
  $ orbitdc cost preset:starcloud-40mw --sensitivity --json`)
    .action(async (scenarioArg: string, o: CostOpts) => {
      const scenario = loadScenario(scenarioArg, { set: o.set });
      for (const w of scenario.warnings) process.stderr.write(`orbitdc: warning: ${formatScenarioProblem(w)}\n`);
      const run = o.run !== undefined ? readRunCompute(o.run) : undefined;
      if (run?.scenarioName !== undefined && run.scenarioName !== scenario.name) {
        process.stderr.write(`orbitdc: warning: --run ${o.run} was a run of "${run.scenarioName}", not "${scenario.name}"\n`);
      }
      const fleet = fleetFromScenario(scenario, run?.counts);
      const p = scenario.economics;
      const comparison = compareCosts(fleet, p, run?.delivered);
      let sens: { tornado: Tornado; monteCarlo: MonteCarloResult } | undefined;
      if (o.sensitivity) {
        const samples = o.samples === undefined ? p.monte_carlo_samples : parseNumber('--samples', o.samples, { integer: true, min: 1, max: 1_000_000 });
        const mc: { seed: number; samples: number; delivered?: DeliveredCompute } = { seed: scenario.seed, samples };
        if (run) mc.delivered = run.delivered;
        sens = { tornado: tornado(fleet, p, run?.delivered), monteCarlo: monteCarlo(fleet, p, mc) };
      }
      const text = o.json
        ? JSON.stringify(jsonSafe({ scenario: scenario.name, source: scenario.source, overrides: scenario.overrides, assumptions: p, comparison, ...(sens ?? {}) }), null, 2)
        : costText(scenario.name, scenario.source, comparison, sens);
      await writeFileAtomic(o.out, text);
    });
}

export function registerRamp(program: Command): void {
  program
    .command('ramp')
    .description('Deployment ramp: GW of accelerators that can reach orbit each year, and the limiting supply (launch, solar cells, accelerators, HBM).')
    .argument('<scenario>', 'scenario YAML file, or preset:NAME (see `orbitdc presets`)')
    .option('--set <path=value>', 'override a scenario field, e.g. --set economics.ramp.launch_share=0.3 (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .addHelpText('after', `
Each supply grows from its first-year value (economics.ramp); shares default to 1, the ceiling
if orbit took the world's whole supply. kW per tonne and array, power and HBM per accelerator
come from the scenario's designs unless economics.ramp.kw_per_tonne is given.

Examples:
  $ orbitdc ramp preset:spacex-1m
  $ orbitdc ramp preset:suncatcher-81 --set economics.ramp.accelerator_share=0.2 --json`)
    .action(async (scenarioArg: string, o: RampOpts) => {
      const scenario = loadScenario(scenarioArg, { set: o.set });
      for (const w of scenario.warnings) process.stderr.write(`orbitdc: warning: ${formatScenarioProblem(w)}\n`);
      const ramp = deploymentRamp(fleetFromScenario(scenario), scenario.economics, new Date(scenario.epochUtcMs).getUTCFullYear());
      const text = o.json ? JSON.stringify(jsonSafe({ scenario: scenario.name, ramp }), null, 2) : rampText(scenario.name, ramp);
      await writeFileAtomic(o.out, text);
    });
}

const money = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) < 100 ? `$${x.toFixed(2)}` : usd(x)) : 'n/a');

export function costText(name: string, source: string, c: Comparison, sens?: { tornado: Tornado; monteCarlo: MonteCarloResult }): string {
  const L: string[] = [];
  const f = c.fleet;
  L.push(`Cost: ${name} (${source}), ${c.lifetime_years} yr, ${c.basis} basis — US dollars, nominal, undiscounted`);
  L.push(`  fleet: ${f.satellites} satellites, ${f.accelerators} accelerators, ${(f.compute_W / 1e6).toPrecision(4)} MW of accelerators, ${(f.mass_kg / 1000).toPrecision(4)} t as designed`);
  L.push(`  basis: ${c.basisNote}`);
  L.push('');
  L.push('Full system (orbit ÷ ground above 1: orbit costs more)');
  for (const s of [c.orbit, c.ground]) {
    L.push(`  ${s.side.padEnd(6)} ${money(s.perAcceleratorHour_usd).padStart(9)} per accelerator-hour  ${money(s.perKwYear_usd).padStart(9)} per kW-year  total ${money(s.total_usd)} over ${c.lifetime_years} yr`);
    L.push(`         includes: ${s.includes.join(', ')}`);
    L.push(`         not included: ${s.excludes.join(', ')}`);
  }
  L.push(`  ratio  ${c.ratio.perAcceleratorHour.toFixed(2)}× per accelerator-hour, ${c.ratio.perKwYear.toFixed(2)}× per kW-year (both sides as listed above)`);
  for (const s of [c.orbit, c.ground]) {
    L.push('');
    L.push(`${s.side === 'orbit' ? 'Orbit' : 'Ground'} line items (lifetime)`);
    for (const i of s.items) {
      L.push(`  ${i.label.padEnd(44)} ${(i.included && i.usd !== null ? money(i.usd) : 'not included').padStart(12)}  ${i.kind}  ${i.basis}`);
    }
  }
  L.push('');
  L.push('Published figures in their own framing (NOT full-system costs; each line says what it includes)');
  for (const pf of c.published) {
    L.push(`  ${pf.source}: ${pf.label}: ${money(pf.value)} ${pf.unit}; includes: ${pf.includes.join(', ')}; not: ${pf.excludes.join(', ')}`);
    L.push(`      ${pf.basis}`);
  }
  if (sens) {
    const t = sens.tornado, m = sens.monteCarlo;
    L.push('');
    L.push(`Tornado: ${t.metric}, base ${t.baseRatio.toFixed(2)}×; sorted by swing`);
    for (const b of t.bars) {
      L.push(`  ${b.label.padEnd(30)} ${fmtVal(b.low)}..${fmtVal(b.high)} ${b.unit}`.padEnd(68) + `  ${b.ratioAtLow.toFixed(2)}× .. ${b.ratioAtHigh.toFixed(2)}×  (swing ${b.swing.toFixed(2)}${b.rangeSource === 'scenario' ? ', range from scenario' : ''})`);
    }
    L.push('');
    L.push(`Monte Carlo: ${m.samples} draws, seed ${m.seed}, ${m.distribution}`);
    L.push(`  ratio           P5 ${m.ratio.p5.toFixed(2)}×  P50 ${m.ratio.p50.toFixed(2)}×  P95 ${m.ratio.p95.toFixed(2)}×`);
    L.push(`  orbit  $/acc-h  P5 ${money(m.orbitPerAcceleratorHour_usd.p5)}  P50 ${money(m.orbitPerAcceleratorHour_usd.p50)}  P95 ${money(m.orbitPerAcceleratorHour_usd.p95)}`);
    L.push(`  ground $/acc-h  P5 ${money(m.groundPerAcceleratorHour_usd.p5)}  P50 ${money(m.groundPerAcceleratorHour_usd.p50)}  P95 ${money(m.groundPerAcceleratorHour_usd.p95)}`);
    L.push(`  orbit cheaper in ${(m.probabilityOrbitCheaper * 100).toFixed(1)}% of draws`);
  }
  return L.join('\n');
}

const fmtVal = compact;

export function rampText(name: string, r: RampResult): string {
  const L: string[] = [];
  L.push(`Deployment ramp: ${name}, ${r.kwPerTonne.toPrecision(4)} kW of accelerators per tonne (${r.kwPerTonneSource})`);
  L.push(`  per accelerator: ${r.acceleratorPower_W.toPrecision(4)} W, ${r.hbmPerAccelerator_GB.toPrecision(4)} GB HBM, ${r.arrayWPerAcceleratorW.toPrecision(3)} W of array`);
  L.push('');
  const g = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : 'inf');
  L.push(`  ${'year'.padEnd(5)} ${'launch t'.padStart(10)} ${'$/kg'.padStart(7)} ${'launch GW'.padStart(10)} ${'solar GW'.padStart(9)} ${'accel GW'.padStart(9)} ${'HBM GW'.padStart(9)} ${'deploy GW'.padStart(10)} ${'limit'.padEnd(12)} ${'in service GW'.padStart(13)}`);
  for (const y of r.years) {
    L.push(`  ${String(y.year).padEnd(5)} ${Math.round(y.launch_t).toString().padStart(10)} ${y.launchPrice_per_kg.toFixed(0).padStart(7)} ${g(y.limits_GW.launch).padStart(10)} ${g(y.limits_GW.solar).padStart(9)} ${g(y.limits_GW.accelerators).padStart(9)} ${g(y.limits_GW.hbm).padStart(9)} ${g(y.deployable_GW).padStart(10)} ${y.limitingFactor.padEnd(12)} ${g(y.inService_GW).padStart(13)}`);
  }
  L.push('');
  for (const n of r.notes) L.push(`  note: ${n}`);
  return L.join('\n');
}
