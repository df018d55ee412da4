import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AnalysisResult, SnapshotTask } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml } from '../../src/main/report';
import { taskDurationSvg } from '../../src/main/report/charts';
import { overviewSvg } from '../../src/main/report/svg';
import { ROOT } from '../helpers/paths';

/** `n` tasks 40 s apart, every 9th one failed (code 122) and every 25th one slow: a VM backed up for months. */
function series(base: SnapshotTask, n: number): SnapshotTask[] {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i): SnapshotTask => {
    const ms = 20_000 + (i % 37) * 1000 + (i % 25 === 0 ? 40 * 60_000 : 0);
    const start = t0 + i * 40_000;
    return { ...base, taskId: `task-${i}`, seqNo: i, start: new Date(start).toISOString(), end: new Date(start + ms).toISOString(), durationMs: ms, result: i % 9 === 0 ? 'failed' : 'success', ...(i % 9 === 0 ? { code: 122 } : { code: undefined }), phases: [], milestones: [] };
  });
}

describe('the report\'s task duration chart on a very long series', () => {
  let result: AnalysisResult;
  beforeAll(async () => {
    result = (await analyzeBundle([join(ROOT, 'assets/sample/logs.zip')])).result;
  }, 120_000);

  it('draws 200,000 tasks as a few thousand shapes, every failed one covered, without overflowing the stack', () => {
    const m = buildReportModel(result, { lang: 'en', redact: true });
    const tasks = series(result.snapshots[0], 200_000);
    const svg = taskDurationSvg({ ...m, result: { ...m.result, snapshots: tasks } }, m.chartLabels);
    const circles = svg.match(/<circle /g)?.length ?? 0;
    const squares = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="9" height="9" fill="#d1242f"><title>([^<]*)<\/title>/g)];
    // per pixel column (676) at most the shortest and the longest succeeded task (+ the legend's swatch)
    expect(circles).toBeGreaterThan(0);
    expect(circles).toBeLessThanOrEqual(2 * 676 + 1);
    expect(squares.length).toBeGreaterThan(0);
    expect(squares.length).toBeLessThan(10_000);
    // the squares' tooltips count every failed task: 22,223 of them
    const counted = squares.reduce((n, [, , , tip]) => n + (/^([\d,]+) tasks here/.exec(tip) ? Number(/^([\d,]+)/.exec(tip)![1].replace(/,/g, '')) : 1), 0);
    expect(counted).toBe(Math.ceil(200_000 / 9));
    expect(svg.length).toBeLessThan(3_000_000);
    // the description counts them and names the first ones, not 22,223 times
    const desc = /<desc id="chart-task-duration-d">([^<]*)<\/desc>/.exec(svg)![1];
    expect(desc).toMatch(/^177777 succeeded, 22223 failed: 2026-01-01 00:00Z \(122\), /);
    expect(desc).toContain('and 22,203 more');
    expect(desc.length).toBeLessThan(2_000);
    // the slow tasks (40 min) set the axis: the top grid line is above them
    expect(svg).toMatch(/>50<\/text>/);
  });

  it('draws unfinished or unknown tasks apart from the failed ones, and says so', () => {
    const m = buildReportModel(result, { lang: 'en', redact: true });
    const tasks = series(result.snapshots[0], 30).map((t, i) => (i === 4 ? { ...t, result: 'unknown' as const } : t));
    const svg = taskDurationSvg({ ...m, result: { ...m.result, snapshots: tasks } }, m.chartLabels);
    expect(svg.match(/fill="none" stroke="#767676" stroke-width="2"><title>#4 /g)).toHaveLength(1);
    expect(svg.match(/fill="#d1242f"><title>/g)).toHaveLength(4);
    expect(/<desc id="chart-task-duration-d">([^<]*)<\/desc>/.exec(svg)![1]).toMatch(/^25 succeeded, 4 failed, 1 unfinished or unknown: /);
    expect(svg).toContain('>unfinished or unknown</text>');
  });

  it('says the same in Dutch', () => {
    const m = buildReportModel(result, { lang: 'nl', redact: true });
    const svg = taskDurationSvg({ ...m, result: { ...m.result, snapshots: series(result.snapshots[0], 20_000) } }, m.chartLabels);
    expect(svg).toMatch(/<title>[\d.]+ taken hier: #\d+ /);
    expect(svg).toContain('en nog 2.203');
    expect(svg).toMatch(/symbolen voor 20\.000 taken/);
  });

  it('draws the task overview of 200,000 tasks as a bounded number of bars, every failed task under a red one', () => {
    const m = buildReportModel(result, { lang: 'en', redact: true });
    const tasks = series(result.snapshots[0], 200_000);
    const svg = overviewSvg(tasks, m.labels, m.chartLabels);
    // 696 px of time axis: per pixel column at most the shortest and the longest succeeded task, failures per 4 px
    expect(svg.match(/<rect /g)!.length).toBeLessThanOrEqual(2 * 696 + 696 / 4);
    expect(svg.match(/<text /g)!.length).toBeLessThan(200);
    const red = [...svg.matchAll(/<rect x="([\d.]+)" y="20" width="([\d.]+)" height="42" rx="1.5" fill="#c62828"><title>([^<]*)<\/title>/g)];
    const counted = red.reduce((n, [, , , tip]) => n + (/^([\d,]+) tasks here: /.exec(tip) ? Number(/^([\d,]+)/.exec(tip)![1].replace(/,/g, '')) : 1), 0);
    expect(counted).toBe(Math.ceil(200_000 / 9));
    // every failed task's start lies under a red bar (x as the overview lays out its axis)
    const lo = Date.parse(tasks[0].start!);
    const hi = Date.parse(tasks[tasks.length - 1].end!);
    const pad = Math.max((hi - lo) * 0.04, 30 * 60e3);
    const x = (t: number) => 12 + ((t - (lo - pad)) / (hi - lo + 2 * pad)) * 696;
    const bars = red.map(([, bx, w]) => [Number(bx), Number(bx) + Number(w)] as const).sort((a, b) => a[0] - b[0]);
    const uncovered = tasks.filter((t) => t.result === 'failed').filter((t) => {
      const at = x(Date.parse(t.start!));
      return !bars.some(([a, b]) => a - 0.05 <= at && at <= b + 0.05);
    });
    expect(uncovered).toEqual([]);
    // the first failed task is named with its code, as with one bar per task
    expect(red[0][3]).toMatch(/^[\d,]+ tasks here: task-0 failed \(122\); task-9 failed \(122\)/);
  });

  it('draws a short series\' overview as before: one bar per task, a code over the failed one', () => {
    const m = buildReportModel(result, { lang: 'en', redact: true });
    const svg = overviewSvg(result.snapshots, m.labels, m.chartLabels);
    expect(svg.match(/<rect /g)!.length).toBe(result.snapshots.length);
    expect(svg).toMatch(/<text [^>]*font-weight="700"[^>]*fill="#c62828">122<\/text>/);
  });

  it('renders the whole report of 200,000 tasks (the task overview\'s time axis too)', () => {
    const tasks = series(result.snapshots[0], 200_000);
    const html = renderHtml(buildReportModel({ ...result, snapshots: tasks }, { lang: 'en', redact: true }));
    expect(html).toContain('data-chart="chart-task-duration"');
  }, 120_000);
});
