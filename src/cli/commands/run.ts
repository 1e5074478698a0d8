/**
 * `orbitdc run SCENARIO|preset:NAME [--out DIR] [--seed N] [--set path=value ...] [--threads 1|2]`: the whole
 * twin over a scenario, written as a run folder (summary.json, series.csv, satellites.csv,
 * events.csv, fleet.czml, report.html; see src/report/write-run.ts). summary.json carries the
 * economics on this run's delivered compute (src/twin/summarise.ts) and report.html draws it
 * (src/report/economics-sections.ts). A scenario with a `workload` runs it on the fleet (the
 * compute stage, src/twin/compute-stage.ts): summary.json gains a "workload" section and
 * report.html the compute operations sections (src/report/compute-sections.ts).
 *
 * Ctrl-C: the run stops at the step in progress and the folder is written with what was
 * simulated, marked `"partial": true` in summary.json (main.ts then exits 130). A crash inside the
 * engine does the same before the error is reported. A bad scenario is reported with every
 * problem on its own line (file:line:column, field, expected, found) and exit code 2.
 */
import type { Command } from 'commander';
import { formatIsoUtc } from '../../core/time.js';
import { avoidanceLine, avoidanceSectionsFromSummary } from '../../report/avoidance-sections.js';
import { computeSections } from '../../report/compute-sections.js';
import { networkSections } from '../../report/network-sections.js';
import { economicsSectionsFromSummary } from '../../report/economics-sections.js';
import { renderReportHtml } from '../../report/html.js';
import { writeRun, type WrittenRun } from '../../report/write-run.js';
import { TwinRun } from '../../twin/engine.js';
import type { RunResult } from '../../twin/results.js';
import { loadScenario } from '../../twin/scenario/index.js';
import { formatScenarioProblem } from '../../twin/scenario/errors.js';
import { parseNumber } from '../args.js';
import { onInterrupt } from '../interrupt.js';
import { ProgressBar } from '../progress.js';

