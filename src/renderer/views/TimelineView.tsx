import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Evidence, SnapshotTask } from '../../shared';
import { Charts } from '../components/Charts';
import { EvidenceList } from '../components/EvidenceList';
import { useT, type Messages } from '../i18n';
import { useApp } from '../state/store';
import { formatDuration, formatMs, formatTick, formatTime, type TimeMode } from '../util/time';
import { errorDensity, isoMs, segmentEvidence, timelineFor, timeTicks, visibleMarkers, visibleSegments, type DensityBin, type Marker, type Segment, type TimelineModel, type Tone } from '../util/timeline-model';

const LANE_H = 38;
const Y_AXIS_W = 170;
/** Plot margins (the axis labels sit in the left margin, the time ticks under the plot). */
const M = { top: 8, right: 36, bottom: 8 };
const X_AXIS_H = 30;
/** The shortest zoom window (a brush or zoom-in never goes below it). */
const MIN_SPAN = 60_000;
const TONE_CLASS: Record<Tone, string> = { ok: 'tone-ok', info: 'tone-info', warning: 'tone-warning', error: 'tone-error', pending: 'tone-pending', neutral: 'tone-neutral' };

interface Selection {
  title: string;
  subtitle?: string;
  task?: SnapshotTask;
  evidence: Evidence[];
}

