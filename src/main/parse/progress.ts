import type { ProgressEvent } from '../../shared';
import type { ChunkOptions, FileContent } from '../ingest/content';

/**
 * The parse phase's progress: bytes parsed ÷ bytes to parse, over every file and every part of a split
 * file, whether a part is parsed in this thread or in a parse worker. Parsers report bytes as they read
 * them (`countingContent`), so one big log moves the bar while it is parsed instead of once at its end.
 * Events are throttled (one per `everyMs`), except the last of each file.
 */
export class ParseProgress {
  private done = 0;
  /** Bytes counted per file (a file's parts add up; `fileDone` settles the rest of its size). */
  private readonly perFile = new Map<number, number>();
  private last = -Infinity;

  constructor(
    /** The bytes of the files that have a parser. */
    readonly totalBytes: number,
    private readonly emit: (p: ProgressEvent) => void,
    private readonly records: () => number,
    private readonly everyMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** `n` more bytes of file `fileId` were parsed (never counts past the file's `size`). */
  add(fileId: number, size: number, n: number, name: string): void {
    const had = this.perFile.get(fileId) ?? 0;
    const add = Math.max(0, Math.min(n, size - had));
    if (add === 0) return;
    this.perFile.set(fileId, had + add);
    this.done += add;
    if (this.now() - this.last >= this.everyMs) this.send(name, `Parsing ${name}`);
  }

  /** The whole file is parsed (also what its parser did not read through `chunks()`). */
  fileDone(fileId: number, size: number, name: string, files: number): void {
    this.add(fileId, size, size, name);
    this.send(name, `Parsed ${name}`, files);
  }

  get bytesDone(): number {
    return this.done;
  }

  private send(file: string, message: string, files?: number): void {
    this.last = this.now();
    const total = Math.max(1, this.totalBytes);
    this.emit({ phase: 'parsing', message, fraction: Math.min(1, this.done / total), bytes: this.done, totalBytes: this.totalBytes, records: this.records(), file, ...(files !== undefined ? { files } : {}) });
  }
}

/** `content` whose `chunks()` tells `onBytes` how many bytes each chunk had, as the parser takes it. */
export function countingContent(content: FileContent, onBytes: (n: number) => void): FileContent {
  return {
    get size() {
      return content.size;
    },
    async *chunks(signal?: AbortSignal, opts?: ChunkOptions) {
      for await (const c of content.chunks(signal, opts)) {
        onBytes(c.length);
        yield c;
      }
    },
    read: (offset, length) => content.read(offset, length),
    text: (maxBytes) => content.text(maxBytes),
  };
}
