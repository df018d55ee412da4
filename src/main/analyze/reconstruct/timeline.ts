import type { Evidence, ExtensionSummary, Fact, FactKind, SnapshotTask, TimelineItem } from '../../../shared';
import { msg, renderAnalysis, type AnalysisMessage } from '../../../shared/i18n/analysis';
import type { FactIndex, FactReader, FieldOf } from '../facts-index';
import { codeSaidOf } from './snapshots';
import { milestoneCount, milestoneEvidence, milestoneName } from '../../../shared/model/task-milestones';

/**
 * Timeline items in four lanes: snapshot tasks (phases via taskId), extension operations per handler,
 * agent events as markers, and error density (one item per hour with errors). One pass per source,
 * every lane capped, so a 500 MB bundle still yields a chart-sized list.
 */
const MAX_PER_LANE = 1500;
const MAX_EVIDENCE = 8;
const HOUR = 3600_000;
const HEARTBEAT_GAP_MS = HOUR;

/** An item's label in English (`label`) and Dutch (`labelNl`). */
function labels(m: AnalysisMessage): Pick<TimelineItem, 'label' | 'labelNl'> {
  return { label: renderAnalysis(m, 'en'), labelNl: renderAnalysis(m, 'nl') };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function buildTimeline(facts: FactIndex, snapshots: readonly SnapshotTask[], extensions: readonly ExtensionSummary[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  items.push(...snapshotItems(snapshots));
  items.push(...extensionItems(extensions));
  items.push(...agentItems(facts));
  items.push(...errorItems(facts));
  items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return items;
}

function snapshotItems(snapshots: readonly SnapshotTask[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const s of snapshots.slice(-MAX_PER_LANE)) {
    if (!s.start) continue;
    const severity: TimelineItem['severity'] =
      s.result === 'success' ? 'ok' : s.result === 'failed' || s.result === 'unfinished' ? 'error' : s.result === 'skipped' ? 'info' : 'warning';
    const keyMilestones: number[] = [];
    for (let k = 0, n = milestoneCount(s); k < n; k++) {
      const name = milestoneName(s, k);
      if (name === 'enable-start' || name === 'final-status' || name.endsWith('-failed') || name === 'freeze-signals' || name === 'crp-timeout') keyMilestones.push(k);
    }
    out.push({
      id: `snapshot:${s.taskId}`,
      lane: 'snapshot',
      group: 'Backup snapshots',
      ...labels(msg('timeline.snapshot', { result: s.result, ...(s.code !== undefined && s.result !== 'success' ? codeSaidOf(s) : {}) })),
      start: s.start,
      ...(s.end && s.end !== s.start ? { end: s.end } : {}),
      severity,
      evidence: keyMilestones.slice(-MAX_EVIDENCE).map((k) => milestoneEvidence(s, k)),
      taskId: s.taskId,
    });
  }
  return out;
}

function extensionItems(extensions: readonly ExtensionSummary[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  for (const ext of extensions) {
    const history = ext.history.filter((h) => h.time).slice(-MAX_PER_LANE);
    history.forEach((h, i) => {
      const bad = /fail|error|timed/i.test(h.outcome);
      out.push({
        id: `extension:${ext.name}:${i}`,
        lane: 'extension',
        group: ext.name,
        ...labels(msg('timeline.extension', { op: h.op, outcome: h.outcome, ...(h.exitCode !== undefined ? { exitCode: h.exitCode } : {}) })),
        start: h.time!,
        ...(h.durationMs && h.durationMs > 0 ? { end: iso(Date.parse(h.time!) + h.durationMs) } : {}),
        severity: bad ? 'error' : /start/i.test(h.outcome) ? 'info' : 'ok',
        evidence: [h.evidence],
      });
    });
  }
  return out;
}

function marker(id: string, label: AnalysisMessage, f: Fact, severity: TimelineItem['severity']): TimelineItem | null {
  if (!f.at.time) return null;
  return { id, lane: 'agent', group: 'Guest agent', ...labels(label), start: f.at.time, severity, evidence: [f.at] };
}

function agentItems(facts: FactIndex): TimelineItem[] {
  const out: TimelineItem[] = [];
  const push = (x: TimelineItem | null) => {
    if (x && out.length < MAX_PER_LANE) out.push(x);
  };
  facts.of('agent-lifecycle').forEach((f, i) => {
    if (f.event === 'daemon-start' || f.event === 'exthandler-start') push(marker(`agent:life:${i}`, msg('timeline.agent', { event: f.event }), f, 'info'));
    else if (f.event === 'crash' || f.event === 'daemon-exception' || f.event === 'exthandler-exit' || f.event === 'restart-loop' || f.event === 'thread-died' || f.event === 'not-terminated-cleanly')
      push(marker(`agent:life:${i}`, msg('timeline.agent', { event: f.event }), f, 'error'));
    else if (f.event === 'stop-signal' || f.event === 'memory-limit' || f.event === 'orphan') push(marker(`agent:life:${i}`, msg('timeline.agent', { event: f.event }), f, 'warning'));
  });
  // the timed heartbeats with a time in their evidence, read from the series: evidence only for a gap's two ends
  const beats = facts.series('agent-heartbeat');
  let prev = -1;
  let n = 0;
  for (let k = 0; k < beats.timed && out.length < MAX_PER_LANE; k++) {
    if (!beats.hasTime(k)) continue;
    const i = n++;
    if (prev >= 0 && beats.time(k) - beats.time(prev) > HEARTBEAT_GAP_MS) {
      const from = beats.get(prev).at;
      const to = beats.get(k).at;
      out.push({
        id: `agent:hb-gap:${i}`,
        lane: 'agent',
        group: 'Guest agent',
        ...labels(msg('timeline.heartbeat-gap', { minutes: Math.round((beats.time(k) - beats.time(prev)) / 60_000) })),
        start: from.time!,
        end: to.time!,
        severity: 'warning',
        evidence: [from, to],
      });
    }
    prev = k;
  }
  // read from the series until the lane is full: a broken agent's 500,000 goal-state failures are not built as a list for 1,500 markers
  const gsErrors = facts.series('goal-state-error');
  for (let i = 0; i < gsErrors.length && out.length < MAX_PER_LANE; i++) {
    const f = gsErrors.get(i);
    push(marker(`agent:gs:${i}`, msg('timeline.goal-state', { recovered: !!f.recovered }), f, f.recovered ? 'info' : 'error'));
  }
  const updates = facts.series('agent-update');
  for (let i = 0; i < updates.length && out.length < MAX_PER_LANE; i++) {
    const f = updates.get(i);
    if (f.event === 'failed' || f.event === 'blacklisted') push(marker(`agent:update:${i}`, msg('timeline.self-update', { event: f.event, ...(f.version ? { version: f.version } : {}) }), f, 'warning'));
  }
  return out;
}

/**
 * Facts that record something going wrong, for the error-density lane: a test per kind, no other kind is an error
 * (and the lane builds no fact of another kind).
 */
const ERROR_TESTS: { readonly [K in FactKind]?: (f: FieldOf<K>) => boolean } = {
  'snapshot-milestone': (f) => {
    const m = f('milestone');
    return (
      m === 'freeze-failed' ||
      m === 'snapshot-failed' ||
      m === 'crp-timeout' ||
      m === 'exception' ||
      m === 'certificate' ||
      m === 'status-write-failed' ||
      m === 'postscript-failed' ||
      (m === 'prescript-failed' && f('code') !== 316) ||
      (m === 'final-status' && f('code') !== undefined && f('code') !== 0 && f('code') !== 1) ||
      (m === 'thaw-result' && f('ok') === false) ||
      (m === 'snapshot-disk' && f('ok') === false)
    );
  },
  'goal-state-error': (f) => !f('recovered'),
  'agent-event': () => true,
  'extension-status-problem': () => true,
  'certificate-problem': () => true,
  'extension-operation': (f) => f('outcome') === 'failed' || f('outcome') === 'timed-out',
  connectivity: (f) => !f('ok'),
  'disk-space': (f) => !!f('full'),
  'agent-lifecycle': (f) => f('event') === 'crash' || f('event') === 'daemon-exception',
  'vmsnapshot-shell': (f) => f('event') === 'python-missing' || (f('event') === 'handle-rc' && (f('rc') ?? 0) !== 0),
};
const ERROR_KINDS = Object.keys(ERROR_TESTS) as FactKind[];

/** (a test of the kind and fields only: a row's answer is its tuple's, `FactReader.fieldAnswer`) */
function isError(r: FactReader): boolean {
  const test = ERROR_TESTS[r.kind] as ((f: (key: string) => unknown) => boolean) | undefined;
  return test !== undefined && test(r.read);
}

function errorItems(facts: FactIndex): TimelineItem[] {
  type Bucket = { count: number; evidence: Evidence[] };
  const buckets = new Map<number, Bucket>();
  // (the last fact's hour and bucket: a log's errors come in time order)
  let lastHour = NaN;
  let last: Bucket | undefined;
  // (only the kinds that can be errors are read, a big log's rows by position: a row's fields from its slots, its
  // evidence built only for the few an hour cites)
  facts.eachRead(ERROR_KINDS, (r) => {
    const t = r.timeMs;
    if (!r.fieldAnswer(isError) || !Number.isFinite(t) || !r.hasTime() || r.zone() === 'local') return;
    const hour = Math.floor(t / HOUR) * HOUR;
    let b = hour === lastHour ? last : buckets.get(hour);
    if (!b) buckets.set(hour, (b = { count: 0, evidence: [] }));
    lastHour = hour;
    last = b;
    b.count++;
    if (b.evidence.length < MAX_EVIDENCE) b.evidence.push(r.at());
  });
  const hours = [...buckets.keys()].sort((a, b) => a - b).slice(-MAX_PER_LANE);
  return hours.map((h) => {
    const b = buckets.get(h)!;
    return {
      id: `error:${h}`,
      lane: 'error' as const,
      group: 'Errors',
      label: String(b.count),
      start: iso(h),
      end: iso(h + HOUR),
      severity: 'error' as const,
      evidence: b.evidence,
    };
  });
}
