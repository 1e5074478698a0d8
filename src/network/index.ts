export * from './linkbudget.js';
export * from './topology.js';
export * from './graph.js';
export * from './routing.js';
export * from './ground.js';
export * from './stage.js';
