import type { Fact, LogLevel, TimeZoneKnowledge, WindowsEventFact, WindowsEventMeaning } from '../../../shared';
import type { ParseSink, Parser } from '../types';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import { readWindowsText } from './text';
import { parseIsoUtc, parseWindowsLocal, windowsDateOrder } from '../../../shared/time';
import { APPLOCKER_EXTENSION_AUDITED, APPLOCKER_EXTENSION_BLOCKED, COMPLUS_4689, eventExportShape, FAULTING_APPLICATION, NET_RUNTIME_APPLICATION, VSS_SERVICE_ERROR } from '../../../shared/formats/windows-sniff';
import { vssSignatureOf, vssWriterContext } from './vss';
import { factDetail, msg, VSS_WRITER_VETO } from '../../../shared/i18n/analysis';
import { EVENT_VIEWER_LABELS, eventLevelWord, LOG_NAME_LABEL } from '../../../shared/formats/event-viewer-labels';

export { eventExportShape };

/**
 * Application and System event log exports (docs/formats.md, "Windows event logs"), in the shapes an
 * engineer gets them: Event Viewer's "Copy details as text" blocks (`Log Name:` … `Description:`, or its fields typed
 * out by hand), its
 * "Save as" tab-separated or CSV files (`Level, Date and Time, Source, Event ID, Task Category,
 * Description`), XML (`wevtutil qe /f:xml`, the XML view), and bare descriptions pasted into a thread
 * (`Application: WaAppAgent.exe` … `The process was terminated due to an unhandled exception.`).
 * `.evtx` (binary) is not read: no maintained JavaScript reader without a native part exists; the
 * missing-evidence advice asks for a text or XML export instead.
 *
 * Every event becomes a `windows-event`; the ones that matter for the backup also become the generic
 * facts the rules read: an agent process crash or its service dying → `agent-lifecycle`, the backup
 * extension crashing, or COM+ 4689 which its VSS provider's install needs → `extension-operation` failed, a VSS failure Microsoft documents for Azure Backup →
 * `snapshot-milestone` freeze-failed. Times in text/CSV exports are the exporting machine's local time
 * in its locale (month or day first: decided per file), XML times are UTC.
 */

/** The agent's processes and services, by executable, service and display name. */
const AGENT_SUBJECT = /\b(WaAppAgent\.exe|WindowsAzureGuestAgent\.exe|WindowsAzureTelemetryService\.exe|RdAgent|WindowsAzureGuestAgent|Windows Azure Guest Agent|Windows Azure Telemetry Service)\b/i;
/**
 * The Backup extension's assemblies COM+ SOAP Services puts in and takes out of the global assembly cache during a
 * backup (Microsoft Japan's Azure Backup support, https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/GAC.md:
 * iaasvmazurestorage.dll and iaasvmsnapshotmessage.dll): a file name and path the event does not localise.
 */
const BACKUP_GAC_ASSEMBLY = /\bMicrosoft\.Azure\.RecoveryServices\.VMSnapshot\\[^\\\s]{1,40}\\(?:iaasvmazurestorage|iaasvmsnapshotmessage)\.dll\b/i;
const EXTENSION_SUBJECT = /\bIaaSBcdrExtension\.exe\b/i;
const MAX_EVENTS = 50000;
/**
 * A description kept on its event: whole up to this (a German or Japanese VSS event's operation and writer come after
 * its first 400 characters); the text export is at most 64 MB, so this bounds one event, not the file.
 */
const MAX_EVENT_MESSAGE = 4000;

interface RawEvent {
  line: number;
  head: string;
  /** The line a finding cites, where it is not the event's first: a text export's first description line. */
  cite?: { line: number; text: string };
  /** A .NET crash's first `Exception Info:` line: what raised, the line a crash's finding cites. */
  exception?: { line: number; text: string };
  channel?: string;
  provider: string;
  eventId: number;
  level: string;
  message: string;
  timeMs: number;
  zone: TimeZoneKnowledge;
}

// (dates: shared/time.ts reads a text or CSV export's local times, parseWindowsLocal, in the order windowsDateOrder
// decides for the file; XML times are UTC, parseIsoUtc)

