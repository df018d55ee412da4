// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisResult, ExportRequest } from '../../src/shared';
import { App } from '../../src/renderer/App';
import { useLogs } from '../../src/renderer/state/logs';
import { useApp } from '../../src/renderer/state/store';
import { LogsView } from '../../src/renderer/views/LogsView';
import { installLayout, renderUi, setup } from './helpers';

/** For the ticket (issue 21 point 10): bookmarks with notes, the portal code after loading, the recent list, the raw file. */
const key = (k: string, mods: Partial<KeyboardEventInit> = {}) => act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: k, ctrlKey: true, ...mods })));

describe('bookmarks with notes', () => {
  beforeEach(() => installLayout(600));
  afterEach(() => cleanup());

  it('a note per bookmark, editable, kept with the bookmark and sent with the export', async () => {
    const api = setup({ view: 'logs' });
    renderUi(<App />);
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'Enable failed' } });
    await waitFor(() => expect(screen.getByTestId('log-total').textContent).toBe('1 record'));
    fireEvent.click(screen.getByRole('button', { name: /^Bookmark / }));
    const pane = screen.getByRole('complementary', { name: 'Bookmarks' });
    expect(pane.textContent).toContain('Bookmarks and their notes go into the report.');
    const note = within(pane).getByRole('textbox', { name: /^Note on .*extension\.log:\d+$/ });
    fireEvent.change(note, { target: { value: 'freeze timed out again' } });
    expect(useLogs.getState().bookmarks[0]).toMatchObject({ note: 'freeze timed out again', file: expect.stringMatching(/extension\.log$/) });
    fireEvent.change(note, { target: { value: 'freeze timed out again; customer runs a DB' } });
    expect(useLogs.getState().bookmarks[0].note).toBe('freeze timed out again; customer runs a DB');
    key('e');
    const dlg = screen.getByRole('dialog', { name: 'Export report' });
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Preview' })));
    const req = api.callsTo('previewReport')[0][0] as ExportRequest;
    expect(req.bookmarks).toEqual([expect.objectContaining({ note: 'freeze timed out again; customer runs a DB', line: useLogs.getState().bookmarks[0].line })]);
  });

  it('no bookmarks: the export request carries none; a removed bookmark takes its note along', async () => {
    setup({ view: 'logs' });
    useLogs.getState().toggleBookmark({ file: 'var/log/waagent.log', line: 4, time: null, text: 'x' });
    useLogs.getState().setBookmarkNote('var/log/waagent.log', 4, 'n'.repeat(5000));
    expect(useLogs.getState().bookmarks[0].note).toHaveLength(2000);
    renderUi(<LogsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove bookmark var/log/waagent.log:4' }));
    expect(useLogs.getState().bookmarks).toEqual([]);
  });
});