/** Snapshot tasks, extension lanes and agent markers on one time axis, with zoom, brush and details. */
export function TimelineView({ width: fixedWidth }: { width?: number }) {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const showInLogs = useApp((s) => s.showInLogs);
  const tr = useT();
  const model = useMemo(() => (result ? timelineFor(result) : null), [result]);
  // Opens on the failed task with the tasks before and after it (the whole bundle is one "Reset zoom" away).
  const [zoom, setZoom] = useState<[number, number] | null>(() => (result && model?.domain ? failedTaskWindow(result.snapshots, model.domain) : null));
  const [selected, setSelected] = useState<Selection | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(0);

  // Measured before the first paint (the box is empty then: measuring is cheap), so the chart and the
  // table are drawn once, at the real width.
  useLayoutEffect(() => {
    if (fixedWidth || !boxRef.current) return;
    const el = boxRef.current;
    const update = () => setMeasured(el.clientWidth);
    update();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(update) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [fixedWidth]);

  const width = fixedWidth ?? (measured > 0 ? Math.max(measured, 600) : 0);
  const drawn = !!model?.domain && width > 0;
  // A performance mark, nothing else, when the chart of a result is committed (bench/renderer.mjs reads it).
  useEffect(() => {
    if (drawn) performance.mark('vmbd:timeline-rendered');
  }, [drawn, model]);

  const density = useMemo(() => (result && model?.domain ? errorDensity(result, model.domain) : []), [result, model]);
  const full = model?.domain ?? null;
  const [from, to] = zoom ?? full ?? [0, 0];
  const segs = useMemo(() => (model && full ? visibleSegments(model.segments, from, to) : []), [model, full, from, to]);
  const marks = useMemo(() => (model && full ? visibleMarkers(model.markers, from, to) : []), [model, full, from, to]);

  const selectSegment = useCallback(
    (s: Segment) => {
      if (!model) return;
      const task = s.taskId ? model.tasks.get(s.taskId) : undefined;
      setSelected({
        title: task ? tr.tl.taskTitle(task.seqNo !== undefined ? `#${task.seqNo}` : '').trim() : s.count > 1 ? tr.tl.items(s.count) : s.label,
        subtitle: task ? `${task.result}${task.code !== undefined ? ` · code ${task.code}` : ''}${task.statusName ? ` · ${task.statusName}` : ''}` : `${model.lanes[s.lane]?.label} · ${formatMs(s.start, mode)}`,
        task,
        evidence: segmentEvidence(model, s),
      });
    },
    [model, mode, tr],
  );
  const selectMarker = useCallback((m: Marker) => setSelected({ title: m.label, subtitle: `${model?.lanes[m.lane]?.label} · ${formatMs(m.at, mode)}`, evidence: m.evidence }), [model, mode]);
  const zoomToTask = useCallback((t: SnapshotTask) => {
    const s = isoMs(t.start ?? t.requestedStart ?? '');
    const e = isoMs(t.end ?? '') || s + (t.durationMs ?? 60_000);
    if (Number.isFinite(s)) {
      const pad = Math.max((e - s) * 0.3, 30_000);
      setZoom([s - pad, e + pad]);
    }
  }, []);
  const selectTask = useCallback(
    (t: SnapshotTask) => {
      if (!model) return;
      setSelected({ title: tr.tl.taskTitle(t.seqNo !== undefined ? `#${t.seqNo}` : '').trim(), subtitle: `${t.result}${t.code !== undefined ? ` · code ${t.code}` : ''}`, task: t, evidence: segmentEvidence(model, { id: t.taskId, lane: 0, start: 0, end: 0, tone: 'neutral', label: '', taskId: t.taskId, count: 1 }, Infinity) });
    },
    [model, tr],
  );
  const setWindow = useCallback(
    (w: [number, number] | null) => {
      if (!full || !w) return setZoom(null);
      const lo = Math.max(full[0], w[0]);
      const hi = Math.min(full[1], w[1]);
      setZoom(lo <= full[0] && hi >= full[1] ? null : [lo, hi]);
    },
    [full],
  );

  const counts = useMemo(() => {
    const c = { ok: 0, failed: 0, other: 0 };
    for (const t of result?.snapshots ?? []) {
      if (t.result === 'success') c.ok++;
      else if (t.result === 'failed') c.failed++;
      else c.other++;
    }
    return c;
  }, [result]);

  if (!result || !model) return null;
  if (!full) {
    return (
      <section className="timeline" aria-label={tr.tl.region}>
        <p className="muted">{tr.tl.noEvents}</p>
      </section>
    );
  }

  const zoomBy = (factor: number) => {
    const c = (from + to) / 2;
    const half = Math.max(((to - from) * factor) / 2, 30_000);
    setWindow([c - half, c + half]);
  };

  return (
    <section className="timeline" aria-label={tr.tl.region}>
      <div className="toolbar" role="toolbar" aria-label={tr.tl.controls}>
        <span className="muted" data-testid="task-summary">
          {tr.tl.summary(result.snapshots.length, counts.ok, counts.failed)}
          {counts.other ? tr.tl.other(counts.other) : ''}
        </span>
        <span className="spacer" />
        <span className="muted small">
          {formatMs(from, mode, false)} → {formatMs(to, mode, false)}
        </span>
        <button type="button" onClick={() => zoomBy(0.5)}>
          {tr.tl.zoomIn}
        </button>
        <button type="button" onClick={() => zoomBy(2)} disabled={!zoom}>
          {tr.tl.zoomOut}
        </button>
        <button type="button" onClick={() => setZoom(null)} disabled={!zoom}>
          {tr.tl.resetZoom}
        </button>
      </div>
      <Legend />
      <div className="timeline-body">
        <div className="chart-box" ref={boxRef} data-testid="timeline-chart">
          {width > 0 && (
            <>
              <LanesChart model={model} segs={segs} marks={marks} from={from} to={to} width={width} mode={mode} onSelectSegment={selectSegment} onSelectMarker={selectMarker} />
              <div className="density" aria-label={tr.tl.density}>
                {/* The whole bundle's errors/warnings, with the zoomed window shaded. */}
                <DensityStrip bins={density} full={full} window={zoom} width={width} />
                <TimeBrush full={full} window={zoom} width={width} mode={mode} onChange={setWindow} />
                <span className="density-label muted small">{tr.tl.densityHint}</span>
              </div>
              <TaskTable tasks={result.snapshots} onZoom={zoomToTask} onSelect={selectTask} />
              <Charts />
            </>
          )}
        </div>
        {selected && (
          <aside className="side-panel" aria-label={tr.tl.details}>
            <header>
              <h2>{selected.title}</h2>
              <button type="button" className="icon" aria-label={tr.tl.closeDetails} onClick={() => setSelected(null)}>
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
                  {tr.tl.showInLogs}
                </button>
              )}
              {selected.task && (
                <button type="button" onClick={() => zoomToTask(selected.task!)}>
                  {tr.tl.zoomToTask}
                </button>
              )}
            </div>
            <h3>{tr.tl.records}</h3>
            <EvidenceList evidence={selected.evidence} label={tr.tl.recordsBehind} />
          </aside>
        )}
      </div>
    </section>
  );
}

