/**
 * A small SVG plot builder for the self-contained report: line (with min–max bands and reference
 * lines), stacked area, bar (vertical or horizontal, grouped or stacked), tornado, histogram and
 * Gantt. Each function returns one `<svg>` string with a viewBox, so it scales to its container;
 * nothing is fetched and no script is needed to draw it.
 *
 * Robustness rules: non-finite points are skipped (a line breaks at a gap rather than drawing
 * NaN), all text is escaped, and long series are reduced to about two points per pixel column
 * (min and max of each column, so spikes survive) — a 5-year run at 60 s has 2.6 M rows.
 */
import { escapeHtml, formatQuantity, formatTick, niceTicks, timeTicks, unitScale } from './plot-axis.js';

/** Okabe–Ito colours (colour-blind safe), yellow darkened for contrast on white. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#555555', '#B8A000'] as const;
export const colorAt = (i: number): string => PALETTE[i % PALETTE.length]!;

export interface ValueAxis {
  /** Quantity in words, e.g. "Power". The unit (with its SI prefix) is appended in brackets. */
  label: string;
  /** Unit of the raw values ("W", "K", "count", "fraction", "%"): drives SI prefixes. */
  unit: string;
  min?: number;
  max?: number;
  /** Keep 0 inside the axis (default true for bars and areas, false for lines). */
  zero?: boolean;
}

export interface XAxis {
  /** 'time': x values are seconds since `epochUtcMs`, drawn as UTC calendar ticks. */
  kind: 'linear' | 'time';
  label?: string;
  unit?: string;
  epochUtcMs?: number;
}

export interface PlotSize { width?: number; height?: number }

export interface LineSeries { name: string; y: ArrayLike<number>; color?: string; dashed?: boolean; width?: number }
export interface BandSeries { name: string; lo: ArrayLike<number>; hi: ArrayLike<number>; color?: string }
export interface RefLine { name: string; y: number; color?: string }

export interface LinePlotSpec extends PlotSize {
  x: ArrayLike<number>;
  xAxis: XAxis;
  yAxis: ValueAxis;
  lines: LineSeries[];
  bands?: BandSeries[];
  refLines?: RefLine[];
  /** Accessible description (SVG <title>). */
  title?: string;
}

export interface StackedAreaSpec extends PlotSize {
  x: ArrayLike<number>;
  xAxis: XAxis;
  yAxis: ValueAxis;
  layers: Array<{ name: string; y: ArrayLike<number>; color?: string }>;
  title?: string;
}

export interface BarSpec extends PlotSize {
  categories: string[];
  series: Array<{ name: string; values: ArrayLike<number>; color?: string }>;
  valueAxis: ValueAxis;
  horizontal?: boolean;
  stacked?: boolean;
  title?: string;
}

export interface TornadoRow { label: string; low: number; high: number; lowInput?: string; highInput?: string }
export interface TornadoSpec extends PlotSize {
  /** The output at the base case; bars extend from it. */
  base: number;
  rows: TornadoRow[];
  valueAxis: ValueAxis;
  title?: string;
}

export interface HistogramSpec extends PlotSize {
  values: ArrayLike<number>;
  bins?: number;
  valueAxis: ValueAxis;
  /** Vertical markers (e.g. P10, P50, P90, the terrestrial figure). */
  markers?: Array<{ name: string; x: number; color?: string }>;
  title?: string;
}

export interface GanttBar { row: string; start: number; end: number; color?: string; label?: string }
export interface GanttSpec extends PlotSize {
  bars: GanttBar[];
  xAxis: XAxis;
  title?: string;
}

// ---------------------------------------------------------------- frame

const FONT = 'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="12"';
const CHAR_W = 6.8; // average glyph width [px] at 12 px, for layout estimates only
const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

interface LegendItem { name: string; color: string; kind: 'line' | 'dashed' | 'ref' | 'box' | 'band' }

