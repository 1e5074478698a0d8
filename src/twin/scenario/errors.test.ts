import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein, ScenarioError } from './errors.js';

describe('levenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(levenshtein('altitde_km', 'altitude_km')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('sta', 'sat')).toBe(1);
    expect(levenshtein('', 'abc')).toBe(3);
  });
});

describe('didYouMean', () => {
  const keys = ['type', 'total', 'planes', 'phasing', 'altitude_km', 'inclination_deg'];
  it('finds the intended key', () => {
    expect(didYouMean('altitde_km', keys)).toBe('altitude_km');
    expect(didYouMean('Planes', keys)).toBe('planes');
    expect(didYouMean('inclination', keys)).toBe('inclination_deg');
  });
  it('stays silent when nothing is close', () => {
    expect(didYouMean('economics', keys)).toBeUndefined();
    expect(didYouMean('x', keys)).toBeUndefined();
  });
});

describe('ScenarioError', () => {
  it('sorts file problems by position, --set problems after them, and lists all in its message', () => {
    const e = new ScenarioError(
      [
        { file: '--set seed=x', field: 'seed', message: 'wrong type' },
        { file: 'f.yaml', line: 9, column: 3, field: 'b', message: 'm2' },
        { file: 'f.yaml', line: 2, column: 5, field: 'a', message: 'm1', expected: '> 0', found: '-1' },
      ],
      'f.yaml',
    );
    expect(e.message).toBe(
      ['scenario f.yaml: 3 problems', '  f.yaml:2:5: a: m1 (expected > 0, found -1)', '  f.yaml:9:3: b: m2', '  --set seed=x: seed: wrong type'].join('\n'),
    );
    expect(e.code).toBe('E_INPUT');
    expect(e.context.line).toBe(2);
  });
});
