/**
 * The compute operations sections in a real browser (Debian's chromium, playwright-core): every
 * plot renders (a box, a drawn path with points), no console or page error, no network request.
 * Screenshot at /tmp/report-compute.png. Skips as browser.test.ts does when chromium is absent.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTwin } from '../twin/engine.js';
import { loadScenarioText } from '../twin/scenario/index.js';
import { tinyScenarioText } from '../twin/test-scenarios.js';
import { computeSections } from './compute-sections.js';
import { renderReportHtml } from './html.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe.skipIf(skip)('compute sections in chromium', () => {
  it('renders utilization, queue, fault timeline and Gantt cleanly', async () => {
    const sc = loadScenarioText(`${tinyScenarioText({ duration: 'P2D', battery_Wh: 5000 })}workload:
  training: [{ chips: 8, duration: PT20H }, { chips: 4, duration: PT6H, start: PT2H }, { chips: 8, duration: PT10H, start: PT3H }]
  inference: { tokens_per_s: 2000, tokens_per_chip_s: 1000 }
  faults: { hardware: 20 }
`, { file: 'w.yaml', baseDir: '.', defaultName: 'workload <check>' });
    const r = await runTwin(sc);
    const html = renderReportHtml(r, { sections: computeSections(r) });
    const dir = mkdtempSync(join(tmpdir(), 'orbitdc-compute-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [], requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.route('**/*', (route) => { const u = route.request().url(); if (u.startsWith('file:')) return route.continue(); requests.push(u); return route.abort(); });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const plots = await page.$$eval('section[id^="operations"] svg.plot', (svgs) => svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const paths = [...svg.querySelectorAll('path')].map((p) => ({ points: (p.getAttribute('d') ?? '').match(/[MLHV]/g)?.length ?? 0, drawn: p.getBBox().width > 0 || p.getBBox().height > 0 }));
        return { w: box.width, h: box.height, maxPoints: Math.max(0, ...paths.map((p) => p.points)), drawn: paths.filter((p) => p.drawn).length };
      }));
      await page.screenshot({ path: '/tmp/report-compute.png', fullPage: true });
      expect(plots.length).toBe(4); // utilization, queue, faults, Gantt
      for (const p of plots) expect(p.w > 200 && p.h > 80 && p.maxPoints >= 2 && p.drawn > 0, JSON.stringify(p)).toBe(true);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
