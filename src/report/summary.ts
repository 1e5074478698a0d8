/**
 * summary.json and the other tabular files of a run folder built from the RunResult.
 * summary.json is `JSON.stringify` of the engine's summary with two-space indentation: key order
 * is the engine's insertion order and numbers are already rounded (twin/summarise.ts), so the same
 * scenario and seed give the same bytes.
 */
import { formatIsoUtc } from '../core/time.js';
import type { EventLog, PerSatelliteTable } from '../twin/results.js';
import { csvNumber } from './series.js';

/** The text of summary.json (ends with a newline). */
export function summaryJson(summary: Record<string, unknown>): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Quote a CSV field when it needs it (RFC 4180). */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** satellites.csv: one row per satellite (the first `maxRows`), end-of-run figures. */
export function satellitesCsv(t: PerSatelliteTable, constellationNames: readonly string[], maxRows = Infinity): string {
  const n = Math.min(t.ids.length, maxRows);
  const lines: string[] = [['id', 'name', 'constellation', ...t.columns.map((c) => c.name)].join(',')];
  for (let i = 0; i < n; i++) {
    const cells = [String(t.ids[i]), csvField(t.names[i] ?? ''), csvField(constellationNames[t.constellation[i]!] ?? '')];
    for (const c of t.columns) cells.push(csvNumber(c.values[i]!));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** events.csv: the logged discrete events in time order. */
export function eventsCsv(e: EventLog, epochUtcMs: number, ids: Uint32Array): string {
  const lines: string[] = ['time_s,time_utc,event,satellite_id'];
  for (let i = 0; i < e.count; i++) {
    const t = e.time_s[i]!;
    lines.push(`${csvNumber(t)},${formatIsoUtc(epochUtcMs + t * 1000)},${e.typeNames[e.type[i]!] ?? e.type[i]},${ids[e.satellite[i]!] ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
