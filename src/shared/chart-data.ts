import type { Fact } from './facts';
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

/** Counts per hour (or per a few hours, see MAX_BINS) from the first to the last time of all series. */
export function binByHour(series: readonly { name: string; times: readonly number[] }[]): HourlySeries | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const t of s.times)
      if (Number.isFinite(t)) {
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
  if (lo > hi) return undefined;
  const first = Math.floor(lo / HOUR) * HOUR;
  const last = Math.floor(hi / HOUR) * HOUR;
  const stepMs = HOUR * Math.max(1, Math.ceil((last - first) / HOUR / MAX_BINS));
  const bins = Math.floor((last - first) / stepMs) + 1;
  return {
    start: new Date(first).toISOString(),
    stepMs,
    series: series.map((s) => {
      const counts = new Array<number>(bins).fill(0);
      for (const t of s.times) if (Number.isFinite(t)) counts[Math.floor((t - first) / stepMs)]++;
      return { name: s.name, counts };
    }),
  };
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

/**
 * Heartbeats, goal states and agent starts per hour, from the parsed facts (not a text search, so a line
 * that merely mentions "GoalState" is not a goal state). Goal states are the ones the agent started to
 * process; an agent that logs only fetches (older versions) is counted by its fetches.
 */
function agentSeries(facts: Iterable<Fact>): { name: AgentSeries; times: number[] }[] {
  const heartbeats: number[] = [];
  const processed: number[] = [];
  const fetched: number[] = [];
  const starts: number[] = [];
  for (const f of facts) {
    if (f.kind === 'agent-heartbeat') heartbeats.push(f.timeMs);
    else if (f.kind === 'goal-state' && f.event === 'processing-started') processed.push(f.timeMs);
    else if (f.kind === 'goal-state' && f.event === 'fetched') fetched.push(f.timeMs);
    else if (f.kind === 'agent-lifecycle' && (f.event === 'daemon-start' || f.event === 'exthandler-start')) starts.push(f.timeMs);
  }
  return [
    { name: 'heartbeats', times: heartbeats },
    { name: 'goalStates', times: processed.length ? processed : fetched },
    { name: 'restarts', times: starts },
  ];
}

/** The TOP_SOURCES busiest sources by name, the rest summed as OTHER_SOURCES. */
export function rankSources(bySource: ReadonlyMap<string, readonly number[]>): { name: string; times: readonly number[] }[] {
  const ranked = [...bySource].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const top = ranked.slice(0, TOP_SOURCES).map(([name, times]) => ({ name, times }));
  const rest = ranked.slice(TOP_SOURCES).flatMap(([, times]) => times);
  return rest.length ? [...top, { name: OTHER_SOURCES, times: rest }] : top;
}

/** Both hourly charts; `problems` maps each source to the times of its warning and error records. */
export function activityCharts(facts: Iterable<Fact>, problems: ReadonlyMap<string, readonly number[]>): ActivityCharts {
  const agent = binByHour(agentSeries(facts));
  const byHour = binByHour(rankSources(problems));
  return { ...(agent ? { agent } : {}), ...(byHour ? { problems: byHour } : {}) };
}
