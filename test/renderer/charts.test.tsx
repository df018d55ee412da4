// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotTask } from '../../src/shared';
import { Charts } from '../../src/renderer/components/Charts';
import { useLang } from '../../src/renderer/i18n';
import { buildResult } from './fixtures/analysis';
import { renderUi, setup } from './helpers';

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
    return { ...base, taskId: `t${i}`, start: s, end: e, result: i % 7 === 0 ? 'failed' : 'success', phases: [], milestones: [] };
  });
  return r;
}

describe('task duration chart', () => {
  it('says how many of how many tasks it draws when it thins a big series, in English and Dutch', () => {
    setup({ result: manyTasks(10_000) });
    renderUi(<Charts />);
    const caption = screen.getByTestId('chart-task-duration-thinned');
    const m = /([\d,]+) of 10,000 tasks drawn/.exec(caption.textContent ?? '');
    expect(m).not.toBeNull();
    const shown = Number(m![1].replace(/,/g, ''));
    // every failed task (1,429) plus at most two succeeded ones per pixel column of the window's width (jsdom: 1024)
    expect(shown).toBeGreaterThan(1_429);
    expect(shown).toBeLessThanOrEqual(1_429 + 2 * window.innerWidth);
    act(() => useLang.setState({ lang: 'nl' }));
    expect(screen.getByTestId('chart-task-duration-thinned').textContent).toMatch(/[\d.]+ van 10\.000 taken getekend/);
  });

  it('draws a series the width can show whole, without the caption', () => {
    setup({ result: manyTasks(200) });
    renderUi(<Charts />);
    expect(screen.getByTestId('chart-task-duration')).toBeTruthy();
    expect(screen.queryByTestId('chart-task-duration-thinned')).toBeNull();
  });
});
