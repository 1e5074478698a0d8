import { describe, expect, it } from 'vitest';
import { ARCSEC_TO_RAD } from '../core/units.js';
import { runTwin } from '../twin/engine.js';
import { tinyScenario } from '../twin/test-scenarios.js';
import { fleetCzml, fleetCzmlText, precessionMatrix } from './czml.js';

describe('precession (IAU 1976)', () => {
  it('moves the pole by θ = 2004.3109″ per Julian century (Lieske 1977): 0.0557° over 2000→2010, within 0.01″', () => {
    // J2010.0 = 2010-01-01T00:00 TT = 66.184 s earlier in UTC (TAI − UTC = 34 s).
    const P = precessionMatrix(Date.UTC(2010, 0, 1) - 66_184);
    // z axis of date in J2000 coordinates = third row of P (Pᵀ ẑ).
    const angle = Math.acos(P[8]);
    const T = 10 / 100;
    const theta = (2004.3109 * T - 0.42665 * T * T) * ARCSEC_TO_RAD;
    expect(Math.abs(angle - theta) / ARCSEC_TO_RAD).toBeLessThan(0.01);
  });

  it('is a rotation (orthonormal to 1e-15) and the identity at J2000 to 1e-9', () => {
    const P = precessionMatrix(Date.UTC(2026, 0, 1));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += P[i * 3 + k]! * P[j * 3 + k]!;
      expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-15);
    }
    const I = precessionMatrix(Date.UTC(2000, 0, 1, 11, 58, 55, 816));
    expect(Math.abs(I[0] - 1) + Math.abs(I[1]) + Math.abs(I[5])).toBeLessThan(1e-9);
  });
});

describe('fleet.czml', () => {
  it('is valid JSON: a document packet with a clock, then one sampled INERTIAL position per satellite', async () => {
    const r = await runTwin(tinyScenario({ duration: 'PT3H' }));
    const doc = JSON.parse(fleetCzmlText(r.tracks, { epochUtcMs: r.meta!.epochUtcMs, name: 'tiny' })) as Array<Record<string, unknown>>;
    expect(doc[0]).toMatchObject({ id: 'document', version: '1.0', clock: { interval: '2026-03-01T00:00:00Z/2026-03-01T02:59:00Z', currentTime: '2026-03-01T00:00:00Z' } });
    expect(doc.length).toBe(1 + 6);
    for (const p of doc.slice(1)) {
      const pos = p.position as { epoch: string; referenceFrame: string; cartesian: number[] };
      expect(pos.referenceFrame).toBe('INERTIAL');
      expect(pos.epoch).toBe('2026-03-01T00:00:00Z');
      expect(pos.cartesian.length).toBe(180 * 4);
      // [t, x, y, z]: times ascending from 0 at the step, radius of a 550 km orbit (precession keeps it).
      for (let s = 0; s < 180; s++) {
        expect(pos.cartesian[s * 4]).toBe(s * 60);
        const r_m = Math.hypot(pos.cartesian[s * 4 + 1]!, pos.cartesian[s * 4 + 2]!, pos.cartesian[s * 4 + 3]!);
        expect(Math.abs(r_m - 6_928_137)).toBeLessThan(0.01);
      }
      expect(p.availability).toBe('2026-03-01T00:00:00Z/2026-03-01T02:59:00Z');
    }
  });

  it('keeps the subset the engine sampled: 100 satellites of a bigger fleet', () => {
    const n = 3, k = 2;
    const packets = fleetCzml({
      ids: Uint32Array.from([1, 2, 3]), names: ['a', 'b', 'c'], time_s: Float64Array.from([0, 60]),
      position_m: new Float64Array(n * k * 3).fill(7e6), frame: 'ECI_OF_DATE', sunlit: new Float32Array(n * k).fill(1),
    }, { epochUtcMs: Date.UTC(2026, 0, 1), name: 'x' });
    expect(packets.length).toBe(4);
    expect((packets[1] as { id: string }).id).toBe('sat-1');
  });
});
