import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
// loaded when a zip is read (see inflate.ts LAZY): types only here
import type * as yauzl from 'yauzl';
import { BufferContent } from './content';
import type { Warning } from '../../shared';
import { type RawEntry } from './entry';
import { isUtf8 } from 'node:buffer';
import { BombError, inflateBuffer, inflateStream, ratioCeiling } from './inflate';
import { noted, type Budget } from './limits';
import { safeMemberPath, showName } from './paths';
import { TailBuffer } from './tail';
import { msg, type IngestNote } from '../../shared/i18n/analysis';

export { isZip } from './archive-kind';

export interface ZipSource {
  /** A zip on the user's disk (read with random access) or one already in memory (a nested history zip). */
  path?: string;
  buffer?: Buffer;
  /** How entries' origins start (`logs.zip` or `logs.zip!var/lib/waagent/history/x.zip`). */
  origin: string;
}

// autoClose off: members are read in parallel, and a damaged one's fallback stream may open after the
// central directory has been read to its end; readZip closes the zip once every member is done.
const YAUZL_OPTS = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false } as const;

/**
 * Members read at once. Each is one positioned read and one inflate on the libuv thread pool (4 threads),
 * so on 2 cores the three big logs of a logs.zip inflate side by side instead of one after another
 * while this thread waits; the window keeps a zip of 10,000 small members from opening 10,000 files.
 */
const PARALLEL_MEMBERS = 4;

/** What reading one member does to the output, applied in central-directory order once it is read. */
type MemberEffect = (out: RawEntry[]) => void;

/**
 * Reads every member of a zip into memory (bounded: per-file tail cap, total cap, entry cap, ratio cap).
 * Names are decoded and checked here — yauzl's own name check is off because it aborts the whole archive on
 * one bad name, and one hostile member must not hide the good ones. Never throws for bad archives: a zip
 * without a readable central directory (cut-off download) is scanned by its local headers instead.
 *
 * Members are admitted (name, link, encryption, bomb and budget checks) one by one in central-directory
 * order and then read up to PARALLEL_MEMBERS at a time; their entries and warnings are put in `out` and the
 * budget's warnings in that same order, so the result is the one a member-by-member read gives.
 */
export async function readZip(src: ZipSource, budget: Budget, out: RawEntry[], signal?: AbortSignal): Promise<void> {
  const at = budget.sink.length;
  const before = out.length;
  const seen: ZipSeen = { names: new Set(), encrypted: [] };
  let zip: yauzl.ZipFile;
  try {
    const { fromBufferPromise, openPromise, getFileNameLowLevel } = await import('yauzl');
    lowLevelName ??= getFileNameLowLevel;
    zip = await (src.buffer ? fromBufferPromise(src.buffer, YAUZL_OPTS) : openPromise(src.path!, YAUZL_OPTS));
  } catch {
    // no readable end record (a download or copy cut short, or a damaged end): the members' own headers stand in
    await recover(src, budget, out, seen);
    summarise(src.origin, budget, at, out.length - before, seen);
    return;
  }
  // per member, in order: the warnings its checks gave, then what reading it gives
  const members: { warnings: Warning[]; read: Promise<MemberEffect | undefined> }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let damaged = false;
  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      resolve();
    };
    zip.on('error', () => {
      damaged = true;
      finish();
    });
    zip.on('end', finish);
    zip.on('entry', (entry: yauzl.Entry) => {
      const warnings: Warning[] = [];
      const sink = budget.sink;
      budget.sink = warnings; // the checks' warnings wait for this member's turn
      let admitted: Admitted;
      try {
        admitted = admitEntry(entry, src, budget, seen);
      } finally {
        budget.sink = sink;
      }
      const read = typeof admitted === 'function' ? admitted(zip) : Promise.resolve(undefined);
      members.push({ warnings, read });
      if (admitted === 'stop') seen.stopped = true;
      if (admitted === 'stop' || signal?.aborted) return finish();
      if (typeof admitted === 'function') {
        inFlight.add(read);
        void read.finally(() => inFlight.delete(read));
      }
      const next = () => (finished ? undefined : zip.readEntry());
      if (inFlight.size < PARALLEL_MEMBERS) next();
      else void Promise.race(inFlight).then(next);
    });
    zip.readEntry();
  });
  for (const m of members) {
    budget.sink.push(...m.warnings);
    (await m.read)?.(out);
  }
  zip.close();
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  // a damaged list of members: the members it did not reach are read from their own headers
  if (damaged && !seen.stopped) await recover(src, budget, out, seen);
  summarise(src.origin, budget, at, out.length - before, seen);
}

