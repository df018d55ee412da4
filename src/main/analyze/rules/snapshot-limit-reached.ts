import type { SnapshotTask } from '../../../shared';
import { NO_SNAPSHOT_LOGS, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';
import { findMilestone, milestoneName, milestoneText } from '../../../shared/model/task-milestones';

/**
 * Blob snapshot count (85 FailedSnapshotLimitReached) or rate (173 FailedRetryableSnapshotRateExceeded)
 * limit. 173 is probably never reported as a final status (the status write fails), so the log
 * line is the evidence.
 */
const LIMIT = /SnapshotLimitReached|snapshot count against this blob|SnapshotRateExceeded|rate of snapshot blob calls|extension173|SnapshotCountExceeded|SnapshotOperationRateExceeded/;

function limited(t: SnapshotTask): boolean {
  return t.result !== 'skipped' && (t.code === 85 || t.code === 173 || findMilestone(t, (k) => (milestoneName(t, k) === 'snapshot-failed' || milestoneName(t, k) === 'status-write-failed') && LIMIT.test(milestoneText(t, k))) >= 0);
}

export const rule: Rule = {
  cause: 'snapshot-limit-reached',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots;
    const hits = tasks.filter(limited);
    const t = ctx.lastFailedTask && limited(ctx.lastFailedTask) ? ctx.lastFailedTask : hits[hits.length - 1];
    if (t) {
      const rate = t.code === 173 || findMilestone(t, (k) => /RateExceeded|rate of snapshot|extension173/.test(milestoneText(t, k))) >= 0;
      return {
        verdict: 'detected',
        confidence: t.result === 'success' ? 'low' : taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: msg(rate ? 'snapshot-limit-reached.rate' : 'snapshot-limit-reached.count', { task: taskRef(t) }),
        evidence: [...taskEvidence(t, (n, k) => LIMIT.test(milestoneText(t, k)) || n === 'final-status'), ...statusEvidence(ctx.facts, t)],
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
      };
    }
    const ok = tasks.filter((x) => x.result === 'success');
    if (ok.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: msg('snapshot-limit-reached.ruled-out', { count: ok.length }),
        evidence: taskEvidence(ok[ok.length - 1], (n) => n === 'final-status', 1),
      };
    }
    return notEvaluable(msg('snapshot-limit-reached.none'), 'medium');
  },
};
