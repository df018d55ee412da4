import { describe, expect, it } from 'vitest';
import type { CauseId, Evidence, Finding, SnapshotTask, TaskProgress } from '../../../src/shared';
import type { RuleOutcome } from '../../../src/main/analyze/types';
import { msg } from '../../../src/shared/i18n/analysis';
import { anchorOf, explainsTask, rankFindings, relationOf, weigh, type Anchor } from '../../../src/main/analyze/weigh';

/** The evidence model's decision table, row by row, on hand-built outcomes and tasks. */

const T0 = Date.parse('2026-11-19T22:00:05Z');
const MIN = 60_000;
const H = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

function task(id: string, startMs: number, result: SnapshotTask['result'], code?: number): SnapshotTask {
  return { taskId: id, start: iso(startMs), end: iso(startMs + 75_000), result, ...(code !== undefined ? { code } : {}), disks: [], phases: [], milestones: [] };
}
const progress = (t: SnapshotTask, reachedExtension = true): TaskProgress => ({ taskId: t.taskId, start: t.start, stages: [], reached: 'freeze', failedAt: 'freeze', reachedExtension });
const ev = (ms: number | null, line = 1): Evidence => ({ file: 'var/log/waagent.log', line, time: ms === null ? null : iso(ms), text: 'x' });
const detected = (evidence: Evidence[], extra: Partial<RuleOutcome> = {}): RuleOutcome => ({ verdict: 'detected', confidence: 'high', reason: msg('disk-full.nothing'), evidence, ...extra });

const failed = task('t-failed', T0, 'failed', 122);
const good = [task('t1', T0 - 96 * H, 'success', 1), task('t2', T0 - 48 * H, 'success', 1), task('t3', T0 - 24 * H, 'success', 1)];
const anchor: Anchor = anchorOf([...good, failed], failed, progress(failed));
const noFailure: Anchor = anchorOf(good, undefined, undefined);

describe('relationOf: when evidence was written, relative to the failed task', () => {
  it.each([
    ['during (seconds before the task)', T0 - 30_000, 'during'],
    ['during (the task ran)', T0 + 60_000, 'during'],
    ['window (three hours before)', T0 - 3 * H, 'window'],
    ['before (two days before, after the last success)', T0 - 23 * H, 'before'],
    ['history (before the last successful backup)', T0 - 25 * H, 'history'],
    ['after (the next morning)', T0 + 10 * H, 'after'],
    ['untimed', NaN, 'untimed'],
  ] as const)('%s', (_name, t, want) => {
    expect(relationOf(t, anchor)).toBe(want);
  });
  it('long-before needs no later success in between', () => {
    const lone = anchorOf([failed], failed, progress(failed));
    expect(relationOf(T0 - 5 * 24 * H, lone)).toBe('long-before');
    expect(relationOf(T0 - 50 * H, lone)).toBe('before');
  });
  it('without a failed task, only the last successful backup divides the time', () => {
    expect(relationOf(T0 - 25 * H, noFailure)).toBe('history');
    expect(relationOf(T0, noFailure)).toBe('untimed');
  });
  it('without a failed task, a line more than three days older than the newest one is long-before (an old failure the VM lived past)', () => {
    const bare = anchorOf([], undefined, undefined, T0);
    expect(relationOf(T0 - 5 * 24 * H, bare)).toBe('long-before');
    expect(relationOf(T0 - 50 * H, bare)).toBe('untimed');
    expect(relationOf(T0 - 5 * 24 * H, anchorOf([], undefined, undefined))).toBe('untimed');
  });
});

