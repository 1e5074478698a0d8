/**
 * Typed errors with stable codes. Two families, after CesiumJS's DeveloperError/RuntimeError split:
 * - `InputError`: bad input a caller must be ready for (a file, a flag, a field); names where and
 *   what was expected and what came. The CLI prints these as one line and exits 2.
 * - `OrbitdcError` with another code: a condition the program hit while working.
 * The registry `ERROR_CODES` is the one list of codes; a test keeps README's table in step with it.
 */

export const ERROR_CODES = {
  E_INPUT: 'bad input (file, line, field, expected, found)',
  E_TLE: 'malformed TLE record',
  E_OMM: 'malformed OMM record',
  E_CATALOG_EMPTY: 'catalog holds no usable record',
  E_ARGUMENT: 'bad command-line argument or API argument',
  E_FILE: 'file cannot be read or written',
  E_RANGE: 'value out of its physical range',
  E_INTERNAL: 'internal invariant broken (a bug in orbitdc)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorContext {
  /** File the problem is in, as the user named it. */
  file?: string;
  /** 1-based line number in that file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Field or argument name (a dotted path where nested). */
  field?: string;
  /** What was expected, in words a user understands. */
  expected?: string;
  /** What was found instead (quoted, shortened). */
  found?: string;
}

export class OrbitdcError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrbitdcError';
    this.code = code;
    this.context = context;
  }

  /** One line for a terminal: `file:line: field: message (expected X, found Y)`. */
  toLine(): string {
    return formatProblem(this.message, this.context);
  }
}

/** Bad input: names file, line, field, what was expected and what came. */
export class InputError extends OrbitdcError {
  constructor(message: string, context: ErrorContext = {}, code: ErrorCode = 'E_INPUT', options?: { cause?: unknown }) {
    super(code, message, context, options);
    this.name = 'InputError';
  }
}

/** Shorten a found value for a message: quoted, newlines shown, at most 40 characters. */
export function quoteFound(value: unknown): string {
  let s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  s = s.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  if (s.length > 40) s = `${s.slice(0, 37)}...`;
  return typeof value === 'string' ? `"${s}"` : s;
}

export function formatProblem(message: string, ctx: ErrorContext): string {
  let where = '';
  if (ctx.file !== undefined) {
    where = ctx.file;
    if (ctx.line !== undefined) where += `:${ctx.line}`;
    if (ctx.column !== undefined) where += `:${ctx.column}`;
    where += ': ';
  } else if (ctx.line !== undefined) {
    where = `line ${ctx.line}: `;
  }
  const field = ctx.field !== undefined ? `${ctx.field}: ` : '';
  const detail: string[] = [];
  if (ctx.expected !== undefined) detail.push(`expected ${ctx.expected}`);
  if (ctx.found !== undefined) detail.push(`found ${ctx.found}`);
  return `${where}${field}${message}${detail.length ? ` (${detail.join(', ')})` : ''}`;
}

/** Throw an E_INTERNAL error: for invariants that only a bug in orbitdc can break. */
export function assertInternal(cond: unknown, message: string): asserts cond {
  if (!cond) throw new OrbitdcError('E_INTERNAL', message);
}
