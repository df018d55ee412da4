import type { Fact, LogLevel, SnapshotMilestoneFact, TimeZoneKnowledge } from '../../../shared';
import type { RecordInput } from '../../records/store';
import { forEachLine } from '../lines';
import type { Parser } from '../types';
import { classifyMessage, fileNote, type MessageInfo, type MilestoneInfo } from './milestones';
import type { MilestoneInput } from '../../records/milestones';
import { evidenceText } from './scrub';
import { isoTime } from '../../../shared/time';
import { matchA, matchB, matchBareSlashed, matchD, matchE, type PrefixMatch } from './prefix';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { HANDLER_RUNTIME_MISSING } from '../system/handler-log';
import { VMSNAP_LINUX } from '../../../shared/model/handler';
import { boundedMemo } from '../../../shared/bounded-memo';

/**
 * `/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log` (docs/formats.md "extension.log").
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
/** Builds up to 1.0.9184.0 certainly wrote shape A in local time; later ones write UTC (docs/formats.md). */
const LAST_LOCAL_BUILD = 9184;
/**
 * Shape A's clock depends on the build, named by the first `cwd is …VMSnapshotLinux-<ver>` line a few
 * lines into the file; what is read before it waits (positions only) so the build decides it too.
 */
const HOLD_LINES = 200;

/** Import failures read per file: the same crash repeats at every enable (the handler log reads as many). */
const MAX_RUNTIME_FACTS = 20;

/** Messages whose classification is kept (`classified`), and the longest kept: longer ones are JSON or traces. */
const MEMO_MAX = 4096;
const MEMO_MAX_CHARS = 256;

const cannotRun = (line: string) => factDetail(msg('detail.handler-cannot-run', { line }));

/** The milestone handed to the sink (one at a time: the sink copies it). */
const ROW: MilestoneInput = { line: 0, timeMs: NaN, zone: 'none', text: '', process: 'unknown', run: 0, taskId: undefined, seqNo: undefined, info: { milestone: 'enable-start' }, detail: undefined };

/** The prefix matchers' scratch result (one line at a time). */
const PM: PrefixMatch = { msg: 0, t: NaN, name: '', level: '' };

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