describe('weigh: strength × time × the cause\'s place in the task\'s path', () => {
  const row = (cause: CauseId, outcome: RuleOutcome, a: Anchor = anchor, explained = true, portalCauses?: CauseId[]) => weigh(cause, outcome, a, { explained, portalCauses });

  it('evidence cut to its first lines is weighed by the times of all of them (evidenceTimes)', () => {
    // a rule citing the first of many failures: the shown line is days old, a later one fell in the task
    const shown = [ev(T0 - 30 * H)];
    expect(row('extension-failed-state', detected(shown)).relation).toBe('history');
    const o = detected(shown, { evidenceTimes: [T0 - 30 * H, T0 - 29 * H, T0 + 60_000, NaN] });
    expect(row('extension-failed-state', o)).toMatchObject({ relation: 'during', confidence: 'high' });
    expect(row('extension-failed-state', detected(shown, { evidenceTimes: [NaN] })).relation).toBe('untimed');
  });
  it('without a failed task, an old event is background and low; a state that holds (a version) is not', () => {
    const bare = anchorOf([], undefined, undefined, T0);
    const old = [ev(T0 - 5 * 24 * H)];
    expect(row('extension-failed-state', detected(old), bare, false)).toMatchObject({ relation: 'long-before', role: 'background', confidence: 'low' });
    expect(row('agent-outdated', detected(old, { holds: true }), bare, false)).toMatchObject({ relation: 'untimed', role: 'primary', confidence: 'medium' });
  });
  it('the failed task\'s own code is decisive: high and primary', () => {
    const o = detected([ev(T0 + 70_000)], { taskId: 't-failed', strength: 'decisive' });
    expect(explainsTask(o, anchor)).toBe(true);
    expect(row('fsfreeze-failed', o)).toEqual({ confidence: 'high', strength: 'decisive', relation: 'during', role: 'primary' });
  });
  it('a later successful backup caps even the decisive code at medium', () => {
    const recovered = anchorOf([...good, failed, task('t-next', T0 + 24 * H, 'success', 1)], failed, progress(failed));
    expect(Number.isFinite(recovered.laterSuccess)).toBe(true);
    const o = detected([ev(T0 + 70_000)], { taskId: 't-failed', strength: 'decisive' });
    expect(row('fsfreeze-failed', o, recovered)).toMatchObject({ confidence: 'medium', role: 'primary' });
  });
  it('the same code of an older task is not decisive for this one', () => {
    const o = detected([ev(T0 - 48 * H)], { taskId: 't2', strength: 'strong' });
    expect(explainsTask(o, anchor)).toBe(false);
    expect(row('fsfreeze-failed', o)).toMatchObject({ role: 'background', confidence: 'low', relation: 'history' });
  });
  it('once the extension ran for the task, agent and network causes are at most contributing and low', () => {
    for (const cause of ['no-network-wireserver', 'agent-unresponsive', 'agent-not-running', 'dhcp-disabled'] as const) {
      expect(row(cause, detected([ev(T0 - 2 * MIN)], { strength: 'strong' })), cause).toMatchObject({ role: 'contributing', confidence: 'low' });
      expect(row(cause, detected([ev(T0 - 30 * H)], { strength: 'strong' })), cause).toMatchObject({ role: 'background', confidence: 'low' });
    }
  });
  it('an agent or network failure that began after the failed task is not capped by it', () => {
    expect(row('agent-unresponsive', detected([ev(T0 + 10 * H)], { strength: 'strong' }))).toMatchObject({ role: 'contributing', confidence: 'medium', relation: 'after' });
  });
  it('agent causes can be primary when the task never reached the extension', () => {
    const undelivered = anchorOf([failed], failed, progress(failed, false));
    expect(row('agent-not-running', detected([ev(T0 - 2 * MIN)], { strength: 'strong' }), undelivered, false)).toMatchObject({ role: 'primary', confidence: 'high' });
  });
  it('Azure-side causes are background hints, never above low', () => {
    for (const cause of ['keyvault-permissions', 'rp-collection-limit', 'rp-resource-group-lock', 'backup-in-progress', 'datasource-not-protected'] as const) {
      expect(row(cause, detected([ev(T0)], { strength: 'strong' }), anchor, false)).toMatchObject({ role: 'background', confidence: 'low' });
    }
  });
  it('with no failed task in the bundle nothing is high, and weak evidence is low', () => {
    expect(row('agent-not-running', detected([ev(T0)]), noFailure, false)).toMatchObject({ role: 'primary', confidence: 'medium' });
    expect(row('agent-outdated', detected([ev(T0)], { strength: 'weak' }), noFailure, false)).toMatchObject({ role: 'primary', confidence: 'low' });
  });
  it('a weak single message during the task says medium at most; before it, low', () => {
    expect(row('disk-full', detected([ev(T0)], { strength: 'weak' }), anchor, false)).toMatchObject({ confidence: 'medium', role: 'primary' });
    expect(row('disk-full', detected([ev(T0 - 23 * H)], { strength: 'weak' }), anchor, false)).toMatchObject({ confidence: 'low' });
  });
  it('strong evidence two days before (after the last success) is medium', () => {
    expect(row('disk-full', detected([ev(T0 - 23 * H)], { strength: 'strong' }), anchor, false)).toMatchObject({ confidence: 'medium', relation: 'before', role: 'primary' });
  });
  it('a condition that held through the task counts as during, whatever its lines\' times', () => {
    expect(row('disk-full', detected([ev(T0 - 23 * H)], { strength: 'strong', spansTask: true }), anchor, false)).toMatchObject({ confidence: 'high', relation: 'during' });
  });
  it('never above what the rule itself said', () => {
    expect(row('disk-full', detected([ev(T0)], { confidence: 'medium', strength: 'strong' }), anchor, false)).toMatchObject({ confidence: 'medium' });
  });
  it('a cause the entered portal code cannot produce is capped at medium', () => {
    const o = detected([ev(T0 + 70_000)], { taskId: 't-failed', strength: 'decisive' });
    expect(row('fsfreeze-failed', o, anchor, true, ['rp-collection-limit'])).toMatchObject({ confidence: 'medium', role: 'primary' });
  });
  it('log lines that lost their time say no more than lines before a timed task; a state file\'s untimed line holds', () => {
    // (e.g. WALinuxAgent#1390's warning posted without its time stamp, beside a failed task whose time the logs give)
    const untimed = (strength: 'strong' | 'weak') => detected([ev(null)], { strength });
    const lines = (o: RuleOutcome, a: Anchor = anchor) => weigh('disk-full', o, a, { explained: false, untimedLines: true });
    expect(lines(untimed('strong'))).toMatchObject({ confidence: 'medium', relation: 'untimed', role: 'primary' });
    expect(lines(untimed('weak'))).toMatchObject({ confidence: 'low', relation: 'untimed' });
    // no higher than a timed line of the same strength written before the task
    expect(row('disk-full', detected([ev(T0 - 23 * H)], { strength: 'strong' }), anchor, false).confidence).toBe(lines(untimed('strong')).confidence);
    expect(row('disk-full', untimed('strong'), anchor, false)).toMatchObject({ confidence: 'high', relation: 'untimed' });
    // with the task untimed too (learn-fsfreeze's cut extension log), nothing places either: as before
    const cut: SnapshotTask = { ...failed, start: null, end: null };
    const untimedTask = anchorOf([cut], cut, progress(failed));
    expect(lines(untimed('strong'), untimedTask)).toMatchObject({ confidence: 'high', relation: 'untimed' });
  });
  it('with the task explained, another task-side cause during it contributes', () => {
    expect(row('disk-full', detected([ev(T0)], { strength: 'strong' }))).toMatchObject({ role: 'contributing', confidence: 'high' });
  });
});

