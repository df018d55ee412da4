import { useEffect, useState } from 'react';
import type { Lang, PhaseResult, SnapshotTask } from '../../shared';
import { textIn } from '../../shared/i18n/analysis';
import { codeCell, loggedCode } from '../../shared/vmsnapshot-codes';
import { useLang, useT, type Messages } from '../i18n';
import { useApp } from '../state/store';
import { bundleLabel, useOpenBundles } from '../state/tabs';
import { comparePhases, defaultPair, lastSuccessFor, taskAt, type OpenBundle, type PhaseRow, type TaskRef } from '../util/compare';
import { formatDuration, formatTime, type TimeMode } from '../util/time';
import { usePhaseNames } from '../util/phase-name';

const refKey = (r: TaskRef | null) => (r ? `${r.tab}:${r.index}` : '');
const parseRef = (v: string): TaskRef | null => {
  const [tab, index] = v.split(':').map(Number);
  return Number.isInteger(tab) && Number.isInteger(index) ? { tab, index } : null;
};
/** A phase result's badge class (the task result colours: ok green, failed red, the rest amber). */
const phaseBadge = (r: PhaseResult) => (r === 'ok' ? 'success' : r === 'timed-out' ? 'failed' : r);

/** Two backup tasks side by side, phase by phase: the failed one against the last success, or across open bundles. */
export function CompareView() {
  const t = useT();
  const phaseNames = usePhaseNames();
  const lang = useLang((s) => s.lang);
  const mode = useApp((s) => s.timeMode);
  const { bundles, active } = useOpenBundles();
  // "Compare with last success" names task A; otherwise the failed task of the shown bundle
  const [pick, setPick] = useState(() => {
    const from = useApp.getState().compareFrom;
    return from && taskAt(bundles, from) ? { a: from, b: lastSuccessFor(bundles, from) } : defaultPair(bundles, active);
  });
  // a closed tab takes its tasks with it: start again from the default pair
  useEffect(() => {
    if ((pick.a && !taskAt(bundles, pick.a)) || (pick.b && !taskAt(bundles, pick.b))) setPick(defaultPair(bundles, active));
  }, [bundles, active, pick]);

  const a = taskAt(bundles, pick.a);
  const b = taskAt(bundles, pick.b);
  const all = bundles.some((x) => x.result.snapshots.length > 0);
  const name = (r: TaskRef | null) => (r ? bundleLabel(bundles.find((x) => x.tab === r.tab)!.result, t) : '');
  const multi = bundles.length > 1;

  if (!all) {
    return (
      <section className="compare" aria-labelledby="compare-title">
        <h1 id="compare-title">{t.cmp.title}</h1>
        <p className="muted">{t.cmp.noTasks}</p>
      </section>
    );
  }

  const picker = (which: 'a' | 'b') => (
    <label className="compare-pick">
      <span>{which === 'a' ? t.cmp.taskA : t.cmp.taskB}</span>
      <select value={refKey(pick[which])} onChange={(e) => setPick({ ...pick, [which]: parseRef(e.target.value) })} data-testid={`compare-pick-${which}`}>
        {!pick[which] && <option value="">{t.cmp.choose}</option>}
        {bundles.map((x) =>
          multi ? (
            <optgroup key={x.tab} label={bundleLabel(x.result, t)}>
              {taskOptions(x, t, mode)}
            </optgroup>
          ) : (
            taskOptions(x, t, mode)
          ),
        )}
      </select>
    </label>
  );

  const cmp = a && b ? comparePhases(a, b) : null;
  const first = cmp && cmp.first !== null ? cmp.rows[cmp.first] : null;
  return (
    <section className="compare" aria-labelledby="compare-title">
      <h1 id="compare-title">{t.cmp.title}</h1>
      <p className="muted">{t.cmp.intro}</p>
      <div className="compare-picks">
        {picker('a')}
        {picker('b')}
      </div>
      {!b && <p className="compare-note" role="status">{multi ? t.cmp.noPartner : t.cmp.noPartnerOpen}</p>}
      {a && b && cmp && (
        <>
          <p className="compare-summary" role="status" data-testid="compare-summary">
            {first ? t.cmp.firstAt(phaseNames[first.name], t.cmp.diff[first.diff!]) : t.cmp.same}
          </p>
          <div className="table-wrap">
            <table className="table compare-table" data-testid="compare-table">
              <caption className="sr-only">{t.cmp.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.cmp.phase}</th>
                  <th scope="col">
                    {t.cmp.taskA}
                    {multi && <span className="muted small compare-from"> {name(pick.a)}</span>}
                  </th>
                  <th scope="col">
                    {t.cmp.taskB}
                    {multi && <span className="muted small compare-from"> {name(pick.b)}</span>}
                  </th>
                  <th scope="col">{t.cmp.difference}</th>
                </tr>
              </thead>
              <tbody>
                <tr className="compare-task">
                  <th scope="row">{t.cmp.task}</th>
                  <td>{taskCell(a, t, mode)}</td>
                  <td>{taskCell(b, t, mode)}</td>
                  <td>{a.result !== b.result || a.code !== b.code ? t.cmp.diff.result : ''}</td>
                </tr>
                {cmp.rows.map((row, i) => (
                  <tr key={row.name} className={`diff-${row.diff ?? 'none'}${i === cmp.first ? ' first-diff' : ''}`} data-testid="compare-row" data-phase={row.name} data-first={i === cmp.first ? 'true' : undefined}>
                    <th scope="row">{phaseNames[row.name]}</th>
                    <td>{phaseCell(row, 'a', t, lang)}</td>
                    <td>{phaseCell(row, 'b', t, lang)}</td>
                    <td>
                      {i === cmp.first && <span className="badge first-badge">{t.cmp.first}</span>} {row.diff ? t.cmp.diff[row.diff] : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function taskOptions(x: OpenBundle, t: Messages, mode: TimeMode) {
  return x.result.snapshots.map((task, index) => (
    <option key={`${x.tab}:${index}`} value={`${x.tab}:${index}`}>
      {t.cmp.option(task.seqNo !== undefined ? `#${task.seqNo}` : `${index + 1}`, task.start ? formatTime(task.start, mode, false) : t.common.unknown, t.report.snapshotResults[task.result], task.code)}
    </option>
  ));
}

function taskCell(task: SnapshotTask, t: Messages, mode: TimeMode) {
  return (
    <>
      <span className={`badge res-badge-${task.result}`}>{t.report.snapshotResults[task.result]}</span>
      {task.code !== undefined && codeCell(task) !== '—' && <code className="chip">{loggedCode(task) !== undefined && task.statusName ? `${task.code} ${task.statusName}` : codeCell(task)}</code>}
      <span className="compare-when muted small">
        {task.start ? formatTime(task.start, mode) : t.common.unknown} · {formatDuration(task.durationMs)}
      </span>
    </>
  );
}

function phaseCell(row: PhaseRow, side: 'a' | 'b', t: Messages, lang: Lang) {
  const p = row[side];
  if (!p) return <span className="muted">{t.cmp.notLogged}</span>;
  return (
    <>
      <span className={`badge res-badge-${phaseBadge(p.result)}`}>{t.report.phaseResults[p.result]}</span> <span className="compare-dur">{formatDuration(p.durationMs)}</span>
      {p.detail && <span className="compare-detail muted small">{textIn(lang, p.detail, p.detailNl)}</span>}
    </>
  );
}
