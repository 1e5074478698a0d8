import { describe, expect, it } from 'vitest';
import { avoidanceLine, avoidanceSectionsFromSummary } from './avoidance-sections.js';

const summary = {
  avoidance: {
    policy: { missThreshold_m: 1000, deltaV_m_s: null, separation_m: 2000, leadTime_s: 2800, offline_s: 1800, catalog: 'cat<1>.tle', window_s: 86400 },
    screening: { encounters: 224, window_s: 86400, windowCut: false, catalogObjects: 14710, closestMiss_m: 118.6 },
    manoeuvres: { plannedInWindow: 221, started: 428, startedInWindow: 219, startedRecurring: 209, skipped: 0, satellites: 367, totalDeltaV_m_s: 105.4, offlineSatelliteHours: 211.9, offlineAcceleratorHours: 4237, jobsInterrupted: null, computeNote: 'no workload' },
    recurrence: [{ constellation: 'shell', mode: 'per-constellation', why: 'sparse', ratePerSatelliteDay: 0.1395 }],
    deltaVBudget: [{ constellation: 'shell', avoidanceMean_m_s_per_year: 12.15, avoidanceMax_m_s_per_year: 224.8, stationKeepingMean_m_s_per_year: null }],
  },
};

describe('avoidance report section', () => {
  it('prints the figures of summary.avoidance, escaped', () => {
    const [s] = avoidanceSectionsFromSummary(summary);
    expect(s?.id).toBe('avoidance');
    expect(s?.html).toContain('428 over the run: 219 screened in the window (221 planned), 209 recurring');
    expect(s?.html).toContain('cat&lt;1&gt;.tle');
    expect(s?.html).toContain('<td>12.2 / 225</td>');
    expect(avoidanceLine(summary)).toBe('collision avoidance: 224 encounters ≤ threshold in 24 h screened; 428 manoeuvres (219 screened, 209 recurring) by 367 satellites, Δv 105 m/s, offline 212 satellite-hours (4240 accelerator-hours)');
  });

  it('is absent without an avoidance section and survives nulls', () => {
    expect(avoidanceSectionsFromSummary({})).toEqual([]);
    expect(avoidanceLine({})).toBeUndefined();
    const html = avoidanceSectionsFromSummary({ avoidance: { manoeuvres: { started: null } } })[0]!.html;
    expect(html).toContain('— over the run');
  });
});
