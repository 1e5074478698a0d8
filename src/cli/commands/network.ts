/**
 * `orbitdc links SCENARIO|preset:NAME [--from ISO] [--duration-min M] [--step-s S] [--json]`
 *   Laser-link topology and capacity over time: link counts by state, lengths and capacities.
 * `orbitdc route SCENARIO|preset:NAME --from SAT|STATION --to SAT|STATION|CITY --at ISO [--json]`
 *   Lowest-latency path (hops, latency, bottleneck) and the widest path's bottleneck at one instant.
 *
 * The scenario's generated constellations are built as the twin builds them (src/twin/
 * network-model.ts buildNetworkModel: generated rows first, in file order, so satellite rows
 * agree): Walker shells and sun-synchronous planes get "+Grid" links, formation clusters their
 * lattice-neighbour mesh (or the scenario's `network.topology`). Catalog constellations carry no
 * designed links and are left out of the network (noted in the output).
 */
import type { Command } from 'commander';
import { InputError, quoteFound } from '../../core/errors.js';
import { FleetState } from '../../core/fleet.js';
import { formatIsoUtc } from '../../core/time.js';
import { J2Stepper } from '../../orbit/j2.js';
import { CITIES, GROUND_STATIONS } from '../../network/ground.js';
import { LinkCapacityModel, SUNCATCHER_LINK } from '../../network/linkbudget.js';
import { NetworkStage, type RouteResult } from '../../network/stage.js';
import {
  type CandidateLinks, DEFAULT_GRAZING_HEIGHT_m, DEFAULT_MAX_RANGE_m, LINK_KIND_NAMES, type LinkGeometryOptions, LinkState,
} from '../../network/topology.js';
import { buildNetworkModel } from '../../twin/network-model.js';
import { loadScenario, type Scenario } from '../../twin/scenario/index.js';
import { formatScenarioProblem } from '../../twin/scenario/errors.js';
import { parseNumber, parseTime } from '../args.js';
import { writeFileAtomic } from '../output.js';
import { ProgressBar } from '../progress.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export { buildNetworkModel, type NetworkModel } from '../../twin/network-model.js';

function geometryOptions(o: { maxRangeKm?: string; grazingKm?: string }): LinkGeometryOptions {
  return {
    maxRange_m: parseNumber('--max-range-km', o.maxRangeKm ?? String(DEFAULT_MAX_RANGE_m / 1e3), { min: 0.001, max: 100_000, unit: 'km' }) * 1e3,
    grazingHeight_m: parseNumber('--grazing-km', o.grazingKm ?? String(DEFAULT_GRAZING_HEIGHT_m / 1e3), { min: 0, max: 1_000, unit: 'km' }) * 1e3,
  };
}

function loadForNetwork(arg: string, set: string[]): Scenario {
  const scenario = loadScenario(arg, { set });
  for (const w of scenario.warnings) process.stderr.write(`orbitdc: warning: ${formatScenarioProblem(w)}\n`);
  if (scenario.generatedCount === 0) {
    throw new InputError('no designed constellation to link', { file: scenario.source, field: 'constellations', expected: 'at least one walker, sso or cluster constellation', found: 'catalogs only' });
  }
  return scenario;
}

// ---------------------------------------------------------------- links

interface LinksOpts { from?: string; durationMin?: string; stepS?: string; maxRangeKm?: string; grazingKm?: string; diagonals?: boolean; set: string[]; json?: boolean; out?: string; quiet?: boolean }

/** Running min/mean/max. */
class Stat {
  n = 0; sum = 0; min = Infinity; max = -Infinity;
  add(x: number): void { this.n++; this.sum += x; if (x < this.min) this.min = x; if (x > this.max) this.max = x; }
  json(scale = 1, digits = 3): { min: number | null; mean: number | null; max: number | null } {
    const r = (x: number): number => Math.round((x / scale) * 10 ** digits) / 10 ** digits;
    return this.n === 0 ? { min: null, mean: null, max: null } : { min: r(this.min), mean: r(this.sum / this.n), max: r(this.max) };
  }
}

