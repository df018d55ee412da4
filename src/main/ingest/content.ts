import { open, stat } from 'node:fs/promises';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

/**
 * The bytes of one bundle file, wherever they live (on disk, or decompressed from an archive).
 * Parsers stream `chunks()`; the log viewer reads record text lazily with `read()`.
 */
export interface FileContent {
  readonly size: number;
  /** Streams the content in order. */
  chunks(signal?: AbortSignal, opts?: ChunkOptions): AsyncIterable<Buffer>;
  /** Random access (for lazy line text). Reads past the end return what exists. */
  read(offset: number, length: number): Promise<Buffer>;
  /** The whole content as UTF-8 text; throws TooLargeError above `maxBytes`. For small structured files. */
  text(maxBytes?: number): Promise<string>;
}

export interface ChunkOptions {
  /**
   * The caller is done with a chunk when it asks for the next one (it copies what it keeps): a file on disk is then
   * read into one buffer, not a new one per chunk. A new megabyte per read, each freed when a GC found it, left the C
   * heap fragmented between the record store's long-lived pages (tens of MB of RSS at a 500 MB log's peak).
   */
  transient?: boolean;
}

export class TooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`file is ${size} bytes, more than the ${max} bytes this reader accepts`);
  }
}

/** Default cap for whole-file text reads (XML, JSON, conf). */
export const DEFAULT_TEXT_MAX = 16 * 1024 * 1024;

/** The bytes of an in-memory file made again (a zip member inflated again from its compressed bytes). */
export type Reload = () => Promise<Buffer>;

/** An in-memory file under this size is kept whole: letting it go saves less than its spans cost. */
const RELEASE_MIN_BYTES = 1 << 20;
/** A file is let go only when the spans to keep are at most this share of it. */
const RELEASE_MAX_SHARE = 0.5;

export class BufferContent implements FileContent {
  private buf: Buffer;
  private readonly total: number;
  /**
   * After `keepOnly`: the kept spans of the file, in order, as file offsets [from, to) and where each starts in
   * `buf`. A read inside one span is answered from it; any other read makes the file whole again (`reload`).
   */
  private spans: { from: Float64Array; to: Float64Array; at: Float64Array } | undefined;
  private restoring: Promise<Buffer> | undefined;
  constructor(
    buf: Buffer,
    private readonly reload?: Reload,
  ) {
    this.buf = buf;
    this.total = buf.length;
  }
  /** The bytes themselves (for handing a copy to a parse worker, before the parse). */
  get bytes(): Buffer {
    if (this.spans) throw new Error('the file was let go after its parse');
    return this.buf;
  }
  get size() {
    return this.total;
  }
  /** Whether `keepOnly` may let this file go (it can be made again). */
  get releasable(): boolean {
    return !!this.reload && !this.spans && this.total >= RELEASE_MIN_BYTES;
  }
  async *chunks(): AsyncIterable<Buffer> {
    const buf = this.spans ? await this.whole() : this.buf;
    const step = 1 << 20;
    for (let i = 0; i < buf.length; i += step) yield buf.subarray(i, Math.min(buf.length, i + step));
  }
  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.total, offset + length);
    if (this.spans && end > offset) {
      const { from, to, at } = this.spans;
      // the last span starting at or before `offset`
      let lo = 0;
      let hi = from.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (from[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      if (from[lo] <= offset && end <= to[lo]) return this.buf.subarray(at[lo] + offset - from[lo], at[lo] + end - from[lo]);
      await this.whole();
    }
    return this.buf.subarray(offset, Math.min(this.buf.length, offset + length));
  }
  async text(maxBytes = DEFAULT_TEXT_MAX): Promise<string> {
    if (this.total > maxBytes) throw new TooLargeError(this.total, maxBytes);
    return (this.spans ? await this.whole() : this.buf).toString('utf8');
  }

  /**
   * Keeps only the bytes of `ranges` (offset, length pairs, any order) and lets go of the rest at once, when the file
   * can be made again and the ranges are at most half of it; returns whether it did. For a run that has no log view
   * (the CLI): after its parse a file is read only for its facts' evidence and its warnings' first lines, and a
   * logs.zip's members are most of its memory. A read outside the kept spans gets the file back whole.
   */
  keepOnly(ranges: ArrayLike<number>, count: number): boolean {
    if (!this.releasable) return false;
    const order = new Uint32Array(count);
    for (let k = 0; k < count; k++) order[k] = k;
    order.sort((a, b) => ranges[2 * a] - ranges[2 * b]);
    const from: number[] = [];
    const to: number[] = [];
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const k = order[j];
      const a = Math.max(0, Math.min(this.total, ranges[2 * k]));
      const b = Math.max(a, Math.min(this.total, a + ranges[2 * k + 1]));
      if (b === a) continue;
      const n = from.length;
      if (n > 0 && a <= to[n - 1]) {
        if (b > to[n - 1]) {
          kept += b - to[n - 1];
          to[n - 1] = b;
        }
      } else {
        from.push(a);
        to.push(b);
        kept += b - a;
      }
      if (kept > this.total * RELEASE_MAX_SHARE) return false;
    }
    const buf = Buffer.allocUnsafeSlow(Math.max(1, kept));
    const at = new Float64Array(from.length);
    let p = 0;
    for (let k = 0; k < from.length; k++) {
      at[k] = p;
      p += this.buf.copy(buf, p, from[k], to[k]);
    }
    const old = this.buf;
    this.buf = buf;
    this.spans = { from: Float64Array.from(from), to: Float64Array.from(to), at };
    freeNow(old);
    return true;
  }

  /** The whole file again (made once however many reads ask at the same time). */
  private async whole(): Promise<Buffer> {
    this.restoring ??= this.reload!().then((b) => {
      if (b.length !== this.total) throw new Error(`the file reads back as ${b.length} of its ${this.total} bytes`);
      this.buf = b;
      this.spans = undefined;
      return b;
    });
    try {
      return await this.restoring;
    } finally {
      this.restoring = undefined;
    }
  }
}

