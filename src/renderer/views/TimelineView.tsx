import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Evidence, ExportResult, SnapshotTask } from '../../shared';
import { api } from '../api';
import { Charts } from '../components/Charts';
import { CompareAction } from '../components/CompareAction';
import { EvidenceList } from '../components/EvidenceList';
import { TimelinePhaseTable } from '../components/TimelinePhaseTable';
import { errorIn, textIn } from '../../shared/i18n/analysis';
import { UNKNOWN_TASK_ID } from '../../shared/model/task-id';
import { loggedCode } from '../../shared/vmsnapshot-codes';
import { useLang, useT, type Messages } from '../i18n';
import { useApp } from '../state/store';
import { DEFAULT_REM_PX, useRemPx } from '../util/rem';
import { formatDuration, formatMs, formatTick, formatTime, type TimeMode } from '../util/time';
import { usePhaseNames, type PhaseNames } from '../util/phase-name';
import { chartToSvg, svgToPngBase64 } from '../util/timeline-export';
import {
  errorDensity,
  focusEvidence,
  isoMs,
  MARKER_GAP_PX,
  segmentEvidence,
  timelineFor,
  timeTicks,
  uniqueEvidence,
  visibleMarkers,
  visibleSegments,
  type DensityBin,
  type EmptyReason,
  type Lane,
  type Marker,
  type Segment,
  type TimelineModel,
  type Tone,
} from '../util/timeline-model';

/** Sizes at the default 16 px root; the chart multiplies them by root/16 (`k`), so lanes and labels grow with the OS text size. */
const LANE_H = 38;
const Y_AXIS_W = 170;
/** Plot margins at a 16 px root, times the text scale (the axis labels sit in the left margin, the time ticks under the plot; the right one holds half the last tick label). */
const M = { top: 8, right: 36, bottom: 8 };
const X_AXIS_H = 30;
/** The shortest zoom window (a brush or zoom-in never goes below it). */
const MIN_SPAN = 60_000;
const TONE_CLASS: Record<Tone, string> = { ok: 'tone-ok', info: 'tone-info', warning: 'tone-warning', error: 'tone-error', pending: 'tone-pending', neutral: 'tone-neutral' };
/** A bar's fill (styles.css "Timeline palette"): ok phases alternate two shades, failures are the darkest/lightest and hatched. */
const FILL_CLASS: Record<Tone, string> = { ok: 'tl-ok-b', info: 'tl-info', warning: 'tl-warn', error: 'tl-fail', pending: 'tl-pending', neutral: 'tl-neutral' };
const HATCHED: Partial<Record<Tone, string>> = { error: 'tl-hatch-fail', warning: 'tl-hatch-warn' };
/** Width of a bar-label character at a 16 px root (0.625rem, sans-serif, with some slack). */
const CHAR_PX = 6.4;

interface Selection {
  title: string;
  subtitle?: string;
  task?: SnapshotTask;
  evidence: Evidence[];
}

/** Plot width in px of a chart `width` wide at text scale `k` (the lane names take the left margin). */
const plotWidth = (width: number, k: number) => Math.max(1, width - (M.right + Y_AXIS_W) * k);

