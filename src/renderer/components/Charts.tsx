import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, ScatterChart, Tooltip, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { AnalysisResult } from '../../shared';
import { durationAxis, FAILED_COLOUR, HOUR, hourRows, MARK_CELL, marksPath, OTHER_COLOUR, SERIES_COLOURS as SERIES, seriesKey, splitFailed, taskMarks, taskPoints, taskSpan, type AgentSeries, type TaskMark, type TaskPoint } from '../../shared/chart-data';
import { taskLabel } from '../../shared/i18n/analysis';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';
import { DEFAULT_REM_PX, useRemPx } from '../util/rem';
import { formatMs, formatTick, zoneName, type TimeMode } from '../util/time';


/** recharts takes px: its 11/12 px text (at a 16 px root) scaled by the root font size, so the OS text size applies. */
function useChartFont() {
  const k = useRemPx() / DEFAULT_REM_PX;
  return { tick: 11 * k, legend: 12 * k, axisW: 40 * k };
}

/** Task duration, agent activity and problems per hour: where a picture says it faster than the tables. */
export function Charts() {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const t = useT();
  if (!result) return null;
  return (
    <section className="charts" aria-label={t.charts.title} data-testid="charts">
      <h2 className="section-title">{t.charts.title}</h2>
      <div className="charts-grid">
        <TaskDurationChart result={result} mode={mode} />
        <ActivityChart result={result} mode={mode} />
        <ProblemsChart result={result} mode={mode} />
      </div>
    </section>
  );
}

/** Circle radius and half the square's side, px: the square covers a MARK_CELL cell's every task (chart-data.ts). */
const R = Math.max(4, MARK_CELL);
/** A pointer within this many px of a symbol's centre shows its tooltip. */
const NEAR = 10;
/** Tasks a symbol's tooltip lists; the rest are counted. */
const TIP_TASKS = 5;

type Kind = 'ok' | 'failed' | 'other';
/** Drawn last is on top: a failure is never under another symbol. */
const KINDS: readonly Kind[] = ['ok', 'other', 'failed'];

interface Drawn {
  marks: Record<Kind, TaskMark[]>;
  /** Every symbol in time order (then top to bottom): what the arrow keys step through. */
  order: { mark: TaskMark; kind: Kind }[];
  total: number;
}

/**
 * The tasks as SVG paths (circles, outlined and filled squares) placed by recharts' own axis scales: three DOM nodes
 * however many tasks, where a Scatter draws a component per point (10,000 tasks took seconds of main thread).
 */
function TaskMarks({ ok, notOk, span, top, active, onDrawn }: { ok: readonly TaskPoint[]; notOk: readonly TaskPoint[]; span: { t0: number; t1: number }; top: number; active?: { mark: TaskMark }; onDrawn: (d: Drawn | undefined) => void }) {
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  const plot = usePlotArea();
  const [x0, x1, y0, y1] = [xs?.(span.t0), xs?.(span.t1), ys?.(0), ys?.(top)];
  const columns = plot?.width ?? 0;
  const drawn = useMemo((): Drawn | undefined => {
    if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined || !(columns > 0)) return undefined;
    const x = (at: number) => x0 + ((at - span.t0) / (span.t1 - span.t0 || 1)) * (x1 - x0);
    const y = (minutes: number) => y0 + (minutes / (top || 1)) * (y1 - y0);
    const { ok: okMarks, failed, other, total } = taskMarks(ok, notOk, columns, span, x, y);
    const marks: Record<Kind, TaskMark[]> = { ok: okMarks, failed, other };
    const order = KINDS.flatMap((kind) => marks[kind].map((mark) => ({ mark, kind }))).sort((a, b) => a.mark.x - b.mark.x || a.mark.y - b.mark.y);
    return { marks, order, total };
  }, [ok, notOk, span, top, x0, x1, y0, y1, columns]);
  useLayoutEffect(() => onDrawn(drawn), [drawn, onDrawn]);
  if (!drawn) return null;
  const a = active?.mark;
  const { marks } = drawn;
  return (
    <g className="task-marks" data-testid="task-marks" data-ok={marks.ok.length} data-failed={marks.failed.length} data-other={marks.other.length}>
      <path d={marksPath(marks.ok, 'circle', R)} fill={SERIES[0]} data-testid="task-marks-ok" />
      {marks.other.length ? <path d={marksPath(marks.other, 'square', R - 1)} fill="none" stroke={OTHER_COLOUR} strokeWidth={2} data-testid="task-marks-other" /> : null}
      <path d={marksPath(marks.failed, 'square', R)} fill={FAILED_COLOUR} data-testid="task-marks-failed" />
      {a ? <circle cx={a.x} cy={a.y} r={R + 4} fill="none" stroke="var(--fg)" strokeWidth={2} data-testid="task-mark-active" /> : null}
    </g>
  );
}

function TaskDurationChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const font = useChartFont();
  const points = useMemo(() => taskPoints(result.snapshots), [result]);
  const span = useMemo(() => taskSpan(points.ok.length ? points.ok.concat(points.failed) : points.failed), [points]);
  const axis = useMemo(() => durationAxis([points.ok, points.failed]), [points]);
  const split = useMemo(() => splitFailed(points.failed), [points]);
  const [drawn, setDrawn] = useState<Drawn>();
  const [active, setActive] = useState<number>();
  // What the live region says: the keyboard-chosen symbol's tasks only (a pointer's hover is not announced)
  const [said, setSaid] = useState('');
  const plotRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    setActive(undefined);
    setSaid('');
  }, [drawn]);
  const summary = useMemo(() => {
    if (!span) return '';
    let longest = 0;
    let first: TaskPoint | undefined;
    let last: TaskPoint | undefined;
    for (const p of points.ok) if (p.minutes > longest) longest = p.minutes;
    for (const p of points.failed) {
      if (p.minutes > longest) longest = p.minutes;
      if (p.result !== 'failed') continue;
      if (!first || p.at < first.at) first = p;
      if (!last || p.at > last.at) last = p;
    }
    const at = (ms: number) => formatMs(ms, mode, false);
    return t.charts.summary(points.ok.length + points.failed.length, points.ok.length, split.failed.length, split.other.length, at(span.t0 + HOUR), at(span.t1 - HOUR), longest, first && at(first.at), last && at(last.at));
  }, [points, split, span, mode, t]);
  const tickSpan = span ? span.t1 - span.t0 - 2 * HOUR : 0;
  const current = active === undefined ? undefined : drawn?.order[active];
  // The tooltip lies inside the plot, measured: above its symbol where there is room, else below; its left edge
  // moved as far as it takes. A side picked by thirds of the plot put a 23rem tooltip past the window's left edge
  // when three charts stand side by side.
  useLayoutEffect(() => {
    const tip = tipRef.current;
    const box = plotRef.current;
    if (!tip || !box || !current) return;
    const { x, y } = current.mark;
    const gap = 0.75 * (parseFloat(getComputedStyle(document.documentElement).fontSize) || DEFAULT_REM_PX);
    const left = Math.min(Math.max(0, x - tip.offsetWidth / 2), Math.max(0, box.clientWidth - tip.offsetWidth));
    const top = y - tip.offsetHeight - gap >= 0 ? y - tip.offsetHeight - gap : y + gap;
    tip.style.setProperty('--tip-x', `${left - x}px`);
    tip.style.setProperty('--tip-y', `${top - y}px`);
  }, [current, lang, mode]);
  const num = (n: number) => n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US');
  // the status code said as one (`success · code 1`): in brackets it read like a count or an error number
  const line = (p: TaskPoint) => `${formatMs(p.at, mode)} · ${p.seqNo !== undefined ? `#${p.seqNo} ` : ''}${taskLabel(lang, p.taskId)} · ${t.report.snapshotResults[p.result] ?? p.result}${p.code !== undefined ? ` · ${t.tl.code.toLowerCase()} ${p.code}` : ''} · ${p.minutes} min`;
  /** A symbol's tooltip, line by line: how many tasks share it, the first few, how many more. */
  const tipLines = (tasks: readonly TaskPoint[]) => [...(tasks.length > 1 ? [t.charts.tasksHere(tasks.length)] : []), ...tasks.slice(0, TIP_TASKS).map(line), ...(tasks.length > TIP_TASKS ? [t.charts.andMore(tasks.length - TIP_TASKS)] : [])];
  const pick = (i: number | undefined, by: 'key' | 'pointer') => {
    setActive(i);
    setSaid(by === 'key' && i !== undefined && drawn ? tipLines(drawn.order[i].mark.tasks).join('. ') : '');
  };
  const onMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const box = plotRef.current?.getBoundingClientRect();
    if (!box || !drawn) return;
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    let best: number | undefined;
    let bestD = NEAR * NEAR;
    drawn.order.forEach(({ mark, kind }, i) => {
      // a failed square wins a tie: it is drawn on top
      const d = (mark.x - px) ** 2 + (mark.y - py) ** 2 - KINDS.indexOf(kind);
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    });
    if (best !== active) pick(best, 'pointer');
  };
  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const n = drawn?.order.length ?? 0;
    if (!n) return;
    const step: Record<string, number | undefined> = { ArrowRight: (active ?? -1) + 1, ArrowLeft: (active ?? n) - 1, Home: 0, End: n - 1 };
    if (e.key === 'Escape' && active !== undefined) {
      pick(undefined, 'key');
      e.preventDefault();
      return;
    }
    const next = step[e.key];
    if (next === undefined) return;
    e.preventDefault();
    pick(Math.min(n - 1, Math.max(0, next)), 'key');
  };
  return (
    <figure className="chart" data-testid="chart-task-duration">
      <figcaption>
        <strong>{t.charts.taskDuration}</strong>
        <span className="muted small">
          {' '}
          — {t.charts.taskDurationHint} ({t.charts.timesIn(zoneName(mode, t.top))})
        </span>
        {drawn && drawn.order.length < drawn.total ? (
          <span className="muted small" data-testid="chart-task-duration-thinned">
            {' '}
            {t.charts.shownOf(drawn.order.length, drawn.total)}
          </span>
        ) : null}
      </figcaption>
      {/* One polite live region, there from the start (one made as a tooltip opens is missed by some screen readers, and a
          hover announced every symbol the pointer crossed): it says the symbol the arrow keys chose, once. */}
      <p className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="task-tip-said">
        {said}
      </p>
      {!span ? (
        <p className="muted small">{t.charts.noData}</p>
      ) : (
        <>
          <p className="sr-only" id={`${id}-summary`} data-testid="chart-task-duration-summary">
            {summary}
          </p>
          <p className="sr-only" id={`${id}-keys`}>
            {t.charts.keys}
          </p>
          {/* The plot is one Tab stop: the arrow keys step through the symbols, each one's tasks said in the tooltip. */}
          <div className="task-plot" ref={plotRef} tabIndex={0} role="group" aria-label={t.charts.taskDuration} aria-describedby={`${id}-summary ${id}-keys`} data-testid="task-plot" onPointerMove={onMove} onPointerLeave={() => pick(undefined, 'pointer')} onKeyDown={onKey} onBlur={() => pick(undefined, 'pointer')}>
            <ResponsiveContainer width="100%" height={220}>
              <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis type="number" dataKey="at" domain={[span.t0, span.t1]} allowDataOverflow tickFormatter={(v: number) => formatTick(v, mode, tickSpan)} stroke="var(--muted)" fontSize={font.tick} />
                <YAxis type="number" dataKey="minutes" domain={[0, axis.top]} ticks={axis.ticks} allowDataOverflow name={t.charts.durationAxis} tickFormatter={(v: number) => `${Math.round(v * 10) / 10}`} stroke="var(--muted)" fontSize={font.tick} width={font.axisW} label={{ value: t.charts.durationAxis, angle: -90, position: 'insideLeft', fontSize: font.tick, fill: 'var(--muted)' }} />
                <TaskMarks ok={points.ok} notOk={points.failed} span={span} top={axis.top} active={current} onDrawn={setDrawn} />
              </ScatterChart>
            </ResponsiveContainer>
            {current ? (
              // seen, not read out: the live region below says the keyboard's choice, once
              <div ref={tipRef} className="task-tip" aria-hidden="true" data-testid="task-tip" style={{ left: current.mark.x, top: current.mark.y }}>
                {current.mark.tasks.length > 1 ? <strong>{t.charts.tasksHere(current.mark.tasks.length)}</strong> : null}
                {current.mark.tasks.slice(0, TIP_TASKS).map((p, i) => (
                  <div key={i}>{line(p)}</div>
                ))}
                {current.mark.tasks.length > TIP_TASKS ? <div className="muted">{t.charts.andMore(current.mark.tasks.length - TIP_TASKS)}</div> : null}
              </div>
            ) : null}
          </div>
          <ul className="task-legend small" data-testid="chart-task-duration-legend">
            <li>
              <svg width="10" height="10" aria-hidden="true">
                <circle cx="5" cy="5" r="4" fill={SERIES[0]} />
              </svg>{' '}
              {num(points.ok.length)} {t.charts.ok}
            </li>
            <li>
              <svg width="10" height="10" aria-hidden="true">
                <rect x="1" y="1" width="8" height="8" fill={FAILED_COLOUR} />
              </svg>{' '}
              {num(split.failed.length)} {t.charts.failed}
            </li>
            {split.other.length ? (
              <li>
                <svg width="10" height="10" aria-hidden="true">
                  <rect x="2" y="2" width="6" height="6" fill="none" stroke={OTHER_COLOUR} strokeWidth={2} />
                </svg>{' '}
                {num(split.other.length)} {t.charts.other}
              </li>
            ) : null}
          </ul>
        </>
      )}
    </figure>
  );
}

function ActivityChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const h = result.activity?.agent;
  const data = useMemo(() => (h ? hourRows(h) : []), [h]);
  // The agent series are named by label keys: the legend and tooltip show them in the UI language.
  return <HourBars testId="chart-agent-activity" title={t.charts.agentActivity} data={data} names={(h?.series ?? []).map((s, i) => ({ key: seriesKey(i), label: t.charts[s.name as AgentSeries] ?? s.name }))} mode={mode} />;
}

function ProblemsChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const h = result.activity?.problems;
  const data = useMemo(() => (h ? hourRows(h) : []), [h]);
  return <HourBars testId="chart-problems" title={t.charts.problems} data={data} names={(h?.series ?? []).map((s, i) => ({ key: seriesKey(i), label: s.name }))} mode={mode} />;
}

function HourBars({ testId, title, data, names, mode }: { testId: string; title: string; data: { hour: number }[]; names: { key: string; label: string }[]; mode: TimeMode }) {
  const t = useT();
  const font = useChartFont();
  const span = data.length ? data[data.length - 1].hour - data[0].hour : 0;
  return (
    <figure className="chart" data-testid={testId} data-bars={data.length}>
      <figcaption>
        <strong>{title}</strong>
        <span className="muted small"> — {t.charts.timesIn(zoneName(mode, t.top))}</span>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted small">{t.charts.noData}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="hour" tickFormatter={(v: number) => formatTick(v, mode, span)} stroke="var(--muted)" fontSize={font.tick} minTickGap={24} />
            <YAxis allowDecimals={false} stroke="var(--muted)" fontSize={font.tick} width={font.axisW} />
            <Tooltip labelFormatter={(v) => formatMs(Number(v), mode, false)} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }} />
            <Legend wrapperStyle={{ fontSize: font.legend }} />
            {names.map((n, i) => (
              <Bar key={n.key} dataKey={n.key} name={n.label} stackId="a" fill={SERIES[i % SERIES.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
