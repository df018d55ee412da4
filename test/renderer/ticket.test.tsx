// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../src/shared';
import { App } from '../../src/renderer/App';
import { useLogs } from '../../src/renderer/state/logs';
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
    await waitFor(() => expect(screen.getByTestId('log-total').textContent).toBe('1 records'));
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