/**
 * The level Windows writes an event at, for an event typed out without its Level: only where a Microsoft page shows
 * that event with its level. Any other event typed out without one stays `unknown` (VSS 8194 and Service Control
 * Manager 7034: no Microsoft page found that shows their level).
 */
const DOCUMENTED_LEVEL: readonly { provider: string; id: number; level: 'error' | 'warning'; source: string; description?: RegExp }[] = [
  // "VSS event ID 8193 is logged when you restart the Cryptographic Services service…" (KB 2298620) and "Event ID 8193
  // when you perform a backup" (KB 3098315): `Source: VSS` `Event ID: 8193` `Level: Error`
  { provider: 'vss', id: 8193, level: 'error', source: 'https://support.microsoft.com/kb/2298620' },
  // Microsoft Japan's Azure Backup support quotes a VSS 8229 with `レベル: 警告` (Warning)
  { provider: 'vss', id: 8229, level: 'warning', source: 'https://github.com/jpabrs-scem/blog/blob/main/articles/AzureVMBackup/CSV_not_Supported.md' },
  { provider: '.net runtime', id: 1026, level: 'error', source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent' },
  // "Microsoft Entra Connect Health shows old information about on-premises server" (KB 4053427): `Level: Error`
  { provider: 'application error', id: 1000, level: 'error', source: 'https://support.microsoft.com/kb/4053427' },
  // Microsoft Japan's Azure VM support quotes RdAgent's 7031 with `レベル: エラー` (Error)
  { provider: 'service control manager', id: 7031, level: 'error', source: 'https://github.com/jpaztech/blog/blob/master/articles/vm/7031-rdagent-restart.md' },
  // "Using Event Viewer with AppLocker" lists 8003 (would have been prevented) as Warning, 8004 (not allowed) as Error;
  // each one's description says which it is when it is pasted without its id
  { provider: 'microsoft-windows-applocker', id: 8004, level: 'error', source: 'https://learn.microsoft.com/windows/security/application-security/application-control/app-control-for-business/applocker/using-event-viewer-with-applocker', description: APPLOCKER_EXTENSION_BLOCKED },
  { provider: 'microsoft-windows-applocker', id: 8003, level: 'warning', source: 'https://learn.microsoft.com/windows/security/application-security/application-control/app-control-for-business/applocker/using-event-viewer-with-applocker', description: APPLOCKER_EXTENSION_AUDITED },
];

/**
 * The event's level, or the documented one of its source and id when the export does not give it (a description pasted
 * without its id: of the event whose description it is).
 */
function levelOf(e: RawEvent): string {
  if (e.level !== 'unknown') return e.level;
  const p = e.provider.trim().toLowerCase();
  return DOCUMENTED_LEVEL.find((d) => d.provider === p && (d.id === e.eventId || (e.eventId === 0 && d.description?.test(e.message))))?.level ?? 'unknown';
}

/** A .NET Runtime 1026 description's line naming the exception (`Exception Info: System.…Exception`). */
const EXCEPTION_INFO = /^\s*Exception Info: \S/;

const LOG_LEVEL: Record<string, LogLevel> = { error: 'error', warning: 'warning', information: 'info', unknown: 'unknown' };

// ---- the shapes ----

/** `Label:  value` (or, typed out by hand, `Label = value`; CJK text may use the full-width `：`), optionally quoted as in an e-mail (`> `). */
const LABEL_LINE = /^[ \t]*(?:>[ \t]?)?([^:=：>\s][^:=：>\n]{1,40}?)[ \t]*[:=：](.*)$/;
/** The labels a typed-out event starts with (duplicati#3236: Level, Source, Event ID; virtio-win#1505: Source, Event ID; jpabrs GAC.md: ソース, EventID). */
const TYPED_HEAD = new Set(['Level', 'Source', 'Date', 'Event ID']);

function labelled(line: string): [key: string, value: string] | null {
  const m = LABEL_LINE.exec(line);
  const key = m ? EVENT_VIEWER_LABELS.get(m[1].trim().toLowerCase()) : undefined;
  return m && key ? [key, m[2]] : null;
}

function textBlocks(text: string, dayFirst: boolean): RawEvent[] {
  const out: RawEvent[] = [];
  const lines = text.split(/\r?\n/);
  // fields typed out without the Log Name line: an event starts at its first field, with an event id within five lines
  // (a field-like line inside a description is not a new event), and its description is what follows the fields
  const typed = !LOG_NAME_LABEL.test(text);
  const eventIdNear = (i: number) => lines.slice(i, i + 5).some((l) => labelled(l)?.[0] === 'Event ID');
  // (`day`: the Date field's text, which Windows Server 2003's copy gives without the clock, its Time field after it)
  let cur: (RawEvent & { inDesc: boolean; desc: string[]; day?: string }) | null = null;
  const done = () => {
    if (cur && Number.isFinite(cur.eventId)) out.push({ ...cur, message: cur.desc.join('\n').trim() });
    cur = null;
  };
  for (let i = 0; i < lines.length && out.length < MAX_EVENTS; i++) {
    const l = lines[i];
    const kv = labelled(l);
    if (kv && kv[0] === 'Log Name') {
      done();
      cur = { line: i + 1, head: l, channel: kv[1].trim(), provider: '', eventId: NaN, level: 'unknown', message: '', timeMs: NaN, zone: 'local', inDesc: false, desc: [] };
      continue;
    }
    if (typed && kv && TYPED_HEAD.has(kv[0]) && (!cur || cur.inDesc) && eventIdNear(i)) {
      done();
      cur = { line: i + 1, head: l, provider: '', eventId: NaN, level: 'unknown', message: '', timeMs: NaN, zone: 'local', inDesc: false, desc: [] };
    }
    if (!cur) continue;
    const c: RawEvent & { inDesc: boolean; desc: string[]; day?: string } = cur;
    if (typed && !kv && !c.inDesc && Number.isFinite(c.eventId) && l.trim()) c.inDesc = true;
    if (kv && !c.inDesc) {
      const v = kv[1].trim();
      if (kv[0] === 'Source') c.provider = v;
      else if (kv[0] === 'Date') {
        c.timeMs = parseWindowsLocal(v, dayFirst);
        c.day = v;
      } else if (kv[0] === 'Time' && c.day !== undefined && !Number.isFinite(c.timeMs)) c.timeMs = parseWindowsLocal(`${c.day} ${v}`, dayFirst);
      else if (kv[0] === 'Event ID') c.eventId = Number.parseInt(v, 10);
      else if (kv[0] === 'Level') c.level = eventLevelWord(v);
      else if (kv[0] === 'Description') {
        c.inDesc = true;
        if (v) {
          c.desc.push(v);
          c.cite = { line: i + 1, text: l };
        }
      }
      continue;
    }
    if (c.inDesc && c.desc.length < 200) {
      const d = l.replace(/^[ \t]*>[ \t]?/, '');
      c.desc.push(d);
      // "Log Name: Application" says nothing to the engineer; the description's first line names what failed
      if (!c.cite && d.trim()) c.cite = { line: i + 1, text: l };
      if (!c.exception && EXCEPTION_INFO.test(d)) c.exception = { line: i + 1, text: l };
    }
  }
  done();
  return out;
}

/** Splits one delimited row, honouring quotes; a quoted field may run over several lines. */
function delimitedRows(text: string, sep: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length && rows.length < MAX_EVENTS; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        if (field.length < 8000) field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    } else if (field.length < 8000) field += ch;
  }
  cells.push(field);
  if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** Event Viewer's "Save as" text/CSV: Level, Date and Time, Source, Event ID, Task Category, Description. */
