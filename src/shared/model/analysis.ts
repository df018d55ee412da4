import type { Evidence } from '../facts/common';
import type { CodeFrom } from '../vmsnapshot-codes';
import type { CauseId, Confidence, Verdict } from '../catalog/types';
import type { BundleFile, InputSummary, Warning } from './bundle';
import type { MissingEvidence } from './missing-evidence';

/** The result of one analysis: what the CLI prints as JSON (docs/CONTRACT.md) and what the UI and reports show. */
export interface AnalysisResult {
  schemaVersion: 1;
  tool: { name: 'vmbackup-doctor'; version: string };
  analyzedAt: string;
  /** The portal error code the engineer entered, if any. */
  portalCode?: string;
  /** When the engineer says the job failed (ISO UTC): the diagnosis weighs against the failed task nearest it. */
  failedAt?: string;
  inputs: InputSummary[];
  files: BundleFile[];
  vm: VmSummary;
  agent: AgentSummary;
  verdict: VerdictSummary;
  /** Every cause in the catalog exactly once; detected first, most likely first. */
  findings: Finding[];
  snapshots: SnapshotTask[];
  extensions: ExtensionSummary[];
  timeline: TimelineItem[];
  clock: ClockSummary;
  missingEvidence: MissingEvidence[];
  /** ERROR/WARNING records no catalogue entry explains, grouped by template (analyze/unexplained.ts). */
  unexplained?: UnexplainedError[];
  /** How far the failed backup task got (the anchor of the diagnosis); absent when the bundle has no failed task. */
  failedTask?: TaskProgress;
  /** Messages seen that are known to be harmless (each with its public source); never evidence. */
  benign?: BenignSighting[];
  /** Counts per hour for the charts (src/shared/chart-data.ts); absent in results saved before they existed. */
  activity?: ActivityCharts;
  /**
   * Set when the bundle holds more than one VM's logs (pipeline/vms.ts): the analysis read them as one VM, so every
   * finding's confidence is capped at low. Absent otherwise and in results saved before it existed.
   */
  multipleVms?: MultipleVms;
  /** Set when only one VM's files of the bundle were analysed (`--vm`, or "open this VM alone"). */
  onlyVm?: OnlyVm;
  warnings: Warning[];
  stats: { records: number; facts: number; bytes: number; durationMs: number };
}

/** The VMs a bundle holds logs of, and the notice that says so (docs/CONTRACT.md). */
export interface MultipleVms {
  /**
   * What told them apart: the files name two machines (`identity`: /etc/hostname, ovf-env.xml, the goal state's role
   * instance), a Linux agent's log beside a Windows agent's (`platform`), or two logs of one kind under different roots
   * with different records over the same hours (`overlap`), or the agent's records a syslog/journal of one root relays
   * missing from a waagent.log of another over the same hours (`relay`).
   */
  basis: 'identity' | 'overlap' | 'platform' | 'relay';
  /**
   * Each VM seen: `root`, where its files lie in the bundle (the input's name and the folder above the VM's own paths,
   * `logs/other-vm`); `machine` when the files name it; `platform` for `platform`.
   */
  vms: { root: string; machine?: string; platform?: 'linux' | 'windows' }[];
  /** For `overlap`: the log both roots hold (its VM path, `var/log/waagent.log`); for `relay`: the second root's agent log. */
  log?: string;
  /** For `relay`: the first root's log that relays the agent (its VM path, `var/log/syslog`). */
  relay?: string;
  /** The notice: what was seen, that no finding is above low, and to collect the failed VM's logs alone. */
  message: string;
  /** The same in Dutch. */
  messageNl: string;
}

/** Only the files under one root were analysed (docs/CONTRACT.md): the root, how many files that kept, and the notice. */
export interface OnlyVm {
  /** A `multipleVms.vms[].root`: the input's name and the folders above the VM's own paths. */
  root: string;
  /** The files under it, analysed. */
  files: number;
  /** The files the inputs hold in all. */
  of: number;
  message: string;
  messageNl: string;
}

export interface VmSummary {
  hostname?: string;
  os?: string;
  platform: 'linux' | 'windows' | 'unknown';
  /** When the bundle was collected (log collector, sosreport or SSH manifest), ISO UTC. */
  collectedAt?: string;
  /** First and last record time seen, ISO UTC. */
  firstRecord?: string;
  lastRecord?: string;
}

export interface AgentSummary {
  daemonVersion?: string;
  goalStateAgentVersion?: string;
  /** The supported minimum for the goal-state agent (KB 4049215). */
  minimumSupported: string;
  /** null when the goal-state agent version is unknown. */
  supported: boolean | null;
  heartbeats: number;
  /** Longest gap between heartbeats while the agent ran, in minutes. */
  longestHeartbeatGapMinutes?: number;
  restarts: number;
  crashes: number;
  goalStateErrors: number;
  selfUpdateFailures: number;
  disabled: boolean;
  extensionsEnabled: boolean | null;
  autoUpdate: boolean | null;
}

