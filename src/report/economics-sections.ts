/**
 * The economics sections of report.html, from the `economics` section of summary.json
 * (src/economics/report.ts, written by src/twin/summarise.ts): the cost breakdown of orbit and
 * ground side by side with what each total includes, the tornado, the Monte Carlo distribution
 * and the deployment ramp with its limiting supply per year.
 *
 * The input is read back from JSON, where non-finite numbers became null, so every number is
 * checked before it is drawn or printed ("—" otherwise). All text is escaped.
 */
import type { CostSide, EconomicsReport, LineItem, RampFactor, RampResult } from '../economics/index.js';
import { escapeHtml, MISSING } from './plot-axis.js';
import { barPlot, histogramPlot, PALETTE, tornadoPlot } from './plot.js';
import type { ReportSection } from './twin-sections.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const note = (text: string): string => `<p class="note">${escapeHtml(text)}</p>`;
const figure = (svg: string, caption: string): string => `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;

/** Dollars in few characters: $0.613, $1.60, $45.60, $250, $45.6k, $1.23M, $4.56B. */
export function money(v: unknown): string {
  if (!fin(v)) return MISSING;
  const a = Math.abs(v);
  if (a >= 1e9) return `$${Number((v / 1e9).toPrecision(3))}B`;
  if (a >= 1e6) return `$${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `$${Number((v / 1e3).toPrecision(3))}k`;
  if (a >= 100) return `$${v.toFixed(0)}`;
  if (a >= 1) return `$${v.toFixed(2)}`;
  return `$${Number(v.toPrecision(3))}`;
}

const times = (v: unknown): string => (fin(v) ? `${v.toFixed(2)}×` : MISSING);
const pct = (v: unknown): string => (fin(v) ? `${(v * 100).toFixed(1)} %` : MISSING);
const gw = (v: unknown): string => (fin(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)))) : MISSING);
const plain = (v: unknown): string => (fin(v) ? (Math.abs(v) >= 1e4 ? v.toExponential(2) : String(Number(v.toPrecision(3)))) : MISSING);

/**
 * The economics report of a summary, or undefined when it has none. A summary whose economics
 * failed carries `{error}`; that comes back as a string to show.
 */
export function economicsFromSummary(summary: Record<string, unknown>): EconomicsReport | string | undefined {
  const e = summary.economics;
  if (!isObj(e)) return undefined;
  if (typeof e.error === 'string') return e.error;
  if (!isObj(e.comparison) || !isObj(e.tornado) || !isObj(e.monteCarlo) || !isObj(e.ramp)) return undefined;
  return e as unknown as EconomicsReport;
}

/** Report sections for a summary's economics (none when it has none). */
export function economicsSectionsFromSummary(summary: Record<string, unknown>): ReportSection[] {
  const e = economicsFromSummary(summary);
  if (e === undefined) return [];
  if (typeof e === 'string') return [{ id: 'costs', title: 'Cost: orbit against the ground', html: note(`The economics could not be computed: ${e}`) }];
  return economicsSections(e);
}

export function economicsSections(e: EconomicsReport): ReportSection[] {
  return [
    { id: 'costs', title: 'Cost: orbit against the ground', html: costHtml(e) },
    { id: 'tornado', title: 'Which input decides: tornado', html: tornadoHtml(e) },
    { id: 'monte-carlo', title: 'Monte Carlo: the range of the answer', html: monteCarloHtml(e) },
    { id: 'ramp', title: 'Deployment ramp and its limiting supply', html: rampHtml(e.ramp) },
  ];
}

// ------------------------------------------------------------------ costs

