import type { FactKind } from './facts';
import type { ActivityCharts, HourlySeries, SnapshotResult, SnapshotTask } from './model/analysis';

/**
 * The series behind the charts, for the app (recharts) and the report (static SVG) alike: snapshot task
 * duration over time, agent activity per hour and warnings/errors per hour by source. Only the drawing
 * differs between the two; what is counted, how it is binned and how sources are ranked is decided here.
 */

export const HOUR = 3_600_000;
/** A long bundle is binned coarser so a chart stays readable (at most this many bars). */
export const MAX_BINS = 240;
/** Sources shown apart in the warnings/errors chart; the rest is summed as OTHER_SOURCES. */
const TOP_SOURCES = 5;
export const OTHER_SOURCES = '…';
/** The agent-activity series, in drawing order; their names are label keys (`charts.heartbeats`, …). */
export type AgentSeries = 'heartbeats' | 'goalStates' | 'restarts';
/** Colour-blind-safe series colours (Okabe–Ito), told apart by position and legend too. */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#999999'] as const;
/** A failed task: red and square, so it differs in shape as well as colour. */
export const FAILED_COLOUR = '#d1242f';
/** A task neither succeeded nor failed (unfinished, in progress, skipped, unknown): a grey outlined square (4.5:1 on white). */
export const OTHER_COLOUR = '#767676';

export interface TaskPoint {
  /** Task start, epoch ms. */
  at: number;
  /** Duration in minutes (two decimals). */
  minutes: number;
  seqNo?: number;
  taskId: string;
  result: SnapshotResult;
  code?: number;
}

/** Each snapshot task with a start and a duration; failed means anything but success. */
export function taskPoints(snapshots: readonly SnapshotTask[]): { ok: TaskPoint[]; failed: TaskPoint[] } {
  const ok: TaskPoint[] = [];
  const failed: TaskPoint[] = [];
  for (const s of snapshots) {
    if (!s.start) continue;
    const at = Date.parse(s.start);
    const ms = s.durationMs ?? (s.end ? Date.parse(s.end) - at : NaN);
    if (!Number.isFinite(at) || !Number.isFinite(ms)) continue;
    const p: TaskPoint = { at, minutes: Math.round((ms / 60_000) * 100) / 100, taskId: s.taskId, result: s.result, ...(s.seqNo !== undefined ? { seqNo: s.seqNo } : {}), ...(s.code !== undefined ? { code: s.code } : {}) };
    (s.result === 'success' ? ok : failed).push(p);
  }
  return { ok, failed };
}

/** `taskPoints`' failed list (anything but success) split into the failed tasks and the others (unfinished, unknown, …). */
export function splitFailed(notOk: readonly TaskPoint[]): { failed: TaskPoint[]; other: TaskPoint[] } {
  const failed: TaskPoint[] = [];
  const other: TaskPoint[] = [];
  for (const p of notOk) (p.result === 'failed' ? failed : other).push(p);
  return { failed, other };
}

/** The task chart's time axis: an hour either side of the first and last task, so a lone task is not on the edge. */
export function taskSpan(points: readonly TaskPoint[]): { t0: number; t1: number } | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.at < lo) lo = p.at;
    if (p.at > hi) hi = p.at;
  }
  return lo > hi ? undefined : { t0: lo - HOUR, t1: hi + HOUR };
}

/**
 * The points a chart `columns` pixels wide can show: per pixel column of the time axis [t0, t1] the shortest and the
 * longest succeeded task (so the outline and the y range are as with every point), and every failed or unknown task,
 * which is what the engineer looks for. 10,000 tasks are 10,000 SVG symbols otherwise (seconds of main thread).
 * Kept points stay in their input order; `shown` of `total` says how many are drawn.
 */
