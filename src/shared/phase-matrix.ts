import type { PhaseName, SnapshotPhase, SnapshotTask } from './model/analysis';

/**
 * "Phases per task": which tasks to set side by side and their phases in a fixed column order. Shared by
 * the report (src/main/report/svg.ts) and the app's Timeline view, so both show the same rows.
 */
export const PHASES: readonly PhaseName[] = ['enable', 'pre-script', 'freeze', 'snapshot', 'thaw', 'post-script', 'status'];

export interface PhaseRow {
  task: SnapshotTask;
  /** One per column of `phases`: the task's phase of that name (its first, if it logged one twice), or null. */
  cells: (SnapshotPhase | null)[];
}

export interface PhaseMatrix {
  phases: PhaseName[];
  /** Oldest first, so the failed task sits under the successful ones before it. */
  rows: PhaseRow[];
}

/**
 * The most recent `maxRows` tasks, never dropping one that did not succeed (a failure is why the matrix is
 * read). `dropEmptyColumns` leaves out phases no chosen task has (the app's table has little width).
 */
export function phaseMatrix(tasks: readonly SnapshotTask[], maxRows = 24, opts: { dropEmptyColumns?: boolean } = {}): PhaseMatrix {
  let rows = [...tasks];
  if (rows.length > maxRows) {
    const keep = new Set(rows.filter((t) => t.result !== 'success').slice(-maxRows));
    for (const t of rows.slice().reverse()) if (keep.size < maxRows) keep.add(t);
    rows = rows.filter((t) => keep.has(t));
  }
  const phases = opts.dropEmptyColumns ? PHASES.filter((p) => rows.some((t) => t.phases.some((x) => x.name === p))) : [...PHASES];
  return { phases, rows: rows.map((task) => ({ task, cells: phases.map((p) => task.phases.find((x) => x.name === p) ?? null) })) };
}

/** Per column, the median duration of the successful tasks' ok phases (the "usual" to hold a failure against). */
export function typicalDurations(m: PhaseMatrix): (number | null)[] {
  return m.phases.map((_, i) => {
    const d = m.rows
      .filter((r) => r.task.result === 'success')
      .map((r) => r.cells[i])
      .filter((c): c is SnapshotPhase => !!c && c.result === 'ok' && c.durationMs !== undefined && Number.isFinite(c.durationMs))
      .map((c) => c.durationMs!)
      .sort((a, b) => a - b);
    if (!d.length) return null;
    const mid = d.length >> 1;
    return d.length % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
  });
}
