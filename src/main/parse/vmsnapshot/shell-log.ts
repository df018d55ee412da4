import type { ShellLogFact } from '../../../shared';
import { forEachLine } from '../lines';
import type { Parser } from '../types';
import { evidenceText } from './scrub';
import { monthOfAbbreviation } from '../../../shared/time';

/**
 * `…/VMSnapshotLinux/shell.log` (docs/formats.md "shell.log"): `handle.sh` writes `` `date -u`- msg ``
 * (`Mon Jul  1 02:13:20 UTC 2024- …`, UTC; `… 05:04:31 PM UTC …` in a 12-hour locale); `handle_host_daemon.sh` writes
 * `[2024-07-01 02:13:20:123456789] msg`. One record per line.
 */
// `date -u` in the C locale (`17:04:31`) or a 12-hour one such as en_US (`05:04:31 PM`, Azure Linux 4.0: PR #2177)
const DATE_U = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?: ([AP])M)? UTC (\d{4})\s*-\s?(.*)$/;
const HOST_DAEMON = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d):(\d{1,9})\] ?(.*)$/;

function event(msg: string): Omit<ShellLogFact, 'kind' | 'at' | 'timeMs'> | null {
  let m: RegExpExecArray | null;
  if ((m = /The command is (\w+)/.exec(msg))) return { event: 'command', command: m[1], detail: msg.trim() };
  if ((m = /ConfigSequenceNumber .*seqNo:(-?\d+)/.exec(msg))) return { event: 'sequence-number', seqNo: +m[1], detail: msg.trim() };
  if (/python version unknown/.test(msg)) return { event: 'python-missing', detail: msg.trim() };
  if ((m = /^\s*(\S+) path exists/.exec(msg))) return { event: 'python-found', detail: m[1] };
  if ((m = /(?<![\d-])(-?\d+) returned from handle\.py/.exec(msg))) return { event: 'handle-rc', rc: +m[1] };
  return null;
}

export const parseShellLog: Parser = async ({ file, content, signal }, sink) => {
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      const text = buf.toString('utf8', start, Math.min(end, start + 1024));
      let timeMs = NaN;
      let msg = text;
      let m: RegExpExecArray | null = DATE_U.exec(text);
      const month = m ? monthOfAbbreviation(m[1]) : -1;
      if (m && month >= 0) {
        // 12 AM is hour 0, 12 PM hour 12
        const hour = m[6] ? (+m[3] % 12) + (m[6] === 'P' ? 12 : 0) : +m[3];
        timeMs = Date.UTC(+m[7], month, +m[2], hour, +m[4], +m[5]);
        msg = m[8];
      } else if ((m = HOST_DAEMON.exec(text))) {
        timeMs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], Math.floor(Number(`0.${m[7]}`) * 1000));
        msg = m[8];
      }
      const zone = Number.isFinite(timeMs) ? 'utc' : 'none';
      const ev = event(msg);
      sink.record({ line: lineNo, lineCount: 1, offset, length: byteLength, timeMs, zone, level: ev?.event === 'python-missing' || (ev?.rc ?? 0) !== 0 ? 'error' : 'info', source: 'handle.sh' });
      if (!ev) return;
      const at = { file: file.vmPath, line: lineNo, time: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null, zone, text: evidenceText(text) } as const;
      sink.fact({ kind: 'vmsnapshot-shell', at, timeMs, ...ev });
    },
    signal,
  );
};
