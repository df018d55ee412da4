// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { CAUSES, PORTAL_CODES, causeById } from '../../src/shared';
import { FindingCard } from '../../src/renderer/components/FindingCard';
import { useLang } from '../../src/renderer/i18n';
import { DiagnosisView } from '../../src/renderer/views/DiagnosisView';
import { useApp } from '../../src/renderer/state/store';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { buildResult, EXTLOG } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

describe('Diagnosis view', () => {
  beforeEach(() => installLayout());
  afterEach(() => cleanup());

  it('shows the verdict at a glance: cause title, confidence, portal code, summary, host, OS and agent', () => {
    setup();
    renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(v.dataset.cause).toBe('fsfreeze-failed');
    expect(within(v).getByRole('heading', { level: 1 }).textContent).toBe('Filesystem freeze failed or timed out');
    expect(v.textContent).toContain('high confidence');
    expect(v.textContent).toContain('UserErrorFsFreezeTimeout');
    expect(v.textContent).toContain('status 122');
    expect(v.textContent).toContain('vm-backup-demo-01');
    expect(v.textContent).toContain('Ubuntu 20.04.6 LTS');
    expect(v.textContent).toContain('2.9.1.1');
    expect(v.textContent).toContain('daemon 2.2.45');
    expect(screen.getByTestId('file-count').textContent).toMatch(/^5 files from 1 input/);
  });

  it('groups all 25 causes into Detected, Not evaluable and Ruled out, each collapsible', () => {
    setup();
    renderUi(<DiagnosisView />);
    const r = buildResult();
    const counts = { detected: 0, 'not-evaluable': 0, 'ruled-out': 0 };
    for (const f of r.findings) counts[f.verdict]++;
    expect(counts.detected + counts['not-evaluable'] + counts['ruled-out']).toBe(CAUSES.length);
    const detected = screen.getByRole('region', { name: 'Detected' });
    expect(within(detected).getAllByRole('article')).toHaveLength(counts.detected);
    const ruled = screen.getByRole('button', { name: /Ruled out/ });
    expect(ruled.getAttribute('aria-expanded')).toBe('false');
    expect(within(screen.getByRole('region', { name: 'Ruled out' })).queryAllByRole('article')).toHaveLength(0);
    fireEvent.click(ruled);
    expect(ruled.getAttribute('aria-expanded')).toBe('true');
    expect(within(screen.getByRole('region', { name: 'Ruled out' })).getAllByRole('article')).toHaveLength(counts['ruled-out']);
    fireEvent.click(screen.getByRole('button', { name: /^▾?Detected/ }));
    expect(within(screen.getByRole('region', { name: 'Detected' })).queryAllByRole('article')).toHaveLength(0);
  });

  it('lists reason, evidence lines, remedy and doc links; a click on evidence opens the Logs view at that line', async () => {
    const api = setup();
    renderUi(<DiagnosisView />);
    const card = screen.getByRole('article', { name: 'Filesystem freeze failed or timed out' });
    expect(card.textContent).toContain('timed out freezing');
    const lines = within(card).getAllByTestId('evidence-line');
    expect(lines.length).toBe(3);
    // The path is shown whole, not shortened.
    expect(lines[0].textContent).toContain(`${EXTLOG}:${lines[0].dataset.line}`);
    expect(lines[0].dataset.file).toBe(EXTLOG);
    expect(lines[0].textContent).toContain('freeze timed-out');
    expect(lines[0].textContent).toContain('2026-11-19 22:01:06Z');
    const remedy = buildResult().findings.find((f) => f.cause === 'fsfreeze-failed')!.remedy;
    expect(remedy.length).toBeGreaterThan(0);
    const steps = within(card).getAllByRole('listitem').map((li) => li.textContent);
    // Backticks become <code>: the text reads the same without them.
    for (const r of remedy) expect(steps).toContain(r.replace(/`/g, ''));
    const link = within(card).getAllByRole('button').find((b) => b.textContent?.includes('↗'))!;
    await act(async () => fireEvent.click(link));
    expect(api.callsTo('openDocs')[0][0]).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    fireEvent.click(lines[0]);
    const s = useApp.getState();
    expect(s.view).toBe('logs');
    expect(s.logTarget).toMatchObject({ file: EXTLOG, line: Number(lines[0].dataset.line) });
  });

  it('with a portal code, lists that code’s causes in the article’s order', () => {
    const code = 'GuestAgentSnapshotTaskStatusError';
    setup({ result: buildResult({ portalCode: code }) });
    renderUi(<DiagnosisView />);
    const list = screen.getByRole('list', { name: `Causes for ${code} in article order` });
    const titles = within(list)
      .getAllByRole('link')
      .map((a) => a.textContent);
    const expected = PORTAL_CODES.find((p) => p.code === code)!.causes.map((id) => CAUSES.find((c) => c.id === id)!.title.en);
    expect(titles).toEqual(expected);
  });

  it('shows missing evidence and warnings', () => {
    setup();
    renderUi(<DiagnosisView />);
    const missing = screen.getByRole('table', { name: 'Missing evidence' });
    expect(missing.textContent).toContain('/var/log/syslog');
    expect(missing.textContent).toContain('sudo tail');
    fireEvent.click(screen.getByRole('button', { name: /Inputs and warnings/ }));
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('truncated gzip stream');
    expect(screen.getByRole('list', { name: 'Inputs' }).textContent).toContain('(zip of the waagent log collector, ');
  });

  it('renders hostile log text as text, never as markup', () => {
    const r = buildResult();
    const f = r.findings.find((x) => x.verdict === 'detected')!;
    f.evidence[0] = { ...f.evidence[0], text: '<img src=x onerror="alert(1)"><script>alert(2)</script>' };
    setup({ result: r });
    const { container } = renderUi(<DiagnosisView />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<script>alert(2)</script>');
  });
});

describe('ingest warnings in Dutch', () => {
  afterEach(() => {
    cleanup();
    useLang.setState({ lang: 'en' });
  });

  it("lists an input's warnings from the catalogue in the UI language, as the warnings list does", () => {
    // what ingest says of a tar with a symbolic link (test/ingest/dutch-warnings.test.ts builds the real one)
    const link = msg('ingest.refused-link', { origin: '/home/eng/cases/links.tar', name: '"var/log/shadow-link"', target: '"/etc/shadow"' });
    const plain = 'an English-only warning from before warnings had keys';
    const r = buildResult();
    r.inputs = [{ ...r.inputs[0], warnings: [renderAnalysis(link, 'en'), plain], notes: [link, null] }];
    r.warnings = [{ message: renderAnalysis(link, 'en'), note: link }];
    setup({ result: r });
    useLang.setState({ lang: 'nl' });
    renderUi(<DiagnosisView />);
    fireEvent.click(screen.getByRole('button', { name: /Invoer en waarschuwingen/ }));
    const said = '/home/eng/cases/links.tar: symbolische koppeling "var/log/shadow-link" → "/etc/shadow" geweigerd (koppelingen worden nooit gevolgd)';
    const inputs = screen.getByRole('list', { name: 'Invoer' });
    expect([...inputs.querySelectorAll('.warn')].map((d) => d.textContent)).toEqual([said, plain]);
    expect(inputs.textContent).not.toContain('refused symbolic link');
    expect(screen.getByRole('list', { name: 'Waarschuwingen' }).textContent).toContain(said);
  });
});

describe('a finding in Dutch', () => {
  afterEach(() => {
    cleanup();
    useLang.setState({ lang: 'en' });
  });

  it('shows the cause title, reason and remedy steps in Dutch, not the English ones', () => {
    setup();
    const f = useApp.getState().result!.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    useLang.setState({ lang: 'nl' });
    renderUi(<FindingCard finding={{ ...f, reasonNl: 'Het bevriezen liep vast.', remedyNl: ['Voer `mount` uit.', 'Start een back-up op aanvraag.'] }} />);
    const card = screen.getByRole('article');
    expect(within(card).getByRole('heading', { level: 3 }).textContent).toBe(causeById('fsfreeze-failed').title.nl);
    expect(card.textContent).toContain('Het bevriezen liep vast.');
    expect(card.textContent).not.toContain(f.reason);
    const steps = card.querySelector('ol.remedy')!;
    expect(within(steps as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Voer mount uit.', 'Start een back-up op aanvraag.']);
  });

  it('says the verdict itself in Dutch: the cause title and the summary, and the causes of the portal code', () => {
    const r = buildResult();
    r.verdict = { ...r.verdict, summaryNl: 'De laatste back-up mislukte omdat het bevriezen na 60 s verliep.' };
    r.portalCode = 'UserErrorFsFreezeTimeout';
    r.findings = r.findings.map((f) => (f.cause === 'fsfreeze-failed' ? { ...f, portalOrder: 0 } : f));
    setup({ result: r });
    useLang.setState({ lang: 'nl' });
    renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(within(v).getByRole('heading', { level: 1 }).textContent).toBe(causeById('fsfreeze-failed').title.nl);
    expect(v.textContent).toContain('De laatste back-up mislukte omdat het bevriezen na 60 s verliep.');
    expect(v.textContent).not.toContain(r.verdict.summary);
    const order = screen.getByRole('list', { name: /UserErrorFsFreezeTimeout/ });
    expect(within(order).getByRole('link').textContent).toBe(causeById('fsfreeze-failed').title.nl);
  });

  it('says in words when no line has a time, and to the second when the logs span one minute (English and Dutch)', () => {
    const r = buildResult();
    r.vm = { ...r.vm, firstRecord: undefined, lastRecord: undefined };
    setup({ result: r });
    renderUi(<DiagnosisView />);
    expect(screen.getByTestId('logs-span').textContent).toBe('no line carries a time');
    act(() => useLang.setState({ lang: 'nl' }));
    expect(screen.getByTestId('logs-span').textContent).toBe('geen regel heeft een tijd');
    cleanup();
    useLang.setState({ lang: 'en' });
    setup({ result: { ...r, vm: { ...r.vm, firstRecord: '2024-01-14T22:16:48.000Z', lastRecord: '2024-01-14T22:16:48.900Z' } } });
    renderUi(<DiagnosisView />);
    expect(screen.getByTestId('logs-span').textContent).toBe('2024-01-14 22:16:48Z → 2024-01-14 22:16:48Z');
    cleanup();
    setup();
    renderUi(<DiagnosisView />);
    expect(screen.getByTestId('logs-span').textContent).toBe('2026-11-14 08:00Z → 2026-11-19 22:13Z');
  });
});

describe('a warning that names its own file', () => {
  it('is not prefixed with the place again (banner and warnings list)', async () => {
    const { namesItsFile } = await import('../../src/renderer/state/store');
    expect(namesItsFile('extension.log: loose file, placed at /var/log/azure/x/extension.log (its name is extension.log)', 'var/log/azure/x/extension.log')).toBe(true);
    expect(namesItsFile('/tmp/in/var/log/waagent.log.2.gz: corrupt gzip ("invalid block type")', 'var/log/waagent.log.2.gz')).toBe(true);
    expect(namesItsFile('logs.zip!var/log/waagent.log: could not be read', 'var/log/waagent.log')).toBe(true);
    expect(namesItsFile('line 12: no time', 'var/log/waagent.log')).toBe(false);
    expect(namesItsFile('waagent.log.1: cut mid-line', 'var/log/waagent.log')).toBe(false);
  });
});

describe('Diagnosis view: known harmless messages', () => {
  beforeEach(() => installLayout());
  afterEach(() => {
    cleanup();
    useLang.setState({ lang: 'en' });
  });

  const sighting = {
    id: 'vss-8194-writer-callback',
    title: { en: 'Known harmless VSS event (8194: IVssWriterCallback, access denied)', nl: 'Bekende onschuldige VSS-gebeurtenis (8194: IVssWriterCallback, toegang geweigerd)' },
    why: { en: 'Backups by that program run and succeed while it is logged.', nl: 'Back-ups van dat programma lopen en slagen terwijl het gelogd wordt.' },
    source: 'https://github.com/duplicati/duplicati/issues/3236',
    count: 2,
    evidence: [],
  };

  it('lists each sighting with its count, reason and source, in English and Dutch; open when nothing was detected', () => {
    const quiet = buildResult();
    quiet.findings = quiet.findings.map((f) => (f.verdict === 'detected' ? { ...f, verdict: 'ruled-out' as const } : f));
    setup({ result: { ...quiet, benign: [sighting] } });
    renderUi(<DiagnosisView />);
    const region = screen.getByRole('region', { name: 'Seen, known to be harmless (not evidence)' });
    expect(screen.getByRole('button', { name: /Seen, known to be harmless/ }).getAttribute('aria-expanded')).toBe('true');
    const [item] = within(region).getAllByTestId('benign-item');
    expect(item.textContent).toContain('2×');
    expect(item.textContent).toContain('Known harmless VSS event (8194');
    expect(item.textContent).toContain('succeed while it is logged');
    expect(item.textContent).toContain('duplicati/issues/3236');
    expect(within(item).queryByRole('link')).toBeNull(); // a source is shown, never opened from the view
    cleanup();
    useLang.setState({ lang: 'nl' });
    renderUi(<DiagnosisView />);
    const nl = screen.getByRole('region', { name: 'Gezien, bekend als onschuldig (geen bewijs)' });
    expect(within(nl).getByTestId('benign-item').textContent).toContain('Bekende onschuldige VSS-gebeurtenis');
  });

  it('stays folded beside a detected cause, and is absent when nothing harmless was seen', () => {
    setup({ result: { ...buildResult(), benign: [sighting] } });
    renderUi(<DiagnosisView />);
    expect(screen.getByRole('button', { name: /Seen, known to be harmless/ }).getAttribute('aria-expanded')).toBe('false');
    cleanup();
    setup({ result: { ...buildResult(), benign: [] } });
    renderUi(<DiagnosisView />);
    expect(screen.queryByRole('region', { name: /known to be harmless/ })).toBeNull();
  });
});
