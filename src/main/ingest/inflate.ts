import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createInflateRaw, inflateRaw, inflateRawSync, inflateSync, type InflateRaw } from 'node:zlib';
import type * as XzModule from 'xz-decompress';
import { RATIO_MIN_BYTES } from './limits';
import { TailBuffer } from './tail';
import { ZstdFrameWalk, ZstdWindowError } from './zstd-frames';

/**
 * The one way compressed bytes become plain bytes (zip members, local-header recovery, `.gz` files and
 * members, tar.gz and tar.xz streams, nested archives). Every path has an output ceiling and stops with
 * BombError the moment the output passes it, so no input can make us hold more than the ceiling; before,
 * the zip recovery path retried a failed bounded inflate with no bound at all (1 MB → 1 GiB in memory).
 *
 * A damaged stream keeps what inflated before the damage. gzip is read as its header plus a raw deflate
 * body, because zlib's gunzip throws away the output of the write that meets bytes after the last member
 * (a tar.gz with trailing garbage lost everything); raw inflate stops cleanly at the end of the body.
 */
export type Codec = 'deflate-raw' | 'gzip' | 'xz' | 'bzip2' | 'zstd';

export class BombError extends Error {
  constructor(readonly limit: number) {
    super(`decompressed size passes ${limit} bytes (the ratio cap: a decompression bomb?)`);
  }
}

/** How many bytes `inBytes` compressed bytes may inflate to: the ratio cap, never below RATIO_MIN_BYTES. */
export function ratioCeiling(inBytes: number, maxRatio: number): number {
  return Math.max(RATIO_MIN_BYTES, Math.max(1, inBytes) * maxRatio);
}

/** Output ceiling as a function of the compressed bytes read so far (streams), or a fixed number. */
export type Ceiling = number | ((inBytes: number) => number);

export interface InflateOptions {
  ceiling: Ceiling;
  /** Called once when a gzip input has bytes after its last member (they are ignored). */
  onTrailing?: (bytes: number) => void;
  signal?: AbortSignal;
}

const SLICE = 64 * 1024;

/*
 * LAZY: the decoders of the rarer formats (xz, bzip2, and tar and yauzl in tar.ts and zip.ts) are imported when
 * an input needs them. Loaded up front they were ~0.4 s of CPU of every CLI run (load ~13), a fifth of the
 * 5,000-file tree's, which needs none of them.
 */
// xz-decompress is CommonJS: under Node's ESM loader the class is only on the default export.
type XzCtor = new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
const xzCtor = (xzModule: typeof XzModule): XzCtor =>
  (xzModule as unknown as { default?: { XzReadableStream: XzCtor } }).default?.XzReadableStream ?? (xzModule as unknown as { XzReadableStream: XzCtor }).XzReadableStream;

/**
 * Inflates a stream of compressed chunks, yielding plain chunks. Throws BombError once the output passes the
 * ceiling, and the codec's error (after yielding all that decoded before it) when the data is damaged.
 */
export async function* inflateStream(input: AsyncIterable<Buffer>, codec: Codec, opts: InflateOptions): AsyncGenerator<Buffer> {
  let inBytes = 0;
  let outBytes = 0;
  const counted = (async function* () {
    for await (const c of input) {
      inBytes += c.length;
      yield c;
    }
  })();
  const ceiling = typeof opts.ceiling === 'number' ? () => opts.ceiling as number : opts.ceiling;
  const source =
    codec === 'xz'
      ? xzChunks(counted)
      : codec === 'gzip'
        ? gzipChunks(counted, opts.onTrailing)
        : codec === 'bzip2'
          ? bzip2Chunks(counted, () => ceiling(inBytes), opts.onTrailing)
          : codec === 'zstd'
            ? zstdChunks(counted, () => ceiling(inBytes))
            : rawChunks(counted);
  for await (const c of source) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    outBytes += c.length;
    const limit = ceiling(inBytes);
    if (outBytes > limit) {
      await source.return(undefined);
      throw new BombError(limit);
    }
    yield c;
  }
}

export interface Inflated {
  /** The last `keep` bytes of the output. */
  data: Buffer;
  /** Every byte inflated (kept or not). */
  seen: number;
  truncated: boolean;
  /** Set when the input is damaged: `data` is what inflated before the damage. */
  error?: string;
}

/**
 * Inflates a buffer keeping the last `keep` bytes; BombError past the ceiling. A raw-deflate or gzip input
 * that fits is inflated in one call on the thread pool (`outputHint`: the expected size, so zlib returns one
 * buffer of it); a damaged one, or one over `keep`, is streamed.
 */
