import type { Evidence, SnapshotTask } from '../../../shared';
import { NO_SNAPSHOT_LOGS, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { latestOf, notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';
import { hasMilestone } from '../../../shared/model/task-milestones';

/**
 * The snapshot task started too late or ran too long. The extension aborts with 402 when more than
 * 140 minutes passed since the service asked (`commandStartTimeUTCTicks`, PR #1077); a long queue
 * before the enable, or a slow host/guest snapshot, are the milder forms (docs/causes.md#snapshot-task-delayed).
 */
const CRP_LIMIT_MIN = 140;
const LATE_MIN = 30;
const SLOW_SNAPSHOT_MS = 20 * 60_000;

function delayOf(t: SnapshotTask): number | undefined {
  if (!t.requestedStart || !t.start) return undefined;
  const d = (Date.parse(t.start) - Date.parse(t.requestedStart)) / 60_000;
  return Number.isFinite(d) ? d : undefined;
}

function snapshotMs(t: SnapshotTask): number | undefined {
  return t.phases.find((p) => p.name === 'snapshot')?.durationMs;
}

function ref(t: SnapshotTask, names: string[]): Evidence[] {
  return taskEvidence(t, (n) => names.includes(n));
}

export const rule: Rule = {
  cause: 'snapshot-task-delayed',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots.filter((t) => t.result !== 'skipped');
    // each task's delay worked out once (asked up to three times for each of a bundle's 10,000 tasks)
    const delays = new Map<SnapshotTask, number | undefined>();
    const delayMin = (t: SnapshotTask) => {
      if (!delays.has(t)) delays.set(t, delayOf(t));
      return delays.get(t);
    };
    const tooLate = tasks.filter((t) => t.code === 402 || hasMilestone(t, 'crp-timeout') || (delayMin(t) ?? 0) > CRP_LIMIT_MIN);
    const t402 = ctx.lastFailedTask && tooLate.includes(ctx.lastFailedTask) ? ctx.lastFailedTask : tooLate[tooLate.length - 1];
    if (t402) {
      const d = delayMin(t402);
      return {
        verdict: 'detected',
        confidence: taskConfidence(t402, ctx.snapshots, ctx.lastFailedTask),
        reason: msg('snapshot-task-delayed.too-late', { task: taskRef(t402), ...(d !== undefined ? { minutes: Math.round(d) } : {}) }),
        evidence: [...ref(t402, ['command-start-time', 'enable-start', 'crp-timeout', 'final-status']), ...statusEvidence(ctx.facts, t402)],
        taskId: t402.taskId,
        strength: taskStrength(t402, ctx.lastFailedTask),
      };
    }
    const failedLate = tasks.filter((t) => t.result !== 'success' && ((delayMin(t) ?? 0) > LATE_MIN || (snapshotMs(t) ?? 0) > SLOW_SNAPSHOT_MS));
    const late = ctx.lastFailedTask && failedLate.includes(ctx.lastFailedTask) ? ctx.lastFailedTask : failedLate[failedLate.length - 1];
    if (late) {
      const d = delayMin(late);
      const s = snapshotMs(late);
      return {
        verdict: 'detected',
        confidence: 'low',
        reason:
          d !== undefined && d > LATE_MIN
            ? msg('snapshot-task-delayed.waited', { task: taskRef(late), minutes: Math.round(d) })
            : msg('snapshot-task-delayed.slow', { task: taskRef(late), minutes: Math.round((s ?? 0) / 60_000) }),
        evidence: ref(late, ['command-start-time', 'enable-start', 'snapshot-start', 'snapshot-end', 'snapshot-duration', 'final-status']),
        taskId: late.taskId,
      };
    }
    const measured = tasks.filter((t) => delayMin(t) !== undefined);
    if (measured.length > 0) {
      const worst = latestOf(measured.map((t) => delayMin(t)!));
      const last = measured[measured.length - 1];
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: msg('snapshot-task-delayed.on-time', { minutes: Math.max(1, Math.ceil(worst)), measured: measured.length }),
        evidence: ref(last, ['command-start-time', 'enable-start']).slice(0, 2),
      };
    }
    if (tasks.length > 0) return { verdict: 'ruled-out', confidence: 'low', reason: msg('snapshot-task-delayed.unmeasured'), evidence: [] };
    return notEvaluable(msg('snapshot-task-delayed.none'), 'medium');
  },
};
