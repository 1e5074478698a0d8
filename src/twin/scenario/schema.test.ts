import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './index.js';

type Json = Record<string, unknown>;

/** Every object schema in the tree with its path. */
function* walk(node: unknown, path: string): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) yield* walk(x, `${path}/${i}`);
    return;
  }
  const o = node as Json;
  yield [path, o];
  for (const [k, v] of Object.entries(o)) yield* walk(v, `${path}/${k}`);
}

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema();

  it('is a valid draft 2020-12 schema (ajv checks it against the meta-schema)', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: true, strictRequired: false, validateSchema: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('is plain JSON (no TypeBox symbols) and a fresh object each call', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(scenarioJsonSchema()).not.toBe(schema);
  });

  it('documents every property, and every default says so in its description', () => {
    let props = 0;
    for (const [path, o] of walk(schema, '#')) {
      const properties = o.properties as Record<string, Json> | undefined;
      if (properties) expect(o.additionalProperties, `${path} closed to unknown keys`).toBe(false);
      for (const [k, p] of Object.entries(properties ?? {})) {
        props++;
        expect(typeof p.description, `${path}/${k} has a description`).toBe('string');
        if (p.default !== undefined && typeof p.default !== 'object') {
          expect(p.description as string, `${path}/${k} states its default`).toMatch(/Default/);
        }
      }
    }
    expect(props).toBeGreaterThan(50);
  });

  it('has the sections of the issues so far, and nothing else at the top (unknown keys are errors)', () => {
    const top = Object.keys(schema.properties as Json);
    expect(top).toContain('economics'); // issue 4
    expect(top).toContain('workload'); // issue 5
    expect(top).toContain('network'); // issue 6
    expect(schema.additionalProperties).toBe(false);
  });
});
