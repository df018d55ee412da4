import { causeById, causeTitle, linksFor, titleNamed, portalCode as lookupPortalCode, remedySteps, type AnalysisResult, type BundleFile, type CauseId, type Evidence, type PortalCodeDefinition, type Finding, type SnapshotTask } from '../../shared';
import { uniqueEvidence } from '../../shared/evidence-place';
import { msg, renderAnalysis } from '../../shared/i18n/analysis';
import { milestoneCount, milestoneEvidence } from '../../shared/model/task-milestones';
import { setAsideBenign } from './benign';
import { FactIndex, type FactSource } from './facts-index';
import { missingEvidence } from './missing-evidence';
import { summarizeAgent } from './reconstruct/agent-health';
import { buildExtensionHistory } from './reconstruct/extensions';
import { buildTaskProgress } from './reconstruct/progress';
import { buildSnapshotTasks } from './reconstruct/snapshots';
import { buildTimeline } from './reconstruct/timeline';
import { summarizeVm } from './reconstruct/vm';
import { agentActivity, recoveredAt, timedLogTest, type AgentActivity } from './recovery';
import type { ClockInference } from './reconstruct/clock';
import { RULES } from './rules';
import { guestOs, MAX_EVIDENCE, type Rule, type RuleContext, type RuleOutcome } from './types';
import { summarizeVerdict } from './verdict';
import { anchorOf, decideNewerFailures, explainsTask, rankFindings, weigh, type Anchor } from './weigh';

export type DiagnosisParts = Pick<
  AnalysisResult,
  'vm' | 'agent' | 'verdict' | 'findings' | 'snapshots' | 'extensions' | 'timeline' | 'clock' | 'missingEvidence' | 'failedTask' | 'benign'
>;

/**
 * Facts → known-benign messages set aside → reconstruction (tasks, how far the failed task got,
 * extension history, agent health, timeline) → one rule per cause → each outcome weighed against the
 * failed task (analyze/weigh.ts) → ranked findings and a verdict. Pure: no I/O, no clocks other than
 * the facts'.
 */