/**
 * Frees a buffer's memory now rather than at the next full collection (an old-generation buffer dropped during the
 * diagnosis stays until then, and the diagnosis makes few): its ArrayBuffer is moved into a clone no one holds, which
 * the next young-generation collection frees. Only a buffer that is the whole of its ArrayBuffer (not a slice of
 * Node's shared pool, and zlib's one spare byte aside) whose every view is done with.
 */
function freeNow(b: Buffer): void {
  const ab = b.buffer;
  if (b.byteOffset !== 0 || ab.byteLength > b.byteLength + 1 || ab.byteLength < RELEASE_MIN_BYTES) return;
  try {
    structuredClone(ab, { transfer: [ab] });
  } catch {
    // not detachable: left to the collector
  }
}

/** Bytes a streamed file is read in at a time. */
const STREAM_CHUNK_BYTES = 1 << 20;
/** Files up to this size are read in one go (the read stream's chunk size). */
export const SMALL_FILE_BYTES = STREAM_CHUNK_BYTES;

/** `size` bytes of `path` from `start` (fewer when the file is shorter now). */
function readRangeSync(path: string, start: number, size: number, into?: Buffer, at = 0): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = into ?? Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, at + got, size - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return got === size && !into ? buf : buf.subarray(at, at + got);
  } finally {
    closeSync(fd);
  }
}

/**
 * A regular file on disk, read lazily (never loaded whole unless `text()` is asked for). `start` > 0 exposes
 * only the file's tail (a log over the per-file cap keeps its newest bytes).
 */
export class DiskFileContent implements FileContent {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly start = 0,
  ) {}
  static async of(path: string): Promise<DiskFileContent> {
    const s = await stat(path);
    return new DiskFileContent(path, s.size);
  }
  /** Where primeInto put the whole file (kept for the parse, released once taken): no object per file. */
  private arena: Buffer | undefined;
  private arenaAt = 0;
  private arenaLength = 0;
  async *chunks(signal?: AbortSignal, opts?: ChunkOptions): AsyncIterable<Buffer> {
    if (this.size === 0) return;
    const primed = this.takePrimed();
    if (primed) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      yield primed;
      return;
    }
    if (this.size <= SMALL_FILE_BYTES) {
      // A small file in one synchronous read: a read stream's open/read/close round trips cost ~10x
      // more than the bytes (thousands of small logs in /var/log/azure).
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      yield readRangeSync(this.path, this.start, this.size);
      return;
    }
    if (opts?.transient) {
      yield* this.readInto([Buffer.allocUnsafe(STREAM_CHUNK_BYTES), Buffer.allocUnsafe(STREAM_CHUNK_BYTES)], signal);
      return;
    }
    const stream = createReadStream(this.path, { highWaterMark: STREAM_CHUNK_BYTES, signal, start: this.start, end: this.start + this.size - 1 });
    for await (const chunk of stream) yield chunk as Buffer;
  }
  /**
   * The content read chunk by chunk into the two buffers in turn, each chunk a new view of one (a consumer may tell
   * chunks apart by identity): the next chunk is read while the consumer works on this one, and into the buffer of the
   * chunk before, which the consumer is done with once it asks for this one (ChunkOptions.transient). One read at a time
   * left the parse waiting on the file system between chunks (a 500 MB log: 883 ms of the main thread idle at load 20).
   */
  private async *readInto(bufs: [Buffer, Buffer], signal?: AbortSignal): AsyncIterable<Buffer> {
    const fh = await open(this.path, 'r');
    let next: Promise<{ bytesRead: number }> | undefined;
    try {
      let pos = 0;
      const read = (buf: Buffer) => fh.read(buf, 0, Math.min(buf.length, this.size - pos), this.start + pos);
      next = read(bufs[0]);
      for (let k = 0; pos < this.size; k ^= 1) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const { bytesRead } = await next!;
        next = undefined;
        if (bytesRead === 0) return; // the file is shorter now: what exists (as the read stream does)
        pos += bytesRead;
        if (pos < this.size) next = read(bufs[k ^ 1]);
        yield bufs[k].subarray(0, bytesRead);
      }
    } finally {
      // (a read still under way finishes before its file is closed)
      await next?.catch(() => undefined);
      await fh.close();
    }
  }
  /**
   * Reads the whole (small) file now, in the one read that looks at its head, and keeps the bytes for the first
   * `chunks()` or `takePrimed()`: the parse then does not open the file again.
   */
  primeInto(arena: Buffer, at: number): number {
    this.arena = arena;
    this.arenaAt = at;
    this.arenaLength = readRangeSync(this.path, this.start, this.size, arena, at).length;
    return this.arenaLength;
  }
  /** The primed bytes, once (undefined when not primed or already taken); later reads go to the disk. */
  takePrimed(): Buffer | undefined {
    const arena = this.arena;
    if (!arena) return undefined;
    this.arena = undefined;
    return arena.subarray(this.arenaAt, this.arenaAt + this.arenaLength);
  }
  /** The first bytes, read synchronously: one look into each of thousands of small files costs less than its await. */
  headSync(length: number): Buffer {
    return readRangeSync(this.path, this.start, Math.min(length, this.size));
  }
  async read(offset: number, length: number): Promise<Buffer> {
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, this.start + offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }
  async text(maxBytes = DEFAULT_TEXT_MAX): Promise<string> {
    if (this.size > maxBytes) throw new TooLargeError(this.size, maxBytes);
    const chunks: Buffer[] = [];
    for await (const c of this.chunks()) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  }
}
