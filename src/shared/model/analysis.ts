import type { Evidence } from '../facts/common';
import type { CauseId, Confidence, Verdict } from '../catalog/types';
import type { BundleFile, InputSummary, Warning } from './bundle';

/** The result of one analysis: what the CLI prints as JSON (CAUSES.md) and what the UI and reports show. */
export interface AnalysisResult {
  schemaVersion: 1;
  tool: { name: 'vmbackup-doctor'; version: string };
  analyzedAt: string;
  /** The portal error code the engineer entered, if any. */
  portalCode?: string;
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
  warnings: Warning[];
  stats: { records: number; facts: number; bytes: number; durationMs: number };
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
  /** The most likely cause; absent when nothing was detected. */
  cause?: CauseId;
  confidence?: Confidence;
  portalCodes: string[];
  /** One or two sentences a senior engineer would write. */
  summary: string;
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
  evidence: Evidence[];
  remedy: string[];
  links: { title: string; url: string }[];
  /** Set when the engineer gave a portal code: position of this cause in that code's list (article order). */
  portalOrder?: number;
  /** Snapshot task this finding is about, when it concerns one. */
  taskId?: string;
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
}

export interface SnapshotMilestoneRef {
  name: string;
  time: string | null;
  file: string;
  line: number;
  text: string;
}

export type SnapshotResult = 'success' | 'failed' | 'in-progress' | 'unfinished' | 'skipped' | 'unknown';

export interface SnapshotTask {
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
  message?: string;
  snapshotPath?: 'host' | 'guest' | 'unknown';
  disks: { disk: string; ok: boolean | null; detail?: string }[];
  phases: SnapshotPhase[];
  milestones: SnapshotMilestoneRef[];
  /** Why a task is `unfinished` (for example: the freeze block was never flushed). */
  unfinishedReason?: string;
  extensionVersion?: string;
}

export interface ExtensionOperationSummary {
  op: string;
  time: string | null;
  outcome: string;
  durationMs?: number;
  exitCode?: number;
  message?: string;
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

export interface MissingEvidence {
  what: string;
  why: string;
  howToCollect: string;
}
