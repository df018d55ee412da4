import type { Evidence, SnapshotTask } from '../../../shared';
import { isScriptCode, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { NO_SNAPSHOT_LOGS, codeSaidOf, milestonesWhere, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule, type RuleContext } from '../types';
import { msg, type PrepostFile } from '../../../shared/i18n/analysis';
import { findMilestone, milestoneCount, milestoneEvidence, milestoneFile, milestoneLine, milestoneName, milestoneText } from '../../../shared/model/task-milestones';

/**
 * A pre/post script (300–318) or a database workload step (500–512) failed or timed out. 316 "no
 * VMSnapshotScriptPluginConfig.json" is the normal case on VMs without scripts and never counts
 * (docs/causes.md#prepost-script-failed). With continueBackupOnFailure the snapshot still succeeds
 * (code 1) and only vmHealthStatusCode keeps the script code: a warning, not the failure.
 */
const SCRIPT_MILESTONES = new Set(['prescript-start', 'prescript-failed', 'prescript-end', 'postscript-start', 'postscript-failed', 'postscript-end', 'final-status']);

/** The first file check of the task that failed (owner, mode, missing, unreadable), as its milestone's note says it. */
function fileProblem(facts: RuleContext['facts'], t: SnapshotTask): PrepostFile | undefined {
  const at = new Set<string>();
  for (let k = 0, n = milestoneCount(t); k < n; k++) {
    if (milestoneName(t, k) === 'prescript-failed' || milestoneName(t, k) === 'postscript-failed') at.add(`${milestoneLine(t, k)}:${milestoneFile(t, k)}`);
  }
  if (at.size === 0) return undefined;
  const f = milestonesWhere(facts, (x) => x('note')?.key === 'milestone.prepost-file', (x) => at.has(`${x.at.line}:${x.at.file}`))[0];
  return f?.note?.key === 'milestone.prepost-file' ? f.note.params : undefined;
}

function scriptFailure(t: SnapshotTask): boolean {
  if (t.result === 'skipped') return false;
  return isScriptCode(t.code) || findMilestone(t, (k) => (milestoneName(t, k) === 'prescript-failed' || milestoneName(t, k) === 'postscript-failed') && !/FailedPrepostPluginConfigNotFound/.test(milestoneText(t, k))) >= 0;
}

export const rule: Rule = {
  cause: 'prepost-script-failed',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots;
    const hits = tasks.filter(scriptFailure);
    const failedHits = hits.filter((t) => t.result !== 'success');
    const t = ctx.lastFailedTask && scriptFailure(ctx.lastFailedTask) ? ctx.lastFailedTask : (failedHits[failedHits.length - 1] ?? hits[hits.length - 1]);
    // status files can hold the script code in vmHealthStatusCode while code says success
    const healthWarn = ctx.facts.of('snapshot-status').filter((s) => isScriptCode(s.vmHealthStatusCode) && s.effectiveStatus === 'success');
    if (t) {
      const succeeded = t.result === 'success';
      const code = isScriptCode(t.code) ? t.code : undefined;
      const file = fileProblem(ctx.facts, t);
      return {
        verdict: 'detected',
        confidence: succeeded ? 'low' : taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: succeeded
          ? msg('prepost-script-failed.warning', { task: taskRef(t), ...(file ? { file } : {}) })
          : msg('prepost-script-failed.task', { task: taskRef(t), ...(code ? { ...codeSaidOf(t, code), ...(!t.statusName && statusNameOf(code) ? { statusName: statusNameOf(code) } : {}) } : {}), ...(file ? { file } : {}) }),
        evidence: [...taskEvidence(t, (n) => SCRIPT_MILESTONES.has(n) && (n !== 'final-status' || !succeeded)), ...statusEvidence(ctx.facts, t)],
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
      };
    }
    if (healthWarn.length > 0) {
      const s = healthWarn[healthWarn.length - 1];
      return {
        verdict: 'detected',
        confidence: 'low',
        reason: msg('prepost-script-failed.health', { code: Number(s.vmHealthStatusCode), ...(statusNameOf(s.vmHealthStatusCode) ? { statusName: statusNameOf(s.vmHealthStatusCode) } : {}) }),
        evidence: [s.at],
      };
    }
    // the last task's last flow line that is not the path's own (`Taking Snapshot through …`)
    const flows: Evidence[] = [];
    for (let j = tasks.length - 1; j >= 0 && !flows.length; j--) {
      const x = tasks[j];
      const k = findMilestone(x, (i) => milestoneName(x, i) === 'flow-selected' && !milestoneText(x, i).includes('Taking Snapshot through'), true);
      if (k >= 0) flows.push(milestoneEvidence(x, k));
    }
    if (tasks.some((x) => x.result === 'success' || x.result === 'failed')) {
      return {
        verdict: 'ruled-out',
        confidence: flows.length ? 'high' : 'medium',
        reason: msg(flows.length && /FailedPrepostPluginConfigNotFound/.test(flows[0].text) ? 'prepost-script-failed.not-configured' : 'prepost-script-failed.ruled-out'),
        evidence: flows,
      };
    }
    return notEvaluable(msg('prepost-script-failed.none'), 'medium');
  },
};
