import { CAUSES, type CauseId, type Confidence, type EvidenceStrength, type Finding, type FindingRole, type SnapshotTask, type TaskProgress, type TimeRelation } from '../../shared';
import { LONG_BEFORE_MS, type RuleOutcome } from './types';

/**
 * The one place where confidence and rank are decided (docs/causes.md, "Evidence model").
 *
 * A rule says what it saw: a verdict, its evidence, the kind of evidence (`strength`) and the most its
 * evidence can say alone (`confidence`). Here that is weighed against the failed backup task:
 * - the time relation of the evidence to the task (during it, the hours before, days before, before
 *   a later successful backup, …) caps the confidence;
 * - the cause's place in the task's path decides its role: once the Backup extension ran for the
 *   task, the agent and the network had delivered it, so agent and network causes cannot be primary
 *   for it; Azure-side causes are never more than background hints from the guest;
 * - without a failed task in the bundle nothing is high.
 * Ranking: primary, contributing, background; then (with a portal code) the code's causes; then
 * confidence, strength, closeness to the task (without one, the time relation, then closeness to the newest line);
 * catalogue order only breaks ties.
 */

/** Where a cause sits in the path of a backup. */
export type CauseLayer = 'delivery' | 'task' | 'provisioning' | 'azure';

export const CAUSE_LAYER: Record<CauseId, CauseLayer> = {
  'agent-not-running': 'delivery',
  'agent-unresponsive': 'delivery',
  'agent-outdated': 'delivery',
  'agent-config-disabled': 'delivery',
  'dotnet-missing': 'delivery',
  'no-network-wireserver': 'delivery',
  'dhcp-disabled': 'delivery',
  'certificate-missing': 'delivery',
  'vm-state-misreported': 'task',
  'storage-unreachable': 'task',
  'snapshot-task-delayed': 'task',
  'fsfreeze-failed': 'task',
  'prepost-script-failed': 'task',
  'extension-stuck': 'task',
  'snapshot-limit-reached': 'task',
  'disk-full': 'task',
  'clock-skew': 'task',
  'extension-failed-state': 'provisioning',
  'vm-provisioning-updating': 'provisioning',
  'backup-in-progress': 'azure',
  'rp-collection-limit': 'azure',
  'rp-resource-group-lock': 'azure',
  'keyvault-permissions': 'azure',
  'disk-size-unsupported': 'task',
  'datasource-not-protected': 'azure',
  'azure-policy-denied': 'azure',
  'vm-deleted': 'azure',
  'vault-copy-timeout': 'azure',
  'premium-storage-quota': 'azure',
  'enhanced-policy-migration': 'azure',
};

const RANK: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };
const BY_RANK: Confidence[] = ['low', 'low', 'medium', 'high'];
const minConfidence = (...c: Confidence[]): Confidence => BY_RANK[Math.min(...c.map((x) => RANK[x]))];

/** Strength × time relation → the most the evidence can say. */
const CEILING: Record<EvidenceStrength, Record<TimeRelation, Confidence>> = {
  decisive: { during: 'high', window: 'high', untimed: 'high', before: 'medium', after: 'medium', 'long-before': 'low', history: 'low' },
  strong: { during: 'high', window: 'high', untimed: 'high', before: 'medium', after: 'medium', 'long-before': 'low', history: 'low' },
  weak: { during: 'medium', window: 'medium', untimed: 'medium', before: 'low', after: 'low', 'long-before': 'low', history: 'low' },
};
/** Closest first: a finding's relation is the closest of its evidence's. */
const RELATION_ORDER: readonly TimeRelation[] = ['during', 'window', 'after', 'before', 'untimed', 'long-before', 'history'];
const ROLE_ORDER: Record<FindingRole, number> = { primary: 0, contributing: 1, background: 2 };
const STRENGTH_ORDER: Record<EvidenceStrength, number> = { decisive: 0, strong: 1, weak: 2 };

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The failed task's time frame and the last successful backup before it. */
export interface Anchor {
  task?: SnapshotTask;
  progress?: TaskProgress;
  /** ms; NaN without a failed task. */
  start: number;
  end: number;
  /** End of the last successful task before the anchor (or the last one at all without an anchor), ms. */
  lastSuccessBefore: number;
  /** Start of a successful task after the anchor, ms (NaN if none): the failure is no longer the current state. */
  laterSuccess: number;
  /** The newest time the logs give, ms (NaN if none): without a failed task, what is days older than it is stale. */
  newest: number;
}

