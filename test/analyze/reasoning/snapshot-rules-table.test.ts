import { describe, expect, it } from 'vitest';
import type { CauseId, Fact, SnapshotMilestoneRef, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { RULES } from '../../../src/main/analyze/rules';
import type { RuleContext } from '../../../src/main/analyze/types';
import { english, type EnglishOutcome } from '../english';

/**
 * The snapshot rules' decision tables, row by row, on hand-built tasks: the failed task's own code is
 * decisive for its cause (and for no other), an older failure followed by a success is not, a normal
 * run rules the cause out, and a bundle without the extension's evidence cannot judge it.
 */

const LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const T0 = Date.parse('2026-11-19T22:00:05Z');
const iso = (ms: number) => new Date(ms).toISOString();
const m = (name: string, line: number, text = name): SnapshotMilestoneRef => ({ name, time: iso(T0 + line * 1000), file: LOG, line, text });

function task(id: string, startMs: number, result: SnapshotTask['result'], code: number | undefined, names: string[]): SnapshotTask {
  return {
    taskId: id,
    start: iso(startMs),
    end: iso(startMs + 70_000),
    result,
    ...(code !== undefined ? { code } : {}),
    disks: [],
    phases: [],
    milestones: names.map((n, i) => ({ ...m(n, 100 + i), time: iso(startMs + i * 1000) })),
  };
}
const ok = (id: string, daysBefore: number) => task(id, T0 - daysBefore * 86_400_000, 'success', 1, ['enable-start', 'freeze-start', 'frozen', 'freeze-result', 'snapshot-start', 'snapshot-end', 'thaw-start', 'thaw-result', 'final-status']);

function ctx(tasks: SnapshotTask[], withLog = true): RuleContext {
  const facts: Fact[] = withLog ? [{ kind: 'snapshot-milestone', at: { file: LOG, line: 1, time: iso(T0), text: 'starting enable' }, timeMs: T0, milestone: 'enable-start' }] : [];
  const index = new FactIndex(facts);
  const failed = [...tasks].reverse().find((t) => t.result !== 'success' && t.result !== 'in-progress' && t.result !== 'skipped');
  return {
    facts: index,
    files: [],
    snapshots: tasks,
    extensions: [],
    agent: summarizeAgent(index),
    clock: { offsets: [], unresolved: [] },
    vm: { platform: 'linux' },
    hasFileKind: (k) => withLog && k === 'vmsnapshot-extension-log',
    lastFailedTask: failed,
  };
}
const run = (cause: CauseId, c: RuleContext): EnglishOutcome => english(RULES.find((r) => r.cause === cause)!.evaluate(c));

/** Each row: the cause, the failed task's code and last milestones that show it. */
const ROWS: { cause: CauseId; code: number; names: string[] }[] = [
  { cause: 'fsfreeze-failed', code: 122, names: ['enable-start', 'freeze-start', 'freeze-failed', 'final-status'] },
  { cause: 'prepost-script-failed', code: 308, names: ['enable-start', 'prescript-start', 'prescript-failed', 'final-status'] },
  { cause: 'storage-unreachable', code: 76, names: ['enable-start', 'freeze-start', 'frozen', 'snapshot-start', 'snapshot-failed', 'final-status'] },
  { cause: 'snapshot-limit-reached', code: 85, names: ['enable-start', 'snapshot-start', 'snapshot-failed', 'final-status'] },
  { cause: 'snapshot-task-delayed', code: 402, names: ['enable-start', 'crp-timeout', 'final-status'] },
  { cause: 'certificate-missing', code: 16, names: ['enable-start', 'certificate', 'final-status'] },
];

describe.each(ROWS)('$cause', ({ cause, code, names }) => {
  it(`the failed task's own code ${code} → detected, decisive, tied to the task`, () => {
    const failed = task('t-failed', T0, 'failed', code, names);
    const out = run(cause, ctx([ok('t1', 2), ok('t2', 1), failed]));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high', strength: 'decisive', taskId: 't-failed' });
  });
  it(`code ${code} in a task that a later success followed → the rule says less than high`, () => {
    const old = task('t-old', T0 - 2 * 86_400_000, 'failed', code, names);
    const out = run(cause, ctx([old, ok('t2', 1)]));
    expect(out.verdict).toBe('detected');
    expect(out.confidence).not.toBe('high');
  });
  it(`another cause's code does not make ${cause} decisive`, () => {
    const other = ROWS.find((r) => r.cause !== cause && r.code !== code)!;
    const failed = task('t-failed', T0, 'failed', other.code, other.names);
    const out = run(cause, ctx([ok('t1', 1), failed]));
    expect(out.strength === 'decisive' && out.verdict === 'detected', `${cause} on code ${other.code}: ${out.reason}`).toBe(false);
  });
  it('without the extension\'s log or status → not evaluable, saying what to collect', () => {
    const out = run(cause, ctx([], false));
    expect(out.verdict).toBe('not-evaluable');
    expect(out.reason.length).toBeGreaterThan(20);
  });
});

describe('fsfreeze-failed and storage-unreachable on normal runs', () => {
  it('tasks that froze and thawed normally rule the freeze out', () => {
    expect(run('fsfreeze-failed', ctx([ok('t1', 2), ok('t2', 1)]))).toMatchObject({ verdict: 'ruled-out' });
  });
  it('tasks whose snapshots succeeded rule storage out', () => {
    expect(run('storage-unreachable', ctx([ok('t1', 2), ok('t2', 1)])).verdict).toBe('ruled-out');
  });
});
