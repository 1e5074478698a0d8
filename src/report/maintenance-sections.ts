/**
 * Report section of predictive maintenance (src/twin/health.ts): per health series the satellites
 * trended and flagged, the earliest predicted crossing and the median lead time; the first
 * flagged satellites; and a plot per series with flags (or of the array when none) of the daily
 * fleet mean and the fitted trends of the worst satellites, drawn on to their crossing or to end
 * of life, against the failure threshold.
 */
import { formatIsoUtc } from '../core/time.js';
import { HEALTH_SERIES, MAX_LISTED, SECONDS_PER_DAY, type HealthSeriesResult, type MaintenanceResult } from '../twin/health.js';
import type { RunResult } from '../twin/results.js';
import { escapeHtml } from './plot-axis.js';
import { colorAt, linePlot, type LineSeries, type XAxis } from './plot.js';
import type { ReportSection } from './twin-sections.js';

/** Points of each trend line drawn after the last sample. */
const AHEAD_POINTS = 40;

const note = (text: string): string => `<p class="note">${escapeHtml(text)}</p>`;
const figure = (svg: string, caption: string): string => `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
const days = (s: number | null): string => (s === null || !Number.isFinite(s) ? '–' : (s / SECONDS_PER_DAY).toFixed(s < 10 * SECONDS_PER_DAY ? 1 : 0));

/** The maintenance section of a run (none when the run has no health samples). */
export function maintenanceSections(r: RunResult, x: XAxis): ReportSection[] {
  const m = r.maintenance;
  if (!m) return [];
  const iso = (s: number | null): string => (s === null ? '–' : formatIsoUtc(m.epochUtcMs + s * 1000).slice(0, 16).replace('T', ' '));
  const parts: string[] = [];
  const sampled = m.stride > 1 ? ` (every ${m.stride}th of ${m.satellites.toLocaleString('en-US')} satellites)` : '';
  parts.push(note(`One sample a day of each series, ${m.samples} days on ${m.sampledSatellites.toLocaleString('en-US')} satellites${sampled}; a satellite is flagged when its trend, made pessimistic by two standard errors of the slope, reaches the failure threshold before end of life (${iso(m.endOfLife_s)} UTC, ${m.endOfLifeBasis}). A seasonal change read over a short run extrapolates like wear: a flag asks for a look.`));
  if (m.samples < 3) return [{ id: 'maintenance', title: 'Predictive maintenance', html: parts.join('') + note('A trend needs at least three daily samples: run longer than three days.') }];
  const rows = m.series.map((s) => {
    const d = HEALTH_SERIES[s.key];
    return `<tr><td>${escapeHtml(d.label)}</td><td>${escapeHtml(d.failure)}</td><td class="num">${s.trended}</td><td class="num">${s.flagged}</td><td>${escapeHtml(iso(s.earliestCrossing_s))}</td><td class="num">${days(s.medianLeadTime_s)}</td></tr>`;
  });
  parts.push(`<table class="compact"><thead><tr><th>Series</th><th>Failure when</th><th>trended</th><th>flagged</th><th>earliest crossing (UTC)</th><th>median lead (days)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  if (m.flagged.length > 0) {
    const list = m.flagged.slice(0, MAX_LISTED).map((f) => `<tr><td>${f.id}</td><td>${escapeHtml(f.name)}</td><td>${escapeHtml(f.series)}</td><td>${escapeHtml(iso(f.crossing_s))}</td><td class="num">${days(f.leadTime_s)}</td></tr>`);
    const more = m.flagged.length > MAX_LISTED ? note(`First ${MAX_LISTED} of ${m.flagged.length.toLocaleString('en-US')} flags, earliest crossing first.`) : '';
    parts.push(`<table class="compact"><thead><tr><th>id</th><th>satellite</th><th>series</th><th>predicted crossing (UTC)</th><th>lead (days)</th></tr></thead><tbody>${list.join('')}</tbody></table>${more}`);
  } else {
    parts.push(note('No satellite\'s trend reaches a failure threshold before end of life.'));
  }
  const plotted = m.series.filter((s) => s.flagged > 0);
  for (const s of plotted.length > 0 ? plotted : m.series.filter((q) => q.key === 'array')) parts.push(trendFigure(m, s, x));
  return [{ id: 'maintenance', title: 'Predictive maintenance', html: parts.join('') }];
}

/** Daily fleet mean and the worst satellites' fitted trends of one series, on one time axis. */
function trendFigure(m: MaintenanceResult, s: HealthSeriesResult, x: XAxis): string {
  const d = HEALTH_SERIES[s.key];
  if (s.worst.length === 0) return note(`${d.label}: no satellite with three samples.`);
  const end = Math.max(m.now_s, ...s.worst.map((w) => w.t_s[w.t_s.length - 1]!));
  const t = [...s.mean.t_s];
  if (end > m.now_s) for (let i = 1; i <= AHEAD_POINTS; i++) t.push(m.now_s + ((end - m.now_s) * i) / AHEAD_POINTS);
  const log = d.fit === 'log';
  // Each trend is a straight line (in ln y for a log fit) through its points: interpolate, NaN past its end.
  const along = (ts: number[], vs: number[], tq: number): number => {
    if (tq < ts[0]! || tq > ts[ts.length - 1]! + 1e-6) return Number.NaN;
    let i = 0;
    while (i < ts.length - 2 && tq > ts[i + 1]!) i++;
    const a = ts[i]!, b = ts[i + 1]!, f = b > a ? (tq - a) / (b - a) : 0;
    const ya = vs[i]!, yb = vs[i + 1]!;
    return log ? Math.exp(Math.log(ya) + f * (Math.log(yb) - Math.log(ya))) : ya + f * (yb - ya);
  };
  const mean = new Map(s.mean.t_s.map((tv, i) => [tv, s.mean.value[i]!]));
  const lines: LineSeries[] = [{ name: 'fleet mean (daily)', y: t.map((tv) => mean.get(tv) ?? Number.NaN), color: '#555555', width: 1.2 }];
  s.worst.forEach((w, i) => lines.push({ name: `${w.name} trend`, y: t.map((tv) => along(w.t_s, w.value, tv)), color: colorAt(i + 1), dashed: true }));
  const thr = s.worst[0]!.threshold;
  const svg = linePlot({
    x: t, xAxis: x, yAxis: { label: d.axis, unit: d.unit }, lines, refLines: [{ name: `failure threshold (${s.worst[0]!.name})`, y: thr, color: '#A00000' }],
    title: `${d.label}: fleet mean and the worst trends`,
  });
  return figure(svg, `${d.label}: the daily fleet mean to the last sample, and the fitted trends of the ${s.worst.length} satellites with the earliest predicted crossing, drawn to their predicted crossing or to end of life. The crossing uses the slope made pessimistic by two standard errors, so a noisy trend is cut off before its fitted line reaches the threshold.${s.key === 'thermal' ? ' Peak temperatures follow the load too: a satellite that took on work reads warmer.' : ''}`);
}
