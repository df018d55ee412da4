import type { Endpoint, Evidence, Fact, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { isoTime } from '../../../shared/time';
import type { RecordInput } from '../../records/store';
import type { LineVisitor } from '../lines';
import { markRelayed, type ParseSink, type Parser } from '../types';
import { fencedGuid, GUID_LEN, GuidShapes, nextGuid } from '../../records/fact-store';
import { agentVerdictDraft, dispatchAt, draftOf, endpointOf, httpFailureAt, matchMessageInto, opOf, putRow, rowKind, type Dispatch, type FactDraft, type FactOut, type MatchContext, type RowLayout } from './catalogue';
import { parseEvent } from './event';
import { isFullUntimedHead, newHead, readHead, readUntimedHead, type RecordHead } from './records';
import { launchFailure, uncleanVersion } from '../../../shared/formats/agent-launch';
import { MARK_CRP_FAILURE, MARK_DISK_FULL, MARK_EXTENSIONS_OFF, MARK_HTTP_FAILURE, MARK_OPENSSL_WHY, MARK_TRACE_FRAME, MarkerScan } from './markers';
import { crpFailureDrafts } from '../deployment-error';
import { clipText, MAX_EVIDENCE } from '../../../shared/clip';
import { scrub } from './scrub';
import { boundedMemo } from '../../../shared/bounded-memo';
import { msg } from '../../../shared/i18n/analysis';

/**
 * /var/log/waagent.log → one record per logical record (all eras mixed, continuation lines folded in)
 * and the typed facts of the message catalogue. Streams Buffers: record starts are decided from fixed
 * byte positions, a message is decoded only when its bytes start a catalogue entry (`dispatchAt`) or the
 * record holds a marker phrase (markers.ts: an HTTP failure, a full disk), so most lines never become strings.
 */

/** Bytes of a first line decoded for matching (messages we match are short; evidence is clipped anyway). */
const MSG_HEAD = 4096;
/** An Event record's message is kept up to this many characters across its continuation lines. */
const EVENT_TEXT_MAX = 16 * 1024;
/** Event texts whose facts are kept for a repeat (`eventFacts`), and the longest kept. */
const RECENT_EVENTS = 4;
const EVENT_KEPT_LENGTH = 2048;

const EVENT_KEY = 'E'.charCodeAt(0) * 256 + 'v'.charCodeAt(0);

/**
 * The line a Python traceback ends in, the exception and its message: `ModuleNotFoundError: No module named 'crypt'`,
 * `azurelinuxagent.common.exception.ProtocolError: […]`, and the 2.0 agent's `ERROR:Exception: …` (every line of its
 * log starts with the level); indented as a paste may be.
 */
const EXCEPTION_LINE = /^(?:(?:ERROR|WARNING|INFO):)?[ \t]{0,8}(?:[A-Za-z_]\w{0,60}\.){0,8}(?:[A-Z]\w{0,60}(?:Error|Exception)|Exception): \S/;

interface Current {
  line: number;
  lineCount: number;
  offset: number;
  end: number;
  timeMs: number;
  zone: TimeZoneKnowledge;
  level: RecordHead['level'];
  source: string;
  thread: string | undefined;
  extension: string | undefined;
  /**
   * Null when the record yields no facts; else its first line as text where a fact quotes it (a full disk, an event
   * record), '' where none does.
   */
  firstLine: string | null;
  /** Bytes of the first line that `firstLine` was decoded from (the deferred evidence text). */
  firstLen: number;
  /** The evidence pointing at the first line, made once per record and shared by its facts. */
  at: Evidence | null;
  /** Message part of the first line (only when dispatched). */
  message: string | null;
  /** The catalogue entries its bytes may match (`dispatchAt`), read with it. */
  dispatch: Dispatch | null;
  /** Event records: the message lines joined. */
  event: string[] | null;
  eventLen: number;
  http: boolean;
  /** The first line says extension processing is disabled (2.10+ per-extension message). */
  extOff: boolean;
  /** Line and text of the first `No space left on device` / `[Errno 28]` in the record. */
  diskLine: number;
  diskText: string | null;
  /** The line holding the compute provider's verdict on an extension (a pasted deployment error), and its text. */
  crpLine: number;
  crpText: string | null;
  /** Line and text of the first traceback frame in a handler's or the agent's code. */
  traceLine: number;
  traceText: string | null;
  /** Line and text of the exception a traceback ends in (`ModuleNotFoundError: No module named 'crypt'`), after its frame. */
  excLine: number;
  excText: string | null;
  /** Event records: line and text of the first continuation line with an HTTP failure (the fact's evidence). */
  httpLine: number;
  httpText: string | null;
  /** The first continuation line where openssl says why it failed (MatchContext.opensslLine). */
  opensslText: string | null;
}

function blank(): Current {
  return {
    line: 0, lineCount: 1, offset: 0, end: 0, timeMs: NaN, zone: 'none', level: 'unknown', source: 'agent', thread: undefined, extension: undefined,
    firstLine: null, firstLen: 0, at: null, message: null, dispatch: null, event: null, eventLen: 0, http: false, extOff: false, diskLine: 0, diskText: null, crpLine: 0, crpText: null, traceLine: 0, traceText: null, excLine: 0, excText: null, httpLine: 0, httpText: null, opensslText: null,
  };
}

/**
 * `blank()`'s values for the fields of a record that yielded facts (`firstLine` not null: no other of them is set
 * without it), but for `http`, `extOff` and `opensslText`, which the caller sets for every record.
 */
function clearFactFields(c: Current): void {
  c.firstLine = null;
  c.firstLen = 0;
  c.at = null;
  c.message = null;
  c.dispatch = null;
  c.event = null;
  c.eventLen = 0;
  c.diskLine = 0;
  c.diskText = null;
  c.crpLine = 0;
  c.crpText = null;
  c.traceLine = 0;
  c.traceText = null;
  c.excLine = 0;
  c.excText = null;
  c.httpLine = 0;
  c.httpText = null;
}

/** The text of a deferred first-line evidence (`Evidence.textAt`), from the bytes it points at: redacted and clipped as the parser would have. */
export function deferredEvidenceText(bytes: Buffer): string {
  return clipText(scrub(bytes.toString('utf8')), MAX_EVIDENCE);
}

function versionOfPrefix(source: string): string | undefined {
  if (source[0] !== '[') return undefined;
  return /-(\d+(?:\.\d+)+)\]$/.exec(source)?.[1];
}

