// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogQuery, LogRecord } from '../../src/shared';
import { anyIn } from '../../src/shared/sorted';
import { evidenceLines, LogsView, PAGE_SIZE, ROW_REM } from '../../src/renderer/views/LogsView';
import { DEFAULT_REM_PX } from '../../src/renderer/util/rem';

import { scrollScale } from '../../src/renderer/util/scroll-scale';
import { useApp } from '../../src/renderer/state/store';
import { useLogs } from '../../src/renderer/state/logs';
import { redactLine } from '../../src/renderer/util/redact';
import { buildResult, EXTLOG, RECORDS, WAAGENT } from './fixtures/analysis';
import { createFakeApi } from './fixtures/fake-api';
import { installLayout, renderUi, setup, until } from './helpers';

/** A collapsed row in px at the default text size (jsdom has no root font size). */
const ROW_HEIGHT = ROW_REM * DEFAULT_REM_PX;

const rows = () => screen.queryAllByTestId('log-row');
const total = () => screen.getByTestId('log-total').textContent;

describe('Logs view', () => {
  beforeEach(() => installLayout(600));
  afterEach(() => cleanup());

  it('shows the merged records from the first page, in time order', async () => {
    const api = setup({ view: 'logs' });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe(`${RECORDS.length} records`));
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    const times = rows()
      .map((r) => r.querySelector('.c-time')!.textContent!)
      .filter((t) => t !== '—');
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort()).toEqual(times);
    const q = api.callsTo('queryLogs')[0][0] as LogQuery;
    expect(q).toMatchObject({ offset: 0, limit: PAGE_SIZE });
    expect(q.fileIds).toBeUndefined();
  });

  it('narrows by level, file and text (debounced); every visible row matches', async () => {
    setup({ view: 'logs' });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe(`${RECORDS.length} records`));
    fireEvent.click(screen.getByRole('button', { name: 'error' }));
    const errors = RECORDS.filter((r) => r.level === 'error');
    await waitFor(() => expect(total()).toBe(`${errors.length} records`));
    await waitFor(() => expect(rows()).toHaveLength(errors.length));
    for (const r of rows()) expect(r.dataset.level).toBe('error');
    fireEvent.click(screen.getByRole('button', { name: 'error' }));
    fireEvent.change(screen.getByLabelText('File'), { target: { value: '1' } });
    const ext = RECORDS.filter((r) => r.file === EXTLOG);
    await waitFor(() => expect(total()).toBe(`${ext.length} records`));
    for (const r of rows()) expect(r.dataset.file).toBe(EXTLOG);
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'FREEZE timed' } });
    await waitFor(() => expect(total()).toBe('1 record'));
    expect(rows()[0].textContent).toContain('freeze timed-out');
  });

  it('reports an invalid regex from the page error', async () => {
    setup({ view: 'logs' });
    renderUi(<LogsView />);
    fireEvent.click(screen.getByRole('checkbox', { name: /Regex/ }));
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'freeze(' } });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toMatch(/Invalid regular expression/);
  });

  it('jumps to an evidence line from another view and highlights it, clearing filters that hide it', async () => {
    const api = setup({ view: 'logs' });
    useLogs.getState().setFilters({ levels: ['info'] });
    renderUi(<LogsView />);
    const target = RECORDS.find((r) => r.file === EXTLOG && r.text.includes('Enable failed'))!;
    // A continuation line of a multi-line record finds the record.
    act(() => useApp.getState().showInLogs(EXTLOG, target.line + 2));
    const hl = await until(() => {
      const h = rows().find((r) => r.dataset.highlighted === 'true');
      if (!h) throw new Error('no highlighted row yet');
      return h;
    });
    expect(hl.dataset.file).toBe(EXTLOG);
    expect(Number(hl.dataset.line)).toBe(target.line);
    expect(hl.textContent).toContain('Enable failed with error');
    expect(useLogs.getState().filters.levels).toEqual([]);
    expect(screen.getByText('Filters were cleared to show this line.')).toBeTruthy();
    expect(api.callsTo('locateLog').length).toBe(2);
  });

  it('an evidence line opened from another view takes the keyboard focus to its row in the list', async () => {
    setup({ view: 'logs' });
    renderUi(<LogsView />);
    const target = RECORDS.find((r) => r.file === EXTLOG && r.text.includes('Enable failed'))!;
    act(() => useApp.getState().showInLogs(EXTLOG, target.line));
    const list = screen.getByTestId('log-scroll');
    const row = await until(() => {
      const h = rows().find((r) => r.dataset.highlighted === 'true');
      if (!h) throw new Error('no highlighted row yet');
      return h;
    });
    await until(() => expect(document.activeElement).toBe(list));
    expect(list.getAttribute('aria-activedescendant')).toBe(row.id);
    // the arrows go on from the evidence line, not from the top of the list
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await until(() => expect(list.getAttribute('aria-activedescendant')).toBe(`log-row-${Number(row.id.replace('log-row-', '')) + 1}`));
  });

  it('expands multi-line records, bookmarks lines and copies a line with secrets redacted', async () => {
    setup({ view: 'logs' });
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderUi(<LogsView />);
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'Enable failed' } });
    await waitFor(() => expect(total()).toBe('1 record'));
    const row = rows()[0];
    expect(row.textContent).not.toContain('Traceback');
    fireEvent.click(screen.getByRole('button', { name: '+3 more lines, expand' }));
    expect(rows()[0].textContent).toContain('Traceback (most recent call last):');
    fireEvent.click(screen.getByRole('button', { name: /^Bookmark / }));
    const bm = screen.getByRole('complementary', { name: 'Bookmarks' });
    expect(bm.textContent).toContain('extension.log:');
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'sig=' } });
    await waitFor(() => expect(rows()[0]?.textContent).toContain('blob upload url'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Copy / })));
    const copied = writeText.mock.calls[0][0] as string;
    expect(copied).toContain('<redacted>');
    expect(copied).toContain('blob upload url');
    expect(copied).not.toContain('sEcReT');
  });

  it('copies the selected lines (Shift+click, Shift+arrows, Ctrl+C), each with where it is, redacted', async () => {
    setup({ view: 'logs' });
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe(`${RECORDS.length} records`));
    fireEvent.click(rows()[0]);
    expect(screen.queryByTestId('copy-selected')).toBeNull();
    fireEvent.click(rows()[2], { shiftKey: true });
    expect(rows().filter((r) => r.dataset.selected === 'true')).toHaveLength(3);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy 3 selected lines' })));
    const shown = rows().slice(0, 3);
    const copied = (writeText.mock.calls[0][0] as string).split('\n');
    shown.forEach((r, i) => expect(copied[i].startsWith(`${r.dataset.file}:${r.dataset.line}: `), copied[i]).toBe(true));
    expect(screen.getByText('Copied 3 lines (secrets redacted).')).toBeTruthy();
    // Shift+↓ grows it from the keyboard; Ctrl+C copies it
    fireEvent.keyDown(screen.getByTestId('log-scroll'), { key: 'ArrowDown', shiftKey: true });
    expect(rows().filter((r) => r.dataset.selected === 'true')).toHaveLength(4);
    await act(async () => fireEvent.keyDown(screen.getByTestId('log-scroll'), { key: 'c', ctrlKey: true }));
    expect((writeText.mock.calls[1][0] as string).trimEnd().split('\n').filter((l) => /^\S+:\d+: /.test(l))).toHaveLength(4);
    // a plain click starts again from one line
    fireEvent.click(rows()[1]);
    expect(rows().filter((r) => r.dataset.selected === 'true')).toHaveLength(0);
  });

  it('a line of pasted text is copied and bookmarked as "pasted text, line N"', async () => {
    const r = buildResult();
    setup({ view: 'logs', result: { ...r, inputs: [{ ...r.inputs[0], path: '', kind: 'pasted-text' }] } });
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe(`${RECORDS.length} records`));
    const first = rows()[0];
    expect(first.querySelector('[data-testid="row-loc"]')?.textContent).toBe(`pasted text, line ${first.dataset.line}`);
    fireEvent.click(rows()[0]);
    fireEvent.click(rows()[1], { shiftKey: true });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy 2 selected lines' })));
    expect((writeText.mock.calls[0][0] as string).startsWith(`pasted text, line ${first.dataset.line}: `)).toBe(true);
    // the row's copy button names the place too
    await act(async () => fireEvent.click(within(rows()[0]).getByRole('button', { name: `Copy pasted text, line ${first.dataset.line}` })));
    expect(screen.getByText(`Copied pasted text, line ${first.dataset.line} (secrets redacted).`)).toBeTruthy();
  });

  it('jumps to a time', async () => {
    setup({ view: 'logs' });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe(`${RECORDS.length} records`));
    fireEvent.change(screen.getByLabelText('Jump to time'), { target: { value: '2026-11-19 22:01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    const hl = await until(() => rows().find((r) => r.dataset.highlighted === 'true') ?? (() => { throw new Error('none'); })());
    expect(hl.textContent).toContain('freeze timed-out');
  });

  it('asks only for the pages around what it shows, even for a million records; a far jump fetches its page first', async () => {
    const one = RECORDS[0];
    const big = createFakeApi(useApp.getState().result ?? (setup(), useApp.getState().result!));
    const offsets: number[] = [];
    big.queryLogs = async (q) => {
      offsets.push(q.offset);
      const records: LogRecord[] = Array.from({ length: Math.max(0, Math.min(q.limit, 1_000_000 - q.offset)) }, (_, i) => ({ ...one, id: q.offset + i, line: q.offset + i + 1, file: WAAGENT }));
      return { total: 1_000_000, offset: q.offset, records };
    };
    setup({ view: 'logs' });
    Object.defineProperty(window, 'vmbd', { value: big, configurable: true, writable: true });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe('1,000,000 records'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    // 600 px of 24 px rows plus overscan: a few dozen rows, never a page's worth.
    expect(rows().length).toBeLessThan(60);
    expect(rows().every((r) => Number(r.dataset.index) < 60)).toBe(true);
    // The first page and a little prefetch in the scroll direction, nothing beyond.
    await waitFor(() => expect(offsets.length).toBeGreaterThan(1));
    expect(Math.max(...offsets)).toBeLessThanOrEqual(3 * PAGE_SIZE);
    expect(offsets.length).toBeLessThanOrEqual(4);
    expect(new Set(offsets).size).toBe(offsets.length);

    // Drag the scrollbar to the middle: the page under the new viewport is asked for, and its rows show.
    const before = offsets.length;
    const scroller = screen.getByTestId('log-scroll');
    // (a million 24 px rows are taller than the browser lays out: the scroll position is scaled, scroll-scale.ts)
    const mid = (500_000 * ROW_HEIGHT + ROW_HEIGHT / 2) / scrollScale(1_000_000 * ROW_HEIGHT, scroller.clientHeight);
    act(() => {
      scroller.scrollTop = mid;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const target = Math.floor(500_000 / PAGE_SIZE) * PAGE_SIZE;
    expect(offsets.slice(before)[0]).toBe(target);
    await waitFor(() => expect(rows().some((r) => Number(r.dataset.index) === 500_000)).toBe(true));
    const shown = rows().find((r) => Number(r.dataset.index) === 500_000)!;
    expect(Number(shown.dataset.line)).toBe(500_001);
    // Still only pages near the two places the viewer has been, or where a jump of the same size would land next.
    const near = (o: number, at: number) => Math.abs(o - at) <= 4 * PAGE_SIZE;
    for (const o of offsets) expect(near(o, 0) || near(o, target) || near(o, 2 * target)).toBe(true);
  });

  it('a scaled list moves its rows as one group: a scroll step leaves the rows still on screen untouched', async () => {
    // the 430 MB verbose waagent.log of the renderer bench: taller than the browser lays out, so scaled
    const count = 2_723_718;
    const one = RECORDS[0];
    const big = createFakeApi(useApp.getState().result ?? (setup(), useApp.getState().result!));
    big.queryLogs = async (q) => {
      const records: LogRecord[] = Array.from({ length: Math.max(0, Math.min(q.limit, count - q.offset)) }, (_, i) => ({ ...one, id: q.offset + i, line: q.offset + i + 1, file: WAAGENT }));
      return { total: count, offset: q.offset, records };
    };
    setup({ view: 'logs' });
    Object.defineProperty(window, 'vmbd', { value: big, configurable: true, writable: true });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe('2,723,718 records'));
    const scroller = screen.getByTestId('log-scroll');
    const scale = scrollScale(count * ROW_HEIGHT, scroller.clientHeight);
    expect(scale).toBeGreaterThan(4);
    const scrollTo = (top: number) =>
      act(() => {
        scroller.scrollTop = top;
        scroller.dispatchEvent(new Event('scroll'));
      });
    const shown = () => rows().filter((r) => !r.classList.contains('placeholder'));
    // each row where the list means it: its index's rows' pixels, less what the scaled scroll position leaves out
    const placedRight = () => {
      const group = Number(/translateY\((-?[\d.]+)px\)/.exec(screen.queryByTestId('log-rows')?.style.transform ?? '')?.[1] ?? 0);
      for (const r of shown()) {
        const own = Number(/translateY\((-?[\d.]+)px\)/.exec(r.style.transform)![1]);
        expect(group + own).toBeCloseTo(Number(r.dataset.index) * ROW_HEIGHT - scroller.scrollTop * (scale - 1), 3);
      }
    };
    // into the middle (row ~1.36 M), then one wheel-speed step: 110 px, 4.6 rows' height at scale 1, 19 rows here
    const mid = (1_358_813 * ROW_HEIGHT) / scale;
    scrollTo(mid);
    await waitFor(() => expect(shown().some((r) => Number(r.dataset.index) === 1_358_813)).toBe(true));
    placedRight();
    const before = new Map(shown().map((r) => [r.dataset.index, r]));
    const changed: string[] = [];
    const watch = new MutationObserver((ms) => {
      for (const m of ms) {
        const row = (m.target as Element).closest<HTMLElement>('[data-testid="log-row"]');
        // (the rows' buttons are one Tab stop, on the first row in view: it moves on as the list scrolls)
        if (row && m.attributeName !== 'tabindex') changed.push(`${row.dataset.index} ${m.attributeName}`);
      }
    });
    watch.observe(screen.getByRole('list', { name: 'Log records list' }), { attributes: true, subtree: true });
    scrollTo(mid + 110);
    await waitFor(() => expect(shown().some((r) => Number(r.dataset.index) > Math.max(...[...before.keys()].map(Number)))).toBe(true));
    watch.disconnect();
    placedRight();
    const kept = shown().filter((r) => before.get(r.dataset.index) === r);
    // the rows that stayed on screen: the same elements, not one attribute written (before: every row's transform)
    expect(kept.length).toBeGreaterThan(5);
    expect(changed.filter((c) => kept.some((r) => c.startsWith(`${r.dataset.index} `)))).toEqual([]);
  });

  it('a jump past the rows on screen shows the new rows in the same elements, but never in the focused row’s', async () => {
    // the 1,000,000-line waagent.log of the renderer bench: 642,116 records, not scaled
    const count = 642_116;
    const one = RECORDS[0];
    const big = createFakeApi(useApp.getState().result ?? (setup(), useApp.getState().result!));
    big.queryLogs = async (q) => {
      const records: LogRecord[] = Array.from({ length: Math.max(0, Math.min(q.limit, count - q.offset)) }, (_, i) => ({ ...one, id: q.offset + i, line: q.offset + i + 1, file: WAAGENT, text: `${one.text} #${q.offset + i}` }));
      return { total: count, offset: q.offset, records };
    };
    setup({ view: 'logs' });
    Object.defineProperty(window, 'vmbd', { value: big, configurable: true, writable: true });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe('642,116 records'));
    const scroller = screen.getByTestId('log-scroll');
    const shown = () => rows().filter((r) => !r.classList.contains('placeholder'));
    await waitFor(() => expect(shown().length).toBeGreaterThan(20));
    const before = new Set(rows());
    const last = Math.max(...rows().map((r) => Number(r.dataset.index)));
    // the keyboard is on row 3's bookmark button
    const focused = rows().find((r) => r.dataset.index === '3')!.querySelector<HTMLButtonElement>('button.bm')!;
    act(() => focused.focus());
    expect(document.activeElement).toBe(focused);
    // a jump to rows no element shows yet, within the page already held (page 0: rows 0–199)
    const to = last + 60;
    expect(to + 40).toBeLessThan(PAGE_SIZE);
    act(() => {
      scroller.scrollTop = to * ROW_HEIGHT;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(shown().some((r) => Number(r.dataset.index) === to)).toBe(true));
    const now = rows();
    expect(now.every((r) => Number(r.dataset.index) > last)).toBe(true);
    // each row shows its own record, in an element that showed another one before
    for (const r of now) {
      expect(r.id).toBe(`log-row-${r.dataset.index}`);
      expect(Number(r.dataset.line)).toBe(Number(r.dataset.index) + 1);
      expect(within(r).getByTestId('log-text').textContent).toContain(`#${r.dataset.index}`);
    }
    expect(now.filter((r) => before.has(r)).length).toBeGreaterThanOrEqual(before.size - 2);
    // the focused row's element went with its row: no row of another record holds the focus
    expect(now.some((r) => r.contains(focused))).toBe(false);
    expect(now.some((r) => r.contains(document.activeElement))).toBe(false);
  });

  it('collapsed rows have the fixed row height and are positioned by index', async () => {
    setup({ view: 'logs' });
    renderUi(<LogsView />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(10));
    for (const r of rows()) expect(r.style.transform).toBe(`translateY(${Number(r.dataset.index) * ROW_HEIGHT}px)`);
    const list = screen.getByRole('list', { name: 'Log records list' });
    expect(list.style.height).toBe(`${RECORDS.length * ROW_HEIGHT}px`);
  });

  it('marks rows that hold a finding’s evidence line', async () => {
    setup({ view: 'logs' });
    // The failed task's freeze timeout is evidence of the verdict; the heartbeats are not.
    useLogs.getState().setFilters({ text: 'freeze timed-out' });
    renderUi(<LogsView />);
    await waitFor(() => expect(total()).toBe('1 record'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].className).toContain('evidence-row');
    act(() => useLogs.getState().setFilters({ text: 'HeartbeatCounter: 3;' }));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('HeartbeatCounter: 3;'));
    expect(rows()[0].className).not.toContain('evidence-row');
  });
});

describe('evidence lookup', () => {
  it('finds a line inside a record’s span by binary search', () => {
    const m = evidenceLines([{ evidence: [{ file: 'a', line: 30 }, { file: 'a', line: 10 }, { file: 'b', line: 5 }, { file: 'a', line: 10 }, { file: 'a', line: 0 }] }]);
    expect(m.get('a')).toEqual([10, 30]);
    expect(anyIn(m.get('a'), 10, 11)).toBe(true);
    expect(anyIn(m.get('a'), 8, 10)).toBe(false);
    expect(anyIn(m.get('a'), 11, 30)).toBe(false);
    expect(anyIn(m.get('a'), 25, 40)).toBe(true);
    expect(anyIn(m.get('a'), 31, 99)).toBe(false);
    expect(anyIn(m.get('c'), 1, 99)).toBe(false);
  });
});

describe('redactLine', () => {
  it('removes SAS signatures, protected settings and passwords but keeps the rest', () => {
    const line = '2026-11-19 22:02:13 upload https://a.blob.core.windows.net/c?sv=2021-08-06&sig=AbC%2Bd%3D&se=x "protectedSettings": "MIIBsecretblob" password=hunter2 snapshotTaskToken=tok123';
    const out = redactLine(line);
    expect(out).toContain('2026-11-19 22:02:13 upload https://a.blob.core.windows.net/c');
    expect(out).toContain('<redacted>');
    expect(out).not.toMatch(/hunter2|tok123|MIIBsecretblob|AbC%2Bd/);
  });
});
