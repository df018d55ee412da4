import {
  CAUSES,
  causeById,
  portalCode as lookupPortalCode,
  type AnalysisResult,
  type BundleFile,
  type Confidence,
  type Evidence,
  type Fact,
  type Finding,
  type SnapshotTask,
  type VerdictSummary,
} from '../../shared';
import { FactIndex } from './facts-index';
import { missingEvidence } from './missing-evidence';
import { summarizeAgent } from './reconstruct/agent-health';
import { buildExtensionHistory } from './reconstruct/extensions';
import { buildSnapshotTasks } from './reconstruct/snapshots';
import { buildTimeline } from './reconstruct/timeline';
import { summarizeVm } from './reconstruct/vm';
import type { ClockInference } from './reconstruct/clock';
import { RULES } from './rules';
import type { Rule, RuleContext, RuleOutcome } from './types';

export type DiagnosisParts = Pick<
  AnalysisResult,
  'vm' | 'agent' | 'verdict' | 'findings' | 'snapshots' | 'extensions' | 'timeline' | 'clock' | 'missingEvidence'
>;

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * Facts → reconstruction (tasks, extension history, agent health, timeline) → one rule per cause →
 * ranked findings and a verdict. Pure: no I/O, no clocks other than the facts'.
 */
export function diagnose(
  facts: readonly Fact[],
  files: readonly BundleFile[],
  clock: ClockInference,
  options: { portalCode?: string; rules?: readonly Rule[] } = {},
): DiagnosisParts {
  const index = new FactIndex(facts);
  const snapshots = buildSnapshotTasks(index);
  const extensions = buildExtensionHistory(index);
  const agent = summarizeAgent(index);
  const vm = summarizeVm(index, files);
  const kinds = new Set(files.map((f) => f.kind));
  const lastFailedTask = [...snapshots].reverse().find((t) => t.result !== 'success' && t.result !== 'in-progress' && t.result !== 'skipped');
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
  };

  const portal = options.portalCode ? lookupPortalCode(options.portalCode) : undefined;
  const findings = (options.rules ?? RULES).map((rule) => toFinding(rule, runRule(rule, ctx), portal?.causes));
  rankFindings(findings, lastFailedTask);

  return {
    vm,
    agent,
    verdict: summarizeVerdict(findings, options.portalCode, portal !== undefined),
    findings,
    snapshots,
    extensions,
    timeline: buildTimeline(index, snapshots, extensions),
    clock: clock.clock,
    missingEvidence: missingEvidence(files),
  };
}

/** A rule that throws must not take the diagnosis down: it becomes not-evaluable with the reason. */
function runRule(rule: Rule, ctx: RuleContext): RuleOutcome {
  try {
    return rule.evaluate(ctx);
  } catch (e) {
    return { verdict: 'not-evaluable', confidence: 'low', reason: `The rule failed on this bundle: ${(e as Error).message}`, evidence: [] };
  }
}

function toFinding(rule: Rule, outcome: RuleOutcome, portalCauses: readonly string[] | undefined): Finding {
  const def = causeById(rule.cause);
  const order = portalCauses?.indexOf(rule.cause);
  return {
    cause: rule.cause,
    verdict: outcome.verdict,
    confidence: outcome.confidence,
    portalCodes: def.portalCodes,
    title: def.title.en,
    reason: outcome.reason,
    evidence: outcome.evidence.slice(0, 50),
    remedy: def.remedy.en,
    links: def.links,
    ...(order !== undefined && order >= 0 ? { portalOrder: order } : {}),
    ...(outcome.taskId ? { taskId: outcome.taskId } : {}),
  };
}

function lastEvidenceTime(evidence: readonly Evidence[]): number {
  let t = -Infinity;
  for (const e of evidence) if (e.time) t = Math.max(t, Date.parse(e.time));
  return t;
}

/**
 * Detected first, then by confidence, then by closeness to the most recent failed task; among the
 * rest, causes of the entered portal code come first in the article's order.
 */
export function rankFindings(findings: Finding[], lastFailedTask?: SnapshotTask): void {
  const verdictRank = { detected: 0, 'not-evaluable': 1, 'ruled-out': 2 } as const;
  const anchor = lastFailedTask?.end ?? lastFailedTask?.start;
  const anchorMs = anchor ? Date.parse(anchor) : NaN;
  const closeness = (f: Finding) => {
    if (f.taskId && lastFailedTask && f.taskId === lastFailedTask.taskId) return 0;
    const t = lastEvidenceTime(f.evidence);
    if (!Number.isFinite(anchorMs) || !Number.isFinite(t)) return Number.MAX_SAFE_INTEGER;
    return Math.abs(anchorMs - t);
  };
  const catalogOrder = new Map(CAUSES.map((c, i) => [c.id, i]));
  findings.sort((a, b) => {
    if (a.verdict !== b.verdict) return verdictRank[a.verdict] - verdictRank[b.verdict];
    if (a.verdict === 'detected') {
      const c = CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence];
      if (c) return c;
      const d = closeness(a) - closeness(b);
      if (d) return d;
    }
    const pa = a.portalOrder ?? Number.MAX_SAFE_INTEGER;
    const pb = b.portalOrder ?? Number.MAX_SAFE_INTEGER;
    if (pa !== pb) return pa - pb;
    if (a.verdict !== 'detected') {
      const c = CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence];
      if (c) return c;
    }
    return (catalogOrder.get(a.cause) ?? 0) - (catalogOrder.get(b.cause) ?? 0);
  });
}

function summarizeVerdict(findings: readonly Finding[], portalCode: string | undefined, portalKnown: boolean): VerdictSummary {
  const top = findings.find((f) => f.verdict === 'detected');
  const unknownCode = portalCode && !portalKnown ? ` The portal code ${portalCode} is not in the catalogue; all causes were evaluated.` : '';
  if (!top) {
    return {
      portalCodes: portalCode ? [portalCode] : [],
      summary: `No cause was detected from the guest evidence.${unknownCode}`,
    };
  }
  const others = findings.filter((f) => f.verdict === 'detected' && f !== top).length;
  return {
    cause: top.cause,
    confidence: top.confidence,
    portalCodes: top.portalCodes,
    summary: `${top.title} (${top.confidence} confidence). ${top.reason}${others ? ` ${others} other cause${others > 1 ? 's were' : ' was'} also detected.` : ''}${unknownCode}`,
  };
}