interface HttpRead {
  endpoint: Endpoint;
  url: string | undefined;
  detail: string;
}
const HTTP_READ_MAX = 1024;
const HTTP_READ_LENGTH = 2048;
/** What `httpFailure` read from a message text, by that text: a broken agent repeats a few HTTP failures thousands of times. */
const httpRead = boundedMemo((msg: string) => readHttp(msg).read, HTTP_READ_MAX, HTTP_READ_LENGTH);
/**
 * The same by the text with its GUIDs as holes (`guidTemplate`), where the read does not depend on them: a goal-state
 * failure names a fresh correlation ID each time (`GET vmSettings [correlation ID: … eTag: …]: … [HTTP Failed] [502: …]`).
 * (Kept by `httpFailure` once it read a text whose read is its template's.)
 */
const httpReadByTemplate = boundedMemo((_template: string, msg: string) => readHttp(msg).read, HTTP_READ_MAX, HTTP_READ_LENGTH);

/**
 * `guidTemplate` templates only fenced GUIDs (`fencedGuid`): no fence character stands next to a hex digit or a dash in a
 * pattern `httpFailure` reads with (the URL's, the endpoint's, `[HTTP Failed]`), so no match can reach into a GUID so
 * fenced: where and whether they match does not depend on its digits.
 */
/** `msg` with each GUID as a NUL and where they start (in `at`); undefined where it has none, or one not fenced. */
function guidTemplate(msg: string, at: number[]): string | undefined {
  at.length = 0;
  let t = '';
  let from = 0;
  for (let g = nextGuid(msg, 0); g >= 0; g = nextGuid(msg, g + GUID_LEN)) {
    if (!fencedGuid(msg, g)) return undefined;
    at.push(g);
    t += `${msg.slice(from, g)}\u0000`;
    from = g + GUID_LEN;
  }
  return at.length ? t + msg.slice(from) : undefined;
}
const guidsAt: number[] = [];

const HTTP_FAILURE = rowKind('connectivity', ['endpoint', 'unknown'], ['ok', false], ['url?', ''], ['detail', '']);

/**
 * The last few messages read (`httpFailure`) and their reads, newest first: a broken agent repeats its failure texts
 * back to back, and comparing a message with a few costs less than hashing it for the maps (a new string each time).
 */
const RECENT_HTTP = 8;
const recentHttpMsg: string[] = [];
const recentHttpRead: HttpRead[] = [];

/**
 * The last few messages whose read is their template's (`httpReadByTemplate`), with the read: a broken agent's
 * goal-state failures name a fresh correlation ID each time, and such a message is read with no template built and
 * hashed (`GuidShapes`: it has the template of the kept message it equals but inside its GUIDs).
 */
const recentTemplateReads = new GuidShapes<HttpRead>(4);
/** Keeps `msg`'s template read among the recent ones (`guidsAt`: its GUIDs, as `guidTemplate` found them). */
const keepTemplateRead = (msg: string, read: HttpRead): void => recentTemplateReads.keep(msg, guidsAt.slice(), read);
const sameTemplateRead = (msg: string): HttpRead | undefined => recentTemplateReads.find(msg)?.value;

/**
 * What `httpFailure` reads from a message: its endpoint, URL and failure detail; and whether that is its GUID template's
 * (`template`: `guidTemplate` of it, just made: its GUIDs are in `guidsAt`).
 */
function readHttp(msg: string, template?: string): { read: HttpRead; byTemplate: boolean } {
  const m = /\b(?:GET|POST|PUT|HEAD|DELETE) (https?:\/\/\S+)/.exec(msg);
  const m2 = m ? null : /\[(https?:\/\/[^\]\s]+)\]/.exec(msg);
  const url = m?.[1] ?? m2?.[1];
  // (where the URL starts: at the end of the first pattern's match, after the second's bracket)
  const urlAt = m ? m.index + m[0].length - m[1].length : m2 ? m2.index + 1 : 0;
  const failureAt = httpFailureAt(msg);
  const read = { endpoint: endpointOf(url ?? msg), url: url ? scrub(url) : undefined, detail: clipText(scrub(msg.slice(Math.max(0, failureAt))), 300) };
  // the read is the template's when no GUID lies in the URL or the detail (every other part of it is fenced off)
  let byTemplate = template !== undefined && failureAt >= 0;
  for (let k = 0; byTemplate && k < guidsAt.length; k++) {
    const g = guidsAt[k];
    byTemplate = g + GUID_LEN <= failureAt && (url === undefined || g + GUID_LEN <= urlAt || g >= urlAt + url.length);
  }
  return { read, byTemplate };
}

