// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { App, runCommand, tabCommandForKey } from '../../src/renderer/App';
import { useApp } from '../../src/renderer/state/store';
import { useLogs } from '../../src/renderer/state/logs';
import { buildResult } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';
import type { FakeApi } from './fixtures/fake-api';

/** The sample-scenario fixture as a second VM (another host name, analysed later). */
const second = (): AnalysisResult => {
  const r = buildResult();
  return { ...r, analyzedAt: '2026-11-24T09:00:00.000Z', vm: { ...r.vm, hostname: 'vm-second' } };
};

/** Opens the first bundle (session 1) from the start view, as main answers with sessions. */
async function openFirst(api: FakeApi): Promise<AnalysisResult> {
  const first = buildResult();
  api.nextOpen = { ok: true, result: first, session: 1 };
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open sample' })));
  await waitFor(() => expect(useApp.getState().session).toBe(1));
  return first;
}

describe('two bundles: the question, the tabs, each tab its own state', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('asks after the picker; "open separately" opens a new session and a tab strip', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    const first = await openFirst(api);
    expect(api.callsTo('openSample')[0]).toEqual([{}]);
    // one bundle: no strip
    expect(screen.queryByRole('navigation', { name: 'Open bundles' })).toBeNull();
    api.nextPick = ['/home/eng/cases/second.zip'];
    api.nextOpen = { ok: true, result: second(), session: 2 };
    await act(async () => runCommand('open-files'));
    expect(api.callsTo('pickPaths')).toEqual([['files']]);
    expect(api.callsTo('openPaths')).toEqual([]);
    const dlg = screen.getByRole('dialog', { name: 'Another bundle' });
    expect(dlg.textContent).toContain(`${first.vm.hostname} is open.`);
    expect(document.activeElement?.textContent).toMatch(/^Open separately/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Open separately/ })));
    expect(api.callsTo('openPaths')).toEqual([[['/home/eng/cases/second.zip'], { session: 'new' }]]);
    const strip = screen.getByRole('navigation', { name: 'Open bundles' });
    const tabs = strip.querySelectorAll('[data-testid="bundle-tab"]');
    expect([...tabs].map((t) => t.querySelector('.bundle-tab-name')?.textContent)).toEqual([first.vm.hostname, 'vm-second']);
    expect(tabs[1].querySelector('[aria-current="page"]')).toBeTruthy();
    expect(useApp.getState().result?.vm.hostname).toBe('vm-second');
  });

  it('files dropped on a result view ask the same question; the start view’s drop zone opens them once', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await openFirst(api);
    act(() => useApp.getState().setView('timeline'));
    const files = [new File(['x'], 'second.zip')];
    // a text dragged from the page is no bundle
    await act(async () => fireEvent.drop(window, { dataTransfer: { files: [], types: ['text/plain'] } }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(async () => fireEvent.drop(screen.getByTestId('timeline-chart'), { dataTransfer: { files, types: ['Files'] } }));
    expect(screen.getByRole('dialog', { name: 'Another bundle' })).toBeTruthy();
    api.nextOpen = { ok: true, result: second(), session: 2 };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Open separately/ })));
    expect(api.callsTo('openPaths')).toEqual([[['/drop/second.zip'], { session: 'new' }]]);
    expect(useApp.getState().tabs).toHaveLength(2);
  });

  it('Esc cancels the question: nothing is opened', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await openFirst(api);
    await act(async () => runCommand('open-sample'));
    const dlg = screen.getByRole('dialog', { name: 'Another bundle' });
    await act(async () => fireEvent.keyDown(dlg, { key: 'Escape' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo('openSample')).toHaveLength(1);
    expect(useApp.getState().tabs).toHaveLength(1);
  });

  it('"add to this VM" asks main to re-analyse into the shown session; the tab stays one', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await openFirst(api);
    const both = second();
    api.nextOpen = { ok: true, result: both, session: 1 };
    await act(async () => runCommand('open-sample'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Add to this VM/ })));
    expect(api.callsTo('openSample')[1]).toEqual([{ session: { addTo: 1 } }]);
    expect(useApp.getState().tabs.map((t) => t.session)).toEqual([1]);
    expect(useApp.getState().result).toBe(both);
  });

  it('switching tabs activates the session in main first and brings back the tab’s view, filters and bookmarks', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await openFirst(api);
    act(() => {
      useApp.getState().setView('timeline');
      useLogs.getState().setFilters({ text: 'fsfreeze' });
      useLogs.getState().toggleBookmark({ file: 'var/log/waagent.log', line: 12, time: null, text: 'a line' });
    });
    api.nextOpen = { ok: true, result: second(), session: 2 };
    await act(async () => runCommand('open-sample'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Open separately/ })));
    // the new tab starts clean
    expect(useLogs.getState().filters.text).toBe('');
    expect(useLogs.getState().bookmarks).toEqual([]);
    expect(useApp.getState().view).toBe('diagnosis');
    act(() => useLogs.getState().setFilters({ text: 'only in two' }));
    const firstTab = screen.getAllByTestId('bundle-tab')[0].querySelector('button')!;
    await act(async () => fireEvent.click(firstTab));
    expect(api.callsTo('activateSession').at(-1)).toEqual([1]);
    expect(useApp.getState().session).toBe(1);
    expect(useApp.getState().view).toBe('timeline');
    expect(useLogs.getState().filters.text).toBe('fsfreeze');
    expect(useLogs.getState().bookmarks.map((b) => b.line)).toEqual([12]);
    // Ctrl+Tab goes round to the second tab, with its own filter
    await act(async () => fireEvent.keyDown(window, { key: 'Tab', ctrlKey: true }));
    expect(api.callsTo('activateSession').at(-1)).toEqual([2]);
    expect(useLogs.getState().filters.text).toBe('only in two');
  });

  it('closing a tab releases its session in main and shows the neighbour; the last one leads to the start view', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await openFirst(api);
    api.nextOpen = { ok: true, result: second(), session: 2 };
    await act(async () => runCommand('open-sample'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Open separately/ })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close vm-second' })));
    expect(api.callsTo('closeSession')).toEqual([[2]]);
    expect(useApp.getState().session).toBe(1);
    expect(screen.queryByRole('navigation', { name: 'Open bundles' })).toBeNull();
    await act(async () => fireEvent.keyDown(window, { key: 'w', ctrlKey: true }));
    expect(api.callsTo('closeSession')).toEqual([[2], [1]]);
    expect(useApp.getState()).toMatchObject({ tabs: [], session: null, result: null, view: 'start' });
  });

  it('maps the tab keys', () => {
    const k = (key: string, mods: { shiftKey?: boolean; altKey?: boolean } = {}) => tabCommandForKey({ key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect([k('Tab'), k('Tab', { shiftKey: true }), k('PageDown'), k('PageUp'), k('w'), k('W', { shiftKey: true }), k('Tab', { altKey: true })]).toEqual(['next-tab', 'previous-tab', 'next-tab', 'previous-tab', 'close-tab', null, null]);
    expect(tabCommandForKey({ key: 'Tab', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false })).toBeNull();
  });
});

