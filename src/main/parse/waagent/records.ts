import type { LogLevel, TimeZoneKnowledge } from '../../../shared';
import { bytesAt, int32At, isDigit, viewOf } from '../bytes';

/**
 * Record-start detection for /var/log/waagent.log (docs/formats.md "waagent.log").
 *
 * Every era is decided from fixed byte positions before anything is decoded, because this runs on
 * every physical line of logs that reach 500 MB:
 *   - `2021-05-28T01:17:40.683072Z LEVEL [thread] [prefix] msg`  (2.2.46+, UTC)
 *   - `2021/03/30 19:35:35.971742 LEVEL [prefix] msg`            (2.2.0–2.2.45, VM local time)
 *   - `2021/03/30 19:45:31 [WARNING:|ERROR:][[Name-Ver] ]msg`    (foreign waagent-2.0 library, local, no level)
 * Any other line continues the previous record (tracebacks, `[stdout]` blocks, JSON dumps).
 */

export type Era =
  /** 2.2.0–2.2.30: local time, no prefix (or a per-extension `[Name-Ver]` prefix). */
  | 'local-plain'
  /** 2.2.31–2.2.45: local time with `Daemon` / `ExtHandler` / `[Name-Ver]` prefix. */
  | 'local-prefix'
  /** 2.2.46: UTC, prefix but no thread (indistinguishable from a thread-only 2.13+ line; both read the same). */
  | 'utc-prefix'
  /** 2.2.47+: UTC with thread, with or without prefix. */
  | 'utc-thread'
  /** waagent-2.0 library lines written by extensions: local, seconds only, no level. */
  | 'foreign'
  /** A timestamp we recognise followed by something we do not (counted and warned about once). */
  | 'unknown'
  /** A record posted without its timestamp (`WARNING ExtHandler Monitor: …`): its level and the rest as written, no time. */
  | 'untimed';

/** Filled in place for each record start (no allocation on the hot path except interned tokens). */
export interface RecordHead {
  era: Era;
  timeMs: number;
  zone: TimeZoneKnowledge;
  level: LogLevel;
  source: string;
  thread: string | undefined;
  extension: string | undefined;
  /** Buffer index where the message starts. */
  msgStart: number;
}

export function newHead(): RecordHead {
  return { era: 'unknown', timeMs: NaN, zone: 'none', level: 'unknown', source: 'agent', thread: undefined, extension: undefined, msgStart: 0 };
}

function digits(buf: Buffer, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[i + k];
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
  }
  return v;
}

/**
 * `YYYY?MM?DD?HH:MM:SS` at `s` with the given date separator and date/time separator → epoch ms (wall clock as UTC).
 * `buf` holds at least 20 bytes from `s` (readHead checked).
 */