/** Cost groups of the stacked bars (line items by key; a key not listed goes to "other"). */
const GROUPS: ReadonlyArray<readonly [name: string, keys: readonly string[]]> = [
  ['accelerators and hosts', ['accelerators', 'hosts']],
  ['launch', ['launch']],
  ['spacecraft: bus, arrays, radiators, batteries, shielding', ['bus', 'solar_array', 'radiators', 'batteries', 'shielding']],
  ['building and backup power', ['building', 'backup_power']],
  ['energy and cooling', ['energy', 'cooling']],
  ['replacements and refresh', ['replacements', 'chip_replacements', 'refresh']],
  ['operations, ground segment, insurance', ['operations', 'ground_segment', 'insurance']],
];

function groupOf(key: string): string {
  for (const [name, keys] of GROUPS) if (keys.includes(key)) return name;
  return 'other';
}

function itemsOf(s: CostSide | undefined): LineItem[] {
  return s && Array.isArray(s.items) ? s.items : [];
}

function costHtml(e: EconomicsReport): string {
  const c = e.comparison;
  const o = c.orbit, g = c.ground;
  const r = c.ratio.perAcceleratorHour;
  const verdict = fin(r)
    ? `Orbit costs <strong>${escapeHtml(times(r))}</strong> the ground per delivered accelerator-hour (${escapeHtml(money(o.perAcceleratorHour_usd))} against ${escapeHtml(money(g.perAcceleratorHour_usd))})${r < 1 ? ': orbit is cheaper' : ''}.`
    : 'The cost ratio could not be computed (no delivered compute on one side).';
  const head = `<p class="big">${verdict}</p>`;
  const rows: Array<[string, string, string, string]> = [
    ['per delivered accelerator-hour', money(o.perAcceleratorHour_usd), money(g.perAcceleratorHour_usd), times(c.ratio.perAcceleratorHour)],
    ['per delivered kW-year of accelerators', money(o.perKwYear_usd), money(g.perKwYear_usd), times(c.ratio.perKwYear)],
    [`lifetime total, ${plain(c.lifetime_years)} yr (included lines)`, money(o.total_usd), money(g.total_usd), fin(o.total_usd) && fin(g.total_usd) && g.total_usd > 0 ? times(o.total_usd / g.total_usd) : MISSING],
    ['delivered fraction of nameplate', pct(o.utilisation), pct(g.utilisation), ''],
  ];
  const table = `<table class="econ compact"><thead><tr><th></th><th>Orbit</th><th>Ground</th><th>Orbit ÷ ground</th></tr></thead><tbody>${rows.map((row) => `<tr><td>${escapeHtml(row[0])}</td>${row.slice(1).map((v) => `<td class="num">${escapeHtml(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const basis = note(`Basis: ${c.basisNote}. US dollars, nominal, undiscounted; kW = accelerator power.`);

  // Stacked bars by cost group, in the order of GROUPS (the same colour on both sides).
  const sides = [o, g];
  const names = [...GROUPS.map(([n]) => n), 'other'];
  const series = names.map((name, k) => ({
    name,
    color: PALETTE[k % PALETTE.length]!,
    // NaN for an empty group: barPlot skips it rather than drawing a zero-width sliver.
    values: sides.map((s) => itemsOf(s).filter((i) => i.included && fin(i.usd) && groupOf(i.key) === name).reduce((a, i) => a + (i.usd ?? 0), 0)).map((v) => (v > 0 ? v : Number.NaN)),
  })).filter((s) => s.values.some((v) => v > 0));
  const excluded = sides.map((s) => `${s.side}: ${itemsOf(s).filter((i) => !i.included).map((i) => i.label).join(', ') || 'nothing'}`).join('; ');
  const bars = series.length
    ? figure(barPlot({ categories: ['Orbit', 'Ground'], series, valueAxis: { label: `Lifetime cost over ${plain(c.lifetime_years)} years`, unit: '$' }, horizontal: true, stacked: true, height: 230, title: 'Lifetime cost by group, orbit and ground' }),
      `Included lines only, grouped; every line is in the tables below. Not included (not estimated): ${excluded}.`)
    : note('No cost lines to draw.');
  const items = `<div class="econ-items">${sides.map(itemTable).join('')}</div>`;
  return head + table + basis + bars + items + publishedHtml(e);
}

function itemTable(s: CostSide): string {
  const rows = itemsOf(s).map((i) => {
    const counted = i.included ? '<td class="yes">✓ included</td>' : '<td class="no">✗ not included</td>';
    return `<tr class="${i.included ? '' : 'excluded'}" title="${escapeHtml(i.basis)}"><td>${escapeHtml(i.label)}</td><td>${escapeHtml(i.kind)}</td><td class="num">${escapeHtml(i.included ? money(i.usd) : MISSING)}</td>${counted}</tr>`;
  });
  const title = s.side === 'orbit' ? 'Orbit line items (lifetime)' : 'Ground line items (lifetime)';
  return `<table class="econ items"><caption>${escapeHtml(title)}</caption><thead><tr><th>item</th><th>kind</th><th>USD</th><th>counted</th></tr></thead><tbody>${rows.join('')}</tbody>` +
    `<tfoot><tr><td>total</td><td></td><td class="num">${escapeHtml(money(s.total_usd))}</td><td></td></tr></tfoot></table>`;
}

function publishedHtml(e: EconomicsReport): string {
  const pub = Array.isArray(e.comparison.published) ? e.comparison.published : [];
  if (!pub.length) return '';
  const li = pub.map((p) => `<li><strong>${escapeHtml(p.source)}</strong>: ${escapeHtml(p.label)}: ${escapeHtml(money(p.value))} ${escapeHtml(p.unit)}; includes ${escapeHtml(p.includes.join(', '))}; not ${escapeHtml(p.excludes.join(', '))}.</li>`);
  return `<details><summary>Published figures in their own framing (not full-system costs)</summary><ul class="pub">${li.join('')}</ul></details>`;
}

// ------------------------------------------------------------------ tornado

function tornadoHtml(e: EconomicsReport): string {
  const t = e.tornado;
  const bars = Array.isArray(t.bars) ? t.bars : [];
  const moving = bars.filter((b) => fin(b.swing) && b.swing > 0 && fin(b.ratioAtLow) && fin(b.ratioAtHigh));
  if (!moving.length || !fin(t.baseRatio)) return note('No input moves the ratio (or the ratio could not be computed).');
  const shown = moving.slice(0, 14);
  const val = (v: number, unit: string): string => `${plain(v)}${unit ? ` ${unit}` : ''}`;
  const svg = tornadoPlot({
    base: t.baseRatio,
    rows: shown.map((b) => ({ label: b.label, low: b.ratioAtLow, high: b.ratioAtHigh, lowInput: val(b.low, b.unit), highInput: val(b.high, b.unit) })),
    valueAxis: { label: 'orbit ÷ ground cost per delivered accelerator-hour', unit: '×' },
    title: 'Tornado: the ratio with each input at its low and high value',
  });
  const still = bars.filter((b) => !moving.includes(b)).map((b) => b.label);
  const rest = moving.length > shown.length ? ` ${moving.length - shown.length} smaller bars left out.` : '';
  const caption = `Each input at its low and high value, every other input at the scenario's; widest on top. ` +
    `The largest: ${shown[0]!.label} (${val(shown[0]!.low, shown[0]!.unit)} to ${val(shown[0]!.high, shown[0]!.unit)}) moves the ratio from ${times(shown[0]!.ratioAtLow)} to ${times(shown[0]!.ratioAtHigh)}.` +
    `${rest}${still.length ? ` No effect: ${still.join(', ')}.` : ''} Ranges: economics.uncertainty or orbitdc's defaults (src/economics/sensitivity.ts).`;
  return `<p class="big">Base case ${escapeHtml(times(t.baseRatio))}; a ratio above 1 means orbit costs more.</p>${figure(svg, caption)}`;
}

// ------------------------------------------------------------------ Monte Carlo

/**
 * Samples standing in for the draws, from the stored histogram: each bin's count spread evenly
 * across the bin (in log space for log bins), so that re-binning on a linear axis stays smooth.
 */
export function samplesFromHistogram(edges: readonly unknown[], counts: readonly unknown[], log: boolean): Float64Array {
  const out: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k], a = edges[k], b = edges[k + 1];
    if (!fin(c) || !fin(a) || !fin(b) || c <= 0) continue;
    const f = log && a > 0 && b > 0 ? Math.log10 : (x: number): number => x;
    const fa = f(a), fb = f(b);
    for (let j = 0; j < c; j++) {
      const u = fa + ((j + 0.5) / c) * (fb - fa);
      out.push(log && a > 0 ? 10 ** u : u);
    }
  }
  return Float64Array.from(out);
}