function delimited(text: string, sep: string, dayFirst: boolean): RawEvent[] {
  const out: RawEvent[] = [];
  const lines = text.split(/\r?\n/);
  for (const r of delimitedRows(text, sep)) {
    const [lvl, date, source, id, , ...rest] = r.cells;
    const eventId = Number.parseInt(id ?? '', 10);
    const timeMs = parseWindowsLocal(date ?? '', dayFirst);
    if (!Number.isFinite(eventId) || !Number.isFinite(timeMs) || !source) continue;
    out.push({ line: r.line, head: lines[r.line - 1] ?? '', provider: source.trim(), eventId, level: eventLevelWord(lvl ?? ''), message: rest.join(sep).trim(), timeMs, zone: 'local' });
  }
  return out;
}

const xmlText = (s: string) =>
  s
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** `<Event>` elements (no entity expansion, no DTD: read with bounded regular expressions only). */
function xmlEvents(text: string): RawEvent[] {
  const out: RawEvent[] = [];
  // found with indexOf, not a lazy regex: a start tag without its end would make a regex rescan to the end
  // from every later start (quadratic on a crafted file); here the first missing end stops the scan
  const starts = /<Event[\s>]/g;
  let from = 0;
  // line numbers counted forward from the previous event (never from the start again)
  let lineIdx = 0;
  let lineNo = 1;
  const lineOf = (idx: number) => {
    for (let i = text.indexOf('\n', lineIdx); i !== -1 && i < idx; i = text.indexOf('\n', i + 1)) lineNo++;
    lineIdx = idx;
    return lineNo;
  };
  while (out.length < MAX_EVENTS) {
    starts.lastIndex = from;
    const st = starts.exec(text);
    if (!st) break;
    const close = text.indexOf('</Event>', st.index);
    if (close < 0) break;
    from = close + 8;
    const full = text.slice(st.index, from);
    const ev = full.length > 200000 ? full.slice(0, 200000) : full;
    const provider = /<Provider\b[^>]{0,1000}?\bName=['"]([^'"]{1,200})['"]/.exec(ev)?.[1] ?? '';
    const eventId = Number.parseInt(/<EventID\b[^>]{0,200}>\s*(\d+)\s*</.exec(ev)?.[1] ?? '', 10);
    const level = /<Level>\s*(\d+)\s*</.exec(ev)?.[1] ?? '';
    const time = /<TimeCreated\b[^>]{0,200}?SystemTime=['"]([^'"]{1,40})['"]/.exec(ev)?.[1] ?? '';
    const channel = /<Channel>([^<]{1,200})</.exec(ev)?.[1];
    const rendered = /<Message>([\s\S]{0,20000}?)<\/Message>/.exec(ev)?.[1];
    const data = [...ev.matchAll(/<Data\b[^>]{0,300}>([^<]{0,4000})<\/Data>/g)].map((d) => xmlText(d[1])).filter(Boolean);
    if (!Number.isFinite(eventId)) continue;
    // AppLocker's events carry the file in UserData (RuleAndFileData), not in EventData
    const file = rendered || data.length ? undefined : /<FilePath>([^<]{1,2000})<\/FilePath>/.exec(ev)?.[1];
    const timeMs = parseIsoUtc(time);
    out.push({ line: lineOf(st.index), head: ev.slice(0, 300).replace(/\s+/g, ' '), ...(channel ? { channel } : {}), provider, eventId, level: eventLevelWord(level), message: rendered ? xmlText(rendered) : file ? xmlText(file) : data.join(' | '), timeMs, zone: Number.isFinite(timeMs) ? 'utc' : 'none' });
  }
  return out;
}