/** Dash pattern of reference lines (limits, base cases): dash-dot, unlike any data line. */
const REF_DASH = '9 3 2 3';

interface Frame {
  w: number; h: number; left: number; right: number; top: number; bottom: number;
  parts: string[];
}

function layoutLegend(items: LegendItem[], width: number): { height: number; svg: string } {
  if (items.length === 0) return { height: 0, svg: '' };
  const out: string[] = [];
  let x = 8;
  let y = 12;
  for (const it of items) {
    const iw = 24 + it.name.length * CHAR_W + 16;
    if (x + iw > width - 8 && x > 8) { x = 8; y += 18; }
    const sw = it.kind === 'box' || it.kind === 'band'
      ? `<rect x="${r1(x)}" y="${y - 5}" width="16" height="9" fill="${it.color}" fill-opacity="${it.kind === 'band' ? 0.25 : 0.85}"/>`
      : `<line x1="${r1(x)}" y1="${y}" x2="${r1(x + 16)}" y2="${y}" stroke="${it.color}" stroke-width="2.2"${it.kind === 'dashed' ? ' stroke-dasharray="5 3"' : it.kind === 'ref' ? ` stroke-dasharray="${REF_DASH}"` : ''}/>`;
    out.push(`${sw}<text x="${r1(x + 21)}" y="${y + 4}" fill="#222">${escapeHtml(it.name)}</text>`);
    x += iw;
  }
  return { height: y + 10, svg: `<g class="legend">${out.join('')}</g>` };
}

function openFrame(size: PlotSize, legend: LegendItem[], leftPad = 64): Frame {
  const w = size.width ?? 720;
  const h = size.height ?? 300;
  const lg = layoutLegend(legend, w);
  return { w, h, left: leftPad, right: w - 14, top: lg.height + 10, bottom: h - 40, parts: [lg.svg] };
}

function closeFrame(f: Frame, title: string | undefined, kind: string): string {
  const t = title ? `<title>${escapeHtml(title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="plot plot-${kind}" viewBox="0 0 ${f.w} ${f.h}" width="${f.w}" height="${f.h}" role="img" ${FONT}>${t}` +
    `<rect x="0" y="0" width="${f.w}" height="${f.h}" fill="#fff"/>${f.parts.join('')}</svg>`;
}

/** Finite extent of several arrays; NaN/±Inf ignored. */
function extent(arrays: Array<ArrayLike<number>>, extra: number[] = []): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) for (let i = 0; i < a.length; i++) { const v = a[i]!; if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  for (const v of extra) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo <= hi ? [lo, hi] : [0, 1];
}

interface Scale { map: (v: number) => number; factor: number; label: string; ticks: number[]; step: number }

function valueScale(axis: ValueAxis, dataLo: number, dataHi: number, px0: number, px1: number, zeroDefault: boolean): Scale {
  let lo = axis.min ?? dataLo;
  let hi = axis.max ?? dataHi;
  if (axis.zero ?? zeroDefault) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
  const { factor, label } = unitScale(Math.max(Math.abs(lo), Math.abs(hi)), axis.unit);
  const nt = niceTicks(lo / factor, hi / factor, Math.max(3, Math.round(Math.abs(px1 - px0) / 55)));
  const dlo = axis.min !== undefined ? axis.min / factor : nt.min;
  const dhi = axis.max !== undefined ? axis.max / factor : nt.max;
  const span = dhi - dlo || 1;
  const ticks = nt.ticks.filter((t) => t >= dlo - 1e-9 * span && t <= dhi + 1e-9 * span);
  return {
    map: (v) => px0 + ((v / factor - dlo) / span) * (px1 - px0),
    factor, label: `${axis.label}${label ? ` [${label}]` : ''}`, ticks, step: nt.step,
  };
}