/** Snapshot tasks, extension lanes and agent markers on one time axis, with zoom, brush and details. */
export function TimelineView({ width: fixedWidth }: { width?: number }) {
  const result = useApp((s) => s.result);
  const mode = useApp((s) => s.timeMode);
  const showInLogs = useApp((s) => s.showInLogs);
  const tr = useT();
  const phaseNames = usePhaseNames();
  const lang = useLang((s) => s.lang);
  const model = useMemo(() => (result ? timelineFor(result, lang) : null), [result, lang]);
  // Opens on the failed task with the tasks before and after it (the whole bundle is one "Reset zoom" away).
  const [zoom, setZoom] = useState<[number, number] | null>(() => (result && model?.domain ? failedTaskWindow(result.snapshots, model.domain) : null));
  const [selected, setSelected] = useState<Selection | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(0);
  // The chart's px sizes follow the root font size: 1 at the default 16 px, 1.25 at 20 px OS text.
  const k = useRemPx() / DEFAULT_REM_PX;

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

  // At 1024 px with the details panel open the box is ~580 px wide: the chart follows it down to 420.
  const width = fixedWidth ?? (measured > 0 ? Math.max(measured, 420) : 0);
  const drawn = !!model?.domain && width > 0;
  // A performance mark, nothing else, when the chart of a result is committed (bench/renderer.mjs reads it).
  useEffect(() => {
    if (drawn) performance.mark('vmbd:timeline-rendered');
  }, [drawn, model]);

  const density = useMemo(() => (result && model?.domain ? errorDensity(result, model.domain) : []), [result, model]);
  const full = model?.domain ?? null;
  const [from, to] = zoom ?? full ?? [0, 0];
  const segs = useMemo(() => (model && full ? visibleSegments(model.segments, from, to) : []), [model, full, from, to]);
  const marks = useMemo(
    () => (model && full && width > 0 ? visibleMarkers(model.markers, from, to, plotWidth(width, k) / Math.max(1, to - from), MARKER_GAP_PX * k, (n) => groupReach(n, k)) : []),
    [model, full, from, to, width, k],
  );
  const chartRef = useRef<SVGSVGElement>(null);
  const legendRef = useRef<HTMLUListElement>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);

  const selectSegment = useCallback(
    (s: Segment) => {
      if (!model) return;
      const task = s.taskId ? model.tasks.get(s.taskId) : undefined;
      setSelected({
        title: task ? tr.tl.taskTitle(task.seqNo !== undefined ? `#${task.seqNo}` : '').trim() : s.count > 1 ? tr.tl.items(s.count) : segmentText(s, tr, phaseNames),
        subtitle: task ? `${tr.report.snapshotResults[task.result]}${loggedCode(task) !== undefined ? ` · ${tr.tl.code.toLowerCase()} ${loggedCode(task)}` : ''}${task.statusName ? ` · ${task.statusName}` : ''}` : `${laneLabel(model.lanes[s.lane]?.label ?? '', tr)} · ${formatMs(s.start, mode)}`,
        task,
        evidence: segmentEvidence(model, s),
      });
    },
    [model, mode, tr, phaseNames],
  );
  const zoomToTask = useCallback((t: SnapshotTask) => {
    const w = taskWindow(t);
    if (w) setZoom(w);
  }, []);
  const selectTask = useCallback(
    (t: SnapshotTask) => {
      if (!model) return;
      setSelected({ title: tr.tl.taskTitle(t.seqNo !== undefined ? `#${t.seqNo}` : '').trim(), subtitle: `${tr.report.snapshotResults[t.result]}${loggedCode(t) !== undefined ? ` · ${tr.tl.code.toLowerCase()} ${loggedCode(t)}` : ''}`, task: t, evidence: segmentEvidence(model, { id: t.taskId, lane: 0, start: 0, end: 0, tone: 'neutral', label: '', taskId: t.taskId, count: 1 }, Infinity) });
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
  const selectMarker = useCallback(
    (m: Marker) => {
      const lane = model?.lanes[m.lane];
      const laneName = lane ? laneLabel(lane.label, tr) : '';
      if (m.count > 1 && m.end !== undefined) {
        // A group: zoom in until its members stand apart (the brush stops at a minute), and list their records.
        if (m.end > m.at) {
          const pad = Math.max((m.end - m.at) * 0.25, MIN_SPAN / 2);
          setWindow([m.at - pad, m.end + pad]);
        }
        setSelected({ title: tr.tl.events(m.count), subtitle: `${laneName} · ${formatMs(m.at, mode)} → ${formatMs(m.end, mode)}`, evidence: uniqueEvidence(m.evidence) });
        return;
      }
      setSelected({ title: m.label, subtitle: `${laneName} · ${formatMs(m.at, mode)}`, evidence: uniqueEvidence(m.evidence) });
    },
    [model, mode, tr, setWindow],
  );

  const exportImage = async (format: 'svg' | 'png') => {
    const chart = chartRef.current;
    if (!chart || !result) return;
    setExported(null);
    try {
      const box = chart.parentElement ?? chart;
      const title = tr.tl.exportTitle(result.vm.hostname ?? '—', formatMs(from, mode, false), formatMs(to, mode, false));
      const { svg, width: w, height: h } = chartToSvg(chart, { title, background: getComputedStyle(box).backgroundColor || '#ffffff', legend: legendRef.current ?? undefined });
      const data = format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}` : await svgToPngBase64(svg, w, h);
      if (data === null) return setExported({ ok: false, error: tr.tl.noCanvas });
      setExported(await api().saveImage({ format, data }));
    } catch (e) {
      setExported({ ok: false, error: (e as Error).message });
    }
  };

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
  const focus = selected ? focusEvidence(selected.evidence, selected.task) : undefined;
  const taskSummary = (
    <span className="muted" data-testid="task-summary">
      {tr.tl.summary(result.snapshots.length, counts.ok, counts.failed)}
      {counts.other ? tr.tl.other(counts.other) : ''}
    </span>
  );
  const details = selected && (
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
        {focus && (
          <button type="button" onClick={() => showInLogs(focus.file, focus.line)}>
            {tr.tl.showInLogs}
          </button>
        )}
        {selected.task && taskWindow(selected.task) && (
          <button type="button" onClick={() => zoomToTask(selected.task!)}>
            {tr.tl.zoomToTask}
          </button>
        )}
        {selected.task && <CompareAction task={selected.task} />}
      </div>
      <h3>{tr.tl.records}</h3>
      <EvidenceList evidence={selected.evidence} label={tr.tl.recordsBehind} />
    </aside>
  );
  if (!full) {
    // Nothing timed to draw; tasks found without a time are still listed, with their details.
    return (
      <section className="timeline" aria-label={tr.tl.region}>
        {result.snapshots.length > 0 && <div className="toolbar">{taskSummary}</div>}
        <p className="muted">{tr.tl.noEvents}</p>
        <ul className="tl-empty-list" data-testid="empty-lanes">
          {model.lanes.map((l) =>
            l.empty ? (
              <li key={l.key}>
                <strong>{emptyTitle(l, tr)}</strong> — {emptyWhy(l.empty, tr)}
              </li>
            ) : null,
          )}
        </ul>
        <div className="timeline-body">
          <div className="chart-box">
            <TimelinePhaseTable tasks={result.snapshots} onSelect={selectTask} />
            <TaskTable tasks={result.snapshots} onZoom={zoomToTask} onSelect={selectTask} />
          </div>
          {details}
        </div>
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
        {taskSummary}
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
        <button type="button" onClick={() => void exportImage('svg')} data-testid="export-svg">
          {tr.tl.exportSvg}
        </button>
        <button type="button" onClick={() => void exportImage('png')} data-testid="export-png">
          {tr.tl.exportPng}
        </button>
      </div>
      {exported && (
        <p className={`tl-export-status small${exported.ok ? '' : ' warn'}`} role="status" data-testid="export-status">
          {exported.ok ? tr.tl.exported(exported.path) : 'canceled' in exported && exported.canceled ? tr.tl.exportCanceled : tr.tl.exportFailed(errorIn(useLang.getState().lang, exported))}
        </p>
      )}
      <Legend ref={legendRef} k={k} />
      <div className="timeline-body">
        <div className="chart-box" ref={boxRef} data-testid="timeline-chart">
          {width > 0 && (
            <>
              <LanesChart ref={chartRef} model={model} segs={segs} marks={marks} from={from} to={to} width={width} k={k} mode={mode} onSelectSegment={selectSegment} onSelectMarker={selectMarker} />
              <div className="density" aria-label={tr.tl.density}>
                {/* The whole bundle's errors/warnings, with the zoomed window shaded. */}
                <DensityStrip bins={density} full={full} window={zoom} width={width} k={k} />
                <TimeBrush full={full} window={zoom} width={width} k={k} mode={mode} onChange={setWindow} />
                <span className="density-label muted small">{tr.tl.densityHint}</span>
              </div>
              <TimelinePhaseTable tasks={result.snapshots} onSelect={selectTask} />
              <TaskTable tasks={result.snapshots} onZoom={zoomToTask} onSelect={selectTask} />
              <Charts />
            </>
          )}
        </div>
        {details}
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
  /** Text scale: root font size / 16. */
  k: number;
  mode: TimeMode;
  onSelectSegment: (s: Segment) => void;
  onSelectMarker: (m: Marker) => void;
  /** The drawn `<svg>`, for the SVG/PNG export. */
  ref?: Ref<SVGSVGElement>;
}

/**
 * The lanes, drawn as plain SVG: one shape per (aggregated) bar or marker, an axis of round times and the
 * lane labels. No chart library in between, so 10,000 tasks cost the few hundred shapes they aggregate to.
 */
const LanesChart = memo(function LanesChart({ model, segs, marks, from, to, width, k, mode, onSelectSegment, onSelectMarker, ref }: LanesChartProps) {
  const tr = useT();
  // read once here, not by each of the few hundred bars and markers (each call is a store subscription)
  const phaseNames = usePhaseNames();
  const lanes = model.lanes.length;
  const height = (lanes * LANE_H + 50) * k;
  const x0 = Y_AXIS_W * k;
  const x1 = width - M.right * k;
  const y0 = M.top * k;
  const y1 = height - (M.bottom + X_AXIS_H) * k;
  const laneH = (y1 - y0) / Math.max(1, lanes);
  const x = timeScale(from, to, x0, x1);
  const laneY = (lane: number) => y0 + (lane + 0.5) * laneH;
  const span = to - from;
  // A tick label is up to ~10 characters ("19. 03:00", "11-16 00:00"): one tick per 70 px keeps them apart in a narrow window.
  const ticks = timeTicks(from, to, Math.max(2, Math.floor((x1 - x0) / (70 * k))));
  const clipId = 'tl-plot-clip';
  return (
    <svg ref={ref} className="lanes-chart" width={width} height={height} role="group" aria-label={tr.tl.lanes}>
      <defs>
        <clipPath id={clipId}>
          <rect x={x0} y={y0} width={Math.max(0, x1 - x0)} height={Math.max(0, y1 - y0)} />
        </clipPath>
        <HatchPatterns />
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
            <line className="axis-line" x1={x0 - 6 * k} x2={x0} y1={laneY(i)} y2={laneY(i)} />
            <text x={x0 - 9 * k} y={laneY(i)} textAnchor="end" dominantBaseline="central" data-testid="lane-label">
              {laneLabel(l.label, tr)}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <g key={t}>
            <line className="axis-line" x1={x(t)} x2={x(t)} y1={y1} y2={y1 + 6 * k} />
            <text x={x(t)} y={y1 + 18 * k} textAnchor="middle">
              {formatTick(t, mode, span)}
            </text>
          </g>
        ))}
      </g>
      {model.lanes.map((l, i) =>
        l.empty ? (
          // An empty lane says why, in the lane itself (and whole in its title when the line is cut).
          <g key={`empty:${l.key}`} className="tl-empty-lane" data-testid="empty-lane">
            <title>{`${emptyTitle(l, tr)} — ${emptyWhy(l.empty, tr)}`}</title>
            <text x={x0 + 10 * k} y={laneY(i) - 6 * k} className="tl-empty-title">
              {emptyTitle(l, tr)}
            </text>
            <text x={x0 + 10 * k} y={laneY(i) + 9 * k} className="tl-empty-why">
              {fitText(emptyWhy(l.empty, tr), x1 - x0 - 20 * k, CHAR_PX * 0.95 * k)}
            </text>
          </g>
        ) : null,
      )}
      <g clipPath={`url(#${clipId})`}>
        {segs.map((s) => {
          const sx = x(Math.max(s.start, from));
          const ex = x(Math.min(Math.max(s.end, s.start), to));
          const h = laneH * 0.64;
          return <SegmentShape key={s.id} seg={s} x={sx} y={laneY(s.lane) - h / 2} width={ex - sx} height={h} k={k} mode={mode} tr={tr} phaseNames={phaseNames} onSelect={onSelectSegment} />;
        })}
      </g>
      {marks.map((m) => (
        <MarkerShape key={m.id} m={m} cx={x(m.at)} cy={laneY(m.lane)} k={k} mode={mode} tr={tr} onSelect={onSelectMarker} />
      ))}
    </svg>
  );
});

/** Diagonal hatching laid over failed (light lines on the dark fill) and unfinished bars: told apart without colour. */
function HatchPatterns() {
  return (
    <>
      <pattern id="tl-hatch-fail" className="tl-hatch-fail" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      <pattern id="tl-hatch-warn" className="tl-hatch-warn" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(-45)">
        <line x1="0" y1="0" x2="0" y2="5" />
      </pattern>
    </>
  );
}

function activate(e: KeyboardEvent, f: () => void) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    f();
  }
}

