import { describe, expect, it } from 'vitest';
import { parseTrace } from '../compute/traces.js';
import { demandBucket_s, resolveWorkload } from './compute-workload.js';
import type { WorkloadSpec } from './scenario/workload.js';

const PHILLY = `timestamp,duration,num_gpus,gpu_time,cluster
2017-10-09 07:00:00,600.0,1,600.0,aa
2017-10-09 08:00:00,1200.0,2,2400.0,bb
2017-10-09 09:00:00,60.0,4,240.0,aa
`;

function spec(o: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    policy: 'fifo', traces: [], training: [], inference: null, checkpoint: { mode: 'none', cost_s: 0, restartCost_s: 0 },
    faults: { sdcDetection: 0.9, hardware: null, hardwareSource: 'none', sparesPerSatellite: 0 }, idlePowerFraction: 0.15, sampleEvery_s: 3600, ...o,
  };
}

const CTX = { epochUtcMs: Date.UTC(2026, 0, 1), duration_s: 2 * 86_400, step_s: 60, chipFlops: 918e12 };

describe('resolveWorkload', () => {
  it('a job trace keeps its spacing × time_scale, its first arrival lands at shift, chips and work scaled', () => {
    const r = resolveWorkload(spec({ traces: [{ path: 'philly.csv', timeScale: 0.5, chipScale: 2, workScale: 3, tokenScale: 1, shift_s: 7200 }] }), CTX,
      (p) => parseTrace(PHILLY, p));
    expect(Array.from(r.jobs.submit_s.subarray(0, 3))).toEqual([7200, 7200 + 1800, 7200 + 3600]);
    expect(Array.from(r.jobs.chips.subarray(0, 3))).toEqual([2, 4, 8]);
    expect(Array.from(r.jobs.work_s.subarray(0, 3))).toEqual([1800, 3600, 180]);
    expect(r.sources[0]).toMatchObject({ kind: 'job-trace', format: 'philly', jobs: 3 });
  });

  it('drops trace jobs submitted after the end of the mission (counted)', () => {
    const r = resolveWorkload(spec({ traces: [{ path: 'p', timeScale: 100, chipScale: 1, workScale: 1, tokenScale: 1, shift_s: 0 }] }), CTX, (p) => parseTrace(PHILLY, p));
    // Spacing × 100: 0, 100 h, 200 h; the mission is 48 h.
    expect(r.jobs.count).toBe(1);
    expect(r.droppedAfterEnd).toBe(2);
  });

  it('daily inference: a day of demand is mean × 86,400 tokens (within 1e-9 relative), peaking at the peak hour', () => {
    const r = resolveWorkload(spec({ inference: { meanTokens_per_s: 1e5, peakToMean: 1.5, peakHourUtc: 15, tokensPerRequest: 1250, poolChips: null, tokensPerChip_s: null } }), CTX);
    const d = r.inference!.demand;
    expect(d.bucket_s).toBe(3600);
    expect(d.tokens.length).toBe(48);
    let day = 0, peakB = 0;
    for (let b = 0; b < 24; b++) { day += d.tokens[b]!; if (d.tokens[b]! > d.tokens[peakB]!) peakB = b; }
    expect(Math.abs(day - 1e5 * 86_400) / (1e5 * 86_400)).toBeLessThan(1e-9);
    expect(peakB === 14 || peakB === 15).toBe(true); // bucket centres 14:30 and 15:30 straddle the peak
    expect(Math.abs(d.requests[0]! - d.tokens[0]! / 1250)).toBeLessThan(1e-9);
    // Default pool: peak rate × 1.25 ÷ (918 TFLOP/s × 0.3 ÷ 1.4e11 = 1,967 tokens/s per chip).
    const peakRate = d.tokens[peakB]! / 3600;
    expect(r.inference!.poolChips).toBe(Math.ceil((peakRate * 1.25) / ((918e12 * 0.3) / 1.4e11)));
  });

  it('demand buckets: one hour when the step divides it, else one step', () => {
    expect([demandBucket_s(60), demandBucket_s(3600), demandBucket_s(7), demandBucket_s(7200)]).toEqual([3600, 3600, 7, 7200]);
  });
});
