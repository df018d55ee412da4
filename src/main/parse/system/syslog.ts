import type { DiskSpaceFact, LogLevel, SystemEventFact, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import { ServiceStateReader } from './service-state';
import { relayedAgentReader } from '../waagent';
import { RelayedAgentLines } from './relayed-agent';
import { syslogHeadEnd } from './syslog-stamp';

/**
 * syslog / messages / dmesg: records like the generic parser (a timestamped line starts a record) plus
 * facts for what matters to backups and is independent of the agent: `No space left on device`,
 * guest-initiated shutdown/reboot, boots, hung tasks (a frozen filesystem hangs writers) and OOM kills.
 *
 * Timestamps: RFC 3339 with an offset (rsyslog on newer distros) is converted to UTC exactly; the
 * traditional `Nov 19 23:00:01` (journalctl's short-precise adds `.545053`) has no year and no zone, so those records
 * keep no time (its month may be the locale's, as journalctl prints it: `déc. 13 12:00:47`, syslog-stamp.ts).
 *
 * The agent's unit (journal lines, `systemctl status` blocks), firewall rules on 168.63.129.16, curl to
 * WireServer and `df` output are read by ServiceStateReader (service-state.ts): the same parser reads
 * journal exports, terminal transcripts and sosreport command outputs (`service-output` files).
 *
 * The agent's own records behind the prefix of its process (`python3[1654075]: 2022-10-30T00:00:12.833653Z WARNING
 * ExtHandler …`) are read by the waagent.log reader (relayed-agent.ts): the same facts as from waagent.log.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})/;
const DMESG = /^\[\s*\d+\.\d+\]/;
/** supervisord's own log (`2017-06-17 22:20:18,229 DEBG 'walinuxagent' stdout output:`): local time of unknown zone, kept as none. */
const SUPERVISORD = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]{4} /;

interface Signature {
  test: RegExp;
  make: (line: string) => { kind: 'disk-space'; mount?: string } | { kind: 'system-event'; event: SystemEventFact['event'] } | { kind: 'extension-status-problem'; handler: string };
}

/**
 * ABRT's Python hook (RHEL, CentOS, Fedora: abrt/abrt src/hooks/abrt_exception_handler.py.in) logs, for any script
 * that dies of an unhandled exception, `detected unhandled Python exception in '<sys.argv[0]>'`: under syslog's
 * `abrt:` tag (RHEL 6) or the journal's `python3[pid]:` (later releases), so only the message is matched. A handler
 * script under the agent's folder (`/var/lib/waagent/<Publisher.Type>-<version>/main/handle.py`) is that extension
 * crashing in its install, enable or update (Azure/azure-linux-extensions#120: VMSnapshotLinux 1.0.7.0's handle.py,
 * a NameError). What the exception was is in ABRT's problem directory, not in the log.
 */
const ABRT_PYTHON = /detected unhandled Python exception in '\/var\/lib\/waagent\/((?:Microsoft|Azure)\.[\w.]{1,200}?)-\d[\d.]{0,30}\//;

const SIGNATURES: Signature[] = [
  { test: /No space left on device|ENOSPC/, make: (l) => ({ kind: 'disk-space', ...mountOf(l) }) },
  { test: /systemd-shutdown\[\d+\]|Reached target (?:Power-Off|System Power Off|Shutdown)|System is powering down|Powering off\./, make: () => ({ kind: 'system-event', event: 'shutdown' }) },
  { test: /Reached target (?:Reboot|System Reboot)|System is rebooting|Rebooting\./, make: () => ({ kind: 'system-event', event: 'reboot' }) },
  { test: /kernel: (?:\[\s*\d+\.\d+\] )?Linux version |^\[\s*0\.0+\] Linux version |Command line: BOOT_IMAGE=/, make: () => ({ kind: 'system-event', event: 'boot' }) },
  { test: /blocked for more than \d+ seconds/, make: () => ({ kind: 'system-event', event: 'hung-task' }) },
  { test: ABRT_PYTHON, make: (l) => ({ kind: 'extension-status-problem', handler: ABRT_PYTHON.exec(l)![1] }) },
];

/**
 * A kernel OOM report spans many lines: `X invoked oom-killer:` opens it, `oom-kill:constraint=…` (newer
 * kernels) names the cgroup whose limit was hit, `Memory cgroup stats for <cgroup>:` / `Task in … killed as a
 * result of limit of <cgroup>` (older kernels) too, and `[Memory cgroup o|O]ut of memory: Killed process N
 * (name)` closes it. They are merged into one `oom-kill` fact (Azure/WALinuxAgent#2749, #2805, #2825).
 */
