import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from './errors.js';
import { FleetState } from './fleet.js';
import { hasValidPosition, Status, statusName } from './status.js';

describe('fleet state', () => {
  it('grows by doubling and keeps every column, built-in and added', () => {
    const f = new FleetState(2);
    const sunlit = f.addColumn('sunlit', Float64Array);
    sunlit[0] = 0.5;
    for (let i = 0; i < 1000; i++) {
      const row = f.append(1000 + i, `SAT-${i}`);
      f.x_m[row] = i;
    }
    expect(f.count).toBe(1000);
    expect(f.capacity).toBeGreaterThanOrEqual(1000);
    expect(f.x_m[999]).toBe(999);
    expect(f.id[0]).toBe(1000);
    expect(f.column('sunlit')[0]).toBe(0.5);
    expect(f.column('sunlit').length).toBe(f.capacity);
    expect(f.countStatus(Status.Unset)).toBe(1000);
  });

  it('refuses a column asked for with another type, and a missing column', () => {
    const f = new FleetState(4);
    f.addColumn('temp_K', Float64Array);
    expect(() => f.addColumn('temp_K', Uint8Array)).toThrow(/another type/);
    expect(() => f.column('dose_rad')).toThrow(/has not been added/);
  });

  it('status codes: SGP4 codes keep their numbers; names are documented', () => {
    expect(Status.Sgp4Decayed).toBe(6);
    expect(statusName(6)).toBe('Sgp4Decayed');
    expect(statusName(99)).toBe('Unknown(99)');
    expect(hasValidPosition(Status.Ok)).toBe(true);
    expect(hasValidPosition(Status.Sgp4Decayed)).toBe(false);
  });
});

describe('errors', () => {
  it('name file, line, column, field, expected and found in one line', () => {
    const e = new InputError('bad mean motion', { file: 'cat.tle', line: 12, column: 53, field: 'MEAN_MOTION', expected: 'a number of rev/day', found: '"1x.5"' });
    expect(e.toLine()).toBe('cat.tle:12:53: MEAN_MOTION: bad mean motion (expected a number of rev/day, found "1x.5")');
    expect(e.code).toBe('E_INPUT');
    expect(e).toBeInstanceOf(Error);
    expect(formatProblem('x', {})).toBe('x');
  });
});
