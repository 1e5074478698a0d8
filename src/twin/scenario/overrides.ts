/**
 * Command-line overrides: `--set path=value`, applied to the parsed YAML document before
 * validation, so that an overridden value is checked exactly like one written in the file.
 *
 * - `path` is dotted with list indices: `seed`, `constellations[0].walker.altitude_km`,
 *   `designs.sat.battery.capacity_Wh`; a key with other characters is quoted:
 *   `designs["tpu.v6e"].mass_kg`.
 * - `value` is read as YAML: `600` is a number, `true` a boolean, `"18:00"` or `18:00` a string,
 *   `{total: 10, planes: 2}` a mapping. An empty value is null.
 * - Missing mappings along the path are created (`designs.sat.thermal_limits.chip_max_C=90` works
 *   when the file has no `thermal_limits`); list indices must exist. Unknown keys are caught by
 *   the schema and reported against the `--set` argument, with a "did you mean".
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, YAMLMap, type Document, type Node } from 'yaml';
import type { ScenarioProblem } from './errors.js';

export type PathSegment = string | number;

/** One parsed `--set` argument. */
export interface Override {
  /** The argument as given (`constellations[0].walker.altitude_km=600`). */
  arg: string;
  path: PathSegment[];
  value: unknown;
}

const KEY_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

/** Dotted path text of segments: `constellations[0].walker.altitude_km`. */
export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) s += s === '' ? seg : `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** Parse `a.b[0]["c.d"]` into segments; throws an Error saying what is wrong on bad syntax. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let expectKey = true;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const rest = text.slice(i);
      // A quoted key is a JSON string (escapes allowed, "]" inside it allowed); else an index.
      const m = /^\[\s*(\d+|"(?:[^"\\]|\\.)*")\s*\]/.exec(rest);
      if (!m) {
        if (!rest.includes(']')) throw new Error(`unclosed "[" at character ${i + 1}`);
        throw new Error(`"${rest.slice(0, rest.indexOf(']') + 1)}" is neither a list index [0] nor a quoted key ["name"]`);
      }
      const inner = m[1] as string;
      out.push(inner.startsWith('"') ? (JSON.parse(inner) as string) : Number(inner));
      i += m[0].length;
      expectKey = false;
    } else if (ch === '.') {
      if (expectKey) throw new Error(`empty key at character ${i + 1}`);
      i++;
      expectKey = true;
    } else {
      if (!expectKey) throw new Error(`expected "." or "[" at character ${i + 1}`);
      const m = KEY_RE.exec(text.slice(i));
      if (!m) throw new Error(`bad character ${JSON.stringify(ch)} at character ${i + 1}`);
      out.push(m[0]);
      i += m[0].length;
      expectKey = false;
    }
  }
  if (out.length === 0) throw new Error('empty path');
  if (expectKey) throw new Error('path ends with "."');
  return out;
}

/** Parse `--set` arguments; bad ones become problems (file "--set ARG"), good ones overrides. */
export function parseOverrides(args: readonly string[]): { overrides: Override[]; problems: ScenarioProblem[] } {
  const overrides: Override[] = [];
  const problems: ScenarioProblem[] = [];
  for (const arg of args) {
    const file = `--set ${arg}`;
    const eq = arg.indexOf('=');
    if (eq < 0) {
      problems.push({ file, message: 'missing "="', expected: 'path=value, e.g. constellations[0].walker.altitude_km=600', found: JSON.stringify(arg) });
      continue;
    }
    const pathText = arg.slice(0, eq).trim();
    let path: PathSegment[];
    try {
      path = parsePath(pathText);
    } catch (e) {
      problems.push({ file, message: `bad path: ${(e as Error).message}`, expected: 'a dotted path such as designs.sat.mass_kg or constellations[0].walker.total', found: JSON.stringify(pathText) });
      continue;
    }
    const valueDoc = parseDocument(arg.slice(eq + 1));
    if (valueDoc.errors.length > 0) {
      problems.push({ file, field: formatPath(path), message: `value is not valid YAML: ${valueDoc.errors[0]?.message.split('\n')[0] ?? ''}`, found: JSON.stringify(arg.slice(eq + 1)) });
      continue;
    }
    overrides.push({ arg, path, value: valueDoc.toJS() as unknown });
  }
  return { overrides, problems };
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  return 'nothing';
}

/**
 * Apply overrides to a document in place. Returns problems for paths that cannot be followed
 * (index out of range, a key into a list, a step into a scalar). The schema checks the rest.
 */
export function applyOverrides(doc: Document, overrides: readonly Override[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const ov of overrides) {
    const file = `--set ${ov.arg}`;
    if (!isMap(doc.contents)) doc.contents = new YAMLMap() as unknown as typeof doc.contents;
    let node: unknown = doc.contents;
    let ok = true;
    for (let k = 0; k < ov.path.length && ok; k++) {
      const seg = ov.path[k] as PathSegment;
      const last = k === ov.path.length - 1;
      const here = formatPath(ov.path.slice(0, k)) || '(top level)';
      node = resolve(doc, node);
      if (typeof seg === 'number') {
        if (!isSeq(node)) {
          problems.push({ file, field: formatPath(ov.path.slice(0, k + 1)), message: `cannot index [${seg}]: ${here} is ${kindOf(node)}`, expected: 'a list' });
          ok = false;
        } else if (seg >= node.items.length) {
          const n = node.items.length;
          problems.push({
            file,
            field: formatPath(ov.path.slice(0, k + 1)),
            message: `index out of range: ${here} has ${n} entr${n === 1 ? 'y' : 'ies'}`,
            expected: n > 1 ? `an index 0 to ${n - 1}` : n === 1 ? 'index 0' : 'an existing entry',
            found: String(seg),
          });
          ok = false;
        } else if (last) {
          node.items[seg] = doc.createNode(ov.value);
        } else {
          node = node.items[seg];
        }
      } else {
        if (!isMap(node)) {
          problems.push({ file, field: formatPath(ov.path.slice(0, k + 1)), message: `cannot set key "${seg}": ${here} is ${kindOf(node)}`, expected: isSeq(node) ? 'an index such as [0]' : 'a mapping' });
          ok = false;
        } else if (last) {
          node.set(doc.createNode(seg), doc.createNode(ov.value));
        } else {
          let child = resolve(doc, node.get(seg, true));
          if (child === undefined || (isScalar(child) && child.value === null)) {
            child = new YAMLMap();
            node.set(doc.createNode(seg), child);
          }
          node = child as Node;
        }
      }
    }
  }
  return problems;
}

/** True when `path` lies at or below `prefix`. */
export function isUnder(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}
