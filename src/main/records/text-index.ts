import type { FileContent } from '../ingest/content';
import { firstIndexAtOrAfter, lastAtOrBefore } from '../../shared/sorted';
import { spanReader } from './text-filter';

/*
 * A per-block trigram index of the log bytes, so that a text filter need not read 430 MB to learn that a text
 * is nowhere (docs/PERFORMANCE.md). Each file's records are cut into blocks of about INDEX_BLOCK bytes that end where
 * a record starts; a block keeps a bitmap of the hashed, ASCII-case-folded byte trigrams of all its bytes. A
 * search reads only the blocks whose bitmap holds every trigram of the text: a block may be read for nothing
 * (two trigrams share a bit), never skipped when it holds a match, because a match inside a record is inside
 * its block.
 */

/**
 * Bytes a block covers at least (it ends at the next record start). A text that is rare but everywhere (a
 * heartbeat every 30 minutes) is in every block that holds one of its records: at 64 KB in 19 % of the bench
 * log's blocks, at 16 KB in 5 %. Real logs vary more than the generated one: 4096 bits fill 59 % at 16 KB
 * against 89 % at 64 KB (the test cases' logs; docs/PERFORMANCE.md).
 */
export const INDEX_BLOCK = 16 * 1024;
/** Bits of a block's bitmap: 512 bytes for 16 KB (13.3 MB for a 430 MB log). */
const BITS = 4096;
const WORDS = BITS >>> 5;
const SHIFT = 32 - Math.log2(BITS);
/** At most this much bitmap for a bundle: beyond ~2 GB of logs a block covers more bytes instead. */
const MAX_INDEX_BYTES = 16 << 20;
/** Bytes read and hashed between two turns of the worker's loop (a page or a cancel is answered between). */
const SPAN = 2 << 20;

/** ASCII letters to lower case, every other byte as it is (a plain text's `i` flag folds exactly these). */
const FOLD = new Uint8Array(256).map((_, b) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b));

/** The bit of a trigram (24 bits, folded bytes, first byte highest). */
const bitOf = (tri: number) => Math.imul(tri, 0x9e3779b1) >>> SHIFT;

export interface FileIndex {
  /** The first record id of each block (ascending); block b holds the file's records from `firstId[b]` to the next block's. */
  readonly firstId: Uint32Array;
  /** WORDS 32-bit words a block. */
  readonly bits: Int32Array;
}

export interface IndexColumns {
  offsetOf(i: number): number;
  lengthOf(i: number): number;
}

/** The block size for a bundle of `bytes` log bytes (the bitmaps stay under MAX_INDEX_BYTES). */
export function blockBytesFor(bytes: number): number {
  return Math.max(INDEX_BLOCK, Math.ceil((bytes * (BITS / 8)) / MAX_INDEX_BYTES));
}

/**
 * Indexes one file whose records (`runs`: [start, end) pairs of ids, ascending) follow each other in the file in
 * id order (each starts at or after the end of the one before; the caller checks). The bytes between two blocks'
 * first records are hashed whole, so every record lies inside its block. Waits between spans while `busy`.
 * Throws the signal's reason when aborted.
 */
