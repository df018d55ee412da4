import { useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, ComposedChart, ReferenceArea, ReferenceDot, Scatter, XAxis, YAxis } from 'recharts';
import type { Evidence, SnapshotTask } from '../../shared';
import { EvidenceList } from '../components/EvidenceList';
import { useApp } from '../state/store';
import { formatDuration, formatMs, formatTick, formatTime } from '../util/time';
import { buildTimeline, errorDensity, visibleMarkers, visibleSegments, timeTicks, type Marker, type Segment, type Tone } from '../util/timeline-model';

const LANE_H = 38;
const Y_AXIS_W = 170;
const TONE_CLASS: Record<Tone, string> = { ok: 'tone-ok', info: 'tone-info', warning: 'tone-warning', error: 'tone-error', pending: 'tone-pending', neutral: 'tone-neutral' };

interface Selection {
  title: string;
  subtitle?: string;
  task?: SnapshotTask;
  evidence: Evidence[];
}

let renderedMarked = false;

/** Snapshot tasks, extension lanes and agent markers on one time axis, with zoom, brush and details. */
export function TimelineView({ width: fixedWidth }: { width?: number }) {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const showInLogs = useApp((s) => s.showInLogs);
  const model = useMemo(() => (result ? buildTimeline(result) : null), [result]);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [selected, setSelected] = useState<Selection | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(0);

  useEffect(() => {
    if (fixedWidth || !boxRef.current) return;
    const el = boxRef.current;
    const update = () => setMeasured(el.clientWidth);
    update();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(update) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [fixedWidth]);

  useEffect(() => {
    if (!renderedMarked && model?.domain) {
      renderedMarked = true;
      performance.mark('vmbd:timeline-rendered');
    }
  }, [model]);

  const density = useMemo(() => (result && model?.domain ? errorDensity(result, model.domain) : []), [result, model]);

  if (!result || !model) return null;
  const width = fixedWidth ?? Math.max(measured, 600);
  if (!model.domain) {
    return (
      <section className="timeline" aria-label="Timeline">
        <p className="muted">The bundle has no timed events to draw.</p>
      </section>
    );
  }
  const full = model.domain;
  const [from, to] = zoom ?? full;
  const span = to - from;
  const segs = visibleSegments(model.segments, from, to);
  const marks = visibleMarkers(model.markers, from, to);
  const height = model.lanes.length * LANE_H + 50;
  const bins = density;
  const binIndex = (t: number) => Math.max(0, Math.min(bins.length - 1, Math.floor(((t - full[0]) / (full[1] - full[0])) * bins.length)));

  const zoomBy = (factor: number) => {
    const c = (from + to) / 2;
    const half = Math.max(((to - from) * factor) / 2, 30_000);
    const lo = Math.max(full[0], c - half);
    const hi = Math.min(full[1], c + half);
    setZoom(lo <= full[0] && hi >= full[1] ? null : [lo, hi]);
  };
  const selectSegment = (s: Segment) => {
    const task = s.taskId ? model.tasks.get(s.taskId) : undefined;
    setSelected({
      title: task ? `Snapshot task ${task.seqNo !== undefined ? `#${task.seqNo}` : ''}`.trim() : s.count > 1 ? `${s.count} items` : s.label,
      subtitle: task ? `${task.result}${task.code !== undefined ? ` · code ${task.code}` : ''}${task.statusName ? ` · ${task.statusName}` : ''}` : `${model.lanes[s.lane]?.label} · ${formatMs(s.start, mode)}`,
      task,
      evidence: s.evidence,
    });
  };
  const selectMarker = (m: Marker) => setSelected({ title: m.label, subtitle: `${model.lanes[m.lane]?.label} · ${formatMs(m.at, mode)}`, evidence: m.evidence });
  const zoomToTask = (t: SnapshotTask) => {
    const s = Date.parse(t.start ?? t.requestedStart ?? '');
    const e = Date.parse(t.end ?? '') || s + (t.durationMs ?? 60_000);
    if (Number.isFinite(s)) {
      const pad = Math.max((e - s) * 0.3, 30_000);
      setZoom([s - pad, e + pad]);
    }
  };

  const counts = { ok: 0, failed: 0, other: 0 };
  for (const t of result.snapshots) {
    if (t.result === 'success') counts.ok++;
    else if (t.result === 'failed') counts.failed++;
    else counts.other++;
  }

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="toolbar" role="toolbar" aria-label="Timeline controls">
        <span className="muted" data-testid="task-summary">
          {result.snapshots.length} snapshot task{result.snapshots.length === 1 ? '' : 's'}: {counts.ok} succeeded, {counts.failed} failed
          {counts.other ? `, ${counts.other} other` : ''}
        </span>
        <span className="spacer" />
        <span className="muted small">
          {formatMs(from, mode, false)} → {formatMs(to, mode, false)}
        </span>
        <button type="button" onClick={() => zoomBy(0.5)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoomBy(2)} disabled={!zoom}>
          Zoom out
        </button>
        <button type="button" onClick={() => setZoom(null)} disabled={!zoom}>
          Reset zoom
        </button>
      </div>
      <Legend />
      <div className="timeline-body">
        <div className="chart-box" ref={boxRef} data-testid="timeline-chart">
          <ComposedChart width={width} height={height} data={[{ x: from }, { x: to }]} margin={{ top: 8, right: 36, bottom: 8, left: 0 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" className="grid" />
            <XAxis type="number" dataKey="x" domain={[from, to]} allowDataOverflow scale="time" ticks={timeTicks(from, to)} interval={0} tickFormatter={(v: number) => formatTick(v, mode, span)} className="axis" />
            <YAxis
              type="number"
              domain={[-0.5, model.lanes.length - 0.5]}
              ticks={model.lanes.map((_, i) => i)}
              interval={0}
              reversed
              allowDataOverflow
              width={Y_AXIS_W}
              tickFormatter={(i: number) => model.lanes[i]?.label ?? ''}
              className="axis"
            />
            {/* An empty series keeps the axes bound to the domain; the bars are reference shapes. */}
            <Scatter data={[]} dataKey="x" isAnimationActive={false} />
            {segs.map((s) => (
              <ReferenceArea
                key={s.id}
                x1={Math.max(s.start, from)}
                x2={Math.min(Math.max(s.end, s.start), to)}
                y1={s.lane - 0.32}
                y2={s.lane + 0.32}
                ifOverflow="hidden"
                shape={(p: { x?: number; y?: number; width?: number; height?: number }) => <SegmentShape {...p} seg={s} mode={mode} onSelect={selectSegment} />}
              />
            ))}
            {marks.map((m) => (
              <ReferenceDot key={m.id} x={m.at} y={m.lane} r={6} ifOverflow="discard" shape={(p: { cx?: number; cy?: number }) => <MarkerShape {...p} m={m} mode={mode} onSelect={selectMarker} />} />
            ))}
          </ComposedChart>
          <div className="density" aria-label="Error density">
            {/* The whole bundle's errors/warnings, with the zoomed window shaded. */}
            <BarChart width={width} height={50} data={bins} margin={{ top: 4, right: 36, bottom: 0, left: Y_AXIS_W }} barCategoryGap={0}>
              <XAxis dataKey="t" hide />
              <Bar dataKey="errors" stackId="d" fill="var(--err)" isAnimationActive={false} />
              <Bar dataKey="warnings" stackId="d" fill="var(--warn)" isAnimationActive={false} />
              {zoom && <ReferenceArea x1={bins[binIndex(from)].t} x2={bins[binIndex(to)].t} ifOverflow="extendDomain" fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" />}
            </BarChart>
            {/* The brush lives in its own empty chart so dragging it never hides the strip's bars. */}
            <BarChart width={width} height={30} data={bins} margin={{ top: 0, right: 36, bottom: 0, left: Y_AXIS_W }}>
              <Brush
                dataKey="t"
                height={24}
                y={2}
                travellerWidth={8}
                startIndex={binIndex(from)}
                endIndex={binIndex(to)}
                tickFormatter={(v: number) => formatTick(v, mode, full[1] - full[0])}
                onChange={(r: { startIndex?: number; endIndex?: number }) => {
                  if (r.startIndex === undefined || r.endIndex === undefined) return;
                  if (r.startIndex <= 0 && r.endIndex >= bins.length - 1) setZoom(null);
                  else setZoom([bins[r.startIndex].t, bins[Math.min(bins.length - 1, r.endIndex)].t + (full[1] - full[0]) / bins.length]);
                }}
                stroke="var(--accent)"
                fill="var(--panel)"
              />
            </BarChart>
            <span className="density-label muted small">Errors / warnings — drag the handles to zoom</span>
          </div>
          <TaskTable tasks={result.snapshots} onZoom={zoomToTask} onSelect={(t) => setSelected({ title: `Snapshot task ${t.seqNo !== undefined ? `#${t.seqNo}` : ''}`.trim(), subtitle: `${t.result}${t.code !== undefined ? ` · code ${t.code}` : ''}`, task: t, evidence: taskEvidenceOf(t, result.timeline) })} />
        </div>
        {selected && (
          <aside className="side-panel" aria-label="Details">
            <header>
              <h2>{selected.title}</h2>
              <button type="button" className="icon" aria-label="Close details" onClick={() => setSelected(null)}>
                ×
              </button>
            </header>
            {selected.subtitle && <p className="muted">{selected.subtitle}</p>}
            {selected.task && <TaskDetails task={selected.task} />}
            <div className="panel-actions">
              {selected.evidence.some((e) => e.line > 0) && (
                <button
                  type="button"
                  onClick={() => {
                    const e = selected.evidence.find((x) => x.line > 0)!;
                    showInLogs(e.file, e.line);
                  }}
                >
                  Show in logs
                </button>
              )}
              {selected.task && (
                <button type="button" onClick={() => zoomToTask(selected.task!)}>
                  Zoom to task
                </button>
              )}
            </div>
            <h3>Records</h3>
            <EvidenceList evidence={selected.evidence} label="Records behind the item" />
          </aside>
        )}
      </div>
    </section>
  );
}

function taskEvidenceOf(t: SnapshotTask, items: { taskId?: string; evidence: Evidence[] }[]): Evidence[] {
  return [...t.milestones.map((m) => ({ file: m.file, line: m.line, time: m.time, text: m.text })), ...items.filter((i) => i.taskId === t.taskId).flatMap((i) => i.evidence)];
}

function SegmentShape(props: { x?: number; y?: number; width?: number; height?: number; seg: Segment; mode: 'utc' | 'local'; onSelect: (s: Segment) => void }) {
  const { seg, onSelect } = props;
  const x = props.x ?? 0;
  const y = props.y ?? 0;
  const h = props.height ?? 0;
  // A two-minute task on a five-day axis is sub-pixel; keep it visible and clickable.
  const w = Math.max(props.width ?? 0, 4);
  const label = `${seg.label} · ${formatMs(seg.start, props.mode)} · ${formatDuration(seg.end - seg.start)}`;
  return (
    <g
      className={`tl-seg ${TONE_CLASS[seg.tone]}${seg.phase ? ` phase-${seg.phase}` : ''}`}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-testid="timeline-segment"
      data-task={seg.taskId}
      onClick={() => onSelect(seg)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(seg);
        }
      }}
    >
      <title>{label}</title>
      <rect x={x} y={y} width={w} height={h} rx={3} />
    </g>
  );
}

function MarkerShape(props: { cx?: number; cy?: number; m: Marker; mode: 'utc' | 'local'; onSelect: (m: Marker) => void }) {
  const { m, onSelect } = props;
  const cx = props.cx ?? 0;
  const cy = props.cy ?? 0;
  const label = `${m.label} · ${formatMs(m.at, props.mode)}`;
  return (
    <g
      className={`marker ${TONE_CLASS[m.tone]}`}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-testid="timeline-marker"
      onClick={() => onSelect(m)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(m);
        }
      }}
    >
      <title>{label}</title>
      <path d={`M${cx} ${cy - 7} L${cx + 6} ${cy} L${cx} ${cy + 7} L${cx - 6} ${cy} Z`} />
    </g>
  );
}

function Legend() {
  const items: [string, string][] = [
    ['tone-ok phase-pre-script', 'pre-script'],
    ['tone-ok phase-freeze', 'freeze'],
    ['tone-ok phase-snapshot', 'snapshot'],
    ['tone-ok phase-thaw', 'thaw'],
    ['tone-ok phase-post-script', 'post-script'],
    ['tone-error', 'failed / timed out'],
    ['tone-warning', 'unfinished'],
    ['tone-neutral', 'skipped / unknown'],
  ];
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([c, l]) => (
        <li key={l}>
          <svg width="14" height="10" aria-hidden="true">
            <g className={`tl-seg ${c}`}>
              <rect width="14" height="10" rx="2" />
            </g>
          </svg>
          {l}
        </li>
      ))}
      <li>
        <svg width="12" height="12" aria-hidden="true">
          <g className="marker tone-info">
            <path d="M6 0 L12 6 L6 12 L0 6 Z" />
          </g>
        </svg>
        agent event
      </li>
    </ul>
  );
}

