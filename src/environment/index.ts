export * from './sun.js';
export * from './shadow.js';
export * from './beta.js';
export * from './eclipse.js';
export * from './radiation.js';
