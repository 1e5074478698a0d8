/**
 * Load a scenario: read YAML (keeping every node's source range), apply `--set` overrides,
 * validate against the JSON Schema with every error collected (ajv allErrors), run the semantic
 * checks, and return the normalised SI `Scenario` (normalise.ts). Any problem anywhere ends in
 * one `ScenarioError` that lists them all, each with file:line:column, the dotted field path,
 * what was expected and what was found. Unknown keys get a "did you mean".
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { quoteFound } from '../../core/errors.js';
import { didYouMean, ScenarioError, type ScenarioProblem } from './errors.js';
import { normaliseScenario, type Issue, type NormaliseContext, type Scenario } from './normalise.js';
import { applyOverrides, formatPath, isUnder, parseOverrides, type Override, type PathSegment } from './overrides.js';
import { PRESET_PREFIX, presetPath } from './presets.js';
import { CONSTELLATION_KINDS, PATTERNS, scenarioJsonSchema, type ScenarioFile } from './schema.js';

export interface LoadOptions {
  /** `--set path=value` arguments, applied in order after the file is read. */
  set?: readonly string[];
}

export interface LoadTextOptions extends LoadOptions {
  /** Name shown in messages (a path as the user gave it, or `preset:NAME`). */
  file: string;
  /** Folder that relative catalog paths start from. */
  baseDir: string;
  /** Scenario name when the file gives none. */
  defaultName: string;
}

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  // verbose: errors carry their parentSchema, whose `properties` give the allowed keys for
  // "did you mean"; useDefaults: the schema's documented defaults are filled in while validating;
  // strictRequired off: the constellation oneOf names keys defined one level up (`properties`).
  validator ??= new Ajv2020({ allErrors: true, verbose: true, useDefaults: true, strict: true, strictRequired: false }).compile(scenarioJsonSchema());
  return validator;
}

/**
 * Load `path` (a YAML file) or `preset:NAME`, apply `opts.set`, validate and normalise.
 * Throws `ScenarioError` (an `InputError`) listing every problem; E_FILE when unreadable.
 */
export function loadScenario(pathOrPreset: string, opts: LoadOptions = {}): Scenario {
  let path: string;
  let defaultName: string;
  if (pathOrPreset.startsWith(PRESET_PREFIX)) {
    defaultName = pathOrPreset.slice(PRESET_PREFIX.length);
    path = presetPath(defaultName);
  } else {
    path = pathOrPreset;
    defaultName = basename(path, extname(path));
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ScenarioError([{ file: pathOrPreset, message: 'cannot read scenario file', expected: 'a readable YAML file', found: code }], pathOrPreset, 'E_FILE');
  }
  return loadScenarioText(text, { ...opts, file: pathOrPreset, baseDir: dirname(resolvePath(path)), defaultName });
}

/** Same as `loadScenario` for YAML text already in memory (API requests, tests). */
export function loadScenarioText(text: string, opts: LoadTextOptions): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  if (doc.errors.length > 0) {
    // Syntax first: schema messages about a half-parsed file would only add noise.
    const problems = doc.errors.map((e) => ({ file: opts.file, ...at(e.pos[0]), message: `YAML syntax: ${e.message.split('\n')[0] ?? ''}` }));
    throw new ScenarioError(problems, opts.file);
  }

  const setArgs = opts.set ?? [];
  const parsed = parseOverrides(setArgs);
  const problems: ScenarioProblem[] = [...parsed.problems, ...applyOverrides(doc, parsed.overrides)];
  const locate = makeLocator(doc, opts.file, parsed.overrides, at);

  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined) {
    problems.push({ file: opts.file, line: 1, column: 1, message: 'scenario is empty', expected: 'a mapping with epoch, duration, designs and constellations' });
    throw new ScenarioError(problems, opts.file);
  }
  const validate = getValidator();
  const ctx: NormaliseContext = { baseDir: opts.baseDir, defaultName: opts.defaultName, source: opts.file, overrides: [...setArgs] };
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    problems.push(...schemaProblems(errors, data, locate));
    // Semantic checks on the parts the schema accepted, so that one pass reports everything.
    // The top level must be the right shape for them to start.
    const errorPaths = errors.map(errorPath);
    const top = data as Partial<Record<string, unknown>>;
    if (!errorPaths.some((p) => p.length === 0) && typeof top.designs === 'object' && Array.isArray(top.constellations)) {
      ctx.schemaErrorAt = (path) => errorPaths.some((p) => isUnder(p, path) || (p.length < path.length && p.length > 1 && isUnder(path, p)));
      try {
        problems.push(...normaliseScenario(data as ScenarioFile, ctx).problems.map((i) => issueToProblem(i, locate)));
      } catch {
        // A shape the schema already complained about; its problems are reported above.
      }
    }
    throw new ScenarioError(problems, opts.file);
  }
  const result = normaliseScenario(data as ScenarioFile, ctx);
  problems.push(...result.problems.map((i) => issueToProblem(i, locate)));
  if (problems.length > 0 || !result.scenario) throw new ScenarioError(problems, opts.file);
  return { ...result.scenario, warnings: result.warnings.map((i) => issueToProblem(i, locate)) };
}

