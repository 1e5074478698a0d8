import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedEventLog, EventQueue, type PoppedEvent } from './events.js';

describe('EventQueue', () => {
  it('pops in (time, insertion) order for any pushes, like a stable sort', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
      const q = new EventQueue(16);
      times.forEach((t, i) => q.push(t, 0, i));
      const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
      const e: PoppedEvent = { time_s: 0, kind: 0, sat: 0, chip: 0, value: 0 };
      for (const x of expected) {
        expect(q.pop(e)).toBe(true);
        expect([e.time_s, e.sat]).toEqual([x.t, x.i]);
      }
      expect(q.pop(e)).toBe(false);
    }));
  });

  it('keeps kind, chip and value with their event across growth', () => {
    const q = new EventQueue(16);
    for (let i = 0; i < 100; i++) q.push(100 - i, i % 3, i, 1000 + i, 0.5 * i);
    const e: PoppedEvent = { time_s: 0, kind: 0, sat: 0, chip: 0, value: 0 };
    q.pop(e);
    expect(e).toEqual({ time_s: 1, kind: 99 % 3, sat: 99, chip: 1099, value: 49.5 });
    expect(q.size).toBe(99);
    expect(q.peekTime()).toBe(2);
  });
});

describe('BoundedEventLog', () => {
  it('keeps the first rows up to its limit and counts every event', () => {
    const log = new BoundedEventLog(5);
    for (let i = 0; i < 12; i++) log.add(i, i % 2, i);
    expect(log.count).toBe(5);
    expect(Array.from(log.time_s.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(log.totals[0]).toBe(6);
    expect(log.totals[1]).toBe(6);
    expect(log.truncated).toBe(true);
  });
});