function drawYAxis(f: Frame, s: Scale): void {
  const p: string[] = [];
  for (const t of s.ticks) {
    const y = s.map(t * s.factor);
    p.push(`<line x1="${f.left}" x2="${f.right}" y1="${r1(y)}" y2="${r1(y)}" stroke="#e4e4e4"/>`);
    p.push(`<text x="${f.left - 6}" y="${r1(y + 3.5)}" text-anchor="end" fill="#444">${formatTick(t, s.step)}</text>`);
  }
  const cy = (f.top + f.bottom) / 2;
  p.push(`<text transform="translate(13 ${r1(cy)}) rotate(-90)" text-anchor="middle" fill="#222">${escapeHtml(s.label)}</text>`);
  f.parts.push(`<g class="axis axis-y">${p.join('')}</g>`);
}

function drawXValueAxis(f: Frame, s: Scale): void {
  const p: string[] = [];
  for (const t of s.ticks) {
    const x = s.map(t * s.factor);
    p.push(`<line y1="${f.top}" y2="${f.bottom}" x1="${r1(x)}" x2="${r1(x)}" stroke="#e4e4e4"/>`);
    p.push(`<text x="${r1(x)}" y="${f.bottom + 15}" text-anchor="${anchorAt(f, x)}" fill="#444">${formatTick(t, s.step)}</text>`);
  }
  p.push(`<text x="${r1((f.left + f.right) / 2)}" y="${f.h - 6}" text-anchor="middle" fill="#222">${escapeHtml(s.label)}</text>`);
  f.parts.push(`<g class="axis axis-x">${p.join('')}</g>`);
}

/** Tick labels at the right edge end there instead of being clipped by the viewBox. */
function anchorAt(f: Frame, x: number): string {
  return x > f.right - 18 ? 'end' : 'middle';
}

/** X scale for line-like plots: linear, or UTC time when `axis.kind === 'time'`. */
function xScale(f: Frame, axis: XAxis, lo: number, hi: number): (v: number) => number {
  const p: string[] = [];
  let map: (v: number) => number;
  const targetTicks = Math.max(2, Math.floor((f.right - f.left) / 95));
  if (axis.kind === 'time') {
    const e = axis.epochUtcMs ?? 0;
    const span = hi - lo || 1;
    map = (v) => f.left + ((v - lo) / span) * (f.right - f.left);
    const tt = timeTicks(e + lo * 1000, e + hi * 1000, targetTicks);
    tt.ms.forEach((ms, i) => {
      const x = map((ms - e) / 1000);
      p.push(`<line y1="${f.top}" y2="${f.bottom}" x1="${r1(x)}" x2="${r1(x)}" stroke="#e4e4e4"/>`);
      p.push(`<text x="${r1(x)}" y="${f.bottom + 15}" text-anchor="${anchorAt(f, x)}" fill="#444">${escapeHtml(tt.labels[i] ?? '')}</text>`);
    });
    p.push(`<text x="${r1((f.left + f.right) / 2)}" y="${f.h - 6}" text-anchor="middle" fill="#222">${escapeHtml(axis.label ?? 'Time')} [${escapeHtml(axis.unit ?? tt.unit)}]</text>`);
  } else {
    const s = valueScale({ label: axis.label ?? '', unit: axis.unit ?? '' }, lo, hi, f.left, f.right, false);
    // Lines span the data, not the rounded tick range, so the curve fills the plot.
    const span = hi - lo || 1;
    map = (v) => f.left + ((v - lo) / span) * (f.right - f.left);
    for (const t of s.ticks) {
      const v = t * s.factor;
      if (v < lo - 1e-9 * span || v > hi + 1e-9 * span) continue;
      const x = map(v);
      p.push(`<line y1="${f.top}" y2="${f.bottom}" x1="${r1(x)}" x2="${r1(x)}" stroke="#e4e4e4"/>`);
      p.push(`<text x="${r1(x)}" y="${f.bottom + 15}" text-anchor="${anchorAt(f, x)}" fill="#444">${formatTick(t, s.step)}</text>`);
    }
    p.push(`<text x="${r1((f.left + f.right) / 2)}" y="${f.h - 6}" text-anchor="middle" fill="#222">${escapeHtml(s.label)}</text>`);
  }
  f.parts.push(`<g class="axis axis-x">${p.join('')}</g>`);
  return map;
}