type Locator = (path: readonly PathSegment[], atKey?: boolean) => Pick<ScenarioProblem, 'file' | 'line' | 'column'>;

function issueToProblem(i: Issue, locate: Locator): ScenarioProblem {
  const p: ScenarioProblem = { ...locate(i.path), field: formatPath(i.path), message: i.message };
  if (i.expected !== undefined) p.expected = i.expected;
  if (i.found !== undefined) p.found = i.found;
  return p;
}

/**
 * Where a field path lies: the `--set` argument that wrote it, or file:line:column of its value
 * (of its key when `atKey`; of the nearest existing parent when the field is missing).
 */
function makeLocator(doc: Document, file: string, overrides: readonly Override[], at: (o: number) => { line: number; column: number }): Locator {
  // The last override that wrote `path` or a parent of it; with `orBelow`, also one that wrote
  // below it (a key that only exists because --set created it).
  const overrideFor = (path: readonly PathSegment[], orBelow: boolean): Override | undefined => {
    for (let k = overrides.length - 1; k >= 0; k--) {
      const ov = overrides[k] as Override;
      if (isUnder(path, ov.path) || (orBelow && isUnder(ov.path, path))) return ov;
    }
    return undefined;
  };
  return (path, atKey = false) => {
    const written = overrideFor(path, false);
    if (written) return { file: `--set ${written.arg}` };
    let node: unknown = doc.contents;
    let range: readonly number[] | undefined = (node as { range?: number[] } | null)?.range;
    for (let k = 0; k < path.length; k++) {
      if (isAlias(node)) node = node.resolve(doc);
      const seg = path[k] as PathSegment;
      let next: unknown;
      let nextRange: readonly number[] | undefined;
      if (isMap(node) && typeof seg === 'string') {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === seg);
        next = pair?.value;
        nextRange = atKey && k === path.length - 1 && isScalar(pair?.key) ? (pair.key.range ?? undefined) : (next as { range?: number[] } | null | undefined)?.range;
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
        nextRange = (next as { range?: number[] } | null | undefined)?.range;
      }
      if (next !== undefined && nextRange === undefined) {
        // A node without a source range was created by --set.
        const created = overrideFor(path.slice(0, k + 1), true);
        if (created) return { file: `--set ${created.arg}` };
      }
      if (!nextRange) break;
      node = next;
      range = nextRange;
    }
    return { file, ...at(range?.[0] ?? 0) };
  };
}

/** The value at a JSON pointer in the data (for "found"). */
function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The field an error is about: the offending key for unknown/missing/bad-name keys, else the value. */
function errorPath(e: ErrorObject): PathSegment[] {
  const path = pointerToPath(e.instancePath);
  const p = e.params as { additionalProperty?: string; missingProperty?: string; propertyName?: string };
  const key = e.keyword === 'additionalProperties' ? p.additionalProperty : e.keyword === 'required' ? p.missingProperty : e.keyword === 'propertyNames' ? p.propertyName : undefined;
  return key === undefined ? path : [...path, key];
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A found value in words: quoted strings, numbers as written, "a mapping", "a list", "nothing". */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return quoteFound(v);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
};

