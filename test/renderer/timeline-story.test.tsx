// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { UNKNOWN_TASK_ID } from '../../src/shared/model/task-id';
import { TimelineView } from '../../src/renderer/views/TimelineView';
import { useLang } from '../../src/renderer/i18n';
import { buildTimeline, focusEvidence, LOG_PATHS, segmentEvidence, visibleMarkers, type Marker } from '../../src/renderer/util/timeline-model';
import { safeXmlText } from '../../src/renderer/util/timeline-export';
import { phaseMatrix, typicalDurations } from '../../src/shared/phase-matrix';
import { buildResult, EXTLOG, FAILED_TASK, WAAGENT } from './fixtures/analysis';
import { installLayout, renderUi, setup } from './helpers';

/** The sample analysis without its snapshot tasks (and, unless kept, without the extension's log file). */
function withoutTasks(keepExtensionLog: boolean): AnalysisResult {
  const r = buildResult();
  r.snapshots = [];
  r.timeline = r.timeline.filter((t) => t.lane !== 'snapshot' && !t.taskId);
  r.failedTask = undefined;
  if (!keepExtensionLog) r.files = r.files.filter((f) => f.kind !== 'vmsnapshot-extension-log');
  return r;
}

/** The failed task as a Windows event export gives it: found, but not one of its lines carries a time. */
function untimedTaskOnly(): AnalysisResult {
  const r = buildResult();
  const failed = r.snapshots.find((t) => t.result === 'failed')!;
  r.snapshots = [{ ...failed, requestedStart: undefined, start: null, end: null, durationMs: undefined, phases: failed.phases.map((p) => ({ ...p, start: undefined, end: undefined, durationMs: undefined })) }];
  r.timeline = [];
  return r;
}