/** `text` cut with "…" to about `px` wide at `charPx` a character; empty when not even a few characters fit. */
function fitText(text: string, px: number, charPx: number): string {
  const n = Math.floor(px / charPx);
  if (text.length <= n) return text;
  return n >= 4 ? `${text.slice(0, n - 1)}…` : '';
}

/** A bar's words: a phase named and judged in the UI language, anything else as the analysis labelled it. */
function segmentText(seg: Segment, tr: Messages, phases: PhaseNames): string {
  if (seg.count > 1) return tr.tl.items(seg.count);
  if (!seg.phase || !seg.result) return seg.label;
  return `${phases[seg.phase]}: ${tr.report.phaseResults[seg.result]}${seg.detail ? ` — ${seg.detail}` : ''}`;
}

/** What fits on the bar: the phase and its result, or the phase alone, or (no room) nothing: the title has it. */
function barLabel(seg: Segment, tr: Messages, phases: PhaseNames, px: number, charPx: number): string {
  if (seg.count > 1) return fitText(tr.tl.items(seg.count), px, charPx);
  if (!seg.phase || !seg.result) return fitText(seg.label, px, charPx);
  const name = phases[seg.phase];
  const full = seg.result === 'ok' ? name : `${name}: ${tr.report.phaseResults[seg.result]}`;
  if (full.length * charPx <= px) return full;
  return name.length * charPx <= px ? name : '';
}

