/**
 * Loaders for the public cluster and inference traces in `../shared/data/traces/`
 * (PROVENANCE.md there says where each comes from), each with its mapping to orbitdc workloads:
 *
 * - **Philly** (Microsoft, Sep–Dec 2017; columns timestamp, duration, num_gpus, gpu_time,
 *   cluster): one job per row; `num_gpus` → chips, `duration` [s] → work_s (run time on those
 *   chips), `timestamp` (the trace's wall clock, read as UTC) → submit time, `cluster` (tenant
 *   hash) → tenant. Training kind, not deferrable.
 * - **Alibaba 2023 GPU pods** (columns name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec,
 *   qos, pod_phase, creation_time, deletion_time, scheduled_time; times in s from the trace
 *   start): one job per pod that holds GPUs and ran: `num_gpu` → chips, deletion − scheduled →
 *   work_s, creation → submit. A fractional pod (num_gpu 1, gpu_milli < 1000) takes a whole chip
 *   (orbitdc does not share chips; counted in `notes`). QoS BE (best effort) → deferrable, others
 *   not. Pods with num_gpu 0 (CPU-only) and pods never scheduled (Pending, empty scheduled_time)
 *   are skipped as not GPU work (counted, not errors). Running pods are cut at the trace end
 *   (their deletion_time), so their work is a lower bound.
 * - **Azure LLM inference 2023** (TIMESTAMP, ContextTokens, GeneratedTokens; conv and code): one
 *   request per row; tokens = context + generated; latency target from inference.ts.
 * - **Mooncake** (FAST'25, JSONL: timestamp [ms], input_length, output_length, hash_ids): one
 *   request per line, as Azure; prefix-cache block ids are not used.
 *
 * Bad rows are skipped and counted; the first `maxProblems` are kept as InputErrors naming
 * file:line, field, expected and found. A wrong header, an unreadable file or a file without any
 * usable row throws InputError.
 */
import { readFileSync } from 'node:fs';
import { InputError, quoteFound } from '../core/errors.js';
import { DEFAULT_LATENCY_TARGET, InferenceRequests, latencyTarget_s, type LatencyTarget } from './inference.js';
import { JobKind, JobTable } from './jobs.js';

export interface TraceOptions {
  /** Problems kept for the report (all are counted); default 20. */
  maxProblems?: number;
  /** Throw at the first bad row instead of skipping it. */
  strict?: boolean;
  /** Latency target for inference requests. */
  latency?: LatencyTarget;
}

interface Common {
  file: string;
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  /** Bad rows skipped. */
  skipped: number;
  /** Rows that are valid but not workload for orbitdc (CPU-only pods, never-scheduled pods). */
  ignored: number;
  problems: InputError[];
  /** The mapping in words, for reports. */
  mapping: string;
  notes: string[];
}

export interface JobTraceResult extends Common { kind: 'jobs'; format: 'philly' | 'alibaba-2023'; jobs: JobTable }
export interface InferenceTraceResult extends Common { kind: 'inference'; format: 'azure-llm-2023' | 'mooncake'; requests: InferenceRequests }
export type TraceResult = JobTraceResult | InferenceTraceResult;
export type TraceFormat = JobTraceResult['format'] | InferenceTraceResult['format'];

export const TRACE_MAPPINGS: Readonly<Record<TraceFormat, string>> = Object.freeze({
  philly: 'one training job per row: num_gpus → chips, duration [s] → work, timestamp (UTC) → submit, cluster → tenant',
  'alibaba-2023': 'one job per GPU pod that ran: num_gpu → chips (fractional share → 1 whole chip), deletion − scheduled → work, creation → submit, QoS BE → deferrable',
  'azure-llm-2023': 'one request per row: ContextTokens + GeneratedTokens → tokens, TIMESTAMP (UTC) → arrival, latency target = TTFT + TBT × generated',
  mooncake: 'one request per line: input_length + output_length → tokens, timestamp [ms] → arrival, latency target = TTFT + TBT × output_length',
});