/** A failed call to the WireServer/HostGAPlugin/storage from the `[HTTP Failed]`/`[HTTP Retry]` part of a message, to `out`. */
function httpFailure(msg: string, out: FactOut): void {
  for (let r = 0; r < recentHttpMsg.length; r++) {
    if (recentHttpMsg[r] !== msg) continue;
    const read = recentHttpRead[r];
    putRow(out, HTTP_FAILURE, read.endpoint, false, read.url || undefined, read.detail);
    return;
  }
  const kept = msg.length <= HTTP_READ_LENGTH;
  let read = kept ? sameTemplateRead(msg) : undefined;
  const template = kept && read === undefined ? guidTemplate(msg, guidsAt) : undefined;
  if (template !== undefined) {
    read = httpReadByTemplate.peek(template);
    if (read !== undefined) keepTemplateRead(msg, read);
  }
  if (read === undefined && kept) read = httpRead.peek(msg);
  if (read === undefined) {
    const r = readHttp(msg, template);
    read = r.read;
    if (kept && r.byTemplate) {
      httpReadByTemplate.keep(template!, read);
      keepTemplateRead(msg, read);
    } else if (kept) httpRead.keep(msg, read);
  }
  if (kept) {
    // (the oldest out, this one in front; a message longer than the maps keep is not kept here either)
    if (recentHttpMsg.length < RECENT_HTTP) {
      recentHttpMsg.push(msg);
      recentHttpRead.push(read);
    }
    for (let r = recentHttpMsg.length - 1; r > 0; r--) {
      recentHttpMsg[r] = recentHttpMsg[r - 1];
      recentHttpRead[r] = recentHttpRead[r - 1];
    }
    recentHttpMsg[0] = msg;
    recentHttpRead[0] = read;
  }
  putRow(out, HTTP_FAILURE, read.endpoint, false, read.url || undefined, read.detail);
}
/** `httpFailure` as a draft (a fresh one each time: `emit` completes it in place). */
function httpDraft(msg: string): FactDraft {
  let draft: FactDraft | undefined;
  const values: unknown[] = [];
  httpFailure(msg, { values, row: (layout) => void (draft = draftOf(layout, values)), draft: (d) => void (draft = d) });
  return draft!;
}

/**
 * Keeps one copy of each short fact field value. A value cut from a line (a regex capture) holds
 * on to the whole decoded line in V8, so the first copy kept is a fresh string of its own; later
 * equal values share it. Bounded: past MAX_ENTRIES distinct values (counters, ids) new values are
 * kept as they are.
 */
class StringPool {
  private static readonly MAX_ENTRIES = 50_000;
  private static readonly MAX_LENGTH = 512;
  private readonly pool = new Map<string, string>();
  of(s: string): string {
    if (s.length > StringPool.MAX_LENGTH) return s;
    const kept = this.pool.get(s);
    if (kept !== undefined) return kept;
    if (this.pool.size >= StringPool.MAX_ENTRIES) return s;
    // a copy that owns its characters (does not point into the line it was cut from)
    const own = Buffer.from(s, 'utf8').toString('utf8');
    this.pool.set(own, own);
    return own;
  }
}

/** Whether `buf[start, end)` holds only white space. */
function whiteOnly(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09 && buf[i] !== 0x0d) return false;
  return true;
}

/**
 * Whether `buf[start, end)` is a line a paste may start with before its text: blank, or a Markdown code fence
 * (```` ``` ````, ```` ```text ````, `~~~`).
 */
function leadInLine(buf: Buffer, start: number, end: number): boolean {
  if (whiteOnly(buf, start, end)) return true;
  let i = start;
  while (i < end && i - start < 3 && buf[i] === 0x20) i++;
  const f = buf[i];
  if (f !== 0x60 && f !== 0x7e) return false;
  const from = i;
  while (i < end && buf[i] === f) i++;
  if (i - from < 3) return false;
  // the fence's info string (a language name) holds no backtick and no space inside
  while (i < end && buf[i] !== 0x60 && buf[i] !== 0x20 && buf[i] !== 0x09 && buf[i] !== 0x0d) i++;
  return whiteOnly(buf, i, end);
}

/** Whether a record's head line ends by opening what its next lines hold: `stderr: [`, `… exception:`. */
function opensBlock(buf: Buffer, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0d)) i--;
  return i >= start && (buf[i] === 0x5b || buf[i] === 0x3a);
}

class WaagentLogReader implements FactOut {
  private readonly markers = new MarkerScan();
  private readonly cur: Current = blank();
  private readonly out: RecordInput = { line: 0, lineCount: 0, offset: 0, length: 0, timeMs: NaN, zone: 'none', level: 'unknown', source: '', thread: undefined, extension: undefined };
  private active = false;
  private readonly head = newHead();
  private unknownEra = 0;
  private firstUnknownLine = 0;
  private cutLines = 0;
  private firstCutLine = 0;
  /** Fact field values repeat across thousands of records (handlers, versions, the same error detail). */
  private readonly strings = new StringPool();
  /** The last record only the goal-state agent writes in a VM-local-time era (bounds its version). */
  private eraLine = 0;
  private eraTime = NaN;
  private eraMax = '';
  private eraAt: Evidence | null = null;
  /** An `Enable extension [...]` start waiting for its `Executing command:` line (which carries the seqNo). */
  private pending: Fact | null = null;
  /**
   * No timed record read yet: a line that starts like a record without its timestamp (`WARNING ExtHandler …`) is one,
   * untimed (an excerpt posted without times). Off once a timed record was read, and for the lines syslog relays.
   */
  private untimed: boolean;
  /** Untimed heads are read at all (not for the lines syslog relays). */
  private readonly untimedHeads: boolean;
  /**
   * After a timed record, the current record took a line that is not blank, or its head line ends by opening a
   * block (`stdout: [`, `Exception:`): a `[stdout]`/`[stderr]` block, a traceback, a JSON dump, an extension's output.
   * Until the next record, an untimed head is part of it.
   */
  private inBody = false;
  /**
   * The current record is the file's lead-in: only blank lines or a Markdown fence before its first text. The line
   * after them starts a record of its own and is read as a message, as a paste's first line is.
   */
  private leadIn = false;

  constructor(
    private readonly vmPath: string,
    private readonly fileId: number,
    private readonly sink: ParseSink,
    private readonly wantFacts: boolean,
    /** Content offset from which records yield facts (a log over the fact window: only its newest part). */
    private readonly factsFrom = 0,
    untimedHeads = true,
  ) {
    this.withFacts = wantFacts && factsFrom <= 0;
    this.untimed = untimedHeads;
    this.untimedHeads = untimedHeads;
  }

  /** Facts are read from this record on (offsets only grow: once on, it stays on). */
  private withFacts: boolean;