export interface VerdictSummary {
  /** The most likely cause; absent when no guest-side cause was found. */
  cause?: CauseId;
  confidence?: Confidence;
  portalCodes: string[];
  /** One or two sentences a senior engineer would write: what happened to the task, what was ruled out. */
  summary: string;
  /** The same in Dutch (the cause described from the catalogue instead of the rule's English reason). */
  summaryNl?: string;
  /** With no guest-side cause (or an Azure-side portal code): what to check in Azure, per cause. */
  azureChecklist?: { cause: CauseId; title: string; check: string }[];
  /**
   * With a failed task: how long before the newest time the logs give (`newest`, ISO UTC) the task failed (its end, or
   * its start without one), ms. Absent when either is untimed.
   */
  failureAge?: { ms: number; newest: string };
}

/** A finding's place in the story of the failed task (docs/causes.md, "Evidence model"). */
export type FindingRole = 'primary' | 'contributing' | 'background';
/**
 * What kind of evidence a finding rests on: the task's own failure code or status (decisive); sustained
 * failures, or a state that held through the task (strong); a single message or an indirect hint (weak).
 */
export type EvidenceStrength = 'decisive' | 'strong' | 'weak';
/**
 * When the evidence was written relative to the failed task: during it, in the hours before it, days
 * before it, long before it, before a later successful backup (history), after it, or with no time.
 */
export type TimeRelation = 'during' | 'window' | 'before' | 'long-before' | 'history' | 'after' | 'untimed';

/** The stages a backup task passes on the VM, in order. */
export type TaskStage = 'goal-state' | 'agent-processed' | 'enable' | 'pre-script' | 'freeze' | 'snapshot' | 'thaw' | 'post-script' | 'status';

export interface TaskStageStep {
  stage: TaskStage;
  /** ok = passed, failed = stopped here, unknown = reached but no outcome logged. */
  result: 'ok' | 'failed' | 'unknown';
  time: string | null;
  evidence?: Evidence;
}

/** How far the failed backup task got on the VM. */
export interface TaskProgress {
  taskId: string;
  seqNo?: number;
  start: string | null;
  /** The stages seen, in pipeline order. */
  stages: TaskStageStep[];
  /** The last stage reached. */
  reached: TaskStage;
  /** The stage that failed, if one did. */
  failedAt?: TaskStage;
  /** The Backup extension ran for this task: the agent and the network delivered it. */
  reachedExtension: boolean;
  code?: number;
  statusName?: string;
  codeFrom?: CodeFrom;
  errorCode?: number;
}

export interface BenignSighting {
  /** Row id in the known-benign table. */
  id: string;
  title: { en: string; nl: string };
  why: { en: string; nl: string };
  source: string;
  count: number;
  /** The first few lines seen. */
  evidence: Evidence[];
}

export interface Finding {
  cause: CauseId;
  verdict: Verdict;
  /** Always set for `detected`; for the others it says how sure the verdict is. */
  confidence: Confidence;
  portalCodes: string[];
  title: string;
  /** Why this verdict: what was seen, or what is missing / only visible in Azure. */
  reason: string;
  /** The same in Dutch. */
  reasonNl?: string;
  evidence: Evidence[];
  /** The cause's remedy steps for this guest's platform (steps for the other platform left out). */
  remedy: string[];
  /** The same in Dutch. */
  remedyNl?: string[];
  /** `titleNl` is missing in results from before it existed. */
  links: { title: string; url: string; titleNl?: string }[];
  /** Set when the engineer gave a portal code: position of this cause in that code's list (article order). */
  portalOrder?: number;
  /** Snapshot task this finding is about, when it concerns one. */
  taskId?: string;
  /** Detected findings only: primary (explains where the failed task stopped), contributing, or background. */
  role?: FindingRole;
  /** Detected findings only: the kind of evidence and its time relation to the failed task. */
  strength?: EvidenceStrength;
  relation?: TimeRelation;
  /**
   * Detected agent or network failures the agent recovered from (ISO UTC): the first line that proves the failure
   * over and the last of the healthy activity that followed it up to the newest line, hours later.
   */
  recovered?: { at: string; until: string };
}

export type PhaseName = 'enable' | 'pre-script' | 'freeze' | 'snapshot' | 'thaw' | 'post-script' | 'status';
export type PhaseResult = 'ok' | 'failed' | 'timed-out' | 'skipped' | 'unfinished' | 'unknown';

export interface SnapshotPhase {
  name: PhaseName;
  start?: string;
  end?: string;
  durationMs?: number;
  result: PhaseResult;
  detail?: string;
  /** The same in Dutch, when the detail is the app's own words (a detail quoted from a log has none). */
  detailNl?: string;
}

export interface SnapshotMilestoneRef {
  name: string;
  time: string | null;
  file: string;
  line: number;
  text: string;
}

export type UnfinishedCode = 'frozen' | 'vss-waiting' | 'next-task' | 'logs-continue' | 'unplaced' | 'status-not-written' | 'no-daemon';

export type SnapshotResult = 'success' | 'failed' | 'in-progress' | 'unfinished' | 'skipped' | 'unknown';