function TaskDetails({ task }: { task: SnapshotTask }) {
  const mode = useApp((s) => s.timeMode);
  return (
    <div className="task-details">
      <dl className="facts compact">
        <dt>Task</dt>
        <dd>
          <code className="wrap">{task.taskId}</code>
        </dd>
        <dt>Start</dt>
        <dd>{formatTime(task.start ?? task.requestedStart, mode)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(task.durationMs)}</dd>
        {task.code !== undefined && (
          <>
            <dt>Status</dt>
            <dd>
              {task.code} {task.statusName}
            </dd>
          </>
        )}
        {task.snapshotPath && (
          <>
            <dt>Path</dt>
            <dd>{task.snapshotPath}</dd>
          </>
        )}
        {task.extensionVersion && (
          <>
            <dt>Extension</dt>
            <dd>{task.extensionVersion}</dd>
          </>
        )}
      </dl>
      {task.message && <p className="small">{task.message}</p>}
      {task.unfinishedReason && <p className="small warn">{task.unfinishedReason}</p>}
      {task.phases.length > 0 && (
        <table className="table compact" aria-label="Phases">
          <thead>
            <tr>
              <th>Phase</th>
              <th>Result</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {task.phases.map((p) => (
              <tr key={p.name} className={`res-${p.result}`}>
                <td>{p.name}</td>
                <td>{p.result}</td>
                <td>{formatDuration(p.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The tasks as a table too: readable by screen readers and for exact numbers. */
function TaskTable({ tasks, onSelect, onZoom }: { tasks: SnapshotTask[]; onSelect: (t: SnapshotTask) => void; onZoom: (t: SnapshotTask) => void }) {
  const mode = useApp((s) => s.timeMode);
  if (!tasks.length) return null;
  // Newest first, and only the last 200: 10,000 rows of a table help nobody.
  const rows = [...tasks].sort((a, b) => Date.parse(b.start ?? b.requestedStart ?? '') - Date.parse(a.start ?? a.requestedStart ?? '')).slice(0, 200);
  return (
    <table className="table tasks" aria-label="Snapshot tasks">
      <thead>
        <tr>
          <th>Seq</th>
          <th>Start</th>
          <th>Duration</th>
          <th>Result</th>
          <th>Code</th>
          <th>Status</th>
          <th>Extension</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.taskId} className={`res-${t.result}`} data-testid="task-row">
            <td>{t.seqNo ?? '—'}</td>
            <td>{formatTime(t.start ?? t.requestedStart, mode)}</td>
            <td>{formatDuration(t.durationMs)}</td>
            <td>
              <span className={`badge res-badge-${t.result}`}>{t.result}</span>
            </td>
            <td>{t.code ?? '—'}</td>
            <td className="small">{t.statusName ?? ''}</td>
            <td className="small">{t.extensionVersion ?? ''}</td>
            <td>
              <span className="row-actions">
                <button type="button" className="link" onClick={() => onSelect(t)}>
                  Details
                </button>
                <button type="button" className="link" onClick={() => onZoom(t)}>
                  Zoom
                </button>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