export async function indexFile(content: FileContent, runs: readonly number[], cols: IndexColumns, blockBytes = INDEX_BLOCK, signal?: AbortSignal, busy?: () => boolean): Promise<FileIndex> {
  // the file's k-th record: its runs flattened
  const before = [0];
  for (let r = 0; r < runs.length; r += 2) before.push(before[before.length - 1] + runs[r + 1] - runs[r]);
  const n = before[before.length - 1];
  const idAt = (k: number) => {
    let r = 0;
    while (before[r + 1] <= k) r++;
    return runs[2 * r] + k - before[r];
  };
  // blocks: each starts at a record and takes records until one starts blockBytes past its start (found by
  // bisection: the offsets ascend; a pass over 2.7 M records cost a fifth of the hashing)
  const first: number[] = [];
  const from: number[] = [];
  for (let k = 0; k < n; ) {
    const o = cols.offsetOf(idAt(k));
    first.push(idAt(k));
    from.push(o);
    k = firstIndexAtOrAfter((m) => cols.offsetOf(idAt(m)), o + blockBytes, k + 1, n);
  }
  // the records follow each other: the last one ends last
  from.push(n ? cols.offsetOf(idAt(n - 1)) + cols.lengthOf(idAt(n - 1)) : 0);
  const blocks = first.length;
  const bits = new Int32Array(blocks * WORDS);
  const scratch = { buf: Buffer.allocUnsafe(0) };
  const reader = spanReader(content, scratch);
  try {
    let b = 0;
    while (b < blocks) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      // a span of whole blocks (or one block in pieces when it alone is bigger)
      let last = b;
      while (last + 1 < blocks && from[last + 2] - from[b] <= SPAN) last++;
      const spanFrom = from[b];
      const spanTo = Math.min(from[last + 1], spanFrom + SPAN);
      const buf = await reader.read(spanFrom, spanTo - spanFrom);
      if (last === b && spanTo < from[b + 1]) {
        // one block bigger than a span: hash it piece by piece, carrying the trigram across pieces
        let tri = hash(buf, 0, buf.length, 0, bits, b);
        for (let p = spanTo; p < from[b + 1]; p += SPAN) {
          if (signal?.aborted) throw signal.reason ?? new Error('aborted');
          await new Promise<void>((r) => setImmediate(r));
          const piece = await reader.read(p, Math.min(SPAN, from[b + 1] - p));
          tri = hash(piece, 0, piece.length, tri, bits, b);
        }
      } else {
        for (let k = b; k <= last; k++) hash(buf, from[k] - spanFrom, Math.min(buf.length, from[k + 1] - spanFrom), 0, bits, k);
      }
      b = last + 1;
      if (b < blocks) await new Promise<void>((r) => setImmediate(r));
      // a search that runs meanwhile (without the index) goes first: sharing the thread made it twice as slow
      while (busy?.() && !signal?.aborted) await new Promise<void>((r) => setTimeout(r, 10));
    }
  } finally {
    reader.close();
  }
  return { firstId: Uint32Array.from(first), bits };
}

/**
 * The trigrams of the bytes being hashed, a byte a bit: a store without a load cost about half of setting a bit
 * in a word, and a module's array instead of a parameter a quarter less again in a standalone run. Cleared by
 * `hash` before it returns, so no other index's bytes can mix in across an await.
 */
const SEEN = new Uint8Array(BITS);

/**
 * Adds the trigrams of `buf[a, e)` to block `b`'s bits; `tri` holds the bytes before `a` in the same block (0 at
 * its start: the first two bytes mark trigrams with zero bytes, which only make a block a candidate more
 * often). Returns the last trigram.
 */
function hash(buf: Uint8Array, a: number, e: number, tri: number, bits: Int32Array, b: number): number {
  let h = tri;
  for (let k = a; k < e; k++) {
    h = ((h << 8) | FOLD[buf[k]]) & 0xffffff;
    SEEN[bitOf(h)] = 1;
  }
  const at = b * WORDS;
  for (let w = 0; w < WORDS; w++) {
    let v = 0;
    const s = w << 5;
    for (let i = 0; i < 32; i++) v |= SEEN[s + i] << i;
    bits[at + w] |= v;
  }
  SEEN.fill(0);
  return h;
}

/**
 * The bits every block holding a match of the filter has, or null when the filter has no trigram the index can
 * vouch for (then every block is searched): a plain ASCII text of 3 bytes or more, or the literal runs a regex
 * cannot match without (`requiredLiterals`).
 */
export function requiredBits(text: string, regex: boolean): number[] | null {
  const literals = regex ? requiredLiterals(text) : Buffer.byteLength(text) === text.length ? [text] : [];
  const out = new Set<number>();
  for (const lit of literals)
    for (let i = 2; i < lit.length; i++) out.add(bitOf((FOLD[lit.charCodeAt(i - 2)] << 16) | (FOLD[lit.charCodeAt(i - 1)] << 8) | FOLD[lit.charCodeAt(i)]));
  return out.size ? [...out] : null;
}

/** Which blocks of a file may hold a match (1) for `need` (requiredBits). */
export function candidateBlocks(fi: FileIndex, need: readonly number[]): Uint8Array {
  const blocks = fi.firstId.length;
  const out = new Uint8Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const at = b * WORDS;
    let all = 1;
    for (const x of need)
      if (!(fi.bits[at + (x >>> 5)] & (1 << (x & 31)))) {
        all = 0;
        break;
      }
    out[b] = all;
  }
  return out;
}

/** The block of record `id` (the last whose first record is at or before it). */
export function blockOf(fi: FileIndex, id: number): number {
  return lastAtOrBefore(fi.firstId, id);
}

