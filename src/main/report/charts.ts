import type { HourlySeries } from '../../shared';
import { durationAxis, FAILED_COLOUR, niceStep, OTHER_COLOUR, SERIES_COLOURS, splitFailed, taskMarks, taskPoints, taskSpan, type AgentSeries, type TaskMark, type TaskPoint } from '../../shared/chart-data';
import type { Labels } from '../../shared/i18n/labels';
import { taskLabel } from '../../shared/i18n/analysis';
import { clipText } from '../../shared/clip';
import { esc } from './escape';
import type { ReportModel } from './model';
import { tickLabel, timeStep } from './svg';

/**
 * The app's three charts (src/renderer/components/Charts.tsx) in the report, drawn from the same series
 * (src/shared/chart-data.ts) as static SVG. Not recharts through react-dom/server: recharts 3 draws its
 * axes and series in effects, so `renderToStaticMarkup` of a BarChart gives an empty `recharts-wrapper`
 * div without a DOM (tried with 3.10.1); the report also stays free of React and of scripts. Each chart is
 * an `img` with a title and a text description; every name from the logs (a source) goes through `esc`.
 */

type ChartLabels = Labels['charts'];

const W = 720;
const H = 200;
const PAD = { left: 44, right: 12, top: 10, bottom: 46 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const AXIS = '#90a4ae';
const GRID = '#eceff1';
const TEXT = '#546e7a';

const f1 = (n: number) => n.toFixed(1);

/** The frame every chart shares: a title and description for screen readers, y grid, time ticks, axis labels. */
function frame(id: string, title: string, desc: string, t0: number, t1: number, yTop: number, yLabel: string, xLabel: string, body: string, legend: string, counts = false): string {
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * PLOT_W;
  const y = (v: number) => PAD.top + PLOT_H - (v / (yTop || 1)) * PLOT_H;
  const parts: string[] = [];
  // Counts step by whole numbers; durations may step by fractions of a minute.
  const step = counts ? Math.max(1, niceStep(yTop)) : niceStep(yTop);
  for (let v = 0; v <= yTop + 1e-9; v += step) {
    parts.push(`<line x1="${PAD.left}" y1="${f1(y(v))}" x2="${W - PAD.right}" y2="${f1(y(v))}" stroke="${GRID}"/>`);
    parts.push(`<text x="${PAD.left - 4}" y="${f1(y(v) + 3)}" font-size="9" text-anchor="end" fill="${TEXT}">${esc(String(Math.round(v * 100) / 100))}</text>`);
  }
  const span = t1 - t0;
  const ts = timeStep(span);
  for (let t = Math.ceil(t0 / ts) * ts; t <= t1; t += ts) parts.push(`<text x="${f1(x(t))}" y="${PAD.top + PLOT_H + 12}" font-size="9" text-anchor="middle" fill="${TEXT}">${esc(tickLabel(t, span))}</text>`);
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top + PLOT_H}" x2="${W - PAD.right}" y2="${PAD.top + PLOT_H}" stroke="${AXIS}"/>`);
  parts.push(`<text x="${PAD.left + PLOT_W / 2}" y="${PAD.top + PLOT_H + 24}" font-size="9" text-anchor="middle" fill="${TEXT}">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(10 ${PAD.top + PLOT_H / 2}) rotate(-90)" font-size="9" text-anchor="middle" fill="${TEXT}">${esc(yLabel)}</text>`);
  return `<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${H}" width="100%" data-chart="${id}"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${parts.join('')}${body}${legend}</svg>`;
}

/** A legend row under the plot: a swatch (circle, square or bar) and a name per series. */
function legend(items: { name: string; colour: string; shape: 'circle' | 'square' | 'outline' }[]): string {
  let x = PAD.left;
  const y = H - 10;
  return items
    .map((it) => {
      const name = clipText(it.name, 40);
      const mark =
        it.shape === 'circle'
          ? `<circle cx="${x + 4}" cy="${y - 3}" r="4" fill="${it.colour}"/>`
          : it.shape === 'outline'
            ? `<rect x="${x + 1}" y="${y - 6}" width="6" height="6" fill="none" stroke="${it.colour}" stroke-width="2"/>`
            : `<rect x="${x}" y="${y - 7}" width="8" height="8" fill="${it.colour}"/>`;
      const out = `${mark}<text x="${x + 12}" y="${y}" font-size="9" fill="#37474f">${esc(name)}</text>`;
      x += 24 + name.length * 5.2;
      return out;
    })
    .join('');
}

/** Failed tasks the description names by time; the rest are counted. */
const DESC_FAILED = 20;
/** Tasks a collapsed square's tooltip names; the rest are counted. */
const TIP_TASKS = 3;

/**
 * Snapshot task duration over time: succeeded tasks as blue circles, failed ones as red squares, the others
 * (unfinished, unknown) as grey outlined squares. A long series is
 * thinned as in the app (chart-data.ts `thinTaskPoints`: per pixel column the shortest and longest succeeded task)
 * and failed tasks within a few px are one square whose tooltip counts them, so 200,000 tasks are a few thousand
 * shapes, never one per task, and no failure is hidden.
 */
