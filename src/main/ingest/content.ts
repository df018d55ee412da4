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

export class BufferContent implements FileContent {
  constructor(private readonly buf: Buffer) {}
  /** The bytes themselves (for handing a copy to a parse worker). */
  get bytes(): Buffer {
    return this.buf;
  }
  get size() {
    return this.buf.length;
  }
  async *chunks(): AsyncIterable<Buffer> {
    const step = 1 << 20;
    for (let i = 0; i < this.buf.length; i += step) yield this.buf.subarray(i, Math.min(this.buf.length, i + step));
  }
  async read(offset: number, length: number): Promise<Buffer> {
    return this.buf.subarray(offset, Math.min(this.buf.length, offset + length));
  }
  async text(maxBytes = DEFAULT_TEXT_MAX): Promise<string> {
    if (this.buf.length > maxBytes) throw new TooLargeError(this.buf.length, maxBytes);
    return this.buf.toString('utf8');
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
      yield* this.readInto(Buffer.allocUnsafe(STREAM_CHUNK_BYTES), signal);
      return;
    }
    const stream = createReadStream(this.path, { highWaterMark: STREAM_CHUNK_BYTES, signal, start: this.start, end: this.start + this.size - 1 });
    for await (const chunk of stream) yield chunk as Buffer;
  }
  /** The content read chunk by chunk into `buf`, each chunk a new view of it (a consumer may tell chunks apart by identity). */
  private async *readInto(buf: Buffer, signal?: AbortSignal): AsyncIterable<Buffer> {
    const fh = await open(this.path, 'r');
    try {
      for (let pos = 0; pos < this.size; ) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, this.size - pos), this.start + pos);
        if (bytesRead === 0) return; // the file is shorter now: what exists (as the read stream does)
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    } finally {
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