function SegmentShape(props: { x: number; y: number; width: number; height: number; k: number; seg: Segment; mode: TimeMode; tr: Messages; phaseNames: PhaseNames; onSelect: (s: Segment) => void }) {
  const { seg, onSelect, x, y, height: h, tr, phaseNames } = props;
  // A two-minute task on a five-day axis is sub-pixel; keep it visible and clickable.
  const w = Math.max(props.width, 4);
  const label = `${segmentText(seg, tr, phaseNames)} · ${formatMs(seg.start, props.mode)} · ${seg.open ? tr.tl.noEnd : formatDuration(seg.end - seg.start)}`;
  const fill = seg.phase && seg.tone === 'ok' ? (seg.shade === 1 ? 'tl-ok-b' : 'tl-ok-a') : FILL_CLASS[seg.tone];
  const hatch = HATCHED[seg.tone];
  const text = barLabel(seg, tr, phaseNames, w - 8 * props.k, CHAR_PX * props.k);
  return (
    <g
      className={`tl-seg ${TONE_CLASS[seg.tone]} ${fill}${seg.phase ? ` phase-${seg.phase}` : ''}`}
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
      {hatch && <rect className="tl-hatch" x={x} y={y} width={w} height={h} rx={3} fill={`url(#${hatch})`} />}
      {text && (
        <text className="tl-seg-label" x={x + 4 * props.k} y={y + h / 2} dominantBaseline="central" aria-hidden="true" data-testid="segment-label">
          {text}
        </text>
      )}
    </g>
  );
}