export function taskDurationSvg(m: ReportModel, C: ChartLabels): string {
  const { ok, failed: notOk } = taskPoints(m.result.snapshots);
  const span = taskSpan(ok.length ? (notOk.length ? ok.concat(notOk) : ok) : notOk);
  if (!span) return '';
  const { t0, t1 } = span;
  const { top } = durationAxis([ok, notOk]);
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * PLOT_W;
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const { ok: okMarks, failed: failedMarks, other: otherMarks, ...thin } = taskMarks(ok, notOk, PLOT_W, span, x, y);
  const { failed, other } = splitFailed(notOk);
  const tip = (p: TaskPoint) => `${p.seqNo !== undefined ? `#${p.seqNo} ` : ''}${taskLabel(m.lang, p.taskId)} · ${m.labels.snapshotResults[p.result] ?? p.result}${p.code !== undefined ? ` (${p.code})` : ''} · ${p.minutes} min`;
  const tips = (mk: TaskMark) => (mk.tasks.length === 1 ? tip(mk.tasks[0]) : `${C.tasksHere(mk.tasks.length)}: ${mk.tasks.slice(0, TIP_TASKS).map(tip).join('; ')}${mk.tasks.length > TIP_TASKS ? '; …' : ''}`);
  const dots = okMarks.map((mk) => `<circle cx="${f1(mk.x)}" cy="${f1(mk.y)}" r="4" fill="${SERIES_COLOURS[0]}"><title>${esc(tips(mk))}</title></circle>`);
  const outlines = otherMarks.map((mk) => `<rect x="${f1(mk.x - 3.5)}" y="${f1(mk.y - 3.5)}" width="7" height="7" fill="none" stroke="${OTHER_COLOUR}" stroke-width="2"><title>${esc(tips(mk))}</title></rect>`);
  const squares = failedMarks.map((mk) => `<rect x="${f1(mk.x - 4.5)}" y="${f1(mk.y - 4.5)}" width="9" height="9" fill="${FAILED_COLOUR}"><title>${esc(tips(mk))}</title></rect>`);
  const when = (p: TaskPoint) => `${new Date(p.at).toISOString().slice(0, 16).replace('T', ' ')}Z${p.code !== undefined ? ` (${p.code})` : ''}`;
  const named = failed.slice(0, DESC_FAILED).map(when).join(', ');
  const desc = `${ok.length} ${C.ok}, ${failed.length} ${C.failed}${other.length ? `, ${other.length} ${C.other}` : ''}${failed.length ? `: ${named}${failed.length > DESC_FAILED ? `, ${C.andMore(failed.length - DESC_FAILED)}` : ''}` : ''}${thin.shown < thin.total ? ` (${C.shownOf(okMarks.length + failedMarks.length + otherMarks.length, thin.total)})` : ''}`;
  return frame('chart-task-duration', C.taskDuration, desc, t0, t1, top, C.durationAxis, 'UTC', dots.join('') + outlines.join('') + squares.join(''), legend([
    { name: C.ok, colour: SERIES_COLOURS[0], shape: 'circle' },
    { name: C.failed, colour: FAILED_COLOUR, shape: 'square' },
    ...(other.length ? [{ name: C.other, colour: OTHER_COLOUR, shape: 'outline' as const }] : []),
  ]));
}

/** Stacked bars per bin, one colour per series; `names` are what the legend and description say. */
export function hourBarsSvg(id: string, title: string, h: HourlySeries | undefined, names: readonly string[], C: ChartLabels): string {
  if (!h || h.series.length === 0) return '';
  const start = Date.parse(h.start);
  const bins = h.series[0].counts.length;
  const t0 = start;
  const t1 = start + bins * h.stepMs;
  const sums = Array.from({ length: bins }, (_, i) => h.series.reduce((n, s) => n + s.counts[i], 0));
  const top = sums.reduce((a, b) => (b > a ? b : a), 0) || 1;
  const bw = PLOT_W / bins;
  // A bar fills most of its bin, but a bundle of one or two hours does not get a wall of colour.
  const w = Math.min(Math.max(bw * 0.8, 0.8), 48);
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const bars: string[] = [];
  for (let i = 0; i < bins; i++) {
    let base = 0;
    h.series.forEach((s, k) => {
      const v = s.counts[i];
      if (!v) return;
      bars.push(`<rect x="${f1(PAD.left + i * bw + (bw - w) / 2)}" y="${f1(y(base + v))}" width="${f1(w)}" height="${f1(y(base) - y(base + v))}" fill="${SERIES_COLOURS[k % SERIES_COLOURS.length]}"><title>${esc(`${new Date(start + i * h.stepMs).toISOString().slice(0, 16).replace('T', ' ')}Z · ${names[k]}: ${v}`)}</title></rect>`);
      base += v;
    });
  }
  const desc = h.series.map((s, k) => `${names[k]}: ${s.counts.reduce((a, b) => a + b, 0)}`).join('; ');
  return frame(id, title, desc, t0, t1, top, '', C.hour, bars.join(''), legend(names.map((n, k) => ({ name: n, colour: SERIES_COLOURS[k % SERIES_COLOURS.length], shape: 'square' }))), true);
}

/** The charts section: the same three charts as the app's timeline view, or a line saying there is nothing. */
export function chartsHtml(m: ReportModel): string {
  const C = m.chartLabels;
  const a = m.result.activity;
  const agentNames = (a?.agent?.series ?? []).map((s) => C[s.name as AgentSeries] ?? s.name);
  const charts = [
    [C.taskDuration, taskDurationSvg(m, C), C.taskDurationHint],
    [C.agentActivity, hourBarsSvg('chart-agent-activity', C.agentActivity, a?.agent, agentNames, C), ''],
    [C.problems, hourBarsSvg('chart-problems', C.problems, a?.problems, (a?.problems?.series ?? []).map((s) => s.name), C), ''],
  ].filter(([, svg]) => svg);
  const inner = charts.length
    ? charts.map(([title, svg, hint]) => `<div class="keep"><h4>${esc(title)}</h4>${hint ? `<p class="muted small">${esc(hint)}</p>` : ''}${svg}</div>`).join('\n')
    : `<p class="muted">${esc(C.noData)}</p>`;
  return `<section class="charts"><h2>${esc(C.title)}</h2>\n${inner}\n</section>`;
}
