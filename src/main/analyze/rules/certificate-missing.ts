import type { Evidence, RemedyKey } from '../../../shared';
import { cite, fieldTest, type FactSeries } from '../facts-index';
import { NO_SNAPSHOT_LOGS, taskRef, hasSnapshotEvidence, taskConfidence, taskStrength, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule, type RuleContext } from '../types';
import { msg } from '../../../shared/i18n/analysis';
import { hasMilestone } from '../../../shared/model/task-milestones';
import { OPENSSL_WHY_OF } from '../../../shared/formats/openssl';

/**
 * What in waagent.conf changes how the agent runs openssl: FIPS mode (every openssl command fails
 * without FIPS-compliant certificates) or another openssl binary.
 */
function opensslConfig(ctx: RuleContext): { fips: boolean; opensslPath?: string; at: Evidence } | undefined {
  const conf = ctx.facts.last('waagent-conf');
  if (!conf) return undefined;
  const fips = conf.values['OS.EnableFIPS'];
  const path = conf.values['OS.OpensslPath'];
  const on = fips !== undefined && /^y/i.test(fips);
  const custom = path !== undefined && path !== '' && path.toLowerCase() !== 'none';
  return on || custom ? { fips: on, ...(custom ? { opensslPath: path } : {}), at: conf.at } : undefined;
}

const OPENSSL_FAILED = fieldTest('certificate-problem', (f) => f.detail.startsWith('openssl failed:'));
/** An old agent's `Result:` record of a failed openssl command, where openssl says why (catalogue.ts openssl-result). */
const OPENSSL_RESULT = fieldTest('certificate-problem', (f) => f.detail.startsWith('openssl result: '));

/**
 * The extension reached the key of the certificate that protects its settings and could not use it: Microsoft's
 * "Troubleshoot extension certificate issues on a Windows VM in Azure" lists these among the variant of
 * FailedToDecryptProtectedSettings caused by wrong permissions on Crypto\\RSA\\MachineKeys (its Solution 2 fixes the ACL).
 */
const KEY_ACL = fieldTest('certificate-problem', (f) => /\bKeyset does not exist\b|\bInvalid provider type specified\b/i.test(f.detail));

/**
 * The other signs that name the fix (RemedyOrder.first), each with its step: Microsoft's extension certificate article
 * lists the agent's "Self-signed Certificate Generation failed. Error Code: -2146893808" (NTE_PERM) in the MachineKeys
 * variant (Solution 2), and "No certficate with given thumbprint found" / "The enveloped-data message does not contain the
 * specified recipient" where the settings' certificate is missing (Solution 1: a new CRP certificate); "Troubleshoot Azure
 * Windows VM Agent issues" gives PFXImportCertStore's failure and RdCrypt's (KeyIso not running) the Crypto folders' step;
 * an extension's openssl unable to open the <thumbprint>.crt / .prv it reads is the file not where it looks
 * (WALinuxAgent #2949: Lib.Dir moved). Not the clock: none of them is a certificate looking invalid.
 */