describe('rankFindings', () => {
  const f = (cause: CauseId, role: Finding['role'], confidence: Finding['confidence'], verdict: Finding['verdict'] = 'detected'): Finding => ({
    cause,
    verdict,
    confidence,
    portalCodes: [],
    title: cause,
    reason: '',
    evidence: [],
    remedy: [],
    links: [],
    ...(verdict === 'detected' ? { role, strength: 'strong' as const } : {}),
  });
  it('primary before contributing before background, whatever the confidence', () => {
    const list = [f('agent-unresponsive', 'background', 'high'), f('no-network-wireserver', 'contributing', 'high'), f('fsfreeze-failed', 'primary', 'medium'), f('dhcp-disabled', 'primary', 'low', 'ruled-out')];
    rankFindings(list, anchor);
    expect(list.map((x) => x.cause)).toEqual(['fsfreeze-failed', 'no-network-wireserver', 'agent-unresponsive', 'dhcp-disabled']);
  });
  it('within a role, the entered code\'s causes first', () => {
    const list = [f('fsfreeze-failed', 'primary', 'high'), f('prepost-script-failed', 'primary', 'medium')];
    rankFindings(list, anchor, ['prepost-script-failed']);
    expect(list.map((x) => x.cause)).toEqual(['prepost-script-failed', 'fsfreeze-failed']);
  });
});

describe('weigh: an agent or network failure the agent recovered from (recovery.ts)', () => {
  const lone = anchorOf([failed], failed, progress(failed, false));
  const bare = anchorOf([], undefined, undefined, T0 + 24 * H);
  const net = detected([ev(T0 - 2 * H)], { confidence: 'medium', strength: 'strong' });

  it('is history without a failed task', () => {
    expect(weigh('no-network-wireserver', net, bare, { explained: false })).toMatchObject({ relation: 'untimed', role: 'primary', confidence: 'medium' });
    expect(weigh('no-network-wireserver', net, bare, { explained: false, recoveredAt: T0 - H })).toMatchObject({ relation: 'history', role: 'background', confidence: 'low' });
  });

  it('is history when the failed task started after the recovery: delivery worked for it', () => {
    expect(weigh('no-network-wireserver', net, lone, { explained: false })).toMatchObject({ relation: 'window', role: 'primary' });
    expect(weigh('no-network-wireserver', net, lone, { explained: false, recoveredAt: T0 - H })).toMatchObject({ relation: 'history', role: 'background', confidence: 'low' });
  });

  it('stays a cause of a failed task that came before the recovery, but no more than medium (the VM lived past it)', () => {
    const during = detected([ev(T0)], { confidence: 'high', strength: 'strong' });
    expect(weigh('no-network-wireserver', during, lone, { explained: false })).toMatchObject({ relation: 'during', role: 'primary', confidence: 'high' });
    expect(weigh('no-network-wireserver', during, lone, { explained: false, recoveredAt: T0 + 2 * H })).toMatchObject({ relation: 'during', role: 'primary', confidence: 'medium' });
  });
});
