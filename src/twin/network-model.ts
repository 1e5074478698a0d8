/**
 * A scenario's network model: the candidate laser links of its constellations (src/network
 * topology.ts), built for the twin's fleet rows. Generated constellations come first in file
 * order (as src/twin/build.ts lays the rows out), so a satellite's row is the same here, in the
 * twin and in `orbitdc links` / `orbitdc route`.
 *
 * Topology per constellation (scenario `network.topology`, network.ts): Walker shells and SSO
 * planes "+Grid", formation clusters their lattice-neighbour mesh (optionally with diagonals),
 * catalogs none (real satellites carry no designed links; they still reach a ground station
 * directly). User-defined pairs (`network.links`) come on top.
 */
import { InputError } from '../core/errors.js';
import { buildCluster } from '../orbit/cluster.js';
import { MeanElementSet } from '../orbit/elements.js';
import { raanForLtan, ssoPlanes } from '../orbit/sso.js';
import { walker } from '../orbit/walker.js';
import { addClusterMesh, addPlusGrid, addUserLinks, type CandidateLinks, LinkListBuilder } from '../network/topology.js';
import type { BuiltFleet } from './build.js';
import { ScenarioError } from './scenario/errors.js';
import type { ConstellationSpec, Scenario } from './scenario/normalise.js';
import type { TopologyKind } from './scenario/network.js';

/** The scenario's designed constellations with their candidate links. */
export interface NetworkModel {
  elements: MeanElementSet;
  links: CandidateLinks;
  names: string[];
  /** Constellations left out (catalogs), by name. */
  skipped: string[];
}

/** A +Grid shell of the model: rows [from, from + planes × perPlane), plane-major. */
export interface ShellInfo {
  constellation: number;
  from: number;
  planes: number;
  perPlane: number;
  /** Orbit radius [m] (circular). */
  a_m: number;
}

/** Topology of constellation i: the scenario's `network.topology`, else the default by kind. */
export function topologyOf(scenario: Scenario, i: number, diagonals = false): TopologyKind {
  const t = scenario.network?.topology[i];
  if (t !== undefined) return t === 'mesh' && diagonals ? 'mesh-diagonals' : t;
  const c = scenario.constellations[i]!;
  if (c.kind === 'walker' || c.kind === 'sso') return 'plus-grid';
  if (c.kind === 'cluster') return diagonals ? 'mesh-diagonals' : 'mesh';
  return 'none';
}

/** Add the links of one generated constellation whose rows start at `firstRow` of `el`. */
function addConstellationLinks(scenario: Scenario, c: ConstellationSpec, el: MeanElementSet, firstRow: number, topology: TopologyKind, b: LinkListBuilder, shells: ShellInfo[]): void {
  if (topology === 'none') return;
  if (c.kind === 'walker' || c.kind === 'sso') {
    // SSO planes spread evenly over 24 h of LTAN (as build.ts): nodes over 360°, a delta-like ring.
    const pattern = c.kind === 'walker' ? c.pattern : 'delta';
    addPlusGrid(el, { firstRow, planes: c.planes, perPlane: c.perPlane, pattern }, b);
    shells.push({ constellation: c.index, from: firstRow, planes: c.planes, perPlane: c.perPlane, a_m: c.a_m });
  } else if (c.kind === 'cluster') {
    const reference = { a_m: c.a_m, e: 0, i_rad: c.inclination_rad, raan_rad: raanForLtan(scenario.epochUtcMs, c.ltan_s / 3600), argp_rad: 0, meanAnomaly_rad: 0 };
    // The lattice (neighbour pairs, relative to the cluster's first row) from a scratch set: the same as build.ts's.
    const layout = buildCluster(reference, { shape: 'square', n: c.side, radius_m: c.radius_m }, new MeanElementSet(scenario.epochUtcMs, c.count));
    addClusterMesh({ ...layout, firstRow }, b, { diagonals: topology === 'mesh-diagonals' });
  }
}

/** User links (`network.links`), problems located in the scenario file. */
function addScenarioUserLinks(scenario: Scenario, names: readonly string[], b: LinkListBuilder): void {
  const pairs = scenario.network?.userLinks ?? [];
  if (pairs.length === 0) return;
  try {
    addUserLinks(pairs, names, b, 'network.links');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new ScenarioError([{ file: scenario.source, field: e.context.field ?? 'network.links', message: e.message, expected: e.context.expected ?? '', found: e.context.found ?? '' }], scenario.source);
  }
}

/**
 * Build the generated constellations of a scenario and their links, for `orbitdc links` and
 * `orbitdc route` (the fleet is generated here; the twin uses `twinNetworkLinks`).
 */
export function buildNetworkModel(scenario: Scenario, opts: { diagonals?: boolean } = {}): NetworkModel {
  const el = new MeanElementSet(scenario.epochUtcMs, Math.max(1, scenario.generatedCount));
  const b = new LinkListBuilder();
  const skipped: string[] = [];
  const shells: ShellInfo[] = [];
  scenario.constellations.forEach((c, i) => {
    const firstRow = el.count;
    if (c.kind === 'walker') {
      walker(c.pattern, { epochUtcMs: scenario.epochUtcMs, total: c.count, planes: c.planes, phasing: c.phasing, altitude_m: c.altitude_m, inclination_rad: c.inclination_rad, namePrefix: c.name, into: el });
    } else if (c.kind === 'sso') {
      const ltans = Array.from({ length: c.planes }, (_, p) => (c.ltan_s / 3600 + (24 * p) / c.planes) % 24);
      ssoPlanes({ epochUtcMs: scenario.epochUtcMs, altitude_m: c.altitude_m, ltans_h: ltans, satellitesPerPlane: c.perPlane, namePrefix: c.name, into: el });
    } else if (c.kind === 'cluster') {
      const reference = { a_m: c.a_m, e: 0, i_rad: c.inclination_rad, raan_rad: raanForLtan(scenario.epochUtcMs, c.ltan_s / 3600), argp_rad: 0, meanAnomaly_rad: 0 };
      buildCluster(reference, { shape: 'square', n: c.side, radius_m: c.radius_m, namePrefix: c.name }, el);
    } else {
      skipped.push(c.name);
      return;
    }
    addConstellationLinks(scenario, c, el, firstRow, topologyOf(scenario, i, opts.diagonals ?? false), b, shells);
  });
  addScenarioUserLinks(scenario, el.names, b);
  return { elements: el, links: b.build(), names: el.names, skipped };
}

/**
 * The candidate links of a built twin fleet (all rows: catalogs are nodes without designed
 * links) and its +Grid shells. Throws ScenarioError for user links naming unknown satellites.
 */
export function twinNetworkLinks(scenario: Scenario, built: BuiltFleet): { links: CandidateLinks; shells: ShellInfo[] } {
  const b = new LinkListBuilder();
  const shells: ShellInfo[] = [];
  const el = built.elements;
  for (const bc of built.constellations) {
    const c = bc.spec;
    if (c.kind === 'catalog' || !el) continue;
    addConstellationLinks(scenario, c, el, bc.from, topologyOf(scenario, c.index), b, shells);
  }
  const f = built.fleet;
  addScenarioUserLinks(scenario, Array.from({ length: f.count }, (_, i) => f.names[i] ?? ''), b);
  return { links: b.build(), shells };
}