/** What one zip's reading met, for the one sentence that sums it up (summarise). */
interface ZipSeen {
  /** Member names the list of members gave (read, refused or skipped): the header scan does not take them twice. */
  names: Set<string>;
  /** Encrypted members, by name. */
  encrypted: string[];
  /** An entry or total cap ended the reading: nothing more is taken. */
  stopped?: boolean;
  /** The members' headers were scanned (the list of members was unreadable), and how that ended. */
  scan?: ScanEnd;
}

/** The whole zip in memory, its members' headers scanned for what the list of members did not give. */
async function recover(src: ZipSource, budget: Budget, out: RawEntry[], seen: ZipSeen): Promise<void> {
  const buf = src.buffer ?? (await readWholeBounded(src.path!, budget));
  seen.scan = buf ? await scanLocalHeaders(buf, src.origin, budget, out, seen) : { end: 'data' };
}

/** One sentence on a zip that was not read whole, put before its members' own warnings. */
function summarise(origin: string, budget: Budget, at: number, read: number, seen: ZipSeen): void {
  const notes: IngestNote[] = [];
  const scan = seen.scan;
  if (scan?.end === 'cut') notes.push(msg('ingest.archive-cut', { origin, format: 'zip', read, ...(scan.partial ? { partial: scan.partial } : {}), ...(scan.whole ? { whole: true } : {}) }));
  else if (scan && scan.end !== 'capped') notes.push(msg('ingest.archive-damaged', { origin, format: 'zip', read, part: scan.end }));
  if (seen.encrypted.length > 0) notes.push(msg('ingest.zip-encrypted', { origin, count: seen.encrypted.length, read, names: seen.encrypted.slice(0, 3) }));
  budget.sink.splice(at, 0, ...notes.map((n) => noted(n)));
}

/** yauzl's name decoding (the Info-ZIP Unicode Path field, code page 437), set when yauzl is loaded. */
let lowLevelName: typeof yauzl.getFileNameLowLevel | undefined;

const utf8Name = new TextDecoder('utf-8');

/**
 * A member's name from its bytes. UTF-8 when the zip says so (general purpose bit 11) or an Info-ZIP Unicode Path field
 * gives it (yauzl reads the field); else in the code page of the machine that zipped it: Windows Explorer writes its
 * OEM code page without saying which (437 in the US, 936 GBK in China, 932 Shift_JIS in Japan). Valid UTF-8 is taken as
 * UTF-8 (Info-ZIP and most tools on Linux write it without the flag); bytes that read as Chinese or Japanese text
 * (legacyEncodingOf) as GBK or Shift_JIS; anything else in code page 437, as the zip format says.
 */
export function memberName(raw: Buffer, flags: number, extraFields: readonly yauzl.ExtraField[] = []): string {
  if (isUtf8(raw)) return utf8Name.decode(raw);
  // (a name flagged UTF-8 that is not, from a hostile or broken zip, is read as if unflagged: every byte kept)
  const unflagged = flags & ~0x800;
  if (lowLevelName && extraFields.some((f) => f.id === 0x7075)) return lowLevelName(unflagged, raw, [...extraFields], true);
  const cjk = cjkNameEncoding(raw);
  if (cjk) return new TextDecoder(cjk).decode(raw);
  return lowLevelName ? lowLevelName(unflagged, raw, [], true) : raw.toString('latin1');
}

