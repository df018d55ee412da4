import type { Fact, LogLevel, SnapshotMilestoneFact, TimeZoneKnowledge } from '../../../shared';
import type { RecordInput } from '../../records/store';
import { forEachLine } from '../lines';
import { parseIsoLike, parseSlashed } from '../time';
import type { Parser } from '../types';
import { classifyMessage, type MessageInfo } from './milestones';
import { evidenceText } from './scrub';

/**
 * `/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log` (research/vmsnapshot.md §1.2).
 * Five line shapes share the file:
 *  A `2024-01-14 22:16:48.792020 [Name-1.0]msg`      py3 record, UTC (local before the 2021-09 builds)
 *  B `2024/01/14 22:16:48 ERROR:[Name-1.0]msg`       hutil.error / py2 / legacy C, VM-local
 *  D `2024/01/14 22:16:48.811102  Info  msg `        a line buffered while frozen, UTC, flushed later
 *  E `2017-11-14 03:06:52 Thawing: /mnt`             safefreeze binary output, VM-local, second resolution
 * Every other line continues the current record. D and E lines become records of their own so the
 * viewer and the timeline see the real frozen-window times, not the flush time.
 */

const SOURCE = 'VMSnapshotLinux';
/** Head of a line that is matched against shapes and milestones (longer tails are JSON or traces). */
const HEAD_BYTES = 1024;
/** Head decoded for evidence (the contract keeps ~500 characters). */
const EVIDENCE_BYTES = 800;
/** Builds up to 1.0.9184.0 certainly wrote shape A in local time (§7); later ones write UTC. */
const LAST_LOCAL_BUILD = 9184;
/**
 * Shape A's clock depends on the build, named by the first `cwd is …VMSnapshotLinux-<ver>` line a few
 * lines into the file; what is read before it waits (positions only) so the build decides it too.
 */
const HOLD_LINES = 200;

const A_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?) \[([^\]\n]{1,200}?)-([\d.]+)\]/;
const B_RE = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d) (ERROR:|WARNING:)?\[([^\]\n]{1,200}?)-([\d.]+)\]/;
const D_RE = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{1,6}) {2}(Info|Warning|Error|Verbose) {2}/;
const D_DASH_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,6}) {2}(Info|Warning|Error|Verbose) {2}/;
const E_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?!\[)/;
/** Legacy C: the B prefix followed by the backuplogger's own `2016-12-10 01:11:00.519872  Info  `. */
const C_INNER_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,6}) {2}(Info|Warning|Error|Verbose) {2}/;
const BARE_SLASHED_RE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s*$/;

interface OpenRecord {
  line: number;
  lineCount: number;
  offset: number;
  end: number;
  timeMs: number;
  zone: TimeZoneKnowledge;
  level: LogLevel;
  source: string;
  extension?: string;
  provisional: boolean;
}

function levelWord(w: string | undefined): LogLevel {
  if (!w) return 'info';
  const l = w.toLowerCase();
  if (l.startsWith('error')) return 'error';
  if (l.startsWith('warn')) return 'warning';
  if (l === 'verbose') return 'verbose';
  return 'info';
}

function firstDigit(buf: Buffer, start: number, end: number): boolean {
  return end - start >= 19 && buf[start] >= 0x30 && buf[start] <= 0x39;
}

