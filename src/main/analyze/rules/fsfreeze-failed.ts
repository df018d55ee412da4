import type { Evidence, SnapshotMilestoneRef, SnapshotTask } from '../../../shared';
import { findMilestone, hasMilestone, milestoneCount, milestoneFile, milestoneIndex, milestoneLine, milestoneName, milestoneNamed, milestoneRef, milestoneText } from '../../../shared/model/task-milestones';
import { isFreezeCode } from '../../../shared/vmsnapshot-codes';
import { clipText } from '../../../shared/clip';
import { NO_SNAPSHOT_LOGS, codeSaidOf, milestonesWhere, taskRef, hasSnapshotEvidence, taskStrength, statusEvidence, taskConfidence, taskEvidence } from '../reconstruct/snapshots';
import { fileKindTest, notEvaluable, WINDOWS_KINDS, type Rule, type RuleContext } from '../types';
import { msg, VSS_WRITER_VETO, type FreezeCode, type FreezeIoctl } from '../../../shared/i18n/analysis';

/**
 * Filesystem freeze failed (121), timed out (122), could not open a mount (123), the freeze binary is
 * missing (124), or the VM hung frozen: the log ends at `proceeded for accepting signals` and the
 * freeze block was never flushed (docs/formats.md "extension.log", docs/causes.md#fsfreeze-failed).
 */
const FREEZE_LINES = new Set(['freeze-start', 'freeze-signals', 'freeze-failed', 'freeze-result', 'final-status', 'thaw-result']);

/** The task hung inside the consistency step: by its code, as the reason's words differ by platform and language. */
function hung(t: SnapshotTask): boolean {
  return t.result === 'unfinished' && (t.unfinishedCode === 'frozen' || t.unfinishedCode === 'vss-waiting');
}

/** The VSS phase a Windows task hung waiting for (the plugin log's last wait), if that is how it hung. */
function vssWait(t: SnapshotTask): string | undefined {
  if (t.unfinishedCode !== 'vss-waiting') return undefined;
  const m = milestoneNamed(t, 'freeze-signals', true);
  return m ? (/Waiting for (\w+)/.exec(m.text)?.[1] ?? 'a call') : 'a call';
}

const AFTER_FREEZE = new Set(['frozen', 'freeze-result', 'freeze-failed', 'freeze-block-end', 'thaw-start', 'thaw-result', 'snapshot-start', 'snapshot-end', 'final-status']);

/**
 * The log ends inside the freeze: the freeze started and nothing after it was ever written (no frozen,
 * result, thaw or snapshot line). Either the freeze was still running when the log was taken, or the VM
 * hung frozen; threads where the VM stayed frozen end exactly like this.
 */
function endsInFreeze(t: SnapshotTask): boolean {
  if (t.result === 'success' || t.result === 'failed' || t.result === 'skipped') return false;
  const start = milestoneIndex(t, 'freeze-start', true);
  if (start < 0) return false;
  for (let k = start + 1, n = milestoneCount(t); k < n; k++) if (AFTER_FREEZE.has(milestoneName(t, k))) return false;
  return true;
}

/**
 * The freeze binary could not undo its own freeze (`Failed to FITHAW: /boot`, `snapshot result inconsistent`): the
 * same consistency step failed on its way out, what the articles file under UserErrorFsFreezeFailed (a mount
 * point listed twice).
 */
function thawFailed(t: SnapshotTask): boolean {
  return t.phases.some((p) => p.name === 'thaw' && p.result === 'failed');
}

function freezeFailed(t: SnapshotTask): boolean {
  return t.result !== 'success' && t.result !== 'skipped' && (isFreezeCode(t.code) || hasMilestone(t, 'freeze-failed') || hung(t) || thawFailed(t));
}

/**
 * All the task shows is a VSS writer's veto (event VSS 8229, parse/windows/vss.ts's signature VSS_WRITER_VETO): every milestone of
 * it is such a line and no status file reported it. Azure Backup then takes a file-system consistent snapshot instead
 * of an application-consistent one (Learn, "About Azure VM backup": "Some VSS writers failed"), so the veto alone does
 * not say that the job failed.
 */
function vetoOnly(ctx: RuleContext, t: SnapshotTask, status: readonly Evidence[]): boolean {
  if (status.length || !milestoneCount(t)) return false;
  const vetoes = milestonesWhere(ctx.facts, (f) => {
    const note = f('note');
    return f('milestone') === 'freeze-failed' && note?.key === 'milestone.vss-failed' && note.params.id === VSS_WRITER_VETO;
  });
  const vetoed = (k: number) => milestoneName(t, k) === 'freeze-failed' && vetoes.some((f) => f.at.line === milestoneLine(t, k) && f.at.file === milestoneFile(t, k));
  return findMilestone(t, (k) => !vetoed(k)) < 0;
}

