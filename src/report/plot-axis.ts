/**
 * Axis arithmetic for the report's SVG plots: "nice" linear ticks, SI-prefixed units, calendar
 * ticks for UTC time axes, number formatting and HTML escaping. No DOM, no dependencies: the
 * report is one self-contained file, so everything it draws is computed here as strings.
 */

/** Escape text for HTML/SVG element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Placeholder shown instead of a non-finite or missing number (never "NaN" in the report). */
export const MISSING = '—';

/** Ticks at 1, 2 or 5 × 10^k covering [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target = 6): { ticks: number[]; step: number; min: number; max: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], step: 1, min: 0, max: 1 };
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    // A constant series still gets an axis: widen by 10 % of its magnitude (or ±1 around 0).
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0, v = lo; v <= hi + step * 1e-9 && i < 1000; i++, v = lo + i * step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { ticks, step, min: lo, max: hi };
}

/** Format a tick value with just enough decimals for its step. */
export function formatTick(v: number, step: number): string {
  if (!Number.isFinite(v)) return MISSING;
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return groupThousands(v.toFixed(decimals));
}

function groupThousands(s: string): string {
  const [int = '', frac] = s.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  // Thin space (U+2009) groups: unambiguous in every locale, unlike "," or ".".
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009') : digits;
  return (neg ? '−' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Units that take SI prefixes on axes and in tables (W → kW, MW, GW; FLOP → PFLOP ...). */
const PREFIXABLE = new Set(['W', 'J', 'Wh', 'FLOP', 'FLOP/s', 'B', 'B/s', 'Hz', 'rad(Si)', 'rad', 'g', 'm', 'bit/s', '$']);
const PREFIXES: ReadonlyArray<readonly [number, string]> = [
  [1e24, 'Y'], [1e21, 'Z'], [1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''],
];
/** Plain counts get a scale word instead of a unit prefix. */
const COUNT_SCALES: ReadonlyArray<readonly [number, string]> = [[1e12, 'trillions'], [1e9, 'billions'], [1e6, 'millions'], [1e3, 'thousands']];

/**
 * Choose a display scale for values up to `maxAbs` in `unit`: divide by `factor`, show `label`.
 * Units without SI prefixes keep factor 1 (kelvin, fractions, hours); counts above 10,000 get a
 * scale word ("thousands").
 */
export function unitScale(maxAbs: number, unit: string): { factor: number; label: string } {
  if (!Number.isFinite(maxAbs) || maxAbs === 0) return { factor: 1, label: unit };
  if (PREFIXABLE.has(unit)) {
    for (const [f, p] of PREFIXES) {
      if (maxAbs >= f * 0.9999) return { factor: f, label: unit === '$' ? '$' + p.replace('G', 'B') : p + unit };
    }
    return { factor: 1, label: unit };
  }
  if (unit === 'count' || unit === '' || unit === 'h' || unit === 'accelerator-h') {
    for (const [f, word] of COUNT_SCALES) if (maxAbs >= f * 10) return { factor: f, label: unit && unit !== 'count' ? `${unit}, ${word}` : word };
    return { factor: 1, label: unit === 'count' ? '' : unit };
  }
  return { factor: 1, label: unit };
}

/** A value with its unit for tables: 3 significant figures, SI prefix where the unit takes one. */
export function formatQuantity(v: unknown, unit = ''): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return MISSING;
  const { factor, label } = PREFIXABLE.has(unit) ? unitScale(Math.abs(v), unit) : { factor: 1, label: unit };
  const x = v / factor;
  const abs = Math.abs(x);
  let s: string;
  if (!label && abs >= 1e6 && abs < 1e15) {
    // Plain large numbers in words: "220 million" reads better than 2.20e+8.
    const [f, w] = abs >= 1e12 ? [1e12, 'trillion'] : abs >= 1e9 ? [1e9, 'billion'] : [1e6, 'million'];
    const y = x / f;
    return `${y.toFixed(Math.max(0, 2 - Math.floor(Math.log10(Math.abs(y)))))} ${w}`;
  }
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) s = x.toExponential(2).replace('-', '−');
  else if (Number.isInteger(x) && abs < 1e7) s = groupThousands(String(x));
  else s = groupThousands(x.toFixed(Math.max(0, 2 - Math.floor(Math.log10(abs || 1)))));
  if (!label) return s;
  if (unit === '$') return label + s;
  return `${s}\u00a0${label}`;
}

