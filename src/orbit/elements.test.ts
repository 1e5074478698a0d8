import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { MeanElementSet } from './elements.js';

const base = { a_m: 7e6, e: 0.001, i_rad: 1, raan_rad: 2, argp_rad: 3, meanAnomaly_rad: 4 };

describe('MeanElementSet', () => {
  it('grows past its capacity keeping rows, defaults id = row + 1, plane = −1, B = 0', () => {
    const s = new MeanElementSet(0, 1);
    for (let k = 0; k < 100; k++) s.append({ ...base, a_m: 7e6 + k });
    expect(s.count).toBe(100);
    expect(s.capacity).toBeGreaterThanOrEqual(100);
    expect(s.a_m[99]).toBe(7e6 + 99);
    expect(s.get(41)).toEqual({ ...base, a_m: 7e6 + 41, id: 42, plane: -1, name: '', ballistic_m2_kg: 0 });
  });

  it.each([
    ['a_m', { a_m: -1 }], ['e', { e: 1 }], ['e', { e: -0.1 }], ['i_rad', { i_rad: 4 }],
    ['raan_rad', { raan_rad: Number.NaN }], ['ballistic_m2_kg', { ballistic_m2_kg: -1 }],
  ])('refuses an out-of-range %s with its field name', (field, patch) => {
    const s = new MeanElementSet(0);
    let caught: unknown;
    try { s.append({ ...base, ...patch }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).context.field).toBe(field);
    expect(s.count).toBe(0);
  });

  it('shares its columns through SharedArrayBuffers and wraps them back without copying', () => {
    const s = new MeanElementSet(123, 4);
    s.append({ ...base, plane: 7, name: 'x' });
    s.append({ ...base, a_m: 8e6 });
    const cols = s.toShared();
    expect(cols.a_m.buffer).toBeInstanceOf(SharedArrayBuffer);
    const w = MeanElementSet.fromColumns(123, cols, 2);
    expect(w.get(0).plane).toBe(7);
    cols.a_m[1] = 9e6;
    expect(w.a_m[1]).toBe(9e6);
    expect(() => MeanElementSet.fromColumns(123, cols, 3)).toThrow(/count exceeds/);
  });
});
