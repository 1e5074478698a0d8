/** `orbitdc run` on a scenario with a workload: summary.json's workload section, report.html's operations sections. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tinyScenarioText } from '../../twin/test-scenarios.js';
import { registerRun } from './run.js';
import { inProcessCli } from '../capture.test-kit.js';

const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
beforeEach(() => {
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
});
afterEach(() => {
  process.stdout.write = realOut;
  process.stderr.write = realErr;
});

const cli = inProcessCli(registerRun);

const dir = mkdtempSync(join(tmpdir(), 'orbitdc-run-workload-'));
const file = join(dir, 'tiny-w.yaml');
writeFileSync(file, `${tinyScenarioText({ battery_Wh: 5000 })}workload:
  training: [{ chips: 8, duration: PT2H }]
  inference: { tokens_per_s: 2000, tokens_per_chip_s: 1000 }
`);

describe('orbitdc run with a workload', () => {
  it('writes summary.json with a workload section and report.html with the operations sections; --set workload.policy moves it', async () => {
    const a = join(dir, 'a'), b = join(dir, 'b');
    expect(await cli('run', file, '--out', a, '-q')).toBe(0);
    expect(await cli('run', file, '--out', b, '--set', 'workload.policy=fifo', '-q')).toBe(0);
    const wa = (JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')) as { workload: { policy: string; jobs: { total: number } } }).workload;
    const wb = (JSON.parse(readFileSync(join(b, 'summary.json'), 'utf8')) as { workload: { policy: string } }).workload;
    expect([wa.policy, wb.policy, wa.jobs.total]).toEqual(['power-aware', 'fifo', 1]);
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    for (const id of ['operations', 'operations-load', 'operations-faults', 'operations-jobs', 'costs']) expect(html).toContain(`<section id="${id}"`);
  });
});
