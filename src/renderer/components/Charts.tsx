import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { AnalysisResult } from '../../shared';
import { FAILED_COLOUR, HOUR, hourRows, SERIES_COLOURS as SERIES, seriesKey, taskPoints, taskSpan, thinTaskPoints, type AgentSeries } from '../../shared/chart-data';
import { useT } from '../i18n';
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

function TaskDurationChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const font = useChartFont();
  const points = useMemo(() => taskPoints(result.snapshots), [result]);
  const span = useMemo(() => taskSpan([...points.ok, ...points.failed]), [points]);
  // The chart's width in px, measured before the first paint so recharts never sees more points than it can show.
  const figure = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = figure.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth || window.innerWidth || 1440);
    measure();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);
  const { ok, failed, shown, total } = useMemo(() => thinTaskPoints(points.ok, points.failed, width, span), [points, width, span]);
  const tickSpan = span ? span.t1 - span.t0 - 2 * HOUR : 0;
  return (
    <figure className="chart" data-testid="chart-task-duration" ref={figure}>
      <figcaption>
        <strong>{t.charts.taskDuration}</strong>
        <span className="muted small">
          {' '}
          — {t.charts.taskDurationHint} ({t.charts.timesIn(zoneName(mode, t.top))})
        </span>
        {width > 0 && shown < total ? (
          <span className="muted small" data-testid="chart-task-duration-thinned">
            {' '}
            {t.charts.shownOf(shown, total)}
          </span>
        ) : null}
      </figcaption>
      {!span ? (
        <p className="muted small">{t.charts.noData}</p>
      ) : width === 0 ? null : (
        <ResponsiveContainer width="100%" height={220}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis type="number" dataKey="at" domain={[span.t0, span.t1]} tickFormatter={(v: number) => formatTick(v, mode, tickSpan)} stroke="var(--muted)" fontSize={font.tick} />
            <YAxis type="number" dataKey="minutes" name={t.charts.durationAxis} tickFormatter={(v: number) => `${Math.round(v * 10) / 10}`} allowDecimals stroke="var(--muted)" fontSize={font.tick} width={font.axisW} label={{ value: t.charts.durationAxis, angle: -90, position: 'insideLeft', fontSize: font.tick, fill: 'var(--muted)' }} />
            <ZAxis range={[60, 60]} />
            <Tooltip formatter={(v) => [`${String(v)} min`, t.charts.durationAxis]} labelFormatter={() => ''} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }} />
            <Legend wrapperStyle={{ fontSize: font.legend }} />
            <Scatter name={t.charts.ok} data={ok} fill={SERIES[0]} shape="circle" isAnimationActive={false} />
            <Scatter name={t.charts.failed} data={failed} fill={FAILED_COLOUR} shape="square" legendType="square" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
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
