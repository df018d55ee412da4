import type { LogLevel, TimeZoneKnowledge } from '../../shared';
import { forEachLine, type LineVisitor } from './lines';
import { parseIsoLike, parseSlashed } from '../../shared/time';
import type { ParseSink, Parser } from './types';
import { syslogHeadEnd } from './system/syslog-stamp';

/**
 * Fallback for text logs without a dedicated parser (syslog, other extensions' logs): a line
 * that starts with a timestamp starts a record, any other line continues it.
 */
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;
const SLASHED = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/;
const LEVEL_RE = /\b(VERBOSE|DEBUG|INFO|WARN(?:ING)?|ERROR|CRITICAL|FATAL)\b/i;

function levelOf(s: string): LogLevel {
  const m = LEVEL_RE.exec(s.slice(0, 120));
  if (!m) return 'unknown';
  const l = m[1].toUpperCase();
  if (l === 'VERBOSE' || l === 'DEBUG') return 'verbose';
  if (l === 'INFO') return 'info';
  if (l.startsWith('WARN')) return 'warning';
  return 'error';
}

export const parseGenericLog: Parser = async ({ content, signal }, sink) => {
  const lines = genericLogLines(sink);
  await forEachLine(content, lines.line, signal);
  lines.end();
};

/** A line's own time, for a log whose lines carry it in a head the generic forms do not know; zone `none` when it has none. */
export type LineTime = (head: string) => { timeMs: number; zone: TimeZoneKnowledge };

/**
 * The generic log parser as a line visitor, for a parser that reads more from the same lines in the same
 * pass (handler-log.ts: one read of each of a /var/log/azure tree's thousands of small files, not two).
 * `own`: the log's own time head (a Windows handler's, parse/windows/extension-catalogue.ts), read first.
 */
export function genericLogLines(sink: ParseSink, own?: LineTime): { line: LineVisitor; end: () => void } {
  let cur: { line: number; lineCount: number; offset: number; end: number; timeMs: number; zone: TimeZoneKnowledge; level: LogLevel } | null =
    null;
  const flush = () => {
    if (!cur) return;
    sink.record({ line: cur.line, lineCount: cur.lineCount, offset: cur.offset, length: cur.end - cur.offset, timeMs: cur.timeMs, zone: cur.zone, level: cur.level, source: 'log' });
    cur = null;
  };
  const line: LineVisitor = (buf, start, end, lineNo, offset, byteLength) => {
    const head = buf.toString('latin1', start, Math.min(end, start + 160));
    let timeMs = NaN;
    let zone: TimeZoneKnowledge = 'none';
    const t = own?.(head);
    if (t && t.zone !== 'none') ({ timeMs, zone } = t);
    else if (ISO_Z.test(head)) {
      timeMs = parseIsoLike(head);
      zone = 'utc';
    } else if (ISO_LOCAL.test(head)) {
      timeMs = parseIsoLike(head);
      zone = 'local';
    } else if (SLASHED.test(head)) {
      timeMs = parseSlashed(head);
      zone = 'local';
    }
    // a syslog head in any month table's name (`Nov 19 23:00:01 `, `déc. 13 12:00:47 `), as syslog.ts reads it
    const starts = zone !== 'none' || syslogHeadEnd(buf, start, end) >= 0 || !cur;
    if (starts) {
      flush();
      cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level: levelOf(head) };
    } else if (cur) {
      cur.lineCount++;
      cur.end = offset + byteLength;
    }
  };
  return { line, end: flush };
}
