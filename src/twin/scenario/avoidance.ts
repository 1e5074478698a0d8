/**
 * The scenario's `avoidance` section (avoidance-schema.ts) normalised: SI units, an absolute
 * catalog path, the window in seconds cut to the run. Semantic checks JSON Schema cannot make:
 * the catalog file exists, the window is a duration, a fixed Δv and a separation are not both given.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { Static } from '@sinclair/typebox';
import type { AvoidanceSchema } from './avoidance-schema.js';
import type { PathSegment } from './overrides.js';

export type AvoidanceFile = Static<typeof AvoidanceSchema>;

export interface AvoidanceSpec {
  /** Manoeuvre at or below this miss distance [m]. */
  missThreshold_m: number;
  /** Fixed Δv per manoeuvre [m/s]; null: sized from `separation_m`. */
  deltaV_m_s: number | null;
  /** Separation at TCA the burn must create [m] (used when deltaV_m_s is null). */
  separation_m: number;
  leadTime_s: number;
  offline_s: number;
  /** Absolute path of the catalog to screen against; null: the fleet only. */
  catalogPath: string | null;
  /** Screening window from the epoch [s], at most the run's duration. */
  window_s: number;
  /** Screener coarse step [s]. */
  step_s: number;
}

export interface AvoidanceIssue { path: PathSegment[]; message: string; expected?: string; found?: string }

/**
 * Normalise a validated `avoidance` section (schema defaults applied); null when `enabled: false`.
 * `span_s(text)` turns an ISO-8601 duration into seconds from the epoch (null when unreadable).
 */
export function normaliseAvoidance(
  a: AvoidanceFile,
  ctx: { baseDir: string; duration_s: number; span_s: (text: string) => number | null },
  problems: AvoidanceIssue[],
): AvoidanceSpec | null {
  const at = (...p: PathSegment[]): PathSegment[] => ['avoidance', ...p];
  const threshold_m = (a.miss_threshold_km ?? 1) * 1000;
  let catalogPath: string | null = null;
  if (a.catalog !== undefined) {
    catalogPath = isAbsolute(a.catalog) ? a.catalog : resolvePath(ctx.baseDir, a.catalog);
    if (!existsSync(catalogPath) || !statSync(catalogPath).isFile()) {
      problems.push({ path: at('catalog'), message: 'catalog file not found', expected: `a TLE/OMM file, relative to ${ctx.baseDir}`, found: JSON.stringify(catalogPath) });
    }
  }
  if (a.delta_v_m_s !== undefined && a.separation_km !== undefined) {
    problems.push({ path: at('separation_km'), message: 'give either a fixed Δv or a separation to size it from, not both', expected: 'one of delta_v_m_s, separation_km', found: 'both' });
  }
  const windowText = a.window ?? 'P1D';
  let window_s = ctx.span_s(windowText);
  if (window_s === null || !(window_s > 0)) {
    problems.push({ path: at('window'), message: 'not a positive ISO-8601 duration', expected: 'P1D, PT12H or P2D', found: JSON.stringify(windowText) });
    window_s = 86_400;
  }
  if (Number.isFinite(ctx.duration_s)) window_s = Math.min(window_s, ctx.duration_s);
  if (a.enabled === false) return null;
  return {
    missThreshold_m: threshold_m,
    deltaV_m_s: a.delta_v_m_s ?? null,
    separation_m: a.separation_km !== undefined ? a.separation_km * 1000 : 2 * threshold_m,
    leadTime_s: a.lead_time_s ?? 2800,
    offline_s: a.offline_s ?? 1800,
    catalogPath,
    window_s,
    step_s: a.step_s ?? 60,
  };
}