/** Where another pasted description starts (the .NET Runtime 1026 or Application Error 1000 the loop reads): a VSS block ends there. */
const looseStart = (line: string) => NET_RUNTIME_APPLICATION.test(line) || FAULTING_APPLICATION.test(line);

/**
 * Descriptions pasted without Event Viewer's labels: the .NET Runtime 1026 text
 * (`Application: X.exe` … `terminated due to an unhandled exception`) and the Application Error 1000
 * text (`Faulting application name: X.exe`, German and French too: FAULTING_APPLICATION). A paste does not say its
 * level: each stays `unknown` for levelOf to give the documented one or none.
 */
function looseDescriptions(text: string): RawEvent[] {
  const out: RawEvent[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && out.length < MAX_EVENTS; i++) {
    const app = NET_RUNTIME_APPLICATION.exec(lines[i]);
    if (app) {
      const block = lines.slice(i, i + 6).join('\n');
      if (/terminated due to an unhandled exception/i.test(block)) {
        const exc = /Exception Info: (\S+)/.exec(lines.slice(i, i + 8).join('\n'))?.[1];
        const k = lines.slice(i, i + 8).findIndex((l) => EXCEPTION_INFO.test(l));
        out.push({ line: i + 1, head: lines[i], ...(k >= 0 ? { exception: { line: i + k + 1, text: lines[i + k] } } : {}), channel: 'Application', provider: '.NET Runtime', eventId: 1026, level: 'unknown', message: `Application: ${app[1]} — the process was terminated due to an unhandled exception${exc ? ` (${exc})` : ''}`, timeMs: NaN, zone: 'none' });
      }
      continue;
    }
    const fault = FAULTING_APPLICATION.exec(lines[i]);
    if (fault) {
      const rest = lines[i].slice(fault.index + fault[0].length);
      out.push({ line: i + 1, head: lines[i], channel: 'Application', provider: 'Application Error', eventId: 1000, level: 'unknown', message: `Faulting application name: ${fault[1]}${rest}`, timeMs: NaN, zone: 'none' });
      continue;
    }
    // AppLocker blocking (8004) or auditing (8003) the Backup extension's executable, its description pasted on its own
    // (no event id: 0)
    if (lines[i].length < 2000 && (APPLOCKER_EXTENSION_BLOCKED.test(lines[i]) || APPLOCKER_EXTENSION_AUDITED.test(lines[i]))) {
      out.push({ line: i + 1, head: lines[i], channel: 'Microsoft-Windows-AppLocker/EXE and DLL', provider: 'Microsoft-Windows-AppLocker', eventId: 0, level: 'unknown', message: lines[i].trim(), timeMs: NaN, zone: 'none' });
      continue;
    }
    // COM+ 4689's description pasted on its own, with its error code when the next lines give it (no event id: 0);
    // "…" stands for the lines between, so the message holds only the paste's own words
    if (lines[i].length < 2000 && COMPLUS_4689.test(lines[i])) {
      const code = /Error Code[^\n]{0,40}?(0x[0-9a-f]{8}[^\n]{0,60})/i.exec(lines.slice(i + 1, i + 4).join('\n'))?.[1];
      out.push({ line: i + 1, head: lines[i], channel: 'Application', provider: 'COM+', eventId: 0, level: 'unknown', message: `${lines[i].trim()}${code ? ` … ${code.trim()}` : ''}`, timeMs: NaN, zone: 'none' });
      continue;
    }
    // the VSS service's own error description (VSS_SERVICE_ERROR), with the lines that follow it: its interface, operation
    // and writer context, up to the next pasted description
    if (lines[i].length < 2000 && VSS_SERVICE_ERROR.test(lines[i])) {
      let end = i + 1;
      while (end < lines.length && end < i + 20 && !VSS_SERVICE_ERROR.test(lines[end]) && !looseStart(lines[end]) && !COMPLUS_4689.test(lines[end])) end++;
      const message = lines.slice(i, end).join('\n').trim();
      out.push({ line: i + 1, head: lines[i], channel: 'Application', provider: 'VSS', eventId: 0, level: 'unknown', message, timeMs: NaN, zone: 'none' });
      i = end - 1;
      continue;
    }
    // a VSS message Microsoft tells backup users to look for, pasted on its own (the event id is not given: 0)
    const vss = lines[i].length < 2000 ? vssSignatureOf(lines[i]) : undefined;
    if (vss) out.push({ line: i + 1, head: lines[i], channel: 'Application', provider: vss.id === 'volsnap-diff-area' ? 'VolSnap' : 'VSS', eventId: 0, level: 'unknown', message: lines[i].trim(), timeMs: NaN, zone: 'none' });
  }
  return out;
}

