/**
 * The `workload` section of summary.json: the compute stage's metrics without its long arrays
 * (the utilization/queue series and the fault timeline go to report.html), every number rounded
 * to 12 significant digits as the rest of summary.json, non-finite values null.
 */
import type { ComputeRunMetrics } from './compute-stage.js';

/** What the stage assumes, echoed in summary.json. */
export const COMPUTE_ASSUMPTIONS: readonly string[] = [
  'compute demand = what the scheduler runs: running accelerators at full power, powered idle ones at idle_power_fraction, failed satellites none',
  'placement domains: a formation cluster (9.6 Tbit/s links), one satellite, or with a `network` section placement_span consecutive in-plane satellites of a +Grid shell (bandwidth: the in-plane link budget, 0 while a link is down); a job runs inside one domain',
  'power forecast: sunlit fraction one orbit earlier at the same phase (orbit persistence), battery from the twin each step',
  'power shortfall: jobs on a satellite whose power for compute cannot carry them stop at the step start and are requeued',
  'thermal cap: each satellite runs at most the chips its radiator can carry over the coming step (node temperature from the twin, environment heat at the larger of the sunlit fraction now and its forecast), like the power cap; idle chips keep their idle draw',
  'losses with a workload: delivered = work of running chips; idle draw, dead chips, failed or offline satellites and the twin\'s throttling are split out (summary compute.losses_*)',
  'a crashed chip costs its job the restart time, not the chip',
];

const round = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(12)) : null);

function deep(x: unknown): unknown {
  if (typeof x === 'number') return round(x);
  if (Array.isArray(x)) return x.map(deep);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, deep(v)]));
  return x;
}

export function workloadSummary(m: ComputeRunMetrics): Record<string, unknown> {
  // The nameplate split goes to compute.losses_* (summarise.ts), its series to report.html.
  const { series, faultTimeline, losses: _losses, lossSeries: _lossSeries, ...rest } = m;
  const every = series.time_s.length > 1 ? series.time_s[1]! - series.time_s[0]! : null;
  return deep({
    ...rest,
    series: { samples: series.time_s.length, every_s: every },
    faultTimeline: { logged: faultTimeline.time_s.length },
    assumptions: [...COMPUTE_ASSUMPTIONS],
  }) as Record<string, unknown>;
}
