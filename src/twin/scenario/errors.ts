/**
 * Scenario problems: every mistake in a scenario is collected as one `ScenarioProblem` (file,
 * line:column, dotted field path, expected, found) and thrown together in one `ScenarioError`, so
 * that a user fixes a file in one pass instead of one error per run.
 */
import { formatProblem, InputError, type ErrorCode, type ErrorContext } from '../../core/errors.js';

/** One problem in a scenario: where (file, line, column, field), what was expected, what came. */
export interface ScenarioProblem extends ErrorContext {
  /** What is wrong, in a few words ("unknown key", "must be a multiple of planes"). */
  message: string;
}

/** `file:line:col: field: message (expected X, found Y)`, the same line format as InputError. */
export function formatScenarioProblem(p: ScenarioProblem): string {
  const { message, ...ctx } = p;
  return formatProblem(message, ctx);
}

/** All problems of one scenario at once; `problems` is sorted by file, then line and column. */
export class ScenarioError extends InputError {
  readonly problems: readonly ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[], source: string, code: ErrorCode = 'E_INPUT') {
    const sorted = [...problems].sort(compareProblems);
    const n = sorted.length;
    const head = `scenario ${source}: ${n} problem${n === 1 ? '' : 's'}`;
    const message = [head, ...sorted.map((p) => `  ${formatScenarioProblem(p)}`)].join('\n');
    const first = sorted[0];
    const context: ErrorContext = {};
    if (first) {
      const { message: _m, ...ctx } = first;
      Object.assign(context, ctx);
    }
    super(message, context, code);
    this.name = 'ScenarioError';
    this.problems = sorted;
  }

  /** The whole report: the header and one line per problem. */
  override toLine(): string {
    return this.message;
  }
}

function compareProblems(a: ScenarioProblem, b: ScenarioProblem): number {
  // Problems from the file first (by position), then those from --set arguments, in order given.
  const fa = a.line === undefined ? 1 : 0;
  const fb = b.line === undefined ? 1 : 0;
  if (fa !== fb) return fa - fb;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Edit distance between two names: Levenshtein (insertions, deletions, substitutions) plus the
 * swap of two adjacent characters as one edit (optimal string alignment), the commonest typo.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const w = b.length + 1;
  const d = new Array<number>((a.length + 1) * w).fill(0);
  const at = (i: number, j: number): number => d[i * w + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * w + j] = v;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate a misspelt name most likely meant, or undefined when none is close:
 * - the same name in other case (`Altitude_km` → `altitude_km`);
 * - else the nearest by edit distance, within 3 edits and half the name's length (so that `x`
 *   does not "mean" `n`); ties go to the first listed;
 * - else the one candidate that the name abbreviates (`cell_eff` → `cell_efficiency`, at least
 *   3 characters).
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = name.toLowerCase();
  const sameCase = list.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of list) {
    const dist = levenshtein(name, c);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 2)));
  if (best !== undefined && bestD <= limit) return best;
  if (name.length >= 3) {
    const prefixed = list.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}
