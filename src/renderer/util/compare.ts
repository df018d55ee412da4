import type { AnalysisResult, PhaseName, SnapshotPhase, SnapshotTask } from '../../shared';
import { PHASES } from '../../shared/phase-matrix';

/**
 * Two backup tasks side by side, phase by phase (issue 21 point 11): the failed task against the last
 * one that succeeded, in one bundle or across two open bundles. Pure, so it is tested on real cases.
 */

/**
 * How a phase differs: `result` both logged it with different outcomes; `duration` same outcome but one
 * took far longer; `missing` only one side logged it (often the other bundle holds fewer logs, so it is
 * the weakest difference).
 */
export type PhaseDiff = 'result' | 'duration' | 'missing' | null;

export interface PhaseRow {
  name: PhaseName;
  a?: SnapshotPhase;
  b?: SnapshotPhase;
  diff: PhaseDiff;
}

export interface TaskComparison {
  rows: PhaseRow[];
  /** Index in `rows` of the first difference worth looking at, or null when the phases agree. */
  first: number | null;
}

/**
 * A duration differs when one is at least twice the other and they are at least 10 s apart: daily
 * tasks vary by a few seconds, a freeze that hit its time-out takes a minute or more.
 */
export const SLOWER_FACTOR = 2;
export const SLOWER_MIN_MS = 10_000;

export function durationDiffers(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return hi - lo >= SLOWER_MIN_MS && hi >= lo * SLOWER_FACTOR;
}

export function comparePhases(a: SnapshotTask, b: SnapshotTask): TaskComparison {
  const names = PHASES.filter((n) => a.phases.some((p) => p.name === n) || b.phases.some((p) => p.name === n));
  const rows = names.map((name): PhaseRow => {
    const pa = a.phases.find((p) => p.name === name);
    const pb = b.phases.find((p) => p.name === name);
    const diff: PhaseDiff = !pa || !pb ? 'missing' : pa.result !== pb.result ? 'result' : durationDiffers(pa.durationMs, pb.durationMs) ? 'duration' : null;
    return { name, a: pa, b: pb, diff };
  });
  // The first phase whose outcome differs is where the failed task went another way; a slower phase
  // comes next; a phase only one bundle logged says least.
  const firstOf = (d: PhaseDiff) => rows.findIndex((r) => r.diff === d);
  const order = (['result', 'duration', 'missing'] as const).map(firstOf).filter((i) => i >= 0);
  return { rows, first: order.length ? order[0] : null };
}

/** A task in one of the open bundles: the tab (its analysis session) and the task's index in `snapshots`. */
export interface TaskRef {
  tab: number;
  index: number;
}

export interface OpenBundle {
  tab: number;
  result: AnalysisResult;
}

const isFailed = (t: SnapshotTask) => t.result === 'failed' || t.result === 'unfinished';

/** The index of the failed task the diagnosis is about (the last failed or unfinished one), or -1. */
export function failedTaskIndex(r: AnalysisResult): number {
  for (let i = r.snapshots.length - 1; i >= 0; i--) if (isFailed(r.snapshots[i])) return i;
  return -1;
}

/**
 * What "Compare" opens on: the active bundle's failed task (else its last task) against the last task
 * that succeeded before it (see `lastSuccessFor`). `b` is null when no bundle has a successful task.
 */
export function defaultPair(bundles: readonly OpenBundle[], activeTab: number): { a: TaskRef | null; b: TaskRef | null } {
  const active = bundles.find((x) => x.tab === activeTab);
  if (!active || active.result.snapshots.length === 0) return { a: null, b: null };
  const failed = failedTaskIndex(active.result);
  const a = { tab: activeTab, index: failed >= 0 ? failed : active.result.snapshots.length - 1 };
  return { a, b: lastSuccessFor(bundles, a) };
}

/**
 * The task to put beside `a` ("Compare with last success"): the last task before it in its own bundle
 * that succeeded, else the latest successful task of another open bundle; null when there is none.
 */
export function lastSuccessFor(bundles: readonly OpenBundle[], a: TaskRef): TaskRef | null {
  const own = bundles.find((x) => x.tab === a.tab);
  if (!own) return null;
  for (let i = a.index - 1; i >= 0; i--) if (own.result.snapshots[i].result === 'success') return { tab: a.tab, index: i };
  let best: { ref: TaskRef; at: number } | null = null;
  for (const o of bundles) {
    if (o.tab === a.tab) continue;
    o.result.snapshots.forEach((t, index) => {
      if (t.result !== 'success') return;
      const at = Date.parse(t.start ?? t.end ?? '') || 0;
      if (!best || at >= best.at) best = { ref: { tab: o.tab, index }, at };
    });
  }
  return (best as { ref: TaskRef } | null)?.ref ?? null;
}

/** The task a reference points at, if its bundle is still open. */
export function taskAt(bundles: readonly OpenBundle[], ref: TaskRef | null): SnapshotTask | undefined {
  if (!ref) return undefined;
  return bundles.find((x) => x.tab === ref.tab)?.result.snapshots[ref.index];
}