/** Log-spaced histogram of capacities, 1 Mb/s to 10 Pb/s at 100 bins per decade (2.3 % resolution). */
class LogHistogram {
  static readonly LO = 6; static readonly PER_DECADE = 100; static readonly BINS = 10 * 100;
  readonly counts = new Float64Array(LogHistogram.BINS);
  total = 0;
  add(x_bps: number): void {
    const k = Math.floor((Math.log10(Math.max(x_bps, 1)) - LogHistogram.LO) * LogHistogram.PER_DECADE);
    this.counts[Math.max(0, Math.min(LogHistogram.BINS - 1, k))]!++;
    this.total++;
  }
  /** Quantile q (0..1) as the geometric centre of its bin [bit/s]. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const want = q * (this.total - 1);
    let acc = 0;
    for (let k = 0; k < LogHistogram.BINS; k++) {
      acc += this.counts[k]!;
      if (acc > want) return 10 ** (LogHistogram.LO + (k + 0.5) / LogHistogram.PER_DECADE);
    }
    return 10 ** (LogHistogram.LO + LogHistogram.BINS / LogHistogram.PER_DECADE);
  }
}

export function registerLinks(program: Command): void {
  program
    .command('links')
    .description('Laser-link topology and capacity of a scenario over time: link counts, lengths, capacity distribution.')
    .argument('<scenario>', 'scenario YAML file, or preset:NAME')
    .option('--from <iso>', 'start, ISO-8601 UTC (default: the scenario epoch)')
    .option('--duration-min <min>', 'period to sample [min]', '100')
    .option('--step-s <s>', 'network cadence: seconds between samples', '60')
    .option('--max-range-km <km>', 'longest usable link [km]', String(DEFAULT_MAX_RANGE_m / 1e3))
    .option('--grazing-km <km>', 'lowest height a line of sight may pass over the Earth [km]', String(DEFAULT_GRAZING_HEIGHT_m / 1e3))
    .option('--diagonals', 'formation clusters: link lattice diagonals as well as neighbours')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `
Links: Walker shells and SSO planes get "+Grid" (2 in-plane + 2 cross-plane neighbours, the
cross-plane partner chosen for the Walker phasing); clusters link lattice neighbours. A link is up
with line of sight above the grazing height and within range. Capacity: Suncatcher's optical
link budget (Friis, 25 aJ/bit, ≤ 9.6 Tb/s per beam; multi-beam below ~5 km). Re-pointing delays
(30 s + slew) count for links that come back between samples.

Examples:
  $ orbitdc links preset:starlink-v2mini-compute
  $ orbitdc links preset:suncatcher-81 --duration-min 200 --step-s 30 --json`)
    .action(async (scenarioArg: string, o: LinksOpts) => {
      const scenario = loadForNetwork(scenarioArg, o.set);
      const from = o.from === undefined ? scenario.epochUtcMs : parseTime('--from', o.from);
      const duration_s = parseNumber('--duration-min', o.durationMin, { min: 0, max: 60 * 24 * 366, unit: 'min' }) * 60;
      const step_s = parseNumber('--step-s', o.stepS, { min: 1, max: 86_400, unit: 's' });
      const geometry = geometryOptions(o);
      const model = buildNetworkModel(scenario, { diagonals: o.diagonals ?? false });
      const { links } = model;
      const fleet = new FleetState(model.elements.count);
      const stepper = new J2Stepper(model.elements, fleet);
      const stage = new NetworkStage(links, model.elements.count, { geometry, cadence_s: step_s });
      const cap = new LinkCapacityModel(SUNCATCHER_LINK);
      const steps = Math.floor(duration_s / step_s + 1e-9);
      const counts = { up: new Stat(), earthBlocked: new Stat(), outOfRange: new Stat(), endpointDown: new Stat(), acquiring: new Stat() };
      const kinds = LINK_KIND_NAMES.map(() => ({ length: new Stat(), capacity: new Stat() }));
      const hist = new LogHistogram();
      const all = new Stat();
      const totalCap = new Stat();
      let acquisitions = 0;
      const bar = new ProgressBar({ label: 'links', enabled: !(o.quiet ?? false) });
      try {
        for (let k = 0; k <= steps; k++) {
          const utcMs = from + k * step_s * 1000;
          const t_s = (utcMs - scenario.epochUtcMs) / 1000;
          stepper.propagateTo(t_s);
          stage.update(fleet, utcMs, t_s);
          acquisitions += stage.tracker?.acquisitionsLastStep ?? 0;
          const c = stage.counts;
          counts.up.add(c.up); counts.earthBlocked.add(c.earthBlocked); counts.outOfRange.add(c.outOfRange); counts.endpointDown.add(c.endpointDown); counts.acquiring.add(c.acquiring);
          let sum = 0;
          for (let i = 0; i < links.count; i++) {
            if (stage.cols.state[i] !== LinkState.Up) continue;
            const L = stage.cols.length_m[i]!, C = cap.capacity_bps(L);
            const kk = kinds[links.kind[i]!]!;
            kk.length.add(L); kk.capacity.add(C);
            hist.add(C); all.add(C);
            sum += C;
          }
          totalCap.add(sum);
          bar.update(k + 1, steps + 1);
        }
      } finally {
        bar.finish();
      }
      // Histogram quantiles, kept within the exact extremes.
      const q = (x: number): number => Math.min(all.max, Math.max(all.min, hist.quantile(x)));
      const result = {
        scenario: scenario.name,
        from: formatIsoUtc(from),
        to: formatIsoUtc(from + steps * step_s * 1000),
        step_s,
        samples: steps + 1,
        satellites: model.elements.count,
        candidateLinks: links.count,
        skippedConstellations: model.skipped,
        maxRange_km: (geometry.maxRange_m ?? DEFAULT_MAX_RANGE_m) / 1e3,
        grazingHeight_km: (geometry.grazingHeight_m ?? DEFAULT_GRAZING_HEIGHT_m) / 1e3,
        linkCounts: Object.fromEntries(Object.entries(counts).map(([k, s]) => [k, s.json(1, 1)])),
        reacquisitions: acquisitions,
        byKind: Object.fromEntries(LINK_KIND_NAMES.map((name, i) => [name, { candidates: countKind(links, i), length_km: kinds[i]!.length.json(1e3), capacity_Gbps: kinds[i]!.capacity.json(1e9, 1) }]).filter(([, v]) => (v as { candidates: number }).candidates > 0)),
        capacity_Gbps: {
          p0: gbps(all.n ? all.min : Number.NaN), p5: gbps(q(0.05)), p50: gbps(q(0.5)), p95: gbps(q(0.95)), p100: gbps(all.n ? all.max : Number.NaN),
          note: 'over all up links and samples; p0 and p100 exact, others to 2.3 % (histogram bins of 1/100 decade)',
        },
        totalCapacity_Tbps: totalCap.json(1e12, 2),
      };
      const text = o.json ? JSON.stringify(result, null, 2) : linksText(result);
      await writeFileAtomic(o.out, text);
    });
}

const gbps = (x: number): number | null => (Number.isNaN(x) ? null : Math.round(x / 1e7) / 100);

function countKind(links: CandidateLinks, kind: number): number {
  let n = 0;
  for (let i = 0; i < links.count; i++) if (links.kind[i] === kind) n++;
  return n;
}

type Mmm = { min: number | null; mean: number | null; max: number | null };
const mmm = (s: Mmm, unit: string): string => (s.min === null ? '—' : `${s.min} / ${s.mean} / ${s.max}${unit ? ` ${unit}` : ''}`);

function linksText(r: {
  scenario: string; from: string; to: string; step_s: number; samples: number; satellites: number; candidateLinks: number; skippedConstellations: string[];
  maxRange_km: number; grazingHeight_km: number; linkCounts: Record<string, Mmm>; reacquisitions: number;
  byKind: Record<string, unknown>; capacity_Gbps: Record<string, number | null | string>; totalCapacity_Tbps: Mmm;
}): string {
  const L: string[] = [];
  L.push(`Links of ${r.scenario}: ${r.from} → ${r.to}, ${r.samples} samples every ${r.step_s} s`);
  L.push(`  satellites          ${r.satellites}${r.skippedConstellations.length ? ` (catalog constellations left out: ${r.skippedConstellations.join(', ')})` : ''}`);
  L.push(`  candidate links     ${r.candidateLinks} (max range ${r.maxRange_km} km, grazing height ${r.grazingHeight_km} km)`);
  L.push('  link counts         min / mean / max');
  for (const [k, s] of Object.entries(r.linkCounts)) L.push(`    ${k.padEnd(18)}${mmm(s, '')}`);
  L.push(`  re-acquisitions     ${r.reacquisitions}`);
  L.push('  by kind             length min / mean / max, capacity min / mean / max');
  for (const [k, v] of Object.entries(r.byKind)) {
    const x = v as { candidates: number; length_km: Mmm; capacity_Gbps: Mmm };
    L.push(`    ${k.padEnd(18)}${String(x.candidates).padStart(7)} links   ${mmm(x.length_km, 'km')}   ${mmm(x.capacity_Gbps, 'Gb/s')}`);
  }
  const c = r.capacity_Gbps;
  L.push(`  capacity per link   p0 ${c.p0}  p5 ${c.p5}  p50 ${c.p50}  p95 ${c.p95}  p100 ${c.p100} Gb/s`);
  L.push(`  sum over up links   ${mmm(r.totalCapacity_Tbps, 'Tb/s')}`);
  return L.join('\n');
}

// ---------------------------------------------------------------- route

interface RouteOpts { from?: string; to?: string; at?: string; maxRangeKm?: string; grazingKm?: string; set: string[]; json?: boolean; out?: string }

type Endpoint = { kind: 'satellite'; node: number; name: string } | { kind: 'station'; node: number; name: string } | { kind: 'city'; city: (typeof CITIES)[number]; name: string };

function resolveEndpoint(text: string | undefined, flag: string, names: readonly string[], satCount: number, allowCity: boolean): Endpoint {
  if (text === undefined || text === '') throw new InputError('missing value', { field: flag, expected: `a satellite name or #ROW, a ground station${allowCity ? ' or a city' : ''}` });
  const row = /^#(\d+)$/.exec(text);
  if (row) {
    const r = Number(row[1]);
    if (r >= satCount) throw new InputError('no such satellite row', { field: flag, expected: `#0..#${satCount - 1}`, found: quoteFound(text) });
    return { kind: 'satellite', node: r, name: names[r] || `#${r}` };
  }
  const s = names.indexOf(text);
  if (s >= 0) return { kind: 'satellite', node: s, name: text };
  const g = GROUND_STATIONS.findIndex((x) => x.name.toLowerCase() === text.toLowerCase());
  if (g >= 0) return { kind: 'station', node: satCount + g, name: GROUND_STATIONS[g]!.name };
  if (allowCity) {
    const c = CITIES.find((x) => x.name.toLowerCase() === text.toLowerCase());
    if (c) return { kind: 'city', city: c, name: c.name };
  }
  const example = names.find((n) => n !== '') ?? '#0';
  throw new InputError('unknown satellite, station or city', {
    field: flag,
    expected: `a satellite name (e.g. ${example}) or #ROW; a station (${GROUND_STATIONS.map((x) => x.name).join(', ')})${allowCity ? `; a city (${CITIES.map((x) => x.name).join(', ')})` : ''}`,
    found: quoteFound(text),
  });
}

export function registerRoute(program: Command): void {
  program
    .command('route')
    .description('Route between two satellites, a satellite and a ground station, or to a user city, at one instant: path, hops, latency, bottleneck bandwidth.')
    .argument('<scenario>', 'scenario YAML file, or preset:NAME')
    .option('--from <node>', 'satellite name or #ROW, or ground station')
    .option('--to <node>', 'satellite name or #ROW, ground station, or city')
    .option('--at <iso>', 'instant, ISO-8601 UTC (default: the scenario epoch)')
    .option('--max-range-km <km>', 'longest usable link [km]', String(DEFAULT_MAX_RANGE_m / 1e3))
    .option('--grazing-km <km>', 'lowest height a line of sight may pass over the Earth [km]', String(DEFAULT_GRAZING_HEIGHT_m / 1e3))
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .option('--out <file>', 'write the output to a file (atomically) instead of standard output')
    .addHelpText('after', `
Latency is one-way light time (laser links, slant ranges to stations, and fibre from the best
station to a city at 1.5 × great-circle distance, n = 1.468); no queueing or processing delay.
Stations: ${GROUND_STATIONS.map((x) => x.name).join(', ')}.
Cities: ${CITIES.map((x) => x.name).join(', ')}.

Examples:
  $ orbitdc route preset:starlink-v2mini-compute --from shell-550-53-1-1 --to shell-550-53-37-12
  $ orbitdc route preset:starlink-v2mini-compute --from shell-550-53-1-1 --to tokyo --at 2026-01-01T06:00Z`)
    .action(async (scenarioArg: string, o: RouteOpts) => {
      const scenario = loadForNetwork(scenarioArg, o.set);
      const at = o.at === undefined ? scenario.epochUtcMs : parseTime('--at', o.at);
      const geometry = geometryOptions(o);
      const model = buildNetworkModel(scenario);
      const n = model.elements.count;
      const src = resolveEndpoint(o.from, '--from', model.names, n, false);
      const dst = resolveEndpoint(o.to, '--to', model.names, n, true);
      if (src.kind === 'city') throw new InputError('a route starts at a satellite or a station', { field: '--from', found: quoteFound(o.from) });
      const fleet = new FleetState(n);
      const stepper = new J2Stepper(model.elements, fleet);
      const t_s = (at - scenario.epochUtcMs) / 1000;
      stepper.propagateTo(t_s);
      const stage = new NetworkStage(model.links, n, { geometry, stations: GROUND_STATIONS });
      stage.update(fleet, at, t_s);
      const nodeName = (v: number): string => (v < n ? model.names[v] || `#${v}` : GROUND_STATIONS[v - n]!.name);
      let best: RouteResult & { fibre_s?: number; station?: number };
      let widest: RouteResult | null = null;
      if (dst.kind === 'city') {
        best = stage.routeToCity(src.node, dst.city);
      } else {
        best = stage.route(src.node, dst.node);
        widest = stage.widestRoute(src.node, dst.node);
      }
      const reachable = best.path.length > 0;
      const result = {
        scenario: scenario.name,
        at: formatIsoUtc(at),
        from: src.name,
        to: dst.name,
        reachable,
        path: best.path.map(nodeName).concat(dst.kind === 'city' && reachable ? [`${dst.name} (fibre)`] : []),
        hops: best.hops,
        latency_ms: reachable ? round(best.latency_s * 1e3, 3) : null,
        ...(best.fibre_s !== undefined && reachable ? { fibre_ms: round(best.fibre_s * 1e3, 3) } : {}),
        // A 0-hop route (a station to a city by fibre only) has no space link to limit it.
        bottleneck_Gbps: reachable && best.hops > 0 ? round(best.bottleneck_bps / 1e9, 2) : null,
        ...(widest ? { widest: { bottleneck_Gbps: widest.path.length > 0 ? round(widest.bottleneck_bps / 1e9, 2) : null, hops: widest.hops, latency_ms: widest.path.length > 0 ? round(widest.latency_s * 1e3, 3) : null } } : {}),
        linksUp: stage.counts.up,
        groundContacts: stage.counts.groundContacts,
      };
      await writeFileAtomic(o.out, o.json ? JSON.stringify(result, null, 2) : routeText(result));
    });
}

const round = (x: number, d: number): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

function routeText(r: { scenario: string; at: string; from: string; to: string; reachable: boolean; path: string[]; hops: number; latency_ms: number | null; fibre_ms?: number; bottleneck_Gbps: number | null; widest?: { bottleneck_Gbps: number | null; hops: number; latency_ms: number | null }; linksUp: number; groundContacts: number }): string {
  const L: string[] = [];
  L.push(`Route in ${r.scenario} at ${r.at}: ${r.from} → ${r.to}`);
  if (!r.reachable) {
    L.push(`  unreachable (${r.linksUp} links up, ${r.groundContacts} ground contacts)`);
    return L.join('\n');
  }
  L.push(`  hops          ${r.hops}`);
  L.push(`  latency       ${r.latency_ms} ms one way${r.fibre_ms !== undefined ? ` (of which fibre ${r.fibre_ms} ms)` : ''}`);
  L.push(`  bottleneck    ${r.bottleneck_Gbps === null ? '— (no space link)' : `${r.bottleneck_Gbps} Gb/s`}`);
  if (r.widest) L.push(`  widest path   ${r.widest.bottleneck_Gbps} Gb/s bottleneck, ${r.widest.hops} hops, ${r.widest.latency_ms} ms`);
  L.push(`  path          ${r.path.join(' → ')}`);
  return L.join('\n');
}
