/** Parsing of command-line values into SI, with errors that name the flag, expected and found. */
import { InputError, quoteFound } from '../core/errors.js';
import { parseIsoUtc } from '../core/time.js';

export function parseNumber(flag: string, text: string | undefined, opts: { min?: number; max?: number; integer?: boolean; unit?: string } = {}): number {
  const v = text === undefined || text.trim() === '' ? NaN : Number(text);
  const what = `${opts.integer ? 'an integer' : 'a number'}${opts.unit ? ` [${opts.unit}]` : ''}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.max !== undefined ? ` ≤ ${opts.max}` : ''}`;
  if (!Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    throw new InputError('bad value', { field: flag, expected: what, found: quoteFound(text ?? '') });
  }
  return v;
}

export function parseTime(flag: string, text: string | undefined): number {
  if (text === undefined) throw new InputError('missing value', { field: flag, expected: 'an ISO-8601 UTC time' });
  return parseIsoUtc(text, flag);
}

/** HH:MM local time → hours (e.g. an LTAN of 18:00 → 18). */
export function parseClock(flag: string, text: string | undefined): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new InputError('bad local time', { field: flag, expected: 'HH:MM, e.g. 18:00', found: quoteFound(text ?? '') });
  }
  return Number(m[1]) + Number(m[2]) / 60;
}

export function parseChoice<T extends string>(flag: string, text: string | undefined, choices: readonly T[]): T {
  if (text !== undefined && (choices as readonly string[]).includes(text)) return text as T;
  throw new InputError('bad choice', { field: flag, expected: `one of ${choices.join(', ')}`, found: quoteFound(text ?? '') });
}
