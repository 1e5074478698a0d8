/** Compute operations: workloads, fleet capacity, scheduling, checkpoints, faults, energy management, replay. */
export * from './jobs.js';
export * from './inference.js';
export * from './traces.js';
export * from './synthetic.js';
export * from './cluster.js';
export * from './checkpoint.js';
export * from './faults.js';
export * from './forecast.js';
export * from './scheduler.js';
export * from './metrics.js';
export * from './maintenance.js';
export { simulate } from './simulate.js';
export { ReplayCore, DEFAULT_SDC_DETECTION, type SimulationOptions, type Outage, type RunState } from './replay-core.js';
