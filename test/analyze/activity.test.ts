import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/main/records/store';
import { BufferContent } from '../../src/main/ingest/content';
import { chartActivity } from '../../src/main/analyze/activity';
import { activityCharts } from '../../src/shared/chart-data';
import type { Fact, LogLevel } from '../../src/shared';

describe('chartActivity: warnings and errors by source and hour', () => {
  it('counts every timed warning and error record by its source and hour, across pages and sources taking turns', () => {
    const store = new RecordStore([{ vmPath: 'a.log', content: new BufferContent(Buffer.from('')) }]);
    const t0 = Date.UTC(2026, 0, 1, 5);
    const sources = ['MonitorHandler', 'ExtHandler', '', 'EnvHandler'];
    const levels: LogLevel[] = ['warning', 'error', 'info', 'warning', 'verbose', 'error', 'warning'];
    const want = new Map<string, number[]>();
    // 150,000 records over five hours (three pages), the sources in turn, every 13th untimed
    for (let i = 0; i < 150_000; i++) {
      const source = sources[i % sources.length];
      const level = levels[i % levels.length];
      const timeMs = i % 13 === 0 ? NaN : t0 + Math.floor((i / 150_000) * 5 * 3_600_000);
      store.add(0, { line: i + 1, lineCount: 1, offset: i, length: 1, timeMs, zone: Number.isFinite(timeMs) ? 'utc' : 'none', level, source });
      if ((level !== 'warning' && level !== 'error') || !Number.isFinite(timeMs)) continue;
      const name = source || '—';
      const counts = want.get(name) ?? [0, 0, 0, 0, 0];
      counts[Math.floor((timeMs - t0) / 3_600_000)]++;
      want.set(name, counts);
    }
    const problems = chartActivity(store, []).problems!;
    expect(problems.start).toBe(new Date(t0).toISOString());
    expect(problems.stepMs).toBe(3_600_000);
    expect(new Map(problems.series.map((s) => [s.name, s.counts]))).toEqual(want);
  });

  it("charts the agent's facts as one call per fact would: events taking turns, untimed facts, hours apart", () => {
    const t0 = Date.UTC(2026, 0, 1, 5);
    const events = ['fetched', 'processing-started', 'processing-completed', 'fetched', 'processing-started'];
    const facts: Fact[] = [];
    for (let i = 0; i < 5000; i++) {
      const timeMs = i % 17 === 0 ? NaN : t0 + i * 7_000;
      if (i % 3 === 0) facts.push({ kind: 'agent-heartbeat', timeMs } as unknown as Fact);
      else if (i % 97 === 0) facts.push({ kind: 'agent-lifecycle', event: i % 2 ? 'daemon-start' : 'exthandler-start', timeMs } as unknown as Fact);
      else facts.push({ kind: 'goal-state', event: events[i % events.length], timeMs } as unknown as Fact);
    }
    const store = new RecordStore([]);
    const want = activityCharts((fn) => facts.forEach((f) => fn(f.kind, (f as { event?: string }).event, f.timeMs)), () => undefined).agent;
    const timed = (keep: (f: Fact & { event?: string }) => boolean) => facts.filter((f) => Number.isFinite(f.timeMs) && keep(f)).length;
    expect(want?.series.map((s) => s.counts.reduce((a, b) => a + b, 0))).toEqual([
      timed((f) => f.kind === 'agent-heartbeat'),
      timed((f) => f.event === 'processing-started'),
      timed((f) => f.kind === 'agent-lifecycle'),
    ]);
    expect(chartActivity(store, facts).agent).toEqual(want);
  });
});