// ---- meaning ----

function meaningOf(e: RawEvent): { meaning?: WindowsEventMeaning; subject?: string } {
  const p = e.provider.toLowerCase();
  const subj = AGENT_SUBJECT.exec(e.message)?.[1];
  if (p === '.net runtime' && e.eventId === 1026 && subj) return { meaning: 'agent-crash', subject: subj };
  if (p === 'application error' && e.eventId === 1000) {
    // the faulting application is the description's first executable in every language (`障害が発生しているアプリケーション名:
    // X.exe、…`) and an XML event's first parameter
    const app = FAULTING_APPLICATION.exec(e.message)?.[1] ?? /[\w.-]{1,100}\.exe\b/i.exec(e.message.slice(0, 400))?.[0] ?? e.message.split(/[,\s]/)[0];
    if (EXTENSION_SUBJECT.test(app)) return { meaning: 'extension-crash', subject: 'IaaSBcdrExtension.exe' };
    const a = AGENT_SUBJECT.exec(app)?.[1];
    if (a) return { meaning: 'agent-crash', subject: a };
    return {};
  }
  if (p === 'service control manager' && subj) {
    if (e.eventId === 7031 || e.eventId === 7034) return { meaning: 'agent-service-stopped', subject: subj };
    if ([7000, 7009, 7011, 7022, 7023, 7024].includes(e.eventId)) return { meaning: 'agent-service-start-failed', subject: subj };
    if (e.eventId === 7036) return { meaning: 'agent-service-state', subject: subj };
  }
  // AppLocker 8004 / 8003 for the Backup extension's executable (an XML event's message is the file alone), or the
  // description pasted without its id
  if (/^(?:Microsoft-Windows-)?AppLocker$/i.test(e.provider) && EXTENSION_SUBJECT.test(e.message)) {
    if (e.eventId === 8004 || (e.eventId === 0 && APPLOCKER_EXTENSION_BLOCKED.test(e.message))) return { meaning: 'extension-blocked', subject: 'IaaSBcdrExtension.exe' };
    if (e.eventId === 8003 || (e.eventId === 0 && APPLOCKER_EXTENSION_AUDITED.test(e.message))) return { meaning: 'extension-block-audited', subject: 'IaaSBcdrExtension.exe' };
  }
  // COM+ SOAP Services removing (or installing) one of the Backup extension's two assemblies in the global assembly
  // cache and failing: Azure Backup retries it, harmless when backups complete (BACKUP_GAC_ASSEMBLY)
  if (p === 'com+ soap services' && BACKUP_GAC_ASSEMBLY.test(e.message)) return { meaning: 'backup-gac-retry' };
  // COM+ 4689 (or its description without an id): the COM+ runtime the Backup extension's VSS provider needs
  if (p === 'com+' && (e.eventId === 4689 || e.eventId === 0) && COMPLUS_4689.test(e.message)) return { meaning: 'complus-failure' };
  if (p === 'vss' || p === 'volsnap' || p === 'microsoft-windows-volsnap') {
    if (/IVssWriterCallback/i.test(e.message)) return { meaning: 'vss-noise' };
    if (vssSignatureOf(e.message, { provider: e.provider, id: e.eventId })) return { meaning: 'vss-failure' };
  }
  if (vssSignatureOf(e.message)) return { meaning: 'vss-failure' };
  return {};
}