/**
 * ASCII literal runs that every match of a JavaScript regex (flags `im`, not unicode) contains: the literals at
 * the top level, outside groups and classes, cut at every other token; a literal followed by `?`, `*` or `{`
 * (may be absent) is left out, one followed by `+` ends its run. Nothing when the regex has a top-level `|`.
 * Conservative: what it cannot read for sure only cuts a run (fewer trigrams, more blocks searched).
 */
export function requiredLiterals(source: string): string[] {
  const runs: string[] = [];
  let run = '';
  const flush = () => {
    if (run.length >= 3) runs.push(run);
    run = '';
  };
  const n = source.length;
  /** Index after a class starting at `i` (`[`). */
  const skipClass = (i: number): number => {
    let k = i + 1;
    if (source[k] === '^') k++;
    while (k < n && source[k] !== ']') k += source[k] === '\\' ? 2 : 1;
    return k + 1;
  };
  /** A literal char at `i` (`len` source chars) and what follows it. */
  const literal = (c: string, next: number) => {
    const q = source[next];
    if (q === '?' || q === '*' || q === '{') flush();
    else if (q === '+') {
      run += c;
      flush();
    } else run += c;
  };
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === '|') return [];
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (/[^0-9A-Za-z]/.test(e) && e.charCodeAt(0) < 0x80) {
        // an escaped punctuation char is itself
        literal(e, i + 2);
        i += 2;
        continue;
      }
      flush();
      i += 2;
      // the rest of an escape: hex digits, a name, a code point, a control letter or a back-reference
      if (e === 'x') i += /^[0-9a-fA-F]{2}/.test(source.slice(i, i + 2)) ? 2 : 0;
      else if (e === 'u') i += source[i] === '{' ? source.indexOf('}', i) - i + 1 : /^[0-9a-fA-F]{4}/.test(source.slice(i, i + 4)) ? 4 : 0;
      else if (e === 'c') i += /[A-Za-z]/.test(source[i] ?? '') ? 1 : 0;
      else if (e === 'k' || e === 'p' || e === 'P') {
        const close = source[i] === '<' ? '>' : source[i] === '{' ? '}' : '';
        if (close) i = source.indexOf(close, i) + 1 || n;
      } else if (/[0-9]/.test(e)) while (/[0-9]/.test(source[i] ?? '')) i++;
      continue;
    }
    if (c === '[') {
      flush();
      i = skipClass(i);
      continue;
    }
    if (c === '(') {
      flush();
      // a group is optional, repeated or an alternation of its own: skipped whole
      let depth = 0;
      while (i < n) {
        const g = source[i];
        if (g === '\\') i += 2;
        else if (g === '[') i = skipClass(i);
        else {
          if (g === '(') depth++;
          else if (g === ')' && --depth === 0) {
            i++;
            break;
          }
          i++;
        }
      }
      continue;
    }
    if (c === '{') {
      flush();
      // a quantifier {n}, {n,} or {n,m} is skipped whole (else `{` is a literal brace, which needs no trigram)
      const q = /^\{\d+(,\d*)?\}/.exec(source.slice(i));
      i += q ? q[0].length : 1;
      continue;
    }
    if (c.charCodeAt(0) >= 0x80 || '^$.?*+)]}'.includes(c)) {
      flush();
      i++;
      continue;
    }
    literal(c, i + 1);
    i++;
  }
  flush();
  return runs;
}

/** The records `lo`..`hi` (consecutive ids of the file) in candidate blocks, as [start, end] pairs of ids. */
export function candidateRanges(fi: FileIndex, cand: Uint8Array, lo: number, hi: number): number[] {
  const out: number[] = [];
  const blocks = fi.firstId.length;
  for (let b = blockOf(fi, lo); b < blocks && fi.firstId[b] <= hi; b++) {
    if (!cand[b]) continue;
    const a = Math.max(lo, fi.firstId[b]);
    const e = Math.min(hi, b + 1 < blocks ? fi.firstId[b + 1] - 1 : hi);
    if (out.length && out[out.length - 1] === a - 1) out[out.length - 1] = e;
    else out.push(a, e);
  }
  return out;
}

/** The ids (ascending, of the file) in candidate blocks. */
export function inCandidateBlocks(fi: FileIndex, cand: Uint8Array, ids: Uint32Array): Uint32Array {
  const out = new Uint32Array(ids.length);
  let n = 0;
  let b = 0;
  const blocks = fi.firstId.length;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (k === 0 || id < ids[k - 1]) b = blockOf(fi, id);
    while (b + 1 < blocks && fi.firstId[b + 1] <= id) b++;
    if (cand[b]) out[n++] = id;
  }
  return out.subarray(0, n);
}
