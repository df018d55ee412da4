import type { SnapshotTask } from '../../../shared';
import { isStorageCode } from '../../../shared/vmsnapshot-codes';
import { NO_SNAPSHOT_LOGS, codeSaidOf, milestonesWhere, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { notEvaluable, type Rule } from '../types';
import { cite, fieldTest } from '../facts-index';
import { evidenceText } from '../../../shared/clip';
import { msg, renderAnalysis, type AnalysisText } from '../../../shared/i18n/analysis';
import { findMilestone, milestoneCount, milestoneFile, milestoneLine, milestoneName, milestoneText } from '../../../shared/model/task-milestones';

/**
 * Snapshot calls to storage or to the Backup Host Service failed: codes 76/761, host pseudo-codes
 * 555–558, HTTP failures of presnapshot/dosnapshot, the guest path's failed storage calls, and the guest's
 * HTTPS calls failing to set up TLS (docs/causes.md#storage-unreachable, docs/formats.md "Backup extension status codes").
 */
/** How far from the task the agent's own storage failures still count as the same problem. */
const AROUND_MS = 6 * 3600_000;

/** A call that failed to set up TLS (a test of the fact's fields: a broken agent's 100,000s of failed calls build nothing). */
const TLS_FAILED = fieldTest('connectivity', (c) => !c.ok && c.tls !== undefined);

/**
 * The host's own words in its answer to dosnapshot (`dosnapshot responseBody: StatusCode:500, ErrorMessage: Could not
 * find config corresponding to the Disk  - md-… , bhsVersion:3.0.51.0`, azure-linux-extensions PR #2019).
 */
const HOST_MESSAGE = /\bErrorMessage: ?([^\n]{1,300}?)(?:, ?bhsVersion:|\s*$)/;
/** The host call an empty success answered (`DoSnapshot: responseBody is empty …`, `PreSnapshot:responseBody is empty …`). */
const EMPTY_CALL = /\b(DoSnapshot|PreSnapshot): ?responseBody is empty/;

function hostMessage(line: string | undefined): string | undefined {
  const m = line ? HOST_MESSAGE.exec(line) : null;
  const s = m?.[1].replace(/\s+/g, ' ');
  return s?.trim() ? evidenceText(s, 200) : undefined;
}

/** A message in both languages, for a finding's own words of a remedy step (RemedyOrder.say). */
const localized = (m: AnalysisText) => ({ en: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl') });

/** The texts of the task's lines that say the snapshot call failed. */
function storageLines(t: SnapshotTask): string[] {
  const out: string[] = [];
  for (let k = 0, n = milestoneCount(t); k < n; k++) {
    const name = milestoneName(t, k);
    if (name === 'snapshot-failed' || (name === 'status-write-failed' && /hostStatusCodeDoSnapshot|556/.test(milestoneText(t, k)))) out.push(milestoneText(t, k));
  }
  return out;
}

function failedOnStorage(t: SnapshotTask): boolean {
  if (t.result === 'success' || t.result === 'skipped') return false;
  if (isStorageCode(t.code)) return true;
  if (t.code === 85 || t.code === 173) return false;
  return storageLines(t).some((text) => !/85|173|SnapshotLimit|RateExceeded|rate of snapshot|snapshot count/.test(text)) || t.disks.some((d) => d.ok === false);
}

export const rule: Rule = {
  cause: 'storage-unreachable',
  evaluate(ctx) {
    const tasks = ctx.snapshots;
    // the guest's HTTPS calls failing to set up TLS (Windows: .NET's trust or secure-channel failure): the Backup
    // extension's snapshot calls to storage go through the same machine's TLS settings (ExtensionSnapshotFailedNoSecureNetwork)
    const tls = ctx.facts.selectBy(TLS_FAILED);
    const lastOk = tasks.filter((x) => x.result === 'success').at(-1);
    const tlsHolds = tls.length > 0 && !(lastOk && Date.parse(lastOk.start ?? '') > tls.time(tls.length - 1));
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log')) && !tlsHolds) return notEvaluable(NO_SNAPSHOT_LOGS);
    const failed = tasks.filter(failedOnStorage);
    const t = ctx.lastFailedTask && failedOnStorage(ctx.lastFailedTask) ? ctx.lastFailedTask : failed[failed.length - 1];
    if (t) {
      const confidence = taskConfidence(t, tasks, ctx.lastFailedTask);
      const evidence = [...taskEvidence(t, (n, k) => n === 'snapshot-failed' || (n === 'snapshot-result' && milestoneText(t, k).includes('errorcode')) || n === 'status-write-failed' || (n === 'snapshot-disk' && /IsSuccessful:\s*false|isSuccessful: False/i.test(milestoneText(t, k))) || n === 'final-status'), ...statusEvidence(ctx.facts, t)];
      // the agent's own failed storage / Backup Host Service calls around the task back it up
      const around = Date.parse(t.start ?? '');
      const agentSide = ctx.facts
        .of('connectivity')
        .filter((c) => !c.ok && (c.endpoint === 'storage' || c.endpoint === 'backup-host-service') && Number.isFinite(around) && Math.abs(c.timeMs - around) <= AROUND_MS)
        .slice(-3);
      evidence.push(...agentSide.map((c) => c.at));
      // the extension's guest-path snapshot calls and the agent's downloads go through HttpProxy (WireServer
      // calls never do): a configured proxy is the first suspect on the way to storage
      const proxy = ctx.facts.of('waagent-conf').find((c) => c.effective.httpProxy);
      if (proxy) evidence.push(proxy.at);
      // the host answered the snapshot call with an HTTP error: the way to 168.63.129.16 works, so a network check
      // would send the engineer the wrong way (azure-linux-extensions PR #2019: a DoSnapshot 500 is the service's)
      const placeOf = (f: { at: { file: string; line: number } }) => findMilestone(t, (k) => milestoneFile(t, k) === f.at.file && milestoneLine(t, k) === f.at.line);
      const failures = milestonesWhere(ctx.facts, (f) => f('milestone') === 'snapshot-failed', (f) => placeOf(f) >= 0);
      const lineOf = (f: (typeof failures)[number]) => {
        const k = placeOf(f);
        return k < 0 ? undefined : milestoneText(t, k);
      };
      const answered = failures.filter((f) => f.note?.key === 'milestone.host-http').at(-1);
      const answer = answered?.note;
      const message = answered && hostMessage(lineOf(answered));
      const hostAnswered = answer?.key === 'milestone.host-http' ? { ...answer.params, ...(message ? { message } : {}) } : undefined;
      // the remedy follows: a host's answer leads with the retry and the support case; the network steps stay only
      // when a call of the task was also lost (the guest path's call failed, WireServer kept silent, the agent's own
      // calls failed, a proxy is set). The extension's NoNetwork status beside a host's answer is its misreport (#2019).
      const lost = agentSide.length > 0 || proxy !== undefined || failures.some((f) => f.note?.key === 'milestone.storage-call-failed' || f.note?.key === 'milestone.wireserver-silent');
      // "BHS is not running on host machine" (556) is the host's own answer too, but says nothing of the guest's way to
      // storage: the retry leads and the network steps stay after it
      const bhsDown = failures.some((f) => f.note?.key === 'milestone.bhs-down');
      // a success without a body (557: HTTP 200/201, empty responseBody; VMBackup/main/hostsnapshotter.py) is the host's
      // answer as well: the call reached 168.63.129.16, and as with 556 the retry leads and the network steps stay after
      const empty = failures.filter((f) => f.note?.key === 'milestone.empty-response').at(-1);
      // the retry step in the words of the host's last answer: its HTTP status and message, 556 or 557
      const last = failures.filter((f) => f.note?.key === 'milestone.host-http' || f.note?.key === 'milestone.bhs-down' || f.note?.key === 'milestone.empty-response').at(-1);
      const emptyCall = empty && EMPTY_CALL.exec(lineOf(empty) ?? '')?.[1].toLowerCase();
      const say =
        last === undefined
          ? undefined
          : last === answered && hostAnswered
            ? msg('storage-unreachable.retry-step', { answer: 'http', ...hostAnswered })
            : last === empty
              ? msg('storage-unreachable.retry-step', { answer: 'empty', ...(emptyCall ? { call: emptyCall } : {}) })
              : msg('storage-unreachable.retry-step', { answer: 'bhs-down' });
      const says = say ? { say: { 'host-error': localized(say) } } : {};
      const remedyOrder = hostAnswered
        ? { first: ['host-error' as const], ...(lost ? {} : { omit: ['network' as const, 'tls' as const] }), ...says }
        : bhsDown || empty
          ? { first: ['host-error' as const], ...says }
          : undefined;
      return {
        verdict: 'detected',
        confidence,
        reason: msg('storage-unreachable.task', { task: taskRef(t), ...codeSaidOf(t), agentToo: agentSide.length > 0, ...(proxy ? { proxy: proxy.effective.httpProxy } : {}), ...(hostAnswered ? { hostAnswered } : {}) }),
        evidence,
        taskId: t.taskId,
        strength: taskStrength(t, ctx.lastFailedTask),
        ...(remedyOrder ? { remedyOrder } : {}),
      };
    }
    if (tlsHolds) {
      const n = tls.length;
      const kinds = new Set(Array.from({ length: n }, (_, i) => tls.field(i, 'tls')));
      return {
        verdict: 'detected',
        confidence: ctx.lastFailedTask ? 'medium' : 'low',
        // the TLS channel or the server's certificate is what failed (Learn: the Baltimore root, SSL inspection such as
        // ZScaler; SchUseStrongCrypto for TLS 1.2): that step, not the NSG's
        remedyOrder: { first: ['tls'] },
        reason: msg('storage-unreachable.tls', { count: n, trust: kinds.has('trust'), channel: kinds.has('channel'), call: tls.field(n - 1, 'detail').slice(0, 200) }),
        // the first and the newest three
        evidence: [...cite(tls, 0, 1), ...cite(tls, Math.max(1, n - 3), n)],
        strength: 'weak',
      };
    }
    const ok = tasks.filter((x) => x.result === 'success');
    if (ok.length > 0) {
      const last = ok[ok.length - 1];
      return {
        verdict: 'ruled-out',
        confidence: ctx.lastFailedTask ? 'medium' : 'high',
        reason: msg('storage-unreachable.ruled-out', { count: ok.length, ...(last.snapshotPath ? { via: last.snapshotPath } : {}) }),
        evidence: taskEvidence(last, (n) => n === 'snapshot-end' || n === 'final-status', 2),
      };
    }
    return notEvaluable(msg('storage-unreachable.none'), 'medium');
  },
};
