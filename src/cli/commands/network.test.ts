import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { loadScenario } from '../../twin/scenario/index.js';
import { buildNetworkModel, registerLinks, registerRoute } from './network.js';

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-network-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<void> {
  const p = new Command().exitOverride();
  registerLinks(p); registerRoute(p);
  for (const c of p.commands) c.exitOverride();
  await p.parseAsync(args, { from: 'user' });
}

describe('orbitdc links / route', () => {
  it('builds the Starlink-like preset as +Grid: 1,584 satellites, 3,168 links, rows named as the twin names them', () => {
    const m = buildNetworkModel(loadScenario('preset:starlink-v2mini-compute'));
    expect(m.elements.count).toBe(1584);
    expect(m.links.count).toBe(3168);
    expect(m.names[0]).toBe('shell-550-53-1-1');
  });

  it('summarises links over time as JSON', async () => {
    const out = join(dir, 'links.json');
    await cli('links', 'preset:starlink-v2mini-compute', '--duration-min', '10', '--step-s', '120', '--json', '--out', out, '-q');
    const r = JSON.parse(readFileSync(out, 'utf8')) as { samples: number; candidateLinks: number; linkCounts: { up: { min: number } }; byKind: Record<string, { length_km: { min: number; max: number } }> };
    expect(r.samples).toBe(6);
    expect(r.candidateLinks).toBe(3168);
    expect(r.linkCounts.up.min).toBe(3168);
    // intra-plane 2a·sin(π/22) = 1,971.95 km (within 0.01 km)
    expect(Math.abs(r.byKind['intra-plane']!.length_km.min - 1971.953)).toBeLessThan(0.01);
  });

  it('routes a satellite to a city through a ground station and fibre', async () => {
    const out = join(dir, 'route.json');
    await cli('route', 'preset:starlink-v2mini-compute', '--from', 'shell-550-53-1-1', '--to', 'tokyo', '--at', '2026-01-01T06:00:00Z', '--json', '--out', out);
    const r = JSON.parse(readFileSync(out, 'utf8')) as { reachable: boolean; path: string[]; latency_ms: number; fibre_ms: number; hops: number };
    expect(r.reachable).toBe(true);
    expect(r.path[0]).toBe('shell-550-53-1-1');
    expect(r.path[r.path.length - 1]).toBe('tokyo (fibre)');
    expect(r.latency_ms).toBeGreaterThan(r.fibre_ms);
  });

  it('names the flag and the choices for an unknown endpoint', async () => {
    const e = await cli('route', 'preset:starlink-v2mini-compute', '--from', 'nowhere', '--to', 'tokyo').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).context.field).toBe('--from');
    expect((e as InputError).context.expected).toMatch(/svalbard/);
  });
});