function drawBox(f: Frame): void {
  f.parts.push(`<rect class="plot-area" x="${f.left}" y="${f.top}" width="${f.right - f.left}" height="${f.bottom - f.top}" fill="none" stroke="#999"/>`);
}

// ---------------------------------------------------------------- decimation

/**
 * Indices to draw for a series of n points into `columns` pixel columns: per column the first,
 * min, max and last finite points (M4 reduction), so the drawn envelope is exact. Returns null
 * when no reduction is needed.
 */
function m4Indices(x: ArrayLike<number>, y: ArrayLike<number>, columns: number, x0: number, x1: number): number[] | null {
  const n = Math.min(x.length, y.length);
  if (n <= columns * 4) return null;
  const out: number[] = [];
  const span = x1 - x0 || 1;
  let col = -1;
  let first = -1; let last = -1; let imin = -1; let imax = -1;
  const flush = (): void => {
    if (first < 0) return;
    const ids = [first, imin, imax, last].sort((a, b) => a - b);
    for (let k = 0; k < ids.length; k++) if (k === 0 || ids[k] !== ids[k - 1]) out.push(ids[k]!);
  };
  for (let i = 0; i < n; i++) {
    const xv = x[i]!; const yv = y[i]!;
    if (!Number.isFinite(xv)) continue;
    const c = Math.min(columns - 1, Math.max(0, Math.floor(((xv - x0) / span) * columns)));
    if (c !== col) { flush(); col = c; first = last = imin = imax = -1; }
    if (!Number.isFinite(yv)) { flush(); out.push(i); first = last = imin = imax = -1; continue; } // keep the gap
    if (first < 0) { first = imin = imax = i; }
    if (yv < y[imin]!) imin = i;
    if (yv > y[imax]!) imax = i;
    last = i;
  }
  flush();
  return out;
}

/** Polyline path through finite points; a non-finite x or y starts a new sub-path. */
function linePath(x: ArrayLike<number>, y: ArrayLike<number>, idx: number[] | null, sx: (v: number) => number, sy: (v: number) => number): string {
  const n = idx ? idx.length : Math.min(x.length, y.length);
  const parts: string[] = [];
  let pen = false;
  for (let k = 0; k < n; k++) {
    const i = idx ? idx[k]! : k;
    const xv = x[i]!; const yv = y[i]!;
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) { pen = false; continue; }
    parts.push(`${pen ? 'L' : 'M'}${r1(sx(xv))} ${r1(sy(yv))}`);
    pen = true;
  }
  return parts.join('');
}

/** Closed polygons between lo and hi for each run of finite points. */
function bandPath(x: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, columns: number, sx: (v: number) => number, sy: (v: number) => number): string {
  const n = Math.min(x.length, lo.length, hi.length);
  // Reduce per pixel column: min of lo, max of hi (the band's envelope).
  const xs: number[] = []; const los: number[] = []; const his: number[] = [];
  const x0 = extent([x])[0]; const x1 = extent([x])[1]; const span = x1 - x0 || 1;
  let col = -1;
  for (let i = 0; i < n; i++) {
    const xv = x[i]!; const a = lo[i]!; const b = hi[i]!;
    const ok = Number.isFinite(xv) && Number.isFinite(a) && Number.isFinite(b);
    if (!ok) { xs.push(NaN); los.push(NaN); his.push(NaN); col = -1; continue; }
    const c = n > columns * 2 ? Math.floor(((xv - x0) / span) * columns) : i;
    if (c === col) { const j = xs.length - 1; los[j] = Math.min(los[j]!, a); his[j] = Math.max(his[j]!, b); continue; }
    col = c; xs.push(xv); los.push(a); his.push(b);
  }
  const polys: string[] = [];
  let start = 0;
  for (let i = 0; i <= xs.length; i++) {
    if (i === xs.length || !Number.isFinite(xs[i]!)) {
      if (i - start >= 2) {
        let d = '';
        for (let k = start; k < i; k++) d += `${k === start ? 'M' : 'L'}${r1(sx(xs[k]!))} ${r1(sy(his[k]!))}`;
        for (let k = i - 1; k >= start; k--) d += `L${r1(sx(xs[k]!))} ${r1(sy(los[k]!))}`;
        polys.push(d + 'Z');
      }
      start = i + 1;
    }
  }
  return polys.join('');
}

