import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { loadTrace, parseTrace, parseTraceDateTime, sniffTraceFormat } from './traces.js';

const dir = (f: string): string => fileURLToPath(new URL(`../../../shared/data/traces/${f}`, import.meta.url));

describe('trace loaders on the real files (counts from PROVENANCE.md)', () => {
  it('Philly: 82,247 jobs, Sep–Dec 2017, chips from num_gpus, work from duration', () => {
    const r = loadTrace(dir('philly-2017-jobs.csv'));
    expect(r.kind).toBe('jobs');
    if (r.kind !== 'jobs') return;
    expect(r.jobs.count).toBe(82_247);
    expect(r.skipped).toBe(0);
    expect(new Date(r.jobs.epochUtcMs).toISOString()).toBe('2017-09-04T10:30:41.000Z');
    expect(r.jobs.maxChips()).toBe(128);
    // Row 2 of the file: 2017-10-09 07:01:55, 66 s, 1 GPU.
    expect(r.jobs.work_s[0]).toBe(66);
    expect(r.jobs.submit_s[0]).toBe((Date.UTC(2017, 9, 9, 7, 1, 55) - r.jobs.epochUtcMs) / 1000);
  });
  it('Alibaba 2023: GPU pods that ran become jobs; CPU-only and never-scheduled pods are ignored, not errors', () => {
    const r = loadTrace(dir('alibaba-2023-gpu-pods.csv'));
    if (r.kind !== 'jobs') throw new Error('expected jobs');
    expect(r.rows).toBe(8152);
    expect(r.jobs.count + r.ignored).toBe(8152);
    expect(r.jobs.maxChips()).toBe(8);
    expect(r.notes[0]).toMatch(/fractional/);
    // First pod: created 0, scheduled 0, deleted 12,537,496 s, LS QoS (not deferrable).
    expect(r.jobs.work_s[0]).toBe(12_537_496);
    expect(r.jobs.deferrable[0]).toBe(0);
  });
  it('Azure LLM conv: one request per row with tokens and a latency target', () => {
    const r = loadTrace(dir('azure-llm-inference-2023-conv.csv'));
    if (r.kind !== 'inference') throw new Error('expected inference');
    expect(r.requests.count).toBe(r.rows);
    expect(r.requests.inputTokens[0]).toBe(374);
    expect(r.requests.outputTokens[0]).toBe(44);
    expect(r.requests.target_s[0]).toBeCloseTo(2 + 4.4, 9);
    expect(r.requests.span_s()).toBeGreaterThan(3000); // about an hour
    expect(r.requests.span_s()).toBeLessThan(3700);
  });
  it('Mooncake: 12,031 requests over about an hour', () => {
    const r = loadTrace(dir('mooncake-conversation.jsonl'));
    if (r.kind !== 'inference') throw new Error('expected inference');
    expect(r.requests.count).toBe(12_031);
    expect(r.requests.inputTokens[0]).toBe(6758);
    expect(Number.isNaN(r.requests.epochUtcMs)).toBe(true);
  });
});

describe('bad input', () => {
  const philly = 'timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-09 07:01:55,66.0,1,66.0,a\n2017-13-09 07:01:55,66.0,1,66.0,a\n2017-10-09 07:01:55,-5,1,1,a\n2017-10-09 07:01:55,10,0.5,1,a\n2017-10-09 07:01:56,10,2,20,b\n';
  it('skips and counts bad rows, naming file:line, field, expected and found', () => {
    const r = parseTrace(philly, 'p.csv');
    expect(r.skipped).toBe(3);
    expect(r.kind === 'jobs' && r.jobs.count).toBe(2);
    expect(r.problems.map((p) => p.toLine())).toEqual([
      'p.csv:3: timestamp: bad submit time (expected YYYY-MM-DD hh:mm:ss (UTC), found "2017-13-09 07:01:55")',
      'p.csv:4: duration: bad duration (expected seconds ≥ 0, found "-5")',
      'p.csv:5: num_gpus: bad GPU count (expected integer ≥ 1, found "0.5")',
    ]);
  });
  it('strict mode throws at the first bad row', () => {
    let line = '';
    try { parseTrace(philly, 'p.csv', { strict: true }); } catch (e) { line = (e as InputError).toLine(); }
    expect(line).toMatch(/^p\.csv:3: timestamp: bad submit time/);
  });
  it('unknown header and empty traces throw InputError', () => {
    expect(() => sniffTraceFormat('a,b,c\n1,2,3\n', 'x.csv')).toThrow(InputError);
    expect(() => parseTrace('TIMESTAMP,ContextTokens,GeneratedTokens\nnope,1,2\n', 'a.csv')).toThrow(/no usable request/);
    expect(() => parseTrace('{"timestamp": 1, "input_length": -1, "output_length": 3}\n', 'm.jsonl')).toThrow(/no usable request/);
  });
  it('Mooncake bad lines name the field', () => {
    const r = parseTrace('{"timestamp": 0, "input_length": 10, "output_length": 3}\n{"timestamp": 5, "input_length": "x", "output_length": 3}\nnot json\n', 'm.jsonl');
    expect(r.skipped).toBe(2);
    expect(r.problems[0]!.toLine()).toBe('m.jsonl:2: input_length: bad input_length (expected a number ≥ 0, found ""x"")');
    expect(r.problems[1]!.context.line).toBe(3);
  });
  it('reads the Azure 7-digit fractional seconds to float64 resolution (0.25 µs)', () => {
    // UTC ms near 1.7e12 are spaced 2^-12 ms = 0.244 µs apart in float64.
    expect(Math.abs(parseTraceDateTime('2023-11-16 18:17:03.9799600') - Date.UTC(2023, 10, 16, 18, 17, 3) - 979.96)).toBeLessThan(2.5e-4);
  });
});
