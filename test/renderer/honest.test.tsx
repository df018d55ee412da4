// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAUSES, type AnalysisResult } from '../../src/shared';
import { App } from '../../src/renderer/App';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';
import { useLang } from '../../src/renderer/i18n';
import { useApp } from '../../src/renderer/state/store';
import { prettyJson, prettyXml, rawKind } from '../../src/renderer/util/pretty';
import { DiagnosisView } from '../../src/renderer/views/DiagnosisView';
import { ExtensionsView } from '../../src/renderer/views/ExtensionsView';
import { BundleTabs } from '../../src/renderer/components/BundleTabs';
import { buildResult, EXT, EXT_VER } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

/** What a bundle with no usable log gives (the app's result for a PNG renamed image.zip and an empty folder). */
function nothingResult(): AnalysisResult {
  const r = buildResult();
  return {
    ...r,
    inputs: [
      { path: '/home/eng/cases/image.zip', kind: 'single-file', files: 1, warnings: ['image.zip: loose file, placed at /image.zip (not recognised; kept under its own name)'] },
      { path: '/home/eng/cases/empty', kind: 'folder', files: 0, warnings: [] },
      { path: '/home/eng/cases/zero.zip', kind: 'single-file', files: 1, warnings: [] },
    ],
    files: [
      { id: 0, vmPath: 'image.zip', kind: 'other', size: 1949, truncated: false, origin: '/home/eng/cases/image.zip', input: 0, warnings: [] },
      { id: 1, vmPath: 'zero.zip', kind: 'other', size: 0, truncated: false, origin: '/home/eng/cases/zero.zip', input: 2, warnings: [] },
    ],
    verdict: { portalCodes: [], summary: 'No cause was detected from the guest evidence.' },
    findings: r.findings.map((f) => (f.verdict === 'detected' ? { ...f, verdict: 'not-evaluable' as const, evidence: [] } : f)),
    snapshots: [],
    extensions: [],
    timeline: [],
    stats: { records: 0, facts: 0, bytes: 1949, durationMs: 20 },
  };
}