/** A linear time → x scale over the plot area [x0, x1]. */
function timeScale(from: number, to: number, x0: number, x1: number) {
  const k = (x1 - x0) / Math.max(1, to - from);
  return (t: number) => x0 + (t - from) * k;
}

interface LanesChartProps {
  model: TimelineModel;
  segs: Segment[];
  marks: Marker[];
  from: number;
  to: number;
  width: number;
  mode: TimeMode;
  onSelectSegment: (s: Segment) => void;
  onSelectMarker: (m: Marker) => void;
}

/**
 * The lanes, drawn as plain SVG: one shape per (aggregated) bar or marker, an axis of round times and the
 * lane labels. No chart library in between, so 10,000 tasks cost the few hundred shapes they aggregate to.
 */
const LanesChart = memo(function LanesChart({ model, segs, marks, from, to, width, mode, onSelectSegment, onSelectMarker }: LanesChartProps) {
  const tr = useT();
  const lanes = model.lanes.length;
  const height = lanes * LANE_H + 50;
  const x0 = Y_AXIS_W;
  const x1 = width - M.right;
  const y0 = M.top;
  const y1 = height - M.bottom - X_AXIS_H;
  const laneH = (y1 - y0) / Math.max(1, lanes);
  const x = timeScale(from, to, x0, x1);
  const laneY = (lane: number) => y0 + (lane + 0.5) * laneH;
  const span = to - from;
  const ticks = timeTicks(from, to);
  const clipId = 'tl-plot-clip';
  return (
    <svg className="lanes-chart" width={width} height={height} role="group" aria-label="Timeline lanes">
      <defs>
        <clipPath id={clipId}>
          <rect x={x0} y={y0} width={Math.max(0, x1 - x0)} height={Math.max(0, y1 - y0)} />
        </clipPath>
      </defs>
      <g className="grid" aria-hidden="true">
        {ticks.map((t) => (
          <line key={t} x1={x(t)} x2={x(t)} y1={y0} y2={y1} strokeDasharray="3 3" />
        ))}
      </g>
      <g className="axis" aria-hidden="true">
        <line className="axis-line" x1={x0} x2={x0} y1={y0} y2={y1} />
        <line className="axis-line" x1={x0} x2={x1} y1={y1} y2={y1} />
        {model.lanes.map((l, i) => (
          <g key={l.key}>
            <line className="axis-line" x1={x0 - 6} x2={x0} y1={laneY(i)} y2={laneY(i)} />
            <text x={x0 - 9} y={laneY(i)} textAnchor="end" dominantBaseline="central">
              {laneLabel(l.label, tr)}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <g key={t}>
            <line className="axis-line" x1={x(t)} x2={x(t)} y1={y1} y2={y1 + 6} />
            <text x={x(t)} y={y1 + 18} textAnchor="middle">
              {formatTick(t, mode, span)}
            </text>
          </g>
        ))}
      </g>
      <g clipPath={`url(#${clipId})`}>
        {segs.map((s) => {
          const sx = x(Math.max(s.start, from));
          const ex = x(Math.min(Math.max(s.end, s.start), to));
          const h = laneH * 0.64;
          return <SegmentShape key={s.id} seg={s} x={sx} y={laneY(s.lane) - h / 2} width={ex - sx} height={h} mode={mode} onSelect={onSelectSegment} />;
        })}
      </g>
      {marks.map((m) => (
        <MarkerShape key={m.id} m={m} cx={x(m.at)} cy={laneY(m.lane)} mode={mode} onSelect={onSelectMarker} />
      ))}
    </svg>
  );
});

function activate(e: KeyboardEvent, f: () => void) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    f();
  }
}

function SegmentShape(props: { x: number; y: number; width: number; height: number; seg: Segment; mode: TimeMode; onSelect: (s: Segment) => void }) {
  const { seg, onSelect, x, y, height: h } = props;
  // A two-minute task on a five-day axis is sub-pixel; keep it visible and clickable.
  const w = Math.max(props.width, 4);
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
      onKeyDown={(e) => activate(e, () => onSelect(seg))}
    >
      <title>{label}</title>
      <rect x={x} y={y} width={w} height={h} rx={3} />
    </g>
  );
}