/**
 * An event marker's shape by its tone, so tones are told apart without colour (issue 21 point 5): error a
 * cross, warning a triangle, success a square, information (and the rest) a diamond. Each is about 12 × 14 px
 * around (cx, cy) at a 16 px root, times `s` (the text scale, so markers grow with the OS text size).
 */
const MARKER_SHAPE: Record<Tone, 'cross' | 'triangle' | 'square' | 'diamond'> = { error: 'cross', warning: 'triangle', ok: 'square', info: 'diamond', pending: 'diamond', neutral: 'diamond' };

function markerPath(tone: Tone, cx: number, cy: number, s = 1): string {
  const poly = (pts: [number, number][]) => `M${pts.map(([x, y]) => `${+(cx + x * s).toFixed(2)} ${+(cy + y * s).toFixed(2)}`).join(' L')} Z`;
  switch (MARKER_SHAPE[tone]) {
    case 'cross': {
      // an X of two bars 2.6 px thick; the outline traced once, so the stroke does not cross the middle
      const a = 6;
      const w = 1.85;
      return poly([[-a, -a + w], [-a + w, -a], [0, -w], [a - w, -a], [a, -a + w], [w, 0], [a, a - w], [a - w, a], [0, w], [-a + w, a], [-a, a - w], [-w, 0]]);
    }
    case 'triangle':
      return poly([[0, -7], [7, 5.5], [-7, 5.5]]);
    case 'square':
      return poly([[-5.5, -5.5], [5.5, -5.5], [5.5, 5.5], [-5.5, 5.5]]);
    default:
      return poly([[0, -7], [6, 0], [0, 7], [-6, 0]]);
  }
}

/**
 * A group of events is a badge: its kind's sign (the worst member's marker shape, drawn small in the badge's
 * text colour) and the count, so a group is told by shape as a single marker is; a group of several kinds
 * has a second badge outline stacked behind it. Sizes at a 16 px root, times the text scale: the count is
 * 0.625rem bold (styles.css `.tl-group text`), a character of it at most GROUP_CHAR px wide.
 */
const GROUP_H = 18;
const GROUP_PAD = 4.5;
/** The sign is a marker shape at this scale (≈ 8.5 px wide, as wide as the triangle's 14 px × 0.6). */
const GLYPH_SCALE = 0.6;
const GLYPH_W = 14 * GLYPH_SCALE;
const GLYPH_GAP = 2.5;
const GROUP_CHAR = 7.2;
/** How far the stacked outline of a mixed group stands off the badge (right and up). */
const STACK = 3;

/** The count as drawn: four characters at most. */
const countText = (n: number) => (n > 999 ? '999+' : String(n));

/** A badge's width for `count` at text scale `k`. */
function groupWidth(count: number, k: number): number {
  return (2 * GROUP_PAD + GLYPH_W + GLYPH_GAP + countText(count).length * GROUP_CHAR) * k;
}

/** How far right of its first event a group is drawn (its badge starts half a height left of it, the stack sticks out). */
function groupReach(count: number, k: number): number {
  return groupWidth(count, k) - (GROUP_H / 2) * k + STACK * k;
}

