import type { SnapshotTask } from '../../../shared';
import { taskRef, taskEvidence } from '../reconstruct/snapshots';
import { distinctRuns, notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * Another backup operation was running. The service decides this, so the guest gives hints only:
 * two tasks overlapping in time, or a new enable while the previous task's daemon had not finished.
 */

function overlaps(a: SnapshotTask, b: SnapshotTask): boolean {
  if (!a.start || !b.start) return false;
  const aEnd = Date.parse(a.end ?? a.start);
  return Date.parse(b.start) < aEnd && a.result !== 'skipped' && b.result !== 'skipped';
}

export const rule: Rule = {
  cause: 'backup-in-progress',
  evaluate(ctx) {
    // (one backup logged twice is not two that overlapped)
    const tasks = distinctRuns(ctx.snapshots);
    for (let i = tasks.length - 1; i > 0; i--) {
      const a = tasks[i - 1];
      const b = tasks[i];
      if (!overlaps(a, b)) continue;
      const unfinished = a.result === 'unfinished' || a.result === 'in-progress';
      return {
        verdict: 'detected',
        confidence: unfinished ? 'medium' : 'low',
        reason: msg('backup-in-progress.overlap', { later: taskRef(b), earlier: taskRef(a), unfinished }),
        evidence: [...taskEvidence(a, (n) => n === 'enable-start' || n === 'daemon-start' || n === 'final-status', 3), ...taskEvidence(b, (n) => n === 'enable-start', 1)],
        taskId: b.taskId,
      };
    }
    return notEvaluable(msg('backup-in-progress.none'));
  },
};