function MarkerShape(props: { cx: number; cy: number; m: Marker; mode: TimeMode; onSelect: (m: Marker) => void }) {
  const { m, onSelect, cx, cy } = props;
  const label = `${m.label} · ${formatMs(m.at, props.mode)}`;
  return (
    <g className={`marker ${TONE_CLASS[m.tone]}`} role="button" tabIndex={0} aria-label={label} data-testid="timeline-marker" onClick={() => onSelect(m)} onKeyDown={(e) => activate(e, () => onSelect(m))}>
      <title>{label}</title>
      <path d={`M${cx} ${cy - 7} L${cx + 6} ${cy} L${cx} ${cy + 7} L${cx - 6} ${cy} Z`} />
    </g>
  );
}

/** Errors (bottom) and warnings (on top) per slice of the whole bundle, with the zoomed window shaded. */
const DensityStrip = memo(function DensityStrip({ bins, full, window: w, width }: { bins: DensityBin[]; full: [number, number]; window: [number, number] | null; width: number }) {
  const height = 50;
  const top = 4;
  const x0 = Y_AXIS_W;
  const x1 = width - M.right;
  const x = timeScale(full[0], full[1], x0, x1);
  const max = Math.max(1, ...bins.map((b) => b.errors + b.warnings));
  const k = (height - top) / max;
  const bw = (x1 - x0) / Math.max(1, bins.length);
  return (
    <svg className="density-strip" width={width} height={height} aria-hidden="true">
      {bins.map((b, i) =>
        b.errors + b.warnings > 0 ? (
          <g key={i}>
            {b.errors > 0 && <rect className="density-errors" x={x0 + i * bw} width={bw} y={height - b.errors * k} height={b.errors * k} />}
            {b.warnings > 0 && <rect className="density-warnings" x={x0 + i * bw} width={bw} y={height - (b.errors + b.warnings) * k} height={b.warnings * k} />}
          </g>
        ) : null,
      )}
      {w && <rect className="density-window" x={x(w[0])} y={top} width={Math.max(1, x(w[1]) - x(w[0]))} height={height - top} />}
    </svg>
  );
});

type Drag = { kind: 'start' | 'end' | 'pan'; x: number; window: [number, number] };

/**
 * The zoom brush over the whole time range: drag either handle, or the window between them; the handles
 * are sliders for the keyboard too (arrow keys move by 1/120 of the range, Page keys by 1/12, Home/End).
 */
function TimeBrush({ full, window: w, width, mode, onChange }: { full: [number, number]; window: [number, number] | null; width: number; mode: TimeMode; onChange: (w: [number, number] | null) => void }) {
  const height = 30;
  const x0 = Y_AXIS_W;
  const x1 = width - M.right;
  const span = full[1] - full[0];
  const [lo, hi] = w ?? full;
  const x = timeScale(full[0], full[1], x0, x1);
  const perPx = span / Math.max(1, x1 - x0);
  const drag = useRef<Drag | null>(null);
  const minSpan = Math.min(MIN_SPAN, span);
  const clamp = (a: number, b: number, kind: Drag['kind']): [number, number] => {
    if (kind === 'pan') {
      const len = b - a;
      const s = Math.min(Math.max(a, full[0]), full[1] - len);
      return [s, s + len];
    }
    const s = Math.max(full[0], Math.min(a, full[1] - minSpan));
    const e = Math.min(full[1], Math.max(b, full[0] + minSpan));
    return kind === 'start' ? [Math.min(s, e - minSpan), e] : [s, Math.max(e, s + minSpan)];
  };
  const begin = (e: PointerEvent<SVGElement>, kind: Drag['kind']) => {
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    drag.current = { kind, x: e.clientX, window: [lo, hi] };
  };
  const move = (e: PointerEvent<SVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dt = (e.clientX - d.x) * perPx;
    const [a, b] = d.window;
    onChange(clamp(d.kind === 'end' ? a : a + dt, d.kind === 'start' ? b : b + dt, d.kind));
  };
  const end = (e: PointerEvent<SVGElement>) => {
    if (!drag.current) return;
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
    drag.current = null;
  };
  const key = (e: KeyboardEvent<SVGElement>, kind: 'start' | 'end') => {
    const step = e.key === 'PageUp' || e.key === 'PageDown' ? span / 12 : span / 120;
    const sign = e.key === 'ArrowLeft' || e.key === 'ArrowDown' || e.key === 'PageDown' ? -1 : e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : 0;
    let next: [number, number] | null = null;
    if (sign) next = kind === 'start' ? clamp(lo + sign * step, hi, kind) : clamp(lo, hi + sign * step, kind);
    else if (e.key === 'Home') next = kind === 'start' ? clamp(full[0], hi, kind) : clamp(lo, lo + minSpan, kind);
    else if (e.key === 'End') next = kind === 'start' ? clamp(hi - minSpan, hi, kind) : clamp(lo, full[1], kind);
    if (!next) return;
    e.preventDefault();
    onChange(next);
  };
  const handle = (kind: 'start' | 'end', at: number) => (
    <g
      className="brush-handle"
      role="slider"
      tabIndex={0}
      aria-label={kind === 'start' ? 'Zoom window start' : 'Zoom window end'}
      aria-valuemin={full[0]}
      aria-valuemax={full[1]}
      aria-valuenow={Math.round(kind === 'start' ? lo : hi)}
      aria-valuetext={formatMs(kind === 'start' ? lo : hi, mode)}
      data-testid={`brush-${kind}`}
      onPointerDown={(e) => begin(e, kind)}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={(e) => key(e, kind)}
    >
      <rect x={x(at) - 4} y={2} width={8} height={24} rx={2} />
      <line x1={x(at) - 1.5} x2={x(at) + 1.5} y1={14} y2={14} />
    </g>
  );
  return (
    <svg className="time-brush" width={width} height={height} data-testid="time-brush">
      <rect className="brush-track" x={x0} y={2} width={Math.max(0, x1 - x0)} height={24} />
      <rect className="brush-window" data-testid="brush-window" x={x(lo)} y={2} width={Math.max(0, x(hi) - x(lo))} height={24} onPointerDown={(e) => begin(e, 'pan')} onPointerMove={move} onPointerUp={end} onPointerCancel={end} />
      {handle('start', lo)}
      {handle('end', hi)}
    </svg>
  );
}