const OOM_INVOKED = /(\S{1,64}) invoked oom-killer:/;
const OOM_CONSTRAINT = /oom-kill:constraint=(CONSTRAINT_\w{1,20})(?:,[^\n]{0,400}?\boom_memcg=([^,\s]{0,300}))?(?:,[^\n]{0,400}?\btask=([^,\s]{1,64}))?/;
const OOM_MEMCG = /(?:Memory cgroup stats for|killed as a result of limit of) (\/[^\s:]{0,300})/;
const OOM_KILLED = /(Memory cgroup out of memory|Out of memory(?: \(oom_kill_allocating_task\))?): Kill(?:ed)? process \d{1,10} \(([^)]{1,64})\)/;
/**
 * The agent's periodic log collector runs in its own 30 MB memory cgroup (azure-walinuxagent-logcollector.slice,
 * earlier collect-logs.scope); older kernels OOM-kill it instead of throttling it (Azure/WALinuxAgent PRs
 * #2510, #2559, #2637). A kill right after a collection started is the collector's.
 */
const COLLECT_LOGS = /waagent -collect-logs|Starting log collection|collect-logs\.scope|azure-walinuxagent-logcollector/;
const LOGCOLLECTOR_CGROUP = /logcollector|collect-logs/;
/** How long after a log collection started an OOM kill is taken for the collector's. */
const COLLECTOR_RUN_MS = 5 * 60_000;
const COLLECTOR_RUN_LINES = 300;

interface OomReport {
  line: number;
  text: string;
  timeMs: number;
  zone: TimeZoneKnowledge;
  invoker?: string;
  victim?: string;
  scope?: 'system' | 'cgroup';
  cgroup?: string;
}