/**
 * VSS itself cannot run because a COM class it needs is not registered or Windows' provider (swprv) cannot start
 * (parse/windows/vss.ts's vss-not-registered and system-provider-unavailable): KB 2009550, 2009533 and 2009513 fix the
 * registration, which restarting writers or VSS does not, so that step leads.
 */
const REGISTRATION = new Set(['vss-not-registered', 'system-provider-unavailable']);
function registrationBroken(ctx: RuleContext, t: SnapshotTask): boolean {
  const broken = milestonesWhere(ctx.facts, (f) => {
    const note = f('note');
    return f('milestone') === 'freeze-failed' && note?.key === 'milestone.vss-failed' && REGISTRATION.has(String(note.params.id));
  });
  return findMilestone(t, (k) => milestoneName(t, k) === 'freeze-failed' && broken.some((f) => f.at.line === milestoneLine(t, k) && f.at.file === milestoneFile(t, k))) >= 0;
}

/**
 * The writer and phase a writer's veto names (parse/windows/event-export.ts reads them from the event's insertion
 * strings): the event's first line names only an error code, often `0x00000000, The operation completed successfully`.
 */
function vetoOf(ctx: RuleContext, m: { file: string; line: number }): { vssWriter: string; operation?: string; event?: string } | undefined {
  const f = milestonesWhere(
    ctx.facts,
    (x) => {
      const note = x('note');
      return note?.key === 'milestone.vss-failed' && typeof note.params.writer === 'string';
    },
    (x) => x.at.line === m.line && x.at.file === m.file,
  )[0];
  if (!f?.note) return undefined;
  const { writer, operation, event } = f.note.params as { writer: string; operation?: string; event?: string };
  return { vssWriter: writer, ...(operation ? { operation } : {}), ...(event ? { event } : {}) };
}

const IOCTL_RE = /Failed to (FIFREEZE|FITHAW):\s*(\S+)/;

/**
 * The mount points the freeze binary failed to freeze or thaw (`Failed to FIFREEZE: /data/dblog`, `Failed to FITHAW:
 * /boot`), the first ioctl that failed and every mount it failed for: what the engineer acts on (a new volume, a mount
 * point listed twice).
 */
function ioctlFailures(t: SnapshotTask): { ioctl: FreezeIoctl; mounts: string[] } | undefined {
  let ioctl: FreezeIoctl | undefined;
  const mounts: string[] = [];
  for (let k = 0, n = milestoneCount(t); k < n; k++) {
    const name = milestoneName(t, k);
    if (name !== 'freeze-failed' && name !== 'thaw-result') continue;
    const x = IOCTL_RE.exec(milestoneText(t, k));
    if (!x) continue;
    ioctl ??= x[1] as FreezeIoctl;
    if (x[1] === ioctl && !mounts.includes(x[2])) mounts.push(x[2]);
  }
  return ioctl ? { ioctl, mounts } : undefined;
}

/** The mount of a relayed `Freezing: <mount>` line, for the reason. */
const mountOf = (m: SnapshotMilestoneRef | undefined) => {
  const mount = m ? /(?:Freezing|freezing the mount): (\S+)/.exec(m.text)?.[1] : undefined;
  return mount ? { mount } : {};
};

/** The freeze codes the catalogue words (121–124; the 201–204 forms map onto them). */
const WORDED = new Set<number>([121, 122, 123, 124]);

