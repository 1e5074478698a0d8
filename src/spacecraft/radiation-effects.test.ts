import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrbitdcError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import {
  ChipFlag, ChipRadiation, EVENT_TYPES, RadEvent, RadiationEventBuffer, TRILLIUM_RAD_PER_EVENT, chipsOfSatellites, radEventName, streamExp1,
} from './radiation-effects.js';

/** Run `chips` chips (one per satellite) through `total_rad` in `steps` equal steps of 60 s. */
function run(seed: number, chips: number, total_rad: number, steps: number, opts: Partial<ConstructorParameters<typeof ChipRadiation>[1]> = {}) {
  const cr = new ChipRadiation(chipsOfSatellites(chips, 1), { seed, ...opts });
  const ev = new RadiationEventBuffer(16);
  const dose = new Float64Array(chips).fill(total_rad / steps);
  for (let k = 0; k < steps; k++) cr.advance(k * 60, 60, dose, ev);
  return { cr, ev };
}

function rows(ev: RadiationEventBuffer): string[] {
  const out: string[] = [];
  for (let i = 0; i < ev.count; i++) out.push(`${ev.chip[i]}:${ev.type[i]}:${ev.dose_rad[i]}`);
  return out.sort();
}

describe('radiation effects: Poisson event streams (Suncatcher Trillium rates)', () => {
  // Expected events per chip over 750 rad (5 years at 150 rad/yr): dose / rad-per-event.
  // Poisson: sd = √mean; bands are ±5σ (two-sided p ≈ 6e-7 each).
  it('one chip over 750 rad sees 750/17 = 44.1 SDCs, inside the 5σ band [11, 77]', () => {
    const { ev } = run(2026, 1, 750, 750);
    const n = ev.countOf(RadEvent.Sdc);
    expect(n).toBeGreaterThanOrEqual(11);
    expect(n).toBeLessThanOrEqual(77);
  });

  it.each([
    ['SDC', RadEvent.Sdc, TRILLIUM_RAD_PER_EVENT.sdc],
    ['HBM uncorrectable', RadEvent.HbmUncorrectable, TRILLIUM_RAD_PER_EVENT.hbmUncorrectable],
    ['accelerator crash', RadEvent.AcceleratorCrash, TRILLIUM_RAD_PER_EVENT.acceleratorCrash],
    ['host CPU crash', RadEvent.HostCpuCrash, TRILLIUM_RAD_PER_EVENT.hostCpuCrash],
    ['host RAM error', RadEvent.HostRamError, TRILLIUM_RAD_PER_EVENT.hostRamError],
  ])('%s: 1,000 chips × 750 rad give 750,000/rad-per-event events within 5σ', (_name, code, radPer) => {
    const { ev } = run(7, 1000, 750, 25);
    const mean = (1000 * 750) / radPer;
    expect(Math.abs(ev.countOf(code) - mean)).toBeLessThan(5 * Math.sqrt(mean));
  });

  it('per-chip SDC counts are Poisson: variance = mean (44.1) within 5σ of the sample variance (±10)', () => {
    const { cr } = run(11, 1000, 750, 10);
    let s = 0, s2 = 0;
    for (let c = 0; c < 1000; c++) { const k = cr.eventCount[c * EVENT_TYPES + RadEvent.Sdc]!; s += k; s2 += k * k; }
    const mean = s / 1000, variance = (s2 - s * s / 1000) / 999;
    const lambda = 750 / 17;
    // sd of the sample variance of Poisson(λ) over n draws ≈ √((λ + 2λ²)/n) ≈ 1.98.
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / 1000));
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 1000));
  });

  it('same seed gives identical events; another seed differs', () => {
    const a = run(42, 50, 750, 30).ev, b = run(42, 50, 750, 30).ev, c = run(43, 50, 750, 30).ev;
    expect(a.count).toBe(b.count);
    expect(Array.from(a.time_s.subarray(0, a.count))).toEqual(Array.from(b.time_s.subarray(0, b.count)));
    expect(Array.from(a.type.subarray(0, a.count))).toEqual(Array.from(b.type.subarray(0, b.count)));
    expect(rows(a)).not.toEqual(rows(c));
  });

  it('events do not depend on the step size: one 750-rad step and 750 one-rad steps give the same (chip, type, dose) list', () => {
    expect(rows(run(5, 20, 750, 1).ev)).toEqual(rows(run(5, 20, 750, 750).ev));
  });

  it('streams are independent of the fleet size: chip 0 sees the same events alone or among 200 chips', () => {
    const alone = rows(run(9, 1, 750, 50).ev);
    const among = rows(run(9, 200, 750, 50).ev).filter((r) => r.startsWith('0:'));
    expect(among).toEqual(alone);
  });

  it('event times interpolate within the step at constant rate and are sorted by sortByTime()', () => {
    const { ev } = run(3, 30, 300, 3);
    ev.sortByTime();
    for (let i = 0; i < ev.count; i++) {
      const t = ev.time_s[i]!;
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(180);
      // dose per chip = 100 rad per 60 s step: time = dose × 0.6 s/rad.
      expect(Math.abs(t - ev.dose_rad[i]! * 0.6)).toBeLessThan(1e-9);
      if (i > 0) expect(t).toBeGreaterThanOrEqual(ev.time_s[i - 1]!);
    }
  });

  it('Infinity switches a stream off; a per-chip dose factor scales the dose', () => {
    const { ev, cr } = run(1, 100, 750, 5, { radPerEvent: { hostCpuCrash: Infinity, hostRamError: Infinity }, doseFactor: new Float64Array(100).fill(0.5) });
    expect(ev.countOf(RadEvent.HostCpuCrash) + ev.countOf(RadEvent.HostRamError)).toBe(0);
    expect(cr.chipDose_rad(0)).toBeCloseTo(375, 9);
    const mean = (100 * 375) / 17;
    expect(Math.abs(ev.countOf(RadEvent.Sdc) - mean)).toBeLessThan(5 * Math.sqrt(mean));
  });
});

