import type { AnalysisResult, BundleFile, Evidence, Lang, PhaseName, PhaseResult, SnapshotResult, SnapshotTask, TimelineItem } from '../../shared';
import { textIn } from '../../shared/i18n/analysis';
import { LABELS } from '../../shared/i18n/labels';
import { evidenceKey, uniqueEvidence } from '../../shared/evidence-place';
import { milestoneCount, milestoneEvidence } from '../../shared/model/task-milestones';

/**
 * Turns the analysis into what the timeline draws: lanes, bars (snapshot phases, extension
 * operations), point markers (agent events) and an error-density histogram. Pure, so it is
 * tested without a chart and stays cheap for 10,000 tasks.
 */
export type Tone = 'ok' | 'info' | 'warning' | 'error' | 'pending' | 'neutral';

export interface Lane {
  key: string;
  label: string;
  /** Set when nothing at all is drawn in the lane: why (the view words it). */
  empty?: EmptyReason;
}

/**
 * Why a lane is empty: the log that would fill it is not in the bundle (`path` is where it lives on the
 * VM), or it is there (`path` is its path in the bundle) but holds nothing for this lane.
 */
export type EmptyReason =
  | { kind: 'no-extension-log' | 'no-tasks-in-log' | 'no-agent-log' | 'no-agent-events'; path: string }
  /** The analysis found snapshot tasks, but none of their lines carries a time (a Windows event export, a paste). */
  | { kind: 'untimed-tasks'; count: number };

/** Where the logs behind the two fixed lanes live on a VM (shown when they are missing). */
export const LOG_PATHS = {
  linuxExtension: '/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log',
  windowsExtension: 'C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<version>\\IaaSBcdrExtension.log',
  linuxAgent: '/var/log/waagent.log',
  windowsAgent: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log',
} as const;

export interface Segment {
  id: string;
  lane: number;
  start: number;
  end: number;
  tone: Tone;
  /** Phase name for snapshot bars, otherwise undefined. */
  phase?: PhaseName;
  /** A phase bar's result and detail (the view words them in the UI language). */
  result?: PhaseResult;
  detail?: string;
  /**
   * A phase bar's place among its task's drawn phases: even and odd alternate the shade, so two
   * neighbouring phases always differ in lightness, whichever phases a task has.
   */
  shade?: 0 | 1;
  /** An aggregated segment keeps its first member's: the view names an aggregate by its count (`tl.items`). */
  label: string;
  taskId?: string;
  /** The records behind a timeline item; a snapshot task's bars have none and find theirs via `segmentEvidence`. */
  evidence?: Evidence[];
  /** No end is logged: the bar's length is not a duration (a freeze the log ends inside). */
  open?: true;
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
  /** A group keeps its first member's: the view names a group by its count (`tl.events`, `tl.groupHint`). */
  label: string;
  evidence: Evidence[];
  count: number;
  /** A group's last member's time (a group spans [at, end]); a single marker has none. */
  end?: number;
  /** A group's members' tones, each once, worst first (more than one: a mixed group, drawn apart). */
  tones?: Tone[];
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
  const out = new Array<Evidence>(milestoneCount(t));
  for (let k = 0; k < out.length; k++) out[k] = milestoneEvidence(t, k);
  return out;
}

const models = { en: new WeakMap<AnalysisResult, TimelineModel>(), nl: new WeakMap<AnalysisResult, TimelineModel>() };

/** `buildTimeline`, once per analysis result and language (the Timeline tab is left and revisited). */
export function timelineFor(result: AnalysisResult, lang: Lang = 'en'): TimelineModel {
  let m = models[lang].get(result);
  if (!m) models[lang].set(result, (m = buildTimeline(result, lang)));
  return m;
}