/** Mount point, only when the line names `/` or `/var` explicitly (`… on /var …`). */
function mountOf(line: string): { mount?: string } {
  const m = / on (\/var|\/)(?=[\s,.;:'"]|$)/.exec(line);
  return m ? { mount: m[1] } : {};
}

/**
 * Cheap pre-filter, one regex over the decoded line head: every signature contains one of these
 * words, so the signature list runs only on the few lines that hold one.
 */
const NEEDLES = /unhandled Python|No space|ENOSPC|systemd-shutdown|Reached target|owering|ebooting|Linux version|BOOT_IMAGE|blocked for more|ut of memory|oom-kill|Memory cgroup stats|as a result of limit|collect-logs|log collection|logcollector/;
const OOM_NEEDLES = /ut of memory|oom-kill|Memory cgroup stats|as a result of limit/;

/** Longest line head searched for signatures (bounded work per line, even for a 100 MB line). */
const SCAN = 2000;

function levelOf(s: string): LogLevel {
  if (/\b(?:error|fail(?:ed|ure)?|crit(?:ical)?|emerg|alert)\b/i.test(s)) return 'error';
  if (/\bwarn(?:ing)?\b/i.test(s)) return 'warning';
  return 'info';
}

export const parseSyslog: Parser = async ({ file, content, signal, factsFrom }, sink) => {
  const service = new ServiceStateReader((line, text, timeMs, zone) => evidence(file.vmPath, line, text, timeMs, zone ?? 'utc'));
  // a serial console's agent records have no prefix (relayed-agent.ts); its lines the agent wrote are not the system's
  const console = file.kind === 'serial-console';
  const agent: RelayedAgentLines = new RelayedAgentLines(
    relayedAgentReader(file.vmPath, file.id, sink, factsFrom ?? 0, (line) => service.inStatusBlock(line), (line) => agent.quotedLine(line)),
    console,
  );
  let cur: { line: number; lineCount: number; offset: number; end: number; timeMs: number; zone: TimeZoneKnowledge; level: LogLevel } | null = null;
  let facts = 0;
  let oom: OomReport | null = null;
  let collector: { timeMs: number; line: number } | null = null;
  const emitOom = () => {
    if (!oom) return;
    const o = oom;
    oom = null;
    if (facts >= 5000) return;
    const byCgroup = o.cgroup ? LOGCOLLECTOR_CGROUP.test(o.cgroup) : false;
    const byTime =
      !!collector && /^python/.test(o.victim ?? o.invoker ?? '') && (Number.isFinite(o.timeMs) && Number.isFinite(collector.timeMs) ? o.timeMs >= collector.timeMs && o.timeMs - collector.timeMs <= COLLECTOR_RUN_MS : o.line - collector.line <= COLLECTOR_RUN_LINES);
    const f: SystemEventFact = {
      kind: 'system-event',
      at: evidence(file.vmPath, o.line, o.text, o.timeMs, o.zone),
      timeMs: o.timeMs,
      event: 'oom-kill',
      detail: evidenceText(o.text, 300),
      ...(o.victim ? { victim: o.victim } : {}),
      ...(o.invoker ? { invoker: o.invoker } : {}),
      ...(o.scope ? { scope: o.scope } : {}),
      ...(o.cgroup ? { cgroup: o.cgroup } : {}),
      ...(byCgroup || byTime ? { logCollector: true } : {}),
    };
    sink.fact(f);
    facts++;
  };
  /** One line of an OOM report; true when the line was part of one. */
  const oomLine = (text: string, lineNo: number, timeMs: number, zone: TimeZoneKnowledge): boolean => {
    if (oom && lineNo - oom.line > 500) emitOom();
    const invoked = OOM_INVOKED.exec(text);
    if (invoked) {
      emitOom();
      oom = { line: lineNo, text, timeMs, zone, invoker: invoked[1] };
      return true;
    }
    if (!OOM_NEEDLES.test(text)) return false;
    const constraint = OOM_CONSTRAINT.exec(text);
    const memcg = constraint ? null : OOM_MEMCG.exec(text);
    const killed = constraint || memcg ? null : OOM_KILLED.exec(text);
    if (!constraint && !memcg && !killed) return false;
    const cur: OomReport = oom ?? { line: lineNo, text, timeMs, zone };
    oom = cur;
    if (constraint) {
      cur.scope = constraint[1] === 'CONSTRAINT_MEMCG' ? 'cgroup' : 'system';
      if (constraint[2]) cur.cgroup = constraint[2];
      if (constraint[3]) cur.victim = constraint[3];
    } else if (memcg) {
      cur.scope = 'cgroup';
      cur.cgroup = memcg[1];
    } else if (killed) {
      cur.scope = killed[1].startsWith('Memory cgroup') ? 'cgroup' : (cur.scope ?? 'system');
      cur.victim = killed[2];
      Object.assign(cur, { line: lineNo, text, timeMs, zone });
      emitOom();
    }
    return true;
  };
  const flush = () => {
    if (!cur) return;
    sink.record({ line: cur.line, lineCount: cur.lineCount, offset: cur.offset, length: cur.end - cur.offset, timeMs: cur.timeMs, zone: cur.zone, level: cur.level, source: 'syslog' });
    cur = null;
  };
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength, cut) => {
      const agents = agent.line(buf, start, end, lineNo, offset, byteLength, cut) && console;
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
      if (!agents) service.line(line, lineNo, timeMs);
      // (a record of the agent's on a serial console starts one, at the agent's time: its slashed era is no syslog's)
      const own = agents ? agent.recordStarted() : undefined;
      if (own && !iso) {
        timeMs = own.timeMs;
        zone = own.zone;
      }
      const starts = !!own || iso !== null || syslogHeadEnd(buf, start, end) >= 0 || DMESG.test(head) || SUPERVISORD.test(head) || !cur;
      let level: LogLevel = 'info';
      // only lines holding one of the needles are matched against the signatures (500 MB logs)
      const hit = !agents && NEEDLES.test(line);
      if (hit && facts < 5000) {
        const text = buf.toString('utf8', start, Math.min(end, start + SCAN));
        if (COLLECT_LOGS.test(text)) collector = { timeMs, line: lineNo };
        const inOom = oomLine(text, lineNo, timeMs, zone);
        for (const sig of inOom ? [] : SIGNATURES) {
          if (!sig.test.test(text)) continue;
          const made = sig.make(text);
          const at = evidence(file.vmPath, lineNo, text, timeMs, zone);
          if (made.kind === 'extension-status-problem') {
            sink.fact({ kind: 'extension-status-problem', at, timeMs, handler: made.handler, detail: evidenceText(text, 300) });
            level = 'error';
          } else if (made.kind === 'disk-space') {
            const f: DiskSpaceFact = { kind: 'disk-space', at, timeMs, full: true, detail: evidenceText(text, 300), ...(made.mount ? { mount: made.mount } : {}) };
            sink.fact(f);
            level = 'error';
          } else {
            const f: SystemEventFact = { kind: 'system-event', at, timeMs, event: made.event, detail: evidenceText(text, 300) };
            sink.fact(f);
          }
          facts++;
          break;
        }
      }
      if (starts) {
        flush();
        if (level === 'info') level = own && own.level !== 'unknown' ? own.level : levelOf(line.length > 200 ? line.slice(0, 200) : line);
        cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level };
      } else if (cur) {
        cur.lineCount++;
        cur.end = offset + byteLength;
      }
    },
    signal,
  );
  flush();
  emitOom();
  agent.finish();
  for (const f of service.finish()) sink.fact(f);
};
