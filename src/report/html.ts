/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) that shows a
 * twin run as plots a person would rather look at than read.
 *
 * Later issues add sections (economics: cost breakdown, tornado, Monte Carlo, ramp, built by
 * ./economics-sections.ts; operations: utilization, queue, faults, Gantt) through
 * `ReportOptions.sections`, built with the plot helpers in ./plot.ts; the cost and ramp sections
 * (ids `costs`, `ramp`) span the page width. Every piece of user text (scenario names, descriptions, summary keys) is escaped.
 */
import type { RunMeta, RunResult } from '../twin/results.js';
import { escapeHtml, formatDuration, formatQuantity, isoUtc, MISSING } from './plot-axis.js';
import { twinSections, type ReportSection } from './twin-sections.js';

export type { ReportSection } from './twin-sections.js';
export { TWIN_COLUMNS, twinSections, cumulativeEvents, findColumn } from './twin-sections.js';

/** A row of the key-figures table. `value` null/NaN shows as "—". */
export interface KeyFigure {
  label: string;
  value: number | string | boolean | null | undefined;
  /** Unit of a numeric value ("W", "K", "%", "s" for durations, "FLOP", ...): SI prefixes applied. */
  unit?: string;
  /** Group heading in the table ("Power", "Compute"); rows without one go under "Run". */
  group?: string;
}

export interface ReportOptions {
  /** Page title; default "orbitdc report: <scenario name>". */
  title?: string;
  /** Header facts; default `result.meta`, else looked up in `result.summary`. */
  meta?: RunMeta;
  /** Key figures; default: the scalar figures of `result.summary` (see summaryFigures). */
  keyFigures?: KeyFigure[];
  /** Sections added after the twin's own (economics, operations ...). */
  sections?: ReportSection[];
  /** false: leave out the twin's own sections (e.g. a cost-only report). */
  twinSections?: boolean;
  /** orbitdc version for the footer. */
  version?: string;
}

