/**
 * Conjunction screening of a built twin fleet at run start (src/debris's screener, public API
 * only): the fleet within itself and, if given, against a catalog, over the avoidance window
 * shifted by the lead time (TCAs whose burns fall in the run's first window).
 * Events come back in fleet rows: `a` a fleet row, `b` a fleet row or (secondary) a catalog row.
 *
 * Which screens run (the fleet's parts: generated rows [0, G) flown by J2, catalog rows [G, N)):
 * - generated × generated: by the ring-shell symmetry (src/debris/periodic.ts, as
 *   bench/screen-1m.ts) when every generated row is in a ring shell (circular Walker/SSO planes of
 *   one a and i, evenly filled) and the shells' radial bands a ± threshold are disjoint, so that
 *   no pair of two shells can meet: one window of Δt = T_u/S is screened and relabelled (0.8 s for
 *   a 100,000-satellite shell over a day). Otherwise directly over the window (grid + refinement).
 *   Rows of one formation cluster are not screened against each other: they fly 100–200 m apart
 *   on purpose, and keeping them apart is the formation's own control (station keeping), not
 *   collision avoidance. The screener's plane-group exclusion carries that (one group per cluster).
 * - catalog rows of the fleet within themselves, and × generated rows (cross);
 * - every fleet part × the external catalog (cross; an object of the fleet found again in the
 *   catalog, same catalog number, is not an encounter with itself).
 *
 * Bounded memory: at most MAX_PLANNED_ENCOUNTERS encounters are kept. Where the fleet has more
 * in the window (a dense single-altitude shell: ~9 million a day at 1 km for 100,000 satellites)
 * the window is cut to the whole coarse steps before the one that overflowed (ring shells: to
 * the share of the window that fits), and the run says so (`windowCut`).
 */
import { OrbitdcError } from '../core/errors.js';
import { loadCatalog } from '../orbit/catalog.js';
import type { OrbitRecord } from '../orbit/record.js';
import { ringShells, screenRingShell } from '../debris/periodic.js';
import { catalogPopulation, designedPopulation, planeGroups, type Population } from '../debris/population.js';
import { ConjunctionList, screen, type ConjunctionEvent } from '../debris/screen.js';
import { screenShellsAgainst } from '../debris/shell-cross.js';
import type { ProgressSink } from '../core/progress.js';
import type { BuiltFleet } from './build.js';
import type { AvoidanceSpec } from './scenario/avoidance.js';

/** Most encounters kept for planning (~40 bytes each in columns, ~120 as manoeuvres). */
export const MAX_PLANNED_ENCOUNTERS = 1_000_000;

export interface FleetScreenResult {
  /** Encounters ≤ threshold with TCA in (epoch + lead, epoch + lead + window_s]: burns in (epoch, epoch + window_s]. */
  events: ConjunctionList;
  /** The window actually screened [s] (≤ the spec's; cut when the encounters overflowed). */
  window_s: number;
  windowCut: boolean;
  /** What ran, in words (for summary.json). */
  methods: string[];
  /** Objects of the external catalog (0 without one). */
  catalogObjects: number;
  /** Wall time of the screening [s] (never in summary.json: it depends on the machine). */
  wall_s: number;
}

class Overflow extends Error {}