// ---------------------------------------------------------------- plot kinds

/** Lines over time (or any x), with optional min–max bands and horizontal reference lines (limits). */
export function linePlot(spec: LinePlotSpec): string {
  const bands = spec.bands ?? [];
  const refs = spec.refLines ?? [];
  const legend: LegendItem[] = [
    ...spec.lines.map((l, i) => ({ name: l.name, color: l.color ?? colorAt(i), kind: (l.dashed ? 'dashed' : 'line') as LegendItem['kind'] })),
    ...bands.map((b, i) => ({ name: b.name, color: b.color ?? colorAt(i), kind: 'band' as const })),
    ...refs.map((r) => ({ name: r.name, color: r.color ?? '#C00000', kind: 'ref' as const })),
  ];
  const f = openFrame(spec, legend);
  const [x0, x1] = extent([spec.x]);
  const [ylo, yhi] = extent([...spec.lines.map((l) => l.y), ...bands.flatMap((b) => [b.lo, b.hi])], refs.map((r) => r.y));
  const sy = valueScale(spec.yAxis, ylo, yhi, f.bottom, f.top, false);
  drawYAxis(f, sy);
  const sx = xScale(f, spec.xAxis, x0, x1);
  const columns = Math.max(1, Math.round(f.right - f.left));
  for (const [i, b] of bands.entries()) {
    const d = bandPath(spec.x, b.lo, b.hi, columns, sx, sy.map);
    if (d) f.parts.push(`<path class="band" d="${d}" fill="${b.color ?? colorAt(i)}" fill-opacity="0.22" stroke="none"/>`);
  }
  for (const [i, l] of spec.lines.entries()) {
    const d = linePath(spec.x, l.y, m4Indices(spec.x, l.y, columns, x0, x1), sx, sy.map);
    if (d) {
      f.parts.push(`<path class="line" d="${d}" fill="none" stroke="${l.color ?? colorAt(i)}" stroke-width="${l.width ?? 1.6}" stroke-linejoin="round"${l.dashed ? ' stroke-dasharray="5 3"' : ''}><title>${escapeHtml(l.name)}</title></path>`);
    }
  }
  for (const r of refs) {
    if (!Number.isFinite(r.y)) continue;
    const y = r1(sy.map(r.y));
    f.parts.push(`<path class="ref" d="M${f.left} ${y}L${f.right} ${y}" stroke="${r.color ?? '#C00000'}" stroke-width="1.4" stroke-dasharray="${REF_DASH}"><title>${escapeHtml(r.name)}</title></path>`);
  }
  drawBox(f);
  return closeFrame(f, spec.title, 'line');
}

