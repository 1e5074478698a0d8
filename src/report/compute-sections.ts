/**
 * Report sections of the compute operations (a run whose scenario has a `workload`): the
 * figures of issue 5 (goodput, completion times, queueing, utilization, SLO, work lost, sunlight
 * clipped), utilization and queue over time, the fault timeline (cumulative interruptions by
 * cause) and a Gantt of the largest jobs (waiting, then from first start to end).
 */
import type { RunResult } from '../twin/results.js';
import type { ComputeRunMetrics } from '../twin/compute-stage.js';
import { escapeHtml } from './plot-axis.js';
import { colorAt, ganttPlot, linePlot, type GanttBar, type XAxis } from './plot.js';
import type { ReportSection } from './twin-sections.js';

/** Most points drawn per line (the series is thinned evenly beyond that). */
const MAX_POINTS = 2000;

const note = (text: string): string => `<p class="note">${escapeHtml(text)}</p>`;
const figure = (svg: string, caption: string): string => `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
const pct = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
const hours = (s: number | null | undefined): string => (typeof s === 'number' && Number.isFinite(s) ? `${(s / 3600).toFixed(s < 36_000 ? 2 : 0)} h` : '–');
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Every k-th index so that at most MAX_POINTS remain (the last one kept). */
function thin(n: number): number[] {
  const k = Math.max(1, Math.ceil(n / MAX_POINTS));
  const idx: number[] = [];
  for (let i = 0; i < n; i += k) idx.push(i);
  if (n > 0 && idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

/** The compute sections of a run (none when the run had no workload). */
export function computeSections(r: RunResult): ReportSection[] {
  const m = r.compute;
  if (!m) return [];
  const x: XAxis = { kind: 'time', ...(r.meta ? { epochUtcMs: r.meta.epochUtcMs } : {}) };
  return [
    { id: 'operations', title: 'Compute operations: what the workload got', html: figuresHtml(m) },
    { id: 'operations-load', title: 'Utilization and queue', html: loadHtml(m, x) },
    { id: 'operations-faults', title: 'Fault timeline', html: faultsHtml(m, x) },
    { id: 'operations-jobs', title: 'Largest jobs', html: jobsHtml(m, x) },
  ];
}

function figuresHtml(m: ComputeRunMetrics): string {
  const rows: Array<[string, string]> = [
    ['policy; checkpoints', `${m.policy}; ${m.checkpoint.mode} (write ${m.checkpoint.cost_s} s, restart ${m.checkpoint.restartCost_s} s)`],
    ['jobs completed', `${int(m.jobs.completed)} of ${int(m.jobs.total)} (${int(m.jobs.runningAtEnd)} running, ${int(m.jobs.queuedAtEnd)} queued at the end; ${int(m.jobs.unplaceable)} unplaceable)`],
    ['goodput (useful ÷ scheduled chip-hours)', `${pct(m.goodput)} (${int(m.usefulChipHours)} of ${int(m.scheduledChipHours)})`],
    ['utilization (chips held ÷ chips up)', pct(m.utilization)],
    ['job completion time mean / p50 / p99', `${hours(m.jct_s.mean)} / ${hours(m.jct_s.p50)} / ${hours(m.jct_s.p99)}`],
    ['queueing delay mean / p50 / p99', `${hours(m.queueDelay_s.mean)} / ${hours(m.queueDelay_s.p50)} / ${hours(m.queueDelay_s.p99)}`],
    ['interruptions; work lost to faults', `${int(m.interruptions)}; ${int(m.lostChipHours)} chip-hours`],
    ['checkpoint and restart overhead', `${int(m.overheadChipHours)} chip-hours`],
    ['power: sheds, checkpoint-and-move', `${int(m.shedJobs)} jobs shed, ${int(m.migrations)} moved ahead of a shortfall`],
  ];
  if (m.energy) rows.push(['sunlight clipped for lack of load', `${pct(m.energy.clippedFraction)} of array energy (${(m.energy.clipped_J / 3.6e9).toFixed(1)} MWh)`]);
  if (m.inference) rows.push(['inference SLO attainment', `${pct(m.inference.sloAttainment)} of ${int(m.inference.requests)} requests; ${pct(m.inference.tokensDemanded > 0 ? m.inference.tokensServed / m.inference.tokensDemanded : null)} of tokens served; pool ${int(m.poolChips)} chips`]);
  const table = `<table class="compact"><tbody>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  const src = m.sources.map((s) => [s.kind, s.file ? `${s.file} (${s.format}, ${s.rows} rows)` : '', s.mapping ?? ''].filter(Boolean).join(': ')).join('; ');
  return table + note(`Workload: ${src || 'none'}. Idle accelerators draw ${pct(m.idlePowerFraction)} of full power.`);
}

