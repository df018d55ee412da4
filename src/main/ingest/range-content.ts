import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DEFAULT_TEXT_MAX, TooLargeError, type FileContent } from './content';

/** A byte range [start, end) of a file on disk, seen as a file of its own (for parallel parsing). */
export class FileRangeContent implements FileContent {
  constructor(
    readonly path: string,
    readonly start: number,
    readonly end: number,
  ) {}
  get size() {
    return this.end - this.start;
  }
  async *chunks(signal?: AbortSignal): AsyncIterable<Buffer> {
    if (this.end <= this.start) return;
    const stream = createReadStream(this.path, { start: this.start, end: this.end - 1, highWaterMark: 1 << 20, signal });
    for await (const chunk of stream) yield chunk as Buffer;
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
    return (await this.read(0, this.size)).toString('utf8');
  }
}
