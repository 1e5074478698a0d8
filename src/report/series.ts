/**
 * series.csv: the run's fleet-level time series, one row per recorded interval (see
 * twin/metrics.ts for how steps fold into rows). Columns: `time_s` (seconds since the scenario
 * epoch at the row's start), `time_utc` (ISO-8601), then every series column, unit in its name.
 * Numbers are written with 10 significant digits; a value that does not exist (no battery in the
 * fleet, no satellite up) is an empty field, never NaN.
 */
import { formatIsoUtc } from '../core/time.js';
import type { SeriesTable } from '../twin/results.js';

/** A number for CSV: 10 significant digits, shortest form; '' for NaN and infinities. */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(10)));
}

/** The CSV text of a series table (header line first, LF line ends). */
export function seriesCsv(series: SeriesTable, epochUtcMs: number): string {
  const cols = series.columns;
  const lines: string[] = [['time_s', 'time_utc', ...cols.map((c) => c.name)].join(',')];
  for (let r = 0; r < series.time_s.length; r++) {
    const t = series.time_s[r]!;
    const cells = [csvNumber(t), formatIsoUtc(epochUtcMs + t * 1000)];
    for (const c of cols) cells.push(csvNumber(c.values[r]!));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