/** `/^\s+[[{]/` (messages are Latin-1, where `\s` is tab–CR, space and NBSP). */
function indentedJson(msg: string): boolean {
  let i = 0;
  for (let c = msg.charCodeAt(0); (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0; c = msg.charCodeAt(++i));
  if (i === 0) return false;
  const c = msg.charCodeAt(i);
  return c === 0x5b || c === 0x7b;
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
  let process: NonNullable<SnapshotMilestoneFact['process']> = 'unknown';
  let run = 0;
  /** A `Change log file to` line already opened the current run. */
  let runOpen = false;
  let inBinary = false;
  /** Flush time of the freeze block being read: the `Logs during Freeze End` marker gets it. */
  let blockFlush: { t: number; zone: TimeZoneKnowledge } | null = null;
  let cutWarned = false;
  let runtimeLeft = MAX_RUNTIME_FACTS;
  /** The `Permissions of the file <file> are <mode>` of the line just read, and of the line before the current one. */
  let lastPermissions: { file: string; mode: string } | undefined;
  let permissionsBefore: { file: string; mode: string } | undefined;
  let decided = false;
  /** Whether the current line's / record's zone is shape A's assumed one (to be fixed by the build). */
  let lineProvisional = false;
  const held: { r?: RecordInput; f?: Fact; m?: MilestoneInput; provisional: boolean }[] = [];
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
      } else if (h.m) {
        if (h.provisional) h.m.zone = aZone;
        sink.milestone!(h.m);
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
    // a permission check's verdict follows its `Permissions of the file` line at once; any other line between
    // (`Error in fetching permissions …` and its traceback) means the check did not log its file
    permissionsBefore = lastPermissions;
    lastPermissions = undefined;
    // Status JSON echoes code names (`extErrorCode`) that are not events of their own.
    const c0 = msg.charCodeAt(0);
    if (c0 === 0x5b /* [ */ || c0 === 0x7b /* { */ || msg.includes('status report message') || indentedJson(msg)) return;
    // the handler cannot start (a module a newer Python dropped, no interpreter): its traceback or handle.sh's words,
    // read as the other handlers' logs read them (system/handler-log.ts), for this handler
    if (runtimeLeft > 0 && (msg.includes('ython') || msg.includes('odule') || msg.includes('mportError')) && HANDLER_RUNTIME_MISSING.test(msg)) {
      runtimeLeft--;
      const text = evidenceText(lineText().trim());
      const at = { file: vmPath, line: lineNo, time: Number.isFinite(timeMs) ? isoTime(timeMs) : null, zone, text };
      putFact({ kind: 'extension-operation', handler: VMSNAP_LINUX, op: 'enable', outcome: 'failed', ...cannotRun(text), at, timeMs });
      return;
    }
    const info = classified(msg);
    if (!info) return;
    emit(info, lineText(), lineNo, timeMs, zone);
  };

  const emit = (info: MessageInfo, text: string, lineNo: number, timeMs: number, zone: TimeZoneKnowledge) => {
    if (info.contextSeq !== undefined) seqNo = info.contextSeq;
    if (info.permissions) {
      lastPermissions = info.permissions;
      return;
    }
    if (info.processStart) {
      // A new handler process. After a daemon (or at the start) it is a new job's enable, so the
      // old task must not claim its context-parse lines; after an enable it is that job's daemon.
      run++;
      runOpen = true;
      if (process !== 'enable') taskId = undefined;
      process = 'unknown'; // until `starting enable` / `starting daemon initially` says which
      return;
    }
    let m = info.milestone;
    if (!m && !info.diskFull) return;
    // `… does not have desired permissions` names no file: the permission line just before it does
    const note = m?.note;
    if (m && note?.key === 'milestone.prepost-file' && note.params.problem === 'mode' && !note.params.file && permissionsBefore) {
      m = { ...m, ...fileNote(note.params.role, 'mode', permissionsBefore) };
    }
    // the evidence is built only for a line that becomes a fact
    const evidence = evidenceText(text);
    if (info.diskFull) putFact({ kind: 'disk-space', at: { file: vmPath, line: lineNo, time: Number.isFinite(timeMs) ? isoTime(timeMs) : null, zone, text: evidence }, timeMs, full: true, detail: evidence });
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
    const detail = m.detail === undefined ? undefined : detailOf(m);
    if (sink.milestone) {
      // a row of the sink's milestone table: no fact, evidence or time string per line (one held before the build is
      // known is a copy)
      const row = decided ? ROW : ({} as MilestoneInput);
      row.line = lineNo;
      row.timeMs = timeMs;
      row.zone = zone;
      row.text = evidence;
      row.process = process;
      row.run = run;
      row.taskId = taskId;
      row.seqNo = seqNo;
      row.info = m;
      row.detail = detail;
      if (decided) sink.milestone(row);
      else held.push({ m: row, provisional: lineProvisional });
    } else {
      // Same keys in the same order as `{ kind, at, timeMs, process, run, taskId?, seqNo?, ...m }`, without
      // the spreads' temporary objects (a key of `m` already set keeps its place and takes m's value); what
      // MilestoneTable.fact builds from a row.
      const at = { file: vmPath, line: lineNo, time: Number.isFinite(timeMs) ? isoTime(timeMs) : null, zone, text: evidence };
      const fact = { kind: 'snapshot-milestone', at, timeMs, process, run } as SnapshotMilestoneFact;
      if (taskId) fact.taskId = taskId;
      if (seqNo !== undefined) fact.seqNo = seqNo;
      for (const k in m) (fact as unknown as Record<string, unknown>)[k] = (m as unknown as Record<string, unknown>)[k];
      if (detail !== undefined) fact.detail = detail;
      putFact(fact);
    }
    if (m.milestone === 'extension-version') decide();
  };

  // a handler logs the same messages at every run: each is classified once (its answer is read, never changed)
  const classified = boundedMemo((msg: string): MessageInfo | null => classifyMessage(msg), MEMO_MAX, MEMO_MAX_CHARS);
  // and its detail scrubbed once (`evidenceText` of the same text gives the same string)
  const details = new Map<MilestoneInfo, string>();
  const detailOf = (m: MilestoneInfo): string => {
    let d = details.get(m);
    if (d === undefined) {
      if (details.size >= MEMO_MAX) details.clear();
      details.set(m, (d = evidenceText(m.detail!)));
    }
    return d;
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
        sink.warn(msg('parse.long-line', { line: lineNo, bytes: byteLength }), lineNo);
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
      const e = Math.min(end, start + HEAD_BYTES);
      const pm = PM;
      if (matchA(buf, start, e, pm)) {
        handler = pm.name;
        let t = pm.t;
        let zone = aZone;
        let source = SOURCE;
        let msgStart = pm.msg;
        lineProvisional = !decided;
        if (inBinary && matchE(buf, msgStart, e, pm)) {
          lineProvisional = false;
          // a safefreeze line re-logged by the extension: its own (local) time is when it happened
          t = pm.t;
          zone = 'local';
          source = 'safefreeze';
          msgStart = pm.msg;
        }
        const msg = buf.toString('latin1', msgStart, e);
        open(lineNo, offset, byteLength, t, zone, 'info', source);
        trackBinary(msg);
        if (msg.includes('Logs during Freeze Start') || msg.startsWith('Guest Agent Version is')) blockFlush = { t, zone };
        if (msg.includes('taskId')) adoptTaskFromJson(msg);
        onMessage(msg, lineNo, t, zone);
      } else if (matchB(buf, start, e, pm)) {
        lineProvisional = false;
        handler = pm.name;
        let level = pm.level ? levelWord(pm.level) : 'info';
        let t = pm.t;
        let msgStart = pm.msg;
        // legacy C: the backuplogger's own `2016-12-10 01:11:00.519872  Info  ` after the B prefix, on the same
        // clock to the microsecond: it orders a run's lines where the prefix's whole seconds cannot (a merged log)
        if (matchD(buf, msgStart, e, 0x2d, pm)) {
          level = levelWord(pm.level);
          msgStart = pm.msg;
          if (Number.isFinite(pm.t) && Math.abs(pm.t - t) < 2000) t = pm.t;
        }
        const msg = buf.toString('latin1', msgStart, e);
        open(lineNo, offset, byteLength, t, 'local', level);
        onMessage(msg, lineNo, t, 'local');
      } else if (matchD(buf, start, e, 0x2f, pm) || matchD(buf, start, e, 0x2d, pm)) {
        const slashed = buf[start + 4] === 0x2f;
        let t = pm.t;
        // py3 strftime(utcnow) is UTC; the dashed py2 form follows the build's clock (shape D)
        let zone: TimeZoneKnowledge = slashed ? 'utc' : aZone;
        lineProvisional = !decided && !slashed;
        let source = SOURCE;
        let msgStart = pm.msg;
        const level = levelWord(pm.level);
        if (inBinary && matchE(buf, msgStart, e, pm)) {
          lineProvisional = false;
          t = pm.t;
          zone = 'local';
          source = 'safefreeze';
          msgStart = pm.msg;
        }
        const msg = buf.toString('latin1', msgStart, e);
        open(lineNo, offset, byteLength, t, zone, level, source);
        trackBinary(msg);
        onMessage(msg, lineNo, t, zone);
      } else if (matchE(buf, start, e, pm)) {
        lineProvisional = false;
        const t = pm.t;
        const msg = buf.toString('latin1', pm.msg, e);
        open(lineNo, offset, byteLength, t, 'local', /Failed|Error/.test(msg) ? 'error' : 'info', 'safefreeze');
        onMessage(msg, lineNo, t, 'local');
      } else if (cur && matchBareSlashed(buf, start, e)) {
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
        onMessage(buf.toString('latin1', start, e), lineNo, c ? c.timeMs : NaN, c ? c.zone : 'none');
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

