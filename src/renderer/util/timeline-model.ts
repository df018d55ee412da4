import type { AnalysisResult, Evidence, PhaseName, PhaseResult, SnapshotResult, SnapshotTask, TimelineItem } from '../../shared';

/**
 * Turns the analysis into what the timeline draws: lanes, bars (snapshot phases, extension
 * operations), point markers (agent events) and an error-density histogram. Pure, so it is
 * tested without a chart and stays cheap for 10,000 tasks.
 */
export type Tone = 'ok' | 'info' | 'warning' | 'error' | 'pending' | 'neutral';

export interface Lane {
  key: string;
  label: string;
}

export interface Segment {
  id: string;
  lane: number;
  start: number;
  end: number;
  tone: Tone;
  /** Phase name for snapshot bars (drives the shade), otherwise undefined. */
  phase?: PhaseName;
  label: string;
  taskId?: string;
  /** The records behind a timeline item; a snapshot task's bars have none and find theirs via `segmentEvidence`. */
  evidence?: Evidence[];
  /** How many items an aggregated segment stands for. */
  count: number;
  /** An aggregated segment's first members (up to 50), where its evidence comes from. */
  members?: Segment[];
}

export interface Marker {
  id: string;
  lane: number;
  at: number;
  tone: Tone;
  label: string;
  evidence: Evidence[];
  count: number;
}

export interface TimelineModel {
  lanes: Lane[];
  segments: Segment[];
  markers: Marker[];
  domain: [number, number] | null;
  tasks: Map<string, SnapshotTask>;
  /** Timeline items that belong to a snapshot task (their evidence is part of the task's). */
  taskItems: Map<string, TimelineItem[]>;
}

const MAX_EVIDENCE = 50;

/** Two or three decimal digits at `at`, or -1. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

let lastDay = '';
let lastDayMs = NaN;

/**
 * Milliseconds of an ISO 8601 UTC time as the analysis emits it (`2026-11-19T22:00:05.123Z`, from
 * toISOString): the day is parsed once for a run of times on the same day (they come in order) and the
 * clock by arithmetic. A 10,000-task timeline parses ~150,000 times; any other shape goes to Date.parse.
 */
export function isoMs(iso: string | null | undefined): number {
  if (!iso) return NaN;
  const s = iso;
  if (s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) return Date.parse(s);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const f = digits(s, 20, 3);
  if (h < 0 || mi < 0 || sec < 0 || f < 0 || h > 23 || mi > 59 || sec > 59) return Date.parse(s);
  if (!s.startsWith(lastDay) || lastDay === '') {
    const day = s.slice(0, 10);
    const d = Date.parse(`${day}T00:00:00.000Z`);
    if (Number.isNaN(d)) return Date.parse(s);
    lastDay = day;
    lastDayMs = d;
  }
  return lastDayMs + ((h * 60 + mi) * 60 + sec) * 1000 + f;
}

const ms = isoMs;

export function phaseTone(r: PhaseResult): Tone {
  return r === 'ok' ? 'ok' : r === 'failed' || r === 'timed-out' ? 'error' : r === 'unfinished' ? 'warning' : 'neutral';
}
export function taskTone(r: SnapshotResult): Tone {
  return r === 'success' ? 'ok' : r === 'failed' ? 'error' : r === 'unfinished' ? 'warning' : r === 'in-progress' ? 'pending' : 'neutral';
}
const severityTone = (s: TimelineItem['severity']): Tone => s;

export function taskEvidence(t: SnapshotTask): Evidence[] {
  return t.milestones.map((m) => ({ file: m.file, line: m.line, time: m.time, text: m.text }));
}

const models = new WeakMap<AnalysisResult, TimelineModel>();

/** `buildTimeline`, once per analysis result (the Timeline tab is left and revisited). */
export function timelineFor(result: AnalysisResult): TimelineModel {
  let m = models.get(result);
  if (!m) models.set(result, (m = buildTimeline(result)));
  return m;
}