describe('honest states', () => {
  beforeEach(() => {
    installLayout();
    useLang.setState({ lang: 'en' });
  });
  afterEach(() => cleanup());

  it('nothing usable read: "Nothing to analyse" with what each file was taken for, no tabs, no export', () => {
    setup({ result: nothingResult() });
    renderUi(<App />);
    const panel = screen.getByTestId('nothing-to-analyse');
    expect(within(panel).getByRole('heading', { level: 1 }).textContent).toBe('Nothing to analyse');
    const files = within(panel).getAllByTestId('nothing-file').map((li) => li.textContent);
    expect(files).toEqual(['image.zip: not recognised as an agent, extension or system log', 'zero.zip: empty (0 bytes)']);
    expect(panel.textContent).toContain('image.zip is named like an archive, but its content is not one it can open');
    expect(panel.textContent).toContain('empty: no files in it.');
    expect(panel.textContent).toContain('waagent -collect-logs');
    expect(screen.queryByTestId('verdict')).toBeNull();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.queryByRole('button', { name: /Export report/ })).toBeNull();
    act(() => useApp.getState().openDialog('export'));
    expect(useApp.getState().dialog).toBeNull();
  });

  it('more than one VM in the bundle: a banner above the verdict says so, in the reader\'s language', () => {
    // the notice as the pipeline writes it for a healthy VM's waagent.log beside the case's own (test/pipeline/vms.test.ts)
    const note = msg('pipeline.multiple-vms', { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'case-4711' }, { root: 'case-4711/other-vm' }] });
    const r = buildResult();
    const result: AnalysisResult = { ...r, multipleVms: { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'case-4711' }, { root: 'case-4711/other-vm' }], message: renderAnalysis(note, 'en'), messageNl: renderAnalysis(note, 'nl') } };
    setup({ result });
    const { unmount } = renderUi(<DiagnosisView />);
    const banner = screen.getByTestId('multiple-vms');
    expect(banner.textContent).toContain('More than one VM in this bundle');
    expect(banner.textContent).toContain('/var/log/waagent.log is in case-4711 and case-4711/other-vm');
    expect(banner.textContent).toContain("Collect the failed VM's logs alone (or drop only its folder)");
    // before the verdict, which it weakens
    expect(banner.compareDocumentPosition(screen.getByTestId('verdict')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    unmount();
    act(() => useLang.setState({ lang: 'nl' }));
    renderUi(<DiagnosisView />);
    expect(screen.getByTestId('multiple-vms').textContent).toContain('Meer dan één VM in deze bundel');
    expect(screen.getByTestId('multiple-vms').textContent).toContain('Verzamel de logs van alleen de mislukte VM');
  });

  it('more than one VM: a button per VM opens it alone in a new tab, which says so and keeps the bundle\'s tab', async () => {
    const note = msg('pipeline.multiple-vms', { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'case-4711' }, { root: 'case-4711/other-vm' }] });
    const r = buildResult();
    const both: AnalysisResult = { ...r, multipleVms: { basis: 'overlap', log: 'var/log/waagent.log', vms: [{ root: 'case-4711' }, { root: 'case-4711/other-vm' }], message: renderAnalysis(note, 'en'), messageNl: renderAnalysis(note, 'nl') } };
    const api = setup({ result: both });
    useApp.setState({ session: 1, tabs: [{ session: 1, result: both }] });
    // what main answers: the other VM's files alone, in session 2 (test/pipeline/only-vm.test.ts gives the pipeline's side)
    const only = msg('pipeline.only-vm', { root: 'case-4711/other-vm', files: 1, of: 2 });
    api.nextOpen = { ok: true, result: { ...r, onlyVm: { root: 'case-4711/other-vm', files: 1, of: 2, message: renderAnalysis(only, 'en'), messageNl: renderAnalysis(only, 'nl') } }, session: 2 } as typeof api.nextOpen;
    renderUi(<DiagnosisView />);
    const buttons = within(screen.getByTestId('multiple-vms')).getAllByTestId('open-vm');
    expect(buttons.map((b) => b.textContent)).toEqual(['Open case-4711 alone', 'Open case-4711/other-vm alone']);
    await act(async () => fireEvent.click(buttons[1]));
    expect(api.callsTo('openVm')).toEqual([[1, 'case-4711/other-vm']]);
    // no "add to this VM or open separately?" question: a tab of its own, beside the bundle's
    expect(useApp.getState().dialog).toBeNull();
    expect(useApp.getState().tabs.map((x) => x.session)).toEqual([1, 2]);
    expect(useApp.getState().session).toBe(2);
    expect(screen.queryByTestId('multiple-vms')).toBeNull();
    expect(screen.getByTestId('only-vm').textContent).toContain("One VM of the bundleOnly the files in case-4711/other-vm were analysed (1 of the bundle's 2 files)");
  });

  it('one VM: no such banner', () => {
    setup({ result: buildResult() });
    renderUi(<DiagnosisView />);
    expect(screen.queryByTestId('multiple-vms')).toBeNull();
  });

  it('no cause: a neutral verdict that says what is left to check, never a green "No cause detected"', () => {
    const r = buildResult();
    setup({ result: { ...r, verdict: { portalCodes: [], summary: 'Nothing on the guest explains it.' }, findings: r.findings.map((f) => (f.verdict === 'detected' ? { ...f, verdict: 'ruled-out' as const } : f)) } });
    renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(v.className).toContain('verdict-none');
    expect(v.textContent).not.toContain('No cause detected');
    expect(within(v).getByRole('heading', { level: 1 }).textContent).toBe('No guest-side cause found in these logs');
    expect(v.textContent).toContain('check the not-evaluable causes in Azure');
  });

  it('a low-confidence verdict reads as "cannot tell": the cause only as possible, and what to collect to tell', () => {
    const r = buildResult();
    const low: AnalysisResult = {
      ...r,
      verdict: { ...r.verdict, confidence: 'low' },
      findings: r.findings.map((f) => (f.cause === 'fsfreeze-failed' ? { ...f, confidence: 'low' as const, role: 'primary' as const } : f)),
    };
    setup({ result: low });
    const { unmount } = renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(v.dataset.established).toBe('false');
    expect(v.className).toContain('verdict-uncertain');
    expect(v.className).not.toContain('verdict-found');
    expect(within(v).getByRole('heading', { level: 1 }).textContent).toBe('These logs do not show why the backup failed');
    expect(v.querySelector('.eyebrow')!.textContent).toBe('Not established');
    expect(screen.getByTestId('possible-cause').textContent).toBe('Possible cause, at low confidence: Filesystem freeze failed or timed out');
    // a red "primary cause" next to the headline reads as a verdict; the finding card below keeps its role
    expect(within(v).queryByText('primary cause')).toBeNull();
    const collect = within(v).getByRole('list', { name: 'To tell, collect' });
    expect(within(collect).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['/var/log/syslog: sudo tail -n 20000 /var/log/syslog > syslog.txt']);
    unmount();
    act(() => useLang.setState({ lang: 'nl' }));
    renderUi(<DiagnosisView />);
    const nl = screen.getByTestId('verdict');
    expect(within(nl).getByRole('heading', { level: 1 }).textContent).toBe('Deze logs tonen niet waarom de back-up mislukte');
    expect(nl.querySelector('.eyebrow')!.textContent).toBe('Niet vastgesteld');
    expect(screen.getByTestId('possible-cause').textContent).toBe('Mogelijke oorzaak, met lage zekerheid: Bevriezen van het bestandssysteem mislukte of duurde te lang');
    expect(within(nl).getByRole('list', { name: 'Om het te weten, verzamel' })).toBeTruthy();
  });

  it('the verdict copies for the ticket as it reads: the answer and its remedy, or "cannot tell" and what to collect', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const r = buildResult();
    setup({ result: r });
    const { unmount } = renderUi(<DiagnosisView />);
    await act(async () => fireEvent.click(within(screen.getByTestId('verdict')).getByRole('button', { name: 'Copy for the ticket' })));
    const found = writeText.mock.calls[0][0];
    expect(found.split('\n')[0]).toBe('Filesystem freeze failed or timed out (high confidence)');
    expect(found).toContain(r.verdict.summary);
    expect(found).toContain('Remedy:\n1. ');
    expect(found).toContain('Evidence:\n- ');
    expect(within(screen.getByTestId('verdict')).getByText('Copied (secrets redacted).').getAttribute('role')).toBe('status');
    unmount();
    const low: AnalysisResult = { ...r, verdict: { ...r.verdict, confidence: 'low' } };
    setup({ result: low });
    act(() => useLang.setState({ lang: 'nl' }));
    renderUi(<DiagnosisView />);
    await act(async () => fireEvent.click(within(screen.getByTestId('verdict')).getByRole('button', { name: 'Kopiëren voor het ticket' })));
    const unsure = writeText.mock.calls[1][0];
    expect(unsure.split('\n').slice(0, 2)).toEqual(['Niet vastgesteld: Deze logs tonen niet waarom de back-up mislukte', 'Mogelijke oorzaak, met lage zekerheid: Bevriezen van het bestandssysteem mislukte of duurde te lang']);
    expect(unsure).toContain('Om het te weten, verzamel:\n- /var/log/syslog: sudo tail -n 20000 /var/log/syslog > syslog.txt');
    expect(unsure).not.toContain('Oplossing:');
  });

  it('a low-confidence verdict in a bundle tab reads as possible, not as the cause', () => {
    const r = buildResult();
    const low: AnalysisResult = { ...r, verdict: { ...r.verdict, confidence: 'low' } };
    setup({ result: low });
    useApp.setState({ session: 1, tabs: [{ session: 1, result: low }, { session: 2, result: r }] });
    renderUi(<BundleTabs />);
    const chips = [...document.querySelectorAll('.verdict-chip')].map((c) => [c.textContent, c.className.includes('badge-detected')]);
    expect(chips).toEqual([
      ['possibly Filesystem freeze failed or timed out', false],
      ['Filesystem freeze failed or timed out', true],
    ]);
  });

  it('a medium-confidence verdict still names its cause as the most likely one', () => {
    const r = buildResult();
    setup({ result: { ...r, verdict: { ...r.verdict, confidence: 'medium' } } });
    renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(v.dataset.established).toBeUndefined();
    expect(v.querySelector('.eyebrow')!.textContent).toBe('Most likely cause');
    expect(within(v).getByRole('heading', { level: 1 }).textContent).toBe('Filesystem freeze failed or timed out');
    expect(screen.queryByTestId('possible-cause')).toBeNull();
  });

  it('no guest-side cause: the verdict lists what to check in Azure, in the reader\'s language', () => {
    const r = buildResult();
    const azure = CAUSES.filter((c) => c.azureCheck);
    const none: AnalysisResult = {
      ...r,
      verdict: { portalCodes: [], summary: 'Nothing on the guest explains it.', azureChecklist: azure.map((c) => ({ cause: c.id, title: c.title.en, check: c.azureCheck?.en ?? c.remedy.en[0] })) },
      findings: r.findings.map((f) => (f.verdict === 'detected' ? { ...f, verdict: 'ruled-out' as const } : f)),
    };
    setup({ result: none });
    const { unmount } = renderUi(<DiagnosisView />);
    const list = within(screen.getByTestId('verdict')).getByRole('list', { name: 'Check in Azure (the guest cannot show these)' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(azure.length);
    expect(items[0].textContent).toContain(azure[0].title.en);
    unmount();
    act(() => useLang.setState({ lang: 'nl' }));
    renderUi(<DiagnosisView />);
    const nl = within(screen.getByTestId('verdict')).getByRole('list', { name: 'Controleer in Azure (de VM kan dit niet tonen)' });
    expect(within(nl).getAllByRole('listitem')[0].textContent).toContain(azure[0].title.nl);
  });

  it('logs without a backup task: the verdict says so and that every confidence is lower', () => {
    setup({ result: { ...buildResult(), snapshots: [] } });
    renderUi(<DiagnosisView />);
    const v = screen.getByTestId('verdict');
    expect(v.dataset.notask).toBe('true');
    expect(screen.getByTestId('no-task-note').textContent).toMatch(/^No backup task in these logs\. .*treat every confidence here as lower/);
  });

  it('shows the finding role next to the confidence when the result has one', () => {
    const r = buildResult();
    r.findings = r.findings.map((f) => (f.verdict === 'detected' ? ({ ...f, role: 'primary' } as typeof f) : f));
    setup({ result: r });
    renderUi(<DiagnosisView />);
    const card = screen.getByRole('article', { name: 'Filesystem freeze failed or timed out' });
    const badges = within(card).getAllByText(/confidence|primary cause/).map((b) => b.textContent);
    expect(badges).toEqual(['high confidence', 'primary cause']);
  });

  it('lists unexplained errors when the result has them', () => {
    const r = buildResult();
    r.unexplained = [{ template: 'Unable to connect to <ip>', count: 14, level: 'error', firstSeen: null, lastSeen: null, nearFailure: true, sample: { file: 'var/log/waagent.log', line: 12, time: null, text: 'Unable to connect to 168.63.129.16' } }];
    setup({ result: r });
    renderUi(<DiagnosisView />);
    const items = screen.getAllByTestId('unexplained-item');
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain('14×');
    expect(items[0].textContent).toContain('Unable to connect to <ip>');
    expect(items[0].textContent).toContain('near the failure');
    expect(within(items[0]).getByTestId('evidence-line').dataset.line).toBe('12');
  });

  it('a handler "Enabled · Ready" whose last operation failed with 122 says the operation failed', () => {
    const r = buildResult();
    r.extensions = r.extensions.map((x) => (x.name === EXT ? { ...x, state: 'Enabled', status: 'Ready', lastCode: 122 } : x));
    setup({ result: r, view: 'extensions' });
    renderUi(<ExtensionsView />);
    const row = screen.getAllByTestId('ext-row').find((tr) => tr.textContent?.includes(EXT))!;
    expect(within(row).getByTestId('ext-last-failed').textContent).toBe('last operation failed (code 122)');
    expect(row.className).toContain('row-bad');
  });

  it('evidence from a status file opens the raw view, pretty-printed, with the path whole', () => {
    const r = buildResult();
    const file = `var/lib/waagent/${EXT}-${EXT_VER}/status/15.status`;
    const text = '[{"version":"1.0","timestampUTC":"2026-11-19T22:03:27Z","status":{"name":"VMSnapshotLinux","operation":"Enable","status":"success","code":122,"formattedMessage":{"lang":"en-US","message":"a, b"}}}]';
    const f = r.findings.find((x) => x.verdict === 'detected')!;
    f.evidence = [{ file, line: 1, time: '2026-11-19T22:03:27.000Z', text }];
    setup({ result: r });
    renderUi(<App />);
    const ev = screen.getAllByTestId('evidence-line').find((b) => b.dataset.file === file)!;
    expect(ev.textContent).toContain(`${file}:1`);
    fireEvent.click(ev);
    expect(useApp.getState().view).toBe('diagnosis');
    const dlg = screen.getByRole('dialog');
    expect(within(dlg).getByTestId('raw-path').textContent).toBe(`${file}:1`);
    const shown = within(dlg).getByTestId('raw-view').textContent!;
    expect(shown).toContain('\n      "code": 122,');
    expect(JSON.parse(shown)).toEqual(JSON.parse(text));
    fireEvent.click(within(dlg).getByRole('button', { name: 'As written' }));
    expect(within(dlg).getByTestId('raw-view').textContent).toBe(text);
    fireEvent.keyDown(dlg, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the whole UI switches to Dutch and back', () => {
    setup();
    renderUi(<App />);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'nl' } });
    expect(screen.getByRole('tab', { name: 'Diagnose' })).toBeTruthy();
    expect(screen.getByText('Meest waarschijnlijke oorzaak')).toBeTruthy();
    expect(document.documentElement.lang).toBe('nl');
    fireEvent.change(screen.getByLabelText('Taal'), { target: { value: 'en' } });
    expect(screen.getByRole('tab', { name: 'Diagnosis' })).toBeTruthy();
  });
});