/** Render the whole report page. Deterministic: the same result and options give the same bytes. */
export function renderReportHtml(result: RunResult, opts: ReportOptions = {}): string {
  const meta = opts.meta ?? result.meta ?? metaFromSummary(result.summary);
  const name = meta?.scenarioName ?? 'unnamed scenario';
  const sections = [...(opts.twinSections === false ? [] : twinSections(result, meta)), ...(opts.sections ?? [])];
  const figures = opts.keyFigures ?? keyFigures(result.summary);
  const title = opts.title ?? `orbitdc report: ${name}`;
  const partial = result.partial
    ? `<div class="banner" role="alert"><strong>Partial run.</strong> The simulation stopped early${meta?.reached_s !== undefined ? ` at ${escapeHtml(formatDuration(meta.reached_s))} of ${escapeHtml(formatDuration(meta.duration_s))}` : ''}; every figure below covers only the simulated part.</div>`
    : '';
  const facts: Array<[string, string]> = meta
    ? [
      ['Epoch', isoUtc(meta.epochUtcMs)],
      ['Duration', formatDuration(meta.duration_s)],
      ['Step', formatDuration(meta.step_s)],
      ['Satellites', formatQuantity(meta.satelliteCount)],
      ...(meta.seed !== undefined ? [['Seed', String(meta.seed)] as [string, string]] : []),
      ...(meta.source ? [['Source', meta.source] as [string, string]] : []),
    ]
    : [];
  const toc = sections.map((s) => `<a href="#${escapeAttrId(s.id)}">${escapeHtml(s.title)}</a>`).join('');
  const body = sections.map((s) => `<section id="${escapeAttrId(s.id)}" class="card"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body>
<header>
<h1>${escapeHtml(name)}</h1>
${meta?.description ? `<p class="desc">${escapeHtml(meta.description)}</p>` : ''}
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
</header>
${partial}
<main>
<section id="summary" class="card wide"><h2>Key figures</h2>${figuresTable(figures)}
<details><summary>Every figure in summary.json</summary>${figuresTable(summaryFigures(result.summary, 400))}</details></section>
<nav>${toc}</nav>
<div class="grid">
${body}
</div>
</main>
<footer>orbitdc${opts.version ? ` ${escapeHtml(opts.version)}` : ''} · times in UTC · SI units with SI prefixes</footer>
</body></html>
`;
}

function escapeAttrId(id: string): string {
  return escapeHtml(id.replace(/[^A-Za-z0-9_-]/g, '-'));
}

function figuresTable(rows: KeyFigure[]): string {
  if (!rows.length) return `<p class="note">The summary has no figures.</p>`;
  const groups = new Map<string, KeyFigure[]>();
  for (const r of rows) {
    const g = r.group ?? 'Run';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const out: string[] = [];
  // One small table per group, flowing into columns on wide screens.
  for (const [g, rs] of groups) {
    out.push(`<table class="figures"><thead><tr class="group"><th colspan="2">${escapeHtml(g)}</th></tr></thead><tbody>`);
    for (const r of rs) out.push(`<tr><td>${escapeHtml(r.label)}</td><td class="num">${escapeHtml(formatFigure(r))}</td></tr>`);
    out.push('</tbody></table>');
  }
  return `<div class="figure-groups">${out.join('')}</div>`;
}

function formatFigure(r: KeyFigure): string {
  const v = r.value;
  if (v === null || v === undefined) return MISSING;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v || MISSING;
  if (!Number.isFinite(v)) return MISSING;
  if (r.unit === 's') return formatDuration(v);
  if (r.unit === '%') return `${formatQuantity(v)} %`;
  return formatQuantity(v, r.unit ?? '');
}

// ------------------------------------------------------------ summary lookups

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function pick(o: Record<string, unknown>, paths: string[]): unknown {
  for (const p of paths) {
    let cur: unknown = o;
    for (const k of p.split('.')) cur = isObj(cur) ? cur[k] : undefined;
    if (cur !== undefined && cur !== null) return cur;
  }
  return undefined;
}

function epochOf(v: unknown): number | undefined {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') { const t = Date.parse(v); return Number.isFinite(t) ? t : undefined; }
  return undefined;
}

/** Best-effort header facts from an untyped summary (used when RunResult.meta is absent). */
export function metaFromSummary(summary: Record<string, unknown>): RunMeta | undefined {
  const nameV = pick(summary, ['scenario.name', 'scenarioName', 'scenario', 'name']);
  const epoch = epochOf(pick(summary, ['scenario.epochUtcMs', 'epochUtcMs', 'scenario.epoch', 'epoch']));
  if (typeof nameV !== 'string' && epoch === undefined) return undefined;
  const meta: RunMeta = {
    scenarioName: typeof nameV === 'string' ? nameV : 'unnamed scenario',
    epochUtcMs: epoch ?? NaN,
    duration_s: num(pick(summary, ['scenario.duration_s', 'duration_s'])) ?? NaN,
    step_s: num(pick(summary, ['scenario.step_s', 'step_s'])) ?? NaN,
    satelliteCount: num(pick(summary, ['fleet.satellites', 'satelliteCount', 'satellites'])) ?? NaN,
  };
  const seed = num(pick(summary, ['seed', 'scenario.seed']));
  if (seed !== undefined) meta.seed = seed;
  const desc = pick(summary, ['scenario.description', 'description']);
  if (typeof desc === 'string' && desc) meta.description = desc;
  const source = pick(summary, ['scenario.source', 'source']);
  if (typeof source === 'string' && source) meta.source = source;
  const reached = num(pick(summary, ['stoppedAt.time_s', 'simulated_s', 'reached_s']));
  if (reached !== undefined) meta.reached_s = reached;
  return meta;
}

/** The key figures of an engine summary (src/twin/summarise.ts), by path; absent paths are left out. */
const ENGINE_FIGURES: ReadonlyArray<readonly [group: string, label: string, path: string, unit: string, scale: number]> = [
  ['Compute', 'delivered fraction of nameplate', 'compute.delivered.fraction', '%', 100],
  ['Compute', 'delivered accelerator-hours', 'compute.delivered.acceleratorHours', '', 1],
  ['Compute', 'nameplate accelerator-hours', 'compute.nameplate.acceleratorHours', '', 1],
  ['Compute', 'delivered FLOP', 'compute.delivered.flop', 'FLOP', 1],
  ['Compute', 'lost to faults', 'compute.losses_fraction.faults', '%', 100],
  ['Compute', 'shed by the thermal limit', 'compute.losses_fraction.thermal', '%', 100],
  ['Compute', 'shed for lack of power', 'compute.losses_fraction.power', '%', 100],
  ['Power', 'mean generated', 'power.generatedMean_W', 'W', 1],
  ['Power', 'load not served', 'power.shortfall_J', 'J', 1],
  ['Power', 'bus load not served', 'power.busShortfall_J', 'J', 1],
  ['Power', 'clipped (battery full)', 'power.clipped_J', 'J', 1],
  ['Power', 'lowest state of charge', 'power.socMin_frac', '%', 100],
  ['Power', 'energy balance residual', 'power.energyBalanceResidual_J', 'J', 1],
  ['Thermal', 'radiator, coldest', 'thermal.radiatorMin_K', 'K', 1],
  ['Thermal', 'radiator, hottest', 'thermal.radiatorMax_K', 'K', 1],
  ['Thermal', 'chip, hottest', 'thermal.chipMax_K', 'K', 1],
  ['Sunlight', 'sunlit fraction', 'illumination.sunlitFraction', '%', 100],
  ['Sunlight', 'eclipse satellite-hours', 'illumination.eclipseSatelliteHours', '', 1],
  ['Radiation', 'dose, fleet mean', 'radiation.doseMean_rad', 'rad(Si)', 1],
  ['Radiation', 'dose, highest', 'radiation.doseMax_rad', 'rad(Si)', 1],
  ['Radiation', 'accelerators past 2 krad (HBM irregular)', 'radiation.acceleratorsHbmIrregular', '', 1],
  ['Radiation', 'accelerator downtime, hours', 'radiation.acceleratorDowntime_hours', '', 1],
  ['Fleet', 'satellites', 'fleet.satellites', '', 1],
  ['Fleet', 'accelerators', 'fleet.accelerators', '', 1],
  ['Fleet', 'satellites failed', 'failures.satellitesFailed', '', 1],
  ['Economics', 'orbit ÷ ground, per delivered accelerator-hour', 'economics.comparison.ratio.perAcceleratorHour', '×', 1],
  ['Economics', 'orbit, per delivered accelerator-hour', 'economics.comparison.orbit.perAcceleratorHour_usd', '$', 1],
  ['Economics', 'ground, per delivered accelerator-hour', 'economics.comparison.ground.perAcceleratorHour_usd', '$', 1],
  ['Economics', 'orbit cheaper in (Monte Carlo)', 'economics.monteCarlo.probabilityOrbitCheaper', '%', 100],
];

/**
 * Key figures: the curated list when the summary has the engine's shape (plus radiation event
 * totals by kind), otherwise every scalar of the summary (summaryFigures).
 */
export function keyFigures(summary: Record<string, unknown>): KeyFigure[] {
  if (!isObj(summary.compute)) return summaryFigures(summary);
  const out: KeyFigure[] = [];
  for (const [group, label, path, unit, scale] of ENGINE_FIGURES) {
    const v = pick(summary, [path]);
    if (v === undefined) continue;
    out.push({ group, label, value: typeof v === 'number' ? v * scale : (v as KeyFigure['value']), unit });
  }
  const ev = pick(summary, ['radiation.events']);
  if (isObj(ev)) for (const [k, v] of Object.entries(ev)) out.push({ group: 'Radiation', label: `events: ${k}`, value: typeof v === 'number' ? v : null, unit: '' });
  return out;
}

/** Unit of a summary key from its suffix (`power_W` → W); the label without the suffix, in words. */
function unitFromKey(key: string): { label: string; unit: string; scale: number } {
  const m = /^(.*?)_(W|J|Wh|K|kg|m|s|h|rad|frac|FLOP|FLOP_s|B|count|usd|USD|pct)$/.exec(key);
  const words = (k: string): string => k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  if (!m) return { label: words(key), unit: '', scale: 1 };
  const base = words(m[1]!);
  switch (m[2]) {
    case 'frac': return { label: base, unit: '%', scale: 100 };
    case 'pct': return { label: base, unit: '%', scale: 1 };
    case 'FLOP_s': return { label: base, unit: 'FLOP/s', scale: 1 };
    case 'rad': return { label: base, unit: 'rad(Si)', scale: 1 };
    case 'count': return { label: base, unit: '', scale: 1 };
    case 'usd': case 'USD': return { label: base, unit: '$', scale: 1 };
    default: return { label: base, unit: m[2]!, scale: 1 };
  }
}

/** Subtrees of summary.json that are inputs or bulk, not key figures. */
const SKIP_KEYS = new Set(['input', 'scenario', 'warnings', 'overrides', 'perSatellite', 'series', 'tracks', 'designs', 'constellations', 'orbitdc', 'note', 'assumptions']);

/**
 * The scalar figures of a summary (up to three levels deep, at most `limit`), grouped by their
 * top-level key; units inferred from the key suffix.
 */
export function summaryFigures(summary: Record<string, unknown>, limit = 48): KeyFigure[] {
  const out: KeyFigure[] = [];
  const walk = (o: Record<string, unknown>, prefix: string[], group: string | undefined): void => {
    for (const [k, v] of Object.entries(o)) {
      if (out.length >= limit) return;
      if (SKIP_KEYS.has(k) && (prefix.length === 0 || k === 'note')) continue;
      if (isObj(v)) {
        if (prefix.length < 2) walk(v, [...prefix, k], group ?? titleCase(k));
        continue;
      }
      if (Array.isArray(v)) continue;
      const { label, unit, scale } = unitFromKey(k);
      const fullLabel = [...prefix.slice(group ? 1 : 0).map((p) => unitFromKey(p).label), label].join(' · ');
      const value = typeof v === 'number' ? v * scale : (v as string | boolean | null | undefined);
      const fig: KeyFigure = { label: fullLabel, value, unit };
      if (group) fig.group = group;
      out.push(fig);
    }
  };
  walk(summary, [], undefined);
  return out;
}

function titleCase(k: string): string {
  const w = unitFromKey(k).label;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#5f6368;--line:#dadce0;--bg:#f6f7f9;--card:#fff;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px 12px;background:#fff;border-bottom:1px solid var(--line)}
h1{margin:0 0 4px;font-size:24px;font-weight:650;word-break:break-word}
h2{margin:0 0 10px;font-size:17px;font-weight:620}
.desc{margin:0 0 8px;color:var(--muted);max-width:80ch}
.facts{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0 0}
.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:560}
.banner{margin:14px 28px 0;padding:10px 14px;background:#fff4e5;border:1px solid #f0a020;border-left:6px solid #e07000;border-radius:6px}
main{padding:14px 28px 28px}
nav{display:flex;flex-wrap:wrap;gap:6px 14px;margin:14px 0}
nav a{color:var(--accent);text-decoration:none}nav a:hover{text-decoration:underline}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,620px),1fr));gap:16px;align-items:start}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;min-width:0}
figure{margin:0 0 10px}figcaption,.note{color:var(--muted);font-size:13px;margin:4px 0 0}
svg.plot{display:block;width:100%;height:auto}
.big{font-size:15px;margin:4px 0 12px}
.figure-groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:4px 28px;align-items:start}
table.figures{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.figures td{padding:3px 10px 3px 0;border-bottom:1px solid #eee}
table.figures td.num{text-align:right;white-space:nowrap}
table.figures tr.group th{text-align:left;padding:10px 0 4px;font-size:13px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line)}
details{margin-top:10px}details summary{cursor:pointer;color:var(--accent)}
table.econ{border-collapse:collapse;width:100%;margin:8px 0;font-variant-numeric:tabular-nums}
table.econ th{text-align:right;padding:4px 10px 4px 0;font-size:13px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);white-space:nowrap}
table.econ th:first-child,table.econ.items th{text-align:left}table.econ.items th:nth-child(3){text-align:right}
table.econ td{padding:3px 10px 3px 0;border-bottom:1px solid #eee}table.econ td.num{text-align:right;white-space:nowrap}
table.econ caption{text-align:left;font-weight:600;padding:10px 0 4px}table.econ tfoot td{font-weight:600;border-bottom:none}
table.econ tr.excluded td{color:var(--muted);font-style:italic}table.econ td.yes{color:#1a7f37;white-space:nowrap}table.econ td.no{color:#b3261e;white-space:nowrap}
table.econ.compact{max-width:760px}table.econ td.lim{font-weight:700;background:#e8f1f8}
.econ-items{display:grid;align-items:start;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:0 28px}
.scroll{overflow-x:auto}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
ul.pub{margin:6px 0;padding-left:18px;color:var(--muted);font-size:13px}
.grid>#costs,.grid>#ramp{grid-column:1/-1}.grid>#costs figure,.grid>#ramp figure{max-width:900px}
footer{padding:10px 28px 24px;color:var(--muted);font-size:12px}
@media print{body{background:#fff}.card{break-inside:avoid}}
`;