  /** FactOut: a catalogue entry's row values (read during `row`), and the drafts of the record `flush` reads. */
  readonly values: unknown[] = [];
  private readonly drafts: FactDraft[] = [];
  /** The last record source whose `[Name-Ver]` version was read, and that version. */
  private versionSource = '';
  private sourceVersion: string | undefined = undefined;
  /** The sink's layout id by RowLayout.index (-1: none yet). */
  private readonly layoutIds: number[] = [];
  private readonly ctx: MatchContext = { source: '', extension: undefined, extensionVersion: undefined };

  /** A catalogue entry's fact as values: a row of the sink's columns, with no draft object, where it keeps them. */
  row(layout: RowLayout): void {
    const sink = this.sink;
    if (sink.recordRow && sink.rowLayout) {
      let id = this.layoutIds[layout.index];
      if (id === undefined) id = this.layoutIds[layout.index] = sink.rowLayout(layout.sample);
      this.flushPending();
      if (sink.recordRow(id, this.values, this.cur.firstLen)) return;
    }
    this.emitAtLine(this.cur, draftOf(layout, this.values));
  }

  /** A catalogue entry's draft, as it comes (facts leave in the order the entries give them). */
  draft(d: FactDraft): void {
    this.drafts.push(d);
    if (d.kind === 'agent-version' && d.role === 'goal-state-agent') this.agentsNamed.add(d.version);
    this.emitAtLine(this.cur, d);
  }
  /** The goal-state agents this file's own lines name (catalogue entries): an event copy adds none of them again. */
  private readonly agentsNamed = new Set<string>();
  private firstFactLine = 0;

  line = (buf: Buffer, start: number, end: number, lineNo: number, offset: number, byteLength: number, cut: boolean): void => {
    if (cut && this.cutLines++ === 0) this.firstCutLine = lineNo;
    const h = this.head;
    const c = this.cur;
    // an untimed head is tried only on a line the timed reader rejected: in a file with no timed record before it any
    // level-led head; after one, only a full agent head (isFullUntimedHead) right after a record's head line or blank
    // lines — never inside a record's body (its [stdout]/[stderr] block, traceback, dump)
    if (
      readHead(buf, start, end, h) ||
      (this.untimed ? readUntimedHead(buf, start, end, h) : this.untimedHeads && this.active && !this.inBody && readUntimedHead(buf, start, end, h) && isFullUntimedHead(h))
    ) {
      if (this.untimed && h.era !== 'untimed') this.untimed = false;
      this.inBody = opensBlock(buf, start, end);
      this.leadIn = false;
      this.flush();
      if (!this.withFacts && this.wantFacts && offset >= this.factsFrom) {
        this.withFacts = true;
        this.firstFactLine = lineNo;
      }
      if (h.era === 'unknown' && this.unknownEra++ === 0) this.firstUnknownLine = lineNo;
      // per-extension and ExtHandler lines come from the goal-state agent: a local-time era bounds its version
      if (this.withFacts && (h.era === 'local-plain' || h.era === 'local-prefix') && (h.extension !== undefined || h.source === 'ExtHandler')) {
        this.eraLine = lineNo;
        this.eraTime = h.timeMs;
        this.eraMax = h.era === 'local-plain' ? '2.2.30' : '2.2.45';
        this.eraAt = { file: this.vmPath, line: lineNo, time: this.iso(h.timeMs), zone: 'local', text: '', textAt: { fileId: this.fileId, offset, length: Math.min(end - start, MSG_HEAD) } };
      }
      // one Current reused for every record: no per-record object besides the RecordInput handed over
      this.active = true;
      c.line = lineNo;
      c.lineCount = 1;
      c.offset = offset;
      c.end = offset + byteLength;
      c.timeMs = h.timeMs;
      c.zone = h.zone;
      c.level = h.level;
      c.source = h.source;
      c.thread = h.thread;
      c.extension = h.extension;
      // (what a fact reads is set only along with `firstLine`: a record that yields none left it as it was)
      if (c.firstLine !== null) clearFactFields(c);
      c.http = false;
      c.extOff = false;
      c.opensslText = null;
      if (!this.withFacts) return;
      const ms = h.msgStart;
      const dispatch = dispatchAt(buf, ms, end);
      const marks = this.markers.in(buf, ms, end);
      c.http = (marks & MARK_HTTP_FAILURE) !== 0;
      const disk = (marks & MARK_DISK_FULL) !== 0;
      c.extOff = (marks & MARK_EXTENSIONS_OFF) !== 0;
      if ((marks & MARK_TRACE_FRAME) !== 0) this.noteTrace(buf, start, end, lineNo);
      if ((marks & MARK_CRP_FAILURE) !== 0) this.noteCrp(buf, start, end, lineNo);
      if (dispatch !== null || c.http || disk || c.extOff) {
        const headEnd = Math.min(end, start + MSG_HEAD);
        c.firstLen = headEnd - start;
        c.message = buf.toString('utf8', ms, Math.min(end, ms + MSG_HEAD));
        c.dispatch = dispatch;
        // the line's text only where a fact quotes it (a full disk's, a decoded event's evidence): the others cite its bytes
        c.firstLine = '';
        if (disk) {
          c.firstLine = buf.toString('utf8', start, headEnd);
          c.diskLine = lineNo;
          c.diskText = c.firstLine;
        }
        if (buf[ms] * 256 + buf[ms + 1] === EVENT_KEY && c.message.startsWith('Event: ')) {
          c.event = [c.message.slice(7)];
          c.eventLen = c.event[0].length;
          if (!disk) c.firstLine = buf.toString('utf8', start, headEnd);
        }
      }
      return;
    }
    if (this.leadIn && !leadInLine(buf, start, end)) this.flush();
    if (!this.active) {
      // bytes before the first record (a truncated head, binary junk): keep them as a record of their own
      this.active = true;
      this.leadIn = leadInLine(buf, start, end);
      Object.assign(c, blank(), { line: lineNo, offset, end: offset + byteLength });
      if (!this.withFacts) return;
      const marks = this.markers.in(buf, start, end);
      if ((marks & MARK_TRACE_FRAME) !== 0) this.noteTrace(buf, start, end, lineNo);
      if ((marks & MARK_CRP_FAILURE) !== 0) this.noteCrp(buf, start, end, lineNo);
      // an excerpt that starts without a record head (`…ProtocolError: [HTTP Failed] GET http://168.63.129.16/…`):
      // its first line is read as a message
      const dispatch = dispatchAt(buf, start, end);
      if ((marks & (MARK_HTTP_FAILURE | MARK_DISK_FULL)) !== 0 || dispatch !== null) {
        const headEnd = Math.min(end, start + MSG_HEAD);
        c.firstLine = buf.toString('utf8', start, headEnd);
        c.firstLen = headEnd - start;
        c.message = c.firstLine;
        c.dispatch = dispatch;
        c.http = (marks & MARK_HTTP_FAILURE) !== 0;
        if ((marks & MARK_DISK_FULL) !== 0) {
          c.diskLine = lineNo;
          c.diskText = c.firstLine;
        }
      }
      return;
    }
    c.lineCount++;
    c.end = offset + byteLength;
    if (!this.inBody && !whiteOnly(buf, start, end)) this.inBody = true;
    if (!this.withFacts) return;
    const marks = this.markers.in(buf, start, end);
    if (!c.traceText && (marks & MARK_TRACE_FRAME) !== 0) this.noteTrace(buf, start, end, lineNo);
    else if (c.traceText !== null && c.excText === null) this.noteException(buf, start, end, lineNo);
    // a deployment error pasted as indented JSON has its verdict on a later line (`"message": "VM has reported …`)
    if (c.crpText === null && (marks & MARK_CRP_FAILURE) !== 0) this.noteCrp(buf, start, end, lineNo);
    if (c.event && c.eventLen < EVENT_TEXT_MAX) {
      const t = buf.toString('utf8', start, Math.min(end, start + (EVENT_TEXT_MAX - c.eventLen)));
      c.event.push(t);
      c.eventLen += t.length + 1;
      // the line that holds the failure is the proof, not the event's first line (`Reasons (first 5 errors): … [HTTP Failed] …`)
      if (c.httpText === null && (marks & MARK_HTTP_FAILURE) !== 0) {
        c.httpLine = lineNo;
        c.httpText = t;
      }
    }
    if (c.opensslText === null && (marks & MARK_OPENSSL_WHY) !== 0) c.opensslText = buf.toString('utf8', start, Math.min(end, start + 400));
    if (!c.diskText && (marks & MARK_DISK_FULL) !== 0) {
      c.diskLine = lineNo;
      c.diskText = buf.toString('utf8', start, Math.min(end, start + 1024));
      if (!c.firstLine) c.firstLine = '';
    }
  };