export function buildTimeline(result: AnalysisResult, lang: Lang = 'en'): TimelineModel {
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
  const words = LABELS[lang];
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

  // One pass per task, no closure, spread or array per task: 10,000 tasks are ~48,000 phases (segments made with a
  // spread of an optional key and a map of phase starts per task cost about half of this loop).
  const starts: number[] = [];
  for (const t of result.snapshots) {
    tasks.set(t.taskId, t);
    const start = ms(t.start ?? t.requestedStart);
    const end = ms(t.end) || (Number.isFinite(start) && t.durationMs ? start + t.durationMs : NaN);
    // `status` spans the whole reporting window and would hide the phases under it.
    const phases = t.phases;
    let timed = 0;
    let timedOther = 0;
    for (let i = 0; i < phases.length; i++) {
      const ps = ms(phases[i].start);
      starts[i] = ps;
      if (!Number.isFinite(ps)) continue;
      timed++;
      if (phases[i].name !== 'status') timedOther++;
    }
    if (timed) {
      let drawn = 0;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i];
        const ps = starts[i];
        if (!Number.isFinite(ps) || (timedOther && p.name === 'status')) continue;
        const pe0 = ms(p.end);
        const pe = Number.isFinite(pe0) ? pe0 : p.durationMs ? ps + p.durationMs : Number.isFinite(end) ? end : ps;
        const detail = p.detail ? textIn(lang, p.detail, p.detailNl) : undefined;
        // keys in this order (the model's JSON is compared byte for byte): optional ones only when set
        const seg = { id: `${t.taskId}/${p.name}/${i}`, lane: 0, start: ps, end: Math.max(pe, ps), tone: phaseTone(p.result), phase: p.name, result: p.result } as Segment;
        if (detail) seg.detail = detail;
        seg.shade = (drawn++ % 2) as 0 | 1;
        if (!Number.isFinite(pe0) && !p.durationMs) seg.open = true;
        seg.label = detail ? `${p.name}: ${p.result} — ${detail}` : `${p.name}: ${p.result}`;
        seg.taskId = t.taskId;
        seg.count = 1;
        push(seg);
      }
    } else if (Number.isFinite(start)) {
      push({ id: t.taskId, lane: 0, start, end: Number.isFinite(end) ? Math.max(end, start) : start, tone: taskTone(t.result), label: words.tl.snapshotOutcome(words.report.snapshotResults[t.result], t.code), taskId: t.taskId, count: 1 });
    }
  }

  for (const item of result.timeline) {
    const it = { ...item, label: textIn(lang, item.label, item.labelNl) };
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

  // The two lanes every bundle could fill are always drawn; empty, they say why.
  if (!laneIndex.has('agent:Guest agent')) lane('agent:Guest agent', 'Guest agent');
  const used = new Set<number>();
  for (const s of segments) used.add(s.lane);
  for (const m of markers) used.add(m.lane);
  lanes.forEach((l, i) => {
    if (used.has(i)) return;
    if (l.key === 'snapshot') l.empty = snapshotLaneReason(result);
    else if (l.key === 'agent:Guest agent') l.empty = agentLaneReason(result);
  });

  let domain: [number, number] | null = null;
  if (lo <= hi) {
    const pad = Math.max((hi - lo) * 0.02, 60_000);
    domain = [lo - pad, hi + pad];
  }
  return { lanes, segments, markers, domain, tasks, taskItems };
}

const firstOf = (files: readonly BundleFile[], kinds: readonly BundleFile['kind'][]) => files.find((f) => kinds.includes(f.kind));

function snapshotLaneReason(r: AnalysisResult): EmptyReason {
  if (r.snapshots.length) return { kind: 'untimed-tasks', count: r.snapshots.length };
  const log = firstOf(r.files, ['vmsnapshot-extension-log', 'windows-plugin-log']);
  if (log) return { kind: 'no-tasks-in-log', path: log.vmPath };
  return { kind: 'no-extension-log', path: r.vm.platform === 'windows' ? LOG_PATHS.windowsExtension : LOG_PATHS.linuxExtension };
}

function agentLaneReason(r: AnalysisResult): EmptyReason {
  const log = firstOf(r.files, ['waagent-log', 'windows-agent-log']);
  if (log) return { kind: 'no-agent-events', path: log.vmPath };
  return { kind: 'no-agent-log', path: r.vm.platform === 'windows' ? LOG_PATHS.windowsAgent : LOG_PATHS.linuxAgent };
}

/**
 * The records behind a bar: its own, its task's (milestones and the task's timeline items), or its members'.
 * Each record once: a task's timeline items quote some of its milestones again.
 */