export function thinTaskPoints(ok: readonly TaskPoint[], failed: readonly TaskPoint[], columns: number, span = taskSpan([...ok, ...failed])): { ok: TaskPoint[]; failed: TaskPoint[]; shown: number; total: number } {
  const total = ok.length + failed.length;
  const cols = Math.max(1, Math.floor(columns));
  if (!span || ok.length <= 2 * cols) return { ok: [...ok], failed: [...failed], shown: total, total };
  const width = span.t1 - span.t0 || 1;
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  ok.forEach((p, i) => {
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((p.at - span.t0) / width) * cols)));
    const a = lo.get(c);
    if (a === undefined || p.minutes < ok[a].minutes) lo.set(c, i);
    const b = hi.get(c);
    if (b === undefined || p.minutes > ok[b].minutes) hi.set(c, i);
  });
  const keep = new Set([...lo.values(), ...hi.values()]);
  const kept = ok.filter((_, i) => keep.has(i));
  return { ok: kept, failed: [...failed], shown: kept.length + failed.length, total };
}

/** 1, 2, 5 × 10^n: a step that gives at most `max` grid lines up to `top`. */
export function niceStep(top: number, max = 5): number {
  if (!(top > 0)) return 1;
  const raw = top / max;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p;
}

/**
 * The duration axis: 0 to a whole number of grid steps above the longest task (a loop, not `Math.max(...)`, which
 * overflows the stack on a few hundred thousand tasks), and its ticks.
 */
