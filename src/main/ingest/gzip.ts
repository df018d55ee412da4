import { createReadStream } from 'node:fs';
import { DEFAULT_TEXT_MAX, TooLargeError, type FileContent } from './content';
import { BombError, inflateStream } from './inflate';
import { TextSurvey } from './survey';

export { BombError };

export { isGzip } from './archive-kind';

const trailingNote = (n: number) => `${n} bytes after the end of the gzip data were ignored`;

/**
 * A `.gz` file on the user's disk (a rotated log), decompressed on the fly every time it is read: nothing is
 * unpacked to disk and memory stays bounded. `size` comes from one measuring pass at ingest. When the
 * inflated log is over the per-file cap only its tail is exposed (`skip` leading bytes are dropped).
 * Random reads re-inflate from the start, so a small block cache keeps the log viewer's scrolling cheap.
 */
export class GunzipFileContent implements FileContent {
  private cache = new Map<number, Buffer>();
  private static readonly BLOCK = 1 << 20;
  private static readonly CACHE_BLOCKS = 8;

  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly skip: number,
    private readonly maxOut: number,
    /** What the measuring pass saw of the inflated text (survey.ts), so it is not inflated again for its encoding. */
    readonly survey: TextSurvey,
  ) {}

  /** Measures the inflated size; throws BombError past `maxOut`. Returns the content and whether it was cut. */
  static async open(path: string, cap: number, maxOut: number): Promise<{ content: GunzipFileContent; truncated: boolean; error?: string }> {
    let total = 0;
    let error: string | undefined;
    const survey = new TextSurvey();
    try {
      for await (const c of inflate(path, maxOut, undefined, (n) => (error ??= trailingNote(n)))) {
        survey.push(c);
        total += c.length;
      }
    } catch (e) {
      if (e instanceof BombError) throw e;
      // A truncated/corrupt .gz: everything inflated before the damage is still readable.
      error = (e as Error).message;
    }
    const skip = Math.max(0, total - cap);
    return { content: new GunzipFileContent(path, total - skip, skip, maxOut, survey.finish(skip)), truncated: skip > 0, ...(error ? { error } : {}) };
  }

  async *chunks(signal?: AbortSignal): AsyncIterable<Buffer> {
    let pos = 0;
    let left = this.size;
    try {
      for await (const c of inflate(this.path, this.maxOut, signal)) {
        let chunk = c;
        if (pos < this.skip) {
          const drop = Math.min(chunk.length, this.skip - pos);
          pos += drop;
          chunk = chunk.subarray(drop);
        }
        if (chunk.length === 0) continue;
        if (chunk.length > left) chunk = chunk.subarray(0, left);
        left -= chunk.length;
        pos += chunk.length;
        yield chunk;
        if (left <= 0) return;
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      // corrupt tail: what was measured at open() has been yielded already
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    const B = GunzipFileContent.BLOCK;
    const first = Math.floor(offset / B);
    const last = Math.floor((end - 1) / B);
    if (!this.hasBlocks(first, last)) await this.fill(first, last);
    const parts: Buffer[] = [];
    for (let b = first; b <= last; b++) parts.push(this.cache.get(b) ?? Buffer.alloc(0));
    const all = Buffer.concat(parts);
    return all.subarray(offset - first * B, end - first * B);
  }

  async text(maxBytes = DEFAULT_TEXT_MAX): Promise<string> {
    if (this.size > maxBytes) throw new TooLargeError(this.size, maxBytes);
    const parts: Buffer[] = [];
    for await (const c of this.chunks()) parts.push(c);
    return Buffer.concat(parts).toString('utf8');
  }

  private hasBlocks(first: number, last: number): boolean {
    for (let b = first; b <= last; b++) if (!this.cache.has(b)) return false;
    return true;
  }

  /** Re-inflates up to block `last`, caching blocks first..last (+ read-ahead up to the cache size). */
  private async fill(first: number, last: number): Promise<void> {
    const B = GunzipFileContent.BLOCK;
    const stop = Math.max(last, first + GunzipFileContent.CACHE_BLOCKS - 1);
    this.cache.clear();
    let pos = 0;
    let cur: Buffer[] = [];
    let curLen = 0;
    for await (const c of this.chunks()) {
      let chunk = c;
      while (chunk.length > 0) {
        const block = Math.floor(pos / B);
        const room = B - (pos % B);
        const piece = chunk.subarray(0, room);
        if (block >= first && block <= stop) {
          cur.push(piece);
          curLen += piece.length;
        }
        pos += piece.length;
        chunk = chunk.subarray(piece.length);
        if (pos % B === 0 || pos === this.size) {
          if (block >= first && block <= stop) this.cache.set(block, Buffer.concat(cur, curLen));
          cur = [];
          curLen = 0;
          if (block >= stop) return;
        }
      }
    }
  }
}

function inflate(path: string, maxOut: number, signal?: AbortSignal, onTrailing?: (n: number) => void): AsyncIterable<Buffer> {
  return inflateStream(createReadStream(path, { highWaterMark: 1 << 20, signal }), 'gzip', { ceiling: maxOut, signal, onTrailing });
}