  /** Keeps the record's first line with the compute provider's verdict on an extension (read at flush). */
  private noteCrp(buf: Buffer, start: number, end: number, lineNo: number): void {
    const c = this.cur;
    if (c.crpText !== null) return;
    c.crpLine = lineNo;
    c.crpText = buf.toString('utf8', start, Math.min(end, start + 2000));
    if (c.firstLine === null) c.firstLine = '';
  }

  /** Keeps the first traceback frame of the record (a record with only continuation lines then yields facts too). */
  private noteTrace(buf: Buffer, start: number, end: number, lineNo: number): void {
    const c = this.cur;
    if (c.traceText) return;
    c.traceLine = lineNo;
    c.traceText = buf.toString('utf8', start, Math.min(end, start + 1024));
    if (c.firstLine === null) c.firstLine = '';
  }

  /** Keeps the line of the exception the record's traceback ends in, the first after its frame. */
  private noteException(buf: Buffer, start: number, end: number, lineNo: number): void {
    const t = buf.toString('utf8', start, Math.min(end, start + 1024));
    if (!EXCEPTION_LINE.test(t)) return;
    this.cur.excLine = lineNo;
    this.cur.excText = t;
  }

  /**
   * A traceback frame names the code that raised: `/var/lib/waagent/WALinuxAgent-2.2.53.1/…` or
   * `bin/WALinuxAgent-…-py2.7.egg/…` is the goal-state agent itself (its version); a handler's
   * directory means that handler's code crashed — a failed operation unless the record says the
   * command succeeded (2.3+ log a successful command's stderr too) or is an Event (read there).
   */
  private traceFacts(c: Current, drafts: readonly FactDraft[]): void {
    const text = c.traceText ?? '';
    const agent = /WALinuxAgent-(\d+(?:\.\d+)+)(?:-py\d|\/)/.exec(text);
    const at = this.evidence(c, text.trimEnd(), c.traceLine);
    // what raised is said by the exception line, where the excerpt holds it, not by the first frame
    const exc = c.excText !== null ? { text: c.excText.trim().replace(/^(?:ERROR|WARNING|INFO):\s*/, ''), at: this.evidence(c, c.excText.trimEnd(), c.excLine) } : undefined;
    if (agent) {
      this.emit({ kind: 'agent-version', role: 'goal-state-agent', version: agent[1] }, at, c.timeMs);
      return;
    }
    // 2.1+ install /usr/sbin/waagent as a ~40-line launcher; a frame deep inside it is the single-file 2.0.x agent
    const single = /\/usr\/sbin\/waagent", line (\d+)/.exec(text);
    if (single) {
      if (Number(single[1]) < 200) return;
      // the 2.0 agent logs the exception that stopped it (`ERROR:Exception: WriteToFolder:Too many file under
      // /var/lib/waagent/events exit`, Azure/WALinuxAgent#605): the release's line, with what it said. Not a crash:
      // the agent's next start is not in such an excerpt, and a journal copy that times it must not make it one
      this.emit({ kind: 'agent-version', role: 'goal-state-agent', version: '2.0', ...(exc ? { said: clipText(scrub(exc.text), 300) } : {}) }, exc?.at ?? at, c.timeMs);
      return;
    }
    const h = /\/var\/lib\/waagent\/([A-Za-z][\w.]*?)-(\d+(?:\.\d+)+)\//.exec(text);
    if (!h || c.event || drafts.some((d) => d.kind === 'extension-operation' && d.outcome === 'succeeded')) return;
    this.emit({ kind: 'extension-operation', handler: h[1], version: h[2], op: 'enable', outcome: 'failed', detail: clipText(`the handler's code raised: ${scrub((exc?.text ?? text).trim())}`, 300) }, exc?.at ?? at, c.timeMs);
  }