const HEADERS: Readonly<Record<'philly' | 'alibaba-2023' | 'azure-llm-2023', string>> = {
  philly: 'timestamp,duration,num_gpus,gpu_time,cluster',
  'alibaba-2023': 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
  'azure-llm-2023': 'TIMESTAMP,ContextTokens,GeneratedTokens',
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError('cannot read trace file', { file, expected: 'a readable file', found: (e as Error).message }, 'E_FILE', { cause: e });
  }
}

/** Which trace format a text holds, from its first line; throws InputError naming the formats known. */
export function sniffTraceFormat(text: string, file = '<trace>'): TraceFormat {
  const first = (text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '').trim();
  for (const [fmt, h] of Object.entries(HEADERS)) if (first === h) return fmt as TraceFormat;
  if (first.startsWith('{') && first.includes('"input_length"')) return 'mooncake';
  throw new InputError('unknown trace format', {
    file, line: 1, field: 'header',
    expected: `a header of ${Object.values(HEADERS).map((h) => `"${h.split(',')[0]},..."`).join(', ')} or Mooncake JSONL`,
    found: quoteFound(first),
  });
}

/** Load any supported trace file (format from its header). */
export function loadTrace(file: string, opts: TraceOptions = {}): TraceResult {
  return parseTrace(readText(file), file, opts);
}

export function parseTrace(text: string, file: string, opts: TraceOptions = {}): TraceResult {
  const fmt = sniffTraceFormat(text, file);
  switch (fmt) {
    case 'philly': return parsePhilly(text, file, opts);
    case 'alibaba-2023': return parseAlibaba2023(text, file, opts);
    case 'azure-llm-2023': return parseAzureLlm(text, file, opts);
    case 'mooncake': return parseMooncake(text, file, opts);
  }
}

/** Collects problems; `bad` returns false so a parser can `return p.bad(...)` inside a row loop. */
class Problems {
  skipped = 0;
  readonly list: InputError[] = [];
  constructor(private readonly file: string, private readonly opts: TraceOptions) {}
  bad(line: number, field: string, message: string, expected: string, found: string): false {
    const err = new InputError(message, { file: this.file, line, field, expected, found: quoteFound(found) });
    if (this.opts.strict) throw err;
    this.skipped++;
    if (this.list.length < (this.opts.maxProblems ?? 20)) this.list.push(err);
    return false;
  }
}

/** Iterate data lines (1-based line numbers), skipping the header and blank lines. */
function* dataLines(text: string, header: boolean): Generator<[number, string]> {
  let start = 0, line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let s = text.slice(start, end);
    if (s.endsWith('\r')) s = s.slice(0, -1);
    start = end + 1;
    if ((header && line === 1) || s.trim() === '') continue;
    yield [line, s];
  }
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z?$/;

/** "YYYY-MM-DD hh:mm:ss[.fffffff]" read as UTC → ms (fraction kept to float64 spacing, 0.24 µs at 2023 dates). NaN if malformed. */
export function parseTraceDateTime(s: string): number {
  const m = DATETIME_RE.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || se! > 60) return NaN;
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) + frac;
}

function finish(jobs: JobTable, absMs: Float64Array): void {
  let epoch = Infinity;
  for (let i = 0; i < jobs.count; i++) if (absMs[i]! < epoch) epoch = absMs[i]!;
  jobs.epochUtcMs = epoch;
  for (let i = 0; i < jobs.count; i++) jobs.submit_s[i] = (absMs[i]! - epoch) / 1000;
}

function noRows(file: string, what: string, skipped: number): InputError {
  return new InputError(`trace holds no usable ${what}`, { file, expected: `at least one valid ${what}`, found: `${skipped} bad row(s)` });
}

