import type { Evidence } from '../../../shared';
import { NO_SNAPSHOT_LOGS, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';
import { hasMilestone } from '../../../shared/model/task-milestones';

/**
 * The snapshot extension's status stayed "transitioning" (code 4): the daemon was killed, crashed or
 * hung, never started after the enable, or the final status write raised (the status writer's KeyError
 * signatures: `Failed to log status in extension173`, `cannot get status report parameters ,
 * Exception 556`, `Failed to do the snapshot with error: 'hostStatusCodeDoSnapshot'`).
 */
export const rule: Rule = {
  cause: 'extension-stuck',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots;
    const stuck = tasks.filter(
      (t) => t.result === 'unfinished' || (t.result === 'failed' && hasMilestone(t, 'status-write-failed') && !hasMilestone(t, 'final-status')),
    );
    const t = ctx.lastFailedTask && stuck.includes(ctx.lastFailedTask) ? ctx.lastFailedTask : stuck[stuck.length - 1];
    if (t) {
      const writeFailed = hasMilestone(t, 'status-write-failed');
      const noDaemon = hasMilestone(t, 'enable-start') && !hasMilestone(t, 'daemon-start');
      const frozenHang = t.unfinishedCode === 'frozen' || t.unfinishedCode === 'vss-waiting';
      const why = writeFailed ? 'write-failed' : noDaemon ? 'no-daemon' : frozenHang ? 'frozen-hang' : 'unfinished';
      // of a task none of whose lines has a time, the final status may be on a line the bundle lacks (a paste that
      // cut it, wrapped at 80 columns), so the hang is a possible cause only
      const unplaced = why === 'unfinished' && t.unfinishedCode === 'unplaced';
      const evidence: Evidence[] = [
        ...taskEvidence(t, (n) => n === 'enable-start' || n === 'daemon-start' || n === 'transitioning' || n === 'status-write-failed' || n === 'freeze-signals' || n === 'exception'),
        ...statusEvidence(ctx.facts, t),
      ];
      return {
        verdict: 'detected',
        // a frozen hang is primarily a freeze problem; the stuck status is its consequence
        confidence: frozenHang ? 'medium' : taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: unplaced
          ? msg('sentences', { parts: [msg('extension-stuck.task', { task: taskRef(t), why: 'unplaced' }), msg('extension-stuck.unplaced')] })
          : msg('extension-stuck.task', { task: taskRef(t), why, ...(t.unfinishedReason ? { unfinished: { en: t.unfinishedReason, nl: t.unfinishedReasonNl ?? t.unfinishedReason } } : {}) }),
        evidence,
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
        ...(unplaced ? { possibleOnly: true } : {}),
      };
    }
    const stale = ctx.facts.of('snapshot-status').filter((s) => s.effectiveStatus === 'in-progress');
    const lastStatus = ctx.facts.of('snapshot-status').slice(-1)[0];
    const running = tasks.filter((x) => x.result === 'in-progress');
    if (lastStatus && lastStatus.effectiveStatus === 'in-progress' && running.length === 0) {
      return {
        verdict: 'detected',
        confidence: 'medium',
        reason: msg('extension-stuck.status-file'),
        evidence: [lastStatus.at],
      };
    }
    const finished = tasks.filter((x) => x.result === 'success' || x.result === 'failed');
    if (finished.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: running.length || stale.length ? 'medium' : 'high',
        reason: msg('extension-stuck.finished', { count: finished.length, running: running.length > 0 }),
        evidence: taskEvidence(finished[finished.length - 1], (n) => n === 'final-status', 1),
      };
    }
    return notEvaluable(msg('extension-stuck.none'), 'medium');
  },
};