export async function inflateBuffer(packed: Buffer, codec: Codec, keep: number, opts: InflateOptions & { outputHint?: number }): Promise<Inflated> {
  const limit = typeof opts.ceiling === 'number' ? opts.ceiling : opts.ceiling(packed.length);
  if (codec === 'deflate-raw' && limit <= keep && limit < 2 ** 31 - 1) {
    try {
      const hint = opts.outputHint !== undefined && opts.outputHint <= limit ? opts.outputHint : undefined;
      const out = await inflateRawAsync(packed, { maxOutputLength: Math.max(1, limit), ...(hint !== undefined ? { chunkSize: Math.max(64, hint + 1) } : {}) });
      return { data: out, seen: out.length, truncated: false };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BombError(limit);
      // damaged: the stream below keeps what inflates before the damage
    }
  }
  const tail = new TailBuffer(keep);
  let error: string | undefined;
  try {
    for await (const c of inflateStream(slices(packed), codec, { ...opts, ceiling: limit })) tail.push(c);
  } catch (e) {
    if (e instanceof BombError || opts.signal?.aborted) throw e;
    error = (e as Error).message;
  }
  return { data: tail.result(), seen: tail.seen, truncated: tail.truncated, ...(error !== undefined ? { error } : {}) };
}

/**
 * The first bytes of a compressed head (to recognise a tar inside a .gz): a prefix of the stream is fine,
 * and the output is capped at `maxOut`.
 */
export function inflateHeadSync(head: Buffer, codec: 'gzip' | 'deflate-raw', maxOut: number): Buffer {
  let body = codec === 'gzip' ? head.subarray(gzipHeaderLength(head) ?? head.length) : head;
  // a head that inflates past maxOut is cut shorter until its output fits (a prefix is all we want)
  while (body.length > 0) {
    try {
      return inflateRawSync(body, { finishFlush: 2 /* Z_SYNC_FLUSH */, maxOutputLength: maxOut });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') break;
      body = body.subarray(0, body.length >> 1);
    }
  }
  return Buffer.alloc(0);
}

/** A small zlib-wrapped value (a base64 event message in waagent.log): null when damaged or over `maxOut`. */
export function inflateZlibSync(data: Buffer, maxOut: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: maxOut });
  } catch {
    return null;
  }
}

function inflateRawAsync(buf: Buffer, opts: { maxOutputLength: number; chunkSize?: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    inflateRaw(buf, opts, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

async function* slices(buf: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += SLICE) yield buf.subarray(i, i + SLICE);
}

/** Raw deflate through zlib; ends at the end of the deflate body (bytes after it are ignored). */
async function* rawChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  yield* runInflater(createInflateRaw(), it, undefined);
}

/**
 * Feeds `it` into a raw inflater and yields its output as it comes (the output of one write is bounded by
 * the ceiling check of the caller, which stops the generator). Returns the input bytes after the end of the
 * deflate body, when `leftover` is asked for.
 */
async function* runInflater(z: InflateRaw, it: AsyncIterator<Buffer>, first: Buffer | undefined, leftover?: (rest: Buffer[]) => void): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  z.on('data', (c: Buffer) => {
    out.push(c);
    poke();
  });
  z.on('end', () => {
    ended = true;
    poke();
  });
  z.on('error', (e: Error) => {
    failure = e;
    poke();
  });
  z.on('drain', poke);
  // input fed since the body started, minus what the inflater has surely consumed (to find the leftover)
  const fed: Buffer[] = [];
  let dropped = 0;
  const waitFor = (cond: () => boolean) =>
    new Promise<void>((resolve) => {
      if (cond()) return resolve();
      wake = resolve;
    });
  try {
    let inputDone = false;
    let pending = first;
    for (;;) {
      if (out.length) {
        yield* out.splice(0);
        continue;
      }
      if (ended || failure) break;
      if (inputDone || z.writableNeedDrain) {
        await waitFor(() => out.length > 0 || ended || !!failure || (!inputDone && !z.writableNeedDrain));
        continue;
      }
      let next = pending;
      pending = undefined;
      if (next === undefined) {
        const r = await it.next();
        if (r.done) {
          inputDone = true;
          z.end();
          continue;
        }
        next = r.value;
      }
      if (next.length === 0) continue;
      if (leftover) {
        fed.push(next);
        while (fed.length > 1 && dropped + fed[0].length <= z.bytesWritten) dropped += fed.shift()!.length;
      }
      z.write(next);
    }
    if (failure) throw failure;
    leftover?.([Buffer.concat(fed).subarray(Math.max(0, z.bytesWritten - dropped))]);
  } finally {
    z.destroy();
  }
}