/** A group's badge drawn with its sign on (cx, cy): the shapes only, for the chart and the legend alike. */
function GroupBadge({ tone, count, mixed, cx, cy, k }: { tone: Tone; count: number; mixed: boolean; cx: number; cy: number; k: number }) {
  const h = GROUP_H * k;
  const w = groupWidth(count, k);
  const left = cx - h / 2;
  const top = cy - h / 2;
  const glyphX = left + (GROUP_PAD + GLYPH_W / 2) * k;
  return (
    <>
      {mixed && <rect className="tl-stack" x={left + STACK * k} y={top - STACK * k} width={w} height={h} rx={h / 2} />}
      <rect className="tl-pill" x={left} y={top} width={w} height={h} rx={h / 2} />
      <path className="tl-glyph" d={markerPath(tone, glyphX, cy, GLYPH_SCALE * k)} />
      <text x={left + (GROUP_PAD + GLYPH_W + GLYPH_GAP) * k} y={cy} dominantBaseline="central" aria-hidden="true">
        {countText(count)}
      </text>
    </>
  );
}

function MarkerShape(props: { cx: number; cy: number; k: number; m: Marker; mode: TimeMode; tr: Messages; onSelect: (m: Marker) => void }) {
  const { m, onSelect, cx, cy, k, tr } = props;
  if (m.count > 1) {
    const tones = m.tones ?? [m.tone];
    const mixed = tones.length > 1;
    const kinds = tones.map((t) => (t in tr.tl.markerTone ? tr.tl.markerTone[t as keyof typeof tr.tl.markerTone] : t)).join(', ');
    const label = `${tr.tl.groupHint(m.count, kinds)} · ${formatMs(m.at, props.mode)}${m.end !== undefined ? ` → ${formatMs(m.end, props.mode)}` : ''}`;
    return (
      <g
        className={`marker tl-group ${TONE_CLASS[m.tone]}${mixed ? ' tl-mixed' : ''}`}
        role="button"
        tabIndex={0}
        aria-label={label}
        data-testid="timeline-group"
        data-count={m.count}
        data-shape={MARKER_SHAPE[m.tone]}
        data-kinds={tones.join(' ')}
        onClick={() => onSelect(m)}
        onKeyDown={(e) => activate(e, () => onSelect(m))}
      >
        <title>{label}</title>
        <GroupBadge tone={m.tone} count={m.count} mixed={mixed} cx={cx} cy={cy} k={k} />
      </g>
    );
  }
  const label = `${m.label} · ${formatMs(m.at, props.mode)}`;
  return (
    <g className={`marker ${TONE_CLASS[m.tone]}`} role="button" tabIndex={0} aria-label={label} data-testid="timeline-marker" data-shape={MARKER_SHAPE[m.tone]} onClick={() => onSelect(m)} onKeyDown={(e) => activate(e, () => onSelect(m))}>
      <title>{label}</title>
      <path className="tl-mark" d={markerPath(m.tone, cx, cy, k)} />
    </g>
  );
}

