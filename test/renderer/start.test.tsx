// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PORTAL_CODES } from '../../src/shared';
import { App } from '../../src/renderer/App';
import { useApp } from '../../src/renderer/state/store';
import { useLogs } from '../../src/renderer/state/logs';
import { useLang } from '../../src/renderer/i18n';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { buildResult } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

describe('Start view', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('offers every way in and passes the portal code with the sample', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    for (const name of ['Open files…', 'Open folder…', 'Connect over SSH…', 'Open sample']) expect(screen.getByRole('button', { name })).toBeTruthy();
    const code = screen.getByLabelText(/Portal error code/) as HTMLInputElement;
    const options = [...document.querySelectorAll('#portal-codes option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(PORTAL_CODES.map((c) => c.code));
    fireEvent.change(code, { target: { value: ' UserErrorGuestAgentStatusUnavailable ' } });
    expect(code.parentElement!.querySelector('p')!.textContent).toBe('VM Agent unable to communicate with Azure Backup');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open sample' })));
    expect(api.callsTo('openSample')[0][0]).toEqual({ portalCode: 'UserErrorGuestAgentStatusUnavailable' });
    await waitFor(() => expect(screen.getByTestId('verdict')).toBeTruthy());
    expect(screen.getByRole('tab', { name: 'Diagnosis' }).getAttribute('aria-selected')).toBe('true');
  });

  it('names the code it finds in a pasted job error, in the language switched to', async () => {
    setup({ result: null });
    renderUi(<App />);
    const code = screen.getByLabelText(/Portal error code/) as HTMLInputElement;
    const hint = () => code.parentElement!.querySelector('p')!.textContent;
    // https://github.com/MicrosoftDocs/azure-docs/issues/42299 (briojoel, 2019-11-07; the portal's job error, verbatim)
    const pasted = 'Error Code | ExtensionSnapshotFailedCOM\n\nError Message | Snapshot operation failed due to COM+ error\n\nRecommended Action | Please restart windows service "COM+ System Application" (COMSysApp). If the issue persists,, restart the VM.';
    fireEvent.change(code, { target: { value: pasted } });
    expect(hint()).toBe('Found in the text: ExtensionSnapshotFailedCOM — Snapshot operation failed due to COM+ error');
    act(() => useLang.getState().setLang('nl'));
    expect(hint()).toMatch(/^Gevonden in de tekst: ExtensionSnapshotFailedCOM — \S/);
    // the code typed alone keeps the message only; text naming no code keeps the hint
    fireEvent.change(code, { target: { value: 'extensionsnapshotfailedcom' } });
    expect(hint()).not.toContain('Gevonden');
    fireEvent.change(code, { target: { value: 'the backup failed last night' } });
    expect(hint()).toBe('De oorzaken voor de code staan dan in de volgorde van het Microsoft-artikel.');
    act(() => useLang.getState().setLang('en'));
  });

  it('opens files, a folder, a recent bundle and dropped files', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open files…' })));
    expect(api.callsTo('pickAndOpen')[0]).toEqual(['files', {}]);
    act(() => useApp.setState({ view: 'start' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open folder…' })));
    expect(api.callsTo('pickAndOpen')[1]).toEqual(['folder', {}]);
    act(() => useApp.setState({ view: 'start' }));
    const recent = await screen.findByRole('button', { name: 'logs.zip' });
    await act(async () => fireEvent.click(recent));
    expect(api.callsTo('openPaths')[0]).toEqual([['/home/eng/cases/logs.zip'], {}]);
    act(() => useApp.setState({ view: 'start' }));
    const a = new File(['x'], 'logs.zip');
    const b = new File(['y'], 'sosreport-vm.tar.xz');
    await act(async () => fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: [a, b] } }));
    expect(api.callsTo('openPaths')[1]).toEqual([['/drop/logs.zip', '/drop/sosreport-vm.tar.xz'], {}]);
  });

  it('shows progress with Cancel while loading, then a readable error banner with what was still loaded', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    let finish!: (v: Awaited<ReturnType<typeof api.openSample>>) => void;
    api.openSample = (o) => (api.calls.push({ method: 'openSample', args: [o] }), new Promise((r) => (finish = r)));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open sample' })));
    act(() => api.emit('bundle:progress', { phase: 'parsing', message: 'Parsing var/log/waagent.log', file: 'var/log/waagent.log', fraction: 0.42, files: 12 }));
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByRole('status', { name: 'Progress' }).textContent).toContain('var/log/waagent.log');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })));
    expect(api.callsTo('cancel')).toHaveLength(1);
    const partial = buildResult();
    partial.files = partial.files.slice(0, 2);
    await act(async () => finish({ ok: false, error: 'logs.zip: unexpected end of archive', partial }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('unexpected end of archive');
    expect(alert.textContent).toContain('Still loaded: 2 files');
    expect(screen.queryByRole('progressbar')).toBeNull();
    // The partial result is shown, not a blank screen.
    expect(screen.getByTestId('verdict')).toBeTruthy();
  });
});

