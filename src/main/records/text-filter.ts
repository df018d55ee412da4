import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { DiskFileContent, type FileContent } from '../ingest/content';
import { lastIndexAtOrBefore } from '../../shared/sorted';
import { escapeRegExp } from '../../shared/regexp';

/*
 * The log view's text filter over millions of records. The text of a record lives in its file, so the
 * filter reads each file's bytes in spans and searches a span as one latin1 string (one char per byte:
 * positions are byte offsets, no UTF-8 decoding, no string per record); a match is mapped to its record
 * by offset. 2.7 M records / 430 MB: 4.2 s with a string per record and a Set of hits, now a fraction
 * of a second (docs/PERFORMANCE.md).
 */

/** Only a record's first bytes are searched (a giant record is shown cut too). */
export const MAX_TEXT = 256 * 1024;
/** Bytes read and searched at once; between spans the worker answers other requests and checks cancel. */
const SPAN = 2 << 20;
/**
 * A candidate this far past the previous one starts a new span (sparse candidates: read less). A read of
 * the page cache costs microseconds, 32 KB more of copying about as much.
 */
export const GAP = 32 * 1024;

/** Where the text of a record that starts at `offset` and is `length` bytes long is read to: cut at MAX_TEXT. */
export const textEnd = (offset: number, length: number): number => offset + Math.min(length, MAX_TEXT);

/**
 * The one rule by which the texts of a file's records (in offset order) are read together: a record whose text is
 * [start, end) joins the span [from, to) of the ones before it when it starts at most GAP past the span's end and the
 * span stays at most `max` bytes long. RecordStore.firstLines and the text filter read by it; KeptSpans keeps what
 * it reads (with no `max`: a longer span kept is read in pieces within it).
 */
export const joinsSpan = (from: number, to: number, start: number, end: number, max = Infinity): boolean => start - to <= GAP && end - from <= max;

/** Bytes decoded into one string (below V8's large-object size). */
const CHUNK = 120 * 1024;
/** Candidates this far apart are searched in strings of their own. */
const LUMP_GAP = 4096;
/** The longest a search holds the worker's loop before it lets a page or a cancel through. */
const YIELD_MS = 4;

export interface TextMatcher {
  /** Global regex over a span's latin1 string (bytes); finds where a hit may start. */
  readonly scan: RegExp;
  /** `scan` reads bytes exactly (a plain text): it holds for any span, and every match inside a record is a hit. */
  readonly bytewise: boolean;
  /** `scan` is exact inside a record (no anchors or lookarounds, so the text around a match does not matter). */
  readonly exactInside: boolean;
  /**
   * A lookaround: in a chunk it sees the bytes around a record (the line break before it, the next record), in the
   * record's own text nothing, so a record can match alone where no match starts in the chunk ("(?<!\n)2026-").
   */
  readonly lookaround: boolean;
  /** The test on one record's text (without its final line break). */
  test(text: string): boolean;
}

/**
 * Compiles the filter: a plain text matches case-insensitively anywhere in the record; a regular
 * expression is JavaScript's, case-insensitive, `^` and `$` at each line of a multi-line record.
 */
