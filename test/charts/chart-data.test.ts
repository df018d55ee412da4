import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeBundle, type AnalysisSession } from '../../src/main/pipeline/analyze-bundle';
import { binByHour, collapseMarks, durationAxis, hourRows, HOUR, MARK_CELL, marksPath, MAX_BINS, OTHER_SOURCES, rankSources, seriesKey, taskPoints, taskSpan, thinTaskPoints, type TaskPoint } from '../../src/shared/chart-data';
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
  describe('thinning the task points to the chart width', () => {
    const h = Date.parse('2026-11-19T22:00:00Z');
    const pt = (at: number, minutes: number, result: TaskPoint['result'] = 'success'): TaskPoint => ({ at, minutes, result, taskId: `t${at}-${minutes}` });
    // 10,000 succeeded tasks a minute apart and every 7th one failed or unknown, as a busy VM's bundle
    const ok: TaskPoint[] = [];
    const failed: TaskPoint[] = [];
    for (let i = 0; i < 10_000; i++) {
      const p = pt(h + i * 60_000, ((i * 37) % 101) / 10, i % 7 === 0 ? (i % 14 === 0 ? 'failed' : 'unknown') : 'success');
      (p.result === 'success' ? ok : failed).push(p);
    }

    it('keeps per pixel column the shortest and longest succeeded task, and every failed or unknown one', () => {
      const span = taskSpan([...ok, ...failed])!;
      const cols = 400;
      const r = thinTaskPoints(ok, failed, cols, span);
      expect(r.failed).toEqual(failed);
      expect(r.total).toBe(10_000);
      expect(r.shown).toBe(r.ok.length + failed.length);
      expect(r.ok.length).toBeLessThanOrEqual(2 * cols);
      expect(r.ok.length).toBeGreaterThan(cols);
      // every column's extremes are there, kept points are input points in input order
      const col = (p: TaskPoint) => Math.min(cols - 1, Math.floor(((p.at - span.t0) / (span.t1 - span.t0)) * cols));
      const byCol = new Map<number, TaskPoint[]>();
      for (const p of ok) byCol.set(col(p), [...(byCol.get(col(p)) ?? []), p]);
      for (const [c, ps] of byCol) {
        const kept = r.ok.filter((p) => col(p) === c).map((p) => p.minutes);
        expect(Math.min(...kept)).toBe(Math.min(...ps.map((p) => p.minutes)));
        expect(Math.max(...kept)).toBe(Math.max(...ps.map((p) => p.minutes)));
        expect(kept.length).toBeLessThanOrEqual(2);
      }
      expect(r.ok.every((p, i) => i === 0 || p.at > r.ok[i - 1].at)).toBe(true);
      expect(r.ok.every((p) => ok.includes(p))).toBe(true);
    });

    it('leaves a series the width can show alone, and an empty one empty', () => {
      const few = ok.slice(0, 50);
      expect(thinTaskPoints(few, failed.slice(0, 3), 400)).toEqual({ ok: few, failed: failed.slice(0, 3), shown: 53, total: 53 });
      expect(thinTaskPoints([], [], 400)).toEqual({ ok: [], failed: [], shown: 0, total: 0 });
      expect(taskSpan([])).toBeUndefined();
    });

    it('puts an hour either side of the first and last task on the time axis', () => {
      expect(taskSpan([pt(h + 5, 1), pt(h, 2, 'failed')])).toEqual({ t0: h - HOUR, t1: h + 5 + HOUR });
    });

    it('draws failed tasks on the same spot as one square that covers each of them and counts them all', () => {
      const span = taskSpan([...ok, ...failed])!;
      const { top } = durationAxis([ok, failed]);
      const x = (at: number) => 40 + ((at - span.t0) / (span.t1 - span.t0)) * 100;
      const y = (v: number) => 200 - (v / top) * 180;
      const marks = collapseMarks(failed, x, y);
      expect(marks.length).toBeLessThan(failed.length);
      // every task is in exactly one mark, and inside the square (side 2 × MARK_CELL) drawn at that mark
      expect(marks.reduce((n, m) => n + m.tasks.length, 0)).toBe(failed.length);
      expect(new Set(marks.flatMap((m) => m.tasks)).size).toBe(failed.length);
      for (const m of marks) {
        expect(m.x).toBe(x(m.tasks[0].at));
        for (const p of m.tasks) {
          expect(Math.abs(x(p.at) - m.x)).toBeLessThan(MARK_CELL);
          expect(Math.abs(y(p.minutes) - m.y)).toBeLessThan(MARK_CELL);
        }
      }
      // one path, one sub-path per mark
      expect(marksPath(marks, 'square', MARK_CELL).match(/M/g)).toHaveLength(marks.length);
      expect(marksPath(marks.slice(0, 2), 'circle', 4).match(/a4 4 0 1 0/g)).toHaveLength(4);
    });

    it('puts the duration axis a whole step above the longest task, without spreading 200,000 tasks into Math.max', () => {
      const many = Array.from({ length: 200_000 }, (_, i) => pt(h + i * 1000, (i % 977) / 10));
      expect(durationAxis([many, [pt(h, 120.5, 'failed')]])).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
      expect(durationAxis([[pt(h, 0.3)]])).toEqual({ top: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
      expect(durationAxis([[]]).top).toBeGreaterThan(0);
      expect(taskSpan(many)).toEqual({ t0: h - HOUR, t1: h + 199_999_000 + HOUR });
    });

    it('keeps all tasks of one instant to their two extremes, however narrow the chart', () => {
      const same = [pt(h, 3), pt(h, 1), pt(h, 2), pt(h, 5), pt(h, 4)];
      expect(thinTaskPoints(same, [], 1).ok.map((p) => p.minutes)).toEqual([1, 5]);
    });
  });

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