/**
 * GBK or Shift_JIS, when a name's bytes past ASCII read better as Chinese or Japanese than in code page 437: each
 * reading is scored by what names are written in. A double-byte character scores by its kind (GB2312's hanzi and
 * full-width punctuation, both bytes 0xA1 or above; kana; kanji and full-width letters a little; a half-width kana,
 * what GBK's bytes read as in Shift_JIS, counts against), less when ASCII letters stand on both its sides (`a日b`);
 * in code page 437 an accented letter scores by the ASCII letters beside it (`für`, `château`), a box-drawing or
 * Greek symbol, or a letter inside a run of them or two after another, counts against. A tie keeps code page 437, the zip format's own.
 */
function cjkNameEncoding(raw: Buffer): 'gbk' | 'shift_jis' | undefined {
  const oem = oemScore(raw);
  const gbk = readsAs('gbk', raw) ? pairScore(raw, (a, b) => (((a >= 0xa1 && a <= 0xa9) || (a >= 0xb0 && a <= 0xf7)) && b >= 0xa1 ? 2 : 0)) : -Infinity;
  const sjis = readsAs('shift_jis', raw) ? pairScore(raw, sjisChar, (a) => a >= 0xa1 && a <= 0xdf) : -Infinity;
  if (Math.max(gbk, sjis) <= oem) return undefined;
  return gbk >= sjis ? 'gbk' : 'shift_jis';
}

const FATAL = { gbk: new TextDecoder('gbk', { fatal: true }), shift_jis: new TextDecoder('shift_jis', { fatal: true }) };
function readsAs(enc: keyof typeof FATAL, raw: Buffer): boolean {
  try {
    FATAL[enc].decode(raw);
    return true;
  } catch {
    return false;
  }
}

/** A Shift_JIS character's score: hiragana and katakana 2, kanji 1, symbols and full-width letters 0.5. */
function sjisChar(a: number, b: number): number {
  if ((a === 0x82 && b >= 0x9f) || (a === 0x83 && b <= 0x96)) return 2;
  if ((a >= 0x88 && a <= 0x9f) || (a >= 0xe0 && a <= 0xea)) return 1;
  return a === 0x81 || a === 0x82 ? 0.5 : 0;
}

const isLetter = (c: number | undefined) => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const isHigh = (c: number | undefined) => c !== undefined && c >= 0x80;

/** The score of a double-byte name: `pair` for each two-byte character, -2 for each byte `single` says stands alone. */
function pairScore(raw: Buffer, pair: (a: number, b: number) => number, single: (a: number) => boolean = () => false): number {
  let score = 0;
  let ascii = -1; // the last byte that stood alone as ASCII (a trail byte in 0x40–0x7E is no letter)
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] < 0x80) {
      ascii = i;
      continue;
    }
    const before = ascii === i - 1 && isLetter(raw[i - 1]);
    if (single(raw[i])) score -= 2;
    else score += pair(raw[i], raw[++i]);
    if (before && isLetter(raw[i + 1])) score -= 2;
  }
  return score;
}

/** Code page 437's accented letters (Ç to Ü, á to Ñ, ß). */
const isOemLetter = (c: number) => (c >= 0x80 && c <= 0x9a) || (c >= 0xa0 && c <= 0xa5) || c === 0xe1;

/** The score of a name read in code page 437 (see cjkNameEncoding). */
function oemScore(raw: Buffer): number {
  let score = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] < 0x80) continue;
    if (!isOemLetter(raw[i])) score -= 2;
    // in a run of them (`Åßè`), or every other letter (`âoâbâN`: katakana whose second bytes are ASCII letters)
    else if ((isHigh(raw[i - 1]) && isHigh(raw[i + 1])) || (isLetter(raw[i - 1]) && isOemLetter(raw[i - 2] ?? 0))) score -= 1;
    else score += (isLetter(raw[i - 1]) ? 1 : 0) + (isLetter(raw[i + 1]) ? 1 : 0);
  }
  return score;
}