export function diagnose(
  allFacts: FactSource,
  files: readonly BundleFile[],
  clock: ClockInference,
  options: {
    portalCode?: string;
    rules?: readonly Rule[];
    /** When the portal says the job failed (ISO): weigh against the failed task nearest it, not the last one. */
    failedAt?: string;
    /**
     * The bundle holds more than one VM's logs (pipeline/vms.ts): what the rules found may be the other VM's, so every
     * finding (and the verdict) says low confidence; the order stays the evidence's.
     */
    capAtLow?: boolean;
    /** Each file's VM root, by file id (ingest/roots.ts rootsOf): a bundle of several may be several VMs' logs. */
    roots?: readonly string[];
    /**
     * The newest time a record of the VM's own files gives (ms; not the collection's own files): a line the parsers
     * took no fact from is still a line the VM wrote (WALinuxAgent #1982: three cgroup lines after an old failure).
     * FactIndex.newestLine reads it: the one "now" of the logs for the anchor, recovery.ts and the tasks still running.
     */
    newestLine?: number;
    /** false: the timeline is left empty, for a caller that shows none (the CLI's `analyze`: docs/CONTRACT.md). */
    timeline?: boolean;
  } = {},
): DiagnosisParts {
  const { dropped, sightings } = setAsideBenign(allFacts);
  const index = new FactIndex(allFacts, dropped, { files, ...(options.roots ? { roots: options.roots } : {}), ...(options.newestLine !== undefined ? { newestLine: options.newestLine } : {}) });
  const snapshots = buildSnapshotTasks(index, files);
  const extensions = buildExtensionHistory(index);
  const vm = summarizeVm(index, files);
  const kinds = new Set(files.map((f) => f.kind));
  const failed = snapshots.filter(failedRun);
  const pinned = pinnedTask(failed, options.failedAt);
  const lastFailedTask = pinned ?? failed.at(-1);
  const progress = lastFailedTask ? buildTaskProgress(lastFailedTask, index) : undefined;
  const ofTask = taskRoots(index, lastFailedTask);
  // the judged VM: the one root the failed task's lines lie under (none when they lie under two: the bundle cannot say)
  const root = ofTask.size === 1 ? [...ofTask][0] : undefined;
  // the goal-state agent the summary reports is the judged VM's, not the newest of any root's
  const agent = summarizeAgent(index, root);
  const ctx: RuleContext = {
    facts: index,
    files,
    snapshots,
    extensions,
    agent,
    clock: clock.clock,
    vm,
    hasFileKind: (k) => kinds.has(k),
    lastFailedTask,
    progress,
    ...(root !== undefined ? { root } : {}),
  };

  const portal = options.portalCode ? lookupPortalCode(options.portalCode) : undefined;
  const rules = options.rules ?? RULES;
  const outcomes = confirmByCode(
    sayLessOfOtherRoots(rules.map((rule) => runRule(rule, ctx)), index, ofTask),
    rules,
    portal?.code,
  );
  wentDownFrozen(outcomes, rules, index, lastFailedTask);
  const anchor = anchorOf(snapshots, lastFailedTask, progress, index.newestLine());
  const explained = outcomes.some((o) => explainsTask(o, anchor));
  // the agent's healthy activity, read only when a detected agent or network failure asks whether it recovered
  let activity: AgentActivity | undefined;
  const recovery = (o: RuleOutcome) => (o.verdict === 'detected' && o.recovery ? recoveredAt((activity ??= agentActivity(index, ctx)), o.recovery.proof, o.recovery.lastFailureMs) : undefined);
  const inTimedLog = timedLogTest(files);
  // (and none of the lines counted beyond the cited ones has a time either)
  const untimedLines = (o: RuleOutcome) =>
    o.evidence.length > 0 && o.evidence.every((e) => !e.time && inTimedLog(e.file)) && (!o.evidenceTimes || Array.prototype.every.call(o.evidenceTimes, (t: number) => !Number.isFinite(t)));
  const findings = rules.map((rule, i) => toFinding(rule.cause, outcomes[i], anchor, explained, portal, vm.platform, recovery(outcomes[i]), untimedLines(outcomes[i])));
  const explainedBy = explanations(rules, outcomes);
  const otherRoot = new Set(rules.flatMap((rule, i) => (outcomes[i].otherRoot ? [rule.cause] : [])));
  const possibleOnly = new Set(rules.flatMap((rule, i) => (outcomes[i].verdict === 'detected' && outcomes[i].possibleOnly ? [rule.cause] : [])));
  const placedAt = new Map(rules.flatMap((rule, i) => (outcomes[i].placedAt !== undefined ? [[rule.cause, outcomes[i].placedAt!] as const] : [])));
  // (the failed job's time given, the task it pinned is the job's: nothing after it competes)
  const { newer, later, by } = decideNewerFailures(findings, anchor, possibleOnly, !!pinned, portal?.causes);
  rankFindings(findings, anchor, portal?.causes, explainedBy, otherRoot, possibleOnly, placedAt, new Set(newer.map((f) => f.cause)));
  const taskCause = by ? findings.find((f) => f.verdict === 'detected' && f.taskId === anchor.task?.taskId && !later.includes(f)) : undefined;
  const named = (f: Finding) => ({ en: f.title, nl: titleNamed(causeById(f.cause), f.title).nl });
  if (options.capAtLow) for (const f of findings) f.confidence = 'low';

  return {
    vm,
    agent,
    verdict: summarizeVerdict(
      findings,
      progress,
      agent,
      options.portalCode,
      portal,
      Number.isFinite(anchor.laterSuccess) ? new Date(anchor.laterSuccess).toISOString() : undefined,
      guestOs(ctx),
      failureAge(anchor),
      !progress && snapshots.at(-1)?.result === 'success' ? snapshots.at(-1) : undefined,
      by && progress ? { by, later: later.map((f) => f.cause), laterTitle: named(later[0]), ...(taskCause ? { taskCause: named(taskCause) } : {}) } : undefined,
    ),
    findings,
    snapshots,
    extensions,
    timeline: options.timeline === false ? [] : buildTimeline(index, snapshots, extensions),
    clock: clock.clock,
    missingEvidence: missingEvidence(files),
    ...(progress ? { failedTask: progress } : {}),
    ...(sightings.length ? { benign: sightings } : {}),
  };
}