export function buildTimeline(result: AnalysisResult): TimelineModel {
  const lanes: Lane[] = [{ key: 'snapshot', label: 'Backup snapshots' }];
  const laneIndex = new Map<string, number>([['snapshot', 0]]);
  const lane = (key: string, label: string) => {
    let i = laneIndex.get(key);
    if (i === undefined) {
      i = lanes.length;
      lanes.push({ key, label });
      laneIndex.set(key, i);
    }
    return i;
  };
  const segments: Segment[] = [];
  const markers: Marker[] = [];
  const tasks = new Map<string, SnapshotTask>();
  const taskItems = new Map<string, TimelineItem[]>();
  for (const it of result.timeline) {
    if (!it.taskId) continue;
    const l = taskItems.get(it.taskId);
    if (l) l.push(it);
    else taskItems.set(it.taskId, [it]);
  }
  let lo = Infinity;
  let hi = -Infinity;
  const see = (t: number) => {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  };
  const push = (s: Segment) => {
    segments.push(s);
    if (Number.isFinite(s.start)) see(s.start);
    if (Number.isFinite(s.end)) see(s.end);
  };

  for (const t of result.snapshots) {
    tasks.set(t.taskId, t);
    const start = ms(t.start ?? t.requestedStart);
    const end = ms(t.end) || (Number.isFinite(start) && t.durationMs ? start + t.durationMs : NaN);
    // `status` spans the whole reporting window and would hide the phases under it.
    const starts = t.phases.map((p) => ms(p.start));
    let timed = 0;
    let timedOther = 0;
    t.phases.forEach((p, i) => {
      if (!Number.isFinite(starts[i])) return;
      timed++;
      if (p.name !== 'status') timedOther++;
    });
    if (timed) {
      for (let i = 0; i < t.phases.length; i++) {
        const p = t.phases[i];
        const ps = starts[i];
        if (!Number.isFinite(ps) || (timedOther && p.name === 'status')) continue;
        const pe0 = ms(p.end);
        const pe = Number.isFinite(pe0) ? pe0 : p.durationMs ? ps + p.durationMs : Number.isFinite(end) ? end : ps;
        push({ id: `${t.taskId}/${p.name}`, lane: 0, start: ps, end: Math.max(pe, ps), tone: phaseTone(p.result), phase: p.name, label: `${p.name}: ${p.result}${p.detail ? ` — ${p.detail}` : ''}`, taskId: t.taskId, count: 1 });
      }
    } else if (Number.isFinite(start)) {
      push({ id: t.taskId, lane: 0, start, end: Number.isFinite(end) ? Math.max(end, start) : start, tone: taskTone(t.result), label: `Snapshot ${t.result}${t.code !== undefined ? ` (code ${t.code})` : ''}`, taskId: t.taskId, count: 1 });
    }
  }

  for (const it of result.timeline) {
    const start = ms(it.start);
    if (!Number.isFinite(start)) continue;
    if (it.lane === 'snapshot') {
      if (it.taskId && tasks.has(it.taskId)) continue; // already drawn from result.snapshots
      push({ id: it.id, lane: 0, start, end: Math.max(ms(it.end) || start, start), tone: severityTone(it.severity), label: it.label, taskId: it.taskId, evidence: it.evidence, count: 1 });
    } else if (it.lane === 'extension') {
      const l = lane(`ext:${it.group}`, shortName(it.group));
      const end = ms(it.end);
      if (Number.isFinite(end) && end > start) push({ id: it.id, lane: l, start, end, tone: severityTone(it.severity), label: it.label, taskId: it.taskId, evidence: it.evidence, count: 1 });
      else {
        markers.push({ id: it.id, lane: l, at: start, tone: severityTone(it.severity), label: it.label, evidence: it.evidence, count: 1 });
        see(start);
      }
    } else if (it.lane === 'agent') {
      const l = lane(`agent:${it.group}`, it.group || 'Guest agent');
      markers.push({ id: it.id, lane: l, at: start, tone: severityTone(it.severity), label: it.label, evidence: it.evidence, count: 1 });
      see(start);
    } else if (it.lane === 'error') see(start);
  }

  let domain: [number, number] | null = null;
  if (lo <= hi) {
    const pad = Math.max((hi - lo) * 0.02, 60_000);
    domain = [lo - pad, hi + pad];
  }
  return { lanes, segments, markers, domain, tasks, taskItems };
}