/** A member to read, 'skip' (refused, or a directory) or 'stop' (entry or total cap: the archive ends here). */
type Admitted = ((zip: yauzl.ZipFile) => Promise<MemberEffect>) | 'skip' | 'stop';

/** The checks on one central-directory entry, before any of its bytes are read. */
function admitEntry(entry: yauzl.Entry, src: ZipSource, budget: Budget, seen: ZipSeen): Admitted {
  const rawName = memberName(rawNameOf(entry), entry.generalPurposeBitFlag, entry.extraFields);
  seen.names.add(rawName);
  if (!budget.takeEntry(src.origin)) return 'stop';
  if (rawName.endsWith('/') || rawName.endsWith('\\')) return 'skip'; // directory
  const safe = safeMemberPath(rawName);
  if (!safe.ok) {
    budget.warn(msg('ingest.refused-entry', { origin: src.origin, name: showName(rawName), reason: safe.reason }));
    return 'skip';
  }
  const origin = `${src.origin}!${safe.path}`;
  // Unix mode in the high 16 bits of the external attributes: a stored symlink is never taken as a file.
  if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) {
    budget.warn(msg('ingest.refused-link', { origin: src.origin, name: showName(rawName) }));
    return 'skip';
  }
  if ((entry.generalPurposeBitFlag & 1) !== 0) {
    seen.encrypted.push(safe.path);
    return 'skip';
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    budget.warn(msg('ingest.method-unsupported', { origin, method: entry.compressionMethod }));
    return 'skip';
  }
  if (budget.isBomb(entry.uncompressedSize, entry.compressedSize)) {
    budget.warn(msg('ingest.zip-bomb', { origin, packed: entry.compressedSize, size: entry.uncompressedSize, ratio: budget.limits.maxRatio }));
    return 'skip';
  }
  const cap = budget.limits.maxFileBytes;
  if (!budget.takeBytes(Math.min(entry.uncompressedSize, cap), src.origin, safe.path)) return 'stop';
  return (zip) => readMember(zip, entry, src, budget, seen, rawName, safe.path);
}

/** Reads one admitted member: inflated whole when it fits the per-file cap, else (or when damaged) streamed into a tail buffer. */
async function readMember(zip: yauzl.ZipFile, entry: yauzl.Entry, src: ZipSource, budget: Budget, seen: ZipSeen, listed: string, listedPath: string): Promise<MemberEffect> {
  const cap = budget.limits.maxFileBytes;
  const header = await localHeader(zip, entry);
  let name = listedPath;
  const renamed: Warning[] = [];
  if (header?.name && !header.name.equals(rawNameOf(entry))) {
    // The list of files and the member's own header disagree on its name (one of them damaged): the header's is the
    // one a scan of the headers finds when the list is damaged, so the member is read once, under it, naming both.
    const own = memberName(header.name, header.flags);
    seen.names.add(own);
    if (own.endsWith('/') || own.endsWith('\\')) return () => undefined;
    const safe = safeMemberPath(own);
    if (!safe.ok) return () => budget.warn(msg('ingest.refused-entry', { origin: src.origin, name: showName(own), reason: safe.reason }));
    name = safe.path;
    renamed.push({ file: name, ...noted(msg('ingest.member-renamed', { origin: `${src.origin}!${name}`, listed: showName(listed) })) });
  }
  const origin = `${src.origin}!${name}`;
  if (entry.compressionMethod === 8 && entry.uncompressedSize <= cap) {
    const packedAt = header?.fileDataStart;
    const whole = packedAt === undefined ? undefined : await inflateWhole(src, packedAt, entry);
    if (whole) {
      // (made again from the archive when a run lets the member go after its parse: BufferContent.keepOnly)
      const again = async () => (await inflateWhole(src, packedAt!, entry)) ?? Promise.reject(new Error(`${origin} no longer inflates as it did`));
      return (out) => out.push({ name, content: new BufferContent(whole, again), data: whole, size: whole.length, truncated: false, origin, warnings: renamed });
    }
    // damaged: the streaming path below keeps whatever inflates before the damage
  }
  const tail = new TailBuffer(cap);
  let error: string | undefined;
  try {
    // yauzl hands over the compressed bytes; the bounded inflater caps them at the (ratio-checked) declared size
    const raw: Readable = await zip.openReadStreamPromise(entry, entry.compressionMethod === 8 ? { decompress: false } : {});
    const plain = entry.compressionMethod === 8 ? inflateStream(raw, 'deflate-raw', { ceiling: entry.uncompressedSize }) : raw;
    for await (const c of plain) tail.push(c as Buffer);
    if (tail.seen !== entry.uncompressedSize) error = `inflates to ${tail.seen} of its declared ${entry.uncompressedSize} bytes`;
  } catch (e) {
    error = e instanceof BombError ? `inflates past its declared ${entry.uncompressedSize} bytes` : (e as Error).message;
  }
  if (error && tail.seen === 0) return () => budget.warn(msg('ingest.member-unreadable', { origin, error }));
  return (out) => pushEntry(out, name, tail, origin, budget, error, false, renamed);
}

