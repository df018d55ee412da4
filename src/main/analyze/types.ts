import type {
  AgentSummary,
  BundleFile,
  CauseId,
  ClockSummary,
  Confidence,
  Evidence,
  FactKind,
  FactOf,
  EvidenceStrength,
  ExtensionSummary,
  FileKind,
  RemedyOrder,
  SnapshotTask,
  TaskProgress,
  Verdict,
  VmSummary,
} from '../../shared';
import type { AnalysisMessage, GuestOs } from '../../shared/i18n/analysis';
import type { FactIndex } from './facts-index';

/** What every rule can look at: the facts plus what reconstruction built from them. */
export interface RuleContext {
  facts: FactIndex;
  files: readonly BundleFile[];
  snapshots: readonly SnapshotTask[];
  extensions: readonly ExtensionSummary[];
  agent: AgentSummary;
  clock: ClockSummary;
  vm: VmSummary;
  hasFileKind(kind: FileKind): boolean;
  /** The most recent task that did not succeed, if any: the anchor of the diagnosis. */
  lastFailedTask?: SnapshotTask;
  /** How far that task got (absent without a failed task). */
  progress?: TaskProgress;
  /** The judged VM's root in a bundle of several: the one root of the failed task's lines (engine.ts taskRoots); absent when not one. */
  root?: string;
}

/**
 * A rule's answer, insights-core style: a verdict with evidence, or "not evaluable" with what is
 * missing. `reason` is one or two sentences for the engineer, as a message of the analysis catalogue
 * (shared/i18n/analysis.ts): the engine renders it in English and Dutch, so a rule never builds a sentence.
 *
 * For `detected`, `confidence` is the most the rule's evidence can say on its own; the engine weighs
 * it (analyze/weigh.ts) by `strength`, the evidence's time relation to the failed task and the
 * cause's place in the task's path, and lowers it where those say less.
 */
export interface RuleOutcome {
  verdict: Verdict;
  confidence: Confidence;
  reason: AnalysisMessage;
  evidence: Evidence[];
  taskId?: string;
  /** Detected: the kind of evidence (default: strong, or weak for a low-confidence outcome). */
  strength?: EvidenceStrength;
  /** Detected: the cause's remedy steps the evidence points at first, and those it shows do not apply (remedySteps). */
  remedyOrder?: RemedyOrder;
  /** Detected: the condition held through the failed task (a state, a gap spanning it), whatever the evidence's own times. */
  spansTask?: boolean;
  /**
   * Detected: the evidence names a state that holds until a later line says otherwise (the running agent's
   * version), so the age of its line alone does not make it history when there is no failed task to weigh it by.
   */
  holds?: boolean;
  /**
   * Detected: all the evidence shows is a step whose failure Azure Backup survives with a lesser recovery point (a VSS
   * writer's veto: the snapshot falls back to file-system consistent), so without a portal code of this cause, which
   * says the job failed on it, it is at most medium (weigh.ts).
   */
  degradesOnly?: boolean;
  /**
   * Detected: a possible cause only, that nothing in the bundle confirms did fail the backup (another extension's
   * failed run, with no state of it that holds and no provisioning state that failed; one network failure and no
   * task): without a portal code of this cause it is at most low, and at equal weight it ranks after the rest (weigh.ts).
   */
  possibleOnly?: boolean;
  /**
   * With `holds`: the line that names a state apart from the failure (the agent's version). In a bundle of several VM
   * roots it speaks for the failure only from a root that holds the failure's evidence (engine.ts sayLessOfOtherRoots).
   * None where the state is the failure itself (an extension's failed status): its line is the failure's evidence.
   */
  state?: Evidence;
  /**
   * Set by the engine (sayLessOfOtherRoots): a held `state` read from a root that holds none of the failure's evidence,
   * so perhaps another VM's. At equal weight it ranks after the causes the failure's own root shows (weigh.ts).
   */
  otherRoot?: boolean;
  /**
   * Detected: causes whose failure, detected too, explains this one (an agent that cannot reach the WireServer cannot
   * fetch a newer agent): at equal weight it ranks after them (weigh.ts rankFindings), its own lines notwithstanding.
   */
  explainedBy?: readonly CauseId[];
  /**
   * Detected: causes this one's failure explains, the inverse of `explainedBy` (a release whose own logged sign is the
   * crash agent-unresponsive reads): at equal weight each ranks after this one, where its finding cites one of this
   * one's lines (engine.ts explanations), and never where it says the reverse itself.
   */
  explains?: readonly CauseId[];
  /**
   * When `evidence` is only the first MAX_EVIDENCE of many lines: the time (ms, NaN when untimed) of every
   * line, which the weighing reads instead (a broken agent's hundreds of thousands of failures are not
   * each built into an Evidence only to be dropped).
   */
  /**
   * Without a failed task, when the finding is to be placed by a time other than its newest cited line for ranking
   * (weigh.ts closeness): the newest line that bears on a backup, when a later cited one does not.
   */
  placedAt?: number;
  evidenceTimes?: ArrayLike<number>;
  /**
   * Detected agent or network failures: the time (ms) of the failure's last line and the kind of line that proves it
   * over. The engine asks whether the agent worked for hours after such a proof up to the newest line (recovery.ts):
   * a failure the VM lived past is history unless the failed task came before the recovery (weigh.ts).
   */
  recovery?: {
    proof: RecoveryProof;
    /** When the failure ended at the latest (its untimed lines bounded: recovery.ts failureEnd); NaN when unknown. */
    lastFailureMs: number;
  };
}

