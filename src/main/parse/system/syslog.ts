import type { DiskSpaceFact, LogLevel, SystemEventFact, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { clip, evidence } from '../state/common';
import type { Parser } from '../types';
import { ServiceStateReader } from './service-state';

/**
 * syslog / messages / dmesg: records like the generic parser (a timestamped line starts a record) plus
 * facts for what matters to backups and is independent of the agent: `No space left on device`,
 * guest-initiated shutdown/reboot, boots, hung tasks (a frozen filesystem hangs writers) and OOM kills.
 *
 * Timestamps: RFC 3339 with an offset (rsyslog on newer distros) is converted to UTC exactly; the
 * traditional `Nov 19 23:00:01` has no year and no zone, so those records keep no time.
 *
 * The agent's unit (journal lines, `systemctl status` blocks), firewall rules on 168.63.129.16, curl to
 * WireServer and `df` output are read by ServiceStateReader (service-state.ts): the same parser reads
 * journal exports, terminal transcripts and sosreport command outputs (`service-output` files).
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})/;
const TRADITIONAL = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} /;
const DMESG = /^\[\s*\d+\.\d+\]/;

interface Signature {
  test: RegExp;
  make: (line: string) => { kind: 'disk-space'; mount?: string } | { kind: 'system-event'; event: SystemEventFact['event'] };
}

const SIGNATURES: Signature[] = [
  { test: /No space left on device|ENOSPC/, make: (l) => ({ kind: 'disk-space', ...mountOf(l) }) },
  { test: /systemd-shutdown\[\d+\]|Reached target (?:Power-Off|System Power Off|Shutdown)|System is powering down|Powering off\./, make: () => ({ kind: 'system-event', event: 'shutdown' }) },
  { test: /Reached target (?:Reboot|System Reboot)|System is rebooting|Rebooting\./, make: () => ({ kind: 'system-event', event: 'reboot' }) },
  { test: /kernel: (?:\[\s*\d+\.\d+\] )?Linux version |^\[\s*0\.0+\] Linux version |Command line: BOOT_IMAGE=/, make: () => ({ kind: 'system-event', event: 'boot' }) },
  { test: /blocked for more than \d+ seconds/, make: () => ({ kind: 'system-event', event: 'hung-task' }) },
  { test: /Out of memory: Kill(?:ed)? process|oom-kill:|invoked oom-killer/, make: () => ({ kind: 'system-event', event: 'oom-kill' }) },
];

/** Mount point, only when the line names `/` or `/var` explicitly (`… on /var …`). */
function mountOf(line: string): { mount?: string } {
  const m = / on (\/var|\/)(?=[\s,.;:'"]|$)/.exec(line);
  return m ? { mount: m[1] } : {};
}

/**
 * Cheap pre-filter, one regex over the decoded line head: every signature contains one of these
 * words, so the signature list runs only on the few lines that hold one.
 */
const NEEDLES = /No space|ENOSPC|systemd-shutdown|Reached target|owering|ebooting|Linux version|BOOT_IMAGE|blocked for more|Out of memory|oom-kill/;

/** Longest line head searched for signatures (bounded work per line, even for a 100 MB line). */
const SCAN = 2000;

function levelOf(s: string): LogLevel {
  if (/\b(?:error|fail(?:ed|ure)?|crit(?:ical)?|emerg|alert)\b/i.test(s)) return 'error';
  if (/\bwarn(?:ing)?\b/i.test(s)) return 'warning';
  return 'info';
}

export const parseSyslog: Parser = async ({ file, content, signal }, sink) => {
  const service = new ServiceStateReader((line, text, timeMs) => evidence(file.vmPath, line, text, timeMs, 'utc'));
  let cur: { line: number; lineCount: number; offset: number; end: number; timeMs: number; zone: TimeZoneKnowledge; level: LogLevel } | null = null;
  let facts = 0;
  const flush = () => {
    if (!cur) return;
    sink.record({ line: cur.line, lineCount: cur.lineCount, offset: cur.offset, length: cur.end - cur.offset, timeMs: cur.timeMs, zone: cur.zone, level: cur.level, source: 'syslog' });
    cur = null;
  };
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      const line = buf.toString('latin1', start, Math.min(end, start + SCAN));
      const head = line.length > 40 ? line.slice(0, 40) : line;
      let timeMs = NaN;
      let zone: TimeZoneKnowledge = 'none';
      const iso = RFC3339.exec(head);
      if (iso) {
        const frac = iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0;
        let ms = Date.UTC(+iso[1], +iso[2] - 1, +iso[3], +iso[4], +iso[5], +iso[6], frac);
        if (iso[8] !== 'Z') {
          const sign = iso[8][0] === '-' ? -1 : 1;
          const hhmm = iso[8].slice(1).replace(':', '');
          ms -= sign * (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(2))) * 60_000;
        }
        timeMs = ms;
        zone = 'utc';
      }
      service.line(line, lineNo, timeMs);
      const starts = iso !== null || TRADITIONAL.test(head) || DMESG.test(head) || !cur;
      let level: LogLevel = 'info';
      // only lines holding one of the needles are matched against the signatures (500 MB logs)
      const hit = NEEDLES.test(line);
      if (hit && facts < 5000) {
        const text = buf.toString('utf8', start, Math.min(end, start + SCAN));
        for (const sig of SIGNATURES) {
          if (!sig.test.test(text)) continue;
          const made = sig.make(text);
          const at = evidence(file.vmPath, lineNo, text, timeMs, zone);
          if (made.kind === 'disk-space') {
            const f: DiskSpaceFact = { kind: 'disk-space', at, timeMs, full: true, detail: clip(text, 300), ...(made.mount ? { mount: made.mount } : {}) };
            sink.fact(f);
            level = 'error';
          } else {
            const f: SystemEventFact = { kind: 'system-event', at, timeMs, event: made.event, detail: clip(text, 300) };
            sink.fact(f);
          }
          facts++;
          break;
        }
      }
      if (starts) {
        flush();
        if (level === 'info') level = levelOf(line.length > 200 ? line.slice(0, 200) : line);
        cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level };
      } else if (cur) {
        cur.lineCount++;
        cur.end = offset + byteLength;
      }
    },
    signal,
  );
  flush();
  for (const f of service.finish()) sink.fact(f);
};
