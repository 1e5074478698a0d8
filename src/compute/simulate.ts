/**
 * Trace replay: `simulate()` drives the replay core (replay-core.ts) over a fixed step grid from
 * the first submit until all work is done (or `end_s`), jumping idle gaps to the next arrival's
 * step. What happens at a boundary and inside a step, and in which order, is documented there.
 */
import { noProgress } from '../core/progress.js';
import type { FleetCapacity } from './cluster.js';
import type { JobTable } from './jobs.js';
import type { ReplayMetrics } from './metrics.js';
import { ReplayCore, type SimulationOptions } from './replay-core.js';

export { ReplayCore, DEFAULT_SDC_DETECTION, type SimulationOptions, type Outage, type RunState } from './replay-core.js';

export function simulate(jobs: JobTable, fleet: FleetCapacity, o: SimulationOptions): ReplayMetrics {
  const core = new ReplayCore(jobs, fleet, o);
  const n = jobs.count;
  const t0 = core.begin(o.start_s);
  const hardEnd = o.end_s ?? Math.max(core.lastSubmit_s, core.demandEnd_s) + 365.25 * 86_400;
  const progress = o.progress ?? noProgress;
  let t = t0;
  for (let k = 1; ; k++) {
    core.boundary(t);
    if (core.finishedAt(t) || t >= hardEnd) break;
    const t1 = core.nextStepFrom(t, t0, hardEnd);
    core.interval(t, t1);
    t = t1;
    if ((k & 1023) === 0) progress(n > 0 ? core.progressCount : t - t0, n > 0 ? 2 * n : core.demandEnd_s - t0);
  }
  progress(1, 1);
  return core.metrics();
}