describe('radiation effects: dose limits (Trillium: HBM irregular from 2 krad, no hard failure to 15 krad)', () => {
  it('flags HBM irregularity when 2 krad is crossed, with the onset event at the interpolated time', () => {
    const cr = new ChipRadiation(chipsOfSatellites(1, 1), { seed: 1, initialDose_rad: Float64Array.of(1999), radPerEvent: { sdc: Infinity, hbmUncorrectable: Infinity, acceleratorCrash: Infinity, hostCpuCrash: Infinity, hostRamError: Infinity } });
    const ev = new RadiationEventBuffer();
    cr.advance(1000, 100, Float64Array.of(0.5), ev);
    expect(cr.flags[0]).toBe(0);
    cr.advance(1100, 100, Float64Array.of(2), ev);
    expect(cr.flags[0]! & ChipFlag.HbmIrregular).toBe(ChipFlag.HbmIrregular);
    expect(ev.count).toBe(1);
    expect(ev.type[0]).toBe(RadEvent.HbmIrregularOnset);
    expect(Math.abs(ev.time_s[0]! - 1125)).toBeLessThan(1e-9); // 0.5 rad of 2 rad into the 100 s step
    cr.advance(1200, 100, Float64Array.of(20_000), ev);
    expect(cr.flags[0]).toBe(ChipFlag.HbmIrregular | ChipFlag.BeyondTestedDose);
    expect(ev.count).toBe(2);
    expect(radEventName(ev.type[1]!)).toBe('BeyondTestedDose');
    expect(cr.countFlagged(ChipFlag.BeyondTestedDose)).toBe(1);
  });

  it('a chip starting past a limit carries the flag without an onset event', () => {
    const cr = new ChipRadiation(chipsOfSatellites(1, 1), { seed: 1, initialDose_rad: Float64Array.of(3000) });
    expect(cr.flags[0]).toBe(ChipFlag.HbmIrregular);
  });

  it('several chips per satellite share its dose; the event buffer grows past its capacity', () => {
    const cr = new ChipRadiation(chipsOfSatellites(3, 4), { seed: 8 });
    const ev = new RadiationEventBuffer(2);
    cr.advance(0, 60, Float64Array.of(100, 0, 50), ev);
    expect(Array.from(cr.syncDose())).toEqual([100, 100, 100, 100, 0, 0, 0, 0, 50, 50, 50, 50]);
    expect(ev.count).toBeGreaterThan(2);
    expect(ev.capacity).toBeGreaterThanOrEqual(ev.count);
  });

  it('chip streams follow the chip, not the layout: interleaved satOfChip gives the same events as one chip per satellite', () => {
    const evA = new RadiationEventBuffer(), evB = new RadiationEventBuffer();
    new ChipRadiation(Int32Array.of(2, 0, 2, 1), { seed: 4 }).advance(0, 60, Float64Array.of(300, 300, 300), evA);
    new ChipRadiation(chipsOfSatellites(4, 1), { seed: 4 }).advance(0, 60, Float64Array.of(300, 300, 300, 300), evB);
    expect(evA.count).toBeGreaterThan(0);
    expect(rows(evA)).toEqual(rows(evB));
  });

  it('a chip with dose factor 0 accumulates nothing and sees no events', () => {
    const cr = new ChipRadiation(chipsOfSatellites(1, 2), { seed: 2, doseFactor: Float64Array.of(0, 1) });
    const ev = new RadiationEventBuffer();
    cr.advance(0, 60, Float64Array.of(500), ev);
    expect(cr.chipDose_rad(0)).toBe(0);
    expect(ev.count).toBeGreaterThan(0);
    for (let i = 0; i < ev.count; i++) expect(ev.chip[i]).toBe(1);
  });

  it('refuses bad arguments with coded errors', () => {
    expect(() => new ChipRadiation(Int32Array.of(-1), { seed: 1 })).toThrow(OrbitdcError);
    expect(() => new ChipRadiation(Int32Array.of(0), { seed: 1, radPerEvent: { sdc: 0 } })).toThrow(/radPerEvent|rad per event/);
    const cr = new ChipRadiation(Int32Array.of(0, 5), { seed: 1 });
    expect(() => cr.advance(0, 1, new Float64Array(3), new RadiationEventBuffer())).toThrow(/shorter/);
  });
});

