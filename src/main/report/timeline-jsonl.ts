import type { Evidence } from '../../shared';
import { codeCell } from '../../shared/vmsnapshot-codes';
import { milestoneCount, milestoneRef } from '../../shared/model/task-milestones';
import type { ReportModel } from './model';

/**
 * The timeline as JSON Lines that Timesketch imports: one event per line with the three fields it
 * requires (`message`, `datetime` ISO 8601, `timestamp_desc`) plus ours (`source_file`, `line`, `level`,
 * `lane`, `cause`, `task_id`, …). Events without a time cannot be placed on a timeline and are left out.
 */
export interface TimesketchEvent {
  message: string;
  datetime: string;
  timestamp_desc: string;
  data_type: string;
  source_file?: string;
  line?: number;
  level?: string;
  lane?: string;
  cause?: string;
  verdict?: string;
  task_id?: string;
  zone?: string;
  [k: string]: unknown;
}

export function timelineEvents(m: ReportModel): TimesketchEvent[] {
  const r = m.result;
  const out: TimesketchEvent[] = [];
  const ev = (e: Evidence) => ({ source_file: e.file, line: e.line, ...(e.zone ? { zone: e.zone } : {}) });
  for (const t of r.snapshots) {
    for (let k = 0, n = milestoneCount(t); k < n; k++) {
      const ms = milestoneRef(t, k);
      if (!ms.time) continue;
      out.push({ message: `[${t.taskId}] ${ms.name}: ${ms.text}`, datetime: ms.time, timestamp_desc: 'Snapshot milestone', data_type: 'vmbackup:snapshot:milestone', source_file: ms.file, line: ms.line, level: t.result === 'success' ? 'info' : 'error', lane: 'snapshot', task_id: t.taskId, milestone: ms.name, result: t.result, ...(t.code !== undefined ? { code: t.code } : {}) });
    }
    if (milestoneCount(t) === 0 && t.start) {
      out.push({ message: `[${t.taskId}] snapshot task ${t.result}${t.code !== undefined || t.errorCode !== undefined ? ` (code ${codeCell(t)})` : ''}${t.message ? `: ${t.message}` : ''}`, datetime: t.start, timestamp_desc: 'Snapshot task start', data_type: 'vmbackup:snapshot:task', level: t.result === 'success' ? 'info' : 'error', lane: 'snapshot', task_id: t.taskId, result: t.result });
    }
  }
  for (const it of r.timeline) {
    const first = it.evidence[0];
    out.push({ message: `${it.group}: ${it.label}`, datetime: it.start, timestamp_desc: it.end ? 'Start time' : 'Event time', data_type: `vmbackup:timeline:${it.lane}`, level: it.severity, lane: it.lane, ...(it.taskId ? { task_id: it.taskId } : {}), ...(it.end ? { end: it.end } : {}), ...(first ? ev(first) : {}) });
  }
  for (const f of r.findings) {
    for (const e of f.evidence) {
      if (!e.time) continue;
      out.push({ message: e.text, datetime: e.time, timestamp_desc: 'Log line (evidence)', data_type: 'vmbackup:evidence', ...ev(e), level: f.verdict === 'detected' ? 'error' : 'info', lane: 'evidence', cause: f.cause, verdict: f.verdict, ...(f.taskId ? { task_id: f.taskId } : {}) });
    }
  }
  out.sort((a, b) => (a.datetime < b.datetime ? -1 : a.datetime > b.datetime ? 1 : 0));
  return out;
}

export function renderJsonl(m: ReportModel): string {
  const events = timelineEvents(m);
  return events.length ? `${events.map((e) => JSON.stringify(e)).join('\n')}\n` : '';
}