const SIGN_STEPS: readonly [ReturnType<typeof fieldTest<'certificate-problem'>>, RemedyKey][] = [
  [KEY_ACL, 'machinekeys-acl'],
  [fieldTest('certificate-problem', (f) => /Self-signed Certificate Generation failed\. Error Code: -2146893808\b/.test(f.detail)), 'machinekeys-acl'],
  [fieldTest('certificate-problem', (f) => /PFXImportCertStore failed|RdCrypt Initialization failed/.test(f.detail)), 'crypto-keys'],
  [fieldTest('certificate-problem', (f) => /No certi?ficate with given thumbprint found|enveloped-data message does not contain the specified recipient|Unable to retrieve the certificate/i.test(f.detail)), 'crp-certificate'],
  [fieldTest('certificate-problem', (f) => /Can't open \S+\.(?:crt|prv) for reading, No such file or directory/.test(f.detail)), 'certificate-files'],
];

/**
 * Why the agent's openssl failed, as the parser quoted it after the command (formats/openssl.ts): openssl cannot be run
 * (its program, OS.OpensslPath, its configuration file; or the command is `None`, OS.OpensslPath copied with its
 * comment, #763) or FIPS mode refuses the certificates' cipher. Each says which step fixes it (the clock and a restart do not).
 */
const OPENSSL_UNRUNNABLE = fieldTest('certificate-problem', (f) => /^openssl (?:failed|result): /.test(f.detail) && (/^openssl failed: None\b/.test(f.detail) || OPENSSL_WHY_OF.unrunnable.test(f.detail)));
const FIPS_REFUSED = fieldTest('certificate-problem', (f) => OPENSSL_WHY_OF.fips.test(f.detail));

/** The steps the openssl failures point at (RemedyOrder.first), FIPS first: with it on, openssl runs but refuses. */
function opensslSteps(ctx: RuleContext, conf: ReturnType<typeof opensslConfig>): RemedyKey[] {
  const keys: RemedyKey[] = [];
  if (conf?.fips || ctx.facts.selectBy(FIPS_REFUSED).length) keys.push('fips');
  if (ctx.facts.selectBy(OPENSSL_UNRUNNABLE).length) keys.push('openssl');
  return keys;
}

/** The failing command or call, for the reason: the first openssl failure if there is one. */
function failingCall(ctx: RuleContext, all: FactSeries<'certificate-problem'>): string | undefined {
  const openssl = ctx.facts.selectBy(OPENSSL_FAILED);
  const f = openssl.length ? openssl.get(0) : all.length ? all.get(all.length - 1) : undefined;
  if (!f) return undefined;
  // (the command cut, not why it failed: the parser quotes that after it, or an old agent's Result record says it)
  const [call, quoted] = f.detail.split(' — ');
  const results = quoted ? undefined : ctx.facts.selectBy(OPENSSL_RESULT);
  const why = quoted ?? (openssl.length && results?.length ? results.get(0).detail.slice('openssl result: '.length) : undefined);
  return why ? `${call.slice(0, 140)} — ${why}` : f.detail.slice(0, 200);
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
    const hit = (t: (typeof tasks)[number]) => t.result !== 'success' && (t.code === 16 || hasMilestone(t, 'certificate'));
    const hits = tasks.filter(hit);
    // (a series: a broken agent's log has a certificate failure every few records, cited here by position)
    const agentCert = ctx.facts.series('certificate-problem');
    const t = ctx.lastFailedTask && hit(ctx.lastFailedTask) ? ctx.lastFailedTask : hits[hits.length - 1];
    if (t) {
      const evidence: Evidence[] = [...taskEvidence(t, (n) => n === 'certificate' || n === 'final-status'), ...cite(agentCert, Math.max(0, agentCert.length - 3), agentCert.length)];
      return {
        verdict: 'detected',
        confidence: taskConfidence(t, tasks, ctx.lastFailedTask),
        reason: msg('certificate-missing.task', { task: taskRef(t), agentToo: agentCert.length > 0 }),
        evidence,
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
      };
    }
    if (agentCert.length > 0) {
      const conf = opensslConfig(ctx);
      const call = failingCall(ctx, agentCert);
      const keyAcl = ctx.facts.selectBy(KEY_ACL).length > 0;
      const signed = SIGN_STEPS.filter(([test]) => ctx.facts.selectBy(test).length > 0).map(([, key]) => key);
      const first = [...new Set<RemedyKey>([...opensslSteps(ctx, conf), ...signed])];
      return {
        verdict: 'detected',
        confidence: ctx.lastFailedTask ? 'medium' : 'low',
        reason: msg('certificate-missing.agent', { count: agentCert.length, ...(call ? { call } : {}), fips: !!conf?.fips, ...(conf?.opensslPath ? { opensslPath: conf.opensslPath } : {}), ...(keyAcl ? { keyAcl } : {}) }),
        ...(first.length ? { remedyOrder: { first } } : {}),
        evidence: [...cite(agentCert, 0, 1), ...cite(agentCert, Math.max(1, agentCert.length - 4), agentCert.length)].concat(conf ? [conf.at] : []),
      };
    }
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const ran = tasks.filter((x) => hasMilestone(x, 'daemon-start', 'final-status'));
    if (ran.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: msg('certificate-missing.read', { count: ran.length }),
        evidence: taskEvidence(ran[ran.length - 1], (n) => n === 'daemon-start', 1),
      };
    }
    return notEvaluable(msg('certificate-missing.not-far'), 'medium');
  },
};