describe('the portal code and the failed job time, after loading', () => {
  beforeEach(() => installLayout(600));
  afterEach(() => cleanup());

  it('weighs the open bundle again with the new code and pinned time; views and bookmarks stay', async () => {
    const api = setup();
    const base = (api.nextOpen as { result: AnalysisResult }).result;
    useLogs.getState().toggleBookmark({ file: 'var/log/waagent.log', line: 4, time: null, text: 'x' });
    api.nextOpen = { ok: true, result: { ...base, portalCode: 'UserErrorFsFreezeTimeout', failedAt: new Date('2026-11-19T22:10').toISOString(), analyzedAt: '2026-11-24T07:00:00.000Z' } };
    renderUi(<App />);
    const form = screen.getByRole('form', { name: 'What the portal says' });
    const apply = within(form).getByRole('button', { name: 'Weigh again' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('Portal error code'), { target: { value: 'UserErrorFsFreezeTimeout' } });
    fireEvent.change(within(form).getByLabelText(/^When the job failed \(as the portal shows it, UTC[+−]\d\d:\d\d\)$/), { target: { value: '2026-11-19T22:10' } });
    await act(async () => fireEvent.click(apply));
    expect(api.callsTo('rediagnose')).toEqual([[{ portalCode: 'UserErrorFsFreezeTimeout', failedAt: new Date('2026-11-19T22:10').toISOString() }]]);
    expect(api.callsTo('openPaths')).toEqual([]);
    await waitFor(() => expect(screen.getByRole('form', { name: 'What the portal says' }).textContent).toMatch(/Weighed against the failed task of|No failed task within 6 hours/));
    expect(useLogs.getState().bookmarks).toHaveLength(1);
    expect(screen.getByTestId('verdict')).toBeTruthy();
  });

  it('a refused re-weighing shows its error', async () => {
    const api = setup();
    api.nextOpen = { ok: false, error: 'Open a bundle first.' };
    renderUi(<App />);
    const form = screen.getByRole('form', { name: 'What the portal says' });
    fireEvent.change(within(form).getByLabelText('Portal error code'), { target: { value: 'UserErrorGuestAgentStatusUnavailable' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Weigh again' })));
    expect(screen.getByText('Open a bundle first.')).toBeTruthy();
  });
});

describe('the recent list', () => {
  afterEach(() => cleanup());

  it('shows whole paths and the last verdict; removes one entry and clears all', async () => {
    const api = setup({ result: null });
    api.recentList = [
      { paths: ['/home/alice/Downloads/ticket-4711/logs.zip'], label: 'logs.zip', openedAt: '2026-11-23T10:00:00.000Z', verdict: { cause: 'fsfreeze-failed', confidence: 'high' } },
      { paths: ['/home/alice/cases/empty'], label: 'empty', openedAt: '2026-11-22T10:00:00.000Z', verdict: { nothing: true } },
      { paths: ['/home/alice/cases/old.zip'], label: 'old.zip', openedAt: '2026-11-21T10:00:00.000Z' },
    ];
    renderUi(<App />);
    const list = await screen.findByRole('list', { name: 'Recent bundles' });
    const paths = within(list).getAllByTestId('recent-path');
    expect(paths[0].textContent).toBe('/home/alice/Downloads/ticket-4711/logs.zip');
    expect(paths[0].getAttribute('title')).toBe('/home/alice/Downloads/ticket-4711/logs.zip');
    expect(list.textContent).toMatch(/filesystem freeze.*\(high confidence\)/i);
    expect(list.textContent).toContain('nothing to analyse');
    expect(list.textContent).toContain('no verdict kept');
    await act(async () => fireEvent.click(within(list).getByRole('button', { name: 'Remove empty from the list' })));
    expect(api.callsTo('removeRecent')).toEqual([[['/home/alice/cases/empty']]]);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Recent bundles' })).getAllByTestId('recent-path')).toHaveLength(2));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Clear list' })));
    await waitFor(() => expect(screen.getByText('Nothing opened yet.')).toBeTruthy());
  });
});

describe('the whole-file raw view', () => {
  afterEach(() => cleanup());

  it('evidence from a config file opens the whole file (files:read by id) with the evidence line marked', async () => {
    const api = setup();
    const r = useApp.getState().result!;
    const conf = r.files.find((f) => f.kind === 'waagent-conf') ?? r.files[0];
    // waagent.conf as the sample bundle has it (assets/sample/logs.zip, etc/waagent.conf)
    api.fileTexts[conf.vmPath] = '#\n# Microsoft Azure Linux Agent Configuration\n#\nExtensions.Enabled=y\nProvisioning.Agent=auto\n';
    renderUi(<App />);
    await act(async () => useApp.getState().showRaw({ file: conf.vmPath, line: 4, time: null, text: 'Extensions.Enabled=y' }));
    const dlg = screen.getByRole('dialog');
    await waitFor(() => expect(within(dlg).getByTestId('raw-scope').textContent).toContain('whole file'));
    expect(api.callsTo('readFile')).toEqual([[conf.id]]);
    expect(within(dlg).getByTestId('raw-view').textContent).toContain('Provisioning.Agent=auto');
    expect(within(dlg).getByTestId('raw-mark').textContent).toBe('Extensions.Enabled=y');
  });
});