  private evidence(c: Current, text: string, line = c.line): Evidence {
    return { file: this.vmPath, line, time: this.iso(c.timeMs), zone: Number.isFinite(c.timeMs) ? c.zone : 'none', text: clipText(scrub(text), MAX_EVIDENCE) };
  }

  /**
   * Evidence for the record's first line with its text left in the file (`textAt`): a 500 MB log
   * yields millions of facts, and keeping every line's text in memory (and copying it out of parse
   * workers) would cost more than parsing it. The pipeline reads the text of the evidence that
   * reaches the result with `deferredEvidenceText`, which gives exactly `clipText(scrub(firstLine), MAX_EVIDENCE)`.
   */
  private lineEvidence(c: Current): Evidence {
    if (c.at) return c.at;
    c.at = {
      file: this.vmPath,
      line: c.line,
      time: this.iso(c.timeMs),
      zone: Number.isFinite(c.timeMs) ? c.zone : 'none',
      text: '',
      textAt: { fileId: this.fileId, offset: c.offset, length: c.firstLen },
    };
    return c.at;
  }

  /** ISO time of a record (one flat string, as every record with facts needs one). */
  private iso(ms: number): string | null {
    return Number.isFinite(ms) ? isoTime(ms) : null;
  }

  private emit(draft: FactDraft, at: Evidence, timeMs: number): void {
    // drafts are fresh objects from the catalogue builders: complete them in place (a spread per fact is costly)
    const fact = draft as Fact;
    const fields = fact as unknown as Record<string, unknown>;
    for (const k in fields) {
      const v = fields[k];
      // (V8 cuts a shorter string by copying: only longer ones can hold on to a line)
      if (typeof v === 'string' && v.length >= 13 && k !== 'kind' && k !== 'handler') fields[k] = this.strings.of(v);
    }
    fact.at = at;
    fact.timeMs = timeMs;
    if (fact.kind === 'extension-operation' && fact.outcome === 'started') {
      const p = this.pending;
      if (p && p.kind === 'extension-operation' && fact.seqNo !== undefined && p.handler === fact.handler && p.op === fact.op) {
        // `Executing command: …` completes the `Enable extension` start: one operation, with its seqNo
        this.pending = null;
        this.sink.fact(fact);
        return;
      }
      this.flushPending();
      if (fact.seqNo === undefined) {
        this.pending = fact;
        return;
      }
      this.sink.fact(fact);
      return;
    }
    this.flushPending();
    this.sink.fact(fact);
  }

  /**
   * A fact whose evidence is the record's first line: a row in the sink's columns when it keeps them (no
   * evidence object, no ISO time string, no fact object per record), else an object with `lineEvidence`.
   * An `Enable extension` start waits for its `Executing command:` line (`emit`), so it stays an object.
   */
  private emitAtLine(c: Current, draft: FactDraft): void {
    if (!this.sink.recordFact || (draft.kind === 'extension-operation' && draft.outcome === 'started')) {
      this.emit(draft, this.lineEvidence(c), c.timeMs);
      return;
    }
    this.flushPending();
    this.sink.recordFact(draft, c.firstLen);
  }

  private flushPending(): void {
    if (this.pending) this.sink.fact(this.pending);
    this.pending = null;
  }

  flush(): void {
    if (!this.active) return;
    this.active = false;
    const c = this.cur;
    // one RecordInput refilled for every record (the sink copies it): millions of records, no garbage
    const r = this.out;
    r.line = c.line;
    r.lineCount = c.lineCount;
    r.offset = c.offset;
    r.length = c.end - c.offset;
    r.timeMs = c.timeMs;
    r.zone = Number.isFinite(c.timeMs) ? c.zone : 'none';
    r.level = c.level;
    r.source = c.source;
    r.thread = c.thread;
    r.extension = c.extension;
    this.sink.record(r);
    if (!this.withFacts || c.firstLine === null) return;
    const t = c.timeMs;
    if (c.event) this.eventFacts(c);
    else if (c.message !== null) {
      // (a log repeats a few sources: the version of the last one is kept)
      if (c.source !== this.versionSource) {
        this.versionSource = c.source;
        this.sourceVersion = versionOfPrefix(c.source);
      }
      // (one context refilled: the catalogue reads it during the call only)
      const ctx = this.ctx;
      ctx.source = c.source;
      ctx.extension = c.extension;
      ctx.extensionVersion = this.sourceVersion;
      ctx.opensslLine = c.opensslText;
      // (heartbeats carry the goal-state agent version too; agent-health reads it from them, so the
      // facts here depend on nothing but the record itself and a file split into ranges gives the same facts)
      // (the evidence, its ISO time, only for a record that yields a fact; rows have none)
      const drafts = this.drafts;
      // (setting an array's length is a call even when it is 0 already)
      if (drafts.length !== 0) drafts.length = 0;
      matchMessageInto(c.message, ctx, this, c.dispatch);
      if (c.traceText !== null) this.traceFacts(c, drafts);
      if (c.crpText !== null && !drafts.some((d) => d.kind === 'extension-operation')) this.crpFact(c);
    } else {
      if (c.traceText !== null) this.traceFacts(c, []);
      if (c.crpText !== null) this.crpFact(c);
    }
    if (c.http && c.message !== null) this.httpFact(c);
    if (c.extOff && !c.event) this.emitAtLine(c, { kind: 'extensions-disabled', source: 'log-banner' });
    if (c.diskText !== null) {
      const at = this.evidence(c, c.diskText, c.diskLine);
      this.emit({ kind: 'disk-space', full: true, detail: clipText(scrub(c.diskText.trim()), 300) }, at, t);
    }
  }