export function segmentEvidence(model: Pick<TimelineModel, 'tasks' | 'taskItems'>, s: Segment, max = MAX_EVIDENCE): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const add = (list: readonly Evidence[]) => {
    for (const e of list) {
      if (out.length >= max) return;
      const key = evidenceKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  };
  if (s.members) {
    for (const m of s.members) {
      if (out.length >= max) break;
      add(segmentEvidence(model, m, max));
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

export { uniqueEvidence } from '../../shared/evidence-place';

/** `Microsoft.Azure.RecoveryServices.VMSnapshotLinux` → `VMSnapshotLinux` (the axis has little room). */
export function shortName(handler: string): string {
  const parts = handler.split('.');
  return parts.length > 1 ? parts[parts.length - 1] : handler;
}

// Seconds too: the timeline opens on a task of a minute or two.
const STEPS = [10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000];
/** Round-time axis ticks (every 10 s, minute, 5 min, hour, 6 h, day, …): at most `max` inside [from, to]. */
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
      m.taskId = undefined;
    }
  }
  // A bucket that ended up with one member is that segment itself (its phase shade, its task).
  return [...merged.values()].map((m) => (m.count === 1 ? m.members![0] : m));
}

/** Markers closer than this (px) on one lane are drawn as one group marker with a count (at the default 16 px root). */
export const MARKER_GAP_PX = 18;

/**
 * Markers inside [from, to], grouped per lane where they would overlap at `pxPerMs` (a run of markers each
 * less than `gapPx` from the previous one becomes one group marker at the run's first time, spanning to
 * its last, with the worst tone, its members' tones and the count). A group is drawn wider than a marker:
 * `reach(count)` is how far (px) right of its first time it is drawn, and a marker inside that joins it
 * too, so a "999+" badge never covers the next marker. Bounded by the plot's width, however many events there are.
 */
export function visibleMarkers(all: Marker[], from: number, to: number, pxPerMs: number, gapPx = MARKER_GAP_PX, reach: (count: number) => number = () => 0): Marker[] {
  const inView = all.filter((m) => m.at >= from && m.at <= to);
  inView.sort((a, b) => a.lane - b.lane || a.at - b.at);
  const out: Marker[] = [];
  let g: Marker | null = null;
  let last = 0;
  for (const m of inView) {
    if (g && g.lane === m.lane && ((m.at - last) * pxPerMs < gapPx || (g.count > 1 && (m.at - g.at) * pxPerMs < reach(g.count) + gapPx / 2))) {
      g.count += m.count;
      g.end = m.at;
      g.tone = worse(g.tone, m.tone);
      for (const t of m.tones ?? [m.tone]) if (!g.tones!.includes(t)) g.tones!.push(t);
      if (g.evidence.length < MAX_EVIDENCE) g.evidence = uniqueEvidence(g.evidence.concat(m.evidence)).slice(0, MAX_EVIDENCE);
    } else {
      if (g) out.push(g);
      g = { ...m, evidence: m.evidence.slice(0, MAX_EVIDENCE), tones: [...(m.tones ?? [m.tone])] };
    }
    last = m.at;
  }
  if (g) out.push(g);
  // A group's id is where it starts (stable while panning). A single marker keeps no tone list.
  return out.map(({ tones, ...x }) => (x.count > 1 ? { ...x, id: `grp:${x.lane}:${x.at}`, tones: tones!.sort((a, b) => TONE_RANK[b] - TONE_RANK[a]) } : x));
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

const FAILURE_WORDS = /\b(?:fail(?:ed|ure|s)?|error|exception|timed[ -]?out)\b/i;

/**
 * The record "Show in logs" opens: for a task that failed, the first record inside its failing phase that
 * says so (then any record of that phase, then any failure record); otherwise the first record with a line.
 */
export function focusEvidence(evidence: readonly Evidence[], task?: SnapshotTask): Evidence | undefined {
  const located = evidence.filter((e) => e.line > 0);
  if (!located.length) return undefined;
  const bad = task?.phases.find((p) => p.result === 'failed' || p.result === 'timed-out');
  if (bad && task?.result !== 'success') {
    const s = isoMs(bad.start);
    const e0 = isoMs(bad.end);
    const e = Number.isFinite(e0) ? e0 : Number.isFinite(s) && bad.durationMs ? s + bad.durationMs : Infinity;
    const inPhase = Number.isFinite(s) ? located.filter((x) => isoMs(x.time) >= s && isoMs(x.time) <= e) : [];
    const hit = inPhase.find((x) => FAILURE_WORDS.test(x.text)) ?? inPhase[0];
    if (hit) return hit;
  }
  if (task && task.result !== 'success') {
    const hit = located.find((x) => FAILURE_WORDS.test(x.text));
    if (hit) return hit;
  }
  return located[0];
}
