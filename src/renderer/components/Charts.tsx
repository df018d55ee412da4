import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { AnalysisResult, LogQuery, LogRecord } from '../../shared';
import { api } from '../api';
import { useT } from '../i18n';
import { useApp } from '../state/store';
import { formatMs, formatTick, type TimeMode } from '../util/time';

const HOUR = 3_600_000;
/** Records read per chart at most (5,000 a page); the charts say when they show a part. */
const MAX_RECORDS = 20_000;
/** Sources shown apart in the warnings/errors chart; the rest is "other". */
const TOP_SOURCES = 5;
/** Colour-blind-safe series colours (Okabe–Ito), told apart by position and legend too. */
const SERIES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#999999'];

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

interface TaskPoint {
  at: number;
  minutes: number;
  label: string;
}

/** Each snapshot task's duration over time; failed tasks as red squares (shape and colour). */
export function taskPoints(r: AnalysisResult): { ok: TaskPoint[]; failed: TaskPoint[] } {
  const ok: TaskPoint[] = [];
  const failed: TaskPoint[] = [];
  for (const s of r.snapshots) {
    if (!s.start) continue;
    const at = Date.parse(s.start);
    const ms = s.durationMs ?? (s.end ? Date.parse(s.end) - at : NaN);
    if (!Number.isFinite(at) || !Number.isFinite(ms)) continue;
    const p = { at, minutes: Math.round((ms / 60_000) * 100) / 100, label: `${s.seqNo !== undefined ? `#${s.seqNo} ` : ''}${s.result}${s.code !== undefined ? ` (${s.code})` : ''}` };
    (s.result === 'success' ? ok : failed).push(p);
  }
  return { ok, failed };
}

function TaskDurationChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const { ok, failed } = useMemo(() => taskPoints(result), [result]);
  const all = [...ok, ...failed];
  const span = all.length ? Math.max(...all.map((p) => p.at)) - Math.min(...all.map((p) => p.at)) : 0;
  return (
    <figure className="chart" data-testid="chart-task-duration">
      <figcaption>
        <strong>{t.charts.taskDuration}</strong>
        <span className="muted small"> — {t.charts.taskDurationHint}</span>
      </figcaption>
      {all.length === 0 ? (
        <p className="muted small">{t.charts.noData}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis type="number" dataKey="at" domain={['dataMin - 3600000', 'dataMax + 3600000']} tickFormatter={(v: number) => formatTick(v, mode, span)} stroke="var(--muted)" fontSize={11} />
            <YAxis type="number" dataKey="minutes" name={t.charts.durationAxis} tickFormatter={(v: number) => `${Math.round(v * 10) / 10}`} allowDecimals stroke="var(--muted)" fontSize={11} width={40} label={{ value: t.charts.durationAxis, angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }} />
            <ZAxis range={[60, 60]} />
            <Tooltip formatter={(v) => [`${String(v)} min`, t.charts.durationAxis]} labelFormatter={() => ''} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Scatter name={t.charts.ok} data={ok} fill={SERIES[0]} shape="circle" isAnimationActive={false} />
            <Scatter name={t.charts.failed} data={failed} fill="#d1242f" shape="square" legendType="square" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/** Records matching a query, a page at a time, up to MAX_RECORDS; `partial` when there were more. */
function useRecords(key: string, query: Omit<LogQuery, 'offset' | 'limit'> | null): { records: LogRecord[]; partial: boolean; done: boolean } {
  const [state, setState] = useState<{ key: string; records: LogRecord[]; partial: boolean; done: boolean }>({ key: '', records: [], partial: false, done: false });
  useEffect(() => {
    if (!query) return;
    let live = true;
    void (async () => {
      const out: LogRecord[] = [];
      let total = 0;
      try {
        for (let offset = 0; offset < MAX_RECORDS; offset += 5000) {
          const p = await api().queryLogs({ ...query, offset, limit: 5000 });
          total = p.total;
          out.push(...p.records);
          if (!live || offset + 5000 >= p.total) break;
        }
      } catch {
        // A chart is a view of the logs; without them it shows nothing rather than an error.
      }
      if (live) setState({ key, records: out, partial: total > out.length, done: true });
    })();
    return () => {
      live = false;
    };
    // `key` stands for the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state : { records: [], partial: false, done: false };
}

/** Counts per hour: one row per hour from the first to the last record, every series a column. */
export function perHour(series: { name: string; times: number[] }[]): { hour: number; [name: string]: number }[] {
  const all = series.flatMap((s) => s.times).filter(Number.isFinite);
  if (!all.length) return [];
  const first = Math.floor(Math.min(...all) / HOUR) * HOUR;
  const last = Math.floor(Math.max(...all) / HOUR) * HOUR;
  // A long bundle is binned coarser so the chart stays readable (at most ~240 bars).
  const step = HOUR * Math.max(1, Math.ceil((last - first) / HOUR / 240));
  const rows = new Map<number, { hour: number; [name: string]: number }>();
  for (let h = first; h <= last; h += step) {
    const row: { hour: number; [name: string]: number } = { hour: h };
    for (const s of series) row[s.name] = 0;
    rows.set(h, row);
  }
  for (const s of series)
    for (const t of s.times) {
      if (!Number.isFinite(t)) continue;
      const h = first + Math.floor((t - first) / step) * step;
      const row = rows.get(h);
      if (row) row[s.name] = (row[s.name] ?? 0) + 1;
    }
  return [...rows.values()];
}

const timeOf = (r: LogRecord) => (r.time ? Date.parse(r.time) : NaN);

function ActivityChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const k = result.analyzedAt;
  // Heartbeats and goal states are log lines the agent writes; restarts are the timeline's agent starts.
  const hb = useRecords(`${k}|hb`, { text: 'HEARTBEAT' });
  const gs = useRecords(`${k}|gs`, { text: 'GoalState' });
  const data = useMemo(() => {
    const restarts = result.timeline.filter((i) => i.lane === 'agent' && /start/i.test(i.label)).map((i) => Date.parse(i.start));
    return perHour([
      { name: t.charts.heartbeats, times: hb.records.map(timeOf) },
      { name: t.charts.goalStates, times: gs.records.map(timeOf) },
      { name: t.charts.restarts, times: restarts },
    ]);
  }, [hb.records, gs.records, result, t]);
  return <HourBars testId="chart-agent-activity" title={t.charts.agentActivity} data={data} names={[t.charts.heartbeats, t.charts.goalStates, t.charts.restarts]} mode={mode} partial={hb.partial || gs.partial} loading={!hb.done || !gs.done} />;
}

function ProblemsChart({ result, mode }: { result: AnalysisResult; mode: TimeMode }) {
  const t = useT();
  const rs = useRecords(`${result.analyzedAt}|problems`, { levels: ['warning', 'error'] });
  const { data, names } = useMemo(() => {
    const bySource = new Map<string, number[]>();
    for (const r of rs.records) {
      const s = r.source || '—';
      let a = bySource.get(s);
      if (!a) bySource.set(s, (a = []));
      a.push(timeOf(r));
    }
    const ranked = [...bySource].sort((a, b) => b[1].length - a[1].length);
    const top = ranked.slice(0, TOP_SOURCES).map(([name, times]) => ({ name, times }));
    const rest = ranked.slice(TOP_SOURCES).flatMap(([, times]) => times);
    const series = rest.length ? [...top, { name: '…', times: rest }] : top;
    return { data: perHour(series), names: series.map((s) => s.name) };
  }, [rs.records]);
  return <HourBars testId="chart-problems" title={t.charts.problems} data={data} names={names} mode={mode} partial={rs.partial} loading={!rs.done} />;
}

function HourBars({ testId, title, data, names, mode, partial, loading }: { testId: string; title: string; data: { hour: number }[]; names: string[]; mode: TimeMode; partial: boolean; loading: boolean }) {
  const t = useT();
  const span = data.length ? data[data.length - 1].hour - data[0].hour : 0;
  return (
    <figure className="chart" data-testid={testId} data-bars={data.length}>
      <figcaption>
        <strong>{title}</strong>
        {partial && <span className="muted small"> — {t.charts.partial(MAX_RECORDS)}</span>}
      </figcaption>
      {loading ? (
        <p className="muted small">{t.common.loading}</p>
      ) : data.length === 0 ? (
        <p className="muted small">{t.charts.noData}</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="hour" tickFormatter={(v: number) => formatTick(v, mode, span)} stroke="var(--muted)" fontSize={11} minTickGap={24} />
            <YAxis allowDecimals={false} stroke="var(--muted)" fontSize={11} width={40} />
            <Tooltip labelFormatter={(v) => formatMs(Number(v), mode, false)} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--fg)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {names.map((n, i) => (
              <Bar key={n} dataKey={n} stackId="a" fill={SERIES[i % SERIES.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