/** Screen the built fleet (see the file comment). */
export async function screenFleet(built: BuiltFleet, epochUtcMs: number, spec: AvoidanceSpec, progress?: ProgressSink): Promise<FleetScreenResult> {
  const t0 = performance.now();
  const thr = spec.missThreshold_m, step_s = spec.step_s, G = built.generatedCount, N = built.fleet.count;
  // TCAs one lead time on, so that the burns (TCA − lead) fill the run's first window_s exactly;
  // encounters in the first lead time were the operator's business before the run started.
  const from = epochUtcMs + spec.leadTime_s * 1000;
  let to = from + spec.window_s * 1000;
  let windowCut = false;
  const methods: string[] = [];
  const out = new ConjunctionList();
  // Collector with the cap: on overflow the window ends at the start of the overflowing step.
  let full = false;
  const keep = (e: ConjunctionEvent, aOff: number, bOff: number, secondary: boolean): void => {
    if (full || e.tcaUtcMs > to) return;
    out.push({ a: e.a + aOff, b: e.b + bOff, secondary, tcaUtcMs: e.tcaUtcMs, miss_m: e.miss_m, relSpeed_m_s: e.relSpeed_m_s });
    if (out.count > MAX_PLANNED_ENCOUNTERS) {
      // Steps arrive in time order: every step before this one is complete.
      const k = Math.max(1, Math.ceil((e.tcaUtcMs - from) / (step_s * 1000)) - 1);
      to = Math.min(to, from + k * step_s * 1000);
      windowCut = true;
      keepUntil(out, to);
      full = out.count >= MAX_PLANNED_ENCOUNTERS;
      throw new Overflow();
    }
  };
  const run = async (f: () => Promise<unknown>): Promise<void> => {
    try { await f(); } catch (e) { if (!(e instanceof Overflow)) throw e; }
  };

  const el = built.elements;
  let designed: Population | null = null;
  const clusters = built.constellations.filter((c) => c.spec.kind === 'cluster');
  if (el && G > 0) {
    const groups = planeGroups(el, thr);
    let next = groups.reduce((m, g) => Math.max(m, g), -1) + 1;
    for (const c of clusters) groups.fill(next++, c.from, c.to);
    designed = { ...designedPopulation(el, { threshold_m: thr }), planeGroup: groups };
    const rings = clusters.length === 0 ? ringShells(el) : [];
    const inRing = rings.reduce((n, r) => n + r.rows.length, 0);
    const bands = rings.map((r) => [r.a_m - thr, r.a_m + thr] as const).sort((p, q) => p[0] - q[0]);
    const apart = bands.every((b, k) => k === 0 || b[0] > bands[k - 1]![1]);
    if (rings.length > 0 && inRing === G && apart) {
      methods.push(`generated × generated: ring-shell symmetry (${rings.length} shell${rings.length > 1 ? 's' : ''}, periods ${rings.map((r) => r.period_s.toFixed(1)).join(', ')} s)`);
      // Count first (cheap: the relabelling only), then keep what fits.
      let total = 0;
      const counts: number[] = [];
      for (const ring of rings) {
        const r = await screenRingShell(el, ring, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s });
        counts.push(r.count); total += r.count;
      }
      if (total > MAX_PLANNED_ENCOUNTERS) {
        const k = Math.max(1, Math.floor((((to - from) / 1000) * MAX_PLANNED_ENCOUNTERS) / total / step_s));
        to = Math.min(to, from + k * step_s * 1000);
        windowCut = true;
      }
      for (const ring of rings) {
        await screenRingShell(el, ring, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, onEvent: (e) => { if (e.tcaUtcMs <= to) out.push(e); } });
      }
    } else {
      methods.push(`generated × generated: direct over the window${clusters.length ? ' (formation clusters not screened within themselves)' : ''}`);
      const pop = designed;
      await run(() => screen(pop, undefined, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, onEvent: (e) => keep(e, 0, 0, false) }));
    }
  }

  // Catalog rows of the fleet, in build order (build.ts reads the same files the same way).
  const fleetRecords: OrbitRecord[] = [];
  for (const c of built.constellations) if (c.spec.kind === 'catalog') fleetRecords.push(...loadCatalog(c.spec.path).records);
  if (fleetRecords.length !== N - G) throw new OrbitdcError('E_INTERNAL', `avoidance: ${fleetRecords.length} catalog records for ${N - G} catalog rows`);
  let fleetCat: Population | null = null;
  try {
    if (fleetRecords.length > 0) {
      fleetCat = await catalogPopulation(fleetRecords, from, to);
      const fc = fleetCat;
      methods.push('fleet catalog rows: within themselves and × generated rows, direct');
      await run(() => screen(fc, undefined, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, onEvent: (e) => keep(e, G, G, false) }));
      if (designed) {
        const d = designed;
        await run(() => screen(d, fc, { fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, pairs: 'cross', onEvent: (e) => keep(e, 0, G, false) }));
      }
    }
    let catalogObjects = 0;
    if (spec.catalogPath !== null) {
      const records = loadCatalog(spec.catalogPath).records;
      catalogObjects = records.length;
      const ext = await catalogPopulation(records, from, to);
      const fleetIds = built.fleet.id;
      try {
        // Generated rows: Walker shells by shell geometry (shell-cross.ts, the same events as the
        // grid, tested there; other generated rows go through the grid inside it); the fleet's
        // catalog rows through the grid. Progress: the catalog part is most of the screening time.
        const parts = (designed && el ? 1 : 0) + (fleetCat ? 1 : 0);
        let done = 0;
        const sink = (k: number, n: number): void => progress?.(done * n + k, parts * n);
        if (designed && el) {
          methods.push(`generated × catalog ${catalogObjects.toLocaleString('en-US')} objects: Walker shells by shell geometry, other rows by the grid (cross pairs)`);
          await run(() => screenShellsAgainst(el, ext, {
            fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, progress: sink,
            onEvent: (e) => { if (ext.ids[e.b] !== fleetIds[e.a]) keep(e, 0, 0, true); },
          }));
          done++;
        }
        if (fleetCat) {
          const fc = fleetCat;
          methods.push(`fleet catalog rows × catalog ${catalogObjects.toLocaleString('en-US')} objects: direct (cross pairs)`);
          await run(() => screen(fc, ext, {
            fromUtcMs: from, toUtcMs: to, threshold_m: thr, step_s, pairs: 'cross', progress: sink,
            onEvent: (e) => { if (ext.ids[e.b] !== fleetIds[e.a + G]) keep(e, G, 0, true); },
          }));
        }
      } finally {
        ext.dispose();
      }
    }
    keepUntil(out, to);
    return { events: out, window_s: (to - from) / 1000, windowCut, methods, catalogObjects, wall_s: (performance.now() - t0) / 1000 };
  } finally {
    fleetCat?.dispose();
    designed?.dispose();
  }
}

/** Drop, in place and in order, the events with TCA after toUtcMs. */
function keepUntil(l: ConjunctionList, toUtcMs: number): void {
  let n = 0;
  for (let k = 0; k < l.count; k++) {
    if (!(l.tcaUtcMs[k]! <= toUtcMs)) continue;
    l.a[n] = l.a[k]!; l.b[n] = l.b[k]!; l.secondary[n] = l.secondary[k]!;
    l.tcaUtcMs[n] = l.tcaUtcMs[k]!; l.miss_m[n] = l.miss_m[k]!; l.relSpeed_m_s[n] = l.relSpeed_m_s[k]!;
    n++;
  }
  l.count = n;
}