describe('"Compare with last success" from the diagnosis and the timeline', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());
  const picked = (which: 'a' | 'b') => (screen.getByTestId(`compare-pick-${which}`) as HTMLSelectElement).selectedOptions[0].textContent;

  it('the diagnosis opens Compare on the failed task beside the success before it', async () => {
    setup({ view: 'diagnosis' });
    renderUi(<App />);
    fireEvent.click(within(screen.getByTestId('verdict')).getByRole('button', { name: 'Compare with last success' }));
    expect(useApp.getState().view).toBe('compare');
    await screen.findByTestId('compare-table');
    expect(picked('a')).toMatch(/^#15 .* failed · code 122$/);
    expect(picked('b')).toMatch(/^#14 .* success · code 1$/);
  });

  it('a task picked in the timeline is compared with the success before it; the first task has none and says why', async () => {
    setup({ view: 'timeline' });
    renderUi(<App />);
    const details = (seq: string) => {
      const row = screen.getAllByTestId('task-row').find((r) => r.firstElementChild?.textContent === seq)!;
      fireEvent.click(within(row).getByRole('button', { name: 'Details' }));
      return screen.getByRole('complementary', { name: 'Details' });
    };
    const first = within(details('11')).getByRole('button', { name: 'Compare with last success' }) as HTMLButtonElement;
    expect(first.disabled).toBe(true);
    expect(first.title).toBe('No successful backup task before this one, in this bundle or another open one, to compare with.');
    expect(screen.getByTestId('compare-last-success-reason').id).toBe(first.getAttribute('aria-describedby'));
    const second = within(details('13')).getByRole('button', { name: 'Compare with last success' }) as HTMLButtonElement;
    expect(second.disabled).toBe(false);
    fireEvent.click(second);
    await screen.findByTestId('compare-table');
    expect(picked('a')).toMatch(/^#13 .* success · code 1$/);
    expect(picked('b')).toMatch(/^#12 .* success · code 1$/);
  });
});
