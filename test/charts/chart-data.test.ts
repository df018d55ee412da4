import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeBundle, type AnalysisSession } from '../../src/main/pipeline/analyze-bundle';
import { binByHour, hourRows, HOUR, MAX_BINS, OTHER_SOURCES, rankSources, seriesKey, taskPoints } from '../../src/shared/chart-data';
import { ROOT } from '../helpers/paths';

const total = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);

describe('chart series (shared by the app and the report)', () => {
  const h = Date.parse('2026-11-19T22:00:00Z');

  it('counts per hour with the empty hours kept and untimed records left out', () => {
    const b = binByHour([
      { name: 'a', times: [h + 60_000, h + 120_000, h + 3 * HOUR] },
      { name: 'b', times: [h + HOUR + 5, NaN] },
    ])!;
    expect(b.start).toBe('2026-11-19T22:00:00.000Z');
    expect(b.stepMs).toBe(HOUR);
    expect(b.series).toEqual([
      { name: 'a', counts: [2, 0, 0, 1] },
      { name: 'b', counts: [0, 1, 0, 0] },
    ]);
    expect(hourRows(b)).toEqual([
      { hour: h, s0: 2, s1: 0 },
      { hour: h + HOUR, s0: 0, s1: 1 },
      { hour: h + 2 * HOUR, s0: 0, s1: 0 },
      { hour: h + 3 * HOUR, s0: 1, s1: 0 },
    ]);
    expect(binByHour([{ name: 'a', times: [NaN] }])).toBeUndefined();
  });

  it('bins a month coarser (at most MAX_BINS bars) and loses no count', () => {
    const times = Array.from({ length: 31 * 24 }, (_, i) => h + i * HOUR + 17);
    const b = binByHour([{ name: 'a', times }])!;
    expect(b.series[0].counts.length).toBeLessThanOrEqual(MAX_BINS);
    expect(b.stepMs % HOUR).toBe(0);
    expect(total(b.series[0].counts)).toBe(times.length);
  });

  it('a source named like the time column stays its own series', () => {
    const rows = hourRows(binByHour([{ name: 'hour', times: [h + 10] }])!);
    expect(rows).toEqual([{ hour: h, [seriesKey(0)]: 1 }]);
  });

  it('keeps the five busiest sources apart and sums the rest', () => {
    const by = new Map<string, number[]>(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s, i) => [s, Array.from({ length: 10 - i }, () => h)]));
    const ranked = rankSources(by);
    expect(ranked.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e', OTHER_SOURCES]);
    expect(ranked[5].times).toHaveLength((10 - 5) + (10 - 6));
    expect(rankSources(new Map([['only', [h]]])).map((s) => s.name)).toEqual(['only']);
  });
});

describe('chart series of the sample bundle', () => {
  let s: AnalysisSession;
  beforeAll(async () => {
    s = await analyzeBundle([join(ROOT, 'assets/sample/logs.zip')]);
  }, 120_000);

  it('task durations: the succeeded tasks apart from the failed one with its code', () => {
    const { ok, failed } = taskPoints(s.result.snapshots);
    expect(ok.length).toBe(s.result.snapshots.filter((t) => t.result === 'success').length);
    expect(ok.length).toBeGreaterThan(0);
    expect(failed.map((p) => [p.result, p.code])).toEqual([['failed', 122]]);
    expect([...ok, ...failed].every((p) => p.minutes >= 0 && Number.isFinite(p.at))).toBe(true);
  });

  it('agent activity: heartbeats, goal states and agent starts over more than a day', () => {
    const agent = s.result.activity!.agent!;
    expect(agent.series.map((x) => x.name)).toEqual(['heartbeats', 'goalStates', 'restarts']);
    const [hb, gs, starts] = agent.series.map((x) => total(x.counts));
    expect(hb).toBeGreaterThan(100);
    expect(gs).toBeGreaterThan(0);
    expect(starts).toBeGreaterThan(0);
    expect(agent.series[0].counts.length).toBeGreaterThan(24);
  });

  it('problems per hour add up to every timed warning and error record, by source', async () => {
    const problems = s.result.activity!.problems!;
    const { ids } = await s.records.select({ levels: ['warning', 'error'] });
    const timed = Array.from(ids).filter((i) => Number.isFinite(s.records.timeOf(i)));
    expect(timed.length).toBeGreaterThan(0);
    expect(total(problems.series.flatMap((x) => x.counts))).toBe(timed.length);
    for (const x of problems.series.filter((y) => y.name !== OTHER_SOURCES))
      expect(total(x.counts)).toBe(timed.filter((i) => s.records.sourceOf(i) === x.name).length);
  });
});
