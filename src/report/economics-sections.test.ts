import { describe, expect, it } from 'vitest';
import { economicsReport, type EconomicsReport, type RampResult } from '../economics/index.js';
import { loadScenario } from '../twin/scenario/index.js';
import { economicsFromSummary, economicsSections, economicsSectionsFromSummary, money, rampPlot, samplesFromHistogram } from './economics-sections.js';
import { renderReportHtml } from './html.js';
import { syntheticRunResult } from './synthetic.js';

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
const EVIL = 'chips <script>alert("x")</script> & co';

// A real report (the library on a preset) read back through JSON as summary.json holds it.
const scenario = loadScenario('preset:suncatcher-81');
const report = JSON.parse(JSON.stringify(economicsReport(scenario, { fraction: 0.97, source: 'this run', simulated_s: 864_000 }, { samples: 400 }))) as EconomicsReport;
const byId = (secs: ReturnType<typeof economicsSections>, id: string): string => secs.find((s) => s.id === id)!.html;

describe('economicsSections', () => {
  const secs = economicsSections(report);

  it('gives cost, tornado, Monte Carlo and ramp sections, one plot each', () => {
    expect(secs.map((s) => s.id)).toEqual(['costs', 'tornado', 'monte-carlo', 'ramp']);
    for (const s of secs) expect(count(s.html, /<svg /g), s.id).toBe(1);
    expect(byId(secs, 'costs')).toContain('plot-bar');
    expect(byId(secs, 'tornado')).toContain('plot-tornado');
    expect(byId(secs, 'monte-carlo')).toContain('plot-histogram');
    expect(byId(secs, 'ramp')).toContain('plot-ramp');
  });

  it('lists every line item of both sides, each marked included or not, with the per-hour and per-kW-year figures and their ratio', () => {
    const html = byId(secs, 'costs');
    const c = report.comparison;
    const items = [...c.orbit.items, ...c.ground.items];
    expect(count(html, /✓ included/g)).toBe(items.filter((i) => i.included).length);
    expect(count(html, /✗ not included/g)).toBe(items.filter((i) => !i.included).length);
    for (const i of items) expect(html).toContain(`<td>${i.label}</td>`);
    expect(html).toContain(`<td>per delivered accelerator-hour</td><td class="num">${money(c.orbit.perAcceleratorHour_usd)}</td><td class="num">${money(c.ground.perAcceleratorHour_usd)}</td><td class="num">${c.ratio.perAcceleratorHour.toFixed(2)}×</td>`);
    expect(html).toContain(`<td class="num">${c.ratio.perKwYear.toFixed(2)}×</td>`);
    // Two stacked bars (orbit, ground): bar titles name the side and the group.
    expect(html).toMatch(/<title>Orbit · launch: /);
    expect(html).toMatch(/<title>Ground · energy and cooling: /);
    // A group one side does not have draws no sliver there.
    expect(html).not.toContain('<title>Ground · launch: ');
  });

  it('draws the Monte Carlo from the stored histogram, with P5, P50 and P95 markers at the report\'s values', () => {
    const html = byId(secs, 'monte-carlo');
    for (const [k, v] of [['P5', report.monteCarlo.ratio.p5], ['P50', report.monteCarlo.ratio.p50], ['P95', report.monteCarlo.ratio.p95]] as const) {
      expect(html).toContain(`<title>${k} ${v.toFixed(2)}×</title>`);
    }
    const h = report.monteCarlo.histogram;
    const s = samplesFromHistogram(h.edges, h.counts, h.scale === 'log');
    expect(s.length).toBe(report.monteCarlo.samples);
    // Every stand-in sample lies inside its own bin: bin k holds counts[k] of them, in order.
    let k = 0, used = 0;
    for (const x of s) {
      while (used >= h.counts[k]!) { k++; used = 0; }
      expect(x).toBeGreaterThanOrEqual(h.edges[k]!);
      expect(x).toBeLessThanOrEqual(h.edges[k + 1]!);
      used++;
    }
  });

  it('shows the ramp per year with the limiting factor, as a band and in the table', () => {
    const html = byId(secs, 'ramp');
    const years = report.ramp.years;
    expect(count(html, /<td class="num lim">/g)).toBe(years.length);
    expect(html).toContain(`limited by launch ${years[0]!.year}–${years[years.length - 1]!.year}`);
  });

  it('labels each run of years with the same limiting supply', () => {
    const r: RampResult = JSON.parse(JSON.stringify(report.ramp)) as RampResult;
    r.years.forEach((y, i) => { y.limitingFactor = i < 3 ? 'launch' : i < 4 ? 'hbm' : 'accelerators'; });
    const svg = rampPlot(r);
    const y0 = r.years[0]!.year;
    expect(svg).toContain(`<title>limited by launch ${y0}–${y0 + 2}</title>`);
    expect(svg).toContain(`<title>limited by HBM ${y0 + 3}</title>`);
    expect(svg).toContain(`<title>limited by accelerators ${y0 + 4}–${r.years[r.years.length - 1]!.year}</title>`);
    // Six lines: four supplies, deployable, in service; each through every year.
    const lines = [...svg.matchAll(/<path class="line" d="([^"]*)"/g)].map((m) => count(m[1]!, /[ML]/g));
    expect(lines).toEqual(new Array<number>(6).fill(r.years.length));
  });

  it('escapes text and never prints NaN, Infinity or undefined (JSON nulls show as —)', () => {
    const bad = JSON.parse(JSON.stringify(report)) as EconomicsReport;
    bad.comparison.orbit.items[0]!.label = EVIL;
    bad.comparison.orbit.items[0]!.basis = EVIL;
    bad.comparison.basisNote = EVIL;
    bad.tornado.bars[0]!.label = EVIL;
    (bad.comparison.ground as { perAcceleratorHour_usd: number | null }).perAcceleratorHour_usd = null;
    (bad.comparison.ratio as { perAcceleratorHour: number | null }).perAcceleratorHour = null;
    (bad.ramp.years[1]!.limits_GW as Record<string, number | null>).solar = null;
    const html = economicsSections(bad).map((s) => s.html).join('\n');
    expect(html).not.toContain('<script');
    expect(html).toContain('chips &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(html).toContain('The cost ratio could not be computed');
  });

  it('reads the section from a summary; none without one; the error when economics failed', () => {
    expect(economicsFromSummary({ economics: report })).toBe(report);
    expect(economicsSectionsFromSummary({ compute: {} })).toEqual([]);
    const failed = economicsSectionsFromSummary({ economics: { error: 'no design named "<x>"' } });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.html).toContain('no design named &quot;&lt;x&gt;&quot;');
  });

  it('goes after the twin\'s sections in report.html, in the table of contents, deterministically', () => {
    const result = syntheticRunResult({ rows: 120 });
    result.summary = { ...result.summary, economics: report };
    const html = renderReportHtml(result, { sections: economicsSectionsFromSummary(result.summary) });
    expect(count(html, /<svg /g)).toBe(9 + 4);
    expect(html.indexOf('<section id="costs"')).toBeGreaterThan(html.indexOf('<section id="radiation"'));
    for (const id of ['costs', 'tornado', 'monte-carlo', 'ramp']) expect(html).toContain(`<a href="#${id}">`);
    expect(renderReportHtml(result, { sections: economicsSectionsFromSummary(result.summary) })).toBe(html);
  });
});

describe('money', () => {
  it('keeps three significant digits and cents where they matter', () => {
    expect([money(0.6132), money(1.6), money(45.6), money(250.4), money(45_600), money(1.234e6), money(4.56e9), money(null)]).toEqual(['$0.613', '$1.60', '$45.60', '$250', '$45.6k', '$1.23M', '$4.56B', '—']);
  });
});
