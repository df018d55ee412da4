import type { AnalysisResult } from '../../shared';

/** The failed backup task's [start, end] in ms (the last failed or unfinished task), or null. */
export function failureWindow(r: AnalysisResult | null): [number, number] | null {
  if (!r) return null;
  const failed = [...r.snapshots].reverse().find((s) => (s.result === 'failed' || s.result === 'unfinished') && s.start);
  if (!failed?.start) return null;
  const a = Date.parse(failed.start);
  const b = failed.end ? Date.parse(failed.end) : a;
  return Number.isFinite(a) ? [a, Number.isFinite(b) ? Math.max(a, b) : a] : null;
}