/**
 * Which failed job the ticket is about when a failure after the failed task left no task lines: an agent or network
 * failure (the layer a backup comes by, so a job it stops never reaches the extension) whose lines all lie after the
 * task, sustained, still going at the newest line (not recovered) and not only possible. The newest failed job is the
 * ticket's, yet the logs hold no job after the task, so they alone cannot tell which of the two the job is:
 * - the error code entered names the task's cause and none of the later failures' (`by: 'code-task'`): the job is the
 *   task's; its causes keep their weight and the later failures are background (they did not fail this job);
 * - it names a later failure's cause and none of the task's (`by: 'code-newer'`): the job is a later backup's; the later
 *   failures lead (primary) and the task's own causes say no more than medium;
 * - otherwise (`by: 'logs'`): the later failures lead, the task's causes say no more than medium, and the verdict asks
 *   for the failed job's time.
 * No decision (`newer` empty, no `by`) without a failed task, with the job's time given (`pinned`: the job is the
 * task's), or without such a failure.
 */
export interface NewerDecision {
  /** The later failures that lead: first at equal role and confidence (rankFindings). Empty where the task is the job's. */
  newer: Finding[];
  /** The later failures the decision weighed (those of `newer`, or those the code set aside). */
  later: Finding[];
  by?: 'logs' | 'code-task' | 'code-newer';
}

export function decideNewerFailures(findings: Finding[], anchor: Anchor, possibleOnly: ReadonlySet<CauseId>, pinned: boolean, portalCauses?: readonly CauseId[]): NewerDecision {
  const task = anchor.task;
  if (pinned || !task) return { newer: [], later: [] };
  const later = findings.filter(
    (f) =>
      f.verdict === 'detected' &&
      f.relation === 'after' &&
      CAUSE_LAYER[f.cause] === 'delivery' &&
      f.strength !== 'weak' &&
      f.confidence !== 'low' &&
      !f.recovered &&
      !possibleOnly.has(f.cause) &&
      f.taskId !== task.taskId,
  );
  if (!later.length) return { newer: [], later };
  const ofTask = findings.filter((f) => f.verdict === 'detected' && f.taskId === task.taskId && !later.includes(f));
  const named = (list: readonly Finding[]) => !!portalCauses?.length && list.some((f) => portalCauses.includes(f.cause));
  if (named(ofTask) && !named(later)) {
    for (const f of later) f.role = 'background';
    return { newer: [], later, by: 'code-task' };
  }
  for (const f of later) f.role = 'primary';
  for (const f of ofTask) if (f.confidence === 'high') f.confidence = 'medium';
  return { newer: later, later, by: named(later) && !named(ofTask) ? 'code-newer' : 'logs' };
}

export function anchorOf(tasks: readonly SnapshotTask[], task: SnapshotTask | undefined, progress: TaskProgress | undefined, newest = NaN): Anchor {
  const start = Date.parse(task?.start ?? task?.requestedStart ?? task?.end ?? '');
  const endParsed = Date.parse(task?.end ?? '');
  const end = Number.isFinite(endParsed) && endParsed >= start ? endParsed : start;
  let lastSuccessBefore = NaN;
  let laterSuccess = NaN;
  for (const t of tasks) {
    if (t.result !== 'success') continue;
    const s = Date.parse(t.start ?? '');
    const e = Date.parse(t.end ?? t.start ?? '');
    if (!Number.isFinite(e)) continue;
    if (Number.isFinite(start) && !(s < start)) {
      if (s > start && !(s >= laterSuccess)) laterSuccess = s;
      continue;
    }
    if (!(e <= lastSuccessBefore)) lastSuccessBefore = e;
  }
  return { task, progress, start, end, lastSuccessBefore, laterSuccess, newest: Number.isFinite(newest) ? newest : NaN };
}

/** When evidence at `t` was written, relative to the anchor task. */
export function relationOf(t: number, anchor: Anchor): TimeRelation {
  if (!Number.isFinite(t)) return 'untimed';
  if (Number.isFinite(anchor.lastSuccessBefore) && t < anchor.lastSuccessBefore) return 'history';
  if (!Number.isFinite(anchor.start)) {
    // no failed task: a line days older than the rest of the logs (an old failure the VM has lived past) is history
    // of the VM, not its state; the time relation otherwise needs the task
    return Number.isFinite(anchor.newest) && t < anchor.newest - LONG_BEFORE_MS ? 'long-before' : 'untimed';
  }
  if (t >= anchor.start - 10 * MIN && t <= anchor.end + 30 * MIN) return 'during';
  if (t > anchor.end) return 'after';
  if (t >= anchor.start - 6 * HOUR) return 'window';
  if (t >= anchor.start - LONG_BEFORE_MS) return 'before';
  return 'long-before';
}