export function parsePhilly(text: string, file: string, opts: TraceOptions = {}): JobTraceResult {
  const p = new Problems(file, opts);
  const jobs = new JobTable(100_000);
  let abs = new Float64Array(100_000);
  let rows = 0;
  for (const [line, s] of dataLines(text, true)) {
    rows++;
    const f = s.split(',');
    if (f.length !== 5) { p.bad(line, 'row', 'wrong number of columns', '5 (timestamp,duration,num_gpus,gpu_time,cluster)', s); continue; }
    const t = parseTraceDateTime(f[0]!);
    if (Number.isNaN(t)) { p.bad(line, 'timestamp', 'bad submit time', 'YYYY-MM-DD hh:mm:ss (UTC)', f[0]!); continue; }
    const dur = Number(f[1]);
    if (!(f[1]!.trim() !== '' && Number.isFinite(dur) && dur >= 0)) { p.bad(line, 'duration', 'bad duration', 'seconds ≥ 0', f[1]!); continue; }
    const g = Number(f[2]);
    if (!(Number.isInteger(g) && g >= 1)) { p.bad(line, 'num_gpus', 'bad GPU count', 'integer ≥ 1', f[2]!); continue; }
    const i = jobs.add({ submit_s: 0, work_s: dur, chips: g, kind: JobKind.Training, tenant: f[4]!.trim() });
    if (i >= abs.length) { const b = new Float64Array(abs.length * 2); b.set(abs); abs = b; }
    abs[i] = t;
  }
  if (jobs.count === 0) throw noRows(file, 'job', p.skipped);
  finish(jobs, abs);
  return { kind: 'jobs', format: 'philly', file, rows, skipped: p.skipped, ignored: 0, problems: p.list, mapping: TRACE_MAPPINGS.philly, notes: [], jobs };
}

export function parseAlibaba2023(text: string, file: string, opts: TraceOptions = {}): JobTraceResult {
  const p = new Problems(file, opts);
  const jobs = new JobTable(8192);
  let rows = 0, ignored = 0, fractional = 0, censored = 0;
  let maxDeletion = 0;
  const deletions: number[] = [];
  for (const [line, s] of dataLines(text, true)) {
    rows++;
    const f = s.split(',');
    if (f.length !== 11) { p.bad(line, 'row', 'wrong number of columns', `11 (${HEADERS['alibaba-2023']})`, s); continue; }
    const num = (k: number, name: string): number | false => {
      const v = Number(f[k]);
      return f[k]!.trim() !== '' && Number.isFinite(v) && v >= 0 ? v : p.bad(line, name, `bad ${name}`, 'a number ≥ 0', f[k]!);
    };
    const g = num(3, 'num_gpu');
    if (g === false) continue;
    if (!Number.isInteger(g)) { p.bad(line, 'num_gpu', 'bad GPU count', 'integer ≥ 0', f[3]!); continue; }
    if (g === 0 || f[10]!.trim() === '') { ignored++; continue; }
    const milli = num(4, 'gpu_milli'); if (milli === false) continue;
    const created = num(8, 'creation_time'); if (created === false) continue;
    const deleted = num(9, 'deletion_time'); if (deleted === false) continue;
    const sched = num(10, 'scheduled_time'); if (sched === false) continue;
    if (deleted < sched) { p.bad(line, 'deletion_time', 'pod deleted before it was scheduled', `≥ scheduled_time ${sched}`, f[9]!); continue; }
    if (g === 1 && milli < 1000) fractional++;
    jobs.add({ submit_s: created, work_s: deleted - sched, chips: g, kind: JobKind.Training, deferrable: f[6]!.trim() === 'BE' });
    deletions.push(deleted);
    if (deleted > maxDeletion) maxDeletion = deleted;
    if (f[7]!.trim() === 'Running') censored++;
  }
  if (jobs.count === 0) throw noRows(file, 'GPU pod', p.skipped);
  const notes = [
    `${fractional} pod(s) with a fractional GPU share take a whole chip`,
    `${censored} pod(s) still running at the trace end (${maxDeletion} s): their work is a lower bound`,
  ];
  return { kind: 'jobs', format: 'alibaba-2023', file, rows, skipped: p.skipped, ignored, problems: p.list, mapping: TRACE_MAPPINGS['alibaba-2023'], notes, jobs };
}