/** Layers stacked bottom to top (e.g. compute power by state, cost by component over time). */
export function stackedAreaPlot(spec: StackedAreaSpec): string {
  const legend: LegendItem[] = spec.layers.map((l, i) => ({ name: l.name, color: l.color ?? colorAt(i), kind: 'box' }));
  const f = openFrame(spec, legend);
  const n = Math.min(spec.x.length, ...spec.layers.map((l) => l.y.length));
  // Cumulative tops; a row with any non-finite value becomes a gap in every layer.
  const tops = spec.layers.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let ok = Number.isFinite(spec.x[i]!);
    for (const l of spec.layers) if (!Number.isFinite(l.y[i]!)) ok = false;
    spec.layers.forEach((l, k) => { acc += l.y[i]!; tops[k]![i] = ok ? acc : NaN; });
  }
  const [x0, x1] = extent([spec.x]);
  const [ylo, yhi] = extent([...tops, ...spec.layers.map((l) => l.y)]);
  const sy = valueScale(spec.yAxis, ylo, yhi, f.bottom, f.top, true);
  drawYAxis(f, sy);
  const sx = xScale(f, spec.xAxis, x0, x1);
  const columns = Math.max(1, Math.round(f.right - f.left));
  const zero = new Float64Array(n);
  spec.layers.forEach((l, k) => {
    const base = k === 0 ? zero.map((_, i) => (Number.isFinite(tops[0]![i]!) ? 0 : NaN)) : tops[k - 1]!;
    const d = bandPath(spec.x, base, tops[k]!, columns, sx, sy.map);
    if (d) f.parts.push(`<path class="area" d="${d}" fill="${l.color ?? colorAt(k)}" fill-opacity="0.8" stroke="#fff" stroke-width="0.4"><title>${escapeHtml(l.name)}</title></path>`);
  });
  drawBox(f);
  return closeFrame(f, spec.title, 'area');
}

/** Bars per category: vertical (categories along x) or horizontal (along y); grouped or stacked. */
export function barPlot(spec: BarSpec): string {
  const horizontal = spec.horizontal ?? false;
  const legend: LegendItem[] = spec.series.length > 1 ? spec.series.map((s, i) => ({ name: s.name, color: s.color ?? colorAt(i), kind: 'box' })) : [];
  const longest = Math.max(0, ...spec.categories.map((c) => c.length));
  const f = openFrame(spec, legend, horizontal ? Math.min(260, 16 + longest * CHAR_W) : 64);
  const nc = spec.categories.length;
  const sums: number[] = [];
  const all: number[] = [];
  for (let c = 0; c < nc; c++) {
    let pos = 0; let neg = 0;
    for (const s of spec.series) { const v = s.values[c]!; if (!Number.isFinite(v)) continue; all.push(v); if (v >= 0) pos += v; else neg += v; }
    sums.push(pos, neg);
  }
  const [lo, hi] = extent([spec.stacked ? sums : all]);
  const s = horizontal ? valueScale(spec.valueAxis, lo, hi, f.left, f.right, true) : valueScale(spec.valueAxis, lo, hi, f.bottom, f.top, true);
  if (horizontal) drawXValueAxis(f, s); else drawYAxis(f, s);
  const bandPx = ((horizontal ? f.bottom - f.top : f.right - f.left) / Math.max(1, nc));
  const inner = bandPx * 0.75;
  const p: string[] = [];
  for (let c = 0; c < nc; c++) {
    const c0 = (horizontal ? f.top : f.left) + c * bandPx + (bandPx - inner) / 2;
    const label = spec.categories[c] ?? '';
    const mid = c0 + inner / 2;
    p.push(horizontal
      ? `<text x="${f.left - 6}" y="${r1(mid + 3.5)}" text-anchor="end" fill="#222">${escapeHtml(label)}</text>`
      : `<text x="${r1(mid)}" y="${f.bottom + 15}" text-anchor="middle" fill="#222">${escapeHtml(label)}</text>`);
    let pos = 0; let neg = 0;
    spec.series.forEach((ser, k) => {
      const v = ser.values[c]!;
      if (!Number.isFinite(v)) return;
      let a: number; let b: number;
      if (spec.stacked) { if (v >= 0) { a = pos; b = pos += v; } else { a = neg; b = neg += v; } } else { a = 0; b = v; }
      const slot = spec.stacked ? inner : inner / spec.series.length;
      const o = spec.stacked ? c0 : c0 + k * slot;
      const pa = s.map(a); const pb = s.map(b);
      const [u0, u1] = pa < pb ? [pa, pb] : [pb, pa];
      const d = horizontal
        ? `M${r1(u0)} ${r1(o)}H${r1(Math.max(u1, u0 + 0.5))}V${r1(o + slot - 1)}H${r1(u0)}Z`
        : `M${r1(o)} ${r1(u0)}H${r1(o + slot - 1)}V${r1(Math.max(u1, u0 + 0.5))}H${r1(o)}Z`;
      p.push(`<path class="bar" d="${d}" fill="${ser.color ?? colorAt(k)}"><title>${escapeHtml(`${label} · ${ser.name}: ${formatTick(v / s.factor, s.step / 100)} ${s.label}`)}</title></path>`);
    });
  }
  f.parts.push(p.join(''));
  drawBox(f);
  return closeFrame(f, spec.title, 'bar');
}