function loadHtml(m: ComputeRunMetrics, x: XAxis): string {
  const s = m.series, n = s.time_s.length;
  if (n < 2) return note('Too few samples to plot.');
  const idx = thin(n);
  const t = idx.map((i) => s.time_s[i]!);
  const util = figure(linePlot({
    x: t, xAxis: x, yAxis: { label: 'Utilization', unit: 'fraction', min: 0, max: 1 },
    lines: [{ name: 'chips held ÷ chips up', y: idx.map((i) => s.utilization[i]!), color: colorAt(0) }], title: 'Accelerator utilization',
  }), `Sampled every ${((s.time_s[1]! - s.time_s[0]!) / 3600).toFixed(1)} h; run mean ${pct(m.utilization)}.`);
  const queue = figure(linePlot({
    x: t, xAxis: x, yAxis: { label: 'Jobs', unit: 'count', zero: true },
    lines: [
      { name: 'queued', y: idx.map((i) => s.queued[i]!), color: colorAt(1) },
      { name: 'running', y: idx.map((i) => s.running[i]!), color: colorAt(0) },
    ], title: 'Jobs queued and running',
  }), 'Queued includes jobs requeued after an interruption.');
  return util + queue;
}

function faultsHtml(m: ComputeRunMetrics, x: XAxis): string {
  const tl = m.faultTimeline, s = m.series;
  const causes = [...new Set(tl.cause)].sort();
  const total = Object.values(m.faults).reduce((a, b) => a + b, 0);
  const counts = Object.entries(m.faults).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none';
  if (causes.length === 0 || s.time_s.length < 2) return note(`Faults: ${counts}.`);
  // Cumulative events per cause at each sample time (the timeline is in time order per step).
  const idx = thin(s.time_s.length);
  const t = idx.map((i) => s.time_s[i]!);
  const order = tl.time_s.map((_, i) => i).sort((a, b) => tl.time_s[a]! - tl.time_s[b]! || a - b);
  const lines = causes.map((c, k) => {
    const y = new Float64Array(t.length);
    let j = 0, n = 0;
    for (let i = 0; i < t.length; i++) {
      while (j < order.length && tl.time_s[order[j]!]! <= t[i]!) { if (tl.cause[order[j]!] === c) n++; j++; }
      y[i] = n;
    }
    return { name: c, y, color: colorAt(k) };
  });
  const logged = tl.time_s.length;
  return figure(linePlot({ x: t, xAxis: x, yAxis: { label: 'Events', unit: 'count', zero: true }, lines, title: 'Cumulative faults that hit jobs, by cause' }),
    `Drawn: the ${int(logged)} faults that hit running jobs${logged >= 10_000 ? ' (the timeline keeps the first 10,000)' : ''}. Counted, idle chips included (${int(total)}): ${counts}.`);
}

function jobsHtml(m: ComputeRunMetrics, x: XAxis): string {
  const jobs = m.largestJobs;
  if (jobs.length === 0) return note('No jobs in this workload.');
  const bars: GanttBar[] = [];
  for (const j of jobs) {
    const row = `job ${j.job} (${int(j.chips)} chips)`;
    const start = j.firstStart_s ?? m.end_s;
    if (start > j.submit_s) bars.push({ row, start: j.submit_s, end: start, color: '#bbbbbb', label: `${row}: queued ${hours(start - j.submit_s)}` });
    if (j.firstStart_s !== null) {
      const end = j.end_s ?? m.end_s;
      bars.push({ row, start: j.firstStart_s, end, color: colorAt(0), label: `${row}: ${j.end_s === null ? 'running at the end' : `done after ${hours(end - j.submit_s)}`}, ${j.interruptions} interruptions` });
    }
  }
  return figure(ganttPlot({ bars, xAxis: x, title: 'Largest jobs by chips × work' }),
    'Grey: waiting for chips; blue: from first start to completion (or the end of the run), interruptions and restarts included.');
}