/** Errors (bottom) and warnings (on top) per slice of the whole bundle, with the zoomed window shaded. */
const DensityStrip = memo(function DensityStrip({ bins, full, window: w, width, k }: { bins: DensityBin[]; full: [number, number]; window: [number, number] | null; width: number; k: number }) {
  // 50 px at a 16 px root: the label beside it (rem) keeps its room at any text size.
  const height = 50 * k;
  const top = 4 * k;
  const x0 = Y_AXIS_W * k;
  const x1 = width - M.right * k;
  const x = timeScale(full[0], full[1], x0, x1);
  const max = Math.max(1, ...bins.map((b) => b.errors + b.warnings));
  const perItem = (height - top) / max;
  const bw = (x1 - x0) / Math.max(1, bins.length);
  return (
    <svg className="density-strip" width={width} height={height} aria-hidden="true">
      {bins.map((b, i) =>
        b.errors + b.warnings > 0 ? (
          <g key={i}>
            {b.errors > 0 && <rect className="density-errors" x={x0 + i * bw} width={bw} y={height - b.errors * perItem} height={b.errors * perItem} />}
            {b.warnings > 0 && <rect className="density-warnings" x={x0 + i * bw} width={bw} y={height - (b.errors + b.warnings) * perItem} height={b.warnings * perItem} />}
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
function TimeBrush({ full, window: w, width, k, mode, onChange }: { full: [number, number]; window: [number, number] | null; width: number; k: number; mode: TimeMode; onChange: (w: [number, number] | null) => void }) {
  const tr = useT();
  // 30 px high with 8 × 24 px handles at a 16 px root, so the handles stay as easy to grab at a larger text size.
  const height = 30 * k;
  const x0 = Y_AXIS_W * k;
  const x1 = width - M.right * k;
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
      aria-label={kind === 'start' ? tr.tl.brushStart : tr.tl.brushEnd}
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
      <rect x={x(at) - 4 * k} y={2 * k} width={8 * k} height={24 * k} rx={2 * k} />
      <line x1={x(at) - 1.5 * k} x2={x(at) + 1.5 * k} y1={14 * k} y2={14 * k} />
    </g>
  );
  return (
    <svg className="time-brush" width={width} height={height} data-testid="time-brush">
      <rect className="brush-track" x={x0} y={2 * k} width={Math.max(0, x1 - x0)} height={24 * k} />
      <rect className="brush-window" data-testid="brush-window" x={x(lo)} y={2 * k} width={Math.max(0, x(hi) - x(lo))} height={24 * k} onPointerDown={(e) => begin(e, 'pan')} onPointerMove={move} onPointerUp={end} onPointerCancel={end} />
      {handle('start', lo)}
      {handle('end', hi)}
    </svg>
  );
}

/** The tones an event marker takes (the analysis's item severities). */
const MARKER_TONES = ['error', 'warning', 'info', 'ok'] as const;

/**
 * The legend, on screen and (copied by `chartToSvg`) in the exported image. Each swatch is drawn in 16-px-root
 * units inside a viewBox and sized by the text scale `k`, so it grows with the words beside it.
 */
function Legend({ ref, k }: { ref?: Ref<HTMLUListElement>; k: number }) {
  const tr = useT();
  const box = (w: number, h: number) => ({ width: +(w * k).toFixed(2), height: +(h * k).toFixed(2), viewBox: `0 0 ${w} ${h}`, 'aria-hidden': true as const });
  const swatch = (fill: string, hatch?: string) => (
    <svg {...box(16, 11)}>
      <g className={`tl-seg ${fill}`}>
        <rect x="0.5" y="0.5" width="15" height="10" rx="2" />
        {hatch && <rect className="tl-hatch" x="0.5" y="0.5" width="15" height="10" rx="2" fill={`url(#${hatch})`} />}
      </g>
    </svg>
  );
  // a badge drawn at k = 1 inside its viewBox (the viewBox scales it), with room for the stacked outline
  const badge = (tone: Tone, count: number, mixed: boolean) => {
    const w = groupWidth(count, 1) + STACK + 1;
    const h = GROUP_H + STACK + 1;
    return (
      <svg {...box(w, h)}>
        <g className={`marker tl-group ${TONE_CLASS[tone]}${mixed ? ' tl-mixed' : ''}`} data-shape={MARKER_SHAPE[tone]}>
          <GroupBadge tone={tone} count={count} mixed={mixed} cx={GROUP_H / 2 + 0.5} cy={h - GROUP_H / 2 - 0.5} k={1} />
        </g>
      </svg>
    );
  };
  return (
    <ul className="legend" aria-label={tr.tl.legend} ref={ref} data-testid="timeline-legend">
      <li>
        <svg {...box(30, 11)}>
          <g className="tl-seg tl-ok-a">
            <rect x="0.5" y="0.5" width="15" height="10" rx="2" />
          </g>
          <g className="tl-seg tl-ok-b">
            <rect x="14.5" y="0.5" width="15" height="10" rx="2" />
          </g>
        </svg>
        {tr.tl.okPhases}
      </li>
      <li>
        {swatch('tl-fail', 'tl-hatch-fail')}
        {tr.tl.failedTimedOut}
      </li>
      <li>
        {swatch('tl-warn', 'tl-hatch-warn')}
        {tr.tl.unfinished}
      </li>
      <li>
        {swatch('tl-neutral')}
        {tr.tl.skippedUnknown}
      </li>
      <li>
        {tr.tl.markers}
        {MARKER_TONES.map((tone) => (
          <span key={tone} className="legend-tone">
            <svg {...box(16, 16)}>
              <g className={`marker ${TONE_CLASS[tone]}`} data-shape={MARKER_SHAPE[tone]}>
                <path className="tl-mark" d={markerPath(tone, 8, 8)} />
              </g>
            </svg>
            {tr.tl.markerTone[tone]}
          </span>
        ))}
      </li>
      <li data-testid="legend-group">
        {badge('warning', 3, false)}
        {tr.tl.eventGroup}
      </li>
      <li data-testid="legend-mixed">
        {badge('error', 5, true)}
        {tr.tl.mixedGroup}
      </li>
    </ul>
  );
}

function TaskDetails({ task }: { task: SnapshotTask }) {
  const mode = useApp((s) => s.timeMode);
  const tr = useT();
  const phaseNames = usePhaseNames();
  const lang = useLang((s) => s.lang);
  return (
    <div className="task-details">
      <dl className="facts compact">
        <dt>{tr.tl.task}</dt>
        <dd>
          {task.taskId === UNKNOWN_TASK_ID ? <span className="muted">{tr.tl.noTaskId}</span> : <code className="wrap">{task.taskId}</code>}
        </dd>
        <dt>{tr.tl.start}</dt>
        <dd>{task.start || task.requestedStart ? formatTime(task.start ?? task.requestedStart, mode) : <span className="muted">{tr.tl.noTime}</span>}</dd>
        <dt>{tr.tl.duration}</dt>
        <dd>{formatDuration(task.durationMs)}</dd>
        {(loggedCode(task) !== undefined || task.statusName) && (
          <>
            <dt>{tr.tl.status}</dt>
            <dd>
              {loggedCode(task)} {task.statusName}
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
      {task.unfinishedReason && <p className="small warn">{textIn(lang, task.unfinishedReason, task.unfinishedReasonNl)}</p>}
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
            {task.phases.map((p, i) => (
              <tr key={`${p.name}:${i}`} className={`res-${p.result}`}>
                <td>{phaseNames[p.name]}</td>
                <td>{tr.report.phaseResults[p.result]}</td>
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
                  <span className={`badge res-badge-${t.result}`}>{tr.report.snapshotResults[t.result]}</span>
                </td>
                <td>{loggedCode(t) ?? '—'}</td>
                <td className="small" title={t.statusName}>
                  {t.statusName ?? ''}
                </td>
                <td className="small">{t.extensionVersion ?? ''}</td>
                <td>
                  <span className="row-actions">
                    <button type="button" className="link" onClick={() => onSelect(t)}>
                      {tr.tl.details}
                    </button>
                    {taskWindow(t) && (
                      <button type="button" className="link" onClick={() => onZoom(t)}>
                        {tr.tl.zoom}
                      </button>
                    )}
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

/** A task padded by 30 % (at least 30 s) each side: its phases get room for their names. Null without a start. */
export function taskWindow(t: SnapshotTask): [number, number] | null {
  const s = isoMs(t.start ?? t.requestedStart ?? '');
  if (!Number.isFinite(s)) return null;
  const end = isoMs(t.end ?? '');
  const e = Number.isFinite(end) ? end : s + (t.durationMs ?? 60_000);
  const pad = Math.max((e - s) * 0.3, 30_000);
  return [s - pad, e + pad];
}

/**
 * How much wider than the failed task's own window the opening window may grow to take in the tasks
 * before and after it: at 3× the failed task still fills a third of the plot (a 2-minute task about
 * 350 px at 1366 px), enough for its phases' names. Daily neighbours a day away are a "Zoom out" away.
 */
const NEIGHBOUR_STRETCH = 3;

/**
 * The window the timeline opens on: the last failed (or unfinished) task, zoomed so its phases are
 * labelled, with the tasks just before and after it when they are close enough to keep the labels (a
 * retry minutes later); null when there is no such task or the window would be the whole bundle anyway.
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
  let w = taskWindow(timed[i])!;
  const limit = (w[1] - w[0]) * NEIGHBOUR_STRETCH;
  for (const n of [timed[i - 1], timed[i + 1]]) {
    const nw = n && taskWindow(n);
    if (!nw) continue;
    const wider: [number, number] = [Math.min(w[0], nw[0]), Math.max(w[1], nw[1])];
    if (wider[1] - wider[0] <= limit) w = wider;
  }
  const clamped: [number, number] = [Math.max(domain[0], w[0]), Math.min(domain[1], w[1])];
  return clamped[0] <= domain[0] && clamped[1] >= domain[1] ? null : clamped;
}

/** An empty lane's headline: what is missing from it. */
function emptyTitle(l: Lane, tr: Messages): string {
  if (l.empty?.kind === 'untimed-tasks') return tr.tl.untimedTasks(l.empty.count);
  return l.key === 'snapshot' ? tr.tl.emptySnapshots : tr.tl.emptyAgent;
}

/** Why a lane is empty, in a sentence. */
function emptyWhy(e: EmptyReason, tr: Messages): string {
  if (e.kind === 'untimed-tasks') return e.count === 1 ? tr.tl.untimedWhy.one : tr.tl.untimedWhy.many;
  return tr.tl.emptyWhy[e.kind](e.path);
}

/** The two lanes the model names itself (the others are handler names, shown as they are). */
function laneLabel(label: string, tr: Messages): string {
  return label === 'Backup snapshots' ? tr.tl.laneSnapshots : label === 'Guest agent' ? tr.tl.laneAgent : label;
}