describe('a banner after a language switch', () => {
  beforeEach(() => installLayout());
  afterEach(() => {
    cleanup();
    useLang.getState().setLang('en');
  });

  it('says its message and details in the language switched to, and a paste\'s name follows too', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    let finish!: (v: Awaited<ReturnType<typeof api.openSample>>) => void;
    api.openSample = (o) => (api.calls.push({ method: 'openSample', args: [o] }), new Promise((r) => (finish = r)));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open sample' })));
    const partial = buildResult();
    partial.files = partial.files.slice(0, 2);
    partial.inputs = [{ path: '(pasted text)', kind: 'pasted-text', files: 2, warnings: [] }];
    partial.vm = { ...partial.vm, hostname: undefined };
    await act(async () => finish({ ok: false, error: 'logs.zip: unexpected end of archive', partial }));
    const alert = () => screen.getByRole('alert').textContent ?? '';
    expect(alert()).toContain('Still loaded: 2 files from pasted text.');
    expect(document.querySelector('.bundle-name')?.textContent).toBe('pasted text');
    act(() => useLang.getState().setLang('nl'));
    expect(alert()).toContain('Wel geladen: 2 bestanden uit geplakte tekst.');
    expect(alert()).not.toContain('Still loaded');
    expect(document.querySelector('.bundle-name')?.textContent).toBe('geplakte tekst');
    // the app's own words of a canceled load too
    act(() => useApp.setState({ banner: null }));
    api.openSample = () => Promise.resolve({ ok: false, canceled: true, error: 'Analysis canceled.' });
    act(() => useApp.setState({ view: 'start', result: null }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Voorbeeld openen' })));
    expect(alert()).toContain('Geannuleerd.');
    act(() => useLang.getState().setLang('en'));
    expect(alert()).toContain('Canceled.');
  });
});

describe('the banner after a load', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('notes on where loose files were placed do not say content could not be read; a real loss does', async () => {
    const api = setup({ result: null });
    const placed = msg('ingest.loose-placed', { name: 'terminal-output.txt', path: 'var/log/syslog', why: { by: 'content', title: { en: 'the system log (syslog / messages)', nl: 'het systeemlog (syslog / messages)' } } });
    const r = buildResult();
    r.warnings = [{ file: 'var/log/syslog', message: renderAnalysis(placed, 'en'), note: placed }];
    api.nextOpen = { ok: true, result: r };
    await act(async () => useApp.getState().run(() => api.openSample({})));
    const b = useApp.getState().banner!;
    expect(b.kind).toBe('info');
    expect(b.message('en')).toBe('Loaded, with 1 note on how the files were taken in; nothing was left unread.');
    expect(b.message('nl')).toBe('Geladen, met 1 opmerking over hoe de bestanden zijn ingelezen; niets is ongelezen gebleven.');
    expect(b.details!('en')[0]).toContain('loose file, placed at /var/log/syslog');
    // a file that could not be read keeps the warning
    const lost = msg('ingest.not-read', { path: 'var/log/blob.bin', mb: '2.0' });
    r.warnings = [...r.warnings, { file: 'var/log/blob.bin', message: renderAnalysis(lost, 'en'), note: lost }];
    await act(async () => useApp.getState().run(() => api.openSample({})));
    expect(useApp.getState().banner!.kind).toBe('warning');
    expect(useApp.getState().banner!.message('en')).toBe('Loaded with 2 warnings: some content could not be read.');
  });
});

describe('opening another bundle', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('drops the previous bundle’s log filters and bookmarks', async () => {
    const api = setup();
    useLogs.getState().setFilters({ fileId: 3, text: 'freeze' });
    useLogs.getState().toggleBookmark({ file: 'var/log/waagent.log', line: 4, time: null, text: 'x' });
    await act(async () => useApp.getState().run(() => api.openSample({})));
    expect(useLogs.getState().filters.fileId).toBeNull();
    expect(useLogs.getState().filters.text).toBe('');
    expect(useLogs.getState().bookmarks).toEqual([]);
  });
});