/**
 * Whether a run failed: it ended in failure, or hung. A run of unknown result failed only where a step of it did not
 * end well (failed, timed out, or started and never ended: a log that ends inside the freeze); one whose lines show no
 * step at all (an untimed "Logs during Freeze Start" banner and lock retries, neg-ext-pr1309) is not a failure, and is
 * not called the failed task.
 */
function failedRun(t: SnapshotTask): boolean {
  if (t.result === 'success' || t.result === 'in-progress' || t.result === 'skipped') return false;
  return t.result !== 'unknown' || t.phases.some((p) => p.result !== 'ok' && p.result !== 'skipped');
}

/** How long before the newest time of the logs the failed task failed (its end, or its start without one). */
function failureAge(anchor: Anchor): AnalysisResult['verdict']['failureAge'] {
  if (!anchor.task || !Number.isFinite(anchor.end) || !Number.isFinite(anchor.newest) || anchor.newest < anchor.end) return undefined;
  return { ms: anchor.newest - anchor.end, newest: new Date(anchor.newest).toISOString() };
}

/** A pinned failure within this distance of a failed task picks that task; further away it picks none. */
const PIN_WINDOW_MS = 6 * 3_600_000;

/** The failed task whose span holds `at`, else the one starting nearest it (within PIN_WINDOW_MS). */
function pinnedTask(failed: readonly SnapshotTask[], at: string | undefined): SnapshotTask | undefined {
  const t = at ? Date.parse(at) : NaN;
  if (!Number.isFinite(t)) return undefined;
  let best: SnapshotTask | undefined;
  let bestGap = PIN_WINDOW_MS;
  for (const task of failed) {
    const start = Date.parse(task.start ?? task.requestedStart ?? '');
    if (!Number.isFinite(start)) continue;
    const end = Date.parse(task.end ?? '');
    const gap = t < start ? start - t : Number.isFinite(end) ? Math.max(0, t - end) : t - start;
    if (gap <= bestGap) {
      best = task;
      bestGap = gap;
    }
  }
  return best;
}

/** The roots the failed task's lines lie under in a bundle of several (ingest/roots.ts); none with one root or no task. */
function taskRoots(index: FactIndex, task: SnapshotTask | undefined): Set<string> {
  const out = new Set<string>();
  if (index.rootCount < 2 || !task) return out;
  for (let k = 0, n = milestoneCount(task); k < n; k++) {
    const r = index.rootOf(milestoneEvidence(task, k));
    if (r !== undefined) out.add(r);
  }
  return out;
}

/**
 * A bundle of several VM roots not told apart (pipeline/vms.ts found no second VM) may still be two VMs' logs: a
 * colleague's healthy VM beside the failed one, whose own files name no agent version. What one root shows of its VM
 * says something of the failure only from a root that holds the failure's evidence too (the failed task's lines, a
 * detected outcome's other lines, its own known problem's sign among them); otherwise, or when no root holds any, it
 * may be the other VM's and says low, never more. That holds for a state (`state`: the running agent's version line)
 * and as much for a cause ruled out: goal states another VM fetched do not say this VM reached the WireServer. A state
 * that is itself the failure (an extension's failed status: no `state` apart from its evidence) is the failure's
 * evidence, and its root a root of the failure. A line
 * whose file two roots hold at one VM path has no known root: it vouches for none. Such a state is marked `otherRoot`
 * (when the failure's evidence has a root at all): at equal weight it ranks after the failure root's own causes.
 */
