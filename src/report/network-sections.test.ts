/** The network report sections: drawn from summary.json's `network`, absent without one. */
import { describe, expect, it } from 'vitest';
import { runTwin } from '../twin/engine.js';
import { loadScenarioText } from '../twin/scenario/index.js';
import { tinyScenarioText } from '../twin/test-scenarios.js';
import { renderReportHtml } from './html.js';
import { networkSections } from './network-sections.js';

describe('network report sections', () => {
  it('a run with a network gets the figures, the station table and three plots; one without gets none', async () => {
    const text = `${tinyScenarioText({ duration: 'PT2H' })}network: { stations: [goonhilly, hartebeesthoek] }\n`;
    const r = await runTwin(loadScenarioText(text, { file: 't.yaml', baseDir: '.', defaultName: 't' }));
    const s = networkSections(r);
    expect(s.map((x) => x.id)).toEqual(['network', 'network-time']);
    const html = renderReportHtml(r, { sections: s });
    expect(html).toContain('<section id="network"');
    expect(html).toContain('goonhilly');
    expect(html).toMatch(/satellites with a path to a ground station/);
    expect((s[1]!.html.match(/<svg/g) ?? []).length).toBe(3);
    const plain = await runTwin(loadScenarioText(tinyScenarioText({ duration: 'PT1H' }), { file: 't.yaml', baseDir: '.', defaultName: 't' }));
    expect(networkSections(plain)).toEqual([]);
  });
});