/**
 * What shows an agent or network failure over: `heartbeat` — the agent logging again (heartbeats, goal states);
 * `goal-state` — a goal state processed to the end, or a handler command the agent ran to success; `wireserver` — an answer from WireServer (a goal state fetched or
 * processed, a call that succeeded, a 2.9+ heartbeat counting no goal-state update error).
 */
export type RecoveryProof = 'heartbeat' | 'goal-state' | 'wireserver';

/** Evidence lines a finding shows (the rest are counted in its reason and weighed by their times). */
export const MAX_EVIDENCE = 50;

/** One rule per cause, in analyze/rules/<cause-id>.ts. */
export interface Rule {
  cause: CauseId;
  evaluate(ctx: RuleContext): RuleOutcome;
}

/**
 * The greatest of `values` (the latest of times), NaN ignored, -Infinity when none: a loop, as a spread into Math.max
 * of a bundle's every task, issue or disk overflows the stack.
 */
export function latestOf(values: Iterable<number>): number {
  let latest = -Infinity;
  for (const v of values) if (v > latest) latest = v;
  return latest;
}

/** Helper for the common "the bundle cannot show this" answer. */
export function notEvaluable(reason: AnalysisMessage, confidence: Confidence = 'low', evidence: Evidence[] = []): RuleOutcome {
  return { verdict: 'not-evaluable', confidence, reason, evidence };
}

/**
 * The guest agent's own logs of either OS: waagent.log on Linux (or a syslog/journal that relays its records);
 * WaAppAgent.log, its installer logs and event exports on Windows.
 */
const AGENT_LOG_KINDS = ['waagent-log', 'windows-agent-log', 'windows-event-export', 'windows-installer-log'] as const;

export function hasAgentLog(ctx: RuleContext): boolean {
  return AGENT_LOG_KINDS.some((k) => ctx.hasFileKind(k)) || ctx.files.some((f) => f.relaysAgentLog);
}

/** The logs the agent writes itself (waagent.log and its rotations; WaAppAgent.log and the logs in its shape). */
const OWN_AGENT_LOG_KINDS_LIST = ['waagent-log', 'windows-agent-log'] as const;
const OWN_AGENT_LOG_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(OWN_AGENT_LOG_KINDS_LIST);
/** What a syslog or journal says of its own lines (syslog.ts, service-state.ts): the rest of its facts are the agent's records. */
const SYSTEM_LOG_FACTS: ReadonlySet<FactKind> = new Set<FactKind>(['system-event', 'disk-space', 'probe', 'connectivity', 'os-release']);

/**
 * Whether a fact is one of the agent's own records: read from its log, or from a syslog/journal that relays them
 * (`relaysAgentLog`, the agent logs to stdout too). Asked of the file's kind, not its name: a journal export
 * called journal.txt holds the agent's records as much as waagent.log does. Tests each file once.
 */
export function agentRecordTest(ctx: Pick<RuleContext, 'files'>): (kind: FactKind, file: string) => boolean {
  const byPath = new Map<string, 'own' | 'relays' | 'other'>();
  for (const file of ctx.files) {
    const source = OWN_AGENT_LOG_KINDS.has(file.kind) ? 'own' : file.relaysAgentLog ? 'relays' : 'other';
    byPath.set(file.vmPath, source);
    if (file.givenName && !byPath.has(file.givenName)) byPath.set(file.givenName, source);
  }
  return (kind, file) => {
    const source = byPath.get(file);
    return source === 'own' || (source === 'relays' && !SYSTEM_LOG_FACTS.has(kind));
  };
}

/**
 * The agent's log as a message names it (shared/i18n/analysis.ts): its OS's own log, or, in a bundle without one,
 * the journal or syslog files its records were read from (by the names the engineer has).
 */
export function agentLogIn(ctx: RuleContext): { os: GuestOs; relayedIn?: string[] } {
  const os = guestOs(ctx);
  if (OWN_AGENT_LOG_KINDS_LIST.some((k) => ctx.hasFileKind(k))) return { os };
  const relayedIn = ctx.files.filter((f) => f.relaysAgentLog).map((f) => f.givenName ?? f.vmPath);
  return relayedIn.length ? { os, relayedIn } : { os };
}

