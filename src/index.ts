/** orbitdc public library entry point. */
export * from './core/index.js';
