// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotTask } from '../../src/shared';
import { failedTaskWindow, newestFirst, TimelineView } from '../../src/renderer/views/TimelineView';
import { useApp } from '../../src/renderer/state/store';
import { buildTimeline, errorDensity, isoMs, segmentEvidence, timeTicks, visibleSegments } from '../../src/renderer/util/timeline-model';
import { formatTick } from '../../src/renderer/util/time';
import { buildResult, EXT, FAILED_TASK } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

describe('timeline model', () => {
  it('draws each task as phase bars, extension operations per handler and agent markers', () => {
    const r = buildResult();
    const m = buildTimeline(r);
    expect(m.lanes.map((l) => l.label)).toEqual(['Backup snapshots', 'VMSnapshotLinux', 'AzureMonitorLinuxAgent', 'Guest agent']);
    const snap = m.segments.filter((s) => s.lane === 0);
    expect(new Set(snap.map((s) => s.taskId)).size).toBe(5);
    const failed = snap.filter((s) => s.taskId === FAILED_TASK);
    expect(failed.find((s) => s.phase === 'freeze')?.tone).toBe('error');
    expect(failed.find((s) => s.phase === 'thaw')?.tone).toBe('warning');
    expect(snap.filter((s) => s.taskId !== FAILED_TASK).every((s) => s.tone === 'ok')).toBe(true);
    expect(m.segments.filter((s) => s.lane === 1)).toHaveLength(5);
    expect(m.markers.map((x) => x.label)).toEqual(['Extension heartbeat is stale', 'Agent started (WALinuxAgent-2.9.1.1)']);
    const [from, to] = m.domain!;
    expect(from).toBeLessThan(Date.parse('2026-11-14T08:00:03Z'));
    expect(to).toBeGreaterThan(Date.parse('2026-11-19T22:02:13Z'));
    const d = errorDensity(r, m.domain!);
    expect(d.reduce((a, b) => a + b.errors, 0)).toBe(r.timeline.filter((t) => t.severity === 'error').length);
  });

  it('aggregates 10,000 tasks into a bounded number of shapes', () => {
    const r = buildResult();
    const base = r.snapshots[0];
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    r.snapshots = Array.from({ length: 10_000 }, (_, i): SnapshotTask => {
      const s = new Date(t0 + i * 3_600_000).toISOString();
      const e = new Date(t0 + i * 3_600_000 + 90_000).toISOString();
      return { ...base, taskId: `t${i}`, start: s, end: e, result: i === 9_999 ? 'failed' : 'success', phases: [{ name: 'freeze', start: s, end: e, result: i === 9_999 ? 'timed-out' : 'ok' }], milestones: [] };
    });
    const m = buildTimeline(r);
    expect(m.segments.length).toBeGreaterThanOrEqual(10_000);
    const shown = visibleSegments(m.segments, m.domain![0], m.domain![1]);
    expect(shown.length).toBeLessThanOrEqual(600);
    expect(shown.reduce((a, s) => a + s.count, 0)).toBeGreaterThanOrEqual(10_000);
    // The worst result survives aggregation.
    expect(shown.some((s) => s.tone === 'error')).toBe(true);
  });
});

