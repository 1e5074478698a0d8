import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyOverrides, formatPath, parseOverrides, parsePath, type PathSegment } from './overrides.js';

describe('parsePath / formatPath', () => {
  it('reads dotted keys, list indices and quoted keys', () => {
    expect(parsePath('seed')).toEqual(['seed']);
    expect(parsePath('constellations[0].walker.altitude_km')).toEqual(['constellations', 0, 'walker', 'altitude_km']);
    expect(parsePath('designs["tpu.v6e"].mass_kg')).toEqual(['designs', 'tpu.v6e', 'mass_kg']);
  });

  it('says what is wrong with a bad path', () => {
    expect(() => parsePath('a..b')).toThrow('empty key at character 3');
    expect(() => parsePath('a[x]')).toThrow('neither a list index');
    expect(() => parsePath('a[0')).toThrow('unclosed "["');
    expect(() => parsePath('a.')).toThrow('path ends with "."');
    expect(() => parsePath('')).toThrow('empty path');
  });

  it('round-trips any path (property test)', () => {
    const seg: fc.Arbitrary<PathSegment> = fc.oneof(fc.nat(1000), fc.string({ minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 6 }).filter((p) => typeof p[0] === 'string'), (path) => {
        expect(parsePath(formatPath(path))).toEqual(path);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseOverrides / applyOverrides', () => {
  it('reads values as YAML', () => {
    const { overrides, problems } = parseOverrides(['a=600', 'b=true', 'c="18:00"', 'd=18:00', 'e={x: 1}', 'f=']);
    expect(problems).toEqual([]);
    expect(overrides.map((o) => o.value)).toEqual([600, true, '18:00', '18:00', { x: 1 }, null]);
  });

  it('sets values in place, creating missing mappings, and refuses impossible paths', () => {
    const doc = parseDocument('a: { b: 1 }\nlist: [ { x: 1 } ]\n');
    const { overrides } = parseOverrides(['a.b=2', 'a.c.d=3', 'list[0].x=4', 'list[1].x=5', 'a.b.z=6', 'list.x=7']);
    const problems = applyOverrides(doc, overrides);
    expect(doc.toJS()).toEqual({ a: { b: 2, c: { d: 3 } }, list: [{ x: 4 }] });
    expect(problems.map((p) => p.message)).toEqual([
      'index out of range: list has 1 entry',
      'cannot set key "z": a.b is the value 2',
      'cannot set key "x": list is a list',
    ]);
  });
});