function monteCarloHtml(e: EconomicsReport): string {
  const m = e.monteCarlo;
  const h = m.histogram;
  const values = isObj(h) && Array.isArray(h.edges) && Array.isArray(h.counts) ? samplesFromHistogram(h.edges, h.counts, h.scale === 'log') : new Float64Array(0);
  const q = m.ratio;
  const markers = [
    { name: `P5 ${times(q.p5)}`, x: q.p5, color: PALETTE[2] },
    { name: `P50 ${times(q.p50)}`, x: q.p50, color: '#222' },
    { name: `P95 ${times(q.p95)}`, x: q.p95, color: PALETTE[3] },
  ].filter((k) => fin(k.x));
  // Parity (ratio 1) only when it falls near the draws: it would squash the histogram otherwise.
  if (fin(q.p5) && fin(q.p95) && q.p5 / 2 < 1 && q.p95 * 2 > 1) markers.push({ name: 'parity 1×', x: 1, color: PALETTE[4] });
  const svg = values.length
    ? figure(histogramPlot({ values, bins: Math.min(40, Math.max(10, h.counts.length)), valueAxis: { label: 'orbit ÷ ground cost per delivered accelerator-hour', unit: '×' }, markers, title: 'Monte Carlo distribution of the cost ratio' }),
      `${plain(m.samples)} draws, seed ${plain(m.seed)}; each input ${m.distribution}, over the tornado's ranges. Orbit is cheaper in ${pct(m.probabilityOrbitCheaper)} of draws.`)
    : note('No Monte Carlo draws to draw.');
  const rows: Array<[string, { p5: number; p50: number; p95: number; mean: number }, (v: unknown) => string]> = [
    ['orbit ÷ ground', m.ratio, times],
    ['orbit, $ per delivered accelerator-hour', m.orbitPerAcceleratorHour_usd, money],
    ['ground, $ per delivered accelerator-hour', m.groundPerAcceleratorHour_usd, money],
  ];
  const table = `<table class="econ"><thead><tr><th></th><th>P5</th><th>P50</th><th>P95</th><th>mean</th></tr></thead><tbody>${rows.map(([label, p, f]) => `<tr><td>${escapeHtml(label)}</td>${[p.p5, p.p50, p.p95, p.mean].map((v) => `<td class="num">${escapeHtml(f(v))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<p class="big">P50 ${escapeHtml(times(q.p50))}, 90 % of draws between ${escapeHtml(times(q.p5))} and ${escapeHtml(times(q.p95))}; orbit cheaper in ${escapeHtml(pct(m.probabilityOrbitCheaper))} of draws.</p>${svg}${table}`;
}

// ------------------------------------------------------------------ ramp

const FACTORS: ReadonlyArray<readonly [RampFactor, string]> = [['launch', 'launch'], ['solar', 'solar cells'], ['accelerators', 'accelerators'], ['hbm', 'HBM']];
const FACTOR_COLOR: Record<RampFactor, string> = { launch: PALETTE[0], solar: PALETTE[1], accelerators: PALETTE[2], hbm: PALETTE[3] };
const factorName = (f: string): string => FACTORS.find(([k]) => k === f)?.[1] ?? f;

function rampHtml(r: RampResult): string {
  const years = Array.isArray(r.years) ? r.years : [];
  if (!years.length) return note('The ramp has no years.');
  const first = years[0]!, last = years[years.length - 1]!;
  const limits = new Set(years.map((y) => y.limitingFactor));
  const head = `<p class="big">${escapeHtml(`${gw(first.deployable_GW)} GW deployable in ${first.year}, ${gw(last.deployable_GW)} GW in ${last.year}; ${gw(last.inService_GW)} GW in service by then. Limited by ${[...limits].map(factorName).join(', then ')}.`)}</p>`;
  const svg = figure(rampPlot(r), `GW of accelerator power each supply allows per year (log scale); the deployable GW is the smallest. The band on top names the limiting supply. ${r.notes.join('; ')}. kW per tonne: ${plain(r.kwPerTonne)} (${r.kwPerTonneSource}).`);
  const th = ['year', 'launch $/kg', ...FACTORS.map(([, n]) => `${n} GW`), 'deployable GW', 'limited by', 'in service GW'];
  const rows = years.map((y) => {
    const cells = FACTORS.map(([k]) => `<td class="num${k === y.limitingFactor ? ' lim' : ''}">${escapeHtml(gw(y.limits_GW[k]))}</td>`).join('');
    return `<tr><td>${escapeHtml(String(y.year))}</td><td class="num">${escapeHtml(money(y.launchPrice_per_kg))}</td>${cells}<td class="num"><strong>${escapeHtml(gw(y.deployable_GW))}</strong></td><td><span class="swatch" style="background:${FACTOR_COLOR[y.limitingFactor] ?? '#999'}"></span>${escapeHtml(factorName(y.limitingFactor))}</td><td class="num">${escapeHtml(gw(y.inService_GW))}</td></tr>`;
  });
  const table = `<table class="econ ramp"><thead><tr>${th.map((t) => `<th>${escapeHtml(t)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `${head}${svg}<div class="scroll">${table}</div>`;
}

/**
 * The ramp as lines on a log axis (the supplies differ by up to 10^4: a linear axis would flatten
 * the one that decides), with a band above the plot coloured by the limiting supply each year.
 * Drawn here rather than with plot.ts's linePlot, which has only linear axes.
 */
export function rampPlot(r: RampResult, width = 720, height = 330): string {
  const years = r.years;
  const lines: Array<{ name: string; color: string; y: Array<number | null>; width: number; dash?: string }> = [
    ...FACTORS.map(([k, n]) => ({ name: `${n} limit`, color: FACTOR_COLOR[k], y: years.map((y) => y.limits_GW[k]), width: 1.6, dash: '5 3' })),
    { name: 'deployable', color: '#222', y: years.map((y) => y.deployable_GW), width: 2.8 },
    { name: 'in service', color: '#777', y: years.map((y) => y.inService_GW), width: 1.8 },
  ];
  let lo = Infinity, hi = -Infinity;
  for (const l of lines) for (const v of l.y) if (fin(v) && v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo <= hi)) { lo = 0.1; hi = 10; }
  const d0 = Math.floor(Math.log10(lo)), d1 = Math.max(d0 + 1, Math.ceil(Math.log10(hi)));
  // Legend: one row of swatches, wrapped at the width.
  const legend: string[] = [];
  let lx = 8, ly = 12;
  for (const l of lines) {
    const w = 24 + l.name.length * 6.8 + 16;
    if (lx + w > width - 8) { lx = 8; ly += 18; }
    legend.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 16}" y2="${ly}" stroke="${l.color}" stroke-width="${Math.min(2.8, l.width + 0.6)}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/><text x="${lx + 21}" y="${ly + 4}" fill="#222">${escapeHtml(l.name)}</text>`);
    lx += w;
  }
  const bandTop = ly + 12, bandH = 18;
  const left = 64, right = width - 14, top = bandTop + bandH + 6, bottom = height - 40;
  const y0 = years[0]!.year, y1 = years[years.length - 1]!.year;
  const sx = (yr: number): number => left + (y1 > y0 ? ((yr - y0) / (y1 - y0)) * (right - left) : (right - left) / 2);
  const sy = (v: number): number => bottom - ((Math.log10(v) - d0) / (d1 - d0)) * (bottom - top);
  const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();
  const p: string[] = [];
  for (let d = d0; d <= d1; d++) {
    const y = r1(sy(10 ** d));
    p.push(`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#e4e4e4"/><text x="${left - 6}" y="${r1(sy(10 ** d) + 3.5)}" text-anchor="end" fill="#444">${escapeHtml(decade(d))}</text>`);
    for (const m of [2, 5]) if (d < d1) p.push(`<line x1="${left}" x2="${right}" y1="${r1(sy(m * 10 ** d))}" y2="${r1(sy(m * 10 ** d))}" stroke="#f2f2f2"/>`);
  }
  const every = Math.max(1, Math.ceil(years.length / 12));
  years.forEach((y, k) => {
    if (k % every !== 0) return;
    const x = r1(sx(y.year));
    p.push(`<line y1="${top}" y2="${bottom}" x1="${x}" x2="${x}" stroke="#e4e4e4"/><text x="${x}" y="${bottom + 15}" text-anchor="middle" fill="#444">${y.year}</text>`);
  });
  p.push(`<text transform="translate(13 ${r1((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="#222">Accelerator power [GW]</text>`);
  p.push(`<text x="${r1((left + right) / 2)}" y="${height - 6}" text-anchor="middle" fill="#222">Year</text>`);
  // Limiting-supply band: runs of years with the same limit, each labelled when wide enough.
  const half = years.length > 1 ? (sx(y0 + 1) - sx(y0)) / 2 : (right - left) / 2;
  let k = 0;
  while (k < years.length) {
    let j = k;
    while (j + 1 < years.length && years[j + 1]!.limitingFactor === years[k]!.limitingFactor) j++;
    const f = years[k]!.limitingFactor;
    const a = Math.max(left, sx(years[k]!.year) - half), b = Math.min(right, sx(years[j]!.year) + half);
    const label = `limited by ${factorName(f)}${j > k ? ` ${years[k]!.year}–${years[j]!.year}` : ` ${years[k]!.year}`}`;
    p.push(`<path class="band" d="M${r1(a)} ${bandTop}H${r1(b)}V${bandTop + bandH}H${r1(a)}Z" fill="${FACTOR_COLOR[f] ?? '#999'}" fill-opacity="0.85" stroke="#fff"><title>${escapeHtml(label)}</title></path>`);
    if ((b - a) > label.length * 6.8 + 8) p.push(`<text x="${r1((a + b) / 2)}" y="${bandTop + 13}" text-anchor="middle" fill="#fff" font-weight="600">${escapeHtml(label)}</text>`);
    k = j + 1;
  }
  for (const l of lines) {
    let d = '', pen = false;
    years.forEach((y, i) => {
      const v = l.y[i];
      if (!fin(v) || v <= 0) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${r1(sx(y.year))} ${r1(sy(v))}`;
      pen = true;
    });
    if (d) p.push(`<path class="line" d="${d}" fill="none" stroke="${l.color}" stroke-width="${l.width}" stroke-linejoin="round"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}><title>${escapeHtml(l.name)}</title></path>`);
  }
  p.push(`<rect class="plot-area" x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#999"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="plot plot-ramp" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="12">` +
    `<title>Deployment ramp: GW per year by supply, log scale</title><rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/><g class="legend">${legend.join('')}</g>${p.join('')}</svg>`;
}

/** 10^d as a plain tick label: 0.001, 0.01, 0.1, 1, 10, 100, 1000, then 1e4. */
function decade(d: number): string {
  if (d >= -3 && d <= 3) return String(Number((10 ** d).toPrecision(1)));
  return `1e${d}`;
}
