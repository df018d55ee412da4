import type { Fact, LogLevel, TimeZoneKnowledge, WindowsAgentFact } from '../../../shared';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import type { FactDraft } from '../waagent/catalogue';
import { AGENT_CATALOGUE } from './agent-catalogue';
import { quotesHandlerVerdict } from '../deployment-error';

/**
 * The Windows guest agent's logs: C:\WindowsAzure\Logs\WaAppAgent.log, TransparentInstaller.log and
 * Telemetry.log share one record shape (docs/formats.md, "Windows guest agent"):
 *   `[00000006] [11/14/2019 05:52:13.44] [INFO]  msg`   (older agents, bracketed M/D/Y time, zone not stated)
 *   `[00000004] 2024-04-17T07:19:26.812Z [INFO]  msg`    (newer agents, UTC)
 * Pasted excerpts drop the thread (`[06/20/2016 22:20:45.84] [INFO]  msg`) or everything but the level
 * (`[ERROR] msg`). A line without such a head continues the previous record (.NET stack traces, the
 * second half of an exception). Each record is matched against AGENT_CATALOGUE as a whole; the
 * `windows-agent` facts (start, heartbeat, .NET, plugin lines) are kept for the rules that read them.
 */
const HEAD =
  /^(?:\[(\d{8})\]\s+)?(?:\[(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\]\s+|(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z\s+)?\[(INFO|WARN|WARNING|ERROR|HEART|TRACE|VERBOSE|DEBUG|FATAL)\]\s*/;

/** Continuation lines kept for matching a record (a stack trace's first frames say enough). */
const MAX_CONT_LINES = 6;
const MAX_RECORD_TEXT = 4096;
const MAX_FACTS = 20000;

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
  if (l === '') return 'unknown';
  return 'info';
}

const frac = (s: string | undefined) => (s ? Math.floor(Number(`0.${s}`) * 1000) : 0);

interface Rec {
  line: number;
  lineCount: number;
  offset: number;
  end: number;
  timeMs: number;
  zone: TimeZoneKnowledge;
  level: LogLevel;
  levelWord: string;
  thread?: string;
  /** First line's text (evidence) and the text matched against the catalogue. */
  head: string;
  text: string;
  contLines: number;
  /** A record without a head (a pasted message): it ends at a blank line. */
  bare?: boolean;
}

export const parseWaAppAgent: Parser = async ({ file, content, signal }, sink) => {
  let cur: Rec | null = null;
  let facts = 0;
  let version: string | undefined;
  const emit = (f: Fact) => {
    if (facts++ < MAX_FACTS) sink.fact(f);
  };
  const winFact = (lineNo: number, text: string, timeMs: number, zone: TimeZoneKnowledge, event: WindowsAgentFact['event'], extra: Partial<WindowsAgentFact> = {}) =>
    // detail last: it is redacted and clipped like evidence (a line can hold protected settings or a SAS)
    emit({ kind: 'windows-agent', at: evidence(file.vmPath, lineNo, text, timeMs, zone), timeMs, event, ...extra, detail: evidenceText(extra.detail ?? text, 300) } as WindowsAgentFact);

  const flush = () => {
    const r = cur;
    if (!r) return;
    cur = null;
    sink.record({ line: r.line, lineCount: r.lineCount, offset: r.offset, length: r.end - r.offset, timeMs: r.timeMs, zone: r.zone, level: r.level, source: 'WaAppAgent', ...(r.thread ? { thread: r.thread } : {}) });
    const kinds = new Set<string>();
    // the agent's words quoted by the provider's verdict on the handler (a pasted deployment error): a state that holds
    const verdict = quotesHandlerVerdict(r.text);
    for (const e of AGENT_CATALOGUE) {
      if (!r.text.includes(e.needle)) continue;
      const m = e.re.exec(r.text);
      if (!m) continue;
      for (const d of e.build(m, { version, level: r.levelWord })) {
        // one fact of a kind per record: a certificate record names the failure several ways
        if (kinds.has(d.kind)) continue;
        kinds.add(d.kind);
        if (d.kind === 'agent-version') version = d.version;
        const draft = d as FactDraft & { detail?: string };
        emit({
          ...draft,
          ...(typeof draft.detail === 'string' ? { detail: evidenceText(draft.detail, 300) } : {}),
          ...(verdict && draft.kind === 'extension-operation' && draft.outcome !== 'succeeded' ? { verdict: true } : {}),
          at: evidence(file.vmPath, r.line, r.head, r.timeMs, r.zone),
          timeMs: r.timeMs,
        } as Fact);
      }
    }
  };

  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      const text = buf.toString('utf8', start, Math.min(end, start + 2000));
      const m = buf[start] === 0x5b /* [ */ ? HEAD.exec(text) : null;
      if (!m) {
        // a headless paste (a ticket's copy of the portal's extension status, a deployment error) is read in
        // paragraphs: a blank line ends a record that had no head, so each field or message is matched on its own
        // (win-chef-9-portal-status-enable-timeout: the message is the 14th line, after Publisher/Version/Status)
        if (cur?.bare && text.trim() === '') {
          flush();
          return;
        }
        if (!cur && text.trim() === '') return;
        // a continuation line (or a bare first line: a pasted exception without its head)
        if (cur) {
          cur.lineCount++;
          cur.end = offset + byteLength;
          if (cur.contLines < MAX_CONT_LINES && cur.text.length < MAX_RECORD_TEXT) {
            cur.contLines++;
            cur.text += `\n${text.trim()}`;
          }
          if ((text.includes('.NET') || text.includes('Could not load')) && DOTNET.some((re) => re.test(text))) winFact(lineNo, text, cur.timeMs, cur.zone, 'dotnet-missing');
        } else {
          cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs: NaN, zone: 'none', level: 'unknown', levelWord: '', head: text, text: text.trim(), contLines: 0, bare: true };
        }
        return;
      }
      flush();
      let timeMs = NaN;
      let zone: TimeZoneKnowledge = 'none';
      if (m[9]) {
        timeMs = Date.UTC(+m[9], +m[10] - 1, +m[11], +m[12], +m[13], +m[14], frac(m[15]));
        zone = 'utc';
      } else if (m[4]) {
        // month/day/year; the agent does not say which zone (docs/formats.md)
        timeMs = Date.UTC(+m[4], +m[2] - 1, +m[3], +m[5], +m[6], +m[7], frac(m[8]));
        zone = 'local';
      }
      const lvl = m[16];
      const level = levelOf(lvl);
      const msg = text.slice(m[0].length);
      cur = { line: lineNo, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level, levelWord: lvl, head: text, text: msg, contLines: 0, ...(m[1] ? { thread: m[1] } : {}) };

      // windows-agent facts, decided on the head line as before
      const start1 = !/start/i.test(msg) ? null : (/WindowsAzureGuestAgent starting\. Version ([\d.]+)/.exec(msg) ?? /(?:Guest Agent|GuestAgent|WaAppAgent)[^.]{0,40}\bstart(?:ing|ed)\b.{0,40}Version:? ([\d.]+)/i.exec(msg));
      // one fact: the start, with the version it names (agent-outdated reads the version from it)
      if (start1) winFact(lineNo, text, timeMs, zone, 'start', { version: start1[1], detail: msg });
      if (lvl === 'HEART') winFact(lineNo, text, timeMs, zone, 'heartbeat', { detail: msg });
      if ((msg.includes('.NET') || msg.includes('Could not load') || msg.includes('CLR')) && DOTNET.some((re) => re.test(msg))) winFact(lineNo, text, timeMs, zone, 'dotnet-missing', { detail: msg });
      const pluginLine = msg.includes('lugin');
      const en = !pluginLine ? null : (/Beginning enable of plugin '?([\w.]+?)'?\.?$/.exec(msg) ?? /Beginning enable of plugin '?([\w.]+)/.exec(msg));
      if (en) winFact(lineNo, text, timeMs, zone, 'plugin-enable', { plugin: en[1], detail: msg });
      const failed = !pluginLine
        ? null
        : (/(?:enable|install|update|disable|uninstall) (?:of|for) plugin '?([\w.]+?)'? (?:failed|has failed|did not succeed)/i.exec(msg) ??
          /[Pp]lugin '?([A-Za-z][\w]*\.[\w.]+?)'? (?:failed|has failed|returned a non-zero exit code|timed out)/.exec(msg));
      if (failed) winFact(lineNo, text, timeMs, zone, 'plugin-failed', { plugin: failed[1], detail: msg });
      else if (level === 'error') {
        const plugin = /^([A-Z][\w]*(?:\.[\w]+){2,}):/.exec(msg)?.[1];
        winFact(lineNo, text, timeMs, zone, 'error', { detail: msg, ...(plugin ? { plugin } : {}) });
      }
    },
    signal,
  );
  flush();
};