function firstSentence(text: unknown): string {
  if (typeof text !== 'string') return '';
  const s = text.split(/(?<=\.)\s/)[0] ?? text;
  return s.length > 110 ? `${s.slice(0, 107)}...` : s;
}

function schemaProblems(errors: readonly ErrorObject[], data: unknown, locate: Locator): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const seen = new Set<string>();
  const push = (path: PathSegment[], atKey: boolean, message: string, expected?: string, found?: string): void => {
    const key = `${formatPath(path)}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const p: ScenarioProblem = { ...locate(path, atKey), field: formatPath(path) || '(top level)', message };
    if (expected !== undefined) p.expected = expected;
    if (found !== undefined) p.found = found;
    out.push(p);
  };
  // A misspelt required key is one mistake: "unknown key (did you mean X?)" says it all, so the
  // "missing required key X" it causes is dropped.
  const suggested = new Set<string>();
  const missing: ScenarioProblem[] = [];
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    const value = valueAt(data, path);
    const parent = e.parentSchema as { properties?: Record<string, { description?: string; type?: string }> } | undefined;
    // The `required` branches of a constellation's oneOf are reported by the oneOf itself.
    if (e.keyword === 'required' && e.schemaPath.includes('/oneOf/')) continue;
    // propertyNames reports the name's own error too; one message is enough.
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const allowed = Object.keys(parent?.properties ?? {}).filter((k) => k !== '$schema');
        const guess = didYouMean(key, allowed);
        if (guess !== undefined) suggested.add(formatPath([...path, guess]));
        push([...path, key], true, `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`, `one of ${allowed.join(', ')}`, quoteFound(key));
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        const sub = parent?.properties?.[key];
        const what = TYPE_WORDS[sub?.type ?? ''] ?? 'a value';
        const before = out.length;
        push([...path, key], false, `missing required key "${key}"`, `${what}: ${firstSentence(sub?.description)}`);
        if (out.length > before) missing.push(out.pop() as ScenarioProblem);
        break;
      }
      case 'propertyNames': {
        const name = String((e.params as { propertyName: string }).propertyName);
        push([...path, name], true, 'bad name', PATTERNS.name.hint, quoteFound(name));
        break;
      }
      case 'oneOf': {
        const present = CONSTELLATION_KINDS.filter((k) => value !== null && typeof value === 'object' && k in value);
        if (present.length === 0) push(path, false, 'no orbit source', `exactly one of ${CONSTELLATION_KINDS.join(', ')}`, 'none');
        else push(path, false, 'more than one orbit source; keep one', `exactly one of ${CONSTELLATION_KINDS.join(', ')}`, present.join(' and '));
        break;
      }
      case 'type': {
        const t = String((e.params as { type: string }).type);
        push(path, false, 'wrong type', TYPE_WORDS[t] ?? t, describe(value));
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        const guess = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
        push(path, false, `not an allowed value${guess ? ` (did you mean "${guess}"?)` : ''}`, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, describe(value));
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const { comparison, limit } = e.params as { comparison: string; limit: number };
        const op = comparison === '>=' ? '≥' : comparison === '<=' ? '≤' : comparison;
        push(path, false, 'out of range', `${op} ${limit}`, describe(value));
        break;
      }
      case 'pattern': {
        const pattern = String((e.params as { pattern: string }).pattern);
        const hint = Object.values(PATTERNS).find((p) => p.re === pattern)?.hint ?? `text matching ${pattern}`;
        push(path, false, 'bad format', hint, describe(value));
        break;
      }
      case 'minLength':
        push(path, false, 'must not be empty', 'a non-empty string', describe(value));
        break;
      case 'minItems':
        push(path, false, 'list is empty', `at least ${(e.params as { limit: number }).limit} entry`, 'an empty list');
        break;
      case 'minProperties':
        push(path, false, 'mapping is empty', `at least ${(e.params as { limit: number }).limit} entry`, 'an empty mapping');
        break;
      default:
        push(path, false, e.message ?? e.keyword, undefined, describe(value));
    }
  }
  return [...out, ...missing.filter((p) => !suggested.has(p.field ?? ''))];
}
