// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest, SshAnswer, SshCollectRequest } from '../../src/shared';
import { App, commandForKey } from '../../src/renderer/App';
import { parseJumpHosts } from '../../src/renderer/components/SshDialog';
import { useApp } from '../../src/renderer/state/store';
import { installLayout, renderUi, setup } from './helpers';

const key = (k: string, mods: Partial<KeyboardEventInit> = {}) => act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: k, ctrlKey: true, ...mods })));

describe('App shell', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('maps the shortcuts to the menu commands', () => {
    const k = (key: string, o: { shift?: boolean; meta?: boolean } = {}) => commandForKey({ key, ctrlKey: !o.meta, metaKey: !!o.meta, shiftKey: !!o.shift, altKey: false });
    expect(k('o')).toBe('open-files');
    expect(k('O', { shift: true })).toBe('open-folder');
    expect(k('1')).toBe('view-diagnosis');
    expect(k('4', { meta: true })).toBe('view-extensions');
    expect(k('e')).toBe('export-report');
    expect(k('k')).toBe('connect-ssh');
    expect(k('f')).toBe('focus-filter');
    expect(commandForKey({ key: 'o', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false })).toBeNull();
  });

  it('switches views by tab, shortcut and menu command, and focuses the log filter on Ctrl+F', async () => {
    const api = setup();
    renderUi(<App />);
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(useApp.getState().view).toBe('timeline');
    key('4');
    expect(screen.getByRole('tab', { name: 'Agent & extensions' }).getAttribute('aria-selected')).toBe('true');
    act(() => api.emit('app:menu', { command: 'view-diagnosis' }));
    expect(useApp.getState().view).toBe('diagnosis');
    key('f');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Filter text'));
    act(() => api.emit('app:menu', { command: 'open-sample' }));
    await waitFor(() => expect(api.callsTo('openSample')).toHaveLength(1));
  });

  it('follows the OS theme unless overridden', () => {
    setup();
    renderUi(<App />);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('vmbd.theme')).toBe('dark');
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'system' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('shows the About box from the menu', async () => {
    const api = setup();
    renderUi(<App />);
    act(() => api.emit('app:menu', { command: 'show-about' }));
    const dlg = await screen.findByRole('dialog', { name: 'About VM Backup Doctor' });
    await waitFor(() => expect(dlg.textContent).toContain('VM Backup Doctor 0.1.0'));
    expect(dlg.textContent).toContain('45.4.1');
    fireEvent.keyDown(dlg, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Export report dialog', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('previews in a sandboxed frame without scripts and exports with the chosen options', async () => {
    const api = setup();
    renderUi(<App />);
    key('e');
    const dlg = screen.getByRole('dialog', { name: 'Export report' });
    expect((within(dlg).getByRole('checkbox', { name: /Redact/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Format'), { target: { value: 'html' } });
    fireEvent.change(within(dlg).getByLabelText('Language'), { target: { value: 'nl' } });
    fireEvent.change(within(dlg).getByLabelText('Paper'), { target: { value: 'Letter' } });
    fireEvent.click(within(dlg).getByRole('checkbox', { name: /Pseudonyms/ }));
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Preview' })));
    const frame = within(dlg).getByTitle('Report preview') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('Diagnosis report (nl)');
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Export…' })));
    const req = api.callsTo('exportReport')[0][0] as ExportRequest;
    expect(req).toEqual({ format: 'html', lang: 'nl', paper: 'Letter', redact: true, pseudonymize: true });
    expect(within(dlg).getByRole('status').textContent).toContain('/home/eng/report.html');
  });

  it('shows an export error and warns when redaction is off', async () => {
    const api = setup();
    renderUi(<App />);
    act(() => useApp.getState().openDialog('export'));
    const dlg = screen.getByRole('dialog', { name: 'Export report' });
    fireEvent.click(within(dlg).getByRole('checkbox', { name: /Redact/ }));
    expect(dlg.textContent).toContain('SAS signatures');
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Export…' })));
    expect((api.callsTo('exportReport')[0][0] as ExportRequest).redact).toBe(false);
    expect(within(dlg).getByRole('alert').textContent).toContain('No PDF printer');
  });
});

describe('SSH dialogs', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('parses jump hosts', () => {
    expect(parseJumpHosts(' ops@bastion:2222, azureuser@10.0.0.4 ,,')).toEqual(['ops@bastion:2222', 'azureuser@10.0.0.4']);
  });

  it('collects with the target, shows progress and closes on success', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    key('k');
    const dlg = screen.getByRole('dialog', { name: 'Connect over SSH' });
    const connect = within(dlg).getByRole('button', { name: 'Connect' }) as HTMLButtonElement;
    expect(connect.disabled).toBe(true);
    fireEvent.change(within(dlg).getByLabelText('Host'), { target: { value: 'vm-backup-demo-01' } });
    fireEvent.change(within(dlg).getByLabelText('Port'), { target: { value: '2222' } });
    fireEvent.change(within(dlg).getByLabelText('User'), { target: { value: 'azureuser' } });
    fireEvent.change(within(dlg).getByLabelText('Identity file'), { target: { value: '/home/eng/.ssh/id_ed25519' } });
    fireEvent.change(within(dlg).getByLabelText('Jump hosts'), { target: { value: 'ops@bastion:22' } });
    fireEvent.click(within(dlg).getByRole('checkbox', { name: 'Use SSH agent' }));
    let finish!: (v: Awaited<ReturnType<typeof api.sshCollect>>) => void;
    api.sshCollect = (r) => (api.calls.push({ method: 'sshCollect', args: [r] }), new Promise((res) => (finish = res)));
    await act(async () => fireEvent.click(connect));
    expect(api.callsTo('sshCollect')[0][0] as SshCollectRequest).toEqual({
      target: { host: 'vm-backup-demo-01', port: 2222, user: 'azureuser', identityFile: '/home/eng/.ssh/id_ed25519', jump: ['ops@bastion:22'], useAgent: false, allowPassword: true },
      // main's own host-key and password windows ask in the UI language
      lang: 'en',
    });
    act(() => api.emit('ssh:progress', { stage: 'collecting', message: 'Reading /var/log/waagent.log', bytes: 1024 }));
    expect(within(dlg).getByRole('list', { name: 'SSH progress' }).textContent).toContain('Reading /var/log/waagent.log');
    await act(async () => finish(api.nextOpen));
    expect(screen.queryByRole('dialog', { name: 'Connect over SSH' })).toBeNull();
    expect(useApp.getState().view).toBe('diagnosis');
  });

  it('asks to trust an unknown host key, and offers only Close for a changed one', async () => {
    const api = setup();
    renderUi(<App />);
    act(() => api.emit('ssh:prompt', { id: 'p1', kind: 'host-key-unknown', host: 'vm:22', message: 'The authenticity of host vm cannot be established.', fingerprint: 'SHA256:abc' }));
    let dlg = screen.getByRole('dialog', { name: 'Host key' });
    expect(within(dlg).getByTestId('fingerprint').textContent).toBe('SHA256:abc');
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Trust' })));
    expect(api.callsTo('sshAnswer')[0][0] as SshAnswer).toEqual({ id: 'p1', accept: true });
    act(() => api.emit('ssh:prompt', { id: 'p2', kind: 'host-key-changed', host: 'vm:22', message: 'REMOTE HOST IDENTIFICATION HAS CHANGED', fingerprint: 'SHA256:new', knownFingerprint: 'SHA256:old' }));
    dlg = screen.getByRole('dialog', { name: 'Host key' });
    expect(within(dlg).queryByRole('button', { name: 'Trust' })).toBeNull();
    expect(within(dlg).getByTestId('known-fingerprint').textContent).toBe('SHA256:old');
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'Close' })));
    expect(api.callsTo('sshAnswer')[1][0] as SshAnswer).toEqual({ id: 'p2', accept: false });
  });

  it('asks for a password (one field per keyboard-interactive prompt) and forgets it after answering', async () => {
    const api = setup();
    renderUi(<App />);
    act(() => api.emit('ssh:prompt', { id: 'k1', kind: 'keyboard-interactive', host: 'vm', message: 'Two-factor login', prompts: [{ prompt: 'Password:', echo: false }, { prompt: 'Verification code:', echo: true }] }));
    const dlg = screen.getByRole('dialog', { name: 'Password' });
    const inputs = within(dlg).getAllByLabelText('Password') as HTMLInputElement[];
    expect(inputs.map((i) => i.type)).toEqual(['password', 'text']);
    fireEvent.change(inputs[0], { target: { value: 's3cret!' } });
    fireEvent.change(inputs[1], { target: { value: '123456' } });
    await act(async () => fireEvent.click(within(dlg).getByRole('button', { name: 'OK' })));
    expect(api.callsTo('sshAnswer')[0][0] as SshAnswer).toEqual({ id: 'k1', accept: true, values: ['s3cret!', '123456'] });
    expect(screen.queryByRole('dialog', { name: 'Password' })).toBeNull();
    expect(JSON.stringify(useApp.getState())).not.toContain('s3cret!');
    expect(document.body.innerHTML).not.toContain('s3cret!');
    act(() => api.emit('ssh:prompt', { id: 'k2', kind: 'sudo-password', host: 'vm', message: 'sudo needs a password' }));
    const again = screen.getByRole('dialog', { name: 'Password' });
    await act(async () => fireEvent.click(within(again).getByRole('button', { name: 'Cancel' })));
    expect(api.callsTo('sshAnswer')[1][0] as SshAnswer).toEqual({ id: 'k2', accept: false });
  });
});