/** A central-directory entry's name as its bytes. */
const rawNameOf = (entry: yauzl.Entry) => (entry.fileNameRaw ?? (entry.fileName as unknown as Buffer)) as Buffer;

/** A member's local header: where its compressed bytes start, its name's bytes and its flags; undefined when unreadable. */
async function localHeader(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ fileDataStart: number; name?: Buffer; flags: number } | undefined> {
  try {
    const h = await zip.readLocalFileHeaderPromise(entry);
    return { fileDataStart: h.fileDataStart, name: h.fileName as Buffer | undefined, flags: h.generalPurposeBitFlag };
  } catch {
    return undefined;
  }
}

/**
 * The fast path for a member that fits the per-file cap: read its compressed bytes and inflate them in one
 * call on the thread pool (no per-chunk stream overhead; the main thread stays free). The output is capped at
 * the declared size, so a header that lies about it cannot turn this into a bomb. Undefined when the data is
 * damaged or the size does not match.
 */
async function inflateWhole(src: ZipSource, fileDataStart: number, entry: yauzl.Entry): Promise<Buffer | undefined> {
  try {
    // One positioned read of the compressed bytes (yauzl's stream would read them in 64 KiB slices).
    let packed: Buffer;
    if (src.buffer) packed = src.buffer.subarray(fileDataStart, fileDataStart + entry.compressedSize);
    else {
      const fh = await open(src.path!, 'r');
      try {
        packed = Buffer.allocUnsafe(entry.compressedSize);
        const { bytesRead } = await fh.read(packed, 0, entry.compressedSize, fileDataStart);
        if (bytesRead !== entry.compressedSize) return undefined;
      } finally {
        await fh.close();
      }
    }
    // One output chunk of the declared size (+1, so a full chunk never asks for another): zlib hands that
    // buffer back as is, where output in chunks is copied once more into one Buffer at the end (the 90 MB
    // waagent.log of a logs.zip: 140 → 80 ms). The declared size is bounded like every other member's: the
    // ratio check refused an absurd one, the budget has reserved it; the pages are touched only as written.
    const size = entry.uncompressedSize;
    const r = await inflateBuffer(packed, 'deflate-raw', size, { ceiling: size, outputHint: size });
    return !r.error && r.data.length === size ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a member read through a tail buffer; `error` when its data is damaged, `cut` when the archive ends inside it. */
function pushEntry(out: RawEntry[], name: string, tail: TailBuffer, origin: string, budget: Budget, error?: string, cut = false, before: Warning[] = []): void {
  const data = tail.result();
  const warnings = [...before];
  if (tail.truncated && !error && !cut) warnings.push({ file: name, ...noted(msg('ingest.capped-kept', { origin, size: tail.seen, cap: budget.limits.maxFileBytes, kept: data.length })) });
  if (cut) warnings.push({ file: name, ...noted(msg('ingest.member-cut', { origin, kept: data.length })) });
  else if (error) warnings.push({ file: name, ...noted(msg('ingest.member-damaged', { origin, error, kept: data.length })) });
  out.push({ name, content: new BufferContent(data), data, size: data.length, truncated: tail.truncated || !!error || cut, origin, warnings });
}

async function readWholeBounded(path: string, budget: Budget): Promise<Buffer | undefined> {
  const { readFile, stat } = await import('node:fs/promises');
  const s = await stat(path);
  if (s.size > budget.remaining) {
    budget.warn(msg('ingest.too-large-to-recover', { path }));
    return undefined;
  }
  return readFile(path);
}

/**
 * How a scan of the members' headers ended: the file ran out (cut short; `partial` the member it ends in), the list of
 * members began (it is damaged), bytes that are no header, or an entry or size cap (which says so itself).
 */
interface ScanEnd {
  end: 'cut' | 'directory' | 'data' | 'capped';
  partial?: string;
  /** Cut inside the list of members, after every member. */
  whole?: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = Buffer.from('PK\x03\x04', 'latin1');
const DIRECTORY_HEADERS = new Set([0x02014b50, 0x06054b50, 0x06064b50]);
const END_RECORD = Buffer.from('PK\x05\x06', 'latin1');
const PK = Buffer.from('PK', 'latin1');

const DESCRIPTOR = 0x08074b50;
/** A data descriptor's shapes: its length, whether it starts with its signature, whether its sizes are 8 bytes (zip64). */
const DESCRIPTORS = [
  { len: 16, sig: true, wide: false },
  { len: 12, sig: false, wide: false },
  { len: 24, sig: true, wide: true },
  { len: 20, sig: false, wide: true },
] as const;

/**
 * Where a streamed member's data ends (`data`) and the next header starts (`next`): the first local header, list of
 * members or end of the file that a data descriptor stands right before whose compressed size is the bytes from
 * `dataStart` to it (so a `PK` inside the compressed bytes is not taken for a header). Stored and deflated members
 * alike, without inflating; undefined when no such descriptor is found (the archive ends inside the member).
 */
function streamedEnd(buf: Buffer, dataStart: number): { data: number; next: number } | undefined {
  const fits = (at: number) => {
    for (const d of DESCRIPTORS) {
      const start = at - d.len;
      if (start < dataStart || (d.sig && buf.readUInt32LE(start) !== DESCRIPTOR)) continue;
      const sizeAt = start + (d.sig ? 8 : 4);
      const size = d.wide ? Number(buf.readBigUInt64LE(sizeAt)) : buf.readUInt32LE(sizeAt);
      if (size === start - dataStart) return start;
    }
    return undefined;
  };
  for (let at = buf.indexOf(PK, dataStart + 12); at >= 0; at = buf.indexOf(PK, at + 1)) {
    if (at + 4 > buf.length) break;
    const sig = buf.readUInt32LE(at);
    if (sig !== LOCAL_HEADER && !DIRECTORY_HEADERS.has(sig)) continue;
    const data = fits(at);
    if (data !== undefined) return { data, next: at };
  }
  const data = fits(buf.length);
  return data === undefined ? undefined : { data, next: buf.length };
}

/**
 * Recovery for a zip without a readable list of members (its end cut off, or damaged): walks `PK\3\4` local headers
 * from the start and inflates each member, except those the list of members gave already (`seen.names`): its sizes are
 * in its header (what `zipfile`/fflate write to a file) or, streamed (`zip` to a pipe), in the data descriptor after
 * its data (streamedEnd). A member cut in the middle keeps the bytes that inflate.
 */
export async function scanLocalHeaders(buf: Buffer, origin: string, budget: Budget, out: RawEntry[], seen?: ZipSeen): Promise<ScanEnd> {
  let pos = 0;
  while (pos + 30 <= buf.length && buf.readUInt32LE(pos) === LOCAL_HEADER) {
    const flags = buf.readUInt16LE(pos + 6);
    const method = buf.readUInt16LE(pos + 8);
    let csize = buf.readUInt32LE(pos + 18);
    const usize = buf.readUInt32LE(pos + 22);
    const nlen = buf.readUInt16LE(pos + 26);
    const xlen = buf.readUInt16LE(pos + 28);
    const nameStart = pos + 30;
    const dataStart = nameStart + nlen + xlen;
    if (dataStart > buf.length) return { end: 'cut' };
    const rawName = memberName(buf.subarray(nameStart, nameStart + nlen), flags);
    let cut: boolean;
    if ((flags & 8) === 0) {
      cut = dataStart + csize > buf.length;
      pos = dataStart + csize;
    } else {
      // streamed (a data descriptor after the data holds the sizes): the member ends where a descriptor does whose
      // size says so, before the next header; none found, the archive ends inside it
      const end = streamedEnd(buf, dataStart);
      cut = end === undefined;
      csize = (end?.data ?? buf.length) - dataStart;
      pos = end?.next ?? buf.length;
    }
    const dataEnd = Math.min(buf.length, dataStart + csize);
    if (seen?.names.has(rawName)) continue;
    if (!budget.takeEntry(origin)) return { end: 'capped' };
    if (rawName.endsWith('/')) continue;
    const safe = safeMemberPath(rawName);
    if (!safe.ok) {
      budget.warn(msg('ingest.refused-entry', { origin, name: showName(rawName), reason: safe.reason }));
      continue;
    }
    if ((flags & 1) !== 0) {
      seen?.encrypted.push(safe.path);
      continue;
    }
    if (budget.isBomb(usize, csize)) {
      budget.warn(msg('ingest.zip-ratio-declared', { origin: `${origin}!${safe.path}`, ratio: budget.limits.maxRatio }));
      continue;
    }
    const tail = new TailBuffer(budget.limits.maxFileBytes);
    let error: string | undefined;
    const packed = buf.subarray(dataStart, dataEnd);
    if (method === 0) tail.push(packed);
    else if (method === 8) {
      // The declared size is only a claim here (no central directory to cross-check): the ratio ceiling
      // bounds the output whatever the header says, and a member cut mid-stream keeps what decodes.
      try {
        const r = await inflateBuffer(packed, 'deflate-raw', budget.limits.maxFileBytes, { ceiling: ratioCeiling(packed.length, budget.limits.maxRatio) });
        tail.push(r.data);
        tail.seen = r.seen;
        error = r.error;
      } catch (e) {
        if (!(e instanceof BombError)) throw e;
        budget.warn(msg('ingest.zip-ratio-inflated', { origin: `${origin}!${safe.path}`, ratio: budget.limits.maxRatio, packed: packed.length }));
        continue;
      }
    } else {
      budget.warn(msg('ingest.method-unsupported', { origin: `${origin}!${safe.path}`, method }));
      continue;
    }
    if (!budget.takeBytes(Math.min(tail.seen, budget.limits.maxFileBytes), origin, safe.path)) return { end: 'capped' };
    if (cut) {
      pushEntry(out, safe.path, tail, `${origin}!${safe.path}`, budget, undefined, true);
      return { end: 'cut', partial: safe.path };
    }
    pushEntry(out, safe.path, tail, `${origin}!${safe.path}`, budget, error);
  }
  if (pos + 4 <= buf.length && DIRECTORY_HEADERS.has(buf.readUInt32LE(pos))) {
    // every member was before the list; a list without its end record was cut inside it, else it is damaged
    const end = buf.lastIndexOf(END_RECORD);
    return end < pos || end + 22 > buf.length ? { end: 'cut', whole: true } : { end: 'directory' };
  }
  // the file ends here, or inside the next member's header
  return pos >= buf.length || LOCAL_HEADER_BYTES.subarray(0, buf.length - pos).equals(buf.subarray(pos, pos + 4)) ? { end: 'cut' } : { end: 'data' };
}
