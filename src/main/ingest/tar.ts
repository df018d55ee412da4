import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
// loaded when a tar is read (see inflate.ts LAZY)
import type { ReadEntry } from 'tar';
import { BufferContent } from './content';
import type { RawEntry } from './entry';
import { BombError, inflateStream, ratioCeiling } from './inflate';
import { noted, type Budget } from './limits';
import { isSosTailedLink, safeMemberPath, showName } from './paths';
import { TailBuffer } from './tail';
import { msg, type ArchiveFormat } from '../../shared/i18n/analysis';

export type TarCompression = 'none' | 'gzip' | 'xz' | 'bzip2' | 'zstd';

export { isTar, isXz } from './archive-kind';

const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Streams a tar / tar.gz / tar.xz from the user's disk through node-tar's Parser, keeping regular files in
 * memory (tail-capped). Links are never followed: symlink and hardlink entries are refused with a warning.
 * A cut-off or corrupt archive keeps every entry read before the damage (the one being read is kept as far as
 * it got, marked truncated). The ratio cap is checked on the whole stream, since tar has no per-entry sizes
 * before decompression.
 */
export async function readTar(source: string | Buffer, compression: TarCompression, origin: string, budget: Budget, out: RawEntry[], signal?: AbortSignal): Promise<void> {
  const at = budget.sink.length;
  const before = out.length;
  // how the archive was damaged, said once for it (summarise) instead of once per header node-tar could not read
  let cut = false;
  let damaged = false;
  let stop: string | undefined;
  let current: { name: string; tail: TailBuffer; size: number } | undefined;
  let entryLimitHit = false;

  // A tar on the user's disk, or one nested in another archive (already in memory).
  const file: Readable = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : Readable.from([source]);
  // the ratio cap on the whole stream, as the compressed bytes come in (tar has no per-entry compressed sizes)
  const stream: AsyncIterable<Buffer> =
    compression === 'none'
      ? file
      : inflateStream(file, compression, {
          ceiling: (inBytes) => ratioCeiling(inBytes, budget.limits.maxRatio),
          onTrailing: (n) => budget.warn(msg('ingest.trailing', { origin, bytes: n })),
        });

  const { Parser } = await import('tar');
  const parser = new Parser({
    strict: false,
    onwarn: (code: string, message: string | Error, data: { [k: string]: unknown }) => {
      const text = typeof message === 'string' ? message : message.message;
      if (code === 'TAR_BAD_ARCHIVE' && data?.entry !== undefined) cut = true; // "Truncated input": ends inside a file
      else if (code === 'TAR_ENTRY_INVALID' || ((cut || damaged) && code === 'TAR_BAD_ARCHIVE')) damaged = true;
      else budget.warn(msg('ingest.tar-warning', { origin, message: text }));
    },
    onReadEntry: (entry: ReadEntry) => {
      if (stop || entryLimitHit) return void entry.resume();
      if (!budget.takeEntry(origin)) {
        entryLimitHit = true;
        return void entry.resume();
      }
      const rawName = entry.path;
      if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
        // (sos's link to the tail it kept of a big log: the tail is read at this path, ingest/paths.ts sosTailedPath)
        if (entry.type === 'SymbolicLink' && isSosTailedLink(entry.linkpath ?? '')) return void entry.resume();
        budget.warn(msg('ingest.refused-link', { origin, name: showName(rawName), hard: entry.type === 'Link', target: showName(entry.linkpath ?? '') }));
        return void entry.resume();
      }
      if (!REGULAR.has(entry.type)) return void entry.resume();
      const safe = safeMemberPath(rawName);
      if (!safe.ok) {
        budget.warn(msg('ingest.refused-entry', { origin, name: showName(rawName), reason: safe.reason }));
        return void entry.resume();
      }
      if (!budget.takeBytes(Math.min(entry.size, budget.limits.maxFileBytes), origin, safe.path)) {
        stop = 'total';
        return void entry.resume();
      }
      const cur = { name: safe.path, tail: new TailBuffer(budget.limits.maxFileBytes), size: entry.size };
      current = cur;
      entry.on('data', (c: Buffer) => cur.tail.push(c));
      entry.on('end', () => {
        if (current === cur) current = undefined;
        push(out, cur.name, cur.tail, `${origin}!${cur.name}`, budget, cur.tail.seen < cur.size ? cur.size : undefined);
      });
    },
  });

  try {
    for await (const chunk of stream) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (stop) break;
      if (!parser.write(chunk)) await new Promise<void>((r) => parser.once('drain', () => r()));
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof BombError) {
      stop = 'bomb';
      budget.warn(msg('ingest.tar-bomb', { origin, limit: e.limit, ratio: budget.limits.maxRatio }));
    } else if (CUT_SHORT.test((e as Error).message)) cut = true;
    else damaged = true;
  } finally {
    file.destroy();
  }
  await new Promise<void>((resolve) => {
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
    parser.end();
    setTimeout(resolve, 1000).unref();
  });
  // After a bomb stop the half-read entry is dropped; after a cut-off archive it is kept as far as it got.
  let partial: string | undefined;
  if (current && !stop) {
    const cur = current as { name: string; tail: TailBuffer; size: number };
    push(out, cur.name, cur.tail, `${origin}!${cur.name}`, budget, cur.size);
    cut = true;
    partial = cur.name;
  }
  const read = out.length - before;
  const format = TAR_FORMAT[compression];
  if (cut) budget.sink.splice(at, 0, noted(msg('ingest.archive-cut', { origin, format, read, ...(partial ? { partial } : {}) })));
  else if (damaged) budget.sink.splice(at, 0, noted(msg('ingest.archive-damaged', { origin, format, read, part: 'data' })));
}

const TAR_FORMAT: Record<TarCompression, ArchiveFormat> = { none: 'tar', gzip: 'tar.gz', xz: 'tar.xz', bzip2: 'tar.bz2', zstd: 'tar.zst' };

/**
 * What the decompressors say of a stream that stops before its end (zlib; inflate.ts for bzip2 and zstd; xz-decompress's
 * LZMA_BUF_ERROR, code 8: no more input where more was needed).
 */
const CUT_SHORT = /unexpected end of file|data ends early|error code 8\b/;

/** Keeps an entry; `cutAt` (its declared size) when the archive ended before all of it was read. */
function push(out: RawEntry[], name: string, tail: TailBuffer, origin: string, budget: Budget, cutAt?: number): void {
  const data = tail.result();
  const warnings = [];
  if (tail.truncated) warnings.push({ file: name, ...noted(msg('ingest.capped-kept', { origin, size: tail.seen, cap: budget.limits.maxFileBytes, kept: data.length })) });
  if (cutAt !== undefined) warnings.push({ file: name, ...noted(msg('ingest.tar-cut', { origin, seen: tail.seen, size: cutAt })) });
  out.push({ name, content: new BufferContent(data), data, size: data.length, truncated: tail.truncated || cutAt !== undefined, origin, warnings });
}