function findingRelation(outcome: RuleOutcome, anchor: Anchor): TimeRelation {
  const times = outcome.evidenceTimes ?? outcome.evidence.map((e) => (e.time ? Date.parse(e.time) : NaN));
  // a state that held through the task did not hold through a successful backup written after all of its lines
  if (outcome.spansTask) {
    let before = times.length > 0;
    for (let i = 0; before && i < times.length; i++) before = times[i] < anchor.lastSuccessBefore;
    return before ? 'history' : 'during';
  }
  if (!times.length) return 'untimed';
  let best: TimeRelation | undefined;
  for (let i = 0; i < times.length; i++) {
    const r = relationOf(times[i], anchor);
    if (best === undefined || RELATION_ORDER.indexOf(r) < RELATION_ORDER.indexOf(best)) best = r;
  }
  // without a failed task, a state named days before the newest line still holds (relationOf's history is for events)
  if (best === 'long-before' && outcome.holds && !Number.isFinite(anchor.start)) return 'untimed';
  return best ?? 'untimed';
}

export interface Weighed {
  confidence: Confidence;
  strength: EvidenceStrength;
  relation: TimeRelation;
  role: FindingRole;
}

/**
 * Weighs one detected outcome. `decisiveForTask` says whether another finding already explains where
 * the failed task stopped (the roles of the rest depend on it), so the engine calls this twice:
 * first for the task's own decisive findings, then for the others.
 */
export function weigh(
  cause: CauseId,
  outcome: RuleOutcome,
  anchor: Anchor,
  opts: {
    explained: boolean;
    portalCauses?: readonly CauseId[];
    /** When the agent recovered from this failure and worked for hours up to the newest line (ms; recovery.ts). */
    recoveredAt?: number;
    /** Every evidence line is a log's line that carries no time (an excerpt posted without its time stamps). */
    untimedLines?: boolean;
  },
): Weighed {
  const strength: EvidenceStrength = outcome.strength ?? (outcome.confidence === 'low' ? 'weak' : 'strong');
  const recovered = opts.recoveredAt !== undefined && Number.isFinite(opts.recoveredAt);
  // a failure the agent recovered from is history, unless the failed task came before the recovery: then it may be
  // that task's cause, but no longer the VM's state (as with a later successful backup)
  const relation = recovered && !(anchor.start < opts.recoveredAt!) ? 'history' : findingRelation(outcome, anchor);
  const layer = CAUSE_LAYER[cause];
  const caps: Confidence[] = [outcome.confidence, CEILING[strength][relation]];
  let role: FindingRole;
  const stale = relation === 'history' || relation === 'long-before';
  const hasAnchor = !!anchor.task;
  if (layer === 'azure') {
    role = 'background';
    caps.push('low');
  } else if (stale) {
    role = 'background';
  } else if (hasAnchor && anchor.task && outcome.taskId === anchor.task.taskId && strength === 'decisive') {
    role = 'primary';
  } else if (hasAnchor && layer === 'delivery' && anchor.progress?.reachedExtension && relation === 'after') {
    // the agent or network broke after the failed task: it cannot explain that task, but a later backup
    // (not in these logs) may have failed on it
    role = 'contributing';
  } else if (hasAnchor && layer === 'delivery' && anchor.progress?.reachedExtension) {
    // the extension ran for the task: delivery worked for it
    role = relation === 'during' || relation === 'window' ? 'contributing' : 'background';
    caps.push('low');
  } else if (opts.explained) {
    role = relation === 'during' || relation === 'window' || relation === 'untimed' ? 'contributing' : 'background';
    if (role === 'background') caps.push('low');
  } else {
    role = 'primary';
  }
  // log lines that lost their time may be from any time: against a failed task whose time is known they say no more
  // than a line written before it (a state file's untimed line holds now; a log line's is only unplaced)
  if (relation === 'untimed' && opts.untimedLines && Number.isFinite(anchor.start)) caps.push(CEILING[strength].before);
  // without a failed task nothing is high, and a single message or an indirect hint says little
  if (!hasAnchor) caps.push(strength === 'weak' ? 'low' : 'medium');
  // a later backup succeeded: the failure is real but no longer the VM's state
  if (Number.isFinite(anchor.laterSuccess) || recovered) caps.push('medium');
  if (opts.portalCauses && opts.portalCauses.length && !opts.portalCauses.includes(cause)) caps.push('medium');
  // a writer's veto alone leaves a file-system consistent backup (Learn, "About Azure VM backup"): that the job failed
  // on it is for a portal code of the cause to say
  if (outcome.degradesOnly && !opts.portalCauses?.includes(cause)) caps.push('medium');
  // a possible cause the bundle does not confirm (another extension's failed run; engine.ts confirmByCode)
  if (outcome.possibleOnly) caps.push('low');
  return { confidence: minConfidence(...caps), strength, relation, role };
}