function Legend() {
  const tr = useT();
  const items: [string, string][] = [
    ['tone-ok phase-pre-script', 'pre-script'],
    ['tone-ok phase-freeze', 'freeze'],
    ['tone-ok phase-snapshot', 'snapshot'],
    ['tone-ok phase-thaw', 'thaw'],
    ['tone-ok phase-post-script', 'post-script'],
    ['tone-error', tr.tl.failedTimedOut],
    ['tone-warning', tr.tl.unfinished],
    ['tone-neutral', tr.tl.skippedUnknown],
  ];
  return (
    <ul className="legend" aria-label={tr.tl.legend}>
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
        {tr.tl.agentEvent}
      </li>
    </ul>
  );
}

function TaskDetails({ task }: { task: SnapshotTask }) {
  const mode = useApp((s) => s.timeMode);
  const tr = useT();
  return (
    <div className="task-details">
      <dl className="facts compact">
        <dt>{tr.tl.task}</dt>
        <dd>
          <code className="wrap">{task.taskId}</code>
        </dd>
        <dt>{tr.tl.start}</dt>
        <dd>{formatTime(task.start ?? task.requestedStart, mode)}</dd>
        <dt>{tr.tl.duration}</dt>
        <dd>{formatDuration(task.durationMs)}</dd>
        {task.code !== undefined && (
          <>
            <dt>{tr.tl.status}</dt>
            <dd>
              {task.code} {task.statusName}
            </dd>
          </>
        )}
        {task.snapshotPath && (
          <>
            <dt>{tr.tl.path}</dt>
            <dd>{task.snapshotPath}</dd>
          </>
        )}
        {task.extensionVersion && (
          <>
            <dt>{tr.tl.extension}</dt>
            <dd>{task.extensionVersion}</dd>
          </>
        )}
      </dl>
      {task.message && <p className="small">{task.message}</p>}
      {task.unfinishedReason && <p className="small warn">{task.unfinishedReason}</p>}
      {task.phases.length > 0 && (
        <table className="table compact" aria-label={tr.tl.phases}>
          <thead>
            <tr>
              <th>{tr.tl.phase}</th>
              <th>{tr.tl.result}</th>
              <th>{tr.tl.duration}</th>
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

/** A task row's fixed height (styles.css `.tasks tbody tr`): the table is virtualised. */
export const TASK_ROW_H = 32;
const taskRowHeight = () => TASK_ROW_H;

/**
 * The tasks as a table too: readable by screen readers and for exact numbers. All of them, newest first,
 * virtualised in its own scroller: only the rows on screen are in the DOM (aria-rowcount/-rowindex tell the
 * real size), with spacer rows above and below.
 */
const TaskTable = memo(function TaskTable({ tasks, onSelect, onZoom }: { tasks: SnapshotTask[]; onSelect: (t: SnapshotTask) => void; onZoom: (t: SnapshotTask) => void }) {
  const tr = useT();
  const mode = useApp((s) => s.timeMode);
  const rows = useMemo(() => newestFirst(tasks), [tasks]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are not memoisable; this component is not compiler-optimised anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: taskRowHeight, overscan: 6, useFlushSync: false });
  if (!tasks.length) return null;
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <div className="task-scroll" ref={scrollRef} data-testid="task-scroll" tabIndex={-1}>
      <table className="table tasks" aria-label={tr.tl.tasks} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th>{tr.tl.seq}</th>
            <th>{tr.tl.start}</th>
            <th>{tr.tl.duration}</th>
            <th>{tr.tl.result}</th>
            <th>{tr.tl.code}</th>
            <th>{tr.tl.status}</th>
            <th>{tr.tl.extension}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: padTop }} />}
          {items.map((vi) => {
            const t = rows[vi.index];
            return (
              <tr key={t.taskId} className={`res-${t.result}`} data-testid="task-row" data-index={vi.index} aria-rowindex={vi.index + 2}>
                <td>{t.seqNo ?? '—'}</td>
                <td>{formatTime(t.start ?? t.requestedStart, mode)}</td>
                <td>{formatDuration(t.durationMs)}</td>
                <td>
                  <span className={`badge res-badge-${t.result}`}>{t.result}</span>
                </td>
                <td>{t.code ?? '—'}</td>
                <td className="small" title={t.statusName}>
                  {t.statusName ?? ''}
                </td>
                <td className="small">{t.extensionVersion ?? ''}</td>
                <td>
                  <span className="row-actions">
                    <button type="button" className="link" onClick={() => onSelect(t)}>
                      {tr.tl.details}
                    </button>
                    <button type="button" className="link" onClick={() => onZoom(t)}>
                      {tr.tl.zoom}
                    </button>
                  </span>
                </td>
              </tr>
            );
          })}
          {padBottom > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
});

/** Tasks by start time, newest first; tasks without a time keep their order at the end. */
export function newestFirst(tasks: SnapshotTask[]): SnapshotTask[] {
  const keyed = tasks.map((t, i) => ({ t, i, at: isoMs(t.start ?? t.requestedStart) }));
  keyed.sort((a, b) => {
    const an = Number.isNaN(a.at);
    const bn = Number.isNaN(b.at);
    if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
    return b.at - a.at || a.i - b.i;
  });
  return keyed.map((k) => k.t);
}

/**
 * The window the timeline opens on: the last failed (or unfinished) task with its neighbours, padded a
 * little; null when there is no such task or the window would be the whole bundle anyway.
 */
export function failedTaskWindow(tasks: SnapshotTask[], domain: [number, number]): [number, number] | null {
  const timed = tasks.filter((t) => Number.isFinite(isoMs(t.start ?? ''))).sort((a, b) => isoMs(a.start!) - isoMs(b.start!));
  let i = -1;
  for (let k = timed.length - 1; k >= 0; k--)
    if (timed[k].result === 'failed' || timed[k].result === 'unfinished') {
      i = k;
      break;
    }
  if (i < 0) return null;
  const endOf = (t: SnapshotTask) => {
    const s = isoMs(t.start!);
    const e = isoMs(t.end ?? '');
    return Number.isFinite(e) ? e : s + (t.durationMs ?? 60_000);
  };
  const lo = isoMs((timed[i - 1] ?? timed[i]).start!);
  const hi = endOf(timed[i + 1] ?? timed[i]);
  const pad = Math.max((hi - lo) * 0.05, 5 * 60_000);
  const w: [number, number] = [Math.max(domain[0], lo - pad), Math.min(domain[1], hi + pad)];
  return w[0] <= domain[0] && w[1] >= domain[1] ? null : w;
}

/** The two lanes the model names itself (the others are handler names, shown as they are). */
function laneLabel(label: string, tr: Messages): string {
  return label === 'Backup snapshots' ? tr.tl.laneSnapshots : label === 'Guest agent' ? tr.tl.laneAgent : label;
}
