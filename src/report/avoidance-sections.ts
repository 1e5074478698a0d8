/**
 * The collision-avoidance section of report.html, from the `avoidance` section of summary.json
 * (src/twin/avoidance-twin.ts): encounters screened, manoeuvres in the window and over the run,
 * satellites that manoeuvred, Δv, time and compute offline, how manoeuvres recur beyond the
 * window, and the Δv per satellite per year next to the station-keeping budget of formation
 * clusters. Read back from JSON (non-finite numbers are null), so every number is checked.
 */
import { escapeHtml, MISSING } from './plot-axis.js';
import type { ReportSection } from './twin-sections.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const int = (v: unknown): string => (fin(v) ? Math.round(v).toLocaleString('en-US') : MISSING);
const num = (v: unknown, digits = 3): string => (fin(v) ? String(Number(v.toPrecision(digits))) : MISSING);
const obj = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});

/** One line for a terminal or a report: manoeuvres, satellites, Δv, time offline. */
export function avoidanceLine(summary: Record<string, unknown>): string | undefined {
  if (!isObj(summary.avoidance)) return undefined;
  const a = summary.avoidance, s = obj(a.screening), m = obj(a.manoeuvres);
  return `collision avoidance: ${int(s.encounters)} encounters ≤ threshold in ${num(fin(s.window_s) ? s.window_s / 3600 : null)} h screened; `
    + `${int(m.started)} manoeuvres (${int(m.startedInWindow)} screened, ${int(m.startedRecurring)} recurring) by ${int(m.satellites)} satellites, `
    + `Δv ${num(m.totalDeltaV_m_s)} m/s, offline ${num(m.offlineSatelliteHours)} satellite-hours (${num(m.offlineAcceleratorHours)} accelerator-hours)`;
}

/** The avoidance section of a summary (none when the run had no `avoidance`). */
export function avoidanceSectionsFromSummary(summary: Record<string, unknown>): ReportSection[] {
  if (!isObj(summary.avoidance)) return [];
  const a = summary.avoidance, p = obj(a.policy), s = obj(a.screening), m = obj(a.manoeuvres);
  const rows: Array<[string, string]> = [
    ['policy', `miss ≤ ${num(fin(p.missThreshold_m) ? p.missThreshold_m / 1000 : null)} km; burn ${int(p.leadTime_s)} s before TCA; ${fin(p.deltaV_m_s) ? `Δv ${num(p.deltaV_m_s)} m/s` : `Δv sized for ${num(fin(p.separation_m) ? p.separation_m / 1000 : null)} km separation`}; offline ${int(p.offline_s)} s each`],
    ['screened', `${int(s.encounters)} encounters ≤ threshold over ${num(fin(s.window_s) ? s.window_s / 3600 : null)} h${s.windowCut === true ? ' (window cut to bound memory)' : ''}; closest ${num(s.closestMiss_m)} m${fin(s.catalogObjects) && s.catalogObjects > 0 ? `; against ${int(s.catalogObjects)} catalog objects (${String(p.catalog ?? '')})` : ''}`],
    ['manoeuvres', `${int(m.started)} over the run: ${int(m.startedInWindow)} screened in the window (${int(m.plannedInWindow)} planned), ${int(m.startedRecurring)} recurring beyond it; ${int(m.skipped)} skipped (satellite failed or already offline)`],
    ['satellites that manoeuvred; total Δv', `${int(m.satellites)}; ${num(m.totalDeltaV_m_s)} m/s`],
    ['time offline', `${num(m.offlineSatelliteHours)} satellite-hours, ${num(m.offlineAcceleratorHours)} accelerator-hours${fin(m.jobsInterrupted) ? `; ${int(m.jobsInterrupted)} jobs interrupted` : ''}`],
  ];
  const table = `<table class="compact"><tbody>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  const rec = Array.isArray(a.recurrence) ? a.recurrence.filter(isObj) : [];
  const budget = Array.isArray(a.deltaVBudget) ? a.deltaVBudget.filter(isObj) : [];
  const head = '<tr><th>constellation</th><th>recurrence</th><th>rate [per satellite-day]</th><th>Δv avoidance mean / max [m/s/yr]</th><th>station keeping mean / max [m/s/yr]</th></tr>';
  const body = budget.map((b) => {
    const r = rec.find((x) => x.constellation === b.constellation) ?? {};
    const sk = fin(b.stationKeepingMean_m_s_per_year) ? `${num(b.stationKeepingMean_m_s_per_year)} / ${num(b.stationKeepingMax_m_s_per_year)}` : 'not a formation cluster';
    return `<tr><td>${escapeHtml(String(b.constellation))}</td><td title="${escapeHtml(String(r.why ?? ''))}">${escapeHtml(String(r.mode ?? MISSING))}</td><td>${num(r.ratePerSatelliteDay)}</td>`
      + `<td>${num(b.avoidanceMean_m_s_per_year)} / ${num(b.avoidanceMax_m_s_per_year)}</td><td>${escapeHtml(sk)}</td></tr>`;
  }).join('');
  const note = `<p class="note">${escapeHtml(typeof m.computeNote === 'string' ? m.computeNote : '')} Δv per year is this run's Δv scaled to a year.</p>`;
  return [{ id: 'avoidance', title: 'Collision avoidance', html: table + `<table class="compact"><thead>${head}</thead><tbody>${body}</tbody></table>` + note }];
}
