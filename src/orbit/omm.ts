/**
 * CCSDS Orbit Mean-elements Messages (OMM, CCSDS 502.0-B-3) with SGP4 mean elements, in the three
 * encodings CelesTrak serves its GP data in (celestrak.org/NORAD/documentation/gp-data-formats.php):
 * - JSON: an array of flat objects keyed by OMM keywords (OBJECT_NAME, EPOCH, MEAN_MOTION, ...);
 * - XML: `<ndm><omm><body><segment><metadata>…</metadata><data><meanElements>…</meanElements>
 *   <tleParameters>…</tleParameters></data></segment></body></omm>…</ndm>`;
 * - CSV: one header line of the same keywords, then one object a line.
 * Readers and writers for all three. No XML library is installed, so XML is read by a small tag
 * extractor that knows the OMM subset: each `<omm>` block is one record, each leaf `<KEY>value</KEY>`
 * inside it a field (namespace prefixes and attributes tolerated, entities decoded).
 * Numbers are printed in shortest round-trip form, so parse(format(x)) returns x exactly; epochs
 * are printed to the microsecond, as CelesTrak does.
 */
import { formatProblem, quoteFound } from '../core/errors.js';
import type { OrbitRecord, SkippedRecord } from './record.js';

/** OMM keywords in CelesTrak's column order (CSV header, JSON key order). */
export const OMM_KEYS = [
  'OBJECT_NAME', 'OBJECT_ID', 'EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'CLASSIFICATION_TYPE', 'NORAD_CAT_ID',
  'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT',
] as const;

export interface OmmParseResult {
  records: OrbitRecord[];
  skipped: SkippedRecord[];
}

type Getter = (key: string) => unknown;

class FieldProblem {
  constructor(readonly field: string, readonly expected: string, readonly found: string) {}
}

const EPOCH_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/;

/** OMM EPOCH ("2026-03-19T06:00:50.156448", UTC, optional Z) → UTC ms, keeping sub-ms digits. */
export function parseOmmEpoch(text: string): number {
  const m = EPOCH_RE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return Number.NaN;
  return base + (frac ? Number(frac) * 1000 : 0);
}

/** UTC ms → OMM EPOCH with microseconds and no zone letter (CelesTrak's form). */
export function formatOmmEpoch(utcMs: number): string {
  const us = Math.round(utcMs * 1000);
  const wholeMs = Math.floor(us / 1_000_000) * 1000;
  const micro = us - wholeMs * 1000;
  return `${new Date(wholeMs).toISOString().slice(0, 19)}.${String(micro).padStart(6, '0')}`;
}

function num(get: Getter, key: string, lo: number, hi: number, what: string, fallback?: number): number {
  const v = get(key);
  if ((v === undefined || v === null || v === '') && fallback !== undefined) return fallback;
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(x) || x < lo || x > hi) throw new FieldProblem(key, what, v === undefined ? 'nothing' : quoteFound(v));
  return x;
}

function int(get: Getter, key: string, lo: number, hi: number, what: string, fallback?: number): number {
  const x = num(get, key, lo, hi, what, fallback);
  if (!Number.isInteger(x)) throw new FieldProblem(key, what, quoteFound(get(key)));
  return x;
}

function str(get: Getter, key: string, fallback: string): string {
  const v = get(key);
  if (v === undefined || v === null) return fallback;
  return String(v).trim();
}