/** Whether an outcome explains where the anchor task stopped: the task's own failure code or status. */
export function explainsTask(outcome: RuleOutcome, anchor: Anchor): boolean {
  return outcome.verdict === 'detected' && !!anchor.task && outcome.taskId === anchor.task.taskId && outcome.strength === 'decisive';
}

function closeness(f: Finding, anchor: Anchor, placedAt?: number): number {
  if (f.taskId && anchor.task && f.taskId === anchor.task.taskId) return 0;
  if (!Number.isFinite(anchor.start)) {
    // without a failed task the newest line is the nearest "now": a failure nearer it is the VM's state
    if (!Number.isFinite(anchor.newest)) return Number.MAX_SAFE_INTEGER;
    let newest = placedAt ?? -Infinity;
    for (const e of placedAt === undefined ? f.evidence : []) {
      const t = e.time ? Date.parse(e.time) : NaN;
      if (t > newest) newest = t;
    }
    return Number.isFinite(newest) ? Math.max(0, anchor.newest - newest) : Number.MAX_SAFE_INTEGER;
  }
  let best = Number.MAX_SAFE_INTEGER;
  for (const e of f.evidence) {
    const t = e.time ? Date.parse(e.time) : NaN;
    if (Number.isFinite(t)) best = Math.min(best, t < anchor.start ? anchor.start - t : Math.max(0, t - anchor.end));
  }
  return best;
}

/**
 * Detected first (primary, contributing, background; then the entered code's causes; confidence;
 * strength; a cause before one it explains; closeness to the failed task); then not-evaluable, then ruled-out, the
 * code's causes first in the article's order; catalogue order breaks ties.
 * `explainedBy`: for a detected cause, the causes whose failure explains it (RuleOutcome.explainedBy, and the inverse of
 * RuleOutcome.explains: engine.ts explanations): at equal role,
 * confidence and strength it ranks after them, whatever its lines' times (an agent too old because it cannot reach
 * the WireServer to update comes after the WireServer failure). `otherRoot`: causes read only from a root without the
 * failure's evidence (RuleOutcome.otherRoot, perhaps another VM's): at equal role, confidence and strength they rank
 * after the rest. `possibleOnly`: possible causes the bundle does not confirm (RuleOutcome.possibleOnly): at equal role
 * and confidence they rank after the rest, whatever their strength. `newer`: failures after the failed task that left
 * no task lines (engine.ts newerFailures): at equal role and confidence they come first, the newest failure being the
 * ticket's.
 */