export function compileText(text: string, regex: boolean): TextMatcher | { error: string } {
  if (!regex) {
    const needle = text.toLowerCase();
    const ascii = Buffer.byteLength(text) === text.length;
    // an ASCII needle: the `i` flag on one-byte chars folds ASCII letters only (no latin1 char upper-cases to ASCII)
    const scan = ascii ? new RegExp(escapeRegExp(text), 'gi') : new RegExp(utf8Pattern(text), 'g');
    return { scan, bytewise: true, exactInside: true, lookaround: false, test: (s) => s.toLowerCase().includes(needle) };
  }
  let re: RegExp;
  let scan: RegExp;
  try {
    re = new RegExp(text, 'im');
    scan = new RegExp(text, 'gim');
  } catch (e) {
    return { error: `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  return { scan, bytewise: false, exactInside: !ASSERTION.test(text), lookaround: LOOKAROUND.test(text), test: (s) => re.test(s) };
}

/** Anything whose result depends on text around the match (conservative: `[^` counts too). */
const ASSERTION = /[\^$]|\\[bB]|\(\?<?[=!]/;
const LOOKAROUND = /\(\?<?[=!]/;


/** A byte pattern for a non-ASCII needle: each char as the UTF-8 bytes of its lower- or upper-case form. */
function utf8Pattern(text: string): string {
  const bytes = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  let out = '';
  for (const c of text) {
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    out += lo === up ? bytes(c) : `(?:${bytes(lo)}|${bytes(up)})`;
  }
  return out;
}

export interface ScanColumns {
  offsetOf(i: number): number;
  lengthOf(i: number): number;
}

/** Candidates whose spans are laid out at once (flat arrays: the loops over them stay cheap; 1 MB). */
const BLOCK = 1 << 16;

/**
 * The buffers and open files of one search, kept across its calls: a fresh 2 MB read buffer and 1 MB of span
 * arrays per call are memory outside the heap, whose churn made V8 collect the whole (big) heap over and over;
 * and with the block index a rare text reads a block per call, an open and a close each. `close` when done.
 */
export class ScanScratch {
  readonly start = new Float64Array(BLOCK);
  readonly end = new Float64Array(BLOCK);
  buf = Buffer.allocUnsafe(SPAN);
  private readonly readers = new Map<FileContent, SpanReader>();
  private lastTurn = performance.now();

  /**
   * Lets the worker answer a page or a cancel when the search has held it for YIELD_MS: a turn of the loop per
   * span cost a rare text's narrowed search (a span per far-apart record) more than the reading, and between
   * a rare text's candidate blocks the loop got no turn at all.
   */
  turn(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.lastTurn < YIELD_MS) return undefined;
    return this.yieldNow();
  }

  /** A turn of the worker's loop now (a page found: its answer goes out before the search goes on). */
  yieldNow(): Promise<void> {
    return new Promise<void>((r) =>
      setImmediate(() => {
        this.lastTurn = performance.now();
        r();
      }),
    );
  }

  /** The search's reader of a file, opened on first use. */
  reader(content: FileContent): SpanReader {
    let r = this.readers.get(content);
    if (!r) this.readers.set(content, (r = spanReader(content, this)));
    return r;
  }

  close(): void {
    for (const r of this.readers.values()) r.close();
    this.readers.clear();
  }
}

export interface SpanReader {
  read(offset: number, length: number): Promise<Buffer> | Buffer;
  close(): void;
}

/**
 * Marks the records of one file that match: `ids` are candidate records of the file in offset order;
 * a hit sets `mark[i] = 2`. False when `ids` were not in offset order (nothing is missed for the rest:
 * the caller sorts and asks again). Throws the signal's reason when aborted (checked between spans).
 */
export async function scanFile(m: TextMatcher, content: FileContent, ids: ArrayLike<number>, cols: ScanColumns, mark: Uint8Array, signal?: AbortSignal, given?: ScanScratch): Promise<boolean> {
  const scratch = given ?? new ScanScratch();
  const reader = scratch.reader(content);
  const n = ids.length;
  // [start, end) of candidate b0 + j in the file: end is cut at MAX_TEXT
  const { start, end } = scratch;
  let prev = -1;
  try {
    for (let b0 = 0; b0 < n; b0 += BLOCK) {
      const bn = Math.min(BLOCK, n - b0);
      for (let j = 0; j < bn; j++) {
        const i = ids[b0 + j];
        const o = cols.offsetOf(i);
        if (o < prev) return false;
        prev = o;
        start[j] = o;
        end[j] = textEnd(o, cols.lengthOf(i));
      }
      let k = 0;
      while (k < bn) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const from = start[k];
        let last = k;
        let spanEnd = end[k];
        while (last + 1 < bn && joinsSpan(from, spanEnd, start[last + 1], end[last + 1], SPAN)) spanEnd = Math.max(spanEnd, end[++last]);
        const buf = await reader.read(from, spanEnd - from);
        scanSpan(m, buf, from, start, end, k, last, (j) => (mark[ids[b0 + j]] = 2));
        k = last + 1;
        // let the worker answer a page or a cancel now and then (an in-memory file's reads never wait)
        await scratch.turn();
      }
    }
    return true;
  } finally {
    if (!given) scratch.close();
  }
}

/**
 * Marks the records `lo`..`hi` that match: consecutive ids of one file, whose offsets ascend and do not
 * overlap (the caller checks). Their bytes are one range of the file, read in spans and searched in chunks
 * that end where a record starts, with no work per record until a match: a match is mapped to its record
 * by a galloping search of the offsets from the last one. A text with no match costs the reads, the latin1
 * strings and the regex; laying out every record's [start, end) and cutting chunks record by record cost
 * as much again (docs/PERFORMANCE.md). Throws the signal's reason when aborted (checked between spans).
 */
export async function scanRun(m: TextMatcher, content: FileContent, lo: number, hi: number, cols: ScanColumns, mark: Uint8Array, signal?: AbortSignal, given?: ScanScratch): Promise<void> {
  const scratch = given ?? new ScanScratch();
  const reader = scratch.reader(content);
  const start = (i: number) => cols.offsetOf(i);
  const cutEnd = (i: number) => textEnd(cols.offsetOf(i), cols.lengthOf(i));
  /** The last record in [from, hi] that starts at or before `p` (`from` starts at or before it). */
  const recordAt = (from: number, p: number): number => {
    let a = from;
    let step = 1;
    while (a + step <= hi && start(a + step) <= p) {
      a += step;
      step *= 2;
    }
    return lastIndexAtOrBefore(start, p, a, Math.min(hi, a + step - 1));
  };
  /**
   * Where a piece of records `i`..`i1` that should end by `limit` ends: where the last record that starts by
   * `limit` starts (`next`, and `to` its start), or after the cut text of `i1` when it ends by `limit`, or of
   * `i` when `i` alone reaches past `limit`.
   */
  const cut = (i: number, i1: number, limit: number): [next: number, to: number] => {
    const last = Math.min(i1, recordAt(i, limit));
    return last > i && (last < i1 || cutEnd(last) > limit) ? [last, start(last)] : [last + 1, cutEnd(last)];
  };
  try {
    let i = lo;
    while (i <= hi) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const from = start(i);
      // a span ends where a record starts (a record's text, at most MAX_TEXT, fits in one)
      const [next, to] = cut(i, hi, from + SPAN);
      const buf = await reader.read(from, to - from);
      searchRange(m, buf, from, i, next - 1, start, cutEnd, recordAt, cut, (j) => (mark[j] = 2));
      i = next;
      // let the worker answer a page or a cancel now and then (an in-memory file's reads never wait)
      await scratch.turn();
    }
  } finally {
    if (!given) scratch.close();
  }
}

/** Searches records `i0`..`i1`, whose bytes are `buf` from file offset `base` (scanRun). */
function searchRange(m: TextMatcher, buf: Buffer, base: number, i0: number, i1: number, start: (i: number) => number, cutEnd: (i: number) => number, recordAt: (from: number, p: number) => number, cut: (i: number, i1: number, limit: number) => [number, number], hit: (i: number) => void): void {
  const endOf = (i: number) => Math.min(buf.length, cutEnd(i) - base);
  const textOf = (i: number) => buf.toString('utf8', start(i) - base, endOf(i) - trailingBreak(buf, endOf(i)));
  if (!m.bytewise && (m.lookaround || !isAscii(buf))) {
    // a regex over latin1 chars would read a multi-byte char as several, and a lookaround would see the
    // neighbouring records: these records one by one
    for (let i = i0; i <= i1; i++) if (m.test(textOf(i))) hit(i);
    return;
  }
  const re = m.scan;
  let i = i0;
  while (i <= i1) {
    // chunks of at most CHUNK bytes that end where a record starts: their strings are young-generation
    // objects (cheap to drop); a bigger string is a large object, and 200 of them cost 10× the search itself
    const cs = start(i) - base;
    const [next, to] = cut(i, i1, base + cs + CHUNK);
    const s = buf.toString('latin1', cs, Math.min(buf.length, to - base));
    re.lastIndex = 0;
    let j = i;
    for (;;) {
      const found = re.exec(s);
      if (!found) break;
      const p = found.index + cs;
      j = recordAt(j, p + base);
      const e = endOf(j);
      if (p < e && holds(m, buf, p, found[0].length, e, () => textOf(j))) hit(j);
      // one hit is enough for a record; on at the next record (a match past a record's cut text is none)
      if (++j >= next) break;
      re.lastIndex = start(j) - base - cs;
    }
    i = next;
  }
}

/**
 * Reads spans of a file: a file on disk through one descriptor into one reused buffer, synchronously (a
 * 2 MB read from the page cache takes a fraction of a millisecond; through the thread pool each read
 * waited a turn of the worker's loop, and under load a search or a page spent more time waiting than
 * reading); the buffer is valid until the next read.
 */
export function spanReader(content: FileContent, scratch: { buf: Buffer } = { buf: Buffer.allocUnsafe(0) }): SpanReader {
  if (!(content instanceof DiskFileContent)) return { read: (o, l) => content.read(o, l), close: () => undefined };
  const fd = openSync(content.path, 'r');
  return {
    read(offset, length) {
      const len = Math.max(0, Math.min(length, content.size - offset));
      // grown to a power of two: spans a little longer each time (firstLines' batches of one broken log: 7 buffers,
      // 24 MB) each paid a new buffer's first touch, ~0.1 s of the diagnosis (docs/PERFORMANCE.md, session 31)
      if (scratch.buf.length < len) scratch.buf = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(len)));
      const buf = scratch.buf;
      let got = 0;
      while (got < len) {
        const bytesRead = readSync(fd, buf, got, len - got, content.start + offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

/** Searches candidates `from`..`to` (their [start, end) in the file) in `buf`, the file's bytes from `base`. */
function scanSpan(m: TextMatcher, buf: Buffer, base: number, start: Float64Array, end: Float64Array, from: number, to: number, hit: (j: number) => void): void {
  /** [start, end) of candidate `j` in the span. */
  const startOf = (j: number) => start[j] - base;
  const endOf = (j: number) => Math.min(buf.length, end[j] - base);
  const textOf = (j: number) => buf.toString('utf8', startOf(j), endOf(j) - trailingBreak(buf, endOf(j)));
  if (!m.bytewise && (m.lookaround || !isAscii(buf))) {
    // a regex over latin1 chars would read a multi-byte char as several, and a lookaround would see the
    // neighbouring records: these records one by one
    for (let j = from; j <= to; j++) if (m.test(textOf(j))) hit(j);
    return;
  }
  const re = m.scan;
  for (let j0 = from; j0 <= to; ) {
    // record-aligned chunks of at most CHUNK bytes: their strings are young-generation objects (cheap to
    // drop); a 2 MB string is a large object, and 200 of them cost 10× the search itself
    const cs = startOf(j0);
    let j1 = j0;
    // (and only over a lump of candidates: the hits of a previous text are far apart, the bytes between them need no string)
    while (j1 < to && endOf(j1 + 1) - cs <= CHUNK && startOf(j1 + 1) - endOf(j1) <= LUMP_GAP) j1++;
    const s = buf.toString('latin1', cs, endOf(j1));
    re.lastIndex = 0;
    let j = j0;
    for (;;) {
      const found = re.exec(s);
      if (!found) break;
      const p = found.index + cs;
      while (j <= j1 && endOf(j) <= p) j++;
      if (j > j1) break;
      const a = startOf(j);
      const e = endOf(j);
      if (p >= a) {
        if (holds(m, buf, p, found[0].length, e, () => textOf(j))) hit(j);
        // one hit is enough for a record
        j++;
        if (j > j1) break;
      }
      // on at the next candidate (a match before it is in a record that is not one, or between records)
      re.lastIndex = startOf(j) - cs;
    }
    j0 = j1 + 1;
  }
}

/**
 * Whether a chunk match at `p` (`length` bytes) is a match of the record ending at `e`: a plain text inside the record's
 * bytes is; a regex match inside them is when the regex has no assertion that could see past the record (else the
 * record's own text is tested).
 */
function holds(m: TextMatcher, buf: Buffer, p: number, length: number, e: number, text: () => string): boolean {
  if (m.bytewise) return p + length <= e;
  return (m.exactInside && p + length <= e - trailingBreak(buf, e)) || m.test(text());
}

/** Bytes of the line break that ends a record at `e` (0, 1 or 2). */
function trailingBreak(buf: Buffer, e: number): number {
  if (e === 0 || buf[e - 1] !== 0x0a) return 0;
  return e > 1 && buf[e - 2] === 0x0d ? 2 : 1;
}
