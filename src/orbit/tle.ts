/**
 * Two-line element sets (TLE): reader and writer.
 *
 * Format: CelesTrak "Definition of Two-line Element Set Coordinate System" and Vallado et al. 2006
 * (AIAA 2006-6753, appendix): fixed columns, 69 characters a line, a modulo-10 checksum in column
 * 69 (digits count their value, '-' counts 1). Catalog numbers above 99,999 use Alpha-5 (a letter
 * for the leading two digits, I and O skipped: A = 10 … Z = 33), so 5 columns reach 339,999.
 *
 * Reading is tolerant of what real files hold: 2-line and 3-line records mixed, a UTF-8 byte-order
 * mark, CRLF, trailing blanks, Space-Track's "0 " prefix on name lines. It is strict about what
 * changes an orbit: a bad checksum, a field that does not parse or a line-1/line-2 catalog-number
 * mismatch skips the record (a `SkippedRecord` naming file, line, field, expected and found) and
 * the rest still loads.
 */
import { formatProblem, OrbitdcError, quoteFound } from '../core/errors.js';
import { MS_PER_DAY } from '../core/time.js';
import type { OrbitRecord, SkippedRecord } from './record.js';

/** Alpha-5 letters: A–Z without I and O (they read as 1 and 0), worth 10…33. */
const ALPHA5 = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Largest catalog number five TLE columns can hold (Alpha-5 "Z9999"). */
export const TLE_MAX_CATALOG_NUMBER = 339_999;

/** Decode a 5-column catalog number (digits or Alpha-5); NaN when it is neither. */
export function decodeAlpha5(field: string): number {
  const s = field.trim();
  if (/^\d{1,5}$/.test(s)) return Number(s);
  if (/^[A-Z]\d{4}$/.test(s)) {
    const k = ALPHA5.indexOf(s[0]!);
    if (k < 0) return Number.NaN;
    return (k + 10) * 10_000 + Number(s.slice(1));
  }
  return Number.NaN;
}

/** Encode a catalog number for TLE columns 3–7 (zero-padded digits, Alpha-5 above 99,999). */
export function encodeAlpha5(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > TLE_MAX_CATALOG_NUMBER) {
    throw new OrbitdcError('E_RANGE', 'catalog number does not fit in a TLE', {
      field: 'NORAD_CAT_ID', expected: `an integer 0..${TLE_MAX_CATALOG_NUMBER}`, found: String(n),
    });
  }
  if (n <= 99_999) return String(n).padStart(5, '0');
  const lead = Math.floor(n / 10_000);
  return `${ALPHA5[lead - 10]!}${String(n % 10_000).padStart(4, '0')}`;
}

/** TLE checksum of the first 68 columns: sum of digits, each '-' counting 1, modulo 10. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const n = Math.min(68, line.length);
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

export interface TleParseOptions {
  /** Verify column-69 checksums (default true). Vallado's verification file breaks some on purpose. */
  verifyChecksum?: boolean;
  /** Accept text after column 69 (Vallado's verification file appends start/stop/step there). */
  allowTrailingText?: boolean;
}

export interface TleParseResult {
  records: OrbitRecord[];
  /** 1-based line of line 1 of each record, parallel to `records`. */
  lines: number[];
  skipped: SkippedRecord[];
}

class FieldProblem {
  constructor(readonly field: string, readonly expected: string, readonly found: string, readonly lineOffset: number) {}
}

/** Read a TLE "assumed decimal point" exponent field (" 12345-5" = 0.12345e-5); NaN if malformed. */
export function parseTleExponent(field: string): number {
  const s = field.trim();
  if (s === '') return 0;
  const m = /^([+-]?)(\d{1,5})([+-])(\d)$/.exec(s);
  if (!m) return Number.NaN;
  // Built as a decimal string so the double equals what satellite.js and Vallado's C++ parse.
  return Number(`${m[1]}0.${m[2]!.padStart(5, '0')}e${m[3]}${m[4]}`);
}

