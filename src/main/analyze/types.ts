import type {
  AgentSummary,
  BundleFile,
  CauseId,
  ClockSummary,
  Confidence,
  Evidence,
  ExtensionSummary,
  FileKind,
  SnapshotTask,
  Verdict,
  VmSummary,
} from '../../shared';
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
  /** The most recent task that did not succeed, if any. */
  lastFailedTask?: SnapshotTask;
}

/**
 * A rule's answer, insights-core style: a verdict with evidence, or "not evaluable" with what is
 * missing. `reason` is one or two sentences in English for the engineer.
 */
export interface RuleOutcome {
  verdict: Verdict;
  confidence: Confidence;
  reason: string;
  evidence: Evidence[];
  taskId?: string;
}

/** One rule per cause, in analyze/rules/<cause-id>.ts. */
export interface Rule {
  cause: CauseId;
  evaluate(ctx: RuleContext): RuleOutcome;
}

/** Helper for the common "the bundle cannot show this" answer. */
export function notEvaluable(reason: string, confidence: Confidence = 'low', evidence: Evidence[] = []): RuleOutcome {
  return { verdict: 'not-evaluable', confidence, reason, evidence };
}