describe('radiation effects: allocation-free draws and tallies (same streams, same counts)', () => {
  it('streamExp1(word, j) is new Rng(word).fork(j).exponential(1), bit for bit', () => {
    for (const [w, j] of [[0, 1], [0xffffffff, 1], [1, 0xffffffff], [0x9e3779b9, 12345], [42, 2]] as const) {
      expect(streamExp1(w, j)).toBe(new Rng(w).fork(j).exponential(1));
    }
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 1e7 }), (w, j) => {
      expect(streamExp1(w, j)).toBe(new Rng(w).fork(j).exponential(1));
    }), { numRuns: 2000 });
  });

  it('a tally of SDCs counts exactly the SDCs a buffer would hold, and leaves every stream and other event as it was', () => {
    const chips = chipsOfSatellites(40, 3);
    const a = new ChipRadiation(chips, { seed: 77 }), b = new ChipRadiation(chips, { seed: 77 });
    const evA = new RadiationEventBuffer(), evB = new RadiationEventBuffer();
    const tally = { kindMask: 1 << RadEvent.Sdc, perSatellite: new Uint32Array(40 * EVENT_TYPES), perKind: new Float64Array(EVENT_TYPES) };
    const dose = Float64Array.from({ length: 40 }, (_, s) => 2 + (s % 7));
    for (let k = 0; k < 20; k++) { a.advance(k * 60, 60, dose, evA); b.advance(k * 60, 60, dose, evB, tally); }
    expect(Array.from(b.eventCount)).toEqual(Array.from(a.eventCount));
    const sdc = evA.countOf(RadEvent.Sdc);
    expect(sdc).toBeGreaterThan(100); // ≈ 3 chips × 40 × 20 steps × 5 rad / 17 rad ≈ 700
    expect(tally.perKind[RadEvent.Sdc]).toBe(sdc);
    expect(evB.countOf(RadEvent.Sdc)).toBe(0);
    const perSat = new Uint32Array(40 * EVENT_TYPES);
    const others: string[] = [];
    for (let i = 0; i < evA.count; i++) {
      if (evA.type[i] === RadEvent.Sdc) perSat[chips[evA.chip[i]!]! * EVENT_TYPES]!++;
      else others.push(`${evA.time_s[i]}:${evA.chip[i]}:${evA.type[i]}`);
    }
    expect(Array.from(tally.perSatellite)).toEqual(Array.from(perSat));
    const othersB = Array.from({ length: evB.count }, (_, i) => `${evB.time_s[i]}:${evB.chip[i]}:${evB.type[i]}`);
    expect(othersB).toEqual(others); // same rows in the same order
  });
});
