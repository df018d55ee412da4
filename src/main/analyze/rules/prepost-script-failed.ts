import type { SnapshotTask } from '../../../shared';
import { isScriptCode, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { NO_SNAPSHOT_LOGS, describeTask, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';

/**
 * A pre/post script (300–318) or a database workload step (500–512) failed or timed out. 316 "no
 * VMSnapshotScriptPluginConfig.json" is the normal case on VMs without scripts and never counts
 * (docs/causes.md#prepost-script-failed). With continueBackupOnFailure the snapshot still succeeds
 * (code 1) and only vmHealthStatusCode keeps the script code: a warning, not the failure.
 */
const SCRIPT_MILESTONES = new Set(['prescript-start', 'prescript-failed', 'prescript-end', 'postscript-start', 'postscript-failed', 'postscript-end', 'final-status']);

function scriptFailure(t: SnapshotTask): boolean {
  if (t.result === 'skipped') return false;
  return isScriptCode(t.code) || t.milestones.some((m) => (m.name === 'prescript-failed' || m.name === 'postscript-failed') && !/FailedPrepostPluginConfigNotFound/.test(m.text));
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
      return {
        verdict: 'detected',
        confidence: succeeded ? 'low' : taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: succeeded
          ? `In ${describeTask(t)} a pre/post script failed, but the backup continued file-system consistent (continueBackupOnFailure): a warning, not the failure.`
          : `In ${describeTask(t)} the application-consistency step failed${code ? ` (code ${code} ${statusNameOf(code) ?? ''})`.replace(/ \)$/, ')') : ''}. Check the script or workload configuration in /etc/azure/VMSnapshotScriptPluginConfig.json or /etc/azure/workload.conf.`,
        evidence: [...taskEvidence(t, (m) => SCRIPT_MILESTONES.has(m.name) && (m.name !== 'final-status' || !succeeded)), ...statusEvidence(ctx.facts, t)],
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
      };
    }
    if (healthWarn.length > 0) {
      const s = healthWarn[healthWarn.length - 1];
      return {
        verdict: 'detected',
        confidence: 'low',
        reason: `The status file reports a successful snapshot but vmHealthStatusCode ${s.vmHealthStatusCode} (${statusNameOf(s.vmHealthStatusCode) ?? 'script failure'}): a pre/post script failed and the backup fell back to file-system consistency.`,
        evidence: [s.at],
      };
    }
    const flows = tasks.flatMap((x) => x.milestones.filter((m) => m.name === 'flow-selected' && !m.text.includes('Taking Snapshot through'))).slice(-1);
    if (tasks.some((x) => x.result === 'success' || x.result === 'failed')) {
      return {
        verdict: 'ruled-out',
        confidence: flows.length ? 'high' : 'medium',
        reason: flows.length && /FailedPrepostPluginConfigNotFound/.test(flows[0].text)
          ? 'No pre/post scripts are configured (316, no /etc/azure/VMSnapshotScriptPluginConfig.json: the normal file-system consistent flow) and no workload step failed.'
          : 'No pre/post script or workload failure (300–318, 500–512) was logged.',
        evidence: flows.map((m) => ({ file: m.file, line: m.line, time: m.time, text: m.text })),
      };
    }
    return notEvaluable('No snapshot task reached the consistency step, so scripts cannot be judged.', 'medium');
  },
};
