import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml } from '../../src/main/report';
import { CHROMIUM_ARGS } from '../../src/main/report/chromium';
import { taskPoints } from '../../src/shared/chart-data';
import { ROOT, TEST_RESULTS } from '../helpers/paths';
import { CHROMIUM } from './pdf-helpers';

/** The `<svg>` of one chart, by its id. */
const svgOf = (html: string, id: string) => html.match(new RegExp(`<svg [^>]*data-chart="${id}"[^>]*>[\\s\\S]*?</svg>`))?.[0] ?? '';

describe('charts in the report (the sample bundle)', () => {
  let result: AnalysisResult;
  beforeAll(async () => {
    result = (await analyzeBundle([join(ROOT, 'assets/sample/logs.zip')])).result;
  }, 120_000);

  it('draws the app\'s three charts as accessible SVG: a title and a description each', () => {
    const html = renderHtml(buildReportModel(result, { lang: 'en', redact: true }));
    expect(html).toContain('<h2>Charts</h2>');
    for (const id of ['chart-task-duration', 'chart-agent-activity', 'chart-problems']) {
      const svg = svgOf(html, id);
      expect(svg, id).toMatch(new RegExp(`role="img" aria-labelledby="${id}-t ${id}-d"`));
      expect(svg).toMatch(new RegExp(`<title id="${id}-t">[^<]+</title><desc id="${id}-d">[^<]+</desc>`));
    }
    // One circle per succeeded task, one square per failed task, each with its own tooltip.
    const { ok, failed } = taskPoints(result.snapshots);
    const dur = svgOf(html, 'chart-task-duration');
    expect(dur.match(/<circle [^>]*><title>/g)).toHaveLength(ok.length);
    expect(dur.match(/<rect [^>]*fill="#d1242f"><title>/g)).toHaveLength(failed.length);
    expect(dur).toContain('(122)');
    // The bars add up to the counts of the series (the description says each total).
    const agent = result.activity!.agent!;
    const hb = agent.series[0].counts.reduce((a, b) => a + b, 0);
    expect(svgOf(html, 'chart-agent-activity')).toContain(`heartbeats: ${hb}`);
    const bars = svgOf(html, 'chart-agent-activity').match(/<rect [^>]*><title>[^<]*heartbeats: (\d+)<\/title>/g) ?? [];
    expect(bars.reduce((n, b) => n + Number(/: (\d+)</.exec(b)![1]), 0)).toBe(hb);
  });

  it('says the chart texts in Dutch in the Dutch report', () => {
    const html = renderHtml(buildReportModel(result, { lang: 'nl', redact: true }));
    expect(html).toContain('<h2>Grafieken</h2>');
    expect(svgOf(html, 'chart-agent-activity')).toContain('doelstatussen');
    expect(svgOf(html, 'chart-task-duration')).toContain('<title id="chart-task-duration-t">Duur van de momentopnametaken</title>');
  });

  it('escapes a hostile source name in the legend, tooltips and description', () => {
    const evil = '<script>alert(1)</script>\u202Egol.exe';
    const problems = { ...result.activity!.problems!, series: [{ ...result.activity!.problems!.series[0], name: evil }] };
    const html = renderHtml(buildReportModel({ ...result, activity: { ...result.activity, problems } }, { lang: 'en', redact: true }));
    const svg = svgOf(html, 'chart-problems');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\\u202Egol.exe');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('\u202E');
  });

  it('says there is nothing to chart when the logs have neither tasks nor activity', () => {
    const html = renderHtml(buildReportModel({ ...result, snapshots: [], activity: undefined }, { lang: 'en', redact: true }));
    expect(html).toMatch(/<h2>Charts<\/h2>\s*<p class="muted">Nothing to chart in these logs\.<\/p>/);
  });
});

describe('charts in the report (a case whose task has no id)', () => {
  it('names a task without an id in the report\'s language, not by the JSON\'s "unknown"', async () => {
    // the extension log of Azure/azure-linux-extensions#1868 starts its task before any id is logged
    const { result } = await analyzeBundle([join(ROOT, 'test/cases/ext-1868-freeze-never-thawed/files')]);
    expect(result.snapshots.map((s) => s.taskId)).toContain('unknown');
    const tips = (lang: 'en' | 'nl') => [...svgOf(renderHtml(buildReportModel(result, { lang, redact: true })), 'chart-task-duration').matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(tips('en')).toEqual([expect.stringMatching(/^task without id · /)]);
    expect(tips('nl')).toEqual([expect.stringMatching(/^taak zonder id · /)]);
  });
});

describe.skipIf(!CHROMIUM)('report charts as printed', () => {
  let browser: Browser;
  let result: AnalysisResult;
  beforeAll(async () => {
    result = (await analyzeBundle([join(ROOT, 'assets/sample/logs.zip')])).result;
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['en', 'nl'] as const)('%s: renders the charts section to a PNG in test-results', async (lang) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 900, height: 1200 } });
    const page = await ctx.newPage();
    await page.setContent(renderHtml(buildReportModel(result, { lang, redact: true })), { waitUntil: 'load' });
    const section = page.locator('section.charts');
    // Drawn, not empty: every chart has a visible box of the fixed aspect ratio.
    const boxes = await section.locator('svg.chart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [Math.round(r.width), Math.round(r.height)]));
    expect(boxes).toHaveLength(3);
    for (const [w, h] of boxes) expect(w / h).toBeCloseTo(720 / 200, 1);
    mkdirSync(TEST_RESULTS, { recursive: true });
    await section.screenshot({ path: join(TEST_RESULTS, `report-charts-${lang}.png`) });
    await ctx.close();
  }, 60_000);
});