/** Tornado: for each input, the output at its low and high value as bars from the base case, widest on top. */
export function tornadoPlot(spec: TornadoSpec): string {
  const rows = [...spec.rows].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const legend: LegendItem[] = [
    { name: 'input at its low value', color: PALETTE[0], kind: 'box' },
    { name: 'input at its high value', color: PALETTE[1], kind: 'box' },
    { name: `base case: ${formatQuantity(spec.base, spec.valueAxis.unit)}`, color: '#222', kind: 'line' },
  ];
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  const f = openFrame({ width: spec.width ?? 720, height: spec.height ?? Math.max(160, 70 + rows.length * 26) }, legend, Math.min(260, 16 + longest * CHAR_W));
  const [lo, hi] = extent([rows.map((r) => r.low), rows.map((r) => r.high)], [spec.base]);
  const s = valueScale(spec.valueAxis, lo, hi, f.left, f.right, false);
  drawXValueAxis(f, s);
  const band = (f.bottom - f.top) / Math.max(1, rows.length);
  const p: string[] = [];
  rows.forEach((r, k) => {
    const y = f.top + k * band + band * 0.15;
    const hgt = band * 0.7;
    p.push(`<text x="${f.left - 6}" y="${r1(y + hgt / 2 + 3.5)}" text-anchor="end" fill="#222">${escapeHtml(r.label)}</text>`);
    for (const [v, color, input] of [[r.low, PALETTE[0], r.lowInput], [r.high, PALETTE[1], r.highInput]] as const) {
      if (!Number.isFinite(v)) continue;
      const a = s.map(spec.base); const b = s.map(v);
      const x0 = Math.min(a, b); const x1 = Math.max(a, b, x0 + 0.5);
      p.push(`<path class="bar" d="M${r1(x0)} ${r1(y)}H${r1(x1)}V${r1(y + hgt)}H${r1(x0)}Z" fill="${color}"><title>${escapeHtml(`${r.label}${input ? ` = ${input}` : ''}: ${formatTick(v / s.factor, s.step / 100)} ${s.label}`)}</title></path>`);
    }
  });
  const bx = r1(s.map(spec.base));
  p.push(`<path class="ref" d="M${bx} ${f.top}V${f.bottom}" stroke="#222" stroke-width="1.5"/>`);
  f.parts.push(p.join(''));
  drawBox(f);
  return closeFrame(f, spec.title, 'tornado');
}