describe('pretty-printing cut and hostile texts', () => {
  it('JSON: complete text round-trips; cut text still indents; strings with braces are untouched', () => {
    const s = '{"a":[1,2,{"b":"x{,}y"}],"c":{}}';
    expect(JSON.parse(prettyJson(s))).toEqual(JSON.parse(s));
    expect(prettyJson(s)).toContain('"b": "x{,}y"');
    expect(prettyJson('{"status":{"code":122,"substatus":[{"na')).toBe('{\n  "status": {\n    "code": 122,\n    "substatus": [\n      {\n        "na');
  });

  it('XML: one element per line, indented by depth', () => {
    expect(prettyXml('<?xml version="1.0"?><A><B x="1">t</B><C/><D><E>1</E></D></A>')).toBe('<?xml version="1.0"?>\n<A>\n  <B x="1">t</B>\n  <C/>\n  <D>\n    <E>1</E>\n  </D>\n</A>');
  });

  it('decides the raw view by file name or content', () => {
    expect(rawKind('var/lib/waagent/X-1.0/status/15.status')).toBe('json');
    expect(rawKind('var/lib/waagent/GoalState.1.xml')).toBe('xml');
    expect(rawKind('etc/waagent.conf')).toBe('conf');
    expect(rawKind('var/log/waagent.log', '2026-11-19T22:00:00Z INFO')).toBeNull();
  });
});

