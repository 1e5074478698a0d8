/**
 * Report sections of the network (a run whose scenario has a `network`), from summary.json's
 * `network` section (src/twin/network-stage.ts) and the workload's network figures: links up and
 * ground reach over time, ground stations (contact time, downlink volume), latency to the ground,
 * placement domains across links, and what the ground cost inference.
 */
import type { RunResult } from '../twin/results.js';
import { escapeHtml } from './plot-axis.js';
import { colorAt, linePlot, type XAxis } from './plot.js';
import type { ReportSection } from './twin-sections.js';

interface Mmm { min: number | null; mean: number | null; max: number | null }
interface NetworkSummary {
  cadence_s: number;
  updates: number;
  candidateLinks: number;
  candidateLinksByKind: Record<string, number>;
  linksUp: Mmm | null;
  repointingEvents: number;
  groundStations: Array<{ name: string; kind: string; downlink_Gbps: number; terminals: number; contactFraction: number | null; downlinkPerDay_TB: number | null }>;
  groundContactFraction: number | null;
  downlinkPerDay_TB: number | null;
  downlinkMean_Gbps: number | null;
  groundReachableFraction: { mean: number | null; min: number | null };
  latencyToGround_ms: { p50: number | null; p99: number | null; max: number | null };
  placement: { span: number; shells: Array<{ constellation: number; span: number; inPlaneLink_km: number; domainBandwidth_Gbps: number }>; notes: string[]; jobBandwidth_Gbps: number };
  bitsPerToken: number;
  series: { time_s: number[]; linksUp: number[]; groundReachableFraction: number[]; downlink_Gbps: number[]; every_s: number };
}

const note = (text: string): string => `<p class="note">${escapeHtml(text)}</p>`;
const figure = (svg: string, caption: string): string => `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
const pct = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
const fix = (x: number | null | undefined, d: number, unit = ''): string => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(d)}${unit ? ` ${unit}` : ''}` : '–');
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const table = (rows: Array<[string, string]>): string => `<table class="compact"><tbody>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;

/** The network sections of a run (none when the scenario had no network). */
export function networkSections(r: RunResult): ReportSection[] {
  const n = r.summary.network as NetworkSummary | undefined;
  if (!n || typeof n !== 'object') return [];
  const x: XAxis = { kind: 'time', ...(r.meta ? { epochUtcMs: r.meta.epochUtcMs } : {}) };
  return [
    { id: 'network', title: 'Network: links, ground stations, reach', html: figuresHtml(n, r) },
    { id: 'network-time', title: 'Links up and reach to the ground', html: seriesHtml(n, x) },
  ];
}

function figuresHtml(n: NetworkSummary, r: RunResult): string {
  const kinds = Object.entries(n.candidateLinksByKind).map(([k, v]) => `${int(v)} ${k}`).join(', ') || 'none';
  const lu = n.linksUp;
  const rows: Array<[string, string]> = [
    ['candidate links', `${int(n.candidateLinks)} (${kinds})`],
    ['links up min / mean / max', lu ? `${int(lu.min ?? 0)} / ${fix(lu.mean, 1)} / ${int(lu.max ?? 0)}` : '–'],
    ['re-pointing events', int(n.repointingEvents)],
    ['satellites with a path to a ground station', `${pct(n.groundReachableFraction.mean)} mean, ${pct(n.groundReachableFraction.min)} at worst`],
    ['one-way latency to the ground p50 / p99', `${fix(n.latencyToGround_ms.p50, 2, 'ms')} / ${fix(n.latencyToGround_ms.p99, 2, 'ms')}`],
    ['satellite-time in direct ground contact', pct(n.groundContactFraction)],
    ['downlink capacity', `${fix(n.downlinkMean_Gbps, 1, 'Gbit/s')} mean, ${fix(n.downlinkPerDay_TB, 2, 'TB')} per day`],
    ['placement across links', n.placement.shells.length > 0
      ? n.placement.shells.map((s) => `${s.span} satellites per domain, in-plane links of ${fix(s.inPlaneLink_km, 0, 'km')} at ${fix(s.domainBandwidth_Gbps, 1, 'Gbit/s')}`).join('; ') + `; jobs larger than one satellite need ${fix(n.placement.jobBandwidth_Gbps, 0, 'Gbit/s')}`
      : 'none (one domain per satellite)'],
  ];
  const w = (r.compute?.network) ?? null;
  if (w) {
    rows.push(['jobs stopped by a link down', `${int(w.linkDownInterruptions)} (${int(w.jobsGivenBandwidth)} jobs needed links)`]);
    if (w.inference) rows.push(['inference held back by the ground', `${int(w.inference.tokensHeldNoPath)} tokens for lack of a path, ${int(w.inference.tokensHeldDownlinkCap)} by the downlink (${n.bitsPerToken} bits per token)`]);
  }
  const st = n.groundStations.length === 0 ? note('No ground stations.') : `<table class="compact"><thead><tr><th>station</th><th>kind</th><th>terminals × rate</th><th>contact</th><th>downlink per day</th></tr></thead><tbody>${n.groundStations.map((g) => `<tr><td>${escapeHtml(g.name)}</td><td>${escapeHtml(g.kind)}</td><td>${g.terminals} × ${escapeHtml(fix(g.downlink_Gbps, 0, 'Gbit/s'))}</td><td>${pct(g.contactFraction)}</td><td>${escapeHtml(fix(g.downlinkPerDay_TB, 2, 'TB'))}</td></tr>`).join('')}</tbody></table>`;
  const notes = n.placement.notes.length > 0 ? note(n.placement.notes.join(' ')) : '';
  return table(rows) + st + notes + note(`Updated every ${n.cadence_s} s (${int(n.updates)} updates). Latency is light time only; the links carry no modelled traffic (the ground terminals are the bottleneck).`);
}

function seriesHtml(n: NetworkSummary, x: XAxis): string {
  const s = n.series;
  if (!s || s.time_s.length < 2) return note('Too few network updates to plot.');
  const links = figure(linePlot({
    x: s.time_s, xAxis: x, yAxis: { label: 'Links', unit: 'count', zero: true },
    lines: [{ name: 'laser links up', y: s.linksUp, color: colorAt(0) }], title: 'Inter-satellite links up',
  }), `Interval means over ${(s.every_s / 60).toFixed(0)} min.`);
  const reach = figure(linePlot({
    x: s.time_s, xAxis: x, yAxis: { label: 'Fraction', unit: 'fraction', min: 0, max: 1 },
    lines: [{ name: 'satellites with a path to the ground', y: s.groundReachableFraction, color: colorAt(1) }], title: 'Reach to a ground station',
  }), 'A path: laser links to a satellite in view of a station (within its terminals).');
  const down = figure(linePlot({
    x: s.time_s, xAxis: x, yAxis: { label: 'Downlink', unit: 'Gbit/s', zero: true },
    lines: [{ name: 'downlink capacity', y: s.downlink_Gbps, color: colorAt(2) }], title: 'Downlink capacity of the fleet',
  }), 'Σ over ground contacts of the terminal rate, optical × (1 − cloud outage).');
  return links + reach + down;
}
