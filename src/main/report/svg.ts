import type { Lang, PhaseResult, SnapshotResult, SnapshotTask } from '../../shared';
import { textIn } from '../../shared/i18n/analysis';
import { UNKNOWN_TASK_ID } from '../../shared/model/analysis';
import { phaseMatrix } from '../../shared/phase-matrix';
import { clipText } from '../../shared/clip';
import { esc } from './escape';
import { formatDuration } from '../../shared/i18n/format';
import { phaseLabel, type Labels as AllLabels, type ReportLabels as Labels } from '../../shared/i18n/labels';
import { collapseMarks, thinTaskPoints, type TaskPoint } from '../../shared/chart-data';

type ChartLabels = AllLabels['charts'];

/**
 * The snapshot timeline as static inline SVG (no scripts, no external resources): an overview of the
 * tasks on a UTC time axis, and a tasks × phases matrix coloured by result. Two charts because daily
 * tasks last seconds: on a calendar axis their phases would be invisible.
 */

export const RESULT_COLOURS: Record<SnapshotResult | PhaseResult, string> = {
  success: '#2e7d32',
  ok: '#2e7d32',
  failed: '#c62828',
  'timed-out': '#d84315',
  'in-progress': '#1565c0',
  unfinished: '#f9a825',
  skipped: '#9e9e9e',
  unknown: '#b0bec5',
};

const TICKS_MS = [60e3, 5 * 60e3, 15 * 60e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3, 2 * 86400e3, 7 * 86400e3, 30 * 86400e3, 91 * 86400e3, 365 * 86400e3];

const ms = (t: string | null | undefined) => (t ? Date.parse(t) : NaN);
const taskStart = (t: SnapshotTask) => (Number.isFinite(ms(t.start)) ? ms(t.start) : ms(t.requestedStart));
const taskEnd = (t: SnapshotTask) => (Number.isFinite(ms(t.end)) ? ms(t.end) : taskStart(t));

/** A tick step giving at most eight ticks over `span`. */
export function timeStep(span: number): number {
  return TICKS_MS.find((s) => span / s <= 8) ?? TICKS_MS[TICKS_MS.length - 1];
}

export function tickLabel(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  if (span > 2 * 86400e3) return `${iso.slice(5, 10)}`;
  if (span > 86400e3 / 2) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return iso.slice(11, span > 3600e3 ? 16 : 19);
}

/** Tasks the tooltip of a bar standing for several names; the rest are counted. */
const TIP_TASKS = 3;

/**
 * Tasks as bars on a UTC time axis; a failed task is a taller red bar with its code. Thinned as the app's task
 * chart is (chart-data.ts): per pixel column the shortest and the longest succeeded task, and the tasks of each
 * other result within a few px one bar whose tooltip counts them: 200,000 tasks are some hundreds of bars, not
 * 200,000 (25 MB of SVG, seconds to build and to print), and every failed task is still under a red bar.
 */