export function rankFindings(
  findings: Finding[],
  anchor: Anchor,
  portalCauses?: readonly CauseId[],
  explainedBy?: ReadonlyMap<CauseId, readonly CauseId[]>,
  otherRoot?: ReadonlySet<CauseId>,
  possibleOnly?: ReadonlySet<CauseId>,
  placedAt?: ReadonlyMap<CauseId, number>,
  newer?: ReadonlySet<CauseId>,
): void {
  const verdictRank = { detected: 0, 'not-evaluable': 1, 'ruled-out': 2 } as const;
  const catalogOrder = new Map(CAUSES.map((c, i) => [c.id, i]));
  const inCode = (f: Finding) => (portalCauses && portalCauses.length ? (portalCauses.includes(f.cause) ? 0 : 1) : 0);
  const near = new Map(findings.map((f) => [f, closeness(f, anchor, placedAt?.get(f.cause))]));
  // without a failed task no finding is closer to one: a condition that held (a state, a gap spanning the logs) comes
  // before a line of unknown bearing, and that before one days older than the rest, not the catalogue's order (one
  // transient HostGAPlugin timeout outranked an extension that cannot enable on that alone)
  const relationRank = (f: Finding) => (f.relation ? RELATION_ORDER.indexOf(f.relation) : RELATION_ORDER.length);
  const unanchored = (a: Finding, b: Finding) => (Number.isFinite(anchor.start) ? 0 : relationRank(a) - relationRank(b));
  const explains = (x: Finding, y: Finding) => explainedBy?.get(y.cause)?.includes(x.cause) === true;
  const explainedFirst = (a: Finding, b: Finding) => (explains(a, b) ? -1 : explains(b, a) ? 1 : 0);
  const after = (set: ReadonlySet<CauseId> | undefined) => (a: Finding, b: Finding) => Number(set?.has(a.cause) ?? false) - Number(set?.has(b.cause) ?? false);
  const ownRootFirst = after(otherRoot);
  const confirmedFirst = after(possibleOnly);
  const newerFirst = (a: Finding, b: Finding) => Number(newer?.has(b.cause) ?? false) - Number(newer?.has(a.cause) ?? false);
  findings.sort((a, b) => {
    if (a.verdict !== b.verdict) return verdictRank[a.verdict] - verdictRank[b.verdict];
    if (a.verdict === 'detected') {
      const d =
        ROLE_ORDER[a.role ?? 'background'] - ROLE_ORDER[b.role ?? 'background'] ||
        inCode(a) - inCode(b) ||
        RANK[b.confidence] - RANK[a.confidence] ||
        newerFirst(a, b) ||
        confirmedFirst(a, b) ||
        STRENGTH_ORDER[a.strength ?? 'weak'] - STRENGTH_ORDER[b.strength ?? 'weak'] ||
        ownRootFirst(a, b) ||
        explainedFirst(a, b) ||
        unanchored(a, b) ||
        near.get(a)! - near.get(b)!;
      if (d) return d;
    }
    const pa = a.portalOrder ?? Number.MAX_SAFE_INTEGER;
    const pb = b.portalOrder ?? Number.MAX_SAFE_INTEGER;
    if (pa !== pb) return pa - pb;
    if (a.verdict !== 'detected') {
      const c = RANK[b.confidence] - RANK[a.confidence];
      if (c) return c;
    }
    return (catalogOrder.get(a.cause) ?? 0) - (catalogOrder.get(b.cause) ?? 0);
  });
}