  /** The compute provider's verdict on an extension, or the agent's it relays → a failed extension operation (deployment-error.ts, catalogue.ts). */
  private crpFact(c: Current): void {
    const text = c.crpText ?? '';
    const drafts = crpFailureDrafts(text, scrub);
    if (!drafts.length) {
      const verdict = agentVerdictDraft(text);
      if (verdict) drafts.push(verdict);
    }
    if (!drafts.length) return;
    const at = this.evidence(c, (c.crpText ?? '').trim(), c.crpLine);
    for (const d of drafts) this.emit(d, at, c.timeMs);
  }

  /** `[HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made` → connectivity. */
  private httpFact(c: Current): void {
    const msg = c.message ?? '';
    if (c.firstLine !== null) httpFailure(msg, this);
    else this.emit(httpDraft(msg), this.evidence(c, msg), c.timeMs);
  }

  /**
   * The facts of an Event record. An agent repeats a few event texts (a failing handler's every few seconds): the drafts
   * of the last few whose facts all cite the record's first line (no decoded message) are kept by their text, level and
   * HTTP mark (all that the facts depend on) and given again, copied, to a record that repeats them.
   */
  private eventFacts(c: Current): void {
    const text = (c.event ?? []).join('\n');
    const events = this.recentEvents;
    for (let r = 0; r < events.length; r++) {
      const e = events[r];
      if (e.text !== text || e.level !== c.level || e.http !== c.http) continue;
      for (let k = 0; k < e.drafts.length; k++) this.emitAtLine(c, { ...e.drafts[k] } as FactDraft);
      return;
    }
    const kept: FactDraft[] | null = text.length <= EVENT_KEPT_LENGTH ? [] : null;
    if (!this.readEvent(c, text, kept) || kept === null) return;
    events[this.nextEvent] = { text, level: c.level, http: c.http, drafts: kept };
    this.nextEvent = (this.nextEvent + 1) % RECENT_EVENTS;
  }
  private readonly recentEvents: { text: string; level: RecordHead['level']; http: boolean; drafts: readonly FactDraft[] }[] = [];
  private nextEvent = 0;

