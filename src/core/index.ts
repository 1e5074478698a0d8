export * from './units.js';
export * from './errors.js';
export * from './time.js';
export * from './vec3.js';
export * from './rng.js';
export * from './status.js';
export * from './fleet.js';
export * from './progress.js';