/** Histogram of samples (e.g. Monte Carlo outcomes), with optional vertical markers. */
export function histogramPlot(spec: HistogramSpec): string {
  const vals: number[] = [];
  for (let i = 0; i < spec.values.length; i++) { const v = spec.values[i]!; if (Number.isFinite(v)) vals.push(v); }
  const markers = (spec.markers ?? []).filter((m) => Number.isFinite(m.x));
  const legend: LegendItem[] = markers.map((m, i) => ({ name: m.name, color: m.color ?? colorAt(i + 1), kind: 'ref' }));
  const f = openFrame(spec, legend);
  // Sturges' rule for the bin count unless given (fine up to ~10^4 samples).
  const nb = Math.max(1, spec.bins ?? Math.ceil(Math.log2(Math.max(1, vals.length)) + 1));
  // Bins span the samples; the axis also spans the markers.
  const [lo, hi] = extent([vals]);
  const width = (hi - lo) / nb || 1;
  const [axLo, axHi] = extent([vals], [...markers.map((m) => m.x), lo + nb * width]);
  const counts = new Array<number>(nb).fill(0);
  for (const v of vals) counts[Math.min(nb - 1, Math.floor((v - lo) / width))]! += 1;
  const sy = valueScale({ label: 'Samples', unit: 'count', zero: true }, 0, Math.max(1, ...counts), f.bottom, f.top, true);
  drawYAxis(f, sy);
  const sx = valueScale(spec.valueAxis, axLo, axHi, f.left, f.right, false);
  drawXValueAxis(f, sx);
  const p: string[] = [];
  counts.forEach((c, k) => {
    const a = sx.map(lo + k * width); const b = sx.map(lo + (k + 1) * width);
    const y = sy.map(c);
    p.push(`<path class="bar" d="M${r1(a + 0.5)} ${r1(sy.map(0))}V${r1(y)}H${r1(Math.max(a + 1, b - 0.5))}V${r1(sy.map(0))}Z" fill="${PALETTE[0]}" fill-opacity="0.85"><title>${escapeHtml(`${formatTick((lo + k * width) / sx.factor, sx.step / 100)} – ${formatTick((lo + (k + 1) * width) / sx.factor, sx.step / 100)} ${sx.label}: ${c}`)}</title></path>`);
  });
  markers.forEach((m, i) => {
    const x = r1(sx.map(m.x));
    p.push(`<path class="ref" d="M${x} ${f.top}V${f.bottom}" stroke="${m.color ?? colorAt(i + 1)}" stroke-width="1.6" stroke-dasharray="${REF_DASH}"><title>${escapeHtml(m.name)}</title></path>`);
  });
  f.parts.push(p.join(''));
  drawBox(f);
  return closeFrame(f, spec.title, 'histogram');
}

/** Gantt: bars from start to end on named rows (jobs, faults, manoeuvres), x in seconds since the epoch. */
export function ganttPlot(spec: GanttSpec): string {
  const rowNames: string[] = [];
  for (const b of spec.bars) if (!rowNames.includes(b.row)) rowNames.push(b.row);
  const longest = Math.max(0, ...rowNames.map((r) => r.length));
  const f = openFrame({ width: spec.width ?? 720, height: spec.height ?? Math.max(140, 70 + rowNames.length * 22) }, [], Math.min(260, 16 + longest * CHAR_W));
  const finite = spec.bars.filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end));
  const [x0, x1] = extent([finite.map((b) => b.start), finite.map((b) => b.end)]);
  const sx = xScale(f, spec.xAxis, x0, x1);
  const band = (f.bottom - f.top) / Math.max(1, rowNames.length);
  const p: string[] = [];
  rowNames.forEach((r, k) => {
    p.push(`<text x="${f.left - 6}" y="${r1(f.top + k * band + band / 2 + 3.5)}" text-anchor="end" fill="#222">${escapeHtml(r)}</text>`);
  });
  for (const b of finite) {
    const k = rowNames.indexOf(b.row);
    const y = f.top + k * band + band * 0.15;
    const a = sx(Math.min(b.start, b.end)); const e = Math.max(sx(Math.max(b.start, b.end)), a + 1);
    p.push(`<path class="bar" d="M${r1(a)} ${r1(y)}H${r1(e)}V${r1(y + band * 0.7)}H${r1(a)}Z" fill="${b.color ?? PALETTE[0]}" fill-opacity="0.9"><title>${escapeHtml(b.label ?? b.row)}</title></path>`);
  }
  f.parts.push(p.join(''));
  drawBox(f);
  return closeFrame(f, spec.title, 'gantt');
}