export function parseAzureLlm(text: string, file: string, opts: TraceOptions = {}): InferenceTraceResult {
  const p = new Problems(file, opts);
  const req = new InferenceRequests(20_000);
  const lat = opts.latency ?? DEFAULT_LATENCY_TARGET;
  let rows = 0;
  for (const [line, s] of dataLines(text, true)) {
    rows++;
    const f = s.split(',');
    if (f.length !== 3) { p.bad(line, 'row', 'wrong number of columns', '3 (TIMESTAMP,ContextTokens,GeneratedTokens)', s); continue; }
    const t = parseTraceDateTime(f[0]!);
    if (Number.isNaN(t)) { p.bad(line, 'TIMESTAMP', 'bad arrival time', 'YYYY-MM-DD hh:mm:ss.fffffff (UTC)', f[0]!); continue; }
    const ctx = Number(f[1]), gen = Number(f[2]);
    if (!(Number.isInteger(ctx) && ctx >= 0 && f[1]!.trim() !== '')) { p.bad(line, 'ContextTokens', 'bad token count', 'integer ≥ 0', f[1]!); continue; }
    if (!(Number.isInteger(gen) && gen >= 0 && f[2]!.trim() !== '')) { p.bad(line, 'GeneratedTokens', 'bad token count', 'integer ≥ 0', f[2]!); continue; }
    req.add(t, ctx, gen, latencyTarget_s(gen, lat));
  }
  if (req.count === 0) throw noRows(file, 'request', p.skipped);
  relativeArrivals(req, 1000);
  return { kind: 'inference', format: 'azure-llm-2023', file, rows, skipped: p.skipped, ignored: 0, problems: p.list, mapping: TRACE_MAPPINGS['azure-llm-2023'], notes: [], requests: req };
}

/** Arrival columns hold absolute times in units of 1/perSecond s: make them seconds since the first. */
function relativeArrivals(req: InferenceRequests, perSecond: number): void {
  let lo = Infinity;
  for (let i = 0; i < req.count; i++) if (req.arrival_s[i]! < lo) lo = req.arrival_s[i]!;
  req.epochUtcMs = perSecond === 1000 ? lo : NaN;
  for (let i = 0; i < req.count; i++) req.arrival_s[i] = (req.arrival_s[i]! - lo) / perSecond;
}

export function parseMooncake(text: string, file: string, opts: TraceOptions = {}): InferenceTraceResult {
  const p = new Problems(file, opts);
  const req = new InferenceRequests(16_384);
  const lat = opts.latency ?? DEFAULT_LATENCY_TARGET;
  let rows = 0;
  for (const [line, s] of dataLines(text, false)) {
    rows++;
    let o: unknown;
    try { o = JSON.parse(s); } catch { p.bad(line, 'line', 'not a JSON object', 'one JSON object per line', s); continue; }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) { p.bad(line, 'line', 'not a JSON object', 'one JSON object per line', s); continue; }
    const r = o as Record<string, unknown>;
    const field = (name: string): number | false => {
      const v = r[name];
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : p.bad(line, name, `bad ${name}`, 'a number ≥ 0', JSON.stringify(v) ?? 'missing');
    };
    const t = field('timestamp'); if (t === false) continue;
    const inp = field('input_length'); if (inp === false) continue;
    const out = field('output_length'); if (out === false) continue;
    req.add(t, inp, out, latencyTarget_s(out, lat));
  }
  if (req.count === 0) throw noRows(file, 'request', p.skipped);
  // Mooncake timestamps are ms from the trace start, with no absolute date: epoch stays NaN.
  relativeArrivals(req, 1000);
  req.epochUtcMs = NaN;
  return { kind: 'inference', format: 'mooncake', file, rows, skipped: p.skipped, ignored: 0, problems: p.list, mapping: TRACE_MAPPINGS.mooncake, notes: [], requests: req };
}
