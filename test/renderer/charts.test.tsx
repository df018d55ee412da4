// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotTask } from '../../src/shared';
import { Charts } from '../../src/renderer/components/Charts';
import { useLang } from '../../src/renderer/i18n';
import { buildResult } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

afterEach(() => {
  cleanup();
  useLang.setState({ lang: 'en' });
});

/** A bundle of `n` snapshot tasks a minute apart, every 7th one failed. */
function manyTasks(n: number) {
  const r = buildResult();
  const base = r.snapshots[0];
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  r.snapshots = Array.from({ length: n }, (_, i): SnapshotTask => {
    const s = new Date(t0 + i * 60_000).toISOString();
    const e = new Date(t0 + i * 60_000 + 30_000 + (i % 13) * 1000).toISOString();
    return { ...base, taskId: `t${i}`, seqNo: undefined, code: undefined, durationMs: undefined, start: s, end: e, result: i % 7 === 0 ? 'failed' : 'success', phases: [], milestones: [] };
  });
  return r;
}

describe('task duration chart', () => {
  // jsdom has no layout: a 1200 px wide figure, so recharts lays out its axes and the symbols are drawn
  installLayout(600, 1200);

  it('draws 10,000 tasks as two paths and says how many symbols stand for how many tasks, in English and Dutch', () => {
    setup({ result: manyTasks(10_000) });
    renderUi(<Charts />);
    const marks = screen.getByTestId('task-marks');
    // one DOM node per series, however many tasks
    expect(marks.querySelectorAll('path')).toHaveLength(2);
    expect(marks.querySelectorAll('circle, rect, .recharts-symbols')).toHaveLength(0);
    const failedSquares = Number(marks.dataset.failed);
    expect(failedSquares).toBeGreaterThan(0);
    expect(screen.getByTestId('task-marks-failed').getAttribute('d')!.match(/M/g)).toHaveLength(failedSquares);
    const caption = screen.getByTestId('chart-task-duration-thinned');
    const m = /([\d,]+) symbols for 10,000 tasks/.exec(caption.textContent ?? '');
    expect(m).not.toBeNull();
    expect(Number(m![1].replace(/,/g, ''))).toBe(Number(marks.dataset.ok) + failedSquares);
    // the legend counts every task, the summary says when the failures were
    expect(screen.getByTestId('chart-task-duration-legend').textContent).toMatch(/8,571 succeeded.*1,429 failed/);
    expect(screen.getByTestId('chart-task-duration-summary').textContent).toBe(
      '10,000 tasks from 2026-01-01 00:00Z to 2026-01-07 22:39Z: 8,571 succeeded, 1,429 failed (the first at 2026-01-01 00:00Z, the last at 2026-01-07 22:36Z); the longest took 0.7 min.',
    );
    act(() => useLang.setState({ lang: 'nl' }));
    expect(screen.getByTestId('chart-task-duration-thinned').textContent).toMatch(/[\d.]+ symbolen voor 10\.000 taken/);
    expect(screen.getByTestId('chart-task-duration-summary').textContent).toMatch(/^10\.000 taken van .*: 8\.571 geslaagd, 1\.429 mislukt \(de eerste om .*\); de langste duurde 0,7 min\.$/);
    expect(screen.getByTestId('chart-task-duration-legend').textContent).toMatch(/8\.571 gelukt.*1\.429 mislukt/);
  });

  it('is one Tab stop whose arrow keys step through the symbols, each telling its tasks', () => {
    setup({ result: manyTasks(30) });
    renderUi(<Charts />);
    const plot = screen.getByRole('group', { name: 'Snapshot task duration' });
    expect(plot.tabIndex).toBe(0);
    expect(plot.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.queryByTestId('task-tip')).toBeNull();
    fireEvent.keyDown(plot, { key: 'Home' });
    // the first task (every 7th from 0 failed): 30 s, failed
    expect(screen.getByTestId('task-tip').textContent).toBe('2026-01-01 00:00:00Z · t0 · failed · 0.5 min');
    expect(screen.getByTestId('task-mark-active')).toBeTruthy();
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(screen.getByTestId('task-tip').textContent).toMatch(/^2026-01-01 00:01:00Z · t1 · success · 0\.52 min$/);
    fireEvent.keyDown(plot, { key: 'End' });
    expect(screen.getByTestId('task-tip').textContent).toMatch(/^2026-01-01 00:29:00Z · t29 /);
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(screen.getByTestId('task-tip').textContent).toMatch(/ · t29 /);
    fireEvent.keyDown(plot, { key: 'Escape' });
    expect(screen.queryByTestId('task-tip')).toBeNull();
  });

  it('announces the symbol the keys chose in one polite live region that is there from the start, never a hover', () => {
    setup({ result: manyTasks(30) });
    renderUi(<Charts />);
    const plot = screen.getByRole('group', { name: 'Snapshot task duration' });
    const regions = () => [...document.querySelectorAll('[role="status"], [aria-live]')].filter((el) => el.closest('[data-testid="chart-task-duration"]'));
    expect(regions()).toHaveLength(1);
    const said = screen.getByTestId('task-tip-said');
    expect(said.getAttribute('aria-live')).toBe('polite');
    expect(said.textContent).toBe('');
    fireEvent.keyDown(plot, { key: 'Home' });
    expect(said.textContent).toBe('2026-01-01 00:00:00Z · t0 · failed · 0.5 min');
    // the tooltip is what the eye reads; it is no second live region
    expect(screen.getByTestId('task-tip').getAttribute('aria-hidden')).toBe('true');
    expect(regions()).toHaveLength(1);
    expect(screen.getByTestId('task-tip-said')).toBe(said);
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(said.textContent).toMatch(/^2026-01-01 00:01:00Z · t1 · success · 0\.52 min$/);
    fireEvent.keyDown(plot, { key: 'Escape' });
    expect(said.textContent).toBe('');
  });

  it('does not call an unfinished or unknown task failed: a grey outlined square, counted apart', () => {
    const r = manyTasks(3);
    r.snapshots[1] = { ...r.snapshots[1], result: 'unfinished' };
    setup({ result: r });
    renderUi(<Charts />);
    const marks = screen.getByTestId('task-marks');
    expect([marks.dataset.ok, marks.dataset.failed, marks.dataset.other]).toEqual(['1', '1', '1']);
    expect(screen.getByTestId('task-marks-other').getAttribute('fill')).toBe('none');
    expect(screen.getByTestId('chart-task-duration-legend').textContent).toMatch(/^\s*1 succeeded\s+1 failed\s+1 unfinished or unknown$/);
    expect(screen.getByTestId('chart-task-duration-summary').textContent).toMatch(/: 1 succeeded, 1 failed, 1 unfinished or unknown \(at 2026-01-01 00:00Z\);/);
    act(() => useLang.setState({ lang: 'nl' }));
    expect(screen.getByTestId('chart-task-duration-legend').textContent).toMatch(/1 onvoltooid of onbekend$/);
    expect(screen.getByTestId('chart-task-duration-summary').textContent).toMatch(/: 1 geslaagd, 1 mislukt, 1 onvoltooid of onbekend \(om /);
  });

  it('draws a series the width can show whole, without the caption', () => {
    setup({ result: manyTasks(200) });
    renderUi(<Charts />);
    expect(screen.getByTestId('chart-task-duration')).toBeTruthy();
    expect(screen.queryByTestId('chart-task-duration-thinned')).toBeNull();
  });
});