export const rule: Rule = {
  cause: 'fsfreeze-failed',
  evaluate(ctx) {
    if (!hasSnapshotEvidence(ctx.facts, ctx.hasFileKind('vmsnapshot-extension-log'))) return notEvaluable(NO_SNAPSHOT_LOGS);
    const tasks = ctx.snapshots;
    const failed = tasks.filter(freezeFailed);
    const preferred = ctx.lastFailedTask && freezeFailed(ctx.lastFailedTask) ? ctx.lastFailedTask : failed[failed.length - 1];
    if (preferred) {
      const confidence = taskConfidence(preferred, tasks, ctx.lastFailedTask);
      // told by the file's kind, not its name: an event export saved as Application-event.txt is as Windows
      const fromWindows = fileKindTest(ctx, WINDOWS_KINDS);
      const own = preferred.code !== undefined && isFreezeCode(preferred.code);
      const code = own ? preferred.code : hasMilestone(preferred, 'freeze-failed') ? 121 : undefined;
      // the code as the log says it: a number the rule takes from a freeze line is not the log's
      const shown = own ? codeSaidOf(preferred) : {};
      const ioctl = ioctlFailures(preferred);
      // on Windows the consistency step is VSS: say what the VSS line said rather than a Linux freeze code
      const vssAt = findMilestone(preferred, (k) => milestoneName(preferred, k) === 'freeze-failed' && fromWindows(milestoneFile(preferred, k)));
      const vss = vssAt < 0 ? undefined : milestoneRef(preferred, vssAt);
      const worded = code === undefined ? undefined : code > 200 ? code - 80 : code;
      const waiting = vssWait(preferred);
      // no failing line names the mount: the last one the freeze binary began to freeze, when it froze not all of them
      const freezingAt = ioctl || vss || hasMilestone(preferred, 'frozen') ? -1 : milestoneIndex(preferred, 'freeze-mount', true);
      const freezing = freezingAt < 0 ? undefined : milestoneRef(preferred, freezingAt);
      const what = vss
        ? (vetoOf(ctx, vss) ?? { vss: clipText(vss.text.trim(), 300) })
        : waiting !== undefined
          ? { vssHung: waiting }
          : hung(preferred)
          ? { hung: true as const }
          : ioctl
            ? { ...ioctl, shown }
          : worded !== undefined && WORDED.has(worded)
            ? { code: worded as FreezeCode, shown, ...mountOf(freezing) }
            : thawFailed(preferred)
              ? { thaw: true as const }
              : { failed: true as const, ...mountOf(freezing) };
      const status = statusEvidence(ctx.facts, preferred);
      // the lines that failed, when the task has them, rather than the freeze's start and signal lines
      const failing = findMilestone(preferred, (k) => milestoneName(preferred, k) === 'freeze-failed' || (milestoneName(preferred, k) === 'thaw-result' && IOCTL_RE.test(milestoneText(preferred, k)))) >= 0;
      const evidence = [...taskEvidence(preferred, (n, k) => (FREEZE_LINES.has(n) && !(failing && (n === 'freeze-signals' || n === 'freeze-start'))) || k === freezingAt), ...status];
      const veto = fromWindows(vss?.file ?? '') && vetoOnly(ctx, preferred, status);
      const reason = msg('fsfreeze-failed.task', { task: taskRef(preferred), what, others: failed.length - 1, lessLikely: confidence !== 'high' });
      return {
        verdict: 'detected',
        confidence,
        reason: veto ? msg('sentences', { parts: [reason, msg('fsfreeze-failed.veto-only')] }) : reason,
        evidence,
        taskId: preferred.taskId,
        strength: taskStrength(preferred, ctx.lastFailedTask),
        ...(veto ? { degradesOnly: true } : {}),
        ...(registrationBroken(ctx, preferred) ? { remedyOrder: { first: ['vss-registration'] } } : {}),
      };
    }
    // the newest task whose lines end inside the freeze: the last one (the log ends there), or one a later run followed
    // with none of its own lines in between (that run hung frozen, or the VM restarted)
    const k = tasks.findLastIndex(endsInFreeze);
    const last = k < 0 ? undefined : tasks[k];
    const next = tasks[k + 1]?.start;
    if (last) {
      return {
        verdict: 'detected',
        confidence: 'medium',
        reason: msg('fsfreeze-failed.ends-in-freeze', { task: taskRef(last), ...(next ? { next } : {}) }),
        evidence: taskEvidence(last, (n) => FREEZE_LINES.has(n) || n === 'freeze-block-start'),
        taskId: last.taskId,
        strength: 'strong',
      };
    }
    const froze = tasks.filter((t) => hasMilestone(t, 'frozen', 'freeze-block-end'));
    if (froze.length > 0) {
      return {
        verdict: 'ruled-out',
        confidence: 'high',
        reason: msg('fsfreeze-failed.froze', { count: froze.length }),
        evidence: taskEvidence(froze[froze.length - 1], (n) => n === 'frozen' || n === 'freeze-block-end', 2),
      };
    }
    if (tasks.some((t) => t.result === 'success')) {
      return { verdict: 'ruled-out', confidence: 'medium', reason: msg('fsfreeze-failed.snapshots-ok'), evidence: [] };
    }
    return notEvaluable(msg('fsfreeze-failed.none'), 'medium');
  },
};