describe('timeline model: the story', () => {
  it('a snapshot lane whose tasks carry no time says so, not that there are no tasks', () => {
    expect(buildTimeline(untimedTaskOnly()).lanes[0]).toMatchObject({ key: 'snapshot', empty: { kind: 'untimed-tasks' } });
  });

  it('an empty snapshot lane says whether the extension log is missing or holds no task', () => {
    const missing = buildTimeline(withoutTasks(false));
    expect(missing.lanes[0]).toMatchObject({ key: 'snapshot', empty: { kind: 'no-extension-log', path: LOG_PATHS.linuxExtension } });
    const quiet = buildTimeline(withoutTasks(true));
    expect(quiet.lanes[0].empty).toEqual({ kind: 'no-tasks-in-log', path: EXTLOG });
    const windows = withoutTasks(false);
    windows.vm.platform = 'windows';
    expect(buildTimeline(windows).lanes[0].empty).toMatchObject({ kind: 'no-extension-log', path: expect.stringContaining('IaaSBcdrExtension.log') });
    // A lane with bars has no reason.
    expect(buildTimeline(buildResult()).lanes.every((l) => l.empty === undefined)).toBe(true);
  });

  it('the guest agent lane is always there and says why it is empty', () => {
    const r = buildResult();
    r.timeline = r.timeline.filter((t) => t.lane !== 'agent');
    const m = buildTimeline(r);
    expect(m.lanes.at(-1)).toMatchObject({ key: 'agent:Guest agent', empty: { kind: 'no-agent-events', path: WAAGENT } });
    r.files = r.files.filter((f) => f.kind !== 'waagent-log');
    expect(buildTimeline(r).lanes.at(-1)?.empty).toEqual({ kind: 'no-agent-log', path: LOG_PATHS.linuxAgent });
  });

  it('neighbouring phases of a task alternate their shade, whichever phases it logged', () => {
    const m = buildTimeline(buildResult());
    const failed = m.segments.filter((s) => s.taskId === FAILED_TASK && s.phase).sort((a, b) => a.start - b.start);
    expect(failed.map((s) => s.phase)).toEqual(['pre-script', 'freeze', 'snapshot', 'thaw']);
    for (let i = 1; i < failed.length; i++) expect(failed[i].shade).not.toBe(failed[i - 1].shade);
    expect(failed.find((s) => s.phase === 'freeze')).toMatchObject({ result: 'timed-out', detail: 'freeze timed-out after 60 s' });
  });

  it('dense markers become one group with a count, and stand apart again when zoomed in', () => {
    const t0 = Date.parse('2026-11-17T03:00:00Z');
    const ev = { file: WAAGENT, line: 1, time: null, text: 'x' };
    // 30 goal-state errors ten seconds apart, then one an hour later, on one lane; one on another lane at t0.
    const all: Marker[] = [
      ...Array.from({ length: 30 }, (_, i): Marker => ({ id: `m${i}`, lane: 3, at: t0 + i * 10_000, tone: i === 7 ? 'error' : 'info', label: 'Goal state error', evidence: [{ ...ev, line: i + 1 }], count: 1 })),
      { id: 'late', lane: 3, at: t0 + 3_600_000, tone: 'info', label: 'Agent daemon started', evidence: [ev], count: 1 },
      { id: 'other', lane: 2, at: t0, tone: 'warning', label: 'Extension heartbeat is stale', evidence: [ev], count: 1 },
    ];
    // A day on 900 px: ten seconds are 0.1 px.
    const day = visibleMarkers(all, t0 - 43_200_000, t0 + 43_200_000, 900 / 86_400_000);
    const group = day.find((m) => m.count > 1)!;
    expect(group).toMatchObject({ lane: 3, count: 30, at: t0, end: t0 + 290_000, tone: 'error' });
    // the model writes no words of its own for a group: the view names it from the catalogue, in the UI's language
    expect(group.label).toBe('Goal state error');
    // one error among infos: a mixed group, its kinds worst first (drawn with the error's sign and a second outline)
    expect(group.tones).toEqual(['error', 'info']);
    expect(day.filter((m) => m.count === 1).every((m) => m.tones === undefined)).toBe(true);
    expect(group.evidence).toHaveLength(30);
    expect(day.map((m) => m.count).sort((a, b) => a - b)).toEqual([1, 1, 30]);
    // The same ten minutes on 900 px: 10 s are 15 px, still closer than a marker's width… at 30 s apart they part.
    const sparse = all.filter((_, i) => i % 3 === 0 && i < 30);
    const zoomed = visibleMarkers(sparse, t0 - 60_000, t0 + 360_000, 900 / 420_000);
    expect(zoomed.every((m) => m.count === 1)).toBe(true);
    expect(zoomed).toHaveLength(10);
    // A group is drawn wider than a marker: a marker within its badge's reach joins it, one beyond stays apart.
    const run = all.slice(0, 3); // 0, 10, 20 s: 7 px apart at 900 px / 20 min → one group
    const near = { ...all[3], at: t0 + 60_000 }; // 45 px right of the group's first event
    const pxPerMs = 900 / 1_200_000;
    expect(visibleMarkers([...run, near], t0 - 60_000, t0 + 1_140_000, pxPerMs).map((m) => m.count)).toEqual([3, 1]);
    expect(visibleMarkers([...run, near], t0 - 60_000, t0 + 1_140_000, pxPerMs, 18, () => 40).map((m) => m.count)).toEqual([4]);
    expect(visibleMarkers([...run, near], t0 - 60_000, t0 + 1_140_000, pxPerMs, 18, () => 30).map((m) => m.count)).toEqual([3, 1]);
  });

  it('a task lists each record once, though its timeline items quote its milestones again', () => {
    const r = buildResult();
    const task = r.snapshots.find((t) => t.taskId === FAILED_TASK)!;
    const quoted = task.milestones.slice(0, 3).map((m) => ({ file: m.file, line: m.line, time: m.time, text: m.text }));
    r.timeline.push({ id: 'dup', lane: 'snapshot', group: 'Backup snapshots', label: 'Snapshot failed', start: task.start!, severity: 'error', evidence: quoted, taskId: FAILED_TASK });
    const m = buildTimeline(r);
    const ev = segmentEvidence(m, { id: FAILED_TASK, lane: 0, start: 0, end: 0, tone: 'error', label: '', taskId: FAILED_TASK, count: 1 }, Infinity);
    const keys = ev.map((e) => `${e.file}:${e.line}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const q of quoted) expect(keys).toContain(`${q.file}:${q.line}`);
  });

  it('"Show in logs" goes to the line where the failing phase failed', () => {
    const r = buildResult();
    const m = buildTimeline(r);
    const task = m.tasks.get(FAILED_TASK)!;
    const ev = segmentEvidence(m, m.segments.find((s) => s.taskId === FAILED_TASK && s.phase === 'thaw')!, Infinity);
    expect(ev[0].text).not.toContain('freeze timed-out');
    expect(focusEvidence(ev, task)?.text).toContain('freeze timed-out');
    // A successful task: its first located record.
    const ok = r.snapshots[0];
    const okEv = segmentEvidence(m, { id: ok.taskId, lane: 0, start: 0, end: 0, tone: 'ok', label: '', taskId: ok.taskId, count: 1 });
    expect(focusEvidence(okEv, ok)).toBe(okEv[0]);
  });

  it('the phases-per-task rows and the usual durations', () => {
    const r = buildResult();
    const m = phaseMatrix(r.snapshots, 8, { dropEmptyColumns: true });
    expect(m.phases).toEqual(['pre-script', 'freeze', 'snapshot', 'thaw', 'post-script']);
    expect(m.rows.at(-1)?.task.taskId).toBe(FAILED_TASK);
    expect(m.rows.at(-1)?.cells.map((c) => c?.result ?? null)).toEqual(['skipped', 'timed-out', 'skipped', 'unfinished', null]);
    // Four successful tasks, each freeze 2 s, snapshot 33 s.
    expect(typicalDurations(m)).toEqual([1000, 2000, 33_000, 1000, 48_000]);
    // The report keeps every column and, with fewer rows than tasks, every failure.
    const report = phaseMatrix(r.snapshots, 2);
    expect(report.phases).toHaveLength(7);
    expect(report.rows.map((x) => x.task.result)).toEqual(['success', 'failed']);
  });

  it('text for the exported SVG has no control, bidi or XML-forbidden character', () => {
    expect(safeXmlText('a\u0007b\u202Ec\uD800d\uFFFE')).toBe('a\\u0007b\\u202ec\uFFFDd\uFFFD');
    expect(safeXmlText('freeze: ok — 2 s')).toBe('freeze: ok — 2 s');
  });
});

describe('Timeline view: the story', () => {
  beforeEach(() => installLayout());
  afterEach(() => {
    cleanup();
    act(() => useLang.getState().setLang('en'));
  });

  it('labels the phases on their bars when there is room, in the title otherwise', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    const row = screen.getAllByTestId('task-row').find((r) => r.textContent?.includes('122'))!;
    fireEvent.click(within(row).getByRole('button', { name: 'Zoom' }));
    const bars = screen.getAllByTestId('timeline-segment').filter((b) => b.getAttribute('data-task') === FAILED_TASK && b.getAttribute('class')?.includes('phase-'));
    const freeze = bars.find((b) => b.getAttribute('class')?.includes('phase-freeze'))!;
    expect(within(freeze).getByTestId('segment-label').textContent).toBe('freeze: timed out');
    expect(freeze.getAttribute('class')).toContain('tl-fail');
    expect(freeze.querySelector('rect.tl-hatch')?.getAttribute('fill')).toBe('url(#tl-hatch-fail)');
    const pre = bars.find((b) => b.getAttribute('class')?.includes('phase-pre-script'))!;
    // One second of 200: no room for a word, so the title says it.
    expect(within(pre).queryByTestId('segment-label')).toBeNull();
    expect(pre.querySelector('title')?.textContent).toMatch(/^pre-script: skipped · /);
    act(() => useLang.getState().setLang('nl'));
    expect(within(freeze).getByTestId('segment-label').textContent).toBe('bevriezen: time-out');
  });

  it('an empty lane says why, in English and Dutch', () => {
    setup({ view: 'timeline', result: withoutTasks(false) });
    renderUi(<TimelineView width={1100} />);
    const lane = screen.getByTestId('empty-lane');
    expect(lane.textContent).toContain('No snapshot tasks in these logs');
    expect(lane.querySelector('title')?.textContent).toBe(`No snapshot tasks in these logs — The Backup extension’s log (${LOG_PATHS.linuxExtension}) is not in the bundle.`);
    act(() => useLang.getState().setLang('nl'));
    expect(screen.getByTestId('empty-lane').querySelector('title')?.textContent).toBe(`Geen momentopnametaken in deze logs — Het log van de Backup-extensie (${LOG_PATHS.linuxExtension}) zit niet in de bundel.`);
  });

  it('tasks found without a time: the view says so and lists them, rather than "no snapshot tasks"', () => {
    const r = untimedTaskOnly();
    setup({ view: 'timeline', result: r });
    renderUi(<TimelineView width={1100} />);
    const empty = screen.getByTestId('empty-lanes');
    expect(empty.textContent).not.toContain('No snapshot tasks in these logs');
    expect(empty.textContent).toContain('1 snapshot task without a time — None of its lines carries a time, so it cannot be drawn on the time axis; it is listed below.');
    expect(screen.getByTestId('task-summary').textContent).toBe('1 snapshot task: 0 succeeded, 1 failed');
    const rows = screen.getAllByTestId('task-row');
    expect(rows).toHaveLength(1);
    // nothing to zoom to; the details open in the side panel
    expect(within(rows[0]).queryByRole('button', { name: 'Zoom' })).toBeNull();
    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Details' }));
    expect(screen.getByRole('complementary')).toBeTruthy();
    act(() => useLang.getState().setLang('nl'));
    expect(screen.getByTestId('empty-lanes').textContent).toContain('1 momentopnametaak zonder tijd');
  });

  it('a task without phases or id is named in the window\'s language (issue 22)', () => {
    const r = buildResult();
    const task = r.snapshots.find((t) => t.taskId === FAILED_TASK)!;
    // what a task looks like when the extension log held only its outcome: no timed phase, no id
    task.phases = [];
    task.taskId = UNKNOWN_TASK_ID;
    r.timeline = r.timeline.filter((t) => t.taskId !== FAILED_TASK);
    const bar = (lang: 'en' | 'nl') => buildTimeline(r, lang).segments.find((s) => s.taskId === UNKNOWN_TASK_ID)!;
    expect(bar('en').label).toBe('Snapshot failed (code 122)');
    expect(bar('nl').label).toBe('Momentopname mislukt (code 122)');
    setup({ view: 'timeline', result: r });
    act(() => useLang.getState().setLang('nl'));
    renderUi(<TimelineView width={1100} />);
    const drawn = screen.getAllByTestId('timeline-segment').find((s) => s.getAttribute('data-task') === UNKNOWN_TASK_ID)!;
    expect(drawn.querySelector('title')?.textContent).toMatch(/^Momentopname mislukt \(code 122\) · /);
    fireEvent.click(drawn);
    const facts = screen.getByRole('complementary', { name: 'Details' }).querySelector('dl')!;
    // the id field says where the id is missing from; the task is named by its start beside it
    expect(facts.textContent).toContain('Taakniet in de logsStart2026-11-19 22:00:05Z');
    expect(facts.textContent).not.toContain(UNKNOWN_TASK_ID);
    act(() => useLang.getState().setLang('en'));
    expect(screen.getByRole('complementary', { name: 'Details' }).querySelector('dl')!.textContent).toContain('Tasknot in the logsStart2026-11-19 22:00:05Z');
  });

  it('shows the phases per task: the failed one under the successful ones, with the usual durations', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    const table = screen.getByTestId('phase-table');
    expect(within(table).getByRole('heading', { name: 'Phases per task' })).toBeTruthy();
    const rows = within(table).getAllByTestId('phase-row');
    expect(rows.map((r) => r.getAttribute('data-result'))).toEqual(['success', 'success', 'success', 'success', 'failed']);
    const failed = rows.at(-1)!;
    expect(failed.textContent).toContain('✗ timed out · 60 s');
    expect(failed.textContent).toContain('(30× the usual)');
    expect(failed.textContent).toContain('not logged');
    expect(within(table).getByTestId('phase-usual').textContent).toContain('Usual (median of 4 successful)');
    fireEvent.click(within(failed).getByRole('button'));
    expect(screen.getByRole('complementary', { name: 'Details' }).textContent).toContain('Snapshot task #15');
    act(() => useLang.getState().setLang('nl'));
    expect(within(screen.getByTestId('phase-table')).getByRole('heading', { name: 'Fasen per taak' })).toBeTruthy();
    expect(screen.getAllByTestId('phase-row').at(-1)?.textContent).toContain('30× zo lang als gebruikelijk');
  });

  it('on a Windows guest the consistency phase is the VSS snapshot, not a filesystem freeze; an untimed task says so', () => {
    const r = buildResult();
    r.vm = { ...r.vm, platform: 'windows' };
    const failed = r.snapshots.find((t) => t.taskId === FAILED_TASK)!;
    setup({ view: 'timeline', result: r });
    renderUi(<TimelineView width={1100} />);
    const heads = () => within(screen.getByTestId('phase-table')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads()).toContain('VSS snapshot');
    expect(heads()).not.toContain('freeze');
    fireEvent.click(within(screen.getAllByTestId('phase-row').at(-1)!).getByRole('button'));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('table', { name: 'Phases' }).textContent).toContain('VSS snapshot');
    act(() => useLang.getState().setLang('nl'));
    expect(heads()).toContain('VSS-momentopname');
    act(() => useLang.getState().setLang('en'));
    cleanup();
    // the same task without a time: the phases table names it "no time in the logs", not "—"
    setup({ view: 'timeline', result: { ...r, snapshots: r.snapshots.map((t) => (t === failed ? { ...t, start: null, end: null, requestedStart: undefined } : t)) } });
    renderUi(<TimelineView width={1100} />);
    expect(within(screen.getAllByTestId('phase-row').at(-1)!).getByRole('button').textContent).toBe('no time in the logs');
  });

  it('event markers differ by shape, not by colour alone, on the chart and in the legend', () => {
    setup({ view: 'timeline' });
    renderUi(<TimelineView width={1100} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    const shapeOf = (g: Element) => [g.getAttribute('data-shape'), g.querySelector('path')!.getAttribute('d')];
    // the legend: four tones, four shapes, four outlines (each drawn around the same centre)
    const legend = [...screen.getByTestId('timeline-legend').querySelectorAll('g.marker:not(.tl-group)[data-shape]')].map(shapeOf);
    expect(legend.map(([shape]) => shape)).toEqual(['cross', 'triangle', 'diamond', 'square']);
    expect(new Set(legend.map(([, d]) => d)).size).toBe(4);
    // on the chart every marker has its tone's shape: the sample has a stale-heartbeat warning and an agent start
    const marks = screen.getAllByTestId('timeline-marker');
    const tones = marks.map((m) => /tone-(\w+)/.exec(m.getAttribute('class') ?? '')![1]);
    expect(new Set(tones).size).toBeGreaterThanOrEqual(2);
    const byTone: Record<string, string> = { error: 'cross', warning: 'triangle', info: 'diamond', ok: 'square' };
    marks.forEach((m, i) => expect(m.getAttribute('data-shape')).toBe(byTone[tones[i]]));
    // groups carry their kind's sign too, and the legend shows a one-kind and a mixed group
    cleanup();
    const r = buildResult();
    const t0 = Date.parse('2026-11-17T03:00:00Z');
    // a run of goal-state errors with one warning among them, and a day later a run of warnings alone
    for (let i = 0; i < 8; i++) {
      const at = (ms: number) => new Date(ms).toISOString();
      r.timeline.push({ id: `e${i}`, lane: 'agent', group: 'Guest agent', label: 'Goal state error', start: at(t0 + i * 20_000), severity: i === 3 ? 'warning' : 'error', evidence: [{ file: WAAGENT, line: 3 + i, time: null, text: `e ${i}` }] });
      r.timeline.push({ id: `w${i}`, lane: 'agent', group: 'Guest agent', label: 'Heartbeat late', start: at(t0 + 86_400_000 + i * 20_000), severity: 'warning', evidence: [{ file: WAAGENT, line: 20 + i, time: null, text: `w ${i}` }] });
    }
    setup({ view: 'timeline', result: r });
    renderUi(<TimelineView width={1100} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    const groups = screen.getAllByTestId('timeline-group');
    expect(groups.map((g) => [g.getAttribute('data-count'), g.getAttribute('data-kinds')])).toEqual(expect.arrayContaining([['8', 'error warning'], ['8', 'warning']]));
    expect(groups.find((g) => g.getAttribute('data-kinds') === 'error warning')!.getAttribute('aria-label')).toMatch(/^8 events close together \(error, warning\) — /);
    for (const g of groups) {
      const tone = /tone-(\w+)/.exec(g.getAttribute('class') ?? '')![1];
      expect(g.getAttribute('data-shape')).toBe(byTone[tone]);
      expect(g.querySelector('path.tl-glyph')).not.toBeNull();
      expect(g.querySelector('.tl-stack') !== null).toBe((g.getAttribute('data-kinds') ?? '').includes(' '));
    }
    const one = screen.getByTestId('legend-group').querySelector('g.tl-group')!;
    const mixed = screen.getByTestId('legend-mixed').querySelector('g.tl-group')!;
    expect([one.getAttribute('data-shape'), mixed.getAttribute('data-shape')]).toEqual(['triangle', 'cross']);
    expect(one.querySelector('.tl-stack')).toBeNull();
    expect(mixed.querySelector('.tl-stack')).not.toBeNull();
  });

  it('a group marker zooms in on its events and lists their records', () => {
    const r = buildResult();
    const t0 = Date.parse('2026-11-17T03:00:00Z');
    for (let i = 0; i < 12; i++)
      r.timeline.push({ id: `gs${i}`, lane: 'agent', group: 'Guest agent', label: 'Goal state error', start: new Date(t0 + i * 20_000).toISOString(), severity: 'error', evidence: [{ file: WAAGENT, line: 3 + i, time: null, text: `goal state error ${i}` }] });
    setup({ view: 'timeline', result: r });
    renderUi(<TimelineView width={1100} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    const group = screen.getAllByTestId('timeline-group').find((g) => g.getAttribute('data-count') === '12')!;
    expect(group.textContent).toContain('12');
    fireEvent.click(group);
    const panel = screen.getByRole('complementary', { name: 'Details' });
    expect(within(panel).getByRole('heading', { name: '12 events' })).toBeTruthy();
    expect(within(panel).getAllByTestId('evidence-line')).toHaveLength(12);
    // Zoomed on the group: its events now stand apart.
    expect(screen.queryAllByTestId('timeline-group').filter((g) => g.getAttribute('data-count') === '12')).toHaveLength(0);
    expect(screen.getAllByTestId('timeline-marker').filter((m) => m.getAttribute('aria-label')?.startsWith('Goal state error')).length).toBeGreaterThanOrEqual(6);
  });

  it('exports the drawn lanes as a standalone SVG with every log-derived text escaped', async () => {
    const r = buildResult();
    const hostile = 'Evil</text><script>alert(1)</script>\u202Egnp\u0007';
    r.timeline.push({ id: 'evil', lane: 'extension', group: hostile, label: `Enable failed ${hostile}`, start: '2026-11-19T22:00:30.000Z', severity: 'error', evidence: [] });
    const api = setup({ view: 'timeline', result: r });
    renderUi(<TimelineView width={1100} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG…' }));
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('Timeline saved to /home/eng/vmbackup-timeline.svg'));
    const [[req]] = api.callsTo('saveImage') as [[{ format: string; data: string }]];
    expect(req.format).toBe('svg');
    const doc = new DOMParser().parseFromString(req.data, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    // eslint-disable-next-line no-control-regex -- the point: none of these may be in the file
    expect(req.data).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/);
    expect(req.data).toContain('Evil&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u202egnp\\u0007');
    // Drawn shapes, not the app's wiring: no focus, ARIA or test attributes, the hatching defined inside.
    expect(req.data).not.toMatch(/tabindex|aria-|data-testid|role=/);
    expect(doc.getElementById('tl-hatch-fail')).not.toBeNull();
    expect(doc.querySelector('title')?.textContent).toMatch(/^VM Backup Doctor timeline — vm-backup-demo-01 — /);
  });

  it('the exported picture carries the legend under the chart, in the window\'s language', async () => {
    const api = setup({ view: 'timeline' });
    act(() => useLang.getState().setLang('nl'));
    try {
      renderUi(<TimelineView width={1100} />);
      fireEvent.click(screen.getByRole('button', { name: 'SVG exporteren…' }));
      await waitFor(() => expect(api.callsTo('saveImage')).toHaveLength(1));
      const [[req]] = api.callsTo('saveImage') as [[{ format: string; data: string }]];
      const doc = new DOMParser().parseFromString(req.data, 'image/svg+xml');
      const root = doc.documentElement;
      const words = [...root.children].filter((c) => c.localName === 'g').at(-1)!;
      const texts = [...words.querySelectorAll(':scope > text')].map((t) => t.textContent);
      // every word of the on-screen legend, in order: fills, hatching, marker tones, groups
      // (the words, not the counts drawn in the group swatches)
      const legendEl = screen.getByTestId('timeline-legend').cloneNode(true) as Element;
      for (const t of legendEl.querySelectorAll('svg text')) t.remove();
      expect(texts.join('')).toBe(legendEl.textContent);
      expect(texts).toEqual(expect.arrayContaining(['mislukt / time-out', 'gebeurtenissen:', 'fout', 'waarschuwing']));
      // the swatches: a hatched failed bar (the chart's own pattern) and the four marker tones
      expect(words.querySelector('rect[fill="url(#tl-hatch-fail)"]')).not.toBeNull();
      // (four marker tones, then the signs in the two group swatches)
      expect(words.querySelectorAll('path')).toHaveLength(6);
      // ... each its own shape in the picture too (colour is not the only difference)
      expect(new Set([...words.querySelectorAll('path')].map((p) => p.getAttribute('d'))).size).toBe(6);
      // drawn below the chart, inside the picture
      const chartH = Number(screen.getByRole('group', { name: 'Banen van de tijdlijn' }).getAttribute('height'));
      expect(words.getAttribute('transform')).toBe(`translate(0 ${28 + chartH})`);
      expect(Number(root.getAttribute('height'))).toBeGreaterThan(28 + chartH);
    } finally {
      act(() => useLang.getState().setLang('en'));
    }
  });
});
