import type { LogLevel, TimeZoneKnowledge, WindowsAgentFact } from '../../../shared';
import { forEachLine } from '../lines';
import { clip, evidence } from '../state/common';
import type { Parser } from '../types';

/**
 * C:\WindowsAzure\Logs\WaAppAgent.log (docs/formats.md "Windows"). Two line shapes:
 *   `[00000006] [11/14/2019 05:52:13.44] [INFO]  msg`   (older agents, VM local time)
 *   `[00000004] 2024-04-17T07:19:26.812Z [INFO]  msg`    (newer agents, UTC)
 * A line without the `[thread]` head continues the previous record (stack traces).
 */
const OLD = /^\[(\d{8})\] \[(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\] \[([A-Z]+)\]\s+/;
const NEW = /^\[(\d{8})\] (\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z \[([A-Z]+)\]\s+/;

/** .NET 4.5 missing (the seed article's Windows cause): what the agent and CLR write when it is absent. */
const DOTNET = [
  /\.NET Framework (?:v?4\.5|4\.0|v4\.0\.30319)[^.\n]{0,60}?(?:is not installed|not installed|was not found|not found|is missing|is required)/i,
  /requires? (?:the )?\.NET Framework (?:v?4\.5|4\.0)/i,
  /Could not load file or assembly '(?:System|mscorlib|Microsoft\.WindowsAzure)[\w.]*, Version=4\.0\.0\.0/i,
  /Could not load (?:file or assembly|type) .{0,120}(?:System\.Net\.Http|System\.Runtime|System\.IO\.Compression)/i,
  /CLR (?:v4\.0\.30319|version 4) (?:is not installed|not found)/i,
];

function levelOf(l: string): LogLevel {
  if (l === 'ERROR' || l === 'FATAL') return 'error';
  if (l === 'WARN' || l === 'WARNING') return 'warning';
  if (l === 'TRACE' || l === 'VERBOSE' || l === 'DEBUG') return 'verbose';
  return 'info';
}

export const parseWaAppAgent: Parser = async ({ file, content, signal }, sink) => {
  let cur: { line: number; lineCount: number; offset: number; end: number; timeMs: number; zone: TimeZoneKnowledge; level: LogLevel; thread?: string } | null = null;
  let facts = 0;
  const flush = () => {
    if (!cur) return;
    sink.record({ line: cur.line, lineCount: cur.lineCount, offset: cur.offset, length: cur.end - cur.offset, timeMs: cur.timeMs, zone: cur.zone, level: cur.level, source: 'WaAppAgent', ...(cur.thread ? { thread: cur.thread } : {}) });
    cur = null;
  };
  const fact = (lineNo: number, text: string, timeMs: number, zone: TimeZoneKnowledge, event: WindowsAgentFact['event'], extra: Partial<WindowsAgentFact> = {}) => {
    if (facts++ > 20000) return;
    sink.fact({ kind: 'windows-agent', at: evidence(file.vmPath, lineNo, text, timeMs, zone), timeMs, event, detail: clip(extra.detail ?? text, 300), ...extra } as WindowsAgentFact);
  };
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      if (buf[start] !== 0x5b /* [ */) {
        // a continuation line: only .NET load failures in stack traces matter here
        if (cur) {
          cur.lineCount++;
          cur.end = offset + byteLength;
          const t = buf.toString('utf8', start, Math.min(end, start + 1000));
          if (t.includes('.NET') || t.includes('Could not load')) {
            if (DOTNET.some((re) => re.test(t))) fact(lineNo, t, cur.timeMs, cur.zone, 'dotnet-missing');
          }
        } else {
          cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs: NaN, zone: 'none', level: 'unknown' };
        }
        return;
      }
      const text = buf.toString('utf8', start, Math.min(end, start + 2000));
      let m = NEW.exec(text);
      let timeMs = NaN;
      let zone: TimeZoneKnowledge = 'none';
      if (m) {
        timeMs = Date.UTC(+m[2], +m[3] - 1, +m[4], +m[5], +m[6], +m[7], m[8] ? Math.floor(Number(`0.${m[8]}`) * 1000) : 0);
        zone = 'utc';
      } else {
        m = OLD.exec(text);
        if (m) {
          // month/day/year, VM local time
          timeMs = Date.UTC(+m[4], +m[2] - 1, +m[3], +m[5], +m[6], +m[7], m[8] ? Math.floor(Number(`0.${m[8]}`) * 1000) : 0);
          zone = 'local';
        }
      }
      if (!m) {
        if (cur) {
          cur.lineCount++;
          cur.end = offset + byteLength;
        } else cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs: NaN, zone: 'none', level: 'unknown' };
        return;
      }
      flush();
      const lvl = m[9];
      const level = levelOf(lvl);
      cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level, thread: m[1] };
      const msg = text.slice(m[0].length);
      // cheap substring checks before the regexes: most lines are none of these
      const start1 = !/start/i.test(msg) ? null : /WindowsAzureGuestAgent starting\. Version ([\d.]+)/.exec(msg) ?? /(?:Guest Agent|GuestAgent|WaAppAgent)[^.]{0,40}\bstart(?:ing|ed)\b.{0,40}Version:? ([\d.]+)/i.exec(msg);
      if (start1) {
        fact(lineNo, text, timeMs, zone, 'start', { version: start1[1], detail: msg });
        fact(lineNo, text, timeMs, zone, 'version', { version: start1[1], detail: msg });
      }
      if (lvl === 'HEART') fact(lineNo, text, timeMs, zone, 'heartbeat', { detail: msg });
      if ((msg.includes('.NET') || msg.includes('Could not load') || msg.includes('CLR')) && DOTNET.some((re) => re.test(msg))) fact(lineNo, text, timeMs, zone, 'dotnet-missing', { detail: msg });
      const pluginLine = msg.includes('lugin');
      const en = !pluginLine ? null : /Beginning enable of plugin '?([\w.]+?)'?\.?$/.exec(msg) ?? /Beginning enable of plugin '?([\w.]+)/.exec(msg);
      if (en) fact(lineNo, text, timeMs, zone, 'plugin-enable', { plugin: en[1], detail: msg });
      const failed = !pluginLine
        ? null
        : /(?:enable|install|update|disable|uninstall) (?:of|for) plugin '?([\w.]+?)'? (?:failed|has failed|did not succeed)/i.exec(msg) ??
        /[Pp]lugin '?([A-Za-z][\w]*\.[\w.]+?)'? (?:failed|has failed|returned a non-zero exit code|timed out)/.exec(msg);
      if (failed) fact(lineNo, text, timeMs, zone, 'plugin-failed', { plugin: failed[1], detail: msg });
      else if (level === 'error') {
        const plugin = /^([A-Z][\w]*(?:\.[\w]+){2,}):/.exec(msg)?.[1];
        fact(lineNo, text, timeMs, zone, 'error', { detail: msg, ...(plugin ? { plugin } : {}) });
      }
    },
    signal,
  );
  flush();
};
