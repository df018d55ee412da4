import type { SnapshotTask } from '../../../shared';
import { isFreezeCode } from '../../../shared/vmsnapshot-codes';
import { NO_SNAPSHOT_LOGS, describeTask, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';

/**
 * Filesystem freeze failed (121), timed out (122), could not open a mount (123), the freeze binary is
 * missing (124), or the VM hung frozen: the log ends at `proceeded for accepting signals` and the
 * freeze block was never flushed (docs/formats.md "extension.log", docs/causes.md#fsfreeze-failed).
 */
const FREEZE_LINES = new Set(['freeze-start', 'freeze-signals', 'freeze-failed', 'freeze-result', 'final-status', 'thaw-result']);

function hung(t: SnapshotTask): boolean {
  return t.result === 'unfinished' && (t.unfinishedReason ?? '').includes('proceeded for accepting signals');
}

const AFTER_FREEZE = new Set(['frozen', 'freeze-result', 'freeze-failed', 'freeze-block-end', 'thaw-start', 'thaw-result', 'snapshot-start', 'snapshot-end', 'final-status']);

/**
 * The log ends inside the freeze: the freeze started and nothing after it was ever written (no frozen,
 * result, thaw or snapshot line). Either the freeze was still running when the log was taken, or the VM
 * hung frozen; threads where the VM stayed frozen end exactly like this.
 */
function endsInFreeze(t: SnapshotTask): boolean {
  if (t.result === 'success' || t.result === 'failed' || t.result === 'skipped') return false;
  const names = t.milestones.map((m) => m.name);
  const start = names.lastIndexOf('freeze-start');
  return start >= 0 && !names.slice(start + 1).some((n) => AFTER_FREEZE.has(n));
}

function freezeFailed(t: SnapshotTask): boolean {
  return t.result !== 'success' && t.result !== 'skipped' && (isFreezeCode(t.code) || t.milestones.some((m) => m.name === 'freeze-failed') || hung(t));
}

const WHAT: Record<number, string> = {
  121: 'the filesystem freeze failed (121 FailedRetryableFsFreezeFailed)',
  122: 'the filesystem freeze timed out (122 FailedRetryableFsFreezeTimeout)',
  123: 'a mount point could not be opened for the freeze (123 FailedRetryableUnableToOpenMount)',
  124: 'the safefreeze binary is missing (124 FailedSafeFreezeBinaryNotFound)',
};

export const rule: Rule = {
  cause: 'fsfreeze-failed',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots;
    const failed = tasks.filter(freezeFailed);
    const preferred = ctx.lastFailedTask && freezeFailed(ctx.lastFailedTask) ? ctx.lastFailedTask : failed[failed.length - 1];
    if (preferred) {
      const confidence = taskConfidence(preferred, tasks, ctx.lastFailedTask);
      const code = preferred.code !== undefined && isFreezeCode(preferred.code) ? preferred.code : preferred.milestones.find((m) => m.name === 'freeze-failed') ? 121 : undefined;
      // on Windows the consistency step is VSS: say what the VSS line said rather than a Linux freeze code
      const vss = preferred.milestones.find((m) => m.name === 'freeze-failed' && /IaaSBcdr|Plugins|WindowsAzure|\.evtx|vssadmin|writers/i.test(m.file));
      const what = vss
        ? `the VSS snapshot (Windows application consistency) failed: ${vss.text.trim().slice(0, 240)}`
        : hung(preferred)
        ? 'the VM or the extension hung while the filesystems were frozen: the log ends at "proceeded for accepting signals" and the frozen-window log was never flushed'
        : (code !== undefined && WHAT[code > 200 ? code - 80 : code]) || 'the filesystem freeze failed';
      const evidence = [...taskEvidence(preferred, (m) => FREEZE_LINES.has(m.name)), ...statusEvidence(ctx.facts, preferred)];
      const others = failed.length > 1 ? ` ${failed.length - 1} other task${failed.length > 2 ? 's' : ''} failed the same way.` : '';
      return {
        verdict: 'detected',
        confidence,
        reason: `In ${describeTask(preferred)} ${what}.${others}${confidence !== 'high' ? ' Later or other failures make it less likely to be the cause of the failure at hand.' : ''}`,
        evidence,
        taskId: preferred.taskId,
        strength: taskStrength(preferred, ctx.lastFailedTask),
      };
    }
    const last = tasks[tasks.length - 1];
    if (last && endsInFreeze(last)) {
      return {
        verdict: 'detected',
        confidence: 'medium',
        reason: `In ${describeTask(last)} the log ends inside the filesystem freeze: it started and no frozen, thaw or snapshot line followed. Either the freeze was still running when the log was taken, or the VM hung with its filesystems frozen (check whether the VM responded after that time).`,
        evidence: taskEvidence(last, (m) => FREEZE_LINES.has(m.name) || m.name === 'freeze-block-start'),
        taskId: last.taskId,
        strength: 'strong',
      };
    }
    const froze = tasks.filter((t) => t.milestones.some((m) => m.name === 'frozen' || m.name === 'freeze-block-end'));
    if (froze.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: `${froze.length} task${froze.length > 1 ? 's' : ''} froze and thawed the filesystems normally and no freeze failure (121–124) or frozen hang was logged.`,
        evidence: taskEvidence(froze[froze.length - 1], (m) => m.name === 'frozen' || m.name === 'freeze-block-end', 2),
      };
    }
    if (tasks.some((t) => t.result === 'success')) {
      return { verdict: 'ruled-out', confidence: 'medium', reason: 'Snapshots succeeded and no freeze failure (121–124) was logged.', evidence: [] };
    }
    return notEvaluable('No snapshot task in the bundle reached the freeze, so a freeze problem can neither be seen nor excluded.', 'medium');
  },
};
