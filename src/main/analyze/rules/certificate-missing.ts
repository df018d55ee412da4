import type { Evidence, FactOf } from '../../../shared';
import { NO_SNAPSHOT_LOGS, describeTask, hasSnapshotEvidence, taskConfidence, taskStrength, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule, type RuleContext } from '../types';

/**
 * What in waagent.conf changes how the agent runs openssl: FIPS mode (every openssl command fails
 * without FIPS-compliant certificates) or another openssl binary.
 */
function opensslConfig(ctx: RuleContext): { what: string; at: Evidence } | undefined {
  const conf = ctx.facts.last('waagent-conf');
  if (!conf) return undefined;
  const fips = conf.values['OS.EnableFIPS'];
  const path = conf.values['OS.OpensslPath'];
  const parts = [
    ...(fips !== undefined && /^y/i.test(fips) ? ['OS.EnableFIPS=y (FIPS mode: openssl refuses the non-FIPS ciphers of older certificate packages)'] : []),
    ...(path !== undefined && path !== '' && path.toLowerCase() !== 'none' ? [`OS.OpensslPath=${path}`] : []),
  ];
  return parts.length ? { what: parts.join(' and '), at: conf.at } : undefined;
}

/** The failing command or call, for the reason: the first openssl failure if there is one. */
function failingCall(facts: readonly FactOf<'certificate-problem'>[]): string | undefined {
  const f = facts.find((x) => x.detail.startsWith('openssl failed:')) ?? facts[facts.length - 1];
  return f ? f.detail.slice(0, 200) : undefined;
}

/**
 * The extension cannot read its protected settings: `unable to load certificate` (code 16
 * FailedHandlerGuestAgentCertificateNotFound) or CMS/SMIME decryption failures, and the guest's own
 * certificate problems (`certificate-problem` facts: the agent's failed openssl commands, Certificates.p7m
 * decryption, PFX → PEM, a certificate the goal state names missing on disk; handler logs' decryption
 * failures), with the failing command and any waagent.conf openssl setting (FIPS, OpensslPath) as evidence.
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
        strength: taskStrength(t, ctx.lastFailedTask),
      };
    }
    if (agentCert.length > 0) {
      const conf = opensslConfig(ctx);
      const call = failingCall(agentCert);
      return {
        verdict: 'detected',
        confidence: ctx.lastFailedTask ? 'medium' : 'low',
        reason: `The guest logged ${agentCert.length} certificate problem${agentCert.length > 1 ? 's' : ''}${call ? ` (${call})` : ''}; extensions cannot decrypt their protected settings without the goal state's certificates.${conf ? ` waagent.conf sets ${conf.what}.` : ''}`,
        evidence: [...agentCert.slice(0, 1), ...agentCert.slice(1).slice(-4)].map((f) => f.at).concat(conf ? [conf.at] : []),
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