describe('a finding for the ticket', () => {
  it('copies verdict, evidence with file:line (redacted) and remedy as Markdown', async () => {
    const { findingText } = await import('../../src/renderer/util/finding-text');
    const { LABELS: MESSAGES } = await import('../../src/shared/i18n/labels');
    const f = buildResult().findings.find((x) => x.verdict === 'detected')!;
    const withSecret = { ...f, evidence: [...f.evidence, { file: 'var/log/waagent.log', line: 9, time: null, text: 'GET https://acct.blob.core.windows.net/c/b?sv=2020&sig=AbCdEf0123456789abcdef%3D' }] };
    const { placerOf } = await import('../../src/renderer/util/place');
    const md = findingText(withSecret, MESSAGES.en, 'md', placerOf(buildResult(), MESSAGES.en));
    expect(md.startsWith(`### ${f.title} — Detected, high confidence\n`)).toBe(true);
    expect(md).toContain(`- \`${f.evidence[0].file}:${f.evidence[0].line}\``);
    expect(md).not.toContain('AbCdEf0123456789abcdef');
    expect(md).toContain('**Remedy**\n\n1. ');
    const text = findingText(f, MESSAGES.nl, 'text', placerOf(buildResult(), MESSAGES.nl));
    expect(text).toContain('Gevonden, hoge zekerheid');
    expect(text).not.toContain('`');
  });

  it('names a line of pasted text "pasted text, line N", as the evidence list does', async () => {
    const { findingText } = await import('../../src/renderer/util/finding-text');
    const { placerOf } = await import('../../src/renderer/util/place');
    const { LABELS: MESSAGES } = await import('../../src/shared/i18n/labels');
    const r = buildResult();
    // the same result read from a paste: every file came from the pasted-text input
    const pasted = { ...r, inputs: [{ ...r.inputs[0], path: '', kind: 'pasted-text' as const }] };
    const f = r.findings.find((x) => x.verdict === 'detected' && x.evidence.some((e) => e.line > 0))!;
    const e = f.evidence.find((x) => x.line > 0)!;
    const md = findingText(f, MESSAGES.en, 'md', placerOf(pasted, MESSAGES.en));
    expect(md).toContain(`- \`pasted text, line ${e.line}\``);
    expect(md).not.toContain(`${e.file}:${e.line}`);
    const text = findingText(f, MESSAGES.nl, 'text', placerOf(pasted, MESSAGES.nl));
    expect(text).toContain(`- geplakte tekst, regel ${e.line}`);
  });
});

