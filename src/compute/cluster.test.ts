import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Status } from '../core/status.js';
import { DEAD, FleetCapacity } from './cluster.js';

describe('FleetCapacity', () => {
  it('allocates within one domain, best fit, and gives chips back', () => {
    const f = FleetCapacity.uniform({ satellites: 6, chipsPerSat: 4, satsPerDomain: 3 });
    expect(f.domainCount).toBe(2);
    expect(f.bestFit(13)).toBe(-1);
    const a = f.allocate(0, 0, 10);
    expect(f.free[0]).toBe(2);
    expect(f.bestFit(2)).toBe(0); // best fit: the fuller domain
    expect(f.bestFit(3)).toBe(1);
    for (let i = 0; i < 10; i++) expect(f.owner[f.arena[a + i]!]).toBe(0);
    f.release(0, a, 10);
    expect(f.free[0]).toBe(12);
    expect(f.audit()).toBe('');
  });

  it('spares replace failed chips; without spares a chip is lost for good', () => {
    const f = FleetCapacity.uniform({ satellites: 2, chipsPerSat: 4, sparesPerSat: 1 });
    const out = { job: -1, replaced: false };
    f.failChip(0, out);
    expect(out.replaced).toBe(true);
    expect(f.potential[0]).toBe(4);
    f.failChip(1, out);
    expect(out.replaced).toBe(false);
    expect(f.owner[1]).toBe(DEAD);
    expect(f.potential[0]).toBe(3);
    expect(f.free[0]).toBe(3);
    expect(f.audit()).toBe('');
  });

  it('a satellite that is offline or at its power cap offers no chips; they come back with it', () => {
    const f = FleetCapacity.uniform({ satellites: 2, chipsPerSat: 4, satsPerDomain: 2 });
    f.setStatus(0, Status.Offline);
    expect(f.free[0]).toBe(4);
    const a = f.allocate(7, 0, 4);
    for (let i = 0; i < 4; i++) expect(f.satOfChip[f.arena[a + i]!]).toBe(1);
    f.setStatus(0, Status.Ok);
    expect(f.free[0]).toBe(4);
    f.setCap(0, 1);
    expect(f.free[0]).toBe(1);
    expect(f.audit()).toBe('');
  });

  it('property: any sequence of operations keeps every count equal to a recount', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('alloc' as const), chips: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ k: fc.constant('release' as const), i: fc.nat() }),
      fc.record({ k: fc.constant('fail' as const), c: fc.nat({ max: 47 }) }),
      fc.record({ k: fc.constant('status' as const), s: fc.nat({ max: 11 }), st: fc.constantFrom(Status.Ok, Status.Offline, Status.Failed) }),
      fc.record({ k: fc.constant('cap' as const), s: fc.nat({ max: 11 }), n: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const f = FleetCapacity.uniform({ satellites: 12, chipsPerSat: 4, satsPerDomain: 4, sparesPerSat: 1 });
      const held: { job: number; at: number; k: number }[] = [];
      let job = 0;
      const out = { job: -1, replaced: false };
      for (const o of ops) {
        if (o.k === 'alloc') { const d = f.bestFit(o.chips); if (d >= 0) held.push({ job, at: f.allocate(job, d, o.chips), k: o.chips }); job++; }
        else if (o.k === 'release' && held.length > 0) { const h = held.splice(o.i % held.length, 1)[0]!; f.release(h.job, h.at, h.k); }
        else if (o.k === 'fail') f.failChip(o.c, out);
        else if (o.k === 'status') { if (f.satStatus[o.s] !== Status.Failed) f.setStatus(o.s, o.st); }
        else if (o.k === 'cap') f.setCap(o.s, o.n);
        const problem = f.audit();
        if (problem) throw new Error(`${problem} after ${JSON.stringify(o)}`);
      }
      for (const h of held) f.release(h.job, h.at, h.k);
      expect(f.busyChips()).toBe(0);
      expect(f.audit()).toBe('');
    }), { numRuns: 300, seed: 12345 });
  });
});