export const parseExtensionLog: Parser = async ({ file, content, signal }, sink) => {
  const vmPath = file.vmPath;
  let cur: OpenRecord | null = null;
  // What the extension tells us as it goes (state carried onto every milestone).
  let aZone: TimeZoneKnowledge = 'utc';
  let handler: string | undefined;
  let seqNo: number | undefined;
  let taskId: string | undefined;
  let enableSeq: number | undefined;
  let process: SnapshotMilestoneFact['process'] = 'unknown';
  let run = 0;
  /** A `Change log file to` line already opened the current run. */
  let runOpen = false;
  let inBinary = false;
  /** Flush time of the freeze block being read: the `Logs during Freeze End` marker gets it. */
  let blockFlush: { t: number; zone: TimeZoneKnowledge } | null = null;
  let cutWarned = false;
  let decided = false;
  /** Whether the current line's / record's zone is shape A's assumed one (to be fixed by the build). */
  let lineProvisional = false;
  const held: { r?: RecordInput; f?: Fact; provisional: boolean }[] = [];
  const decide = () => {
    if (decided) return;
    decided = true;
    for (const h of held) {
      if (h.r) {
        if (h.provisional) h.r.zone = aZone;
        sink.record(h.r);
      } else if (h.f) {
        if (h.provisional) h.f.at.zone = aZone;
        sink.fact(h.f);
      }
    }
    held.length = 0;
    const open = cur as OpenRecord | null;
    if (open?.provisional) open.zone = aZone;
  };
  const putRecord = (r: RecordInput, provisional: boolean) => (decided ? sink.record(r) : held.push({ r, provisional }));
  const putFact = (f: Fact) => (decided ? sink.fact(f) : held.push({ f, provisional: lineProvisional }));

  const flush = () => {
    if (!cur) return;
    putRecord({
      line: cur.line,
      lineCount: cur.lineCount,
      offset: cur.offset,
      length: cur.end - cur.offset,
      timeMs: cur.timeMs,
      zone: cur.zone,
      level: cur.level,
      source: cur.source,
      extension: cur.extension,
    }, cur.provisional);
    cur = null;
  };
  const open = (line: number, offset: number, byteLength: number, timeMs: number, zone: TimeZoneKnowledge, level: LogLevel, source = SOURCE) => {
    flush();
    cur = { line, lineCount: 1, offset, end: offset + byteLength, timeMs, zone, level, source, extension: handler, provisional: lineProvisional };
  };

  // The line being read: evidence text is decoded (UTF-8) only when a fact is emitted.
  let lineBuf: Buffer = Buffer.alloc(0);
  let lineStart = 0;
  let lineEnd = 0;
  const lineText = () => lineBuf.toString('utf8', lineStart, Math.min(lineEnd, lineStart + EVIDENCE_BYTES));

  const onMessage = (msg: string, lineNo: number, timeMs: number, zone: TimeZoneKnowledge) => {
    // Status JSON echoes code names (`extErrorCode`) that are not events of their own.
    const c0 = msg.charCodeAt(0);
    if (c0 === 0x5b /* [ */ || c0 === 0x7b /* { */ || msg.includes('status report message') || /^\s+[[{]/.test(msg)) return;
    const info = classifyMessage(msg);
    if (!info) return;
    emit(info, lineText(), lineNo, timeMs, zone);
  };

  const emit = (info: MessageInfo, text: string, lineNo: number, timeMs: number, zone: TimeZoneKnowledge) => {
    const at = { file: vmPath, line: lineNo, time: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null, zone, text: evidenceText(text) };
    if (info.contextSeq !== undefined) seqNo = info.contextSeq;
    if (info.processStart) {
      // A new handler process. After a daemon (or at the start) it is a new job's enable, so the
      // old task must not claim its context-parse lines; after an enable it is that job's daemon.
      run++;
      runOpen = true;
      if (process !== 'enable') taskId = undefined;
      process = 'unknown'; // until `starting enable` / `starting daemon initially` says which
      return;
    }
    if (info.diskFull) putFact({ kind: 'disk-space', at, timeMs, full: true, detail: evidenceText(text) });
    const m = info.milestone;
    if (!m) return;
    switch (m.milestone) {
      case 'enable-start':
        process = 'enable';
        if (!runOpen) run++;
        runOpen = false;
        taskId = undefined;
        enableSeq = seqNo;
        break;
      case 'daemon-start':
        process = 'daemon';
        if (!runOpen) run++;
        runOpen = false;
        // The daemon is spawned by the enable just before it; it only inherits that task when the
        // sequence numbers agree (a daemon of another seq is a different job).
        if (seqNo !== undefined && enableSeq !== undefined && seqNo !== enableSeq) taskId = undefined;
        break;
      case 'sequence-number':
        seqNo = m.seqNo;
        break;
      case 'task-id':
        taskId = m.taskId;
        break;
      case 'extension-version':
        if (m.extensionVersion) {
          const build = Number(m.extensionVersion.split('.')[2]);
          aZone = Number.isFinite(build) && build <= LAST_LOCAL_BUILD ? 'local' : 'utc';
        }
        break;
    }
    const fact: SnapshotMilestoneFact = {
      kind: 'snapshot-milestone',
      at,
      timeMs,
      process,
      run,
      ...(taskId ? { taskId } : {}),
      ...(seqNo !== undefined ? { seqNo } : {}),
      ...m,
    };
    if (m.detail !== undefined) fact.detail = evidenceText(m.detail);
    putFact(fact);
    if (m.milestone === 'extension-version') decide();
  };

  /** The daemon's status JSON names its task; adopt it when the enable's taskId line was not seen. */
  const adoptTaskFromJson = (s: string) => {
    if (taskId || process !== 'daemon') return;
    const m = /taskId\\*"\s*:\s*\\*"([0-9A-Za-z-]{6,64})/.exec(s);
    if (m) taskId = m[1];
  };

  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength, cut) => {
      if (cut && !cutWarned) {
        cutWarned = true;
        sink.warn(`line ${lineNo} is ${byteLength} bytes long; only its first part was read`, lineNo);
      }
      lineBuf = buf;
      lineStart = start;
      lineEnd = end;
      if (!decided && lineNo > HOLD_LINES) decide();
      // continuation lines inherit the record's clock
      lineProvisional = !decided && !!cur && (cur as OpenRecord).provisional;
      if (!firstDigit(buf, start, end)) {
        // continuation (stack trace, JSON, freeze-block markers): cheap path, no regex on the line
        const head = buf.toString('latin1', start, Math.min(end, start + HEAD_BYTES));
        if (head.includes('Logs during Freeze Start') && cur) blockFlush = { t: (cur as OpenRecord).timeMs, zone: (cur as OpenRecord).zone };
        if (head.includes('Logs during Freeze End')) {
          // written at the flush, after the inner lines: a record of its own at the flush time
          const f = blockFlush ?? { t: NaN, zone: 'none' as TimeZoneKnowledge };
          open(lineNo, offset, byteLength, f.t, f.zone, 'info');
          blockFlush = null;
          onMessage(head, lineNo, f.t, f.zone);
          return;
        }
        if (cur) {
          cur.lineCount++;
          cur.end = offset + byteLength;
        } else open(lineNo, offset, byteLength, NaN, 'none', 'unknown');
        if (head.includes('Binary output traces start')) inBinary = true;
        else if (head.includes('Binary output traces end')) inBinary = false;
        if (head.includes('taskId')) adoptTaskFromJson(head);
        const c = cur as OpenRecord | null;
        onMessage(head, lineNo, c ? c.timeMs : NaN, c ? c.zone : 'none');
        return;
      }
      const text = buf.toString('latin1', start, Math.min(end, start + HEAD_BYTES));
      let m: RegExpExecArray | null;
      if ((m = A_RE.exec(text))) {
        handler = m[2];
        let msg = text.slice(m[0].length);
        let t = parseIsoLike(m[1]);
        let zone = aZone;
        let source = SOURCE;
        lineProvisional = !decided;
        if (inBinary && (m = E_RE.exec(msg))) {
          lineProvisional = false;
          // a safefreeze line re-logged by the extension: its own (local) time is when it happened
          t = parseIsoLike(m[1]);
          zone = 'local';
          source = 'safefreeze';
          msg = msg.slice(m[0].length);
        }
        open(lineNo, offset, byteLength, t, zone, 'info', source);
        trackBinary(msg);
        if (msg.includes('Logs during Freeze Start') || msg.startsWith('Guest Agent Version is')) blockFlush = { t, zone };
        if (msg.includes('taskId')) adoptTaskFromJson(msg);
        onMessage(msg, lineNo, t, zone);
      } else if ((m = B_RE.exec(text))) {
        lineProvisional = false;
        handler = m[3];
        let msg = text.slice(m[0].length);
        let level = m[2] ? levelWord(m[2]) : 'info';
        const inner = C_INNER_RE.exec(msg);
        if (inner) {
          level = levelWord(inner[2]);
          msg = msg.slice(inner[0].length);
        }
        const t = parseSlashed(m[1]);
        open(lineNo, offset, byteLength, t, 'local', level);
        onMessage(msg, lineNo, t, 'local');
      } else if ((m = D_RE.exec(text)) || (m = D_DASH_RE.exec(text))) {
        const slashed = text[4] === '/';
        let t = slashed ? parseSlashed(m[1]) : parseIsoLike(m[1]);
        // py3 strftime(utcnow) is UTC; the dashed py2 form follows the build's clock (§1.2 D, §7)
        let zone: TimeZoneKnowledge = slashed ? 'utc' : aZone;
        lineProvisional = !decided && !slashed;
        let source = SOURCE;
        let msg = text.slice(m[0].length);
        const level = levelWord(m[2]);
        const e = inBinary ? E_RE.exec(msg) : null;
        if (e) {
          lineProvisional = false;
          t = parseIsoLike(e[1]);
          zone = 'local';
          source = 'safefreeze';
          msg = msg.slice(e[0].length);
        }
        open(lineNo, offset, byteLength, t, zone, level, source);
        trackBinary(msg);
        onMessage(msg, lineNo, t, zone);
      } else if ((m = E_RE.exec(text))) {
        lineProvisional = false;
        const t = parseIsoLike(m[1]);
        const msg = text.slice(m[0].length);
        open(lineNo, offset, byteLength, t, 'local', /Failed|Error/.test(msg) ? 'error' : 'info', 'safefreeze');
        onMessage(msg, lineNo, t, 'local');
      } else if (BARE_SLASHED_RE.test(text) && cur) {
        // legacy C: the empty `2016/12/10 01:11:00` line after each record
        const c = cur as OpenRecord;
        c.lineCount++;
        c.end = offset + byteLength;
      } else {
        if (cur) {
          const c = cur as OpenRecord;
          c.lineCount++;
          c.end = offset + byteLength;
        } else open(lineNo, offset, byteLength, NaN, 'none', 'unknown');
        const c = cur as OpenRecord | null;
        onMessage(text, lineNo, c ? c.timeMs : NaN, c ? c.zone : 'none');
      }
    },
    signal,
  );
  flush();
  decide();

  function trackBinary(msg: string) {
    if (msg.includes('Binary output traces start')) inBinary = true;
    else if (msg.includes('Binary output traces end')) inBinary = false;
  }
};

