// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { useLang } from '../../src/renderer/i18n';
import { recentVerdict } from '../../src/main/ipc/handlers';
import { buildResult } from './fixtures/analysis';
import { renderUi, setup } from './helpers';

/** The recent list names a kept cause as the diagnosis did: a Windows guest's freeze is its VSS shadow copy. */
describe('the recent list on a Windows guest', () => {
  afterEach(() => {
    cleanup();
    useLang.setState({ lang: 'en' });
  });

  it('keeps the guest platform with the verdict, and only with a cause', () => {
    const linux = buildResult();
    expect(recentVerdict(linux)).toMatchObject({ cause: linux.verdict.cause, platform: 'linux' });
    const windows = { ...linux, vm: { ...linux.vm, platform: 'windows' as const } };
    expect(recentVerdict(windows).platform).toBe('windows');
    expect(recentVerdict({ ...linux, vm: { ...linux.vm, platform: 'unknown' } }).platform).toBeUndefined();
    expect(recentVerdict({ ...windows, verdict: { portalCodes: [], summary: 'x' } })).toEqual({});
  });

  it("shows the Windows title for a Windows bundle's entry and the catalogue's title for one without a platform, in both languages", async () => {
    const api = setup({ result: null });
    api.recentList = [
      { paths: ['C:\\cases\\win.zip'], label: 'win.zip', openedAt: '2026-11-23T10:00:00.000Z', verdict: { cause: 'fsfreeze-failed', confidence: 'high', platform: 'windows' } },
      { paths: ['/cases/old.zip'], label: 'old.zip', openedAt: '2026-11-22T10:00:00.000Z', verdict: { cause: 'fsfreeze-failed', confidence: 'medium' } },
    ];
    renderUi(<App />);
    const rows = async () => (await screen.findByRole('list', { name: /Recent bundles|Recente bundels/ })).querySelectorAll('li');
    let [win, old] = [...(await rows())];
    expect(win.textContent).toContain('VSS shadow copy failed or timed out');
    expect(win.textContent).not.toContain('Filesystem freeze');
    expect(old.textContent).toContain('Filesystem freeze failed or timed out');
    cleanup();
    useLang.setState({ lang: 'nl' });
    renderUi(<App />);
    [win, old] = [...(await rows())];
    expect(win.textContent).toContain('VSS-schaduwkopie mislukte of duurde te lang');
    expect(old.textContent).toContain('Bevriezen van het bestandssysteem mislukte');
  });
});
