// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExtensionsView } from '../../src/renderer/views/ExtensionsView';
import { useApp } from '../../src/renderer/state/store';
import { buildResult, EXT, WAAGENT } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

describe('Agent & extensions view', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('shows agent versions and health against the supported minimum', () => {
    setup({ view: 'extensions' });
    renderUi(<ExtensionsView />);
    const h = screen.getByLabelText('Agent health');
    expect(h.textContent).toContain('Goal-state agent2.9.1.1');
    expect(h.textContent).toContain('Supported minimum2.2.53.1');
    expect(h.textContent).toContain('Heartbeats240');
    expect(h.textContent).toContain('Longest heartbeat gap31 min');
  });

  it('flags an outdated agent', () => {
    const r = buildResult();
    r.agent = { ...r.agent, goalStateAgentVersion: '2.2.45', supported: false };
    setup({ result: r, view: 'extensions' });
    renderUi(<ExtensionsView />);
    const item = screen.getByText('Goal-state agent').closest('.health-item')!;
    expect(item.className).toContain('h-bad');
    expect(screen.getByText('no — update the agent')).toBeTruthy();
  });

  it('lists handlers with version, state, last code and message, and expands their history', () => {
    setup({ view: 'extensions' });
    renderUi(<ExtensionsView />);
    const rows = screen.getAllByTestId('ext-row');
    expect(rows).toHaveLength(2);
    const backup = rows.find((r) => r.textContent?.includes(EXT))!;
    expect(backup.textContent).toContain('1.0.9225.0');
    expect(backup.textContent).toContain('122');
    expect(backup.textContent).toContain('FailedRetryableFsFreezeTimeout');
    expect(backup.className).toContain('row-bad');
    fireEvent.click(within(backup).getByRole('button', { name: `History of ${EXT}` }));
    const hist = screen.getByRole('table', { name: `Operations of ${EXT}` });
    expect(within(hist).getAllByRole('row')).toHaveLength(6);
    const ev = within(hist).getAllByTestId('evidence-line');
    fireEvent.click(ev[4]);
    expect(useApp.getState().logTarget).toMatchObject({ file: WAAGENT, line: Number(ev[4].dataset.line) });
  });
});