const VMSNAPSHOT = 'Microsoft.Azure.RecoveryServices.VMSnapshot';

function emitEvent(file: string, e: RawEvent, sink: ParseSink): void {
  const { meaning, subject } = meaningOf(e);
  // a crash is proved by what raised (`Exception Info: System.Configuration.ConfigurationErrorsException`), not by the
  // line naming the process
  const cite = (meaning === 'agent-crash' || meaning === 'extension-crash') && e.exception ? e.exception : e.cite;
  const at = evidence(file, cite?.line ?? e.line, cite?.text ?? e.head, e.timeMs, e.zone);
  // the whole description (meaning is read from it above); only the findings' detail below is a display's excerpt
  const message = evidenceText(e.message.replace(/\s+/g, ' '), MAX_EVENT_MESSAGE);
  const base: WindowsEventFact = {
    kind: 'windows-event',
    at,
    timeMs: e.timeMs,
    ...(e.channel ? { channel: evidenceText(e.channel, 100) } : {}),
    provider: evidenceText(e.provider, 200),
    eventId: e.eventId,
    level: e.level,
    message,
    ...(meaning ? { meaning } : {}),
    ...(subject ? { subject } : {}),
  };
  sink.fact(base);
  // (a description pasted without its event has no id: quote it as it stands rather than as "COM+ 0: …")
  const detail = evidenceText(e.eventId > 0 ? `${e.provider} ${e.eventId}: ${message}` : message, 300);
  const more: Fact[] = [];
  if (meaning === 'agent-crash' || meaning === 'agent-service-stopped' || meaning === 'agent-service-start-failed') more.push({ kind: 'agent-lifecycle', at, timeMs: e.timeMs, event: 'crash', detail });
  else if (meaning === 'agent-service-state') {
    // 7036 "entered the stopped / running state" (localised: 停止 / 実行中)
    if (/\bstopped\b|停止/i.test(e.message)) more.push({ kind: 'agent-lifecycle', at, timeMs: e.timeMs, event: 'stop-signal', detail });
    else if (/\brunning\b|実行中/i.test(e.message)) more.push({ kind: 'agent-lifecycle', at, timeMs: e.timeMs, event: 'exthandler-start', detail });
  } else if (meaning === 'extension-crash') {
    more.push({ kind: 'extension-operation', at, timeMs: e.timeMs, handler: VMSNAPSHOT, op: 'enable', outcome: 'failed', detail });
  } else if (meaning === 'extension-blocked') {
    // every command of the extension is this executable: the agent's enable of it fails
    more.push({ kind: 'extension-operation', at, timeMs: e.timeMs, handler: VMSNAPSHOT, op: 'enable', outcome: 'failed', ...factDetail(msg('detail.applocker-blocked', e.eventId > 0 ? { event: `${e.provider} ${e.eventId}` } : {})) });
  } else if (meaning === 'complus-failure') {
    // the guide reads it with the extension's installation failure (ExtensionInstallationFailedCOM): the provider's
    // install is what COM+ serves (COMPLUS_4689)
    more.push({ kind: 'extension-operation', at, timeMs: e.timeMs, handler: VMSNAPSHOT, op: 'install', outcome: 'failed', detail });
  } else if (meaning === 'vss-failure') {
    const sig = vssSignatureOf(e.message, { provider: e.provider, id: e.eventId })!;
    // a writer's veto names its writer and the phase it refused in the same event: what the finding says
    const writer = sig.id === VSS_WRITER_VETO ? vssWriterContext(e.message) : {};
    more.push({ kind: 'snapshot-milestone', at, timeMs: e.timeMs, milestone: 'freeze-failed', code: sig.code, ...factDetail(msg('milestone.vss-failed', { id: sig.id, what: sig.what, ...writer, ...(e.eventId > 0 ? { event: `${e.provider} ${e.eventId}` } : {}) })) });
  }
  for (const f of more) sink.fact(f);
}

