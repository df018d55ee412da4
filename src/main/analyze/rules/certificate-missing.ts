import type { Evidence } from '../../../shared';
import { NO_SNAPSHOT_LOGS, describeTask, hasSnapshotEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';

/**
 * The extension cannot read its protected settings: `unable to load certificate` (code 16
 * FailedHandlerGuestAgentCertificateNotFound) or CMS/SMIME decryption failures, and the agent's own
 * certificate problems in waagent.log (`certificate-problem` facts).
 */
export const rule: Rule = {
  cause: 'certificate-missing',
  evaluate(ctx) {
    const tasks = ctx.snapshots;
    const hit = (t: (typeof tasks)[number]) => t.result !== 'success' && (t.code === 16 || t.milestones.some((m) => m.name === 'certificate'));
    const hits = tasks.filter(hit);
    const agentCert = ctx.facts.of('certificate-problem');
    const t = ctx.lastFailedTask && hit(ctx.lastFailedTask) ? ctx.lastFailedTask : hits[hits.length - 1];
    if (t) {
      const evidence: Evidence[] = [...taskEvidence(t, (m) => m.name === 'certificate' || m.name === 'final-status'), ...agentCert.slice(-3).map((f) => f.at)];
      return {
        verdict: 'detected',
        confidence: taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: `In ${describeTask(t)} the extension could not decrypt its protected settings (code 16: the tenant certificate is missing or the settings are empty)${agentCert.length ? '; the agent also logged certificate problems' : ''}.`,
        evidence,
        taskId: t.taskId,
      };
    }
    if (agentCert.length > 0) {
      return {
        verdict: 'detected',
        confidence: ctx.lastFailedTask ? 'medium' : 'low',
        reason: `The guest agent logged ${agentCert.length} certificate problem${agentCert.length > 1 ? 's' : ''}; extensions cannot decrypt their settings without the certificate.`,
        evidence: agentCert.slice(-5).map((f) => f.at),
      };
    }
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const ran = tasks.filter((x) => x.milestones.some((m) => m.name === 'daemon-start' || m.name === 'final-status'));
    if (ran.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: `The extension read its protected settings in ${ran.length} task${ran.length > 1 ? 's' : ''} (the daemon ran) and no certificate or decryption failure was logged.`,
        evidence: taskEvidence(ran[ran.length - 1], (m) => m.name === 'daemon-start', 1),
      };
    }
    return notEvaluable('No snapshot task got far enough to show whether the settings could be decrypted.', 'medium');
  },
};