describe('progress that means something', () => {
  afterEach(() => cleanup());
  it('shows the phases in order, the current one marked, MB, files and the time spent', async () => {
    const { ProgressOverlay } = await import('../../src/renderer/components/ProgressOverlay');
    setup();
    useLang.setState({ lang: 'en' });
    act(() => useApp.setState({ loading: true, loadStartedAt: Date.now() - 6_000, phaseStartedAt: Date.now() - 6_000 }));
    act(() => useApp.getState().setProgress({ phase: 'parsing', message: 'Parsing var/log/waagent.log', file: 'var/log/waagent.log', fraction: 0.4, bytes: 52_428_800, totalBytes: 131_072_000, records: 321_000, files: 12 }));
    act(() => useApp.setState({ phaseStartedAt: Date.now() - 4_000 }));
    renderUi(<ProgressOverlay />);
    expect(screen.getByTestId('progress-step-reading').className).toBe('done');
    expect(screen.getByTestId('progress-step-parsing').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('progress-step-analysing').className).toBe('todo');
    // not an archive: no unpacking step
    expect(screen.queryByTestId('progress-step-inflating')).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    // the app's own words (EN/NL), not the worker's English message
    expect(screen.getByTestId('progress-detail').textContent).toBe('Parsing logs… var/log/waagent.log · 50 of 125 MB · 321,000 records · 12 files');
    // 40 % in 4 s: about 6 s left
    expect(screen.getByTestId('progress-time').textContent).toMatch(/^\d+ s so far · about 6 s left in this step$/);
    act(() => useApp.setState({ loading: false }));
  });

  it('lists unpacking once an archive is unpacked, in Dutch too', async () => {
    const { ProgressOverlay } = await import('../../src/renderer/components/ProgressOverlay');
    setup();
    useLang.setState({ lang: 'nl' });
    act(() => useApp.setState({ loading: true, loadStartedAt: Date.now() - 2_000, phaseStartedAt: Date.now() - 500 }));
    act(() => useApp.getState().setProgress({ phase: 'inflating', message: 'Inflating logs.zip: 100 entries', bytes: 16_777_216, files: 100 }));
    renderUi(<ProgressOverlay />);
    expect(screen.getByTestId('progress-step-inflating').getAttribute('aria-current')).toBe('step');
    // no fraction known while an archive is unpacked: an indeterminate bar, no estimate
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByTestId('progress-detail').textContent).toBe('Het archief wordt uitgepakt… · 16 MB · 100 bestanden');
    act(() => useApp.getState().setProgress({ phase: 'parsing', message: 'Parsing', fraction: 0.5, bytes: 1_048_576, totalBytes: 2_097_152, records: 1 }));
    expect(screen.getByTestId('progress-step-inflating').className).toBe('done');
    expect(screen.getByTestId('progress-detail').textContent).toBe('Logs worden ontleed… · 1 van 2 MB · 1 record');
    act(() => useApp.setState({ loading: false }));
    useLang.setState({ lang: 'en' });
  });
});

describe('evidence lists', () => {
  afterEach(() => cleanup());
  it('show a line reached through two facts once', async () => {
    const { EvidenceList } = await import('../../src/renderer/components/EvidenceList');
    setup();
    const e = { file: 'var/log/waagent.log', line: 12, time: null, text: 'x' };
    renderUi(<EvidenceList evidence={[e, { ...e }, { ...e, line: 13 }]} />);
    expect(screen.getAllByTestId('evidence-line').map((b) => b.dataset.line)).toEqual(['12', '13']);
  });
});