/** One record from OMM keyword values, or a FieldProblem on the first bad field. */
function recordFromFields(get: Getter): OrbitRecord {
  const epochText = get('EPOCH');
  const epochUtcMs = typeof epochText === 'string' ? parseOmmEpoch(epochText) : Number.NaN;
  if (Number.isNaN(epochUtcMs)) {
    throw new FieldProblem('EPOCH', 'YYYY-MM-DDTHH:MM:SS[.ffffff] (UTC)', epochText === undefined ? 'nothing' : quoteFound(epochText));
  }
  return {
    name: str(get, 'OBJECT_NAME', ''),
    noradId: int(get, 'NORAD_CAT_ID', 0, 999_999_999, 'a catalog number (non-negative integer)'),
    objectId: str(get, 'OBJECT_ID', ''),
    epochUtcMs,
    meanMotion_rev_day: num(get, 'MEAN_MOTION', Number.MIN_VALUE, 100, 'revolutions per day, > 0'),
    eccentricity: num(get, 'ECCENTRICITY', 0, 0.9999999999, 'a number in [0, 1)'),
    inclination_deg: num(get, 'INCLINATION', 0, 180, 'degrees 0-180'),
    raan_deg: num(get, 'RA_OF_ASC_NODE', 0, 360, 'degrees 0-360'),
    argOfPericenter_deg: num(get, 'ARG_OF_PERICENTER', 0, 360, 'degrees 0-360'),
    meanAnomaly_deg: num(get, 'MEAN_ANOMALY', 0, 360, 'degrees 0-360'),
    bstar: num(get, 'BSTAR', -1e9, 1e9, 'a number (1/earth radii)', 0),
    meanMotionDot: num(get, 'MEAN_MOTION_DOT', -1e9, 1e9, 'a number (rev/day^2)', 0),
    meanMotionDdot: num(get, 'MEAN_MOTION_DDOT', -1e9, 1e9, 'a number (rev/day^3)', 0),
    classification: str(get, 'CLASSIFICATION_TYPE', 'U') || 'U',
    elementSetNo: int(get, 'ELEMENT_SET_NO', 0, 1e12, 'a non-negative integer', 0),
    revAtEpoch: int(get, 'REV_AT_EPOCH', 0, 1e12, 'a non-negative integer', 0),
    ephemerisType: int(get, 'EPHEMERIS_TYPE', 0, 9, 'an integer 0-9', 0),
  };
}

function skipped(file: string, line: number, kind: string, p: FieldProblem): SkippedRecord {
  const message = `bad ${kind} record (expected ${p.expected}, found ${p.found})`;
  return {
    file, line, field: p.field, message,
    text: formatProblem(`bad ${kind} record`, { file, line, field: p.field, expected: p.expected, found: p.found }),
  };
}

function collect(file: string, line: number, kind: string, get: Getter, out: OmmParseResult): void {
  try {
    out.records.push(recordFromFields(get));
  } catch (e) {
    if (!(e instanceof FieldProblem)) throw e;
    out.skipped.push(skipped(file, line, kind, e));
  }
}

const stripBom = (t: string): string => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

/**
 * CelesTrak GP JSON: an array of OMM objects (a single object is accepted too). A record that is
 * not an object or has a bad field is skipped, named by its 1-based index in the array.
 * Malformed JSON as a whole yields one skipped entry and no records.
 */
export function parseOmmJson(text: string, file = '<omm-json>'): OmmParseResult {
  const out: OmmParseResult = { records: [], skipped: [] };
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    out.skipped.push(skipped(file, 1, 'OMM JSON', new FieldProblem('(document)', 'a JSON array of OMM objects', quoteFound(msg))));
    return out;
  }
  const items = Array.isArray(data) ? data : [data];
  items.forEach((item: unknown, k) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      out.skipped.push(skipped(file, k + 1, 'OMM JSON', new FieldProblem('(record)', 'an object of OMM keywords', quoteFound(item))));
      return;
    }
    const obj = item as Record<string, unknown>;
    collect(file, k + 1, 'OMM JSON', (key) => obj[key], out);
  });
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

function encodeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** CCSDS OMM XML (NDM container of `<omm>` blocks, as CelesTrak serves it). */
export function parseOmmXml(text: string, file = '<omm-xml>'): OmmParseResult {
  const out: OmmParseResult = { records: [], skipped: [] };
  const src = stripBom(text);
  const blockRe = /<(?:[\w.-]+:)?omm\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?omm\s*>/g;
  const leafRe = /<(?:[\w.-]+:)?([A-Z][A-Z0-9_]*)\b[^>]*?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?\1\s*>)/g;
  let lineNo = 1;
  let scanned = 0;
  for (let m = blockRe.exec(src); m !== null; m = blockRe.exec(src)) {
    for (let i = scanned; i < m.index; i++) if (src.charCodeAt(i) === 10) lineNo++;
    scanned = m.index;
    const fields = new Map<string, string>();
    const body = m[1] ?? '';
    for (let f = leafRe.exec(body); f !== null; f = leafRe.exec(body)) {
      fields.set(f[1]!, decodeXml(f[2] ?? '').trim());
    }
    collect(file, lineNo, 'OMM XML', (key) => fields.get(key), out);
  }
  if (out.records.length === 0 && out.skipped.length === 0) {
    out.skipped.push(skipped(file, 1, 'OMM XML', new FieldProblem('<omm>', 'one or more <omm>…</omm> blocks', quoteFound(src.slice(0, 40)))));
  }
  return out;
}

