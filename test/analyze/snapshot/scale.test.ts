import { describe, expect, it } from 'vitest';
import type { Fact, SnapshotMilestoneFact, SnapshotStatusFact, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { buildSnapshotTasks, statusEvidence, taskConfidence } from '../../../src/main/analyze/reconstruct/snapshots';
import { EXT_LOG } from './helpers';

const T0 = Date.UTC(2026, 0, 1);

function milestone(line: number, milestone: SnapshotMilestoneFact['milestone'], extra: Partial<SnapshotMilestoneFact> = {}): SnapshotMilestoneFact {
  const timeMs = T0 + line * 1000;
  return { kind: 'snapshot-milestone', at: { file: EXT_LOG, line, time: new Date(timeMs).toISOString(), zone: 'utc', text: milestone }, timeMs, process: 'daemon', run: 1, milestone, ...extra };
}

describe('snapshot reconstruction at scale', () => {
  it('a log whose milestones never name a task (150k of them) becomes one unknown task, without overflowing the stack', () => {
    const facts: Fact[] = [];
    for (let i = 1; i <= 150_000; i++) facts.push(milestone(i, i % 2 ? 'freeze-start' : 'thaw-result'));
    const tasks = buildSnapshotTasks(new FactIndex(facts));
    expect(tasks).toHaveLength(1);
    expect(tasks[0].taskId).toBe('unknown');
    expect(tasks[0].milestones).toHaveLength(200);
  });

  it('10,000 tasks: rule helpers answer as a scan of the list would', () => {
    const facts: Fact[] = [];
    let line = 0;
    for (let k = 0; k < 10_000; k++) {
      const taskId = `task-${k}`;
      facts.push(milestone(++line, 'enable-start', { taskId, seqNo: k }));
      facts.push(milestone(++line, 'final-status', { taskId, seqNo: k, code: k % 3 ? 1 : 122, status: k % 3 ? 'success' : 'error' }));
      if (k % 100 === 0) {
        const status: SnapshotStatusFact = { kind: 'snapshot-status', at: { file: `var/lib/waagent/x/status/${k}.status`, line: 1, time: null, zone: 'utc', text: 's' }, timeMs: T0 + line * 1000, taskId, seqNo: k } as SnapshotStatusFact;
        facts.push(status);
      }
    }
    const index = new FactIndex(facts);
    const tasks = buildSnapshotTasks(index);
    expect(tasks).toHaveLength(10_000);
    const failed = tasks.filter((t) => t.result === 'failed');
    const last = failed[failed.length - 1];
    const scan = (task: SnapshotTask, list: readonly SnapshotTask[]) => {
      const i = list.indexOf(task);
      const laterSuccess = list.slice(i + 1).some((t) => t.result === 'success');
      if (last && last.taskId === task.taskId) return laterSuccess ? 'medium' : 'high';
      return laterSuccess ? 'low' : 'medium';
    };
    const statuses = index.of('snapshot-status');
    for (const t of failed) {
      expect(taskConfidence(t, tasks, last)).toBe(scan(t, tasks));
      const s = statuses.filter((x) => (x.taskId && x.taskId === t.taskId) || (x.seqNo !== undefined && x.seqNo === t.seqNo));
      expect(statusEvidence(index, t)).toEqual(s.length ? [s[s.length - 1].at] : []);
    }
    // a task that is not in the list counts every listed task as later
    expect(taskConfidence(failed[0], tasks.slice(-2), last)).toBe(scan(failed[0], tasks.slice(-2)));
  });
});