/** The records behind a bar: its own, its task's (milestones and the task's timeline items), or its members'. */
export function segmentEvidence(model: Pick<TimelineModel, 'tasks' | 'taskItems'>, s: Segment, max = MAX_EVIDENCE): Evidence[] {
  const out: Evidence[] = [];
  const add = (list: readonly Evidence[]) => {
    for (const e of list) {
      if (out.length >= max) return;
      out.push(e);
    }
  };
  if (s.members) {
    for (const m of s.members) {
      if (out.length >= max) break;
      add(segmentEvidence(model, m, max - out.length));
    }
    return out;
  }
  if (s.evidence) {
    add(s.evidence);
    return out;
  }
  const t = s.taskId ? model.tasks.get(s.taskId) : undefined;
  if (!t) return out;
  add(taskEvidence(t));
  for (const it of model.taskItems.get(t.taskId) ?? []) add(it.evidence);
  return out;
}

/** `Microsoft.Azure.RecoveryServices.VMSnapshotLinux` → `VMSnapshotLinux` (the axis has little room). */
export function shortName(handler: string): string {
  const parts = handler.split('.');
  return parts.length > 1 ? parts[parts.length - 1] : handler;
}

const STEPS = [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000];
/** Round-time axis ticks (every 5 min, hour, 6 h, day, …): at most `max` inside [from, to]. */
export function timeTicks(from: number, to: number, max = 10): number[] {
  const span = to - from;
  const step = STEPS.find((s) => span / s <= max) ?? Math.ceil(span / max / 86_400_000) * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

const TONE_RANK: Record<Tone, number> = { error: 5, warning: 4, pending: 3, info: 2, ok: 1, neutral: 0 };
export const worse = (a: Tone, b: Tone): Tone => (TONE_RANK[a] >= TONE_RANK[b] ? a : b);

/**
 * Segments inside [from, to]; when there are more than `limit`, they are merged per lane into
 * `buckets` time slices (worst tone wins) so the SVG never holds tens of thousands of shapes.
 */
export function visibleSegments(all: Segment[], from: number, to: number, limit = 600, buckets = 240): Segment[] {
  const inView = all.filter((s) => s.end >= from && s.start <= to);
  if (inView.length <= limit) return inView;
  const width = (to - from) / buckets;
  // Numeric keys (lane × buckets + bucket): no string per segment for 50,000 bars.
  const merged = new Map<number, Segment>();
  for (const s of inView) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor((s.start - from) / width)));
    const key = s.lane * buckets + b;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { id: `agg:${s.lane}:${b}`, lane: s.lane, start: Math.max(s.start, from), end: Math.max(s.end, s.start), tone: s.tone, label: s.label, taskId: s.taskId, count: 1, members: [s] });
    } else {
      if (s.end > m.end) m.end = s.end;
      m.tone = worse(m.tone, s.tone);
      m.count++;
      if (m.members!.length < MAX_EVIDENCE) m.members!.push(s);
      m.label = `${m.count} items`;
      m.taskId = undefined;
    }
  }
  // A bucket that ended up with one member is that segment itself (its phase shade, its task).
  return [...merged.values()].map((m) => (m.count === 1 ? m.members![0] : m));
}

export function visibleMarkers(all: Marker[], from: number, to: number, limit = 400, buckets = 240): Marker[] {
  const inView = all.filter((m) => m.at >= from && m.at <= to);
  if (inView.length <= limit) return inView;
  const width = (to - from) / buckets;
  const merged = new Map<string, Marker>();
  for (const m of inView) {
    const key = `${m.lane}:${Math.floor((m.at - from) / width)}`;
    const x = merged.get(key);
    if (!x) merged.set(key, { ...m, id: `agg:${key}`, evidence: m.evidence.slice(0, 50) });
    else {
      x.count++;
      x.tone = worse(x.tone, m.tone);
      x.label = `${x.count} events`;
      if (x.evidence.length < 50) x.evidence = x.evidence.concat(m.evidence.slice(0, 50 - x.evidence.length));
    }
  }
  return [...merged.values()];
}

export interface DensityBin {
  t: number;
  errors: number;
  warnings: number;
}

/** Errors and warnings per time slice over the whole domain (the strip under the chart, and the brush). */
export function errorDensity(result: AnalysisResult, domain: [number, number], bins = 120): DensityBin[] {
  const [from, to] = domain;
  const w = (to - from) / bins;
  const out: DensityBin[] = Array.from({ length: bins }, (_, i) => ({ t: from + i * w, errors: 0, warnings: 0 }));
  for (const it of result.timeline) {
    if (it.severity !== 'error' && it.severity !== 'warning') continue;
    const t = ms(it.start);
    if (!Number.isFinite(t)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor((t - from) / w)));
    if (it.severity === 'error') out[i].errors++;
    else out[i].warnings++;
  }
  return out;
}