/** Split one CSV line (RFC 4180 quoting: "a,b" and "" for a quote inside quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { cur += '"'; i++; } else quoted = false;
      } else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cur); cur = ''; }
    else cur += c;
  }
  cells.push(cur);
  return cells;
}

/** CelesTrak GP CSV: a header of OMM keywords (any order), then one record a line. */
export function parseOmmCsv(text: string, file = '<omm-csv>'): OmmParseResult {
  const out: OmmParseResult = { records: [], skipped: [] };
  const lines = stripBom(text).split(/\r*\n|\r/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toUpperCase());
  for (const key of ['EPOCH', 'MEAN_MOTION', 'NORAD_CAT_ID']) {
    if (!header.includes(key)) {
      out.skipped.push(skipped(file, 1, 'OMM CSV', new FieldProblem(key, `a header naming ${key}`, quoteFound(lines[0] ?? ''))));
      return out;
    }
  }
  const col = new Map(header.map((h, k) => [h, k]));
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      out.skipped.push(skipped(file, i + 1, 'OMM CSV', new FieldProblem('(row)', `${header.length} comma-separated cells`, `${cells.length}`)));
      continue;
    }
    collect(file, i + 1, 'OMM CSV', (key) => {
      const k = col.get(key);
      return k === undefined ? undefined : cells[k];
    }, out);
  }
  return out;
}

/** A record's OMM keyword values in CelesTrak's order; numbers in shortest round-trip form. */
function fieldsOf(r: OrbitRecord): Array<[string, string | number]> {
  return [
    ['OBJECT_NAME', r.name], ['OBJECT_ID', r.objectId], ['EPOCH', formatOmmEpoch(r.epochUtcMs)],
    ['MEAN_MOTION', r.meanMotion_rev_day], ['ECCENTRICITY', r.eccentricity], ['INCLINATION', r.inclination_deg],
    ['RA_OF_ASC_NODE', r.raan_deg], ['ARG_OF_PERICENTER', r.argOfPericenter_deg], ['MEAN_ANOMALY', r.meanAnomaly_deg],
    ['EPHEMERIS_TYPE', r.ephemerisType], ['CLASSIFICATION_TYPE', r.classification], ['NORAD_CAT_ID', r.noradId],
    ['ELEMENT_SET_NO', r.elementSetNo], ['REV_AT_EPOCH', r.revAtEpoch], ['BSTAR', r.bstar],
    ['MEAN_MOTION_DOT', r.meanMotionDot], ['MEAN_MOTION_DDOT', r.meanMotionDdot],
  ];
}

/** CelesTrak GP JSON array. */
export function formatOmmJson(records: readonly OrbitRecord[]): string {
  return `${JSON.stringify(records.map((r) => Object.fromEntries(fieldsOf(r))), null, 1)}\n`;
}

const META_KEYS = new Set(['OBJECT_NAME', 'OBJECT_ID']);
const MEAN_KEYS = new Set(['EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY']);

/** CCSDS OMM XML in CelesTrak's NDM layout (one `<omm>` a record). */
export function formatOmmXml(records: readonly OrbitRecord[]): string {
  const tag = (k: string, v: string | number): string => `<${k}>${encodeXml(String(v))}</${k}>`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ndm xmlns:xsi="https://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://sanaregistry.org/r/ndmxml/ndmxml-1.0-master.xsd">',
  ];
  for (const r of records) {
    const f = fieldsOf(r);
    const meta = f.filter(([k]) => META_KEYS.has(k)).map(([k, v]) => tag(k, v)).join('');
    const mean = f.filter(([k]) => MEAN_KEYS.has(k)).map(([k, v]) => tag(k, v)).join('');
    const tle = f.filter(([k]) => !META_KEYS.has(k) && !MEAN_KEYS.has(k)).map(([k, v]) => tag(k, v)).join('');
    out.push(
      '<omm id="CCSDS_OMM_VERS" version="2.0">',
      `<header><CREATION_DATE/><ORIGINATOR/></header><body><segment><metadata>${meta}<CENTER_NAME>EARTH</CENTER_NAME>` +
        '<REF_FRAME>TEME</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY></metadata>' +
        `<data><meanElements>${mean}</meanElements><tleParameters>${tle}</tleParameters></data></segment></body></omm>`,
    );
  }
  out.push('</ndm>');
  return `${out.join('\n')}\n`;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CelesTrak GP CSV with the standard header. */
export function formatOmmCsv(records: readonly OrbitRecord[]): string {
  const out = [OMM_KEYS.join(',')];
  for (const r of records) out.push(fieldsOf(r).map(([, v]) => csvCell(v)).join(','));
  return `${out.join('\r\n')}\r\n`;
}