function parseFixed(field: string): number {
  const s = field.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

function epochFromTle(yy: number, day: number): number {
  // Two-digit years 57–99 are 1957–1999, 00–56 are 2000–2056 (the TLE convention, Vallado 2006).
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  return Date.UTC(year, 0, 1) + (day - 1) * MS_PER_DAY;
}

function objectIdFromIntl(intl: string): string {
  const s = intl.trim();
  const m = /^(\d{2})(\d{3})([A-Z]{0,3})$/.exec(s);
  if (!m) return s;
  const yy = Number(m[1]);
  return `${yy < 57 ? 2000 + yy : 1900 + yy}-${m[2]}${m[3]}`;
}

function intlFromObjectId(objectId: string): string {
  const m = /^\d{2}(\d{2})-(\d{3})([A-Z]{0,3})$/.exec(objectId.trim());
  return m ? `${m[1]}${m[2]}${m[3]}`.padEnd(8, ' ') : ''.padEnd(8, ' ');
}

/** Parse one record's two lines; throws FieldProblem on the first bad field. */
function parsePair(name: string, l1: string, l2: string, opts: Required<TleParseOptions>): OrbitRecord {
  for (const [k, line] of [[0, l1], [1, l2]] as const) {
    if (line.length < 69) throw new FieldProblem('line length', '69 columns', `${line.length} columns`, k);
    if (line.length > 69 && !opts.allowTrailingText && line.slice(69).trim() !== '') {
      throw new FieldProblem('line length', '69 columns', `${line.length} columns`, k);
    }
    if (opts.verifyChecksum) {
      const want = tleChecksum(line);
      const got = line[68]!;
      if (got !== String(want)) throw new FieldProblem('checksum', `${want}`, quoteFound(got), k);
    }
  }
  const id1 = decodeAlpha5(l1.slice(2, 7));
  if (Number.isNaN(id1)) throw new FieldProblem('NORAD_CAT_ID', 'a catalog number (digits or Alpha-5)', quoteFound(l1.slice(2, 7)), 0);
  const id2 = decodeAlpha5(l2.slice(2, 7));
  if (id2 !== id1) throw new FieldProblem('NORAD_CAT_ID', `line 2 to repeat ${l1.slice(2, 7)}`, quoteFound(l2.slice(2, 7)), 1);

  const yyField = l1.slice(18, 20);
  const dayField = l1.slice(20, 32);
  const yy = /^\d{2}$/.test(yyField) ? Number(yyField) : Number.NaN;
  const day = parseFixed(dayField);
  if (Number.isNaN(yy) || Number.isNaN(day) || day < 1 || day >= 367) {
    throw new FieldProblem('EPOCH', 'YYDDD.DDDDDDDD in columns 19-32', quoteFound(l1.slice(18, 32)), 0);
  }
  const num = (line: string, a: number, b: number, field: string, k: number, lo: number, hi: number, what: string): number => {
    const v = parseFixed(line.slice(a, b));
    if (Number.isNaN(v) || v < lo || v > hi) throw new FieldProblem(field, what, quoteFound(line.slice(a, b)), k);
    return v;
  };
  const ndot = num(l1, 33, 43, 'MEAN_MOTION_DOT', 0, -1, 1, 'a decimal like " .00001234" in columns 34-43');
  const nddot = parseTleExponent(l1.slice(44, 52));
  if (Number.isNaN(nddot)) throw new FieldProblem('MEAN_MOTION_DDOT', 'an exponent field like " 12345-5" in columns 45-52', quoteFound(l1.slice(44, 52)), 0);
  const bstar = parseTleExponent(l1.slice(53, 61));
  if (Number.isNaN(bstar)) throw new FieldProblem('BSTAR', 'an exponent field like " 12345-5" in columns 54-61', quoteFound(l1.slice(53, 61)), 0);
  const ephField = l1.slice(62, 63).trim();
  const elnumField = l1.slice(64, 68).trim();
  if (!/^\d?$/.test(ephField)) throw new FieldProblem('EPHEMERIS_TYPE', 'a digit in column 63', quoteFound(ephField), 0);
  if (!/^\d{0,4}$/.test(elnumField)) throw new FieldProblem('ELEMENT_SET_NO', 'up to 4 digits in columns 65-68', quoteFound(elnumField), 0);

  const inclination_deg = num(l2, 8, 16, 'INCLINATION', 1, 0, 180, 'degrees 0-180 in columns 9-16');
  const raan_deg = num(l2, 17, 25, 'RA_OF_ASC_NODE', 1, 0, 360, 'degrees 0-360 in columns 18-25');
  const eccField = l2.slice(26, 33);
  if (!/^[ \d]{7}$/.test(eccField) || eccField.trim() === '') {
    throw new FieldProblem('ECCENTRICITY', '7 digits after an assumed decimal point in columns 27-33', quoteFound(eccField), 1);
  }
  const eccentricity = Number(`0.${eccField.replace(/ /g, '0')}`);
  const argOfPericenter_deg = num(l2, 34, 42, 'ARG_OF_PERICENTER', 1, 0, 360, 'degrees 0-360 in columns 35-42');
  const meanAnomaly_deg = num(l2, 43, 51, 'MEAN_ANOMALY', 1, 0, 360, 'degrees 0-360 in columns 44-51');
  const meanMotion_rev_day = num(l2, 52, 63, 'MEAN_MOTION', 1, 0, 100, 'revolutions per day in columns 53-63');
  const revField = l2.slice(63, 68).trim();
  if (!/^\d{0,5}$/.test(revField)) throw new FieldProblem('REV_AT_EPOCH', 'up to 5 digits in columns 64-68', quoteFound(revField), 1);

  const cls = l1[7] ?? 'U';
  return {
    name,
    noradId: id1,
    objectId: objectIdFromIntl(l1.slice(9, 17)),
    epochUtcMs: epochFromTle(yy, day),
    meanMotion_rev_day,
    eccentricity,
    inclination_deg,
    raan_deg,
    argOfPericenter_deg,
    meanAnomaly_deg,
    bstar,
    meanMotionDot: ndot,
    meanMotionDdot: nddot,
    classification: cls === ' ' ? 'U' : cls,
    elementSetNo: elnumField === '' ? 0 : Number(elnumField),
    revAtEpoch: revField === '' ? 0 : Number(revField),
    ephemerisType: ephField === '' ? 0 : Number(ephField),
  };
}

const isLine1 = (s: string): boolean => s.length >= 60 && s.startsWith('1 ');
const isLine2 = (s: string): boolean => s.length >= 60 && s.startsWith('2 ');

function skip(file: string, line: number, field: string, expected: string, found: string): SkippedRecord {
  const message = `bad TLE record (expected ${expected}, found ${found})`;
  return { file, line, field, message, text: formatProblem('bad TLE record', { file, line, field, expected, found }) };
}

/**
 * Parse TLE text (2- and 3-line records, mixed). Never throws on a bad record: it is skipped and
 * named in `skipped`. `file` names the source in problems.
 */
export function parseTle(text: string, file = '<tle>', options: TleParseOptions = {}): TleParseResult {
  const opts: Required<TleParseOptions> = { verifyChecksum: true, allowTrailingText: false, ...options };
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // \r*\n: CRLF, and the CR CR LF that some mirrors of CelesTrak files carry.
  const lines = src.split(/\r*\n|\r/).map((l) => l.replace(/\s+$/, ''));
  const out: TleParseResult = { records: [], lines: [], skipped: [] };
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') { name = ''; continue; }
    if (isLine1(line)) {
      const next = lines[i + 1] ?? '';
      if (!isLine2(next)) {
        out.skipped.push(skip(file, i + 2, 'line 2', 'a line starting "2 " after line 1', quoteFound(next)));
        name = '';
        continue;
      }
      try {
        out.records.push(parsePair(name, line, next, opts));
        out.lines.push(i + 1);
      } catch (e) {
        if (!(e instanceof FieldProblem)) throw e;
        out.skipped.push(skip(file, i + 1 + e.lineOffset, e.field, e.expected, e.found));
      }
      name = '';
      i++;
      continue;
    }
    if (isLine2(line)) {
      out.skipped.push(skip(file, i + 1, 'line 1', 'a line starting "1 " before line 2', quoteFound(lines[i - 1] ?? '')));
      name = '';
      continue;
    }
    // A name line (line 0); Space-Track's 3LE form prefixes it with "0 ".
    name = line.startsWith('0 ') ? line.slice(2).trim() : line.trim();
  }
  return out;
}