interface RunOpts { out?: string; seed?: string; set: string[]; quiet?: boolean; threads?: string }

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Default run folder: runs/<scenario name>. */
export function defaultOutDir(scenarioName: string): string {
  return `runs/${scenarioName}`;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Simulate a scenario over its mission (orbits, sunlight, power, heat, radiation) and write a run folder with a report.')
    .argument('<scenario>', 'scenario YAML file, or preset:NAME (see `orbitdc presets`)')
    .option('--out <dir>', 'run folder to write (default runs/<scenario name>); an earlier run folder there is replaced')
    .option('--seed <n>', 'seed for every random stream (default: the scenario\'s)')
    .option('--threads <n>', '1, or 2: orbit, sunlight and dose rate on a worker thread, same results bit for bit (default 2 on ≥ 2 cores)')
    .option('--set <path=value>', 'override a scenario field, e.g. --set duration=P30D (repeatable)', collect, [])
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `
Writes summary.json (deterministic for a scenario and seed), series.csv, satellites.csv,
events.csv, fleet.czml (Cesium, first day, up to 100 satellites) and report.html.
summary.json's "economics" is \`orbitdc cost --sensitivity\` on this run's delivered compute
(its Monte Carlo seeded from the run's seed); change an assumption with --set economics.PATH=V.
A scenario with a "workload" section (jobs, inference, policy, checkpoints, faults) runs it on the
fleet: summary.json's "workload" has goodput, completion times, queueing, utilization, SLO
attainment, work lost to faults and sunlight clipped; e.g. --set workload.policy=fifo.

Examples:
  $ orbitdc run preset:suncatcher-81
  $ orbitdc run preset:starlink-v2mini-compute --set duration=P30D --out runs/starlink-30d
  $ orbitdc run my-scenario.yaml --seed 7 --set designs.sat.battery.capacity_Wh=8000
  $ orbitdc run preset:suncatcher-81 --set duration=P10D --set economics.launch.price_per_kg=500`)
    .action(async (scenarioArg: string, o: RunOpts) => {
      const scenario = loadScenario(scenarioArg, { set: o.set });
      for (const w of scenario.warnings) process.stderr.write(`orbitdc: warning: ${formatScenarioProblem(w)}\n`);
      const seed = o.seed === undefined ? undefined : parseNumber('--seed', o.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
      const threads = o.threads === undefined ? undefined : parseNumber('--threads', o.threads, { integer: true, min: 1, max: 2 });
      const out = o.out ?? defaultOutDir(scenario.name);
      const quiet = o.quiet ?? false;
      // Set-up that takes a while (the conjunction screen of an `avoidance` section) has its own bar.
      const setupBar = scenario.avoidance ? new ProgressBar({ label: `screen conjunctions for ${scenario.name}`, enabled: !quiet }) : null;
      const run = await TwinRun.create(scenario, {
        ...(seed === undefined ? {} : { seed }), ...(threads === undefined ? {} : { threads }), ...(setupBar ? { setupProgress: setupBar.sink } : {}),
      });
      setupBar?.finish();
      const bar = new ProgressBar({ label: `run ${scenario.name}`, enabled: !quiet });
      const write = (r: RunResult): WrittenRun => writeRun(out, r, { renderHtml: (x) => renderReportHtml(x, { sections: [...computeSections(x), ...networkSections(x), ...avoidanceSectionsFromSummary(x.summary), ...economicsSectionsFromSummary(x.summary)] }) });
      let written = false;
      const onCtrlC = (): void => {
        if (written) return;
        written = true;
        bar.finish();
        const w = write(run.result({ reason: 'interrupted (Ctrl-C)' }));
        process.stderr.write(`orbitdc: stopped at ${formatIsoUtc(scenario.epochUtcMs + run.step * run.dt_s * 1000)} (step ${run.step} of ${run.stepCount}); partial result written to ${w.dir} (summary.json: "partial": true)\n`);
      };
      onInterrupt.add(onCtrlC);
      let result: RunResult;
      try {
        result = await run.run(undefined, bar.sink);
      } catch (e) {
        bar.finish();
        if (!written) {
          written = true;
          try {
            const w = write(run.result({ reason: `error: ${e instanceof Error ? e.message : String(e)}` }));
            process.stderr.write(`orbitdc: the run failed at step ${run.step}; partial result written to ${w.dir}\n`);
          } catch { /* the original error matters more */ }
        }
        throw e;
      } finally {
        onInterrupt.delete(onCtrlC);
        run.dispose();
      }
      bar.finish();
      written = true;
      const w = write(result);
      for (const p of w.problems) process.stderr.write(`orbitdc: warning: ${p}\n`);
      printSummary(result, w, run.wall_ms / 1000);
    });
}

function printSummary(r: RunResult, w: WrittenRun, wall_s: number): void {
  const s = r.summary as {
    fleet: { satellites: number; accelerators: number };
    compute: { delivered: { fraction: number | null; acceleratorHours: number | null }; nameplate: { acceleratorHours: number | null } };
    illumination: { sunlitFraction: number | null };
    radiation: { doseMax_rad: number | null; events: Record<string, number> };
    scenario: { name: string; steps: number };
  };
  const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(3)} %`);
  const events = Object.entries(s.radiation.events).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines = [
    `${s.scenario.name}: ${s.fleet.satellites.toLocaleString('en-US')} satellites, ${s.fleet.accelerators.toLocaleString('en-US')} accelerators, ${s.scenario.steps.toLocaleString('en-US')} steps in ${wall_s.toFixed(1)} s`,
    `  delivered compute ${pct(s.compute.delivered.fraction)} of nameplate (${Math.round(s.compute.delivered.acceleratorHours ?? 0).toLocaleString('en-US')} of ${Math.round(s.compute.nameplate.acceleratorHours ?? 0).toLocaleString('en-US')} accelerator-hours)`,
    `  sunlit ${pct(s.illumination.sunlitFraction)}, highest dose ${s.radiation.doseMax_rad?.toFixed(1) ?? '—'} rad(Si); radiation events: ${events}`,
    ...[avoidanceLine(r.summary)].filter((l) => l !== undefined).map((l) => `  ${l}`),
    `  run folder: ${w.dir}`,
    w.files.includes('report.html') ? `  report: ${w.dir}/report.html` : '  report: not written (see warning above)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