function sayLessOfOtherRoots(outcomes: RuleOutcome[], index: FactIndex, ofTask: ReadonlySet<string>): RuleOutcome[] {
  if (index.rootCount < 2) return outcomes;
  const failureRoots = new Set(ofTask);
  const add = (r: string | undefined) => void (r !== undefined && failureRoots.add(r));
  for (const o of outcomes) {
    if (o.verdict !== 'detected') continue;
    for (const e of o.evidence) if (e !== o.state) add(index.rootOf(e));
  }
  const fromFailure = (e: Evidence) => {
    const r = index.rootOf(e);
    return r === undefined || failureRoots.has(r);
  };
  return outcomes.map((o) => {
    if (o.verdict === 'detected' && o.holds && o.state && failureRoots.size > 0) {
      const root = index.rootOf(o.state);
      if (root === undefined || !failureRoots.has(root)) return { ...o, confidence: 'low', otherRoot: true };
      return o;
    }
    if (o.confidence === 'low') return o;
    if (o.verdict === 'ruled-out') return o.evidence.length === 0 || o.evidence.some(fromFailure) ? o : { ...o, confidence: 'low' };
    // (no root holds the failure's evidence: a held state may be either VM's)
    return o.verdict === 'detected' && o.holds && o.state ? { ...o, confidence: 'low' } : o;
  });
}

/**
 * A possible cause (RuleOutcome.possibleOnly) is confirmed by a portal code that is the cause's own (the catalogue's
 * `portalCodes`: the job failed on it, UserErrorVmProvisioningStateFailed for a failed extension), not by one whose
 * article lists it among others.
 */
function confirmByCode(outcomes: RuleOutcome[], rules: readonly Rule[], code: string | undefined): RuleOutcome[] {
  if (!code) return outcomes;
  return outcomes.map((o, i) => (o.possibleOnly && causeById(rules[i].cause).portalCodes.includes(code) ? { ...o, possibleOnly: undefined } : o));
}

/** How soon after a frozen hang's last line a clean shutdown or reboot says the VM went down during the backup. */
const WENT_DOWN_MS = 10 * 60_000;
/** The findings that read a log ending inside the freeze as a hang (fsfreeze-failed, extension-stuck). */
const FROZEN_HANG_CAUSES: ReadonlySet<CauseId> = new Set(['fsfreeze-failed', 'extension-stuck']);

/**
 * The failed task's log ends inside the freeze (`unfinished`, frozen), read as a VM or extension that hung frozen.
 * When the system log shows a clean shutdown or reboot (systemd's or the kernel's own line: parse/system/syslog.ts) at
 * or within ten minutes after that last line, the log may end there because the VM went down in the middle of the
 * backup (stopped, restarted or hibernated): a clean shutdown is written to the system log only where the file systems
 * are writable again, so the freeze did not hold the VM. The hang is then only possible: its findings on that task are
 * capped at low, the shutdown's line among their evidence and said in their reason. A boot alone is not such a sign:
 * a VM hung frozen and forced off logs no shutdown, only the next boot.
 */