export { UNKNOWN_TASK_ID } from './task-id';

export interface SnapshotTask {
  /** The extension's task id; UNKNOWN_TASK_ID when the logs give none. */
  taskId: string;
  seqNo?: number;
  /** When the service asked (commandStartTimeUTCTicks), ISO UTC. */
  requestedStart?: string;
  start: string | null;
  end: string | null;
  durationMs?: number;
  result: SnapshotResult;
  /** Extension status code (1 FS-consistent, 0 app-consistent, 121 freeze failed, ...). */
  code?: number;
  statusName?: string;
  /**
   * The log does not hold `code`'s number: `name`, it is the extension's number for the logged `statusName`; `words`,
   * for what the log says (`Failed to FIFREEZE`), and `statusName` is not logged either. Shown to the reader as the
   * log says it, never as a logged code.
   */
  codeFrom?: CodeFrom;
  /** The snapshot step's own `errorcode: <n>` as the log gives it (`snapshot result: errorcode: 409`). */
  errorCode?: number;
  message?: string;
  /** The same in Dutch, when the message is the app's own words (the extension's own message has none). */
  messageNl?: string;
  snapshotPath?: 'host' | 'guest' | 'unknown';
  disks: { disk: string; ok: boolean | null; detail?: string }[];
  phases: SnapshotPhase[];
  milestones: SnapshotMilestoneRef[];
  /** Why a task is `unfinished` (for example: the freeze block was never flushed). */
  unfinishedReason?: string;
  /**
   * The same as a code, for rules and tools (the reason's words differ by language and platform): `frozen` (Linux: the
   * log ends at the freeze's signal line), `vss-waiting` (Windows: the plugin log ends waiting for a VSS call),
   * `next-task`, `logs-continue`, `unplaced` (a last task with no time), `status-not-written`, `no-daemon`.
   */
  unfinishedCode?: UnfinishedCode;
  /** The same in Dutch. */
  unfinishedReasonNl?: string;
  extensionVersion?: string;
}

export interface ExtensionOperationSummary {
  op: string;
  time: string | null;
  outcome: string;
  durationMs?: number;
  exitCode?: number;
  message?: string;
  /** The same in Dutch, when the message is the app's own words (an extension's own message has none). */
  messageNl?: string;
  goalStateId?: string;
  evidence: Evidence;
}

export interface ExtensionSummary {
  name: string;
  version?: string;
  /** Handler state (Enabled, Installed, FailedUpgrade, ...) or the last known status. */
  state?: string;
  status?: string;
  lastOperation?: string;
  lastCode?: number;
  lastMessage?: string;
  /** The same in Dutch, when the message is the app's own words (an extension's own message has none). */
  lastMessageNl?: string;
  lastTime?: string;
  history: ExtensionOperationSummary[];
}

export type TimelineLane = 'snapshot' | 'extension' | 'agent' | 'error';

export interface TimelineItem {
  id: string;
  lane: TimelineLane;
  /** Lane label (the handler name for extension lanes). */
  group: string;
  label: string;
  /** The same in Dutch (absent where the label is a number: the error lane's count). */
  labelNl?: string;
  start: string;
  end?: string;
  severity: 'ok' | 'info' | 'warning' | 'error';
  /** Records behind the item, for "click opens the records". */
  evidence: Evidence[];
  taskId?: string;
}

export interface ClockSummary {
  /** Offsets inferred for local-time sources, in minutes (local − UTC). */
  offsets: { source: string; offsetMinutes: number; basis: string }[];
  /** Sources whose local time could not be anchored. */
  unresolved: string[];
  /** Largest VM-vs-host clock difference seen (host time in pre-snapshot), seconds. */
  skewSeconds?: number;
}

/** Counts per time bin for a few named series, bins of `stepMs` from `start`. */
export interface HourlySeries {
  /** The first bin's start, ISO UTC on a whole hour. */
  start: string;
  /** An hour, or a whole number of hours when the logs span more than 240 of them. */
  stepMs: number;
  /** Every series has one count per bin. */
  series: { name: string; counts: number[] }[];
}

export interface ActivityCharts {
  /** Heartbeats, goal states and agent starts (`heartbeats`, `goalStates`, `restarts`); absent when none has a time. */
  agent?: HourlySeries;
  /** Warning and error records by source (the five busiest, the rest as `…`); absent when there are none. */
  problems?: HourlySeries;
}

/** One template of errors/warnings the tool does not explain: what an engineer should still look at. */
export interface UnexplainedError {
  /** The first line with times, GUIDs, URLs, paths, IP addresses, hex ids and numbers masked (`<time>`, `<n>`, ...). */
  template: string;
  level: 'error' | 'warning';
  count: number;
  /** ISO UTC, null when none of its records has a time. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** One occurrence (the one near the failure when there is one). */
  sample: Evidence;
  /** Some occurrence lies from 2 h before a failed task to 1 h after it (or near detected evidence when no task failed). */
  nearFailure: boolean;
}

export type { MissingEvidence } from './missing-evidence';