/** ISO-8601 UTC of an epoch in ms, minutes precision unless seconds are non-zero ("2026-03-20T00:00Z"). */
export function isoUtc(utcMs: number): string {
  if (!Number.isFinite(utcMs)) return MISSING;
  const s = new Date(utcMs).toISOString();
  return s.endsWith(':00.000Z') ? s.slice(0, 16) + 'Z' : s.replace('.000Z', 'Z');
}

/** A duration in seconds in words: "5 y 12 d", "1 d 6 h", "90 min". */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return MISSING;
  const year = 365.25 * 86_400;
  // Calendar years are 365 or 366 d, Julian years 365.25 d: show both, never "4 y 365 d".
  if (s >= year) return `${(s / year).toFixed(2)} y (${Math.round(s / 86_400)} d)`;
  if (s >= 86_400) { const d = Math.floor(s / 86_400); const h = Math.round((s - d * 86_400) / 3600); return h ? `${d} d ${h} h` : `${d} d`; }
  if (s >= 3600) { const h = Math.floor(s / 3600); const m = Math.round((s - h * 3600) / 60); return m ? `${h} h ${m} min` : `${h} h`; }
  if (s >= 60) return `${Math.round(s / 60)} min`;
  return `${s} s`;
}

// Calendar tick steps for UTC time axes, shortest first: [seconds per step (nominal), kind, count].
type TimeUnit = 's' | 'min' | 'h' | 'd' | 'mo' | 'y';
const TIME_STEPS: ReadonlyArray<readonly [number, TimeUnit, number]> = [
  [1, 's', 1], [5, 's', 5], [15, 's', 15], [30, 's', 30],
  [60, 'min', 1], [300, 'min', 5], [900, 'min', 15], [1800, 'min', 30],
  [3600, 'h', 1], [3 * 3600, 'h', 3], [6 * 3600, 'h', 6], [12 * 3600, 'h', 12],
  [86_400, 'd', 1], [2 * 86_400, 'd', 2], [7 * 86_400, 'd', 7], [14 * 86_400, 'd', 14],
  [30.44 * 86_400, 'mo', 1], [91.3 * 86_400, 'mo', 3], [182.6 * 86_400, 'mo', 6],
  [365.25 * 86_400, 'y', 1], [2 * 365.25 * 86_400, 'y', 2], [5 * 365.25 * 86_400, 'y', 5], [10 * 365.25 * 86_400, 'y', 10],
];

/** Ticks on a UTC time axis between two instants [ms]: calendar-aligned, with short ISO labels. */
export function timeTicks(fromMs: number, toMs: number, target = 6): { ms: number[]; labels: string[]; unit: string } {
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs)) || toMs <= fromMs) return { ms: [fromMs], labels: [isoUtc(fromMs)], unit: 'UTC' };
  const span_s = (toMs - fromMs) / 1000;
  const chosen = TIME_STEPS.find(([s]) => span_s / s <= target) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const [, unit, n] = chosen;
  const ms: number[] = [];
  const start = new Date(fromMs);
  let t: Date;
  if (unit === 'y') t = new Date(Date.UTC(Math.ceil(start.getUTCFullYear() / n) * n, 0, 1));
  else if (unit === 'mo') t = new Date(Date.UTC(start.getUTCFullYear(), Math.floor(start.getUTCMonth() / n) * n, 1));
  else if (unit === 'd') t = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  else {
    const stepMs = chosen[0] * 1000;
    t = new Date(Math.floor(fromMs / stepMs) * stepMs);
  }
  for (let guard = 0; guard < 500; guard++) {
    const v = t.getTime();
    if (v > toMs) break;
    if (v >= fromMs) ms.push(v);
    if (unit === 'y') t = new Date(Date.UTC(t.getUTCFullYear() + n, 0, 1));
    else if (unit === 'mo') t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + n, 1));
    else if (unit === 'd') t = new Date(v + n * 86_400_000);
    else t = new Date(v + chosen[0] * 1000);
  }
  // Sub-day steps: midnight ticks carry the date (MM-DD), the others the time of day.
  const labels = ms.map((v) => {
    const iso = new Date(v).toISOString();
    if (unit === 'y') return iso.slice(0, 4);
    if (unit === 'mo') return iso.slice(0, 7);
    if (unit === 'd') return iso.slice(0, 10);
    if (unit === 's') return iso.slice(11, 19);
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  });
  const axisUnit = unit === 's' || unit === 'min' || unit === 'h' ? `UTC, from ${new Date(fromMs).toISOString().slice(0, 10)}` : 'UTC';
  return { ms, labels, unit: axisUnit };
}
