import type { SnapshotTask } from '../../../shared';
import { describeTask, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';

/**
 * Another backup operation was running. The service decides this, so the guest gives hints only:
 * two tasks overlapping in time, or a new enable while the previous task's daemon had not finished.
 */
const PORTAL = "Check the vault's Backup jobs for a job still running on this VM (wait for it or cancel it), and the old vault if backup was reconfigured.";

function overlaps(a: SnapshotTask, b: SnapshotTask): boolean {
  if (!a.start || !b.start) return false;
  const aEnd = Date.parse(a.end ?? a.start);
  return Date.parse(b.start) < aEnd && a.result !== 'skipped' && b.result !== 'skipped';
}

export const rule: Rule = {
  cause: 'backup-in-progress',
  evaluate(ctx) {
    const tasks = ctx.snapshots;
    for (let i = tasks.length - 1; i > 0; i--) {
      const a = tasks[i - 1];
      const b = tasks[i];
      if (!overlaps(a, b)) continue;
      const unfinished = a.result === 'unfinished' || a.result === 'in-progress';
      return {
        verdict: 'detected',
        confidence: unfinished ? 'medium' : 'low',
        reason: `${describeTask(b)} began while ${describeTask(a)} was still ${unfinished ? 'unfinished' : 'running'}: two backup operations overlapped on this VM. ${PORTAL}`,
        evidence: [...taskEvidence(a, (m) => m.name === 'enable-start' || m.name === 'daemon-start' || m.name === 'final-status', 3), ...taskEvidence(b, (m) => m.name === 'enable-start', 1)],
        taskId: b.taskId,
      };
    }
    return notEvaluable(`Whether another backup was in progress is decided by the backup service; the guest logs show no overlapping tasks. ${PORTAL}`);
  },
};
