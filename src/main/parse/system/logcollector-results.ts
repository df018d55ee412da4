import type { LogCollectorFact } from '../../../shared';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import { parseIsoLike } from '../../../shared/time';
import type { Parser } from '../types';

/** `%Y-%m-%dT%H:%M:%SZ LEVEL message` (Python logging with a UTC datefmt; docs/formats.md "Log collector results.txt"). */
const HEAD = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z) (DEBUG|INFO|WARNING|ERROR|CRITICAL) /;

const EVENTS: [RegExp, LogCollectorFact['event']][] = [
  // logcollector.py: "Successfully compressed files. …", then "Finishing log collection at <UTC>"
  [/^(?:Finishing log collection at|Successfully compressed files|Log collection successfully completed|Successfully collected logs)/, 'completed'],
  [/^(?:Failed to collect logs|Log collection completed unsuccessfully|Failed to upload logs)/, 'failed'],
  [/^Archive too big, done with adding files/, 'archive-too-big'],
  [/^Discarding large binary file/, 'file-discarded'],
  // a file over the 30 MiB limit is tail-copied to logcollector/truncated/ and added from there
  [/^Adding truncated file/, 'file-truncated'],
];

/**
 * logcollector `results.txt`: records (timestamped lines plus the `ls -alF` output that follows
 * them) and `logcollector` facts. The last `completed` fact's time is when the bundle was made.
 */
export const parseLogcollectorResults: Parser = async ({ file, content, signal }, sink) => {
  let cur: { line: number; lineCount: number; offset: number; end: number; timeMs: number; level: 'info' | 'warning' | 'error' | 'verbose' | 'unknown' } | null = null;
  const flush = () => {
    if (!cur) return;
    sink.record({ line: cur.line, lineCount: cur.lineCount, offset: cur.offset, length: cur.end - cur.offset, timeMs: cur.timeMs, zone: Number.isFinite(cur.timeMs) ? 'utc' : 'none', level: cur.level, source: 'LogCollector' });
    cur = null;
  };
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      // cheap prefix check before any regex: a record starts with a digit
      const first = buf[start];
      const head = first >= 0x30 && first <= 0x39 ? buf.toString('utf8', start, Math.min(end, start + 600)) : '';
      const m = head ? HEAD.exec(head) : null;
      if (m || !cur) {
        flush();
        const timeMs = m ? parseIsoLike(m[1]) : NaN;
        const lvl = m?.[2];
        const level = lvl === 'INFO' ? 'info' : lvl === 'WARNING' ? 'warning' : lvl === 'ERROR' || lvl === 'CRITICAL' ? 'error' : lvl === 'DEBUG' ? 'verbose' : 'unknown';
        cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, level };
        if (m) {
          const msg = head.slice(m[0].length);
          for (const [re, event] of EVENTS) {
            if (re.test(msg)) {
              sink.fact({ kind: 'logcollector', at: evidence(file.vmPath, lineNo, head, timeMs, 'utc'), timeMs, event, detail: evidenceText(msg, 300) });
              break;
            }
          }
        }
      } else {
        cur.lineCount++;
        cur.end = offset + byteLength;
      }
    },
    signal,
  );
  flush();
};
