import { memo, useMemo } from 'react';
import type { SnapshotTask } from '../../shared';
import { phaseMatrix, typicalDurations } from '../../shared/phase-matrix';
import { textIn } from '../../shared/i18n/analysis';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';
import { durationDiffers } from '../util/compare';
import { formatDuration, formatTime } from '../util/time';
import { usePhaseNames } from '../util/phase-name';

/** Rows the app shows: the failed task and the ones before it fit a small window without scrolling. */
const MAX_ROWS = 8;

/**
 * "Phases per task" (the report's matrix, same rows: src/shared/phase-matrix.ts): the failed task beside
 * the tasks before it, a column per phase with its result in words and its duration, and a row with the
 * successful tasks' usual (median) durations to hold the failure against.
 */
export const TimelinePhaseTable = memo(function TimelinePhaseTable({ tasks, onSelect }: { tasks: SnapshotTask[]; onSelect: (t: SnapshotTask) => void }) {
  const tr = useT();
  const lang = useLang((s) => s.lang);
  const mode = useApp((s) => s.timeMode);
  const phaseNames = usePhaseNames();
  const matrix = useMemo(() => phaseMatrix(tasks, MAX_ROWS, { dropEmptyColumns: true }), [tasks]);
  const usual = useMemo(() => typicalDurations(matrix), [matrix]);
  const successes = matrix.rows.filter((r) => r.task.result === 'success').length;
  if (!matrix.rows.length || !matrix.phases.length) return null;
  return (
    <section className="tl-phase-table" aria-labelledby="tl-phase-table-title" data-testid="phase-table">
      <h3 id="tl-phase-table-title">{tr.report.phaseMatrix}</h3>
      <p className="muted small">{matrix.rows.some((r) => r.task.result !== 'success') ? tr.tl.phaseTableHint : tr.tl.phaseTableHintAll}</p>
      <div className="tl-phase-scroll">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{tr.tl.task}</th>
              <th scope="col">{tr.tl.result}</th>
              {matrix.phases.map((p) => (
                <th scope="col" key={p}>
                  {phaseNames[p]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map(({ task, cells }) => (
              <tr key={task.taskId} className={`res-${task.result}`} data-testid="phase-row" data-result={task.result}>
                <th scope="row" className="tl-phase-task">
                  <button type="button" className="link" onClick={() => onSelect(task)}>
                    {task.start || task.requestedStart ? formatTime(task.start ?? task.requestedStart, mode) : tr.tl.noTime}
                  </button>
                  {task.seqNo !== undefined && <span className="muted small"> #{task.seqNo}</span>}
                </th>
                <td>
                  <span className={`badge res-badge-${task.result}`}>{tr.report.snapshotResults[task.result]}</span>
                  {task.code !== undefined && task.result !== 'success' ? <span className="small"> {task.code}</span> : null}
                </td>
                {cells.map((c, i) => {
                  if (!c) return (
                    <td key={matrix.phases[i]} className="tl-cell tl-cell-none muted small">
                      {tr.tl.notLogged}
                    </td>
                  );
                  const u = usual[i];
                  // Slower the way the compare view counts it (2× and 10 s apart: daily tasks vary by seconds).
                  const slow = task.result !== 'success' && u && c.durationMs !== undefined && c.durationMs > u && durationDiffers(c.durationMs, u) ? c.durationMs / u : 0;
                  return (
                    <td key={matrix.phases[i]} className={`tl-cell tl-cell-${c.result}`} title={c.detail && textIn(lang, c.detail, c.detailNl)}>
                      <span className="tl-cell-result">{c.result === 'ok' ? '✓' : c.result === 'failed' || c.result === 'timed-out' ? '✗' : '–'} {tr.report.phaseResults[c.result]}</span>
                      {c.durationMs !== undefined && <span className="tl-cell-dur"> · {formatDuration(c.durationMs)}</span>}
                      {slow > 0 && <span className="tl-cell-slow small"> ({tr.tl.timesUsual(slow >= 10 ? Math.round(slow).toString() : slow.toFixed(1))})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            {successes > 0 && (
              <tr className="tl-usual" data-testid="phase-usual">
                <th scope="row" colSpan={2}>
                  {tr.tl.usual(successes)}
                </th>
                {usual.map((u, i) => (
                  <td key={matrix.phases[i]} className="small">
                    {u === null ? '—' : formatDuration(u)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
});