function clock(buf: Buffer, s: number, dateSep: number, mid: number): number {
  // records of one minute share their first 16 bytes (`YYYY-MM-DDTHH:MM`): when they equal the last minute read, only
  // the seconds are read (four 4-byte compares for the ~19 bytes read and checked otherwise). The separators the
  // caller asks for follow from those bytes (readHead: the era from byte 4, `mid` from byte 10), so equal bytes were
  // checked as this call would check them.
  const v = viewOf(buf);
  if (v.getInt32(s + 12) === minuteWords[3] && v.getInt32(s + 8) === minuteWords[2] && v.getInt32(s + 4) === minuteWords[1] && v.getInt32(s) === minuteWords[0]) {
    if (buf[s + 16] !== 0x3a) return NaN;
    const sec = digits(buf, s + 17, 2);
    return sec < 0 || sec > 60 ? NaN : minuteMs + sec * 1000;
  }
  if (buf[s + 4] !== dateSep || buf[s + 7] !== dateSep || buf[s + 10] !== mid || buf[s + 13] !== 0x3a || buf[s + 16] !== 0x3a) return NaN;
  const h = digits(buf, s + 11, 2);
  const mi = digits(buf, s + 14, 2);
  const sec = digits(buf, s + 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return NaN;
  // consecutive lines share their date (the digits around the separators): read and Date.UTC once per day, not per line
  const day = lastDay;
  if (buf[s + 9] !== day[9] || buf[s + 8] !== day[8] || buf[s + 6] !== day[6] || buf[s + 5] !== day[5] || buf[s + 3] !== day[3] || buf[s + 2] !== day[2] || buf[s + 1] !== day[1] || buf[s] !== day[0]) {
    const y = digits(buf, s, 4);
    const mo = digits(buf, s + 5, 2);
    const d = digits(buf, s + 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
    for (let k = 0; k < 10; k++) day[k] = buf[s + k];
    lastDayMs = Date.UTC(y, mo - 1, d);
  }
  minuteMs = lastDayMs + h * 3_600_000 + mi * 60_000;
  for (let k = 0; k < 4; k++) minuteWords[k] = v.getInt32(s + 4 * k);
  return minuteMs + sec * 1000;
}
/** The date bytes `clock` read last (its separators are not compared: they were checked), and its day's epoch ms. */
const lastDay = new Uint8Array(10);
let lastDayMs = 0;
/**
 * The first 16 bytes of the last time `clock` accepted, as four `getInt32` words, and the epoch ms of its minute. (No
 * time starts with four zero bytes: the words it starts with never equal a line that `readHead` let through.)
 */
const minuteWords = new Int32Array(4);
let minuteMs = 0;

/** Fractional seconds at `i` (any number of digits) → whole ms (the first three digits); the index after them in `fractionEnd`. */
function fraction(buf: Buffer, i: number, end: number): number {
  // the agent writes six digits (microseconds): two 4-byte reads check them, and the byte after them is no digit
  if (i + 7 <= end) {
    const v = viewOf(buf);
    if (fourDigits(v.getInt32(i)) && fourDigits(v.getInt32(i + 2)) && !isDigit(buf[i + 6])) {
      fractionEnd = i + 6;
      return (buf[i] - 0x30) * 100 + (buf[i + 1] - 0x30) * 10 + (buf[i + 2] - 0x30);
    }
  }
  let j = i;
  let ms = 0;
  while (j < end && isDigit(buf[j])) {
    if (j - i < 3) ms = ms * 10 + (buf[j] - 0x30);
    j++;
  }
  fractionEnd = j;
  const n = j - i;
  return n >= 3 ? ms : n === 2 ? ms * 10 : ms * 100;
}
/** Whether the four bytes of a `getInt32` word are ASCII digits (each 0x30–0x39: 0x36–0x3f once 6 is added to it, no carry). */
const fourDigits = (x: number): boolean => (x & 0xf0f0f0f0) === 0x30303030 && ((x + 0x06060606) & 0xf0f0f0f0) === 0x30303030;
/** Where the digits `fraction` read last end (no array made per line to return it). */
let fractionEnd = 0;

const LEVEL_WORDS: readonly Buffer[] = ['INFO ', 'ERROR ', 'WARNING ', 'VERBOSE '].map((w) => Buffer.from(w));
/** Each level word's first four bytes as `getInt32` reads them (`levelAt`). */
const LEVEL_INTS: readonly number[] = LEVEL_WORDS.map((w) => int32At(w, 0));
const LEVEL_OF: readonly LogLevel[] = ['info', 'error', 'warning', 'verbose'];
/** The level `levelAt` found last. */
let levelFound: LogLevel = 'unknown';

/**
 * Matches a level word followed by a space at `i`: the index after the space, with the level in `levelFound`; -1 when
 * none (no array made per line: this runs on every record start).
 */
function levelAt(buf: Buffer, i: number, end: number): number {
  const c = buf[i];
  const w = c === 0x49 ? 0 : c === 0x45 ? 1 : c === 0x57 ? 2 : c === 0x56 ? 3 : -1;
  if (w < 0) return -1;
  const word = LEVEL_WORDS[w];
  const n = word.length;
  if (i + n > end || viewOf(buf).getInt32(i) !== LEVEL_INTS[w]) return -1;
  for (let k = 4; k < n; k++) if (buf[i + k] !== word[k]) return -1;
  levelFound = LEVEL_OF[w];
  return i + n;
}

/** Interned tokens: the same few thread/prefix names repeat millions of times; decode each once. */
const tokenCache = new Map<number, string[]>();
function token(buf: Buffer, s: number, e: number): string {
  const len = e - s;
  if (len > 200) return buf.toString('latin1', s, e);
  // cheap hash of length + a few bytes selects a short bucket; bytes are compared exactly
  const key = len * 65599 + buf[s] * 257 + buf[e - 1] + buf[s + (len >> 1)] * 31;
  let bucket = tokenCache.get(key);
  if (bucket) {
    for (const t of bucket) {
      if (t.length !== len) continue;
      let ok = true;
      for (let k = 0; k < len; k++) {
        if (t.charCodeAt(k) !== buf[s + k]) {
          ok = false;
          break;
        }
      }
      if (ok) return t;
    }
  } else if (tokenCache.size < 4096) tokenCache.set(key, (bucket = []));
  const t = buf.toString('latin1', s, e);
  if (bucket && bucket.length < 16) bucket.push(t);
  return t;
}

function wordEnd(buf: Buffer, i: number, end: number): number {
  let j = i;
  while (j < end && buf[j] !== 0x20) j++;
  return j;
}

/** `Daemon`, `ExtHandler`, `LogCollector`, `Firewall` or a bracketed `[Handler-Version]`. */
function isPrefix(buf: Buffer, s: number, e: number): boolean {
  const len = e - s;
  if (len >= 3 && buf[s] === 0x5b && buf[e - 1] === 0x5d) return true;
  const t = len === 6 || len === 8 || len === 10 || len === 12 ? token(buf, s, e) : '';
  return t === 'Daemon' || t === 'ExtHandler' || t === 'LogCollector' || t === 'Firewall';
}

/** Thread names are identifiers such as `ExtHandler`, `MonitorHandler`, `MainThread`, `TelemetryEventsCollector`, `Thread-3`. */
function isThread(buf: Buffer, s: number, e: number): boolean {
  if (e - s < 4 || e - s > 48) return false;
  const t = token(buf, s, e);
  return t === 'Daemon' || t === 'Firewall' || /^(?:[A-Z][A-Za-z]*(?:Handler|Thread|Collector)|(?:Thread|Dummy)-\d+)$/.test(t);
}

/** `[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0]` → `Microsoft.Azure.RecoveryServices.VMSnapshotLinux`. */
export function handlerOfPrefix(prefix: string): string | undefined {
  if (prefix.length < 3 || prefix[0] !== '[') return undefined;
  const inner = prefix.slice(1, -1);
  const m = /^(.+?)-(\d+(?:\.\d+)*)$/.exec(inner);
  return m ? m[1] : inner;
}

const extCache = new Map<string, string | undefined>();
function extensionOf(prefix: string): string | undefined {
  if (extCache.has(prefix)) return extCache.get(prefix);
  const h = handlerOfPrefix(prefix);
  if (extCache.size < 4096) extCache.set(prefix, h);
  return h;
}

/**
 * What the two words after the level decided, by their bytes: a log repeats a handful of
 * `thread prefix` pairs (`ExtHandler ExtHandler`, `MonitorHandler ExtHandler`, `ExtHandler [Name-Ver]`)
 * millions of times, so the words are compared, not read again.
 */
interface HeadWords {
  bytes: Buffer;
  /** `bytes` as `getInt32` words (the last `bytes.length % 4` bytes are compared one by one). */
  ints: Int32Array;
  era: Era;
  source: string;
  thread: string | undefined;
  extension: string | undefined;
  /** msgStart − the first word's start. */
  msgRel: number;
}
const headWords = new Map<number, HeadWords>();

/**
 * The `headWords` entries the last record starts used (the map's: what the map gives for the same bytes), tried in
 * turn before the words are scanned: a log interleaves a few heads (`ExtHandler ExtHandler`, `MonitorHandler
 * ExtHandler`, a handler's `ExtHandler [Name-Ver]`), and a compare that fails does so within a few bytes.
 */
const recentWords: HeadWords[] = [];
/** (an agent's log interleaves more heads than four: its threads, and a handler's prefix for each of its extensions) */
const RECENT_WORDS = 8;
let nextRecent = 0;

function useWords(known: HeadWords, p: number, h: RecordHead): void {
  h.era = known.era;
  h.source = known.source;
  h.thread = known.thread;
  h.extension = known.extension;
  h.msgStart = p + known.msgRel;
}

/** `useWords` of an entry found by its words' scan, kept among the recent ones. */
function useNewWords(known: HeadWords, p: number, h: RecordHead): void {
  useWords(known, p, h);
  recentWords[nextRecent] = known;
  nextRecent = (nextRecent + 1) % RECENT_WORDS;
}

/** Whether `w`'s words stand at `buf[p]`, followed by a space before `end` (the message after them). */
function wordsAt(buf: Buffer, v: DataView, p: number, end: number, w: HeadWords): boolean {
  const b = w.bytes;
  const n = b.length;
  if (p + n >= end || buf[p + n] !== 0x20) return false;
  const ints = w.ints;
  // (the last word first: heads share their start, `ExtHandler [Microsoft.Azure.`)
  for (let k = ints.length - 1; k >= 0; k--) if (v.getInt32(p + 4 * k) !== ints[k]) return false;
  for (let k = ints.length * 4; k < n; k++) if (buf[p + k] !== b[k]) return false;
  return true;
}

function headWordsOf(bytes: Buffer, h: RecordHead, p: number): HeadWords {
  const ints = new Int32Array(bytes.length >> 2);
  for (let k = 0; k < ints.length; k++) ints[k] = int32At(bytes, 4 * k);
  return { bytes, ints, era: h.era, source: h.source, thread: h.thread, extension: h.extension, msgRel: h.msgStart - p };
}

/** Reads thread/prefix after the level for the UTC eras. */
function utcRest(buf: Buffer, p: number, end: number, h: RecordHead): void {
  // a recent record's two words again, then a space and more (the message): what the lookup below would find
  const v = viewOf(buf);
  for (let r = 0; r < recentWords.length; r++) {
    const w = recentWords[r];
    if (wordsAt(buf, v, p, end, w)) return useWords(w, p, h);
  }
  const e1 = wordEnd(buf, p, end);
  if (e1 === p || e1 >= end) {
    h.era = 'utc-thread';
    h.msgStart = p;
    return;
  }
  const p2 = e1 + 1;
  const e2 = wordEnd(buf, p2, end);
  // (only two words followed by a message: then where the message starts depends on nothing else)
  if (e2 >= end || e2 - p > 200) return readWords(buf, p, e1, p2, e2, end, h);
  const key = (e2 - p) * 65599 + buf[p] * 257 + buf[e2 - 1] + buf[p2] * 31;
  const known = headWords.get(key);
  if (known && e2 - p === known.bytes.length && bytesAt(buf, p, e2, known.bytes)) return useNewWords(known, p, h);
  readWords(buf, p, e1, p2, e2, end, h);
  if (!known && headWords.size < 4096) {
    const words = headWordsOf(Buffer.from(buf.subarray(p, e2)), h, p);
    headWords.set(key, words);
    recentWords[nextRecent] = words;
    nextRecent = (nextRecent + 1) % RECENT_WORDS;
  }
}

function readWords(buf: Buffer, p: number, e1: number, p2: number, e2: number, end: number, h: RecordHead): void {
  if (isPrefix(buf, p, e1) && buf[p] !== 0x5b) {
    // `ExtHandler ExtHandler msg` (thread + prefix) or `ExtHandler msg` (2.2.46 prefix, or 2.13+ thread only)
    if (e2 > p2 && isPrefix(buf, p2, e2)) return setPrefix(buf, h, 'utc-thread', token(buf, p, e1), p2, e2, end);
    h.era = 'utc-prefix';
    h.source = token(buf, p, e1);
    h.msgStart = p2;
    return;
  }
  if (buf[p] === 0x5b && isPrefix(buf, p, e1)) return setPrefix(buf, h, 'utc-prefix', undefined, p, e1, end);
  if (isThread(buf, p, e1)) {
    if (e2 > p2 && isPrefix(buf, p2, e2)) return setPrefix(buf, h, 'utc-thread', token(buf, p, e1), p2, e2, end);
    h.era = 'utc-thread';
    h.thread = token(buf, p, e1);
    h.source = h.thread;
    h.msgStart = p2;
    return;
  }
  // a 2.2.46 record without prefix (CLI invocations): the message starts right after the level
  h.era = 'utc-prefix';
  h.msgStart = p;
}

function setPrefix(buf: Buffer, h: RecordHead, era: Era, thread: string | undefined, s: number, e: number, end: number): void {
  h.era = era;
  h.thread = thread;
  const prefix = token(buf, s, e);
  h.source = prefix;
  if (prefix[0] === '[') h.extension = extensionOf(prefix);
  h.msgStart = Math.min(end, e + 1);
}

/**
 * Decides whether `buf[start, end)` starts a record; fills `h` and returns true if so.
 * Never throws; a line it does not recognise is a continuation.
 */
export function readHead(buf: Buffer, start: number, end: number, h: RecordHead): boolean {
  if (end - start < 20 || !isDigit(buf[start]) || !isDigit(buf[start + 3])) return false;
  const sep = buf[start + 4];
  h.thread = undefined;
  h.extension = undefined;
  h.source = 'agent';
  h.level = 'unknown';
  if (sep === 0x2d) {
    // ISO: 2021-05-28T01:17:40.683072Z
    const mid = buf[start + 10];
    const base = clock(buf, start, 0x2d, mid === 0x20 ? 0x20 : 0x54);
    if (Number.isNaN(base)) return false;
    let i = start + 19;
    let ms = 0;
    if (buf[i] === 0x2e) {
      ms = fraction(buf, i + 1, end);
      i = fractionEnd;
    }
    h.timeMs = base + ms;
    if (buf[i] === 0x5a) {
      h.zone = 'utc';
      i++;
    } else h.zone = 'local';
    if (buf[i] !== 0x20) {
      h.era = 'unknown';
      h.msgStart = Math.min(i, end);
      return true;
    }
    i++;
    const lv = levelAt(buf, i, end);
    if (lv < 0 || h.zone !== 'utc') {
      h.era = 'unknown';
      h.msgStart = i;
      return true;
    }
    h.level = levelFound;
    utcRest(buf, lv, end, h);
    return true;
  }
  if (sep === 0x2f) {
    // 2021/03/30 19:35:35.971742 (agent ≤2.2.45) or 2021/03/30 19:45:31 (waagent-2.0 library)
    const base = clock(buf, start, 0x2f, 0x20);
    if (Number.isNaN(base)) return false;
    h.zone = 'local';
    let i = start + 19;
    let ms = 0;
    const micro = buf[i] === 0x2e;
    if (micro) {
      ms = fraction(buf, i + 1, end);
      i = fractionEnd;
    }
    h.timeMs = base + ms;
    if (buf[i] !== 0x20) {
      if (i < end) return false;
      h.era = micro ? 'local-plain' : 'foreign';
      h.msgStart = end;
      return true;
    }
    i++;
    const lv = levelAt(buf, i, end);
    if (lv >= 0) {
      h.level = levelFound;
      const p = lv;
      const e1 = wordEnd(buf, p, end);
      if (e1 > p && isPrefix(buf, p, e1)) setPrefix(buf, h, 'local-prefix', undefined, p, e1, end);
      else {
        h.era = 'local-plain';
        h.msgStart = p;
      }
      // 2.2.0–2.2.30 per-extension lines carry a bracketed prefix but no Daemon/ExtHandler logger name
      if (h.era === 'local-prefix' && h.source[0] === '[') h.era = 'local-plain';
      return true;
    }
    if (micro) {
      h.era = 'unknown';
      h.msgStart = i;
      return true;
    }
    // foreign waagent-2.0 logger: optional WARNING:/ERROR: marker, optional [Name-Ver]
    h.era = 'foreign';
    h.level = 'info';
    h.source = 'extension';
    if (buf[i] === 0x57 && buf.toString('latin1', i, Math.min(end, i + 8)) === 'WARNING:') {
      h.level = 'warning';
      i += 8;
      if (buf[i] === 0x20) i++;
    } else if (buf[i] === 0x45 && buf.toString('latin1', i, Math.min(end, i + 6)) === 'ERROR:') {
      h.level = 'error';
      i += 6;
      if (buf[i] === 0x20) i++;
    }
    if (buf[i] === 0x5b) {
      const close = buf.indexOf(0x5d, i);
      if (close > i && close < end && close - i < 200) {
        const prefix = token(buf, i, close + 1);
        h.source = prefix;
        h.extension = extensionOf(prefix);
        i = close + 1;
        if (buf[i] === 0x20) i++;
      }
    }
    h.msgStart = Math.min(i, end);
    return true;
  }
  return false;
}

/**
 * A record start posted without its timestamp, as support threads quote the agent's lines (`WARNING ExtHandler
 * Monitor: failed to update cgroups tracked extensions: …`, Azure/WALinuxAgent#1390; `INFO [Name-Ver] Target handler
 * state: enabled`, #1586): the level word, then what follows it in any era (thread, prefix, message). Fills `h` with
 * no time (never a guessed one). Only for lines `readHead` rejected, and only where the caller decided that the
 * file's records are untimed: in a timed log such a line is an extension's output (a continuation).
 */
export function readUntimedHead(buf: Buffer, start: number, end: number, h: RecordHead): boolean {
  if (end - start < 6) return false;
  const lv = levelAt(buf, start, end);
  if (lv < 0 || lv >= end || buf[lv] === 0x20) return false;
  h.thread = undefined;
  h.extension = undefined;
  h.source = 'agent';
  h.level = levelFound;
  utcRest(buf, lv, end, h);
  h.era = 'untimed';
  h.timeMs = NaN;
  h.zone = 'none';
  return true;
}

/** A bracketed handler prefix as the agent writes it: `[Publisher.Type-1.2.3]`. */
const HANDLER_PREFIX = /^\[[A-Za-z]\w*(?:\.\w+)+-\d+(?:\.\d+)*\]$/;

/**
 * Whether an untimed head `readUntimedHead` filled names the agent's logger: `Daemon`, `ExtHandler`, `LogCollector`,
 * `Firewall` (with or without a thread before it) or a `[Publisher.Type-version]` prefix. Only such a full head starts a
 * record after a timed one: a level word alone, or followed by a thread only, is as likely an extension's output.
 */
export function isFullUntimedHead(h: RecordHead): boolean {
  const s = h.source;
  return s === 'ExtHandler' || s === 'Daemon' || s === 'LogCollector' || s === 'Firewall' || (s[0] === '[' && HANDLER_PREFIX.test(s));
}