/** Length of the gzip member header at the start of `b` (RFC 1952), undefined when incomplete or not gzip. */
function gzipHeaderLength(b: Buffer): number | undefined {
  if (b.length < 10 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return undefined;
  const flags = b[3];
  let p = 10;
  if (flags & 4) {
    if (b.length < p + 2) return undefined;
    p += 2 + b.readUInt16LE(p);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const z = b.indexOf(0, p);
      if (z < 0) return undefined;
      p = z + 1;
    }
  }
  if (flags & 2) p += 2;
  return p <= b.length ? p : undefined;
}

const GZIP_HEADER_MAX = 1 << 20;

/** gzip as members of header + raw deflate body + 8-byte trailer; bytes after the last member are reported, not an error. */
async function* gzipChunks(input: AsyncIterable<Buffer>, onTrailing?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  let buf: Buffer = Buffer.alloc(0);
  let inputDone = false;
  const more = async () => {
    const r = await it.next();
    if (r.done) inputDone = true;
    else buf = buf.length ? Buffer.concat([buf, r.value]) : r.value;
  };
  for (let member = 0; ; member++) {
    // header (and, from the second member on, the previous trailer)
    let skip = member === 0 ? 0 : 8;
    while (buf.length < skip + 10 && !inputDone) await more();
    if (member > 0 && buf.length <= skip) return; // clean end
    let head = gzipHeaderLength(buf.subarray(skip));
    while (head === undefined && !inputDone && buf.length < GZIP_HEADER_MAX && (buf.length < skip + 3 || (buf[skip] === 0x1f && buf[skip + 1] === 0x8b))) {
      await more();
      head = gzipHeaderLength(buf.subarray(skip));
    }
    if (head === undefined) {
      if (member === 0) throw new Error('not in gzip format (incorrect header check)');
      let rest = buf.length - skip;
      while (!inputDone) {
        const r = await it.next();
        if (r.done) break;
        rest += r.value.length;
      }
      if (rest > 0) onTrailing?.(rest);
      return;
    }
    skip += head;
    const body = buf.subarray(skip);
    buf = Buffer.alloc(0);
    let rest: Buffer[] = [];
    yield* runInflater(createInflateRaw(), it, body, (r) => (rest = r));
    buf = Buffer.concat(rest);
    // the inflater may have drained the input iterator to its end
    if (buf.length === 0) {
      const r = await it.next();
      if (r.done) return;
      buf = r.value;
    }
  }
}

async function* xzChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const XzReadableStream = xzCtor(await import('xz-decompress'));
  const web = Readable.toWeb(Readable.from(input)) as ReadableStream<Uint8Array>;
  const out = Readable.fromWeb(new XzReadableStream(web) as WebReadableStream);
  try {
    for await (const c of out) yield Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
  } finally {
    out.destroy();
  }
}

/**
 * The largest window a zstd frame may ask for: zstd's own decoder refuses more than 2^27 bytes unless told
 * `--memory` (ZSTD_WINDOWLOG_LIMIT_DEFAULT), and fzstd would allocate a frame's window (up to 2 GiB) up front.
 */
export const ZSTD_WINDOW_MAX = 1 << 27;
/** Input fed to the zstd decoder at a time: one block's output (≤ 128 KiB) is checked before the next is decoded. */
const ZSTD_SLICE = 16 * 1024;

/**
 * zstd (sos 4.x's default compression, `.tar.zst`; zstd-compressed rotated logs) through fzstd's streaming decoder.
 * fzstd hands out every decoded block (≤ 128 KiB) on its own, so the ceiling is checked per block and a bomb stops
 * there; a frame asking for a window over ZSTD_WINDOW_MAX is refused from its header (ZstdFrameWalk) before fzstd
 * reads that header and allocates the window. Concatenated frames (pzstd, `zstd -T0`) are read in turn.
 */
async function* zstdChunks(input: AsyncIterable<Buffer>, ceiling: () => number): AsyncGenerator<Buffer> {
  const { Decompress } = await import('fzstd');
  const frames = new ZstdFrameWalk(ZSTD_WINDOW_MAX);
  const ready: Buffer[] = [];
  let total = 0;
  const dec = new Decompress((block) => {
    total += block.length;
    if (total > ceiling()) throw new BombError(ceiling());
    if (block.length > 0) ready.push(Buffer.from(block.buffer, block.byteOffset, block.length));
  });
  let started = false;
  try {
    for await (const c of input) {
      if (c.length > 0) started = true;
      for (let i = 0; i < c.length; i += ZSTD_SLICE) {
        const slice = c.subarray(i, i + ZSTD_SLICE);
        try {
          frames.feed(slice);
        } catch (e) {
          // the frames before the refused one are decoded whole
          if (e instanceof ZstdWindowError && e.keep > 0) dec.push(slice.subarray(0, e.keep));
          throw e;
        }
        dec.push(slice);
        yield* ready.splice(0);
      }
    }
    if (!started) throw new Error('not zstd data (empty)');
    dec.push(new Uint8Array(0), true);
    yield* ready.splice(0);
  } catch (e) {
    if (e instanceof BombError) throw e;
    // damaged: what decoded before the damage is kept
    yield* ready.splice(0);
    throw new Error(zstdMessage(e as Error), { cause: e });
  }
}