export function overviewSvg(tasks: readonly SnapshotTask[], L: Labels, C: ChartLabels): string {
  const W = 720;
  const H = 96;
  const left = 12;
  const right = 12;
  // loops: spreading a few hundred thousand tasks into Math.min overflows the stack
  let t0 = Infinity;
  let t1 = -Infinity;
  const ok: TaskPoint[] = [];
  const bad = new Map<SnapshotResult, TaskPoint[]>();
  const taskOf = new Map<TaskPoint, SnapshotTask>();
  for (const t of tasks) {
    const at = taskStart(t);
    if (!Number.isFinite(at)) continue;
    const end = taskEnd(t);
    t0 = Math.min(t0, at);
    t1 = Math.max(t1, end);
    const p: TaskPoint = { at, minutes: (end - at) / 60_000, taskId: t.taskId, result: t.result };
    taskOf.set(p, t);
    if (t.result === 'success') ok.push(p);
    else {
      const list = bad.get(t.result);
      if (list) list.push(p);
      else bad.set(t.result, [p]);
    }
  }
  if (taskOf.size === 0) return '';
  const pad = Math.max((t1 - t0) * 0.04, 30 * 60e3);
  t0 -= pad;
  t1 += pad;
  const span = t1 - t0;
  const x = (t: number) => left + ((t - t0) / span) * (W - left - right);
  const step = timeStep(span);
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="62" x2="${W - right}" y2="62" stroke="#90a4ae" stroke-width="1"/>`);
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const xi = x(t).toFixed(1);
    parts.push(`<line x1="${xi}" y1="14" x2="${xi}" y2="66" stroke="#eceff1" stroke-width="1"/>`);
    parts.push(`<text x="${xi}" y="80" font-size="9" text-anchor="middle" fill="#546e7a">${esc(tickLabel(t, span))}</text>`);
  }
  const name = (t: SnapshotTask) => `${t.taskId === UNKNOWN_TASK_ID ? L.unknown : t.taskId} ${L.snapshotResults[t.result] ?? t.result}${t.code !== undefined ? ` (${t.code})` : ''}`;
  const labels: { cx: number; code: number; colour: string }[] = [];
  const bar = (group: readonly TaskPoint[]) => {
    const first = taskOf.get(group[0])!;
    let xs = Infinity;
    let xe = -Infinity;
    for (const p of group) {
      xs = Math.min(xs, x(p.at));
      xe = Math.max(xe, x(p.at + p.minutes * 60_000));
    }
    const w = Math.max(xe - xs, 5);
    const isBad = first.result !== 'success';
    const y = isBad ? 20 : 34;
    const h = isBad ? 42 : 28;
    const colour = RESULT_COLOURS[first.result] ?? RESULT_COLOURS.unknown;
    const tip = group.length === 1 ? name(first) : `${C.tasksHere(group.length)}: ${group.slice(0, TIP_TASKS).map((p) => name(taskOf.get(p)!)).join('; ')}${group.length > TIP_TASKS ? '; …' : ''}`;
    parts.push(`<rect x="${xs.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" rx="1.5" fill="${colour}"><title>${esc(tip)}</title></rect>`);
    const code = isBad ? group.map((p) => taskOf.get(p)!.code).find((c) => c !== undefined) : undefined;
    if (code !== undefined) labels.push({ cx: xs + w / 2, code, colour });
  };
  // succeeded tasks first and failed ones last, so a failure is never drawn under another bar
  for (const p of thinTaskPoints(ok, [], W - left - right, { t0, t1 }).ok) bar([p]);
  // each result on its row: its tasks collapsed along the time axis only
  const results = [...bad.keys()].sort((a, b) => Number(a === 'failed') - Number(b === 'failed'));
  for (const r of results) for (const m of collapseMarks(bad.get(r)!, x, () => 0)) bar(m.tasks);
  // a code over every bar of a dense series is a smear: one where the previous one ends
  let labelRight = -Infinity;
  for (const l of labels.sort((a, b) => a.cx - b.cx)) {
    const half = String(l.code).length * 2.8;
    if (l.cx - half <= labelRight + 2) continue;
    parts.push(`<text x="${l.cx.toFixed(1)}" y="15" font-size="9" font-weight="700" text-anchor="middle" fill="${l.colour}">${esc(String(l.code))}</text>`);
    labelRight = l.cx + half;
  }
  parts.push(`<text x="${W - right}" y="93" font-size="8" text-anchor="end" fill="#78909c">UTC</text>`);
  return `<svg class="chart" role="img" aria-label="${esc(L.snapshotOverview)}" viewBox="0 0 ${W} ${H}" width="100%">${parts.join('')}</svg>`;
}

/** Rows = tasks (most recent last), columns = phases; a cell's colour is the phase result, its text the duration. */
export function phaseMatrixSvg(tasks: readonly SnapshotTask[], L: Labels, lang: Lang, platform?: string, maxRows = 24): string {
  if (tasks.length === 0) return '';
  const { phases, rows: matrix } = phaseMatrix(tasks, maxRows);
  const rows = matrix.map((r) => r.task);
  const labelW = 214;
  const cellW = 70;
  const rowH = 20;
  const top = 22;
  const W = labelW + cellW * phases.length + 4;
  const H = top + rows.length * rowH + 4;
  const parts: string[] = [];
  phases.forEach((p, i) => {
    parts.push(`<text x="${labelW + i * cellW + cellW / 2}" y="14" font-size="8.5" font-weight="600" text-anchor="middle" fill="#37474f">${esc(phaseLabel(L, p, platform))}</text>`);
  });
  rows.forEach((t, r) => {
    const y = top + r * rowH;
    const when = t.start ?? t.requestedStart ?? null;
    const label = `${when ? when.slice(0, 16).replace('T', ' ') : '—'}  ${clipText(t.taskId === UNKNOWN_TASK_ID ? L.unknown : t.taskId, 13)}  ${L.snapshotResults[t.result] ?? t.result}${t.code !== undefined ? ` · ${t.code}` : ''}`;
    const bad = t.result !== 'success';
    parts.push(`<text x="0" y="${y + 13}" font-size="8" ${bad ? 'font-weight="700" ' : ''}fill="${bad ? RESULT_COLOURS[t.result] ?? '#263238' : '#263238'}">${esc(label)}</text>`);
    phases.forEach((p, i) => {
      const ph = matrix[r].cells[i];
      const x0 = labelW + i * cellW;
      if (!ph) {
        parts.push(`<rect x="${x0 + 1}" y="${y + 1}" width="${cellW - 2}" height="${rowH - 2}" fill="#fafafa" stroke="#cfd8dc" stroke-dasharray="2 2"/>`);
        return;
      }
      const colour = RESULT_COLOURS[ph.result] ?? RESULT_COLOURS.unknown;
      const txt = ph.result === 'ok' ? formatDuration(ph.durationMs) : L.phaseResults[ph.result] ?? ph.result;
      parts.push(
        `<rect x="${x0 + 1}" y="${y + 1}" width="${cellW - 2}" height="${rowH - 2}" rx="2" fill="${colour}"><title>${esc(`${phaseLabel(L, p, platform)}: ${L.phaseResults[ph.result] ?? ph.result}${ph.detail ? ` — ${clipText(textIn(lang, ph.detail, ph.detailNl), 200)}` : ''}`)}</title></rect>`,
      );
      if (txt !== '—') parts.push(`<text x="${x0 + cellW / 2}" y="${y + 13}" font-size="7.8" text-anchor="middle" fill="#fff">${esc(clipText(txt, 13))}</text>`);
    });
  });
  return `<svg class="chart" role="img" aria-label="${esc(L.phaseMatrix)}" viewBox="0 0 ${W} ${H}" width="100%">${parts.join('')}</svg>`;
}

/** The small colour key printed under the charts. */
export function colourKeyHtml(L: Labels): string {
  const keys: [string, string][] = [
    [RESULT_COLOURS.ok, `${L.phaseResults.ok} / ${L.snapshotResults.success}`],
    [RESULT_COLOURS.failed, L.phaseResults.failed],
    [RESULT_COLOURS['timed-out'], L.phaseResults['timed-out']],
    [RESULT_COLOURS.unfinished, L.phaseResults.unfinished],
    [RESULT_COLOURS.skipped, L.phaseResults.skipped],
    [RESULT_COLOURS.unknown, L.phaseResults.unknown],
  ];
  return `<div class="key"><span class="key-title">${esc(L.colourKey)}:</span> ${keys.map(([c, t]) => `<span class="swatch" style="background:${c}"></span>${esc(t)}`).join(' ')}</div>`;
}
