import { describe, expect, it } from 'vitest';
import { tokenDemand } from './inference.js';
import { batchMix, dailyInference, frontierTrainingRun, repeatRequests, transformJobs } from './synthetic.js';

describe('synthetic workloads', () => {
  it('a frontier run defaults to Llama 3: 16,384 chips for 54 days', () => {
    const t = frontierTrainingRun();
    expect(t.chips[0]).toBe(16_384);
    expect(t.work_s[0]).toBe(54 * 86_400);
    expect(frontierTrainingRun({ chips: 50_000, work_s: 180 * 86_400 }).chips[0]).toBe(50_000);
  });
  it('daily inference cycle: peak/trough ratio of hourly rates near (1 + a)/(1 − a) = 3 for peakToMean 1.5', () => {
    const r = dailyInference({ seed: 1, days: 4, meanRate_per_s: 2, peakToMean: 1.5, peakHourUtc: 15 });
    const hourly = new Float64Array(24);
    for (let i = 0; i < r.count; i++) hourly[Math.floor((r.arrival_s[i]! % 86_400) / 3600)]! += 1;
    // Mean rate within 3 % (4 days × 86,400 s × 2/s = 691,200 expected, Poisson σ ≈ 830).
    expect(Math.abs(r.count / (4 * 86_400 * 2) - 1)).toBeLessThan(0.03);
    // Peak at 15 UTC, trough at 03 UTC.
    const ratio = (hourly[15]! + hourly[14]!) / (hourly[3]! + hourly[2]!);
    expect(ratio).toBeGreaterThan(2.6);
    expect(ratio).toBeLessThan(3.4);
  });
  it('scaling and shifting: twice the arrival rate, bigger jobs, shifted by a day', () => {
    const src = batchMix({ seed: 3, jobs: 100, rate_per_s: 0.01 });
    const out = transformJobs(src, { timeScale: 0.5, chipScale: 2, workScale: 3, shift_s: 86_400 });
    for (let i = 0; i < 100; i++) {
      expect(out.submit_s[i]).toBe(src.submit_s[i]! * 0.5 + 86_400);
      expect(out.chips[i]).toBe(src.chips[i]! * 2);
      expect(out.work_s[i]).toBe(src.work_s[i]! * 3);
    }
    expect(() => transformJobs(src, { timeScale: 0 })).toThrow(/scale/);
  });
  it('token demand buckets conserve tokens and requests', () => {
    const r = repeatRequests(dailyInference({ seed: 2, days: 0.05, meanRate_per_s: 1 }), 3, 0.05 * 86_400);
    const d = tokenDemand(r, 60);
    let tok = 0, req = 0, want = 0;
    for (let b = 0; b < d.tokens.length; b++) { tok += d.tokens[b]!; req += d.requests[b]!; }
    for (let i = 0; i < r.count; i++) want += r.inputTokens[i]! + r.outputTokens[i]!;
    expect(req).toBe(r.count);
    expect(tok).toBe(want);
  });
});