/** fzstd's errors carry a code and a terse message; "unexpected EOF" is a cut-off download or copy. */
function zstdMessage(e: Error): string {
  const code = (e as Error & { code?: number }).code;
  return code === 5 ? 'the zstd data ends early' : e.message;
}

/** Compressed bytes one bzip2 block may take (unbzip2-stream's own margin: 100 kB per level plus 25 kB). */
const bzBlockInput = (level: number) => 25_000 + 100_000 * level;
const BZ_MAGIC = /^BZh[1-9]/;
const BZ_OUT_CHUNK = 64 * 1024;

/**
 * bzip2 through unbzip2-stream's block decoder, driven here instead of through its stream: that stream collects
 * each block's output as an array of JS numbers before pushing it, so one 46 MB block of a bomb took 1.1 GB and
 * 5 s before any check could run. Here every output byte goes into a 64 KiB buffer and the ceiling is checked per
 * byte (BombError the moment it passes), so memory stays at the ceiling plus one buffer. Concatenated streams
 * (pbzip2, `cat a.bz2 b.bz2`) are read in turn; bytes after the last stream go to `onTrailing`.
 */
async function* bzip2Chunks(input: AsyncIterable<Buffer>, ceiling: () => number, onTrailing?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const [{ default: bzip2 }, { default: bitIterator }] = await Promise.all([import('unbzip2-stream/lib/bzip2.js'), import('unbzip2-stream/lib/bit_iterator.js')]);
  const it = input[Symbol.asyncIterator]();
  const queue: Buffer[] = []; // not yet handed to the bit reader
  const held: Buffer[] = []; // from `heldStart` on, to look at the magic of a following stream
  let heldStart = 0;
  let received = 0;
  let done = false;
  const pull = async () => {
    const r = await it.next();
    if (r.done) done = true;
    else if (r.value.length > 0) {
      queue.push(r.value);
      held.push(r.value);
      received += r.value.length;
    }
  };
  const peek = (offset: number, n: number): Buffer => {
    while (held.length > 0 && heldStart + held[0].length <= offset) heldStart += held.shift()!.length;
    return Buffer.concat(held).subarray(offset - heldStart, offset - heldStart + n);
  };
  while (!done && received === 0) await pull();
  if (received === 0) throw new Error('not bzip2 data (empty)');
  const bits = bitIterator(() => {
    const b = queue.shift();
    if (!b) throw new Error('the bzip2 data ends early');
    return b;
  });
  const ready: Buffer[] = [];
  let out = Buffer.allocUnsafe(BZ_OUT_CHUNK);
  let pos = 0;
  let total = 0;
  let max = 0;
  const put = (byte: number) => {
    if (++total > max) throw new BombError(max);
    out[pos++] = byte;
    if (pos === BZ_OUT_CHUNK) {
      ready.push(out);
      out = Buffer.allocUnsafe(BZ_OUT_CHUNK);
      pos = 0;
    }
  };
  const flush = () => {
    if (pos > 0) ready.push(out.subarray(0, pos));
    out = Buffer.allocUnsafe(BZ_OUT_CHUNK);
    pos = 0;
  };
  let level = 0;
  let crc = 0;
  let block = new Int32Array(0);
  try {
    for (;;) {
      while (!done && received - bits.bytesRead < bzBlockInput(level || 9)) await pull();
      max = ceiling();
      if (level === 0) {
        level = bzip2.header(bits);
        crc = 0;
        if (block.length !== 100_000 * level) block = new Int32Array(100_000 * level);
        continue;
      }
      const r = bzip2.decompress(bits, put, block, block.length, crc);
      flush();
      yield* ready.splice(0);
      peek(bits.bytesRead, 0); // let go of the input already decoded
      if (r !== null) {
        crc = r;
        continue;
      }
      // the end of one stream: another may follow
      level = 0;
      while (!done && received - bits.bytesRead < 4) await pull();
      let rest = received - bits.bytesRead;
      if (rest === 0) return;
      if (!BZ_MAGIC.test(peek(bits.bytesRead, 4).toString('latin1'))) {
        while (!done) {
          const r2 = await it.next();
          if (r2.done) break;
          rest += r2.value.length;
        }
        onTrailing?.(rest);
        return;
      }
    }
  } catch (e) {
    if (e instanceof BombError) throw e;
    // damaged: what decoded before the damage is kept
    flush();
    yield* ready.splice(0);
    throw new Error((e as Error).message, { cause: e });
  }
}