describe('Timeline view', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('renders the five tasks and opens the records behind a clicked bar in the side panel', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    expect(screen.getByTestId('task-summary').textContent).toContain('5 snapshot tasks: 4 succeeded, 1 failed');
    expect(screen.getAllByTestId('task-row')).toHaveLength(5);
    const bars = screen.getAllByTestId('timeline-segment');
    // Four phases of the failed task, plus its Enable operation on the extension lane.
    expect(bars.filter((b) => b.getAttribute('data-task') === FAILED_TASK && b.getAttribute('class')?.includes('phase-')).length).toBe(4);
    const freeze = bars.find((b) => b.getAttribute('data-task') === FAILED_TASK && b.getAttribute('class')?.includes('phase-freeze'))!;
    expect(freeze.getAttribute('class')).toContain('tone-error');
    fireEvent.click(freeze);
    const panel = screen.getByRole('complementary', { name: 'Details' });
    expect(panel.textContent).toContain('Snapshot task #15');
    expect(panel.textContent).toContain('122');
    expect(within(panel).getByRole('table', { name: 'Phases' }).textContent).toContain('timed out');
    const lines = within(panel).getAllByTestId('evidence-line');
    expect(lines.some((l) => l.textContent?.includes('freeze timed-out'))).toBe(true);
    fireEvent.click(within(panel).getByRole('button', { name: 'Show in logs' }));
    expect(useApp.getState().view).toBe('logs');
    expect(useApp.getState().logTarget?.file).toContain(EXT);
  });

  it('zooms in, out and back; zoom to task narrows the axis', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    const reset = screen.getByRole('button', { name: 'Reset zoom' }) as HTMLButtonElement;
    // It opens on the failed task, its phases named on the bars; the first day's bar is not in the window.
    expect(reset.disabled).toBe(false);
    const opened = screen.getAllByTestId('timeline-segment').map((b) => b.getAttribute('data-task'));
    expect(opened).toContain(FAILED_TASK);
    expect(screen.getAllByTestId('segment-label').map((l) => l.textContent)).toEqual(expect.arrayContaining(['freeze: timed out', 'thaw: unfinished']));
    fireEvent.click(reset);
    expect(reset.disabled).toBe(true);
    const before = screen.getAllByTestId('timeline-segment').length;
    expect(before).toBeGreaterThan(opened.length);
    const row = screen.getAllByTestId('task-row').find((r) => r.textContent?.includes('122'))!;
    fireEvent.click(within(row).getByRole('button', { name: 'Zoom' }));
    expect(reset.disabled).toBe(false);
    const after = screen.getAllByTestId('timeline-segment');
    expect(after.length).toBeLessThan(before);
    expect(after.every((b) => b.getAttribute('data-task') === FAILED_TASK || b.getAttribute('data-task') === null)).toBe(true);
    fireEvent.click(reset);
    expect(screen.getAllByTestId('timeline-segment').length).toBe(before);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(reset.disabled).toBe(false);
  });

  it('switches axis and panel times between UTC and the viewer’s zone', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    const row = screen.getAllByTestId('task-row').find((r) => r.textContent?.includes('122'))!;
    expect(row.textContent).toContain('2026-11-19 22:00:05Z');
    act(() => useApp.getState().setTimeMode('local'));
    const d = new Date('2026-11-19T22:00:05Z');
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:00:05`;
    const again = screen.getAllByTestId('task-row').find((r) => r.textContent?.includes('122'))!;
    expect(again.textContent).toContain(local);
    expect(again.textContent).not.toContain('22:00:05Z');
  });
});

describe('timeline model helpers', () => {
  it('isoMs agrees with Date.parse, on the fast path and off it', () => {
    for (const s of ['2026-11-19T22:00:05.123Z', '2026-01-31T23:59:59.999Z', '2024-02-29T00:00:00.000Z', '2026-11-19T22:00:05Z', '2026-11-19T22:00:05.1+01:00', 'garbage']) {
      expect(isoMs(s)).toEqual(Date.parse(s));
    }
    expect(isoMs(null)).toBeNaN();
  });

  it('opens on the failed task alone when its neighbours are a day away, and takes in a retry minutes later', () => {
    const r = buildResult();
    const m = buildTimeline(r);
    const failed = r.snapshots.find((t) => t.taskId === FAILED_TASK)!;
    const [s, e] = [Date.parse(failed.start!), Date.parse(failed.end!)];
    // 22:00:05 → 22:02:13 padded by 30 s each side (30 % of 128 s is less)
    expect(failedTaskWindow(r.snapshots, m.domain!)).toEqual([s - 38_400, e + 38_400]);
    // A retry starting two minutes after the failure ends: close enough, the window takes it in.
    const retryStart = e + 120_000;
    const retry: SnapshotTask = { ...r.snapshots[0], taskId: 'retry', start: new Date(retryStart).toISOString(), end: new Date(retryStart + 60_000).toISOString(), durationMs: 60_000 };
    const domain: [number, number] = [m.domain![0], retryStart + 86_400_000];
    expect(failedTaskWindow([...r.snapshots, retry], domain)).toEqual([s - 38_400, retryStart + 60_000 + 30_000]);
    // No failed task: the whole bundle.
    expect(failedTaskWindow(r.snapshots.filter((t) => t.taskId !== FAILED_TASK), m.domain!)).toBeNull();
  });

  it('ticks a two-minute window every 30 s, labelled with seconds', () => {
    const from = Date.parse('2026-11-19T21:59:35Z');
    const to = Date.parse('2026-11-19T22:02:43Z');
    const ticks = timeTicks(from, to, 7);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 19))).toEqual(['22:00:00', '22:00:30', '22:01:00', '22:01:30', '22:02:00', '22:02:30']);
    expect(formatTick(ticks[1], 'utc', to - from)).toBe('22:00:30');
    // the same window in a narrow chart (3 ticks): every 2 minutes, not one lone tick every 5
    expect(timeTicks(from, Date.parse('2026-11-19T22:04:50Z'), 3).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['22:00', '22:02', '22:04']);
    // an hour: minutes are enough
    expect(formatTick(ticks[1], 'utc', 3_600_000)).toBe('22:00');
  });

  it('sorts tasks newest first, untimed ones last in their order', () => {
    const base = buildResult().snapshots[0];
    const t = (id: string, start?: string): SnapshotTask => ({ ...base, taskId: id, start: start ?? null, requestedStart: undefined });
    expect(newestFirst([t('a', '2026-01-01T00:00:00.000Z'), t('x'), t('b', '2026-01-02T00:00:00.000Z'), t('y')]).map((x) => x.taskId)).toEqual(['b', 'a', 'x', 'y']);
  });

  it('an aggregated bar carries its members’ evidence, a task bar its task’s', () => {
    const r = buildResult();
    const m = buildTimeline(r);
    const bar = m.segments.find((s) => s.taskId === FAILED_TASK && s.phase === 'freeze')!;
    const ev = segmentEvidence(m, bar);
    expect(ev.some((e) => e.text.includes('freeze timed-out'))).toBe(true);
    const agg = visibleSegments(m.segments, m.domain![0], m.domain![1], 1, 1);
    expect(agg.some((s) => s.count > 1 && segmentEvidence(m, s).length > 0)).toBe(true);
    // an aggregate carries no English words of its own (the view says `tl.items` in the UI's language)
    expect(agg.filter((s) => s.count > 1).every((s) => !/\bitems\b/.test(s.label))).toBe(true);
  });

  it('the brush zooms with the keyboard and the task table lists tasks virtualised', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    const reset = screen.getByRole('button', { name: 'Reset zoom' }) as HTMLButtonElement;
    fireEvent.click(reset);
    const start = screen.getByRole('slider', { name: 'Zoom window start' });
    fireEvent.keyDown(start, { key: 'PageUp' });
    expect(reset.disabled).toBe(false);
    expect(Number(start.getAttribute('aria-valuenow'))).toBeGreaterThan(Number(start.getAttribute('aria-valuemin')));
    fireEvent.keyDown(start, { key: 'Home' });
    expect(reset.disabled).toBe(true);
    expect(screen.getByRole('table', { name: 'Snapshot tasks' }).getAttribute('aria-rowcount')).toBe('6');
  });
});
