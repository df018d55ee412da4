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
  evidence: Evidence[];
  /** How many items an aggregated segment stands for. */
  count: number;
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
}

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

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
  const itemEvidence = new Map<string, Evidence[]>();
  for (const it of result.timeline) if (it.taskId) itemEvidence.set(it.taskId, [...(itemEvidence.get(it.taskId) ?? []), ...it.evidence]);

  for (const t of result.snapshots) {
    tasks.set(t.taskId, t);
    const evidence = [...taskEvidence(t), ...(itemEvidence.get(t.taskId) ?? [])];
    const start = ms(t.start ?? t.requestedStart);
    const end = ms(t.end) || (Number.isFinite(start) && t.durationMs ? start + t.durationMs : NaN);
    // `status` spans the whole reporting window and would hide the phases under it.
    const timed = t.phases.filter((p) => Number.isFinite(ms(p.start)));
    const phases = timed.some((p) => p.name !== 'status') ? timed.filter((p) => p.name !== 'status') : timed;
    if (phases.length) {
      for (const p of phases) {
        const ps = ms(p.start);
        const pe = Number.isFinite(ms(p.end)) ? ms(p.end) : p.durationMs ? ps + p.durationMs : Number.isFinite(end) ? end : ps;
        segments.push({ id: `${t.taskId}/${p.name}`, lane: 0, start: ps, end: Math.max(pe, ps), tone: phaseTone(p.result), phase: p.name, label: `${p.name}: ${p.result}${p.detail ? ` — ${p.detail}` : ''}`, taskId: t.taskId, evidence, count: 1 });
      }
    } else if (Number.isFinite(start)) {
      segments.push({ id: t.taskId, lane: 0, start, end: Number.isFinite(end) ? Math.max(end, start) : start, tone: taskTone(t.result), label: `Snapshot ${t.result}${t.code !== undefined ? ` (code ${t.code})` : ''}`, taskId: t.taskId, evidence, count: 1 });
    }
  }

  for (const it of result.timeline) {
    const start = ms(it.start);
    if (!Number.isFinite(start)) continue;
    if (it.lane === 'snapshot') {
      if (it.taskId && tasks.has(it.taskId)) continue; // already drawn from result.snapshots
      segments.push({ id: it.id, lane: 0, start, end: Math.max(ms(it.end) || start, start), tone: severityTone(it.severity), label: it.label, taskId: it.taskId, evidence: it.evidence, count: 1 });
    } else if (it.lane === 'extension') {
      const l = lane(`ext:${it.group}`, shortName(it.group));
      const end = ms(it.end);
      if (Number.isFinite(end) && end > start) segments.push({ id: it.id, lane: l, start, end, tone: severityTone(it.severity), label: it.label, taskId: it.taskId, evidence: it.evidence, count: 1 });
      else markers.push({ id: it.id, lane: l, at: start, tone: severityTone(it.severity), label: it.label, evidence: it.evidence, count: 1 });
    } else if (it.lane === 'agent') {
      const l = lane(`agent:${it.group}`, it.group || 'Guest agent');
      markers.push({ id: it.id, lane: l, at: start, tone: severityTone(it.severity), label: it.label, evidence: it.evidence, count: 1 });
    }
  }

  const times: number[] = [];
  for (const s of segments) times.push(s.start, s.end);
  for (const m of markers) times.push(m.at);
  for (const it of result.timeline) if (it.lane === 'error') times.push(ms(it.start));
  const finite = times.filter(Number.isFinite);
  let domain: [number, number] | null = null;
  if (finite.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of finite) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    const pad = Math.max((hi - lo) * 0.02, 60_000);
    domain = [lo - pad, hi + pad];
  }
  return { lanes, segments, markers, domain, tasks };
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
  const merged = new Map<string, Segment>();
  for (const s of inView) {
    const b = Math.max(0, Math.floor((s.start - from) / width));
    const key = `${s.lane}:${b}`;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...s, id: `agg:${key}`, phase: undefined, start: Math.max(s.start, from), end: Math.max(s.end, s.start), evidence: s.evidence.slice(0, 50), count: 1, label: s.label });
    } else {
      m.end = Math.max(m.end, s.end);
      m.tone = worse(m.tone, s.tone);
      m.count++;
      if (m.evidence.length < 50) m.evidence = m.evidence.concat(s.evidence.slice(0, 50 - m.evidence.length));
      m.label = `${m.count} items`;
      m.taskId = undefined;
    }
  }
  return [...merged.values()];
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