/** The "How findings are weighed" section of docs/causes.md, from the tables above. */
export function evidenceModelMarkdown(): string {
  const relations: TimeRelation[] = ['during', 'window', 'before', 'long-before', 'history', 'after', 'untimed'];
  const out = [
    '## How findings are weighed (evidence model)',
    '',
    'Each rule says what it saw: a verdict, the lines that prove it, the kind of evidence and the most that evidence can',
    'say on its own. One place in the analyzer (`src/main/analyze/weigh.ts`) then weighs every detected finding against the',
    '**failed backup task** (the newest task that did not succeed) and decides its confidence, its role and its rank.',
    '',
    '**How far the failed task got.** The task\'s stages are rebuilt from every source: the goal state that carried it',
    'and the agent processing it (waagent.log), the extension\'s enable, pre-script, freeze, snapshot, thaw, post-script and',
    'final status (extension.log, status file). The JSON carries them as `failedTask`. Once the Backup extension ran for',
    'the task, the agent and the network had delivered it, so agent and network causes cannot be primary for it.',
    '',
    '**Kind of evidence** (`strength`): *decisive* — the failed task\'s own failure code or status; *strong* — sustained',
    'failures, or a state that held through the task; *weak* — a single message or an indirect hint.',
    '',
    '**Time relation** (`relation`) of the closest evidence line to the failed task: *during* (10 minutes before its start',
    'to 30 minutes after its end), *window* (the 6 hours before), *before* (up to 3 days before), *long-before*,',
    '*history* (before a later successful backup), *after*, *untimed* (configuration and state files; a log\'s lines posted',
    'without their time stamps are untimed too, but against a failed task whose time is known they say no more than a line',
    'written *before* it, and the finding\'s reason says that none of its lines carries a time). A condition that',
    'held through the task (a heartbeat gap spanning it, a stopped agent) counts as *during*. Without a failed task, a line',
    'more than 3 days older than the newest line of the logs is *long-before* (an old failure the VM has lived past), unless',
    'it names a state that holds until a later line says otherwise (the running agent\'s version). An agent or network failure',
    'the agent recovered from — after its last line a heartbeat or goal state (for the network, an answer from WireServer;',
    'for an unresponsive agent, a goal state processed or an extension command it ran to success), then 6 hours or more of the agent\'s activity with no silence over',
    '2 hours, up to the newest line — is *history* unless the failed task came before the recovery (then it is at most',
    '*medium*: the VM lived past it); the verdict says when the agent recovered.',
    '',
    'The most each kind of evidence can say at each time relation:',
    '',
    `| strength | ${relations.join(' | ')} |`,
    `|---|${relations.map(() => '---').join('|')}|`,
    ...(['decisive', 'strong', 'weak'] as const).map((s) => `| ${s} | ${relations.map((r) => CEILING[s][r]).join(' | ')} |`),
    '',
    '**Role** (`role`): *primary* — explains where the failed task stopped (the task\'s own code always does); *contributing* —',
    'seen around the task but not what stopped it (agent and network causes are capped at low once the extension ran for the',
    'task, unless their evidence begins after it);',
    '*background* — history, long before, or an Azure-side hint (never above low). Without a failed task in the bundle no',
    'finding is above medium (weak evidence: low), nor when a later backup succeeded, nor a Windows task whose only failure is a',
    'VSS writer\'s veto (event VSS 8229) without a portal code of its cause: Azure Backup then takes a file-system consistent',
    'snapshot instead of failing (<https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction>, "Some VSS writers',
    'failed"). With a portal code entered, causes that cannot produce it are capped at medium and ranked after',
    'the code\'s causes, and the verdict says when the logs point elsewhere.',
    '',
    '**Possible causes only.** What the bundle shows may have failed the backup without showing that it did: another',
    'extension\'s failed run with no state of it that holds (its handler state or status, the platform\'s verdict on it, the',
    'VM\'s failed provisioning state), or one failed reporting call to 168.63.129.16 (telemetry, the HostGAPlugin heartbeat)',
    'or one 503 answer from it (the host answers so while busy) without a failed task; failures of the HostGAPlugin\'s',
    'vmSettings call alone (the agent falls back to the WireServer for its goal state); the agent\'s "Dhcp client is not',
    'running." alone (it looks only for dhclient); a snapshot task none of whose lines has a time and that shows no final',
    'status (its status may be on a line the bundle lacks). Such a finding is at most low,',
    'unless the entered portal code is the cause\'s own (UserErrorVmProvisioningStateFailed), and at equal confidence it',
    'ranks after the rest; its reason says what would confirm it.',
    '',
    '**Ranking**: primary, contributing, background; then the entered code\'s causes; then confidence; a confirmed cause',
    'before a possible one; strength; a cause the failure\'s own logs show before a state read only from a folder without',
    'the failure\'s evidence (perhaps another VM\'s: its agent version); a cause before one its failure explains (an agent on',
    'an old release without that release\'s own logged sign, or whose self-update fails, after a WireServer it cannot reach',
    'to fetch a newer one; an agent below the supported minimum without its release\'s sign after an agent that is not',
    'running or not working, as only a running agent updates itself; a release whose own logged sign is the line another',
    'cause reads as its failure before that cause: 2.2.10 exiting on a deleted /var/log/azure folder before the agent that',
    'is not working for it, 2.2.21–2.2.24\'s "Downgrade not allowed" before the extension it failed); and closeness to the',
    'failed task (without one: the',
    'time relation, a condition that held first, then the failure nearest the newest line of the logs). The catalogue',
    'order only breaks ties. The verdict is the first',
    'primary or contributing guest-side finding; with none, it is "No guest-side cause found" with the Azure-side',
    'checklist.',
    '',
    '**Known-benign messages** (for example the agent\'s "Dhcp client is not running." on distros without dhclient, or a',
    'goal-state fetch error that recovered minutes later) are set aside before the rules run and listed as "seen, known to',
    'be harmless" with their public source (`benign` in the JSON); they are never evidence.',
    '',
    'Where each cause sits in the path of a backup:',
    '',
    '| layer | causes |',
    '|---|---|',
    ...(['delivery', 'task', 'provisioning', 'azure'] as const).map((l) => `| ${l} | ${(Object.keys(CAUSE_LAYER) as CauseId[]).filter((c) => CAUSE_LAYER[c] === l).map((c) => `\`${c}\``).join(', ')} |`),
  ];
  return `${out.join('\n')}\n`;
}