export const parseWindowsEventExport: Parser = async ({ file, content }, sink) => {
  const read = await readWindowsText(content, sink);
  if (read === null) return;
  const { text } = read;
  const shape = eventExportShape(text.slice(0, 4096));
  if (!shape) {
    sink.warn(msg('parse.event-export-unknown'));
    return;
  }
  const order = shape === 'xml' || shape === 'loose' ? undefined : windowsDateOrder(text);
  const dayFirst = order?.dayFirst ?? false;
  const events = shape === 'xml' ? xmlEvents(text) : shape === 'text' ? textBlocks(text, dayFirst) : shape === 'tsv' ? delimited(text, '\t', dayFirst) : shape === 'csv' ? delimited(text, ',', dayFirst) : looseDescriptions(text);
  for (const e of events) e.level = levelOf(e);
  const lines = text.split('\n');
  // byte offset of each line's start (one pass), so each record is its lines' bytes
  const starts = new Array<number>(lines.length + 1);
  starts[0] = read.base;
  const nl = read.bytesOf('\n');
  for (let k = 0; k < lines.length; k++) starts[k + 1] = starts[k] + read.bytesOf(lines[k]) + nl;
  const total = read.base + read.bytesOf(text);
  // one record per event, from its first line to the line before the next event
  events.forEach((e, i) => {
    const nextLine = Math.min(i + 1 < events.length ? events[i + 1].line : lines.length + 1, lines.length + 1);
    const offset = Math.min(starts[e.line - 1] ?? total, total);
    const length = Math.max(0, Math.min(starts[nextLine - 1] ?? total, total) - offset);
    sink.record({ line: e.line, lineCount: Math.max(1, nextLine - e.line), offset, length, timeMs: e.timeMs, zone: Number.isFinite(e.timeMs) ? e.zone : 'none', level: LOG_LEVEL[e.level] ?? 'unknown', source: e.provider || 'event' });
    emitEvent(file.vmPath, e, sink);
  });
  if (!events.length) sink.warn(msg('parse.event-export-empty'));
  // no date of the file tells its order and one reads as two days: said, with the date, its two readings and the rule
  const amb = order?.by === 'assumed' ? order.ambiguous : undefined;
  if (amb && events.some((e) => Number.isFinite(e.timeMs))) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < amb.index; i = text.indexOf('\n', i + 1)) line++;
    sink.warn(msg('parse.dates-month-first', { date: amb.text, monthFirst: amb.monthFirst, dayFirst: amb.dayFirst }), line);
  }
};