/**
 * Whether a fact was read from a file of one of `kinds`, as ingest classified the file (by content and place, not by
 * its name: a SystemInfo.txt is no event export, an export saved as notes.log is one). Tests each file once.
 */
export function fileKindTest(ctx: Pick<RuleContext, 'files'>, kinds: readonly FileKind[]): (file: string) => boolean {
  const want = new Set(kinds);
  const byPath = new Map<string, boolean>();
  for (const file of ctx.files) {
    byPath.set(file.vmPath, want.has(file.kind));
    if (file.givenName && !byPath.has(file.givenName)) byPath.set(file.givenName, want.has(file.kind));
  }
  return (file) => byPath.get(file) === true;
}

/**
 * What the VM's instance view (parse/state/instance-view.ts) says of its agent: the platform's Not Ready (the agent
 * status it holds, not the guest's own status file), and whether the VM ran when the view was taken (its last
 * `PowerState/…`). An agent on a VM that does not run is Not Ready for that alone.
 */
export function platformAgentView(ctx: Pick<RuleContext, 'files' | 'facts'>): { notReady?: FactOf<'agent-status'>; stopped?: FactOf<'vm-platform-state'> } {
  const fromView = fileKindTest(ctx, ['instance-view-json']);
  const status = [...ctx.facts.of('agent-status')].reverse().find((f) => fromView(f.at.file));
  const power = ctx.facts.where('vm-platform-state', (f) => f.aspect === 'power').at(-1);
  return {
    ...(status?.status === 'NotReady' ? { notReady: status } : {}),
    ...(power && power.state !== 'running' && power.state !== 'unknown' ? { stopped: power } : {}),
  };
}

/** When the failed task failed (its end, else its start), NaN without a timed failed task. */
export function failureTime(ctx: Pick<RuleContext, 'lastFailedTask'>): number {
  const t = ctx.lastFailedTask;
  return Date.parse(t?.end ?? t?.start ?? t?.requestedStart ?? '');
}

/** A Windows guest: say things in its terms (its agent log, its installer, the portal), never Linux paths. */
export const WINDOWS_KINDS: readonly FileKind[] = ['windows-agent-log', 'windows-event-export', 'windows-installer-log', 'windows-plugin-log', 'windows-plugin-status', 'windows-vss-writers'];

export function isWindows(ctx: RuleContext): boolean {
  return ctx.vm.platform === 'windows' || (!ctx.hasFileKind('waagent-log') && WINDOWS_KINDS.some((k) => ctx.hasFileKind(k)));
}

/** The guest's OS, for messages that name its agent log and how to collect it (shared/i18n/analysis.ts). */
export function guestOs(ctx: RuleContext): GuestOs {
  return isWindows(ctx) ? 'windows' : 'linux';
}

/**
 * The backups the tasks are: a task whose id, start and end are another's (to the millisecond) is that backup logged
 * twice (a log pasted or concatenated twice over), not a second backup. For the rules that count backups or their
 * overlaps; a task without a start cannot be told from another and is kept.
 */
export function distinctRuns(tasks: readonly SnapshotTask[]): SnapshotTask[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    if (!t.start) return true;
    const key = `${t.taskId}\u0000${t.start}\u0000${t.end ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How far before the newest line of the logs a line is of a time long before it (weigh.ts relationOf's long-before). */
export const LONG_BEFORE_MS = 72 * 3_600_000;

/** The kinds of the agents' own log records (waagent.log, WaAppAgent.log): the span the logs cover. */
const AGENT_RECORD_KINDS: readonly FactKind[] = ['agent-heartbeat', 'agent-lifecycle', 'agent-event', 'agent-version', 'goal-state', 'goal-state-error', 'connectivity', 'extension-operation', 'windows-agent'];

/**
 * Whether a state a state file names as of `t` (its `timestampUTC`) is only its history: it is days older than the
 * oldest record of the agent's logs, so what became of it since (an operation that replaced it, the handler removed)
 * is in logs not collected (a handler folder left from long ago). A state within the logs' days, no later success
 * following it in them, still holds (the agent reports it on, however old: test/analyze/state/rules.test.ts); an
 * untimed state holds.
 */
export function staleState(ctx: Pick<RuleContext, 'facts'>, t: number): boolean {
  if (!Number.isFinite(t)) return false;
  let oldest = Infinity;
  for (const kind of AGENT_RECORD_KINDS) {
    const s = ctx.facts.series(kind);
    if (s.timed > 0 && s.time(0) < oldest) oldest = s.time(0);
  }
  return t < oldest - LONG_BEFORE_MS;
}