  /** `eventFacts` read from the text; the drafts cited at the first line copied to `kept`. False where a fact has evidence of its own. */
  private readEvent(c: Current, text: string, kept: FactDraft[] | null): boolean {
    const ev = parseEvent(text);
    const first = c.firstLine ?? '';
    if (!ev) {
      const d: FactDraft = { kind: 'agent-event', name: '', op: '', message: clipText(scrub(text), 2000), decoded: false };
      kept?.push({ ...d } as FactDraft);
      this.emitAtLine(c, d);
      return true;
    }
    const message = scrub(ev.message);
    // the evidence of a decoded event is not the line as written: its own object; otherwise the record's first line
    const at = ev.decoded ? this.evidence(c, `${first} [decoded: ${message.replace(/\s+/g, ' ').trim()}]`) : null;
    const emit = (d: FactDraft): void => {
      if (at) return this.emit(d, at, c.timeMs);
      // (a copy: emit completes the draft in place)
      kept?.push({ ...d } as FactDraft);
      this.emitAtLine(c, d);
    };
    emit({ kind: 'agent-event', name: ev.name, op: ev.op, message: clipText(message, 2000), ...(ev.durationMs !== undefined ? { durationMs: ev.durationMs } : {}), decoded: ev.decoded });
    // an HTTP failure on an event's first line is read with the record (`httpFact`); one on a continuation line too:
    // the telemetry sender reports the events it could not POST as one event, its HTTP failures as the reasons
    // (`op=ReportEventErrors, message=DroppedEventsCount: 1` / `Reasons (first 5 errors): [ProtocolError] [Wireserver
    // Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine -- IOError timed out`, common/event.py),
    // failures logged nowhere else
    let own = false;
    if (!c.http && httpFailureAt(message) >= 0) {
      if (c.httpText !== null) {
        own = true;
        this.emit(httpDraft(message), this.evidence(c, c.httpText.trimEnd(), c.httpLine), c.timeMs);
      } else emit(httpDraft(message));
    }
    // up to 2.2.17 the monitor thread of the goal-state agent names its events after itself (`name=CURRENT_AGENT`):
    // `Event: name=WALinuxAgent-2.2.10, op=HeartBeat`, the running agent's version where no start line is kept
    const self = /^WALinuxAgent-(\d+(?:\.\d+)+)$/.exec(ev.name);
    if (self) emit({ kind: 'agent-version', role: 'goal-state-agent', version: self[1] });
    // the daemon's failed launch (op=Enable) and the restart note (op=Restart) name the goal-state agent in their event
    // copies as their lines do (catalogue.ts launched-failed, agent-not-terminated-cleanly-old): a log filtered to errors
    // holds only the copies (PR #563's 2.2.2); where a line names it, the line is its version's evidence
    else if (ev.name === 'WALinuxAgent' && (ev.op === 'Enable' || ev.op === 'Restart')) {
      const named = ev.op === 'Enable' ? launchFailure(message)?.version : uncleanVersion(message);
      if (named && !this.agentsNamed.has(named)) {
        this.agentsNamed.add(named);
        emit({ kind: 'agent-version', role: 'goal-state-agent', version: named });
      }
    }
    // 2.2.14–2.2.30 log this (successful) event, once a new goal state was fetched and processed (ga/update.py: only
    // when exthandlers_handler.last_etag changed, which a failed fetch leaves as it was); from 2.2.31 the agent
    // writes "ProcessGoalState completed [incarnation N; N ms]" instead and logs only failed events
    if (ev.name === 'WALinuxAgent' && ev.op === 'ProcessGoalState' && c.level !== 'error' && c.level !== 'warning') {
      // (2.2.14–2.2.19: no message; from 2.2.20: `message=Incarnation N`)
      const inc = /^(?:Incarnation (\d+))?\s*$/.exec(message);
      if (inc) emit({ kind: 'goal-state', event: 'processing-completed', ...(inc[1] ? { id: `incarnation_${inc[1]}`, incarnation: Number(inc[1]) } : {}), ...(ev.durationMs !== undefined ? { durationMs: ev.durationMs } : {}) });
    }
    // 2.2.x reports some handler errors with op=None (`[ExtensionError] Downgrade not allowed`): the enable the goal state asked for failed
    const op = opOf(ev.op) ?? (/^(?:None)?$/.test(ev.op) && /^\[Extension\w*Error\]/.test(message) ? 'enable' : undefined);
    if (op && ev.name && ev.name !== 'WALinuxAgent') {
      const exit = /Non-zero exit code: (-?\d+)/.exec(message);
      const timedOut = /\bTimeout\(|timed out/i.test(message);
      // the agent logs a handler's event at INFO when it succeeded and at ERROR when it did not (common/event.py
      // _log_event, every agent since 2.2.0): `op=Download, message=Download succeeded` is no failure
      emit({
        kind: 'extension-operation',
        handler: ev.name,
        op,
        outcome: c.level === 'info' ? 'succeeded' : timedOut ? 'timed-out' : 'failed',
        ...(exit ? { exitCode: Number(exit[1]) } : {}),
        detail: clipText(message.split('\n')[0], 300),
        ...(ev.durationMs ? { durationMs: ev.durationMs } : {}),
      });
    }
    else if (ev.name && ev.name !== 'WALinuxAgent') {
      // extension sequencing (op=ExtensionProcessing): the extension another one waits on failed or
      // never finished, so the rest of the goal state (the Backup extension too) is not processed
      const dep = /Dependent Extension (\S+) did not (reach a terminal state|succeed)|execution of dependent extension (\S+) failed/.exec(message);
      if (dep) {
        const handler = (dep[1] ?? dep[3]).replace(/[.,]$/, '');
        emit({ kind: 'extension-operation', handler, op: 'enable', outcome: dep[2]?.startsWith('reach') ? 'timed-out' : 'failed', detail: clipText(message.split('\n')[0], 300) });
      }
    }
    if (/extension processing is disabled/i.test(message)) emit({ kind: 'extensions-disabled', source: 'log-event' });
    if (/Failed to decrypt|Certificate .* is missing/i.test(message)) emit({ kind: 'certificate-problem', detail: clipText(message.split('\n')[0], 300) });
    return at === null && !own;
  }

  finish(): void {
    this.flush();
    this.flushPending();
    if (this.eraLine) {
      const detail = `records of the goal-state agent use the VM-local timestamp format of agents ${this.eraMax === '2.2.30' ? '2.2.0–2.2.30' : '2.2.31–2.2.45'}`;
      this.sink.fact({
        kind: 'agent-era',
        maxVersion: this.eraMax,
        detail,
        at: this.eraAt ?? { file: this.vmPath, line: this.eraLine, time: null, zone: 'none', text: detail },
        timeMs: this.eraTime,
      });
    }
    // (a range of a split log that lies wholly before the window says nothing: the range that holds its start says it)
    if (this.wantFacts && this.factsFrom > 0 && this.firstFactLine) {
      this.sink.warn(msg('parse.fact-window'), this.firstFactLine);
    }
    if (this.unknownEra > 0)
      this.sink.warn(msg('parse.unknown-timestamps', { count: this.unknownEra }), this.firstUnknownLine);
    if (this.cutLines > 0)
      this.sink.warn(msg('parse.long-lines', { count: this.cutLines }), this.firstCutLine);
  }
}

async function read(input: Parameters<Parser>[0], sink: ParseSink, withFacts: boolean): Promise<void> {
  const reader = new WaagentLogReader(input.file.vmPath, input.file.id, sink, withFacts, input.factsFrom ?? 0);
  try {
    const lines = await forEachLine(input.content, reader.line, input.signal);
    sink.lines?.(lines);
  } catch (e) {
    if (input.signal?.aborted) throw e;
    sink.warn(msg('parse.stopped-early', { error: (e as Error).message }));
  }
  reader.finish();
}

/** The agent's record reader fed by another log that relays its records (system/relayed-agent.ts). */
export interface AgentLineReader {
  line: LineVisitor;
  finish(): void;
}

/**
 * Reads the agent's records that syslog or the journal relayed, given each line from where the agent's own text
 * starts (offsets and line numbers in the relaying file): the same facts as from waagent.log, marked relayed
 * (parse-files keeps them only where no waagent.log covers their time). The relaying log keeps its own records
 * and warnings. `excerpt(line)` tells the lines of a `systemctl status` block and `quoted(line)` the lines quoted
 * without their syslog header (the heartbeats of both end no gap: they are a few lines of the log, not all of it).
 */
export function relayedAgentReader(vmPath: string, fileId: number, sink: ParseSink, factsFrom = 0, excerpt?: (line: number) => boolean, quoted?: (line: number) => boolean): AgentLineReader {
  const facts: ParseSink = {
    record: () => undefined,
    fact: (f) => {
      const shown = excerpt?.(f.at.line) ?? false;
      if ((shown || quoted?.(f.at.line)) && f.kind === 'agent-heartbeat') f.excerpt = true;
      sink.fact(markRelayed(f, shown));
    },
    warn: () => undefined,
  };
  // (the agent writes every record to stdout with its time: an untimed line behind a relay's tag is another program's)
  const reader = new WaagentLogReader(vmPath, fileId, facts, true, factsFrom, false);
  return { line: reader.line, finish: () => reader.finish() };
}

/** /var/log/waagent.log (and its rotations): records and facts. */
export const parseWaagentLog: Parser = (input, sink) => read(input, sink, true);

/**
 * /var/log/azure/<Handler>/CommandExecution.log: the same per-extension records the agent also writes
 * to waagent.log, so it yields records only (facts from both files would count every operation twice).
 */
export const parseCommandExecutionLog: Parser = (input, sink) => read(input, sink, false);
