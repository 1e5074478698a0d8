/** orbitdc public library entry point: one namespace per domain, re-exported flat. */
export * from './core/index.js';
export * from './orbit/index.js';
export * from './environment/index.js';
