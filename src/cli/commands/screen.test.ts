/** `orbitdc screen` in-process: a real catalog, JSON and text output, one-line errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { out, err, captureOutput, clearErr, inProcessCli } from '../capture.test-kit.js';
import { registerScreen } from './screen.js';

const STARLINK = fileURLToPath(new URL('../../../../shared/data/catalogs/starlink-2026-02-24.tle', import.meta.url));
captureOutput();

const run = inProcessCli(registerScreen);

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-screen-'));
// The first 300 Starlink satellites of the catalog (3 lines each) as a primary.
const firstLines = readFileSync(STARLINK, 'utf8').split('\n').slice(0, 900).join('\n');
const small = join(dir, 'first300.tle');
writeFileSync(small, `${firstLines}\n`);

interface Json { primary: number; secondary: number; events: number; conjunctions: { tca: string; missKm: number; relSpeedKmS: number; a: { id: number }; b: { id: number; catalog: string } }[] }

describe('orbitdc screen', () => {
  it('screens 300 satellites against the whole Starlink catalog for 2 h: events in time order within the threshold', async () => {
    expect(await run('screen', small, '--against', STARLINK, '--from', '2026-02-25T00:00Z', '--to', '2026-02-25T02:00Z', '--threshold-km', '10', '--json', '-q')).toBe(0);
    const r = JSON.parse(out) as Json;
    expect(r.primary).toBe(300);
    expect(r.secondary).toBe(9594);
    expect(r.events).toBe(r.conjunctions.length);
    expect(r.events).toBeGreaterThan(0);
    for (const c of r.conjunctions) {
      expect(c.missKm).toBeLessThanOrEqual(10);
      expect(c.tca >= '2026-02-25T00:00' && c.tca <= '2026-02-25T02:00:00Z').toBe(true);
    }
    const t = r.conjunctions.map((c) => c.tca);
    expect([...t].sort()).toEqual(t);
  }, 60_000);

  it('prints a table of the closest approaches', async () => {
    expect(await run('screen', small, '--from', '2026-02-25T00:00Z', '--to', '2026-02-25T01:00Z', '--threshold-km', '50', '-q')).toBe(0);
    expect(out).toMatch(/Conjunction screening 2026-02-25T00:00:00Z → 2026-02-25T01:00:00Z, threshold 50 km/);
    expect(out).toMatch(/encounters\s+\d+/);
  }, 60_000);

  it('bad input is one line naming the flag, exit 2', async () => {
    expect(await run('screen', small, '--from', '2026-02-25T00:00Z', '--to', '2026-02-25T01:00Z', '-q')).toBe(2);
    expect(err).toMatch(/--threshold-km/);
    clearErr();
    expect(await run('screen', small, '--from', '2026-02-25T00:00Z', '--to', '2026-02-24T01:00Z', '--threshold-km', '5')).toBe(2);
    expect(err).toMatch(/--to/);
    clearErr();
    expect(await run('screen', join(dir, 'missing.tle'), '--from', '2026-02-25T00:00Z', '--to', '2026-02-25T01:00Z', '--threshold-km', '5')).toBe(2);
    expect(err).toMatch(/missing\.tle/);
  });

  it('--help shows an example', async () => {
    expect(await run('screen', '--help')).toBe(0);
    expect(out).toMatch(/\$ orbitdc screen/);
  });
});
