import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { ACCELERATORS, acceleratorKeys, findAccelerator, getAccelerator, suggestAccelerator } from './hardware.js';

describe('accelerator catalog: published figures', () => {
  // Published values (sources in hardware.ts); tolerances: exact where the vendor quotes the number.
  it.each([
    ['h100-sxm', 700, 989.4e12, 80e9],
    ['b200', 1000, 2.25e15, 192e9],
    ['b300', 1100, 2.25e15, 288e9],
    ['gb300', 1400, 2.5e15, 288e9],
    ['tpu-v6e', 300, 918e12, 32e9],
  ])('%s: %d W, %d FLOP/s dense BF16, %d B HBM', (key, power, flops, hbm) => {
    const a = getAccelerator(key);
    expect(a.power_W).toBe(power);
    expect(Math.abs(a.flops - flops)).toBeLessThan(1e9); // within 1 GFLOP/s of the quoted figure
    expect(a.hbm_B).toBe(hbm);
  });

  it('H100 dense BF16 is half the datasheet\'s 1,979 TFLOPS with sparsity (within 0.1 TFLOPS)', () => {
    expect(Math.abs(getAccelerator('h100-sxm').flops * 2 - 1979e12)).toBeLessThan(0.5e12);
  });

  it('every entry has positive numbers, an https source, and only known fields marked estimated', () => {
    const keys = new Set<string>();
    for (const a of ACCELERATORS) {
      expect(keys.has(a.key)).toBe(false);
      keys.add(a.key);
      for (const f of ['power_W', 'flops', 'hbm_B', 'hbmBandwidth_B_s'] as const) expect(a[f]).toBeGreaterThan(0);
      expect(a.sources.length).toBeGreaterThan(0);
      for (const s of a.sources) expect(s.url).toMatch(/^https:\/\//);
      for (const e of a.estimated) expect(a.notes).toContain(`ESTIMATE ${e}`);
    }
    expect(getAccelerator('tpu-v6e').estimated).toEqual(['power_W']);
  });

  it('covers the keys the scenario schema names (h100-sxm, b200, tpu-v6e) and a GB300-class part', () => {
    expect(acceleratorKeys()).toEqual(expect.arrayContaining(['h100-sxm', 'b200', 'tpu-v6e', 'gb300']));
  });
});

describe('accelerator catalog: lookup', () => {
  it('finds keys and aliases ignoring case, spaces, dashes and underscores', () => {
    expect(findAccelerator('H100 SXM')?.key).toBe('h100-sxm');
    expect(findAccelerator('Trillium')?.key).toBe('tpu-v6e');
    expect(findAccelerator('tpu_v6e')?.key).toBe('tpu-v6e');
    expect(findAccelerator('GB300 NVL72')?.key).toBe('gb300');
    expect(findAccelerator('A100')).toBeUndefined();
  });

  it('an unknown model throws InputError naming the field, the known keys and a did-you-mean', () => {
    let err: unknown;
    try { getAccelerator('h100-sxn', { file: 'sc.yaml', line: 12, field: 'design.accelerators.model' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.message).toContain('did you mean "h100-sxm"?');
    expect(e.context.field).toBe('design.accelerators.model');
    expect(e.context.expected).toContain('tpu-v6e');
    expect(e.context.found).toBe('"h100-sxn"');
    expect(e.toLine()).toMatch(/^sc\.yaml:12: design\.accelerators\.model: /);
  });

  it('suggests only when close: "tpu v6" → tpu-v6e, "b2OO" → b200, "quantum annealer" → none', () => {
    expect(suggestAccelerator('tpu v6')).toBe('tpu-v6e');
    expect(suggestAccelerator('b2OO')).toBe('b200');
    expect(suggestAccelerator('quantum annealer')).toBeUndefined();
    expect(() => getAccelerator('quantum annealer')).toThrow(/^unknown accelerator model$/);
  });
});
