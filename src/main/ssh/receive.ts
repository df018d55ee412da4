import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { BombError, inflateStream } from '../ingest/inflate';

/**
 * The channel's chunks as an async iterable for the inflater: `push` says false once a few chunks wait
 * (the channel pauses until `onDrain`), `end` when the channel closed, `stop` drops what is left.
 */
class ChunkFeed implements AsyncIterable<Buffer> {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private drains: (() => void)[] = [];
  private static readonly HIGH = 8;

  push(c: Buffer): boolean {
    if (this.ended) return true;
    this.queue.push(c);
    this.poke();
    return this.queue.length < ChunkFeed.HIGH;
  }

  onDrain(cb: () => void): void {
    if (this.queue.length < ChunkFeed.HIGH) cb();
    else this.drains.push(cb);
  }

  end(): void {
    this.ended = true;
    this.poke();
  }

  stop(): void {
    this.queue.length = 0;
    this.end();
    this.flushDrains();
  }

  private poke(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private flushDrains(): void {
    const d = this.drains;
    this.drains = [];
    for (const cb of d) cb();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const c = this.queue.shift();
      if (c) {
        if (this.queue.length < ChunkFeed.HIGH / 2) this.flushDrains();
        yield c;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

export interface ReceivedFile {
  /** VM path without the leading slash. */
  path: string;
  size: number;
  sha256: string;
  /** The file's mode and mtime on the VM (as the remote tar recorded them). */
  mode?: number;
  mtime?: string;
}

export interface ReceiveResult {
  files: ReceivedFile[];
  /** Why the stream was cut short here (the uncompressed size cap), when it was. */
  stopped?: string;
  /** Members that started but did not arrive whole (dropped) or that we refused (unsafe path, not a file). */
  dropped: { path: string; reason: string }[];
  warnings: string[];
}

/** Only trees we asked for, no `..`, no absolute paths: the remote tar is hostile input like any log byte. */
export function safeMemberPath(raw: string): string | undefined {
  const p = raw.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (!p || p.includes('\0') || p.includes('\\')) return undefined;
  const parts = p.split('/');
  if (parts.some((s) => s === '..' || s === '.' || s === '')) return undefined;
  if (parts[0] !== 'var' && parts[0] !== 'etc') return undefined;
  return p;
}

/**
 * Streams a remote tar.gz into a staging folder, member by member, hashing as it writes. Memory stays bounded
 * (a few chunks in flight) however big the logs are. A stream cut anywhere keeps every member that arrived
 * whole: the inflater hands over what it decoded before the cut, and a member shorter than its header says
 * is dropped.
 *
 * The uncompressed bytes are capped (`maxPlainBytes`: the ingest budget, lowered to what the disk has
 * free): a hostile VM's 3 MB of gzip once became 3.2 GB on the engineer's disk. Past the cap the stream is
 * stopped, the member being written is dropped, and `onStop` tells the caller to close the channel.
 */
export class TarReceiver {
  private readonly feed = new ChunkFeed();
  private readonly parser: Parser;
  private readonly pending: Promise<void>[] = [];
  private readonly result: ReceiveResult = { files: [], dropped: [], warnings: [] };
  private readonly done: Promise<void>;
  private readonly pumped: Promise<void>;

  constructor(
    private readonly staging: string,
    private readonly maxPlainBytes = Number.POSITIVE_INFINITY,
    private readonly onStop?: (reason: string) => void,
  ) {
    this.parser = new Parser({ onReadEntry: (e) => this.onEntry(e), noResume: true });
    this.parser.on('warn', (code: string, message: string | Error) => {
      if (this.result.warnings.length < 50) this.result.warnings.push(`${code}: ${typeof message === 'string' ? message : message.message}`);
    });
    this.done = new Promise<void>((resolve) => {
      this.parser.on('end', () => resolve());
      this.parser.on('close', () => resolve());
      this.parser.on('error', (e: Error) => {
        this.result.warnings.push(`tar: ${e.message}`);
        resolve();
      });
    });
    this.pumped = this.pump();
  }

  /** The one bounded inflater (src/main/ingest/inflate.ts), its ceiling the uncompressed cap. */
  private async pump(): Promise<void> {
    try {
      for await (const c of inflateStream(this.feed, 'gzip', { ceiling: this.maxPlainBytes, onTrailing: (n) => this.result.warnings.push(`gzip: ${n} bytes after the end of the data were ignored`) })) {
        if (!this.parser.write(c)) await new Promise<void>((r) => this.parser.once('drain', () => r()));
      }
    } catch (e) {
      if (e instanceof BombError) {
        this.result.stopped = `the uncompressed size cap of ${this.maxPlainBytes} bytes was reached`;
        this.feed.stop();
        this.onStop?.(this.result.stopped);
      } else {
        // Not gzip at all, or corrupt mid-stream: keep what was parsed so far.
        this.result.warnings.push(`gzip: ${(e as Error).message}`);
        this.feed.stop();
      }
    } finally {
      this.parser.end();
    }
  }

  write(chunk: Buffer): boolean {
    return this.feed.push(chunk);
  }

  onDrain(cb: () => void): void {
    this.feed.onDrain(cb);
  }

  /** Call once the remote stream ended (cleanly or not). */
  async finish(): Promise<ReceiveResult> {
    this.feed.end();
    await this.pumped;
    await this.done;
    await Promise.all(this.pending);
    this.result.files.sort((a, b) => a.path.localeCompare(b.path));
    return this.result;
  }

  private onEntry(entry: ReadEntry): void {
    const path = safeMemberPath(entry.path);
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
      if (entry.type !== 'Directory' && path) this.result.dropped.push({ path, reason: `not a regular file (${entry.type})` });
      entry.resume();
      return;
    }
    if (!path) {
      this.result.dropped.push({ path: entry.path.slice(0, 200), reason: 'unsafe path' });
      entry.resume();
      return;
    }
    const expected = entry.size ?? 0;
    const dest = join(this.staging, path);
    const hash = createHash('sha256');
    let written = 0;
    let ws: WriteStream | undefined;
    const task = (async () => {
      await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
      ws = createWriteStream(dest, { mode: 0o600 });
      const closed = new Promise<void>((resolve, reject) => {
        ws!.on('close', () => resolve());
        ws!.on('error', reject);
      });
      entry.on('data', (c: Buffer) => {
        written += c.length;
        hash.update(c);
        if (!ws!.write(c)) {
          entry.pause();
          ws!.once('drain', () => entry.resume());
        }
      });
      await new Promise<void>((resolve) => entry.on('end', () => resolve()));
      ws.end();
      await closed;
      if (written === expected) {
        this.result.files.push({ path, size: written, sha256: hash.digest('hex'), mode: entry.mode, mtime: entry.mtime?.toISOString() });
      } else {
        this.result.dropped.push({ path, reason: `arrived incomplete (${written} of ${expected} bytes)` });
        await unlink(dest).catch(() => undefined);
      }
    })().catch(async (e: Error) => {
      this.result.dropped.push({ path, reason: `could not be saved: ${e.message}` });
      ws?.destroy();
      entry.resume();
      await unlink(dest).catch(() => undefined);
    });
    this.pending.push(task);
  }
}