function withChecksum(line68: string): string {
  return `${line68}${tleChecksum(line68)}`;
}

/** Fixed-point field of `width` with `decimals`, refusing values that would not fit. */
function fixed(x: number, width: number, decimals: number, field: string): string {
  const s = x.toFixed(decimals);
  if (s.length > width || !Number.isFinite(x)) {
    throw new OrbitdcError('E_RANGE', 'value does not fit its TLE columns', { field, expected: `${width} columns`, found: s });
  }
  return s.padStart(width, ' ');
}

/** The TLE "assumed decimal point" exponent field: sign, 5 mantissa digits, exponent sign and digit. */
export function formatTleExponent(x: number, field: string): string {
  if (!Number.isFinite(x)) {
    throw new OrbitdcError('E_RANGE', 'value does not fit its TLE columns', { field, expected: 'a finite number', found: String(x) });
  }
  if (x === 0) return ' 00000+0';
  const sign = x < 0 ? '-' : ' ';
  const a = Math.abs(x);
  // a = 0.ddddd × 10^e with the mantissa in [0.1, 1).
  let e = Math.floor(Math.log10(a)) + 1;
  let mant = Math.round(a / 10 ** e * 1e5);
  if (mant >= 100_000) { mant = Math.round(mant / 10); e += 1; }
  if (mant < 10_000) { mant = Math.round(a / 10 ** (e - 1) * 1e5); e -= 1; }
  if (e < -9) return ' 00000+0';
  if (e > 9) {
    throw new OrbitdcError('E_RANGE', 'value does not fit its TLE columns', { field, expected: '|x| < 1e9', found: String(x) });
  }
  return `${sign}${String(mant).padStart(5, '0')}${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

/** The TLE epoch field YYDDD.DDDDDDDD, rounded to 1e-8 day (0.864 ms). */
function formatEpoch(epochUtcMs: number): string {
  let year = new Date(Math.floor(epochUtcMs)).getUTCFullYear();
  let units = Math.round(((epochUtcMs - Date.UTC(year, 0, 1)) / MS_PER_DAY + 1) * 1e8);
  const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / MS_PER_DAY;
  if (units >= (daysInYear + 1) * 1e8) { units -= daysInYear * 1e8; year += 1; }
  if (year < 1957 || year > 2056) {
    throw new OrbitdcError('E_RANGE', 'epoch outside the two-digit-year window of TLEs', { field: 'EPOCH', expected: 'years 1957-2056', found: String(year) });
  }
  const day = Math.floor(units / 1e8);
  const frac = units - day * 1e8;
  return `${String(year % 100).padStart(2, '0')}${String(day).padStart(3, '0')}.${String(frac).padStart(8, '0')}`;
}

/** Format a record as TLE lines 1 and 2, with checksums. Throws E_RANGE where a value cannot be printed. */
export function formatTle(r: OrbitRecord): [string, string] {
  const id = encodeAlpha5(r.noradId);
  const ndotAbs = Math.abs(r.meanMotionDot).toFixed(8);
  if (!Number.isFinite(r.meanMotionDot) || !ndotAbs.startsWith('0.')) {
    throw new OrbitdcError('E_RANGE', 'value does not fit its TLE columns', { field: 'MEAN_MOTION_DOT', expected: '|x| < 1 rev/day^2', found: String(r.meanMotionDot) });
  }
  const ndot = `${r.meanMotionDot < 0 && ndotAbs !== '0.00000000' ? '-' : ' '}${ndotAbs.slice(1)}`;
  const l1 = [
    '1 ', id, (r.classification || 'U').slice(0, 1), ' ', intlFromObjectId(r.objectId), ' ',
    formatEpoch(r.epochUtcMs), ' ', ndot.padStart(10, ' '), ' ',
    formatTleExponent(r.meanMotionDdot, 'MEAN_MOTION_DDOT'), ' ',
    formatTleExponent(r.bstar, 'BSTAR'), ' ',
    String(r.ephemerisType % 10), ' ', String(r.elementSetNo % 10_000).padStart(4, ' '),
  ].join('');
  const ecc = Math.round(r.eccentricity * 1e7);
  if (!(ecc >= 0 && ecc <= 9_999_999)) {
    throw new OrbitdcError('E_RANGE', 'eccentricity does not fit its TLE columns', { field: 'ECCENTRICITY', expected: '0 <= e < 1', found: String(r.eccentricity) });
  }
  const l2 = [
    '2 ', id, ' ', fixed(r.inclination_deg, 8, 4, 'INCLINATION'), ' ', fixed(r.raan_deg, 8, 4, 'RA_OF_ASC_NODE'), ' ',
    String(ecc).padStart(7, '0'), ' ', fixed(r.argOfPericenter_deg, 8, 4, 'ARG_OF_PERICENTER'), ' ',
    fixed(r.meanAnomaly_deg, 8, 4, 'MEAN_ANOMALY'), ' ', fixed(r.meanMotion_rev_day, 11, 8, 'MEAN_MOTION'),
    String(r.revAtEpoch % 100_000).padStart(5, ' '),
  ].join('');
  return [withChecksum(l1), withChecksum(l2)];
}

/** Format records as 3-line TLE text (2-line where the name is empty), LF line ends. */
export function formatTleText(records: readonly OrbitRecord[]): string {
  const out: string[] = [];
  for (const r of records) {
    if (r.name !== '') out.push(r.name);
    out.push(...formatTle(r));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