function wentDownFrozen(outcomes: RuleOutcome[], rules: readonly Rule[], index: FactIndex, task: SnapshotTask | undefined): void {
  if (!task || task.result !== 'unfinished' || task.unfinishedCode !== 'frozen') return;
  const end = Date.parse(task.end ?? task.start ?? '');
  if (!Number.isFinite(end)) return;
  const down = index.of('system-event').find((f) => (f.event === 'shutdown' || f.event === 'reboot') && f.timeMs >= end && f.timeMs - end <= WENT_DOWN_MS);
  if (!down) return;
  const said = msg('engine.went-down-frozen', { at: new Date(down.timeMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'), minutes: Math.round((down.timeMs - end) / 60_000) });
  outcomes.forEach((o, i) => {
    if (o.verdict !== 'detected' || !FROZEN_HANG_CAUSES.has(rules[i].cause) || o.taskId !== task.taskId) return;
    outcomes[i] = { ...o, confidence: 'low', reason: msg('sentences', { parts: [o.reason, said] }), evidence: [...o.evidence, down.at] };
  });
}

const lineKey = (e: Evidence) => `${e.file}:${e.line}`;

/**
 * For each detected cause, the detected causes whose failure explains it (weigh.ts rankFindings): those it names itself
 * (`explainedBy`), and those that name it (`explains`) where its finding cites one of their lines, the sign they read
 * as theirs (WALinuxAgent #812: 2.2.10's exit on a deleted /var/log/azure folder is the crash agent-unresponsive
 * counts). Never both ways round: a pair that each explains the other is left to the rest of the ranking.
 */
function explanations(rules: readonly Rule[], outcomes: readonly RuleOutcome[]): Map<CauseId, readonly CauseId[]> {
  const by = new Map<CauseId, readonly CauseId[]>();
  rules.forEach((rule, i) => {
    const o = outcomes[i];
    if (o.verdict === 'detected' && o.explainedBy) by.set(rule.cause, o.explainedBy);
  });
  rules.forEach((rule, i) => {
    const o = outcomes[i];
    if (o.verdict !== 'detected' || !o.explains?.length) return;
    const lines = new Set(o.evidence.map(lineKey));
    rules.forEach((other, j) => {
      const p = outcomes[j];
      if (p.verdict !== 'detected' || !o.explains!.includes(other.cause) || by.get(rule.cause)?.includes(other.cause) || by.get(other.cause)?.includes(rule.cause)) return;
      if (p.evidence.some((e) => lines.has(lineKey(e)))) by.set(other.cause, [...(by.get(other.cause) ?? []), rule.cause]);
    });
  });
  return by;
}

/** A rule that throws must not take the diagnosis down: it becomes not-evaluable with the reason. */
function runRule(rule: Rule, ctx: RuleContext): RuleOutcome {
  try {
    return rule.evaluate(ctx);
  } catch (e) {
    return { verdict: 'not-evaluable', confidence: 'low', reason: msg('engine.rule-failed', { error: (e as Error).message }), evidence: [] };
  }
}

function toFinding(
  cause: CauseId,
  outcome: RuleOutcome,
  anchor: Anchor,
  explained: boolean,
  portal: PortalCodeDefinition | undefined,
  platform: AnalysisResult['vm']['platform'],
  recovered?: { at: number; until: number },
  untimedLines = false,
): Finding {
  const def = causeById(cause);
  const portalCauses = portal?.causes;
  const order = portalCauses?.indexOf(cause);
  const weighed = outcome.verdict === 'detected' ? weigh(cause, outcome, anchor, { explained, portalCauses, recoveredAt: recovered?.at, untimedLines }) : undefined;
  // a detected finding none of whose log lines has a time says so: the engineer must place it (weigh.ts capped it)
  // only a finding that stands may reorder its cause's steps by its evidence; the job's portal code orders any finding's
  const steps = { ...(outcome.verdict === 'detected' ? outcome.remedyOrder : undefined), ...(portal ? { code: portal.code } : {}) };
  const reason = weighed?.relation === 'untimed' && untimedLines ? msg('sentences', { parts: [outcome.reason, msg('engine.untimed-lines', { timedTask: Number.isFinite(anchor.start) })] }) : outcome.reason;
  return {
    cause,
    verdict: outcome.verdict,
    confidence: weighed?.confidence ?? outcome.confidence,
    portalCodes: def.portalCodes,
    title: causeTitle(def, platform).en,
    // the JSON keeps its English `reason`; the Dutch rides beside it (docs/CONTRACT.md)
    reason: renderAnalysis(reason, 'en'),
    reasonNl: renderAnalysis(reason, 'nl'),
    // a record two reads of one rule reach (a goal-state line is a failed call and a goal-state error) is cited once
    evidence: uniqueEvidence(outcome.evidence, MAX_EVIDENCE),
    remedy: remedySteps(def, 'en', platform, steps),
    remedyNl: remedySteps(def, 'nl', platform, steps),
    links: linksFor(def, platform),
    ...(order !== undefined && order >= 0 ? { portalOrder: order } : {}),
    ...(outcome.taskId ? { taskId: outcome.taskId } : {}),
    ...(weighed ? { role: weighed.role, strength: weighed.strength, relation: weighed.relation } : {}),
    ...(weighed && recovered ? { recovered: { at: new Date(recovered.at).toISOString(), until: new Date(recovered.until).toISOString() } } : {}),
  };
}