export function durationAxis(series: readonly (readonly TaskPoint[])[]): { top: number; ticks: number[] } {
  let max = 0;
  for (const ps of series) for (const p of ps) if (p.minutes > max) max = p.minutes;
  const step = niceStep(max * 1.05);
  const n = Math.max(1, Math.ceil((max * 1.05) / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
  return { top: ticks[n], ticks };
}

/** Side of the cell, in px, within which failed tasks are drawn as one square (smaller than half the square). */
export const MARK_CELL = 4;

/** A drawn symbol: its centre in px and the tasks it stands for (in input order; the first is at the centre). */
export interface TaskMark {
  x: number;
  y: number;
  tasks: TaskPoint[];
}

/**
 * One mark per `cell`×`cell` px cell holding tasks, at the cell's first task. A square of side ≥ 2 × `cell` centred
 * there covers every other task of the cell (each is less than `cell` px away on both axes), so no task disappears:
 * 1,428 failed tasks in a 400 px chart are a few hundred squares, each telling how many it stands for.
 */
export function collapseMarks(points: readonly TaskPoint[], x: (at: number) => number, y: (minutes: number) => number, cell = MARK_CELL): TaskMark[] {
  const byCell = new Map<number, TaskMark>();
  const out: TaskMark[] = [];
  for (const p of points) {
    const px = x(p.at);
    const py = y(p.minutes);
    // cells numbered row by row; 2^20 columns is far wider than any chart
    const key = Math.floor(py / cell) * 1_048_576 + Math.floor(px / cell);
    const m = byCell.get(key);
    if (m) m.tasks.push(p);
    else {
      const mark = { x: px, y: py, tasks: [p] };
      byCell.set(key, mark);
      out.push(mark);
    }
  }
  return out;
}

/**
 * The symbols of a task duration chart `columns` px wide, the app's and the report's: succeeded tasks thinned
 * (`thinTaskPoints`), a circle each; failed and other tasks (`splitFailed`) collapsed per cell (`collapseMarks`).
 * `shown` < `total` when thinning left tasks out.
 */
export function taskMarks(
  ok: readonly TaskPoint[],
  notOk: readonly TaskPoint[],
  columns: number,
  span: { t0: number; t1: number },
  x: (at: number) => number,
  y: (minutes: number) => number,
): { ok: TaskMark[]; failed: TaskMark[]; other: TaskMark[]; shown: number; total: number } {
  const thin = thinTaskPoints(ok, notOk, columns, span);
  const { failed, other } = splitFailed(notOk);
  return {
    // a circle is one task: succeeded tasks are thinned, not collapsed
    ok: thin.ok.map((p) => ({ x: x(p.at), y: y(p.minutes), tasks: [p] })),
    failed: collapseMarks(failed, x, y),
    other: collapseMarks(other, x, y),
    shown: thin.shown,
    total: thin.total,
  };
}

/** One SVG path of circles (radius `r`) or squares (side 2 × `r`) at the marks: one DOM node however many tasks. */
export function marksPath(marks: readonly TaskMark[], shape: 'circle' | 'square', r: number): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  const d = r * 2;
  const parts = new Array<string>(marks.length);
  marks.forEach((m, i) => {
    parts[i] = shape === 'circle' ? `M${f(m.x - r)} ${f(m.y)}a${r} ${r} 0 1 0 ${d} 0a${r} ${r} 0 1 0 ${-d} 0` : `M${f(m.x - r)} ${f(m.y - r)}h${d}v${d}h${-d}z`;
  });
  return parts.join('');
}

/** Counts per hour (or per a few hours, see MAX_BINS) from the first to the last time of all series. */
export function binByHour(series: readonly { name: string; times: readonly number[] }[]): HourlySeries | undefined {
  return binTimes(
    series.map((s) => s.name),
    (add) => series.forEach((s, k) => s.times.forEach((t) => add(k, t))),
  );
}

/** The first and last finite time of a pass (`lo` > `hi` when there was none). */
class Span {
  lo = Infinity;
  hi = -Infinity;
  add(t: number): void {
    if (Number.isFinite(t)) {
      if (t < this.lo) this.lo = t;
      if (t > this.hi) this.hi = t;
    }
  }
}

/**
 * `binByHour` of times that `each` hands to `add` (series index, time, how many at that time: 1 when not said),
 * called twice: once for the span and once to count, so the times of a million records are never listed. `span`:
 * the span of those times, when a pass the caller makes anyway found it (then `each` is called once).
 */
export function binTimes(names: readonly string[], each: (add: (series: number, t: number, n?: number) => void) => void, span?: Span): HourlySeries | undefined {
  if (!span) {
    span = new Span();
    const s = span;
    each((_, t) => s.add(t));
  }
  const { lo, hi } = span;
  if (lo > hi) return undefined;
  const first = Math.floor(lo / HOUR) * HOUR;
  const last = Math.floor(hi / HOUR) * HOUR;
  const stepMs = HOUR * Math.max(1, Math.ceil((last - first) / HOUR / MAX_BINS));
  const bins = Math.floor((last - first) / stepMs) + 1;
  const counts = names.map(() => new Array<number>(bins).fill(0));
  each((k, t, n = 1) => {
    if (Number.isFinite(t)) counts[k][Math.floor((t - first) / stepMs)] += n;
  });
  return { start: new Date(first).toISOString(), stepMs, series: names.map((name, k) => ({ name, counts: counts[k] })) };
}

/** The column of series `i` in `hourRows` (an index, so a source named "hour" cannot clash with the time). */
export const seriesKey = (i: number) => `s${i}`;

/** One row per bin (`hour` = the bin's start, epoch ms) with series `i` as column `seriesKey(i)`: recharts' data shape. */
export function hourRows(h: HourlySeries): { hour: number; [key: string]: number }[] {
  const start = Date.parse(h.start);
  const bins = h.series[0]?.counts.length ?? 0;
  return Array.from({ length: bins }, (_, i) => {
    const row: { hour: number; [key: string]: number } = { hour: start + i * h.stepMs };
    h.series.forEach((s, k) => (row[seriesKey(k)] = s.counts[i]));
    return row;
  });
}

/** What an agent fact counts as in the agent-activity chart, or undefined. */
type AgentEvent = 'heartbeat' | 'processed' | 'fetched' | 'start';

/**
 * Hands each agent fact (heartbeats, goal states, lifecycle) to `fn` as the chart reads it: its kind, its `event`
 * (undefined for a heartbeat, which has none) and its time; a big log's rows are read by position, not built.
 * `n`: how many such facts that call stands for (1 when not said: facts counted by hour come as one call an hour).
 */
export type EachAgentFact = (fn: (kind: FactKind, event: string | undefined, timeMs: number, n?: number) => void) => void;

const eventOf = (kind: FactKind, event: string | undefined): AgentEvent | undefined => {
  if (kind === 'agent-heartbeat') return 'heartbeat';
  if (kind === 'goal-state' && event === 'processing-started') return 'processed';
  if (kind === 'goal-state' && event === 'fetched') return 'fetched';
  if (kind === 'agent-lifecycle' && (event === 'daemon-start' || event === 'exthandler-start')) return 'start';
  return undefined;
};

/**
 * Heartbeats, goal states and agent starts per hour, from the parsed facts (not a text search, so a line
 * that merely mentions "GoalState" is not a goal state). Goal states are the ones the agent started to
 * process; an agent that logs only fetches (older versions) is counted by its fetches. `each` is called twice.
 */
function agentChart(each: EachAgentFact): HourlySeries | undefined {
  // one pass for whether any goal state was processed and for the span: of the heartbeats and starts, and of the
  // processed and the fetched goal states apart (the chart counts one of the two)
  let anyProcessed = false;
  const always = new Span();
  const processed = new Span();
  const fetched = new Span();
  each((kind, event, t) => {
    const e = eventOf(kind, event);
    if (e === 'processed') {
      anyProcessed = true;
      processed.add(t);
    } else if (e === 'fetched') fetched.add(t);
    else if (e !== undefined) always.add(t);
  });
  const counted = anyProcessed ? processed : fetched;
  const span = new Span();
  span.lo = Math.min(always.lo, counted.lo);
  span.hi = Math.max(always.hi, counted.hi);
  const SERIES: Record<AgentEvent, number> = { heartbeat: 0, processed: anyProcessed ? 1 : -1, fetched: anyProcessed ? -1 : 1, start: 2 };
  const names: AgentSeries[] = ['heartbeats', 'goalStates', 'restarts'];
  return binTimes(
    names,
    (add) =>
      each((kind, event, t, n) => {
        const e = eventOf(kind, event);
        const k = e === undefined ? -1 : SERIES[e];
        if (k >= 0) add(k, t, n);
      }),
    span,
  );
}

/** The TOP_SOURCES busiest sources by name, the rest summed as OTHER_SOURCES. */
export function rankSources(bySource: ReadonlyMap<string, readonly number[]>): { name: string; times: readonly number[] }[] {
  const { top, rest } = rankSourceCounts(new Map([...bySource].map(([name, times]) => [name, times.length])));
  const out = top.map((name) => ({ name, times: bySource.get(name)! }));
  return rest.length ? [...out, { name: OTHER_SOURCES, times: rest.flatMap((name) => bySource.get(name)!) }] : out;
}

/** The TOP_SOURCES busiest sources (by count, then name) and the rest, from each source's count. */
function rankSourceCounts(counts: ReadonlyMap<string, number>): { top: string[]; rest: string[] } {
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return { top: ranked.slice(0, TOP_SOURCES), rest: ranked.slice(TOP_SOURCES) };
}

/**
 * Both hourly charts. `eachAgentFact` hands every agent fact (heartbeats, goal states, lifecycle) to its callback;
 * `eachProblem` every warning and error record's source and time, and how many records that call stands for (1 when
 * not said); each is called a few times: nothing is listed.
 */
export function activityCharts(
  eachAgentFact: EachAgentFact,
  eachProblem: (fn: (source: string, t: number, n?: number) => void) => void,
): ActivityCharts {
  const agent = agentChart(eachAgentFact);
  // sources with a record, each with its count, and the span of their times (every source is charted)
  const counts = new Map<string, number>();
  const span = new Span();
  eachProblem((source, t, n = 1) => {
    counts.set(source, (counts.get(source) ?? 0) + n);
    span.add(t);
  });
  const { top, rest } = rankSourceCounts(counts);
  const series = new Map<string, number>(top.map((name, k) => [name, k]));
  for (const name of rest) series.set(name, top.length);
  const byHour = binTimes(rest.length ? [...top, OTHER_SOURCES] : top, (add) => eachProblem((source, t, n) => add(series.get(source)!, t, n)), span);
  return { ...(agent ? { agent } : {}), ...(byHour ? { problems: byHour } : {}) };
}
