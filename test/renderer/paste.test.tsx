// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { useLang } from '../../src/renderer/i18n';
import { installLayout, renderUi, setup } from './helpers';

// a real extension.log line (test/cases/ext-1868-freeze-never-thawed, azure-linux-extensions #1868)
const LINE = '2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]PreSnapshot: Status Code: 200';

describe('Start view: pasted log text', () => {
  beforeEach(() => installLayout());
  afterEach(() => {
    cleanup();
    act(() => useLang.getState().setLang('en'));
  });

  it('the box analyses what is typed or pasted into it, with the portal code', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    const analyse = screen.getByRole('button', { name: 'Analyse pasted text' }) as HTMLButtonElement;
    expect(analyse.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Portal error code/), { target: { value: 'UserErrorFsFreezeTimeout' } });
    fireEvent.change(screen.getByTestId('paste-box'), { target: { value: `> ${LINE}` } });
    expect(analyse.disabled).toBe(false);
    await act(async () => fireEvent.click(analyse));
    expect(api.callsTo('openText')[0]).toEqual([`> ${LINE}`, { portalCode: 'UserErrorFsFreezeTimeout' }]);
    await waitFor(() => expect(screen.getByTestId('verdict')).toBeTruthy());
  });

  it('Ctrl+V anywhere outside a text field analyses the clipboard text', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: { getData(t: string): string } };
    paste.clipboardData = { getData: (t: string) => (t === 'text/plain' ? LINE : '') };
    await act(async () => void document.body.dispatchEvent(paste));
    expect(paste.defaultPrevented).toBe(true);
    expect(api.callsTo('openText')[0][0]).toBe(LINE);
  });

  it('a paste into the portal code field stays there', async () => {
    const api = setup({ result: null });
    renderUi(<App />);
    const code = screen.getByLabelText(/Portal error code/);
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: { getData(t: string): string } };
    paste.clipboardData = { getData: () => 'UserErrorFsFreezeTimeout' };
    await act(async () => void code.dispatchEvent(paste));
    expect(api.callsTo('openText')).toHaveLength(0);
  });

  it('the box is labelled in Dutch too', () => {
    setup({ result: null });
    act(() => useLang.getState().setLang('nl'));
    renderUi(<App />);
    expect(screen.getByRole('button', { name: 'Geplakte tekst analyseren' })).toBeTruthy();
    expect(screen.getByText('Logtekst plakken')).toBeTruthy();
  });
});
